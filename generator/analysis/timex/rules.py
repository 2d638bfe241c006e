"""The rules: one pattern per shape of expression and its resolver. Overlaps go to the longest match."""

from __future__ import annotations

import re
from typing import NamedTuple

from generator.analysis.timex.periods import Resolver
from generator.analysis.timex.resolve_dates import (
    _day_range,
    _full_date,
    _iso_date,
    _month_alone,
    _month_of_relative_year,
    _month_year,
    _spelled_year,
    _year,
    _year_range,
    _yearless,
)
from generator.analysis.timex.resolve_relative import (
    _ago,
    _anchored,
    _day_word,
    _holiday,
    _relative_unit,
    _that_day,
    _weekday,
    _year_relative,
)
from generator.analysis.timex.vocab import (
    _B,
    _E,
    _MONTH_ABBR,
    _MONTH_FULL,
    _TEEN_WORDS,
    _TENS_WORDS,
    _UNIT_WORDS,
    DAY,
    DAY_WORD,
    EARLY_LATE,
    MONTH,
    MONTH_NAME,
    NUM,
    PART_OF_DAY,
    WEEKDAY,
    YEAR,
    _rx,
)
from generator.language.calendar import MONTH_ABBREVIATIONS, WEEKDAY_NUMBERS
from generator.language.calendar import MONTH_NAMES as MONTH_NUMBERS_NAMES
from generator.language.calendar import MONTHS as MONTH_NUMBERS
from generator.language.regexes import longest_first, opening_gate

# ---------------------------------------------------------------------------
# Rules: pattern -> resolver. Overlaps go to the longest match; ties to the earlier rule.
# ---------------------------------------------------------------------------

_WD_PREFIX = rf"(?:{WEEKDAY},?\s+)?"
_PREP_BEFORE_MAY = r"(?:in|since|until|till|by|during|from|before|after|through|of|to|early|late|mid|and|or)"
_RANGE_SEP = r"\s*(?:-|–|—|to|and|until|till|through|or)\s*"

# "before the New Year", "until New Year": the holiday governed by a preposition. Bare "New Year" is
# mostly an attribute ("New Year address", "Chinese New Year"), so it is left alone.
_NEW_YEAR = (
    r"(?:(?<=before\sthe\s)|(?<=after\sthe\s)|(?<=until\sthe\s)|(?<=since\sthe\s)|(?<=by\sthe\s)|"
    r"(?<=before\s)|(?<=after\s)|(?<=until\s)|(?<=since\s)|(?<=by\s))New\s+Year(?!['’]|\s+[a-z])"
)

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
            rf"(?![\d,.]\d|[-/]\d|[-‑](?:year|old|month|day|week)|['’]?s\b)"  # "the 1990s" is a decade
        ),
        _year,
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
            rf"New\s+Year['’]s\s+(?:Day|Eve)|{_NEW_YEAR}|Independence\s+Day|Halloween|Valentine['’]s\s+Day|Veterans\s+Day|"
            rf"Bastille\s+Day|Victory\s+Day|Thanksgiving(?:\s+Day)?|Election\s+Day|Easter(?:\s+Sunday)?))"
            rf"(?:\s+(?P<holyear>{YEAR}))?{_E}"
        ),
        _holiday,
    ),
)

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
    "year_range": _DIGIT, "year": _DIGIT,

     "weekday": _WEEKDAY_WORDS,
    "dayword": ("today", "tonight", "yesterday", "tomorrow"), "year_relative": ("year", "month", "week"),
    "relative_unit": ("year", "month", "week"),  "ago": (" ago",),
    "anchored": ("earlier", "later", "before", "after", "prior", "following", "next", "previous", "preceding",
                 "year-"),
    "that_day": ("that ", "same "), "spelled_year": ("nineteen", "two thousand"),
    "holiday": ("christmas", "new year", "independence", "halloween", "valentine", "veterans", "bastille",
                "victory", "thanksgiving", "election", "easter"),

}  # fmt: skip


class Rule(NamedTuple):
    """A shape of expression: its pattern, its resolver, and a cheap test that spares most texts the pattern."""

    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    gate: re.Pattern[str]  # one of these substrings must be present
    cased: bool = False  # the gate is looked for as written (month and weekday names), else lower-cased
    needs: tuple[re.Pattern[str], ...] = ()  # more tests, on the text as written: parts every match holds
    folded: tuple[re.Pattern[str], ...] = ()  # parts every match holds, looked for in the lower-cased text


# A gate's pattern -> its words: in the lower-cased text, ``in`` finds them sooner than the pattern.
GATE_WORDS: dict[str, tuple[str, ...]] = {}


def gate(words: tuple[str, ...]) -> re.Pattern[str]:
    pattern = re.compile("|".join(map(re.escape, words)))
    GATE_WORDS[pattern.pattern] = words
    return pattern


# Parts without which a rule cannot match, looked for in the text as written: the digits of a
# year and a month's name as the patterns write them (MONTH), which these patterns require
# outright, so a text without them is spared the whole pattern and the matches stay the same.
# (Word-shaped parts in general cost as much to look for as the patterns.)
_YEAR_DIGITS = re.compile(r"1\d\d\d|20\d\d")


def _each(words: tuple[str, ...] | list[str], rest: str) -> str:
    """``(?:w1|w2|…)rest`` written as ``w1rest|w2rest|…``: a search for an alternation whose every
    branch opens with a literal jumps from one of those letters to the next, where one whose branch
    opens with a group is tried at every position (re's scan), so a test on a long text costs less."""
    return "|".join(f"{re.escape(word)}{rest}" for word in words)


# MONTH's branches, case-sensitive as there, each opening with its letter: found where MONTH is.
_MONTH_TOKEN = re.compile(
    _each([*MONTH_NUMBERS_NAMES, *(m.upper() for m in MONTH_NUMBERS_NAMES)], "(?![A-Za-z])")
    + "|"
    + _each(longest_first(MONTH_ABBREVIATIONS), r"\.?(?![A-Za-z])")
)
_ISO_JOINTS = re.compile(r"\d-[01]\d-[0-3]")  # "2014-03-0…": a year's last digit, the month, the day's first
_RANGE_JOINT = re.compile(r"\d\s*[-–—/]\s*\d")  # "1998-2003", "2014/15": the digits around the dash
_NEEDS: dict[str, tuple[re.Pattern[str], ...]] = {
    "mdy": (_YEAR_DIGITS, _MONTH_TOKEN), "dmy": (_YEAR_DIGITS, _MONTH_TOKEN), "iso": (_YEAR_DIGITS, _ISO_JOINTS),
    "my": (_YEAR_DIGITS, _MONTH_TOKEN), "year_range": (_YEAR_DIGITS, _RANGE_JOINT), "year": (_YEAR_DIGITS,),
    "md_range": (_MONTH_TOKEN,), "md": (_MONTH_TOKEN,), "dm": (_MONTH_TOKEN,), "month_rel_year": (_MONTH_TOKEN,),
}  # fmt: skip

# Parts of case-insensitive rules, looked for in the lower-cased text (a case-sensitive pattern of
# literal words is found by a fast scan, where the rule's own pattern is tried at every position).
# Lower-casing keeps them only where no letter outside ASCII matches an ASCII one ("ſ", "ı", "İ"):
# ``FOLD_UNSAFE`` says when the text has one, and the rule is then tried as before.
FOLD_UNSAFE = "\u0130\u0131\u017f"
# (Written with ``_each``, so that each branch opens with its word: the same texts pass.)
_RELATIVE_UNIT = re.compile(
    _each(("this", "next", "last", "the", "past", "current", "present", "coming"), r"\s+(?:week|month|year)")
)
_FOLDED: dict[str, tuple[re.Pattern[str], ...]] = {
    "year_relative": (_RELATIVE_UNIT,),
    "relative_unit": (_RELATIVE_UNIT,),
    "anchored": (
        re.compile(
            _each(("day", "week", "month", "year", "quarter"), r"s?\s+(?:earlier|later|before|after|prior)")
            + r"|the\s+(?:following|next|previous|preceding|prior)\s+(?:day|week|month|year)|year-(?:earlier|ago)"
        ),
    ),
    "that_day": (re.compile(_each(("that", "same"), r"\s+(?:same\s+)?(?:day|morning|night|evening|month|year)")),),
    "ago": (re.compile(_each(("day", "week", "month", "year", "decade"), r"s?\s+ago")),),
    "month_rel_year": (re.compile(_each(("last", "this", "next"), r"\s+year")),),
    "md_range": (re.compile(r"\d(?:st|nd|rd|th)?\s*(?:-|–|—|to|and|until|till|through|or)\s*\d"),),
}
# The holiday names are written cased in the rule: one of them as written.
_HOLIDAY_NAME = re.compile(
    r"Christmas|New\s+Year|Independence\s+Day|Halloween|Valentine['’]s\s+Day|Veterans\s+Day|Bastille\s+Day|"
    r"Victory\s+Day|Thanksgiving|Election\s+Day|Easter"
)
_NEEDS["month"] = (_MONTH_TOKEN,)
_NEEDS["holiday"] = (_HOLIDAY_NAME,)

# Each pattern behind a look ahead at the characters its matches open with (``opening_gate``): the same
# matches, a scan that gives up sooner where none stands.
RULES: tuple[Rule, ...] = tuple(
    Rule(
        name,
        opening_gate(pattern),
        resolve,
        gate(_GATES[name]),
        name in _CASED_GATES,
        _NEEDS.get(name, ()),
        _FOLDED.get(name, ()),
    )
    for name, pattern, resolve in _RULES
)
