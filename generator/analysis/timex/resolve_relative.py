"""Resolvers for expressions read against the article's day or the last date told: weekdays, "a year ago"."""

from __future__ import annotations

import datetime as dt
import re

from generator.analysis.timex.periods import (
    _Context,
    _number,
    _Period,
    _pick,
    _relative_period,
    _Resolved,
    _safe_date,
    _shift,
    _tense,
)
from generator.analysis.timex.resolve_dates import _grp
from generator.analysis.timex.vocab import FIXED_HOLIDAYS, WEEKDAY_FUTURE_MARGIN, Granularity
from generator.language.calendar import WEEKDAY_NUMBERS
from generator.language.tense import Tense


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
    # the tense is read only where it decides: "last", "next", "this" and "coming" say which day themselves
    settled = possessive or which in ("last", "next", "this", "coming")
    tense = "past" if settled else _tense(ctx, m.start(), m.end(), WEEKDAY_FUTURE_MARGIN)
    day = _weekday_date(ctx.reference, weekday, which, tense)
    return _Resolved(m.start(), m.end(), "day", _Period("day", day), relative=True, suffix=part_of_day(m["pod"]))


# "night" is left out: TimeBank's annotators mostly give "Friday night" the day alone.
_PARTS_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV"}


def part_of_day(word: str | None) -> str:
    """TimeML's time-of-day suffix for "morning", "night", ... ("" for none)."""
    return _PARTS_OF_DAY.get((word or "").lower(), "")


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _day_word(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    amount = _DAY_WORDS[m["dw"].lower()]
    before = re.sub(r"\s+", " ", (m["dwpre"] or "").lower())
    amount += -1 if before.startswith("the day before") else 1 if before.startswith("the day after") else 0
    if ctx.reference is None:
        return _Resolved(m.start(), m.end(), "day", None, relative=True)
    day = ctx.reference + dt.timedelta(days=amount)
    return _Resolved(m.start(), m.end(), "day", _Period("day", day), relative=True, suffix=part_of_day(m["pod"]))


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
            chosen = _pick(candidates, ctx.reference, lambda: _tense(ctx, m.start(), m.end()), window=14)
    return _Resolved(m.start(), m.end(), "day", _Period("day", chosen), relative=not year_text)


def _holiday_date(name: str, year: int) -> dt.date | None:
    name = "new year's day" if name == "new year" else name  # "before the New Year"
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
