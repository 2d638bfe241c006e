"""Temporal expressions: spans, values against the article's day, precision and status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.analysis.timex import find_timexes, sentence_spans, tag_text
from generator.models import HEADLINE, STANDFIRST, Article, PubDate

MON_2016 = dt.date(2016, 11, 21)  # a Monday: the second sample's day
THU_2011 = dt.date(2011, 11, 10)  # a Thursday: the first sample's day


def _article(*paragraphs: str, headline: str = "", standfirst: str = "") -> Article:
    return Article(source="t.txt", format="text", headline=headline, standfirst=standfirst, paragraphs=tuple(paragraphs))


def _found(text: str, reference: dt.date | None) -> list[tuple[str, str | None, str, str]]:
    """(span, ISO value, precision, status) of each timex in a one-paragraph article."""
    pubdate = PubDate(reference, "inferred" if reference else "uncertain")
    return [
        (t.text, t.value.isoformat() if t.value else None, t.precision, t.status) for t in find_timexes(_article(text), pubdate)
    ]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # full dates
        (
            "The judge is expected to read out a sentence, which may maroon Bout in jail for life, February 8, 2012.",
            THU_2011,
            [("February 8, 2012", "2012-02-08", "day", "scheduled")],
        ),
        ("The accord was signed on November 2, 2011.", THU_2011, [("November 2, 2011", "2011-11-02", "day", "past")]),
        ("Talks began on 8 February 2012.", dt.date(2012, 3, 1), [("8 February 2012", "2012-02-08", "day", "past")]),
        ("The plant opened on Sept. 30, 1989.", THU_2011, [("Sept. 30, 1989", "1989-09-30", "day", "past")]),
        # month and year, years
        ("The plant will open in April 2012.", THU_2011, [("April 2012", "2012-04-01", "month", "scheduled")]),
        ("Sales fell in February 2012.", dt.date(2012, 3, 1), [("February 2012", "2012-02-01", "month", "past")]),
        ("He was arrested in Thailand in 2008.", THU_2011, [("2008", "2008-01-01", "year", "past")]),
        ("In 2010 the court ruled against him.", THU_2011, [("2010", "2010-01-01", "year", "past")]),
        ("The sanctions stay until 2030, he said.", MON_2016, [("2030", "2030-01-01", "year", "scheduled")]),
        # yearless dates take the year their tense makes true
        ("A court ruled on November 21 against him.", MON_2016, [("November 21", "2016-11-21", "day", "past")]),
        (
            "Until January 20, we will go on working with the current administration.",
            MON_2016,
            [("January 20", "2017-01-20", "day", "scheduled")],
        ),
        ("The summit is scheduled for March 3.", MON_2016, [("March 3", "2017-03-03", "day", "scheduled")]),
        ("The deal was signed on June 5.", MON_2016, [("June 5", "2016-06-05", "day", "past")]),
        ("The deal will be signed on June 5.", MON_2016, [("June 5", "2017-06-05", "day", "scheduled")]),
        ("Polls closed on 20 November.", MON_2016, [("20 November", "2016-11-20", "day", "past")]),
        (
            "The forum will be held from November 28 to November 30.",
            MON_2016,
            [("November 28", "2016-11-28", "day", "scheduled"), ("November 30", "2016-11-30", "day", "scheduled")],
        ),
        (
            "The forum was held on Nov. 11-13.",
            MON_2016,
            [("Nov. 11", "2016-11-11", "day", "past"), ("13", "2016-11-13", "day", "past")],
        ),
        # months alone
        ("The deal was signed in March.", MON_2016, [("March", "2016-03-01", "month", "past")]),
        ("The deal will be signed in March.", MON_2016, [("March", "2017-03-01", "month", "scheduled")]),
        ("Prices rose last November.", MON_2016, [("last November", "2015-11-01", "month", "past")]),
        ("The rules change next May.", MON_2016, [("next May", "2017-05-01", "month", "scheduled")]),
        # weekdays: on or before the article's day in the past tense, after it in the future
        ("A source at the ministry said Thursday.", THU_2011, [("Thursday", "2011-11-10", "day", "past")]),
        ("An official told TASS on Monday.", MON_2016, [("Monday", "2016-11-21", "day", "past")]),
        ("The ministers met on Thursday.", MON_2016, [("Thursday", "2016-11-17", "day", "past")]),
        ("The ministers will meet on Thursday.", MON_2016, [("Thursday", "2016-11-24", "day", "scheduled")]),
        ("He said on Friday that he would resign.", MON_2016, [("Friday", "2016-11-18", "day", "past")]),
        ("The vote took place last Monday.", MON_2016, [("last Monday", "2016-11-14", "day", "past")]),
        # relative days, months, years
        ("The vote took place yesterday.", MON_2016, [("yesterday", "2016-11-20", "day", "past")]),
        ("The minister arrived today.", MON_2016, [("today", "2016-11-21", "day", "past")]),
        ("The minister will arrive today.", MON_2016, [("today", "2016-11-21", "day", "scheduled")]),
        ("The minister arrives tomorrow.", MON_2016, [("tomorrow", "2016-11-22", "day", "scheduled")]),
        ("The law was passed last year.", MON_2016, [("last year", "2015-01-01", "year", "past")]),
        ("The plan will be adopted this year.", MON_2016, [("this year", "2016-01-01", "year", "scheduled")]),
        ("Elections are due next year.", MON_2016, [("next year", "2017-01-01", "year", "scheduled")]),
        ("Output fell last month.", MON_2016, [("last month", "2016-10-01", "month", "past")]),
        ("He left the country two years ago.", MON_2016, [("two years ago", "2014-01-01", "year", "past")]),
        ("The company was founded 10 days ago.", MON_2016, [("10 days ago", "2016-11-11", "day", "past")]),
        (
            "He was detained on Monday. A day earlier, police had searched his flat.",
            MON_2016,
            [("Monday", "2016-11-21", "day", "past"), ("A day earlier", "2016-11-20", "day", "past")],
        ),
        (
            "The pact was signed in 2008. A year later it collapsed.",
            MON_2016,
            [("2008", "2008-01-01", "year", "past"), ("A year later", "2009-01-01", "year", "past")],
        ),
        (
            "Talks began on Friday. The next day they broke down.",
            MON_2016,
            [
                ("Friday", "2016-11-18", "day", "past"),
                ("The next day", "2016-11-19", "day", "past"),
            ],
        ),
        # things that are not dates
        ("The storm, which may hit the coast, is weakening.", MON_2016, []),
        ("We will work with the Obama administration.", MON_2016, []),
        ("He is serving a 25-year prison term in the United States.", MON_2016, []),
        ("About 650,000 people took part.", MON_2016, []),
        ("He has specialised in the past fifteen or so years in air haulage.", MON_2016, []),
        ("Bout, 45 years old, denies the charges.", MON_2016, []),
        ("In the past, such cases were rare.", MON_2016, []),
        ("Some 2000 troops were sent to the border.", MON_2016, []),
        ("The price rose to $1999 a unit, up 2010 percent.", MON_2016, []),
        ("The marchers will march on the capital.", MON_2016, []),
        ("May I ask a question?", MON_2016, []),
        ("The fall in prices hurt exporters.", MON_2016, []),
        ("They demonstrated no political will for that.", MON_2016, []),
    ],
)
def test_expression_value_precision_status(
    text: str, reference: dt.date, expected: list[tuple[str, str | None, str, str]]
) -> None:
    assert _found(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A source said Thursday.", [("Thursday", None)]),
        ("A court ruled on November 21.", [("November 21", None)]),
        ("Until January 20, we will go on working.", [("January 20", None)]),
        ("Prices rose last November.", [("last November", None)]),
        ("The vote took place yesterday.", [("yesterday", None)]),
        ("He was arrested in Thailand in 2008.", [("2008", "2008-01-01")]),
        ("The judge will read the sentence February 8, 2012.", [("February 8, 2012", "2012-02-08")]),
        ("Sales fell in February 2012.", [("February 2012", "2012-02-01")]),
    ],
)
def test_uncertain_article_date_never_guesses(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(span, value) for span, value, _, _ in _found(text, None)] == expected


def test_status_without_article_date_follows_the_tense() -> None:
    found = _found("The judge will read the sentence February 8, 2012.", None)
    assert found[0][3] == "scheduled"
    assert _found("He was arrested in Thailand in 2008.", None)[0][3] == "past"


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Profit rose in the third quarter.", dt.date(1989, 10, 26), [("the third quarter", "1989-Q3")]),
        ("It fell from a year ago.", dt.date(1989, 10, 26), [("a year ago", "1988")]),
        (
            "Profit rose in the third quarter from a year ago.",
            dt.date(1989, 10, 26),
            [
                ("the third quarter", "1989-Q3"),
                ("a year ago", "1988-Q3"),
            ],
        ),
        ("Talks resume next week.", MON_2016, [("next week", "2016-W48")]),
        ("Prices are now higher.", MON_2016, [("now", "PRESENT_REF")]),
        ("Prices were lower in the 1990s.", MON_2016, [("the 1990s", "199")]),
        ("It was warmer last fall.", MON_2016, [("last fall", "2015-FA")]),
        ("Rebels took the city during the weekend.", MON_2016, [("the weekend", "2016-W46-WE")]),
        ("It happened in nineteen ninety-six.", MON_2016, [("nineteen ninety-six", "1996")]),
        ("It was agreed on Christmas Day.", MON_2016, [("Christmas Day", "2015-12-25")]),
        ("It will be signed on Christmas Eve.", MON_2016, [("Christmas Eve", "2016-12-24")]),
    ],
)
def test_timeml_values(text: str, reference: dt.date, expected: list[tuple[str, str]]) -> None:
    # The TimeML-only rules (quarters, seasons, decades, weekends, PRESENT_REF) live in bench/.
    from bench.timeml_rules import tag_timeml

    assert [(h.text, h.timeml) for h in tag_timeml(text, reference)] == expected


@pytest.mark.parametrize("text", ["Prices fell in the 1990s.", "Profit fell in the 1980's.", "It rose in the third quarter."])
def test_product_tagger_leaves_decades_and_quarters_alone(text: str) -> None:
    assert tag_text(text, MON_2016) == []


def test_quarters_and_weeks_stay_out_of_the_timeline() -> None:
    article = _article("Profit rose in the third quarter. Talks resume next week. Prices are now higher.")
    assert find_timexes(article, PubDate(MON_2016, "inferred")) == ()


def test_dateline_month_day_is_not_a_timex_and_not_part_of_the_sentence() -> None:
    article = _article("MOSCOW, November 10 (Itar-Tass) – Russia will keep pressing, a source said Thursday.")
    (timex,) = find_timexes(article, PubDate(THU_2011, "inferred"))
    assert (timex.text, timex.value) == ("Thursday", THU_2011)
    assert timex.sentence == "Russia will keep pressing, a source said Thursday."
    assert article.paragraphs[0][timex.start : timex.end] == "Thursday"


def test_headline_and_standfirst_are_read_with_their_paragraph_index() -> None:
    article = _article(
        "The court ruled on Monday.",
        headline="Court rules on November 21",
        standfirst="A court in New York ruled on November 21 against a review",
    )
    found = {(t.paragraph, t.text, t.value) for t in find_timexes(article, PubDate(MON_2016, "inferred"))}
    assert found == {(HEADLINE, "November 21", MON_2016), (STANDFIRST, "November 21", MON_2016), (0, "Monday", MON_2016)}


def test_offsets_index_the_verbatim_paragraph() -> None:
    text = "“Until January 20, we will go on working,” he said. Bout was arrested in 2008."
    for timex in find_timexes(_article(text), PubDate(MON_2016, "inferred")):
        assert text[timex.start : timex.end] == timex.text
        assert timex.sentence in text


def test_sentences_do_not_split_at_abbreviations() -> None:
    text = "The U.S. Drug Enforcement Administration said so. Mr. Smith left at 5 p.m. Monday. He went home."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "The U.S. Drug Enforcement Administration said so.",
        "Mr. Smith left at 5 p.m. Monday.",
        "He went home.",
    ]


def test_tagger_finds_every_expression_in_a_long_text() -> None:
    paragraph = (
        "Russia will continue to work with both the incumbent and the new U.S. administration, a senior "
        "official told TASS on Monday. He was arrested in Thailand in 2008 and extradited in November 2010. "
        "The judge is expected to read out a sentence on February 8, 2012, his lawyer said last week. "
    )
    text = "\n\n".join([paragraph] * 300)
    words = len(text.split())
    hits = tag_text(text, MON_2016)
    # Speed is measured by bench.eval_timex (words/s), not asserted here.
    assert words > 10_000 and len(hits) == 5 * 300


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks lasted two weeks.", [("two weeks", "P2W", "DURATION")]),
        ("It has grown for the past 18 months.", [("for the past 18 months", "P18M", "DURATION")]),
        ("He signed a five-year contract.", [("five-year", "P5Y", "DURATION")]),
        ("The 12-year-old boy smiled.", []),
        ("The trip took 2 1/2 years.", [("2 1/2 years", "P2Y6M", "DURATION")]),
        ("Shares rose for several months.", [("for several months", "PXM", "DURATION")]),
        ("They meet every month.", [("every month", "P1M", "SET")]),
        ("The paper is printed daily.", [("daily", "P1D", "SET")]),
        ("It exploded at about 10:35 a.m. Friday.", [("about 10:35 a.m. Friday", "2016-11-18T10:35", "TIME")]),
        ("We spoke this morning.", [("this morning", "2016-11-21TMO", "TIME")]),
        ("Net income for the year ended June 30 rose.", [("the year", "P1Y", "DURATION"), ("June 30", "2016-06-30", "DATE")]),
    ],
)
def test_timeml_durations_sets_and_times(text: str, expected: list[tuple[str, str, str]]) -> None:
    from bench.timeml_rules import tag_timeml

    assert [(h.text, h.timeml, h.type) for h in tag_timeml(text, MON_2016)] == expected


def test_durations_never_reach_the_timeline() -> None:
    article = _article("Talks lasted two weeks. The paper is printed daily. He signed a five-year contract.")
    assert find_timexes(article, PubDate(MON_2016, "inferred")) == ()


def test_reporting_verbs_come_from_the_lexicon() -> None:
    """A verb the site's quotes.yml lists dates the saying ("quips Friday"); one it does not, does not."""
    from generator.language.lexicon import QuoteCues
    from generator.language.tense import reporting_verbs, tense_at

    sentence = "The envoy quips Friday the talks go on"
    start = sentence.index("Friday")
    end = start + len("Friday")
    assert tense_at(sentence, start, end, reporting=reporting_verbs(QuoteCues(verbs=("quips",)))) == "past"
    assert tense_at(sentence, start, end, reporting=reporting_verbs(QuoteCues(verbs=("said",)))) is None
    phrase = "He pointed   out on Monday"
    assert tense_at(phrase, phrase.index("Monday"), len(phrase), reporting=("pointed out",)) == "past"


def test_the_site_lexicon_reaches_the_timeline() -> None:
    """find_timexes with the configured verbs: "told TASS on Friday" in a sentence about the future is the saying's day."""
    from generator.config import load_config
    from generator.language.tense import reporting_verbs

    verbs = reporting_verbs(load_config(Path(__file__).resolve().parents[1]).cues)
    assert "said" in verbs and "warned" in verbs
    text = "The deal is due to be signed soon, the minister told reporters on Friday."
    found = find_timexes(_article(text), PubDate(MON_2016, "inferred"), verbs)
    assert [(t.text, t.status) for t in found] == [("on Friday", "past")] or [(t.text, t.status) for t in found] == [
        ("Friday", "past")
    ]


def test_a_date_in_the_reported_clause_is_not_the_sayings() -> None:
    from generator.language.tense import tense_at

    sentence = "They agreed, the aide said, adding that from January 1 they will acquire the status."
    start = sentence.index("January 1")
    assert tense_at(sentence, start, start + 9, reporting=("adding", "said")) == "future"
    said = "The aide said on January 1 that they agreed."
    assert tense_at(said, said.index("January"), said.index("January") + 9, reporting=("said",)) == "past"
