"""A file's stamp against its dateline: the date within a day, a bound further away."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.analysis.stamp import date_from_stamp, stamp_bound
from generator.models import Article, Dateline


def article(stamp: dt.date | None, month: int | None = 3, day: int | None = 5, year: int | None = None) -> Article:
    line = Dateline("WASHINGTON, March 5 (ITAR-TASS) –", "Washington", month, day, "ITAR-TASS", year) if month else None
    return Article(
        "a.txt",
        "text",
        "Headline",
        "",
        ("Text.",),
        dateline=line,
        stamp=stamp,
        stamp_from="the page's timestamp line “stamp as written”" if stamp else None,
    )


@pytest.mark.parametrize(
    ("stamp", "date", "words"),
    [
        (dt.date(2013, 3, 5), dt.date(2013, 3, 5), "the same day"),
        (dt.date(2013, 3, 6), dt.date(2013, 3, 5), "a day later"),
        (dt.date(2013, 3, 4), dt.date(2013, 3, 5), "a day earlier"),
    ],
)
def test_stamp_within_a_day_gives_the_date(stamp: dt.date, date: dt.date, words: str) -> None:
    pubdate = date_from_stamp(article(stamp))
    assert pubdate is not None and pubdate.date == date and pubdate.status == "given"
    assert words in pubdate.evidence[0] and "stamp as written" in pubdate.evidence[0]
    assert stamp_bound(article(stamp)) is None


def test_the_year_turns_between_dateline_and_stamp() -> None:
    pubdate = date_from_stamp(article(dt.date(2014, 1, 1), month=12, day=31))
    assert pubdate is not None and pubdate.date == dt.date(2013, 12, 31)
    assert "the dateline's month and day stand and the year 2013 comes from the stamp" in pubdate.evidence[0]


def test_a_stamp_further_away_is_only_a_bound() -> None:
    far = article(dt.date(2017, 6, 13), month=11, day=2)
    assert date_from_stamp(far) is None
    bound = stamp_bound(far)
    assert bound is not None and bound.latest == dt.date(2017, 6, 14)
    assert "not the date" in bound.evidence and "14 June 2017 or before" in bound.evidence


def test_two_days_off_is_a_bound_not_the_date() -> None:
    assert date_from_stamp(article(dt.date(2013, 3, 7))) is None
    assert stamp_bound(article(dt.date(2013, 3, 7))) is not None


def test_no_stamp_no_answer() -> None:
    assert date_from_stamp(article(None)) is None and stamp_bound(article(None)) is None


def test_no_dateline_the_stamp_bounds() -> None:
    bound = stamp_bound(article(dt.date(2013, 3, 7), month=None))
    assert bound is not None and "no dateline" in bound.evidence
    assert date_from_stamp(article(dt.date(2013, 3, 7), month=None)) is None


def test_a_dateline_year_must_agree() -> None:
    assert date_from_stamp(article(dt.date(2013, 3, 5), year=2012)) is None


def test_february_29_only_in_a_leap_year() -> None:
    assert date_from_stamp(article(dt.date(2013, 3, 1), month=2, day=29)) is None
    pubdate = date_from_stamp(article(dt.date(2012, 3, 1), month=2, day=29))
    assert pubdate is not None and pubdate.date == dt.date(2012, 2, 29)


def test_captured_pages_end_to_end() -> None:
    """The reader's stamp and the analysis together: a Washington story stamped in Moscow time after midnight."""
    from pathlib import Path

    from generator.config import load_config
    from generator.readers.text import read

    root = Path(__file__).resolve().parents[1]
    options = load_config(root).reader
    captured = root / "tests" / "fixtures" / "captured"
    late = read((captured / "stamp_a_day_later.txt").read_text(encoding="utf-8"), "late.txt", options)
    pubdate = date_from_stamp(late)
    assert pubdate is not None and pubdate.date == dt.date(2013, 3, 5)
    far = read((captured / "crawl_date_far.txt").read_text(encoding="utf-8"), "far.txt", options)
    assert date_from_stamp(far) is None
    bound = stamp_bound(far)
    assert bound is not None and bound.latest == dt.date(2017, 6, 14) and "date 2017-06-13" in bound.evidence
