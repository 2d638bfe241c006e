"""Sentences as the cross-story stages see them: where they stand, who they name, what dates they give.

Chains (expected -> what happened) and conflicts (stories that disagree) both compare sentences
of different stories; this module cuts every article once, the same way, and attaches the
entities and resolved dates found inside each sentence.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.dossier import beside
from generator.language.sentences import sentence_spans
from generator.language.textmemo import keep, remembered
from generator.models import Analysis, EntityRef, Event, Timex


@dataclass(frozen=True)
class Sentence:
    """One sentence of one story, with the entities it names and the dates it resolves."""

    article: str
    reported: dt.date | None  # the story's own date
    paragraph: int
    start: int
    text: str
    entities: tuple[str, ...]  # entity ids in the order named
    mention_spans: tuple[tuple[str, int, int], ...]  # (entity id, start, end) relative to the sentence
    dates: tuple[Timex, ...]  # resolved dates whose expression lies in the sentence


@dataclass(frozen=True)
class Evidence:
    """A sentence that supports a link or an account: story, paragraph index, verbatim text."""

    article: str
    paragraph: int
    text: str


def evidence(sentence: Sentence) -> Evidence:
    return Evidence(sentence.article, sentence.paragraph, sentence.text)


def phrase_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """Whole words or phrases, case-insensitive, longest first; None for an empty vocabulary."""
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not ordered:
        return None
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def sentences_of(
    article_id: str, analysis: Analysis, known: Mapping[str, EntityRef], wanted: re.Pattern[str] | None = None
) -> list[Sentence]:
    """Every sentence of headline, standfirst and body, with its entities and dates; only blocks ``wanted`` finds."""
    found = []
    mentions_in: dict[int, list[tuple[int, int, str]]] = {}
    for m in analysis.mentions:
        if m.entity in known:
            mentions_in.setdefault(m.paragraph, []).append((m.start, m.end, m.entity))
    timexes_in: dict[int, list[Timex]] = {}
    for t in analysis.timexes:
        if t.value is not None and not t.probable:  # a probable year is no fact to build chains on
            timexes_in.setdefault(t.paragraph, []).append(t)
    article = analysis.article
    pattern = wanted.pattern if wanted is not None else None
    given = beside.cuts_of(article, pattern) if pattern is not None else None  # cut in a forked copy
    for block, (index, text) in enumerate(article.text_blocks()):
        skip = beside.skip_of(article, index, text)
        if given is not None:
            key, cut = given[block]
            keep(beside.SPANS, key, cut)  # where ``remembered`` would have kept it
        else:
            cut = remembered(beside.SPANS, text, lambda t, s=skip: cut_block(t, s, wanted), (pattern, skip))  # type: ignore[misc]
        if cut is None:
            continue  # nothing a chain or a conflict reads: not worth cutting
        mentions = sorted(mentions_in.get(index, ()))
        timexes = timexes_in.get(index, [])
        for start, end in cut:
            spans = tuple((e, a - start, b - start) for a, b, e in mentions if start <= a < end)
            found.append(
                Sentence(
                    article=article_id,
                    reported=analysis.pubdate.date,
                    paragraph=index,
                    start=start,
                    text=text[start:end],
                    entities=tuple(dict.fromkeys(e for e, _, _ in spans)),
                    mention_spans=spans,
                    dates=tuple(t for t in timexes if start <= t.start < end),
                )
            )
    return found


def cut_block(text: str, skip: int, wanted: re.Pattern[str] | None) -> tuple[tuple[int, int], ...] | None:
    """The sentences of a block, or None when ``wanted`` finds nothing in it."""
    if wanted is not None and not finds(wanted, text):
        return None
    return tuple(sentence_spans(text, skip))


_UNSAFE = re.compile(r"\\[^sdwb\W]|\[|\(\?[A-Za-z-]")  # escapes, classes and flags that lower case could change
_SAFE_CLASS = re.compile(r"\[\^?(?:\\[wsd]|[^A-Za-z0-9\\\-\]\[])*-?\]")  # [\w-]: no letter, no range


@functools.lru_cache(maxsize=64)
def _lowered(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-insensitive ``pattern`` as a case-sensitive one for lower-cased ASCII text (three times faster),
    or None when its text holds anything whose meaning lower case could change."""
    text = pattern.pattern
    if not pattern.flags & re.IGNORECASE or not text.isascii() or _UNSAFE.search(_SAFE_CLASS.sub("", text)):
        return None
    return re.compile(text.lower(), pattern.flags & ~re.IGNORECASE)


def finds(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern.search(text)`` found something; an ASCII text is searched lower-cased when the pattern allows."""
    lowered = _lowered(pattern) if text.isascii() else None
    return bool(lowered.search(text.lower()) if lowered is not None else pattern.search(text))


def event_index(events: Iterable[Event]) -> dict[tuple[str, int, dt.date, str], list[str]]:
    """(article, paragraph, date, precision) -> the ids of the events told there."""
    index: dict[tuple[str, int, dt.date, str], list[str]] = {}
    for event in events:
        for article, paragraph in event.sources:
            index.setdefault((article, paragraph, event.date, event.precision), []).append(event.id)
    return index


def event_of(index: Mapping[tuple[str, int, dt.date, str], list[str]], sentence: Sentence, timex: Timex) -> str | None:
    """The timeline event a dated sentence belongs to (one id, or None when it is ambiguous or missing)."""
    ids = index.get((sentence.article, sentence.paragraph, timex.value or dt.date.min, timex.precision), [])
    return ids[0] if len(ids) == 1 else None
