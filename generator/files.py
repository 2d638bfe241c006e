"""Writing a cache file so that a reader never sees half of it, the framed parts such a file
(or a pipe between two processes) holds, and what a folder holds, from one walk."""

from __future__ import annotations

import marshal
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

CACHE_DIR = Path(".cache") / "dossier"  # the project's cache folder (generator/cache.py keeps the rest there)
# A file or folder changed less than this before it was read may change again within the same times
# (the clock behind them ticks coarsely): what was read of it is not trusted by its times alone.
SETTLED_NS = 2_000_000_000


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


def framed(value: Any) -> bytes:
    """``value`` marshalled (plain data: read back fastest, floats to the bit) after its length in 8 bytes:
    one part of several in a file or a pipe, each read back alone by ``unframed``."""
    data = marshal.dumps(value)
    return len(data).to_bytes(8, "little") + data


def unframed(stream: BinaryIO) -> Any:
    """The next part ``framed`` wrote to ``stream``; EOFError when the stream ends before the part does."""
    size = int.from_bytes(stream.read(8), "little")
    data = stream.read(size)
    if not size or len(data) != size:
        raise EOFError(f"a framed part: expected {size or 'some'} bytes, found {len(data)}")
    return marshal.loads(data)


def present_under(docs: Path) -> set[str] | None:
    """Every file and folder under docs/ (relative, '/'-separated), from one walk instead of a stat per page.

    None when the walk meets a symbolic link: a linked folder may hold pages the walk does not
    see, so each page is then checked on its own as before.
    """
    found: set[str] = set()
    folders = [(str(docs), "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.is_symlink():
                return None
            found.add(prefix + entry.name)
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, prefix + entry.name + "/"))
    return found
