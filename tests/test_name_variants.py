"""Names as an editor reads them (issue 13, item 3): one entity per thing, no junk from capitals.

Every fixture here is written for the test; none comes from a corpus.
"""

from __future__ import annotations

from bench.eval_ner import DEFAULT_CORPUS, TUNING_CORPUS, corpus_label
from generator.analysis.entities.noise import title_spans
from generator.analysis.entities.recognise import compile_gazetteer, recognise
from generator.analysis.entities.teams import results_line, sides
from generator.config.gazetteer import Gazetteer
from generator.models import Article, EntityRef


def _run(*paragraphs: str) -> tuple[dict[str, EntityRef], dict[str, str]]:
    """Discovered entities by name, and each mention's surface -> the name of its entity."""
    mentions, discovered = recognise(Article("t.txt", "text", "", "", paragraphs), Gazetteer())
    by_id = {e.id: e for e in discovered}
    return {e.name: e for e in discovered}, {m.surface: by_id[m.entity].name for m in mentions}


def test_transliterations_of_one_person_merge_as_aliases() -> None:
    names, surfaces = _run(
        "The lawyer Alexei Tarasov said the appeal had been filed on Monday.",
        "Alexey Tarasov added that the court would hear it in the spring.",
    )
    assert list(names) == ["Alexei Tarasov"]
    assert names["Alexei Tarasov"].aliases == ("Alexey Tarasov",)
    assert surfaces["Alexey Tarasov"] == "Alexei Tarasov"


def test_two_people_with_one_first_name_stay_two() -> None:
    names, _ = _run("Alexei Tarasov met Alexei Navalny's lawyer in the morning, officials said.")
    assert {"Alexei Tarasov", "Alexei Navalny"} <= set(names)


def test_organisation_variants_with_country_and_federal_merge() -> None:
    names, surfaces = _run(
        "The Federal Customs Service said the cargo was held at the port.",
        "A spokesman for the Russian Federal Customs Service declined to comment.",
        "The Customs Service opened an inquiry the next day.",
    )
    orgs = [n for n, e in names.items() if e.kind == "organisation"]
    assert orgs == ["Russian Federal Customs Service"]
    assert surfaces["Customs Service"] == surfaces["Federal Customs Service"] == "Russian Federal Customs Service"


def test_two_countries_ministries_do_not_merge() -> None:
    names, _ = _run(
        "The Russian Foreign Ministry summoned the envoy.",
        "The Ukrainian Foreign Ministry answered within the hour.",
    )
    assert {"Russian Foreign Ministry", "Ukrainian Foreign Ministry"} <= set(names)


def test_appositive_first_name_links_to_the_person_named_in_full() -> None:
    names, surfaces = _run(
        "Pavel Orlov and his wife Irina Orlova arrived in Geneva on Sunday.",
        "Orlov's wife, Irina, told reporters that the family would stay.",
    )
    assert surfaces["Irina"] == "Irina Orlova"
    assert "Irina" not in names


def test_role_noun_and_comma_names_a_person() -> None:
    names, _ = _run("The case was argued by the lawyer, Hendricks, for most of the afternoon.")
    assert names["Hendricks"].kind == "person"


def test_titles_of_works_are_not_people() -> None:
    names, _ = _run(
        "He watched the film Silver Harbor Nights twice, critics said.",
        "The documentary “Marla Quentin Goes West” was shown in Vienna.",
    )
    assert "Silver Harbor Nights" not in names and "Marla Quentin" not in names
    assert names["Vienna"].kind == "place"


def test_title_spans_stop_before_lower_case_words() -> None:
    text = "the book Rivers of Ash in the library"
    (span,) = title_spans(text)
    assert text[span[0] : span[1]] == "Rivers of Ash"


def test_a_name_cut_off_by_a_truncated_file_is_dropped() -> None:
    names, _ = _run(
        "Pavel Orlov spoke to the delegates in Geneva for nearly an hour on Monday.",
        "After the session the delegates went to dinner and later met with Pavel Orl",
    )
    assert "Pavel Orl" not in names and "Pavel Orlov" in names


def test_a_finished_last_paragraph_keeps_its_last_name() -> None:
    names, _ = _run("The delegates went to dinner and later met with the mayor of Geneva, Pavel Orlov.")
    assert names["Pavel Orlov"].kind == "person"


def test_a_place_lookup_never_changes_the_words_of_a_name() -> None:
    lex = compile_gazetteer(Gazetteer()).lex
    assert lex.place("White House") is None  # an alternate name of Casablanca in the place list
    names, _ = _run("The White House announced new sanctions on Friday.")
    assert names["White House"].kind == "organisation"


def test_city_named_clubs_in_results_lines_are_organisations() -> None:
    names, _ = _run(
        "SOCCER - WESTLAND LEAGUE RESULTS .",
        "Leeds 2 Chelsea 0",
        "Leeds , who lost last week , moved up to third .",
    )
    assert names["Leeds"].kind == "organisation"
    assert names["Chelsea"].kind == "organisation"


def test_national_sides_stay_places_and_prose_is_no_results_line() -> None:
    lex = compile_gazetteer(Gazetteer()).lex
    assert [s.name for s in sides(1, "England 2 Wales 1", lex)] == []
    assert [s.name for s in sides(1, "BOSTON 69 65 .515 6", lex)] == ["BOSTON"]
    assert [s.name for s in sides(1, "NEW YORK AT SEATTLE", lex)] == ["NEW YORK"]  # "at Seattle": the ground
    assert [s.name for s in sides(1, "Aamir Malik c Derby b Ashford 46", lex)] == []
    assert not results_line("Leeds beat Chelsea 2-0 in front of 30,000 fans on Saturday.")
    assert not results_line("LONDON 1996-08-30")
    assert not results_line("1-mth Helibor 3.27 pct 3.29 pct")


def test_eval_ner_labels_held_out_and_development_scores() -> None:
    assert corpus_label(DEFAULT_CORPUS).startswith("HELD-OUT")
    assert corpus_label(TUNING_CORPUS).startswith("DEVELOPMENT")


def test_title_spans_behind_the_quick_test() -> None:
    """The quick test asks what follows the noun; titles after "shown", "display" or "filmcalled" are still found."""
    text = "Shown: a display. The filmcalled “Night Train” and the series, “Blue Hour” and the shows Red Sky"
    spans = [text[s:e] for s, e in title_spans(text)]
    assert spans == ["Night Train", "Blue Hour", "Red Sky"]
    assert title_spans("It was shown on display by the player.") == []
