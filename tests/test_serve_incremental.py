"""Under `dossier serve`, MkDocs renders only the pages a conversion names, on its last build's state:
the site it serves must be, byte for byte, the site a fresh `mkdocs build` makes of the same docs/."""

from __future__ import annotations

import filecmp
import io
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config as load_mkdocs
from mkdocs.livereload import LiveReloadServer

from generator import mkdocs_incremental
from generator.config import load_config
from generator.mkdocs_incremental import SUPPORTED, Change, decode, encode
from generator.pipeline import convert
from generator.search import mkdocs_env
from tests.conftest import make_project

URL = "http://127.0.0.1:8791/"
STORY = """Harbour officials plan new icebreaker schedule for northern ports

MOSCOW, March 3. /TASS/. The northern port authority will publish a new icebreaker schedule
for the coming season, its press office told TASS.

"The convoys will sail twice a week until the ice clears," the press office said.
"""


def _differ(served: Path, fresh: Path) -> list[str]:
    out: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        out.extend(f"{prefix}{n}" for n in [*cmp.diff_files, *cmp.left_only, *cmp.right_only])
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    filecmp.clear_cache()
    walk(filecmp.dircmp(served, fresh), "")
    return out


def _fresh(project: Path, where: Path) -> Path:
    env = dict(os.environ, SITE_URL=URL)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(where)]
    subprocess.run(cmd, env=env, cwd=project, check=True, capture_output=True)
    return where


def test_a_change_line_reads_back_and_a_bad_line_asks_for_everything() -> None:
    change = Change(frozenset({"articles/a.md"}), frozenset({"articles/b.md"}))
    assert decode(encode(change)) == change
    assert decode(b"not json\n") == Change(full=True)
    later = change | Change(frozenset({"articles/b.md"}), frozenset({"articles/a.md"}))
    assert later == Change(frozenset({"articles/b.md"}), frozenset({"articles/a.md"}))


@pytest.mark.skipif(not SUPPORTED, reason="the incremental rebuild needs MkDocs 1.6")
@pytest.mark.parametrize("fork_from", [mkdocs_incremental.FORK_FROM, 1], ids=["here", "forked"])
def test_rendering_the_written_pages_gives_the_site_a_fresh_build_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fork_from: int
) -> None:
    """``forked``: every rebuild's pages are built by forked workers as well as by the MkDocs process."""
    monkeypatch.setattr(mkdocs_incremental, "FORK_FROM", fork_from)
    project = make_project(tmp_path)
    config = load_config(project)
    convert(config)
    env = {"DOSSIER_SKIP_CONVERT": "1", "DOSSIER_SERVE": "1", "NO_MKDOCS_2_WARNING": "1", **mkdocs_env("material")}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    read, write = os.pipe()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(os.fdopen(read, "rb")))
    try:
        _serve_and_compare(project, config, tmp_path, write)
    finally:
        os.close(write)  # the listening thread ends (before the stdin it reads is closed)


def _serve_and_compare(project: Path, config: Any, tmp_path: Path, write: int) -> None:
    site = tmp_path / "served"
    full_rebuilds: list[int] = []

    def load():  # type: ignore[no-untyped-def]
        mk = load_mkdocs(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        mk.site_url = URL
        return mk

    def full() -> None:
        full_rebuilds.append(1)
        build(load(), serve_url=URL, dirty=True)

    first = load()
    first.plugins.on_startup(command="serve", dirty=True)
    build(first, serve_url=URL, dirty=True)
    server = LiveReloadServer(builder=full, host="127.0.0.1", port=8791, root=str(site))
    server.watch(first.docs_dir)  # as `mkdocs serve` does before the plugins' on_serve
    first.plugins.on_serve(server, config=first, builder=full)
    assert server.builder is not full, "under `dossier serve` the plugin renders the pages it is told of"

    def cycle(change: Change) -> None:
        server._want_rebuild = False
        os.write(write, encode(change))
        deadline = time.monotonic() + 10
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server._want_rebuild, "a line on stdin asks for a rebuild"
        server.builder()

    def converted() -> Change:
        report = convert(config).report
        assert report is not None
        return Change(frozenset(report.written), frozenset(report.removed))

    about = site / "about.html"
    about_stamp = about.stat().st_mtime_ns
    added = project / "content" / "serve-probe.txt"
    added.write_text(STORY, encoding="utf-8")
    cycle(converted())
    added.write_text(STORY + "\nThe schedule also covers the smaller harbours, the office added.\n", encoding="utf-8")
    cycle(converted())
    assert about.stat().st_mtime_ns == about_stamp, "a page the conversion did not write is not rendered again"
    assert not full_rebuilds
    assert _differ(site, _fresh(project, tmp_path / "fresh1")) == []

    added.unlink()
    cycle(converted())
    assert not full_rebuilds
    assert _differ(site, _fresh(project, tmp_path / "fresh2")) == []
