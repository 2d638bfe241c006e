"""Finding candidate names in one paragraph: capitalised runs, read with word lists.

A paragraph is scanned once with a regular expression for capitalised tokens; tokens
next to each other (or joined by "of", "for the", "bin"...) form runs, and each run is
split into candidates by a few readable rules, strongest first: a head title before a
name ("Deputy Foreign Minister Sergei Ryabkov"), an organisation keyword ("Russian Foreign
Ministry"), a place keyword or a known place, a first name, an acronym, and cues around
the run (a role noun before it, "said" after it, "in" before a lone word, "newspaper" or
"station" beside it). Wire copy runs titles, bodies, places and people together, and the
rules take them apart: "Head of the Donetsk People's Republic Denis Pushilin", "Kremlin
Aide Yury Ushakov", "Ambassador to Vietnam Gennady Bezdetko". A name in a list takes the
kind its neighbours share ("Syria, Nagorno-Karabakh and Donbass"). What no rule explains
is kept with ``kind=None``: it becomes an entity only if the rest of the article (or the
gazetteer) says what it is, so sentence-initial words and odd capitals never turn into
junk entities.
"""

from __future__ import annotations

import re

from generator.analysis.entities.lexicon import (
    _DATELINE_END_RE,
    _LOUD_DATELINE_END_RE,
    COMMON_NAME,
    COMMON_WORD,
    CUED,
    GUESSED,
    SURE,
    UPPER,
    Candidate,
    Kind,
    Lexicon,
    Token,
    build_lexicon,
)
from generator.analysis.entities.lists import lists
from generator.analysis.entities.segment import segment
from generator.analysis.entities.tokens import is_initial, runs, shouting, tokens

__all__ = [
    "COMMON_NAME", "COMMON_WORD", "CUED", "GUESSED", "SURE", "UPPER", "Candidate", "Kind", "Lexicon", "Token",
    "build_lexicon", "classify", "dateline_place", "find", "is_initial", "runs", "shouting", "tokens",
]

def _spaced(text: str, toks: list[Token], n: int) -> bool:
    return text[toks[n - 1].end : toks[n].start] == " "


def dateline_place(text: str, toks: list[Token], lex: Lexicon, loud: bool = False) -> tuple[Candidate | None, int]:
    """"MOSCOW, November 10 (Itar-Tass)" or "LONDON 1996-08-30": the place a paragraph opens with.

    In an all-capitals line ("SOCCER - RESULTS", "TORONTO 63 71") only a known place before
    a comma or a date counts.
    """
    n = 0
    while n < len(toks) and toks[n].text.isupper() and len(toks[n].text) > 1 and (n == 0 or _spaced(text, toks, n)):
        n += 1
    if n == 0 or toks[0].start > 2:
        return None, 0
    end = toks[n - 1].end
    if not _DATELINE_END_RE.match(text, end):
        return None, 0
    surface = text[toks[0].start : end]
    known = lex.place(surface) or lex.geo.weak.get(surface.casefold())
    if (loud or text[end : end + 3].strip()[:1] in "-–—") and not (known and _LOUD_DATELINE_END_RE.match(text, end)):
        return None, 0  # "SOCCER - RESULTS", "EUROBONDS - Primary market activity"
    name = known or surface.title()
    return Candidate(toks[0].start, end, name, "place", SURE, words=n), n


def classify(text: str, run: list[tuple[str, Token]], lex: Lexicon) -> list[Candidate]:
    """Candidates in one run of capitalised tokens (see the module docstring for the rules)."""
    out: list[Candidate] = []
    for part in _split(run, lex, text):
        first = part[0][1]
        # An ordinary English word opening a sentence says nothing by its capital (asked of the opening word only).
        unexplained = is_initial(text, first.start) and lex.common(first.text) and not _known_word(first.text, lex)
        if len(part) == 1 and unexplained:
            out.append(Candidate(first.start, first.end, first.text, None, GUESSED, initial=True))
            continue
        if unexplained and not _named(part, text, lex):
            if first.text not in lex.vocab.titles and first.text not in lex.vocab.title_modifiers and not lex.demonym(first.text):
                part = part[1:]
                out.append(Candidate(first.start, first.end, first.text, None, GUESSED, initial=True))
        out.extend(segment(text, part, lex))
    return out


def _known_word(word: str, lex: Lexicon) -> bool:
    v = lex.vocab
    listed = word in v.org_keywords or word in v.org_names or word in v.org_acronyms
    return bool(lex.place(word)) or lex.first_name(word) or listed


def _named(part: list[tuple[str, Token]], text: str, lex: Lexicon) -> bool:
    """Whether keywords or the place list explain the whole part ("Wall Street", "Police Department")."""
    v = lex.vocab
    words = [t.text for _, t in part]
    surface = text[part[0][1].start : part[-1][1].end]
    return bool(lex.place(surface)) or any(w in v.org_keywords or w in v.place_keywords for w in words[1:])


def _split(run: list[tuple[str, Token]], lex: Lexicon, text: str) -> list[list[tuple[str, Token]]]:
    """Cut a run at calendar words, leading stop words and connectors nothing justifies. A calendar word
    right after a first name and before no number is a surname ("Theresa May", "Donna Summer"; not
    "Paris June 5")."""
    v = lex.vocab
    parts: list[list[tuple[str, Token]]] = []
    cur: list[tuple[str, Token]] = []
    for conn, tok in run:
        word = tok.text
        if word in v.time_words and cur and not conn and _surname_after(cur[-1][1], tok, text, lex):
            cur.append((conn, tok))
            continue
        if word in v.time_words or word in _FUNCTION_WORDS:
            if cur:
                parts.append(cur)
            cur = []
            continue
        if cur and conn and not _justified(conn, cur, word, lex):
            parts.append(cur)
            cur = []
            conn = ""
        cur.append((conn if cur else "", tok))
    if cur:
        parts.append(cur)
    return parts


def _surname_after(before: Token, tok: Token, text: str, lex: Lexicon) -> bool:
    """A calendar word as the surname of the first name before it: nothing but a space between them, and no
    day or year after it ("Theresa May, shadow secretary"; "on Friday May 5" is a date)."""
    return (
        lex.first_name(before.text)
        and not (lex.place(before.text) or lex.geo.weak.get(before.text.casefold()))  # "Sheffield Wednesday": a club
        and not before.possessive
        and text[before.end : tok.start] == " "
        and not _NUMBER_AFTER_RE.match(text, tok.end)
    )


_NUMBER_AFTER_RE = re.compile(r",?\s*\d")
_FUNCTION_WORDS = frozenset(
    "The A An This That These Those It He She We They I You His Her Their Our Its In On At By For From With "
    "And But Or If When While After Before As To Of".split()
)


def _justified(conn: str, left: list[tuple[str, Token]], right: str, lex: Lexicon) -> bool:
    """Whether lower-case words may join two capitalised parts into one name."""
    v = lex.vocab
    words = conn.split()
    left_words = [t.text for _, t in left]
    if all(w in v.particles for w in words):
        return True
    if words[0] in ("&",):
        return True
    keyed = any(w in v.org_keywords or w in v.place_keywords or w in v.titles for w in left_words)
    keyed = keyed or left_words[0] in v.place_prefixes
    if words[0] == "and":
        return keyed and any(c.startswith(("of", "for")) for c, _ in left) and right not in v.org_keywords
    if words[0] in ("of", "for", "on", "upon") or words == ["the"]:
        return keyed and not lex.demonym(right) and right not in v.time_words
    return False



def find(text: str, lex: Lexicon) -> tuple[list[Token], list[Candidate]]:
    """Tokens and candidate names of one ordinary (not all-capitals, not title-case) paragraph."""
    toks = tokens(text, lex)
    cands: list[Candidate] = []
    dateline, skip = dateline_place(text, toks, lex)
    if dateline is not None:
        cands.append(dateline)
    for run in runs(text, toks[skip:], lex):
        cands.extend(classify(text, run, lex))
    return toks, lists(text, cands, lex)

