"""A title before a name dates the story inside the holder's term (site_config/eras.yml ``current``).

News gives people the title they hold when it is written ("Foreign Minister Lavrov said"), so a
title in a sentence of the present narrows the year to the spans its holder held it; a past holder
("former", "then-"), a past role ("an adviser to President X") or a sentence about a past year
("In 2009, President X...") says nothing of the present. The mechanism is tested on invented
offices; one test checks the shipped table on a real gap in a term (Putin, 2008-2012).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator.analysis.pubdate import infer_pubdate
from generator.config import ConfigError, Era, ReaderOptions, SiteConfig, load_config
from generator.readers.text import read

OPTIONS = ReaderOptions(furniture=(re.compile("all news", re.IGNORECASE),))
ROOT = Path(__file__).resolve().parents[1]

# Invented: Pavel Dorin governed Norland 1994-1999 and again from 2010; Ilse Varga is its envoy 2003-2006.
DORIN = Era(
    "Governor * Dorin",
    dt.date(1994, 1, 1),
    None,
    "Pavel Dorin, Governor of Norland 1994-1999 and since 2010",
    ((dt.date(1994, 1, 1), dt.date(1999, 12, 31)), (dt.date(2010, 1, 1), None)),
)
VARGA = Era(
    "Envoy to the ** Varga",
    dt.date(2003, 1, 1),
    None,
    "Ilse Varga, Norland's envoy to the Southern Isles 2003-2006",
    ((dt.date(2003, 1, 1), dt.date(2006, 12, 31)),),
)
PLAGUE = Era("Z-19", dt.date(2001, 6, 1), None, "an invented disease named in June 2001")


def years(config: SiteConfig, *body: str, eras: tuple[Era, ...] = (DORIN, VARGA, PLAGUE)) -> set[int]:
    text = "Headline of the story\n\nOSTBURG, March 3 (Norland Press) – " + "\n\n".join(body) + "\n"
    article = read(text, "x.txt", OPTIONS)
    found = infer_pubdate(article, replace(config, eras=eras))
    return {d.year for d in ((found.date,) if found.date else ()) + found.candidates}


def test_a_title_in_a_saying_dates_the_story_inside_the_terms(config: SiteConfig) -> None:
    kept = years(config, "Governor Pavel Dorin said the harbour would reopen.")
    assert kept == set(range(1994, 2000)) | set(range(2010, config.latest_year + 1))


def test_a_title_with_no_saying_and_no_present_tells_the_past(config: SiteConfig) -> None:
    kept = years(config, "Governor Pavel Dorin opened the harbour.")
    assert kept == set(range(1994, config.latest_year + 1))  # named, so after 1994; nothing more


@pytest.mark.parametrize(
    "sentence",
    [
        "Former Governor Pavel Dorin said the harbour would reopen.",
        "Then-Norland Governor Pavel Dorin said the harbour would reopen.",
        "An adviser to Governor Pavel Dorin said the harbour would reopen.",
        "In 1996, Governor Pavel Dorin said the harbour would reopen.",
        "Deputy Governor Pavel Dorin said the harbour would reopen.",
    ],
)
def test_a_past_holder_role_or_year_does_not_date_the_present(config: SiteConfig, sentence: str) -> None:
    assert years(config, sentence) & set(range(2000, 2010))


def test_a_past_year_far_off_in_the_sentence_does_not_undo_the_title(config: SiteConfig) -> None:
    kept = years(config, "Governor Pavel Dorin said the talks, which broke down in 1996, would resume.")
    assert not kept & set(range(2000, 2010))


def test_a_wide_gap_and_a_hyphenated_first_word(config: SiteConfig) -> None:
    kept = years(config, "Norland's Envoy to the Southern Isles Ilse Varga told reporters Z-19 is spreading.")
    assert kept == set(range(2003, 2007))
    kept = years(config, "Norland's Envoy to the Southern Isles Ilse Varga told reporters Z 19 is spreading.")
    assert kept == set(range(2003, 2007))


def test_the_shipped_table_knows_a_gap_in_a_term(config: SiteConfig) -> None:
    # Vladimir Putin was Prime Minister, not President, from May 2008 to May 2012.
    text = "Headline\n\nMOSCOW, March 3. /TASS/. Russian President Vladimir Putin said on Friday the talks would go on.\n"
    found = infer_pubdate(read(text, "x.txt", OPTIONS), config)
    kept = {d.year for d in ((found.date,) if found.date else ()) + found.candidates}
    assert kept and not kept & {2009, 2010, 2011}
    assert any("the title when written" in e for e in found.evidence)


@pytest.mark.parametrize(
    ("sentence", "first", "last"),
    [
        ("Emergencies Minister Alexander Kurenkov told reporters on Friday the cleanup would go on.", 2022, 2026),
        ("Duma Speaker Vyacheslav Volodin said on Friday the bill would pass.", 2016, 2026),
        ("Energy Minister Nikolai Shulginov said on Friday the plant would open.", 2020, 2024),
    ],
)
def test_the_shipped_table_knows_ministers_and_speakers(config: SiteConfig, sentence: str, first: int, last: int) -> None:
    # Office holders of the table's second round (session 17): each title dates the story inside the term.
    text = f"Headline\n\nMOSCOW, March 3. /TASS/. {sentence}\n"
    found = infer_pubdate(read(text, "x.txt", OPTIONS), config)
    kept = {d.year for d in ((found.date,) if found.date else ()) + found.candidates}
    assert kept and min(kept) >= first and max(kept) <= last


def test_the_shipped_table_knows_the_weeks_of_a_president_elect(config: SiteConfig) -> None:
    # Between the election and the oath: 2 December falls in those weeks in 2020 only (Biden).
    text = "Headline\n\nWASHINGTON, December 2 (Reuters) - President-elect Joe Biden said the team would be named soon.\n"
    found = infer_pubdate(read(text, "x.txt", OPTIONS), config)
    assert found.status == "inferred" and found.date == dt.date(2020, 12, 2)


def test_a_list_of_phrases_gives_each_spelling(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    (tmp_path / "site_config" / "eras.yml").write_text(
        "eras:\n  - phrase: [Governor * Dorin, Gov. * Dorin]\n    current: [[1994-01-01, 1999-12-31], [2010-01-01, null]]\n",
        encoding="utf-8",
    )
    eras = load_config(tmp_path).eras
    assert [e.phrase for e in eras] == ["Governor * Dorin", "Gov. * Dorin"]
    assert all(e.after == dt.date(1994, 1, 1) and e.current == DORIN.current for e in eras)


@pytest.mark.parametrize(
    ("current", "found"),
    [
        ("[[1999-12-31, 1994-01-01]]", "expected the last day after the first"),
        ("[[1994-01-01]]", "expected [first day, last day or null]"),
        ("[[soon, null]]", "expected a date YYYY-MM-DD"),
    ],
)
def test_a_bad_span_is_named_with_its_file_and_field(tmp_path: Path, current: str, found: str) -> None:
    shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    (tmp_path / "site_config" / "eras.yml").write_text(
        f"eras:\n  - phrase: Governor * Dorin\n    current: {current}\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert "eras.yml: eras[0].current[0]" in str(caught.value) and found in str(caught.value)


# ---- What the dossier knows: a curated event told as done or as ahead (analysis/pubdate/facts.py).


def _with_facts(config: SiteConfig) -> SiteConfig:
    from generator.config.gazetteer import EntityDates, Gazetteer
    from generator.models import EntityRef

    dorin = EntityRef("pavel-dorin", "Pavel Dorin", "person", aliases=("Dorin",))
    facts = (
        EntityDates("sentenced to nine years in prison", "2013-06-04"),
        EntityDates("found guilty of bribery", "2012-11"),
        EntityDates("Governor of Norland", "2001", "2005"),  # a state with an end: no bound
        EntityDates("Chair of the Norland Council", "2019"),  # an office (a capital): no bound either
        EntityDates("serving a nine-year sentence", "2013-06-04", "2020-06-03"),  # a state in -ing: a span
        EntityDates("born in Ostburg", "1960-08-20"),  # with an age beside the name: one year of birthdays
    )
    return replace(config, eras=(), gazetteer=Gazetteer(entries=(dorin,), dates=(("pavel-dorin", facts),)))


def fact_years(config: SiteConfig, *body: str) -> set[int]:
    text = "Headline of the story\n\nOSTBURG, March 3 (Norland Press) – " + "\n\n".join(body) + "\n"
    found = infer_pubdate(read(text, "x.txt", OPTIONS), _with_facts(config))
    return {d.year for d in ((found.date,) if found.date else ()) + found.candidates}


@pytest.mark.parametrize(
    "sentence",
    [
        "Dorin, who was sentenced to nine years, appealed again.",
        "Dorin, sentenced to nine years in prison, appealed again.",  # a reduced "who was sentenced"
    ],
)
def test_a_curated_event_told_as_done_bounds_the_story_from_below(config: SiteConfig, sentence: str) -> None:
    assert min(fact_years(config, sentence)) == 2014  # 3 March 2013 is too early


def test_a_curated_event_told_as_ahead_bounds_it_from_above(config: SiteConfig) -> None:
    assert max(fact_years(config, "Dorin will be sentenced after the holidays, his lawyer said.")) == 2013
    assert max(fact_years(config, "Pavel Dorin could be found guilty of bribery, his lawyer said.")) == 2012


def test_a_curated_event_without_an_auxiliary_or_the_name_bounds_nothing(config: SiteConfig) -> None:
    everything = set(range(config.earliest_year, config.latest_year + 1))
    assert fact_years(config, "The court ruled Dorin should face trial and be sentenced at home.") != everything  # "be": ahead
    assert fact_years(config, "The court ruled that Dorin's aide had sentenced nobody.") == everything
    assert fact_years(config, "The mayor was sentenced to nine years.") == everything
    assert fact_years(config, "Dorin was Governor of Norland.") == everything
    assert fact_years(config, "Dorin, who was Chair of the Norland Council in 2012, spoke.") >= set(range(2012, 2019))
    assert fact_years(config, "The mayor, sentenced to nine years, appealed; Dorin spoke.") == everything


@pytest.mark.parametrize(
    "sentence",
    [
        "Dorin, a former governor serving a nine-year sentence, appealed again.",
        "Dorin, who is serving a nine-year sentence, appealed again.",
        "Dorin is still serving a nine-year sentence, his lawyer said.",
    ],
)
def test_a_curated_state_told_as_now_dates_the_story_inside_its_span(config: SiteConfig, sentence: str) -> None:
    assert fact_years(config, sentence) == set(range(2014, 2021))  # 3 March 2014 to 3 March 2020


@pytest.mark.parametrize(
    "sentence",
    [
        "Dorin, the man who was serving a nine-year sentence, died.",
        "A man serving a nine-year sentence wrote to Dorin.",
        "Dorin's cellmate, who is serving a nine-year sentence, wrote.",
    ],
)
def test_a_curated_state_told_as_past_or_of_another_says_nothing(config: SiteConfig, sentence: str) -> None:
    assert fact_years(config, sentence) == set(range(config.earliest_year, config.latest_year + 1))


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("Pavel Dorin, 52, appealed again.", {2013}),  # 20 August 2012 to 19 August 2013: 3 March 2013
        ("The 52-year-old Dorin appealed again.", {2013}),
        ("Dorin, aged 60, appealed again.", {2021}),
        ("Dorin's lawyer, 52, appealed again.", None),  # the lawyer's age
    ],
)
def test_an_age_beside_the_name_and_a_curated_birth_date_the_story(
    config: SiteConfig, sentence: str, years: set[int] | None
) -> None:
    everything = set(range(config.earliest_year, config.latest_year + 1))
    assert fact_years(config, sentence) == (years if years is not None else everything)
