"""Expected -> what happened: links only where date, people and wording all agree."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.analysis.timex import find_timexes
from generator.config import SiteConfig
from generator.config.accounts import Accounts
from generator.dossier.accounts import cross_reference
from generator.dossier.chains import Chain, build_chains
from generator.dossier.claims import sentences_of
from generator.dossier.events import build_events
from generator.models import Analysis, Article, ArticleInfo, EntityRef, Mention, PubDate

ENTITIES = {
    "martin-kessler": EntityRef("martin-kessler", "Martin Kessler", "person"),
    "jonas-weber": EntityRef("jonas-weber", "Jonas Weber", "person"),
    "anna-lind": EntityRef("anna-lind", "Anna Lind", "person"),
    "hamburg-regional-court": EntityRef("hamburg-regional-court", "Hamburg Regional Court", "organisation"),
    "hamburg": EntityRef("hamburg", "Hamburg", "place"),
    "tass": EntityRef("tass", "TASS", "organisation"),
    "moscow-city-court": EntityRef("moscow-city-court", "Moscow City Court", "organisation"),
}
SURFACES = {
    "Hamburg Regional Court": "hamburg-regional-court",
    "Martin Kessler": "martin-kessler",
    "Kessler": "martin-kessler",
    "Jonas Weber": "jonas-weber",
    "Weber": "jonas-weber",
    "Anna Lind": "anna-lind",
    "Hamburg": "hamburg",
    "TASS": "tass",
    "Moscow City Court": "moscow-city-court",
}
Story = tuple[str, Analysis]


def _mentions(article: Article) -> tuple[Mention, ...]:
    """Longest surface first, never overlapping: what a recogniser would give."""
    found = []
    pattern = re.compile("|".join(re.escape(s) for s in sorted(SURFACES, key=len, reverse=True)))
    for index, text in article.text_blocks():
        found += [Mention(SURFACES[m.group(0)], index, m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]
    return tuple(found)


def story(date: str, *paragraphs: str) -> Story:
    article = Article(source=f"{date}.txt", format="text", headline="", standfirst="", paragraphs=paragraphs)
    pubdate = PubDate(dt.date.fromisoformat(date), "given")
    analysis = Analysis(article=article, pubdate=pubdate, mentions=_mentions(article), timexes=find_timexes(article, pubdate))
    return f"{date}-{len(paragraphs)}", analysis


@pytest.fixture(scope="module")
def accounts(config: SiteConfig) -> Accounts:
    return config.accounts


def chains_of(accounts: Accounts, *stories: Story) -> tuple[Chain, ...]:
    sentences = [s for article_id, analysis in stories for s in sentences_of(article_id, analysis, ENTITIES)]
    return build_chains(sentences, ENTITIES, build_events(list(stories)), accounts)


def shape(chain: Chain) -> list[tuple[str, str | None]]:
    return [(step.kind, step.date.isoformat() if step.date else None) for step in chain.steps]


EXPECTED = story("2025-04-02", "The Hamburg Regional Court will hold a hearing for Martin Kessler on May 14, a spokeswoman said.")


def test_expected_then_held(accounts: Accounts) -> None:
    held = story("2025-05-15", "Martin Kessler appeared at a hearing on May 14 in a packed courtroom.")
    (chain,) = chains_of(accounts, EXPECTED, held)
    assert shape(chain) == [("expected", "2025-05-14"), ("held", "2025-05-14")]
    assert chain.kind == "hearing" and chain.entities == ("martin-kessler",)
    assert chain.steps[1].evidence[0].text.startswith("Martin Kessler appeared at a hearing")
    assert chain.articles == (EXPECTED[0], held[0])


def test_expected_then_postponed_then_held(accounts: Accounts) -> None:
    moved = story("2025-05-12", "The court postponed the hearing for Martin Kessler to June 3.")
    held = story("2025-06-04", "At a hearing on June 3, Kessler pleaded not guilty.")
    held_plainly = story("2025-06-05", "Kessler attended the hearing on June 3 with his lawyers.")
    (chain,) = chains_of(accounts, EXPECTED, moved, held, held_plainly)
    # "pleaded not guilty" says no: a sentence with a negation never confirms; the plain one does.
    assert shape(chain) == [("expected", "2025-05-14"), ("postponed", "2025-06-03"), ("held", "2025-06-03")]
    assert [e.article for e in chain.steps[2].evidence] == [held_plainly[0]]


def test_cancelled(accounts: Accounts) -> None:
    off = story("2025-05-10", "The hearing for Martin Kessler on May 14 was cancelled after the charges were dropped.")
    (chain,) = chains_of(accounts, EXPECTED, off)
    assert shape(chain) == [("expected", "2025-05-14"), ("cancelled", None)]


@pytest.mark.parametrize(
    "later",
    [
        # someone else's hearing
        story("2025-05-12", "The court postponed the hearing for Jonas Weber to June 3."),
        # reported after the date, without naming it: which hearing is not clear
        story("2025-05-20", "The hearing for Martin Kessler was postponed to June 3."),
        # it did not take place
        story("2025-05-15", "The hearing for Martin Kessler did not take place on May 14."),
        # held, but on another day
        story("2025-05-16", "Martin Kessler appeared at a hearing on May 15."),
        # another kind of event
        story("2025-05-15", "Martin Kessler gave an interview on May 14."),
        # the same day, but told before it
        story("2025-05-10", "Kessler attended a hearing on May 14."),
        # asked for, not done
        story("2025-05-12", "Lawyers for Martin Kessler asked for the hearing to be postponed to June 3."),
        story("2025-05-12", "The hearing for Martin Kessler was not postponed, the court said."),
        story("2025-05-12", "The hearing for Martin Kessler could be postponed to June 3."),
        # the plan, told again after the day: not that it happened
        story("2025-05-20", "Martin Kessler's hearing had been scheduled for May 14."),
    ],
    ids=[
        *("other-person", "late-postponement", "negated", "other-day", "other-kind", "told-in-advance"),
        *("asked", "not", "could", "plan-retold"),
    ],
)
def test_no_link(accounts: Accounts, later: Story) -> None:
    assert chains_of(accounts, EXPECTED, later) == ()


def test_a_place_alone_links_nothing(accounts: Accounts) -> None:
    summit = story("2025-04-02", "A summit will be held in Hamburg on May 14.")
    moved = story("2025-05-12", "The summit in Hamburg was postponed to June 3.")
    assert chains_of(accounts, summit, moved) == ()


def test_two_pending_expectations_make_a_postponement_ambiguous(accounts: Accounts) -> None:
    second = story("2025-04-05", "Another hearing for Martin Kessler is expected on May 28.")
    moved = story("2025-05-12", "The hearing for Martin Kessler was postponed to June 10.")
    assert chains_of(accounts, EXPECTED, second, moved) == ()


def test_a_postponement_naming_the_old_date_links_even_when_late(accounts: Accounts) -> None:
    second = story("2025-04-05", "Another hearing for Martin Kessler is expected on May 28.")
    moved = story("2025-05-20", "The hearing for Martin Kessler set for May 14 was postponed to June 10.")
    (chain,) = chains_of(accounts, EXPECTED, second, moved)
    assert shape(chain) == [("expected", "2025-05-14"), ("postponed", "2025-06-10")]


def test_an_unconfirmed_expectation_makes_no_chain(accounts: Accounts) -> None:
    assert chains_of(accounts, EXPECTED) == ()


def test_the_same_people_or_none(accounts: Accounts) -> None:
    both = story("2025-04-02", "A hearing for Martin Kessler and Jonas Weber is expected on May 14.")
    held = story("2025-05-15", "Martin Kessler attended the hearing on May 14.")
    (chain,) = chains_of(accounts, both, held)  # Kessler's side of a joint hearing: the same event
    assert shape(chain)[-1] == ("held", "2025-05-14")
    assert chains_of(accounts, story("2025-04-02", "A hearing for Jonas Weber is expected on May 14."), held) == ()


def test_a_meeting_with_someone_else_is_another_meeting(accounts: Accounts) -> None:
    planned = story("2025-04-02", "Martin Kessler will hold a meeting with Anna Lind on May 14.")
    other = story("2025-05-15", "Martin Kessler held a meeting with Jonas Weber on May 14.")
    same = story("2025-05-15", "Martin Kessler and Anna Lind held a meeting on May 14.")
    assert chains_of(accounts, planned, other) == ()
    (chain,) = chains_of(accounts, planned, same)
    assert shape(chain) == [("expected", "2025-05-14"), ("held", "2025-05-14")]


@pytest.mark.parametrize(
    "moved",
    [
        "The hearing for Martin Kessler was postponed to June 3 at the request of his lawyers.",
        "The hearing for Martin Kessler did not take place and was adjourned until June 3.",
        "Martin Kessler's hearing, planned for May 14, has been rescheduled for June 3.",
    ],
)
def test_postponements_worded_otherwise(accounts: Accounts, moved: str) -> None:
    (chain,) = chains_of(accounts, EXPECTED, story("2025-05-12", moved))
    assert shape(chain) == [("expected", "2025-05-14"), ("postponed", "2025-06-03")]


def test_the_agency_that_reports_takes_no_part(accounts: Accounts) -> None:
    planned = story("2025-04-02", "A meeting of the commission is expected on May 14, a source told TASS.")
    moved = story("2025-05-12", "The meeting of the council was postponed to June 3, a source told TASS.")
    assert len(chains_of(accounts, planned, moved)) == 1  # sharing TASS alone would link them...
    infos = [ArticleInfo(i, f"{i}.md", a, agency="TASS") for i, a in (planned, moved)]
    found = cross_reference(infos, ENTITIES, build_events([planned, moved]), accounts)
    assert found.chains == ()  # ...but the agency that tells both stories is not in either event


WORDINGS = [
    (
        [
            ("2025-03-03", "The Moscow City Court will consider the appeal of Martin Kessler on March 15, the court said."),
            ("2025-03-14", "The Moscow City Court has adjourned the hearing of Martin Kessler's appeal until April 2."),
            ("2025-04-03", "On Wednesday, the Moscow City Court rejected the appeal of Martin Kessler."),
        ],
        [("expected", "2025-03-15"), ("postponed", "2025-04-02"), ("held", "2025-04-02")],
    ),
    (
        [
            ("2025-03-03", "The trial of Martin Kessler is set to begin on March 17."),
            ("2025-03-18", "The trial of Martin Kessler began on Monday."),
        ],
        [("expected", "2025-03-17"), ("held", "2025-03-17")],
    ),
    (
        [
            ("2025-03-03", "Martin Kessler is due to appear in court on March 15."),
            ("2025-03-16", "Martin Kessler appeared in court on Saturday."),
        ],
        [("expected", "2025-03-15"), ("held", "2025-03-15")],
    ),
    (
        [
            ("2025-03-03", "The verdict in the case of Martin Kessler is expected on March 15."),
            ("2025-03-16", "Kessler was found guilty on March 15."),
        ],
        [("expected", "2025-03-15"), ("held", "2025-03-15")],
    ),
    (
        [
            ("2025-03-03", "Martin Kessler will be sentenced on March 15."),
            ("2025-03-10", "Kessler's sentencing has been postponed until April 2."),
            ("2025-04-03", "Martin Kessler was sentenced to 12 years in prison on Wednesday."),
        ],
        [("expected", "2025-03-15"), ("postponed", "2025-04-02"), ("held", "2025-04-02")],
    ),
]


@pytest.mark.parametrize(("texts", "expected"), WORDINGS, ids=["appeal", "trial", "appearance", "verdict", "sentencing"])
def test_chains_in_other_words(accounts: Accounts, texts: list[tuple[str, str]], expected: list[tuple[str, str]]) -> None:
    (chain,) = chains_of(accounts, *(story(date, text) for date, text in texts))
    assert shape(chain) == expected
