"""Edit-to-served under `dossier serve`: the time from saving an article to the served page showing it."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

EDIT_MARK = "Benchmark edit marker Zqxv"
BUILD_RE = re.compile(r"Building documentation|Detected file changes")


def find_page(root: Path, rel: str) -> str | None:
    """The docs path of the article page made from content/<rel>."""
    needle = f"source_file: {rel}"
    for page in (root / "docs" / "articles").rglob("*.md"):
        with page.open(encoding="utf-8") as handle:
            head = handle.read(4000)
        if needle in head:
            return page.relative_to(root / "docs").as_posix()
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
            return str(response.read().decode("utf-8", errors="replace"))
    except OSError:
        return None


def _wait(test: Callable[[], bool], timeout: float, step: float = 0.1) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if test():
            return True
        time.sleep(step)
    return False


def _rebuilds(log: Path) -> int:
    return len([line for line in log.read_text(errors="replace").splitlines() if "Building documentation" in line])


ADDED_MARK = "Benchmark added article Zqxv"


def _article_pages(root: Path) -> set[str]:
    """The paths of the article pages in docs/: a listing of their folders, no page read."""
    found: set[str] = set()
    for dirpath, _, names in os.walk(root / "docs" / "articles"):
        found.update(os.path.join(dirpath, name) for name in names if name.endswith(".md"))
    return found


def _served_page(root: Path, rel: str, port: int, timeout: float, before: set[str]) -> str | None:
    """The URL of the article page made from content/<rel>, once the conversion has written it.

    Only pages not in ``before`` are read: reading the head of every article page ten times a
    second took ~0.06 s of CPU each time, from the two processors the conversion and MkDocs share.
    """
    found: list[str] = []
    needle = f"source_file: {rel}"

    def written() -> bool:
        for path in sorted(_article_pages(root) - before):
            with open(path, encoding="utf-8") as handle:
                if needle in handle.read(4000):
                    page = Path(path).relative_to(root / "docs").as_posix()
                    found.append(f"http://127.0.0.1:{port}/{page[:-3]}.html")
                    return True
        return False

    return found[0] if _wait(written, timeout) else None


def _add_and_remove(root: Path, model: Path, port: int, timeout: float) -> dict[str, float]:
    """Add an article (a copy of ``model`` under a new headline), time until it is served; then remove it."""
    added = model.with_name("zz-benchmark-added" + model.suffix)
    lines = model.read_text(encoding="utf-8", errors="replace").splitlines()
    before = _article_pages(root)
    added.write_text("\n".join([f"{ADDED_MARK} {lines[0] if lines else ''}", *lines[1:]]) + "\n", encoding="utf-8")
    t0 = time.perf_counter()
    rel = added.relative_to(root / "content").as_posix()
    url = _served_page(root, rel, port, timeout, before)
    out: dict[str, float] = {}
    if url and _wait(lambda: ADDED_MARK in (_fetch(url) or ""), timeout):
        out["add_to_served_s"] = time.perf_counter() - t0
    time.sleep(3)
    added.unlink()
    t1 = time.perf_counter()
    if url and _wait(lambda: _fetch(url) is None, timeout):
        out["remove_to_gone_s"] = time.perf_counter() - t1
    return out


def serve_edit(root: Path, rel: str, env: dict[str, str], timeout: float = 1800) -> dict[str, float]:
    """Start `dossier serve`, edit one article, time until the served page shows it; count the rebuilds;
    then add an article and remove it, each timed until the site shows it (or no longer serves it)."""
    page = find_page(root, rel)
    if page is None:
        return {}
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{page[:-3]}.html"
    env = {k: v for k, v in env.items() if k != "DOSSIER_SKIP_CONVERT"}
    log_path = root / "serve.log"
    cmd = [sys.executable, "-m", "generator.cli", "serve", "--root", str(root), "--dev-addr", f"127.0.0.1:{port}"]
    with log_path.open("w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, cwd=root, env=dict(env, PYTHONUNBUFFERED="1"), stdout=log, stderr=log)
    try:
        t0 = time.perf_counter()
        if not _wait(lambda: _fetch(url) is not None, timeout, 1.0):
            return {}
        out = {"first_serve_s": time.perf_counter() - t0}
        time.sleep(3)  # let the watcher settle after the first build
        before = _rebuilds(log_path)
        target = root / "content" / rel
        mark = f"{EDIT_MARK} {time.time_ns()}"  # new on each run, though the project be reused
        target.write_bytes(target.read_bytes().rstrip() + f"\n\n{mark}.\n".encode())
        t1 = time.perf_counter()
        if _wait(lambda: mark in (_fetch(url) or ""), timeout):
            out["edit_to_served_s"] = time.perf_counter() - t1
        time.sleep(3)  # a second rebuild, if any, would start by now
        out["rebuilds_per_edit"] = _rebuilds(log_path) - before
        out.update(_add_and_remove(root, target, port, timeout))
        return out
    finally:
        os.kill(proc.pid, signal.SIGTERM)  # by pid: `dossier serve` stops what it started
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
