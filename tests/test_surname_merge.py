"""A lone surname across the dossier (generator/dossier/surname_merge.py): "Mr Varga" in a story that never
names him in full is the dossier's one Oleg Varga; two people of that surname, a first name alone, or a
title of the other gender keep them apart. Fixtures are invented stories written for these tests."""

from __future__ import annotations

from pathlib import Path

from generator.config import SiteConfig
from generator.pipeline import analyse_dossier
from tests.conftest import harbour_content


def _people(config: SiteConfig, tmp: Path, *bodies: str) -> dict[str, tuple[str, ...]]:
    stories = [(f"story{n}.txt", f"Harbour story {n}", body) for n, body in enumerate(bodies)]
    corpus = analyse_dossier(config, content_dir=harbour_content(tmp, stories))
    return {e.name: corpus.entity_articles.get(e.id, ()) for e in corpus.entities.values() if e.kind == "person"}


def test_a_lone_surname_is_the_dossiers_one_person_of_that_surname(config: SiteConfig, tmp_path: Path) -> None:
    people = _people(
        config,
        tmp_path,
        "Harbour master Oleg Varga opened the new pier on Monday.",
        "Mr Varga said the ferries would sail in June, and the board agreed.",
    )
    assert "Varga" not in people
    assert len(people["Oleg Varga"]) == 2


def test_two_people_of_that_surname_keep_a_lone_one_apart(config: SiteConfig, tmp_path: Path) -> None:
    people = _people(
        config,
        tmp_path,
        "Harbour master Oleg Varga opened the new pier on Monday.",
        "Ferry captain Marta Varga sailed the first boat on Tuesday.",
        "Mr Varga said the ferries would sail in June, and the board agreed.",
    )
    assert "Varga" in people


def test_a_title_of_the_other_gender_keeps_a_lone_one_apart(config: SiteConfig, tmp_path: Path) -> None:
    people = _people(
        config,
        tmp_path,
        "Ferry captain Marta Varga sailed the first boat on Tuesday.",
        "Mr Varga said the ferries would sail in June, and the board agreed.",
    )
    assert "Varga" in people and len(people["Marta Varga"]) == 1
