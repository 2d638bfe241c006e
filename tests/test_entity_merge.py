"""One entity per person or organisation across the dossier (issue 13 follow-up).

Every story here is invented for the test; none comes from a corpus. The end-to-end tests
run ``dossier export`` over tests/fixtures/dossier_merge (three invented wire stories).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.analysis.analyse import analyse
from generator.analysis.entities.gazetteer_match import compile_gazetteer
from generator.cli import main
from generator.config import SiteConfig
from generator.dossier.corpus import Corpus, build_corpus
from generator.dossier.entity_merge import asides, entity_remap, family_name, in_aside
from generator.models import Article
from generator.render.article import render_article
from tests.conftest import FIXTURES, ROOT

STORIES = FIXTURES / "dossier_merge"


def _dossier(config: SiteConfig, *stories: tuple[str, ...]) -> Corpus:
    articles = [Article(f"s{i}.txt", "text", f"Story number {i}", "", paras) for i, paras in enumerate(stories)]
    return build_corpus([analyse(a, config) for a in articles], config)


def _names(corpus: Corpus) -> dict[str, tuple[str, ...]]:
    return {e.name: e.aliases for e in corpus.entities.values()}


def test_transliterations_in_different_stories_are_one_person(config: SiteConfig) -> None:
    corpus = _dossier(
        config,
        ("The lawyer Alexei Dorofeyev said the appeal was filed. Alexei Dorofeyev added that it would succeed.",),
        ("Alexei Dorofeyev, the defence lawyer, spoke to reporters on Friday.",),
        ("Alexey Dorofeyev said the court had not yet set a date for the hearing.",),
    )
    names = _names(corpus)
    assert "Alexey Dorofeyev" not in names
    assert "Alexey Dorofeyev" in names["Alexei Dorofeyev"]  # the commoner spelling names him
    assert len(corpus.entity_articles["alexei-dorofeyev"]) == 3


def test_yuri_yury_and_sky_skiy_in_different_stories_are_one_person(config: SiteConfig) -> None:
    corpus = _dossier(
        config,
        ("Yury Zaretskiy, a spokesman for the embassy, said the consul would visit. Yury Zaretskiy gave no date.",),
        ("The embassy spokesman Yuri Zaretsky said the letter had been delivered on Monday.",),
    )
    people = [e for e in corpus.entities.values() if e.kind == "person"]
    assert [(p.name, p.aliases) for p in people] == [("Yury Zaretskiy", ("Yuri Zaretsky",))]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Viktor Bout", "Alla Bout"),  # husband and wife
        ("Oleg Kamin", "Pavel Kamin"),  # father and son
        ("Alexei Varlamov", "Alexander Varlamov"),  # one surname, first names that are not variants
        ("Ivan Petrov", "Ivana Petrova"),  # a changed ending is another person
        ("Oleg Kamin", "Oleg Kamin Jr"),
        ("David Kelly", "David Kelley"),  # English surnames a letter apart are not transliterations
        ("John Philips", "John Phillips"),
    ],
)
def test_two_people_never_merge(config: SiteConfig, first: str, second: str) -> None:
    corpus = _dossier(
        config,
        (f"{first} said on Monday that the talks had ended. {first} left for Geneva.",),
        (f"{second} said on Tuesday that the family would appeal. {second} gave no details.",),
    )
    names = {e.name for e in corpus.entities.values() if e.kind == "person"}
    assert {first, second} <= names


def test_a_variant_of_a_gazetteer_name_joins_the_gazetteer_entry(config: SiteConfig) -> None:
    corpus = _dossier(
        config,
        ("Sergey Ryabkov, the deputy minister, said the talks would continue. Sergey Ryabkov gave no date.",),
    )
    assert "sergey-ryabkov" not in corpus.entities
    assert "Sergey Ryabkov" in corpus.entities["sergei-ryabkov"].aliases


def test_organisation_with_and_without_country_or_federal_is_one(config: SiteConfig) -> None:
    corpus = _dossier(
        config,
        ("The Federal Migration Service said the papers were in order. The Federal Migration Service gave no figure.",),
        ("The Russian Federal Migration Service said on Friday it had issued the visas.",),
        ("Russia's Migration Service denied the report on Sunday.",),
    )
    orgs = {e.name: e.aliases for e in corpus.entities.values() if e.kind == "organisation"}
    assert list(orgs) == ["Federal Migration Service"]
    assert {"Russian Federal Migration Service", "Migration Service"} <= set(orgs["Federal Migration Service"])


def test_one_body_of_two_countries_stays_two(config: SiteConfig) -> None:
    corpus = _dossier(
        config,
        ("The Ukrainian Interior Ministry said the border was closed on Monday.",),
        ("The Georgian Interior Ministry said on Friday that the border had reopened.",),
    )
    orgs = {e.name for e in corpus.entities.values() if e.kind == "organisation"}
    assert {"Ukrainian Interior Ministry", "Georgian Interior Ministry"} <= orgs


def test_a_bare_name_joins_only_in_a_story_about_that_country(config: SiteConfig) -> None:
    stories = [
        ("The Ukrainian Interior Ministry said the border was closed. The Ukrainian Interior Ministry gave no reason.",),
        ("The Interior Ministry said Ukraine would reopen the border; Ukrainian officials confirmed it in Kiev.",),
        ("The Interior Ministry said on Friday that three officers had been dismissed in Nairobi.",),
    ]
    analyses = [analyse(Article(f"s{i}.txt", "text", "", "", s), config) for i, s in enumerate(stories)]
    remap = entity_remap(analyses, config.gazetteer.entries, compile_gazetteer(config.gazetteer).lex)
    assert remap.everywhere == {}
    assert remap.for_story(1) == {"interior-ministry": "ukrainian-interior-ministry"}  # the story speaks of Ukraine
    assert remap.for_story(2) == {}  # Nairobi's ministry is not Ukraine's
    corpus = build_corpus(analyses, config)
    assert {"interior-ministry", "ukrainian-interior-ministry"} <= set(corpus.entities)
    assert len(corpus.entity_articles["ukrainian-interior-ministry"]) == 2


def test_family_name_folds_gender_and_transliteration(config: SiteConfig) -> None:
    lex = compile_gazetteer(config.gazetteer).lex
    assert family_name("Kamina", lex) == family_name("Kamin", lex)
    assert family_name("Zaretskaya", lex) == family_name("Zaretskiy", lex) == family_name("Zaretsky", lex)
    assert family_name("Kamin", lex) != family_name("Karin", lex)


def test_a_wife_by_first_name_is_the_wife_named_in_full_elsewhere(config: SiteConfig) -> None:
    corpus = _dossier(
        config,
        ("Oleg Kamin was sentenced on Monday. Vera Kamin said she would appeal. Vera Kamin flew home.",),
        ("Oleg Kamin was moved to a prison in Illinois. Kamin's wife, Vera, said she had not seen him.",),
    )
    second = next(i for i in corpus.articles if i.analysis.article.source == "s1.txt")
    vera = [m.entity for m in second.analysis.mentions if m.surface == "Vera"]
    assert vera == ["vera-kamin"]
    assert "vera" not in corpus.entities


def test_a_first_name_with_no_relative_in_full_stays_itself(config: SiteConfig) -> None:
    corpus = _dossier(
        config,
        ("Oleg Kamin was moved to a prison in Illinois. Kamin's wife, Vera, said she had not seen him.",),
        ("Vera Markova, a lawyer, said on Friday that the appeal had been filed. Vera Markova gave no date.",),
    )
    assert "vera-markova" in corpus.entities
    first = next(i for i in corpus.articles if i.analysis.article.source == "s0.txt")
    assert "vera-markova" not in {m.entity for m in first.analysis.mentions}


def test_an_aside_about_the_wife_is_not_the_husbands_event() -> None:
    text = "Oleg Kamin, whose wife Vera Kamin has campaigned for his release, was extradited to the United States in 2010."
    assert asides(text) == [(10, text.index(", was"))]
    assert in_aside(text, 0, len(text), text.index("2010"), text.index("Vera"))
    assert not in_aside(text, 0, len(text), text.index("2010"), text.index("Oleg"))
    dated = "Oleg Kamin, who was arrested in 2008 with Vera Kamin, denies the charges."
    assert not in_aside(dated, 0, len(dated), dated.index("2008"), dated.index("Vera"))  # the date is the aside's


def _export(tmp_path: Path) -> dict:
    out = tmp_path / "export.json"
    assert main(["export", str(STORIES), "--root", str(ROOT), "-o", str(out), "-q"]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_export_merges_people_and_agencies_across_the_fixture_stories(tmp_path: Path) -> None:
    data = _export(tmp_path)
    entities = {e["id"]: e for e in data["entities"]}
    assert "alexey-dorofeyev" not in entities and "Alexey Dorofeyev" in entities["alexei-dorofeyev"]["aliases"]
    assert "yuri-zaretsky" not in entities and "Yuri Zaretsky" in entities["yury-zaretskiy"]["aliases"]
    assert "russian-federal-security-service" not in entities
    assert len(entities["federal-security-service"]["articles"]) == 3
    assert {"oleg-kamin", "vera-kamin", "pavel-kamin"} <= set(entities)  # husband, wife and son stay three
    assert "vera" not in entities and len(entities["vera-kamin"]["articles"]) == 3


def test_export_flags_a_judge_misspelt_against_the_other_stories(tmp_path: Path) -> None:
    data = _export(tmp_path)
    errors = {a["source"]: a["source_errors"] for a in data["articles"]}
    assert errors["tass_world_100388.txt"] == [{"text": "Halvosen", "suggestion": "Halvorsen", "paragraph": 3}]
    assert errors["tass_world_100101.txt"] == errors["tass_world_100207.txt"] == []
    judge = next(e for e in data["entities"] if e["id"] == "miriam-halvorsen")
    assert len(judge["articles"]) == 3  # the misspelt judge is the judge


def test_the_article_page_shows_the_dossier_sic(config: SiteConfig) -> None:
    from generator.pipeline import analyse_dossier

    corpus = analyse_dossier(config, STORIES)
    info = next(i for i in corpus.articles if i.analysis.article.source == "tass_world_100388.txt")
    page = render_article(info, corpus)
    assert "“Halvosen”" in page and "probably “Halvorsen”" in page


def test_a_wife_by_first_name_is_the_gazetteers_wife(config: SiteConfig) -> None:
    corpus = _dossier(config, ("Viktor Bout was moved to a prison in Illinois. Bout's wife, Alla, said she had not seen him.",))
    alla = [m.entity for m in corpus.articles[0].analysis.mentions if m.surface == "Alla"]
    assert alla == ["alla-bout"]
    assert "viktor-bout" in corpus.entities and "alla" not in corpus.entities


def test_an_acronym_joins_the_organisation_a_story_spelt_out(config: SiteConfig) -> None:
    corpus = _dossier(
        config,
        ("The Baltic Harbour Authority and the BHA chairman spoke on Tuesday.",),
        ("The BHA said the port would reopen.",),
    )
    names = _names(corpus)
    assert "BHA" not in names and "BHA" in names["Baltic Harbour Authority"]  # its initials, and named together once


def test_an_acronym_never_joins_a_name_it_only_abbreviates_by_chance(config: SiteConfig) -> None:
    corpus = _dossier(
        config,
        ("The Coastal Bank of Iceland raised its rates on Monday.",),
        ("The CBI said on Friday that factories were busy.",),
    )
    names = _names(corpus)
    assert "CBI" in names and "CBI" not in names["Coastal Bank of Iceland"]  # never in one story together
