"""What the dossier knows that no single story says: chains expected -> what happened, and conflicts.

One entry point for the corpus: every story is cut into sentences once, then chains and
conflicting accounts are found across stories. Both are conservative by design.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.config.accounts import Accounts
from generator.dossier.chains import Chain, build_chains
from generator.dossier.claims import sentences_of
from generator.dossier.conflicts import Conflict, build_conflicts
from generator.models import ArticleInfo, EntityRef, Event, Problem


@dataclass(frozen=True)
class CrossReference:
    """Chains and conflicts of a dossier, and problems with site_config/corrections.yml."""

    chains: tuple[Chain, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    problems: tuple[Problem, ...] = ()


def cross_reference(
    infos: Sequence[ArticleInfo], entities: Mapping[str, EntityRef], events: Sequence[Event], accounts: Accounts
) -> CrossReference:
    """Chains and conflicts across the stories ``infos``; ``entities`` are the dossier's."""
    sentences = [s for info in sorted(infos, key=lambda i: i.id) for s in sentences_of(info.id, info.analysis, entities)]
    chains = build_chains(sentences, entities, events, accounts)
    sources = {info.id: info.analysis.article.source for info in infos}
    conflicts, problems = build_conflicts(sentences, entities, events, accounts, sources)
    return CrossReference(chains, conflicts, tuple(problems))
