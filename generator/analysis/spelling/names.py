"""[sic] for names: a one-off name one slip from a name the article or the dossier trusts more."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cached_property, lru_cache

from generator.analysis.spelling.words import _CHUNK, _is_word, _lexicon, _without_possessive, _words_of
from generator.language.fuzzy import deletion_keys, one_slip, swapped
from generator.language.vocabulary import city_names, region_names

MIN_SWAP_LENGTH = 4  # shorter capitalised words are no name shapes worth checking
MIN_SURNAME_LENGTH = 6  # "Trumpt": a lone surname one letter off a known one
MIN_SWAPPED_NAME_LENGTH = 7  # short names have real anagrams: Laing/Liang, Misel/Miles
MIN_NAME_LENGTH = 5
_NAME_ENDINGS = frozenset("saeiyou")
_NAME_RUN = re.compile(r"[A-Z][\w’'\-]*(?:[ \t]+[A-Z][\w’'\-]*)+")
_AFTER_PARTICLE = re.compile(
    r"\b(?:van|der|den|de|von|du|da|di|del|della|dos|das|al|el|bin|ibn|le|la|ter|ten|y)[ \t]+([A-Z][\w’'\-]*)"
)
_FIRST_LAST = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)[ \t](?=([A-Z][a-z]{3,})(?![\w-]))")  # overlapping pairs
_TITLES = frozenset(
    "The A An This That These Those Mr Mrs Ms Dr Sir Dame Lord Lady Prof Professor President "
    "Minister Senator Governor General Judge Justice Chancellor Premier Prime Ambassador Envoy "
    "Aide Spokesman Spokeswoman Chairman Director Deputy Speaker Secretary King Queen Prince "
    "Princess Pope Saint St Mayor Commander Colonel Captain Lieutenant Sergeant Officer".split()
)



class _Context:
    """What the checks of one article consult; the name tables are built only when a
    capitalised word actually needs them."""

    def __init__(self, known_words: frozenset[str], counts: Counter[str], lower_counts: Counter[str], text: str):
        self.known_words = known_words
        self.lower_counts = lower_counts
        self._counts = counts
        self._text = text

    @cached_property
    def article_names(self) -> Counter[str]:
        """Capitalised words of this article, with their counts."""
        return _names_in(self._counts)

    @cached_property
    def names_by_initial(self) -> dict[tuple[str, int], list[str]]:
        """``article_names`` under their first letter and length: a name is compared only with
        those it could be a slip of (same letter, one letter longer or shorter at most)."""
        found: dict[tuple[str, int], list[str]] = {}
        for name in self.article_names:
            found.setdefault((name[0], len(name)), []).append(name)
        return found

    @cached_property
    def curated_surnames(self) -> frozenset[str]:
        return _curated_surnames(self.known_words)

    @cached_property
    def in_name_runs(self) -> frozenset[str]:
        """Words written next to another capitalised word."""
        return _in_name_runs(self._text)

    @cached_property
    def first_names(self) -> dict[str, frozenset[str]]:
        """The capitalised word written just before each name ("Irina" before "Ivanova"), titles aside."""
        found: dict[str, set[str]] = {}
        for first, last in _FIRST_LAST.findall(self._text):
            if first not in _TITLES:
                found.setdefault(last, set()).add(first)
        return {k: frozenset(v) for k, v in found.items()}


def _names_in(counts: Counter[str]) -> Counter[str]:
    names: dict[str, int] = {}  # counted in a dict (no ``__missing__`` call per new name), returned as a Counter
    for chunk, n in counts.items():
        if not chunk[:1].isupper():
            continue
        if chunk.isalpha():  # _is_name_shape, the capital and the letters already known
            if len(chunk) >= MIN_SWAP_LENGTH and chunk[1:].islower():
                names[chunk] = names.get(chunk, 0) + n
            continue
        for _, word in _words_of(chunk):
            if _is_name_shape(word):
                names[word] = names.get(word, 0) + n
    return Counter(names)


@lru_cache(maxsize=8)
def _curated_surnames(known_words: frozenset[str]) -> frozenset[str]:
    """Known names and the last words of multi-word ones ("Donald Trump" -> Trump)."""
    surnames = set()
    for entry in known_words:
        parts = _CHUNK.findall(entry)
        if parts and _is_name_shape(parts[-1]) and all(p[:1].isupper() for p in parts):
            surnames.add(parts[-1])
    return frozenset(surnames)


def _in_name_runs(text: str) -> frozenset[str]:
    """Words written next to another capitalised word ("Jason Kenney", "G Britz"), titles
    and sentence-initial articles aside: a lone surname is the one a slip can be read into."""
    words: set[str] = set()
    for run in _NAME_RUN.findall(text):
        tokens = run.split()
        while tokens and tokens[0] in _TITLES:
            tokens = tokens[1:]
        if len(tokens) >= 2:
            words.update(_without_possessive(t) for t in tokens)
    words.update(_without_possessive(m) for m in _AFTER_PARTICLE.findall(text))
    return frozenset(words)


def _suggest_name(word: str, context: _Context) -> str | None:
    """A one-off name one slip from a name we trust more (see the module docstring)."""
    if len(word) < MIN_NAME_LENGTH or not _is_name_shape(word) or context.lower_counts[word.lower()] != 1:
        return None
    if word.lower() in _lexicon():
        return None  # "Brown", "Labour": a dictionary word is never flagged, so no name is worth comparing
    found = _name_candidates(word, context)
    if len(found) != 1 or _is_word(word.lower()):
        return None
    return next(iter(found))


def _name_candidates(word: str, context: _Context) -> dict[str, str]:
    """Trusted names one slip from ``word``, each with the rule that trusts it."""
    found: dict[str, str] = {}
    if len(word) < min(MIN_SURNAME_LENGTH, MIN_SWAPPED_NAME_LENGTH):
        return found  # every rule below asks for a longer word: none can trust a name for it
    tail = word[1:].lower()
    by_initial, initial, size = context.names_by_initial, word[0], len(word)
    near = {
        c
        for length in (size - 1, size, size + 1)
        for c in by_initial.get((initial, length), ())
        if c != word and _slip(tail, c[1:].lower())
    }
    near |= _trusted_near(word, context.known_words)
    if not near:
        return found
    alone = word not in context.in_name_runs
    for candidate in near:
        if len(word) >= MIN_SWAPPED_NAME_LENGTH and candidate in region_names() and word not in city_names():
            found[candidate] = "a country or US state, one slip off"
        elif alone and len(word) >= MIN_SURNAME_LENGTH and context.article_names[candidate] >= 2:
            found[candidate] = "used in the article"
        elif len(word) >= MIN_SURNAME_LENGTH and context.article_names[candidate] >= 2 and _same_person(word, candidate, context):
            found[candidate] = "the same person, by the first name"
        elif alone and len(word) >= MIN_SURNAME_LENGTH and len(candidate) != len(word):
            if candidate in context.curated_surnames:
                found[candidate] = "known name, a letter added or dropped"
        elif len(word) >= MIN_SWAPPED_NAME_LENGTH and swapped(word[1:].lower(), candidate[1:].lower()) and (
            candidate in context.known_words or context.article_names[candidate] >= 2
        ):
            found[candidate] = "letters swapped"
    return found


@lru_cache(maxsize=32768)
def _trusted_near(word: str, known_words: frozenset[str]) -> frozenset[str]:
    """Names of the dossier (curated surnames, known names, regions) one slip from ``word``.

    They depend on the word and the dossier alone, so a name met again in another article
    is looked up once per process.
    """
    keys = deletion_keys(word)
    near = set(_near(keys, _index(_curated_surnames(known_words))))
    if len(word) >= MIN_SWAPPED_NAME_LENGTH:
        near.update(_near(keys, _index(known_words)))
        near.update(_near(keys, _index(region_names())))
    tail = word[1:].lower()
    return frozenset(c for c in near if c != word and _slip(tail, c[1:].lower()))


def _same_person(word: str, candidate: str, context: _Context) -> bool:
    """"Irina Ivanona" in a story about Irina Ivanova: the same first name before both spellings.

    A letter added at the end is another word ("Sri Lankan", "Sri Lanka"), not a slip.
    """
    if word.startswith(candidate) or candidate.startswith(word):
        return False
    names = context.first_names
    return bool(names.get(word, frozenset()) & names.get(candidate, frozenset()))


_Index = dict[str, tuple[str, ...]]


@lru_cache(maxsize=16)
def _index(words: frozenset[str]) -> _Index:
    """Name-shaped words under their first letter plus each one-letter deletion of the
    rest: two names one slip apart (not a swap across a letter) share a key."""
    index: dict[str, set[str]] = {}
    for word in words:
        if _is_name_shape(word):
            for key in deletion_keys(word):
                index.setdefault(key, set()).add(word)
    return {key: tuple(sorted(value)) for key, value in index.items()}


def _near(keys: set[str], index: _Index) -> Iterator[str]:
    """Words of the index under any of a word's ``deletion_keys``."""
    for key in keys:
        yield from index.get(key, ())



def _is_name_ending_change(tail: str, edit: str) -> bool:
    short, long = sorted((tail, edit), key=len)
    if len(short) != len(long):
        return long.startswith(short) and long[-1] in _NAME_ENDINGS
    return short[:-1] == long[:-1]  # Spidey/Spider, Horan/Horak: a changed last letter is another name


def _is_name_shape(word: str) -> bool:
    return len(word) >= MIN_SWAP_LENGTH and word[0].isupper() and word[1:].islower() and word.isalpha()


def _slip(a: str, b: str) -> bool:
    """One slip between two lower-case name tails, not a changed name ending (Ivanov, Ivanova)."""
    return not _is_name_ending_change(a, b) and one_slip(a, b)


def name_slip(word: str, other: str) -> bool:
    """Two names one slip apart with the same first letter ("Koronolli", "Koronelli"), five letters or more."""
    return len(word) >= MIN_NAME_LENGTH and word[:1] == other[:1] and _slip(word[1:].lower(), other[1:].lower())
