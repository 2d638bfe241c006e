from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.config import ReaderOptions
from generator.readers import ReadError
from generator.readers.text import read

OPTIONS = ReaderOptions(furniture=(re.compile("all news", re.IGNORECASE),))

WIRE = """All news

Kremlin welcomes talks on grain corridor

The Kremlin spokesman said the talks were useful

MOSCOW, July 12. /TASS/. The Kremlin welcomed the talks, spokesman Dmitry Peskov said on Tuesday.

"We welcome this," he said.
"""

PLAIN = """Claxton hunting first major medal

British hurdler Sarah Claxton is confident she can win her first major medal.

"I am quite confident," said Claxton.
"""


def test_wire_story_parts() -> None:
    article = read(WIRE, "wire.txt", OPTIONS)
    assert article.headline == "Kremlin welcomes talks on grain corridor"
    assert article.standfirst == "The Kremlin spokesman said the talks were useful"
    assert article.paragraphs[0].startswith("MOSCOW, July 12. /TASS/. The Kremlin")
    assert article.dateline is not None and article.dateline.month_day == "July 12"
    assert article.agency_as_written == "TASS"
    assert "All news" not in " ".join(article.paragraphs) + article.headline


def test_plain_story_has_no_dateline_or_standfirst() -> None:
    article = read(PLAIN, "sport/001.txt", OPTIONS)
    assert article.headline == "Claxton hunting first major medal"
    assert article.standfirst == ""
    assert article.dateline is None
    assert len(article.paragraphs) == 2


def test_timestamp_line_gives_the_date() -> None:
    article = read("Headline here\n\nNovember 02, 2011, 22:24 UTC+3\n\nMOSCOW, November 2 (Itar-Tass) - Text.\n", "t.txt", OPTIONS)
    assert article.given_date == dt.date(2011, 11, 2)
    assert all("22:24" not in p for p in article.paragraphs)


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    text = (
        "Headline\n\n"
        "This paragraph was wrapped at a fixed width by the program that saved\n"
        "it, so its lines belong together and must be read as one paragraph of\n"
        "text.\n"
    )
    article = read(text, "w.txt", OPTIONS)
    assert len(article.paragraphs) == 1
    assert "saved it, so" in article.paragraphs[0]


def test_no_headline_line_keeps_every_word() -> None:
    prose = "The court ruled on Monday that " + "the appeal was rejected and " * 20 + "the case is closed."
    article = read(prose + "\n\nSecond paragraph.\n", "n.txt", OPTIONS)
    assert article.paragraphs[0] == prose
    assert article.headline.startswith("The court ruled on Monday")
    assert any("no headline" in note for note in article.reader_notes)


@pytest.mark.parametrize("text", ["All news\n", "All news\n\nAll news\n"])
def test_only_furniture_is_an_error(text: str) -> None:
    with pytest.raises(ReadError):
        read(text, "f.txt", OPTIONS)
