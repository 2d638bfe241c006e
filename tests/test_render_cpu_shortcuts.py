"""Work done once for the site rather than once per entity page (render/entity.py, render/network.py):
each shortcut answers as the plain form it replaced."""

from __future__ import annotations

import random
from collections import Counter
from types import SimpleNamespace

from generator.models import Mention
from generator.render.entity import mentions_by_entity
from generator.render.network import RANKED, CoOccurrence, _top, ring_of


def test_an_articles_mentions_grouped_by_entity_are_each_entitys_in_order() -> None:
    rng = random.Random(3)
    ids = [f"e{n}" for n in range(8)]
    mentions = tuple(Mention(rng.choice(ids), rng.randrange(5), n, n + 3, f"name {n}") for n in range(80))
    info = SimpleNamespace(analysis=SimpleNamespace(mentions=mentions))
    grouped = mentions_by_entity(info)  # type: ignore[arg-type]
    for entity in [*ids, "absent"]:
        assert grouped.get(entity, []) == [m for m in mentions if m.entity == entity]
    assert mentions_by_entity(info) is grouped  # type: ignore[arg-type]  # grouped once, kept with the analysis


def test_a_ring_is_the_head_of_the_ranking_of_RANKED_partners() -> None:
    rng = random.Random(11)
    names = [f"{rng.choice('ABC')}{rng.choice('xy')}" for _ in range(60)]  # many tied names
    entities = {f"e{n}": SimpleNamespace(name=name) for n, name in enumerate(names)}
    partners: dict[str, Counter[str]] = {}
    for entity in entities:
        others = rng.sample(sorted(entities), rng.randrange(0, 45))
        partners[entity] = Counter({other: rng.choice([1, 1, 2, 3]) for other in others if other != entity})
    corpus = SimpleNamespace(entities=entities)
    named = {e: entities[e].name for e in entities}
    for limit in (1, 12, RANKED, RANKED + 5):
        network = CoOccurrence({}, partners)
        for entity in entities:  # asked narrow first (a digest), then for the list: one ranking serves both
            assert ring_of(corpus, network, entity, limit) == _top(named, partners[entity], limit)  # type: ignore[arg-type]
            assert ring_of(corpus, network, entity, RANKED) == _top(named, partners[entity], RANKED)  # type: ignore[arg-type]
