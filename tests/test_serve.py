"""Live preview: `dossier serve` picks up an added, edited and removed article without a restart.

A real server on a free loopback port, in a throwaway project; the article is found the way
a reader finds it (through the archive pages), so the test does not depend on how its date
was settled. The server's whole process group is killed whatever happens.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from tests.conftest import make_project

START_TIMEOUT = 60.0  # seconds: first conversion and build
CHANGE_TIMEOUT = 45.0  # seconds: one change seen through the watcher and a rebuild

HEADLINE = "Harbour officials plan new icebreaker schedule for northern ports"
STORY = f"""{HEADLINE}

The port authority said winter convoys would sail twice a week.

MOSCOW, March 3. /TASS/. The northern port authority will publish a new icebreaker schedule for the coming season, its press office told TASS.

"The convoys will sail twice a week until the ice clears," the press office said, adding that cargo owners had asked for more frequent departures.
"""
ADDED_PARAGRAPH = "The schedule also covers the smaller harbours along the White Sea coast, the office added."


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
            return int(response.status), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout):
        return 0, ""


def _wait_for(what: str, check: Callable[[], object], timeout: float, server: subprocess.Popen[bytes], log: Path) -> object:
    """Poll until check() is truthy; fail with the server's log if it dies or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(
                f"the server exited with {server.returncode} while waiting for {what}:\n{log.read_text(errors='replace')[-3000:]}"
            )
        found = check()
        if found:
            return found
        time.sleep(0.3)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}:\n{log.read_text(errors='replace')[-3000:]}")


def _page_text(url: str) -> str:
    """The page as a reader sees it (annotations such as entity links add tags, not text)."""
    status, html = _get(url)
    return " ".join(BeautifulSoup(html, "lxml").get_text().split()) if status == 200 else ""


def _article_url(base: str, headline: str) -> str | None:
    """The article's address, as linked from the archive pages (by year, or undated)."""
    status, html = _get(base + "archive/index.html")
    if status != 200:
        return None
    archive_pages = {base + "archive/index.html"}
    for link in BeautifulSoup(html, "lxml").select("a[href]"):
        target = urljoin(base + "archive/index.html", str(link["href"])).split("#")[0]
        if re.match(re.escape(base) + r"archive/[^/]+\.html$", target):
            archive_pages.add(target)
    for page in sorted(archive_pages):
        status, html = _get(page)
        for link in BeautifulSoup(html, "lxml").select("a[href]") if status == 200 else []:
            if " ".join(link.get_text().split()) == headline:
                return urljoin(page, str(link["href"])).split("#")[0]
    return None


def _start_serve(project: Path, tmp_path: Path, own_group: bool) -> tuple[int, subprocess.Popen[bytes], Path]:
    """`dossier serve` on a free port, its output in serve.log; ``own_group``: a process group the test can kill."""
    port = _free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    cmd = [sys.executable, "-m", "generator.cli", "serve", "--root", str(project), "--dev-addr", f"127.0.0.1:{port}"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=own_group)
    return port, proc, log


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[bytes], Path]]:
    project = make_project(tmp_path)
    port, proc, log = _start_serve(project, tmp_path, own_group=True)
    try:
        yield f"http://127.0.0.1:{port}/", project, proc, log
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=10)


def test_serve_shows_added_edited_and_removed_articles(server: tuple[str, Path, subprocess.Popen[bytes], Path]) -> None:
    base, project, proc, log = server
    _wait_for("the home page", lambda: _get(base + "index.html")[0] == 200, START_TIMEOUT, proc, log)
    assert _article_url(base, HEADLINE) is None

    source = project / "content" / "serve-probe.txt"
    source.write_text(STORY, encoding="utf-8")
    url = str(_wait_for("the added article in the archive", lambda: _article_url(base, HEADLINE), CHANGE_TIMEOUT, proc, log))
    assert "the press office said, adding that cargo owners" in _page_text(url)

    source.write_text(STORY + "\n" + ADDED_PARAGRAPH + "\n", encoding="utf-8")
    _wait_for("the edit on the article page", lambda: ADDED_PARAGRAPH in _page_text(url), CHANGE_TIMEOUT, proc, log)

    source.unlink()
    _wait_for("the article page to be gone", lambda: _get(url)[0] == 404, CHANGE_TIMEOUT, proc, log)
    assert _article_url(base, HEADLINE) is None

    about = project / "docs" / "about.md"  # hand-written: MkDocs rebuilds on it though it does not watch docs/
    about.write_text(about.read_text(encoding="utf-8") + "\n" + ADDED_PARAGRAPH + "\n", encoding="utf-8")
    _wait_for("the edit of a hand-written page", lambda: ADDED_PARAGRAPH in _page_text(base + "about.html"), CHANGE_TIMEOUT, proc, log)


def _children(pid: int) -> list[int]:
    """Every descendant of a process, from /proc (Linux)."""
    found: list[int] = []
    todo = [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                continue
            found += kids
            todo += kids
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc to list child processes")
def test_stopping_serve_by_pid_stops_everything_it_started(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    port, proc, log = _start_serve(project, tmp_path, own_group=False)
    try:
        _wait_for("the home page", lambda: _get(f"http://127.0.0.1:{port}/index.html")[0] == 200, START_TIMEOUT, proc, log)
        started = _children(proc.pid)
        assert started, "serve should run MkDocs as a child process"
        os.kill(proc.pid, signal.SIGTERM)  # by its pid only, as a user or a supervisor would
        proc.wait(timeout=30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(pid) for pid in started):
            time.sleep(0.2)
        assert not [pid for pid in started if _alive(pid)], log.read_text(errors="replace")[-2000:]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


def test_prune_removes_the_pages_whose_source_is_gone(tmp_path: Path) -> None:
    from generator.serve import prune_stale

    site = tmp_path / "site"
    for rel in ("index.html", "404.html", "a/one.html", "a/two.html", "stale.html", "assets/x.css"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("x", encoding="utf-8")
    assert prune_stale(site, {"index.html", "a/one.html", "a/two.html", "assets/x.css"}) == 1  # first build: a walk
    assert not (site / "stale.html").exists() and (site / "404.html").exists()
    assert prune_stale(site, {"index.html", "a/one.html", "assets/x.css"}) == 1  # later: what the last build had
    assert not (site / "a" / "two.html").exists()
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.*")) == ["404.html", "a/one.html", "assets/x.css", "index.html"]


def test_settle_collects_cycles_and_freezes_what_lives_on() -> None:
    """Between edits serve collects once and freezes the survivors: an edit's collections skip them."""
    import gc
    import weakref

    from generator.serve import settle

    class Node:
        pass

    kept, cycle = Node(), Node()
    cycle.self = cycle  # type: ignore[attr-defined]
    gone = weakref.ref(cycle)
    del cycle
    try:
        settle()
        assert gone() is None  # the cycle was garbage: collected, not frozen
        assert gc.get_freeze_count() > 0
        assert not any(obj is kept for obj in gc.get_objects())  # frozen: out of the collector's generations
    finally:
        gc.unfreeze()


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not hasattr(signal, "setitimer"), reason="needs FIFOs and interval timers")
def test_a_stop_signal_while_the_project_loads_stops_serve(tmp_path: Path) -> None:
    """SIGTERM arriving while serve reads its caches ends serve: the loaders read a damaged file as a miss with
    ``except Exception``, and the stop must not be taken for one (serve then went on serving after SIGTERM).
    A FIFO holds the cache's read open until the timer's signal arrives in it."""
    from generator import serve
    from generator.config import parsed

    kept = tmp_path / "kept.pickle"
    os.mkfifo(kept)
    before = signal.signal(signal.SIGALRM, serve._raise_stop)
    signal.setitimer(signal.ITIMER_REAL, 0.2)
    try:
        with pytest.raises(serve._Stop):
            parsed._load_kept(kept)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
