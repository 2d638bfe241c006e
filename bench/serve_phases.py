"""One `dossier serve` cycle, phase by phase, in one process: CPU seconds of each part.

    python -m bench.serve_phases PROJECT [--profile rebuild|convert] [--at edit|add|remove] [--edits N] [--add]

Runs what the two processes of `dossier serve` run, the way they run it: the conversion
side (warm: analyses and vocabularies loaded, as after ``preload``) and the MkDocs side
(``mkdocs serve --dirty``'s builder with the dossier plugin, Material's search on), then for
each edit of one article times: the watcher's look at the inputs, the conversion, MkDocs'
rebuild (configuration load and dirty build), and the page read back. CPU time (forked
workers' included) and, for the two big steps, wall time: the machine is shared, read the
CPU figures first. ``--add`` also adds an article then removes it.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.serve_time import find_page

WALL: dict[str, float] = {}  # the wall seconds of the last ``_cpu`` call


def _cpu(fn: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds of ``fn``, its forked workers' included (they are waited for), and its wall seconds in WALL."""
    c0, w0 = _times(), time.perf_counter()
    out = fn()
    WALL["last"] = time.perf_counter() - w0
    return _times() - c0, out


def _times() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class MkDocsSide:
    """``mkdocs serve --dirty`` as `dossier serve` starts it, minus the HTTP server."""

    def __init__(self, root: Path) -> None:
        from generator.search import mkdocs_env

        os.environ.update(DOSSIER_SKIP_CONVERT="1", DOSSIER_SERVE="1", NO_MKDOCS_2_WARNING="1", **mkdocs_env("material"))
        from mkdocs.config import load_config
        from mkdocs.livereload import LiveReloadServer

        self.root = root
        self.site_dir = tempfile.mkdtemp(prefix="mkdocs_phases_")
        self._load = lambda: load_config(config_file=str(root / "mkdocs.yml"), site_dir=self.site_dir, dev_addr="127.0.0.1:8765")
        config = self._load()
        config.plugins.on_startup(command="serve", dirty=True)
        self.serve_url = "http://127.0.0.1:8765/"
        config.site_url = self.serve_url
        self.first = config
        self.server = LiveReloadServer(builder=self.full_rebuild, host="127.0.0.1", port=8765, root=self.site_dir)

    def first_build(self) -> None:
        from mkdocs.commands.build import build

        build(self.first, serve_url=self.serve_url, dirty=True)
        self.server.watch(self.first.docs_dir)
        self.first.plugins.on_serve(self.server, config=self.first, builder=self.full_rebuild)

    def full_rebuild(self) -> None:
        """MkDocs' own: the configuration loaded again, a dirty build."""
        from mkdocs.commands.build import build

        config = self._load()
        config.site_url = self.serve_url
        build(config, serve_url=self.serve_url, dirty=True)

    def rebuild(self, written: frozenset[str], removed: frozenset[str]) -> dict[str, float]:
        """What the server's build loop runs once `dossier serve` names the pages it wrote."""
        try:
            from generator.mkdocs_incremental import Change

            plugin = self.first.plugins["dossier"]
            plugin.state.pending = Change(written, removed)  # type: ignore[attr-defined]
        except (ImportError, KeyError, AttributeError):
            pass  # before generator/mkdocs_incremental.py: MkDocs' own rebuild
        t, _ = _cpu(self.server.builder)
        return {"mkdocs rebuild": t, "mkdocs rebuild wall": WALL["last"]}


def _profiled(fn: Callable[[], Any], on: bool) -> Any:
    if not on:
        return fn()
    prof = cProfile.Profile()
    out = prof.runcall(fn)
    s = io.StringIO()
    pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(45)
    print(s.getvalue()[:9000])
    return out


def cycle(root: Path, config: Any, side: MkDocsSide, change: Callable[[], str], profile: str) -> dict[str, float]:
    """Change the content, then: watcher look, conversion, rebuild, read the page back."""
    from generator.pipeline import convert
    from generator.serve import handwritten, snapshot

    inputs = [config.content_dir, config.root / "site_config"]
    rel = change()
    out: dict[str, float] = {}
    out["watch: snapshot inputs"], _ = _cpu(lambda: snapshot(inputs))
    out["watch: hand-written docs (1 poll in 5)"], _ = _cpu(lambda: handwritten(config.docs_dir))
    out["convert"], result = _cpu(lambda: _profiled(lambda: convert(config), profile == "convert"))
    out["convert wall"] = WALL["last"]
    out["pages written"] = float(len(result.report.written) if result.report else 0)
    report = result.report
    written, removed = (frozenset(report.written), frozenset(report.removed)) if report else (frozenset(), frozenset())
    out.update(_profiled(lambda: side.rebuild(written, removed), profile == "rebuild"))
    page = find_page(config.root, rel) if rel else None
    out["page read back"] = float(page is not None and (Path(side.site_dir) / (page[:-3] + ".html")).exists())
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path)
    parser.add_argument("--profile", choices=("rebuild", "convert", ""), default="")
    parser.add_argument("--at", choices=("edit", "add", "remove"), default="edit", help="the cycle to profile (edit: the last)")
    parser.add_argument("--edits", type=int, default=2)
    parser.add_argument("--add", action="store_true")
    parser.add_argument("--compare", action="store_true", help="after the edits, and after the add: diff with a fresh full build")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    from generator.config import load_config
    from generator.serve import preload, warm_up

    config = load_config(root)
    side = MkDocsSide(root)
    t, _ = _cpu(side.first_build)
    print(f"first build: {t:.2f} s CPU")
    warm_up(config)
    preload(config)
    victim = sorted(config.content_dir.rglob("*.txt"))[7]
    original = victim.read_bytes()
    rel = victim.relative_to(config.content_dir).as_posix()
    try:
        for i in range(args.edits):

            def edit(i: int = i) -> str:
                victim.write_bytes(original.rstrip() + f"\n\nPhase bench edit {i} {time.time_ns()}.\n".encode())
                return rel

            last = i == args.edits - 1 and args.at == "edit"
            report(f"edit {i}", cycle(root, config, side, edit, args.profile if last else ""))
        if args.add:
            added = victim.with_name("zz-phases-added.txt")
            lines = original.decode("utf-8", "replace").splitlines()

            def add() -> str:
                added.write_text("\n".join([f"Phases added {lines[0]}", *lines[1:]]) + "\n", encoding="utf-8")
                return added.relative_to(config.content_dir).as_posix()

            def remove() -> str:
                added.unlink()
                return ""

            if args.compare:
                compare(side, "after the edits")
            report("add", cycle(root, config, side, add, args.profile if args.at == "add" else ""))
            if args.compare:
                compare(side, "after the add")
            report("remove", cycle(root, config, side, remove, args.profile if args.at == "remove" else ""))
            if args.compare:
                compare(side, "after the remove")
    finally:
        victim.write_bytes(original)
        added = victim.with_name("zz-phases-added.txt")
        added.unlink(missing_ok=True)
        from generator.pipeline import convert

        convert(config)
    return 0


def compare(side: MkDocsSide, when: str) -> None:
    """The served site beside a fresh full (not dirty) build of the same docs/ with the same site_url."""
    import filecmp
    import shutil

    fresh = tempfile.mkdtemp(prefix="mkdocs_fresh_")
    env = dict(os.environ, SITE_URL=side.serve_url)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(side.root / "mkdocs.yml"), "-d", fresh]
    subprocess.run(cmd, env=env, cwd=side.root, check=True)
    differ: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        differ.extend(f"{prefix}{n} (differs)" for n in cmp.diff_files)
        differ.extend(f"{prefix}{n} (only served)" for n in cmp.left_only)
        differ.extend(f"{prefix}{n} (only fresh)" for n in cmp.right_only)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    filecmp.clear_cache()
    walk(filecmp.dircmp(side.site_dir, fresh), "")
    print(f"compare {when}: {len(differ)} file(s) differ: {differ[:20]}", flush=True)
    for rel in differ[:3]:
        if rel.endswith("(differs)"):
            name = rel.rsplit(" (", 1)[0]
            a, b = (Path(side.site_dir) / name).read_bytes(), (Path(fresh) / name).read_bytes()
            at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            around = slice(max(0, at - 80), at + 80)
            print(f"  {name}: {len(a)} / {len(b)} bytes, first difference at {at}: {a[around]!r} / {b[around]!r}")
    shutil.rmtree(fresh)


def report(name: str, figures: dict[str, float]) -> None:
    parts = ", ".join(f"{k} {v:g}" if k.startswith("page") else f"{k} {v:.3f}" for k, v in figures.items())
    print(f"{name}: {parts}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
