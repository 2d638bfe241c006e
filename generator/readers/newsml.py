"""IPTC NewsML 1.2 wire items with an NITF body, and bare NITF documents.

Parsed with lxml and no entity expansion, no DTD loading and no network, so
a hostile file cannot read local files or fetch anything. Elements are found
by local name, so namespaced and plain documents read the same. Text is kept
as the feed sent it; damage the feed did (apostrophes arriving as "?") is
reported in ``reader_notes``, never silently rewritten.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html.entities import html5 as html5_entities

from lxml import etree

from generator.models import Article, Dateline
from generator.readers import ReaderOptions, ReadError
from generator.readers.decoding import damage_notes

# (element local name, readable origin) of the item's creation time, in order of trust.
DATE_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("FirstCreated", "the NewsML FirstCreated timestamp"),
    ("ThisRevisionCreated", "the NewsML ThisRevisionCreated timestamp"),
    ("DateAndTime", "the NewsML envelope DateAndTime"),
)
# (element, attribute, readable origin) for bare NITF.
NITF_DATES: tuple[tuple[str, str, str], ...] = (
    ("date.issue", "norm", "the NITF date.issue"),
    ("date.release", "norm", "the NITF date.release"),
)
# Metadata worth keeping in Article.extra: (element local name, extra key).
EXTRA_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("SlugLine", "slugline"),
    ("Urgency", "urgency"),
    ("guid", "guid"),
    ("PublicIdentifier", "identifier"),
    ("doc-id", "identifier"),
)
ROOTS = frozenset({"NewsML", "nitf"})
YEAR_BOUNDS = (1800, 2100)

_WS = re.compile(r"\s+")
_STAMP = re.compile(r"^\s*(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s])")
_COPYRIGHT_NOISE = re.compile(r"\(c\)|©|copyright|all rights reserved|\b(?:19|20)\d{2}\b|[.,;]", re.IGNORECASE)
_MONTH_DAY = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2})\b",
    re.IGNORECASE,
)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})


def read(text: str, source: str, options: ReaderOptions) -> Article:
    """Turn a NewsML 1.2 (or NITF) file into an Article; ReadError when it holds no story."""
    notes: list[str] = []
    root = _parse(text, notes)
    name = _local(root)
    if name not in ROOTS:
        raise ReadError(f"not a NewsML or NITF document: the root element is <{name}>")
    item = _first_item(root, notes) if name == "NewsML" else root
    paragraphs = _body_paragraphs(item, options)
    if not any(p.strip() for p in paragraphs):
        raise ReadError("no article text found: the item has no <p> in its body.content")
    headline = _headline(item)
    if not headline:
        raise ReadError("no headline: the item has no HeadLine or hl1")
    standfirst = _first_text(item, ("SubHeadLine", "hl2", "abstract"))
    given, given_from = _given_date(root, item, notes)
    dateline = _dateline(item, paragraphs)
    agency = _agency(item) or (dateline.agency_as_written if dateline else None)
    notes.extend(damage_notes("\n".join((headline, standfirst, *paragraphs))))
    return Article(
        source=source,
        format="newsml",
        headline=headline,
        standfirst=standfirst,
        paragraphs=tuple(paragraphs),
        dateline=dateline,
        agency_as_written=agency,
        given_date=given,
        given_date_from=given_from,
        reader_notes=tuple(notes),
        extra=_extra(item),
    )


def _parse(text: str, notes: list[str]) -> etree._Element:
    """Parse without entities, DTDs or network; recover what a truncated file still holds."""
    body = _html_entities_as_numbers(_XML_DECLARATION.sub("", text, count=1))  # already decoded
    root = _parse_safely(body, notes)
    _drop_entity_references(root, notes)
    return root


def _html_entities_as_numbers(text: str) -> str:
    """NITF often uses HTML names (&nbsp; &mdash;) without their DTD; write them as numbers."""

    def number(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _XML_ENTITIES or name + ";" not in html5_entities:
            return match.group(0)
        return "".join(f"&#{ord(ch)};" for ch in html5_entities[name + ";"])

    return _NAMED_ENTITY.sub(number, text)


def _drop_entity_references(root: etree._Element, notes: list[str]) -> None:
    """Entities the file declares itself are never expanded (no XXE); drop their references."""
    names: list[str] = []
    for ref in list(root.iter(etree.Entity)):
        names.append(str(ref.text).strip("&;"))
        parent, tail, previous = ref.getparent(), ref.tail or "", ref.getprevious()
        if parent is None:
            continue
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(ref)
    if names:
        unique = ", ".join(sorted(set(names)))
        notes.append(f"the file refers to XML entities it declares itself ({unique}); they were not expanded")


def _parse_safely(body: str, notes: list[str]) -> etree._Element:
    strict = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False)
    try:
        return etree.fromstring(body, strict)
    except etree.XMLSyntaxError as exc:
        reason = str(exc.msg) if "line" in str(exc.msg) or not exc.lineno else f"{exc.msg} (line {exc.lineno})"
        lenient = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)
        try:
            root = etree.fromstring(body, lenient)
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            raise ReadError(f"not well-formed XML: {reason}") from exc
        notes.append(f"the XML is not well-formed ({reason}); read what could be recovered")
        return root


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _iter(el: etree._Element, name: str) -> Iterator[etree._Element]:
    for child in el.iter():
        if isinstance(child.tag, str) and _local(child) == name:
            yield child


def _find(el: etree._Element, name: str) -> etree._Element | None:
    return next(_iter(el, name), None)


def _text(el: etree._Element | None) -> str:
    if el is None:
        return ""
    return _WS.sub(" ", "".join(el.itertext())).strip()


def _first_text(el: etree._Element, names: tuple[str, ...]) -> str:
    for name in names:
        for found in _iter(el, name):
            text = _text(found)
            if text:
                return text
    return ""


def _first_item(root: etree._Element, notes: list[str]) -> etree._Element:
    items = list(_iter(root, "NewsItem"))
    if not items:
        raise ReadError("no article text found: the NewsML document has no NewsItem")
    with_text = [item for item in items if _find(item, "body.content") is not None] or items
    if len(items) > 1:
        notes.append(f"the file holds {len(items)} news items; only the first with a body was read")
    return with_text[0]


def _body_paragraphs(item: etree._Element, options: ReaderOptions) -> list[str]:
    out: list[str] = []
    for content in _iter(item, "body.content"):
        for p in _iter(content, "p"):
            text = _text(p)
            if text and not any(pattern.fullmatch(text) for pattern in options.furniture):
                out.append(text)
    return out


def _headline(item: etree._Element) -> str:
    return _first_text(item, ("HeadLine", "hl1"))


def stamp_date(value: str) -> dt.date | None:
    """The date of a NewsML/NITF timestamp ("20190121T102708", "2019-01-21T10:27:08Z")."""
    match = _STAMP.match(value)
    if not match:
        return None
    try:
        date = dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None
    return date if YEAR_BOUNDS[0] <= date.year <= YEAR_BOUNDS[1] else None


def _given_date(root: etree._Element, item: etree._Element, notes: list[str]) -> tuple[dt.date | None, str | None]:
    candidates: list[tuple[str, str]] = []
    for name, origin in DATE_ELEMENTS:
        scope = root if name == "DateAndTime" else item
        candidates.extend((_text(el), origin) for el in _iter(scope, name))
    for name, attr, origin in NITF_DATES:
        candidates.extend((str(el.get(attr, "")), origin) for el in _iter(item, name))
    for raw, origin in candidates:
        if not raw:
            continue
        date = stamp_date(raw)
        if date is not None:
            return date, origin
        notes.append(f"ignored {origin} {raw!r}: not a timestamp such as 20190121T102708")
    return None, None


def _agency(item: etree._Element) -> str | None:
    """The agency as the item names it: its copyright line, else its provider."""
    copyright_line = _first_text(item, ("CopyrightLine",))
    if copyright_line:
        name = _WS.sub(" ", _COPYRIGHT_NOISE.sub(" ", copyright_line)).strip()
        if name:
            return name
    for el in _iter(item, "doc.copyright"):
        holder = (el.get("holder") or "").strip()
        if holder:
            return holder
    for name in ("distributor", "ProviderId"):
        text = _first_text(item, (name,))
        if text:
            return re.sub(r"^(?:https?://)?(?:www\.)?", "", text).rstrip("/")
    return None


def _dateline(item: etree._Element, paragraphs: list[str]) -> Dateline | None:
    """The first paragraph's dateline; else the DateLine element with the item's city."""
    found = _parse_dateline(paragraphs[0]) if paragraphs else None
    if found is not None:
        return found
    text = _first_text(item, ("DateLine", "dateline"))
    if not text:
        return None
    parsed = _parse_dateline(text)
    if parsed is not None:
        return parsed
    month_day = _MONTH_DAY.match(text)
    return Dateline(
        text=text,
        place=_origin_city(item),
        month=_MONTHS.index(month_day.group(1).lower()) + 1 if month_day else None,
        day=int(month_day.group(2)) if month_day else None,
    )


def _origin_city(item: etree._Element) -> str | None:
    for location in _iter(item, "Location"):
        for prop in _iter(location, "Property"):
            if (prop.get("FormalName") or "").lower() == "city" and (prop.get("Value") or "").strip():
                return str(prop.get("Value")).strip().title()
    return None


def _extra(item: etree._Element) -> tuple[tuple[str, str], ...]:
    extra: dict[str, str] = {}
    for name, key in EXTRA_ELEMENTS:
        text = _first_text(item, (name,))
        if text and key not in extra:
            extra[key] = text
    keywords = [_text(k) or str(k.get("key") or "") for name in ("item_keyword", "keyword") for k in _iter(item, name)]
    keywords = [k for k in keywords if k]
    if keywords:
        extra["keywords"] = ", ".join(keywords)
    language = _find(item, "Language")
    if language is not None and language.get("FormalName"):
        extra["language"] = str(language.get("FormalName"))
    return tuple(sorted(extra.items()))


def _parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline of a paragraph, once the shared dateline parser exists."""
    try:
        from generator.readers.dateline import parse_dateline
    except ImportError:
        return None
    return parse_dateline(paragraph)
