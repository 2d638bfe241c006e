"""Who acts in a sentence: the name (or he/she) right before a verb.

A quote with no cue of its own is most often the words of whoever the sentence
around it (or the one before it) is about. "At a fundraiser with celebrity Barbra
Streisand, Clinton called half of them "deplorables"": Clinton, the name a verb
follows, not the first name written. "When Clinton noted that ..., Trump boasted,
"That makes me smart."": the name whose verb the quote follows, not the earlier cue.
Which words are verbs is told from their shape (a past tense in -ed) and the cue
lists (speech and naming verbs), after at most one adverb ("Politifact then ruled").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice

from generator.analysis.quotes.spans import MASK, WORD, sentence_start
from generator.analysis.quotes.speakers import NAME_RUN, NOT_NAMES, PREPOSITIONS, Block
from generator.models import Mention

# Patterns used on every cue and mention, compiled once.
_OPENS_CAPITAL = re.compile(r"\W*[A-Z]")
_COMMA_OR_COLON = re.compile(r"\s*[,:]\s*")
_COMMA_TITLE_END = re.compile(r",\s*(?:[A-Z][a-z]{0,3}\.\s+)?$")
_APOSTROPHE_TAIL = re.compile(r"['’]\w*$")

_ADVERBS = frozenset("then also later again once now just first still even".split())
_NOT_VERBS = frozenset("need speed seed feed breed bed red shed hundred".split())
_BRACKET = re.compile(r"\s*\([^()]{1,40}\)")  # "Rep. Gwen Moore (D-Wis.) said"
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_DASHED = re.compile(r"\s*(?:--|—|–)\s*")  # a name, then a dash, then the quote (not "told BBC News:")


@dataclass(frozen=True)
class Actor:
    """A name or he/she before a verb: where it stands, the mention (None for a pronoun),
    and whether its verb leads straight into the quote ("Trump boasted, "...") or names
    someone's words ("Karen Brady has called it "derisory""). ``verbs``: cue verbs, naming verbs."""

    start: int
    end: int
    mention: Mention | None
    word: str
    leads_in: bool


def verb_after(
    masked: str, end: int, verbs: Sequence[re.Pattern[str] | None], perfect: bool = False
) -> tuple[int, int] | None:
    """The span of the verb a name at ``end`` is the subject of, if one follows it (after
    "has"/"had" too when ``perfect``)."""
    bracket = _BRACKET.match(masked, end)
    pos = bracket.end() if bracket else end
    if not masked.startswith(" ", pos):
        return None  # "Clinton's", "Clinton," or the end of the text
    words = list(islice(WORD.finditer(masked, pos, min(len(masked), pos + 50)), 3))
    if perfect and words and words[0].start() == pos + 1 and words[0].group() in ("has", "have", "had"):
        words = words[1:]  # "Karen Brady has called it": a perfect tense, not a passive
    if words and (words[0].group() in _ADVERBS or words[0].group().endswith("ly")):
        words = words[1:]
    if not words or not words[0].group().islower():
        return None
    word = words[0].group()
    past = word.endswith("ed") and len(word) > 4 and word not in _NOT_VERBS
    listed = any(p is not None and p.fullmatch(word) for p in verbs)
    return (words[0].start(), words[0].end()) if past or listed else None


def actors(
    block: Block,
    pos: int,
    speaks: Callable[[Mention], bool],
    verbs: Sequence[re.Pattern[str] | None],
) -> list[Actor]:
    """Names that ``speaks`` accepts, and he/she, standing before a verb in the sentence
    up to ``pos``, in reading order. ``verbs``: the cue verbs, then the naming verbs."""
    start = sentence_start(block.starts, pos)
    masked = block.masked
    found: list[Actor] = []
    opens = _OPENS_CAPITAL.match(block.text[pos : pos + 4]) is not None  # a whole sentence is quoted
    for m in block.mentions:
        if not (start <= m.start and m.end <= pos and speaks(m)):
            continue
        if opens and _DASHED.fullmatch(masked, m.end, pos):
            found.append(Actor(m.start, m.end, m, m.surface, True))  # "... Mitt Romney -- "It is disqualifying ...""
            continue
        if not complement(masked, start, m.start):
            verb = verb_after(masked, m.end, verbs, perfect=True)
            if verb is not None and verb[1] <= pos:
                found.append(Actor(m.start, m.end, m, m.surface, _leads_in(masked, verb, pos, verbs[-1:])))
    for match in _PRONOUN.finditer(masked, start, pos):
        verb = verb_after(masked, match.end(), verbs, perfect=True)
        if verb is not None and verb[1] <= pos:
            found.append(Actor(match.start(), match.end(), None, match.group().lower(), _leads_in(masked, verb, pos, verbs[-1:])))
    return sorted(found, key=lambda a: a.start)


def complement(masked: str, sentence: int, start: int) -> bool:
    """"William Corr of the Campaign for Tobacco-Free Kids urged": a name after a preposition
    belongs to the phrase before it and is no subject."""
    before = [w.lower() for w in WORD.findall(masked[max(sentence, start - 24) : start])]
    while before and before[-1] in ("the", "a", "an"):
        before.pop()
    return bool(before) and before[-1] in PREPOSITIONS


def _leads_in(masked: str, verb: tuple[int, int], pos: int, naming: Sequence[re.Pattern[str] | None]) -> bool:
    """Only a comma or a colon between the verb and the quote, or the verb names what someone
    said ("called it", "branded it") with no other quote between it and this one."""
    if MASK in masked[verb[1] : pos]:
        return False
    listed = any(p is not None and p.fullmatch(masked[verb[0] : verb[1]]) for p in naming)
    return listed or _COMMA_OR_COLON.fullmatch(masked[verb[1] : pos]) is not None


_OPENERS = frozenset("even but and also however meanwhile yet still".split())
_OPENING_WORDS = frozenset(
    "after before when while if although though since because until once as then now here there so "
    "still yet also even just only instead indeed thus later earlier today yesterday last next what how why".split()
)


def opens_sentence(block: Block, start: int) -> bool:
    """Nothing but a connector ("Even", "But") between the sentence start and ``start``."""
    words = WORD.findall(block.masked[sentence_start(block.starts, start) : start])
    return all(w.lower() in _OPENERS for w in words)


def acts(block: Block, start: int, end: int, verbs: Sequence[re.Pattern[str] | None]) -> bool:
    """A name is the subject of a verb: right after it, or after the comma closing it as an
    appositive ("The minister of the economy, Mr. Guajardo, argues")."""
    masked = block.masked
    if complement(masked, sentence_start(block.starts, start), start):
        return False
    if verb_after(masked, end, verbs) is not None:
        return True
    head = masked[sentence_start(block.starts, start) : start]
    between = _COMMA_TITLE_END.search(head)
    return between is not None and masked.startswith(",", end) and verb_after(masked, end + 1, verbs) is not None


def opening_name(block: Block, pos: int, verbs: Sequence[re.Pattern[str] | None]) -> tuple[str, int, bool] | None:
    """A capitalised name no mention covers that opens the sentence and a verb follows
    ("Politifact then ruled that ...", "Democrats also blasted ..."): the name, where it
    starts, and whether its verb leads straight into the quote at ``pos``."""
    start = sentence_start(block.starts, pos)
    run = NAME_RUN.search(block.masked, start, pos)
    if run is None or WORD.search(block.masked, start, run.start()) is not None:
        return None
    first = _APOSTROPHE_TAIL.sub("", run.group().split()[0])  # "He’s"
    if first in NOT_NAMES or first.lower() in _OPENING_WORDS:
        return None
    if any(m.start < run.end() and run.start() < m.end for m in block.mentions):
        return None
    verb = verb_after(block.masked, run.end(), verbs)
    if verb is None or verb[1] > pos:
        return None
    return run.group(), run.start(), _leads_in(block.masked, verb, pos, verbs[-1:])


_OWNED_WORDS = re.compile(r"['’]s?\s+(?:\w+\s+)??(\w+)\s+(?:(?:about|of|that)\s+(?:[\w’']+\s+){0,4})?$")


def owner_of_words(block: Block, pos: int, naming: re.Pattern[str] | None) -> Mention | None:
    """"Trump’s statement about “thousands of shootings”": the person whose words the quote
    is said to be, when a naming word owned by them stands right before it."""
    if naming is None:
        return None
    start = sentence_start(block.starts, pos)
    for m in reversed(block.mentions):
        if start <= m.start and m.end < pos:
            owned = _OWNED_WORDS.fullmatch(block.masked, m.end, pos)
            if owned is not None and naming.fullmatch(owned.group(1)):
                return m
            return None
    return None


_RELATIVE = re.compile(r"(?:^|(?<=[\s,]))(who|which|that)\s+(?:[\w’'.-]+\s+){0,3}$")


def relative_before(masked: str, sentence: int, verb: int) -> tuple[str, int] | None:
    """"Marta Kolar, who in 2019 said": the relative pronoun a cue verb follows, and where it stands."""
    start = max(sentence, verb - 60)
    if masked.find("wh", start, verb) == -1 and masked.find("that", start, verb) == -1:
        return None  # no relative pronoun at all (most cues): the pattern is not tried at every character
    found = _RELATIVE.search(masked, start, verb)
    return (found.group(1).lower(), found.start(1)) if found and MASK not in found.group() else None
