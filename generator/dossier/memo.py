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
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from generator.language import textmemo

T = TypeVar("T")

_ENTRIES: dict[tuple[str, int], tuple[object, Hashable, Any]] = {}  # (table, id(base)) -> (base, inputs, value)
_USED: set[tuple[str, int]] = set()
_VALUED: dict[tuple[str, Hashable], Any] = {}  # (table, inputs) -> value
_VALUED_USED: set[tuple[str, Hashable]] = set()
_HELD: list[dict[str, Any]] = []  # what the modules keep of the last build (``held``)


def held() -> dict[str, Any]:
    """A module's own record of the last build (the related articles' index), emptied by ``clear``."""
    record: dict[str, Any] = {}
    _HELD.append(record)
    return record


def derived(table: str, base: object, inputs: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned before for this very object and equal ``inputs``."""
    slot = (table, id(base))
    _USED.add(slot)
    held = _ENTRIES.get(slot)
    if held is not None and held[0] is base and held[1] == inputs:
        return held[2]  # type: ignore[no-any-return]
    value = compute()
    _ENTRIES[slot] = (base, inputs, value)
    return value


def valued(table: str, inputs: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned before for equal ``inputs`` (a result of many articles' parts)."""
    slot = (table, inputs)
    _VALUED_USED.add(slot)
    if slot in _VALUED:
        return _VALUED[slot]  # type: ignore[no-any-return]
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
    key, value = derived(table, base, extra, lambda: textmemo.remembered_keyed(table, text(), compute, extra))
    textmemo.keep(table, key, value)
    return value


def sweep() -> None:
    """Forget what the build just finished did not look up: edited or removed articles."""
    for slot in [s for s in _ENTRIES if s not in _USED]:
        del _ENTRIES[slot]
    _USED.clear()
    for key in [k for k in _VALUED if k not in _VALUED_USED]:
        del _VALUED[key]
    _VALUED_USED.clear()


def clear() -> None:
    """Forget everything (tests, benchmarks)."""
    _ENTRIES.clear()
    _USED.clear()
    _VALUED.clear()
    _VALUED_USED.clear()
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
