from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from generator.analysis.pubdate import infer_pubdate
from generator.config import ReaderOptions, SiteConfig
from generator.readers.text import read

OPTIONS = ReaderOptions(furniture=(re.compile("all news", re.IGNORECASE),))


def story(dateline: str, *body: str) -> str:
    return "Headline of the story\n\n" + f"{dateline} " + "\n\n".join(body) + "\n"


def pub(config: SiteConfig, text: str):
    article = read(text, "x.txt", OPTIONS)
    found = config.sources.canonical(article.agency_as_written)
    return infer_pubdate(article, config, found[1] if found else ())


def test_weekday_and_tense_settle_the_year(config: SiteConfig) -> None:
    result = pub(config, story("MOSCOW, November 10 (Itar-Tass) –", "The minister said Thursday.", "He was detained in 2008.", "The verdict is expected on February 8, 2012."))
    assert result.date == dt.date(2011, 11, 10) and result.status == "inferred"
    assert any("Thursday" in e and "2011" in e for e in result.evidence)


def test_weekday_alone_leaves_several_years(config: SiteConfig) -> None:
    result = pub(config, story("LONDON, November 10 -", "The minister said Thursday that talks went well."))
    assert result.date is None and result.status == "uncertain"
    # 10 November is a Thursday in 1994, 2005, 2011, 2016, 2022; the day after a Thursday (late copy) in 1995, 2000, 2006, 2017, 2023
    assert [d.year for d in result.candidates] == [1994, 1995, 2000, 2005, 2006, 2011, 2016, 2017, 2022, 2023]


def test_no_dateline_is_uncertain_without_candidates(config: SiteConfig) -> None:
    result = pub(config, "Headline\n\nBody text without any date at all.\n")
    assert result.status == "uncertain" and result.date is None and result.candidates == ()


def test_dateline_with_year_is_given(config: SiteConfig) -> None:
    result = pub(config, story("WASHINGTON, Jan. 5, 2012 (Reuters) -", "Text."))
    assert result.date == dt.date(2012, 1, 5) and result.status == "given"


def test_contradicting_clues_make_it_uncertain(config: SiteConfig) -> None:
    # Thursday 10 November fits 1994..2022; "Obama administration" as current fits none of them but 2011/2016;
    # a past event "in 2020" then rules out both: the clues disagree, so no date is claimed.
    result = pub(config, story("MOSCOW, November 10. /TASS/.", "The source said Thursday.", "We will work with the Obama administration.", "He was released in 2020."))
    assert result.date is None and result.status == "uncertain"


def test_year_hint_from_config(config: SiteConfig) -> None:
    hinted = replace(config, year_hints=(("x.txt", 2005),))
    result = pub(hinted, story("LONDON, November 10 -", "Text with no clue."))
    assert result.date == dt.date(2005, 11, 10) and result.status == "inferred"


@pytest.mark.parametrize("weekday", ["Monday", "Tuesday"])
def test_wrong_weekday_never_yields_that_date(config: SiteConfig, weekday: str) -> None:
    # 21 November is a Monday in 2016; with "Tuesday" the answer must not be 2016.
    result = pub(config, story("MOSCOW, November 21. /TASS/.", f"A diplomat told TASS on {weekday}.", "We will work with the Obama administration, and with the Trump administration."))
    if weekday == "Monday":
        assert result.date == dt.date(2016, 11, 21)
    else:
        assert result.date is None
