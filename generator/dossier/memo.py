"""Per-article results of the dossier stage, kept in memory from one build of the corpus to the next.

A long-running process (``dossier serve``) builds the corpus again after every edit with
the same Analysis objects for every article but the edited one. Each per-article step
(the article after the dossier's dates and merged names, its dated sentences, its words)
is a pure function of the article's Analysis object and a few small inputs, so it is
looked up here by the object's identity and those inputs instead of being computed
again. An entry holds the object it was computed from, so the identity cannot be reused
by another object while the entry lives; ``sweep`` drops what the last build did not
use. Values are shared: callers must not change what they get.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import weakref
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from generator.language import textmemo

T = TypeVar("T")

# Two generations each: what this build looked up, and what the last one did and this one has not (yet).
# A look-up moves an entry to this build's; ``sweep`` drops the rest by dropping the older generation.
_ENTRIES: dict[tuple[str, int], tuple[object, Hashable, Any]] = {}  # (table, id(base)) -> (base, inputs, value)
_OLD: dict[tuple[str, int], tuple[object, Hashable, Any]] = {}
_VALUED: dict[tuple[str, Hashable], Any] = {}  # (table, inputs) -> value
_VALUED_OLD: dict[tuple[str, Hashable], Any] = {}
_HELD: list[dict[str, Any]] = []  # what the modules keep of the last build (``held``)


_KEEP = {"last": True}  # whether ``held`` records keep this build for the next (``keeping_last``)


@contextmanager
def keeping_last(on: bool) -> Iterator[None]:
    """A build during which the modules keep their ``held`` record of it for the next (``keeps_last``), or
    not: a process that lets the memo go after the build (a one-off cold run) frees each step's working
    data when the step ends instead (at 2,225 articles, ~35 MB off the process at the end of the stage).
    ``stored`` records are kept either way: they are saved for the next process."""
    before = _KEEP["last"]
    _KEEP["last"] = on
    try:
        yield
    finally:
        _KEEP["last"] = before


def keeps_last() -> bool:
    """Whether a ``held`` record keeps what this build made (``keeping_last``)."""
    return _KEEP["last"]


def held() -> dict[str, Any]:
    """A module's own record of the last build (the related articles' index), emptied by ``clear``."""
    record: dict[str, Any] = {}
    _HELD.append(record)
    return record


def while_equal(record: dict[str, Any], name: str, inputs: object, compute: Callable[[], T]) -> T:
    """``compute()``, or what ``record`` (a ``held`` one) kept under ``name`` from the last build when
    its inputs were equal to ``inputs`` (``==``: element by element, the same objects mostly, so by
    identity first)."""
    last = record.get(name)
    if last is not None and (last[0] is inputs or last[0] == inputs):
        return last[1]  # type: ignore[no-any-return]
    value = compute()
    if _KEEP["last"]:
        record[name] = (inputs, value)
    return value


FILE = "dossier.pickle"  # in the cache folder: what ``stored`` records and ``STORED_TABLES`` hold
_STORED: dict[str, tuple[dict[str, Any], Callable[[Any], Any], Callable[[Any], Any]]] = {}  # name -> record, save, load
STORED_TABLES = frozenset({"events.clusters", "events.event", "chains.words"})  # ``valued`` tables kept on disk
_DISK: dict[str, Any] = {"at": "", "states": {}}  # the file and version last read or written; each record's state then
# (weakly: the state read is dropped as soon as the build has made the next one)


def stored(name: str, save: Callable[[Any], Any], load: Callable[[Any], Any]) -> dict[str, Any]:
    """``held``, and kept on disk for the next process (``load_from``, ``save_to``) under "state":
    ``save`` turns the state into a tuple of parts (each written on its own), ``load`` turns that back."""
    record = held()
    _STORED[name] = (record, save, load)
    return record


def derived(table: str, base: object, inputs: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned before for this very object and equal ``inputs`` (in this
    process, or in the last one when the object is named and the table is kept on disk)."""
    slot = (table, id(base))
    held = _ENTRIES.get(slot)
    if held is None and (held := _OLD.pop(slot, None)) is not None:
        _ENTRIES[slot] = held
    if held is not None and held[0] is base and held[1] == inputs:
        value = held[2]
    else:
        found = _KEPT.get((table, _name(base) or b"")) if _KEPT and table in KEPT_TABLES else None
        value = found[1] if found is not None and found[0] == inputs else compute()
        _ENTRIES[slot] = (base, inputs, value)
    if table in NAMED_TABLES and (named := _NAMES.get(id(base))) is not None and named[0] is base:
        _NAMES[id(value)] = (value, _Later(named[1], table, inputs))
    return value  # type: ignore[no-any-return]


# What an object is across processes: an analysis is named by its cache key (``known_as``), what is
# made of it by that name, the table and the inputs (NAMED_TABLES). Derived values of a named object
# in KEPT_TABLES are saved with the stage's records, so the next process finds them by name.
NAMED_TABLES = frozenset({"dates.bound", "merge.errors", "merge.remapped", "claims.sentences"})
KEPT_TABLES = frozenset({"events.candidates", "claims.sentences", "accounts.read", "corpus.slug"})
_NAMES: dict[int, tuple[object, bytes | _Later]] = {}  # id(object) -> (object, name or how to make it)
_KEPT: dict[tuple[str, bytes], tuple[Hashable, Any]] = {}  # read from disk: (table, name) -> (inputs, value)


def known_as(named: Iterable[tuple[object, str]]) -> None:
    """Name this build's analyses (and their articles) by their content (the analysis cache's keys)."""
    _NAMES.clear()
    for obj, name in named:
        _NAMES[id(obj)] = (obj, name.encode())
        article = getattr(obj, "article", None)
        if article is not None:
            _NAMES[id(article)] = (article, name.encode() + b"/article")


def _name(base: object) -> bytes | None:
    named = _NAMES.get(id(base))
    if named is None or named[0] is not base:
        return None
    return named[1] if isinstance(named[1], bytes) else named[1].made()


@dataclass
class _Later:
    """The name of what ``table`` made of a named object with ``inputs``, hashed when first asked for: most
    are read only when the records are saved (beside the rendering, in a one-off run), some never."""

    base: bytes | _Later  # the name of the object it was made of (or how to make it), as it was then
    table: str
    inputs: Hashable
    name: bytes | None = None

    def made(self) -> bytes:
        if self.name is None:
            base = self.base if isinstance(self.base, bytes) else self.base.made()
            self.name = _digest(base, self.table, self.inputs)
        return self.name


def _digest(name: bytes, table: str, inputs: Hashable) -> bytes:
    """The name of what ``table`` made of the object ``name`` with ``inputs`` (their repr: plain data,
    with the members of a frozenset sorted, so that the name is the same in every process)."""
    text = repr(inputs)
    if "frozenset(" in text:
        text = repr(_ordered(inputs))
    return hashlib.blake2b(b"\0".join((name, table.encode(), text.encode())), digest_size=16).digest()


def _ordered(value: object) -> object:
    """``value`` with every frozenset in it made a sorted tuple (a set's order follows the hash seed)."""
    if isinstance(value, frozenset):
        return ("frozenset", tuple(sorted((_ordered(v) for v in value), key=repr)))
    if isinstance(value, tuple):
        return tuple(_ordered(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, tuple(_ordered(getattr(value, f.name)) for f in fields(value)))
    return value


def valued(table: str, inputs: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned before for equal ``inputs`` (a result of many articles' parts)."""
    slot = (table, inputs)
    if slot in _VALUED:
        return _VALUED[slot]  # type: ignore[no-any-return]
    if slot in _VALUED_OLD:
        value = _VALUED[slot] = _VALUED_OLD.pop(slot)
        return value  # type: ignore[no-any-return]
    value = _VALUED[slot] = compute()
    return value


def mention_counts(analysis: Any) -> dict[str, int]:
    """Entity id -> mentions in one analysis, in the order first named (kept by the analysis object)."""

    def count() -> dict[str, int]:
        counts: dict[str, int] = {}
        for mention in analysis.mentions:
            counts[mention.entity] = counts.get(mention.entity, 0) + 1
        return counts

    return derived("mention.counts", analysis, None, count)


def mentioned(analysis: Any) -> frozenset[str]:
    """The entity ids one analysis mentions."""
    return derived("mention.ids", analysis, None, lambda: frozenset(mention_counts(analysis)))


def per_text(
    table: str, base: object, text: Callable[[], str], compute: Callable[[str], T], extra: Hashable = None
) -> T:
    """``textmemo.remembered(table, text(), compute, extra)``, looked up by the identity of ``base`` (the
    object the text is read from) first: the text is then neither rebuilt nor hashed, yet its entry in
    textmemo is kept for the next process."""
    key, value = per_text_keyed(table, base, text, compute, extra)
    textmemo.keep(table, key, value)
    return value


def per_text_keyed(
    table: str, base: object, text: Callable[[], str], compute: Callable[[str], T], extra: Hashable = None
) -> tuple[bytes, T]:
    """``per_text`` with the entry's key, not kept: a caller that holds the value keeps it (``textmemo.keep``)."""
    return derived(table, base, extra, lambda: textmemo.remembered_keyed(table, text(), compute, extra))


def sweep() -> None:
    """Forget what the build just finished did not look up: edited or removed articles."""
    global _ENTRIES, _OLD, _VALUED, _VALUED_OLD
    _KEPT.clear()  # what was read from disk is in ``_ENTRIES`` now
    _OLD.clear()
    _VALUED_OLD.clear()
    _ENTRIES, _OLD = _OLD, _ENTRIES
    _VALUED, _VALUED_OLD = _VALUED_OLD, _VALUED


def load_from(path: Path, version: str) -> None:
    """Take up the records and ``valued`` tables a previous process saved under ``version``, unless this
    process holds them already (a long-running one). Only time is at stake: each module checks that
    what it finds is for the same articles and brings it up to date as after an edit."""
    if _DISK["at"] == f"{path}\0{version}" or any("state" in record for record, _, _ in _STORED.values()):
        return  # read already, or built by this process (a corpus rebuilt for ``ConvertResult.corpus``)
    _DISK.update(at=f"{path}\0{version}", states={})
    with collector_paused():  # a million new objects, none of them garbage
        try:
            with path.open("rb") as saved:
                _take_up(saved, version)
        except Exception:  # noqa: BLE001 - absent, damaged or foreign: start empty
            for name in _DISK["states"]:
                _STORED[name][0].pop("state", None)
            _DISK["states"] = {}
            _VALUED.clear()
            _VALUED_OLD.clear()
            _KEPT.clear()


def _take_up(saved: BinaryIO, version: str) -> None:
    """What ``save_to`` wrote, taken up when it was written under ``version``."""
    if pickle.load(saved) != version:
        return
    for name, count in pickle.load(saved):
        data = tuple(_part(saved) for _ in range(count))
        if name in _STORED:
            record, _, load = _STORED[name]
            record["state"] = state = load(data)
            _DISK["states"][name] = weakref.ref(state)
    _VALUED_OLD.update(_part(saved))  # as if the last build's: this build keeps what it looks up
    _KEPT.update(_part(saved))


CHUNK = 1000  # a record's long tuple or dict is pickled this many items at a time: the pickler's memo stays small


@dataclass(frozen=True)
class _Chunks:
    """Written before the pieces of a long tuple (``_write_part``): how many follow."""

    count: int
    whole: str  # "tuple" or "dict"


def _write_part(part: Any, out: BinaryIO) -> None:
    """One part of a record; a long tuple or dict in pieces (at 10,000 articles one part pickled whole added
    ~110 MB to the conversion's peak memory)."""
    if type(part) in (tuple, dict) and len(part) > CHUNK:  # exactly these: a subclass would come back as its base
        items = tuple(part.items()) if isinstance(part, dict) else part
        pieces = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
        pickle.dump(_Chunks(len(pieces), type(part).__name__), out, protocol=pickle.HIGHEST_PROTOCOL)
        for piece in pieces:
            pickle.dump(piece, out, protocol=pickle.HIGHEST_PROTOCOL)
    else:
        pickle.dump(part, out, protocol=pickle.HIGHEST_PROTOCOL)


def _part(saved: BinaryIO) -> Any:
    """A part ``_write_part`` wrote, whole again."""
    part = pickle.load(saved)
    if isinstance(part, _Chunks):
        items = (item for _ in range(part.count) for item in pickle.load(saved))
        return dict(items) if part.whole == "dict" else tuple(items)
    return part


def save_to(path: Path, version: str) -> bool:
    """Keep the records and ``valued`` tables of the build just made, when a record changed."""
    states = {name: record.get("state") for name, (record, _, _) in _STORED.items()}
    before = {name: ref() for name, ref in _DISK["states"].items()}
    if all(states[n] is before.get(n) for n in states) and _DISK["at"] == f"{path}\0{version}":
        return False
    records = {name: _STORED[name][1](state) for name, state in states.items() if state is not None}
    tables = {slot: value for slot, value in _VALUED_OLD.items() if slot[0] in STORED_TABLES}  # after ``sweep``
    tables.update((slot, value) for slot, value in _VALUED.items() if slot[0] in STORED_TABLES)
    kept = {
        (slot[0], name): (inputs, value)
        for slot, (base, inputs, value) in (*_OLD.items(), *_ENTRIES.items())
        if slot[0] in KEPT_TABLES and (name := _name(base)) is not None
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as out, collector_paused():
            # part by part, straight to the file: the pickler's memo of every object is one part's at a time
            parts = [version, [(name, len(data)) for name, data in records.items()]]
            for part in [*parts, *(p for data in records.values() for p in data), tables, kept]:
                _write_part(part, out)
        os.replace(tmp, path)
    except OSError:
        return False
    _DISK.update(at=f"{path}\0{version}", states={n: weakref.ref(state) for n, state in states.items() if state is not None})
    return True


def drop_unsaved() -> None:
    """Forget what only a next build in this process would read: the records not ``stored`` and the
    entries not saved (``save_to`` keeps KEPT_TABLES, STORED_TABLES and the names). A process about to
    ``clear`` does it before its copy is forked to save the rest, so that neither carries them on
    (at 2,225 articles, ~64 of the ~230 MB the dossier stage holds)."""
    saved = {id(record) for record, _, _ in _STORED.values()}
    for record in _HELD:
        if id(record) not in saved:
            record.clear()
    for entries in (_ENTRIES, _OLD):
        for slot in [slot for slot in entries if slot[0] not in KEPT_TABLES]:
            del entries[slot]
    for values in (_VALUED, _VALUED_OLD):
        for key in [key for key in values if key[0] not in STORED_TABLES]:
            del values[key]


def clear() -> None:
    """Forget everything (tests, benchmarks)."""
    _DISK.update(at="", states={})
    _NAMES.clear()
    _KEPT.clear()
    _ENTRIES.clear()
    _OLD.clear()
    _VALUED.clear()
    _VALUED_OLD.clear()
    for record in _HELD:
        record.clear()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the corpus is built (or analyses are unpickled).

    Both make hundreds of thousands of small objects that all live on (sentences, vectors,
    events), so the collector would walk every analysis in memory again and again and free
    nothing: a third of the build's time at 2,225 articles, half the time to load 2,225 cached
    analyses. It runs as usual after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def most_new(items: Sequence[object], last: Sequence[object]) -> bool:
    """Whether most items are not the last build's (by identity): counting afresh is then cheaper."""
    return 2 * sum(1 for a, b in zip(items, last, strict=True) if a is not b) > len(items)


def recount(
    counts: Counter[str], stories: dict[str, set[int]], items: Sequence[object], last: Sequence[object],
    before: Sequence[Mapping[str, int]], after: Sequence[Mapping[str, int]],
) -> set[str]:
    """Counts by key over items, brought up to date in place: each item that is not the last build's
    has its ``before`` counts taken out and its ``after`` ones put in. Returns the keys that moved."""
    moved: set[str] = set()
    for i, item in enumerate(items):
        if item is last[i]:
            continue
        for key, count in before[i].items():
            counts[key] -= count
            stories[key].discard(i)
            if not stories[key]:
                del counts[key], stories[key]
        for key, count in after[i].items():
            counts[key] += count
            stories.setdefault(key, set()).add(i)
        moved.update(before[i], after[i])
    return moved
