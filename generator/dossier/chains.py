"""Expected -> what happened: an expectation in one story linked to the later stories that report it.

A story says a hearing is expected on 14 May; a later one says it was postponed to 3 June; a
third reports it held on 3 June. No single story says all of that. A link needs, all at once:

* the same kind of event named in both sentences (site_config/accounts.yml: ``events``);
* the same people: when either sentence names a person, both name one in common and neither
  names someone the other does not; otherwise an organisation in common (a place alone is not
  enough: one city hosts many hearings);
* dates that fit: *held* gives the expected date in the past tense, in a story published on or
  after it; *postponed* or *cancelled* comes from a story published after the expectation and,
  unless it names the old date itself, no later than that date, with no other expectation of
  that kind for those people still pending; the new date of a postponement is the one date
  ahead the sentence gives, and starts the next link.

Anything less stays unlinked: a false link misleads the reader more than a missing one. An
expectation that nothing later confirms stays only *expected* on the timeline and makes no chain.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from generator.config.accounts import Accounts
from generator.dossier.claims import Evidence, Sentence, event_index, event_of, evidence, phrase_pattern
from generator.language.slugs import short_hash
from generator.models import HEADLINE, EntityRef, Event, Precision, Timex

StepKind = Literal["expected", "postponed", "cancelled", "held"]
MAX_LINKS = 6  # postponements followed in one chain, a guard against cycles


@dataclass(frozen=True)
class Step:
    """One link of a chain: what a story (or several) said had become of the event."""

    kind: StepKind
    date: dt.date | None  # expected/held: the date; postponed: the new date (None when not given)
    precision: Precision | None
    reported: dt.date | None  # the date of the first story that says so
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Chain:
    """An expected event followed through later stories to what happened to it."""

    id: str
    kind: str  # "hearing", from site_config/accounts.yml
    entities: tuple[str, ...]
    steps: tuple[Step, ...]
    events: tuple[str, ...]  # the timeline events it folds into one entry
    anchor: str | None  # the event whose timeline entry shows the chain

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.article for step in self.steps for e in step.evidence))

    @property
    def outcome(self) -> StepKind:
        return self.steps[-1].kind

    def as_json(self, date_text: Any) -> dict[str, Any]:
        """The export's view; ``date_text`` formats a date at its precision."""
        return {
            "id": self.id,
            "kind": self.kind,
            "outcome": self.outcome,
            "entities": list(self.entities),
            "articles": list(self.articles),
            "events": list(self.events),
            "steps": [
                {
                    "kind": step.kind,
                    "date": date_text(step.date, step.precision) if step.date and step.precision else None,
                    "precision": step.precision,
                    "reported": step.reported.isoformat() if step.reported else None,
                    "evidence": [
                        {"article": e.article, "paragraph": e.paragraph - HEADLINE, "text": e.text} for e in step.evidence
                    ],
                }
                for step in self.steps
            ],
        }


@dataclass(frozen=True)
class _Claim:
    """A sentence naming a kind of event, with the entities that matter for matching."""

    sentence: Sentence
    kinds: frozenset[str]
    persons: frozenset[str]
    others: frozenset[str]  # organisations (places are too weak to match on)
    cue: str  # "postponed", "cancelled", "negated" or ""


@dataclass(frozen=True)
class _Vocab:
    words: re.Pattern[str] | None  # every word that names a kind of event, in one pattern
    kinds: Mapping[str, frozenset[str]]  # such a word, folded -> the kinds it names
    postponed: re.Pattern[str] | None
    cancelled: re.Pattern[str] | None
    negations: re.Pattern[str] | None
    requests: re.Pattern[str] | None
    modals: re.Pattern[str] | None


def _vocab(accounts: Accounts) -> _Vocab:
    kinds: dict[str, set[str]] = {}
    for kind, words in accounts.events:
        for word in words:
            kinds.setdefault(_fold(word), set()).add(kind)
    return _Vocab(
        phrase_pattern(kinds),
        {word: frozenset(found) for word, found in kinds.items()},
        phrase_pattern(accounts.postponed),
        phrase_pattern(accounts.cancelled),
        phrase_pattern(accounts.negations),
        phrase_pattern(accounts.requests),
        phrase_pattern(accounts.modals),
    )


def _fold(word: str) -> str:
    return " ".join(word.casefold().split())


_NOT_BEFORE = re.compile(r"(?i)\b(?:not|never|n[’']t)\s+(?:been\s+|be\s+)?$")


def _cue(text: str, vocab: _Vocab) -> str:
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


def _claims(sentences: Sequence[Sentence], entities: Mapping[str, EntityRef], vocab: _Vocab) -> list[_Claim]:
    found = []
    for sentence in sentences:
        words = vocab.words.findall(sentence.text) if vocab.words else []
        kinds = frozenset(kind for word in words for kind in vocab.kinds.get(_fold(word), ()))
        if not kinds or sentence.reported is None:
            continue
        persons = frozenset(e for e in sentence.entities if entities[e].kind == "person")
        others = frozenset(e for e in sentence.entities if entities[e].kind == "organisation")
        found.append(_Claim(sentence, kinds, persons, others, _cue(sentence.text, vocab)))
    return found  # a claim naming no one matches nothing, but can still be evidence


def _compatible(a: _Claim, b: _Claim, kind: str) -> bool:
    """Same kind of event, the same people (or, with no people named, an organisation in common)."""
    if kind not in a.kinds or kind not in b.kinds:
        return False
    if a.persons or b.persons:
        return bool(a.persons & b.persons) and not (a.persons - b.persons and b.persons - a.persons)
    return bool(a.others & b.others)


def _period_end(date: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(date.year, 12, 31)
    if precision == "month":
        following = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return date


def _within(value: dt.date, date: dt.date, precision: str) -> bool:
    return date <= value <= _period_end(date, precision)


@dataclass(frozen=True)
class _Expected:
    """What the chain currently waits for: a kind of event on a date, first reported on a day."""

    kind: str
    date: dt.date
    precision: Precision
    reported: dt.date


def _expectations(claims: Sequence[_Claim]) -> list[tuple[_Claim, Timex]]:
    """Dated sentences that look forward to an event of a known kind, oldest story first."""
    found = []
    for claim in claims:
        reported = claim.sentence.reported
        if claim.cue in ("cancelled", "negated", "requested") or reported is None:
            continue
        for timex in claim.sentence.dates:
            if timex.status == "scheduled" and timex.value and _period_end(timex.value, timex.precision) >= reported:
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


def _names_date(claim: _Claim, date: dt.date, precision: str) -> bool:
    return any(t.value == date and t.precision == precision for t in claim.sentence.dates)


def _new_date(claim: _Claim, old: _Expected) -> Timex | None:
    """The one date ahead in a postponement sentence, the most precise if several agree; None otherwise."""
    reported = claim.sentence.reported or dt.date.min
    ahead = [
        t for t in claim.sentence.dates
        if t.value and t.value > _period_end(old.date, old.precision) and _period_end(t.value, t.precision) >= reported
    ]  # fmt: skip
    if not ahead:
        return None
    best = max(ahead, key=lambda t: ("year", "month", "day").index(t.precision))
    if any(not _within(best.value or dt.date.min, t.value or dt.date.min, t.precision) for t in ahead):
        return None  # two different dates ahead: which one is meant is not clear
    return best


Member = tuple[_Claim, Timex | None]


def _key(claim: _Claim) -> tuple[str, int, int]:
    return (claim.sentence.article, claim.sentence.paragraph, claim.sentence.start)


def _by_entity(claims: Sequence[_Claim]) -> dict[tuple[str, str], list[_Claim]]:
    index: dict[tuple[str, str], list[_Claim]] = {}
    for claim in claims:
        for kind in claim.kinds:
            for entity in claim.persons | claim.others:
                index.setdefault((kind, entity), []).append(claim)
    return index


@dataclass(frozen=True)
class _Context:
    """Claims indexed by (kind, entity), so a dossier is never compared pair by pair."""

    claims: Mapping[tuple[str, str], list[_Claim]]
    expectations: Sequence[tuple[_Claim, Timex]]
    by_article: Mapping[str, list[_Claim]]

    def near(self, seed: _Claim, kind: str) -> list[_Claim]:
        """Claims of this kind naming one of the seed's people (or, with none, its organisations)."""
        keys = seed.persons or seed.others
        found = {_key(c): c for e in keys for c in self.claims.get((kind, e), ())}
        return [found[k] for k in sorted(found)]


def _pending_elsewhere(claim: _Claim, old: _Expected, ctx: _Context) -> bool:
    """Another expectation of this kind for these people was still pending when the claim was published."""
    reported = claim.sentence.reported or dt.date.min
    for other, timex in ctx.expectations:
        if timex.value is None or (timex.value == old.date and timex.precision == old.precision):
            continue
        if other.sentence.article == claim.sentence.article:
            continue  # the story's own new date
        start = other.sentence.reported or dt.date.max
        if start <= reported <= _period_end(timex.value, timex.precision) and _compatible(other, claim, old.kind):
            return True
    return False


def _moves(seed: _Claim, old: _Expected, ctx: _Context, taken: set[tuple[str, int, int]]) -> list[_Claim]:
    """Later sentences saying the awaited event was postponed or cancelled."""
    found = []
    for claim in ctx.near(seed, old.kind):
        reported = claim.sentence.reported
        if claim.cue not in ("postponed", "cancelled") or _key(claim) in taken or reported is None or reported < old.reported:
            continue
        if claim.sentence.article == seed.sentence.article or not _compatible(seed, claim, old.kind):
            continue
        named = _names_date(claim, old.date, old.precision)
        if not named and not (old.reported < reported <= _period_end(old.date, old.precision)):
            continue
        if not named and _pending_elsewhere(claim, old, ctx):
            continue
        found.append(claim)
    return found


def _article_outcome(claims: Sequence[_Claim], old: _Expected) -> tuple[str, Timex | None] | None:
    """One story's word on the awaited event: postponed (to a date) or cancelled; None when unclear."""
    cues = {c.cue for c in claims}
    if len(cues) != 1:
        return None
    cue = cues.pop()
    if cue == "cancelled":
        return cue, None
    dates = [t for c in claims if (t := _new_date(c, old))]
    if not dates:
        return cue, None
    best = max(dates, key=lambda t: ("year", "month", "day").index(t.precision))
    if any(not _within(best.value or dt.date.min, t.value or dt.date.min, t.precision) for t in dates):
        return None
    return cue, best


def _old_date_sentences(article: str, old: _Expected, ctx: _Context, taken: set[tuple[str, int, int]]) -> list[Member]:
    """Sentences of a story that name the awaited event and its old date ("had been scheduled for May 14")."""
    return [
        (c, t)
        for c in ctx.by_article.get(article, ())
        if old.kind in c.kinds and c.cue not in ("negated", "requested") and _key(c) not in taken
        for t in c.sentence.dates
        if t.value == old.date and t.precision == old.precision
    ]


def _evidence(members: Sequence[Member]) -> tuple[Evidence, ...]:
    """Each sentence once, body before headline, in story and paragraph order."""
    unique = {_key(c): c for c, _ in members}
    ordered = sorted(
        unique.values(),
        key=lambda c: (
            c.sentence.reported or dt.date.min,
            c.sentence.article,
            c.sentence.paragraph < 0,
            c.sentence.paragraph,
            c.sentence.start,
        ),
    )
    return tuple(evidence(c.sentence) for c in ordered)


def _moved(
    seed: _Claim, old: _Expected, ctx: _Context, taken: set[tuple[str, int, int]]
) -> tuple[Step, list[Member], _Expected | None] | None:
    """The postponement or cancellation of the awaited event, as the first story (and those agreeing) tell it."""
    by_article: dict[str, list[_Claim]] = {}
    for claim in _moves(seed, old, ctx, taken):
        by_article.setdefault(claim.sentence.article, []).append(claim)
    stories = sorted(by_article.items(), key=lambda kv: (kv[1][0].sentence.reported or dt.date.min, kv[0]))
    if not stories:
        return None
    first = _article_outcome(stories[0][1], old)
    if first is None:
        return None
    cue, new = first
    members: list[Member] = []
    for article, claims in stories:
        told = _article_outcome(claims, old)
        if told and told[0] == cue and (told[1] and told[1].value) == (new and new.value):
            members += [(c, t) for c in claims for t in (c.sentence.dates or (None,))]
            members += _old_date_sentences(article, old, ctx, taken)
    reported = stories[0][1][0].sentence.reported or old.reported
    if cue == "cancelled" or new is None or new.value is None:
        step = Step("cancelled" if cue == "cancelled" else "postponed", None, None, reported, _evidence(members))
        return step, members, None
    ahead = _Expected(old.kind, new.value, new.precision, reported)
    members += [
        (c, t) for c, t in ctx.expectations
        if t.value == ahead.date and t.precision == ahead.precision and _key(c) not in taken
        and (c.sentence.reported or dt.date.min) >= reported and _compatible(seed, c, old.kind)
        and (c.cue != "postponed" or c.sentence.article in {m.sentence.article for m, _ in members})
    ]  # fmt: skip
    return Step("postponed", ahead.date, ahead.precision, reported, _evidence(members)), members, ahead


_RANK = {"year": 0, "month": 1, "day": 2}


def _held(seed: _Claim, old: _Expected, ctx: _Context, taken: set[tuple[str, int, int]]) -> tuple[Step, list[Member]] | None:
    """Later sentences reporting, in the past tense, the event on the awaited date."""
    members: list[Member] = []
    for claim in ctx.near(seed, old.kind):
        reported = claim.sentence.reported
        if claim.cue or _key(claim) in taken or reported is None or claim.sentence.article == seed.sentence.article:
            continue
        if not _compatible(seed, claim, old.kind):
            continue
        for timex in claim.sentence.dates:
            value = timex.value
            if (
                timex.status == "past"
                and value
                and _within(value, old.date, old.precision)
                and reported >= value
                and _RANK[timex.precision] >= _RANK[old.precision]
            ):
                members.append((claim, timex))
                break
    if not members:
        return None
    first = min(members, key=lambda m: (m[0].sentence.reported or dt.date.min, m[0].sentence.article))
    when = first[1].value if first[1] else old.date
    precision = first[1].precision if first[1] else old.precision
    return Step("held", when, precision, first[0].sentence.reported, _evidence(members)), members


def _follow(
    seed: _Claim, timex: Timex, kind: str, ctx: _Context, taken: set[tuple[str, int, int]]
) -> tuple[list[Step], list[Member]] | None:
    """The chain that starts at one expectation, or None when no later story says what became of it."""
    assert timex.value is not None and seed.sentence.reported is not None
    old = _Expected(kind, timex.value, timex.precision, seed.sentence.reported)
    members: list[Member] = [
        (c, t) for c, t in ctx.expectations
        if t.value == old.date and t.precision == old.precision and _key(c) not in taken
        and (_key(c) == _key(seed) or (_compatible(seed, c, kind) and c.cue != "postponed"))
    ]  # fmt: skip
    steps = [Step("expected", old.date, old.precision, old.reported, _evidence(members))]
    busy = taken | {_key(c) for c, _ in members}
    for _ in range(MAX_LINKS):
        moved = _moved(seed, old, ctx, busy)
        held = _held(seed, old, ctx, busy)
        if moved and (held is None or (moved[0].reported or dt.date.min) <= (held[0].reported or dt.date.min)):
            step, found, ahead = moved
        elif held:
            (step, found), ahead = held, None
        else:
            break
        steps.append(step)
        members += found
        busy |= {_key(c) for c, _ in found}
        if ahead is None:
            break
        old = ahead
    return (steps, members) if len(steps) > 1 else None


def _folded(
    members: Sequence[Member],
    steps: Sequence[Step],
    events: Sequence[Event],
    index: Mapping[tuple[str, int, dt.date, str], list[str]],
) -> tuple[tuple[str, ...], str | None]:
    """The events the chain stands for (all their sources are its evidence) and the one that shows it."""
    places = {(e.article, e.paragraph) for step in steps for e in step.evidence}
    by_id = {e.id: e for e in events}
    ids: list[str] = []
    for claim, _ in members:
        for t in claim.sentence.dates:
            found = event_of(index, claim.sentence, t)
            if found and found not in ids and set(by_id[found].sources) <= places:
                ids.append(found)
    anchor = None
    last = [m for m in members if m[0].sentence.text in {e.text for e in steps[-1].evidence} and m[1]]
    for claim, timex in last + list(reversed(members)):
        found = event_of(index, claim.sentence, timex) if timex else None
        if found:
            anchor = found
            break
    if anchor and anchor not in ids:
        ids.append(anchor)
    return tuple(sorted(ids)), anchor


def build_chains(
    sentences: Sequence[Sentence], entities: Mapping[str, EntityRef], events: Sequence[Event], accounts: Accounts
) -> tuple[Chain, ...]:
    """Every chain expected -> what happened in the dossier, by first expected date."""
    claims = _claims(sentences, entities, _vocab(accounts))
    by_article: dict[str, list[_Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.sentence.article, []).append(claim)
    ctx = _Context(_by_entity(claims), _expectations(claims), by_article)
    index = event_index(events)
    taken: set[tuple[str, int, int]] = set()
    chains = []
    for seed, timex in ctx.expectations:
        if _key(seed) in taken or not (seed.persons or seed.others):
            continue
        for kind in sorted(seed.kinds):
            followed = _follow(seed, timex, kind, ctx, taken)
            if followed is None:
                continue
            steps, members = followed
            taken |= {_key(c) for c, _ in members}
            folded, anchor = _folded(members, steps, events, index)
            people = tuple(sorted(seed.persons or seed.others))
            chain_id = f"{kind}-{steps[0].date}-{short_hash(seed.sentence.article + '|' + seed.sentence.text)}"
            chains.append(Chain(chain_id, kind, people, tuple(steps), folded, anchor))
            break
    return tuple(sorted(chains, key=lambda c: (c.steps[0].date or dt.date.min, c.id)))
