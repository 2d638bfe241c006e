"""A sentence's opening words that name nobody ("Earlier this week", "Speaking at the conference", "Latest")
and possessive determiners ("His spokesman") are not the speaker's name: the speaker is the rest of the
phrase (analysis/quotes/phrases.py ``_after_opener``; the words are data in language/clauses.py OPENERS).
Fixtures are invented sentences written for these tests."""

from __future__ import annotations

import pytest

from generator.analysis.analyse import analyse
from generator.config import ReaderOptions, SiteConfig
from generator.models import Quote
from generator.readers.text import read


def _quotes(config: SiteConfig, *paragraphs: str) -> list[Quote]:
    text = "Harbour plan backed\n\nHARWICH, March 3 (Wire) - " + "\n\n".join(paragraphs) + "\n"
    analysis = analyse(read(text, "story.txt", ReaderOptions()), config)
    return sorted(analysis.quotes, key=lambda q: (q.paragraph, q.start))


@pytest.mark.parametrize(
    ("paragraph", "label"),
    [
        ('Speaking at the harbour conference he said: "The ferries will sail in June."', "Oleg Varga"),
        ('Asked whether he was worried about the vote, he said: "It is out of my hands."', "Oleg Varga"),
        ("Earlier this week Norway said that it will close the northern channel.", "Norway"),
        ("Earlier this month the ferry company said it earned $10m in the third quarter.", "ferry company"),
        ("His spokesman said it was highly unlikely the port would open before May.", "His spokesman"),
        ("Latest research suggests that the channel is silting up faster than expected.", "Latest research"),
    ],
)
def test_an_opening_word_is_not_the_speaker(config: SiteConfig, paragraph: str, label: str) -> None:
    found = _quotes(config, "Harbour master Oleg Varga set out his plans for the port on Thursday.", paragraph)
    assert found, "the speech is still found"
    assert found[-1].speaker_label == label


def test_a_name_that_opens_its_sentence_still_speaks(config: SiteConfig) -> None:
    found = _quotes(
        config, 'Harbour master Oleg Varga said: "The quay is ready."', 'Varga added: "The ferries will sail in June."'
    )
    assert [q.speaker for q in found] == ["oleg-varga", "oleg-varga"]


def test_a_party_before_a_role_is_no_name(config: SiteConfig) -> None:
    """"The Tory leader said": the leader the story introduced so, not a person called Tory."""
    found = _quotes(
        config,
        "Tory leader Oleg Varga set out his plans for the port on Thursday.",
        'The Tory leader said: "The ferries will sail in June."',
    )
    assert found[-1].speaker == "oleg-varga"
    alone = _quotes(config, 'The Tory leader said: "The ferries will sail in June."')
    assert alone[-1].speaker_label == "Tory leader"


def test_a_name_before_a_title_is_still_a_name(config: SiteConfig) -> None:
    found = _quotes(config, '"The quay is ready," said Marta King, chief engineer at the port.')
    assert found[-1].speaker_label.endswith("King")


def test_a_headline_in_sentence_case_names_nobody(config: SiteConfig) -> None:
    """"Pension plan unveiled": the capital of the headline's first word is no name, and no "he" later means it."""
    text = "Pension plan unveiled\n\nHARWICH, March 3 (Wire) - The ferry board set out plans for the pier, he said.\n"
    analysis = analyse(read(text, "story.txt", ReaderOptions()), config)
    assert all(q.speaker_label != "Pension" for q in analysis.quotes)


def test_a_dj_is_a_title(config: SiteConfig) -> None:
    found = _quotes(config, 'DJ Oleg Varga has said the harbour festival is not dead. Varga added: "It will be back in June."')
    assert found[-1].speaker == "oleg-varga"


def test_a_subject_after_an_adverbial_is_the_pronoun(config: SiteConfig) -> None:
    found = _quotes(
        config,
        "Harbour master Oleg Varga spoke at the pier.",
        'Laying into the record of the ferry board he promised: "We will sail in June."',
    )
    assert found[-1].speaker == "oleg-varga"


def test_a_member_named_after_the_organisation_speaks(config: SiteConfig) -> None:
    """"UK Independence Party leader Roger Knapman attacked the plans … saying …": the leader, not the party."""
    found = _quotes(
        config,
        "The ferries sailed. Harbour Trust chairman Oleg Varga attacked the plans for the pier saying they "
        'needed "more money and more time," not "new boats".',
    )
    assert [q.speaker for q in found] == ["oleg-varga", "oleg-varga"]


def test_a_quote_that_ends_its_sentence_lets_the_next_name_be_its_subject(config: SiteConfig) -> None:
    found = _quotes(
        config,
        'Marta Kolar lost in the semi-final. "I rushed a few shots," admitted Kolar. Erin Holt will now play in the final. '
        '"It has taken a lot of work," she revealed.',
    )
    assert found[-1].speaker == "erin-holt"
