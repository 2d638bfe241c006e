"""Related articles: shared rare entities and wording, found through postings, in a stable order."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
import yaml

from generator.analysis.entities.recognise import recognise
from generator.config import ReaderOptions
from generator.config.gazetteer import Gazetteer, load_gazetteer
from generator.dossier.related import related_articles
from generator.readers.text import read
from tests.conftest import ROOT

SEEDS = ["000_f1f26f04cfb6bdb1.txt", "001_2eb9bd030a83e287.txt"]


def _item(article_id: str, entities: dict[str, int], text: str) -> tuple[str, dict[str, int], str]:
    return (article_id, entities, text)


@pytest.mark.parametrize("curated", [True, False], ids=["curated", "empty-gazetteer"])
def test_the_two_samples_are_each_others_first_related_article(curated: bool) -> None:
    path = ROOT / "site_config" / "entities.yml"
    gaz = load_gazetteer(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))[0] if curated else Gazetteer()
    items, names = [], {}
    filler = [  # unrelated stories, so the samples must beat them
        _item("weather", {"london": 2}, "Heavy rain and strong winds hit London and the south coast overnight."),
        _item("football", {"arsenal": 3}, "Arsenal beat Chelsea two goals to one in the league on Saturday."),
    ]
    for source in SEEDS:
        article = read((ROOT / "content" / source).read_text(encoding="utf-8"), source, ReaderOptions(
            furniture=(re.compile(r"^All news$"),)))
        mentions, discovered = recognise(article, gaz)
        names.update({e.id: e.name for e in (*gaz.entries, *discovered)})
        text = " ".join(t for _, t in article.text_blocks())
        items.append(_item(source, dict(Counter(m.entity for m in mentions)), text))
    related = related_articles(items + filler, names)
    assert related[SEEDS[0]][0][0] == SEEDS[1]
    assert related[SEEDS[1]][0][0] == SEEDS[0]
    reason = related[SEEDS[0]][0][1]
    assert reason.startswith("also about ") and "Viktor Bout" in reason


def test_rare_shared_entities_outweigh_common_ones() -> None:
    items = [_item(f"a{i:03d}", {"united-states": 1}, "officials met on the matter") for i in range(60)]
    items.append(_item("target", {"united-states": 1, "viktor-bout": 2}, "the arms case"))
    items.append(_item("partner", {"united-states": 1, "viktor-bout": 1}, "a court case"))
    related = related_articles(items, {"viktor-bout": "Viktor Bout", "united-states": "United States"})
    assert related["target"][0] == ("partner", "also about Viktor Bout, United States")


def test_wording_relates_articles_without_shared_entities() -> None:
    items = [
        _item("a", {}, "The volcano erupted, spewing lava and volcanic ash over the villages."),
        _item("b", {}, "Volcanic ash from the erupted volcano closed airports; lava reached villages."),
        _item("c", {}, "Shares rose on the stock exchange as investors bought banks."),
    ]
    related = related_articles(items)
    assert related["a"][0][0] == "b"
    assert related["a"][0][1].startswith("similar wording: ")
    assert all(other != "c" for other, _ in related["a"][:1])


def test_order_is_deterministic_and_ties_break_by_id() -> None:
    items = [_item(name, {"x": 1}, "same words here") for name in ("d", "b", "c", "a")]
    related = related_articles(items, {"x": "X"})
    assert [other for other, _ in related["a"]] == ["b", "c", "d"]
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    assert related_articles(shuffled, {"x": "X"}) == related


def test_limit_no_self_and_every_article_present() -> None:
    items = [_item(f"n{i}", {"shared": 1, f"own{i % 3}": 1}, f"story number {i} about trade") for i in range(12)]
    related = related_articles(items, limit=3)
    assert set(related) == {f"n{i}" for i in range(12)}
    for article_id, others in related.items():
        assert len(others) <= 3
        assert article_id not in [o for o, _ in others]


def test_postings_are_capped_so_a_ubiquitous_entity_does_not_link_everything() -> None:
    items = [_item(f"n{i:04d}", {"everywhere": 1}, "") for i in range(300)]
    related = related_articles(items, max_posting=10)
    reached = {other for others in related.values() for other, _ in others}
    assert len(reached) <= 10  # only the ten strongest postings are ever walked


def test_unrelated_articles_get_nothing() -> None:
    items = [_item("a", {"x": 1}, "alpha beta gamma"), _item("b", {"y": 1}, "delta epsilon zeta")]
    assert related_articles(items) == {"a": (), "b": ()}
