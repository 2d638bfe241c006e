"""An entity's ring of partners (render/network.py ``ring_of``): a narrower ring taken from the head of a
wider one chosen before is the ring chosen afresh (ties by name, then in the partners' order)."""

from __future__ import annotations

import random
from collections import Counter
from types import SimpleNamespace

from generator.render.network import CoOccurrence, ring_of


def test_a_narrower_ring_is_the_head_of_a_wider_one() -> None:
    rng = random.Random(7)
    names = [f"{rng.choice('ABC')}{rng.choice('xy')}" for _ in range(60)]  # many tied names
    entities = {f"e{n}": SimpleNamespace(name=name) for n, name in enumerate(names)}
    partners: dict[str, Counter[str]] = {}
    for entity in entities:
        others = rng.sample(sorted(entities), rng.randrange(0, 40))
        partners[entity] = Counter({other: rng.choice([1, 1, 2, 3]) for other in others if other != entity})
    corpus = SimpleNamespace(entities=entities)
    for limit, wider in [(12, 20), (1, 20), (20, 20), (12, 13), (5, 40)]:
        fresh, derived = CoOccurrence({}, partners), CoOccurrence({}, partners)
        for entity in entities:
            ring_of(corpus, derived, entity, wider)  # type: ignore[arg-type]
            assert ring_of(corpus, derived, entity, limit) == ring_of(corpus, fresh, entity, limit)  # type: ignore[arg-type]
        for entity in entities:  # and a wider one after a narrower: chosen afresh
            assert ring_of(corpus, fresh, entity, wider) == ring_of(corpus, CoOccurrence({}, partners), entity, wider)  # type: ignore[arg-type]
