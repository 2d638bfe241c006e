"""Conflicting accounts: a term, an age, the date of a one-time fact; corrections from the editor."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.config import SiteConfig
from generator.config.accounts import Accounts, Correction, load_accounts
from generator.dossier.claims import sentences_of
from generator.dossier.conflicts import Conflict, build_conflicts
from generator.dossier.events import build_events
from generator.models import Problem
from tests.test_chains import ENTITIES, Story, story


@pytest.fixture(scope="module")
def accounts(config: SiteConfig) -> Accounts:
    return config.accounts


def conflicts_of(accounts: Accounts, *stories: Story) -> tuple[tuple[Conflict, ...], list[Problem]]:
    sentences = [s for article_id, analysis in stories for s in sentences_of(article_id, analysis, ENTITIES)]
    sources = {article_id: analysis.article.source for article_id, analysis in stories}
    return build_conflicts(sentences, ENTITIES, build_events(list(stories)), accounts, sources)


def test_two_terms_conflict(accounts: Accounts) -> None:
    a = story("2025-06-04", "Martin Kessler was sentenced to 12 years in prison on Tuesday.")
    b = story("2025-06-05", "A court jailed Kessler on Tuesday, handing him a 15-year prison term.")
    (conflict,), problems = conflicts_of(accounts, a, b)
    assert (conflict.kind, conflict.subject, conflict.values) == ("term", "martin-kessler", ("12 years", "15 years"))
    assert [x.article for x in conflict.accounts] == [a[0], b[0]]
    assert conflict.events  # flagged on the event of those sentences
    assert not conflict.corrected and problems == []


@pytest.mark.parametrize(
    "other",
    [
        "Martin Kessler was sentenced to twelve years in prison.",  # the same term in words
        "Kessler faces up to 25 years in prison.",  # a possibility, not the term
        "Prosecutors sought a 15-year prison term for Kessler.",  # a demand
        "An appeals court reduced Kessler's sentence to 8 years.",  # a change, not a disagreement
        "Kessler was sentenced to 15 years, and Jonas Weber to 12 years.",  # whose term is which: not clear
        "Kessler was imprisoned for three years without a trial.",  # time held, not a sentence
        "A clerk was sentenced to 15 years in prison for robbing Kessler.",  # the victim, not the convict
        "Kessler was sentenced to 18 months in drug rehabilitation.",  # not a prison term
    ],
)
def test_terms_that_do_not_conflict(accounts: Accounts, other: str) -> None:
    a = story("2025-06-04", "Martin Kessler was sentenced to 12 years in prison on Tuesday.")
    assert conflicts_of(accounts, a, story("2025-06-05", other))[0] == ()


def test_a_term_given_in_may(accounts: Accounts) -> None:
    a = story("2025-06-04", "Martin Kessler was sentenced to 12 years in prison in May.")
    b = story("2025-06-05", "Martin Kessler was sentenced in May to 15 years in prison.")
    assert [c.values for c in conflicts_of(accounts, a, b)[0]] == [("12 years", "15 years")]  # the month, not the modal


def test_ages_compare_as_years_of_birth(accounts: Accounts) -> None:
    young = story("2011-03-01", "Martin Kessler, 52, denies the charges.")
    older = story("2016-03-01", "The 57-year-old businessman Martin Kessler spoke to reporters.")
    assert conflicts_of(accounts, young, older)[0] == ()
    about_a_file = story("2016-04-01", "A judge released a 25-year-old court file on Martin Kessler.")
    assert conflicts_of(accounts, young, about_a_file)[0] == ()  # the file's age, not his
    wrong = story("2016-04-01", "Martin Kessler, 60, spoke to reporters.")
    (conflict,), _ = conflicts_of(accounts, young, older, wrong)
    assert conflict.kind == "age" and conflict.values == ("52", "57", "60")


def test_dates_of_one_time_facts(accounts: Accounts) -> None:
    vague = story("2020-01-01", "Martin Kessler was extradited to Germany in 2010.")
    month = story("2020-01-02", "Martin Kessler was extradited to Germany in November 2010.")
    assert conflicts_of(accounts, vague, month)[0] == ()
    later_clause = story("2020-01-03", "Kessler, who was extradited, had lived in Hamburg since 2008.")
    assert conflicts_of(accounts, vague, later_clause)[0] == ()  # "since 2008" is not the extradition's date
    other = story("2020-01-03", "Martin Kessler was extradited to Germany in October 2010.")
    (conflict,), _ = conflicts_of(accounts, vague, month, other)
    assert (conflict.kind, conflict.about, conflict.values) == ("date", "extradited", ("2010", "November 2010", "October 2010"))


def test_only_organisations_are_founded(accounts: Accounts) -> None:
    court = story("2020-01-01", "The Hamburg Regional Court was founded in 1879.")
    assert conflicts_of(accounts, court, story("2020-01-02", "The Hamburg Regional Court was founded in 1880."))[0] != ()
    person = story("2020-01-01", "Martin Kessler founded a shipping firm in 1999.")
    assert conflicts_of(accounts, person, story("2020-01-02", "Martin Kessler founded a bank in 2005."))[0] == ()


def test_one_story_never_conflicts_with_itself(accounts: Accounts) -> None:
    one = story(
        "2025-06-04", "Martin Kessler was sentenced to 12 years on Tuesday.", "Kessler was sentenced to 15 years in prison."
    )
    assert conflicts_of(accounts, one)[0] == ()


def test_a_correction_marks_the_wrong_account(accounts: Accounts) -> None:
    a = story("2025-06-04", "Martin Kessler was sentenced to 12 years in prison on Tuesday.")
    b = story("2025-06-05", "Martin Kessler was sentenced to 15 years in prison on Tuesday.")
    fixed = replace(accounts, corrections=(Correction(b[1].article.source, "15 years", "The agency corrected it."),))
    (conflict,), problems = conflicts_of(fixed, a, b)
    assert conflict.corrected and problems == []
    assert [x.corrected for x in conflict.accounts] == [None, "The agency corrected it."]
    stray = replace(accounts, corrections=(Correction("nowhere.txt", "15 years"),))
    (conflict,), problems = conflicts_of(stray, a, b)
    assert not conflict.corrected
    assert [p.line() for p in problems] == [
        "site_config/corrections.yml: warning: corrections[0]: "
        "expected a conflicting account in nowhere.txt with the value '15 years', found none"
    ]


def test_corrections_file_errors_are_reported() -> None:
    paths = ("accounts.yml", "corrections.yml", "site.yml")
    _, errors = load_accounts(
        {"events": {"hearing": "hearing"}}, {"corrections": [{"value": "15 years"}]}, {"major_event_stories": 1}, paths
    )
    assert errors == [
        "accounts.yml: events: hearing: expected a list of words, found 'hearing'",
        "corrections.yml: corrections[0]: expected a mapping with a source (a path under content/), found {'value': '15 years'}",
        "site.yml: major_event_stories: expected a whole number of at least 2, found 1",
    ]
    accounts, errors = load_accounts(None, {"corrections": [{"source": "a.txt", "value": 15}]}, {}, paths)
    assert errors == [] and accounts.corrections == (Correction("a.txt", "15"),) and accounts.major_event_stories == 3
