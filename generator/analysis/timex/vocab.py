"""Vocabularies and pattern pieces of temporal expressions: numbers, ordinals, seasons, holidays, months."""

from __future__ import annotations

import re
from typing import Literal

from generator.language.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAYS
from generator.language.numbers import NUMBER_WORDS as NUMBER_WORDS  # the one list, in the language layer
from generator.language.regexes import by_first_char, longest_first, regroup


def _words(text: str) -> frozenset[str]:
    """A vocabulary written as whitespace-separated words."""
    return frozenset(text.split())


Granularity = Literal[
    "day", "month", "year", "week", "weekend", "quarter", "half", "season", "decade", "century", "ref", "duration", "set"
]

# ---------------------------------------------------------------------------
# Vocabularies (data, kept in one place)
# ---------------------------------------------------------------------------

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

# Word lists are grouped by first letter (``regroup``): the same matches, found with less backtracking.
_MONTH_FULL = regroup("|".join(MONTH_NAMES))
_MONTH_ABBR = r"(?:" + "|".join(longest_first(MONTH_ABBREVIATIONS)) + r")\.?"
# Case-sensitive inside case-insensitive patterns: "may" and "march" the verbs are not months.
MONTH = rf"(?-i:(?:{regroup('|'.join((*MONTH_NAMES, *(m.upper() for m in MONTH_NAMES))))})(?![A-Za-z])|{_MONTH_ABBR}(?![A-Za-z]))"
MONTH_NAME = rf"(?-i:(?:{_MONTH_FULL})(?![A-Za-z]))"
WEEKDAY = r"(?-i:(?:" + regroup("|".join(WEEKDAYS)) + r")(?![A-Za-z]))"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%])(?![.:]\d)(?!,\d{3})"
YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d%])"
DAY_WORD = "(?:" + by_first_char((w[0], w[1:].replace("-", "[-\\s]")) for w in longest_first(ORDINAL_DAYS)) + ")"
_TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TEEN_WORDS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
NUM = r"(?:" + regroup("|".join((r"\d{1,3}", *longest_first(NUMBER_WORDS))), fold=True) + r")"
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
