"""Resolvers for expressions that name their period: full dates, months, years, decades, quarters, seasons."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from generator.analysis.timex.periods import (
    _Context,
    _month,
    _Period,
    _pick,
    _Resolved,
    _safe_date,
    _tense,
)
from generator.analysis.timex.vocab import (
    MONTH_WINDOW_DAYS,
    NUMBER_WORDS,
    ORDINAL_DAYS,
    YEARLESS_WINDOW_DAYS,
)

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
        chosen = _pick(candidates, ref, lambda: _tense(ctx, start, end), window=YEARLESS_WINDOW_DAYS)
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
        chosen = _pick(candidates, ref, lambda: _tense(ctx, start, m.end()), window=MONTH_WINDOW_DAYS)
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


def _spelled_year(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """Years as broadcast transcripts spell them: "nineteen ninety-six", "the year two thousand"."""
    year = 1900 + _spelled_number(m["sy"]) if m["sy"] is not None else 2000 + _spelled_number(m["sy2k"] or "")
    return _Resolved(m.start(), m.end(), "year", _Period("year", dt.date(year, 1, 1)))
