"""The whole per-article pipeline on the samples against ../shared/gold/seeds.yml:
entities with canonical names and aliases, quotes with speakers, [sic] notes, related articles."""

from __future__ import annotations

import re

import pytest
import yaml

from generator.dossier.corpus import Corpus
from generator.models import ArticleInfo
from tests.conftest import shared

KIND_KEYS = {"people": "person", "organisations": "organisation", "places": "place"}


def fold(name: str) -> str:
    return re.sub(r"[^\w]+", " ", name.casefold().replace("’", "'")).strip()


@pytest.fixture(scope="module")
def gold() -> dict:
    return yaml.safe_load(shared("gold", "seeds.yml").read_text(encoding="utf-8"))


def _info(corpus: Corpus, source: str) -> ArticleInfo:
    return next(i for i in corpus.articles if i.analysis.article.source == source)


def test_entities_and_aliases(seed_corpus: Corpus, gold: dict) -> None:
    for item in gold["articles"]:
        info = _info(seed_corpus, item["file"])
        found = {
            (fold(seed_corpus.entities[m.entity].name), seed_corpus.entities[m.entity].kind)
            for m in info.analysis.mentions
            if m.entity in seed_corpus.entities
        }
        for key, kind in KIND_KEYS.items():
            for name in item[key]:
                assert (fold(name), kind) in found, (item["file"], name)
        surfaces = {
            (m.surface, fold(seed_corpus.entities[m.entity].name))
            for m in info.analysis.mentions
            if m.entity in seed_corpus.entities
        }
        for surface, canonical in item["aliases"].items():
            assert (surface, fold(canonical)) in surfaces, (item["file"], surface)
        expected = {fold(n) for key in KIND_KEYS for n in item[key]}
        assert {name for name, _ in found} <= expected, "entities the gold does not list"


def test_quotes_and_speakers(seed_corpus: Corpus, gold: dict) -> None:
    for item in gold["articles"]:
        info = _info(seed_corpus, item["file"])
        quotes = [q for q in info.analysis.quotes if q.kind == "quote"]  # statements are not in the gold
        assert len(quotes) == len(item["quotes"])
        for quote, want in zip(quotes, item["quotes"], strict=True):
            assert fold(quote.text).startswith(fold(want["starts"])), (quote.text, want["starts"])
            if "(unnamed)" in want["speaker"]:
                assert quote.speaker is None
                assert fold(quote.speaker_label) == fold(want["speaker"].replace("(unnamed)", ""))
            else:
                assert quote.speaker is not None
                assert fold(seed_corpus.entities[quote.speaker].name) == fold(want["speaker"])


def test_source_errors_and_nothing_else(seed_corpus: Corpus, gold: dict) -> None:
    for item in gold["articles"]:
        info = _info(seed_corpus, item["file"])
        got = [(e.text, e.suggestion) for e in info.analysis.source_errors]
        assert got == [(e["text"], e["suggestion"]) for e in item["source_errors"]]


def test_samples_are_each_others_first_related(seed_corpus: Corpus) -> None:
    first, second = seed_corpus.articles
    assert first.related and first.related[0][0] == second.id
    assert second.related and second.related[0][0] == first.id
    assert "Viktor Bout" in first.related[0][1]


def test_same_entities_in_both(seed_corpus: Corpus, gold: dict) -> None:
    ids = {fold(e.name): e.id for e in seed_corpus.entities.values()}
    for name in gold["corpus"]["same_entity_in_both"]:
        assert len(seed_corpus.entity_articles[ids[fold(name)]]) == 2, name
