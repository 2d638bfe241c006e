"""The cue lists of site_config/quotes.yml compiled once into regular expressions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from generator.analysis.quotes.spans import WORD
from generator.language.lexicon import QuoteCues
from generator.language.regexes import longest_first, phrase_alternation


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
    listed: frozenset[str] = frozenset()  # every cue word of quotes.yml; any other is a verb before "that"
    digests: re.Pattern[str] | None = None  # "key statements": a list of one person's words follows
    staff: Mapping[str, tuple[str, ...]] | None = None  # "diplomats" -> ("foreign ministry", "embassy")
    listed_cue: re.Pattern[str] | None = None  # ``cue`` without the clause verbs before "that"
    digest_words: tuple[str, ...] = ()  # the digests' first words, lower-case (empty: not all ASCII)
    stance_or_participle: frozenset[str] = frozenset()  # the listed words of both, no clause verbs: built once
    object_verbs: frozenset[str] = frozenset()  # speech verbs whose plain object is what was said: "noted the rise"

    def cues_in(self, text: str) -> Iterator[re.Match[str]]:
        """``cue``'s matches: a text without "that" is spared the clause-verb alternative, which needs it."""
        return (self.cue if self.listed_cue is None or "that" in text else self.listed_cue).finditer(text)

    def digests_in(self, text: str) -> Iterator[re.Match[str]]:
        """``digests``' matches. An ASCII text, where ignoring case is lower-casing, without any
        of their first words has none: it is spared the scan (most paragraphs)."""
        if self.digests is None:
            return iter(())
        if self.digest_words and text.isascii():
            lower = text.lower()
            if not any(word in lower for word in self.digest_words):
                return iter(())
        return self.digests.finditer(text)


def _alternation(phrases: Iterable[str], plural: bool = False, fold: bool = True) -> re.Pattern[str] | None:
    """One regex for a list of phrases, longest first, on whole words."""
    ordered = longest_first(set(phrases))
    if not ordered:
        return None
    body = phrase_alternation(ordered, fold)
    tail = r"(?:s|es)?" if plural else ""
    firsts = "".join(sorted({p[0].lower() for p in ordered} | {p[0].upper() for p in ordered}))
    return re.compile(
        rf"(?<![\w’'\-])(?=[{re.escape(firsts)}])(?:{body}){tail}(?![\w’'\-])", re.IGNORECASE if fold else 0
    )


# Any verb form directly before "that" and a clause's first word reports that clause ("Scott joked
# that …", "the firm concedes that the …"): a stance of its subject, like those listed in quotes.yml.
_CLAUSE_VERB = re.compile(r"(?![a-z]*(?:ers|ors|ness|ss|us|is|ays|ists)$)[a-z]{3,}(?:ed|es|s)")
_CLAUSE_CUE = (  # the first lookahead only says early what the rest requires: a word, then "that"
    r"(?<![\w’'\-.])(?=[a-z]{3,}\s+that\s)(?![a-z]*(?:ers|ors|ness|ss|us|is|ays|ists)\s)[a-z]{3,}(?:ed|es|s)(?=\s+that\s+(?:[A-Z]\w*|he|she|it|they|we|you|there|this|these|those|the|a|an|his|her|"
    r"their|its|our|some|many|most|no|all|any|every|one|more|few|if|when|while|because|even)\s)"
)


_WORD_START = r"(?<![\w’'\-])"  # how ``_alternation``'s patterns open; ``_CLAUSE_CUE`` adds the dot


def _cue_pattern(listed: re.Pattern[str] | None) -> re.Pattern[str]:
    r"""``listed|_CLAUSE_CUE`` with the look back they share tested once at each position:
    ``(?<![A])x|(?<![A.])y`` as ``(?<![A])(?:x|(?<!\.)y)``, the same matches. (Most positions are
    inside a word, where the one look back fails: the scan costs a quarter less.)"""
    clause_start = _WORD_START[:-2] + r".])"
    if listed is None:
        return re.compile(_CLAUSE_CUE)
    if not (listed.pattern.startswith(_WORD_START) and _CLAUSE_CUE.startswith(clause_start)):
        return re.compile(f"{listed.pattern}|{_CLAUSE_CUE}")
    rest, clause = listed.pattern[len(_WORD_START) :], _CLAUSE_CUE[len(clause_start) :]
    return re.compile(rf"{_WORD_START}(?:{rest}|(?<!\.){clause})", listed.flags)


class _ClauseVerbs(frozenset[str]):
    """A word list that also holds any verb form reporting a "that" clause, but for ``speech``."""

    speech: frozenset[str] = frozenset()
    answers: dict[str, bool]  # words asked before: every cue's verb is asked several times

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return super().__contains__(word)
        found = self.answers.get(word)
        if found is None:
            found = super().__contains__(word) or word not in self.speech and _CLAUSE_VERB.fullmatch(word) is not None
            if len(self.answers) >= _ANSWERS_KEPT:
                self.answers.clear()
            self.answers[word] = found
        return found


_ANSWERS_KEPT = 4096  # verbs remembered per word list: the cue verbs of many articles


def _with_clause_verbs(words: frozenset[str], speech: frozenset[str]) -> frozenset[str]:
    out = _ClauseVerbs(words)
    out.speech = speech
    out.answers = {}
    return out


_COMPILED: list[tuple[QuoteCues, Patterns]] = []  # the last cue lists compiled, looked up by identity first


def compile_cues(cues: QuoteCues) -> Patterns:
    """The cue lists compiled once. Every article asks with its config's one QuoteCues: found by
    identity, it is not hashed (hashing its word lists costs as much as a small paragraph's scan)."""
    for known, patterns in _COMPILED:
        if known is cues:
            return patterns
    patterns = _compile_cues(cues)
    _COMPILED[:] = [(cues, patterns), *_COMPILED[:7]]
    return patterns


@lru_cache(maxsize=8)
def _compile_cues(cues: QuoteCues) -> Patterns:
    # Verbs as written in running text ("The United States" is no cue); prepositions
    # may open a sentence ("According to ...").
    stances = frozenset(cues.stances + cues.positions + cues.labelling + cues.finding_verbs)
    stance_only = stances - frozenset(cues.verbs + cues.weak_verbs + cues.prepositions)
    verbs = cues.verbs + cues.weak_verbs + cues.prepositions + tuple(p[:1].upper() + p[1:] for p in cues.prepositions)
    verbs += tuple(stance_only)
    intro_words = {w for _, words in cues.role_intros for w in words}
    listed = _alternation(verbs, fold=False)
    speech = frozenset(cues.verbs + cues.weak_verbs + cues.prepositions) | stances
    participles = frozenset(v for v in (*cues.verbs, *cues.weak_verbs, *stance_only) if v.split()[0].endswith("ing"))
    return Patterns(
        cue=_cue_pattern(listed),
        prepositions=frozenset(cues.prepositions),
        participles=participles,
        weak=_with_clause_verbs(frozenset(cues.weak_verbs) | stance_only, speech),
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
        stances=_with_clause_verbs(stances, speech),
        positions=frozenset(cues.positions + cues.finding_verbs),
        stance_only=_with_clause_verbs(stance_only, speech),
        listeners=frozenset(cues.listeners),
        labelling=frozenset(cues.labelling),
        finding_verbs=frozenset(cues.finding_verbs),
        listed=speech,
        staff=dict(cues.staff),
        digests=_alternation(cues.digests),
        listed_cue=listed,
        digest_words=_first_words(cues.digests),
        stance_or_participle=stance_only | participles,
        object_verbs=frozenset(cues.object_verbs),
    )


def _first_words(phrases: Iterable[str]) -> tuple[str, ...]:
    """The phrases' first words lower-cased, when every phrase is ASCII (else none: no shortcut)."""
    if not all(p.isascii() and p.split() for p in phrases):
        return ()
    return tuple(sorted({p.split()[0].lower() for p in phrases}))


def roles_in(p: Patterns, text: str) -> set[str]:
    """Role words in a stretch of text, plurals made singular ("Presidents")."""
    words = [w.lower() for w in WORD.findall(text)]
    found: set[str] = set()
    if p.intro_starts.isdisjoint(words):
        return found  # no role word opens here (most names): the n-grams are not built
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
