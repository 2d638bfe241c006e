"""Results that depend on one text alone, kept from one conversion to the next.

The dossier stage reads every article again after an edit: the words of each for the
related articles, its capitalised names for the cross-story spelling check, its
sentences for chains and conflicts. Each of these is a pure function of the text, so
it is looked up here by a digest of the text (and of what else it depends on, in the
table's name) instead of being computed again. ``pipeline`` loads the tables before the
dossier stage and saves them after (``.cache/dossier/texts.pickle``), keeping only the
entries this run used; a long-running process (serve) simply keeps them in memory.
Values are shared: callers must not change what they get.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_TABLES: dict[str, dict[bytes, Any]] = {}  # table -> text digest -> value
_USED: dict[str, set[bytes]] = {}  # what this run looked up: the rest is dropped when saved
_STATE = {"changed": False, "loaded": ""}


def _digest(text: str, extra: Hashable) -> bytes:
    digest = hashlib.blake2b(repr(extra).encode(), digest_size=16)
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.digest()


def remembered(table: str, text: str, compute: Callable[[str], T], extra: Hashable = None) -> T:
    """``compute(text)``, or what it returned for the same text (and ``extra``) before."""
    key = _digest(text, extra)
    entries = _TABLES.setdefault(table, {})
    _USED.setdefault(table, set()).add(key)
    if key in entries:
        return entries[key]  # type: ignore[no-any-return]
    value = compute(text)
    entries[key] = value
    _STATE["changed"] = True
    return value


def load(path: Path, version: str) -> None:
    """Read the tables a previous run saved under ``version`` (the generator's code), unless already held."""
    _USED.clear()
    if _STATE["loaded"] == f"{path}\0{version}":
        return
    _TABLES.clear()
    _STATE.update(changed=False, loaded=f"{path}\0{version}")
    try:
        saved_version, tables = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - absent, damaged or foreign: start empty
        return
    if saved_version == version and isinstance(tables, dict):
        _TABLES.update(tables)


def save(path: Path, version: str) -> bool:
    """Keep the entries this run used; write only when something was added or dropped."""
    dropped = False
    for table, entries in _TABLES.items():
        used = _USED.get(table, set())
        for key in [k for k in entries if k not in used]:
            del entries[key]
            dropped = True
    if not (_STATE["changed"] or dropped):
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps((version, _TABLES), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
    except OSError:
        return False
    _STATE["changed"] = False
    return True
