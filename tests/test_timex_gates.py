"""The cheap tests that spare a paragraph a rule's pattern never hide a match the pattern finds."""

from __future__ import annotations

import datetime as dt
import re
import sys

from generator.analysis.timex import tag_text
from generator.analysis.timex.rules import FOLD_UNSAFE, RULES
from generator.analysis.timex.tag import _tried

REFERENCE = dt.date(2016, 3, 14)


def test_fold_unsafe_lists_every_letter_lower_casing_would_hide() -> None:
    """A letter that matches an ASCII one case-insensitively but does not lower-case to it."""
    ascii_letter = re.compile(r"(?i)[a-z]")
    hidden = {
        chr(c)
        for c in range(sys.maxunicode + 1)
        if ascii_letter.fullmatch(chr(c)) and not (chr(c).lower().isascii() and len(chr(c).lower()) == 1)
    }
    assert hidden == set(FOLD_UNSAFE)


def test_long_s_still_reaches_the_pattern() -> None:
    """"that ſame day": the case-insensitive pattern reads the long s as "s"; the lower-cased need cannot."""
    plain = tag_text("She signed on March 3. She left that same day.", REFERENCE)
    long_s = tag_text("She signed on March 3. She left that \u017fame day.", REFERENCE)
    assert [h.text for h in plain] == ["March 3", "that same day"]
    assert [h.text for h in long_s] == ["March 3", "that \u017fame day"]
    assert [h.value for h in long_s] == [h.value for h in plain]


def test_a_paragraph_without_the_parts_is_spared_the_rules() -> None:
    names = [RULES[i].name for i in _tried("Talks resumed after a break.", RULES)]
    assert "anchored" not in names and "that_day" not in names and "year_relative" not in names
    names = [RULES[i].name for i in _tried("Talks resumed two days later, before Christmas.", RULES)]
    assert "anchored" in names and "holiday" in names
