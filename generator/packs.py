"""Many cache entries in one file: a pool's results, kept in one go.

A cold conversion keeps one analysis per article. Made one file each, they cost the file
system an inode, a directory entry and a journal record apiece: at 2,225 articles the parent
spent ~1 s of CPU making them on this project's disk (0.5 ms a file), against a few
milliseconds for the same bytes in a few files. A pack is ``framed`` list of (key, length),
then the entries' bytes one after the other; it is written whole (``write_atomic_parts``)
and never changed: an entry that is no longer wanted stays until most of its pack is
unwanted, then the pack is written again with the others only.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

from generator.files import framed, unframed, write_atomic_parts

PACK = ".pack"
Where = tuple[str, int, int]  # pack file, offset of the entry's bytes, their length


def write_pack(folder: Path, items: Sequence[tuple[str, bytes]]) -> bool:
    """The entries in one new pack in ``folder`` (named by their keys); False when it cannot be written."""
    if not items:
        return True
    name = hashlib.sha256("\0".join(key for key, _ in items).encode()).hexdigest()[:40] + PACK
    head = framed([(key, len(blob)) for key, blob in items])
    try:
        write_atomic_parts(folder / name, [head, *(blob for _, blob in items)])
    except OSError:
        return False
    return True


def pack_index(folder: Path) -> dict[str, Where]:
    """Where each packed entry is; a pack that cannot be read counts as empty (a miss, never an error)."""
    index: dict[str, Where] = {}
    try:
        names = sorted(name for name in os.listdir(folder) if name.endswith(PACK))
    except OSError:
        return index
    for name in names:
        path = f"{folder}{os.sep}{name}"
        try:
            with open(path, "rb") as file:
                size = os.fstat(file.fileno()).st_size
                if int.from_bytes(file.read(8), "little") > size:  # not a pack: a head longer than the file
                    continue
                file.seek(0)
                entries = unframed(file)
                at = file.tell()
        except (OSError, EOFError, ValueError, TypeError):
            continue
        if not isinstance(entries, list):
            continue
        for entry in entries:
            if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], int)):
                break
            key, length = entry
            if at + length > size:
                break
            index[key] = (path, at, length)
            at += length
    return index


def read_packed(index: dict[str, Where], keys: Iterable[str]) -> dict[str, bytes]:
    """The bytes of each of ``keys`` that ``index`` holds: each pack read once, whole."""
    by_pack: dict[str, list[str]] = {}
    for key in keys:
        if key in index:
            by_pack.setdefault(index[key][0], []).append(key)
    found: dict[str, bytes] = {}
    for path, wanted in by_pack.items():
        try:
            with open(path, "rb") as file:
                data = memoryview(file.read())
        except OSError:
            continue
        for key in wanted:
            _, at, length = index[key]
            found[key] = bytes(data[at : at + length])
    return found


def prune_packs(folder: Path, keep: Collection[str]) -> int:
    """Each pack whose entries are all unwanted removed; one mostly unwanted written again with the
    wanted ones only. Returns how many entries were dropped."""
    by_pack: dict[str, list[tuple[str, Where]]] = {}
    for key, where in pack_index(folder).items():
        by_pack.setdefault(where[0], []).append((key, where))
    try:  # a pack no entry of which could be read
        stray = {f"{folder}{os.sep}{n}" for n in os.listdir(folder) if n.endswith(PACK)} - set(by_pack)
    except OSError:
        stray = set()
    dropped = 0
    for path, entries in sorted(by_pack.items()):
        live = [(key, where) for key, where in entries if key in keep]
        if 2 * len(live) > len(entries):
            continue
        if live:
            blobs = read_packed(dict(live), [key for key, _ in live])
            if len(blobs) != len(live) or not write_pack(folder, [(key, blobs[key]) for key, _ in live]):
                continue
        dropped += len(entries) - len(live)
        stray.add(path)
    for path in stray:
        try:
            os.unlink(path)
        except OSError:
            pass
    return dropped
