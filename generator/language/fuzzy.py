"""Near spellings of one word: typing slips and transliteration variants.

One place for the question every analysis asks in its own words: is this word a
misspelling of that one ("Koronolli" for Koronelli, "Thaliand" for Thailand, "Decmber"
for December), or the same Russian name in another transliteration (Alexei, Alexey,
Aleksei; Zelensky, Zelenskiy)? A slip is one letter changed, added or dropped, or two
letters swapped (side by side, or across one letter). A transliteration variant is a
spelling whose :func:`translit_key` is the same. Nothing here knows about names,
dictionaries or articles: callers add their own cautions (a minimum length, a changed
ending being another person).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from functools import lru_cache

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def swapped(a: str, b: str) -> bool:
    """Two letters swapped, side by side ("wtih") or across one letter ("Thaliand")."""
    if len(a) != len(b) or a == b:
        return False
    diffs = [k for k in range(len(a)) if a[k] != b[k]]
    return len(diffs) == 2 and diffs[1] - diffs[0] in (1, 2) and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]


def one_edit(a: str, b: str) -> bool:
    """One letter changed, added or dropped (no swaps); False for equal words."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


def one_slip(a: str, b: str, swaps: bool = True) -> bool:
    """Whether two different words are one typing slip apart (a swap counts unless ``swaps`` is False)."""
    return one_edit(a, b) or (swaps and swapped(a, b))


def swaps(word: str) -> set[str]:
    """Every word made by swapping two letters of ``word``, side by side or across one."""
    splits = [(word[:i], word[i:]) for i in range(len(word))]
    out = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + b[2] + b[1] + b[0] + b[3:] for a, b in splits if len(b) > 2}
    out.discard(word)
    return out


def edits(word: str, letters: str = LETTERS) -> set[str]:
    """Every word one slip from ``word``: a letter dropped, changed or added, or a swap."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    out |= swaps(word)
    out.discard(word)
    return out


# What the words an edit may become open and close with: their prefixes and suffixes up to a length.
Ends = tuple[frozenset[str], frozenset[str], int]


def word_ends(words: Iterable[str], length: int = 4) -> Ends:
    """The prefixes and suffixes, up to ``length`` letters, of ``words`` (for ``edits_in``)."""
    listed = list(words)
    prefixes = frozenset(w[:j] for w in listed for j in range(1, min(len(w), length) + 1))
    suffixes = frozenset(w[-j:] for w in listed for j in range(1, min(len(w), length) + 1))
    return prefixes, suffixes, length


def _open_to(word: str, affixes: frozenset[str], length: int, at_end: bool) -> int:
    """How many letters from the word's start (its end) open (close) some listed word, up to ``length``."""
    for j in range(1, min(len(word), length) + 1):
        if (word[-j:] if at_end else word[:j]) not in affixes:
            return j - 1
    return length


def edits_in(word: str, known: Container[str], letters: str = LETTERS, ends: Ends | None = None) -> set[str]:
    """``edits(word)`` that ``known`` holds: each edit is looked up as it is made, and the
    hundreds that are no word are never gathered into a set (a ten-letter word has ~570 edits).

    ``ends`` (``word_ends`` of a list that holds every word wanted of ``known``): an edit keeps the
    word's letters before and after the slip, so a slip is tried only where those kept letters still
    open and close a listed word ("klimaschutz": no word ends in "hutz", so only the last letters
    are tried); edits found elsewhere could be no listed word."""
    found: set[str] = set()
    size = len(word)
    head_max, tail_max = size, size
    if ends is not None:
        prefixes, suffixes, length = ends
        opened, closed = _open_to(word, prefixes, length, False), _open_to(word, suffixes, length, True)
        head_max = size if opened == length else opened  # at most this many letters kept before the slip
        tail_max = size if closed == length else closed  # and after it
    for i in range(min(head_max, size) + 1):
        head, tail = word[:i], word[i:]
        if size - i <= tail_max:
            for c in letters:  # a letter added (an f-string joins the three in one step)
                edit = f"{head}{c}{tail}"
                if edit in known:
                    found.add(edit)
        if tail and size - i - 1 <= tail_max:
            rest = tail[1:]
            if head + rest in known:  # a letter dropped
                found.add(head + rest)
            for c in letters:  # a letter changed
                edit = f"{head}{c}{rest}"
                if edit in known:
                    found.add(edit)
    found.update(edit for edit in swaps(word) if edit in known)
    found.discard(word)
    return found


def deletion_keys(word: str) -> set[str]:
    """The first letter plus the rest with at most one letter dropped (lower case).

    Two words one letter changed, added or dropped apart share a key, so an index
    under these keys finds near spellings without comparing every pair.
    """
    head, tail = word[:1], word[1:].lower()
    return {head + tail} | {head + tail[:i] + tail[i + 1 :] for i in range(len(tail))}


# Transliteration of Russian (and kindred) names: each pair rewrites one spelling habit
# to a common form, applied in order to the lower-case word.
_TRANSLIT: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"ks", "x"),  # Aleksei, Alexei
        (r"^ye", "e"),  # Yevgeny, Evgeny
        (r"yo", "e"),  # Fyodor, Fedor; Pyotr, Petr
        (r"ë", "e"),
        (r"kh", "h"),  # Khodorkovsky, Hodorkovsky
        (r"tch", "ch"),
        (r"[ij]u", "yu"),  # Iuri, Yuri
        (r"iya$", "ia"),  # Mariya, Maria
        (r"ya$", "ia"),  # Natalya, Natalia
        (r"(?:e[iy]|[iy]+)$", "y"),  # Alexei, Alexey; Yuri, Yury, Yuriy; -sky, -skiy, -skii, -ski
        (r"(.)\1", r"\1"),  # Gennady, Genady; Zelenskyy
    )
)


@lru_cache(maxsize=65536)
def translit_key(word: str) -> str:
    """One spelling for the transliteration variants of a word ("Alexei", "Aleksey" -> "alexy")."""
    key = word.lower()
    for pattern, repl in _TRANSLIT:
        key = pattern.sub(repl, key)
    return key


def doubled(a: str, b: str) -> bool:
    """One word is the other with one letter doubled ("Halvorssen", "Halvorsen")."""
    short, long_ = sorted((a, b), key=len)
    if len(long_) != len(short) + 1:
        return False
    return any(long_[i] == long_[i - 1] and long_[:i] + long_[i + 1 :] == short for i in range(1, len(long_)))


def translit_variant(a: str, b: str) -> bool:
    """Two different spellings of one name by transliteration: Yuri/Yury, Zelensky/Zelenskiy."""
    return a != b and translit_key(a) == translit_key(b)


def same_name(a: str, b: str) -> bool:
    """Whether two multi-word names differ only by transliteration, word for word, in at least one word.

    "Alexei Tarasov" and "Alexey Tarasov" are one person; "Alexei Tarasov" and "Alexei
    Navalny", or names of different lengths, are not.
    """
    wa, wb = a.split(), b.split()
    if a == b or len(wa) != len(wb) or len(wa) < 2:
        return False
    return all(x == y or translit_variant(x, y) for x, y in zip(wa, wb, strict=True))
