"""TimeML DURATION, SET and TIME rules, for the benchmark: "two years" (P2Y), "daily" (P1D), "10:35 a.m.".

The product's timeline shows dated events only, so these rules live here;
they plug into the product's tagger like bench/timeml_rules.py. Values follow
the TimeML guidelines: P<n><unit> with Y, M, W, D, Q, E (decade), C (century)
and PT<n>H / PT<n>M for hours and minutes; X for an unspecified number
("several years" = PXY). Developed on TimeBank + AQUAINT: its scores are
development scores.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.analysis.timex.periods import _Context, _number, _Period, _Resolved, _tense
from generator.analysis.timex.resolve_relative import _weekday_date, part_of_day
from generator.analysis.timex.rules import Rule, gate
from generator.analysis.timex.vocab import _B, _E, NUM, WEEKDAY, _rx
from generator.language.calendar import WEEKDAY_NUMBERS

_UNIT_CODES = {
    "second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"), "week": ("", "W"),
    "month": ("", "M"), "quarter": ("", "Q"), "year": ("", "Y"), "decade": ("", "Y"), "century": ("", "C"),
}  # fmt: skip
_VAGUE = r"a\s+few|few|several|many|some|recent|coming|the\s+coming"
_UNITS = r"seconds|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?|centuries|century"
_LEAD = (
    r"(?:(?:about|almost|nearly|some|more\s+than|over|less\s+than|at\s+least|up\s+to|no\s+more\s+than|within|"
    r"only|just|roughly|approximately|around|another|an\s+additional|for)\s+)?"
)
_FRAME = r"(?:(?:the\s+)?(?:past|last|next|first|latest|previous|following|final|initial)\s+|the\s+)?"


def _unit(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word.rstrip("s")


def _code(number: str, unit: str) -> str:
    """The TimeML duration for a number (or "X") of a unit: ("2", "year") -> P2Y, ("5", "hour") -> PT5H."""
    time, letter = _UNIT_CODES[unit]
    if unit == "decade" and number != "X":
        number = str(int(number) * 10)
    elif unit == "decade":
        letter = "E" if number == "X" else letter
    return f"P{time}{number}{letter}"


def _amount(text: str) -> str:
    text = re.sub(r"\s+", " ", text.lower())
    if text in ("a couple of", "a couple", "couple of"):
        return "2"
    if text in ("a", "an", "one"):
        return "1"
    value = _number(text)
    return str(value) if value is not None else "X"


def _duration(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    unit = _unit(m["unit"])
    amount = "X" if m["vague"] else _amount(m["num"]) if m["num"] else "1"
    if m["half"] and amount != "X":
        return _Resolved(m.start(), m.end(), "duration", value=_half(int(amount), unit), type="DURATION")
    return _Resolved(m.start(), m.end(), "duration", value=_code(amount, unit), type="DURATION")


def _half(whole: int, unit: str) -> str:
    """ "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M."""
    smaller = {"year": ("6", "M", ""), "hour": ("30", "M", "T"), "day": ("12", "H", "T"), "month": ("15", "D", "")}
    extra, letter, time = smaller.get(unit, ("", "", ""))
    base = _code(str(whole), unit)
    if not extra:
        return base
    return base + (time if "T" not in base and time else "") + extra + letter


def _adjective(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """ "two-year", "16-hour", "8-month-old": a duration used as an adjective."""
    amount = _amount(m["anum"].replace("-", " "))
    return _Resolved(m.start(), m.end(), "duration", value=_code(amount, _unit(m["aunit"])), type="DURATION")


def _bare_plural(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """ "for years", "in recent months": an unspecified number of a unit."""
    return _Resolved(m.start(), m.end(), "duration", value=_code("X", _unit(m["bunit"])), type="DURATION")


# "annually" is left out: TimeBank mostly leaves "$5 million annually" unmarked.
_SET_UNITS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "hourly": "PT1H"}


def _set(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    if m["adverb"]:
        value = _SET_UNITS[m["adverb"].lower()]
    elif m["swd"]:
        value = f"XXXX-WXX-{WEEKDAY_NUMBERS[m['swd'].lower()] + 1}"
    else:
        value = _code("1", _unit(m["sunit"]))
    return _Resolved(m.start(), m.end(), "set", value=value, type="SET")


def _clock(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """ "10:35 a.m.", "around 7:15 p.m.", "noon Thursday": a time on the article's day or the weekday named."""
    if ctx.reference is None:
        return None
    day = ctx.reference
    if m["cwd"]:
        day = _weekday_date(ctx.reference, WEEKDAY_NUMBERS[m["cwd"].lower()], "", _tense(ctx, m.start(), m.end()))
    if m["noon"] or m["midday"]:
        suffix = "T24" if (m["noon"] or "").lower() == "midnight" else "T12:00"
    else:
        hour = int(m["hour"]) % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
        suffix = f"T{hour:02d}:{m['minute'] or '00'}"
    return _Resolved(m.start(), m.end(), "day", _Period("day", day), relative=True, suffix=suffix)


def _this_part(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """ "this morning", "last night", "later this afternoon": the article's day (or the day before)."""
    if ctx.reference is None:
        return None
    which = (m["pwhich"] or "").lower()
    day = ctx.reference - dt.timedelta(days=1 if which == "last" else 0)
    suffix = part_of_day(m["part"]) or "TNI"
    return _Resolved(m.start(), m.end(), "day", _Period("day", day), relative=True, suffix=suffix)


def _fiscal_year(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """"the year ended June 30": a year's span, not a date."""
    return _Resolved(m.start(), m.end(), "duration", value="P1Y", type="DURATION")


EXTENT_RULES: tuple[Rule, ...] = (
    Rule("fiscal_year", _rx(rf"{_B}the\s+(?:fiscal\s+)?year(?=\s+(?:ended|ending)\b)"), _fiscal_year, gate(("year",))),
    Rule(
        "duration",
        _rx(
            rf"{_B}{_LEAD}{_FRAME}(?:(?P<vague>{_VAGUE})|(?P<num>a\s+couple\s+of|couple\s+of|{NUM}|an?)(?P<half>\s+1/2)?)\s+"
            rf"(?:more\s+|additional\s+|trading\s+|straight\s+|consecutive\s+|full\s+)?(?P<unit>{_UNITS}){_E}"
            rf"(?!\s+(?:ago|earlier|later|old)\b)"
        ),
        _duration,
        gate(("second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "centur")),
    ),
    Rule(
        "duration_adjective",
        _rx(rf"{_B}(?P<anum>\d{{1,3}}|{NUM}(?:-{NUM})?)-(?P<aunit>hour|day|week|month|year|minute)(?:-long)?{_E}(?!-old)"),
        _adjective,
        gate(("-hour", "-day", "-week", "-month", "-year", "-minute")),
    ),
    Rule(
        "duration_plural",
        _rx(rf"{_B}(?:(?<=for\s)|(?<=in\s))(?P<bunit>years|months|weeks|days|decades){_E}(?!\s+(?:ago|of|to|before|after)\b)"),
        _bare_plural,
        gate(("years", "months", "weeks", "days", "decades")),
    ),
    Rule(
        "set",
        _rx(
            rf"{_B}(?:(?P<adverb>daily|weekly|monthly|yearly|hourly)"
            rf"|(?:every|each|per)\s+(?:(?P<swd>{WEEKDAY})|(?P<sunit>day|week|month|quarter|year|hour)))(?!-){_E}"
        ),
        _set,
        gate(("daily", "weekly", "monthly", "annually", "yearly", "hourly", "every ", "each ", "per ")),
    ),
    Rule(
        "clock",
        _rx(
            rf"{_B}(?:(?:around|about|at|shortly\s+(?:before|after))\s+)?"
            rf"(?:(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\b\.?)"
            rf"|(?P<noon>noon|midnight)(?=\s+(?:{WEEKDAY}|today|yesterday|tomorrow))|(?P<midday>midday))"
            rf"(?:\s+(?:EST|EDT|GMT|ET|local\s+time))?(?:,?\s+(?P<cwd>{WEEKDAY}))?"
        ),
        _clock,
        gate(("a.m", "p.m", "am", "pm", "noon", "midnight", "midday")),
    ),
    Rule(
        "part_of_day",
        _rx(
            rf"{_B}(?:later\s+|early\s+|earlier\s+)?(?P<pwhich>this|last)\s+(?P<part>morning|afternoon|evening|night){_E}"
            rf"|{_B}(?P<part2>overnight){_E}"
        ),
        _this_part,
        gate(("morning", "afternoon", "evening", "night")),
    ),
)
