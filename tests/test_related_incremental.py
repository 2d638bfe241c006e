"""Related articles brought up to date after an edit equal those of a fresh build, to the bit."""

from __future__ import annotations

import random
import re

import pytest

from generator.dossier import memo
from generator.dossier.claims import finds
from generator.dossier.related import related_by_terms, term_weights
from tests.conftest import TERM_WORDS, random_term_corpus


@pytest.mark.parametrize("seed", range(6))
def test_an_edit_gives_what_a_fresh_build_gives(seed: int) -> None:
    rng = random.Random(seed)
    ids, counts, texts = random_term_corpus(rng, 40)
    names = {f"e{i}": f"Entity {i}" for i in range(12)}
    memo.clear()
    related_by_terms(ids, counts, [term_weights(t) for t in texts], names)
    for _ in range(4):  # edits one after the other: a word added, entities changed, a name changed
        k = rng.randrange(len(ids))
        texts[k] = texts[k] + " " + rng.choice(TERM_WORDS + ["geneva", "resume"])
        counts[k] = {**counts[k], f"e{rng.randrange(14)}": 2}
        names[f"e{rng.randrange(12)}"] = f"Renamed {rng.randrange(99)}"
        docs = [term_weights(t) for t in texts]
        updated = related_by_terms(ids, counts, docs, names)
        memo.clear()
        assert updated == related_by_terms(ids, counts, docs, names)


def test_an_unchanged_build_reuses_the_last_result() -> None:
    ids, counts, texts = random_term_corpus(random.Random(7), 30)
    docs = [term_weights(t) for t in texts]
    memo.clear()
    first = related_by_terms(ids, counts, docs)
    assert related_by_terms(ids, counts, docs) == first


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"(?<![\w-])(?:court\s+hearing|talks)(?![\w-])", "The TALKS resumed"),
        (r"(?<![\w-])(?:court\s+hearing|talks)(?![\w-])", "pre-talks resumed"),
        (r"sentenc|term\b|,\s+(?:aged\s+)?\d{1,3},", "Smith, Aged 52, said"),
        (r"[A-Z]x", "ax"),
        (r"\Sfoo", "a foo"),
        (r"talks", "TALKſ and talks"),
        (r"talks", "Talkſ"),
    ],
)
def test_lower_cased_search_finds_what_the_pattern_finds(pattern: str, text: str) -> None:
    compiled = re.compile(pattern, re.IGNORECASE)
    assert finds(compiled, text) == bool(compiled.search(text))
