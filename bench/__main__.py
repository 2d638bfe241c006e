"""Scale benchmark: conversion, MkDocs build and search payload, against the engine floor.

Usage (from the repository root; takes minutes, prints figures, asserts nothing):

    python -m bench --corpus ../shared/corpora/bbc --sizes 200,1000,2225
    python -m bench --corpus ../shared/corpora/bbc --synthetic 10000      # real articles, varied names and dates
    python -m bench --corpus ../shared/corpora/bbc --sizes 2000 --serve   # also: edit-to-served under `mkdocs serve`
    options: --no-floor, --no-mkdocs (conversion only), --no-pagefind, --workers N, --keep DIR

Each size runs in a fresh temporary project: site_config/, mkdocs.yml and docs/about.md
copied from this repository, content/ = the first N corpus files (or N synthetic ones,
generated at run time, see bench/synthetic.py). The projects are deleted only when every size is
measured: a deletion slows the files created after it (``disk_probe``). For each size it measures:

* disk: the time to create 1,000 page-sized files just before the cold run (the disk's state);

* convert cold: `dossier convert` in a fresh subprocess, wall time including start-up, the
  user's compiled word lists in place (a one-article conversion before the first size makes them);
  ``pipeline`` is pipeline.convert alone; ms/article = cold pipeline time / N;
* convert warm: the same command again with nothing changed, and how many files under
  the project (docs/, .cache/, site_config/) it wrote (should be 0);
* one edit: one article edited, then converted again (what each `mkdocs serve` rebuild does);
* peak RSS: ru_maxrss of the converter process and of its largest pool worker;
* mkdocs build: `mkdocs build` of the converted docs/ (the plugin's conversion switched off);
  full build = cold convert + mkdocs build, as `dossier build` runs them;
* the engine floor, in the same run: a bare MkDocs project with the same theme settings
  (mkdocs.yml's theme, extensions, overrides), the search plugin only, and N plain pages
  holding the same articles' text, not in the nav; ratio = full build / floor;
* site size, and the search payload a reader fetches for one query: Material loads all of
  search/search_index.json (raw and gzip sizes shown); Pagefind (when `python -m pagefind`
  is installed, run over the built site) loads pagefind.js, pagefind-worker.js,
  pagefind-entry.json, the WebAssembly, the meta file, one index chunk (the largest: worst
  case for a one-word query) and five result fragments (5 x the mean size): files Pagefind
  already stores compressed. The UI's own script and stylesheet are not counted.

Every command runs with Python's compiled modules kept, as in a user's checkout, even where the
environment sets PYTHONDONTWRITEBYTECODE.

With --serve (slow: the whole site is rebuilt), `mkdocs serve` runs on the project, one
article is edited, and the time until the served page shows the edit is printed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.convert_run import edit_one
from bench.floor import make_floor
from bench.serve_time import serve_edit
from bench.synthetic import corpus_files, write_synthetic
from bench.targets import largest_pages, page_counts, target_table
from generator.config import load_config
from generator.search import engine_for, mkdocs_env

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable
# Compiled modules are kept, as in a user's checkout: where the environment says not to write them
# (PYTHONDONTWRITEBYTECODE), every timed command would compile the package again (~0.2 s of CPU that no
# user pays). The first command writes generator/__pycache__ (the installed libraries have theirs).
ENV = {
    **{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
    **dict(NO_MKDOCS_2_WARNING="1", DOSSIER_SKIP_CONVERT="1", CI="1"),
}
RESULTS_SHOWN = 5  # result fragments a search page loads for one query


def make_project(where: Path) -> Path:
    """A throwaway project around an empty content/ folder."""
    root = where / "project"
    shutil.copytree(REPO / "site_config", root / "site_config", ignore=shutil.ignore_patterns("entities.suggested.yml"))
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    shutil.copy(REPO / "docs" / "about.md", root / "docs" / "about.md")
    (root / "content").mkdir()
    return root


def lists_ready(corpus: Path, where: Path) -> float:
    """Convert one article in a throwaway project (in ``where``, removed with the others at the end), so the
    user's compiled word lists (cache.lists_folder) are in place before any timed run, as on every machine
    that has converted once."""
    root = make_project(Path(tempfile.mkdtemp(prefix="dossier-bench-lists-", dir=where)))
    fill_content(root, corpus, 1, False)
    t0 = time.perf_counter()
    run_convert(root, None)
    return time.perf_counter() - t0


PROBE_FILES = 1000


def disk_probe(where: Path) -> float:
    """Seconds to create PROBE_FILES files of a page's size in a new folder (kept until the end of the run).

    Creating files can cost far more right after many were deleted (seen here on ext4: 5,870 new files
    in 0.25 s as a rule, 3.9 s after 20,000 were deleted, all of it kernel time), and a cold conversion
    creates one file per page: this figure, taken just before, says in which state the disk was. The
    bench itself deletes nothing until every size is measured."""
    folder = Path(tempfile.mkdtemp(prefix="dossier-bench-disk-", dir=where))
    data = b"x" * 13_000  # about an article page
    t0 = time.perf_counter()
    for n in range(PROBE_FILES):
        (folder / f"{n}.md").write_bytes(data)
    return time.perf_counter() - t0


def fill_content(root: Path, corpus: Path, n: int, synthetic: bool) -> int:
    content = root / "content"
    if synthetic:
        return write_synthetic(corpus, n, content)
    files = corpus_files(corpus)[:n]
    for path in files:
        target = content / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return len(files)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file under the project except the built site."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        if Path(dirpath) == root:
            dirnames[:] = [d for d in dirnames if d != "site"]
        for name in filenames:
            path = os.path.join(dirpath, name)
            st = os.stat(path)
            out[path] = (st.st_size, st.st_mtime_ns)
    return out


def run_convert(root: Path, workers: int | None, warm_edit: str = "") -> dict[str, Any]:
    cmd = (
        [PY, "-m", "bench.convert_run", str(root)]
        + (["--workers", str(workers)] if workers else [])
        + (["--warm-edit", warm_edit] if warm_edit else [])
    )
    t0 = time.perf_counter()
    out = subprocess.run(cmd, cwd=REPO, env=ENV, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if out.returncode != 0 or not out.stdout.strip():
        raise SystemExit(f"convert failed ({out.returncode}):\n{out.stderr[-3000:]}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    data["wall_s"] = wall
    return data


def timed(cmd: Sequence[str], cwd: Path, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    out = subprocess.run(list(cmd), cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stderr[-3000:]}")
    return time.perf_counter() - t0


def tree_bytes(folder: Path) -> tuple[int, int]:
    """(bytes, html pages) under a folder."""
    size = pages = 0
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            size += os.path.getsize(os.path.join(dirpath, name))
            pages += name.endswith(".html")
    return size, pages


def material_search(site: Path) -> tuple[int, int]:
    index = site / "search" / "search_index.json"
    if not index.exists():
        return 0, 0
    data = index.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6))


def pagefind_available() -> bool:
    return subprocess.run([PY, "-m", "pagefind", "--version"], capture_output=True, check=False).returncode == 0


def pagefind_query_bytes(site: Path) -> dict[str, int]:
    """Bytes one query fetches, cold cache, by part (see the module docstring for what is counted)."""
    pf = site / "pagefind"

    def size(pattern: str) -> list[int]:
        return [p.stat().st_size for p in pf.glob(pattern)]

    fragments = size("fragment/*.pf_fragment")
    parts = {
        "scripts": sum(size("pagefind.js") + size("pagefind-worker.js")),
        "entry": sum(size("pagefind-entry.json")),
        "wasm": max((p.stat().st_size for p in pf.glob("wasm.*.pagefind") if not p.name.startswith("wasm.unknown")), default=0),
        "meta": sum(size("*.pf_meta")),
        "chunk": int(statistics.median(size("index/*.pf_index") or [0])),  # a typical one-word query
        "fragments": int(RESULTS_SHOWN * sum(fragments) / len(fragments)) if fragments else 0,
    }
    parts["total"] = sum(parts.values())
    parts["worst"] = parts["total"] - parts["chunk"] + max(size("index/*.pf_index"), default=0)  # the largest chunk
    return parts


def build_site(root: Path, engine: str, row: dict[str, Any], pagefind: bool = True) -> None:
    """What `dossier build` runs after converting: MkDocs with the chosen search, then Pagefind if chosen."""
    env = dict(ENV, **mkdocs_env(engine))
    row["mkdocs_s"] = timed([PY, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")], root, env)
    row["site_bytes"], row["site_html"] = tree_bytes(root / "site")
    row["material_index"], row["material_index_gz"] = material_search(root / "site")
    row["largest"] = largest_pages(root / "site")
    row["pagefind_s"] = 0.0
    if engine == "pagefind" and pagefind and pagefind_available():
        row["pagefind_s"] = timed(
            [PY, "-m", "pagefind", "--site", "site", "--quiet", "--keep-index-url", "--exclude-selectors", ".headerlink"],
            root,
            env,
        )
        parts = pagefind_query_bytes(root / "site")
        row["pagefind_query_bytes"] = parts.pop("total")
        row["pagefind_worst_bytes"] = parts.pop("worst")
        row["pagefind_parts"] = ", ".join(f"{k} {v / 1e3:.0f}" for k, v in parts.items())


def convert_figures(root: Path, args: argparse.Namespace, row: dict[str, Any]) -> str:
    """Cold, warm and one-edit conversions; returns the edited article's content path."""
    cold = run_convert(root, args.workers)
    before = snapshot(root)
    warm = run_convert(root, args.workers)
    after = snapshot(root)
    row.update(
        cold_s=cold["wall_s"],
        cold_pipeline_s=cold["pipeline_s"],
        warm_s=warm["wall_s"],
        warm_pipeline_s=warm["pipeline_s"],
        warm_files_written=sum(1 for k, v in after.items() if before.get(k) != v) + len(set(before) - set(after)),
        ms_per_article=1000 * cold["pipeline_s"] / max(row["n"], 1),
        rss_main_mb=cold["rss_main_mb"],
        rss_worker_mb=cold["rss_worker_mb"],
        articles=cold.get("articles"),
        entities=cold.get("entities"),
        events=cold.get("events"),
        pages=cold.get("pages"),
    )
    edited = edit_one(root)
    one = run_convert(root, args.workers)
    warm_one = run_convert(root, args.workers, warm_edit="The benchmark added a second sentence.")
    row.update(edit_warm_s=warm_one["pipeline_s"], warm_up_s=warm_one.get("warm_up_s"), edit_warm_written=warm_one["written"])
    if len({cold["code"], warm["code"], one["code"]}) > 1:
        row["warning"] = "the generator's code changed during the run: the warm and edit figures include re-analysis"
    row.update(
        edit_s=one["wall_s"], edit_pipeline_s=one["pipeline_s"], edit_analysed=one["analysed"], edit_written=one["written"]
    )
    row.update(warm_converter_edit(root))
    row["page_counts"] = page_counts(root / "docs")
    return edited


def warm_converter_edit(root: Path) -> dict[str, Any]:
    """`dossier convert` as a user runs it: once (it leaves a warm converter, generator/warm.py, which loads the
    project as serve does: ``warm_ready_s``), then after one edit, answered by that converter (``edit_cmd_warm_s``)."""
    from generator.files import CACHE_DIR
    from generator.warm import LIFE, stop, supported, waited

    if not supported(root):
        return {}  # no Unix sockets here, or the project's path is too long for one: the figure stays '-'
    script = [PY, "-c", "from generator.cli import run; run()", "convert", "-v", "--root", str(root)]
    env = dict(ENV, DOSSIER_WARM="1")
    try:
        subprocess.run(script, cwd=REPO, env=env, capture_output=True, text=True, check=True)
        t0 = time.perf_counter()
        if not waited(root, 1800):
            raise SystemExit("the warm converter did not answer within 30 minutes")
        ready = time.perf_counter() - t0
        edit_one(root, "The benchmark added a sentence for the warm converter.")
        t0 = time.perf_counter()
        out = subprocess.run(script, cwd=REPO, env=env, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - t0
        if "converted by the warm converter" not in out.stderr:
            raise SystemExit(f"the edit was not converted by the warm converter:\n{out.stderr[-2000:]}")
        peak = _peak_mb(root / CACHE_DIR / LIFE)
    finally:
        stop(root)
    return {"warm_ready_s": ready, "edit_cmd_warm_s": wall, "rss_warm_mb": peak}


def _peak_mb(pid_file: Path) -> float | None:
    """The peak resident memory of the process whose pid the file holds (Linux /proc), or None."""
    try:
        status = Path(f"/proc/{int(pid_file.read_text().strip())}/status").read_text()
    except (OSError, ValueError):
        return None
    return next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")), None)


def bench_size(corpus: Path, n: int, synthetic: bool, args: argparse.Namespace, where: Path) -> dict[str, Any]:
    """Every figure of one size, in a project made in ``where`` (not removed here: see ``disk_probe``)."""
    tmp = Path(tempfile.mkdtemp(prefix=f"dossier-bench-{n}-", dir=where))
    root = make_project(tmp)
    count = fill_content(root, corpus, n, synthetic)
    row: dict[str, Any] = {"n": count, "load_before": os.getloadavg()[0], "synthetic": synthetic}
    row["engine"] = engine_for(load_config(root).search, count)
    row["disk_probe_s"] = disk_probe(where)
    edited = convert_figures(root, args, row)
    peak = [row["rss_main_mb"], row["rss_worker_mb"]]
    if not args.no_mkdocs:
        build_site(root, row["engine"], row, not args.no_pagefind)
        row["full_s"] = row["cold_s"] + row["mkdocs_s"] + row["pagefind_s"]
        if not args.no_floor:
            floor = make_floor(tmp, root, row["engine"])
            row["floor_s"] = timed([PY, "-m", "mkdocs", "build", "-q", "-f", str(floor / "mkdocs.yml")], floor, ENV)
            row["floor_index"], _ = material_search(floor / "site")
            row["ratio"] = row["full_s"] / row["floor_s"]
        if args.serve:
            row.update(serve_edit(root, edited, ENV))
    row["rss_peak_mb"] = max(peak)
    row["load_after"] = os.getloadavg()[0]
    return row


def _mb(b: float | None) -> str:
    return "-" if b is None else f"{b / 1e6:,.1f} MB"


def _kb(b: float | None) -> str:
    return "-" if b is None else f"{b / 1e3:,.0f} KB"


def _s(x: float | None) -> str:
    return "-" if x is None else f"{x:,.2f} s"


def describe(row: dict[str, Any]) -> list[tuple[str, str]]:
    g = row.get
    return [
        ("articles (files)", f"{row['n']:,}"),
        ("articles / entities / events", f"{g('articles')} / {g('entities')} / {g('events')}"),
        ("generated pages", f"{g('pages')}"),
        ("convert cold (command / pipeline)", f"{_s(g('cold_s'))} / {_s(g('cold_pipeline_s'))}"),
        ("ms per article (cold pipeline)", f"{g('ms_per_article'):.2f}"),
        ("convert warm (command / pipeline)", f"{_s(g('warm_s'))} / {_s(g('warm_pipeline_s'))}"),
        ("files written by the warm run", f"{g('warm_files_written')}"),
        ("convert after one edit (command / pipeline)", f"{_s(g('edit_s'))} / {_s(g('edit_pipeline_s'))}"),
        (
            "another edit, command answered by a warm converter (command / converter ready after)",
            f"{_s(g('edit_cmd_warm_s'))} / {_s(g('warm_ready_s'))}",
        ),
        ("  articles analysed / pages written", f"{g('edit_analysed')} / {g('edit_written')}"),
        (
            "another edit, warm process as under serve (pipeline / serve's start before it)",
            f"{_s(g('edit_warm_s'))} / {_s(g('warm_up_s'))}",
        ),
        ("peak RSS converter (main / largest worker)", f"{g('rss_main_mb', 0):,.0f} MB / {g('rss_worker_mb', 0):,.0f} MB"),
        ("peak RSS of the warm converter (after one edit)", "-" if g("rss_warm_mb") is None else f"{g('rss_warm_mb'):,.0f} MB"),
        ("mkdocs build", _s(g("mkdocs_s"))),
        ("full build (cold convert + mkdocs + pagefind)", _s(g("full_s"))),
        ("engine floor (same pages' text, bare theme)", _s(g("floor_s"))),
        ("full build / floor", "-" if g("ratio") is None else f"{g('ratio'):.2f}x"),
        ("site size (html pages)", f"{_mb(g('site_bytes'))} ({g('site_html')})"),
        ("Material search index (raw / gzip)", f"{_mb(g('material_index'))} / {_mb(g('material_index_gz'))}"),
        ("floor's Material search index", _mb(g("floor_index"))),
        ("Pagefind index time", _s(g("pagefind_s"))),
        (
            "Pagefind bytes per query, cold (typical / largest chunk)",
            f"{_kb(g('pagefind_query_bytes'))} / {_kb(g('pagefind_worst_bytes'))}",
        ),
        ("  of which (KB)", g("pagefind_parts") or "-"),
        ("dossier serve: first served / edit to served", f"{_s(g('first_serve_s'))} / {_s(g('edit_to_served_s'))}"),
        ("dossier serve: rebuilds after one edit", f"{g('rebuilds_per_edit', '-')}"),
        ("search engine (search: auto)", f"{g('engine')}"),
        ("docs pages by kind", ", ".join(f"{k} {v:,}" for k, v in sorted(g("page_counts", {}).items()))),
        (
            "largest built page by kind",
            ", ".join(f"{k} {v[0] / 1e3:,.0f} KB ({v[1]})" for k, v in sorted(g("largest", {}).items())),
        ),
        (
            f"disk: {PROBE_FILES:,} new files created just before the cold run",
            f"{_s(g('disk_probe_s'))} (slow right after many files were deleted: every file made costs more)",
        ),
        (
            "machine load average (before / after)",
            f"{g('load_before', 0):.2f} / {g('load_after', 0):.2f} (other work on the machine slows every figure)",
        ),
    ]


def print_table(title: str, rows: list[tuple[str, str]]) -> None:
    width = max(len(k) for k, _ in rows)
    print(f"\n{title}")
    print("-" * (width + 24))
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    sys.stdout.flush()


def print_summary(results: list[dict[str, Any]]) -> None:
    head = ["N", "cold s", "warm s", "ms/art", "RSS MB", "mkdocs s", "floor s", "ratio", "site MB", "search KB/query"]
    print("\nSummary")
    print(" | ".join(head))
    base = results[0]["ms_per_article"] if results else 1.0
    for r in results:
        search = r.get("pagefind_query_bytes", r.get("material_index"))
        print(
            " | ".join(
                [
                    f"{r['n']}",
                    f"{r['cold_s']:.2f}",
                    f"{r['warm_s']:.2f}",
                    f"{r['ms_per_article']:.2f} ({r['ms_per_article'] / base:.2f}x)",
                    f"{max(r['rss_main_mb'], r['rss_worker_mb']):.0f}",
                    f"{r.get('mkdocs_s', 0):.1f}",
                    f"{r.get('floor_s', 0):.1f}",
                    f"{r.get('ratio', 0):.2f}",
                    f"{r.get('site_bytes', 0) / 1e6:.1f}",
                    f"{(search or 0) / 1e3:.0f}",
                ]
            )
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Scale benchmark of dossier (prints figures, asserts nothing)."
    )
    parser.add_argument(
        "--corpus",
        default=str(REPO.parent / "shared" / "corpora" / "bbc"),
        help="folder of .txt articles (default ../shared/corpora/bbc)",
    )
    parser.add_argument(
        "--sizes", default=None, help="comma-separated numbers of articles (default 200,1000,2225 unless --synthetic)"
    )
    parser.add_argument(
        "--synthetic", type=int, default=0, help="also (or only): N articles made from the corpus with varied names and dates"
    )
    parser.add_argument("--workers", type=int, default=None, help="analysis processes (default: one per core)")
    parser.add_argument("--no-mkdocs", action="store_true", help="conversion only")
    parser.add_argument("--no-floor", action="store_true", help="skip the engine floor build")
    parser.add_argument("--no-pagefind", action="store_true", help="skip the Pagefind index even when search picks it")
    parser.add_argument("--serve", action="store_true", help="also time edit-to-served under mkdocs serve (slow)")
    parser.add_argument("--keep", default=None, help="make the temporary projects in this folder and keep them")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"{corpus}: corpus: expected a folder of articles, found none", file=sys.stderr)
        return 2
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)
    sizes = args.sizes if args.sizes is not None else ("" if args.synthetic else "200,1000,2225")
    runs = [(int(s), False) for s in sizes.split(",") if s.strip()] + ([(args.synthetic, True)] if args.synthetic else [])
    print(f"dossier scale benchmark: corpus {corpus}, sizes {runs}, {os.cpu_count()} cores")
    where = Path(tempfile.mkdtemp(prefix="dossier-bench-", dir=args.keep))
    results = []
    try:
        print(f"word lists ready (per user; a machine's first conversion builds them): {lists_ready(corpus, where):.2f} s")
        for n, synthetic in runs:
            row = bench_size(corpus, n, synthetic, args, where)
            results.append(row)
            print_table(f"{'synthetic ' if synthetic else ''}{row['n']:,} articles", describe(row))
            if row.get("warning"):
                print(f"warning: {row['warning']}")
    finally:  # only now: deleting a size's project would slow the files the next size creates (disk_probe)
        if args.keep is None:
            shutil.rmtree(where, ignore_errors=True)
    print_summary(results)
    print("\nTargets (issue 16) beside the measured figures; 'ok'/'MISSED' where a target applies at that size")
    print("\n".join(target_table(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
