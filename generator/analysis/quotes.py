"""Quote spans and speaker attribution.

Wire copy quotes in every style at once: straight and curly double quotes,
single quotes, partial quotes inside a sentence, quotes over several
sentences, marks that do not pair (‘...," the lawyer said), a quote split
around its cue ("...," he said. "...") and paragraphs that continue a quote
without opening it. ``find_quotes`` finds the spans, drops titles and scare
quotes ("Oreshnik", ‘quiet diplomacy’), and attributes each quote:

1. a cue right after it ("...," the source said / said Natalia Eismont), or a
   trailing attribution later in the sentence (..., Lavrov noted), unless the
   quote closed its sentence and a cue before it introduced it (X said: "...");
2. else the last cue before it in the same sentence (Dolgov said this ruling
   "...", according to him, such formats "...");
3. else, for a quote inside a sentence with no cue ("Pierson praised it as a
   "celebration ..."), the person whose name opens that sentence;
4. else the quote before it in the same paragraph, the one right after it,
   the next paragraph when the quote runs on, or the story's current speaker
   (wire copy paraphrases its main speaker: Russia is in no hurry to use them
   "because they are powerful weapons").

"Weak" cue verbs (claimed, announced, recalled ...) attribute only a quote
next to them and never make anyone the story's speaker ("Bogdanov claimed
the title" is no speech).

A cue's speaker is a person or organisation among the ``mentions`` (only
kinds person and organisation speak), a pronoun (he/she: the person last
named as speaker or subject; it: the last organisation), a role noun ("the
Russian diplomat": the person introduced earlier with that role), or an
unnamed source kept as its label ("source at the Russian Foreign Ministry",
speaker None). A name that is not among the mentions becomes speaker None
with the name as written as label: nothing is invented. A quote nobody can
be found for has speaker None and an empty label.

``Quote.start``/``Quote.end`` cover the quoted words only, without the
marks: ``paragraph[start:end] == quote.text``.

Cue verbs (strong and weak), prepositions, role nouns, unnamed-source heads
and organisation nouns are data: site_config/quotes.yml, parsed by ``load_cues``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from generator.language.lexicon import QuoteCues
from generator.models import Article, EntityRef, Mention, Quote


@dataclass(frozen=True)
class _Patterns:
    """The cue lists compiled once per QuoteCues."""

    cue: re.Pattern[str]
    prepositions: frozenset[str]
    participles: frozenset[str]
    weak: frozenset[str]
    role: re.Pattern[str] | None
    intro: re.Pattern[str] | None
    intros: Mapping[str, frozenset[str]]
    intro_words: frozenset[str]
    intro_starts: frozenset[str]  # first words of intro_words, plural forms included
    unnamed: re.Pattern[str] | None
    organisation: re.Pattern[str] | None


def _alternation(phrases: Iterable[str], plural: bool = False, fold: bool = True) -> re.Pattern[str] | None:
    """One regex for a list of phrases, longest first, on whole words."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    if not ordered:
        return None
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)
    tail = r"(?:s|es)?" if plural else ""
    firsts = "".join(sorted({p[0].lower() for p in ordered} | {p[0].upper() for p in ordered}))
    return re.compile(
        rf"(?<![\w’'\-])(?=[{re.escape(firsts)}])(?:{body}){tail}(?![\w’'\-])", re.IGNORECASE if fold else 0
    )


@lru_cache(maxsize=8)
def _patterns(cues: QuoteCues) -> _Patterns:
    # Verbs as written in running text ("The United States" is no cue); prepositions
    # may open a sentence ("According to ...").
    verbs = cues.verbs + cues.weak_verbs + cues.prepositions + tuple(p[:1].upper() + p[1:] for p in cues.prepositions)
    intro_words = {w for _, words in cues.role_intros for w in words}
    return _Patterns(
        cue=_alternation(verbs, fold=False) or re.compile(r"(?!)"),
        prepositions=frozenset(cues.prepositions),
        participles=frozenset(v for v in cues.verbs + cues.weak_verbs if v.split()[0].endswith("ing")),
        weak=frozenset(cues.weak_verbs),
        role=_alternation(cues.roles, plural=True),
        intro=_alternation(intro_words, plural=True),
        intros={role: frozenset(words) for role, words in cues.role_intros},
        intro_words=frozenset(intro_words),
        intro_starts=frozenset(
            form for w in intro_words for first in [w.split()[0]] for form in (first, first + "s", first + "es")
        ),
        unnamed=_alternation(cues.unnamed),
        organisation=_alternation(cues.organisations),
    )


# -------------------------------------------------------------------- quote spans

_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"
_OPEN_SINGLE = "‘‚‹"
_CLOSE_SINGLE = "’›'"
_MARKS = frozenset(_OPEN_DOUBLE + _CLOSE_DOUBLE + _OPEN_SINGLE + _CLOSE_SINGLE + '"')
_MARK_RE = re.compile("[" + re.escape("".join(sorted(_MARKS))) + "]")
_END_PUNCT = ",.!?…;:"
_BEFORE_OPEN = "([{/—–-:;"
MASK = "\x00"  # stands in for quoted text while looking for cues around it


@dataclass(frozen=True)
class _Span:
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


def find_spans(text: str) -> list[_Span]:
    """Every quoted stretch of one paragraph, statements or not."""
    marks = [(m.start(), kind) for m in _MARK_RE.finditer(text) for kind in [_mark(text, m.start())] if kind]
    spans: list[_Span] = []
    opened: tuple[int, str] | None = None
    for n, (i, kind) in enumerate(marks):
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
    return [s for s in spans if s.end > s.start]


def _closes_single(text: str, i: int, later: Sequence[tuple[int, str]]) -> bool:
    """A ’ ends a single-quoted quote unless it is a plural possessive (citizens’ rights)
    with a surer closing mark still to come."""
    if text[i - 1] in _END_PUNCT:
        return True
    if text[i - 1] in "sS" and any(k == "close1" and text[j - 1] in _END_PUNCT for j, k in later):
        return False
    return True


def _make_span(text: str, left: int, right: int, start: int, end: int, closed: bool = True) -> _Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _Span(left, right, start, end, closed)


# ------------------------------------------------------------- statement filter

_WORD = re.compile(r"[^\W_][\w’'\-]*")
_VERBISH = frozenset(
    "is are was were be been being am will would can could should must may might shall have has had "
    "do does did not no never we i you they he she it our us my me your their this that there "
    "'s ’s 're ’re n't n’t".split()
)


def _is_statement(text: str, cue_next_to_it: bool) -> bool:
    """Titles, names and scare quotes are not speech: too short, or a Title Case phrase."""
    words = _WORD.findall(text)
    punctuated = text.rstrip()[-1:] in ".!?,…:;"
    long_words = [w for w in words if len(w) > 3]
    if long_words and all(w[0].isupper() for w in long_words) and not punctuated:
        return False  # "Russia's Shadow Fleet", a book or film title
    if len(words) <= 3:
        return punctuated and cue_next_to_it and len(words) >= 2
    if len(words) <= 5:
        return punctuated or cue_next_to_it or any(w.lower() in _VERBISH for w in words)
    return True


# ---------------------------------------------------------------- sentences

_BOUNDARY = re.compile(r"[.!?…]+[\"”’)\]]*\s+(?=[\"“‘(\[" + MASK + r"]|[A-Z])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt st jr sr inc ltd co corp no vs approx rev "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def _boundaries(text: str) -> list[int]:
    """Offsets where a sentence starts (0 included); "U.S." and "Mr." end nothing."""
    starts = [0]
    for match in _BOUNDARY.finditer(text):
        token = _token_before(text, match.start())
        if match.group().startswith(".") and (
            token in _ABBREVIATIONS or "." in token or (len(token) == 1 and token.isalpha())
        ):
            continue
        starts.append(match.end())
    return starts


def _token_before(text: str, i: int) -> str:
    """The letters and dots just before ``i``, lower-cased ("u.s" of "U.S.")."""
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    return text[j:i].lower()


def _sentence_start(starts: Sequence[int], pos: int) -> int:
    return max((s for s in starts if s <= pos), default=0)


def _sentence_end(starts: Sequence[int], pos: int, length: int) -> int:
    return min((s for s in starts if s > pos), default=length)


# ----------------------------------------------------------------- speakers


@dataclass(frozen=True)
class _Who:
    """A speaker as resolved: an entity, or a label with no entity."""

    entity: str | None
    label: str
    kind: str  # "person" | "organisation" | "unnamed" | "document"

    @property
    def key(self) -> str:
        return self.entity or f"~{self.label.lower()}"

    @property
    def person_like(self) -> bool:
        return self.kind in ("person", "unnamed")


@dataclass
class _State:
    """What the story has established so far, in reading order."""

    last_person: _Who | None = None
    last_org: _Who | None = None
    last_speaker: _Who | None = None
    by_head: dict[str, _Who] = field(default_factory=dict)  # "source" -> the unnamed source
    roles: dict[str, set[str]] = field(default_factory=dict)  # person key -> introducing words
    people: dict[str, _Who] = field(default_factory=dict)
    seen_at: dict[str, tuple[int, int]] = field(default_factory=dict)  # person key -> last position

    def spoke(self, who: _Who) -> None:
        self.last_speaker = who
        if who.person_like:
            self.last_person = who
        elif who.kind in ("organisation", "document"):
            self.last_org = who

    def meet(self, who: _Who, roles: set[str], pos: tuple[int, int]) -> None:
        self.people[who.key] = who
        self.roles.setdefault(who.key, set()).update(roles)
        self.seen_at[who.key] = pos


@dataclass(frozen=True)
class _Cue:
    """A cue word found outside quotes, with the speaker it names (if any)."""

    verb_start: int
    verb_end: int
    np_start: int  # where the speaker's words begin (for "right after the quote" tests)
    who: _Who | None
    trailing: bool  # ", Lavrov noted": the attribution closes its sentence
    weak: bool = False  # "claimed", "announced": speech only next to a quote


@dataclass(frozen=True)
class _Block:
    index: int
    text: str
    masked: str
    spans: tuple[_Span, ...]
    starts: tuple[int, ...]
    mentions: tuple[Mention, ...]


# After these the next words are the listener, not the speaker ("told The Guardian").
_TAKES_LISTENER = frozenset({"told", "tells", "asked", "urged", "warned", "assured", "reminded", "answered"})
# Nouns that may stand for whichever organisation spoke last ("the agency added").
_GENERIC_ORG_NOUNS = frozenset(
    {
        "statement", "joint statement", "report", "communique", "document", "resolution", "declaration",
        "letter", "agency", "organisation", "organization", "office", "service", "press service", "department",
    }
)
_CLAUSE_JOINS = frozenset("and but then who which that while as because if when after before".split())
_PREPOSITIONS = frozenset("in on at to of for from with by during after before last this on about".split())
_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
_PRONOUNS_ORG = frozenset({"it"})
_INDEFINITE = frozenset(
    {"a", "an", "one", "another", "two", "three", "several", "some", "many", "other", "unnamed", "anonymous"}
)
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_AUX = frozenset(
    "was were is are has have had been also then later further reportedly again earlier previously "
    "recently repeatedly once will would has also not only".split()
)
_CONNECTORS = frozenset("and but however meanwhile also moreover later then yet so".split())
_ORG_WORDS = re.compile(
    r"\b(?:Ministry|Kremlin|Government|Office|Agency|Committee|Commission|Council|Court|Department|"
    r"Embassy|Service|Company|Bank|Party|Union|Alliance|Organi[sz]ation|Parliament|Duma|Assembly|"
    r"Army|Navy|Forces|Police|Corporation|Group|Fund|Institute|University|Administration|House|TASS|Xinhua|Reuters)\b"
)
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ean|ese|ish|ch|ic|i|can|ern|an)$")
_NAME_RUN = re.compile(r"[A-Z][\w’'\-.]*(?:\s+(?:(?:de|da|van|von|der|al|bin|ibn|di|du|le|la)\s+)?[A-Z][\w’'\-]*)*")
_NOT_NAMES = frozenset(
    "The A An He She It They We I This That These Those Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday January February March April May June July August September October November "
    "December According In On At By For From With Of And But However Meanwhile".split()
)


def find_quotes(
    article: Article,
    mentions: tuple[Mention, ...],
    entities: Mapping[str, EntityRef],
    cues: QuoteCues,
) -> tuple[Quote, ...]:
    """Every quote in the article with its speaker (an entity id, or None with a label)."""
    patterns = _patterns(cues)
    texts = article.text_blocks()
    quoted = [n for n, (_, text) in enumerate(texts) if _MARK_RE.search(text)]
    if not quoted:
        return ()
    blocks = [_block(index, text, mentions) for index, text in texts[: quoted[-1] + 1]]
    state = _State()
    resolver = _Resolver(patterns, entities, state)
    found: list[tuple[_Block, _Span, _Who | None, bool]] = []
    for order, block in enumerate(blocks):
        block_cues = resolver.read_block(order, block)
        found.extend((block, span, who, settled) for span, who, settled in _attribute(block, block_cues, resolver.subject))
    found = _carry_over(found)
    # Still nobody: the speaker the story had reached (a quote paragraph with no cue).
    found = [
        (b, span, who if settled else who or resolver.quote_context.get((b.index, span.left)), settled)
        for b, span, who, settled in found
    ]
    return tuple(
        Quote(
            text=block.text[span.start : span.end],
            paragraph=block.index,
            start=span.start,
            end=span.end,
            speaker=who.entity if who else None,
            speaker_label=who.label if who else "",
        )
        for block, span, who, _ in found
    )


def _block(index: int, text: str, mentions: Iterable[Mention]) -> _Block:
    spans = tuple(find_spans(text))
    masked = text
    for span in spans:
        masked = masked[: span.left] + MASK * (span.right - span.left) + masked[span.right :]
    own = tuple(
        sorted(
            (m for m in mentions if m.paragraph == index and not any(s.left <= m.start < s.right for s in spans)),
            key=lambda m: m.start,
        )
    )
    return _Block(index, text, masked, spans, tuple(_boundaries(masked)), own)


class _Resolver:
    """Reads a story block by block, resolving each cue's speaker in reading order."""

    def __init__(self, patterns: _Patterns, entities: Mapping[str, EntityRef], state: _State) -> None:
        self.p = patterns
        self.entities = entities
        self.state = state
        self.quote_context: dict[tuple[int, int], _Who | None] = {}  # (paragraph, quote) -> last speaker

    # ---- reading

    def read_block(self, order: int, block: _Block) -> list[_Cue]:
        """Cues of one block, resolved, with the state advanced past each."""
        events: list[tuple[int, str, object]] = [(m.start, "mention", m) for m in block.mentions]
        events += [(match.start(), "cue", match) for match in self.p.cue.finditer(block.masked)]
        events += [(span.left, "quote", span) for span in block.spans]
        if not block.mentions:  # no recogniser output: titled names introduce people themselves
            events += [(run.start(), "titled", run) for run in _NAME_RUN.finditer(block.masked)]
        events.sort(key=lambda e: (e[0], e[1] != "mention"))
        cues: list[_Cue] = []
        for pos, what, item in events:
            if what == "mention":
                self._meet(order, block, item)  # type: ignore[arg-type]
            elif what == "titled":
                run: re.Match[str] = item  # type: ignore[assignment]
                if len(run.group().split()) >= 3 and self._roles_in(run.group()):
                    self._label_who(order, block, run.group(), run.start())
            elif what == "quote":
                self.quote_context[(block.index, item.left)] = self.state.last_speaker  # type: ignore[attr-defined]
            else:
                cue = self._cue(order, block, item, cues)  # type: ignore[arg-type]
                if cue is not None:
                    cues.append(cue)
                    if cue.who is not None and (not cue.weak or self._next_to_quote(block, cue)):
                        self.state.spoke(cue.who)
        return cues

    def subject(self, block: _Block, pos: int) -> _Who | None:
        """The person whose name opens the sentence around ``pos``, if a mention says so."""
        start = _sentence_start(block.starts, pos)
        for mention in block.mentions:
            if start <= mention.start < pos and self._is_person(mention) and self._is_subject(block, mention.start):
                return self._entity_who(mention)
        return None

    def _meet(self, order: int, block: _Block, mention: Mention) -> None:
        who = self._entity_who(mention)
        if who is None or who.kind != "person":
            return
        roles = self._intro_roles(block, mention.start, mention.end)
        self.state.meet(who, roles, (order, mention.start))
        if self._is_subject(block, mention.start):
            self.state.last_person = who

    def _intro_roles(self, block: _Block, start: int, end: int) -> set[str]:
        """Role words written with a name: "Russian Ambassador to Vietnam Gennady Bezdetko",
        "Konstantin Dolgov, the Russian foreign ministry’s envoy ..."."""
        if self.p.intro is None:
            return set()
        masked = block.masked
        sentence = _sentence_start(block.starts, start)
        previous = max((m.end for m in block.mentions if m.end <= start and self._is_person(m)), default=0)
        before = masked[max(sentence, previous) : start]
        before = " ".join(before.split()[-12:])
        after = ""
        if masked[end : end + 2].startswith(","):
            stop = min((i for i in (masked.find(",", end + 1), masked.find(".", end + 1)) if i != -1), default=len(masked))
            after = " ".join(masked[end + 1 : stop].split()[:12])
        return self._roles_in(f"{before} | {after}")

    def _roles_in(self, text: str) -> set[str]:
        """Role words in a stretch of text, plurals made singular ("Presidents")."""
        words = [w.lower() for w in _WORD.findall(text)]
        found = set()
        for n, word in enumerate(words):
            if word not in self.p.intro_starts:
                continue
            for size in (3, 2, 1):
                gram = words[n : n + size]
                if len(gram) < size:
                    continue
                last = gram[-1]
                for form in (last, last[:-1], last[:-2]):
                    phrase = " ".join((*gram[:-1], form))
                    if phrase in self.p.intro_words:
                        found.add(phrase)
                        break
        return found

    def _is_subject(self, block: _Block, start: int) -> bool:
        """A name that opens its sentence ("Viktor Bout, a former officer ..., has been")."""
        head = block.masked[_sentence_start(block.starts, start) : start]
        words = _WORD.findall(head)
        return all(w[0].isupper() or w.lower() in _CONNECTORS for w in words) and MASK not in head

    # ---- cues

    def _cue(self, order: int, block: _Block, match: re.Match[str], earlier: Sequence[_Cue]) -> _Cue | None:
        masked = block.masked
        verb = " ".join(match.group().lower().split())
        sentence = _sentence_start(block.starts, match.start())
        if verb in self.p.prepositions:
            np_start, np_end = _np_after(masked, match.end(), block.starts)
            who = self._resolve(order, block, np_start, np_end)
            return _Cue(match.start(), match.end(), match.start(), who, trailing=False)
        if verb in self.p.participles:
            same = [c for c in earlier if c.verb_start >= sentence and c.who is not None]
            who = same[-1].who if same else None
            return _Cue(match.start(), match.end(), match.start(), who, trailing=False)
        np_start, np_end = _np_before(masked, match.start(), sentence)
        who = self._resolve(order, block, np_start, np_end) if np_end > np_start else None
        if who is None and np_end <= np_start:
            who = self._appositive(order, block, match.start(), sentence)
        inverted = False
        if who is None and np_end <= np_start and verb not in _TAKES_LISTENER and _opens_clause(masked, np_start, sentence):
            a, b = _np_after(masked, match.end(), block.starts)
            first = masked[a:b].split()[:1]
            if first and first[0].lower() not in _PREPOSITIONS:  # "said in a statement" names nobody
                who = self._resolve(order, block, a, b)
                inverted = who is not None
        lead = masked[sentence:np_start]
        trailing = not inverted and bool(lead.strip()) and lead.rstrip().endswith(",") and _ends_sentence(
            masked, match.end(), block.starts
        )
        return _Cue(match.start(), match.end(), np_start, who, trailing, weak=verb in self.p.weak)

    def _next_to_quote(self, block: _Block, cue: _Cue) -> bool:
        """A quote ends right before the cue's speaker or opens its sentence after the verb."""
        before = block.masked[: cue.np_start].rstrip(" ,")
        after = block.masked[cue.verb_end : _sentence_end(block.starts, cue.verb_end, len(block.masked))]
        return before.endswith(MASK) or MASK in after

    def _appositive(self, order: int, block: _Block, verb: int, sentence: int) -> _Who | None:
        """"Konstantin Dolgov, the ministry's envoy for ..., law, said": walk back over commas."""
        masked = block.masked
        if not masked[sentence:verb].rstrip().endswith(","):
            return None
        commas = [i for i in range(sentence, verb) if masked[i] == ","][::-1][:5]
        for comma in commas:
            chunk = masked[comma + 1 : verb].split()
            if not chunk or not (chunk[0].islower() or chunk[0] in ("The", "A", "An")):
                continue  # the name stands before the appositive, not inside it
            for m in block.mentions:
                if m.end == comma and self._is_person(m):
                    return self._entity_who(m)
            if not block.mentions:
                run = re.search(r"((?:[A-Z][\w’'\-]*\s+)+[A-Z][\w’'\-]*)(?:\s*\([^)]*\))?$", masked[sentence:comma])
                if run and run.group(1).split()[0] not in _NOT_NAMES:
                    return self._label_who(order, block, run.group(1), sentence + run.start(1))
        return None

    # ---- noun phrases

    def _resolve(self, order: int, block: _Block, start: int, end: int) -> _Who | None:
        """The speaker a noun phrase names, or None."""
        phrase = block.masked[start:end]
        words = [w.lower() for w in _WORD.findall(phrase)]
        if not words or MASK in phrase:
            return None
        if len(words) == 1 and words[0] in _PRONOUNS_PERSON:
            return self.state.last_person
        if len(words) == 1 and words[0] in _PRONOUNS_ORG:
            return self.state.last_org
        if self._indefinite(phrase, words):
            unnamed = self._unnamed(phrase)
            if unnamed:
                return unnamed
        inside = [m for m in block.mentions if start <= m.start and m.end <= end]
        role_of = self.p.role.search(phrase) if self.p.role is not None else None
        if role_of and words[0] in _DEFINITE and re.match(r"\s+(?:of|at|for|in|with)\b", phrase[role_of.end() :]):
            # "the chairman of the British Phonographic Industry", "the lawyer of Viktor Bout":
            # a role, not the organisation or person it belongs to
            before = phrase[: role_of.start()]
            if not self._names_left(before, start, inside) and not any(m.start < start + len(before) for m in inside):
                return self._role(phrase[: role_of.end()], (order, start)) or _Who(None, _without_article(phrase), "person")
        # "Putin's spokesman said": the possessor is not the speaker
        people = [m for m in inside if self._is_person(m) and not block.masked.startswith(("’s", "'s"), m.end)]
        if people:
            return self._entity_who(people[-1])
        orgs = [m for m in inside if self._kind(m) == "organisation"]
        if orgs:
            return self._registered(self._entity_who(orgs[-1]))
        if any(self._is_person(m) for m in inside):
            return _Who(None, _without_article(phrase), "unnamed")  # "Putin's spokesman"
        if self._names_left(phrase, start, inside):
            return self._name_label(order, block, start, end, inside)
        if self.p.role is not None and self.p.role.search(phrase):
            return self._role(phrase, (order, start)) or _Who(None, _without_article(phrase), "person")
        noun = self._head_noun(phrase, self.p.organisation)
        if noun:
            return self._refer_back(noun, phrase, "organisation")
        noun = self._head_noun(phrase, self.p.unnamed)
        if noun and words[0] in _DEFINITE:
            return self._refer_back(noun, phrase, "unnamed")
        return None

    def _names_left(self, phrase: str, offset: int, inside: Sequence[Mention]) -> bool:
        """Does the phrase name someone, beyond articles, possessors, role words and
        demonyms ("the Russian diplomat", "Russia’s top diplomat": no)? Words of a
        mention (a place, say) do not count: those were settled by the recogniser."""
        tokens = list(_WORD.finditer(phrase))
        for n, match in enumerate(tokens):
            word = match.group()
            if any(m.start <= offset + match.start() < m.end for m in inside):
                continue
            if not word[0].isupper() or word in _NOT_NAMES or word.endswith(("’s", "'s")):
                continue
            if word.lower() in self.p.intro_words or self.p.organisation and self.p.organisation.fullmatch(word):
                continue
            following = tokens[n + 1].group() if n + 1 < len(tokens) else ""
            if _DEMONYM.match(word) and following and (following[0].islower() or following.lower() in self.p.intro_words):
                continue  # "Russian diplomat", "Russian President"
            return True
        return False

    def _registered(self, who: _Who | None) -> _Who | None:
        """Remember an organisation under its nouns, for "the ministry said" later."""
        if who is not None and who.kind == "organisation" and self.p.organisation is not None:
            for match in self.p.organisation.finditer(who.label):
                self.state.by_head[" ".join(match.group().lower().split())] = who
        return who

    def _indefinite(self, phrase: str, words: Sequence[str]) -> bool:
        """"a source at ...", "sources close to ...", "informed sources": not anyone named.
        "analyst Alex Potter" is a title before a name, "Russia’s top diplomat" is definite."""
        if words[0] in _INDEFINITE:
            return True
        if words[0] in _DEFINITE or "’s" in phrase or "'s" in phrase or self.p.unnamed is None:
            return False
        match = self.p.unnamed.search(phrase)
        if match is None:
            return False
        following = phrase[match.end() :].split()[:1]
        if following and following[0][:1].isupper():
            return False
        return not _WORD.search(phrase[: match.start()]) or match.group().lower().endswith("s")

    def _unnamed(self, phrase: str) -> _Who | None:
        head = self._head_noun(phrase, self.p.unnamed) or self._head_noun(phrase, self.p.organisation)
        if head is None:
            return None
        words = phrase.split()
        while words and words[0].lower() in _INDEFINITE:
            words = words[1:]
        label = " ".join(words).strip(" ,")
        kind = "unnamed" if self._head_noun(phrase, self.p.unnamed) else "document"
        who = _Who(None, label, kind)
        self.state.by_head[head] = who
        return who

    def _head_noun(self, phrase: str, pattern: re.Pattern[str] | None) -> str | None:
        if pattern is None:
            return None
        match = pattern.search(phrase)
        return " ".join(match.group().lower().split()) if match else None

    def _refer_back(self, noun: str, phrase: str, kind: str) -> _Who:
        """"the source", "the ministry", "the statement": whoever was introduced so, else
        (organisations) the organisation last speaking, else the phrase as written."""
        for key, who in reversed(list(self.state.by_head.items())):
            if key == noun or key.endswith(" " + noun) or noun.endswith(" " + key):
                return who
        last = self.state.last_org
        if kind == "organisation" and last is not None and (noun in _GENERIC_ORG_NOUNS or noun in last.label.lower()):
            return last  # "the statement said" after "the ministry said in a statement"
        who = _Who(None, _without_article(phrase), kind)
        self.state.by_head[noun] = who
        return who

    def _role(self, phrase: str, pos: tuple[int, int]) -> _Who | None:
        """"the Russian diplomat": the latest person introduced with a matching role."""
        if self.p.role is None:
            return None
        matches = list(self.p.role.finditer(phrase))
        if not matches:
            return None
        role = " ".join(matches[-1].group().lower().split())
        intros = self.p.intros.get(role) or self.p.intros.get(role.rstrip("s")) or frozenset({role})
        candidates = [
            key
            for key, roles in self.state.roles.items()
            if _fits(roles, intros) and self.state.seen_at.get(key, (0, 0)) <= pos
        ]
        if not candidates:
            return None
        last = self.state.last_person
        if last and last.key in candidates:
            return last
        best = max(candidates, key=lambda k: self.state.seen_at[k])
        return self.state.people[best]

    def _name_label(
        self, order: int, block: _Block, start: int, end: int, inside: Sequence[Mention] = ()
    ) -> _Who | None:
        """A capitalised name with no mention: the name as written, never an entity."""
        phrase = block.masked[start:end]
        runs = [m for m in _NAME_RUN.finditer(phrase) if m.group().split()[0] not in _NOT_NAMES or len(m.group().split()) > 1]
        runs = [m for m in runs if not any(x.start < start + m.end() and start + m.start() < x.end for x in inside)]
        runs = [m for m in runs if not all(w in _NOT_NAMES for w in m.group().split())]
        if not runs:
            return None
        for run in reversed(runs):
            name = run.group()
            preceding = [w for w in phrase[: run.start()].split() if w.lower() not in _DEFINITE]
            if preceding and preceding[-1] == "to" and len(name.split()) >= 3:
                name = name.split(None, 1)[1]  # "Ambassador to Vietnam Gennady Bezdetko"
            elif preceding and preceding[-1] in _PREPOSITIONS and run is not runs[0]:
                continue  # "Dr Jeremy Philpott of the UK Patent Office": the complement
            if name.endswith(("’s", "'s")) and phrase[run.end() :].strip():
                return _Who(None, _without_article(phrase), "unnamed")  # "Mr Jackson's lawyers"
            return self._label_who(order, block, name, start + run.end() - len(name))
        return None

    def _label_who(self, order: int, block: _Block, name: str, at: int) -> _Who:
        """A name with no mention, as written; roles before it ("Russian Ambassador to
        Vietnam Gennady Bezdetko") are remembered and dropped from the label."""
        name = " ".join(name.split()).strip(" ,.")
        roles = self._roles_in(name)
        words = name.split()
        last_role = max((m.end() for m in self.p.intro.finditer(name)), default=0) if self.p.intro else 0
        if last_role:
            words = name[last_role:].split()
            while words and (words[0].islower() or words[0] in _NOT_NAMES):
                words = words[2:] if words[0] in ("to", "of", "in", "for") else words[1:]
        words = [w for w in words if w not in _NOT_NAMES][-3:] or name.split()[-1:]
        label = " ".join(words)
        if _ORG_WORDS.search(label):
            return self._registered(_Who(None, _without_article(name), "organisation"))  # type: ignore[return-value]
        for known in self.state.people.values():  # "Lavrov" after "Sergey Lavrov"
            if known.entity is None and known.label.endswith(" " + label):
                label = known.label
                break
        who = _Who(None, label, "person")
        self.state.meet(who, roles | self._intro_roles(block, at, at + len(name)), (order, at))
        return who

    # ---- entities

    def _kind(self, mention: Mention) -> str | None:
        entity = self.entities.get(mention.entity)
        return entity.kind if entity else None

    def _is_person(self, mention: Mention) -> bool:
        return self._kind(mention) == "person"

    def _entity_who(self, mention: Mention) -> _Who | None:
        entity = self.entities.get(mention.entity)
        if entity is None:
            return _Who(None, mention.surface, "person")
        if entity.kind == "place":
            return None
        return _Who(entity.id, entity.name, entity.kind)


def _fits(roles: Iterable[str], intros: frozenset[str]) -> bool:
    """A person introduced as "foreign minister" fits "minister"; "envoy" fits "diplomat"."""
    return any(r == w or r.endswith(" " + w) for r in roles for w in intros)


def _without_article(phrase: str) -> str:
    words = phrase.split()
    while words and words[0].lower() in _DEFINITE | _INDEFINITE:
        words = words[1:]
    return " ".join(words).strip(" ,.")


def _np_before(masked: str, verb: int, sentence: int) -> tuple[int, int]:
    """The words before a cue verb back to the clause start, auxiliaries dropped:
    "He was also | quoted as saying" -> "He"."""
    start = sentence
    for i in range(verb - 1, sentence - 1, -1):
        if masked[i] in ",;:(—–" + MASK:
            start = i + 1
            break
    end = verb
    words = list(re.finditer(r"\S+", masked[start:end]))
    joins = [n for n, w in enumerate(words) if w.group().lower() in _CLAUSE_JOINS]
    if joins:  # "Bogdanov won at the Madrid venue and then | claimed": only the last clause
        words = words[joins[-1] + 1 :]
    while words and words[-1].group().lower() in _AUX:
        words.pop()
    if not words:
        return start, start
    if len(words) > 14:
        return end, end
    return start + words[0].start(), start + words[-1].end()


def _np_after(masked: str, verb_end: int, starts: Sequence[int]) -> tuple[int, int]:
    """The words after a cue (inverted "said Natalia Eismont", "according to Dolgov")."""
    stop = _sentence_end(starts, verb_end, len(masked))
    for i in range(verb_end, stop):
        if masked[i] in ",;:.(—–" + MASK and not _inside_abbreviation(masked, i):
            stop = i
            break
    words = list(re.finditer(r"\S+", masked[verb_end:stop]))
    if not words or len(words) > 14:
        return verb_end, verb_end
    return verb_end + words[0].start(), verb_end + words[-1].end()


def _inside_abbreviation(text: str, i: int) -> bool:
    """The dot of "U.S." or "Mr." is no clause end."""
    if text[i] != ".":
        return False
    token = _token_before(text, i)
    after = text[i + 1 : i + 2]
    return "." in token or len(token) == 1 or token in _ABBREVIATIONS or after.isalpha()


def _opens_clause(masked: str, np_start: int, sentence: int) -> bool:
    """Nothing but punctuation or a quote between the clause start and the verb."""
    before = masked[sentence:np_start].rstrip()
    return not before or before[-1] in "," + MASK


def _ends_sentence(masked: str, pos: int, starts: Sequence[int]) -> bool:
    """Only a short tail (time, place, medium) between the verb and the sentence end."""
    stop = _sentence_end(starts, pos, len(masked))
    return MASK not in masked[pos:stop] and len(_WORD.findall(masked[pos:stop])) <= 12


# --------------------------------------------------------------- attribution


def _attribute(
    block: _Block, cues: Sequence[_Cue], subject: Callable[[_Block, int], _Who | None]
) -> list[tuple[_Span, _Who | None, bool]]:
    """The statements of one block, their speakers, and whether that is settled: a quote
    with a cue, a neighbour, or a partial quote inside someone's sentence is; a bare
    quote paragraph is not (the story's current speaker may still be given it)."""
    out: list[tuple[_Span, _Who | None, bool]] = []
    spans = list(block.spans)
    for n, span in enumerate(spans):
        nxt = spans[n + 1].left if n + 1 < len(spans) else len(block.masked)
        prev_end = spans[n - 1].right if n > 0 else 0
        after = _cue_after(block, span, nxt, cues)
        before = _cue_before(block, span, prev_end, cues)
        if after and before and _ends_statement(block, span):
            after = None  # 'X said: "...." A spokesman said: "..."': the next sentence is not ours
        if not _is_statement(block.text[span.start : span.end], after is not None or before is not None):
            continue
        who = after.who if after else before.who if before else None
        out.append((span, who, after is not None or before is not None))
    settled: list[tuple[_Span, _Who | None, bool]] = []
    for n, (span, who, cued) in enumerate(out):
        partial = _is_partial(block, span, out[n - 1][0].right if n else 0)
        if not cued and not partial:
            who = _neighbour(block, out, n)
        if who is None and partial:
            who = subject(block, span.left)  # "Pierson praised it as a "celebration ..."": Pierson
        settled.append((span, who, who is not None))
    return settled


def _is_partial(block: _Block, span: _Span, prev_end: int) -> bool:
    """Words of the sentence stand before the quote: it is part of someone's sentence."""
    start = max(prev_end, _sentence_start(block.starts, span.left))
    return bool(_WORD.search(block.masked[start : span.left]))


def _cue_after(block: _Block, span: _Span, limit: int, cues: Sequence[_Cue]) -> _Cue | None:
    """A cue right after the quote (", the source said"), or one closing the sentence."""
    stop = min(limit, _sentence_end(block.starts, span.right, len(block.masked)))
    for cue in cues:
        if cue.who is None or not span.right <= cue.verb_start < stop:
            continue
        gap = block.masked[span.right : min(cue.np_start, cue.verb_start)]
        if not _WORD.search(gap) or cue.trailing:
            return cue
    return None


def _ends_statement(block: _Block, span: _Span) -> bool:
    """The quote closes its own sentence and a capitalised word follows it."""
    following = _WORD.search(block.masked, span.right)
    closed = block.text[span.start : span.end].rstrip()[-1:] in ".!?"
    return closed and following is not None and following.group()[0].isupper()


def _cue_before(block: _Block, span: _Span, prev_end: int, cues: Sequence[_Cue]) -> _Cue | None:
    """The last cue before the quote in its sentence ("Dolgov said this ruling ...")."""
    start = max(prev_end, _sentence_start(block.starts, span.left))
    found = [c for c in cues if c.who is not None and start <= c.verb_start and c.verb_end <= span.left]
    return found[-1] if found else None


def _neighbour(block: _Block, quotes: Sequence[tuple[_Span, _Who | None, bool]], n: int) -> _Who | None:
    """A quote with no cue of its own shares the speaker of the quote before it in the
    paragraph ("...," he said. "..."), or of the one right after it."""
    for m in range(n - 1, -1, -1):
        if quotes[m][1] is not None:
            return quotes[m][1]
    if n + 1 < len(quotes):
        between = block.masked[quotes[n][0].right : quotes[n + 1][0].left]
        if not _WORD.search(between):
            return quotes[n + 1][1]
    return None


_Found = list[tuple[_Block, _Span, _Who | None, bool]]


def _carry_over(found: _Found) -> _Found:
    """A quote left open at a paragraph's end runs on into the next: same speaker."""
    out = list(found)
    for n in range(len(out) - 2, -1, -1):
        block, span, who, settled = out[n]
        nxt_block, nxt_span, nxt_who, _ = out[n + 1]
        if who is None and not span.closed and nxt_block.index == block.index + 1 and nxt_span.left == 0 and nxt_who:
            out[n] = (block, span, nxt_who, True)
    return out
