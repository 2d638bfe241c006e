"""One part of a run of capitalised tokens read as names: a chain of rules, strongest first.

Each rule looks at the part and either answers (a list of candidates, perhaps empty)
or passes (None) to the next; a rule that finds two names in the part reads each piece
again from the top. See ``discover`` for what the rules are about.
"""

from __future__ import annotations

import re

from generator.analysis.entities.lexicon import _ACRONYM_RE, _INITIALS_RE, CUED, GUESSED, SURE, Candidate, Kind, Lexicon, Token
from generator.analysis.entities.tokens import word_after, word_before

Part = list[tuple[str, Token]]
_POSSESSED_RE = re.compile(r" ?['’]s ([a-z]+)")
_MC_RE = re.compile(r"(?:Mc|Mac|O['’]|D['’])[A-Z][a-z]")  # "McLenney said": a surname, not a company
_ROLE_COMMA_RE = re.compile(r"(?<![\w-])([a-z][a-z-]+), $")

def _acronym_shaped(word: str, lex: Lexicon) -> bool:
    return bool(_ACRONYM_RE.fullmatch(word)) and word not in lex.vocab.not_org_acronyms and not lex.common(word)


def single(word: str, lex: Lexicon) -> tuple[Kind | None, str] | None:
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
        acronym = word in v.org_acronyms or _acronym_shaped(word, lex)
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
    if lex.first_name(word) and not word.isupper():
        return "person"  # "Melanie said": someone the story calls by her first name
    if len(word) < 3 or lex.common(word) or word.isupper():
        return None
    following = word_after(text, end + len(verb) + 1) if verb else ""
    if word.endswith(tuple(lex.vocab.surname_endings)) or following in ("he", "she") or _MC_RE.match(word):
        return "person"
    if following in ("it", "its") or any(c.isupper() for c in word[1:]):
        return "organisation"
    return None


def _title_and_preposition_before(text: str, start: int, lex: Lexicon) -> bool:
    """Whether "<title> to" or "<title> in" precedes: "Ambassador to", "envoy in"."""
    preposition = word_before(text, start)
    if preposition not in ("to", "in"):
        return False
    title = word_before(text, start - len(preposition) - 1)
    return title in lex.vocab.titles or title in lex.vocab.roles


def _known_name(text: str, part: list[tuple[str, Token]], lex: Lexicon) -> Candidate | None:
    """The part as one known place or organisation ("Vietnam", "UN", "Moscow City Court"), if it is one."""
    start, end = part[0][1].start, part[-1][1].end
    place = lex.place(text[start:end])
    if place:
        return Candidate(start, end, place, "place", SURE, words=len(part))
    if len(part) == 1:
        known = single(part[0][1].text, lex)
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
        *(segment(text, part[:lead], lex) if lead > 0 else []),
        *segment(text, body, lex),
        Candidate(t0.start, part[-1][1].end, text[t0.start : part[-1][1].end], "person", SURE, words=n - cut),
    ]




class _Part:
    """A part with what every rule asks of it: its words, span and surface."""

    __slots__ = ("text", "part", "lex", "words", "n", "start", "end", "surface")

    def __init__(self, text: str, part: Part, lex: Lexicon) -> None:
        self.text, self.part, self.lex = text, part, lex
        self.words = [t.text for _, t in part]
        self.n = len(part)
        self.start, self.end = part[0][1].start, part[-1][1].end
        self.surface = text[self.start : self.end]

    def whole(self, kind: Kind | None, strength: int, name: str | None = None) -> list[Candidate]:
        return [Candidate(self.start, self.end, name or self.surface, kind, strength, words=self.n)]

    def tail(self, k: int, kind: Kind, strength: int) -> Candidate:
        """The part from its k-th token to its end as one candidate."""
        t0 = self.part[k][1]
        return Candidate(t0.start, self.end, self.text[t0.start : self.end], kind, strength, words=self.n - k)





def segment(text: str, part: Part, lex: Lexicon) -> list[Candidate]:
    """Candidates in one part of a run: the first rule that answers decides."""
    if not part:
        return []
    p = _Part(text, part, lex)
    for rule in _RULES if p.n > 1 else _ONE_WORD_RULES:
        found = rule(p)
        if found is not None:
            return found
    return p.whole(None, GUESSED)


def _one_known_word(p: _Part) -> list[Candidate] | None:
    if p.n != 1:
        return None
    known = single(p.words[0], p.lex)
    if known is None:
        return None
    kind, name = known
    return [Candidate(p.start, p.end, name, kind, SURE)] if kind else []


def _head_title(p: _Part) -> list[Candidate] | None:
    """A head title before a name: the name is a person, what precedes the title is read again."""
    v, words, n, part = p.lex.vocab, p.words, p.n, p.part
    if v.titles.isdisjoint(words[:-1]):  # most parts hold no title: one set operation tells
        return None
    head = next(i for i in range(n - 2, -1, -1) if words[i] in v.titles)  # the last title before the last word
    tail = head + 1
    while tail < n - 1 and (words[tail] in v.title_modifiers or part[tail][0] in ("of", "of the", "for", "for the")):
        tail += 1
    # "President Tono Eitel of Germany": a connector ends the holder's name, a name particle does not
    # ("President Ursula von der Leyen")
    stop = next((i for i in range(tail + 1, n) if part[i][0] and not v.particles.issuperset(part[i][0].split())), n)
    if stop < n:
        return [*segment(p.text, part[:stop], p.lex), *segment(p.text, part[stop:], p.lex)]
    if part[head + 1][0].startswith(("of", "for")):
        found = _title_of_body(p.text, part, head, p.lex)
        if found is not None:
            return found
    rest = words[tail:]
    if any(w in v.org_keywords and w not in v.titles for w in rest) or p.lex.place(" ".join(rest)):
        return None
    if len(rest) == 1 and (part[head + 1][0].startswith("of") or _plain_title(words[head], rest[0], p.lex)):
        return None  # "Lord of the Rings" names a domain, no holder; "General Election" no general
    if len(rest) > 4 or any(p.lex.stop(w) or p.lex.demonym(w) for w in rest):
        return None
    lead = _title_start(words, head, p.lex)
    out = segment(p.text, part[:lead], p.lex) if lead > 0 else []
    return [*out, p.tail(tail, "person", SURE)]


def _plain_title(title: str, word: str, lex: Lexicon) -> bool:
    """A title that is also an ordinary word, before one ordinary English word ("General Election")."""
    return title in lex.vocab.plain_titles and lex.common(word) and not lex.first_name(word)


def _title_without_holder(p: _Part) -> list[Candidate] | None:
    """"Foreign Minister", "South Carolina Gov.": a title without its holder; read what precedes it."""
    v = p.lex.vocab
    if p.words[-1] not in v.titles or p.words[-1] in v.org_keywords:
        return None
    lead = _title_start(p.words, p.n - 1, p.lex)
    return segment(p.text, p.part[:lead], p.lex) if lead > 0 else []


def _place_or_post(p: _Part) -> list[Candidate] | None:
    """A known place; or a place, then the holder of a post there ("Ambassador to Vietnam Gennady Bezdetko")."""
    lex, words, n, part = p.lex, p.words, p.n, p.part
    place = lex.place(p.surface)
    if place:
        return p.whole("place", SURE, place)
    for k in (2, 1):  # "Representative to the UN Vasily Nebenzya"
        if k + 1 < n and lex.first_name(words[k]) and (leading := _known_name(p.text, part[:k], lex)) is not None:
            return [leading, *segment(p.text, part[k:], lex)]
    if n < 2 or not _title_and_preposition_before(p.text, p.start, lex):
        return None
    for k in range(min(n - 1, 3), 0, -1):  # "Ambassador to Laos Nguyen Ba Hung"
        lead_place = lex.place(p.text[p.start : part[k - 1][1].end])
        holder = words[k:]
        plain = not any(lex.stop(w) or lex.demonym(w) or w in lex.vocab.org_keywords for w in holder)
        if lead_place and len(holder) <= 3 and plain:
            return [Candidate(p.start, part[k - 1][1].end, lead_place, "place", SURE, words=k), p.tail(k, "person", CUED)]
    return None


def _keywords(p: _Part) -> list[Candidate] | None:
    """An organisation keyword makes the whole run an organisation (alone it names none: "the Bank"); so for places."""
    v, words, n, part = p.lex.vocab, p.words, p.n, p.part
    if n == 1 and words[0] in v.org_names:
        return p.whole("organisation", SURE)
    if n > 1 and (not v.org_keywords.isdisjoint(words) or any(c == "&" for c, _ in part)):
        return p.whole("organisation", SURE)
    if n == 1 and (words[0] in v.org_keywords or p.lex.stop(words[0])):
        return []
    if n > 1 and (
        not v.place_keywords.isdisjoint(words[1:])
        or (words[0] in v.place_keywords and part[1][0].startswith("of"))
        or (words[0] in v.place_prefixes and words[0] not in v.titles)
    ):
        return p.whole("place", SURE)
    if all(p.lex.demonym(w) or w in v.titles or w in v.title_modifiers for w in words):
        return []
    return None


def _shape(p: _Part) -> list[Candidate] | None:
    """What the words themselves say: a first name, a leading demonym or place, an acronym, a company ending."""
    lex, v, words, n = p.lex, p.lex.vocab, p.words, p.n
    first = words[0]
    if 1 < n <= 4 and not lex.place(first) and (lex.first_name(first) or _INITIALS_RE.fullmatch(first)):
        if not any((lex.stop(w) and not (n == 2 and w in v.time_words)) or lex.demonym(w) for w in words[1:]):
            return p.whole("person", SURE)  # "Theresa May": a calendar word is a surname after a first name (discover._split)
    if lex.demonym(first) and n > 1:
        return segment(p.text, p.part[1:], lex)
    if n == 3 and lex.place(first) and not any(lex.common(w) or lex.stop(w) or w.isupper() for w in words[1:]):
        there = Candidate(p.start, p.part[0][1].end, lex.place(first) or first, "place", SURE)
        return [there, p.tail(1, "person", GUESSED)]  # "counterpart from Laos Saleumxay Kommasith"
    if n > 1 and (lex.place(first) and not lex.first_name(words[1]) or first in v.org_names or _place_then_name(words, lex)):
        return p.whole("organisation", CUED)  # "Gazprom Neft", "New York Mets"
    if n == 1 and first.isupper() and len(first) > 1:
        if first in v.org_acronyms or _acronym_shaped(first, lex):
            return p.whole("organisation", SURE)
        return []  # a shouted word, not an acronym
    if n == 1 and first.endswith(_as_tuple(v.org_suffixes)) and _company_ending(first, v.org_suffixes) and not lex.common(first):
        return p.whole("organisation", CUED)  # "Gazprombank", "Transneft"
    return None


def _company_ending(word: str, suffixes: frozenset[str]) -> bool:
    return any(word.endswith(x) and len(word) > len(x) + 2 for x in suffixes)


_TUPLES: dict[int, tuple[frozenset[str], tuple[str, ...]]] = {}


def _as_tuple(words: frozenset[str]) -> tuple[str, ...]:
    """The word list as a tuple, which ``str.endswith`` takes: one C call tells whether any
    suffix ends the word, before the ones that do are asked about its length. Kept by identity."""
    entry = _TUPLES.get(id(words))
    if entry is None or entry[0] is not words:
        entry = _TUPLES[id(words)] = (words, tuple(words))
    return entry[1]


def _place_then_name(words: list[str], lex: Lexicon) -> bool:
    """A place of two or three words, then a word no list explains: "New York Mets", "San Diego Padres"."""
    for k in (3, 2):
        if k < len(words) and lex.place(" ".join(words[:k])):
            rest = words[k:]
            return not any(lex.first_name(w) or lex.stop(w) or lex.demonym(w) or lex.place(w) for w in rest)
    return False


def _context(p: _Part) -> list[Candidate] | None:
    """The words around the part: a role noun, a place cue, "newspaper", "station", a speech verb."""
    lex, v, words, n, text = p.lex, p.lex.vocab, p.words, p.n, p.text
    before, after = word_before(text, p.start), word_after(text, p.end)
    possessive = p.part[-1][1].possessive
    appositive = n <= 3 and not any(w.isupper() for w in words) and _role_and_comma(text, p.start, lex)
    if n <= 4 and (before in v.roles or appositive):
        return [_person(text, p.part, lex, CUED)]  # "lawyer Alexei Tarasov", "the lawyer, Smith"
    if n == 1 and before in v.place_cues and lex.geo.weak.get(p.surface.casefold()):
        return p.whole("place", SURE, lex.geo.weak[p.surface.casefold()])
    owned = _POSSESSED_RE.match(text, p.end)
    if owned and owned.group(1) in v.org_possessions and n <= 3 and not lex.first_name(words[0]) and not lex.common(words[-1]):
        return p.whole("organisation", CUED)  # "Porsche's registrations", "Gencor's shares"
    named = n <= 3 and not possessive and len(p.surface) > 1 and not _adjectival(words[-1], lex)
    if named and (after in v.org_nouns or before in v.org_nouns):
        return p.whole("organisation", CUED)  # "Postimees newspaper"
    if named and (after in v.place_nouns or (before == "of" and word_before(text, p.start - 3) in v.place_nouns)):
        return p.whole("place", CUED)  # "the Sudzha station", "the town of Chatelet"
    return _speaker(p, before, after, possessive)


def _role_and_comma(text: str, start: int, lex: Lexicon) -> bool:
    """An appositive: "the lawyer, Smith", "his wife, Alla" (a role noun, a comma, the name)."""
    if text[start - 2 : start] != ", ":
        return False
    match = _ROLE_COMMA_RE.search(text, max(0, start - 30), start)
    return match is not None and match.group(1) in lex.vocab.roles


def _speaker(p: _Part, before: str, after: str, possessive: bool) -> list[Candidate] | None:
    """A speaker: "Yury Ushakov said", "..., said Maria Zakharova."; else a guess from the shape."""
    lex, v, words, n, text = p.lex, p.lex.vocab, p.words, p.n, p.text
    inverted = before in v.speech_verbs_inverted and text[p.end : p.end + 1] in ("", ",", ".", ";")
    spoken = (after in v.speech_verbs and not possessive) or inverted
    if spoken and 1 < n <= 3:
        return [_person(text, p.part, lex, CUED)]
    if spoken and n == 1 and (kind := _lone_speaker(text, words[0], p.end, after if not inverted else "", lex)) is not None:
        return p.whole(kind, SURE if kind == "organisation" else CUED)
    if n == 1 and before in v.place_cues and not lex.common(words[0]):
        return p.whole("place", GUESSED)
    if n == 2 and not any(lex.common(w) or lex.stop(w) or lex.demonym(w) or w.isupper() for w in words):
        return p.whole("person", GUESSED)  # "Laban Rotich": most such pairs are people
    return None


_RULES = (_one_known_word, _head_title, _title_without_holder, _place_or_post, _keywords, _shape, _context)
# One word: what it is by itself (``single``) already answers for a title, a place, a keyword, a stop
# word, a demonym and a shouted word, which is all the rules between would ask of it; so a word
# ``single`` leaves open goes straight to its shape (a company ending) and its context.
_ONE_WORD_RULES = (_one_known_word, _shape, _context)
