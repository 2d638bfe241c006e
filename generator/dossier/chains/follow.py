"""Following an expectation through later stories, link by link, indexed by kind and entity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.config.accounts import Accounts
from generator.dossier import memo
from generator.dossier.chains.model import Chain, Step
from generator.dossier.chains.wording import (
    Claim,
    Expected,
    claims_of,
    compatible,
    expectations,
    names_date,
    new_date,
    period_end,
    vocabulary,
    within,
)
from generator.dossier.claims import Evidence, Sentence, event_index, event_of, evidence
from generator.language.slugs import short_hash
from generator.models import EntityRef, Event, Timex

MAX_LINKS = 6  # postponements followed in one chain, a guard against cycles


Member = tuple[Claim, Timex | None]


def _key(claim: Claim) -> tuple[str, int, int]:
    return (claim.sentence.article, claim.sentence.paragraph, claim.sentence.start)


def _by_entity(claims: Sequence[Claim]) -> dict[tuple[str, str], list[Claim]]:
    index: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        for kind in claim.kinds:
            for entity in claim.persons | claim.others:
                index.setdefault((kind, entity), []).append(claim)
    return index


@dataclass(frozen=True)
class _Context:
    """Claims indexed by (kind, entity), so a dossier is never compared pair by pair."""

    claims: Mapping[tuple[str, str], list[Claim]]
    expectations: Sequence[tuple[Claim, Timex]]
    by_article: Mapping[str, list[Claim]]
    on_date: Mapping[tuple[dt.date | None, str], list[tuple[Claim, Timex]]]  # ``expectations`` by date and precision

    def near(self, seed: Claim, kind: str) -> list[Claim]:
        """Claims of this kind naming one of the seed's people (or, with none, its organisations)."""
        keys = seed.persons or seed.others
        found = {_key(c): c for e in keys for c in self.claims.get((kind, e), ())}
        return [found[k] for k in sorted(found)]


def _pending_elsewhere(claim: Claim, old: Expected, ctx: _Context) -> bool:
    """Another expectation of this kind for these people was still pending when the claim was published."""
    reported = claim.sentence.reported or dt.date.min
    for other, timex in ctx.expectations:
        if timex.value is None or (timex.value == old.date and timex.precision == old.precision):
            continue
        if other.sentence.article == claim.sentence.article:
            continue  # the story's own new date
        start = other.sentence.reported or dt.date.max
        if start <= reported <= period_end(timex.value, timex.precision) and compatible(other, claim, old.kind):
            return True
    return False


def _moves(seed: Claim, old: Expected, ctx: _Context, taken: set[tuple[str, int, int]]) -> list[Claim]:
    """Later sentences saying the awaited event was postponed or cancelled."""
    found = []
    for claim in ctx.near(seed, old.kind):
        reported = claim.sentence.reported
        if claim.cue not in ("postponed", "cancelled") or _key(claim) in taken or reported is None or reported < old.reported:
            continue
        if claim.sentence.article == seed.sentence.article or not compatible(seed, claim, old.kind):
            continue
        named = names_date(claim, old.date, old.precision)
        if not named and not (old.reported < reported <= period_end(old.date, old.precision)):
            continue
        if not named and _pending_elsewhere(claim, old, ctx):
            continue
        found.append(claim)
    return found


def _article_outcome(claims: Sequence[Claim], old: Expected) -> tuple[str, Timex | None] | None:
    """One story's word on the awaited event: postponed (to a date) or cancelled; None when unclear."""
    cues = {c.cue for c in claims}
    if len(cues) != 1:
        return None
    cue = cues.pop()
    if cue == "cancelled":
        return cue, None
    dates = [t for c in claims if (t := new_date(c, old))]
    if not dates:
        return cue, None
    best = max(dates, key=lambda t: ("year", "month", "day").index(t.precision))
    if any(not within(best.value or dt.date.min, t.value or dt.date.min, t.precision) for t in dates):
        return None
    return cue, best


def _old_date_sentences(article: str, old: Expected, ctx: _Context, taken: set[tuple[str, int, int]]) -> list[Member]:
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
    seed: Claim, old: Expected, ctx: _Context, taken: set[tuple[str, int, int]]
) -> tuple[Step, list[Member], Expected | None] | None:
    """The postponement or cancellation of the awaited event, as the first story (and those agreeing) tell it."""
    by_article: dict[str, list[Claim]] = {}
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
    ahead = Expected(old.kind, new.value, new.precision, reported)
    members += [
        (c, t) for c, t in ctx.on_date.get((ahead.date, ahead.precision), ())
        if _key(c) not in taken
        and (c.sentence.reported or dt.date.min) >= reported and compatible(seed, c, old.kind)
        and (c.cue != "postponed" or c.sentence.article in {m.sentence.article for m, _ in members})
    ]  # fmt: skip
    return Step("postponed", ahead.date, ahead.precision, reported, _evidence(members)), members, ahead


_RANK = {"year": 0, "month": 1, "day": 2}


def _held(seed: Claim, old: Expected, ctx: _Context, taken: set[tuple[str, int, int]]) -> tuple[Step, list[Member]] | None:
    """Later sentences reporting, in the past tense, the event on the awaited date."""
    members: list[Member] = []
    for claim in ctx.near(seed, old.kind):
        reported = claim.sentence.reported
        if claim.cue or _key(claim) in taken or reported is None or claim.sentence.article == seed.sentence.article:
            continue
        if not compatible(seed, claim, old.kind):
            continue
        for timex in claim.sentence.dates:
            value = timex.value
            if (
                timex.status == "past"
                and timex.start not in claim.planned
                and value
                and within(value, old.date, old.precision)
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
    seed: Claim, timex: Timex, kind: str, ctx: _Context, taken: set[tuple[str, int, int]]
) -> tuple[list[Step], list[Member]] | None:
    """The chain that starts at one expectation, or None when no later story says what became of it."""
    assert timex.value is not None and seed.sentence.reported is not None
    old = Expected(kind, timex.value, timex.precision, seed.sentence.reported)
    members: list[Member] = [
        (c, t) for c, t in ctx.on_date.get((old.date, old.precision), ())
        if _key(c) not in taken
        and (_key(c) == _key(seed) or (compatible(seed, c, kind) and c.cue != "postponed"))
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
    by_id: Mapping[str, Event],
    index: Mapping[tuple[str, int, dt.date, str], list[str]],
) -> tuple[tuple[str, ...], str | None]:
    """The events the chain stands for (all their sources are its evidence) and the one that shows it."""
    places = {(e.article, e.paragraph) for step in steps for e in step.evidence}
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
    sentences: Sequence[Sentence],
    entities: Mapping[str, EntityRef],
    events: Sequence[Event],
    accounts: Accounts,
    claims: Sequence[Claim] | None = None,
) -> tuple[Chain, ...]:
    """Every chain expected -> what happened in the dossier, by first expected date; ``claims``: those of
    ``sentences`` (``claims_of``) when read already.

    The chains are made of the claims and the events only: the last build's when both are equal to
    its own (``dossier serve`` after an edit that changed neither)."""
    claims = tuple(claims_of(sentences, entities, vocabulary(accounts)) if claims is None else claims)
    claims = tuple(c for c in claims if c.persons or c.others or c.sentence.dates)  # the others match nothing
    events = tuple(events)
    last = _LAST.get("chains")
    if last is not None and last[1] == events and last[0] == claims:  # element by element, by identity first
        return last[2]  # type: ignore[no-any-return]
    indexes = last[3] if last is not None and last[1] == events else (event_index(events), {e.id: e for e in events})
    chains = _chains(claims, *indexes)
    _LAST["chains"] = (claims, events, chains, indexes)
    return chains


_LAST: dict[str, Any] = memo.held()  # "chains": the last build's claims, events, chains and events' indexes


def _chains(
    claims: Sequence[Claim], index: Mapping[tuple[str, int, dt.date, str], list[str]], by_id: Mapping[str, Event]
) -> tuple[Chain, ...]:
    """The chains of claims that can take part in one: those that name someone or give a date."""
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.sentence.article, []).append(claim)
    expected = expectations(claims)
    on_date: dict[tuple[dt.date | None, str], list[tuple[Claim, Timex]]] = {}
    for claim, timex in expected:
        on_date.setdefault((timex.value, timex.precision), []).append((claim, timex))
    ctx = _Context(_by_entity(claims), expected, by_article, on_date)
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
            folded, anchor = _folded(members, steps, by_id, index)
            people = tuple(sorted(seed.persons or seed.others))
            chain_id = f"{kind}-{steps[0].date}-{short_hash(seed.sentence.article + '|' + seed.sentence.text)}"
            chains.append(Chain(chain_id, kind, people, tuple(steps), folded, anchor))
            break
    return tuple(sorted(chains, key=lambda c: (c.steps[0].date or dt.date.min, c.id)))
