"""What resolution works with: the hit found, the calendar period, the context, date arithmetic, status."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from generator.analysis.timex.vocab import NUMBER_WORDS, Granularity
from generator.language.calendar import MONTHS as MONTH_NUMBERS
from generator.language.tense import Tense, tense_at
from generator.models import EventStatus

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
    type: str = "DATE"  # the TIMEX3 type: DATE, TIME, DURATION or SET


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
    reporting: tuple[str, ...] = ()  # the lexicon's reporting verbs (language/tense.py)


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
    suffix: str = ""  # a time of day after the date, TimeML style: "TMO", "T15:00" (type TIME)
    value: str | None = None  # a TimeML value with no calendar period: "P2Y" (DURATION), "P1D" (SET)
    type: str = "DATE"


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


def _pick(candidates: list[dt.date], reference: dt.date, tense: Tense | Callable[[], Tense], window: int) -> dt.date:
    """Of dates a yearless expression may mean, the one its tense makes true.

    Near the reference date (within ``window`` days) the nearest wins, since a
    misread tense costs more there than a misplaced month; further away the
    tense decides, and without a tense the nearest again. ``tense`` may be a function
    giving it: the sentence is then read only when the tense decides.
    """
    nearest = min(candidates, key=lambda d: (abs((d - reference).days), d > reference))
    if abs((nearest - reference).days) <= window:
        return nearest
    if callable(tense):
        tense = tense()
    if tense is None:
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
    return tense_at(ctx.text[s0:s1], start - s0, end - s0, future_margin, ctx.reporting)


def _status(period: _Period | None, reference: dt.date | None, tense: Tense) -> EventStatus:
    """Scheduled when the period starts after the article's day, or its sentence says it is ahead."""
    if period is not None and reference is not None:
        if period.start > reference:
            return "scheduled"
        if period.end() < reference:
            return "past"
    return "scheduled" if tense == "future" else "past"
