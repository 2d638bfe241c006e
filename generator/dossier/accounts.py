"""What the dossier knows that no single story says: chains expected -> what happened, and conflicts.

One entry point for the corpus: every story is cut into sentences once, then chains and
conflicting accounts are found across stories. Both are conservative by design.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.config.accounts import Accounts
from generator.dossier import memo, rows
from generator.dossier.chains import Chain, build_chains
from generator.dossier.chains.wording import Claim, Vocab, claims_of, vocabulary
from generator.dossier.claims import Sentence, phrase_pattern, sentences_of
from generator.dossier.conflicts import FACT_HINT, Conflict, Fact, FactWords, build_conflicts, fact_words, facts_of
from generator.models import ArticleInfo, EntityRef, Event, Problem


@dataclass(frozen=True)
class MajorEvent:
    """An event told by enough stories (site.yml: major_event_stories) to get a page of its own."""

    id: str  # the chain's id, or the timeline event's
    chain: str | None
    events: tuple[str, ...]  # the timeline events it stands for
    articles: tuple[str, ...]  # every story that tells it, oldest first

    @property
    def page(self) -> str:
        return f"events/{self.id}.md"


@dataclass(frozen=True)
class CrossReference:
    """Chains, conflicts and major events of a dossier, and problems with site_config/corrections.yml."""

    chains: tuple[Chain, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    major: tuple[MajorEvent, ...] = ()
    problems: tuple[Problem, ...] = ()


def _major(
    infos: Sequence[ArticleInfo], events: Sequence[Event], chains: Sequence[Chain], threshold: int
) -> tuple[MajorEvent, ...]:
    """Chains and events told by at least ``threshold`` stories; an event a chain stands for is its chain's."""
    order = {info.id: (info.analysis.pubdate.date or dt.date.max, info.id) for info in infos}
    by_id = {event.id: event for event in events}
    found = []
    covered: set[str] = set()
    for chain in chains:
        articles = set(chain.articles) | {a for e in chain.events for a, _ in by_id[e].sources}
        covered.update(chain.events)
        if len(articles) >= threshold:
            found.append(
                MajorEvent(
                    chain.id, chain.id, chain.events, tuple(sorted(articles, key=lambda a: order.get(a, (dt.date.max, a))))
                )
            )
    for event in events:
        articles = {a for a, _ in event.sources}
        if event.id not in covered and len(articles) >= threshold:
            found.append(
                MajorEvent(event.id, None, (event.id,), tuple(sorted(articles, key=lambda a: order.get(a, (dt.date.max, a)))))
            )
    return tuple(sorted(found, key=lambda m: m.id))


def accounts_json(chains: Sequence[Chain], conflicts: Sequence[Conflict], major: Sequence[MajorEvent]) -> dict[str, Any]:
    """The export's ``chains`` and ``conflicts`` (version 1, additions): each chain names its page, if any."""
    pages = {m.chain: m.page for m in major if m.chain}
    return {
        "chains": [{**chain.as_json(), "page": pages.get(chain.id)} for chain in chains],
        "conflicts": [conflict.as_json() for conflict in conflicts],
    }


def wanted_blocks(accounts: Accounts) -> re.Pattern[str]:
    """Blocks worth reading: they name a kind of event or a one-time fact, or hint at a term or an age."""
    words = [w for _, found in accounts.events for w in found] + [*accounts.once_person, *accounts.once_organisation]
    named = phrase_pattern(words)
    return re.compile(FACT_HINT + (f"|{named.pattern}" if named else ""), re.IGNORECASE)


def _sentences(
    info: ArticleInfo, told: Mapping[str, EntityRef], wanted: re.Pattern[str]
) -> tuple[list[Sentence], frozenset[str]]:
    """``sentences_of`` the article, the last build's when the entities it names that count are the same;
    and those entities."""
    analysis = info.analysis
    known = frozenset(told.keys() & memo.mentioned(analysis))
    found = memo.derived(
        "claims.sentences", analysis, (info.id, known, wanted.pattern), lambda: sentences_of(info.id, analysis, told, wanted)
    )
    return found, known


@dataclass(frozen=True)
class _Reading:
    """How every story's sentences are read, the same for all: entities, event words, fact words."""

    entities: Mapping[str, EntityRef]
    vocab: Vocab
    words: FactWords
    key: Hashable  # the patterns of ``vocab`` and ``words``, as plain data


def _reading(entities: Mapping[str, EntityRef], accounts: Accounts) -> _Reading:
    vocab, words = vocabulary(accounts), fact_words(accounts)
    patterns = (vocab.words, vocab.postponed, vocab.cancelled, vocab.negations, vocab.requests, vocab.modals, vocab.planned)
    key = (tuple(p.pattern if p else None for p in patterns), tuple(sorted(vocab.kinds.items())), words.key)
    return _Reading(entities, vocab, words, key)


def _read(sentences: list[Sentence], known: frozenset[str], reading: _Reading) -> tuple[list[Fact], list[Claim]]:
    """The facts and claims of one story's sentences; the last build's when its entities are of the same kinds."""
    if not sentences:
        return [], []
    entities = reading.entities
    kinds = tuple(sorted((e, entities[e].kind) for e in known))
    return memo.derived(
        "accounts.read",
        sentences,
        (kinds, reading.key),
        lambda: (facts_of(sentences, entities, reading.words), claims_of(sentences, entities, reading.vocab)),
    )


def _read_all(
    infos: Sequence[ArticleInfo], told: Mapping[str, EntityRef], wanted: re.Pattern[str], reading: _Reading
) -> list[tuple[list[Sentence], tuple[list[Fact], list[Claim]]]]:
    """Each story's sentences, facts and claims; the last build's for a story that is the same object under the
    same id, when the entities that count are the same ones of the same kinds (dossier/rows.py)."""
    entities = reading.entities
    kinds = {e: ref.kind for e, ref in entities.items()}
    shared = (told.keys(), kinds, wanted.pattern, reading.key)

    def inputs(i: int) -> Hashable:
        known = told.keys() & memo.mentioned(infos[i].analysis)
        return frozenset(known), tuple(sorted((e, kinds[e]) for e in known)), wanted.pattern, reading.key

    def one(i: int) -> tuple[list[Sentence], tuple[list[Fact], list[Claim]]]:
        found, known = _sentences(infos[i], told, wanted)
        return found, _read(found, known, reading)

    bases = [info.analysis for info in infos]
    ids = [info.id for info in infos]
    return rows.each("accounts.read_all", bases, shared, inputs, one, ids)


def _ordered(infos: Sequence[ArticleInfo]) -> list[ArticleInfo]:
    """The stories by id; the last build's order when the ids are the same, in the same order."""
    record = rows.rows("accounts.order")
    ids = [info.id for info in infos]
    if record.shared != ids:
        record.shared = ids
        record.held = {0: (None, None, None, sorted(range(len(infos)), key=ids.__getitem__))}
    return [infos[i] for i in record.held[0][3]]


def cross_reference(
    infos: Sequence[ArticleInfo], entities: Mapping[str, EntityRef], events: Sequence[Event], accounts: Accounts
) -> CrossReference:
    """Chains and conflicts across the stories ``infos``; ``entities`` are the dossier's."""
    wanted = wanted_blocks(accounts)
    agencies = {info.agency for info in infos if info.agency}
    told = {k: e for k, e in entities.items() if e.name not in agencies}  # "told TASS": the reporter takes no part
    reading = _reading(entities, accounts)
    sentences: list[Sentence] = []
    facts: list[Fact] = []
    claims: list[Claim] = []
    for found, read in _read_all(_ordered(infos), told, wanted, reading):
        sentences += found
        facts += read[0]
        claims += read[1]
    chains = build_chains(sentences, entities, events, accounts, claims)
    sources = {info.id: info.analysis.article.source for info in infos}
    conflicts, problems = _conflicts(sentences, entities, events, accounts, sources, facts)
    major = _major_kept(infos, events, chains, accounts.major_event_stories)
    return CrossReference(chains, conflicts, major, tuple(problems))


def _conflicts(
    sentences: list[Sentence], entities: Mapping[str, EntityRef], events: Sequence[Event], accounts: Accounts,
    sources: dict[str, str], facts: list[Fact],
) -> tuple[tuple[Conflict, ...], list[Problem]]:
    """``build_conflicts``; the last build's when the facts, events, corrections and sources are equal
    (with the facts given, it reads nothing else)."""
    record = rows.rows("accounts.conflicts")
    shared = (facts, tuple(events), accounts.corrections, sources)
    last = record.held.get(0)
    if last is not None and all(rows.same(a, b) for a, b in zip(record.shared, shared, strict=True)):
        return last[3]  # type: ignore[no-any-return]
    found = build_conflicts(sentences, entities, events, accounts, sources, facts)
    record.shared, record.held = shared, {0: (None, None, None, found)}
    return found


def _major_kept(
    infos: Sequence[ArticleInfo], events: Sequence[Event], chains: Sequence[Chain], threshold: int
) -> tuple[MajorEvent, ...]:
    """``_major``; the last build's when the chains, events, threshold and the stories' dates are equal."""
    record = rows.rows("accounts.major")
    dates = {info.id: info.analysis.pubdate.date for info in infos}
    shared = (tuple(chains), tuple(events), threshold, dates)
    last = record.held.get(0)
    if last is not None and all(rows.same(a, b) for a, b in zip(record.shared, shared, strict=True)):
        return last[3]  # type: ignore[no-any-return]
    found = _major(infos, events, chains, threshold)
    record.shared, record.held = shared, {0: (None, None, None, found)}
    return found
