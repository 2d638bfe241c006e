"""Re-render digests made cheaply must still change whenever what a page shows changes.

rerender.PageMemo makes each article's and entity's line once per run, and render/shown.py
keeps an entity picture's inputs from one build to the next in a long-running process. A
digest kept too long would leave a page as it was after its inputs changed: these tests
compare what was kept with what a fresh process makes, after every kind of change.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import replace
from heapq import nsmallest

import pytest

from generator.config import SiteConfig
from generator.dossier import memo
from generator.dossier.corpus import Corpus
from generator.models import EntityRef
from generator.render.network import CoOccurrence, _top, ego_inputs
from generator.render.shown import EntityShown
from generator.rerender import PageMemo

IDS = [f"e{n:02d}" for n in range(24)]


def _corpus(names: dict[str, str], sizes: dict[str, int]) -> Corpus:
    entities = {e: EntityRef(e, names[e], "person") for e in IDS}
    named = {e: tuple(f"a{n}" for n in range(sizes[e])) for e in IDS}
    return Corpus(articles=(), entities=entities, entity_articles=named, events=(), problems=())


def _network(pairs: dict[tuple[str, str], int]) -> CoOccurrence:
    """As network.cooccurrence builds it, from pair counts (ids in sorted order)."""
    partners: dict[str, Counter[str]] = defaultdict(Counter)
    for (a, b), n in pairs.items():
        partners[a][b] = n
        partners[b][a] = n
    return CoOccurrence(dict(pairs), dict(partners))


def _shown(corpus: Corpus, pairs: dict[tuple[str, str], int]) -> dict[str, str]:
    shown = EntityShown(corpus, {}, _network(dict(pairs)))  # a new network each build, as iter_site makes
    return {e: shown.of(e) for e in IDS}


def _change(rng: random.Random, pairs: dict[tuple[str, str], int], names: dict[str, str], sizes: dict[str, int]) -> None:
    """One edit's worth of change: a pair count up, down or gone, a new pair, a name, an article count."""
    what = rng.choice(["count", "count", "new pair", "drop pair", "name", "size"])
    if what == "count" and pairs:
        key = rng.choice(sorted(pairs))
        pairs[key] = max(1, pairs[key] + rng.choice([-1, 1, 2]))
    elif what == "new pair":
        a, b = sorted(rng.sample(IDS, 2))
        pairs[a, b] = pairs.get((a, b), 0) + 1
    elif what == "drop pair" and pairs:
        del pairs[rng.choice(sorted(pairs))]
    elif what == "name":
        names[rng.choice(IDS)] = rng.choice(["Ann Lee", "Bo Kim", "Cy Ray", "Di Fox"])
    else:
        entity = rng.choice(IDS)
        sizes[entity] = max(1, sizes[entity] + rng.choice([-1, 1]))


@pytest.mark.parametrize("seed", range(6))
def test_a_picture_kept_from_the_last_build_is_what_a_fresh_build_makes(seed: int) -> None:
    rng = random.Random(seed)
    names = {e: rng.choice(["Ann Lee", "Bo Kim", "Cy Ray", "Di Fox", f"Name {e}"]) for e in IDS}
    sizes = {e: rng.randint(1, 5) for e in IDS}
    pairs: dict[tuple[str, str], int] = {}
    for _ in range(90):
        a, b = sorted(rng.sample(IDS, 2))
        pairs[a, b] = pairs.get((a, b), 0) + rng.randint(1, 3)
    memo.clear()
    before = _shown(_corpus(names, sizes), pairs)
    for _ in range(25):
        _change(rng, pairs, names, sizes)
        corpus = _corpus(names, sizes)
        kept = _shown(corpus, pairs)  # may use what the last build made
        memo.clear()
        fresh = _shown(corpus, pairs)  # a new process: nothing kept
        assert kept == fresh
        before = fresh
    assert before


def test_a_count_between_two_of_its_partners_changes_an_entity_picture_though_its_own_counts_do_not() -> None:
    names = {e: f"Name {e}" for e in IDS}
    sizes = dict.fromkeys(IDS, 2)
    pairs = {("e00", "e01"): 3, ("e00", "e02"): 2, ("e01", "e02"): 1, ("e03", "e04"): 1}
    memo.clear()
    first = _shown(_corpus(names, sizes), pairs)
    pairs["e01", "e02"] = 2  # another article names e01 and e02, not e00
    second = _shown(_corpus(names, sizes), pairs)
    assert second["e00"] != first["e00"]
    assert second["e03"] == first["e03"]  # untouched: kept, and the same
    sizes["e02"] = 3  # e02's node grows on e00's picture
    assert _shown(_corpus(names, sizes), pairs)["e00"] != second["e00"]


def test_the_ring_is_the_most_frequent_partners_ties_by_name_then_by_order() -> None:
    rng = random.Random(7)
    for _ in range(300):
        names = {e: rng.choice(["A", "B", "C", "D"]) for e in IDS}  # many equal names: order decides
        partners = Counter({e: rng.choice([1, 1, 1, 2, 3]) for e in rng.sample(IDS, rng.randint(0, 20))})
        limit = rng.randint(1, 14)
        expected = [e for e, _ in nsmallest(limit, partners.items(), key=lambda kv: (-kv[1], names[kv[0]]))]
        assert _top(names, partners, limit) == expected


def test_a_picture_input_names_its_partners_counts_and_sizes() -> None:
    corpus = _corpus({e: f"Name {e}" for e in IDS}, dict.fromkeys(IDS, 1))
    network = _network({("e00", "e01"): 2, ("e00", "e02"): 1, ("e01", "e02"): 1})
    text = ego_inputs(corpus, network, "e00")
    assert text == repr((["e01", "e02"], [2, 1], [1], [1, 1, 1]))


def test_an_entity_digest_follows_its_entity_and_an_article_digest_the_names_it_shows(
    seed_corpus: Corpus, config: SiteConfig
) -> None:
    info = next(i for i in seed_corpus.articles if i.analysis.mentions)
    named = info.analysis.mentions[0].entity
    keys = {i.analysis.article.source: f"key-{i.id}" for i in seed_corpus.articles}
    before = PageMemo(seed_corpus, config, keys, {}, lambda path: True, "code")
    renamed = dict(seed_corpus.entities)
    renamed[named] = replace(renamed[named], name=renamed[named].name + " Jr")
    after = PageMemo(replace(seed_corpus, entities=renamed), config, keys, {}, lambda path: True, "code")
    assert after.article_digest(info) != before.article_digest(info)
    assert after.entity_digest(named) != before.entity_digest(named)
    again = PageMemo(seed_corpus, config, keys, {}, lambda path: True, "code")
    assert again.article_digest(info) == before.article_digest(info)
    rekeyed = PageMemo(seed_corpus, config, {**keys, info.analysis.article.source: "edited"}, {}, lambda path: True, "code")
    assert rekeyed.entity_digest(named) != before.entity_digest(named)
