"""What the dossier knows that no single story says: chains expected -> what happened, and conflicts.

One entry point for the corpus: every story is cut into sentences once, then chains and
conflicting accounts are found across stories. Both are conservative by design.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.config.accounts import Accounts
from generator.dossier import memo
from generator.dossier.chains import Chain, build_chains
from generator.dossier.claims import Sentence, phrase_pattern, sentences_of
from generator.dossier.conflicts import FACT_HINT, Conflict, build_conflicts
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


def _wanted(accounts: Accounts) -> re.Pattern[str]:
    """Blocks worth reading: they name a kind of event or a one-time fact, or hint at a term or an age."""
    words = [w for _, found in accounts.events for w in found] + [*accounts.once_person, *accounts.once_organisation]
    named = phrase_pattern(words)
    return re.compile(FACT_HINT + (f"|{named.pattern}" if named else ""), re.IGNORECASE)


def _sentences(info: ArticleInfo, told: Mapping[str, EntityRef], wanted: re.Pattern[str]) -> list[Sentence]:
    """``sentences_of`` the article, the last build's when the entities it names that count are the same."""
    analysis = info.analysis
    known = frozenset(e for e in memo.mentioned(analysis) if e in told)
    return memo.derived(
        "claims.sentences", analysis, (info.id, known, wanted.pattern), lambda: sentences_of(info.id, analysis, told, wanted)
    )


def cross_reference(
    infos: Sequence[ArticleInfo], entities: Mapping[str, EntityRef], events: Sequence[Event], accounts: Accounts
) -> CrossReference:
    """Chains and conflicts across the stories ``infos``; ``entities`` are the dossier's."""
    wanted = _wanted(accounts)
    agencies = {info.agency for info in infos if info.agency}
    told = {k: e for k, e in entities.items() if e.name not in agencies}  # "told TASS": the reporter takes no part
    sentences = [s for info in sorted(infos, key=lambda i: i.id) for s in _sentences(info, told, wanted)]
    chains = build_chains(sentences, entities, events, accounts)
    sources = {info.id: info.analysis.article.source for info in infos}
    conflicts, problems = build_conflicts(sentences, entities, events, accounts, sources)
    major = _major(infos, events, chains, accounts.major_event_stories)
    return CrossReference(chains, conflicts, major, tuple(problems))
