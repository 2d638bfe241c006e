"""The warm converter: `dossier convert` answered by a process that has converted the project before.

A new process finds the analyses on disk but not the dossier stage's records, which are kept by the
very objects they were made from; so one edited article costs a command ~3 s at 2,225 articles, and
about a third of that in a process that converted before (as under `dossier serve`). As build tools
do for the same reason (Gradle's daemon, Bazel's server, dmypy), a command that converted leaves a
warm converter behind: a process of its own that loads the project as serve does, then listens on
a Unix socket in the project's cache (``.cache/dossier/warm.sock``, the owner's only). The next
`dossier convert` of the project hands its arguments over and prints what the converter prints.

It answers only a command run by the same interpreter and package, with the same environment
variables the output depends on (``DOSSIER_*``, ``SITE_URL``), while the generator's code is the one
it started with; otherwise it declines and leaves, and the command converts itself (and leaves a
converter of its own). It leaves once idle for ``warm_minutes`` (site.yml), when its socket can no
longer be reached (the project or its cache moved or gone), or when asked (`dossier stop`). One
conversion of a project runs at a time (``converting``): a command converting itself waits for the
converter's, and the other way round.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from io import TextIOBase
from pathlib import Path
from typing import Any

from generator.files import CACHE_DIR

SOCKET, LIFE, LOCK = "warm.sock", "warm.pid", "convert.lock"
LOOK_EVERY_S = 30.0  # how often an idle converter checks that its socket is still reachable
SOCKET_PATH_MAX = 100  # bytes: a Unix socket's path is at most 107 on Linux, 103 on macOS
ENV_PREFIXES = ("DOSSIER_", "SITE_URL")  # the environment a conversion's output depends on
Answer = Callable[[list[str]], int]  # a command's arguments -> its exit status, printing as it goes

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no warm converter
    fcntl = None  # type: ignore[assignment]


def socket_path(root: Path) -> Path:
    return root / CACHE_DIR / SOCKET


def supported(root: Path) -> bool:
    """Whether this system and this project can have a warm converter (Unix sockets, file locks, a short path)."""
    return (
        fcntl is not None
        and hasattr(socket, "AF_UNIX")
        and len(os.fsencode(socket_path(root.resolve()))) <= SOCKET_PATH_MAX
    )


def wanted() -> bool:
    """``DOSSIER_WARM=0`` turns warm converters off for the commands of this environment (the tests set it)."""
    return os.environ.get("DOSSIER_WARM", "1") != "0"


def identity() -> dict[str, Any]:
    """What a command and the converter answering it must share: the interpreter, the package, the
    environment the output depends on."""
    from generator.cache import PACKAGE

    env = {k: v for k, v in sorted(os.environ.items()) if k.startswith(ENV_PREFIXES)}
    return {"python": sys.executable, "package": str(PACKAGE), "env": env}


@contextmanager
def converting(root: Path) -> Iterator[None]:
    """Hold the project's conversion lock (``.cache/dossier/convert.lock``): one conversion at a time, so a
    command converting itself never writes pages beside a converter writing older ones."""
    if fcntl is None:  # pragma: no cover - not POSIX
        yield
        return
    folder = root / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing lets the lock go


def _held_elsewhere(path: Path) -> bool:
    """Whether another process holds the lock on ``path`` (a living converter holds its life file's)."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def ask(root: Path, argv: list[str], out: Callable[[str], object], err: Callable[[str], object]) -> int | None:
    """Hand a command to the project's warm converter, printing what it prints (``out``, ``err``); its exit
    status, or None when no converter answered or it declined (the command then converts itself)."""
    path = socket_path(root.resolve())
    if not supported(root) or not path.exists():
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(str(path))
        conn.sendall((json.dumps({"argv": argv, "who": identity()}) + "\n").encode())
        with conn.makefile("r", encoding="utf-8") as replies:
            for line in replies:
                reply = json.loads(line)
                if "out" in reply:
                    out(reply["out"])
                elif "err" in reply:
                    err(reply["err"])
                elif "status" in reply:
                    return int(reply["status"])
                else:
                    return None  # declined
    except (OSError, ValueError):
        return None  # gone, or never there: the command converts itself (its writes are atomic, the lock orders them)
    finally:
        conn.close()
    return None


def stop(root: Path, timeout: float = 10.0) -> bool:
    """Ask the project's warm converter to leave, once done with what it was doing; whether one was there.
    Returns when it has left (or after ``timeout`` seconds)."""
    if ask(root, ["stop"], lambda _: None, lambda _: None) is None:
        return False
    end = time.monotonic() + timeout
    while _held_elsewhere(root.resolve() / CACHE_DIR / LIFE) and time.monotonic() < end:
        time.sleep(0.02)
    return True


def stay(root: Path, minutes: float) -> bool:
    """After a command converted: start the project's warm converter in the background unless one lives
    (or ``minutes`` is 0). It starts as a new process, not a copy of this one, which let its memory go."""
    root = root.resolve()
    if minutes <= 0 or not wanted() or not supported(root) or _held_elsewhere(root / CACHE_DIR / LIFE):
        return False
    code = "import sys; from generator.cli import warm_converter; sys.exit(warm_converter(sys.argv[1:]))"
    subprocess.Popen(  # noqa: S603 - our own interpreter and package
        [sys.executable, "-c", code, str(root), str(minutes)],
        cwd=root / CACHE_DIR,  # not the project: `-c` puts the working folder first on the import path
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # not stopped by the terminal's Ctrl-C meant for the command
        close_fds=True,
    )
    return True


class _Relay(TextIOBase):
    """A stream whose writes go to the command as they are made; a command gone (Ctrl-C) does not stop
    the conversion, whose output is then dropped."""

    def __init__(self, conn: socket.socket, key: str) -> None:
        self.conn, self.key, self.gone = conn, key, False

    def write(self, text: str) -> int:
        if text and not self.gone:
            try:
                self.conn.sendall((json.dumps({self.key: text}) + "\n").encode())
            except OSError:
                self.gone = True
        return len(text)

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True


@dataclass
class Listener:
    """The converter's side: one command at a time, from a socket only the owner can reach."""

    root: Path
    minutes: float
    answer: Answer
    code: str

    def serve_forever(self, after: Callable[[], None]) -> int:
        """Answer commands until idle ``minutes``, asked to stop, the code changed or the project gone;
        ``after`` runs after each answer, once the command has its reply (freezing what lives on)."""
        path = socket_path(self.root)
        path.unlink(missing_ok=True)  # a dead converter's: this one holds the life lock
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o177)
        try:
            server.bind(str(path))
        finally:
            os.umask(old)
        server.listen(8)
        mine = path.stat().st_ino
        server.settimeout(min(self.minutes * 60, LOOK_EVERY_S))
        idle_since = time.monotonic()
        try:
            while True:
                try:
                    conn, _ = server.accept()
                except TimeoutError:
                    if time.monotonic() - idle_since >= self.minutes * 60 or not _still(path, mine):
                        return 0  # idle long enough, or nobody can reach it (the cache or the project moved)
                    continue
                conn.settimeout(None)
                with conn:
                    going = self._one(conn)
                if going:
                    return 0
                after()
                idle_since = time.monotonic()
        finally:
            server.close()
            path.unlink(missing_ok=True)

    def _one(self, conn: socket.socket) -> bool:
        """Answer one command; whether to leave after it."""
        with conn.makefile("r", encoding="utf-8") as lines:
            request = json.loads(lines.readline() or "{}")
        argv = list(request.get("argv", []))
        if argv in (["stop"], ["ping"]):  # answered before the checks: the bench and tests ping in a loop
            _send(conn, {"status": 0})
            return argv == ["stop"]
        reason = self._declines(request)
        if reason:  # the command converts itself, and leaves a converter of its own (one project, one converter)
            _send(conn, {"declined": reason})
            return True
        out, err = _Relay(conn, "out"), _Relay(conn, "err")
        with converting(self.root), redirect_stdout(out), redirect_stderr(err):  # type: ignore[type-var]
            try:
                status = self.answer(argv)
            except BaseException:  # noqa: BLE001 - said to the command, which sees it fail; this process leaves
                import traceback

                err.write(traceback.format_exc())
                _send(conn, {"status": 1})
                return True
        _send(conn, {"status": status})
        return False

    def _declines(self, request: dict[str, Any]) -> str:
        if request.get("who") != identity():
            return "another environment"
        if not self.root.is_dir():
            return "the project is gone"
        from generator.cache import code_fingerprint

        if code_fingerprint.__wrapped__() != self.code:  # read again: the code on disk, not this process's
            return "the generator's code changed"
        return ""


def _still(path: Path, inode: int) -> bool:
    """Whether the socket file is still this converter's (commands can still reach it)."""
    try:
        return path.stat().st_ino == inode
    except OSError:
        return False


def _send(conn: socket.socket, reply: dict[str, Any]) -> None:
    try:
        conn.sendall((json.dumps(reply) + "\n").encode())
    except OSError:
        pass  # the command is gone


def hold_life(root: Path) -> int | None:
    """The converter's life lock (``.cache/dossier/warm.pid``, holding its pid): a file descriptor to keep
    open while it lives, or None when another converter of the project lives or the project is gone."""
    try:  # the command made the folder; gone, the project went away before this process started
        fd = os.open(root / CACHE_DIR / LIFE, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    return fd


def kept_warm_by_serve(root: Path) -> int | None:
    """`dossier serve` keeps the project warm itself: the project's converter is asked to leave, and serve
    holds its life lock while it runs, so a command converts itself and leaves no converter beside serve
    (which would hold the dossier in memory a second time). The descriptor to keep open, or None."""
    if fcntl is None:  # pragma: no cover - not POSIX
        return None
    stop(root)
    return hold_life(root.resolve())


def waited(root: Path, timeout: float) -> bool:
    """Whether the project's warm converter answers within ``timeout`` seconds (for tests and the bench)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if ask(root, ["ping"], lambda _: None, lambda _: None) == 0:
            return True
        time.sleep(0.05)
    return False
