"""Results that depend on one text alone, kept from one conversion to the next.

The dossier stage reads every article again after an edit: the words of each for the
related articles, its capitalised names for the cross-story spelling check, its
sentences for chains and conflicts. Each of these is a pure function of the text, so
it is looked up here by a digest of the text (and of what else it depends on, in the
table's name) instead of being computed again. ``pipeline`` loads the tables before the
dossier stage and saves them after (``.cache/dossier/texts.marshal``), keeping only the
entries this run used; a long-running process (serve) simply keeps them in memory.
Values are plain data (dict, tuple, str, int: marshal reads them back fastest) and are
shared: callers must not change what they get. A few new entries (an edited article)
are not worth rewriting the file for: they are computed again next time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from generator.files import framed, unframed, write_atomic_parts

T = TypeVar("T")

_TABLES: dict[str, dict[bytes, Any]] = {}  # table -> text digest -> value
_USED: dict[str, set[bytes]] = {}  # what this run looked up: the rest is dropped when saved
_STATE: dict[str, Any] = {"added": 0, "loaded": ""}
SAVE_FROM = 16  # added or dropped entries that make rewriting the file worth its cost


def _digest(text: str, extra: Hashable) -> bytes:
    digest = hashlib.blake2b(repr(extra).encode(), digest_size=16)
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.digest()


def remembered(table: str, text: str, compute: Callable[[str], T], extra: Hashable = None) -> T:
    """``compute(text)``, or what it returned for the same text (and ``extra``) before."""
    return remembered_keyed(table, text, compute, extra)[1]


def remembered_keyed(table: str, text: str, compute: Callable[[str], T], extra: Hashable = None) -> tuple[bytes, T]:
    """``remembered``, with the entry's key: a caller that keeps the value itself ``keep``s it with that key."""
    key = _digest(text, extra)
    entries = _TABLES.setdefault(table, {})
    _USED.setdefault(table, set()).add(key)
    if key in entries:
        return key, entries[key]
    value = compute(text)
    entries[key] = value
    _STATE["added"] += 1
    return key, value


def keep(table: str, key: bytes, value: Any) -> None:
    """Mark an entry used by this run without hashing its text again (the caller held it in memory)."""
    entries = _TABLES.setdefault(table, {})
    if key not in entries:
        entries[key] = value
        _STATE["added"] += 1
    _USED.setdefault(table, set()).add(key)


def load(path: Path, version: str) -> None:
    """Read the tables a previous run saved under ``version`` (the generator's code), unless already held."""
    _USED.clear()
    if _STATE["loaded"] == f"{path}\0{version}":
        return
    _TABLES.clear()
    _STATE.update(added=0, loaded=f"{path}\0{version}")
    try:
        with path.open("rb") as saved:
            tables = _read(saved, version)
    except Exception:  # noqa: BLE001 - absent, damaged or foreign: start empty
        return
    _TABLES.update(tables)


def save(path: Path, version: str) -> bool:
    """Keep the entries this run used; write when enough were added or dropped (``SAVE_FROM``)."""
    dropped = 0
    for table, entries in _TABLES.items():
        used = _USED.get(table)
        if used is None:
            continue  # not looked at by this run (yet): keep it as it is
        for key in [k for k in entries if k not in used]:
            del entries[key]
            dropped += 1
    if _STATE["added"] + dropped < SAVE_FROM:
        return False
    try:
        write_atomic_parts(path, _written(version))
    except OSError:
        return False
    _STATE["added"] = 0
    return True


def forget() -> None:
    """Forget every table (a process that has saved them and will not look them up again)."""
    _TABLES.clear()
    _USED.clear()
    _STATE.update(added=0, loaded="")


CHUNK = 2000  # entries marshalled at a time: at 10,000 articles the file marshalled whole added ~40 MB to the peak


def _written(version: str) -> Iterator[bytes]:
    """The file, part by part: the version and each table's name and number of chunks, then the chunks
    (dicts of at most ``CHUNK`` entries, taken in order from the table itself), each framed by its length."""
    yield framed((version, [(table, -(-len(entries) // CHUNK)) for table, entries in _TABLES.items()]))
    for entries in _TABLES.values():
        pairs = iter(entries.items())
        for _ in range(-(-len(entries) // CHUNK)):
            yield framed(dict(islice(pairs, CHUNK)))


def _read(saved: BinaryIO, version: str) -> dict[str, dict[bytes, Any]]:
    """What ``_written`` wrote, when under ``version`` (else nothing)."""
    saved_version, heads = unframed(saved)
    if saved_version != version:
        return {}
    tables: dict[str, dict[bytes, Any]] = {}
    for table, chunks in heads:
        entries = tables[table] = {}
        for _ in range(chunks):
            entries.update(unframed(saved))
    return tables


def save_again() -> bool:
    """After more lookups in the same run (the suggestions file, after the conversion): save where ``load`` read."""
    path, _, version = str(_STATE["loaded"]).partition("\0")
    return save(Path(path), version) if path else False
