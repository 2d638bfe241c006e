"""One tense classifier for every analysis: is a span in a sentence told as past or as ahead?

The date reasoner (analysis/pubdate) and the timeline tagger (analysis/timex)
both ask it, so an article's inferred date and its timeline entries never
disagree about the same sentence. Cues are weighted words whose vote fades
with distance from the span; a reporting verb right next to a date dates the
saying ("said Thursday") and so makes it past. The reporting verbs are the
lexicon's (site_config/quotes.yml, ``reporting_verbs``), passed in by the
caller, so the date reasoner, the timeline and the quotes share one list.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Literal

from generator.language.lexicon import QuoteCues
from generator.language.regexes import FOLD_UNSAFE, longest_first, phrase_alternation, regroup

Tense = Literal["past", "future"] | None


def _words(text: str) -> frozenset[str]:
    """A vocabulary written as whitespace-separated words."""
    return frozenset(text.split())


_B = r"(?<![\w'’-])"  # a word starts here
_E = r"(?![\w-])"  # a word ends here

# Tense cues, strongest first, each with its weight. A cue's vote fades with its
# distance (in characters) from the expression; the sign of the sum is the tense.
# "will" the noun ("political will") is ruled out by the word before it; a past
# participle after "be" ("will be paid") votes with its auxiliary, not alone.
TENSE_CUES: tuple[tuple[str, str, float], ...] = (
    (
        "future",
        (
            r"will|'ll|’ll|shall|won't|won’t|is\s+to|are\s+to|"
            r"(?:is|are|was|were|be|being|been|'s|’s)\s+(?:widely\s+|also\s+|now\s+|still\s+)?"
            r"(?:expected|scheduled|due|set|slated|planned|going|supposed|likely|poised|ready|about)\s+to|"
            r"(?:is|are|be|being)\s+(?:widely\s+|also\s+|now\s+|still\s+)?(?:expected|due|slated)(?=\s+(?:on|in|by|at|for|next)\b)|"
            r"to\s+be\s+(?:held|hosted|opened|launched|released|signed|published|announced)|"
            r"(?:has|have|had)\s+(?:scheduled|planned)|scheduled|planned|slated|"
            r"(?:plans?|planning|intends?|intending|aims?|hopes?|wants?|agreed|decided|promised|vowed|"
            r"threatened|prepares?|preparing|set|expects?|expected)\s+to|"
            r"as\s+soon\s+as|upcoming|forthcoming|next(?!\s+to)|ahead|pending|payable|effective|"
            # a term, contract or deadline told in the present runs out ahead ("his term ends in 2015");
            # "opens", "starts" stay out: headlines tell past events in the present ("Trial opens")
            r"(?:ends|expires|lapses|runs\s+out|takes\s+effect|(?:comes|enters)\s+into\s+force)(?=\s+(?:on|in|at)\b)"
        ),
        1.0,
    ),
    ("future", r"would|might|may", 0.45),
    # Prepositions look ahead only when they govern the date itself ("until January 20", "by 2019"),
    # not in "up by a third from 2001".
    ("future_prep", r"until|till|through|by", 0.45),
    ("past", r"was|were|had|did|didn't|didn’t|wasn't|wasn’t|weren't|weren’t|hadn't|hadn’t", 1.0),
    ("past", r"ago|since|earlier|previously|last|has\s+been|have\s+been|has\s+\w+ed|have\s+\w+ed", 0.8),
    (
        "past",
        (
            r"met|held|took|made|went|came|began|won|lost|left|gave|got|saw|sent|brought|became|fell|"
            r"rose|ran|paid|sold|bought|found|kept|led|spoke|struck|stood|fought|flew|drew|grew|shrank|spent|slid|swung|"
            r"broke|chose|shot|threw|caught|taught|sought|sank|swore|hung|fled|froze|killed|"
            r"\w{3,}ed"
        ),
        0.7,
    ),
)
# Phrases that put the year after them in the past of the writer: "back in 2021" looks back across
# a year's turn, "since the end of 2023" says that year is over. A story using one is of a later year.
YEAR_GONE_BY: tuple[str, ...] = ("back in", "as far back as", "as long ago as", "since the end of", "since end of")
# A reporting verb next to the date ("said Thursday", "told TASS on Monday") dates the
# saying; further off it says nothing about the tense of the reported event.
REPORTING_REACH = 16
# A preposition governs the date only right before it ("by 2019").
PREPOSITION_REACH = 2
# "said that", "adding that": what follows is the reported clause, which the saying does not date.
_CLAUSE_BETWEEN = re.compile(r"(?i)\bthat\b")
# Distance (characters) at which a cue's vote has halved.
CUE_HALF_DISTANCE = 30.0
_NOT_MODAL_BEFORE = re.compile(r"(?i)(?:political|good|ill|free|own|the|his|her|their|its|our|your|a|no|of|popular|strong)\s+$")
_BE_BEFORE = re.compile(r"(?i)\b(?:is|are|was|were|be|been|being|am|'s|’s|get|got|gets)\s+(?:\w+ly\s+|not\s+)?$")
_DETERMINER_BEFORE = re.compile(r"(?i)\b(?:the|a|an|its|his|her|their|our|this|that|these|those)\s+$")
_PAST_AUXILIARIES = frozenset({"was", "were", "had", "did", "ago", "since", "last"})
_ED_NOT_PAST = _words(
    """
    expected scheduled planned proposed supposed required allowed needed used based called so-called
    concerned interested involved united detained accused alleged related limited advanced armed red bed
    need speed seed feed indeed hundred embed
    """
)

# ---------------------------------------------------------------------------
# Pattern pieces
# ---------------------------------------------------------------------------


def reporting_verbs(cues: QuoteCues) -> tuple[str, ...]:
    """The verbs that report speech, strong and weak, from the lexicon (site_config/quotes.yml)."""
    return tuple(dict.fromkeys((*cues.verbs, *cues.weak_verbs)))


def _ed_words(pattern: str) -> str:
    """``\\w{3,}ed`` and ``\\w+ed`` as the same test with a look back at the end: every cue is
    followed by a word's end, so either matches a whole word of five (three) letters or more
    ending in "ed", and the look back finds it without retrying "ed" at each letter."""
    return pattern.replace(r"\w{3,}ed", r"\w{5,}(?<=ed)").replace(r"\w+ed", r"\w{3,}(?<=ed)")


@functools.lru_cache(maxsize=32)
def _cue_re(reporting: tuple[str, ...], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """The tense cues and, as one more group, the reporting verbs (phrases allow any spacing)."""
    words = longest_first({v for v in reporting if v.strip()})
    report = phrase_alternation(words, fold=True) or r"(?!)"
    groups = [f"(?P<c{i}>{_ed_words(regroup(pattern, fold=True))})" for i, (_, pattern, _) in enumerate(TENSE_CUES)]
    return re.compile(_B + "(?:" + "|".join([*groups, f"(?P<report>{report})"]) + ")" + _E, flags)


def _cue_matches(sentence: str, reporting: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """The cue pattern's matches in the sentence. Where lower-casing changes no match (the verbs are
    in lower-case ASCII as ``TENSE_CUES`` is, the sentence has none of ``FOLD_UNSAFE``: "İ" lower-cases
    to two characters, ignoring case pairs "ı" with "i" and "ſ" with "s"), the lower-cased sentence is
    read with the pattern case-sensitive: re runs that about three times faster (a branch that
    opens with a letter is skipped on that letter, where ignoring case has it tried)."""
    if (sentence.isascii() or not any(ch in sentence for ch in FOLD_UNSAFE)) and _lower_case(reporting):
        return _cue_re(reporting, 0).finditer(sentence.lower())
    return _cue_re(reporting).finditer(sentence)


@functools.lru_cache(maxsize=32)
def _lower_case(reporting: tuple[str, ...]) -> bool:
    return all(v.isascii() and v == v.lower() for v in reporting)


# The cue pattern's group -> (kind, weight): "report" for the reporting verbs, c0, c1, … for TENSE_CUES.
_KINDS: dict[str | None, tuple[str, float]] = {f"c{i}": (kind, weight) for i, (kind, _, weight) in enumerate(TENSE_CUES)}
_KINDS["report"] = ("report", 1.0)
_KINDS[None] = _KINDS["c0"]


@functools.lru_cache(maxsize=256)
def _cues(sentence: str, reporting: tuple[str, ...] = ()) -> tuple[tuple[int, int, str, float], ...]:
    """(start, end, kind, weight) of each tense cue in a sentence; kind is future, past or report."""
    cues: list[tuple[int, int, str, float]] = []
    for m in _cue_matches(sentence, reporting):
        kind, weight = _KINDS[m.lastgroup]  # ``_kind``, inlined: this runs for every cue of every sentence
        start, end = m.span()
        written = sentence[start:end]
        word = written.lower()
        if written == "May" and start > 0:
            continue  # the month
        if word in ("will", "may") and _NOT_MODAL_BEFORE.search(sentence[max(0, start - 30) : start]):
            continue  # "political will"
        if kind == "past" and " " not in word and word not in _PAST_AUXILIARIES:  # a participle
            before = sentence[max(0, start - 30) : start]
            if word in _ED_NOT_PAST or _BE_BEFORE.search(before) or _DETERMINER_BEFORE.search(before):
                continue
        cues.append((start, end, kind, weight))
    return tuple(cues)


def cue_kinds(sentence: str, reporting: Iterable[str] = ()) -> frozenset[str]:
    """The kinds of tense cue the sentence holds: "future", "past", "future_prep", "report" (a reporting verb)."""
    return frozenset(kind for _, _, kind, _ in _cues(sentence, tuple(reporting)))


def tense_at(sentence: str, start: int, end: int, future_margin: float = 0.0, reporting: Iterable[str] = ()) -> Tense:
    """The tense the sentence gives the span ``sentence[start:end]``: cue votes weighted by nearness.

    ``future_margin`` is how much stronger the future votes must be: news
    mostly reports what happened, so a bare weekday leans to the past.
    ``reporting`` are the lexicon's reporting verbs (``reporting_verbs``).
    """
    score = 0.0
    for c0, c1, kind, weight in _cues(sentence, tuple(reporting)):
        if c1 > start and c0 < end:
            continue  # inside the expression itself ("last", "next")
        gap = start - c1 if c1 <= start else c0 - end
        if kind == "report":
            if gap > REPORTING_REACH or c1 > start or _CLAUSE_BETWEEN.search(sentence, c1, start):
                continue  # "adding that from January 1 ...": the date is the reported clause's
            return "past"
        if kind == "future_prep" and (gap > PREPOSITION_REACH or c1 > start):
            continue
        vote = weight * 0.5 ** (gap / CUE_HALF_DISTANCE)
        score += vote if kind.startswith("future") else -vote
    if score > future_margin:
        return "future"
    if score < -0.05 or future_margin > 0:
        return "past"
    return None


def cue_before(sentence: str, position: int, reach: int = 40, reporting: Iterable[str] = ()) -> Tense:
    """The tense of the nearest cue ending at most ``reach`` characters before ``position``, if any.

    "was detained in 2008", "since 2018", "until 2035": a verb or preposition that governs the
    date. The date reasoner asks for it before it lets a tense rule a year out.
    """
    best: tuple[int, str] | None = None
    for _, c1, kind, _ in _cues(sentence, tuple(reporting)):
        near = position - c1 <= (PREPOSITION_REACH if kind == "future_prep" else reach)
        if kind != "report" and c1 <= position and near and (best is None or c1 > best[0]):
            best = (c1, kind)
    if best is None:
        return None
    return "future" if best[1].startswith("future") else "past"
