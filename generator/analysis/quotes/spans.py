"""Quote marks paired into spans, titles and scare quotes told from speech, sentence starts."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import chain, islice

# -------------------------------------------------------------------- quote spans

_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"
_OPEN_SINGLE = "‘‚‹"
_CLOSE_SINGLE = "’›'"
_MARKS = frozenset(_OPEN_DOUBLE + _CLOSE_DOUBLE + _OPEN_SINGLE + _CLOSE_SINGLE + '"')
MARK_RE = re.compile("[" + re.escape("".join(sorted(_MARKS))) + "]")
# The marks ``_mark`` may give a part: not an apostrophe between two letters or digits (Bout’s, don't),
# the most frequent mark in prose, which it would only turn down.
_SPAN_MARK = re.compile(MARK_RE.pattern + r"(?!(?<=[^\W_][’'])[^\W_])")
_END_PUNCT = ",.!?…;:"
_BEFORE_OPEN = "([{/—–-:;"
MASK = "\x00"  # stands in for quoted text while looking for cues around it


@dataclass(frozen=True)
class Span:
    """One quote in a paragraph: marks at ``left``/``right``, text in ``start:end``."""

    left: int  # first index of the quote, opening mark included
    right: int  # index after the quote, closing mark included
    start: int
    end: int
    closed: bool = True


def _mark(text: str, i: int) -> str | None:
    """What the quote mark at ``i`` does: open2/close2/either2/open1/close1, or None."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    space_before = prev.isspace() or prev in _BEFORE_OPEN or prev in _OPEN_DOUBLE + _OPEN_SINGLE
    space_after = nxt.isspace() or nxt in _END_PUNCT + ")]}" or nxt in _CLOSE_DOUBLE + _CLOSE_SINGLE + '"'
    if ch in _OPEN_DOUBLE:
        return "close2" if not space_before and space_after else "open2"
    if ch in _CLOSE_DOUBLE:
        return "open2" if space_before and nxt.isalnum() else "close2"
    if ch == '"':
        if space_before and not space_after:
            return "open2"
        if space_after and not space_before:
            return "close2"
        return "either2"
    if ch in _OPEN_SINGLE:
        return None if nxt.isdigit() else "open1"
    # ’ and ': an apostrophe inside a word (Bout’s, don't), else a single quote.
    if prev.isalnum() and nxt.isalnum():
        return None
    if space_before:
        return "open1" if nxt.isalpha() else None
    return "close1" if space_after else None


def find_spans(text: str) -> list[Span]:
    """Every quoted stretch of one paragraph, statements or not."""
    original, text = text, _doubled_singles(text)
    marks = [(m.start(), kind) for m in _SPAN_MARK.finditer(text) for kind in [_mark(text, m.start())] if kind]
    spans: list[Span] = []
    opened: tuple[int, str] | None = None
    nested = 0  # closing marks still owed to a quote inside the open one
    for n, (i, kind) in enumerate(marks):
        if nested and kind == "close2":
            nested -= 1
            continue
        if opened is None:
            if kind in ("open2", "either2", "open1"):
                opened = (i, kind[-1])
            elif n == 0 and i > 0 and text[i - 1] in _END_PUNCT and kind in ("close2", "close1"):
                spans.append(_make_span(text, 0, i + 1, 0, i))  # a paragraph that continues a quote
            continue
        at, style = opened
        later = marks[n + 1 :]
        if style == "2":
            closes = kind in ("close2", "either2") or (
                kind == "close1" and text[i - 1] in _END_PUNCT and not any(k in ("close2", "either2") for _, k in later)
            )
            if kind == "open2" and text[i] in _OPEN_DOUBLE and _nests(marks, n):
                nested += 1  # “… what he calls “hell” than …”: a quote inside the quote
                continue
            if kind == "open2" and text[i] in _OPEN_DOUBLE:
                spans.append(_make_span(text, at, i, at + 1, i, closed=False))  # opened again: the last one never closed
                opened = (i, "2")
                continue
        else:
            closes = kind in ("close2", "either2") or (kind == "close1" and _closes_single(text, i, later))
        if closes:
            spans.append(_make_span(text, at, i + 1, at + 1, i))
            opened = None
    if opened is not None:
        spans.append(_make_span(text, opened[0], len(text), opened[0] + 1, len(text), closed=False))
    return [_widened(original, s) for s in spans if s.end > s.start]


def _nests(marks: Sequence[tuple[int, str]], n: int) -> bool:
    """A second opening mark is a quote inside the open one when two closing marks follow
    it before any other opening mark."""
    closes = 0
    for _, kind in marks[n + 1 :]:
        if kind == "open2":
            break
        closes += kind == "close2"
    return closes >= 2


def _widened(text: str, span: Span) -> Span:
    """A span opened or closed by '' covers both marks."""
    left = span.left - 1 if text[span.left : span.left + 1] == "'" and text[span.left - 1 : span.left] == "'" else span.left
    right = span.right + 1 if text[span.right - 1 : span.right + 1] == "''" else span.right
    return replace(span, left=left, right=right) if (left, right) != (span.left, span.right) else span


def _doubled_singles(text: str) -> str:
    """Two single marks standing for a double one (''Like this,'' in some papers' copy),
    rewritten as a double mark beside a space, offsets unchanged."""
    if "''" not in text:
        return text
    text = re.sub(r"(?:(?<=\s)|^)''(?=\S)", ' "', text)
    return re.sub(r"(?<=\S)''(?=\s|$)", '" ', text)


def _closes_single(text: str, i: int, later: Sequence[tuple[int, str]]) -> bool:
    """A ’ ends a single-quoted quote unless it is a plural possessive (citizens’ rights)
    with a surer closing mark still to come."""
    if text[i - 1] in _END_PUNCT:
        return True
    if text[i - 1] in "sS" and any(k == "close1" and text[j - 1] in _END_PUNCT for j, k in later):
        return False
    return True


def _make_span(text: str, left: int, right: int, start: int, end: int, closed: bool = True) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(left, right, start, end, closed)


# ------------------------------------------------------------- statement filter

WORD = re.compile(r"[^\W_][\w’'\-]*")
_VERBISH = frozenset(
    "is are was were be been being am will would can could should must may might shall have has had "
    "do does did not no never we i you they he she it our us my me your their this that there "
    "'s ’s 're ’re n't n’t".split()
)


def is_speech(text: str, cue_next_to_it: bool, cue_in_sentence: bool = False, inside: bool = True) -> bool:
    """Titles, names and scare quotes are not speech: too short, or a Title Case phrase
    (a punctuated one only ``inside`` a sentence: "on "Face the Nation," Sunday").
    A short phrase inside a sentence that attributes speech is a quote ("called it "a con"")."""
    found = (match.group() for match in WORD.finditer(text))
    words = list(islice(found, 7))  # the first seven: beyond six words, how many no longer matters
    punctuated = text.rstrip()[-1:] in ".!?,…:;"
    long_words = (w for w in chain(words, found) if len(w) > 3)  # the rest read only while all are capitalised
    first_long = next(long_words, None)
    titled = first_long is not None and first_long[0].isupper() and all(w[0].isupper() for w in long_words)
    if titled and (not punctuated or (inside and len(words) <= 6)):
        return False  # "Russia's Shadow Fleet", "Face the Nation," a book, film or programme title
    if len(words) <= 3:
        return cue_in_sentence or (punctuated and cue_next_to_it and len(words) >= 2)
    if len(words) <= 5:
        return punctuated or cue_next_to_it or any(w.lower() in _VERBISH for w in words)
    return True


# ---------------------------------------------------------------- sentences

# The first stop written out of its repeat: a pattern opening with a class is scanned for it by re,
# one opening with a repeat is tried at every character.
_BOUNDARY = re.compile(r"[.!?…][.!?…]*[\"”’)\]]*\s+(?=[\"“‘(\[" + MASK + r"]|[A-Z])")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt st jr sr inc ltd co corp no vs approx rev rep reps sen sens gov pres atty "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def boundaries(text: str) -> list[int]:
    """Offsets where a sentence starts (0 included); "U.S." and "Mr." end nothing."""
    starts = [0]
    for match in _BOUNDARY.finditer(text):
        token = token_before(text, match.start())
        if match.group().startswith(".") and (
            token in ABBREVIATIONS or "." in token or (len(token) == 1 and token.isalpha())
        ):
            continue
        starts.append(match.end())
    return starts


def token_before(text: str, i: int) -> str:
    """The letters and dots just before ``i``, lower-cased ("u.s" of "U.S.")."""
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    return text[j:i].lower()


def sentence_start(starts: Sequence[int], pos: int) -> int:
    """The last start at or before ``pos`` (0 if none); ``starts`` ascending, as ``boundaries`` gives them."""
    i = bisect.bisect_right(starts, pos)
    return starts[i - 1] if i else 0


def sentence_end(starts: Sequence[int], pos: int, length: int) -> int:
    """The first start after ``pos`` (``length`` if none); ``starts`` ascending."""
    i = bisect.bisect_right(starts, pos)
    return starts[i] if i < len(starts) else length


def holding(bounds: Sequence[int], positions: Sequence[int]) -> list[int]:
    """Indexes ``n`` of the stretches ``bounds[n]:bounds[n + 1]`` (``bounds`` ascending) holding
    one of ``positions``, ascending: the sentences a walk over cues needs to visit."""
    found = {bisect.bisect_right(bounds, pos) - 1 for pos in positions}
    return sorted(n for n in found if 0 <= n < len(bounds) - 1)


def has_words(text: str, start: int, end: int, least: int) -> bool:
    """``text[start:end]`` holds at least ``least`` words (counted no further than that)."""
    return len(list(islice(WORD.finditer(text, start, end), max(least, 0)))) >= least


def title_case(text: str) -> bool:
    """"Sanders Vows To Eliminate Tax Breaks": most longer words capitalised."""
    long = [w for w in WORD.findall(text) if len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)
