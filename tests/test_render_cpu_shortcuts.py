"""Work done once for the site rather than once per entity page (render/entity.py; the partners ranked
once: tests/test_pages_speed_rings.py): each shortcut answers as the plain form it replaced."""

from __future__ import annotations

import random
from types import SimpleNamespace

from generator.models import Mention
from generator.render.entity import mentions_by_entity


def test_an_articles_mentions_grouped_by_entity_are_each_entitys_in_order() -> None:
    rng = random.Random(3)
    ids = [f"e{n}" for n in range(8)]
    mentions = tuple(Mention(rng.choice(ids), rng.randrange(5), n, n + 3, f"name {n}") for n in range(80))
    info = SimpleNamespace(analysis=SimpleNamespace(mentions=mentions))
    grouped = mentions_by_entity(info)  # type: ignore[arg-type]
    for entity in [*ids, "absent"]:
        assert grouped.get(entity, []) == [m for m in mentions if m.entity == entity]
    assert mentions_by_entity(info) is grouped  # type: ignore[arg-type]  # grouped once, kept with the analysis
