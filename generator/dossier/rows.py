"""Per-article values of one step of the dossier, kept from one build to the next in one process.

``memo.derived`` looks every article up on its own: fine for a few, but at 10,000 articles the
look-ups themselves (a key made, hashed and compared per article, per step) cost more than
an edit changes. Here a step checks once what all its articles share (the dossier's entities,
the patterns it reads with); when that is unchanged, an article that is the very object of the
last build, with the same tag (its id, its own remapping), keeps its value at the cost of one
dict look-up. Otherwise its own inputs are compared, as ``memo.derived`` would, and only a new
article or one whose inputs changed is computed again (through ``memo.derived``, so a first
build still finds what the last process kept on disk).

Rows are emptied by ``memo.clear`` (a one-off run holds none, and computes as before).
Values are shared: callers must not change what they get.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from generator.dossier import memo

T = TypeVar("T")


@dataclass
class Rows(Generic[T]):
    """One step's values by the identity of the object each was made of: (object, tag, inputs, value)."""

    shared: Any = None
    held: dict[int, tuple[Any, Any, Any, T]] = field(default_factory=dict)


_RECORDS: dict[str, Rows[Any]] = memo.held()  # name -> rows; emptied by ``memo.clear``


def rows(name: str) -> Rows[Any]:
    """The rows of one step (made empty on first use and after ``memo.clear``)."""
    found = _RECORDS.get(name)
    if found is None:
        found = _RECORDS[name] = Rows()
    return found


def same(a: object, b: object) -> bool:
    """``a == b``, the identity first (most shared inputs are the last build's very objects)."""
    return a is b or a == b


def each(
    name: str,
    bases: Sequence[Any],
    shared: Any,
    inputs: Callable[[int], Hashable],
    compute: Callable[[int], T],
    tags: Sequence[Any] | None = None,
    table: str | None = None,
) -> list[T]:
    """``compute(i)`` for every ``bases[i]``, or the last build's value for the same object.

    ``shared``: what every value depends on besides its object and tag (compared with ``==``);
    ``inputs(i)``: what value ``i`` depends on besides its object, a pure function of the object,
    its tag and ``shared``; ``tags[i]``: a per-article part compared with ``==`` (None: none);
    ``table``: computed through ``memo.derived`` under this table (None: ``compute`` alone).
    """
    record: Rows[T] = rows(name)
    unchanged = record.held and same(record.shared, shared)
    old = record.held
    new: dict[int, tuple[Any, Any, Any, T]] = {}
    out: list[T] = []
    for i, base in enumerate(bases):
        tag = tags[i] if tags is not None else None
        row = old.get(id(base))
        if row is None or row[0] is not base or not (row[1] is tag or row[1] == tag):
            row = None
        if row is not None and unchanged:
            new[id(base)] = row
            out.append(row[3])
            continue
        key = inputs(i)
        if row is None or row[2] != key:
            value = memo.derived(table, base, key, lambda i=i: compute(i)) if table else compute(i)  # type: ignore[misc]
            row = (base, tag, key, value)
        new[id(base)] = row
        out.append(row[3])
    if memo.keeps_last():  # else a one-off build: its rows are freed with the step (memo.keeping_last)
        record.held = new
        record.shared = shared
    return out
