"""Dates across the dossier: stories that report the same dated event bound each other.

Story A, dated, says a ruling came "on May 3" (so 3 May 2013); story B, whose
year is open, tells "the ruling on May 3" as past. If both sentences name the
same entity and share the event's wording, they tell one event, and B's
yearless "May 3" is A's 3 May 2013. Wire copy gives the year of any date more
than a year old, so B is from the one year in which its "May 3", read as the
timeline reads it, falls on that day: from that day to a year later when told
as past, up to that day when told as ahead. Conservative on purpose, since a
false bound is worse than none: the sentence must carry a tense; the match
needs an entity and two content words in common besides the names, and the
timeline's own test for one event told twice (events.SIMILAR_WITH_ENTITY of
the words shared); and all dated stories that match must agree on the day. A
yearly event worded alike every year (a parade "on May 9") can still match
when the dossier holds it in one year only: that risk is why weekdays are
never matched. The evidence names the other article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.analysis.pubdate.clues import day_text, quote
from generator.analysis.timex import tag_text
from generator.dossier import memo
from generator.dossier.events import SIMILAR_WITH_ENTITY, content_words
from generator.language.calendar import MONTHS
from generator.language.regexes import longest_first
from generator.language.tense import tense_at
from generator.models import Analysis, PubDate, Timex

# Content words both sentences must share, besides the names of the entities they share.
SHARED_WORDS = 2
FIXED = ("given", "inferred")

_MONTH = "|".join(longest_first(MONTHS))
_MONTH_DAY = re.compile(rf"(?i)^(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\.?)$")
_ON = re.compile(r"(?i)^(?:on|of)\s+")


@dataclass(frozen=True)
class _Told:
    """A day-precision event in a dated story: the day, the sentence, its entities and words."""

    source: str
    reference: dt.date
    day: dt.date
    sentence: str
    entities: frozenset[str]
    words: frozenset[str]  # content words, the names' words left out
    all_words: frozenset[str]  # content words, names included (the timeline's same-event test)


def month_day(text: str) -> tuple[int, int] | None:
    """(month, day) of a yearless date as written ("May 3", "on 3 May"); None for anything else."""
    match = _MONTH_DAY.match(_ON.sub("", text.strip()))
    if match is None:
        return None
    return MONTHS[(match["m1"] or match["m2"]).lower()], int(match["d1"] or match["d2"])


def _sentence_parts(
    analysis: Analysis, timex: Timex, paragraphs: Mapping[int, str] | None = None
) -> tuple[frozenset[str], frozenset[str]]:
    """The entities named in the timex's sentence and its content words, the names' words left out
    (``paragraphs``: the article's text blocks by index, when read already)."""
    if paragraphs is None:
        paragraphs = dict(analysis.article.text_blocks())
    paragraph = paragraphs.get(timex.paragraph, "")
    start = paragraph.find(timex.sentence, max(0, timex.start - len(timex.sentence)))
    if not 0 <= start <= timex.start:
        return frozenset(), frozenset()  # the sentence is not where the timex says: match nothing
    end = start + len(timex.sentence)
    named = [m for m in analysis.mentions if m.paragraph == timex.paragraph and start <= m.start < end]
    names = content_words(" ".join(m.surface for m in named))
    return frozenset(m.entity for m in named), content_words(timex.sentence) - names


def _told_by(analysis: Analysis, reference: dt.date) -> tuple[_Told, ...]:
    """The day-precision events one story dated ``reference`` tells: its share of ``_dated_events``."""
    paragraphs = dict(analysis.article.text_blocks())
    told = []
    for timex in analysis.timexes:
        if timex.value is None or timex.precision != "day":
            continue
        entities, words = _sentence_parts(analysis, timex, paragraphs)
        sentence = timex.sentence
        told.append(
            _Told(analysis.article.source, reference, timex.value, sentence.strip(), entities, words, content_words(sentence))
        )
    return tuple(told)


_LAST: dict[str, Any] = memo.held()  # "told": the shares of the last passes (newest first) and the index made of each
KEPT_PASSES = 4  # bound_dates runs a pass again while one narrows a date: the indexes of this many are kept


def _dated_events(analyses: Sequence[Analysis], dates: list[PubDate]) -> Mapping[tuple[int, int], list[_Told]]:
    """Every day-precision event of the dated stories, by month and day (shared: not to be changed).

    Each story's share is the last build's for the same analysis and date (dossier/memo.py); the
    index is the last build's when every share is equal to the one it was made of."""
    shares = [
        memo.derived("eventbounds.told", analysis, pubdate.date, lambda a=analysis, d=pubdate.date: _told_by(a, d))  # type: ignore[misc]
        for analysis, pubdate in zip(analyses, dates, strict=True)
        if pubdate.status in FIXED and pubdate.date is not None
    ]
    recent: list[tuple[list[tuple[_Told, ...]], dict[tuple[int, int], list[_Told]]]] = _LAST.setdefault("told", [])
    for last, told in recent:
        if last == shares:  # by identity first: only a new share is compared field by field
            return told
    told = {}
    for share in shares:
        for one in share:
            told.setdefault((one.day.month, one.day.day), []).append(one)
    recent[:] = [(shares, told), *recent[: KEPT_PASSES - 1]]
    return told


def _resolved(sentence: str, text: str, reference: dt.date, reporting: tuple[str, ...]) -> dt.date | None:
    """The day the timeline would give ``text`` in ``sentence`` if the story were from ``reference``."""
    for hit in tag_text(sentence, reference, reporting=reporting):
        if hit.text == text and hit.granularity == "day":
            return hit.value
    return None


def _match(analysis: Analysis, timex: Timex, told: list[_Told]) -> _Told | None:
    """The one dated event this yearless mention tells, or None when none or several days match."""
    entities, words = _sentence_parts(analysis, timex)
    every = content_words(timex.sentence)
    matches = [
        t
        for t in told
        if entities & t.entities
        and len(words & t.words) >= SHARED_WORDS
        and len(every & t.all_words) >= SIMILAR_WITH_ENTITY * len(every | t.all_words)
    ]
    if not matches or len({t.day for t in matches}) != 1:
        return None
    return min(matches, key=lambda t: (t.reference, t.source))


def _narrow(pubdate: PubDate, kept: list[dt.date], evidence: list[str]) -> PubDate:
    if len(kept) == 1:
        return PubDate(kept[0], "inferred", (*pubdate.evidence, *evidence, f"only {kept[0].year} fits"))
    listed = ", ".join(str(d.year) for d in kept)
    if pubdate.status == "probable" and pubdate.date in kept:
        others = tuple(d for d in kept if d != pubdate.date)
        return PubDate(pubdate.date, "probable", (*pubdate.evidence, *evidence), others)
    return PubDate(None, "uncertain", (*pubdate.evidence, *evidence, f"more than one year fits: {listed}"), tuple(kept))


def _when(timex: Timex) -> tuple[int, int] | None:
    """(month, day) of a day mention: a yearless one as written, a full date by its value."""
    if timex.precision != "day":
        return None
    if timex.value is None:
        return month_day(timex.text)
    return timex.value.month, timex.value.day


def _kept(
    timex: Timex, day: dt.date, past: bool, survivors: list[dt.date], reporting: tuple[str, ...]
) -> tuple[list[dt.date], str]:
    """The story's possible days left by one matched mention, and how to say why.

    A full date ("the ruling on May 3, 2013") told as past puts the story on that day or later;
    the other story shows the event is real, which is what lets this sentence's tense count
    without a governing verb right before the date. A yearless one is that day only in the
    year the timeline would read it so.
    """
    if timex.value is not None:
        kept = [d for d in survivors if (d >= day if past else d <= day)]
        return kept, "from that day or later" if past else "from that day or earlier"
    kept = [d for d in survivors if _resolved(timex.sentence, timex.text, d, reporting) == day]
    return kept, "from that day to a year later" if past else "from the year before that day"


def _bound_one(
    analysis: Analysis,
    pubdate: PubDate,
    survivors: list[dt.date],
    events: Mapping[tuple[int, int], list[_Told]],
    reporting: tuple[str, ...],
) -> PubDate | None:
    """Narrow one story by the first of its tensed day mentions that matches a dated event."""
    for timex in analysis.timexes:
        when = _when(timex)
        if when is None or when not in events:
            continue
        start = timex.sentence.find(timex.text)
        tense = tense_at(timex.sentence, start, start + len(timex.text), reporting=reporting)
        other = _match(analysis, timex, events[when]) if tense is not None else None
        if other is None or (timex.value is not None and timex.value != other.day):
            continue
        kept, side = _kept(timex, other.day, tense == "past", survivors, reporting)
        if not kept or len(kept) == len(survivors):
            continue
        evidence = (
            f"{other.source}, dated {day_text(other.reference)}, reports the same event on {day_text(other.day)} "
            f"({quote(other.sentence)}); this story tells {quote(timex.text)} as {tense}, so it is {side}"
        )
        return _narrow(pubdate, kept, [evidence])
    return None


def event_pass(analyses: Sequence[Analysis], dates: list[PubDate], reporting: tuple[str, ...] = ()) -> bool:
    """Narrow every open story by the dated events it shares with dated stories; True when something changed."""
    events = _dated_events(analyses, dates)
    changed = False
    for index, analysis in enumerate(analyses):
        pubdate = dates[index]
        if pubdate.status in FIXED:
            continue
        survivors = sorted({*pubdate.candidates, *([pubdate.date] if pubdate.date else [])})
        if len(survivors) < 2:
            continue
        narrowed = _bound_one(analysis, pubdate, survivors, events, reporting)
        if narrowed is not None:
            dates[index] = narrowed
            changed = True
    return changed
