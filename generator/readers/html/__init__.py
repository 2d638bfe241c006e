"""Saved HTML pages: metadata by cascade, the date on htmldate, the text on trafilatura.

The page is parsed once with lxml. Metadata (headline, standfirst, agency)
comes from JSON-LD, then meta tags, then the visible <h1> and <title>
(``metadata``); the paragraphs from trafilatura (``body``); the publication
date from htmldate's sources, each named in the evidence (``dates``). Only
plain text leaves the reader: escaped markup such as "&lt;script&gt;" survives
as the characters "<script>", which the renderer escapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction, fromstring
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, is_dubious_html, repair_faulty_html

from generator.config import ReaderOptions
from generator.models import Article, Dateline
from generator.readers import ReadError
from generator.readers.decoding import damage_notes
from generator.readers.html.body import article_paragraphs, drop_hidden
from generator.readers.html.dates import PageDate, iso_date, page_date, warm
from generator.readers.html.metadata import Metadata, first, page_metadata, visible_standfirst

__all__ = ["iso_date", "read", "warm"]

REAL_PARAGRAPH_WORDS = 10  # without article metadata or a headline, a page needs one block this long
_ENDS_WELL = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
# The characters trafilatura's repair removes (its INVALID_XML_CHARS), each looked for on its own:
# a search for one character is many times faster than a search for a class of them.
XML_FORBIDDEN = tuple(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF))
# trafilatura's parser settings, with lxml's element classes chosen in C: lxml.html's own lookup
# is a Python call for every element the readers touch, a sixth of the stage's time.
PARSER = etree.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)


@dataclass(frozen=True)
class _Page:
    headline: str
    standfirst: str
    paragraphs: tuple[str, ...]
    found: PageDate


def read(text: str, source: str, options: ReaderOptions) -> Article:
    """Turn a saved HTML page into an Article; ReadError when it holds no article text."""
    tree = _parse(text)
    meta = page_metadata(tree)
    page = _read_page(tree, meta, options)
    dateline = _dateline(page.paragraphs[0]) if page.paragraphs else None
    agency = first(meta.agency) or (dateline.agency_as_written if dateline else None)
    notes = list(meta.notes) + list(page.found.notes)
    if not _ENDS_WELL.search(text[-2000:]):
        notes.append("the page stops before its closing </body> or </html> tag; it may be truncated")
    given = page.found.status == "given"
    clue = page.found.status == "probable"
    return Article(
        source=source,
        format="html",
        headline=page.headline,
        standfirst=page.standfirst,
        paragraphs=page.paragraphs,
        dateline=dateline,
        agency_as_written=agency or None,
        given_date=page.found.date if given else None,
        given_date_from=page.found.evidence if given else None,
        date_clue=page.found.date if clue else None,
        date_clue_from=page.found.evidence if clue else None,
        reader_notes=tuple(notes) + damage_notes("\n".join((page.headline, page.standfirst, *page.paragraphs))),
        extra=tuple(sorted(meta.extra.items())),
    )


def _parse(text: str) -> HtmlElement:
    """The page's tree, as trafilatura's ``load_html`` builds it (same repairs, same refusals)."""
    beginning = text[:50].lower()
    tree = None
    if text.strip():
        text = _repaired(text, beginning)
        try:
            tree = fromstring(text, parser=PARSER)
        except (ValueError, etree.ParserError, etree.XMLSyntaxError):  # ValueError: a str with an encoding declaration
            tree = None
        if tree is None or len(tree) < 1:  # then its UTF-8 bytes
            tree = _parse_bytes(text)
    if tree is None or (is_dubious_html(beginning) and len(tree) < 2):
        raise ReadError("no article text found: the file holds no HTML page")
    return tree


def _repaired(text: str, beginning: str) -> str:
    """trafilatura's ``repair_faulty_html``; when the page holds no character XML forbids (nearly
    always), its other two repairs alone, without a removal pass that would copy the page."""
    if any(ch in text for ch in XML_FORBIDDEN):
        return repair_faulty_html(text, beginning)
    if "doctype" in beginning:
        firstline, _, rest = text.partition("\n")
        text = DOCTYPE_TAG.sub("", firstline, count=1) + "\n" + rest
    for line in text[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return FAULTY_HTML.sub(r"\1>", text, count=1)
    return text


def _parse_bytes(text: str) -> HtmlElement | None:
    try:
        return fromstring(text.encode("utf8", "surrogatepass"), parser=PARSER)
    except (ValueError, etree.ParserError, etree.XMLSyntaxError):
        return None


def _read_page(tree: HtmlElement, meta: Metadata, options: ReaderOptions) -> _Page:
    """The date first, on the whole page; then the text, which strips the tree of page furniture."""
    lead = visible_standfirst(tree)
    headline = first(meta.headline)
    drop_hidden(tree)
    found = page_date(tree, meta.extra.get("url"), meta.jsonld_dates)
    paragraphs, extracted = article_paragraphs(tree, options, skip=(meta.h1, lead, headline))
    stated = meta.is_article or any(origin != "the page <title>" for _, origin in meta.headline)
    long_enough = extracted and any(len(p.split()) >= REAL_PARAGRAPH_WORDS for p in paragraphs)
    if not paragraphs or not (long_enough or stated):
        raise ReadError(
            f"no article text found: the page has no paragraph of {REAL_PARAGRAPH_WORDS} or more words "
            "outside links, menus and page furniture, and no article metadata or headline"
        )
    if not headline:
        raise ReadError("no headline: the page has no JSON-LD headline, og:title, <h1> or <title>")
    if lead:
        meta.standfirst.append((lead, "the page's lead paragraph"))
    standfirst = _standfirst(meta, paragraphs, headline)
    return _Page(headline, standfirst, tuple(paragraphs), found)


def _standfirst(meta: Metadata, paragraphs: list[str], headline: str) -> str:
    """The first stated summary that is not just the headline or the start of the body."""
    opening = paragraphs[0] if paragraphs else ""
    for value, origin in meta.standfirst:
        stem = value.rstrip(".\u2026 ").removesuffix("...").rstrip()
        if value == headline:
            continue
        if stem and opening.startswith(stem):
            meta.notes.append(f"{origin} repeats the first paragraph, so it is not used as a standfirst")
            continue
        return value
    return ""


def _dateline(paragraph: str) -> Dateline | None:
    """The dateline of the first paragraph, once the shared dateline parser exists."""
    try:
        from generator.readers.dateline import parse_dateline
    except ImportError:
        return None
    return parse_dateline(paragraph)
