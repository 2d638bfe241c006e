"""Per-article analysis speed in one process, and a check that a speed change kept every result.

    python -m bench.analysis_speed [--corpus ../shared/corpora/bbc] [--repeat 3] [--save DIR | --compare DIR] [--top N]

Reads every .txt of the corpus with the repository's site_config exactly as a conversion
worker does (``read_article`` then ``analyse``) and prints the CPU time per article, best of
``--repeat`` runs, with the first article (start-up: dictionaries, gazetteer) counted apart.
``--save DIR`` pickles every result; ``--compare DIR`` checks the results equal those saved
by an earlier run (before a change) and names the files that differ. ``--top N`` prints the
N functions with the most own time under cProfile. Prints figures only.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pickle
import pstats
import time
from pathlib import Path
from typing import Any

from generator.analysis.analyse import analyse
from generator.config import SiteConfig, load_config
from generator.models import Problem
from generator.pipeline import read_article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "bbc"


def _files(corpus: Path) -> list[tuple[Path, str]]:
    paths = sorted(p for p in corpus.rglob("*.txt") if "attributions" not in p.parts and p.name != "README.TXT")
    return [(p, p.relative_to(corpus).as_posix()) for p in paths]


def _one(path: Path, rel: str, config: SiteConfig) -> Any:
    article = read_article(path, rel, config)
    return article if isinstance(article, Problem) else analyse(article, config)


def _run(files: list[tuple[Path, str]], config: SiteConfig) -> tuple[list[tuple[str, Any]], float, float]:
    """Results, CPU seconds of the first article and of the rest."""
    results: list[tuple[str, Any]] = []
    t0 = time.process_time()
    t1 = t0
    for i, (path, rel) in enumerate(files):
        results.append((rel, _one(path, rel, config)))
        if i == 0:
            t1 = time.process_time()
    return results, t1 - t0, time.process_time() - t1


def _compare(results: list[tuple[str, Any]], saved: Path) -> int:
    before = pickle.loads(saved.read_bytes())
    differ = [rel for (rel, a), (_, b) in zip(before, results, strict=False) if a != b]
    if len(before) != len(results):
        print(f"compare: {len(before)} results saved, {len(results)} now")
    print(f"compare: {len(results)} results, {len(differ)} differ" + (f": {', '.join(differ[:10])}" if differ else ""))
    return 1 if differ or len(before) != len(results) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--save", type=Path)
    group.add_argument("--compare", type=Path)
    parser.add_argument("--top", type=int, default=0)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: expected a folder of .txt articles, found none")
        return 2
    config = load_config(ROOT)
    files = _files(args.corpus)
    best: tuple[float, float] | None = None
    results: list[tuple[str, Any]] = []
    for n in range(max(1, args.repeat)):
        results, first, rest = _run(files, config)
        per = 1000 * rest / max(1, len(files) - 1)
        print(f"run {n + 1}: {len(files)} articles, CPU {first + rest:.2f} s, {per:.2f} ms/article after 1st ({first:.2f} s)")
        best = (first, rest) if best is None or rest < best[1] else best
    assert best is not None
    print(f"best: {1000 * best[1] / max(1, len(files) - 1):.2f} ms/article CPU, one process")
    if args.top:
        profile = cProfile.Profile()
        profile.runcall(_run, files, config)
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
        print(out.getvalue())
    if args.save:
        args.save.write_bytes(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
        print(f"saved {len(results)} results to {args.save}")
    return _compare(results, args.compare) if args.compare else 0


if __name__ == "__main__":
    raise SystemExit(main())
