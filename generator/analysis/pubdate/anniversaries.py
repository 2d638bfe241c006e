"""A span back from now bound to its year: "the 80th anniversary of the liberation in 1944", "30 years ago, in 1994".

The story's year is the written year plus the span: an editor does that sum. Give or take one
(a jubilee is prepared the year before and looked back on the year after; "30 years ago" rounds),
so a hard clue keeps those three years and a soft one prefers the sum itself, unless the sentence
looks ahead ("will mark the 80th anniversary"). The year must be bound to the span, with no
punctuation between ("the 100th anniversary of the club, founded in 1925" says nothing); a span of
years ("the Great Patriotic War of 1941-1945") counts from its end unless the phrase speaks of its
start; a sentence with two such phrases, or a span told roughly ("some 30 years ago"), says nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable

from generator.analysis.pubdate.clues import Clue, quote
from generator.language.numbers import CARDINAL, ORDINAL, cardinal, ordinal
from generator.language.tense import cue_kinds

_ROUGHLY = r"(?<!some )(?<!about )(?<!nearly )(?<!almost )(?<!around )(?<!roughly )(?<!over )(?<!than )(?<!least )"
_SPAN = (
    rf"(?:(?P<years>{CARDINAL})\s+years|(?P<decades>a|{CARDINAL})\s+decades?|(?P<half>half\s+a\s+century)|(?P<century>a\s+century))"
)
_YEAR = r"(?P<first>(?:19|20)\d\d)(?:\s*[-–]\s*(?P<last>(?:19|20)\d\d))?(?![\d%-])"
_DAY = r"(?:(?:on\s+)?(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}),?\s+)?"  # "on 1 February 1995", "March 5, 1995"
# Each binds the span to its year: "30 years ago, in 1994"; "in 1994, 30 years ago"; "30 years since the 1994 vote";
# "the 80th anniversary of the liberation in 1944", "of the 2014 Games". Punctuation between them breaks the bond.
_PATTERNS = (
    re.compile(rf"(?i)\b{_ROUGHLY}{_SPAN}\s+ago,?\s+\(?(?:in\s+)?{_DAY}{_YEAR}"),
    re.compile(rf"(?i)(?<![\d,.$£€-]){_YEAR},?\s+{_ROUGHLY}{_SPAN}\s+ago\b"),
    re.compile(rf"(?i)\b{_ROUGHLY}{_SPAN}\s+since\s+(?:the\s+)?(?:[a-z'’-]+\s+){{0,3}}?(?:in\s+)?{_YEAR}"),
    re.compile(
        rf"(?i)\b(?:(?P<nth>{ORDINAL})|(?P<nyear>\d{{1,3}})-year)\s+anniversary\s+of\s+"
        rf"(?:[^,;:.()\"“”]{{0,90}}?\s)?(?:(?:in|of)\s+)?{_YEAR}"
    ),
)
_START_WORDS = re.compile(r"(?i)\b(?:start|beginning|outbreak|launch|founding|foundation)\b")


def _span(m: re.Match[str]) -> int | None:
    """The number of years the phrase counts back."""
    g = m.groupdict()
    if g.get("years"):
        return cardinal(g["years"])
    if g.get("decades"):
        tens = 1 if g["decades"].lower() == "a" else cardinal(g["decades"])
        return None if tens is None else 10 * tens
    if g.get("half") or g.get("century"):
        return 50 if g.get("half") else 100
    if g.get("nth"):
        return ordinal(g["nth"])
    return int(g["nyear"]) if g.get("nyear") else None


def _in_years(low: int, high: int, d: dt.date) -> bool:
    return low <= d.year <= high


_HINT = re.compile(r"(?i)\b(?:ago|since|anniversary)\b")  # a sentence without one holds no span: most are skipped here


def anniversary_clues(sentences: Iterable[str]) -> list[Clue]:
    """Each sentence's span back from now and its one written year: hard, the sum give or take one; soft, the sum."""
    clues: list[Clue] = []
    for sentence in sentences:
        if not _HINT.search(sentence):
            continue
        found = [m for pattern in _PATTERNS for m in pattern.finditer(sentence)]
        if len(found) != 1:
            continue
        m = found[0]
        back = _span(m)
        if not back or back > 150:
            continue
        first, last = int(m["first"]), m["last"]
        base = int(last) if last and not _START_WORDS.search(m.group(0)) else first
        year = base + back
        written = quote(m.group(0))
        clues.append(
            Clue(
                functools.partial(_in_years, year - 1, year + 1),
                f"{written}: {base} + {back} = {year}, so the year is {year - 1} to {year + 1}",
            )
        )
        if "future" not in cue_kinds(sentence):
            clues.append(Clue(functools.partial(_in_years, year, year), f"{written} most likely counts to {year}", hard=False))
    return clues
