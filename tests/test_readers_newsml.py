"""The NewsML 1.2 / NITF reader: fields by local name, no entity expansion, damage noted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.config import ReaderOptions
from generator.models import Article
from generator.readers import ReadError
from generator.readers.decoding import decode
from generator.readers.newsml import read, stamp_date

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TASS_SAMPLE = SHARED / "corpora" / "newsml" / "tass_belga_newsml.xml"
OPTIONS = ReaderOptions()


def read_path(path: Path) -> Article:
    return read(decode(path.read_bytes()).text, path.name, OPTIONS)


@pytest.fixture(scope="module")
def tass() -> Article:
    if not TASS_SAMPLE.exists():
        pytest.skip(f"../shared not present: {TASS_SAMPLE}")
    return read_path(TASS_SAMPLE)


def test_tass_sample_metadata(tass: Article) -> None:
    assert tass.format == "newsml"
    assert tass.headline.startswith("Kremlin has") and tass.headline.endswith("EU sanctions")
    assert (tass.given_date, tass.given_date_from) == (dt.date(2019, 1, 21), "the NewsML FirstCreated timestamp")
    assert tass.agency_as_written == "ITAR-TASS"
    assert len(tass.paragraphs) == 3
    assert tass.paragraphs[0].startswith("MOSCOW, January 21. /TASS/.")
    assert ("slugline", "URGENT") in tass.extra


def test_tass_sample_question_mark_apostrophes_are_kept_and_noted(tass: Article) -> None:
    assert "EU?s" in tass.paragraphs[0]  # verbatim, not rewritten
    assert any(n.startswith("apostrophes appear as '?' in the source feed") for n in tass.reader_notes)


def test_tass_sample_dateline(tass: Article) -> None:
    assert tass.dateline is not None
    assert (tass.dateline.place, tass.dateline.month, tass.dateline.day) == ("Moscow", 1, 21)


@pytest.mark.parametrize(
    ("name", "headline", "standfirst", "date", "date_from", "agency", "count"),
    [
        (
            "content/newsml_small.xml",
            "Fishing fleet stays in port as fuel prices rise",
            "Skippers say a day at sea now costs more than the catch",
            dt.date(2018, 6, 13),
            "the NewsML FirstCreated timestamp",
            "Harbour Wire",
            4,
        ),
        (
            "content/nitf_namespaced.xml",
            "Snow closes mountain pass for third day",
            "Drivers told to use the motorway tunnel instead",
            dt.date(2017, 3, 11),
            "the NITF date.issue",
            "Alpine Wire",
            3,
        ),
        ("hostile/hostile_entities.xml", "Water supply restored to valley villages", "", None, None, None, 3),
    ],
)
def test_own_fixtures(
    name: str, headline: str, standfirst: str, date: dt.date | None, date_from: str | None, agency: str | None, count: int
) -> None:
    article = read_path(FIXTURES / name)
    assert (article.headline, article.standfirst) == (headline, standfirst)
    assert (article.given_date, article.given_date_from) == (date, date_from)
    assert article.agency_as_written == agency
    assert len(article.paragraphs) == count
    assert not any("?" in n for n in article.reader_notes if "apostrophe" in n)


def test_paragraphs_in_nested_blocks_and_entities() -> None:
    article = read_path(FIXTURES / "content/newsml_small.xml")
    assert article.paragraphs[2].startswith('"We are burning more money')  # inside <block>
    assert (
        article.paragraphs[3]
        == 'The government said it was "monitoring the situation" and would meet industry leaders next week.'
    )
    nitf = read_path(FIXTURES / "content/nitf_namespaced.xml")
    assert "clearing the road safely, and" in nitf.paragraphs[1]  # &nbsp; without a DTD, whitespace normalised


def test_entities_declared_by_the_file_are_never_expanded() -> None:
    article = read_path(FIXTURES / "hostile/hostile_entities.xml")
    text = "\n".join((article.headline, *article.paragraphs))
    assert "aaaa" not in text and "&" not in text and "payload" not in text
    assert article.paragraphs[0].endswith("cut supplies for two days.")
    assert any("were not expanded" in n and "secret" in n for n in article.reader_notes)


def test_truncated_item_is_recovered_with_a_note() -> None:
    article = read_path(FIXTURES / "bad/newsml_truncated.xml")
    assert article.headline == "Fishing fleet stays in port as fuel prices rise"
    assert len(article.paragraphs) == 2
    assert any("not well-formed" in n for n in article.reader_notes)


def test_dateline_element_is_used_when_the_first_paragraph_has_none() -> None:
    text = (FIXTURES / "content/newsml_small.xml").read_text(encoding="utf-8")
    text = text.replace("PETERHEAD, June 13 (Harbour Wire) – ", "")
    article = read(text, "x.xml", OPTIONS)
    assert article.dateline is not None
    assert (article.dateline.text, article.dateline.place, article.dateline.month, article.dateline.day) == (
        "June 13",
        "Peterhead",
        6,
        13,
    )


NEWSML = """<NewsML>{items}</NewsML>"""
ITEM = """<NewsItem><NewsManagement><FirstCreated>{stamp}</FirstCreated></NewsManagement>
<NewsComponent><NewsLines><HeadLine>{headline}</HeadLine></NewsLines>
<ContentItem><DataContent><nitf><body><body.content>{body}</body.content></body></nitf></DataContent></ContentItem>
</NewsComponent></NewsItem>"""


def item(
    headline: str = "Ferry resumes", body: str = "<p>Crossings resumed on Monday.</p>", stamp: str = "20200102T030405"
) -> str:
    return ITEM.format(headline=headline, body=body, stamp=stamp)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("this is not xml at all", "not well-formed XML"),
        ("<rss><channel/></rss>", "the root element is <rss>"),
        (NEWSML.format(items=""), "has no NewsItem"),
        (NEWSML.format(items=item(body="")), "no article text found"),
        (NEWSML.format(items=item(headline="")), "no headline"),
    ],
)
def test_unreadable_items_raise(text: str, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        read(text, "x.xml", OPTIONS)


def test_several_items_read_the_first_with_a_note() -> None:
    article = read(NEWSML.format(items=item() + item(headline="Second story")), "x.xml", OPTIONS)
    assert article.headline == "Ferry resumes"
    assert any("holds 2 news items" in n for n in article.reader_notes)


def test_bad_timestamp_is_ignored_with_a_note() -> None:
    article = read(NEWSML.format(items=item(stamp="sometime")), "x.xml", OPTIONS)
    assert article.given_date is None
    assert any("not a timestamp" in n for n in article.reader_notes)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20190121T102708", dt.date(2019, 1, 21)),
        ("20170311T064500Z", dt.date(2017, 3, 11)),
        ("2019-01-21T10:27:08+03:00", dt.date(2019, 1, 21)),
        ("20190230T000000", None),
        ("January 21", None),
    ],
)
def test_stamp_date(value: str, expected: dt.date | None) -> None:
    assert stamp_date(value) == expected
