"""Dates across the dossier: stories from one agency whose numbers rise with time bound each other.

Agencies number their stories in order (tass.com/politics/1893769). Once one
story's date is given or inferred, every story of that agency with a higher
number is from that day or later and every lower one from that day or
earlier: a hard bound, which can leave one year (inferred). A story with the
same dateline day and a number close to a dated one is probably from the same
year: a soft clue, which can only make a date probable. The evidence names
the other article. Stories that report the same dated event bound each other
too (dossier/eventbounds.py). This module produces the final PubDate of every article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from generator.analysis.pubdate.clues import day_text
from generator.analysis.timex import find_timexes
from generator.dossier import memo
from generator.dossier.eventbounds import event_pass
from generator.models import Analysis, PubDate

_NUMBER_RE = re.compile(r"(\d{5,})(?!.*\d{5,})")
# Without two dated stories on different days to measure the agency's pace, a number within
# this many of a dated story's is taken as "close" (a year of wire copy runs to tens of thousands).
CLOSE_NUMBERS = 2000
# With a measured pace, "close" means within this many days.
CLOSE_DAYS = 30
FIXED = ("given", "inferred")


@dataclass(frozen=True)
class _Story:
    index: int
    agency: str
    number: int
    source: str


def story_number(source: str) -> int | None:
    """The story's number from its file name ("tass_politics_1893769.txt" -> 1893769), if it has one."""
    stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    match = _NUMBER_RE.search(stem)
    return int(match.group(1)) if match else None


def _survivors(pubdate: PubDate) -> list[dt.date]:
    if pubdate.status == "probable" and pubdate.date is not None:
        return sorted({pubdate.date, *pubdate.candidates})
    return list(pubdate.candidates) if pubdate.status == "uncertain" else []


def _stories(analyses: Sequence[Analysis], agency_of: Callable[[Analysis], str | None]) -> list[_Story]:
    stories = []
    for index, analysis in enumerate(analyses):
        number = story_number(analysis.article.source)
        agency = agency_of(analysis) if number is not None else None  # most files carry no number
        if agency and number is not None:
            stories.append(_Story(index, agency, number, analysis.article.source))
    return stories


def _hard_pass(dates: list[PubDate], stories: list[_Story]) -> bool:
    """Narrow every undated story by the dated ones of its agency; True when something changed."""
    changed = False
    for story in stories:
        pubdate = dates[story.index]
        survivors = _survivors(pubdate)
        if pubdate.status in FIXED or not survivors:
            continue
        anchors = [(s, dates[s.index].date) for s in stories if s.agency == story.agency and dates[s.index].status in FIXED]
        lower = max(((s, d) for s, d in anchors if d and s.number < story.number), key=lambda a: a[1], default=None)  # type: ignore[arg-type,return-value]
        upper = min(((s, d) for s, d in anchors if d and s.number > story.number), key=lambda a: a[1], default=None)  # type: ignore[arg-type,return-value]
        kept = [d for d in survivors if (lower is None or d >= lower[1]) and (upper is None or d <= upper[1])]
        if not kept or len(kept) == len(survivors):
            continue
        evidence = list(pubdate.evidence)
        for anchor, word, side in ((lower, "lower", "or later"), (upper, "higher", "or earlier")):
            if anchor is not None:
                evidence.append(
                    f"{anchor[0].source}, dated {day_text(anchor[1])}, has a {word} story number "
                    f"({anchor[0].number}), so this story is from that day {side}"
                )
        dates[story.index] = _narrowed(kept, evidence)
        changed = True
    return changed


def _narrowed(kept: list[dt.date], evidence: list[str]) -> PubDate:
    if len(kept) == 1:
        evidence.append(f"only {kept[0].year} fits")
        return PubDate(kept[0], "inferred", tuple(evidence))
    evidence.append("more than one year fits: " + ", ".join(str(d.year) for d in kept))
    return PubDate(None, "uncertain", tuple(evidence), tuple(kept))


def _pace(dates: list[PubDate], stories: list[_Story], agency: str) -> float | None:
    """Story numbers per day for an agency, from its dated stories, when they span more than a day."""
    dated = sorted((s.number, dates[s.index].date) for s in stories if s.agency == agency and dates[s.index].status in FIXED)
    if len(dated) < 2 or dated[0][1] == dated[-1][1]:
        return None
    days = abs((dated[-1][1] - dated[0][1]).days)  # type: ignore[operator]
    return (dated[-1][0] - dated[0][0]) / days if days else None


def _soft_pass(dates: list[PubDate], stories: list[_Story]) -> None:
    """A close number and the same dateline day make the dated story's year probable."""
    for story in stories:
        pubdate = dates[story.index]
        survivors = _survivors(pubdate)
        if pubdate.status in FIXED or len(survivors) < 2:
            continue
        pace = _pace(dates, stories, story.agency)
        limit = CLOSE_NUMBERS if pace is None else pace * CLOSE_DAYS
        near = sorted(
            (abs(s.number - story.number), s.source, s)
            for s in stories
            if s.agency == story.agency and dates[s.index].status in FIXED and abs(s.number - story.number) <= limit
        )
        match = next(((g, s) for g, _, s in near if dates[s.index].date in survivors), None)
        if match is None or (near and dates[near[0][2].index].date not in survivors):
            continue
        gap, anchor = match
        best = dates[anchor.index].date
        if best is None or (pubdate.status == "probable" and pubdate.date != best):
            continue
        others = [d for d in survivors if d != best]
        listed = ", ".join(str(d.year) for d in others)
        evidence = [e for e in pubdate.evidence if not e.startswith("probably ")]
        evidence.append(
            f"{anchor.source}, dated {day_text(best)}, has the same dateline day and a close story number ({gap} apart)"
        )
        evidence.append(f"probably {best.year} ({listed} not ruled out)")
        dates[story.index] = PubDate(best, "probable", tuple(evidence), tuple(others))


def bound_dates(
    analyses: Sequence[Analysis], agency_of: Callable[[Analysis], str | None], reporting: tuple[str, ...] = ()
) -> list[Analysis]:
    """The final dates of the dossier; articles newly inferred get their relative dates resolved.

    ``reporting`` are the lexicon's reporting verbs, for the tense of re-resolved dates.
    """
    dates = [a.pubdate for a in analyses]
    stories = _stories(analyses, agency_of)
    while _hard_pass(dates, stories) | event_pass(analyses, dates, reporting):
        pass
    if stories:
        _soft_pass(dates, stories)
    out = []
    for analysis, pubdate in zip(analyses, dates, strict=True):
        if pubdate is analysis.pubdate or pubdate == analysis.pubdate:
            out.append(analysis)
            continue
        key = (pubdate, reporting)
        out.append(memo.derived("dates.bound", analysis, key, lambda a=analysis, p=pubdate: _redated(a, p, reporting)))  # type: ignore[misc]
    return out


def _redated(analysis: Analysis, pubdate: PubDate, reporting: tuple[str, ...]) -> Analysis:
    """The analysis under its final date, relative dates resolved again (the last build's object when the same)."""
    timexes = find_timexes(analysis.article, pubdate, reporting) if pubdate.status != "uncertain" else analysis.timexes
    return replace(analysis, pubdate=pubdate, timexes=timexes)
