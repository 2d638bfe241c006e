"""The warm converter (generator/warm.py): `dossier convert` answered by a process that converted before.

Every test runs the real console script in new processes, with warm converters on (the suite's
conftest turns them off for every other test), and stops what it started.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import warm
from generator.config import ConfigError, load_config
from generator.files import CACHE_DIR
from tests.conftest import ROOT, docs_bytes, make_project

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX") or warm.fcntl is None, reason="needs Unix sockets and locks")

SCRIPT = [sys.executable, "-c", "from generator.cli import run; run()"]
EDIT = '\n\nMaria Lindqvist of the Harwich port authority said: "The ferries will sail in June."\n'


def dossier(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The console script, as a user runs it, with warm converters on."""
    full = {**os.environ, "DOSSIER_WARM": "1", **(env or {})}
    done = subprocess.run([*SCRIPT, *args, "--root", str(root)], cwd=ROOT, env=full, capture_output=True, text=True, timeout=600)
    if "a warm converter stays" in done.stderr:
        STARTED.add(root)
    return done


STARTED: set[Path] = set()  # projects whose command started a converter: the fixture waits for it, then stops it


def _pid(root: Path) -> int | None:
    try:
        return int((root / CACHE_DIR / warm.LIFE).read_text().strip())
    except (OSError, ValueError):
        return None


@pytest.fixture()
def project() -> Iterator[Path]:
    """The sample dossier in a short temporary path (a socket's path is limited), its converter stopped after."""
    tmp = Path(tempfile.mkdtemp(prefix="dw"))
    root = make_project(tmp)
    try:
        yield root
    finally:
        _stopped(root)
        pid = _pid(root)
        if pid is not None and warm._held_elsewhere(root / CACHE_DIR / warm.LIFE):
            os.kill(pid, signal.SIGKILL)
        shutil.rmtree(tmp, ignore_errors=True)


def _stopped(root: Path) -> None:
    """Stop the project's converter; one its command started may still be starting (then it is waited for, so
    that it is stopped, not left behind)."""
    life = root / CACHE_DIR / warm.LIFE
    end = time.monotonic() + (10 if root in STARTED else 0)
    STARTED.discard(root)
    while not warm._held_elsewhere(life) and time.monotonic() < end:
        time.sleep(0.05)  # not yet locked its life file
    end = time.monotonic() + 120
    while warm._held_elsewhere(life) and not warm.stop(root) and time.monotonic() < end:
        time.sleep(0.05)  # loading the project: not yet listening


def _first_article(root: Path) -> Path:
    return sorted(p for p in (root / "content").iterdir() if p.suffix == ".txt")[0]


def _suggestions(root: Path) -> bytes:
    return (root / "site_config" / "entities.suggested.yml").read_bytes()


def test_the_next_command_is_answered_warm_and_writes_what_a_new_process_writes(project: Path) -> None:
    first = dossier(project, "convert")
    assert first.returncode == 0, first.stderr
    assert "a warm converter stays 10 min" in first.stderr
    assert warm.waited(project, 120), "no warm converter listened after the command"
    pid = _pid(project)
    with _first_article(project).open("a", encoding="utf-8") as f:
        f.write(EDIT)
    answered = dossier(project, "convert", "-v")
    assert answered.returncode == 0, answered.stderr
    assert "converted by the warm converter" in answered.stderr
    assert "page(s) written" in answered.stderr and "0 page(s) written" not in answered.stderr
    assert "a warm converter stays" not in answered.stderr  # none started: one answered
    assert _pid(project) == pid
    assert dossier(project, "stop").stderr.strip() == "dossier: warm converter stopped"
    assert not warm.socket_path(project).exists()
    STARTED.discard(project)  # stopped
    # the same content converted by a new process, with no converter: the same bytes
    other = make_project(Path(tempfile.mkdtemp(prefix="dw")))
    try:
        shutil.rmtree(other / "content")
        shutil.copytree(project / "content", other / "content")
        alone = dossier(other, "convert", "--no-warm")
        assert alone.returncode == 0, alone.stderr
        assert not warm.socket_path(other).exists()
        assert docs_bytes(project) == docs_bytes(other)
        assert _suggestions(project) == _suggestions(other)
        assert "Maria Lindqvist" in _suggestions(project).decode()  # the edit reached the suggestions
    finally:
        shutil.rmtree(other.parent, ignore_errors=True)


def test_a_command_in_another_environment_converts_itself(project: Path) -> None:
    assert dossier(project, "convert").returncode == 0
    assert warm.waited(project, 120)
    feed = project / "docs" / "feed.xml"
    before, pid = feed.read_bytes(), _pid(project)
    deployed = {"SITE_URL": "https://example.org/case/"}
    other = dossier(project, "convert", "-v", env=deployed)
    assert other.returncode == 0, other.stderr
    assert "converted by the warm converter" not in other.stderr
    assert "https://example.org/case/" in feed.read_text(encoding="utf-8")
    # the converter declined and left; the command left one of its own environment
    assert "a warm converter stays" in other.stderr
    assert warm.waited(project, 120) and _pid(project) != pid
    assert "converted by the warm converter" in dossier(project, "convert", "-v", env=deployed).stderr
    # and the usual environment converts itself again: the feed as it was
    again = dossier(project, "convert", "-v")
    assert "converted by the warm converter" not in again.stderr
    assert feed.read_bytes() == before


@pytest.mark.parametrize("how", ["minutes 0", "DOSSIER_WARM=0", "--no-warm"])
def test_no_converter_is_left_when_told_not_to(project: Path, how: str) -> None:
    args, env = ["convert"], {}
    if how == "minutes 0":
        site = project / "site_config" / "site.yml"
        site.write_text(site.read_text(encoding="utf-8").replace("warm_minutes: 10", "warm_minutes: 0"), encoding="utf-8")
    elif how == "DOSSIER_WARM=0":
        env = {"DOSSIER_WARM": "0"}
    else:
        args.append("--no-warm")
    result = dossier(project, *args, env=env)
    assert result.returncode == 0, result.stderr
    assert "warm converter" not in result.stderr
    time.sleep(0.5)
    assert not warm.socket_path(project).exists()
    assert not warm._held_elsewhere(project / CACHE_DIR / warm.LIFE)
    assert dossier(project, "stop").stderr.strip() == "dossier: no warm converter was running"


def test_an_idle_converter_leaves(project: Path) -> None:
    site = project / "site_config" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("warm_minutes: 10", "warm_minutes: 0.02"), encoding="utf-8")
    assert "stays 0.02 min" in dossier(project, "convert").stderr
    life = project / CACHE_DIR / warm.LIFE
    end = time.monotonic() + 120
    while time.monotonic() < end and not warm.socket_path(project).exists():
        time.sleep(0.05)
    end = time.monotonic() + 30
    while time.monotonic() < end and (warm.socket_path(project).exists() or warm._held_elsewhere(life)):
        time.sleep(0.05)
    assert not warm.socket_path(project).exists() and not warm._held_elsewhere(life)
    STARTED.discard(project)  # it has left


def test_a_converter_whose_socket_is_gone_leaves(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warm, "LOOK_EVERY_S", 0.2)
    from generator.cache import code_fingerprint

    thread = _listener(project, code_fingerprint(), lambda argv: 0)
    warm.socket_path(project).unlink()  # the cache folder cleaned, say: no command can reach it
    thread.join(10)
    assert not thread.is_alive()


def test_a_stale_socket_is_passed_over_and_replaced(project: Path) -> None:
    path = warm.socket_path(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))
    dead.close()  # the file stays, nobody listens: a converter that was killed
    result = dossier(project, "convert", "-v")
    assert result.returncode == 0, result.stderr
    assert "converted by the warm converter" not in result.stderr
    assert "a warm converter stays" in result.stderr
    assert warm.waited(project, 120)
    again = dossier(project, "convert", "-v")
    assert "converted by the warm converter" in again.stderr and "0 page(s) written" in again.stderr


@pytest.mark.parametrize("how", ["command", "plugin"])
def test_a_command_waits_for_the_conversion_under_way(project: Path, how: str) -> None:
    """The conversion lock: a command, or MkDocs' own build converting through the plugin, does not write
    while another conversion of the project runs."""
    if how == "command":
        cmd = [*SCRIPT, "convert", "--no-warm", "--root", str(project)]
    else:
        cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
    with warm.converting(project):
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=dict(os.environ, DOSSIER_WARM="1", NO_MKDOCS_2_WARNING="1"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(3)
        assert proc.poll() is None, "the command converted while the lock was held"
        assert not (project / "docs" / "index.md").exists()
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert (project / "docs" / "index.md").exists()


def _gone(pid: int, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_serve_keeps_the_project_warm_itself(project: Path) -> None:
    """`dossier serve` asks the project's converter to leave and holds its place: a command while serve runs
    converts itself and leaves no second copy of the dossier in memory."""
    first = dossier(project, "convert")
    assert first.returncode == 0, first.stderr
    assert warm.waited(project, 120), "the first command left no converter"
    converter = _pid(project)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cmd = [*SCRIPT, "serve", "--root", str(project), "--dev-addr", f"127.0.0.1:{port}"]
    env = dict(os.environ, DOSSIER_WARM="1", NO_MKDOCS_2_WARNING="1")
    quiet = subprocess.DEVNULL
    serving = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=quiet, stderr=quiet, start_new_session=True)
    try:
        end = time.monotonic() + 120
        while _pid(project) != serving.pid and time.monotonic() < end and serving.poll() is None:
            time.sleep(0.1)
        assert _pid(project) == serving.pid, "serve did not take the converter's place"
        assert converter is not None and _gone(converter, 10), "the converter did not leave"
        assert not warm.socket_path(project).exists()
        again = dossier(project, "convert", "-v")
        assert again.returncode == 0, again.stderr
        assert "converted by the warm converter" not in again.stderr
        assert "a warm converter stays" not in again.stderr
        assert not warm.socket_path(project).exists() and _pid(project) == serving.pid
    finally:
        os.killpg(serving.pid, signal.SIGTERM)
        serving.wait(timeout=30)


def _listener(root: Path, code: str, answer: warm.Answer) -> threading.Thread:
    root.joinpath(CACHE_DIR).mkdir(parents=True, exist_ok=True)
    listener = warm.Listener(root, 1.0, answer, code)
    thread = threading.Thread(target=listener.serve_forever, args=(lambda: None,), daemon=True)
    thread.start()
    end = time.monotonic() + 10
    # the socket's file exists from bind(), before listen(): a command in between is refused, so wait for an answer
    while warm.ask(root, ["ping"], lambda _: None, lambda _: None) is None and time.monotonic() < end:
        time.sleep(0.01)
    return thread


def test_the_listener_relays_output_and_status_and_declines_other_code(project: Path) -> None:
    from generator.cache import code_fingerprint

    def answer(argv: list[str]) -> int:
        print("to stdout", " ".join(argv))
        sys.stderr.write("to stderr\n")
        return 3

    thread = _listener(project, code_fingerprint(), answer)
    out: list[str] = []
    err: list[str] = []
    assert warm.ask(project, ["convert", "-q"], out.append, err.append) == 3
    assert "".join(out) == "to stdout convert -q\n" and "".join(err) == "to stderr\n"
    assert warm.stop(project)
    thread.join(10)
    assert not thread.is_alive() and not warm.socket_path(project).exists()
    # code on disk other than the code it started with: it declines, and leaves
    thread = _listener(project, "0000000000000000", answer)
    assert warm.ask(project, ["convert"], out.append, err.append) is None
    thread.join(10)
    assert not thread.is_alive()


def test_warm_minutes_is_checked(project: Path) -> None:
    site = project / "site_config" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("warm_minutes: 10", "warm_minutes: soon"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"site\.yml: warm_minutes: expected a number of minutes from 0 to 1440, found 'soon'"):
        load_config(project)
