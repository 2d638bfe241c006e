"""Dates a captured page states about itself: its timestamp line, or a crawler's date token.

A saved news page shows when it was posted ("March 05, 2013, 18:40 UTC+3",
"5 Mar 2013, 18:40", "2013-03-05T18:40:00+03:00", "05.03.2013, 18:40"), and a
crawler may put its own date before the text ("date 2020-03-05 MOSCOW, …").
Neither is the publication date by itself (time zones, late filing, a crawl
made later): the reader records it as the file's *stamp* and the analysis
decides what it proves. Teasers of other stories carry times without a year
("December 26, 18:50", "18:50"); those lines are page furniture, not stamps.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from generator.language.calendar import MONTHS, WEEKDAYS
from generator.language.regexes import longest_first

_MONTH = "|".join(longest_first(MONTHS))
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = r"\d{1,2}[:.]\d\d(?::\d\d)?(?:\s*(?i:[ap]\.?m\.?))?"
_ZONE = r"(?:\s*(?:UTC|GMT|MSK|Moscow time|EST|EDT|CET|CEST|BST|PST|PDT)?\s*(?:[+\-−]\s*\d{1,2}(?::?\d\d)?)?)"
_CLOCK = rf"(?:\s*[,|·•]?\s*(?:at\s+)?{_TIME}{_ZONE})"
_DATES = (
    # March 05, 2013 / Mar. 5 2013
    rf"(?P<m1>(?i:{_MONTH}))\.?\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?,?\s+{_YEAR.replace('year', 'y1')}",
    # 5 Mar 2013 / 05 March, 2013
    rf"(?P<d2>[0-3]?\d)\s+(?P<m2>(?i:{_MONTH}))\.?,?\s+{_YEAR.replace('year', 'y2')}",
    # 2013-03-05 / 2013-03-05T18:40:00+03:00
    rf"{_YEAR.replace('year', 'y3')}-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+\-]\d\d:?\d\d)?)?",
    # 05.03.2013 (day first, as Russian pages write it)
    rf"(?P<d4>[0-3]?\d)\.(?P<m4>[01]?\d)\.{_YEAR.replace('year', 'y4')}",
    # 05/03/2013: day first as in Europe, or month first as in the US (see ``Stamp.other``)
    rf"(?P<d5>[0-3]?\d)/(?P<m5>[0-3]?\d)/{_YEAR.replace('year', 'y5')}",
)
_WEEKDAY = "|".join(longest_first({w for day in WEEKDAYS for w in (day, day[:3], day[:4])}))
# "Tuesday, March 5, 2013" / "Tue, 05 Mar 2013 18:40:00 +0400": a weekday may open the date
_DATE = rf"(?:(?i:{_WEEKDAY})\.?,?\s+)?(?:" + "|".join(_DATES) + ")"
# A date or time without a year: a teaser's "December 26, 18:50", "Yesterday, 18:50", "18:50".
_YEARLESS = re.compile(
    rf"(?:(?:(?i:{_MONTH})\.?\s+[0-3]?\d|[0-3]?\d\s+(?i:{_MONTH})\.?|(?i:today|yesterday))\s*{_CLOCK}?|{_TIME}{_ZONE})",
)


@dataclass(frozen=True)
class Stamp:
    """A date the file states about itself, with the text it was read from."""

    date: dt.date
    text: str  # as written: "March 05, 2013, 18:40 UTC+3", "date 2020-03-05"
    kind: str  # "timestamp line" (a line of its own) or "date token" (before other text on its line)
    other: dt.date | None = None  # "05/03/2013" read month first, when that is a date too: the dateline decides

    def read_as(self, month: int, day: int) -> Stamp:
        """The reading of an ambiguous "05/03/2013" that lies within a day of the dateline's month and day."""
        if self.other is None or _near(self.date, month, day) or not _near(self.other, month, day):
            return self
        return Stamp(self.other, self.text, self.kind, self.date)

    def describe(self) -> str:
        """Readable provenance for evidence sentences."""
        if self.kind == "date token":
            return f"the date token “{self.text}” at the start of a line"
        return f"the page's timestamp line “{self.text}”"


def _near(date: dt.date, month: int, day: int) -> bool:
    try:
        return abs((date - dt.date(date.year, month, day)).days) <= 1
    except ValueError:
        return False


def _label_re(labels: tuple[str, ...]) -> str:
    if not labels:
        return ""
    words = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in longest_first(labels))
    return rf"(?:(?i:{words})(?:\s+(?i:on|at))?\s*[:=]?\s*)?"


@functools.lru_cache(maxsize=16)
def _label_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    """The label pattern compiled once per label list: building its source costs more than matching it."""
    return re.compile(_label_re(labels))


def _compile(labels: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    label = _label_re(labels)
    lead = rf"(?:{_TIME}{_ZONE},?\s+)?"  # "18:40, 5 March 2013"
    line = re.compile(rf"\s*[(\[]?\s*{label}{lead}{_DATE}{_CLOCK}?{_ZONE}\s*[)\]]?\s*\.?\s*")  # "(updated: …)"
    prefix = re.compile(rf"\s*(?P<label>{label}){lead}{_DATE}{_CLOCK}?{_ZONE}[\s|,;·•–—-]+(?=\S)")
    return line, prefix


_CACHE: dict[tuple[str, ...], tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _patterns(labels: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    if labels not in _CACHE:
        _CACHE[labels] = _compile(labels)
    return _CACHE[labels]


def _dates_of(match: re.Match[str]) -> tuple[dt.date | None, dt.date | None]:
    """The date read, and for a slashed date both of whose first numbers can be a month, the month-first reading."""
    first = _date_of(match)
    if match["y5"] is None:
        return first, None
    try:
        other = dt.date(int(match["y5"]), int(match["d5"]), int(match["m5"]))
    except ValueError:
        return first, None
    if first is None:
        return other, None  # "03/25/2013": only month first reads
    return first, (other if other != first else None)


def _date_of(match: re.Match[str]) -> dt.date | None:
    for i in "12345":
        if match[f"y{i}"] is None:
            continue
        month_text = match[f"m{i}"]
        month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower().rstrip("."))
        if month is None:
            return None
        try:
            return dt.date(int(match[f"y{i}"]), month, int(match[f"d{i}"]))
        except ValueError:
            return None
    return None


def stamp_line(line: str, labels: tuple[str, ...] = ()) -> Stamp | None:
    """The stamp when the whole line is a dated timestamp ("Updated: 5 Mar 2013, 18:40"), else None."""
    match = _patterns(labels)[0].fullmatch(line)
    if match is None:
        return None
    when, other = _dates_of(match)
    return Stamp(when, line.strip(), "timestamp line", other) if when else None


def stamp_prefix(line: str, labels: tuple[str, ...] = ()) -> tuple[Stamp, str] | None:
    """A date token before other text on one line ("date 2020-03-05 MOSCOW, …"): the stamp and the rest.

    Only a labelled date, an ISO date or a date with a clock time counts as a
    token: "March 5, 2013 was the day …" is a sentence, not a stamp.
    """
    match = _patterns(labels)[1].match(line)
    if match is None:
        return None
    token = match.group(0)
    iso = match["y3"] is not None
    if not (match["label"] or iso or re.search(_TIME, token)):
        return None
    when, other = _dates_of(match)
    if when is None:
        return None
    return Stamp(when, token.strip(" |,;·•–—-\t"), "date token", other), line[match.end() :]


def is_yearless_time(line: str, labels: tuple[str, ...] = ()) -> bool:
    """A line that is only a date or time without a year ("18:50", "updated at: 19:10"): never article text."""
    text = line.strip().rstrip(".")
    label = _label_pattern(labels).match(text) if labels else None
    return _YEARLESS.fullmatch(text[label.end() if label else 0 :]) is not None


def has_clock(line: str) -> bool:
    """The line gives a time of day ("05.03.2013, 18:40"): a page's stamp rather than a chronology's heading."""
    return re.search(rf"(?<![\d.]){_TIME}(?![\d.])", line) is not None
