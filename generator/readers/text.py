"""Plain-text wire copy: headline, standfirst, dateline paragraph, body.

Three shapes occur in practice: scraped wire stories (furniture line, headline,
standfirst, "MOSCOW, November 21. /TASS/." paragraph, body), text captured from
an agency's web page (menus, a timestamp line and teaser lists around the
story: see ``capture``) and plain stories (headline line, blank line, body).
Site furniture ("All news") is stripped by patterns kept as data in
site_config/furniture.yml.
"""

from __future__ import annotations

import datetime as dt

from generator.models import Article
from generator.readers import ReaderOptions, ReadError
from generator.readers.capture import Located, is_furniture, locate
from generator.readers.dateline import parse_dateline
from generator.readers.timestamp import Stamp, stamp_line

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


def _no_headline(head: list[str], body: list[str], notes: list[str]) -> tuple[str, list[str]]:
    """No headline line: the text starts with prose. Keep every word in the body and let
    the first words stand in as the headline, saying so."""
    body = head + body
    opening = parse_dateline(body[0])
    words = body[0][len(opening.text) if opening else 0 :].split() or body[0].split()
    notes.append("the file has no headline line; its first words stand in for one")
    return " ".join(words[:12]) + (" …" if len(words) > 12 else ""), body


def _plain(paragraphs: list[str], options: ReaderOptions) -> tuple[list[str], Stamp | None, list[str]]:
    """A file without a dateline: furniture dropped, a timestamp line among the first lines taken as its stamp."""
    kept: list[str] = []
    stamp: Stamp | None = None
    notes: list[str] = []
    for para in paragraphs:
        if is_furniture(para, options):
            continue
        found = stamp_line(para, options.stamp_labels) if len(kept) < _STAMP_WITHIN and stamp is None else None
        if found is not None:
            stamp = found
            notes.append(f"the page's timestamp line reads “{para}”")
            continue
        kept.append(para)
    return kept, stamp, notes


def _given(stamp: Stamp | None, located: Located | None) -> dt.date | None:
    """The stamp is the publication date outright only when nothing contradicts it.

    With a dateline, only a stamp on the dateline's month and day is; a stamp a
    day off (time zones) or further away is for the analysis to weigh
    (``generator.analysis.stamp``). Without one, a page's timestamp line is its date.
    """
    if stamp is None:
        return None
    if located is None:
        return stamp.date if stamp.kind == "timestamp line" else None
    line = located.dateline
    return stamp.date if (line.month, line.day) == (stamp.date.month, stamp.date.day) else None


def read(text: str, source: str, options: ReaderOptions) -> Article:
    """Split wire copy into headline, standfirst, dateline and verbatim body paragraphs."""
    paragraphs = [para for block in _blocks(text) for para in _paragraphs(block)]
    located = locate(paragraphs, options)
    if located is not None:
        head = [p for p in (located.headline, located.standfirst) if p]
        body, stamp, notes = list(located.body), located.stamp, list(located.notes)
    else:
        kept, stamp, notes = _plain(paragraphs, options)
        if not kept:
            raise ReadError("no text left after removing site furniture lines")
        head, body = kept[:1], kept[1:]
    headline = head[0] if head else ""
    standfirst = " ".join(head[1:])
    if not headline or _is_prose(headline):
        headline, body = _no_headline(head if headline else [], body, notes)
        standfirst = ""
    if not body:
        raise ReadError("only a headline, no article text")
    dateline = parse_dateline(body[0])
    given = _given(stamp, located)
    return Article(
        source=source,
        format="text",
        headline=headline,
        standfirst=standfirst,
        paragraphs=tuple(body),
        dateline=dateline,
        agency_as_written=dateline.agency_as_written if dateline else None,
        given_date=given,
        given_date_from=stamp.describe() if given and stamp else None,
        stamp=stamp.date if stamp else None,
        stamp_from=stamp.describe() if stamp else None,
        reader_notes=tuple(notes),
    )


# A captured page in miniature: a menu line, a timestamp line, headline, standfirst, the dateline paragraph.
_WARM = (
    "All news\n\nUpdated: March 5, 2013, 18:40\n\nFerries to sail\n\nThe port says the ferries will sail.\n\n"
    "MOSCOW, March 5. /TASS/. The port authority said on Tuesday the ferries would sail in 2019."
)


def warm(options: ReaderOptions) -> None:
    """Compile what the first file read compiles (the furniture and teaser patterns combined, the
    timestamp patterns of ``options``): done before a pool forks (``readers.preload``), its workers
    share them instead of each compiling them again."""
    read(_WARM, "preload.txt", options)
