"""The word lists name discovery reads, and the shapes it passes around (tokens, candidates)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from generator.language.regexes import longest_first
from generator.language.vocabulary import COMMON_WORD, Geography, Vocabulary, first_names, geography, word_frequencies

Kind = Literal["person", "organisation", "place"]

# Strength of the evidence for a candidate's kind; votes across an article are weighted by it.
SURE, CUED, GUESSED = 3, 2, 1
COMMON_NAME = 60_000  # a first name this common in lower case ("Will", "May") needs more evidence


def _upper_class() -> str:
    ranges = [(0x41, 0x5B), (0xC0, 0x250), (0x370, 0x400), (0x400, 0x530)]
    return "".join(chr(c) for lo, hi in ranges for c in range(lo, hi) if chr(c).isupper())


UPPER = _upper_class()
# The capital first, then the look back at the character before it (the same test as a leading
# ``(?<![\w'’])``): a pattern that opens on a character class lets ``re`` skip to the capitals.
TOKEN_RE = re.compile(rf"[{UPPER}](?<![\w'’].)\w*(?:['’.]\w+)*\.?")
_INITIALS_RE = re.compile(rf"(?:[{UPPER}]\.)+")
_ACRONYM_RE = re.compile(rf"[{UPPER}][{UPPER}&]{{1,5}}")
_DATELINE_END_RE = re.compile(r"\s*(?:,|\(|/|[-–—]|(?:19|20)\d\d-\d)")
_LOUD_DATELINE_END_RE = re.compile(r"\s*(?:,|[-–—]|(?:19|20)\d\d-\d)")
_OPEN_QUOTES = "“‘«\"'"
_SENTENCE_END = ".!?:;…–—"
_ABBREVIATIONS = frozenset(
    "Inc. Corp. Ltd. Co. Jr. Sr. St. Mt. Ft. No. Gen. Sen. Rep. Gov. Lt. Col. Capt. Sgt. Adm. Cmdr. Maj."
    " Mr. Mrs. Ms. Dr. Prof. Rev. Bros. Ave. Blvd. Dept. Univ. Assn. Gov. Pres.".split()
)


@dataclass(frozen=True)
class Lexicon:
    """A vocabulary with the package lists it needs, built once per vocabulary."""

    vocab: Vocabulary
    geo: Geography
    given: frozenset[str]
    freq: dict[str, int]
    connector_re: re.Pattern[str]
    words: dict[str, object] = field(default_factory=dict, compare=False, hash=False)  # memo of _single

    def common(self, word: str) -> bool:
        return self.freq.get(word.lower(), 0) >= COMMON_WORD

    def first_name(self, word: str) -> bool:
        return word in self.given and self.freq.get(word.lower(), 0) < COMMON_NAME and word not in self.vocab.stop_words

    def place(self, name: str) -> str | None:
        return self.geo.sure.get(name.casefold())

    def demonym(self, word: str) -> bool:
        d = self.vocab.demonyms
        return word in d or (word.endswith("s") and word[:-1] in d)

    def stop(self, word: str) -> bool:
        v = self.vocab
        return word in v.stop_words or word in v.time_words or (word.endswith("s") and word[:-1] in v.stop_words)


def build_lexicon(vocab: Vocabulary) -> Lexicon:
    """The vocabulary's word lists plus place names, first names and word frequencies."""
    words = longest_first(vocab.connectors | vocab.particles)
    alternatives = "|".join(re.escape(w) for w in words) or "(?!)"
    connector_re = re.compile(rf"[ \u00a0](?:(?:{alternatives})[ \u00a0])+")
    geo = geography(
        vocab.min_city_population,
        vocab.sure_city_population,
        vocab.ambiguous_city_population,
        vocab.places,
        vocab.place_aliases,
    )
    return Lexicon(vocab, geo, first_names(), word_frequencies(), connector_re)


class Token:
    """A capitalised word: its span, text without a possessive, and what surrounds it."""

    __slots__ = ("start", "end", "text", "possessive", "stop_after", "initial")

    def __init__(self, start: int, end: int, text: str, possessive: bool, stop_after: bool) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.possessive = possessive
        self.stop_after = stop_after  # a sentence-final period followed the word
        self.initial = False


@dataclass
class Candidate:
    """A possible name: span in the paragraph, the name as written, and the evidence for its kind."""

    start: int
    end: int
    name: str
    kind: Kind | None
    strength: int
    initial: bool = False  # first word of a sentence and an ordinary English word
    words: int = 1


