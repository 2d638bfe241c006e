"""A calendar word after a first name is a surname ("Theresa May", "Mike Friday", "Donna Summer"), unless a
number follows it (a date: "Paris June 5"). analysis/entities/discover.py ``_split``, segment.py ``_shape``.
Fixtures are invented sentences written for these tests."""

from __future__ import annotations

from generator.analysis.analyse import analyse
from generator.config import ReaderOptions, SiteConfig
from generator.readers.text import read


def _mentioned(config: SiteConfig, body: str) -> dict[str, str]:
    text = "Harbour plan backed\n\nHARWICH, March 3 (Wire) - " + body + "\n"
    analysis = analyse(read(text, "story.txt", ReaderOptions()), config)
    return {m.surface: m.entity for m in analysis.mentions}


def test_a_month_after_a_first_name_is_a_surname(config: SiteConfig) -> None:
    body = "Harbour master Karin May, who chairs the ferry board, backed the plan. The ferry captain, Oleg Friday, agreed."
    found = _mentioned(config, body)
    assert found.get("Karin May") == "karin-may" and found.get("Oleg Friday") == "oleg-friday"


def test_a_month_before_a_number_is_still_a_date(config: SiteConfig) -> None:
    found = _mentioned(config, "Oleg Varga visited Harwich on Friday May 5 and Karin June 12.")
    assert not any(name.endswith(("May", "June")) for name in found)
    assert "Oleg Varga" in found


def test_a_city_before_a_day_is_no_first_name(config: SiteConfig) -> None:
    """"Sheffield Wednesday" is a football club: a city that is also a first name does not take a surname."""
    found = _mentioned(config, "Sheffield Wednesday beat the Harwich side on Saturday, said coach Oleg Varga.")
    assert "Sheffield Wednesday" not in found and "Oleg Varga" in found


def test_dems_is_a_party(config: SiteConfig) -> None:
    """"Lib Dems" is an organisation (names.yml org_keywords: Dems), not a person with the first name Lib."""
    text = "Harbour plan backed\n\nHARWICH, March 3 (Wire) - The Lib Dems said the harbour plan was worthless.\n"
    analysis = analyse(read(text, "story.txt", ReaderOptions()), config)
    assert [(e.name, e.kind) for e in analysis.discovered if e.name == "Lib Dems"] == [("Lib Dems", "organisation")]


def test_a_title_before_a_domain_or_an_ordinary_word_makes_no_person(config: SiteConfig) -> None:
    """"Lord of the Rings" names no person Rings, "the General Election" no general (names.yml plain_titles);
    "General Varga" still is one."""
    found = _mentioned(
        config,
        "Ahead of the General Election, the Lord of the Rings trilogy was shown at the harbour. General Varga watched.",
    )
    assert "Rings" not in found and "Election" not in found and "General Election" not in found
    assert "Varga" in found
