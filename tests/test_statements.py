"""Reported speech beyond "X said that …": stances (beliefs, wishes, plans, requests), positions
("called for …"), relative and participle clauses, asides, and what is not a statement.
Fixtures are invented sentences written for these tests."""

from __future__ import annotations

import dataclasses

import pytest

from generator.analysis.quotes import find_quotes
from generator.language.lexicon import QuoteCues
from generator.models import HEADLINE, Article, EntityRef
from generator.render.article import _hover
from generator.render.entity import _words
from tests.test_quotes import mentions_of

PEOPLE = {
    e.id: e
    for e in (
        EntityRef("marta-kolar", "Marta Kolar", "person", aliases=("Kolar",)),
        EntityRef("oleg-varga", "Oleg Varga", "person", aliases=("Varga",)),
        EntityRef("erin-holt", "Erin Holt", "person", aliases=("Holt",)),
        EntityRef("harbour-board", "Harbour Board", "organisation"),
    )
}


def statements(cues: QuoteCues, *paragraphs: str) -> list[tuple[str | None, str, str]]:
    """(speaker entity, label, text) of every statement."""
    article = Article("t.txt", "text", "Headline", "", tuple(paragraphs))
    found = find_quotes(article, mentions_of(article, PEOPLE), PEOPLE, cues)
    blocks = dict(article.text_blocks())
    assert all(blocks[q.paragraph][q.start : q.end] == q.text for q in found)
    return [(q.speaker, q.speaker_label, q.text) for q in found if q.kind == "statement"]


@pytest.mark.parametrize(
    ("paragraph", "speaker", "text"),
    [
        # a stance's "to" infinitive, after a listener, a "whether" clause
        ("Marta Kolar wants to close the northern quay before winter.", "marta-kolar",
         "to close the northern quay before winter"),
        ("Oleg Varga urged the Harbour Board to delay the new quotas.", "oleg-varga",
         "the Harbour Board to delay the new quotas"),
        ("Erin Holt questioned whether the fleet could survive another season.", "erin-holt",
         "whether the fleet could survive another season"),
        ("Marta Kolar has promised not to raise the mooring fees this year.", "marta-kolar",
         "not to raise the mooring fees this year"),
        # a position's object
        ("Erin Holt called for a ban on night trawling in the bay.", "erin-holt", "a ban on night trawling in the bay"),
        ("Oleg Varga opposes the merger of the two northern ports.", "oleg-varga", "the merger of the two northern ports"),
        # a belief's bare clause
        ("Marta Kolar believes the quotas were written for the big trawlers.", "marta-kolar",
         "the quotas were written for the big trawlers"),
        # a relative clause speaks for its antecedent
        ("The talks were chaired by Oleg Varga, who said the harbour would reopen in May.", "oleg-varga",
         "the harbour would reopen in May"),
        # a participle after a comma speaks for the sentence's subject
        ("Marta Kolar spoke to the union on Monday, promising to keep every small boat at sea.", "marta-kolar",
         "to keep every small boat at sea"),
        # a verb after "and" shares the subject
        ("Erin Holt met the Harbour Board on Monday and has called for a new vote on the quotas.", "erin-holt",
         "a new vote on the quotas"),
        # an attribution inside its clause
        ("The quay, Oleg Varga said, would reopen before the winter storms.", "oleg-varga",
         "The quay, Oleg Varga said, would reopen before the winter storms"),
        # "…, as X has said"
        ("The catch fell by half last year, as Marta Kolar has said.", "marta-kolar", "The catch fell by half last year"),
        # a cue deep in its sentence, right after its own subject
        ("It was the last meeting of the year in which Oleg Varga argued that the quotas were unfair.", "oleg-varga",
         "the quotas were unfair"),
        # a short time phrase between the verb and the clause
        ("Marta Kolar said after the vote she would not stand again.", "marta-kolar", "she would not stand again"),
    ],
)
def test_stances_and_positions_are_statements(cues: QuoteCues, paragraph: str, speaker: str, text: str) -> None:
    assert [(s, t) for s, _, t in statements(cues, paragraph)] == [(speaker, text)]


def test_unnamed_subject_is_labelled_as_written(cues: QuoteCues) -> None:
    got = statements(cues, "Two weeks later, federal inspectors charged that the catch had been misreported for years.")
    assert got == [(None, "federal inspectors", "the catch had been misreported for years")]


def test_two_attributions_in_one_sentence(cues: QuoteCues) -> None:
    got = statements(cues, "Oleg Varga agreed that the rules were old, but he said that any change must wait.")
    assert [t for _, _, t in got] == ["the rules were old", "any change must wait"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "The Harbour Board did not unveil plans to pay for the new quay.",  # "plans": a noun
        "Marta Kolar sketched a plan to rebuild the harbour wall this spring.",  # "a plan to"
        "The Harbour Board has been asked to decide whether the quay reopens.",  # passive: the board asks nothing
        "The crews agreed to a new contract that cuts pay by a tenth.",  # "that" opens a relative clause
        'Marta Kolar wanted the quay to become a "safe harbour for every boat".',  # the quote is part of the clause
        "Oleg Varga watched the harbour show on Sunday with his family and friends.",  # "show": a noun
        "Erin Holt hopes so, and the crews do too.",  # no clause
        "Oleg Varga declined to comment.",  # too short to be a statement
        "He said it after a meeting that the Harbour Board held with the crews.",  # "it" is what was said
        "Last year the landings of cod and haddock added up to nine thousand tonnes.",  # a particle, no clause
        "It is thought the northern quay will stay shut until the spring tides.",  # passive, nobody's
        "The new system can store it and retrieve disputed landing records within minutes.",  # an adjective
        "Interviewed on the Harbour Radio breakfast show, Marta Kolar said nothing new.",  # "show": a noun
    ],
)
def test_not_a_statement(cues: QuoteCues, paragraph: str) -> None:
    assert statements(cues, paragraph) == []


def test_stances_are_data(cues: QuoteCues) -> None:
    paragraph = "Marta Kolar wants to close the northern quay before winter."
    assert statements(cues, paragraph)
    without = dataclasses.replace(
        cues,
        stances=tuple(v for v in cues.stances if v != "wants"),
        positions=tuple(v for v in cues.positions if v != "wants"),
    )
    assert statements(without, paragraph) == []


def test_stance_never_attributes_a_quote(cues: QuoteCues) -> None:
    article = Article("t.txt", "text", "Headline", "", ('"The quay stays shut," the Harbour Board wants everyone to know.',))
    quotes = [q for q in find_quotes(article, mentions_of(article, PEOPLE), PEOPLE, cues) if q.kind == "quote"]
    assert [q.speaker_label for q in quotes] == [""]


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        ("Oleg Varga has called the new quota rules a gift to the big trawlers.",
         "the new quota rules a gift to the big trawlers"),
        ("Erin Holt called the harbour fees an insult to every small crew.", "the harbour fees an insult to every small crew"),
    ],
)
def test_labelling_is_a_statement(cues: QuoteCues, paragraph: str, text: str) -> None:
    assert [t for _, _, t in statements(cues, paragraph)] == [text]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Oleg Varga called the police after a boat was stolen from the quay.",  # no label
        "The Harbour Board called off a strike planned for the weekend.",  # a particle, no object
        "Marta Kolar called an election for the spring of next year.",  # "an election": the object itself
    ],
)
def test_calling_without_a_label_is_no_statement(cues: QuoteCues, paragraph: str) -> None:
    assert statements(cues, paragraph) == []


def test_title_case_headline_statement(cues: QuoteCues) -> None:
    body = ("The talks on the harbour went on all day, officials said.",)
    article = Article("t.txt", "text", "Harbour Must Reopen Before Winter, Marta Kolar Says", "", body)
    found = [q for q in find_quotes(article, mentions_of(article, PEOPLE), PEOPLE, cues) if q.paragraph == HEADLINE]
    assert [(q.kind, q.speaker, q.text) for q in found] == [("statement", "marta-kolar", "Harbour Must Reopen Before Winter")]
    noun = Article("t.txt", "text", "A Curious Plan To Rebuild The Harbour Wall", "", body)
    assert [q for q in find_quotes(noun, mentions_of(noun, PEOPLE), PEOPLE, cues) if q.paragraph == HEADLINE] == []


def test_a_stance_keeps_its_verb_for_the_pages(cues: QuoteCues) -> None:
    article = Article("t.txt", "text", "Headline", "", (
        "Marta Kolar wants to close the northern quay before winter.",
        "Oleg Varga said the quay would stay open all year.",
    ))
    found = [q for q in find_quotes(article, mentions_of(article, PEOPLE), PEOPLE, cues) if q.kind == "statement"]
    assert [q.cue for q in found] == ["wants", ""]  # a speech verb adds nothing to "statement"
    assert _words(found[0]) == "*Statement (wants):* to close the northern quay before winter"
    assert _words(found[1]) == "*Statement:* the quay would stay open all year"
    assert "“wants”" in _hover(found[0])


def test_findings_show(cues: QuoteCues) -> None:
    got = statements(cues, "Two new polls show a close race for the harbour board seats.")
    assert got == [(None, "new polls", "a close race for the harbour board seats")]


# ------------------------------------------------------------- shapes of the second round


@pytest.mark.parametrize(
    ("paragraphs", "speaker", "text"),
    [
        # evaluation and communication verbs are positions (data); a one-word object counts
        (("Marta Kolar attacked the Harbour Board's plan to sell the northern quay.",), "marta-kolar",
         "the Harbour Board's plan to sell the northern quay"),
        (("Oleg Varga has endorsed Kolar.",), "oleg-varga", "Kolar"),
        (("Erin Holt outlined a rescue fund for the small boats.",), "erin-holt", "a rescue fund for the small boats"),
        # a pronoun subject after an adverb or a negation
        (("Marta Kolar chairs the union.", "She barely mentioned the cod quotas."), "marta-kolar", "the cod quotas"),
        # a pronoun object and what it is blamed or taken for
        (("Erin Holt blasted him for closing the quay in winter.",), "erin-holt", "him for closing the quay in winter"),
        # a listener, then how or (after ask) about what
        (("Oleg Varga told the Harbour Gazette how the landings had fallen.",), "oleg-varga",
         "how the landings had fallen"),
        (("Marta Kolar asked Varga about the missing landing records.",), "marta-kolar", "about the missing landing records"),
        # any verb form before "that" and a clause
        (("Oleg Varga joked that the cod had moved north for the winter.",), "oleg-varga",
         "the cod had moved north for the winter"),
        # a progressive past adverbs
        (("Marta Kolar is once again questioning the quota figures.",), "marta-kolar", "the quota figures"),
        # a stance after an aside speaks for the subject before it
        (("Marta Kolar, in particular, has sharply criticized the new landing rules.",), "marta-kolar",
         "the new landing rules"),
        # an infinitive after a short aside; a listener before "to" after warned
        (("The Harbour Board decided after a long meeting not to close the quay.",), "harbour-board",
         "after a long meeting not to close the quay"),
        (("Erin Holt warned harbour officials to close the northern quay.",), "erin-holt",
         "harbour officials to close the northern quay"),
        # a sentence that goes on into a quote keeps the statement before its joint
        (('Oleg Varga said the quay would reopen in spring, and when asked about pay, he said "soon enough".',),
         "oleg-varga", "the quay would reopen in spring"),
        # requests and wishes with an object
        (("Erin Holt wants higher prices for small-boat cod.",), "erin-holt", "higher prices for small-boat cod"),
        # a clause with a pronoun subject, without "that"
        (("The Harbour Board announced it would end the mooring discount in January.",), "harbour-board",
         "it would end the mooring discount in January"),
        # a verb after "and" speaks for the subject of the verb before it
        (("Marta Kolar chairs the union.", "She claimed victory and said it was too dangerous for small boats."),
         "marta-kolar", "it was too dangerous for small boats"),
        # an aside before a clause with its own subject
        (("That is why, Oleg Varga argued, the union should be ready for a long fight.",), "oleg-varga",
         "That is why, Oleg Varga argued, the union should be ready for a long fight"),
        # a plain noun subject before an irregular past deep in its sentence
        (("Experts on cod stocks and trawling quotas said the storms could change that.",), None,
         "the storms could change that"),
        # a participle before a quote is a joint too
        (('Oleg Varga told the crews that the quay would reopen in spring, saying "be patient".',), "oleg-varga",
         "the quay would reopen in spring"),
    ],
)
def test_second_round_shapes(cues: QuoteCues, paragraphs: tuple[str, ...], speaker: str | None, text: str) -> None:
    assert [(s, t) for s, _, t in statements(cues, *paragraphs)] == [(speaker, text)]


@pytest.mark.parametrize(
    ("paragraph", "label", "text"),
    [
        # a passive position: the agent holds it, the subject is what it is about
        ("The quay plan is supported by most of the trawler crews.", "most of the trawler crews", "The quay plan"),
        # a relative pronoun stands for the noun before it
        ("The board hired an engineer who said it was unsafe to moor at the northern quay.", "engineer",
         "it was unsafe to moor at the northern quay"),
        # first person outside quotation marks: the writer
        ("I know the Harbour Board will not listen to the crews.", "the writer",
         "the Harbour Board will not listen to the crews"),
        # a singular noun before a present verb
        ("The woman disputes the idea that the quay is unsafe.", "woman", "the idea that the quay is unsafe"),
    ],
)
def test_second_round_labels(cues: QuoteCues, paragraph: str, label: str, text: str) -> None:
    assert [(who, t) for _, who, t in statements(cues, paragraph)] == [(label, text)]


@pytest.mark.parametrize(
    "paragraph",
    [
        "There are many reasons that the quay closed early.",  # a noun before "that", no subject
        "Two investors that the board approached have left the town.",  # a relative "that"
        "They were backed by the crews of the northern quay.",  # backing people: no view on anything
        "The ban threatens to empty the northern quay by spring.",  # a ban holds no stance
        "It now emerges that the northern quay was never inspected.",  # impersonal "it"
        "Under the new harbour master, plans to dredge the quay were announced.",  # "plans": a noun after a comma
        "Oleg Varga warned the crews about the storm.",  # "about" only after ask
        "You can call the quay whatever you want -- a port, a marina, a wreck.",  # a dash, no object
        "The crews said, but nobody listened, that the quay was unsafe.",  # no clause opens with "but"
    ],
)
def test_not_a_second_round_statement(cues: QuoteCues, paragraph: str) -> None:
    assert [t for _, _, t in statements(cues, paragraph) if not t.startswith("the quay was unsafe")] == []
