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
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from generator.language.vocabulary import Geography, Vocabulary, first_names, geography, word_frequencies

Kind = Literal["person", "organisation", "place"]

# Strength of the evidence for a candidate's kind; votes across an article are weighted by it.
SURE, CUED, GUESSED = 3, 2, 1
COMMON_WORD = 300  # lower-case count in the frequency list above which a word is ordinary English
COMMON_NAME = 60_000  # a first name this common in lower case ("Will", "May") needs more evidence


def _upper_class() -> str:
    ranges = [(0x41, 0x5B), (0xC0, 0x250), (0x370, 0x400), (0x400, 0x530)]
    return "".join(chr(c) for lo, hi in ranges for c in range(lo, hi) if chr(c).isupper())


UPPER = _upper_class()
TOKEN_RE = re.compile(rf"(?<![\w'’])[{UPPER}]\w*(?:['’.]\w+)*\.?")
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
    words = sorted(vocab.connectors | vocab.particles, key=len, reverse=True)
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


def _word_before(text: str, start: int) -> str:
    j = start - 1
    if j < 0 or text[j] != " ":
        return ""
    k = j
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] in "-"):
        k -= 1
    return text[k:j]


def _word_after(text: str, end: int) -> str:
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


def dateline_place(text: str, toks: list[Token], lex: Lexicon, loud: bool = False) -> tuple[Candidate | None, int]:
    """"MOSCOW, November 10 (Itar-Tass)" or "LONDON 1996-08-30": the place a paragraph opens with.

    In an all-capitals line ("SOCCER - RESULTS", "TORONTO 63 71") only a known place before
    a comma or a date counts.
    """
    n = 0
    while n < len(toks) and toks[n].text.isupper() and len(toks[n].text) > 1 and (n == 0 or text[toks[n - 1].end : toks[n].start] == " "):
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
    for part in _split(run, lex):
        first = part[0][1]
        if len(part) == 1 and is_initial(text, first.start) and lex.common(first.text) and not _known_word(first.text, lex):
            out.append(Candidate(first.start, first.end, first.text, None, GUESSED, initial=True))
            continue
        if is_initial(text, first.start) and len(part) > 1 and lex.common(first.text) and not _known_word(first.text, lex) and not _named(part, text, lex):
            if first.text not in lex.vocab.titles and first.text not in lex.vocab.title_modifiers and not lex.demonym(first.text):
                part = part[1:]
                out.append(Candidate(first.start, first.end, first.text, None, GUESSED, initial=True))
        out.extend(_segment(text, part, lex))
    return out


def _known_word(word: str, lex: Lexicon) -> bool:
    v = lex.vocab
    return bool(lex.place(word)) or lex.first_name(word) or word in v.org_keywords or word in v.org_names or word in v.org_acronyms


def _named(part: list[tuple[str, Token]], text: str, lex: Lexicon) -> bool:
    """Whether keywords or the place list explain the whole part ("Wall Street", "Police Department")."""
    v = lex.vocab
    words = [t.text for _, t in part]
    surface = text[part[0][1].start : part[-1][1].end]
    return bool(lex.place(surface)) or any(w in v.org_keywords or w in v.place_keywords for w in words[1:])


def _split(run: list[tuple[str, Token]], lex: Lexicon) -> list[list[tuple[str, Token]]]:
    """Cut a run at calendar words, leading stop words and connectors nothing justifies."""
    v = lex.vocab
    parts: list[list[tuple[str, Token]]] = []
    cur: list[tuple[str, Token]] = []
    for conn, tok in run:
        word = tok.text
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
    keyed = any(w in v.org_keywords or w in v.place_keywords or w in v.titles for w in left_words) or left_words[0] in v.place_prefixes
    if words[0] == "and":
        return keyed and any(c.startswith(("of", "for")) for c, _ in left) and right not in v.org_keywords
    if words[0] in ("of", "for", "on", "upon") or words == ["the"]:
        return keyed and not lex.demonym(right) and right not in v.time_words
    return False


def _single(word: str, lex: Lexicon) -> tuple[Kind | None, str] | None:
    """What one capitalised word is by itself: (kind, name), (None, "") for nothing, None if context decides."""
    cached = lex.words.get(word, False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    v = lex.vocab
    result: tuple[Kind | None, str] | None = None
    place = lex.place(word)
    if word in v.titles and word not in v.org_keywords:
        result = (None, "")
    elif place:
        result = ("place", place)
    elif word in v.org_names:
        result = ("organisation", word)
    elif word in v.org_keywords or lex.stop(word) or lex.demonym(word) or word in v.title_modifiers:
        result = (None, "")
    elif word.isupper() and len(word) > 1:
        acronym = word in v.org_acronyms or (_ACRONYM_RE.fullmatch(word) and word not in v.not_org_acronyms and not lex.common(word))
        result = ("organisation", word) if acronym else (None, "")
    if len(lex.words) < 100_000:
        lex.words[word] = result
    return result


def _adjectival(word: str, lex: Lexicon) -> bool:
    """An adjective the lists lack ("Transylvanian", "Zairean", "Eurosceptic"), not a name."""
    return word.endswith(("ian", "ean", "ese", "ic", "ist")) and not lex.first_name(word)


def _person(text: str, part: list[tuple[str, Token]], lex: Lexicon, strength: int) -> Candidate:
    """A person named by context; an ordinary word before a first name is no part of it ("Treasurer Peter Costello")."""
    if len(part) > 2 and lex.common(part[0][1].text) and lex.first_name(part[1][1].text):
        part = part[1:]
    start, end = part[0][1].start, part[-1][1].end
    return Candidate(start, end, text[start:end], "person", strength, words=len(part))


def _lone_speaker(text: str, word: str, end: int, verb: str, lex: Lexicon) -> Kind | None:
    """Who "<Word> said" is when nothing else tells.

    A word shaped like a surname ("Ushakov said", "said Vucic."), or followed by "he" or
    "she": a person. A CamelCase "TimeWarner said" or "Cofinec said it": a company. Any
    other lone word ("Motorola said", "Organisers say") is left to the rest of the article.
    """
    if len(word) < 3 or lex.common(word) or word.isupper():
        return None
    following = _word_after(text, end + len(verb) + 1) if verb else ""
    if word.endswith(tuple(lex.vocab.surname_endings)) or following in ("he", "she"):
        return "person"
    if following in ("it", "its") or any(c.isupper() for c in word[1:]):
        return "organisation"
    return None


def _title_and_preposition_before(text: str, start: int, lex: Lexicon) -> bool:
    """Whether "<title> to" or "<title> in" precedes: "Ambassador to", "envoy in"."""
    preposition = _word_before(text, start)
    if preposition not in ("to", "in"):
        return False
    title = _word_before(text, start - len(preposition) - 1)
    return title in lex.vocab.titles or title in lex.vocab.roles


def _known_name(text: str, part: list[tuple[str, Token]], lex: Lexicon) -> Candidate | None:
    """The part as one known place or organisation ("Vietnam", "UN", "Moscow City Court"), if it is one."""
    start, end = part[0][1].start, part[-1][1].end
    place = lex.place(text[start:end])
    if place:
        return Candidate(start, end, place, "place", SURE, words=len(part))
    if len(part) == 1:
        known = _single(part[0][1].text, lex)
        if known is not None and known[0] is not None:
            return Candidate(start, end, known[1], known[0], SURE)
    return None


def _title_start(words: list[str], head: int, lex: Lexicon) -> int:
    """Where the title ending at ``head`` starts: back over titles, qualifiers and demonyms
    ("Russian Deputy Foreign Minister"), but not into an organisation ("Security Council Secretary")."""
    v = lex.vocab
    lead = head
    while lead > 0:
        word = words[lead - 1]
        if word in v.org_keywords and lead - 1 > 0 and words[lead - 2] not in v.titles:
            break
        if not (word in v.titles or word in v.title_modifiers or lex.demonym(word)):
            break
        lead -= 1
    return lead


def _title_of_body(text: str, part: list[tuple[str, Token]], head: int, lex: Lexicon) -> list[Candidate] | None:
    """"Head of the Donetsk People's Republic Denis Pushilin": the body a title governs, then its holder.

    The holder starts at a first name, or else after the body's last keyword ("Duma",
    "Republic"); None when neither shows where the body ends.
    """
    v = lex.vocab
    words = [t.text for _, t in part]
    n = len(words)

    def holder_ok(k: int) -> bool:
        rest = words[k:]
        keyed = any(w in v.org_keywords or w in v.place_keywords for w in rest)
        return 1 <= len(rest) <= 3 and not keyed and not any(lex.stop(w) or lex.demonym(w) for w in rest)

    cut = next((k for k in range(head + 2, n) if lex.first_name(words[k]) and holder_ok(k)), None)
    if cut is None:
        keyed = [i for i in range(head + 1, n - 1) if words[i] in v.org_keywords or words[i] in v.place_keywords]
        cut = keyed[-1] + 1 if keyed and holder_ok(keyed[-1] + 1) else None
    if cut is None:
        return None
    lead = _title_start(words, head, lex)
    body = [("", part[head + 1][1]), *part[head + 2 : cut]]
    t0 = part[cut][1]
    return [
        *(_segment(text, part[:lead], lex) if lead > 0 else []),
        *_segment(text, body, lex),
        Candidate(t0.start, part[-1][1].end, text[t0.start : part[-1][1].end], "person", SURE, words=n - cut),
    ]


def _segment(text: str, part: list[tuple[str, Token]], lex: Lexicon) -> list[Candidate]:
    if not part:
        return []
    v = lex.vocab
    if len(part) == 1:
        tok = part[0][1]
        known = _single(tok.text, lex)
        if known is not None:
            kind, name = known
            return [Candidate(tok.start, tok.end, name, kind, SURE)] if kind else []
    words = [t.text for _, t in part]
    n = len(words)
    start, end = part[0][1].start, part[-1][1].end
    surface = text[start:end]
    # A head title before a name: the name is a person, what precedes the title is read again.
    head = max((i for i, w in enumerate(words) if w in v.titles and i < n - 1), default=None)
    if head is not None:
        tail = head + 1
        while tail < n and (words[tail] in v.title_modifiers or part[tail][0] in ("of", "of the", "for", "for the")) and tail < n - 1:
            tail += 1
        stop = next((i for i in range(tail + 1, n) if part[i][0]), n)  # "President Tono Eitel of Germany"
        if stop < n:
            return [*_segment(text, part[:stop], lex), *_segment(text, part[stop:], lex)]
        if head + 1 < n and part[head + 1][0].startswith(("of", "for")):
            found = _title_of_body(text, part, head, lex)
            if found is not None:
                return found
        rest = words[tail:]
        if not any(w in v.org_keywords and w not in v.titles for w in rest) and not lex.place(" ".join(rest)):
            if len(rest) <= 4 and not any(lex.stop(w) or lex.demonym(w) for w in rest):
                lead = _title_start(words, head, lex)
                out = _segment(text, part[:lead], lex) if lead > 0 else []
                t0 = part[tail][1]
                out.append(Candidate(t0.start, end, text[t0.start : end], "person", SURE, words=len(rest)))
                return out
    if words[-1] in v.titles and words[-1] not in v.org_keywords:
        # "Foreign Minister", "South Carolina Gov.": a title without its holder; read what precedes it.
        lead = _title_start(words, n - 1, lex)
        return _segment(text, part[:lead], lex) if lead > 0 else []
    place = lex.place(surface)
    if place:
        return [Candidate(start, end, place, "place", SURE, words=n)]
    for k in (2, 1):  # "Ambassador to Vietnam Gennady Bezdetko", "Representative to the UN Vasily Nebenzya"
        if k + 1 < n and lex.first_name(words[k]) and (leading := _known_name(text, part[:k], lex)) is not None:
            return [leading, *_segment(text, part[k:], lex)]
    if n > 1 and _title_and_preposition_before(text, start, lex):
        # "Ambassador to Laos Nguyen Ba Hung": the post's place, then its holder
        for k in range(min(n - 1, 3), 0, -1):
            lead_place = lex.place(text[start : part[k - 1][1].end])
            holder = words[k:]
            if lead_place and len(holder) <= 3 and not any(lex.stop(w) or lex.demonym(w) or w in v.org_keywords for w in holder):
                edge, t0 = part[k - 1][1].end, part[k][1]
                holder_name = Candidate(t0.start, end, text[t0.start : end], "person", CUED, words=n - k)
                return [Candidate(start, edge, lead_place, "place", SURE, words=k), holder_name]
    # An organisation keyword makes the whole run an organisation; alone it names none ("the Bank").
    if n == 1 and words[0] in v.org_names:
        return [Candidate(start, end, surface, "organisation", SURE)]
    if n > 1 and (any(w in v.org_keywords for w in words) or any(c == "&" for c, _ in part)):
        return [Candidate(start, end, surface, "organisation", SURE, words=n)]
    if n == 1 and (words[0] in v.org_keywords or lex.stop(words[0])):
        return []
    if n > 1 and (
        any(w in v.place_keywords for w in words[1:])
        or (words[0] in v.place_keywords and part[1][0].startswith("of"))
        or (words[0] in v.place_prefixes and words[0] not in v.titles)
    ):
        return [Candidate(start, end, surface, "place", SURE, words=n)]
    if all(lex.demonym(w) or w in v.titles or w in v.title_modifiers for w in words):
        return []
    first = words[0]
    if 1 < n <= 4 and not lex.place(first) and (lex.first_name(first) or _INITIALS_RE.fullmatch(first)):
        if not any(lex.stop(w) or lex.demonym(w) for w in words[1:]):
            return [Candidate(start, end, surface, "person", SURE, words=n)]
    if lex.demonym(first) and n > 1:
        return _segment(text, part[1:], lex)
    if n == 3 and lex.place(first) and not any(lex.common(w) or lex.stop(w) or w.isupper() for w in words[1:]):
        t1 = part[1][1]  # "counterpart from Laos Saleumxay Kommasith"
        there = Candidate(start, part[0][1].end, lex.place(first) or first, "place", SURE)
        return [there, Candidate(t1.start, end, text[t1.start : end], "person", GUESSED, words=2)]
    if n > 1 and (lex.place(first) and not lex.first_name(words[1]) or first in v.org_names):
        return [Candidate(start, end, surface, "organisation", CUED, words=n)]  # "Gazprom Neft"
    if n == 1 and first.isupper() and len(first) > 1:
        if first in v.org_acronyms or (_ACRONYM_RE.fullmatch(first) and first not in v.not_org_acronyms and not lex.common(first)):
            return [Candidate(start, end, surface, "organisation", SURE)]
        return []  # a shouted word, not an acronym
    if n == 1 and any(first.endswith(x) and len(first) > len(x) + 2 for x in v.org_suffixes) and not lex.common(first):
        return [Candidate(start, end, surface, "organisation", CUED)]  # "Gazprombank", "Transneft"
    before = _word_before(text, start)
    after = _word_after(text, end)
    possessive = part[-1][1].possessive
    if n <= 4 and before in v.roles:
        return [_person(text, part, lex, CUED)]
    if n == 1 and before in v.place_cues and lex.geo.weak.get(surface.casefold()):
        return [Candidate(start, end, lex.geo.weak[surface.casefold()], "place", SURE)]
    named = n <= 3 and not possessive and len(surface) > 1 and not _adjectival(words[-1], lex)
    if named and (after in v.org_nouns or before in v.org_nouns):
        return [Candidate(start, end, surface, "organisation", CUED, words=n)]  # "Postimees newspaper"
    if named and (after in v.place_nouns or (before == "of" and _word_before(text, start - 3) in v.place_nouns)):
        return [Candidate(start, end, surface, "place", CUED, words=n)]  # "the Sudzha station", "the town of Chatelet"
    # A speaker: "Yury Ushakov said", "..., said Maria Zakharova." See _lone_speaker for one word.
    inverted = before in v.speech_verbs_inverted and text[end : end + 1] in ("", ",", ".", ";")
    spoken = (after in v.speech_verbs and not possessive) or inverted
    if spoken and 1 < n <= 3:
        return [_person(text, part, lex, CUED)]
    if spoken and n == 1 and (kind := _lone_speaker(text, first, end, after if not inverted else "", lex)) is not None:
        return [Candidate(start, end, surface, kind, SURE if kind == "organisation" else CUED)]
    if n == 1 and before in v.place_cues and not lex.common(first):
        return [Candidate(start, end, surface, "place", GUESSED)]
    if n == 2 and not any(lex.common(w) or lex.stop(w) or lex.demonym(w) or w.isupper() for w in words):
        return [Candidate(start, end, surface, "person", GUESSED, words=n)]  # "Laban Rotich": most such pairs are people
    return [Candidate(start, end, surface, None, GUESSED, words=n)]


def find(text: str, lex: Lexicon) -> tuple[list[Token], list[Candidate]]:
    """Tokens and candidate names of one ordinary (not all-capitals, not title-case) paragraph."""
    toks = tokens(text, lex)
    cands: list[Candidate] = []
    dateline, skip = dateline_place(text, toks, lex)
    if dateline is not None:
        cands.append(dateline)
    for run in runs(text, toks[skip:], lex):
        cands.extend(classify(text, run, lex))
    return toks, _lists(text, cands, lex)


_LIST_GAP_RE = re.compile(r" ?, (?:and |or )?| (?:and|or) ")
_VERB_S = frozenset({"is", "was", "has", "says", "does", "plans", "wants"})


def _lists(text: str, cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Unexplained names in a list take the kind all its known members share.

    "Syria, Nagorno-Karabakh and Donbass" names three places; "by Aeroflot and Iraero",
    two companies. Only a list closed by "and" or "or" counts ("In Seattle, Pete Incaviglia"
    is none); a list mixing kinds, a long or sentence-initial or ordinary English word, and
    a last name that qualifies a plural ("Israel and Hizbollah guerrillas") are left alone.
    """
    out = list(cands)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and _LIST_GAP_RE.fullmatch(text, out[j].end, out[j + 1].start):
            j += 1
        members = out[i : j + 1]
        if j > i and _closed_list(text, members):
            kinds = {c.kind for c in members if c.kind is not None and c.strength >= CUED}
            if len(kinds) == 1:
                kind = next(iter(kinds))
                for k, c in enumerate(members, start=i):
                    if (c.kind is None or c.strength < CUED) and _may_take_kind(text, c, lex):
                        out[k] = Candidate(c.start, c.end, c.name, kind, CUED, words=c.words)
        i = j + 1
    return out


def _closed_list(text: str, members: list[Candidate]) -> bool:
    """Whether neighbouring names form a list "A, B and C" whose members are names alike."""
    last = members[-1]
    if not re.search(r"\b(?:and|or)\b", text[members[-2].end : last.start]):
        return False
    if len(members) == 2 and (members[0].words > 1 or last.words > 1):
        return False  # "Test and County Cricket Board": one name, not two
    after = _word_after(text, last.end)
    return not (after.endswith("s") and after not in _VERB_S and after.islower() and len(after) > 3)


def _may_take_kind(text: str, c: Candidate, lex: Lexicon) -> bool:
    """A short name that does not open a sentence and is no ordinary English word."""
    return c.words <= 2 and not c.initial and not is_initial(text, c.start) and not lex.common(c.name)


_DROP_UPPER = dict.fromkeys(map(ord, UPPER))
_DROP_LOWER = dict.fromkeys(c for c in range(0x530) if chr(c).islower())
_CONTENT_WORD_RE = re.compile(r"[^\W\d_][\w'’-]{3,}")
_SHORT_FUNCTION = frozenset("with from into over than that this after upon onto amid once when what will have been were says said".split())


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
