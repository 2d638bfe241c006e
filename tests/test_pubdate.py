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
    result = pub(
        config,
        story(
            "MOSCOW, November 10 (Itar-Tass) –",
            "The minister said Thursday.",
            "He was detained in 2008.",
            "The verdict is expected on February 8, 2012.",
        ),
    )
    assert result.date == dt.date(2011, 11, 10) and result.status == "inferred"
    assert any("Thursday" in e and "2011" in e for e in result.evidence)


def test_weekday_alone_leaves_several_years(config: SiteConfig) -> None:
    result = pub(config, story("LONDON, November 10 -", "The minister said Thursday that talks went well."))
    assert result.date is None and result.status == "uncertain"
    # 10 November is a Thursday in 1994, 2005, 2011, 2016, 2022;
    # the day after a Thursday (late copy) in 1995, 2000, 2006, 2017, 2023
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
    result = pub(
        config,
        story(
            "MOSCOW, November 10. /TASS/.",
            "The source said Thursday.",
            "We will work with the Obama administration.",
            "He was released in 2020.",
        ),
    )
    assert result.date is None and result.status == "uncertain"


def test_year_hint_from_config(config: SiteConfig) -> None:
    hinted = replace(config, year_hints=(("x.txt", 2005),))
    result = pub(hinted, story("LONDON, November 10 -", "Text with no clue."))
    assert result.date == dt.date(2005, 11, 10) and result.status == "inferred"


@pytest.mark.parametrize("weekday", ["Monday", "Tuesday"])
def test_wrong_weekday_never_yields_that_date(config: SiteConfig, weekday: str) -> None:
    # 21 November is a Monday in 2016; with "Tuesday" the answer must not be 2016.
    result = pub(
        config,
        story(
            "MOSCOW, November 21. /TASS/.",
            f"A diplomat told TASS on {weekday}.",
            "We will work with the Obama administration, and with the Trump administration.",
        ),
    )
    if weekday == "Monday":
        assert result.date == dt.date(2016, 11, 21)
    else:
        assert result.date is None


def test_said_on_saturday_may_name_the_day_before_the_dateline(config: SiteConfig) -> None:
    # 2 October 2016 was a Sunday: "said on Saturday" is 1 October (late copy, time zones) and must not rule 2016 out.
    result = pub(
        config,
        story(
            "WASHINGTON, October 2. /TASS/.",
            "An official said on Saturday that the talks went on.",
            "The deal was signed in September 2016.",
            "The Obama administration is reviewing it.",
        ),
    )
    assert result.date == dt.date(2016, 10, 2) and result.status == "inferred"
    assert any("day after a Saturday" in e and "2016" in e for e in result.evidence)


def test_weekday_with_a_date_in_the_body_fixes_its_years(config: SiteConfig) -> None:
    # 12 March is a Tuesday in 1991, 1996, 2002, 2013, 2019, 2024; Itar-Tass signed 1992-2014.
    result = pub(
        config, story("MOSCOW, March 20 (Itar-Tass) –", "The talks that opened on Tuesday, March 12 ended without a deal.")
    )
    survivors = {d.year for d in ((result.date,) if result.date else ()) + result.candidates}
    assert survivors == {1996, 2002, 2013}
    assert any("Tuesday, March 12" in e for e in result.evidence)


def test_probable_when_soft_clues_prefer_one_year(config: SiteConfig) -> None:
    # 26 December is a Thursday in 2024, the day after a Thursday in 2025: both survive; the weekday
    # and the nearness to the September 2024 event prefer 2024, which stays only probable.
    result = pub(
        config, story("MOSCOW, December 26. /TASS/.", "The minister said on Thursday that the plant opened in September 2024.")
    )
    assert result.status == "probable" and result.date == dt.date(2024, 12, 26)
    assert [d.year for d in result.candidates] == [2025]
    assert result.evidence[-1] == "probably 2024 (2025 not ruled out)"


def test_soft_clues_that_disagree_leave_it_uncertain(config: SiteConfig) -> None:
    # The weekday prefers 2024 (26 December a Thursday), the scheduled January 2026 event prefers 2025.
    result = pub(
        config,
        story("MOSCOW, December 26. /TASS/.", "The minister said on Thursday that the plant will open on January 10, 2026."),
    )
    assert result.status == "uncertain" and result.date is None


def test_another_office_is_not_the_era(config: SiteConfig) -> None:
    # "Vice President Joe Biden" (2009-2017) is not "President Biden" (2021-2025).
    result = pub(config, story("MOSCOW, March 10 (Itar-Tass) –", "Vice President Joe Biden said the talks went well."))
    assert not any("Biden" in e and "2020" in e for e in result.evidence)
    assert result.status == "uncertain"


def test_title_as_current_bounds_the_year(config: SiteConfig) -> None:
    result = pub(
        config,
        story(
            "MOSCOW, March 10 (Itar-Tass) –",
            "Foreign Minister Sergey Lavrov said the talks went well.",
            "He met President Dmitry Medvedev in 2009.",
        ),
    )
    survivors = {d.year for d in ((result.date,) if result.date else ()) + result.candidates}
    assert survivors == {2009, 2010, 2011, 2012, 2013, 2014}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He was detained in 2008.", "past"),
        ("The verdict is expected on February 8, 2012.", "scheduled"),
        ("The forum will be held in June 2030.", "scheduled"),
        ("The ministers met in March 2019.", "past"),
    ],
)
def test_date_reasoner_and_timeline_agree_on_tense(config: SiteConfig, sentence: str, expected: str) -> None:
    from generator.analysis.pubdate.clues import tensed_clues
    from generator.analysis.timex import tag_text

    clues, _ = tensed_clues([sentence])
    assert len(clues) == 1
    reasoner = "scheduled" if ("still" in clues[0].evidence) else "past"
    hits = [h for h in tag_text(sentence, None) if h.granularity in ("day", "month", "year")]
    assert [h.status for h in hits] == [expected] and reasoner == expected


def test_story_numbers_of_one_agency_bound_each_other(config: SiteConfig) -> None:
    from generator.dossier.datebounds import bound_dates, story_number
    from generator.models import Analysis

    texts = {
        "agency_100100.txt": story(
            "MOSCOW, May 14. /TASS/.", "The plant opened in April 2019.", "The next stage is due in June 2019."
        ),
        "agency_100150.txt": story("MOSCOW, May 14. /TASS/.", "No dated clue here."),
        "agency_100200.txt": story("MOSCOW, May 14, 2019. /TASS/.", "Text."),
    }
    analyses = []
    for name, text in texts.items():
        article = read(text, name, OPTIONS)
        analyses.append(Analysis(article=article, pubdate=pub_article(config, article)))
    assert story_number("agency_100150.txt") == 100150
    middle = bound_dates(analyses, lambda a: "TASS")[1].pubdate
    assert middle.status == "inferred" and middle.date == dt.date(2019, 5, 14)
    assert any("agency_100100.txt" in e for e in middle.evidence) and any("agency_100200.txt" in e for e in middle.evidence)


def test_close_story_number_makes_a_year_probable_only(config: SiteConfig) -> None:
    from generator.dossier.datebounds import bound_dates
    from generator.models import Analysis

    texts = {
        "agency_500000.txt": story("MOSCOW, May 14, 2019. /TASS/.", "Text."),
        "agency_500010.txt": story("MOSCOW, May 14. /TASS/.", "No dated clue here."),
    }
    analyses = [Analysis(article=(a := read(t, n, OPTIONS)), pubdate=pub_article(config, a)) for n, t in texts.items()]
    later = bound_dates(analyses, lambda a: "TASS")[1].pubdate
    assert later.status == "probable" and later.date == dt.date(2019, 5, 14)
    assert any("agency_500000.txt" in e and "close story number" in e for e in later.evidence)


def pub_article(config: SiteConfig, article):
    found = config.sources.canonical(article.agency_as_written)
    return infer_pubdate(article, config, found[1] if found else ())


@pytest.mark.parametrize(
    "sentence",
    [
        "The candidate spoke of what a Trump administration would do.",  # hypothetical, before the vote
        "He is probably the front-runner for the Republican nomination in 2020, a rival said.",  # no verb governs 2020
        "Suicides rose by a third from 2001 to 2014.",  # "by" governs "a third", not a date
    ],
)
def test_clues_that_must_not_bound_the_year(config: SiteConfig, sentence: str) -> None:
    result = pub(config, story("WASHINGTON, September 16 (Reuters) -", sentence))
    assert 2016 in {d.year for d in ((result.date,) if result.date else ()) + result.candidates}
    assert result.status == "uncertain"


def test_a_past_event_months_old_does_not_make_a_year_probable(config: SiteConfig) -> None:
    # Political copy recalls events long after them: "in July 2015" says nothing about 2015 against 2016.
    result = pub(config, story("WASHINGTON, September 28 (Reuters) -", "The deal was signed in July 2015."))
    assert result.status == "uncertain"


@pytest.mark.parametrize(
    ("dateline", "lead", "facts", "date"),
    [
        # 20 August is a Friday in 2010 (and the day after a Friday in 2011); the founding and the listing
        # leave 2008-2010; nothing hard decides.
        (
            "OSTBURG, August 20 (Itar-Tass) –",
            "A harbour court on Friday ruled that the ferry company must pay its debts.",
            "The company was founded in March 2008. It will list its shares in January 2011.",
            dt.date(2010, 8, 20),
        ),
        # "OSTBURG, August 20. /TASS/." is a sentence of its own to the splitter; the story's first sentence
        # is the one after it. 2015-2018 are left, and 20 August is a Thursday in 2015 only.
        (
            "OSTBURG, August 20. /TASS/.",
            "A harbour court on Thursday ruled that the ferry company must pay its debts.",
            "The company was founded in March 2015. It will list its shares in January 2019.",
            dt.date(2015, 8, 20),
        ),
    ],
)
def test_the_weekday_of_the_first_sentence_prefers_a_year(
    config: SiteConfig, dateline: str, lead: str, facts: str, date: dt.date
) -> None:
    result = pub(config, story(dateline, lead, facts))
    assert result.status == "probable" and result.date == date
    assert any("in the first sentence" in e for e in result.evidence)


@pytest.mark.parametrize(
    ("looking_back", "year"),
    [
        ("The bridge was opened back in 2019.", 2020),
        ("Prices of the ferry have risen by a third since the end of 2019.", 2020),
        ("The bridge was opened back in January.", None),  # no year named: nothing looked back on
    ],
)
def test_a_year_looked_back_on_is_over(config: SiteConfig, looking_back: str, year: int | None) -> None:
    # "was founded in 2019" alone leaves 2019 and 2020; "back in 2019" and "since the end of 2019" look back
    # across the year's turn, so only 2020 fits.
    result = pub(
        config,
        story(
            "OSTBURG, March 3. /TASS/.",
            "The ferry company was founded in 2019.",
            looking_back,
            "It will list its shares in 2020.",
        ),
    )
    if year is None:
        assert result.status != "inferred" and not any("as over" in e for e in result.evidence)
    else:
        assert result.status == "inferred" and result.date == dt.date(year, 3, 3)
        assert any("as over" in e for e in result.evidence)


@pytest.mark.parametrize(
    "figure",
    [
        "Exports grew by a fifth in January-November 2019, the customs service said.",
        "Output rose by a tenth in the first nine months of 2019, the ministry said.",
    ],
)
def test_a_figure_for_part_of_a_year_is_from_its_last_month_or_later(config: SiteConfig, figure: str) -> None:
    # The figure cannot be told before its months are over: not on 3 February 2019. "will open in March 2020"
    # leaves February 2020 as the only later 3 February.
    result = pub(config, story("OSTBURG, February 3. /TASS/.", figure, "The port will open a new terminal in March 2020."))
    assert result.status == "inferred" and result.date == dt.date(2020, 2, 3)


def test_a_weekday_told_as_ahead_in_the_first_sentence_prefers_nothing(config: SiteConfig) -> None:
    result = pub(
        config,
        story(
            "OSTBURG, August 20 (Itar-Tass) –",
            "A harbour court will rule on Friday whether the ferry company must pay its debts.",
            "The company was founded in March 2008. It will list its shares in January 2011.",
        ),
    )
    assert result.status == "uncertain"  # read as the day of the story, "on Friday" would make 2010 probable


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("The city marked the 79th anniversary of the victory in the war of 1941-1945 on the square.", 2024),
        ("The city marked the 85th anniversary of the start of the war of 1941-1945 on the square.", 2026),
        ("Exactly 30 years ago, in 1994, the harbour bridge was opened.", 2024),
        ("It has been 30 years since the 1994 harbour vote.", 2024),
        ("Two decades ago, in 2004, the port was built.", 2024),
    ],
)
def test_a_span_back_bound_to_its_year_counts_to_the_story(config: SiteConfig, sentence: str, year: int) -> None:
    # The sum is most likely; a jubilee prepared the year before or looked back on the year after stays possible.
    result = pub(config, story("OSTBURG, May 9. /TASS/.", sentence))
    assert result.status == "probable" and result.date == dt.date(year, 5, 9)
    assert {d.year for d in result.candidates} <= {year - 1, year + 1}


@pytest.mark.parametrize(
    "sentence",
    [
        "The club celebrated its 100th anniversary, having been founded in 1925.",  # no bond between them
        "Some 30 years ago, in 1994, the harbour bridge was opened.",  # told roughly
        "Next year will mark the 80th anniversary of the liberation in 1944.",  # ahead: the sum is no more likely
    ],
)
def test_a_span_back_without_its_year_or_told_roughly_prefers_no_year(config: SiteConfig, sentence: str) -> None:
    assert pub(config, story("OSTBURG, May 9. /TASS/.", sentence)).status == "uncertain"
