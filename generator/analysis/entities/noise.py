"""Capitals that name nothing: titles of works, and a name cut off where a file ends.

* A film, book or programme title ("the film Lord of War", the book “The Merchant of
  Death”) is no person, place or organisation, though its words are capitalised. Its
  span is found from the noun that introduces it; discovered names inside are dropped
  (curated names stay: the editor listed them).
* A story truncated mid-sentence ("...met Viktor Bo") ends in a broken name; a
  discovered name that ends where an unfinished last paragraph stops is dropped
  rather than kept as a second person.
"""

from __future__ import annotations

import re

from generator.analysis.entities.resolve import Found
from generator.language.regexes import phrase_alternation
from generator.models import Article

_WORKS = (
    "film movie book novel memoir biography programme program show series documentary album song "
    "play opera musical sitcom drama miniseries podcast thriller comedy bestseller best-seller"
).split()
# Grouped by first letter (``phrase_alternation``): at a letter no noun opens with, one test fails
# instead of each noun's; the nouns that share a letter keep their order, so the matches are the same.
_WORK = rf"(?:{phrase_alternation(_WORKS)})s?"
_QUOTED_RE = re.compile(rf"\b{_WORK}\s*,?\s*(?:(?:called|titled|entitled|named)\s+)?[“\"«‘]([^”\"»’]{{2,80}})[”\"»’]")
# A quick test before the full patterns: both have the noun (plural or not) followed by a space,
# a comma, an opening quote or (the quoted one) "called" and its like: "shown", "player" and
# "display." pass no more. Neither matches before the first place this test does.
_ANY_WORK_RE = re.compile(rf"{_WORK}(?=[\s,“\"«‘]|called|titled|entitled|named)")
_TITLE_WORD = r"[A-Z0-9][\w'’:-]*"
_BARE_RE = re.compile(
    rf"\b{_WORK}\s+(?:(?:called|titled|entitled|named)\s+)?({_TITLE_WORD}(?:\s+(?:of|the|a|an|and|in|on|to|for|with|{_TITLE_WORD}))*)"
)
MIN_PROSE_WORDS = 5  # a table row or a heading may end without a stop; prose does not
_ENDED = re.compile(r"[.!?…\"”'’)»\]:;]\s*$")


def title_spans(text: str) -> list[tuple[int, int]]:
    """Spans of titles of works introduced by their noun, quoted or not."""
    first = _ANY_WORK_RE.search(text)
    if first is None:
        return []
    # Both patterns open with the noun: none matches before its first one (the scan starts there;
    # their "\b" still sees the character before it).
    spans = [m.span(1) for m in _QUOTED_RE.finditer(text, first.start())]
    for m in _BARE_RE.finditer(text, first.start()):
        start, end = m.span(1)
        words = text[start:end].split()
        while words and words[-1].islower():  # "the film Lord of War in": no trailing connector
            end -= len(words.pop()) + 1
        if words:
            spans.append((start, end))
    return spans


def _unfinished_prose(text: str) -> bool:
    """A paragraph of prose (five lower-case words or more) that stops without closing its sentence."""
    return bool(text) and not _ENDED.search(text) and sum(w.islower() for w in text.split()) >= MIN_PROSE_WORDS


def drop_noise(found: list[Found], article: Article) -> list[Found]:
    """Found names without those inside titles of works and the one cut off by a truncated end."""
    blocks = dict(article.text_blocks())
    titles = {p: spans for p, text in blocks.items() if text and (spans := title_spans(text))}
    last = max(blocks) if blocks else None
    cut = None
    if last is not None and _unfinished_prose(blocks[last]):
        cut = len(blocks[last].rstrip())
    out = []
    for f in found:
        if f.entity is None and any(a <= f.start and f.end <= b for a, b in titles.get(f.paragraph, ())):
            continue
        if f.entity is None and cut is not None and f.paragraph == last and f.end >= cut:
            continue
        out.append(f)
    return out
