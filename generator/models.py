"""The data that flows between stages: read -> analyse -> link -> render -> write.

Every stage hands the next frozen dataclasses, so a later stage can never
change what an earlier one saw; change with ``dataclasses.replace``.
Character offsets (``start``/``end``) always index into the *verbatim*
paragraph string they belong to, so annotations never alter the source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

DateStatus = Literal["given", "inferred", "probable", "uncertain"]
Precision = Literal["year", "month", "day"]
EventStatus = Literal["past", "scheduled"]
EntityKind = Literal["person", "organisation", "place"]
Level = Literal["error", "warning"]
ResolvedBy = Literal["named", "pronoun", "role", "continued", "unnamed"]
QuoteKind = Literal["quote", "statement"]

# Paragraph index conventions used by every annotation:
#   HEADLINE = -2, STANDFIRST = -1, body paragraphs 0..n-1.
HEADLINE = -2
STANDFIRST = -1


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file, reported and never fatal to the rest."""

    source: str
    level: Level
    message: str

    def line(self) -> str:
        """One line, always: a newline in a file name or message is shown escaped."""
        text = f"{self.source}: {self.level}: {self.message}"
        return text.replace("\r", "\\r").replace("\n", "\\n")


@dataclass(frozen=True)
class Dateline:
    """The dateline as written ("MOSCOW, November 21. /TASS/.")."""

    text: str
    place: str | None = None  # title-cased: "Moscow", "Igora /Leningrad Region/" -> "Igora"
    month: int | None = None
    day: int | None = None
    agency_as_written: str | None = None
    year: int | None = None  # only when the dateline itself states one

    @property
    def month_day(self) -> str | None:
        if self.month is None or self.day is None:
            return None
        return f"{dt.date(2000, self.month, 1):%B} {self.day}"


@dataclass(frozen=True)
class Article:
    """One input file as read: the text verbatim, plus what its format states outright.

    ``paragraphs`` are the body paragraphs exactly as in the source (the
    dateline paragraph included). Readers fill ``given_date`` only from an
    explicit, machine-readable statement (front matter, HTML metadata, a
    timestamp line); everything else is inferred later by ``pubdate``.
    """

    source: str  # path relative to the content folder, POSIX separators
    format: str  # "text" | "html" | "markdown" | "newsml"
    headline: str
    standfirst: str
    paragraphs: tuple[str, ...]
    dateline: Dateline | None = None
    agency_as_written: str | None = None
    given_date: dt.date | None = None
    given_date_from: str | None = None  # readable: "the JSON-LD datePublished"
    date_clue: dt.date | None = None  # a date only the text suggests (HTML free text): probable, never given
    date_clue_from: str | None = None  # readable: "a date in the page's text (“01.11.2023”)"
    year_hint: int | None = None
    # The date the file states about itself (a page's timestamp line, a crawler's date token),
    # which may differ from the publication day; generator.analysis.stamp weighs it against the dateline.
    stamp: dt.date | None = None
    stamp_from: str | None = None  # readable: "the page's timestamp line “March 05, 2013, 18:40 UTC+3”"
    encoding: str = "utf-8"
    reader_notes: tuple[str, ...] = ()  # readable notes, e.g. decoding decisions
    extra: tuple[tuple[str, str], ...] = ()  # other front-matter keys, sorted

    def text_blocks(self) -> tuple[tuple[int, str], ...]:
        """Headline, standfirst and body with their paragraph indexes."""
        blocks: list[tuple[int, str]] = [(HEADLINE, self.headline)]
        if self.standfirst:
            blocks.append((STANDFIRST, self.standfirst))
        blocks.extend(enumerate(self.paragraphs))
        return tuple(blocks)


@dataclass(frozen=True)
class PubDate:
    """The publication date and how it was established. ``date`` is None when uncertain."""

    date: dt.date | None
    status: DateStatus
    evidence: tuple[str, ...] = ()
    candidates: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class EntityRef:
    """A gazetteer or discovered entity, identified by a stable slug id."""

    id: str
    name: str
    kind: EntityKind
    description: str = ""
    aliases: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (label, url)
    curated: bool = True  # False for names discovered but not in the gazetteer


@dataclass(frozen=True)
class Mention:
    """A span of text that refers to an entity."""

    entity: str  # EntityRef.id
    paragraph: int
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class Quote:
    """Quoted speech. Spans index the paragraph; ``speaker`` is None for an unnamed one."""

    text: str
    paragraph: int
    start: int
    end: int
    speaker: str | None
    speaker_label: str
    resolved_by: ResolvedBy = "unnamed"  # how the speaker was found
    kind: QuoteKind = "quote"  # "statement": reported speech without quotation marks
    cue: str = ""  # a stance's verb as written ("wants", "called for"): what kind of statement; not exported


@dataclass(frozen=True)
class SourceError:
    """A misspelling in the source, shown as written with a [sic] note."""

    text: str
    suggestion: str
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in text, normalised against a reference date.

    ``value`` is None when it cannot be resolved honestly (e.g. a weekday in an
    article whose own date is uncertain).
    """

    paragraph: int
    start: int
    end: int
    text: str
    value: dt.date | None
    precision: Precision
    status: EventStatus
    sentence: str
    probable: bool = False  # the year comes only from a probable publication date: never shown as fact


@dataclass(frozen=True)
class Analysis:
    """Everything the per-article stage finds: a pure function of the Article and config."""

    article: Article
    pubdate: PubDate
    mentions: tuple[Mention, ...] = ()
    discovered: tuple[EntityRef, ...] = ()
    quotes: tuple[Quote, ...] = ()
    source_errors: tuple[SourceError, ...] = ()
    timexes: tuple[Timex, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Event:
    """One timeline entry, possibly reported by several articles."""

    id: str
    date: dt.date
    precision: Precision
    status: EventStatus
    text: str
    sources: tuple[tuple[str, int], ...]  # (article id, paragraph)
    entities: tuple[str, ...] = ()
    probable: bool = False  # every source dates it only through a probable publication year


@dataclass(frozen=True)
class Page:
    """A generated Markdown page, relative to docs/."""

    path: str
    text: str


@dataclass(frozen=True)
class ArticleInfo:
    """The corpus-level identity of an analysed article."""

    id: str
    page: str  # docs-relative .md path
    analysis: Analysis
    agency: str | None = None
    related: tuple[tuple[str, str], ...] = field(default=())  # (article id, reason)
