"""Where conversion time goes, stage by stage, in one process.

    python -m bench.profile --corpus ../shared/corpora/bbc --size 2225 [--synthetic] [--top 15]

Stages: discover + hash; analyse with 1 worker and with one per core (no cache);
the same with the cache cold (store) and warm (load); build_corpus and render_site
under cProfile (top functions by cumulative time); write_pages into an empty docs/.
Prints figures only.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from bench.__main__ import fill_content, make_project
from generator.cache import AnalysisCache
from generator.config import load_config
from generator.dossier.corpus import build_corpus
from generator.pipeline import analyse_entries, discover, hash_files
from generator.render.site import render_site
from generator.writer import write_pages

T = TypeVar("T")


def clock(label: str, fn: Callable[[], T]) -> T:
    t0 = time.perf_counter()
    value = fn()
    print(f"{label:<44} {time.perf_counter() - t0:8.2f} s", flush=True)
    return value


def profiled(label: str, fn: Callable[[], T], top: int) -> T:
    profile = cProfile.Profile()
    t0 = time.perf_counter()
    profile.enable()
    value = fn()
    profile.disable()
    print(f"{label:<44} {time.perf_counter() - t0:8.2f} s (under cProfile)")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(top)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    print("\n".join("    " + line for line in lines[start:]), flush=True)
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc"))
    parser.add_argument("--size", type=int, default=2225)
    parser.add_argument("--synthetic", action="store_true")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--skip-single", action="store_true", help="skip the one-worker analysis")
    parser.add_argument("--corpus-only", action="store_true", help="one analysis pass, then build_corpus only (for large sizes)")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="dossier-profile-"))
    try:
        root = make_project(tmp)
        n = fill_content(root, Path(args.corpus), args.size, args.synthetic)
        config = load_config(root)
        print(f"{n} articles ({'synthetic' if args.synthetic else 'corpus'}), {os.cpu_count()} cores")
        files, found = clock("discover", lambda: discover(config.content_dir))
        entries = clock("read + sha256 every file", lambda: hash_files(files, config.content_dir, config))
        results: Any = None
        if not args.skip_single:
            results = clock("analyse, 1 process, no cache", lambda: analyse_entries(entries, config, workers=1))
        results = clock(f"analyse, {os.cpu_count()} processes, no cache", lambda: analyse_entries(entries, config))
        if not args.corpus_only:
            cache = AnalysisCache.for_config(config)
            clock("analyse + store in cache (cold)", lambda: analyse_entries(entries, config, cache=cache))
            results = clock("load every analysis from cache (warm)", lambda: analyse_entries(entries, config, cache=cache))
            print(f"{'analysed in the warm pass':<44} {results.analysed:8d}")
        corpus = profiled("build_corpus", lambda: build_corpus(results.analyses, config, found + results.problems), args.top)
        print(f"{'articles / entities / events':<44} {len(corpus.articles)} / {len(corpus.entities)} / {len(corpus.events)}")
        if args.corpus_only:
            return 0
        pages = profiled("render_site", lambda: render_site(corpus, config), args.top)
        print(f"{'pages':<44} {len(pages):8d} ({sum(len(p.text) for p in pages) / 1e6:.1f} MB of Markdown)")
        config.docs_dir.mkdir(exist_ok=True)
        clock("write_pages (empty docs/)", lambda: write_pages(pages, config.docs_dir))
        clock("write_pages (nothing changed)", lambda: write_pages(pages, config.docs_dir))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
