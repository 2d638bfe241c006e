"""An entity's ring of partners (render/network.py ``ring_of``): a narrower ring taken from the head of a
wider one chosen before is the ring chosen afresh (ties by name, then in the partners' order), and every
ring is the head of one ranking of at least ``RANKED`` partners (the picture's, then the list's)."""

from __future__ import annotations

import random
from collections import Counter
from types import SimpleNamespace

from generator.render.network import RANKED, CoOccurrence, _top, ring_of


def _network(seed: int, most: int) -> tuple[SimpleNamespace, dict[str, Counter[str]]]:
    """A corpus of 60 entities with many tied names, each named with up to ``most`` others."""
    rng = random.Random(seed)
    names = [f"{rng.choice('ABC')}{rng.choice('xy')}" for _ in range(60)]
    entities = {f"e{n}": SimpleNamespace(name=name) for n, name in enumerate(names)}
    partners: dict[str, Counter[str]] = {}
    for entity in entities:
        others = rng.sample(sorted(entities), rng.randrange(0, most))
        partners[entity] = Counter({other: rng.choice([1, 1, 2, 3]) for other in others if other != entity})
    return SimpleNamespace(entities=entities), partners


def test_a_narrower_ring_is_the_head_of_a_wider_one() -> None:
    corpus, partners = _network(7, 40)
    for limit, wider in [(12, 20), (1, 20), (20, 20), (12, 13), (5, 40)]:
        fresh, derived = CoOccurrence({}, partners), CoOccurrence({}, partners)
        for entity in corpus.entities:
            ring_of(corpus, derived, entity, wider)  # type: ignore[arg-type]
            assert ring_of(corpus, derived, entity, limit) == ring_of(corpus, fresh, entity, limit)  # type: ignore[arg-type]
        for entity in corpus.entities:  # and a wider one after a narrower: chosen afresh
            assert ring_of(corpus, fresh, entity, wider) == ring_of(corpus, CoOccurrence({}, partners), entity, wider)  # type: ignore[arg-type]


def test_a_ring_is_the_head_of_the_ranking_of_RANKED_partners() -> None:
    corpus, partners = _network(11, 45)
    named = {e: corpus.entities[e].name for e in corpus.entities}
    for limit in (1, 12, RANKED, RANKED + 5):
        network = CoOccurrence({}, partners)
        for entity in corpus.entities:  # asked narrow first (a digest), then for the list: one ranking serves both
            assert ring_of(corpus, network, entity, limit) == _top(named, partners[entity], limit)  # type: ignore[arg-type]
            assert ring_of(corpus, network, entity, RANKED) == _top(named, partners[entity], RANKED)  # type: ignore[arg-type]
