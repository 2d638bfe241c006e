"""What a sentence says about an event: its kind, its people, its dates, and what became of it.

The matching rules of a link (see the package's docstring) live here; ``follow`` applies them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.config.accounts import Accounts
from generator.dossier import beside, memo
from generator.dossier.claims import Sentence, phrase_pattern
from generator.models import EntityRef, Precision, Timex


@dataclass(frozen=True)
class Claim:
    """A sentence naming a kind of event, with the entities that matter for matching."""

    sentence: Sentence
    kinds: frozenset[str]
    persons: frozenset[str]
    others: frozenset[str]  # organisations (places are too weak to match on)
    cue: str  # "postponed", "cancelled", "negated", "requested", "uncertain" or ""
    planned: frozenset[int] = frozenset()  # starts of the dates the sentence gives as planned ("set for May 14")


@dataclass(frozen=True)
class Vocab:
    words: re.Pattern[str] | None  # every word that names a kind of event, in one pattern
    kinds: Mapping[str, frozenset[str]]  # such a word, folded -> the kinds it names
    postponed: re.Pattern[str] | None
    cancelled: re.Pattern[str] | None
    negations: re.Pattern[str] | None
    requests: re.Pattern[str] | None
    modals: re.Pattern[str] | None
    planned: re.Pattern[str] | None


def vocabulary(accounts: Accounts) -> Vocab:
    kinds: dict[str, set[str]] = {}
    for kind, words in accounts.events:
        for word in words:
            kinds.setdefault(_fold(word), set()).add(kind)
    return Vocab(
        phrase_pattern(kinds),
        {word: frozenset(found) for word, found in kinds.items()},
        phrase_pattern(accounts.postponed),
        phrase_pattern(accounts.cancelled),
        phrase_pattern(accounts.negations),
        phrase_pattern(accounts.requests),
        phrase_pattern(accounts.modals),
        phrase_pattern(accounts.planned),
    )


def _fold(word: str) -> str:
    return " ".join(word.casefold().split())


_NOT_BEFORE = re.compile(r"(?i)\b(?:not|never|n[’']t)\s+(?:been\s+|be\s+)?$")


def _cue(text: str, vocab: Vocab) -> str:
    """What a sentence says became of an event: postponed, cancelled, or why it says nothing sure.

    "requested": a request or a plan stands before the verb ("asked the court to postpone");
    "negated": a negation ("was not postponed", "did not take place"); "uncertain": a modal.
    """
    for cue, pattern in (("cancelled", vocab.cancelled), ("postponed", vocab.postponed)):
        found = pattern.search(text) if pattern else None
        if found is None:
            continue
        before = text[: found.start()]
        if _NOT_BEFORE.search(before):
            return "negated"
        if vocab.requests and vocab.requests.search(before):
            return "requested"
        return cue
    if vocab.negations and vocab.negations.search(text):
        return "negated"
    if vocab.modals and vocab.modals.search(text):
        return "uncertain"
    return ""


PLANNED_BEFORE = 30  # characters before a date searched for "scheduled for", "expected on"


def _planned(sentence: Sentence, timex: Timex, vocab: Vocab) -> bool:
    """The sentence gives this date as the plan, not as what happened ("had been scheduled for May 14")."""
    end = timex.start - sentence.start
    return bool(vocab.planned and vocab.planned.search(sentence.text, max(0, end - PLANNED_BEFORE), end))


def _words(pattern: re.Pattern[str], text: str) -> tuple[str, ...]:
    """The event words of a sentence; the last build's for the same sentence (dossier/memo.py)."""
    return memo.valued("chains.words", (pattern.pattern, pattern.flags, text), lambda: _found(pattern, text))


def _found(pattern: re.Pattern[str], text: str) -> tuple[str, ...]:
    """``tuple(pattern.findall(text))``: as found beside (dossier/beside.py), or here."""
    found = beside.event_words(pattern, text)
    return found if found is not None else tuple(pattern.findall(text))


def claims_of(sentences: Sequence[Sentence], entities: Mapping[str, EntityRef], vocab: Vocab) -> list[Claim]:
    found = []
    for sentence in sentences:
        words = _words(vocab.words, sentence.text) if vocab.words else ()
        kinds = frozenset(kind for word in words for kind in vocab.kinds.get(_fold(word), ()))
        if not kinds or sentence.reported is None:
            continue
        persons = frozenset(e for e in sentence.entities if entities[e].kind == "person")
        others = frozenset(e for e in sentence.entities if entities[e].kind == "organisation")
        planned = frozenset(t.start for t in sentence.dates if _planned(sentence, t, vocab))
        found.append(Claim(sentence, kinds, persons, others, _cue(sentence.text, vocab), planned))
    return found  # a claim naming no one matches nothing, but can still be evidence


def compatible(a: Claim, b: Claim, kind: str) -> bool:
    """Same kind of event, the same people (or, with no people named, an organisation in common)."""
    if kind not in a.kinds or kind not in b.kinds:
        return False
    if a.persons or b.persons:
        return bool(a.persons & b.persons) and not (a.persons - b.persons and b.persons - a.persons)
    return bool(a.others & b.others)


def period_end(date: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(date.year, 12, 31)
    if precision == "month":
        following = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return date


def within(value: dt.date, date: dt.date, precision: str) -> bool:
    return date <= value <= period_end(date, precision)


@dataclass(frozen=True)
class Expected:
    """What the chain currently waits for: a kind of event on a date, first reported on a day."""

    kind: str
    date: dt.date
    precision: Precision
    reported: dt.date


def expectations(claims: Sequence[Claim]) -> list[tuple[Claim, Timex]]:
    """Dated sentences that look forward to an event of a known kind, oldest story first."""
    found = []
    for claim in claims:
        reported = claim.sentence.reported
        if claim.cue in ("cancelled", "negated", "requested") or reported is None:
            continue
        for timex in claim.sentence.dates:
            if timex.status == "scheduled" and timex.value and period_end(timex.value, timex.precision) >= reported:
                found.append((claim, timex))
    return sorted(
        found,
        key=lambda ct: (
            ct[0].sentence.reported or dt.date.min,
            ct[0].sentence.article,
            ct[0].sentence.paragraph,
            ct[0].sentence.start,
        ),
    )


def names_date(claim: Claim, date: dt.date, precision: str) -> bool:
    return any(t.value == date and t.precision == precision for t in claim.sentence.dates)


def new_date(claim: Claim, old: Expected) -> Timex | None:
    """The one date ahead in a postponement sentence, the most precise if several agree; None otherwise."""
    reported = claim.sentence.reported or dt.date.min
    ahead = [
        t for t in claim.sentence.dates
        if t.value and t.value > period_end(old.date, old.precision) and period_end(t.value, t.precision) >= reported
    ]  # fmt: skip
    if not ahead:
        return None
    best = max(ahead, key=lambda t: ("year", "month", "day").index(t.precision))
    if any(not within(best.value or dt.date.min, t.value or dt.date.min, t.precision) for t in ahead):
        return None  # two different dates ahead: which one is meant is not clear
    return best
