"""[sic] for names and words (issue 13, item 4): what is flagged, and what never is.

Every fixture is written for the test; none comes from a corpus.
"""

from __future__ import annotations

from generator.analysis.spelling import find_source_errors
from generator.dossier.spelling import dossier_source_errors, merge_errors
from generator.models import Article, SourceError


def _flags(*paragraphs: str, known: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    return [(e.text, e.suggestion) for e in find_source_errors(Article("t.txt", "text", "", "", paragraphs), known)]


def test_a_tripled_letter_in_a_common_word_is_flagged() -> None:
    assert _flags("He left the offfice early.") == [("offfice", "office")]
    assert _flags("The committtee met on Monday.") == [("committtee", "committee")]


def test_drawn_out_words_are_meant() -> None:
    assert _flags("Brrr, it was cold, shhh, and the crowd went wild: yesss, sooo good, hmmm.") == []


def test_a_misspelt_us_state_or_country_is_flagged() -> None:
    assert _flags("She grew up in Pennsilvania and studied abroad.") == [("Pennsilvania", "Pennsylvania")]
    assert _flags("The talks moved to Bangaldesh last week.") == [("Bangaldesh", "Bangladesh")]


def test_a_real_city_one_letter_from_a_country_is_no_slip() -> None:
    assert _flags("He won the Almeria half-marathon in Spain.") == []


def test_a_surname_misspelt_after_the_same_first_name() -> None:
    flags = _flags(
        "Svetlana Kuznetsova won the final in three sets.",
        "Kuznetsova said she had trained for months.",
        "The coach of Svetlana Kuznetsowa praised her serve.",
    )
    assert flags == [("Kuznetsowa", "Kuznetsova")]


def test_a_name_given_once_or_a_rare_correct_word_is_never_flagged() -> None:
    assert _flags("The quartet played a sarabande for Mr Quennell in the orangery.") == []
    assert _flags("Sri Lankan officials met in Colombo.", "Sri Lanka said the talks went well.") == []


def test_an_elision_is_not_corrected() -> None:
    assert _flags("It's 'orrible, he said, and 'twas ever thus.") == []


def _story(source: str, *paragraphs: str) -> Article:
    return Article(source, "text", "", "", paragraphs)


def test_dossier_flags_a_judge_spelt_otherwise_in_other_stories() -> None:
    right = "Judge Miriam Halvorsen adjourned the hearing; Halvorsen said the court would sit again."
    articles = [
        _story("a.txt", right),
        _story("b.txt", right),
        _story("c.txt", "The case went back to Judge Miriam Halvorssen on Friday."),
    ]
    found = dossier_source_errors(articles, frozenset())
    assert [(a.source, e.text, e.suggestion) for a, e in found] == [("c.txt", "Halvorssen", "Halvorsen")]


def test_dossier_leaves_two_people_and_transliterations_alone() -> None:
    articles = [
        _story("a.txt", "Coach Peter Stimson praised the side. Stimson said it was a good day. Peter Stimson left."),
        _story("b.txt", "Peter Stimson returned. Stimson spoke again about Peter Stimson's plans."),
        _story("c.txt", "Tim Stimpson kicked the winning goal."),
        _story("d.txt", "Alexei Morozov spoke. Morozov said it again, and Alexei Morozov left."),
        _story("e.txt", "Alexei Morozov returned and Morozov spoke."),
        _story("f.txt", "Alexey Morozow answered."),
    ]
    assert dossier_source_errors(articles, frozenset()) == []


def test_merge_errors_keeps_one_per_span_in_text_order() -> None:
    a = SourceError("Halvorssen", "Halvorsen", 1, 10, 20)
    b = SourceError("offfice", "office", 0, 3, 10)
    assert merge_errors([a], [a, b]) == (b, a)
