"""Capitalised tokens of a paragraph, the words around them, and runs of tokens that may form one name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.analysis.entities.lexicon import _ABBREVIATIONS, _OPEN_QUOTES, _SENTENCE_END, TOKEN_RE, UPPER, Lexicon, Token


def tokens(text: str, lex: Lexicon) -> list[Token]:
    """Capitalised tokens with possessives and sentence-final periods split off.

    Hyphenated compounds are read as English writes them: "Itar-Tass" is one name,
    "Russian-U.S." two, "Bergamo-based" and "ex-Milan" are adjectives (no name), while
    "al-Assad" and "Lee Teng-hui" keep their lower-case part.
    """
    out: list[Token] = []
    size = len(text)
    for match in TOKEN_RE.finditer(text):
        start, end = match.span()
        word = match.group()
        if start > 1 and text[start - 1] == "-" and text[start - 2].islower():
            k = start - 2
            while k > 0 and text[k - 1].isalpha():
                k -= 1
            if text[k].islower():
                if text[k : start - 1] not in lex.vocab.particles:
                    continue  # "ex-Milan", "pro-Moscow"
                start = k
                word = text[start:end]
        if end < size - 1 and text[end] == "-" and text[end + 1].islower():
            k = end + 1
            while k < size and (text[k].isalpha()):
                k += 1
            if lex.common(text[end + 1 : k]):
                continue  # "Bergamo-based", "U.S.-led"
            end = k
            word = text[start:end]
        possessive = stop_after = False
        if word.endswith(("'s", "’s")) and len(word) > 3:
            end -= 2
            word = word[:-2]
            possessive = True
        elif word.endswith(".") and not (word.title() in _ABBREVIATIONS or "." in word[:-1] or len(word) == 2):
            end -= 1
            word = word[:-1]
            stop_after = True
        if out and text[out[-1].end : start] == "-" and _joins(out[-1].text, word, lex):
            prev = out[-1]
            prev.end, prev.text, prev.possessive, prev.stop_after = end, text[prev.start : end], possessive, stop_after
            continue
        out.append(Token(start, end, word, possessive, stop_after))
    return out


def _joins(left: str, right: str, lex: Lexicon) -> bool:
    """Hyphenated capitals are one name ("Itar-Tass") unless a side is a place or people ("Russian-U.S.")."""
    return not any(lex.demonym(w) or lex.place(w) or w in lex.vocab.stop_words for w in (left, right))


def is_initial(text: str, start: int) -> bool:
    """Whether a word starts a sentence, a quotation or a paragraph (so its capital says little)."""
    j = start - 1
    while j >= 0 and text[j] in " \u00a0\t([":
        j -= 1
    if j < 0:
        return True
    c = text[j]
    if c in _SENTENCE_END:
        return True
    if c in _OPEN_QUOTES:
        return j == 0 or text[j - 1] in " \u00a0([" or c in "“‘«"
    return c == "-" and j > 0 and text[j - 1] == " "


def word_before(text: str, start: int) -> str:
    j = start - 1
    if j < 0 or text[j] != " ":
        return ""
    k = j
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] in "-"):
        k -= 1
    return text[k:j]


def word_after(text: str, end: int) -> str:
    if end >= len(text) or text[end] not in " ,":
        return ""
    j = end + 1 if text[end] == " " else end
    k = j
    while k < len(text) and text[k].isalpha():
        k += 1
    return text[j:k]


def _keyword_after_possessive(word: str, following: str, lex: Lexicon) -> bool:
    """A possessive inside a name ("People's Republic"), not a place's or person's ("Russia's Ministry")."""
    v = lex.vocab
    return word in v.name_possessives and (following in v.org_keywords or following in v.place_keywords)


def runs(text: str, toks: list[Token], lex: Lexicon) -> Iterator[list[tuple[str, Token]]]:
    """Groups of tokens that may form one name, each token with the connector words before it."""
    run: list[tuple[str, Token]] = []
    for tok in toks:
        if run:
            prev = run[-1][1]
            gap = text[prev.end : tok.start]
            if prev.possessive and gap[2:] == " " and _keyword_after_possessive(prev.text, tok.text, lex):
                joined = ""  # "Donetsk People's Republic", "Children's Fund"
            elif prev.possessive or prev.stop_after:
                joined = None
            elif gap in (" ", "\u00a0"):
                joined = ""
            elif len(gap) < 14 and lex.connector_re.fullmatch(gap):
                joined = gap.strip()
            else:
                joined = None
            if joined is None:
                yield run
                run = []
            else:
                run.append((joined, tok))
                continue
        run.append(("", tok))
    if run:
        yield run


_DROP_UPPER = dict.fromkeys(map(ord, UPPER))
_DROP_LOWER = dict.fromkeys(c for c in range(0x530) if chr(c).islower())
_CONTENT_WORD_RE = re.compile(r"[^\W\d_][\w'’-]{3,}")
_SHORT_FUNCTION = frozenset(
    "with from into over than that this after upon onto amid once when what will have been were says said".split()
)


def shouting(text: str, heading: bool) -> bool:
    """All capitals, or a Title Case heading: capitals there say nothing about names.

    Title case is judged in headings only: a body sentence full of long names ("The Court
    of Appeals for the Second Circuit in New York ruled") looks title-cased too.
    """
    if text.isupper():
        return True
    sample = text[:160]
    size = len(sample)
    lower = size - len(sample.translate(_DROP_LOWER))
    if lower * 5 < size:  # few lower-case letters: count capitals too
        upper = size - len(sample.translate(_DROP_UPPER))
        if upper + lower >= 4 and upper >= 4 * lower:
            return True
    if not heading:
        return False
    words = [w for w in _CONTENT_WORD_RE.findall(text) if w.lower() not in _SHORT_FUNCTION]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)
