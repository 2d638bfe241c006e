"""The HTML reader: metadata cascade, article container, plain text only."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config import ReaderOptions
from generator.models import Article
from generator.readers import ReadError
from generator.readers.decoding import decode
from generator.readers.html import iso_date, read

FIXTURES = Path(__file__).parent / "fixtures"
OPTIONS = ReaderOptions()


def read_fixture(name: str, options: ReaderOptions = OPTIONS) -> Article:
    return read(decode((FIXTURES / name).read_bytes()).text, name, options)


def all_text(article: Article) -> str:
    return "\n".join([article.headline, article.standfirst, article.agency_as_written or "", *article.paragraphs])


@pytest.mark.parametrize(
    ("name", "headline", "date", "date_from", "agency", "standfirst"),
    [
        (
            "content/html_with_jsonld_date.html",
            "Port of Gdansk workers end three-day strike",
            dt.date(2024, 3, 14),
            "the JSON-LD datePublished of the page",
            "Baltic News Agency",
            "Container traffic is expected to return to normal by the weekend, the port authority said",
        ),
        (
            "content/html_with_og_meta.html",
            "Library in Kendal reopens after flood repairs",
            dt.date(2019, 6, 3),
            "the article:published_time meta tag",
            "Lakeland Courier",
            "The town library has reopened after eighteen months of repairs.",
        ),
        (
            "content/html_with_time_element.html",
            "Orchestra names Lisbon-born violinist as chief conductor",
            dt.date(2023, 11, 2),
            "the <time datetime> element of the page",
            None,
            "",
        ),
        ("bad/truncated.html", "Bridge closed after lorry strike", None, None, None, ""),
        ("hostile/hostile.html", "Council website hit by script attack", dt.date(2022, 5, 17), "the JSON-LD datePublished of the page", "Town Crier", ""),
    ],
)
def test_metadata_cascade(name: str, headline: str, date: dt.date | None, date_from: str | None, agency: str | None, standfirst: str) -> None:
    article = read_fixture(name)
    assert article.format == "html"
    assert article.headline == headline
    assert (article.given_date, article.given_date_from) == (date, date_from)
    assert article.agency_as_written == agency
    assert article.standfirst == standfirst


@pytest.mark.parametrize(
    ("name", "count", "first_starts", "absent"),
    [
        ("content/html_with_jsonld_date.html", 4, "GDANSK, March 14 (BNA) - Dock workers",
         ["Related", "Ferry operators", "Share on social", "Copyright", "Cranes at the", "Home", "trackPageView", "Baltic News Agency"]),
        ("content/html_with_og_meta.html", 5, "KENDAL, June 3 - The town library",
         ["cookies", "newsletter", "Sport", "News"]),
        ("content/html_with_time_element.html", 4, "LISBON, November 2 - The city's",
         ["Published", "City Arts Weekly", "Theatre", "Orchestra names"]),
    ],
)
def test_body_is_the_article_text_only(name: str, count: int, first_starts: str, absent: list[str]) -> None:
    article = read_fixture(name)
    assert len(article.paragraphs) == count, article.paragraphs
    assert article.paragraphs[0].startswith(first_starts)
    for chrome in absent:
        assert not any(chrome in p for p in article.paragraphs), chrome
    for paragraph in article.paragraphs:
        assert paragraph == " ".join(paragraph.split()), "whitespace is normalised"


def test_double_br_splits_paragraphs_and_single_br_does_not() -> None:
    article = read_fixture("content/html_with_time_element.html")
    assert "statement on Thursday. She succeeds a conductor" in article.paragraphs[1]


def test_conflicting_dates_are_reported_and_structured_data_wins() -> None:
    article = read_fixture("content/html_with_jsonld_date.html")
    assert article.given_date == dt.date(2024, 3, 14)
    assert any("article:published_time meta tag gives 2024-03-13" in n for n in article.reader_notes)
    assert ("author", "Anna Kowalczyk") in article.extra and ("section", "Business") in article.extra


def test_description_that_repeats_the_body_is_not_a_standfirst() -> None:
    article = read_fixture("content/html_with_og_meta.html")
    assert "repeats the first paragraph" in " ".join(article.reader_notes)
    assert not article.standfirst.startswith("KENDAL")


def test_dateline_is_parsed_from_the_first_paragraph() -> None:
    pytest.importorskip("generator.readers.dateline", reason="the shared dateline parser is not written yet")
    article = read_fixture("content/html_with_jsonld_date.html")
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.month, article.dateline.day) == ("Gdansk", 3, 14)


def test_truncated_page_is_read_as_far_as_it_goes() -> None:
    article = read_fixture("bad/truncated.html")
    assert len(article.paragraphs) == 3
    assert article.paragraphs[-1].endswith("warning of a height restr")
    assert not any("<" in p for p in article.paragraphs)
    assert any("may be truncated" in n for n in article.reader_notes)


def test_page_of_links_is_not_an_article() -> None:
    with pytest.raises(ReadError, match="^no article text found"):
        read_fixture("bad/no_article.html")


HOSTILE_MARKERS = [
    "alert(2)", "alert(3)", "alert(4)", "alert(5)", "alert(6)", "alert(7)", "alert(8)", "alert(9)",
    "alert(10)", "alert(11)", "alert(12)", "onerror", "onclick", "onload", "javascript:", "data:text",
    "document.cookie", "evil.invalid", "color: red", "SVG label", "Frame fallback", "Commented-out",
    "enable JavaScript", "Search the archive", "<img", "<b", "<svg", "<iframe",
]


@pytest.mark.parametrize("marker", HOSTILE_MARKERS)
def test_hostile_markup_never_reaches_the_text(marker: str) -> None:
    article = read_fixture("hostile/hostile.html")
    assert marker not in all_text(article)
    assert all(marker not in value for _, value in article.extra)


def test_escaped_markup_survives_as_characters_and_link_text_is_kept() -> None:
    article = read_fixture("hostile/hostile.html")
    escaped = [p for p in article.paragraphs if "<" in p]
    assert len(escaped) == 1 and "beginning <script>alert(1)</script> in a comment form" in escaped[0]
    assert any("read the council's statement and to ignore messages asking" in p for p in article.paragraphs)


PAGE = """<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"""
PARA = "<p>{}</p>"
LONG = "The council voted on Tuesday to build a new bridge across the river before the winter floods arrive."


def page(body: str, head: str = "", title: str = "Council backs river bridge") -> str:
    return PAGE.format(title=title, head=head, body=body)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # the fullest <article> wins over teaser cards
        (page("<article><h2>Teaser</h2><p>Short teaser.</p></article>"
              f"<article><h1>Council backs river bridge</h1><p>{LONG}</p><p>Second paragraph here.</p></article>"),
         [LONG, "Second paragraph here."]),
        # no article or main: the densest element
        (page(f"<div class='menu-ish'><p>Home</p></div><div><div><p>{LONG}</p><p>{LONG}</p></div></div>"),
         [LONG, LONG]),
        # hidden text and aria-hidden are chrome; layout classes are not
        (page(f"<main><p hidden>Secret text</p><p aria-hidden='true'>Icon</p><div class='overflow-hidden'><p>{LONG}</p></div></main>"),
         [LONG]),
        # list items and subheads are blocks of their own; inline markup is flattened
        (page(f"<article><p>{LONG}</p><h2>What next</h2><ul><li>First <em>point</em></li><li>Second point</li></ul></article>"),
         [LONG, "What next", "First point", "Second point"]),
        # loose text beside blocks becomes its own paragraph
        (page(f"<article>{LONG}<p>Inside a paragraph of text.</p>Trailing words</article>"),
         [LONG, "Inside a paragraph of text.", "Trailing words"]),
    ],
)
def test_container_and_blocks(html: str, expected: list[str]) -> None:
    assert list(read(html, "x.html", OPTIONS).paragraphs) == expected


def test_furniture_patterns_from_site_config_are_dropped() -> None:
    options = ReaderOptions(furniture=(re.compile(r"All news"),))
    article = read(page(f"<article><p>All news</p><p>{LONG}</p></article>"), "x.html", options)
    assert article.paragraphs == (LONG,)


@pytest.mark.parametrize(
    ("head", "body", "headline"),
    [
        ('<meta property="og:title" content="Bridge vote passes | River Times"><meta property="og:site_name" content="River Times">',
         PARA.format(LONG), "Bridge vote passes"),
        ("", f"<div><h1><a href='/'>River Times</a></h1></div><div><h1>Council backs river bridge plan</h1>{PARA.format(LONG)}</div>",
         "Council backs river bridge plan"),
        ("", PARA.format(LONG), "Council backs river bridge"),  # the <title> as a last resort
        ('<script type="application/ld+json">{"@type": ["NewsArticle"], "headline": "Bridge &amp; road plan"}</script>',
         PARA.format(LONG), "Bridge & road plan"),
    ],
)
def test_headline_sources(head: str, body: str, headline: str) -> None:
    assert read(page(body, head), "x.html", OPTIONS).headline == headline


@pytest.mark.parametrize(
    ("head", "note"),
    [
        ('<meta property="article:published_time" content="yesterday">', "not an ISO 8601 date"),
        ('<script type="application/ld+json">{"@type": "NewsArticle", </script>', "not valid JSON"),
    ],
)
def test_unusable_metadata_is_ignored_with_a_note(head: str, note: str) -> None:
    article = read(page(PARA.format(LONG), head), "x.html", OPTIONS)
    assert article.given_date is None
    assert any(note in n for n in article.reader_notes)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-14T00:30:00+01:00", dt.date(2024, 3, 14)),
        ("2024-03-14", dt.date(2024, 3, 14)),
        ("20190121T102708", dt.date(2019, 1, 21)),
        ("2024-02-30", None),
        ("3024-01-01", None),
        ("14 March 2024", None),
        ("", None),
    ],
)
def test_iso_date(value: str, expected: dt.date | None) -> None:
    assert iso_date(value) == expected


@pytest.mark.parametrize("html", ["", "<html></html>", "<html><body><nav><a href='/'>Home</a></nav></body></html>"])
def test_empty_pages_raise(html: str) -> None:
    with pytest.raises(ReadError, match="no article text found"):
        read(html, "x.html", OPTIONS)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_an_article_or_a_read_error(text: str) -> None:
    try:
        article = read(page(f"<article><p>{LONG}</p>{text}</article>"), "x.html", OPTIONS)
    except ReadError:
        return
    assert article.headline and article.paragraphs
    assert all(isinstance(p, str) and p == p.strip() for p in article.paragraphs)
