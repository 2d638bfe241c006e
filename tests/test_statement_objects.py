"""A speech verb with a plain noun-phrase object reports nothing ("added a chart to the report",
"said a prayer"); with a clause, with or without "that", it still does. Which verbs report their
object is data (quotes.yml ``object_verbs``). Fixtures are invented sentences written for these tests."""

from __future__ import annotations

import dataclasses

import pytest

from generator.language.clauses import finite_clause, opening_clause
from generator.language.lexicon import QuoteCues
from tests.test_statements import statements


@pytest.mark.parametrize(
    "paragraph",
    [
        "The ferry company added a night crossing to its winter timetable.",
        "Oleg Varga added two new berths to the eastern pier last spring.",
        "Marta Kolar added a short note of thanks for the lifeboat crews.",
        "The Harbour Board said a brief prayer for the crew of the lost trawler.",
        "Erin Holt stated her name and her address for the inquiry's record.",
        "The harbour office explained the new mooring rules to the visiting skippers.",
        "The fish market adds a fourth auction hall to the old quayside.",
    ],
)
def test_a_plain_object_is_no_statement(cues: QuoteCues, paragraph: str) -> None:
    assert statements(cues, paragraph) == []


@pytest.mark.parametrize(
    ("paragraph", "speaker", "text"),
    [
        ("Oleg Varga added that the night crossing would start in May.", "oleg-varga",
         "the night crossing would start in May"),
        ("Marta Kolar said the lifeboat crews had worked through the storm.", "marta-kolar",
         "the lifeboat crews had worked through the storm"),
        ("Erin Holt says the skippers still want a vote on the new berths.", "erin-holt",
         "the skippers still want a vote on the new berths"),
        ("The Harbour Board says Varga represents the ferry company.", "harbour-board", "Varga represents the ferry company"),
        ("Oleg Varga said the ferry company plans to sell its oldest boat.", "oleg-varga",
         "the ferry company plans to sell its oldest boat"),
        ("Marta Kolar said the two skippers raised the alarm at dawn.", "marta-kolar",
         "the two skippers raised the alarm at dawn"),
        # a listener in lower case, then the clause
        ("Erin Holt told reporters the eastern pier had been unsafe for years.", "erin-holt",
         "the eastern pier had been unsafe for years"),
        ("Oleg Varga told the skippers he would not raise the berth fees.", "oleg-varga",
         "he would not raise the berth fees"),
        # a verb whose object is what was said
        ("Marta Kolar noted the steady fall in landings since the spring.", "marta-kolar",
         "the steady fall in landings since the spring"),
        # a pro-form stands for a clause
        ("Erin Holt said the same of the new ferry timetable.", "erin-holt", "the same of the new ferry timetable"),
    ],
)
def test_a_clause_is_still_a_statement(cues: QuoteCues, paragraph: str, speaker: str, text: str) -> None:
    assert [(s, t) for s, _, t in statements(cues, paragraph)] == [(speaker, text)]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Oleg Varga told the boy a story about the old lighthouse keeper.",  # an object after the listener
        "The harbour office is warning about a storm which threatens the eastern pier.",  # "about" is no listener
    ],
)
def test_no_listener_clause(cues: QuoteCues, paragraph: str) -> None:
    assert statements(cues, paragraph) == []


def test_object_verbs_are_data(cues: QuoteCues) -> None:
    paragraph = "Marta Kolar noted the steady fall in landings since the spring."
    assert statements(cues, paragraph)
    without = dataclasses.replace(cues, object_verbs=tuple(v for v in cues.object_verbs if v != "noted"))
    assert statements(without, paragraph) == []


@pytest.mark.parametrize(
    ("words", "clause"),
    [
        (" a night crossing to its winter timetable", False),
        (" two new berths to the eastern pier", False),
        (" the proposed berths on the eastern pier", False),  # an -ed word after a determiner
        (" he would not stand again", True),
        (" she’ll stand again", True),
        (" would cost the town dearly", True),  # "which he said would …": the subject came first
        (" the skippers still want a vote", True),
        (" the plan threatens the small boats", True),
        (" the ferry company plans to sell its boat", True),
        (" Varga represents the ferry company", True),
        (" the Tories still lag behind", True),
    ],
)
def test_finite_clause(words: str, clause: bool) -> None:
    assert finite_clause(words) is clause


@pytest.mark.parametrize(
    "paragraph",
    [
        "In the first half the Harwich striker Oleg Varga blasted wide when clear.",
        "Marta Kolar blasted over a good chance after Varga had set her up.",
        "Erin Holt slammed home from the edge of the area in the last minute.",
    ],
)
def test_a_stance_verb_that_moves_a_ball_is_no_statement(cues: QuoteCues, paragraph: str) -> None:
    """"blasted wide": a word of direction after the verb is no object (language/clauses.py PARTICLES)."""
    assert statements(cues, paragraph) == []


def test_a_stance_verb_with_an_object_is_still_one(cues: QuoteCues) -> None:
    found = statements(cues, "Oleg Varga blasted the harbour board's plan for a second ferry terminal.")
    wanted = [("oleg-varga", "the harbour board's plan for a second ferry terminal")]
    assert [(speaker, text) for speaker, _, text in found] == wanted


@pytest.mark.parametrize(
    ("paragraph", "speaker", "text"),
    [
        ("Oleg Varga insists the night crossing will start in May.", "oleg-varga", "the night crossing will start in May"),
        ("Marta Kolar claims she was never told of the new berths.", "marta-kolar", "she was never told of the new berths"),
        ("The Harbour Board confirmed the ferries would sail on Monday.", "harbour-board", "the ferries would sail on Monday"),
    ],
)
def test_a_verb_that_reports_beside_quotes_reports_a_clause_that_opens_at_once(
    cues: QuoteCues, paragraph: str, speaker: str, text: str
) -> None:
    """"claims", "insists", "confirmed" (quotes.yml weak_verbs) report without a quote when a clause opens
    right after them (language/clauses.py ``opening_clause``)."""
    assert [(s, t) for s, _, t in statements(cues, paragraph)] == [(speaker, text)]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Oleg Varga claimed the harbour title in 2004 while Marta Kolar helped the crew.",
        "Marta Kolar was found guilty of two mooring offences at the harbour court.",
        "An inquiry into doping claims against Erin Holt has been opened by the harbour board.",
        "The Harbour Board found it cheaper to repair the pier than to build a new one.",
        "The ferry company's declared aims are a night crossing and a new pier.",
    ],
)
def test_a_verb_that_reports_beside_quotes_reports_no_object(cues: QuoteCues, paragraph: str) -> None:
    assert statements(cues, paragraph) == []


def test_opening_clause_reads_the_first_words_only() -> None:
    assert opening_clause(" the ferries would sail") and opening_clause(" he is fit")
    assert not opening_clause(" the eulogy delivered by Varga at the harbour, which was long")
    assert not opening_clause(" its first title in 72 years while Kolar helped") and not opening_clause(" it cheaper to sail")
