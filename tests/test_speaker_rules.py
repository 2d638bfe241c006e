"""Who speaks when the quote's own sentence does not say: the name before a verb, the
sentence before, a country for its government, relatives, people introduced with a role;
and the names the recogniser must give for that (relatives by surname, two-word
surnames, first names that speak). Fixtures are invented stories written for these tests."""

from __future__ import annotations

import pytest

from generator.analysis.entities.recognise import recognise
from generator.analysis.quotes import find_quotes
from generator.config.gazetteer import Gazetteer
from generator.language.lexicon import QuoteCues
from generator.models import Article, EntityRef
from tests.test_quotes import mentions_of

PEOPLE = {
    e.id: e
    for e in (
        EntityRef("marta-kolar", "Marta Kolar", "person", aliases=("Kolar",)),
        EntityRef("oleg-varga", "Oleg Varga", "person", aliases=("Varga",)),
        EntityRef("ivan-petrak", "Ivan Petrak", "person", aliases=("Petrak",)),
        EntityRef("erin-holt", "Erin Holt", "person", aliases=("Holt",)),
        EntityRef("tom-brandt", "Tom Brandt", "person", aliases=("Brandt",)),
        EntityRef("harbour-board", "Harbour Board", "organisation"),
        EntityRef("norland", "Norland", "place"),
        EntityRef("estmark", "Estmark", "place"),
        EntityRef("lisvik", "Lisvik", "place"),
    )
}


def quotes(cues: QuoteCues, *paragraphs: str) -> list[tuple[str | None, str, str]]:
    article = Article("t.txt", "text", "Headline", "", tuple(paragraphs))
    found = find_quotes(article, mentions_of(article, PEOPLE), PEOPLE, cues)
    return [(q.speaker, q.speaker_label, q.resolved_by) for q in found if q.kind == "quote"]


def test_the_name_before_a_verb_not_the_first_name_written(cues: QuoteCues) -> None:
    got = quotes(cues, 'At a dinner in Lisvik with the singer Tom Brandt, Kolar called the new tax "a disgrace."')
    assert got == [("marta-kolar", "Marta Kolar", "named")]


def test_he_before_a_verb(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        "Oleg Varga has kept out of sight for a month.",
        'In an interview with the Harbour Board newsletter he blasted the ministers for their "shameless greed."',
    )
    assert got == [("oleg-varga", "Oleg Varga", "pronoun")]


def test_a_verb_leading_into_the_quote_beats_an_earlier_cue(cues: QuoteCues) -> None:
    got = quotes(cues, 'When Kolar noted that Varga had paid no harbour dues, Varga boasted, "That makes me clever."')
    assert got == [("oleg-varga", "Oleg Varga", "named")]


def test_a_cue_far_from_the_quote_still_counts_when_no_verb_leads_in(cues: QuoteCues) -> None:
    got = quotes(cues, 'Kolar said that the harbour, closed since May, was "ready for the boats."')
    assert got == [("marta-kolar", "Marta Kolar", "named")]


def test_a_quote_sentence_goes_to_whom_the_sentence_before_is_about(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        '"The quotas are fair," Varga said.',
        'His former partner at the Harbour Board, Marta Kolar, called him a master of deals. "He always found a way."',
    )
    assert got[-1] == ("marta-kolar", "Marta Kolar", "continued")


def test_the_sentence_before_must_be_about_someone(cues: QuoteCues) -> None:
    got = quotes(cues, '"The quotas are fair," Varga said.', 'The harbour reopened in May. "It was long overdue."')
    assert got[-1] == ("oleg-varga", "Oleg Varga", "continued")  # the story's speaker, as before


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        pytest.param('"We will answer this in kind," Norland said.', "norland", id="cue"),
        pytest.param('Norland insisted that its neighbour "stop the provocations."', "norland", id="weak-cue"),
        pytest.param('Estmark branded the test a "reckless provocation."', "estmark", id="opening-verb"),
        pytest.param('Even Norland, the only ally of Estmark, said it was "deeply concerned."', "norland", id="appositive"),
    ],
)
def test_a_country_speaks_for_its_government(cues: QuoteCues, paragraph: str, speaker: str) -> None:
    assert [who for who, _, _ in quotes(cues, paragraph)] == [speaker]


def test_a_place_inside_a_phrase_does_not_speak(cues: QuoteCues) -> None:
    got = quotes(cues, 'Oleg Varga arrived on Monday.', '"The talks were useful," he said in Norland.')
    assert got == [("oleg-varga", "Oleg Varga", "pronoun")]
    got = quotes(cues, '"The talks were useful," an official in Norland said.')
    assert [who for who, _, _ in got] == [None]


def test_an_unnamed_relative_is_a_person_of_a_known_gender(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        "Marta Kolar grew up on the coast.",
        '"The sea gives and the sea takes," my father often said.',
        'He also told his friends that "the harbour is finished."',
        '"Do not listen to him," she said.',
    )
    assert got == [
        (None, "my father", "unnamed"),
        (None, "my father", "pronoun"),
        ("marta-kolar", "Marta Kolar", "pronoun"),
    ]


def test_a_person_introduced_with_a_role_closing_the_sentence_is_the_next_he(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        "While Oleg Varga toured the north, the delay worries Tom Brandt, chairman of the harbour pilots' union.",
        '"Nobody is steering this ship," he said.',
    )
    assert got == [("tom-brandt", "Tom Brandt", "pronoun")]


def test_a_person_named_in_passing_is_not_the_next_he(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        "Oleg Varga met the harbour pilots on Monday.",
        "He praised Tom Brandt, who retired, over the rescue at sea.",
        '"We owe them everything," he said.',
    )
    assert got == [("oleg-varga", "Oleg Varga", "pronoun")]


def test_a_spaced_hyphen_ends_the_speaker_and_some_is_no_he(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        "Oleg Varga left a bold - some say reckless - plan for the harbour.",
        '"It will pay for itself," he said.',
    )
    assert got == [("oleg-varga", "Oleg Varga", "pronoun")]


def test_a_connector_is_no_name_and_a_noun_is_no_cue(cues: QuoteCues) -> None:
    got = quotes(cues, 'Oleg Varga expects the worst. So he suggested a "safety fund" for the boats.')
    assert got == [("oleg-varga", "Oleg Varga", "pronoun")]
    got = quotes(cues, '"It is our water," Marta Kolar, the mayor of one of the states on the coast, said.')
    assert got == [("marta-kolar", "Marta Kolar", "named")]


def test_according_to_closing_the_sentence_names_the_speaker(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        '"The quotas are fair," Varga said.',
        'Thousands joined a "sail-in" at forty harbours, according to the Harbour Board.',
    )
    assert got[-1] == ("harbour-board", "Harbour Board", "named")


# ------------------------------------------------------------------ names


def _people(*paragraphs: str) -> dict[str, str]:
    """Surface -> entity name, for the people the recogniser finds with no gazetteer."""
    article = Article("t.txt", "text", "Headline", "", tuple(paragraphs))
    mentions, found = recognise(article, Gazetteer())
    names = {e.id: e for e in found}
    return {m.surface: names[m.entity].name for m in mentions if m.entity in names and names[m.entity].kind == "person"}


def test_a_relative_sharing_a_surname_is_another_person() -> None:
    people = _people(
        "Police shot Dorian Kessel Ward on Tuesday evening outside his home.",
        "A video shows the officers. Tamsyn Ward can be heard shouting that her husband was unarmed.",
    )
    assert people.get("Tamsyn Ward") == "Tamsyn Ward"
    assert people.get("Dorian Kessel Ward") == "Dorian Kessel Ward"


def test_a_two_word_surname_is_the_person_named_in_full() -> None:
    people = _people(
        "The president, Ernesto Vidal Quiroga, spoke on Monday.",
        "Many voters were angry when Mr. Vidal Quiroga invited the visitors.",
    )
    assert people.get("Vidal Quiroga") == "Ernesto Vidal Quiroga"


def test_a_first_name_that_speaks_is_a_person() -> None:
    people = _people('"We are winning," Melanie said to the television.')
    assert people.get("Melanie") == "Melanie"


def test_a_mc_surname_that_speaks_is_a_person_not_a_company() -> None:
    article = Article("t.txt", "text", "Headline", "", ("The rally was loud. McTavish said the plan would fail.",))
    mentions, found = recognise(article, Gazetteer())
    kinds = {e.name: e.kind for e in found}
    assert kinds.get("McTavish") == "person"


def test_a_quote_inside_a_quote_keeps_the_outer_one_whole(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        "“The quotas are fair.” ― Marta Kolar",
        "“I would rather fish in what he calls “hell” than sail under his flag.” ― Oleg Varga",
    )
    assert got == [("marta-kolar", "Marta Kolar", "named"), ("oleg-varga", "Oleg Varga", "named")]
    article = Article("t.txt", "text", "Headline", "", ("“I would rather fish in what he calls “hell” than sail.” ― Oleg Varga",))
    texts = [q.text for q in find_quotes(article, mentions_of(article, PEOPLE), PEOPLE, cues)]
    assert texts == ["I would rather fish in what he calls “hell” than sail."]


def test_a_quote_opened_again_without_closing_still_splits(cues: QuoteCues) -> None:
    article = Article("t.txt", "text", "Headline", "", ("“We will sail, Varga said. “The boats are ready,” he added.",))
    texts = [q.text for q in find_quotes(article, mentions_of(article, PEOPLE), PEOPLE, cues)]
    assert texts == ["We will sail, Varga said.", "The boats are ready,"]


def test_a_weak_verb_in_passing_does_not_take_over_the_main_speaker(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        '"The harbour will reopen," Marta Kolar said.',
        '"The boats are ready," Kolar said.',
        '"The quotas are agreed," Kolar told reporters.',
        'Back in 2019, Oleg Varga suggested "closing the harbour for ten years."',
        '"We never closed it, and we never will."',
    )
    assert got[3][0] == "oleg-varga"
    assert got[4] == ("marta-kolar", "Marta Kolar", "continued")


def test_a_plain_speaker_keeps_the_next_quote_paragraph(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        '"The harbour will reopen," Marta Kolar said.',
        '"The boats are ready," Kolar said.',
        '"The quotas are agreed," Kolar told reporters.',
        '"Nobody asked the fishermen," Oleg Varga said.',
        '"We will sail anyway."',
    )
    assert got[4] == ("oleg-varga", "Oleg Varga", "continued")


def test_the_and_a_name_is_a_paper_not_a_person(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        '"The harbour is bankrupt," the Courier wrote.',
        '"Its debts are ten times its income," it added.',
    )
    assert got == [(None, "Courier", "named"), (None, "Courier", "pronoun")]


def test_an_unknown_name_opening_its_sentence_before_a_verb_speaks(cues: QuoteCues) -> None:
    got = quotes(cues, '"The quotas are fair," Varga said.', 'Factwatch then ruled that the claim was "mostly true."')
    assert got[-1] == (None, "Factwatch", "named")


def test_an_opening_word_is_no_name(cues: QuoteCues) -> None:
    got = quotes(cues, '"The quotas are fair," Varga said.', 'After the vote ended, the board called it "a fair result."')
    assert got[-1][1] != "After"


def test_the_owner_of_the_words_a_quote_names(cues: QuoteCues) -> None:
    got = quotes(cues, 'Marta Kolar checked Varga’s claim that there were "thousands of boats" in the bay.')
    assert got == [("oleg-varga", "Oleg Varga", "named")]


def test_a_bare_surname_whose_own_pronoun_is_of_the_other_gender_is_the_relative(cues: QuoteCues) -> None:
    people = {
        e.id: e
        for e in (
            EntityRef("ivan-petrak", "Ivan Petrak", "person", aliases=("Petrak",)),
            EntityRef("anna-petrak", "Anna Petrak", "person"),
        )
    }
    article = Article(
        "t.txt",
        "text",
        "Headline",
        "",
        (
            "Ivan Petrak was sentenced in 2019.",
            '"He has served enough," Anna Petrak told reporters.',
            "Petrak said her husband was ill.",
            "Petrak said he would appeal again.",
        ),
    )
    found = find_quotes(article, mentions_of(article, people), people, cues)
    assert [q.speaker for q in found if q.kind == "statement"] == ["anna-petrak", "ivan-petrak"]


def test_a_subordinator_before_the_pronoun_is_dropped(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        "Oleg Varga gave no figures for his plan, though he said \"harbour fees\" would pay for it.",
    )
    assert got == [("oleg-varga", "Oleg Varga", "pronoun")]


def test_who_said_goes_to_the_person_before_it_and_never_inverts(cues: QuoteCues) -> None:
    got = quotes(cues, 'Oleg Varga met Marta Kolar, who said the talks were "useful and frank."')
    assert got == [("marta-kolar", "Marta Kolar", "named")]


def test_which_notes_goes_to_the_phrase_set_off_before_it(cues: QuoteCues) -> None:
    got = quotes(cues, 'Instead, the audit -- which notes that the port would owe "millions in fees" -- is a warning.')
    assert got == [(None, "audit", "unnamed")]


def test_the_statement_is_the_organisation_that_just_spoke_and_otherwise_itself(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        '"The harbour stays open," the Harbour Board said on Monday.',
        '"All boats are welcome," the statement reads.',
    )
    assert got[-1] == ("harbour-board", "Harbour Board", "role")
    got = quotes(
        cues,
        '"The harbour stays open," the Harbour Board said on Monday.',
        "Oleg Varga has led the fishermen for ten years.",
        "Marta Kolar runs the ferry company.",
        "In May, a group of skippers sent a letter to the mayor.",
        '"We cannot wait another season," the letter reads.',
    )
    assert got[-1] == (None, "letter", "unnamed")


def test_a_name_then_a_dash_then_a_quoted_sentence(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        '"The quotas are fair," Varga said.',
        'Many skippers have said the same, including the ferry owner Marta Kolar -- "The port has failed us" -- and others.',
    )
    assert got[-1] == ("marta-kolar", "Marta Kolar", "named")
    got = quotes(
        cues,
        '"The quotas are fair," Varga said.',
        'Kolar said Varga has lately seemed close to the Harbour Board -- "a different man to me."',
    )
    assert got[-1] == ("marta-kolar", "Marta Kolar", "named")


def test_a_spaced_dash_sets_off_an_appositive_like_commas(cues: QuoteCues) -> None:
    got = quotes(cues, '"We used to see smugglers do this," Oleg Varga - then an adviser to Marta Kolar - told reporters.')
    assert got == [("oleg-varga", "Oleg Varga", "named")]


def test_a_name_after_a_preposition_is_no_subject(cues: QuoteCues) -> None:
    people = {**PEOPLE, "clean-harbours": EntityRef("clean-harbours", "Clean Harbours", "person")}  # mistyped
    article = Article(
        "t.txt",
        "text",
        "Headline",
        "",
        (
            "But Oleg Varga of the Campaign for Clean Harbours urged the mayor to keep pressing.",
            '"Today\'s ruling is no excuse to give up," he said.',
        ),
    )
    found = find_quotes(article, mentions_of(article, people), people, cues)
    assert [q.speaker for q in found if q.kind == "quote"] == ["oleg-varga"]


def test_she_prefers_a_person_known_to_be_a_woman(cues: QuoteCues) -> None:
    people = {
        **PEOPLE,
        "sea-wolves": EntityRef("sea-wolves", "Sea Wolves", "person"),  # a crew the recogniser took for a person
    }
    article = Article(
        "t.txt",
        "text",
        "Headline",
        "",
        (
            "Marta Kolar sailed for ten years, and in the Sea Wolves, she won every race. Later Oleg Varga hired her.",
            'She retired in 2001, an "easy decision" she said.',
        ),
    )
    found = find_quotes(article, mentions_of(article, people), people, cues)
    assert [q.speaker for q in found if q.kind == "quote"] == ["marta-kolar"]


def test_a_naming_verb_closer_to_the_quote_wins_over_an_earlier_cue(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        'The Harbour Board has confirmed the bid, but its chair Marta Kolar has called it "derisory".',
    )
    assert got == [("marta-kolar", "Marta Kolar", "named")]


def test_a_speech_verb_inside_the_reported_clause_does_not_steal_the_quote(cues: QuoteCues) -> None:
    got = quotes(
        cues,
        'Marta Kolar said that when Varga had announced the closure she got the "clear impression" he was leaving.',
    )
    assert got == [("marta-kolar", "Marta Kolar", "named")]


def test_the_listener_before_a_colon_is_not_the_speaker(cues: QuoteCues) -> None:
    got = quotes(cues, 'Mr Varga told the Harbour Board: "The reason I am resigning is the quotas."')
    assert got == [("oleg-varga", "Oleg Varga", "named")]
