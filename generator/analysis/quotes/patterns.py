"""The cue lists of site_config/quotes.yml compiled once into regular expressions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from generator.analysis.quotes.spans import WORD
from generator.language.lexicon import QuoteCues


@dataclass(frozen=True)
class Patterns:
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
    naming: re.Pattern[str] | None = None  # "called", "described as": a quoted phrase is someone's words
    scare: re.Pattern[str] | None = None  # "so-called" right before a quote: a label, not speech
    findings: frozenset[str] = frozenset()  # "poll", "study": their weak verbs report a bare clause
    stances: frozenset[str] = frozenset()  # "wants", "plans", "urged": report "to …", "that …", "whether …"
    positions: frozenset[str] = frozenset()  # "called for", "supports": report their object too
    stance_only: frozenset[str] = frozenset()  # stances that are no speech verb: never attribute a quote
    listeners: frozenset[str] = frozenset()  # stances with a listener before "to": "urged Congress to act"
    labelling: frozenset[str] = frozenset()  # "called the plan a hoax"
    finding_verbs: frozenset[str] = frozenset()  # "show": a cue only after "polls", "data" …


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
def compile_cues(cues: QuoteCues) -> Patterns:
    # Verbs as written in running text ("The United States" is no cue); prepositions
    # may open a sentence ("According to ...").
    stances = frozenset(cues.stances + cues.positions + cues.labelling + cues.finding_verbs)
    stance_only = stances - frozenset(cues.verbs + cues.weak_verbs + cues.prepositions)
    verbs = cues.verbs + cues.weak_verbs + cues.prepositions + tuple(p[:1].upper() + p[1:] for p in cues.prepositions)
    verbs += tuple(stance_only)
    intro_words = {w for _, words in cues.role_intros for w in words}
    return Patterns(
        cue=_alternation(verbs, fold=False) or re.compile(r"(?!)"),
        prepositions=frozenset(cues.prepositions),
        participles=frozenset(v for v in (*cues.verbs, *cues.weak_verbs, *stance_only) if v.split()[0].endswith("ing")),
        weak=frozenset(cues.weak_verbs) | stance_only,
        role=_alternation(cues.roles, plural=True),
        intro=_alternation(intro_words, plural=True),
        intros={role: frozenset(words) for role, words in cues.role_intros},
        intro_words=frozenset(intro_words),
        intro_starts=frozenset(
            form for w in intro_words for first in [w.split()[0]] for form in (first, first + "s", first + "es")
        ),
        unnamed=_alternation(cues.unnamed),
        organisation=_alternation(cues.organisations),
        naming=_alternation(cues.naming),
        scare=_alternation(cues.scare),
        findings=frozenset(cues.findings),
        stances=stances,
        positions=frozenset(cues.positions + cues.finding_verbs),
        stance_only=stance_only,
        listeners=frozenset(cues.listeners),
        labelling=frozenset(cues.labelling),
        finding_verbs=frozenset(cues.finding_verbs),
    )


def roles_in(p: Patterns, text: str) -> set[str]:
    """Role words in a stretch of text, plurals made singular ("Presidents")."""
    words = [w.lower() for w in WORD.findall(text)]
    found = set()
    for n, word in enumerate(words):
        if word not in p.intro_starts:
            continue
        for size in (3, 2, 1):
            gram = words[n : n + size]
            if len(gram) < size:
                continue
            last = gram[-1]
            for form in (last, last[:-1], last[:-2]):
                phrase = " ".join((*gram[:-1], form))
                if phrase in p.intro_words:
                    found.add(phrase)
                    break
    return found
