"""Writing a cache file so that a reader never sees half of it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

CACHE_DIR = Path(".cache") / "dossier"  # the project's cache folder (generator/cache.py keeps the rest there)


def write_atomic(path: Path, data: bytes) -> None:
    """``data`` written beside ``path`` under this process's name, then renamed over it: a run that
    stops half-way, or another process writing the same file, leaves the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_atomic_parts(path: Path, parts: Iterable[bytes]) -> None:
    """``write_atomic`` of the parts one after the other, each made only when written: the whole
    file is never in memory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as out:
        for part in parts:
            out.write(part)
    os.replace(tmp, path)
