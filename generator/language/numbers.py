"""Numbers written as words: cardinals ("thirty", "twenty-five") and ordinals ("fifth", "seventy-fifth", "80th")."""

from __future__ import annotations

import re

from generator.language.regexes import longest_first

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_UNIT_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_TENS_ORDINALS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}  # fmt: skip
# "fifth", "twentieth", "seventy-fifth": the ordinals of 1 to 100 as words.
ORDINAL_WORDS: dict[str, int] = (
    {word: number for number, word in enumerate(_UNIT_ORDINALS, start=1)}
    | _TENS_ORDINALS
    | {f"{tens}-{unit}": value + n for tens, value in _TENS.items() for n, unit in enumerate(_UNIT_ORDINALS[:9], start=1)}
)
# "thirty", "twenty-five": the cardinals of 1 to 100 as words ("a", "an" left out: "a decade" is the caller's).
_UNITS = {word: n for word, n in NUMBER_WORDS.items() if 1 <= n <= 9 and word not in ("a", "an")}
CARDINAL_WORDS: dict[str, int] = {w: n for w, n in NUMBER_WORDS.items() if w not in ("a", "an")} | {
    f"{tens}-{unit}": value + n for tens, value in _TENS.items() for unit, n in _UNITS.items()
}
# Patterns of the tables, for callers that find numbers in text: digits or words.
CARDINAL = r"(?:\d{1,3}|" + "|".join(longest_first(CARDINAL_WORDS)) + ")"
ORDINAL = r"(?:\d{1,3}(?:st|nd|rd|th)|" + "|".join(longest_first(ORDINAL_WORDS)) + ")"
_DIGIT_ORDINAL = re.compile(r"(\d{1,3})(?:st|nd|rd|th)")


def cardinal(text: str) -> int | None:
    """ "30", "thirty", "twenty-five" -> the number; None for anything else."""
    word = text.lower()
    return int(word) if word.isdigit() else CARDINAL_WORDS.get(word)


def ordinal(text: str) -> int | None:
    """ "80th", "fifth", "seventy-fifth" -> the number; None for anything else."""
    word = text.lower()
    digits = _DIGIT_ORDINAL.fullmatch(word)
    if digits:
        return int(digits.group(1))
    return ORDINAL_WORDS.get(word)


# "Martin Kessler, 52,", "Kessler, aged 52,"; "52-year-old shipping executive Martin Kessler": up to three
# describing words, never a preposition or article ("a 25-year-old court file on Donald Trump" is the file's age).
_AGE_AFTER = re.compile(r"^,\s+(?:aged\s+)?(\d{1,3}),")
_AGE_BEFORE = re.compile(
    r"\b(\d{1,3})-year-old\s+(?:(?!(?:on|of|by|for|to|in|at|from|with|about|against|into|the|a|an|his|her|their|its|this|that)\s)"
    r"[a-z]+\s+){0,3}$"
)


def age_beside(text: str, start: int, end: int) -> int | None:
    """The age written beside the name at ``text[start:end]`` ("Kessler, 52,", "52-year-old Kessler"), if any (1-120)."""
    found = _AGE_AFTER.match(text[end:]) or _AGE_BEFORE.search(text[max(0, start - 60) : start])
    age = int(found.group(1)) if found else 0
    return age if 0 < age <= 120 else None
