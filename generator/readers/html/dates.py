"""The publication date of a saved page, on htmldate, with the evidence of where it was found.

htmldate's metadata and markup search (URL, meta tags, JSON-LD, <abbr>,
<time>, elements whose class or id names a date) gives *given* dates; each
source is asked on its own so the reader can say which one stated the date,
and when sources disagree the date most of them state wins. htmldate's
free-text search only yields a *clue* (a probable date), never a given one.

Dossier adds: JSON-LD of article types read as JSON (not the first
"datePublished" anywhere); a UTC timestamp turned into the page's own day when
the page states its offset, or when its URL or visible date says the day
before; a slashed meta date that reads both ways ("11/01/2023") settled by
another source or else not given; and year-only or month-only guesses dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from htmldate import core as hd
from htmldate import extractors as hx
from htmldate.utils import Extractor, clean_html
from htmldate.validators import get_max_date, get_min_date
from lxml import etree
from lxml.html import HtmlElement

from generator.readers.html.metadata import token_hint
from generator.readers.html.names import Named, date_candidates, named_holding, walk

Kind = Literal["url", "meta", "json-ld", "abbr", "marked-time", "element", "time", "text"]
# Order of trust when sources tie (htmldate's own cascade order, Dossier's marked <time> after <abbr>).
PRIORITY: tuple[Kind, ...] = ("url", "meta", "json-ld", "abbr", "marked-time", "element", "time", "text")
# Sources that are one witness however many ways they are read.
FAMILY: dict[Kind, str] = {"marked-time": "time", "element": "visible", "time": "time"}
_VOCAB = yaml.safe_load(Path(__file__).with_name("date_words.yml").read_text(encoding="utf-8"))
ELSEWHERE = frozenset(_VOCAB["elsewhere"])
_ELSEWHERE_HINT = token_hint(ELSEWHERE)
_ALL_NAMES = etree.XPath("//@class | //@id")  # smart strings: each knows its element
_PUBLISHED = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(re.escape(w) for w in _VOCAB["published"]) + r")(?![^\W\d_])", re.IGNORECASE
)
YEAR_BOUNDS = (1800, 2100)
META_KEYS = ("property", "name", "itemprop", "http-equiv", "pubdate")

_ISO_DATE = re.compile(r"^\s*(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s])")
_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?\b")
_SLASHED = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_WS = re.compile(r"\s+")
_TOKENS = re.compile(r"[\s_]+|-{1,2}")


@dataclass(frozen=True)
class Clue:
    """One source's date and how to tell the reader where it was found."""

    date: dt.date
    kind: Kind
    evidence: str
    raw: str = ""
    other_reading: dt.date | None = None  # a slashed date that also reads day-first / month-first


@dataclass(frozen=True)
class PageDate:
    """The page's date: given (stated), probable (a text clue) or none; notes on what disagreed."""

    date: dt.date | None
    status: Literal["given", "probable"] | None
    evidence: str | None
    notes: tuple[str, ...] = ()


def iso_date(value: str) -> dt.date | None:
    """The calendar date an ISO 8601 date or timestamp states (local date as written)."""
    match = _ISO_DATE.match(value)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not YEAR_BOUNDS[0] <= year <= YEAR_BOUNDS[1]:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def page_date(tree: HtmlElement, url: str | None, jsonld: list[tuple[str, str]]) -> PageDate:
    """Ask each source; the date most sources state is given. Cleans ``tree`` in place (call last)."""
    options = Extractor(True, get_max_date(None), get_min_date(None), True, "%Y-%m-%d")
    clues = list(_stated(tree, url, jsonld, options))
    clean_html(tree, hd.CLEANING_LIST)
    if not _settled(clues):
        named = walk(tree)
        detached = _detach_elsewhere(tree, named)
        clues += _marked(tree, options, named, [el for _, _, el in detached])
        for parent, index, el in reversed(detached):  # the text search below reads the whole page
            parent.insert(index, el)
    notes: list[str] = []
    # The page's offset is read only for a UTC timestamp, and reading it costs a pass over the page.
    offset = _page_offset(tree) if any(_utc_time(clue.raw) is not None for clue in clues) else None
    clues = _settle_utc(clues, offset, notes)
    clues = _settle_readings(clues, notes)
    given = [c for c in clues if c.other_reading is None]
    if given:
        return _vote(given, notes)
    ambiguous = [c for c in clues if c.other_reading is not None]
    text = _text_clue(tree, options)
    for clue in ambiguous:
        if text is not None and text.date in (clue.date, clue.other_reading):
            notes.append(f"{clue.evidence} reads two ways; the page's text settles it")
            return PageDate(text.date, "probable", text.evidence, tuple(notes))
    if text is not None:
        return PageDate(text.date, "probable", text.evidence, tuple(notes))
    if ambiguous:
        clue = ambiguous[0]
        notes.append(f"{clue.evidence} could also be {clue.other_reading:%d %B %Y}")
        return PageDate(clue.date, "probable", clue.evidence, tuple(notes))
    return PageDate(None, None, None, tuple(notes))


# --- sources that state a date ----------------------------------------------


def _as_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _stated(tree: HtmlElement, url: str | None, jsonld: list[tuple[str, str]], options: Extractor) -> Iterator[Clue]:
    """URL, meta tags, JSON-LD and <abbr>: read before the tree is cleaned."""
    canonical = tree.find('.//link[@rel="canonical"]')
    page_url = canonical.get("href") if canonical is not None else None
    for candidate in (page_url, url):
        found = _as_date(hx.extract_url_date(candidate, options))
        if found and candidate:
            match = hx.COMPLETE_URL.search(candidate)
            part = match.group(0).strip("/_-") if match else candidate
            yield Clue(found, "url", f"the date in the page's URL ({part})")
            break
    header = _as_date(hd.examine_header(tree, options))
    meta = _meta_clue(tree, header, options) if header else None
    if meta is not None:
        yield meta
    own = next(((iso_date(raw), raw, origin) for raw, origin in jsonld if iso_date(raw)), None)
    if own and own[0]:
        yield Clue(own[0], "json-ld", own[2], own[1])
    else:
        found = _as_date(hx.json_search(tree, options))
        if found:
            yield Clue(found, "json-ld", "the JSON-LD datePublished of the page", _jsonld_raw(tree, found))
    abbr = _as_date(hd.examine_abbr_elements(tree, options))
    if abbr:
        yield Clue(abbr, "abbr", "the <abbr> date element of the page")


def _settled(clues: list[Clue]) -> bool:
    """Two kinds of stated source agree: the marked elements could at most tie, and ties go to them."""
    kinds: dict[dt.date, set[str]] = {}
    for clue in clues:
        if clue.other_reading is None and _utc_time(clue.raw) is None:
            kinds.setdefault(clue.date, set()).add(FAMILY.get(clue.kind, clue.kind))
    return any(len(k) >= 2 for k in kinds.values())


def _meta_clue(tree: HtmlElement, date: dt.date, options: Extractor) -> Clue | None:
    """Name the meta tag htmldate's header search took the date from."""
    for elem in tree.iter("meta"):
        content = elem.get("content") or elem.get("datetime") or ""
        if not content or _as_date(hx.try_date_expr_opts(content, options)) != date:
            continue
        key = next(((a, elem.get(a, "")) for a in META_KEYS if elem.get(a)), ("", ""))
        if key[1].lower() in ("og:url",):
            continue
        evidence = f'the <meta {key[0]}="{key[1]}"> tag ({_WS.sub(" ", content).strip()[:40]})'
        if key[1].lower() == "copyrightyear":
            return None  # a year, not a day
        return Clue(date, "meta", evidence, content, _other_reading(content, date))
    return Clue(date, "meta", "a date meta tag of the page")


def _other_reading(raw: str, date: dt.date) -> dt.date | None:
    """For "11/01/2023": the date it also means when read the other way round."""
    match = _SLASHED.match(raw)
    if not match:
        return None
    first, second, year = (int(g) for g in match.groups())
    if first == second or first > 12 or second > 12:
        return None
    other = dt.date(year, first, second) if date.day == first else dt.date(year, second, first)
    return other if other != date else None


def _jsonld_raw(tree: HtmlElement, date: dt.date) -> str:
    for script in tree.iter("script"):
        for match in hx.JSON_PUBLISHED.finditer(script.text or ""):
            if _as_date(match.group(1)) == date:
                return match.group(1) + (match.group(2) or "")
    return ""


def _marked(tree: HtmlElement, options: Extractor, named: list[Named] | None, aside: list[HtmlElement]) -> Iterator[Clue]:
    """<time> elements and elements whose class or id names a date: read on the cleaned tree, with
    the elements ``aside`` taken out (``named``: the walk of the tree made before)."""
    for el in tree.iter("time"):
        stamp = el.get("datetime") or ""
        if (el.get("itemprop") or "").lower() == "datepublished" or el.get("pubdate") is not None:
            found = iso_date(stamp)
            if found:
                yield Clue(found, "marked-time", "the <time datetime> element marked as the publication date", stamp)
                break
    candidates = date_candidates(tree, named, aside) if named is not None else hd.date_candidates(tree, True)
    element = _date_element(candidates, options)
    if element is not None:
        yield element
    timed = _as_date(hd.examine_time_elements(tree, options))
    if timed:
        yield Clue(timed, "time", "the <time> elements of the page", _time_raw(tree, timed))


def _date_element(elements: list[HtmlElement], options: Extractor) -> Clue | None:
    """htmldate's date-element search, keeping the element so the evidence can quote it."""
    if not 0 < len(elements) <= hd.MAX_POSSIBLE_CANDIDATES:
        return None
    for elem in elements:
        for text in (elem.text_content(), elem.get("title", "")):
            found = _as_date(_examined(_after_published(text), options))
            if found:
                shown = _WS.sub(" ", text).strip()
                label = elem.get("class") or elem.get("id") or elem.get("itemprop") or ""
                where = f'<{elem.tag} class="{label.strip()[:40]}">' if label else f"<{elem.tag}>"
                kind: Kind = "time" if elem.tag == "time" or elem.find(".//time") is not None else "element"
                return Clue(found, kind, f"the visible date “{shown[:60]}” in {where}", elem.get("datetime") or shown)
    return None


def warm(options: object = None) -> None:
    """Load what a page's first reading through dateparser loads: its locales, each of which compiles
    its patterns the first time a text is tried on it (some two seconds). Done in a process that then
    forks a pool (``readers.preload``), the workers share them instead of each loading them again.
    A text with a word and a number is tried on every locale; the answer is not kept. (``options``,
    the reader options every reader's ``warm`` is given, are not needed here.)"""
    hx.get_external_parser().get_date_data("Posted 3")


_EXAMINED: dict[tuple[object, ...], str | None] = {}
_EXAMINED_KEPT = 4096  # texts remembered: a page's candidate elements repeat their texts (a parent and its child)


def _examined(text: str, options: Extractor) -> str | None:
    """htmldate's reading of an element's text, asked once per text and options: the same text is
    asked about again and again (nested candidates, a byline repeated), and a reading may go through
    dateparser's hundreds of locales. The answer is a string, made into a new date by each caller."""
    key = (text, options.extensive, options.max, options.min, options.original, options.format)
    if key not in _EXAMINED:
        if len(_EXAMINED) >= _EXAMINED_KEPT:
            _EXAMINED.clear()
        _EXAMINED[key] = hd.examine_text(text, options)
    return _EXAMINED[key]


def _after_published(text: str) -> str:
    """From the word saying "published" on, when the element shows another date before it."""
    match = _PUBLISHED.search(text)
    if match is None or not any(ch.isdigit() for ch in text[: match.start()]):
        return text
    return text[match.end():]


def _time_raw(tree: HtmlElement, date: dt.date) -> str:
    for el in tree.iter("time"):
        stamp = el.get("datetime") or ""
        if iso_date(stamp) == date:
            return stamp
    return ""


def _named_elsewhere(tree: HtmlElement, named: list[Named] | None = None) -> list[HtmlElement]:
    """Elements whose class or id may name a comment thread, teaser or sidebar: the words as the
    page writes them ("Comments", "related") are found in all its distinct names at once, then
    the elements whose names hold one of them, in page order (from ``named`` when given)."""
    if named is not None:
        return named_holding(named, _ELSEWHERE_HINT)
    names = _ALL_NAMES(tree)
    values = set(names)
    written = {m.group(0) for m in _ELSEWHERE_HINT.finditer(" ".join(values))}
    if not written:
        return []
    holding = {v for v in values if any(w in v for w in written)}
    return list(dict.fromkeys(name.getparent() for name in names if name in holding))


def _detach_elsewhere(tree: HtmlElement, named: list[Named] | None) -> list[tuple[HtmlElement, int, HtmlElement]]:
    """Take out comment threads, teasers and sidebars, whose dates belong to other texts;
    return (parent, position, element) so they can be put back."""
    labelled = ((el, f"{el.get('class') or ''} {el.get('id') or ''}".lower()) for el in _named_elsewhere(tree, named))
    marked = [
        el for el, names in labelled
        if el.tag not in ("html", "body", "article", "main")
        and _ELSEWHERE_HINT.search(names) and set(_TOKENS.split(names)) & ELSEWHERE
        and el.find(".//h1") is None and el.find(".//article") is None
    ]
    inside = set(marked)
    doomed = [el for el in marked if not any(a in inside for a in el.iterancestors())]
    detached = []
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            detached.append((parent, parent.index(el), el))
            parent.remove(el)
    return detached


# --- settling disagreements ---------------------------------------------------


def _page_offset(tree: HtmlElement) -> dt.timedelta | None:
    """The UTC offset the page states for its own timestamps (meta tags, JSON-LD, <time>), if one."""
    values = [m.get("content") or "" for m in tree.iter("meta")]
    values += [t.get("datetime") or "" for t in tree.iter("time")]
    values += [s.text or "" for s in tree.iter("script") if "ld+json" in (s.get("type") or "")]
    for value in values:
        for match in _TIMESTAMP.finditer(value):
            zone = match.group(3)
            if zone and zone != "Z" and zone.replace(":", "") not in ("+0000", "-0000"):
                sign = 1 if zone[0] == "+" else -1
                digits = zone[1:].replace(":", "")
                return sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return None


def _utc_time(raw: str) -> dt.datetime | None:
    match = _TIMESTAMP.search(raw)
    if not match or match.group(3) not in ("Z", "+00:00", "+0000", "-00:00"):
        return None
    try:
        return dt.datetime.fromisoformat(f"{match.group(1)}T{match.group(2)}+00:00")
    except ValueError:
        return None


def _settle_utc(clues: list[Clue], offset: dt.timedelta | None, notes: list[str]) -> list[Clue]:
    """A UTC timestamp names the day in Greenwich; the page's own day may be the one before."""
    out: list[Clue] = []
    for clue in clues:
        stamp = _utc_time(clue.raw)
        if stamp is None:
            out.append(clue)
            continue
        if offset is not None:
            local = (stamp + offset).date()
            if local != clue.date:
                hours = offset.total_seconds() / 3600
                notes.append(
                    f"{clue.evidence} is a UTC time; the page states its times at UTC{hours:+g}, where it was {local:%d %B %Y}"
                )
                clue = Clue(local, clue.kind, clue.evidence + f", converted from UTC to the page's UTC{hours:+g}", clue.raw)
        else:
            before = clue.date - dt.timedelta(days=1)
            witness = next((c for c in clues if c.date == before and c.kind in ("url", "element")), None)
            if witness is not None:
                notes.append(f"{clue.evidence} is a UTC time; {witness.evidence} gives the day before, the page's own day")
                evening = clue.evidence + " (a UTC time, the evening before in the page's own time)"
                clue = Clue(before, clue.kind, evening, clue.raw)
        out.append(clue)
    return out


def _settle_readings(clues: list[Clue], notes: list[str]) -> list[Clue]:
    """A date that reads two ways is settled when another source states one of the readings."""
    out: list[Clue] = []
    for clue in clues:
        if clue.other_reading is not None and clue.other_reading != clue.date:
            others = {c.date for c in clues if c is not clue}
            if clue.other_reading in others:
                notes.append(f"{clue.evidence} reads two ways; another source states {clue.other_reading:%d %B %Y}")
                clue = Clue(clue.other_reading, clue.kind, clue.evidence, clue.raw)
            elif clue.date in others:
                clue = Clue(clue.date, clue.kind, clue.evidence, clue.raw)
        elif clue.other_reading is not None:
            clue = Clue(clue.date, clue.kind, clue.evidence, clue.raw)
        out.append(clue)
    return out


def _vote(clues: list[Clue], notes: list[str]) -> PageDate:
    """The date most kinds of source state; a tie goes to the most trusted source."""
    kinds: dict[dt.date, set[str]] = {}
    for clue in clues:
        kinds.setdefault(clue.date, set()).add(FAMILY.get(clue.kind, clue.kind))

    def rank(clue: Clue) -> tuple[int, int]:
        return (-len(kinds[clue.date]), PRIORITY.index(clue.kind))

    best = min(clues, key=rank)
    backing = sorted({c.evidence for c in clues if c.date == best.date and c is not best})
    evidence = best.evidence + (" (also " + "; ".join(backing) + ")" if backing else "")
    for clue in clues:
        if clue.date != best.date and not any(clue.evidence in n for n in notes):
            notes.append(f"{clue.evidence} gives {clue.date.isoformat()}; {best.evidence} ({best.date.isoformat()}) was used")
    return PageDate(best.date, "given", evidence, tuple(notes))


# --- text: a clue, never a given date ---------------------------------------


def _text_clue(tree: HtmlElement, options: Extractor) -> Clue | None:
    """htmldate's searches of the page as text, in its order: timestamps, the image URL, dated
    phrases ("published on"), free-text segments, then the most frequent full date."""
    text = _free_text(tree, options)
    if text is not None:
        return text
    html = hd.serialize(tree)
    for search, label in (
        (lambda: hx.pattern_search(html, hd.TIMESTAMP_PATTERN, options), "a timestamp in the page's code"),
        (lambda: hx.img_search(tree, options), "the date in the URL of the page's preview image"),
        (lambda: hx.idiosyncrasies_search(html, options), "a date written after a word such as “published” in the page"),
    ):
        found = _as_date(search())
        if found:
            return Clue(found, "text", label)
    found = _as_date(hd.search_page(html, options))
    if found and (found.month, found.day) != (1, 1):  # 1 January: htmldate's guess from a year alone
        return Clue(found, "text", "the most frequent full date in the page")
    return None


def _free_text(tree: HtmlElement, options: Extractor) -> Clue | None:
    """The first date the page's text segments show, in reading order (htmldate's segments,
    htmldate's parser): the date a reader meets first, usually by the headline, rather than the
    oldest date anywhere on the page, which is more often a date the story mentions."""
    for segment in hx.FREE_TEXT_EXPRESSIONS(tree):
        segment = segment.strip()
        if hd.MIN_SEGMENT_LEN < len(segment) < hd.MAX_SEGMENT_LEN:
            found = _as_date(hx.try_date_expr_opts(segment, options))
            if found is not None:
                return Clue(found, "text", f"a date in the page's text (“{_WS.sub(' ', segment)[:60]}”)")
    return None
