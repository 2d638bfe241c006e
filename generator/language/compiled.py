"""Compiled regular expressions, kept on disk from one conversion to the next.

``re`` compiles a pattern in two steps: it parses the pattern and generates its code in
Python (for the rules' and vocabularies' patterns, a tenth of a second of every `dossier
convert`), then hands that code to ``_sre.compile`` (microseconds). It keeps the results in
memory only, so every process paid the first step again. ``keep_compiled_in`` reads what a
previous run saved and puts itself in front of ``re``'s compiler; ``save`` keeps what was
added. A pattern made from saved code is the one ``re`` makes: the same pattern, flags,
code and groups. The file is named by the Python build; on a Python whose ``re`` is built
otherwise, or with a damaged file, ``re`` compiles as usual: the file only ever saves time.
"""

from __future__ import annotations

import marshal
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.files import write_atomic

try:
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _ORIGINAL = _compiler.compile
    _AVAILABLE = all(hasattr(m, n) for m, n in ((_compiler, "_code"), (_parser, "parse"), (_sre, "compile")))
except (ImportError, AttributeError):  # pragma: no cover - another Python's re
    _AVAILABLE = False

FILE = "regexes.marshal"  # under .cache/dossier/
Key = tuple[str | bytes, int]
Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]  # _sre.compile's arguments after the pattern

_TABLE: dict[Key, Entry] = {}
_USED: set[Key] = set()  # compiled by this process: a table grown far past it is cut back to it
_STATE: dict[str, Any] = {"path": None, "added": 0}
SPARE = 256  # patterns of other configurations kept beyond twice those used


def _version() -> str:
    import unicodedata

    return f"{sys.version}\0{sys.implementation.cache_tag}\0{getattr(_sre, 'MAGIC', '')}\0{unicodedata.unidata_version}"


def _compile(p: Any, flags: int = 0) -> Any:
    """``re._compiler.compile``, with the parse and code of a pattern string looked up when kept."""
    if not isinstance(p, str | bytes) or flags & re.DEBUG:
        return _ORIGINAL(p, flags)
    flags = int(flags)  # a RegexFlag is an int subclass, which marshal does not write
    key = (p, flags)
    _USED.add(key)
    entry = _TABLE.get(key)
    if entry is None:
        parsed = _parser.parse(p, flags)
        code = [int(word) for word in _compiler._code(parsed, flags)]  # opcodes are int subclasses: plain for marshal
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        _TABLE[key] = entry
        _STATE["added"] += 1
    return _sre.compile(p, entry[0], entry[1], entry[2], dict(entry[3]), entry[4])


_PROBE = (r"(?P<word>[a-z]+)(?i:x)?\s+(\d{2,4})?$", "Ferries 2019")


@lru_cache(maxsize=1)
def _agrees() -> bool:
    """Whether ``_compile`` gives what ``re``'s compiler gives, on this Python (else it is not used)."""
    key, added = (_PROBE[0], int(re.IGNORECASE)), _STATE["added"]
    try:
        mine, theirs = _compile(*key), _ORIGINAL(*key)
    except Exception:  # noqa: BLE001 - another Python's internals
        return False
    finally:
        _TABLE.pop(key, None)
        _USED.discard(key)
        _STATE["added"] = added
    same = (mine.flags, mine.groups, dict(mine.groupindex)) == (theirs.flags, theirs.groups, dict(theirs.groupindex))
    return same and mine.match(_PROBE[1]).span(2) == theirs.match(_PROBE[1]).span(2)  # type: ignore[union-attr]


def keep_compiled_in(folder: Path | None) -> None:
    """Compile patterns from the code saved in ``folder`` (None: as ``re`` does, nothing kept)."""
    if not _AVAILABLE or not _agrees():
        return
    if folder is None:
        _compiler.compile = _ORIGINAL
        _STATE.update(path=None, added=0)
        _TABLE.clear()
        _USED.clear()
        return
    path = folder / FILE
    if _STATE["path"] == path:
        return
    _TABLE.clear()
    _STATE.update(path=path, added=0)
    try:
        version, table = marshal.loads(path.read_bytes())
        if version == _version() and isinstance(table, dict):
            _TABLE.update(table)
    except Exception:  # noqa: BLE001 - absent, damaged or foreign: compile as usual
        pass
    _compiler.compile = _compile


def save() -> bool:
    """Write the table when this run compiled patterns it did not hold; return whether it was written."""
    path = _STATE["path"]
    if path is None or not _STATE["added"]:
        return False
    if len(_TABLE) > 2 * len(_USED) + SPARE:
        for key in [k for k in _TABLE if k not in _USED]:
            del _TABLE[key]
    try:
        write_atomic(path, marshal.dumps((_version(), _TABLE)))
    except (OSError, ValueError):
        return False
    _STATE["added"] = 0
    return True
