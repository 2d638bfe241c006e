"""Tagging: every rule's matches in a paragraph, overlaps resolved, each resolved against the reference date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from generator.analysis.timex.periods import TimexHit, _Context, _Period, _Resolved, _status, _tense
from generator.analysis.timex.rules import _RULES
from generator.language.calendar import MONTHS as MONTH_NUMBERS
from generator.language.calendar import WEEKDAY_NUMBERS
from generator.language.sentences import sentence_spans
from generator.language.tense import Tense
from generator.models import STANDFIRST, Article, EventStatus, Precision, PubDate, Timex
from generator.readers.dateline import DATELINE_RE

# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------


def _sentence_at(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for span in spans:
        if span[0] <= position < span[1]:
            return span
    return spans[-1] if spans else (0, 0)


# ---------------------------------------------------------------------------
# Tagging
# ---------------------------------------------------------------------------


_MONTH_WORDS = tuple(sorted({name[:3].capitalize() for name in MONTH_NUMBERS} | {name[:3].upper() for name in MONTH_NUMBERS}))
_WEEKDAY_WORDS = tuple(sorted({name.capitalize() for name in WEEKDAY_NUMBERS if len(name) > 4}))
_DIGIT = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")
# Substrings without which a rule cannot match: a cheap test that spares most paragraphs
# most of the patterns. Month and weekday names are looked for as written (capitalised),
# the rest in the lower-cased text.
_CASED_GATES = frozenset({"mdy", "dmy", "md_range", "md", "dm", "month_rel_year", "my", "month", "weekday"})
_GATES: dict[str, tuple[str, ...]] = {
    "mdy": _MONTH_WORDS, "dmy": _MONTH_WORDS, "iso": _DIGIT, "md_range": _MONTH_WORDS, "md": _MONTH_WORDS,
    "dm": _MONTH_WORDS, "month_rel_year": _MONTH_WORDS, "my": _MONTH_WORDS, "month": _MONTH_WORDS,
    "year_range": _DIGIT, "year": _DIGIT, "decade": ("0s", "0's", "0’s"), "century": ("century",),
    "quarter": ("quarter",), "quarter_rel": ("quarter",), "half": ("half",),
    "season": ("spring", "summer", "fall", "autumn", "winter"), "weekday": _WEEKDAY_WORDS,
    "dayword": ("today", "tonight", "yesterday", "tomorrow"), "year_relative": ("year", "month", "week"),
    "relative_unit": ("year", "month", "week"), "weekend": ("weekend",), "ago": (" ago",),
    "anchored": ("earlier", "later", "before", "after", "prior", "following", "next", "previous", "preceding",
                 "year-"),
    "that_day": ("that ", "same "), "spelled_year": ("nineteen", "two thousand"), "decade_word": ("ties",),
    "holiday": ("christmas", "new year", "independence", "halloween", "valentine", "veterans", "bastille",
                "victory", "thanksgiving", "election", "easter"),
    "ref": ("now", "current", "present", "these days", "recent", "lately", "future", "past"),
}  # fmt: skip


_GATE_RES = {name: re.compile("|".join(map(re.escape, words))) for name, words in _GATES.items()}


def _candidates(text: str) -> list[tuple[int, int, int, re.Match[str]]]:
    """Every rule's matches as (start, end, rule index, match), overlaps resolved to the longest."""
    lower = text.lower()
    found: list[tuple[int, int, int, re.Match[str]]] = []
    for index, (name, pattern, _) in enumerate(_RULES):
        if not _GATE_RES[name].search(text if name in _CASED_GATES else lower):
            continue
        for m in pattern.finditer(text):
            found.append((m.start(), m.end(), index, m))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    chosen: list[tuple[int, int, int, re.Match[str]]] = []
    for cand in found:
        if all(cand[1] <= c[0] or cand[0] >= c[1] for c in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda c: c[0])
    return chosen


@dataclass
class _State:
    """What carries from one paragraph to the next: the last date given."""

    anchor: _Period | None = None


def _tag(text: str, reference: dt.date | None, state: _State, skip_to: int = 0) -> Iterator[tuple[TimexHit, tuple[int, int]]]:
    """Hits in one paragraph with the sentence each sits in; ``skip_to`` hides a dateline."""
    candidates = [c for c in _candidates(text) if c[0] >= skip_to]
    if not candidates:
        return
    spans = sentence_spans(text, skip_to)
    for start, _end, index, m in candidates:
        sentence = _sentence_at(spans, start)
        ctx = _Context(text, sentence, reference, state.anchor)
        answer = _RULES[index][2](m, ctx)
        for resolved in answer if isinstance(answer, list) else [answer] if answer else []:
            period = resolved.period
            if period is not None:
                state.anchor = period
            yield _hit(text, resolved, reference, _tense(ctx, resolved.start, resolved.end)), sentence


def _hit(text: str, resolved: _Resolved, reference: dt.date | None, tense: Tense) -> TimexHit:
    period = resolved.period
    if resolved.ref is not None:
        status: EventStatus = "scheduled" if resolved.ref == "FUTURE_REF" else "past"
        timeml: str | None = resolved.ref
    else:
        status = _status(period, reference, tense)
        timeml = period.timeml() if period else None
    return TimexHit(
        start=resolved.start,
        end=resolved.end,
        text=text[resolved.start : resolved.end],
        granularity=period.granularity if period else resolved.granularity,
        value=period.start if period else None,
        timeml=timeml,
        status=status,
        relative=resolved.relative,
    )


def tag_text(text: str, reference: dt.date | None) -> list[TimexHit]:
    """Every temporal expression in a text, normalised against ``reference`` (None: unknown)."""
    state = _State()
    hits: list[TimexHit] = []
    offset = 0
    for paragraph in re.split(r"(\n\s*\n)", text):
        found = _tag(paragraph, reference, state)
        hits.extend(replace(h, start=h.start + offset, end=h.end + offset) for h, _ in found)
        offset += len(paragraph)
    return hits


_PRECISIONS: dict[str, Precision] = {"day": "day", "month": "month", "year": "year"}


def _dateline_end(paragraph: str) -> int:
    match = DATELINE_RE.match(paragraph)
    return match.end() if match else 0


def find_timexes(article: Article, pubdate: PubDate) -> tuple[Timex, ...]:
    """Every dated expression in headline, standfirst and body, at day, month or year precision.

    The dateline's month and day open the first paragraph and only restate
    the article's own date, so they are skipped; the sentence after them
    starts where the dateline ends.
    """
    state = _State()
    found: list[Timex] = []
    reference = pubdate.date if pubdate.status in ("given", "inferred") else None  # a probable date is no fact
    for index, text in article.text_blocks():
        skip_to = _dateline_end(text) if index == 0 else 0
        for hit, (s0, s1) in _tag(text, reference, state, skip_to):
            precision = _PRECISIONS.get(hit.granularity)
            if precision is None:
                continue
            found.append(
                Timex(
                    paragraph=index,
                    start=hit.start,
                    end=hit.end,
                    text=hit.text,
                    value=hit.value,
                    precision=precision,
                    status=hit.status,
                    sentence=text[s0:s1],
                )
            )
        if index == STANDFIRST:
            state.anchor = None
    return tuple(found)
