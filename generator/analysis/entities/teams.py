"""Clubs named after their city: "Leeds 2 Chelsea 0", "CLEVELAND 77 53 .592", "NEW YORK AT SEATTLE".

In a results or standings line (names and numbers, hardly a lower-case word) a name
followed by a score is a side, and a side named after a city, a county or a US state
is a club: an organisation. A country stays a place (national teams are written as
their country). Once a story has shown a name to be a club, its other mentions in the
story ("Essex, who started the round in fifth place") are the club too: context, not a
list of clubs, decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.analysis.entities.lexicon import Lexicon
from generator.language.vocabulary import country_names

_WORD = r"[A-Z][\w'’.&-]*"
_SIDE_RE = re.compile(  # a side, perhaps its country in brackets, then its score: "Sparta Prague ( Czech Republic ) 8"
    rf"(?<![\w'’.-])({_WORD}(?: (?:{_WORD}|de|di|la|del|am|an))*)"
    rf"(?: ?\( ?[A-Z][\w .]{{1,30}}\))? (\d{{1,3}}(?:-\d{{1,2}})?)(?=[ \t]|$)"
)
_AT_RE = re.compile(r"^([A-Z][A-Z .'-]+?) AT ([A-Z][A-Z .'-]+?)$")  # a fixture list: "NEW YORK AT SEATTLE"
_NAME = rf"{_WORD}(?: {_WORD})*"
_VERSUS_RE = re.compile(rf"({_NAME}) v\.? ({_NAME})")  # "Leeds v Wimbledon"
_FIXTURES_RE = re.compile(rf"^{_NAME} v\.? {_NAME}(?: ?[,;] {_NAME} v\.? {_NAME})*(?: ?[,;] {_NAME} v\.?)? ?[.,;]?$")
_PAIR_RE = re.compile(rf"^{_NAME}(?: \( [^()]+ \))? \d{{1,3}} {_NAME}(?: \( [^()]+ \))? \d{{1,3}}\b")  # "Leeds 2 Chelsea 0"
_DATE_RE = re.compile(r"\d{4}-\d\d-\d\d")
_NUMBER_RE = re.compile(r"[-+]?\.?\d[\d.,:/-]*")
_DECIMAL_RE = re.compile(r"(?<![\w.])\d+\.\d")  # prices and rates ("3.27 pct", "792 up 11.4"), not ".592"
_INITIAL_RE = re.compile(r"[A-Z]\.")
MAX_LOWER = 2  # lower-case words a results line may hold ("pen", "at", "v")
MAX_WORDS = 30
MIN_STANDINGS_NUMBERS = 5


@dataclass(frozen=True)
class Side:
    """A club in a results line: its span in the paragraph and its name as written."""

    paragraph: int
    start: int
    end: int
    name: str


def results_line(text: str) -> bool:
    """Names and numbers with at most two lower-case words, and no date: a results or standings line."""
    words = text.split(None, MAX_WORDS)  # a longer paragraph (prose, mostly) is not split to its end
    if not 2 <= len(words) <= MAX_WORDS:
        return False
    lower = sum(1 for w in words if w[:1].islower())
    if lower > MAX_LOWER or _DATE_RE.search(text):  # prose is told by its words, before the date is looked for
        return False
    numbers = sum(1 for w in words if _NUMBER_RE.fullmatch(w))
    if _DECIMAL_RE.search(text):  # a price ("3.27 pct"), unless a standings row ("Sydney 21 15 1 5 2067 1687 122.5 62")
        return lower == 0 and numbers >= MIN_STANDINGS_NUMBERS
    return lower <= MAX_LOWER and numbers > 0


def sides(paragraph: int, text: str, lex: Lexicon) -> list[Side]:
    """The clubs a results line names: cities, counties and states before a score; none if it is prose."""
    found: list[tuple[int, int, str]] = []
    at = _AT_RE.match(text)
    paired = False  # two sides and two scores: clubs, whatever their first word ("Fortuna Sittard 2 Heerenveen 4")
    if _FIXTURES_RE.match(text):  # "Partick v St Mirren , St Johnstone v Ross County"
        found = [(m.start(i), m.end(i), m.group(i)) for m in _VERSUS_RE.finditer(text) for i in (1, 2)]
        paired = True
    elif at:  # "NEW YORK AT SEATTLE": the visitors; "at Seattle" names the ground
        found = [(at.start(1), at.end(1), at.group(1))]
    elif results_line(text):
        found = [(m.start(1), m.end(1), m.group(1)) for m in _SIDE_RE.finditer(text) if not _after_word(text, m.start(1))]
        paired = bool(_PAIR_RE.match(text))
    return [Side(paragraph, a, b, name) for a, b, name in found if _club(name, lex, paired)]


def _after_word(text: str, start: int) -> bool:
    """A lower-case word just before: "c Cork b Croft 46" is a scorecard of people, not of sides."""
    before = text[:start].rstrip().rsplit(" ", 1)[-1]
    return before.isalpha() and before.islower()


def _club(name: str, lex: Lexicon, paired: bool = False) -> bool:
    """A side that is no nation and no person (a first name before a surname)."""
    words = name.split()
    place = lex.place(name) or lex.geo.weak.get(name.casefold())
    if place is not None:
        return place not in country_names() and place not in lex.vocab.nations and name not in lex.vocab.nations
    if len(words) > 1 and not paired and (lex.first_name(words[0].title()) or _INITIAL_RE.fullmatch(words[0])):
        return False  # "Jon Dahl Tomasson", "N. Fairbrother 86"
    return not all(lex.common(w) or lex.stop(w.title()) for w in words)
