"""Timeline entries of stories whose year is only probable, and headlines that sum up their body.

Every story here is invented for the test.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

from bench.eval_events import gold_sources
from generator.analysis.timex import find_timexes
from generator.config import SiteConfig
from generator.dossier.corpus import Corpus
from generator.dossier.events import build_events
from generator.export import to_timelinejs
from generator.models import Analysis, Article, PubDate
from generator.render.timeline import render_timeline

PROBABLE = PubDate(dt.date(2019, 3, 14), "probable", candidates=(dt.date(2013, 3, 14),))


def _article(source: str, *paragraphs: str, headline: str = "", standfirst: str = "") -> Article:
    return Article(source=source, format="text", headline=headline, standfirst=standfirst, paragraphs=paragraphs)


def _analysis(article: Article, pubdate: PubDate) -> Analysis:
    return Analysis(article=article, pubdate=pubdate, timexes=find_timexes(article, pubdate))


FERRY = _article(
    "ferry.txt",
    "OSLAND, March 14. /Wirepress/. The ferry line to Osland reopened on Wednesday after the storm, officials said.",
    "The line first opened on May 3, 2004.",
)


def test_a_probable_year_resolves_relative_dates_marked_probable() -> None:
    timexes = {t.text: t for t in find_timexes(FERRY, PROBABLE)}
    assert timexes["Wednesday"].value == dt.date(2019, 3, 13) and timexes["Wednesday"].probable
    assert timexes["May 3, 2004"].value == dt.date(2004, 5, 3) and not timexes["May 3, 2004"].probable


def test_an_uncertain_year_still_resolves_nothing_relative() -> None:
    uncertain = PubDate(None, "uncertain", candidates=(dt.date(2013, 3, 14), dt.date(2019, 3, 14)))
    timexes = {t.text: t for t in find_timexes(FERRY, uncertain)}
    assert timexes["Wednesday"].value is None and not timexes["Wednesday"].probable


def test_events_of_a_probable_story_appear_marked_probable() -> None:
    events = {e.date: e for e in build_events([("ferry", _analysis(FERRY, PROBABLE))])}
    assert events[dt.date(2019, 3, 13)].probable
    assert not events[dt.date(2004, 5, 3)].probable


def test_one_story_that_dates_the_event_for_certain_makes_it_a_fact() -> None:
    certain = _article(
        "later.txt",
        "OSLAND, March 20, 2019. /Wirepress/. The ferry line to Osland reopened on March 13 after the storm, officials said.",
    )
    fixed = PubDate(dt.date(2019, 3, 20), "given")
    events = build_events([("ferry", _analysis(FERRY, PROBABLE)), ("later", _analysis(certain, fixed))])
    reopened = [e for e in events if e.date == dt.date(2019, 3, 13)]
    assert len(reopened) == 1 and len(reopened[0].sources) == 2 and not reopened[0].probable


FLOOD = _article(
    "flood.txt",
    "VELDA, February 2, 2022. /Wirepress/. Rivers burst their banks, governor Ilse Marn told reporters.",
    "\u201cSadly, thirty villages have been flooded since the end of last year, and roads are closed,\u201d she said.",
    headline="Rivers have flooded thirty villages since end of 2021 \u2014 governor",
)
FIXED = PubDate(dt.date(2022, 2, 2), "given")


def test_a_headline_and_the_body_sentence_it_sums_up_are_one_entry() -> None:
    events = [e for e in build_events([("flood", _analysis(FLOOD, FIXED))]) if e.date == dt.date(2021, 1, 1)]
    assert len(events) == 1, [e.text for e in events]
    assert "since the end of last year" in events[0].text  # the body's fuller wording speaks for it
    assert {p for _, p in events[0].sources} == {-2, 1}


def test_a_headline_and_another_thing_on_the_same_date_stay_apart() -> None:
    other = _article(
        "other.txt",
        "VELDA, February 2, 2022. /Wirepress/. Rivers burst their banks, governor Ilse Marn told reporters.",
        "The province also elected a new council in 2021.",
        headline="Rivers have flooded thirty villages since end of 2021 \u2014 governor",
    )
    events = [e for e in build_events([("other", _analysis(other, FIXED))]) if e.date == dt.date(2021, 1, 1)]
    assert len(events) == 2


def test_the_lead_and_the_standfirst_are_not_merged_by_the_summary_rule() -> None:
    article = _article(
        "court.txt",
        "VELDA, February 2, 2022. /Wirepress/. The minister said on Monday that the province would appeal the ruling on the dam.",
        standfirst="A court ruled on Monday that the dam must be rebuilt by the province",
    )
    monday = [e for e in build_events([("court", _analysis(article, FIXED))]) if e.date == dt.date(2022, 1, 31)]
    assert len(monday) == 2


def test_the_bench_scores_stories_whose_gold_is_empty(tmp_path: Path) -> None:
    gold = tmp_path / "gold.yml"
    gold.write_text("a.txt: []\nb.txt: [[2020, year, past]]\n", encoding="utf-8")
    assert gold_sources(gold) == ["a.txt", "b.txt"]


def _years(*paragraphs: str) -> list[str]:
    article = _article("figures.txt", "VELDA, February 2, 2022. /Wirepress/. The council met.", *paragraphs)
    return [e.text for e in build_events([("figures", _analysis(article, FIXED))]) if e.precision == "year"]


def test_a_figure_for_a_year_is_no_event() -> None:
    assert _years("Exports of grain in 2022 will reach about 12 million tonnes, the minister said.") == []
    assert _years("Output grew by 7% in 2021, the agency said.") == []
    assert _years("Trade with the port will amount to $3 billion by the end of the current year.") == []


def test_an_aim_for_a_year_is_no_event() -> None:
    assert _years("The main objective for 2023 is to finish the bridge.") == []


def test_a_year_with_a_figure_but_no_measure_stays() -> None:
    assert _years("The mill closed in 2019, and 300 workers lost their jobs.") != []
    assert _years("Exports of grain resumed in 2019 after the drought.") != []


def test_a_year_set_beside_now_is_a_comparison_not_an_event() -> None:
    assert _years("In both cases, in 2019 and now, the funds went to the port.") == []
    assert _years("The port was closed in 2019 and reopened later.") != []


def test_a_probable_entry_says_so_on_the_page_and_in_the_export(seed_corpus: Corpus, config: SiteConfig) -> None:
    first = seed_corpus.events[0]
    marked = replace(seed_corpus, events=(replace(first, probable=True), *seed_corpus.events[1:]))
    lines = [line for line in render_timeline(marked, config)[0].text.splitlines() if f'id="{first.id}"' in line]
    assert lines and "probable date" in lines[0]
    plain = [line for line in render_timeline(seed_corpus, config)[0].text.splitlines() if f'id="{first.id}"' in line]
    assert plain and "probable date" not in plain[0]
    assert "Probable date." in json.dumps(to_timelinejs(marked, "Dossier"))
