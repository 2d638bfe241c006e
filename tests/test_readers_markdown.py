"""The Markdown reader: YAML front matter wins; the body is kept as written, never rendered."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.config import ReaderOptions
from generator.models import Article
from generator.readers import ReadError
from generator.readers.decoding import decode
from generator.readers.markdown import read, split_front_matter

FIXTURES = Path(__file__).parent / "fixtures"
OPTIONS = ReaderOptions()
BODY = "LEEDS, September 1 (Northern Wire) – The council approved eleven kilometres of new cycle lanes on Tuesday."


def read_fixture(name: str) -> Article:
    return read(decode((FIXTURES / name).read_bytes()).text, name, OPTIONS)


def md(front: str, body: str = BODY) -> str:
    return f"---\n{front}\n---\n\n{body}\n"


def test_front_matter_fixture() -> None:
    article = read_fixture("content/markdown_with_front_matter.md")
    assert article.format == "markdown"
    assert article.headline == "Wind farm approved off the Yorkshire coast"
    assert article.standfirst == "The project will supply power to about 400,000 homes"
    assert (article.given_date, article.given_date_from) == (dt.date(2021, 7, 22), "the front matter date")
    assert article.year_hint == 2021
    assert article.agency_as_written == "Northern Wire"
    assert article.extra == (("author", "Priya Natarajan"), ("tags", "energy, planning"))
    assert article.dateline is not None and article.dateline.text.startswith("WHITBY, July 22")


def test_body_is_kept_as_written_with_soft_line_breaks_joined() -> None:
    article = read_fixture("content/markdown_with_front_matter.md")
    assert article.paragraphs[0] == (
        "WHITBY, July 22 (Northern Wire) – The government approved on Thursday a wind farm of 80 turbines "
        "off the Yorkshire coast, ending a planning process that began four years ago."
    )
    assert "the *onshore* substation" in article.paragraphs[1]
    assert article.paragraphs[2] == "## Fishing concerns"
    assert len(article.paragraphs) == 5


def test_first_heading_is_the_headline_without_front_matter() -> None:
    article = read_fixture("content/markdown_heading_no_front_matter.md")
    assert article.headline == "Volunteers count record number of seals on sandbank"
    assert article.given_date is None and article.year_hint is None
    assert len(article.paragraphs) == 3 and article.paragraphs[0].startswith("NORWICH, December 4 –")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad/bad_front_matter.md", r"^front matter: description \(line 3\): invalid YAML \(while scanning a quoted scalar"),
        ("bad/front_matter_bad_date.md", r"^front matter: date: expected a date as YYYY-MM-DD, found '1 September 2020'$"),
    ],
)
def test_bad_front_matter_names_the_field_and_line(name: str, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        read_fixture(name)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (md("title: [a, b]"), "front matter: title: expected text, found a list"),
        (md("- one\n- two"), "expected 'key: value' lines, found a list"),
        (md("title: Bridge\nyear: soon"), "front matter: year: expected a year such as 2016, found 'soon'"),
        (md("title: Bridge\ndate: 2021-02-30"), "front matter: date: expected a date"),
        ("---\ntitle: Bridge\n\n" + BODY, "opened with '---' on line 1 but never closed"),
        ("+++\ntitle = 'Bridge'\n+++\n" + BODY, "TOML front matter"),
        (BODY + "\n\nMore text.\n", "no headline"),
        (md("title: Bridge", ""), "no article text found"),
        ("---\ntitle: ok\nbroken: [1,\n---\n" + BODY, r"broken \(line 3\): invalid YAML"),
    ],
)
def test_unreadable_markdown_raises_one_line_reasons(text: str, message: str) -> None:
    with pytest.raises(ReadError, match=message) as info:
        read(text, "x.md", OPTIONS)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("front", "date"),
    [
        ("date: 2024-02-05", dt.date(2024, 2, 5)),
        ("date: 2024-02-05T23:45:00+03:00", dt.date(2024, 2, 5)),
        ("date: '2024-02-05'", dt.date(2024, 2, 5)),
        ("date: 2024-02-05 08:00:00", dt.date(2024, 2, 5)),
        ("published: 2019-01-21", dt.date(2019, 1, 21)),
        ("date:", None),
    ],
)
def test_front_matter_dates(front: str, date: dt.date | None) -> None:
    article = read(md("title: Bridge\n" + front), "x.md", OPTIONS)
    assert article.given_date == date
    assert (article.given_date_from is None) is (date is None)


def test_front_matter_wins_over_the_text() -> None:
    article = read(md("title: Bridge\nagency: Leeds Post\ndateline: 'BRADFORD, August 30 -'"), "x.md", OPTIONS)
    assert article.agency_as_written == "Leeds Post"
    assert article.dateline is not None and article.dateline.text.startswith("BRADFORD")
    plain = read(md("title: Bridge"), "x.md", OPTIONS)
    assert plain.dateline is not None and plain.dateline.place == "Leeds"
    assert plain.agency_as_written == "Northern Wire"


def test_headline_key_synonyms_and_year_mismatch_note() -> None:
    article = read(md("headline: Bridge plan\nstandfirst: A short summary\ndate: 2020-09-01\nyear: 2019"), "x.md", OPTIONS)
    assert (article.headline, article.standfirst) == ("Bridge plan", "A short summary")
    assert any("year 2019 differs from its date 2020-09-01" in n for n in article.reader_notes)


@pytest.mark.parametrize(
    ("text", "headline", "first"),
    [
        ("# Bridge plan approved #\n" + BODY, "Bridge plan approved", BODY),
        ("Bridge plan approved\n====================\n\n" + BODY, "Bridge plan approved", BODY),
        ("\n\n# Bridge plan\n\n" + BODY, "Bridge plan", BODY),
    ],
)
def test_heading_forms(text: str, headline: str, first: str) -> None:
    article = read(text, "x.md", OPTIONS)
    assert (article.headline, article.paragraphs[0]) == (headline, first)


def test_heading_after_text_is_used_and_noted() -> None:
    article = read(BODY + "\n\n# Bridge plan\n\nMore text follows here.\n", "x.md", OPTIONS)
    assert article.headline == "Bridge plan"
    assert article.paragraphs == (BODY, "More text follows here.")
    assert "comes after 1 block(s) of text" in article.reader_notes[0]


@pytest.mark.parametrize("name", ["hostile/hostile.txt", "hostile/markdown_lookalikes.txt"])
def test_markdown_syntax_and_markup_stay_characters(name: str) -> None:
    raw = decode((FIXTURES / name).read_bytes()).text
    article = read(md("title: Fixture", raw), name, OPTIONS)
    source_lines = [line for line in raw.split("\n") if line.strip()]
    assert list(article.paragraphs) == source_lines  # one line per paragraph in these fixtures


def test_lookalike_lines_are_verbatim() -> None:
    raw = decode((FIXTURES / "hostile/markdown_lookalikes.txt").read_bytes()).text
    article = read(md("title: Fixture", raw), "x.md", OPTIONS)
    for line in ("1. The court", "# 1 seed", "> quoted", "- item", "*stars*", "_under_", "`code`", "| a | b |"):
        assert any(p.startswith(line) or line in p for p in article.paragraphs), line


def test_furniture_lines_are_dropped() -> None:
    options = ReaderOptions(furniture=(re.compile(r"All news"),))
    article = read(md("title: Bridge", "All news\n\n" + BODY), "x.md", options)
    assert article.paragraphs == (BODY,)


@pytest.mark.parametrize(
    ("text", "front", "line"),
    [
        ("---\na: 1\n---\nbody", "a: 1", 2),
        ("\n\n---\na: 1\n...\nbody", "a: 1", 4),
        ("no front matter", None, 0),
        ("text\n---\na: 1\n---", None, 0),
    ],
)
def test_split_front_matter(text: str, front: str | None, line: int) -> None:
    found, _, first_line = split_front_matter(text)
    assert (found, first_line) == (front, line)
