"""The dossier's [sic] check brought up to date after an edit gives what a fresh check gives.

Every fixture is invented for the test: surnames with slips, first names, filler.
"""

from __future__ import annotations

import random

import pytest

from generator.dossier import memo
from generator.dossier.spelling import dossier_source_errors
from generator.models import Article

FIRST = ["Miriam", "Paul", "Olga", "Tomas"]
RIGHT = ["Halvorsen", "Engelmayer", "Brandvold", "Quistorp"]
SLIPS = {"Halvorsen": "Halvorssen", "Engelmayer": "Engelmeyer", "Brandvold": "Brandvolt", "Quistorp": "Quisttorp"}
KNOWN: frozenset[str] = frozenset()  # one object: the check is brought up to date only for the same known words
FILLER = ["The hearing was adjourned.", "Officials met on Friday.", "Talks resumed in the port."]


def _sentence(rng: random.Random) -> str:
    first = rng.choice(FIRST)
    surname = rng.choice(RIGHT)
    if rng.random() < 0.2:
        surname = SLIPS[surname]
    return f"{first} {surname} spoke again. {surname} said {rng.choice(FILLER).lower()}"


def _story(rng: random.Random, k: int, version: int) -> Article:
    paragraphs = tuple(_sentence(rng) if rng.random() < 0.7 else rng.choice(FILLER) for _ in range(rng.randrange(1, 4)))
    return Article(f"s{k}-{version}.txt", "text", "", "", paragraphs)


def _flags(found: list[tuple[Article, object]]) -> list[tuple[str, object]]:
    return [(article.source, error) for article, error in found]


@pytest.mark.parametrize("seed", range(8))
def test_edits_give_what_a_fresh_check_gives(seed: int) -> None:
    rng = random.Random(seed)
    articles = [_story(rng, k, 0) for k in range(14)]
    memo.clear()
    dossier_source_errors(articles, KNOWN)
    versions = []
    for version in range(1, 7):  # one or two stories edited at a time, one after the other
        for k in rng.sample(range(len(articles)), rng.randrange(1, 3)):
            articles[k] = _story(rng, k, version)
        versions.append((list(articles), _flags(dossier_source_errors(articles, KNOWN))))
    flagged = 0
    for snapshot, updated in versions:
        memo.clear()
        fresh = _flags(dossier_source_errors(snapshot, frozenset()))  # another set of known words: counted afresh
        assert updated == fresh
        flagged += len(fresh)
    assert flagged or seed not in (0, 1)  # the fixtures do flag slips (checked for the first seeds)


def test_an_edit_that_removes_the_only_slip_drops_its_flag() -> None:
    right = "Judge Miriam Halvorsen adjourned the hearing; Halvorsen said the court would sit again."
    articles = [
        Article("a.txt", "text", "", "", (right,)),
        Article("b.txt", "text", "", "", (right,)),
        Article("c.txt", "text", "", "", ("The case went back to Judge Miriam Halvorssen on Friday.",)),
    ]
    memo.clear()
    assert [e.text for _, e in dossier_source_errors(articles, KNOWN)] == ["Halvorssen"]
    articles[2] = Article("c.txt", "text", "", "", ("The case went back to Judge Miriam Halvorsen on Friday.",))
    assert dossier_source_errors(articles, KNOWN) == []
    articles[2] = Article("c.txt", "text", "", "", ("The case went back to Judge Miriam Halvorssen on Friday.",))
    assert [e.text for _, e in dossier_source_errors(articles, KNOWN)] == ["Halvorssen"]


def test_an_edit_elsewhere_that_leaves_too_few_right_spellings_drops_the_flag() -> None:
    right = "Judge Miriam Halvorsen adjourned the hearing; Halvorsen said the court would sit again."
    slip = ("The case went back to Judge Miriam Halvorssen on Friday.",)
    articles = [Article("a.txt", "text", "", "", (right,)), Article("b.txt", "text", "", "", (right,))]
    articles += [Article("c.txt", "text", "", "", slip), Article("d.txt", "text", "", "", ("Talks resumed.",))]
    memo.clear()
    assert [e.text for _, e in dossier_source_errors(articles, KNOWN)] == ["Halvorssen"]
    articles[1] = Article("b.txt", "text", "", "", ("The hearing was adjourned.",))  # the slip's story is not edited
    assert dossier_source_errors(articles, KNOWN) == []
    articles[3] = Article("d.txt", "text", "", "", (right,))
    assert [e.text for _, e in dossier_source_errors(articles, KNOWN)] == ["Halvorssen"]
