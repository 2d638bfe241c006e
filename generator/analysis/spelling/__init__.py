"""Misspellings in the source, flagged as [sic] with a suggestion; never altering the text.

A false [sic] on a correct word is an error every reader notices, while a
missed typo goes unseen, so every rule here errs towards silence:

* Lower-case words are looked up in pyspellchecker's English list after
  undoing derivations (``biased+ness``, ``un+favor+able``), compounds
  (``centre+piece``), British spellings (``colour``, ``organisation``) and
  contractions. An unknown word is flagged only when it is long enough to be
  no slang or loanword, appears at most twice in the article, and one typing
  slip (a letter deleted, added, changed, swapped with its neighbour or across
  one letter) turns it into exactly one common word: "unvaforable" ->
  "unfavorable". A short word is flagged only for a swap ("wtih" -> "with").
* Capitalised words are names and are never checked against the dictionary.
  A name is flagged only when it is a one-off (once in the article, not in
  ``known_words``, no dictionary word) and one slip from exactly one name we
  trust more: a name used at least twice in the same article, when the
  one-off stands alone ("Koronolli" -> "Koronelli"); a known name, when a
  lone word of six letters or more has a letter added or dropped ("Trumpt"
  -> "Trump"); or, for seven letters or more, a known or repeated name with
  two letters swapped ("Thaliand" -> "Thailand"). "Alone" means no capitalised
  neighbour (titles like Mr aside): in "Jason Kenney" or "van der Linde" a
  slip is more likely another person. First letters and name endings
  (Ivanov/Ivanova, Spidey/Spider) never count as slips.
* All-caps words, words with digits or accents, parts of dotted tokens (U.S.,
  web addresses) are skipped; a Latin word with one stray letter of another
  script ("stabilityю") is flagged.

``known_words`` holds what the dossier knows to be right: gazetteer names
and aliases, and the editor's ignore list (site_config/spelling.yml);
``known_words_for`` builds it, leaving out aliases that are misspellings of
their own canonical name. A word in it is never flagged.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from generator.analysis.spelling.names import _Context, _suggest_name, name_slip
from generator.analysis.spelling.words import (
    _APOSTROPHES,
    _CHUNK,
    MIN_SWAP_LENGTH,
    _correction,
    _is_word,
    _joined_word,
    _lexicon,
    _missing_apostrophe,
    _mixed_script,
    _strip_foreign,
    _words_of,
)
from generator.models import Article, EntityRef, SourceError

__all__ = ["find_source_errors", "is_english_word", "known_words_for"]

MAX_OCCURRENCES = 2  # a word repeated three times is meant, however odd it looks

# Dotted tokens, addresses and HTML entities (U.S., dot.com, a@b, communiqu&#233;): never checked.
_JOINT = re.compile(r"[.@/&#;](?<=[^\W_].)[.@/&#;]*(?=[^\W_])")  # the joint first: the scan jumps to it
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'’ʼ")


def known_words_for(entities: Iterable[EntityRef], ignore: Iterable[str] = ()) -> frozenset[str]:
    """``known_words`` for one dossier: canonical names (as written and word by word),
    aliases, and the editor's ignore list.

    An alias word one slip away from a word of its own entity's canonical name is a
    misspelling the editor recorded so the entity is still found ("Trumpt" for Donald
    Trump); it stays out, so the article that has it still gets its [sic].
    """
    known: set[str] = set(ignore)
    for entity in entities:
        canonical = _CHUNK.findall(entity.name)
        known.add(entity.name)
        known.update(canonical)
        for alias in entity.aliases:
            words = _CHUNK.findall(alias)
            slips = [w for w in words if w not in canonical and any(name_slip(w, c) for c in canonical)]
            if not slips:
                known.add(alias)
            known.update(w for w in words if w not in slips)
    return frozenset(known)


def find_source_errors(article: Article, known_words: frozenset[str]) -> tuple[SourceError, ...]:
    """Words in the article that are misspelt, with a suggestion. Precision over recall."""
    blocks = article.text_blocks()
    text = "\n".join(t for _, t in blocks)
    chunks = _CHUNK.findall(text)
    counts: Counter[str] = Counter(chunks)
    lower_counts: Counter[str] = Counter(map(str.lower, chunks))
    dotted = _dotted_parts(text) | set(_ELIDED.findall(text))
    lexicon = _lexicon().counts
    context = _Context(known_words, counts, lower_counts, text)
    flagged: dict[str, tuple[int, str, str]] = {}  # chunk -> (offset in chunk, word, suggestion)
    for chunk in counts:
        if chunk in lexicon or chunk in known_words or chunk in dotted:
            continue
        for offset, word in ((0, chunk),) if chunk.isalpha() else _words_of(chunk):
            suggestion = _suggest(word, context)
            if suggestion:
                if not _joined_word(chunk):
                    flagged[chunk] = (offset, word, suggestion)
                break
    return tuple(_locate(blocks, flagged)) if flagged else ()


# A word after an opening apostrophe is an elision, spoken English ("'orrible", "'cause"): not ours to correct.
# (The apostrophe comes first so the scan jumps from apostrophe to apostrophe; the lookbehind then
# asks what stands before it: nothing or a space, as "(?:^|(?<=\s))['‘’]" would.)
_ELIDED = re.compile(r"['‘’](?<!\S.)([^\W\d_]+)")


def _dotted_parts(text: str) -> set[str]:
    """The words glued to others by dots, @, slashes or entities: found from the joints."""
    parts: set[str] = set()
    for joint in _JOINT.finditer(text):
        left = max(text.rfind(" ", 0, joint.start()), text.rfind("\n", 0, joint.start())) + 1
        ends = [i for i in (text.find(" ", joint.end()), text.find("\n", joint.end())) if i != -1]
        parts.update(_CHUNK.findall(text[left : min(ends, default=len(text))]))
    return parts


def _locate(blocks: tuple[tuple[int, str], ...], flagged: dict[str, tuple[int, str, str]]) -> Iterator[SourceError]:
    for index, text in blocks:
        if not any(chunk in text for chunk in flagged):
            continue
        for match in _CHUNK.finditer(text):
            hit = flagged.get(match.group())
            if hit:
                offset, word, suggestion = hit
                start = match.start() + offset
                yield SourceError(word, suggestion, index, start, start + len(word))


def _suggest(word: str, context: _Context) -> str | None:
    if word in context.known_words or len(word) < MIN_SWAP_LENGTH:
        return None
    if not word.isascii():
        return _strip_foreign(word) if _mixed_script(word) else None  # accents, other scripts
    if word.isupper() or not _ASCII_LETTERS.issuperset(word):
        return None  # acronyms are not ours to judge
    if context.lower_counts[word.lower()] > MAX_OCCURRENCES:
        return None
    if word[0].isupper():
        return _suggest_name(word, context)
    if not word.islower() or any(ch in _APOSTROPHES for ch in word):
        return None  # camelCase brands; contractions and elisions (could've, lovin')
    if _is_word(word):
        return None
    return _missing_apostrophe(word) or _correction(word)



def is_english_word(word: str) -> bool:
    """Whether a lower-case word is English: in the list, or derived, British or compound."""
    return _is_word(word)
