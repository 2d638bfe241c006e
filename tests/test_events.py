"""Timeline events: one per dated sentence, merged across articles that tell the same thing."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from generator.analysis.timex import find_timexes
from generator.config import ReaderOptions
from generator.dossier.events import build_events, content_words
from generator.models import STANDFIRST, Analysis, Article, Mention, PubDate
from generator.readers.text import read
from tests.conftest import ROOT

SEEDS = {"000_f1f26f04cfb6bdb1.txt": dt.date(2011, 11, 10), "001_2eb9bd030a83e287.txt": dt.date(2016, 11, 21)}
# The gold events of ../shared/gold/seeds.yml: (date, precision, status, words of the sentence).
GOLD = [
    ("2008", "year", "past", "arrested in Thailand in 2008"),
    ("2011-11-10", "day", "past", "a source at the Russian Foreign Ministry said Thursday"),
    ("2012-02-08", "day", "scheduled", "The judge is expected to read out a sentence"),
    ("2016-11-21", "day", "past", "The Court of Appeals for the Second Circuit in New York ruled on Monday"),
    ("2017-01-20", "day", "scheduled", "Until January 20, we will go on working"),
]
TIMELINE_ORDER = ["2008", "2011-11-10", "2012-02-08", "2016-11-21", "2017-01-20"]


def _analysis(article: Article, date: dt.date | None, mentions: tuple[Mention, ...] = ()) -> Analysis:
    pubdate = PubDate(date, "inferred" if date else "uncertain")
    return Analysis(article=article, pubdate=pubdate, mentions=mentions, timexes=find_timexes(article, pubdate))


def _article(source: str, *paragraphs: str, standfirst: str = "") -> Article:
    return Article(source=source, format="text", headline="", standfirst=standfirst, paragraphs=paragraphs)


def _mentions(article: Article, names: dict[str, str]) -> tuple[Mention, ...]:
    """Mentions of each surface form in every block, as a recogniser would give them."""
    found = []
    for index, text in article.text_blocks():
        for surface, entity in names.items():
            for m in re.finditer(re.escape(surface), text):
                found.append(Mention(entity, index, m.start(), m.end(), surface))
    return tuple(found)


def _date_text(event_date: dt.date, precision: str) -> str:
    return {"year": f"{event_date:%Y}", "month": f"{event_date:%Y-%m}", "day": event_date.isoformat()}[precision]


@pytest.fixture(scope="module")
def seed_events() -> tuple:
    options = ReaderOptions(furniture=(re.compile("all news", re.IGNORECASE),))
    items = []
    for source, date in SEEDS.items():
        article = read((ROOT / "content" / source).read_text(encoding="utf-8"), source, options)
        mentions = _mentions(article, {"Bout": "viktor-bout", "Dolgov": "konstantin-dolgov", "Moscow": "moscow"})
        items.append((source, _analysis(article, date, mentions)))
    return build_events(items)


def test_seed_events_match_the_gold(seed_events: tuple) -> None:
    for date_text, precision, status, words in GOLD:
        matches = [
            e
            for e in seed_events
            if _date_text(e.date, e.precision) == date_text and e.precision == precision and words in e.text
        ]
        assert len(matches) == 1, (date_text, words, [e.text for e in seed_events])
        assert matches[0].status == status


def test_seed_timeline_order(seed_events: tuple) -> None:
    dates = [_date_text(e.date, e.precision) for e in seed_events]
    assert sorted(set(dates), key=dates.index) == TIMELINE_ORDER
    assert list(seed_events) == sorted(seed_events, key=lambda e: (e.date, e.id))


def test_seed_court_ruling_merges_standfirst_and_body(seed_events: tuple) -> None:
    (ruling,) = [e for e in seed_events if "Court of Appeals" in e.text]
    assert ruling.sources == (("001_2eb9bd030a83e287.txt", STANDFIRST), ("001_2eb9bd030a83e287.txt", 6))
    assert ruling.text.startswith("The Court of Appeals")  # a body sentence speaks for the event
    assert "viktor-bout" in ruling.entities


def test_one_event_per_sentence_and_date() -> None:
    article = _article("a.txt", "The court ruled on November 21, and the minister, speaking on Monday, welcomed it.")
    events = build_events([("a", _analysis(article, dt.date(2016, 11, 21)))])
    assert [(e.date, e.sources) for e in events] == [(dt.date(2016, 11, 21), (("a", 0),))]


def test_the_same_event_told_by_several_articles_is_one_event() -> None:
    arrest = "He was arrested in Thailand in 2008 after an alleged attempt to sell weapons to U.S. agents."
    retold = "Bout was arrested in Thailand in 2008 after an attempt to sell weapons to undercover U.S. agents."
    other = "In 2008 he also founded an air cargo company in Africa."
    items = []
    stories = [("b", dt.date(2012, 4, 5), retold), ("a", dt.date(2011, 11, 10), arrest), ("c", dt.date(2013, 1, 1), other)]
    for source, date, text in stories:
        article = _article(f"{source}.txt", text)
        items.append((source, _analysis(article, date, _mentions(article, {"Bout": "viktor-bout"}))))
    events = build_events(items)
    assert sorted(e.sources for e in events) == [(("a", 0), ("b", 0)), (("c", 0),)]
    merged = next(e for e in events if len(e.sources) == 2)
    assert merged.text == arrest  # the first article (by id) speaks for it
    assert merged.entities == ("viktor-bout",)


def test_different_things_on_one_day_stay_apart() -> None:
    items = [
        ("a", _analysis(_article("a.txt", "Parliament passed the budget on Monday."), dt.date(2016, 11, 21))),
        ("b", _analysis(_article("b.txt", "A storm hit the northern coast on Monday."), dt.date(2016, 11, 21))),
    ]
    events = build_events(items)
    assert len(events) == 2
    assert {e.date for e in events} == {dt.date(2016, 11, 21)}


def test_same_words_different_dates_stay_apart() -> None:
    items = [
        ("a", _analysis(_article("a.txt", "Parliament passed the budget on Monday."), dt.date(2016, 11, 21))),
        ("b", _analysis(_article("b.txt", "Parliament passed the budget on Monday."), dt.date(2016, 11, 28))),
    ]
    assert len(build_events(items)) == 2


def test_unresolved_dates_make_no_event() -> None:
    article = _article("a.txt", "A source said Thursday that talks would resume on November 21.")
    assert build_events([("a", _analysis(article, None))]) == ()


def test_status_comes_from_the_latest_article() -> None:
    ahead = _article("a.txt", "The judge is expected to read out the sentence on February 8, 2012.")
    done = _article("b.txt", "The judge read out the sentence on February 8, 2012.")
    items = [("a", _analysis(ahead, dt.date(2011, 11, 10))), ("b", _analysis(done, dt.date(2012, 3, 1)))]
    (event,) = build_events(items)
    assert event.status == "past"
    assert event.sources == (("a", 0), ("b", 0))


def test_entity_of_mention_maps_entities() -> None:
    article = _article("a.txt", "Bout was arrested in Thailand in 2008.")
    analysis = _analysis(article, dt.date(2011, 11, 10), _mentions(article, {"Bout": "bout"}))
    (event,) = build_events([("a", analysis)], entity_of_mention=lambda m: "viktor-bout")
    assert event.entities == ("viktor-bout",)


def test_ids_are_stable_and_input_order_does_not_matter() -> None:
    items = [
        (f"art-{i}", _analysis(_article(f"{i}.txt", f"Minister {i} resigned on Monday over scandal {i}."), dt.date(2016, 11, 21)))
        for i in range(20)
    ]
    first = build_events(items)
    shuffled = list(items)
    random.Random(4).shuffle(shuffled)
    assert build_events(shuffled) == first
    assert len({e.id for e in first}) == len(first)
    assert all(e.id.startswith("2016-11-21-") for e in first)


def test_content_words_drop_dates_and_function_words() -> None:
    assert content_words("The Court ruled on Monday, November 21, against Bout’s appeals.") == frozenset(
        {"court", "ruled", "bout", "appeal"}
    )


def test_many_unrelated_events_on_one_date_stay_apart() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(3000)]
    items = []
    for i in range(3000):
        words = " ".join(rng.sample(vocabulary, 8))
        items.append((f"a{i:05d}", _analysis(_article(f"{i}.txt", f"Officials said {words} in 2008."), dt.date(2012, 1, 1))))
    events = build_events(items)
    assert len(events) > 2900  # random sentences sharing a year are not one event


KINDS = {"viktor-bout": "person", "moscow": "place", "konstantin-dolgov": "person"}


def test_pronoun_subject_links_the_person_named_before() -> None:
    article = _article("a.txt", "Viktor Bout spoke to reporters in Moscow.", "He was detained in 2008 in Bangkok.")
    analysis = _analysis(article, dt.date(2016, 11, 21), _mentions(article, {"Viktor Bout": "viktor-bout", "Moscow": "moscow"}))
    (event,) = build_events([("a", analysis)], kinds=KINDS)
    assert event.text == "He was detained in 2008 in Bangkok." and event.entities == ("viktor-bout",)
    assert build_events([("a", analysis)])[0].entities == ()  # without kinds nothing is guessed


def test_role_subject_links_the_person_named_before() -> None:
    article = _article("a.txt", "Konstantin Dolgov met Viktor Bout's lawyers.", "The diplomat visited Washington in March 2015.")
    mentions = _mentions(article, {"Konstantin Dolgov": "konstantin-dolgov", "Viktor Bout": "viktor-bout"})
    (event,) = build_events([("a", _analysis(article, dt.date(2016, 11, 21), mentions))], kinds=KINDS, roles=("diplomat",))
    assert event.entities == ("konstantin-dolgov",)  # the subject of the sentence before


def test_a_year_in_a_treaty_name_is_not_scheduled() -> None:
    article = _article("a.txt", "The sides will keep to the 1983 extradition treaty and the Law of 2012 on exports.")
    events = build_events([("a", _analysis(article, dt.date(2016, 11, 21)))])
    assert {(e.date.year, e.status) for e in events} == {(1983, "past"), (2012, "past")}


def test_a_list_of_years_is_one_entry() -> None:
    article = _article("a.txt", "She won Olympic medals in 1996, 2000 and 2004.", "He served two terms, in 2004 and 2008.")
    events = build_events([("a", _analysis(article, dt.date(2016, 11, 21)))])
    assert sorted((e.date.year, e.text[:6]) for e in events) == [(1996, "She wo"), (2004, "He ser")]
