"""TimeML-only rules, used by the benchmark alone: decades, centuries, quarters, halves, seasons,
weekends and PRESENT_REF-like words.

The product keeps what a timeline can show (days, months, years); these
rules only let bench/eval_timex.py score the tagger the way TempEval-3 does.
They plug into the product's tagger through ``tag_text(text, reference, rules)``.
"""

from __future__ import annotations

import datetime as dt
import re

from bench.timeml_extent import EXTENT_RULES
from generator.analysis.timex.periods import (
    TimexHit,
    _add_months,
    _Context,
    _Period,
    _pick,
    _relative_period,
    _Resolved,
    _shift,
    _tense,
)
from generator.analysis.timex.resolve_dates import _day_number, _grp
from generator.analysis.timex.rules import RULES, Rule, gate
from generator.analysis.timex.tag import tag_text
from generator.analysis.timex.vocab import (
    _B,
    _E,
    DECADE_WORDS,
    NUM,
    ORDINALS,
    SEASON_MONTH,
    SEASONS,
    YEAR,
    _rx,
)


def _decade(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    if m["dec4"]:
        start = int(m["dec4"])
    else:
        two = int(m["dec2"])
        latest = ctx.reference.year if ctx.reference else 2099
        start = max(c + two for c in (1800, 1900, 2000) if c + two <= latest)
    return _Resolved(m.start(), m.end(), "decade", _Period("decade", dt.date(start, 1, 1)))


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


def _the_weekend(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    if ctx.reference is None:
        return _Resolved(m.start(), m.end(), "weekend", None, relative=True)
    tense = _tense(ctx, m.start(), m.end())
    amount = 0 if tense == "future" or ctx.reference.weekday() >= 5 else -1
    return _Resolved(m.start(), m.end(), "weekend", _relative_period(ctx.reference, "weekend", amount), relative=True)


# Words that point at the present, past or future without a date. "Previously", "soon" and
# "future" (the adjective) were left out: in TimeBank they are more often not time expressions.
_REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "at present": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF", "the future": "FUTURE_REF",
}  # fmt: skip


def _reference_word(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    word = re.sub(r"\s+", " ", m["refw"].lower())
    ref = "PAST_REF" if word.startswith("recent") else _REFS[word]
    return _Resolved(m.start(), m.end(), "ref", None, ref=ref)


TIMEML_RULES: tuple[Rule, ...] = (
    Rule(
        "decade",
        _rx(rf"{_B}(?:the\s+)?(?:(?:early|late|mid)[-\s]+)?(?:(?P<dec4>1[0-9]\d0|20\d0)|['’](?P<dec2>\d0))['’]?s{_E}"),
        _decade,
        gate(("0s", "0's", "0’s")),
    ),
    Rule(
        "century",
        _rx(rf"{_B}(?P<which>this|last|the\s+(?:current|present|last|\d{{1,2}}(?:st|nd|rd|th)))\s+century{_E}"),
        _century,
        gate(("century",)),
    ),
    Rule(
        "quarter",
        _rx(
            rf"{_B}(?:(?:the|its|their|(?P<qrel>this|last|next)\s+year['’]s|(?P<qyear>{YEAR})(?:['’]s)?)\s+)?"
            rf"(?:(?:fiscal|calendar)[-\s]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+quarter"
            rf"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<qyear2>{YEAR}))?{_E}"
        ),
        _quarter,
        gate(("quarter",)),
    ),
    Rule(
        "quarter_rel",
        _rx(
            rf"{_B}(?:the\s+)?(?P<qwhich>latest|current|previous|past|last|this|next|coming|recent|"
            rf"most\s+recent|year-ago|year-earlier|same)\s+(?:fiscal\s+)?quarter{_E}|{_B}the\s+quarter{_E}"
        ),
        _latest_quarter,
        gate(("quarter",)),
    ),
    Rule(
        "half",
        _rx(
            rf"{_B}(?:the\s+)?(?P<hord>first|second|last|latter)\s+half\s+of\s+"
            rf"(?P<hyear>{YEAR}|this\s+year|next\s+year|last\s+year|the\s+year){_E}"
        ),
        _half,
        gate(("half",)),
    ),
    Rule(
        "season",
        _rx(
            rf"{_B}(?:(?:this\s+)?(?P<swhich>last|this|next|past|the|early|late|mid)[-\s]+(?:(?:early|late|mid)[-\s]?)?"
            rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<syear>{YEAR}))?"
            rf"|(?P<season2>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<syear2>{YEAR})){_E}"
            rf"(?!\s+of\s+(?!{YEAR}))"
        ),
        _season,
        gate(("spring", "summer", "fall", "autumn", "winter")),
    ),
    Rule(
        "decade_word",
        _rx(rf"{_B}the\s+(?:(?:early|late|mid)[-\s]+)?(?P<decw>{'|'.join(DECADE_WORDS)}){_E}"),
        _decade_word,
        gate(("ties",)),
    ),
    Rule("weekend", _rx(rf"{_B}the\s+weekend{_E}"), _the_weekend, gate(("weekend",))),
    Rule(
        "ref",
        _rx(
            rf"{_B}(?P<refw>now|currently|current|recent|at\s+present|nowadays|these\s+days|recently|lately|the\s+future|"
            rf"the\s+past(?!\s+(?:{NUM}|few|several|days|weeks|months|years|decades?|century|quarters?|week|"
            rf"month|year|(?-i:[A-Z])))|recent(?=\s+(?:days|weeks|months|years)))(?:\s+(?:days|weeks|months|years))?{_E}"
        ),
        _reference_word,
        gate(("now", "current", "present", "these days", "recent", "lately", "future", "past")),
    ),
)
# DURATION, SET and TIME first: on a tie of spans the earlier rule wins.
ALL_RULES: tuple[Rule, ...] = EXTENT_RULES + RULES + TIMEML_RULES


def tag_timeml(text: str, reference: dt.date | None, reporting: tuple[str, ...] = ()) -> list[TimexHit]:
    """The product's tagger with the TimeML-only rules added; ``reporting`` are the lexicon's reporting verbs."""
    return tag_text(text, reference, ALL_RULES, reporting)
