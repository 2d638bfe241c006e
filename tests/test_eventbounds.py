"""Stories that report the same dated event bound each other (dossier/eventbounds.py). Invented fixtures."""

from __future__ import annotations

import datetime as dt
import re

from generator.analysis.analyse import analyse
from generator.config import ReaderOptions, SiteConfig
from generator.dossier.datebounds import bound_dates
from generator.dossier.eventbounds import month_day
from generator.language.tense import reporting_verbs
from generator.models import Analysis
from generator.readers.text import read

OPTIONS = ReaderOptions(furniture=(re.compile("all news", re.IGNORECASE),))


def _story(dateline: str, *body: str) -> str:
    return "Headline of the story\n\n" + f"{dateline} " + "\n\n".join(body) + "\n"


def _analyses(config: SiteConfig, texts: dict[str, str]) -> list[Analysis]:
    return [analyse(read(text, name, OPTIONS), config) for name, text in texts.items()]


def _bound(config: SiteConfig, texts: dict[str, str]) -> list[Analysis]:
    # No agency for story numbers: only the shared events can bound.
    return bound_dates(_analyses(config, texts), lambda a: None, reporting_verbs(config.cues))


ACQUITTAL = "The Leeds Crown Court acquitted businessman Marten Hollis of fraud charges on May 3, his lawyer said."
RETOLD = "Businessman Marten Hollis was acquitted of fraud charges by a court in Leeds on May 3."


def test_month_day_reads_yearless_dates_only() -> None:
    assert month_day("May 3") == (5, 3) and month_day("on 14 Sept.") == (9, 14) and month_day("Sept 14") == (9, 14)
    assert month_day("May 3, 2013") is None and month_day("Tuesday") is None


def test_a_dated_story_fixes_the_year_of_one_that_retells_its_event(config: SiteConfig) -> None:
    texts = {
        "wire_a.txt": _story("MOSCOW, May 4, 2013. (Wirepress) -", ACQUITTAL),
        "wire_b.txt": _story("MOSCOW, May 10. (Wirepress) -", RETOLD, "Prosecutors have not commented."),
    }
    before = _analyses(config, texts)[1].pubdate
    assert before.status == "uncertain"
    after = _bound(config, texts)[1].pubdate
    assert after.status == "inferred" and after.date == dt.date(2013, 5, 10)
    assert any("wire_a.txt" in e and "3 May 2013" in e and "as past" in e for e in after.evidence)
    # The newly dated story's "May 3" now resolves to the same day on its timeline.
    assert dt.date(2013, 5, 3) in {t.value for t in _bound(config, texts)[1].timexes}


def test_a_scheduled_event_bounds_from_above(config: SiteConfig) -> None:
    texts = {
        "wire_a.txt": _story(
            "MOSCOW, June 20, 2014. (Wirepress) -", "The appeal of Marten Hollis opened in Leeds on June 18, his lawyer said."
        ),
        "wire_b.txt": _story("MOSCOW, June 2. (Wirepress) -", "The appeal of Marten Hollis will open in Leeds on June 18."),
    }
    after = _bound(config, texts)[1].pubdate
    assert after.status == "inferred" and after.date == dt.date(2014, 6, 2)
    assert any("wire_a.txt" in e and "as future" in e for e in after.evidence)


def test_another_person_on_the_same_day_bounds_nothing(config: SiteConfig) -> None:
    texts = {
        "wire_a.txt": _story("MOSCOW, May 4, 2013. (Wirepress) -", ACQUITTAL),
        "wire_b.txt": _story(
            "MOSCOW, May 10. (Wirepress) -", "Banker Oswin Pratley was acquitted of fraud charges by a court in Leeds on May 3."
        ),
    }
    assert _bound(config, texts)[1].pubdate.status == "uncertain"


def test_the_same_person_with_other_words_bounds_nothing(config: SiteConfig) -> None:
    texts = {
        "wire_a.txt": _story("MOSCOW, May 4, 2013. (Wirepress) -", ACQUITTAL),
        "wire_b.txt": _story("MOSCOW, May 10. (Wirepress) -", "Marten Hollis opened a bakery in York on May 3."),
    }
    assert _bound(config, texts)[1].pubdate.status == "uncertain"


def test_dated_stories_that_disagree_on_the_year_bound_nothing(config: SiteConfig) -> None:
    texts = {
        "wire_a.txt": _story("MOSCOW, May 4, 2013. (Wirepress) -", ACQUITTAL),
        "wire_c.txt": _story("MOSCOW, May 4, 2016. (Wirepress) -", ACQUITTAL),
        "wire_b.txt": _story("MOSCOW, May 10. (Wirepress) -", RETOLD),
    }
    assert _bound(config, texts)[2].pubdate.status == "uncertain"


def test_a_passing_mention_of_the_event_bounds_nothing(config: SiteConfig) -> None:
    # An entity and two words in common, but a sentence about something else: not the timeline's "one event".
    passing = "Marten Hollis, acquitted of fraud on May 3, has opened a bakery in York with his brother and two cousins."
    texts = {
        "wire_a.txt": _story("MOSCOW, May 4, 2013. (Wirepress) -", ACQUITTAL),
        "wire_b.txt": _story("MOSCOW, May 10. (Wirepress) -", passing),
    }
    assert _bound(config, texts)[1].pubdate.status == "uncertain"


def test_a_full_date_of_a_reported_event_bounds_from_below(config: SiteConfig) -> None:
    # "the acquittal ... on May 3, 2013" has no verb governing the date: alone it bounds nothing;
    # with a dated story telling the same acquittal, it is a real past event, so the story is later.
    told = "Prosecutors studied the acquittal of businessman Marten Hollis of fraud charges on May 3, 2013 in Leeds."
    alone = _bound(config, {"wire_b.txt": _story("MOSCOW, May 1. (Wirepress) -", told)})[0].pubdate
    texts = {
        "wire_a.txt": _story("MOSCOW, May 4, 2013. (Wirepress) -", ACQUITTAL),
        "wire_b.txt": _story("MOSCOW, May 1. (Wirepress) -", told),
    }
    after = _bound(config, texts)[1].pubdate
    assert 2013 in {d.year for d in alone.candidates}
    assert 2013 not in {d.year for d in after.candidates} and dt.date(2014, 5, 1) in after.candidates
    assert any("wire_a.txt" in e and "or later" in e for e in after.evidence)
