"""Plain-text wire copy: headline, standfirst, dateline paragraph, body.

Two shapes occur in practice: scraped wire stories (furniture line, headline,
standfirst, "MOSCOW, November 21. /TASS/." paragraph, body) and plain stories
(headline line, blank line, body). Site furniture ("All news") is stripped by
patterns kept as data in site_config/furniture.yml.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.models import Article
from generator.readers import ReaderOptions, ReadError
from generator.readers.dateline import MONTHS, parse_dateline

# "November 02, 2011, 22:24 UTC+3" or "02.11.2011, 22:24": a page timestamp line.
_TIMESTAMP_RE = re.compile(
    r"^\s*(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),\s*(?P<year>(?:19|20)\d\d)"
    r"(?:,?\s*\d{1,2}:\d\d(?:\s*(?:UTC|GMT|MSK)(?:\s*[+\-]\d{1,2}(?::?\d\d)?)?)?)?\s*$"
)

_HEADLINE_MAX = 300  # a "headline" longer than this is body prose
_STAMP_WITHIN = 4  # a page's timestamp line sits among its first lines; a date line further down is text
_PROSE_WORDS = 15  # a first line of this many words ending in a full stop is a sentence, not a headline


def _is_prose(line: str) -> bool:
    """Headlines are short and carry no full stop; a long finished sentence is the story's first paragraph."""
    if len(line) > _HEADLINE_MAX:
        return True
    finished = line.rstrip("\"'”’)").endswith((".", "!")) and not line.rstrip("\"'”’)").endswith("..")
    return finished and len(line.split()) >= _PROSE_WORDS


def _blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks of stripped, non-empty lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped:
            current.append(stripped)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Lines cut at a fixed width belong to one paragraph; one-line paragraphs do not."""
    if len(lines) < 2:
        return False
    body = lines[:-1]
    return all(40 <= len(line) <= 100 for line in body) and not all(
        line.endswith((".", '"', "”", ":", "?", "!")) for line in body
    )


def _paragraphs(block: list[str]) -> list[str]:
    if _is_hard_wrapped(block):
        return [" ".join(block)]
    return list(block)


def _timestamp(line: str) -> dt.date | None:
    match = _TIMESTAMP_RE.match(line)
    if match is None:
        return None
    month = MONTHS.get(match["month"].lower())
    if month is None:
        return None
    try:
        return dt.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None


def _is_furniture(line: str, options: ReaderOptions) -> bool:
    return any(pattern.fullmatch(line) for pattern in options.furniture)


def read(text: str, source: str, options: ReaderOptions) -> Article:
    """Split wire copy into headline, standfirst, dateline and verbatim body paragraphs."""
    notes: list[str] = []
    given: dt.date | None = None
    paragraphs: list[str] = []
    for block in _blocks(text):
        for para in _paragraphs(block):
            if _is_furniture(para, options):
                continue
            stamp = _timestamp(para) if len(paragraphs) < _STAMP_WITHIN else None
            if stamp is not None and given is None:
                given = stamp
                notes.append(f"the page's timestamp line reads “{para}”")
                continue
            paragraphs.append(para)
    if not paragraphs:
        raise ReadError("no text left after removing site furniture lines")

    dateline_at = next((i for i, p in enumerate(paragraphs) if parse_dateline(p)), None)
    if dateline_at is not None and dateline_at <= 2:
        head = paragraphs[:dateline_at]
        body = paragraphs[dateline_at:]
    else:
        dateline_at = None
        head = paragraphs[:1]
        body = paragraphs[1:]

    headline = head[0] if head else ""
    standfirst = " ".join(head[1:])
    if not headline or _is_prose(headline):
        # No headline line: the text starts with prose. Keep every word in the body
        # and let the first words stand in as the headline, saying so.
        body = head + body if headline else body
        words = body[0].split()
        headline = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
        standfirst = ""
        notes.append("the file has no headline line; its first words stand in for one")
    if not body:
        raise ReadError("only a headline, no article text")

    dateline = parse_dateline(body[0])
    return Article(
        source=source,
        format="text",
        headline=headline,
        standfirst=standfirst,
        paragraphs=tuple(body),
        dateline=dateline,
        agency_as_written=dateline.agency_as_written if dateline else None,
        given_date=given,
        given_date_from="the page's timestamp line" if given else None,
        reader_notes=tuple(notes),
    )
