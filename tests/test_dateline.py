from __future__ import annotations

import pytest

from generator.readers.dateline import find_dateline, parse_dateline


@pytest.mark.parametrize(
    ("paragraph", "place", "month", "day", "agency", "year"),
    [
        ("MOSCOW, November 10 (Itar-Tass) – Russia will continue", "Moscow", 11, 10, "Itar-Tass", None),
        ("MOSCOW, November 21. /TASS/. Russia will continue", "Moscow", 11, 21, "TASS", None),
        ("IGORA /Leningrad Region/, December 26. /TASS/. Russia could use", "Igora", 12, 26, "TASS", None),
        ("NEW YORK, November 3 (Itar-Tass) — A jury", "New York", 11, 3, "Itar-Tass", None),
        ("ST. PETERSBURG, June 1. /TASS/. The forum", "St. Petersburg", 6, 1, "TASS", None),
        ("WASHINGTON, Jan. 5, 2012 (Reuters) - The court", "Washington", 1, 5, "Reuters", 2012),
        ("LONDON, March 4 - Shares fell", "London", 3, 4, None, None),
    ],
)
def test_dateline_shapes(paragraph: str, place: str, month: int, day: int, agency: str | None, year: int | None) -> None:
    line = parse_dateline(paragraph)
    assert line is not None
    assert (line.place, line.month, line.day, line.agency_as_written, line.year) == (place, month, day, agency, year)
    assert paragraph.startswith(line.text)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Maternity pay for new mothers is to rise by £1,400 as part of new proposals.",
        "Russia will continue to work with the incumbent administration.",
        "US, May 3 is not a dateline in lower case prose",
        "MOSCOW, November 45 (Itar-Tass) – impossible day",
        "",
    ],
)
def test_not_a_dateline(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


def test_month_day_reads_as_written() -> None:
    line = parse_dateline("MOSCOW, November 21. /TASS/. Text")
    assert line is not None and line.month_day == "November 21"


@pytest.mark.parametrize(
    ("paragraph", "text", "agency"),
    [
        ("MOSCOW, March 5./TASS/. The minister", "MOSCOW, March 5./TASS/.", "TASS"),
        ("MOSCOW, March 5. /TASS/. /TASS/. The minister", "MOSCOW, March 5. /TASS/. /TASS/.", "TASS"),
        ("MOSCOW, March 5 —— The minister", "MOSCOW, March 5 ——", None),
        ("MOSCOW, March 5 (ITAR-TASS) -- The minister", "MOSCOW, March 5 (ITAR-TASS) --", "ITAR-TASS"),
        ("MOSCOW, March 5, /ITAR-TASS/. The minister", "MOSCOW, March 5, /ITAR-TASS/.", "ITAR-TASS"),
        ("ROSTOV-ON-DON, May 9. /TASS/. The parade", "ROSTOV-ON-DON, May 9. /TASS/.", "TASS"),
        ("BOGOTÁ, May 9. /TASS/. The parade", "BOGOTÁ, May 9. /TASS/.", "TASS"),
        ("SÃO PAULO, May 9 (Itar-Tass) – The parade", "SÃO PAULO, May 9 (Itar-Tass) –", "Itar-Tass"),
    ],
)
def test_varied_punctuation(paragraph: str, text: str, agency: str | None) -> None:
    line = parse_dateline(paragraph)
    assert line is not None and (line.text, line.agency_as_written) == (text, agency)


@pytest.mark.parametrize(
    ("paragraph", "offset"),
    [
        ("date 2020-03-05 MOSCOW, March 5./TASS/. The minister", 16),
        ("Scientists return home VLADIVOSTOK, August 14. /TASS/. Fourteen", 23),
        ("MOSCOW, March 5 (Itar-Tass) – Text", 0),
    ],
)
def test_a_dateline_inside_a_line(paragraph: str, offset: int) -> None:
    found = find_dateline(paragraph)
    assert found is not None and found[0] == offset
    assert paragraph[offset:].startswith(found[1].text)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The delegation flew to the US, March 5. It returned a week later.",  # no agency: prose, not a dateline
        "Talks in LONDON, March 5 - agreed",  # a dash is not enough inside a line
        "x" * 450 + " MOSCOW, March 5. /TASS/. Too far into the line",
    ],
)
def test_no_dateline_inside_prose(paragraph: str) -> None:
    assert find_dateline(paragraph) is None


@pytest.mark.parametrize(
    ("paragraph", "place", "text"),
    [
        ("HEMPSTEAD, N.Y., Sept. 26 (UPI) — The candidate", "Hempstead", "HEMPSTEAD, N.Y., Sept. 26 (UPI) —"),
        ("SAN JOSE, Calif., May 3 (Reuters) - Shares", "San Jose", "SAN JOSE, Calif., May 3 (Reuters) -"),
    ],
)
def test_a_state_after_the_place(paragraph: str, place: str, text: str) -> None:
    line = parse_dateline(paragraph)
    assert line is not None and (line.place, line.text) == (place, text)
    found = find_dateline(paragraph)
    assert found is not None and found[0] == 0


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("Ministers talk to NATO IGORA /Leningrad Region/, December 26. /TASS/. The talks", "Igora"),
        ("Trade talks with the EU BRUSSELS, May 3. /TASS/. The talks", "Brussels"),
        ("Mayor meets investors NEW YORK, November 3 (Itar-Tass) — A jury", "New York"),
        ("Forum opens ST. PETERSBURG, June 1. /TASS/. The forum", "St. Petersburg"),
        ("Fair opens NIZHNY NOVGOROD, June 1. /TASS/. The fair", "Nizhny Novgorod"),
        ("Derby ends in a draw ROSTOV-ON-DON, May 9. /TASS/. The match", "Rostov-on-Don"),
    ],
)
def test_a_headline_run_in_that_ends_in_capitals_is_not_the_place(paragraph: str, place: str) -> None:
    found = find_dateline(paragraph)
    assert found is not None
    offset, line = found
    assert line.place == place
    assert paragraph[offset:].startswith(line.text)
