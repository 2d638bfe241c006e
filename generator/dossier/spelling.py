"""[sic] across the dossier: a name spelt one way in one story and another way in the others.

The per-article check (``generator.analysis.spelling``) sees one story; a judge's surname
one letter off in one story, spelt right in three others, shows only across the dossier.
A name is flagged here only when every caution holds: it is name-shaped and six letters
or more, no English word and no known name; it appears in one story only, at most twice;
and exactly one other spelling, one slip away (same first letter, not a changed ending
like Ivanov/Ivanova, not a transliteration variant like Alexei/Alexey), is used in at
least two other stories and at least three times as often. A name given only once in
the whole dossier has nothing to be compared with and is never flagged.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.analysis.spelling import is_english_word
from generator.analysis.spelling.names import name_slip
from generator.dossier import memo
from generator.language import textmemo
from generator.language.fuzzy import deletion_keys, doubled, translit_variant
from generator.models import Article, SourceError

MIN_LENGTH = 6
MAX_OCCURRENCES = 2
MIN_OTHER_STORIES = 2
MIN_RATIO = 3
_TITLES = frozenset("The A An This That Mr Mrs Ms Dr Sir Judge Justice President Minister Senator Governor General".split())
# The capital first, the look behind after it (a capital not after a letter, digit, apostrophe or hyphen):
# re then skips to the next capital instead of trying the look behind at every character (twice as fast).
_NAME_RE = re.compile(r"[A-Z](?<![\w'’-][A-Z])[a-z]{3,}(?![\w-])")
_FIRST_RE = re.compile(r"([A-Z](?<![\w'’-][A-Z])[a-z]+) (?=([A-Z][a-z]{3,})(?![\w-]))")  # overlapping pairs


def _text(article: Article) -> str:
    return "\0".join(text for _, text in article.text_blocks())


NAMES = "spelling.names"


def _names(article: Article) -> tuple[bytes, dict[str, int]]:
    """Capitalised words and how often, with their key in textmemo (the caller keeps them); remembered by
    text (language/textmemo.py), so not to be changed."""

    def count(_: str) -> dict[str, int]:
        found: Counter[str] = Counter()
        for _index, text in article.text_blocks():
            found.update(_NAME_RE.findall(text))  # the whole match: the pattern has no group
        return dict(found)

    return memo.per_text_keyed(NAMES, article, lambda: _text(article), count)


def _all_names(articles: Sequence[Article], last: _Spelt | None) -> list[tuple[bytes, dict[str, int]]]:
    """``_names`` of every article, the last build's for the very same object at the same place; each kept in
    textmemo for the next process."""
    if last is None or len(last.articles) != len(articles):
        keyed = [_names(a) for a in articles]
    else:
        held = last.keyed
        keyed = [held[i] if a is b else _names(a) for i, (a, b) in enumerate(zip(articles, last.articles, strict=True))]
    for key, names in keyed:
        textmemo.keep(NAMES, key, names)
    return keyed


def _pairs(article: Article) -> tuple[tuple[str, str], ...]:
    """(capitalised word, the name just after it) in one article, titles aside."""
    found = (m for _, text in article.text_blocks() for m in _FIRST_RE.finditer(text))
    return tuple((m.group(1), m.group(2)) for m in found if m.group(1) not in _TITLES)


def _firsts(article: Article) -> dict[str, frozenset[str]]:
    """Name -> the capitalised words written just before it in one article, titles aside."""
    pairs = memo.per_text("spelling.pairs", article, lambda: _text(article), lambda _: _pairs(article))
    out: dict[str, set[str]] = defaultdict(set)
    for first, name in pairs:
        out[name].add(first)
    return {name: frozenset(firsts) for name, firsts in out.items()}


def _first_names(articles: Sequence[Article], stories: Mapping[str, set[int]], name: str) -> set[str]:
    """The capitalised words written just before ``name`` ("Paul" before "Engelmayer") in any story.

    A name follows a word only in a story it is found in (``_NAME_RE`` finds every name
    ``_FIRST_RE`` pairs), so only those stories are read.
    """
    out: set[str] = set()
    for story in stories.get(name, ()):
        article = articles[story]
        out |= memo.derived("spelling.firsts", article, None, lambda a=article: _firsts(a)).get(name, frozenset())  # type: ignore[misc]
    return out


def _near_index(names: Iterable[str], stories: Mapping[str, set[int]] | None = None) -> dict[str, set[str]]:
    """Deletion key -> the names of five letters or more under it, kept from the last build and brought up to date.
    A build that keeps none (``stories`` given) indexes only the names that may be a better spelling: those in
    ``MIN_OTHER_STORIES`` stories or more (``_commoner``); a kept index holds them all, for the next edit."""
    keeping = memo.keeps_last()
    if keeping or stories is None:
        wanted = {name for name in names if len(name) >= MIN_LENGTH - 1}
    else:
        wanted = {name for name in names if len(name) >= MIN_LENGTH - 1 and len(stories[name]) >= MIN_OTHER_STORIES}
    record = _INDEX if keeping else {}  # else a one-off build: made afresh, freed with the step
    held: set[str] = record.setdefault("names", set())
    index: dict[str, set[str]] = record.setdefault("index", {})
    for name in held - wanted:
        for key in deletion_keys(name):
            index[key].discard(name)
            if not index[key]:
                del index[key]
    for name in wanted - held:
        for key in deletion_keys(name):
            index.setdefault(key, set()).add(name)
    record["names"] = wanted
    return index


_INDEX: dict[str, Any] = memo.held()  # the names of the last build and their deletion keys


def dossier_source_errors(articles: Sequence[Article], known_words: frozenset[str]) -> list[tuple[Article, SourceError]]:
    """Names misspelt against the rest of the dossier, with the article each is in.

    Call it once per build with every article (after the per-article analysis) and add
    its errors to those of their articles; an error already found per article is not
    repeated here (see ``merge_errors``). After an edit (the same number of articles, most
    of them the very objects of the last build) only the names of the edited articles and
    their near spellings are judged again; the others keep the last build's verdict.
    """
    last = _LAST.pop("state", None)  # changed in place below: an error half-way leaves none behind
    keyed = _all_names(articles, last)
    per_article = [names for _, names in keyed]
    if (
        last is None
        or len(last.articles) != len(articles)
        or last.known is not known_words
        or memo.most_new(articles, last.articles)
    ):
        total: Counter[str] = Counter()
        stories: dict[str, set[int]] = defaultdict(set)
        for i, names in enumerate(per_article):
            total.update(names)
            for name in names:
                stories[name].add(i)
        index = _near_index(total, stories)
        judged: Iterable[str] = total
        found: dict[str, str] = {}
    else:
        total, stories, found = last.total, last.stories, last.found  # brought up to date in place
        changed = memo.recount(total, stories, articles, last.articles, last.per_article, per_article)
        index = _near_index(total)
        judged = changed | {v for name in changed for key in deletion_keys(name) for v in index.get(key, ())}
    for word in judged:
        better = _better(word, articles, total, stories, index, known_words) if word in total else None
        if better is None:
            found.pop(word, None)
        else:
            found[word] = better
    spelt = _Spelt(tuple(articles), per_article, total, stories, known_words, found, keyed)
    if memo.keeps_last():
        _LAST["state"] = spelt
    out: list[tuple[Article, SourceError]] = []
    for word in sorted(found, key=lambda w: _first_seen(w, stories, per_article)):  # as a fresh count meets them
        story = next(iter(stories[word]))
        out.extend((articles[story], e) for e in _locate(articles[story], word, found[word]))
    return out


@dataclass(frozen=True)
class _Spelt:
    """The last build's counts and verdicts (name -> the spelling it is a slip of), for the next build."""

    articles: tuple[Article, ...]
    per_article: list[dict[str, int]]
    total: Counter[str]
    stories: dict[str, set[int]]
    known: frozenset[str]
    found: dict[str, str]
    keyed: list[tuple[bytes, dict[str, int]]]  # ``_names`` of each article, with its key in textmemo


_LAST: dict[str, _Spelt] = memo.held()


def _first_seen(word: str, stories: Mapping[str, set[int]], per_article: Sequence[dict[str, int]]) -> tuple[int, int]:
    """Where counting the articles in order meets a name first: its first story, its place there."""
    story = min(stories[word])
    return story, list(per_article[story]).index(word)


def _better(
    word: str,
    articles: Sequence[Article],
    total: Counter[str],
    stories: dict[str, set[int]],
    index: Mapping[str, set[str]],
    known_words: frozenset[str],
) -> str | None:
    """The one spelling ``word`` is a slip of, when every caution holds (see the module's doc)."""
    if len(word) < MIN_LENGTH or total[word] > MAX_OCCURRENCES or len(stories[word]) != 1 or word in known_words:
        return None
    near = {v for key in deletion_keys(word) for v in index.get(key, ())}
    better = [v for v in near if _commoner(v, word, total, stories) and name_slip(word, v) and not _transliterated(word, v)]
    if len(better) != 1 or is_english_word(word.lower()):  # before the first names: most are English, and reading is slow
        return None
    return better[0] if _first_names(articles, stories, word) & _first_names(articles, stories, better[0]) else None


def _transliterated(word: str, variant: str) -> bool:
    """Alexei for Alexey is another transliteration, not a slip; a doubled letter is a slip whatever the language."""
    return translit_variant(word, variant) and not doubled(word, variant)


def _commoner(variant: str, word: str, total: Counter[str], stories: dict[str, set[int]]) -> bool:
    others = stories[variant] - stories[word]
    return variant != word and len(others) >= MIN_OTHER_STORIES and total[variant] >= MIN_RATIO * total[word]


def _locate(article: Article, word: str, suggestion: str) -> Iterable[SourceError]:
    pattern = re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])")
    for paragraph, text in article.text_blocks():
        for m in pattern.finditer(text):
            yield SourceError(word, suggestion, paragraph, m.start(), m.end())


def merge_errors(found: Sequence[SourceError], dossier: Iterable[SourceError]) -> tuple[SourceError, ...]:
    """An article's errors plus the dossier's for it, without the same span twice, in text order."""
    spans = {(e.paragraph, e.start) for e in found}
    extra = [e for e in dossier if (e.paragraph, e.start) not in spans]
    return tuple(sorted((*found, *extra), key=lambda e: (e.paragraph, e.start)))
