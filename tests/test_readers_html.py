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
            "article:published_time",
            "Baltic News Agency",
            "Container traffic is expected to return to normal by the weekend, the port authority said",
        ),
        (
            "content/html_with_og_meta.html",
            "Library in Kendal reopens after flood repairs",
            dt.date(2019, 6, 3),
            'the <meta property="article:published_time"> tag',
            "Lakeland Courier",
            "The town library has reopened after eighteen months of repairs.",
        ),
        (
            "content/html_with_time_element.html",
            "Orchestra names Lisbon-born violinist as chief conductor",
            dt.date(2023, 11, 2),
            "the <time> elements of the page",
            None,
            "",
        ),
        ("bad/truncated.html", "Bridge closed after lorry strike", None, None, None, ""),
        (
            "hostile/hostile.html",
            "Council website hit by script attack",
            dt.date(2022, 5, 17),
            "the JSON-LD datePublished of the page",
            "Town Crier",
            "",
        ),
    ],
)
def test_metadata_cascade(
    name: str, headline: str, date: dt.date | None, date_from: str | None, agency: str | None, standfirst: str
) -> None:
    article = read_fixture(name)
    assert article.format == "html"
    assert article.headline == headline
    assert article.given_date == date
    assert (article.given_date_from is None) if date_from is None else (date_from in (article.given_date_from or ""))
    assert article.agency_as_written == agency
    assert article.standfirst == standfirst


@pytest.mark.parametrize(
    ("name", "count", "first_starts", "absent"),
    [
        (
            "content/html_with_jsonld_date.html",
            4,
            "GDANSK, March 14 (BNA) - Dock workers",
            [
                "Related",
                "Ferry operators",
                "Share on social",
                "Copyright",
                "Cranes at the",
                "Home",
                "trackPageView",
                "Baltic News Agency",
            ],
        ),
        ("content/html_with_og_meta.html", 5, "KENDAL, June 3 - The town library", ["cookies", "newsletter", "Sport", "News"]),
        (
            "content/html_with_time_element.html",
            5,
            "LISBON, November 2 - The city's",
            ["Published", "City Arts Weekly", "Theatre", "Orchestra names"],
        ),
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


def test_line_breaks_lose_no_words() -> None:
    article = read_fixture("content/html_with_time_element.html")
    assert "statement on Thursday." in " ".join(article.paragraphs)
    assert any(p.startswith("She succeeds a conductor") or "Thursday. She succeeds" in p for p in article.paragraphs)


def test_a_utc_timestamp_is_read_in_the_page_s_own_offset() -> None:
    article = read_fixture("content/html_with_jsonld_date.html")
    assert article.given_date == dt.date(2024, 3, 14)  # 2024-03-13T23:30:00Z is past midnight at UTC+1
    assert any("is a UTC time; the page states its times at UTC+1" in n for n in article.reader_notes)
    assert ("author", "Anna Kowalczyk") in article.extra and ("section", "Business") in article.extra


def test_description_that_repeats_the_body_is_not_a_standfirst() -> None:
    article = read_fixture("content/html_with_og_meta.html")
    assert "repeats the first paragraph" in " ".join(article.reader_notes)
    assert not article.standfirst.startswith("KENDAL")


def test_dateline_is_parsed_from_the_first_paragraph() -> None:
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
    "alert(2)",
    "alert(3)",
    "alert(4)",
    "alert(5)",
    "alert(6)",
    "alert(7)",
    "alert(8)",
    "alert(9)",
    "alert(10)",
    "alert(11)",
    "alert(12)",
    "onerror",
    "onclick",
    "onload",
    "javascript:",
    "data:text",
    "document.cookie",
    "evil.invalid",
    "color: red",
    "SVG label",
    "Frame fallback",
    "Commented-out",
    "enable JavaScript",
    "Search the archive",
    "<img",
    "<b",
    "<svg",
    "<iframe",
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
LONG2 = "Engineers said the old crossing had been closed twice last year because of cracks in its central pier."


def page(body: str, head: str = "", title: str = "Council backs river bridge") -> str:
    return PAGE.format(title=title, head=head, body=body)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # the article wins over a teaser list beside it
        (
            page(
                f"<div class='teasers'><a href='/a'>Other story</a> <a href='/b'>Another story</a></div>"
                f"<article><h1>Council backs river bridge</h1><p>{LONG}</p><p>{LONG2}</p></article>"
            ),
            [LONG, LONG2],
        ),
        # hidden text and aria-hidden are not read; layout classes are
        (
            page(
                f"<main><p hidden>Secret text</p><p aria-hidden='true'>Icon</p>"
                f"<div class='overflow-hidden'><p>{LONG}</p></div></main>"
            ),
            [LONG],
        ),
        # list items and subheads are blocks of their own; inline markup is flattened
        (
            page(
                f"<article><p>{LONG}</p><h2>What next</h2><ul><li>First <em>point</em></li><li>Second point</li></ul></article>"
            ),
            [LONG, "What next", "First point", "Second point"],
        ),
    ],
)
def test_container_and_blocks(html: str, expected: list[str]) -> None:
    assert list(read(html, "x.html", OPTIONS).paragraphs) == expected


def test_furniture_patterns_from_site_config_are_dropped() -> None:
    options = ReaderOptions(furniture=(re.compile(r"All news"),))
    article = read(page(f"<article><p>All news</p><p>{LONG}</p></article>"), "x.html", options)
    assert article.paragraphs == (LONG,)


@pytest.mark.parametrize(
    ("head", "body", "title", "headline"),
    [
        (
            '<meta property="og:title" content="Bridge vote passes | River Times">'
            '<meta property="og:site_name" content="River Times">',
            PARA.format(LONG),
            "River Times",
            "Bridge vote passes",
        ),
        # og:title before <title>, and before an <h1> that is the site's logo
        (
            '<meta property="og:title" content="Bridge vote passes">',
            f"<header><h1>River Times</h1></header>{PARA.format(LONG)}",
            "River Times | Home",
            "Bridge vote passes",
        ),
        (
            "",
            "<div><h1><a href='/'>River Times</a></h1></div>"
            f"<div><h1>Council backs river bridge plan</h1>{PARA.format(LONG)}</div>",
            "Council backs river bridge",
            "Council backs river bridge plan",
        ),
        # the <title> as a last resort, with its site and section suffixes cut
        ("", PARA.format(LONG), "Council backs river bridge | Local news | River Times", "Council backs river bridge"),
        (
            '<script type="application/ld+json">{"@type": ["NewsArticle"], "headline": "Bridge &amp; road plan"}</script>',
            PARA.format(LONG),
            "River Times",
            "Bridge & road plan",
        ),
    ],
)
def test_headline_sources(head: str, body: str, title: str, headline: str) -> None:
    assert read(page(body, head, title), "x.html", OPTIONS).headline == headline


def test_invalid_json_ld_is_ignored_with_a_note() -> None:
    article = read(
        page(PARA.format(LONG), '<script type="application/ld+json">{"@type": "NewsArticle", </script>'), "x.html", OPTIONS
    )
    assert article.given_date is None
    assert any("not valid JSON" in n for n in article.reader_notes)


def test_a_date_meta_tag_that_is_no_date_gives_none() -> None:
    article = read(page(PARA.format(LONG), '<meta property="article:published_time" content="yesterday">'), "x.html", OPTIONS)
    assert (article.given_date, article.date_clue) == (None, None)


@pytest.mark.parametrize(
    ("head", "body", "date", "evidence"),
    [
        ('<meta name="dc.date" content="2021-06-14">', "", dt.date(2021, 6, 14), '<meta name="dc.date">'),
        ('<meta name="pubdate" content="Mon, 14 Jun 2021 09:00:00 +0200">', "", dt.date(2021, 6, 14), '<meta name="pubdate">'),
        (
            '<link rel="canonical" href="https://river.example/2018/06/28/bridge-vote/">',
            "",
            dt.date(2018, 6, 28),
            "URL (2018/06/28)",
        ),
        (
            "",
            "<p class='article-date'>Dienstag, 29. Januar 2019</p>",
            dt.date(2019, 1, 29),
            "the visible date “Dienstag, 29. Januar 2019”",
        ),
        ("", "<abbr class='published' title='2017-03-02T10:00:00'>2 March</abbr>", dt.date(2017, 3, 2), "<abbr>"),
        (
            '<script type="application/ld+json">{"@type": "WebPage", "datePublished": "2016-05-04T08:00:00+02:00"}</script>',
            "",
            dt.date(2016, 5, 4),
            "JSON-LD datePublished",
        ),
    ],
)
def test_stated_dates_are_given_and_say_where_they_were_found(head: str, body: str, date: dt.date, evidence: str) -> None:
    article = read(page(f"<article>{body}<p>{LONG}</p></article>", head), "x.html", OPTIONS)
    assert article.given_date == date
    assert evidence in (article.given_date_from or "")


def test_a_date_only_in_the_text_is_a_clue_never_given() -> None:
    article = read(page(f"<article><p>{LONG}</p><p>Sitzung vom 01.11.2023, Protokoll folgt</p></article>"), "x.html", OPTIONS)
    assert article.given_date is None
    assert article.date_clue == dt.date(2023, 11, 1)
    assert "text" in (article.date_clue_from or "")


def test_a_page_without_a_date_gets_none() -> None:
    article = read(page(f"<article><p>{LONG}</p><p>{LONG2}</p></article>"), "x.html", OPTIONS)
    assert (article.given_date, article.date_clue) == (None, None)


def test_a_utc_time_without_an_offset_yields_to_the_url_s_day_before() -> None:
    head = (
        '<link rel="canonical" href="https://river.example/2020/03/09/bridge/">'
        '<meta property="article:published_time" content="2020-03-10T02:15:00Z">'
    )
    article = read(page(f"<article><p>{LONG}</p></article>", head), "x.html", OPTIONS)
    assert article.given_date == dt.date(2020, 3, 9)
    assert any("a UTC time" in n and "the day before" in n for n in article.reader_notes)


def test_a_slashed_meta_date_is_read_the_way_the_visible_date_says() -> None:
    head = '<meta name="date" content="11/01/2023 12:43:42">'
    article = read(page(f"<article><p>{LONG}</p><p class='date'>Erstellt am: 01.11.2023</p></article>", head), "x.html", OPTIONS)
    assert dt.date(2023, 11, 1) in (article.given_date, article.date_clue)
    assert dt.date(2023, 1, 11) not in (article.given_date, article.date_clue)


@pytest.mark.parametrize("names", ["class='comments'", "id='Reader-Comments'", "class='box SIDEBAR_right'"])
def test_dates_in_readers_comments_are_not_the_article_s(names: str) -> None:
    body = (
        f"<article><h1>Council backs river bridge</h1><p>{LONG}</p></article>"
        f"<section {names}><div class='meta'><time datetime='2021-09-30'>30 September 2021</time></div>"
        "<p>I disagree with the council on this one.</p></section>"
    )
    article = read(page(body), "x.html", OPTIONS)
    assert article.given_date is None


def test_marked_time_element_is_given() -> None:
    body = (
        f"<article><time itemprop='datePublished' datetime='2015-12-14T18:00:00+01:00'>14.12.2015</time><p>{LONG}</p></article>"
    )
    article = read(page(body), "x.html", OPTIONS)
    assert article.given_date == dt.date(2015, 12, 14)


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="og:title" content="Bridge vote passes"><meta property="og:type" content="article">',
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge vote passes"}</script>',
    ],
)
def test_a_short_article_with_metadata_is_not_refused(head: str) -> None:
    article = read(page("<article><p>Bridge vote passes.</p><p>More soon.</p></article>", head), "x.html", OPTIONS)
    assert article.headline == "Bridge vote passes"
    assert "More soon." in article.paragraphs


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


def test_an_article_page_whose_text_is_all_links_keeps_its_text() -> None:
    head = '<meta property="og:type" content="article"><meta property="og:title" content="Bridge vote passes">'
    body = "<article><p><a href='/full'>The full story of the bridge vote in the council chamber tonight</a></p></article>"
    article = read(page(body, head), "x.html", OPTIONS)
    assert article.paragraphs == ("The full story of the bridge vote in the council chamber tonight",)


DEV = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "htmldate-dev"


@pytest.mark.slow
@pytest.mark.skipif(not (DEV / "gold.json").is_file(), reason="../shared/corpora/htmldate-dev is not on this machine")
def test_development_floor_on_htmldate_dev() -> None:
    """A guard, not a measure: the rules were tuned on these pages (a development score)."""
    from bench.eval_html import ARTICLE_METADATA, load_gold, run_dossier, score

    outcomes, _ = run_dossier(DEV, load_gold(DEV))
    given = score(outcomes, frozenset({"given"}))
    dated = score(outcomes, frozenset({"given", "probable", "inferred"}))
    assert given.precision >= 0.95
    assert dated.accuracy >= 0.92
    refused = [o.page for o in outcomes if o.status == "refused"]
    assert not [p for p in refused if ARTICLE_METADATA.search(decode((DEV / "pages" / p).read_bytes()).text)]


def test_a_date_element_showing_a_change_and_a_publication_gives_the_publication() -> None:
    dates = "Letzte Änderung: 31.10.2023 - 14:49 Erschienen am: 01.11.2023"
    body = f"<article><p class='meta-date'>{dates}</p><p>{LONG}</p></article>"
    article = read(page(body), "x.html", OPTIONS)
    assert article.given_date == dt.date(2023, 11, 1)


def test_the_date_is_read_from_the_whole_page_before_the_text_stage_strips_it() -> None:
    """The text stage removes scripts, buttons and menus; a date only in the page's code is still a clue."""
    code = "<script>var story = {published: '2021-09-14 08:30:00'};</script>"
    article = read(page(f"<article><p>{LONG}</p><p>{LONG2}</p></article>{code}"), "x.html", OPTIONS)
    assert article.date_clue == dt.date(2021, 9, 14)
    assert article.paragraphs == (LONG, LONG2)


def test_form_controls_and_menus_stay_out_of_the_text() -> None:
    controls = (
        "<form><label>Your e-mail</label><input value='you@example.org'><select><option>Daily digest</option>"
        "</select><textarea>Write a comment</textarea><button>Subscribe now</button></form>"
    )
    body = f"<nav><a href='/'>Home</a> <a href='/w'>World</a></nav><article><p>{LONG}</p>{controls}<p>{LONG2}</p></article>"
    assert read(page(body), "x.html", OPTIONS).paragraphs == (LONG, LONG2)
