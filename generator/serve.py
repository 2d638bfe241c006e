"""`dossier serve`: convert on each change of content/ or site_config/, and let MkDocs render only what changed.

One process owns the conversion: it polls the inputs, converts what changed and
writes only the pages whose bytes changed. ``mkdocs serve --dirty`` runs as its
child with the plugin's conversion off: it does not watch docs/ (a conversion
writing hundreds of pages would start a rebuild part way through, then another)
but reads its stdin, where this process writes one line naming the pages a conversion
wrote and removed once all are written, or the hand-written page of docs/ that changed;
so one edit is one rebuild, and the child renders just those pages on the state of its
last build (generator/mkdocs_incremental.py).
The child runs in its own process group, which this process stops on exit
(SIGTERM, SIGINT, SIGHUP) and which the kernel signals if this process dies
(Linux ``PR_SET_PDEATHSIG``): stopping `dossier serve` by its pid stops
everything it started.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from generator.analysis.analyse import analyse
from generator.cache import keep_in_memory, lists_folder
from generator.config import ConfigError, SiteConfig, load_config
from generator.discovery import discover
from generator.dossier import related
from generator.language.stored import keep_lists_in
from generator.mkdocs_incremental import Change, encode
from generator.models import Article
from generator.pipeline import ConvertResult, convert, read_article
from generator.readers import READABLE_SUFFIXES, reader_for
from generator.review import refresh
from generator.search import mkdocs_env
from generator.warm import converting
from generator.writer import MANIFEST, read_manifest

POLL_S = 0.2  # how often the inputs are looked at
SETTLE_S = 0.1  # an editor's save is often several writes: wait until they stop
HANDWRITTEN_EVERY = 5  # polls between two looks at docs/ for hand-written pages (it holds thousands of files)
REVIEW_AFTER_S = 2.0  # the review loop's suggestions are refreshed once edits have been quiet this long
Snapshot = dict[str, tuple[int, int]]


def snapshot(folders: list[Path], skip: Callable[[str], bool] = lambda rel: False) -> Snapshot:
    """(size, mtime) of every file under the folders but those ``skip`` names (by path relative to
    its folder, with /): a change to any is an edit to convert."""
    out: Snapshot = {}
    for folder in folders:
        start = len(os.path.join(str(folder), ""))
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if name == "entities.suggested.yml":  # written by each conversion, read by no one
                    continue
                path = os.path.join(dirpath, name)
                if skip(path[start:].replace(os.sep, "/")):
                    continue
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                out[path] = (st.st_size, st.st_mtime_ns)
    return out


def warm_up(config: SiteConfig) -> float:
    """Load what analysing an article needs (word lists, gazetteer, place names) before the first edit.

    A fresh process pays this once (seconds); under serve it is paid while MkDocs
    builds, so the first edit costs what every later one does. Returns the seconds spent.
    """
    t0 = time.perf_counter()
    keep_in_memory()  # the analyses stay loaded between edits
    keep_lists_in(lists_folder(config))  # the compiled word lists read back, not built (language/stored.py)
    for suffix in sorted(READABLE_SUFFIXES):
        reader_for(Path(f"warm-up{suffix}"))  # imports the readers (HTML, XML parsers)
    text = "LONDON, March 3. /TASS/. Anna Berg of the Harwich port authority said on Tuesday the ferries would sail in 2019."
    analyse(Article(source="warm-up.txt", format="text", headline="Ferries to sail", standfirst="", paragraphs=(text,)), config)
    files, _ = discover(config.content_dir)
    if files:  # one of the dossier's own files through its reader: the patterns a real read compiles
        article = read_article(files[0], files[0].name, config)
        if isinstance(article, Article):
            analyse(article, config)
    return time.perf_counter() - t0


def preload(config: SiteConfig) -> None:
    """Every cached analysis loaded and every memo of the edit path filled (a conversion through
    all its stages that finds nothing to write), not on the first edit."""
    convert(config, full_pass=True)
    related.sides_made()  # a first build ranked in a forked copy left its index as data (dossier/related.py)
    settle()


def settle() -> None:
    """Collect cyclic garbage now, while nothing waits, then freeze what lives on.

    The analyses, memos and corpus a long-running process holds are hundreds of thousands of
    objects; a full collection walking them costs ~0.25 s at 2,225 articles, and one fell in
    nearly every edit. Frozen, they are left out of the collections an edit triggers (which
    then walk only what the edit made); memory is still freed by reference counting, and a
    cycle among frozen objects that becomes garbage is collected at the next idle moment, when
    this unfreezes, collects and freezes again.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _die_with_parent() -> None:
    """In the child, before exec: its own process group, and SIGTERM when the parent dies (Linux)."""
    os.setpgrp()
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass  # not Linux: the signal handlers below still stop the child


def start_mkdocs(config: SiteConfig, dev_addr: str, quiet: bool) -> subprocess.Popen[bytes]:
    """``mkdocs serve --dirty`` on the converted docs/, Material's search (fine for a preview)."""
    env = dict(os.environ, DOSSIER_SKIP_CONVERT="1", DOSSIER_SERVE="1", NO_MKDOCS_2_WARNING="1", **mkdocs_env("material"))
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "-f",
        str(config.root / "mkdocs.yml"),
        "--dev-addr",
        dev_addr,
        "--livereload",
        "--dirty",
    ]
    if quiet:
        cmd.append("-q")
    return subprocess.Popen(cmd, env=env, cwd=config.root, stdin=subprocess.PIPE, preexec_fn=_die_with_parent)  # noqa: PLW1509


def stop(proc: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    """SIGTERM to the child's whole group, then SIGKILL if it lingers."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=grace)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


_MANIFESTS: dict[Path, tuple[tuple[int, int], set[str]]] = {}  # docs/ -> (its manifest's stamp, the paths it lists)


def _generated(docs: Path) -> set[str]:
    """The manifest's paths, read again only when it changed (a conversion that wrote pages)."""
    try:
        st = os.stat(docs / MANIFEST)
    except OSError:
        return set()
    stamp = (st.st_size, st.st_mtime_ns)
    known = _MANIFESTS.get(docs)
    if known is None or known[0] != stamp:
        known = _MANIFESTS[docs] = (stamp, read_manifest(docs))
    return known[1]


def handwritten(docs: Path) -> Snapshot:
    """(size, mtime) of the files in docs/ the conversion did not write (not in its manifest): only those are looked at."""
    generated = _generated(docs)
    return snapshot([docs], lambda rel: rel in generated or rel == MANIFEST)


class Wake:
    """Wakes the watch loop as soon as the kernel reports a change under the inputs (inotify, via
    watchdog, which MkDocs brings); without it the loop still polls every ``POLL_S``."""

    def __init__(self, folders: list[Path]) -> None:
        self.event = threading.Event()
        self.observer: Any = None
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer
        except ImportError:
            return
        handler = FileSystemEventHandler()
        handler.on_any_event = lambda event: self.event.set()  # type: ignore[method-assign]
        observer = Observer()
        for folder in folders:
            if folder.is_dir():
                observer.schedule(handler, str(folder), recursive=True)
        observer.daemon = True
        observer.start()
        self.observer = observer

    def wait(self, timeout: float) -> None:
        """Until a change is reported or ``timeout`` seconds pass."""
        self.event.wait(timeout)
        self.event.clear()

    def close(self) -> None:
        if self.observer is not None:
            self.observer.stop()


def changes(
    folders: list[Path],
    alive: Callable[[], bool],
    docs: Path | None = None,
    idle: Callable[[], None] = lambda: None,
    wait: Callable[[float], None] = time.sleep,
) -> Iterator[set[str]]:
    """Yield the changed paths once per settled change of the watched folders, while ``alive()``.

    ``docs``: its hand-written pages are watched too, every ``HANDWRITTEN_EVERY`` polls.
    ``idle`` is called after each poll that found nothing changed; ``wait(POLL_S)`` between polls
    (:meth:`Wake.wait` returns as soon as something changed).
    """
    polls = 0
    hand: Snapshot = handwritten(docs) if docs else {}

    def look() -> Snapshot:
        nonlocal hand
        if docs is not None and polls % HANDWRITTEN_EVERY == 0:
            hand = handwritten(docs)
        return {**snapshot(folders), **hand}

    seen = look()
    while alive():
        wait(POLL_S)
        polls += 1
        now = look()
        if now == seen:
            idle()
            continue
        while True:  # until the writes stop
            time.sleep(SETTLE_S)
            later = look()
            if later == now:
                break
            now = later
        changed = {p for p in now.keys() | seen.keys() if now.get(p) != seen.get(p)}
        seen = now
        yield changed


class _Stop(BaseException):  # noqa: N818 - a signal, as KeyboardInterrupt is
    """SIGTERM or SIGHUP: a BaseException, as KeyboardInterrupt is, so that no ``except Exception`` on the
    way (a damaged cache file read as a miss while the project loads) takes the stop for a failure and
    goes on serving."""


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop(signum)


def signal_rebuild(proc: subprocess.Popen[bytes], change: Change) -> None:
    """One rebuild, once every page of a conversion is written (not one part way through)."""
    if proc.stdin is None or not change:
        return
    try:
        proc.stdin.write(encode(change))
        proc.stdin.flush()
    except (BrokenPipeError, ValueError):
        pass  # the child is gone: the watch loop ends on its exit status


def _docs_change(docs: Path, changed: set[str]) -> Change:
    """The hand-written pages of docs/ that changed, as a change to render."""
    rel = {Path(p).relative_to(docs).as_posix(): Path(p).exists() for p in changed}
    return Change(frozenset(p for p, there in rel.items() if there), frozenset(p for p, there in rel.items() if not there))


class _Session:
    """The conversion side of `dossier serve`: convert what changed, then tell MkDocs; review when quiet."""

    def __init__(self, config: SiteConfig, quiet: bool, log: Callable[[str], None], proc: subprocess.Popen[bytes]) -> None:
        self.config, self.quiet, self.log, self.proc = config, quiet, log, proc
        self.review: tuple[float, SiteConfig, ConvertResult] | None = None

    def on_change(self, changed: set[str]) -> None:
        t0 = time.perf_counter()
        settings = self.config.root / "site_config"
        if all(Path(p).is_relative_to(self.config.docs_dir) for p in changed):
            signal_rebuild(self.proc, _docs_change(self.config.docs_dir, changed))  # a hand-written page: nothing to convert
            return
        settings_changed = any(Path(p).is_relative_to(settings) for p in changed)
        if settings_changed:
            try:
                self.config = load_config(self.config.root)
            except ConfigError as exc:
                self.log(f"site_config/ is invalid, not converted:\n{exc}")
                return
        with converting(self.config.root):  # not beside a `dossier convert` of the project (generator/warm.py)
            result = convert(self.config)
        report = result.report
        pages = Change(frozenset(report.written), frozenset(report.removed)) if report else Change()
        hand = _docs_change(self.config.docs_dir, {p for p in changed if Path(p).is_relative_to(self.config.docs_dir)})
        signal_rebuild(self.proc, hand | pages | Change(full=settings_changed))
        self.review = (time.perf_counter(), self.config, result)
        if not self.quiet:
            count = len(report.written) if report else 0
            self.log(f"dossier: converted in {time.perf_counter() - t0:.2f} s, {count} page(s) written")

    def when_idle(self) -> None:
        """The review loop's suggestions (as under build), once edits are quiet: not in the way of the rebuild."""
        if self.review and time.perf_counter() - self.review[0] >= REVIEW_AFTER_S:
            _, config, result = self.review
            self.review = None
            refresh(config, result.reused, lambda: result.corpus)
            settle()


def serve(config: SiteConfig, dev_addr: str = "127.0.0.1:8000", quiet: bool = False, log: Callable[[str], None] = print) -> int:
    """Preview until stopped; docs/ is already converted. Returns MkDocs' exit status (0 when stopped)."""
    proc = start_mkdocs(config, dev_addr, quiet)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_stop)
    try:
        warm_up(config)
        with converting(config.root):
            preload(config)
        session = _Session(config, quiet, log, proc)
        inputs = [config.content_dir, config.root / "site_config"]
        wake = Wake(inputs)
        try:
            for changed in changes(inputs, lambda: proc.poll() is None, config.docs_dir, session.when_idle, wake.wait):
                session.on_change(changed)
        finally:
            wake.close()
        return proc.returncode or 0
    except (KeyboardInterrupt, _Stop):
        return 0
    finally:
        stop(proc)


_BUILT: dict[str, set[str]] = {}  # site folder -> the files of its previous build in this process


def prune_stale(site_dir: Path, dests: set[str]) -> int:
    """Remove built pages whose source is gone: a dirty build never cleans the site folder.

    Called by the MkDocs plugin after each build under `dossier serve`; ``dests`` are the
    site-relative paths of the files MkDocs knows this build. After the first build of the
    process only the pages the previous build knew and this one does not are removed (no walk
    of thousands of files per edit); the first build walks the folder. 404.html is the theme's own.
    """
    previous = _BUILT.get(str(site_dir))
    _BUILT[str(site_dir)] = set(dests)
    if previous is not None:
        gone = [site_dir / rel for rel in sorted(previous - dests) if rel.endswith(".html") and rel != "404.html"]
        for path in gone:
            path.unlink(missing_ok=True)
        return len(gone)
    removed = 0
    for dirpath, _, filenames in os.walk(site_dir):
        for name in filenames:
            if not name.endswith(".html"):
                continue
            rel = Path(dirpath, name).relative_to(site_dir).as_posix()
            if rel != "404.html" and rel not in dests:
                os.remove(os.path.join(dirpath, name))
                removed += 1
    return removed
