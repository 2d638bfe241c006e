"""Temporal expressions: find spans, normalise them against the article's own date.

Spans are found with precompiled regular expressions, one per shape of
expression ("February 8, 2012", "last November", "a year ago", ...), never by a
free-text date parser: those turn "may", "We" or "25-year" into dates. Each
match is resolved against a *reference* date (the article's own day) and an
*anchor* (the last date the text mentioned, for "a year earlier"). The tense
of the sentence decides which year a yearless date falls in ("until January
20" is ahead, "on January 20" in a past-tense sentence is behind) and whether
the expression is ``past`` or ``scheduled``.

Two levels:

* ``tag_text(text, reference)`` returns ``TimexHit``s, with everything TimeML
  can express (weeks, quarters, seasons, decades, ``PRESENT_REF``); the
  benchmark scores these.
* ``find_timexes(article, pubdate)`` keeps what the timeline can show (day,
  month or year precision) as ``Timex`` objects. With an uncertain article
  date, relative and yearless expressions get ``value=None``: an honest
  unknown beats a wrong date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from generator.language.calendar import MONTHS as MONTH_NUMBERS
from generator.language.calendar import WEEKDAY_NUMBERS
from generator.language.sentences import sentence_spans
from generator.language.tense import Tense, tense_at
from generator.models import STANDFIRST, Article, EventStatus, Precision, PubDate, Timex
from generator.readers.dateline import DATELINE_RE


def _words(text: str) -> frozenset[str]:
    """A vocabulary written as whitespace-separated words."""
    return frozenset(text.split())


Granularity = Literal["day", "month", "year", "week", "weekend", "quarter", "half", "season", "decade", "century", "ref"]

# ---------------------------------------------------------------------------
# Vocabularies (data, kept in one place)
# ---------------------------------------------------------------------------

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "last": 4, "final": 4,
}  # fmt: skip
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
ORDINAL_DAYS: dict[str, int] = (
    {word: number for number, word in enumerate(_ORDINAL_WORDS.split(), start=1)}
    | {f"twenty-{word}": 20 + number for number, word in enumerate(_ORDINAL_WORDS.split()[:9], start=1)}
    | {"thirtieth": 30, "thirty-first": 31}
)
DECADE_WORDS: dict[str, int] = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
    "eighties": 80, "nineties": 90,
}  # fmt: skip
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# Season -> the month it is taken to start in (northern hemisphere, meteorological).
SEASON_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# Fixed-date holidays as (month, day); movable ones are computed in _holiday().
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "veterans day": (11, 11),
    "bastille day": (7, 14), "victory day": (5, 9),
}  # fmt: skip

_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
# Case-sensitive inside case-insensitive patterns: "may" and "march" the verbs are not months.
MONTH = rf"(?-i:(?:{_MONTH_FULL}|{_MONTH_FULL.upper()})(?![A-Za-z])|{_MONTH_ABBR}(?![A-Za-z]))"
MONTH_NAME = rf"(?-i:(?:{_MONTH_FULL})(?![A-Za-z]))"
WEEKDAY = r"(?-i:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z]))"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%])(?![.:]\d)(?!,\d{3})"
YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d%])"
DAY_WORD = "(?:" + "|".join(w.replace("-", "[-\\s]") for w in sorted(ORDINAL_DAYS, key=len, reverse=True)) + ")"
_TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TEEN_WORDS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
NUM = r"(?:\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
PART_OF_DAY = r"(?:\s+(?P<pod>morning|afternoon|evening|night))?"
EARLY_LATE = r"(?:(?P<mod>early|late|mid|the\s+(?:beginning|end|middle|start)\s+of)[-\s]+)?"
# How far (days) from the article's day the nearest reading of a yearless date wins over tense.
YEARLESS_WINDOW_DAYS = 45
MONTH_WINDOW_DAYS = 31
# How much the future cues must outweigh the past ones before a bare weekday is read as ahead.
WEEKDAY_FUTURE_MARGIN = 0.4
_B = r"(?<![\w'’-])"  # a word starts here
_E = r"(?![\w-])"  # a word ends here

_FLAGS = re.IGNORECASE


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _FLAGS)


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TimexHit:
    """One expression as found in a text, normalised as far as TimeML can say.

    ``value`` is the first day of the period for day, month and year
    granularity (and the other calendar periods), None for PRESENT_REF and
    the like or when the expression cannot be resolved honestly.
    ``timeml`` is the TimeML value string ("2012-02-08", "1998-Q3",
    "PRESENT_REF") or None when unresolved.
    """

    start: int
    end: int
    text: str
    granularity: Granularity
    value: dt.date | None
    timeml: str | None
    status: EventStatus
    relative: bool


@dataclass(frozen=True)
class _Period:
    """A resolved calendar period: what anchors "a year earlier" and what TimeML prints."""

    granularity: Granularity
    start: dt.date
    code: str = ""  # quarter "Q3", half "H1", season "SU"

    def timeml(self) -> str:
        g, d = self.granularity, self.start
        if g == "day":
            return d.isoformat()
        if g == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if g == "year":
            return f"{d.year:04d}"
        if g in ("week", "weekend"):
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if g == "weekend" else "")
        if g in ("quarter", "half", "season"):
            return f"{d.year:04d}-{self.code}"
        if g == "decade":
            return f"{d.year // 10:03d}"
        return f"{d.year // 100:02d}"  # century

    def end(self) -> dt.date:
        """The last day of the period, for comparing with the reference date."""
        g, d = self.granularity, self.start
        if g == "day":
            return d
        if g in ("week", "weekend"):
            return d + dt.timedelta(days=6 - d.weekday())
        months = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120}.get(g, 1200)
        return _add_months(d, months) - dt.timedelta(days=1)


@dataclass
class _Context:
    """What resolution needs: the text, the sentence around the match, the dates."""

    text: str
    sentence: tuple[int, int]
    reference: dt.date | None
    anchor: _Period | None


Resolver = Callable[[re.Match[str], _Context], "_Resolved | list[_Resolved] | None"]


@dataclass(frozen=True)
class _Resolved:
    """A resolver's answer for a span: a period, a TimeML reference, or nothing known."""

    start: int
    end: int
    granularity: Granularity
    period: _Period | None = None
    ref: str | None = None  # PRESENT_REF, PAST_REF, FUTURE_REF
    relative: bool = False


# ---------------------------------------------------------------------------
# Date arithmetic
# ---------------------------------------------------------------------------


def _add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _month(word: str) -> int:
    return MONTH_NUMBERS[word.lower().rstrip(".")]


def _shift(period: _Period, unit: str, amount: int) -> _Period | None:
    """Move a period by ``amount`` units, keeping its granularity when the unit allows it."""
    unit = unit.lower().rstrip("s")
    g, d = period.granularity, period.start
    if unit in ("year", "decade"):
        years = amount * (10 if unit == "decade" else 1)
        moved = _safe_date(d.year + years, d.month, d.day) or dt.date(d.year + years, d.month, 28)
        return replace(period, start=moved)
    if unit == "quarter" and g == "quarter":
        start = _add_months(d, 3 * amount)
        return _Period("quarter", start, f"Q{(start.month - 1) // 3 + 1}")
    if unit == "month" and g in ("day", "month"):
        start = _add_months(d, amount)
        if g == "day":
            day = _safe_date(start.year, start.month, d.day)
            return _Period("day", day) if day else None
        return _Period("month", start)
    if unit == "week" and g in ("day", "week"):
        return _Period(g, d + dt.timedelta(weeks=amount))
    if unit == "day" and g == "day":
        return _Period("day", d + dt.timedelta(days=amount))
    return None


def _relative_period(reference: dt.date, unit: str, amount: int) -> _Period | None:
    """The period ``amount`` units from the reference date, at the unit's own granularity."""
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return _Period("day", reference + dt.timedelta(days=amount))
    if unit == "week":
        monday = reference - dt.timedelta(days=reference.weekday())
        return _Period("week", monday + dt.timedelta(weeks=amount))
    if unit == "weekend":
        monday = reference - dt.timedelta(days=reference.weekday())
        return _Period("weekend", monday + dt.timedelta(weeks=amount, days=5))
    if unit == "month":
        return _Period("month", _add_months(reference.replace(day=1), amount))
    if unit == "year":
        return _Period("year", dt.date(reference.year + amount, 1, 1))
    if unit == "decade":
        return _Period("year", dt.date(reference.year + 10 * amount, 1, 1))
    if unit == "quarter":
        q = (reference.month - 1) // 3
        start = _add_months(dt.date(reference.year, 3 * q + 1, 1), 3 * amount)
        return _Period("quarter", start, f"Q{(start.month - 1) // 3 + 1}")
    return None


def _pick(candidates: list[dt.date], reference: dt.date, tense: Tense, window: int) -> dt.date:
    """Of dates a yearless expression may mean, the one its tense makes true.

    Near the reference date (within ``window`` days) the nearest wins, since a
    misread tense costs more there than a misplaced month; further away the
    tense decides, and without a tense the nearest again.
    """
    nearest = min(candidates, key=lambda d: (abs((d - reference).days), d > reference))
    if tense is None or abs((nearest - reference).days) <= window:
        return nearest
    if tense == "future":
        ahead = [d for d in candidates if d >= reference]
        return min(ahead) if ahead else nearest
    behind = [d for d in candidates if d <= reference]
    return max(behind) if behind else nearest


# ---------------------------------------------------------------------------
# Tense and status
# ---------------------------------------------------------------------------



def _tense(ctx: _Context, start: int, end: int, future_margin: float = 0.0) -> Tense:
    """The shared classifier (language/tense.py) asked about a span of the current sentence."""
    s0, s1 = ctx.sentence
    return tense_at(ctx.text[s0:s1], start - s0, end - s0, future_margin)


def _status(period: _Period | None, reference: dt.date | None, tense: Tense) -> EventStatus:
    """Scheduled when the period starts after the article's day, or its sentence says it is ahead."""
    if period is not None and reference is not None:
        if period.start > reference:
            return "scheduled"
        if period.end() < reference:
            return "past"
    return "scheduled" if tense == "future" else "past"


# ---------------------------------------------------------------------------
# Resolvers, one per shape of expression
# ---------------------------------------------------------------------------


def _grp(m: re.Match[str], *names: str) -> str:
    """The first of several alternative groups that matched, or ''."""
    for name in names:
        value = m.group(name)
        if value:
            return value
    return ""


def _span(m: re.Match[str], name: str) -> tuple[int, int]:
    return m.start(name), m.end(name)


def _day_number(text: str) -> int:
    word = re.sub(r"\s+", "-", text.lower())
    return ORDINAL_DAYS[word] if word in ORDINAL_DAYS else int(re.sub(r"\D", "", text))


def _spelled_number(text: str) -> int:
    """Spelled numbers: "ninety-six" -> 96, "" -> 0."""
    return sum(NUMBER_WORDS.get(word, 0) for word in re.split(r"[-\s]+", text.lower()) if word != "and")


def _full_date(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    day = _safe_date(int(m["year"]), _month(m["month"]), _day_number(m["day"]))
    if day is None:
        return None
    return _Resolved(m.start(), m.end(), "day", _Period("day", day))


def _iso_date(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    day = _safe_date(int(m["year"]), int(m["mm"]), int(m["dd"]))
    return _Resolved(m.start(), m.end(), "day", _Period("day", day)) if day else None


def _yearless_day(start: int, end: int, month: int, day: int, ctx: _Context, which: str = "") -> _Resolved | None:
    """A date without its year ("on November 21", "until January 20"): the year its tense makes true."""
    if _safe_date(2000, month, day) is None:
        return None
    if ctx.reference is None:
        return _Resolved(start, end, "day", None, relative=True)
    ref = ctx.reference
    candidates = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _safe_date(y, month, day))]
    if which == "last":
        chosen = max(d for d in candidates if d < ref)
    elif which == "next":
        chosen = min(d for d in candidates if d > ref)
    else:
        chosen = _pick(candidates, ref, _tense(ctx, start, end), window=YEARLESS_WINDOW_DAYS)
    return _Resolved(start, end, "day", _Period("day", chosen), relative=True)


def _yearless(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    which = (m.groupdict().get("which") or "").lower()
    return _yearless_day(m.start(), m.end(), _month(m["month"]), _day_number(m["day"]), ctx, which)


def _day_range(m: re.Match[str], ctx: _Context) -> list[_Resolved]:
    """Day ranges ("November 11-13", "11 to 13 November", "Nov. 11-13, 2012"): both ends, each its own span."""
    month_group, first, second = ("month", "d1", "d2") if m["month"] else ("monthb", "d1b", "d2b")
    month = _month(m[month_group])
    found: list[_Resolved] = []
    for name in (first, second):
        start, end = _span(m, name)
        if name == first and m.start(month_group) < start:
            start = m.start()  # "November 11"
        if name == second and m.end(month_group) > end:
            end = m.end(month_group)  # "13 November"
        if m["year"]:
            day = _safe_date(int(m["year"]), month, _day_number(m[name]))
            if day is not None:
                found.append(_Resolved(start, end, "day", _Period("day", day)))
        elif (resolved := _yearless_day(start, end, month, _day_number(m[name]), ctx)) is not None:
            found.append(resolved)
    if m["year"] and found:
        found[-1] = replace(found[-1], end=m.end())
    return found


def _month_year(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    return _Resolved(m.start(), m.end(), "month", _Period("month", dt.date(int(m["year"]), _month(m["month"]), 1)))


def _month_of_relative_year(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """A month of a relative year: "June last year", "in March next year"."""
    if ctx.reference is None:
        return _Resolved(m.start(), m.end(), "month", None, relative=True)
    year = ctx.reference.year + {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
    return _Resolved(m.start(), m.end(), "month", _Period("month", dt.date(year, _month(m["month"]), 1)), relative=True)


def _month_alone(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """A month alone ("in March", "last November", "early December"), in the year its tense points to."""
    name = _grp(m, "month", "may", "bare")
    start = m.start("may") if m["may"] else m.start()
    month = _month(name)
    which = (m["which"] or "").split()[0].lower() if m["which"] else ""
    if ctx.reference is None:
        return _Resolved(start, m.end(), "month", None, relative=True)
    ref = ctx.reference.replace(day=1)
    candidates = [dt.date(y, month, 1) for y in (ref.year - 1, ref.year, ref.year + 1)]
    if which == "last":
        chosen = max(d for d in candidates if d < ref)
    elif which == "next":
        chosen = min(d for d in candidates if d > ref)
    elif which == "this":
        chosen = dt.date(ref.year, month, 1)
    else:
        chosen = _pick(candidates, ref, _tense(ctx, start, m.end()), window=MONTH_WINDOW_DAYS)
    return _Resolved(start, m.end(), "month", _Period("month", chosen), relative=True)


def _year(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    year = int(m["year"])
    if not _plausible_year(m, ctx.text, year):
        return None
    return _Resolved(m.start(), m.end(), "year", _Period("year", dt.date(year, 1, 1)))


def _year_range(m: re.Match[str], ctx: _Context) -> list[_Resolved]:
    """Year ranges ("2008-2010", "1998-99"): both years."""
    first = int(m["y1"])
    second_text = m["y2"]
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    if not first < second <= first + 30:
        return []
    return [
        _Resolved(m.start("y1"), m.end("y1"), "year", _Period("year", dt.date(first, 1, 1))),
        _Resolved(m.start("y2"), m.end("y2"), "year", _Period("year", dt.date(second, 1, 1))),
    ]


_QUANTITY_BEFORE = re.compile(
    r"(?i)(?:\$|€|£|#|no\.|number|about|some|nearly|almost|over|around|approximately|than|least|"
    r"only|just|up\s+to|exactly|roughly|estimated|flight|route|model|resolution|article|room|"
    r"page|pages|paragraph|item|code|windows|the\s+top|(?<![\d,.])(?!(?:1[89]|20)\d\d\b)\d[\d,.]*\s*(?:-|to|and|or))\s*$"
)
_UNIT_AFTER = re.compile(
    r"(?i)\s*(?:%|percent|per\s+cent|people|persons|troops|soldiers|men|women|children|members|"
    r"votes|dollars|euros|rubles|roubles|pounds|tons|tonnes|km|kilometers|kilometres|miles|meters|"
    r"metres|feet|units|cases|deaths|jobs|workers|employees|residents|refugees|migrants|homes|"
    r"houses|cars|vehicles|flights|points|shares|barrels|times|hectares|acres|[a-z]+-(?:year|strong))\b"
)
_YEAR_PREP_BEFORE = re.compile(r"(?i)(?:in|since|of|from|by|until|till|before|after|during|to|and|circa|c\.)\s+$")


def _plausible_year(m: re.Match[str], text: str, year: int) -> bool:
    """A bare four-digit number is a year unless it counts something ("2000 troops", "$1999")."""
    before = text[max(0, m.start() - 20) : m.start()]
    after = text[m.end() : m.end() + 20]
    if not m["mod"] and (_QUANTITY_BEFORE.search(before) or _UNIT_AFTER.match(after) or before.endswith("-")):
        return False  # "some 2000 troops", "$1999", "COVID-2019"
    if year < 1900 and not (m["mod"] or _YEAR_PREP_BEFORE.search(before)):
        return False
    return year <= 2099


def _decade(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    if m["dec4"]:
        start = int(m["dec4"])
    else:
        two = int(m["dec2"])
        latest = ctx.reference.year if ctx.reference else 2099
        start = max(c + two for c in (1800, 1900, 2000) if c + two <= latest)
    return _Resolved(m.start(), m.end(), "decade", _Period("decade", dt.date(start, 1, 1)))


def _spelled_year(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """Years as broadcast transcripts spell them: "nineteen ninety-six", "the year two thousand"."""
    year = 1900 + _spelled_number(m["sy"]) if m["sy"] is not None else 2000 + _spelled_number(m["sy2k"] or "")
    return _Resolved(m.start(), m.end(), "year", _Period("year", dt.date(year, 1, 1)))


def _decade_word(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """A decade word ("the nineties"): the latest such decade begun by the article's day."""
    two = DECADE_WORDS[m["decw"].lower()]
    latest = ctx.reference.year if ctx.reference else 1999
    start = max(c + two for c in (1800, 1900, 2000) if c + two <= latest)
    return _Resolved(m.start(), m.end(), "decade", _Period("decade", dt.date(start, 1, 1)))


def _century(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    which = re.sub(r"\s+", " ", m["which"].lower())
    if which in ("this", "the current", "the present", "the last", "last"):
        if ctx.reference is None:
            return _Resolved(m.start(), m.end(), "century", None, relative=True)
        start = ctx.reference.year // 100 * 100 - (100 if "last" in which else 0)
        return _Resolved(m.start(), m.end(), "century", _Period("century", dt.date(start, 1, 1)), relative=True)
    number = _day_number(which)
    if not 1 <= number <= 21:
        return None
    return _Resolved(m.start(), m.end(), "century", _Period("century", dt.date((number - 1) * 100 or 1, 1, 1)))


def _quarter(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    number = ORDINALS[m["ord"].lower()]
    year_text = _grp(m, "qyear", "qyear2")
    rel = (m["qrel"] or "").lower()
    if year_text:
        year: int | None = int(year_text)
    elif ctx.reference is not None:
        year = ctx.reference.year + (-1 if rel == "last" else 1 if rel == "next" else 0)
    else:
        year = None
    if year is None:
        return _Resolved(m.start(), m.end(), "quarter", None, relative=True)
    period = _Period("quarter", dt.date(year, 3 * number - 2, 1), f"Q{number}")
    return _Resolved(m.start(), m.end(), "quarter", period, relative=not year_text)


def _latest_quarter(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """A quarter named by its place ("the quarter", "the latest quarter"): by default the last one ended."""
    word = re.sub(r"\s+", " ", (m["qwhich"] or "").lower())
    if word in ("year-ago", "year-earlier", "same") and ctx.anchor and ctx.anchor.granularity == "quarter":
        shift = 0 if word == "same" else -1
        return _Resolved(m.start(), m.end(), "quarter", _shift(ctx.anchor, "year", shift), relative=True)
    if ctx.reference is None:
        return _Resolved(m.start(), m.end(), "quarter", None, relative=True)
    amount = 0 if word in ("current", "this") else 1 if word in ("next", "coming") else -1
    period = _relative_period(ctx.reference, "quarter", amount)
    if word in ("year-ago", "year-earlier") and period is not None:
        period = _shift(period, "year", -1)
    return _Resolved(m.start(), m.end(), "quarter", period, relative=True)


def _half(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    number = 1 if m["hord"].lower() == "first" else 2
    year_text = re.sub(r"\s+", " ", m["hyear"].lower())
    if year_text.isdigit():
        year: int | None = int(year_text)
    elif ctx.reference is None:
        year = None
    else:
        year = ctx.reference.year + (-1 if "last" in year_text else 1 if "next" in year_text else 0)
    if year is None:
        return _Resolved(m.start(), m.end(), "half", None, relative=True)
    period = _Period("half", dt.date(year, 1 if number == 1 else 7, 1), f"H{number}")
    return _Resolved(m.start(), m.end(), "half", period, relative=not year_text.isdigit())


def _season(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    season = _grp(m, "season", "season2").lower()
    code = SEASONS[season]
    which = (m["swhich"] or "").lower()
    year_text = _grp(m, "syear", "syear2")
    if year_text:
        period = _Period("season", dt.date(int(year_text), SEASON_MONTH[code], 1), code)
        return _Resolved(m.start(), m.end(), "season", period)
    if which == "the" and season == "fall":
        return None  # "the fall of the wall", "the fall in prices"
    if ctx.reference is None:
        return _Resolved(m.start(), m.end(), "season", None, relative=True)
    ref = ctx.reference.replace(day=1)
    candidates = [dt.date(y, SEASON_MONTH[code], 1) for y in (ref.year - 2, ref.year - 1, ref.year, ref.year + 1)]
    if which in ("last", "past"):
        chosen = max(d for d in candidates if _add_months(d, 3) <= ref)
    elif which == "next":
        chosen = min(d for d in candidates if d > ref)
    elif which == "this":
        chosen = dt.date(ref.year, SEASON_MONTH[code], 1)
    else:
        chosen = _pick(candidates, ref, _tense(ctx, m.start(), m.end()), window=92)
    return _Resolved(m.start(), m.end(), "season", _Period("season", chosen, code), relative=True)


def _weekday_date(reference: dt.date, weekday: int, which: str, tense: Tense) -> dt.date:
    """Past tense: on or before the article's day; future: on or after; "last"/"next": strictly."""
    behind = reference - dt.timedelta(days=(reference.weekday() - weekday) % 7)
    ahead = reference + dt.timedelta(days=(weekday - reference.weekday()) % 7)
    if which == "last":
        return behind if behind < reference else behind - dt.timedelta(days=7)
    if which == "next":
        return ahead if ahead > reference else ahead + dt.timedelta(days=7)
    if which in ("this", "coming") or tense == "future":
        return ahead
    return behind


def _weekday(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    weekday = WEEKDAY_NUMBERS[m["wd"].lower()]
    if ctx.reference is None:
        return _Resolved(m.start(), m.end(), "day", None, relative=True)
    which = (m["which"] or "").lower()
    possessive = "'" in m.group(0) or "’" in m.group(0)  # "Wednesday's ruling": said of what happened
    tense = "past" if possessive else _tense(ctx, m.start(), m.end(), WEEKDAY_FUTURE_MARGIN)
    day = _weekday_date(ctx.reference, weekday, which, tense)
    return _Resolved(m.start(), m.end(), "day", _Period("day", day), relative=True)


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _day_word(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    amount = _DAY_WORDS[m["dw"].lower()]
    before = re.sub(r"\s+", " ", (m["dwpre"] or "").lower())
    amount += -1 if before.startswith("the day before") else 1 if before.startswith("the day after") else 0
    if ctx.reference is None:
        return _Resolved(m.start(), m.end(), "day", None, relative=True)
    day = ctx.reference + dt.timedelta(days=amount)
    return _Resolved(m.start(), m.end(), "day", _Period("day", day), relative=True)


_REL_AMOUNT = {
    "this": 0, "the current": 0, "the present": 0, "current": 0,
    "last": -1, "the past": -1, "past": -1, "the last": -1, "this past": -1,
    "next": 1, "the coming": 1, "coming": 1,
}  # fmt: skip


def _relative_unit(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """Units counted from the article's day: "this year", "last month", "next week"."""
    which = re.sub(r"\s+", " ", m["rwhich"].lower())
    unit = m["runit"].lower()
    if ctx.reference is None:
        return _Resolved(m.start(), m.end(), _unit_granularity(unit), None, relative=True)
    period = _relative_period(ctx.reference, unit, _REL_AMOUNT[which])
    return _Resolved(m.start(), m.end(), _unit_granularity(unit), period, relative=True)


_UNIT_GRANULARITY: dict[str, Granularity] = {
    "day": "day", "week": "week", "weekend": "weekend", "month": "month", "quarter": "quarter",
}  # fmt: skip


def _unit_granularity(unit: str) -> Granularity:
    return _UNIT_GRANULARITY.get(unit, "year")


def _the_weekend(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    if ctx.reference is None:
        return _Resolved(m.start(), m.end(), "weekend", None, relative=True)
    tense = _tense(ctx, m.start(), m.end())
    amount = 0 if tense == "future" or ctx.reference.weekday() >= 5 else -1
    return _Resolved(m.start(), m.end(), "weekend", _relative_period(ctx.reference, "weekend", amount), relative=True)


def _ago(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """Spans back from the article's day ("two years ago"), at the unit's granularity."""
    amount = _number(m["num"])
    unit = m["unit"].lower().rstrip("s")
    if amount is None:
        return None
    if ctx.reference is None:
        return _Resolved(m.start(), m.end(), _unit_granularity(unit), None, relative=True)
    if unit == "year" and ctx.anchor is not None and ctx.anchor.granularity == "quarter":
        # Earnings copy: "profit rose in the third quarter from a year ago" means that quarter.
        period = _shift(ctx.anchor, "year", -amount)
    elif unit == "decade":
        period = _relative_period(ctx.reference, "year", -10 * amount)
    else:
        period = _relative_period(ctx.reference, unit, -amount)
    if period is None:
        return None
    return _Resolved(m.start(), m.end(), period.granularity, period, relative=True)


_BACKWARD = frozenset({"earlier", "before", "previous", "preceding", "prior"})


def _anchored(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """Spans from the last date the text gave: "a year earlier", "the following month"."""
    if m["yadj"]:
        amount, unit, direction = 1, "year", "earlier"
    else:
        number = _number(_grp(m, "num", "num_b") or "1")
        if number is None:
            return None
        amount = number
        unit = _grp(m, "unit", "unit_b", "unit_c").lower().rstrip("s")
        direction = _grp(m, "dir", "dir_b", "dir_c").lower()
    sign = -1 if direction in _BACKWARD else 1
    if ctx.anchor is not None:
        period = _shift(ctx.anchor, unit, sign * amount)
    elif ctx.reference is not None:
        period = _relative_period(ctx.reference, unit, sign * amount)
    else:
        period = None
    granularity = period.granularity if period else _unit_granularity(unit)
    return _Resolved(m.start(), m.end(), granularity, period, relative=True)


def _that_day(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """The period of the last date the text gave: "that day", "the same year"."""
    unit = m["tunit"].lower()
    base = ctx.anchor
    if unit in ("day", "morning", "night", "evening", "afternoon"):
        if base is None or base.granularity != "day":
            return None
        return _Resolved(m.start(), m.end(), "day", base, relative=True)
    if base is None or (unit == "month" and base.granularity not in ("day", "month")):
        return None
    if unit == "month":
        return _Resolved(m.start(), m.end(), "month", _Period("month", base.start.replace(day=1)), relative=True)
    return _Resolved(m.start(), m.end(), "year", _Period("year", dt.date(base.start.year, 1, 1)), relative=True)


def _year_relative(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """Parts of relative periods: "earlier this year", "later this month", "the end of last year"."""
    unit = m["yrunit"].lower()
    amount = {"this": 0, "next": 1, "last": -1}[(m["yrwhich"] or "this").lower()]
    if ctx.reference is None:
        return _Resolved(m.start(), m.end(), _unit_granularity(unit), None, relative=True)
    period = _relative_period(ctx.reference, unit, amount)
    return _Resolved(m.start(), m.end(), _unit_granularity(unit), period, relative=True)


def _holiday(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    name = re.sub(r"\s+", " ", m["hol"].lower()).replace("’", "'")
    year_text = m["holyear"]
    if year_text:
        years = [int(year_text)]
    elif ctx.reference is None:
        return _Resolved(m.start(), m.end(), "day", None, relative=True)
    else:
        years = [ctx.reference.year - 1, ctx.reference.year, ctx.reference.year + 1]
    candidates = [d for y in years if (d := _holiday_date(name, y))]
    if not candidates:
        return None
    if ctx.reference is None or len(candidates) == 1:
        chosen = candidates[0]
    else:
        which = (m["holwhich"] or "").lower()
        if which == "last":
            chosen = max(d for d in candidates if d < ctx.reference)
        elif which == "next":
            chosen = min(d for d in candidates if d > ctx.reference)
        else:
            chosen = _pick(candidates, ctx.reference, _tense(ctx, m.start(), m.end()), window=14)
    return _Resolved(m.start(), m.end(), "day", _Period("day", chosen), relative=not year_text)


def _holiday_date(name: str, year: int) -> dt.date | None:
    if name in FIXED_HOLIDAYS:
        return _safe_date(year, *FIXED_HOLIDAYS[name])
    if name.startswith("thanksgiving"):  # fourth Thursday of November
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name == "election day":  # the Tuesday after the first Monday of November
        first = dt.date(year, 11, 2)
        return first + dt.timedelta(days=(1 - first.weekday()) % 7)
    if name.startswith("easter"):
        return _easter(year)
    return None


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    mm = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * mm + 114, 31)
    return dt.date(year, month, day + 1)


# Words that point at the present, past or future without a date. "Previously", "soon" and
# "future" (the adjective) were left out: in TimeBank they are more often not time expressions.
_REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF", "the future": "FUTURE_REF",
}  # fmt: skip


def _reference_word(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    word = re.sub(r"\s+", " ", m["refw"].lower())
    ref = "PAST_REF" if word.startswith("recent") else _REFS[word]
    return _Resolved(m.start(), m.end(), "ref", None, ref=ref)


# ---------------------------------------------------------------------------
# Rules: pattern -> resolver. Overlaps go to the longest match; ties to the earlier rule.
# ---------------------------------------------------------------------------

_WD_PREFIX = rf"(?:{WEEKDAY},?\s+)?"
_PREP_BEFORE_MAY = r"(?:in|since|until|till|by|during|from|before|after|through|of|to|early|late|mid|and|or)"
_RANGE_SEP = r"\s*(?:-|–|—|to|and|until|till|through|or)\s*"

_RULES: tuple[tuple[str, re.Pattern[str], Resolver], ...] = (
    ("mdy", _rx(rf"{_B}{_WD_PREFIX}(?P<month>{MONTH})\s+(?P<day>{DAY}),?\s+(?P<year>{YEAR}){_E}"), _full_date),
    (
        "dmy",
        _rx(rf"{_B}{_WD_PREFIX}(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH}),?\s+(?P<year>{YEAR}){_E}"),
        _full_date,
    ),
    ("iso", _rx(rf"{_B}(?P<year>{YEAR})-(?P<mm>0[1-9]|1[0-2])-(?P<dd>[0-3]\d){_E}"), _iso_date),
    (
        "md_range",
        _rx(
            rf"{_B}(?:(?P<month>{MONTH})\s+(?P<d1>{DAY}){_RANGE_SEP}(?P<d2>{DAY})"
            rf"|(?P<d1b>{DAY}){_RANGE_SEP}(?P<d2b>{DAY})\s+(?P<monthb>{MONTH}))(?:,?\s+(?P<year>{YEAR}))?{_E}"
        ),
        _day_range,
    ),
    (
        "md",
        _rx(
            rf"{_B}(?:(?P<which>last|next|this)\s+)?{_WD_PREFIX}(?P<month>{MONTH})\s+(?:the\s+)?"
            rf"(?P<day>{DAY}|{DAY_WORD}){_E}"
        ),
        _yearless,
    ),
    (
        "dm",
        _rx(rf"{_B}{_WD_PREFIX}(?:the\s+)?(?P<day>{DAY}|{DAY_WORD})\s+(?:of\s+)?(?P<month>{MONTH}){_E}"),
        _yearless,
    ),
    (
        "month_rel_year",
        _rx(rf"{_B}(?P<month>{MONTH})\s+(?:of\s+)?(?P<which>last|this|next)\s+year{_E}"),
        _month_of_relative_year,
    ),
    ("my", _rx(rf"{_B}{EARLY_LATE}(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR}){_E}"), _month_year),
    (
        "month",
        _rx(
            rf"{_B}(?:(?P<which>last|next|this|early|late|mid|(?:the\s+)?(?:beginning|end|middle|start)\s+of)"
            rf"[-\s]+(?P<month>{MONTH_NAME}|{_MONTH_ABBR})"
            rf"|{_PREP_BEFORE_MAY}\s+(?P<may>(?-i:May))"
            rf"|(?P<bare>(?-i:(?!May)(?:{_MONTH_FULL}))))(?![-\w])(?!\s+(?-i:[A-Z][a-z]))(?!\s+\d)"
        ),
        _month_alone,
    ),
    (
        "year_range",
        _rx(rf"{_B}(?<![\d,.$£€#/:])(?P<y1>{YEAR})\s*[-–—/]\s*(?P<y2>{YEAR}|\d\d)(?![\d%-]){_E}"),
        _year_range,
    ),
    (
        "year",
        _rx(
            rf"{_B}(?:(?P<mod>early|late|mid|pre|post|fiscal|calendar|the\s+(?:beginning|end|middle|start)\s+of)"
            rf"[-\s]+)?(?<![\d,.$£€#/:])(?<!\d-)(?P<year>{YEAR})"
            rf"(?![\d,.]\d|[-/]\d|[-‑](?:year|old|month|day|week))"
        ),
        _year,
    ),
    (
        "decade",
        _rx(rf"{_B}(?:the\s+)?(?:(?:early|late|mid)[-\s]+)?(?:(?P<dec4>1[0-9]\d0|20\d0)|['’](?P<dec2>\d0))['’]?s{_E}"),
        _decade,
    ),
    (
        "century",
        _rx(rf"{_B}(?P<which>this|last|the\s+(?:current|present|last|\d{{1,2}}(?:st|nd|rd|th)))\s+century{_E}"),
        _century,
    ),
    (
        "quarter",
        _rx(
            rf"{_B}(?:(?:the|its|their|(?P<qrel>this|last|next)\s+year['’]s|(?P<qyear>{YEAR})(?:['’]s)?)\s+)?"
            rf"(?:(?:fiscal|calendar)[-\s]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+quarter"
            rf"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<qyear2>{YEAR}))?{_E}"
        ),
        _quarter,
    ),
    (
        "quarter_rel",
        _rx(
            rf"{_B}(?:the\s+)?(?P<qwhich>latest|current|previous|past|last|this|next|coming|recent|"
            rf"most\s+recent|year-ago|year-earlier|same)\s+(?:fiscal\s+)?quarter{_E}|{_B}the\s+quarter{_E}"
        ),
        _latest_quarter,
    ),
    (
        "half",
        _rx(
            rf"{_B}(?:the\s+)?(?P<hord>first|second|last|latter)\s+half\s+of\s+"
            rf"(?P<hyear>{YEAR}|this\s+year|next\s+year|last\s+year|the\s+year){_E}"
        ),
        _half,
    ),
    (
        "season",
        _rx(
            rf"{_B}(?:(?:this\s+)?(?P<swhich>last|this|next|past|the|early|late|mid)[-\s]+(?:(?:early|late|mid)[-\s]?)?"
            rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<syear>{YEAR}))?"
            rf"|(?P<season2>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<syear2>{YEAR})){_E}"
            rf"(?!\s+of\s+(?!{YEAR}))"
        ),
        _season,
    ),
    (
        "weekday",
        _rx(rf"{_B}(?:(?P<which>last|next|this|coming|early|late)\s+)?(?P<wd>{WEEKDAY})(?:['’]s)?{PART_OF_DAY}{_E}"),
        _weekday,
    ),
    (
        "dayword",
        _rx(
            rf"{_B}(?P<dwpre>the\s+day\s+(?:before|after)\s+|(?:early|late|later|earlier)\s+)?"
            rf"(?<!USA\s)(?P<dw>today|tonight|yesterday|tomorrow)(?:['’]s)?{PART_OF_DAY}{_E}"
            rf"(?!\s+(?:programme|program|show|newspaper)\b)"
        ),
        _day_word,
    ),
    (
        "year_relative",
        _rx(
            rf"{_B}(?:(?:earlier|later|early|late|sometime|so\s+far|(?:the\s+)?(?:beginning|end|middle|start)\s+of|"
            rf"mid)[-\s]+(?P<yrwhich>this|next|last)|(?:earlier|later)\s+in\s+the|"
            rf"the\s+(?:beginning|end|middle|start)\s+of\s+the)\s+(?P<yrunit>year|month|week){_E}"
        ),
        _year_relative,
    ),
    (
        "relative_unit",
        _rx(
            rf"{_B}(?P<rwhich>this\s+past|this|last|next|the\s+current|the\s+present|the\s+coming|coming|"
            rf"the\s+past|the\s+last)\s+(?P<runit>week|weekend|month|year){_E}"
        ),
        _relative_unit,
    ),
    (
        "spelled_year",
        _rx(
            rf"{_B}(?:the\s+year\s+)?nineteen[-\s]+(?:hundred(?:\s+and)?[-\s]+)?"
            rf"(?P<sy>(?:{_TENS_WORDS})(?:[-\s]+(?:{_UNIT_WORDS}))?|{_TEEN_WORDS}|{_UNIT_WORDS}){_E}"
            rf"|{_B}the\s+year\s+two\s+thousand(?:\s+(?:and\s+)?(?P<sy2k>(?:{_TENS_WORDS})(?:[-\s]+(?:{_UNIT_WORDS}))?|"
            rf"{_TEEN_WORDS}|{_UNIT_WORDS}))?{_E}"
        ),
        _spelled_year,
    ),
    (
        "decade_word",
        _rx(rf"{_B}the\s+(?:(?:early|late|mid)[-\s]+)?(?P<decw>{'|'.join(DECADE_WORDS)}){_E}"),
        _decade_word,
    ),
    ("weekend", _rx(rf"{_B}the\s+weekend{_E}"), _the_weekend),
    (
        "ago",
        _rx(
            rf"{_B}(?:(?:about|almost|nearly|some|more\s+than|over|just|only|roughly|exactly|barely)\s+)?"
            rf"(?P<num>{NUM})\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago{_E}"
        ),
        _ago,
    ),
    (
        "anchored",
        _rx(
            rf"{_B}(?:(?P<num>{NUM})\s+(?P<unit>days?|weeks?|months?|years?|quarters?)\s+(?P<dir>earlier|later)"
            rf"|(?P<num_b>{NUM})\s+(?P<unit_b>days?|weeks?|months?|years?)\s+(?P<dir_b>before|after|prior)"
            rf"(?=\s*[,.;:)]|\s*$)"
            rf"|the\s+(?P<dir_c>following|next|previous|preceding|prior)\s+(?P<unit_c>day|week|month|year)"
            rf"|(?P<yadj>year-earlier|year-ago)){_E}"
        ),
        _anchored,
    ),
    (
        "that_day",
        _rx(rf"{_B}(?:that|the\s+same)\s+(?:same\s+)?(?P<tunit>day|morning|night|evening|month|year){_E}"),
        _that_day,
    ),
    (
        "holiday",
        _rx(
            rf"{_B}(?:(?P<holwhich>last|next|this)\s+)?(?P<hol>(?-i:Christmas(?:\s+(?:Day|Eve))?|"
            rf"New\s+Year['’]s\s+(?:Day|Eve)|Independence\s+Day|Halloween|Valentine['’]s\s+Day|Veterans\s+Day|"
            rf"Bastille\s+Day|Victory\s+Day|Thanksgiving(?:\s+Day)?|Election\s+Day|Easter(?:\s+Sunday)?))"
            rf"(?:\s+(?P<holyear>{YEAR}))?{_E}"
        ),
        _holiday,
    ),
    (
        "ref",
        _rx(
            rf"{_B}(?P<refw>now|currently|at\s+present|nowadays|these\s+days|recently|lately|the\s+future|"
            rf"the\s+past(?!\s+(?:{NUM}|few|several|days|weeks|months|years|decades?|century|quarters?|week|"
            rf"month|year|(?-i:[A-Z])))|recent(?=\s+(?:days|weeks|months|years)))(?:\s+(?:days|weeks|months|years))?{_E}"
        ),
        _reference_word,
    ),
)


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
