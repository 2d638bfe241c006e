"""Related articles after edits, bounded instead of scored again (dossier/related_bounds.py,
dossier/related_delta.py): the same as a fresh build's, to the bit, and the index the same as one
built afresh."""

from __future__ import annotations

import random

import pytest

from generator.dossier import memo
from generator.dossier.related import KEEP_TERMS, TOP_TERMS, related_by_terms, term_weights
from generator.dossier.related_bounds import Ranked, decided
from generator.dossier.related_delta import update_side
from generator.dossier.related_index import build_side, posting

SYLLABLES = "ka lo mi nu pe ra si to vu xe ba de fi go hu".split()


def _words(rng: random.Random, count: int) -> list[str]:
    return sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randrange(2, 4))) for _ in range(count)})


def _corpus(rng: random.Random, n: int) -> tuple[list[str], list[dict[str, int]], list[str], list[str]]:
    """Ids, entity counts and texts of invented articles, a vocabulary larger than the terms kept, words
    of very unequal frequency, and a few articles copied (twins: equal scores, ranked by id)."""
    vocabulary = _words(rng, 400)
    weights = [1.0 / (k + 1) for k in range(len(vocabulary))]
    texts = [" ".join(rng.choices(vocabulary, weights, k=rng.randrange(20, 120))) for _ in range(n)]
    counts = [{f"e{rng.randrange(40)}": rng.randrange(1, 4) for _ in range(rng.randrange(0, 6))} for _ in range(n)]
    for k in rng.sample(range(n), 6):  # copies of another article
        other = rng.randrange(n)
        texts[k], counts[k] = texts[other], dict(counts[other])
    return [f"a{i:03d}" for i in range(n)], counts, texts, vocabulary


def _edit(
    rng: random.Random, texts: list[str], counts: list[dict[str, int]], names: dict[str, str], vocabulary: list[str]
) -> None:
    k = rng.randrange(len(texts))
    kind = rng.randrange(5)
    if kind == 0:  # a sentence appended: a word new to the dossier, and known ones
        texts[k] += " " + " ".join([*rng.sample(vocabulary, 3), "zebulon" + rng.choice(SYLLABLES)])
    elif kind == 1:  # words taken out
        words = texts[k].split()
        texts[k] = " ".join(words[: max(3, len(words) - rng.randrange(1, 8))])
    elif kind == 2:
        counts[k] = {**counts[k], f"e{rng.randrange(45)}": rng.randrange(1, 3)}
    elif kind == 3:
        names[f"e{rng.randrange(40)}"] = f"Renamed {rng.randrange(99)}"
    else:  # made a copy of another article
        other = rng.randrange(len(texts))
        texts[k], counts[k] = texts[other], dict(counts[other])


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("cap", [4, 30])
def test_edits_one_after_another_give_what_a_fresh_build_gives(seed: int, cap: int) -> None:
    rng = random.Random(seed)
    ids, counts, texts, vocabulary = _corpus(rng, 120)
    names = {f"e{i}": f"Entity {i}" for i in range(40)}
    memo.clear()
    related_by_terms(ids, counts, [term_weights(t) for t in texts], names, max_posting=cap)
    for _ in range(8):
        _edit(rng, texts, counts, names, vocabulary)
        docs = [term_weights(t) for t in texts]
        updated = related_by_terms(ids, list(counts), docs, dict(names), max_posting=cap)
        memo.clear()
        fresh = related_by_terms(ids, list(counts), docs, dict(names), max_posting=cap)
        assert updated == fresh
        memo.clear()
        related_by_terms(ids, list(counts), docs, dict(names), max_posting=cap)  # the next edit starts from here


@pytest.mark.parametrize("seed", range(4))
def test_a_side_brought_up_to_date_is_the_side_built_afresh(seed: int) -> None:
    rng = random.Random(seed)
    _, _, texts, vocabulary = _corpus(rng, 90)
    docs = [term_weights(t) for t in texts]
    side = build_side(docs, True, KEEP_TERMS, TOP_TERMS, 5)
    for _ in range(5):
        k = rng.randrange(len(texts))
        texts[k] += " " + " ".join([*rng.sample(vocabulary[-150:], 2), "zebulon"])  # rare words: a few vectors move
        docs = list(docs)
        docs[k] = term_weights(texts[k])
        found = update_side(docs, side, True, KEEP_TERMS, TOP_TERMS)
        assert found is not None
        side = found[0]
        fresh = build_side(docs, True, KEEP_TERMS, TOP_TERMS, 5)
        assert (side.df, side.idf, side.vectors, side.tops) == (fresh.df, fresh.idf, fresh.vectors, fresh.tops)
        assert side.looked_up == fresh.looked_up
        assert side.members == fresh.members
        assert {t: set(posting(side, t)) for t in side.looked_up} == {t: set(posting(fresh, t)) for t in fresh.looked_up}


@pytest.mark.parametrize("seed", range(3))
def test_an_edit_that_moves_most_vectors_is_brought_up_to_date_not_built_afresh(seed: int) -> None:
    """Common words new to an article move the weight of every article holding them: the side is still
    brought up to date (quicker than afresh, however many move), and the ranking is a fresh build's."""
    rng = random.Random(seed)
    ids, counts, texts, vocabulary = _corpus(rng, 100)
    names = {f"e{i}": f"Entity {i}" for i in range(40)}
    docs = [term_weights(t) for t in texts]
    side = build_side(docs, True, KEEP_TERMS, TOP_TERMS, 30)
    memo.clear()
    related_by_terms(ids, counts, docs, names)
    k = min(range(len(texts)), key=lambda i: len(texts[i]))
    common = [w for w in vocabulary[:60] if w not in texts[k].split()]  # the most frequent words it lacks
    texts[k] += " " + " ".join(common)
    docs = list(docs)
    docs[k] = term_weights(texts[k])
    found = update_side(docs, side, True, KEEP_TERMS, TOP_TERMS)
    assert found is not None
    moved = found[1].redo
    assert len(moved) > len(docs) // 2, f"the edit moved only {len(moved)} of {len(docs)} vectors"
    fresh = build_side(docs, True, KEEP_TERMS, TOP_TERMS, 30)
    assert (found[0].idf, found[0].vectors, found[0].tops) == (fresh.idf, fresh.vectors, fresh.tops)
    updated = related_by_terms(ids, counts, docs, names)
    memo.clear()
    assert updated == related_by_terms(ids, counts, docs, names)


IDS = [f"a{i}" for i in range(10)]


def _never(a: int, b: int) -> bool:
    return False


def test_intervals_apart_give_their_order() -> None:
    ranked = Ranked(((3, 0.5, 0.5001), (1, 0.4, 0.4001), (2, 0.3, 0.3)), 0.1)
    assert decided(ranked, IDS, 2, 0.02, _never) is not None
    assert decided(ranked, IDS, 2, 0.02, _never)[0] == [3, 1]  # type: ignore[index]


def test_overlapping_intervals_are_not_told_apart() -> None:
    ranked = Ranked(((3, 0.5, 0.5001), (1, 0.50005, 0.50006), (2, 0.3, 0.3)), 0.1)
    assert decided(ranked, IDS, 2, 0.02, _never) is None


def test_the_bound_behind_must_stay_behind_the_last_partner() -> None:
    ranked = Ranked(((3, 0.5, 0.5), (1, 0.4, 0.4)), 0.39999999)
    assert decided(ranked, IDS, 2, 0.02, _never) is None
    assert decided(Ranked(ranked.entries, 0.3), IDS, 2, 0.02, _never) is not None


def test_twins_rank_by_id_and_exact_scores_by_their_key() -> None:
    twins = Ranked(((4, 0.5, 0.5001), (2, 0.5, 0.5001), (1, 0.2, 0.2)), 0.1)
    assert decided(twins, IDS, 2, 0.02, _never) is None
    assert decided(twins, IDS, 2, 0.02, lambda a, b: True)[0] == [2, 4]  # type: ignore[index]
    exact = Ranked(((4, 0.5, 0.5), (2, 0.5, 0.5), (1, 0.2, 0.2)), 0.1)
    assert decided(exact, IDS, 2, 0.02, _never)[0] == [2, 4]  # type: ignore[index]


def test_a_score_on_either_side_of_the_least_is_not_told() -> None:
    assert decided(Ranked(((1, 0.0199, 0.0201),), 0.0), IDS, 5, 0.02, _never) is None
    assert decided(Ranked(((1, 0.03, 0.0301), (2, 0.01, 0.015)), 0.005), IDS, 5, 0.02, _never)[0] == [1]  # type: ignore[index]
