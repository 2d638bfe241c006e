"""Saved HTML article pages: metadata by cascade, body text from the article container.

Metadata is read as a cascade, each step filling only what is still empty
(structured data -> meta tags -> visible text), in the manner of trafilatura.
The body is plain text only: page chrome (scripts, styles, navigation, forms,
frames, SVG, comments ...) is removed, and each block element of the article
container becomes one paragraph through ``get_text`` with whitespace
normalised. No tag ever survives as a tag; escaped text such as "&lt;script&gt;"
survives as the characters "<script>", which the renderer escapes.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from bs4.element import CData, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

from generator.models import Article, Dateline
from generator.readers import ReaderOptions, ReadError
from generator.readers.decoding import damage_notes

# Elements whose content is never article text.
DROP_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "nav", "aside", "footer", "header", "form",
    "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "canvas",
    "video", "audio", "picture", "img", "figure", "button", "select", "input", "textarea",
    "label", "dialog", "menu", "link", "meta", "base",
)
DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert", "menu", "menubar"})
# Tokens of class/id names (split on -, _ and spaces) that mark page chrome.
CHROME_TOKENS = frozenset({
    "nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "share", "sharing", "social", "related",
    "recommended", "newsletter", "subscribe", "subscription", "promo", "advert", "advertisement",
    "ad", "ads", "sponsored", "cookie", "cookies", "consent", "comments", "comment", "sidebar",
    "widget", "popup", "modal", "paywall", "tags", "byline", "caption", "header", "footer",
    "toolbar", "pagination",
})
# Whole class names (not parts: "overflow-hidden" is layout) that hide text from readers.
CHROME_NAMES = frozenset({"hidden", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text"})
# Tokens of class names that mark a visible standfirst ("news-header__lead").
STANDFIRST_TOKENS = frozenset({"standfirst", "lead", "intro", "summary", "dek", "deck", "subtitle", "subheadline", "strapline", "excerpt"})
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "blockquote", "li", "ul", "ol", "dl", "dt", "dd",
    "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "thead", "tbody", "tr", "td", "th",
    "caption", "address", "hr", "center", "details", "summary", "body", "html", "figcaption",
})
ARTICLE_TYPES = frozenset({
    "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BackgroundNewsArticle",
    "OpinionNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report", "ScholarlyArticle",
})
ORGANISATION_TYPES = frozenset({"Organization", "NewsMediaOrganization", "Corporation"})
# (attribute, value, readable origin) of meta tags giving the publication date, in order of trust.
DATE_META: tuple[tuple[str, str, str], ...] = (
    ("property", "article:published_time", "the article:published_time meta tag"),
    ("itemprop", "datePublished", "the itemprop=datePublished meta tag"),
    ("name", "pubdate", "the pubdate meta tag"),
    ("name", "publishdate", "the publishdate meta tag"),
    ("name", "dc.date.issued", "the DC.date.issued meta tag"),
    ("name", "dcterms.created", "the DCTERMS.created meta tag"),
    ("name", "date", "the date meta tag"),
)
STANDFIRST_MAX_WORDS = 80
# Blocks that are one paragraph each; their parent is the container that scores.
PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "li", "dd", "dt", "td", "th", "h2", "h3", "h4", "h5", "h6", "figcaption", "address"})
REAL_PARAGRAPH_WORDS = 10  # a page needs one block this long to hold an article
MAX_LINK_SHARE = 0.5  # blocks mostly made of link text are navigation
TITLE_SEPARATORS: tuple[str, ...] = (" | ", " - ", " \u2014 ", " \u2013 ", " :: ", " \u00b7 ")
YEAR_BOUNDS = (1800, 2100)

_WS = re.compile(r"\s+")
_TOKEN_SPLIT = re.compile(r"[\s_]+|-{1,2}")
_ISO_DATE = re.compile(r"^\s*(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s])")
_ENDS_WELL = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
_TAG_LIKE = re.compile(r"<[A-Za-z/!]")


@dataclass
class _Metadata:
    """What the page states about itself, with where each value came from."""

    headline: list[tuple[str, str]] = field(default_factory=list)
    standfirst: list[tuple[str, str]] = field(default_factory=list)
    dates: list[tuple[str, str]] = field(default_factory=list)  # (raw value, origin)
    agency: list[tuple[str, str]] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Block:
    text: str
    link_chars: int
    owner: Tag  # the block element the text sits in

    @property
    def tag(self) -> str:
        return str(self.owner.name)


def read(text: str, source: str, options: ReaderOptions) -> Article:
    """Turn a saved HTML page into an Article; ReadError when it holds no article text."""
    soup = BeautifulSoup(text, "lxml")
    meta = _metadata(soup)
    h1 = _visible_headline(soup)
    lead = _visible_standfirst(soup)
    _strip_chrome(soup)
    blocks = _body_blocks(soup)
    paragraphs = _paragraphs(blocks, h1, lead, options)
    if not any(len(p.split()) >= REAL_PARAGRAPH_WORDS for p in paragraphs):
        raise ReadError(
            f"no article text found: the page has no paragraph of {REAL_PARAGRAPH_WORDS} or more words "
            "outside links, menus and page furniture"
        )
    if h1:
        meta.headline.append((h1, "the page's <h1>"))
    title = _plain(soup.title.get_text()) if soup.title else ""
    if title:
        meta.headline.append((_strip_site_name(title, _site_name(meta), any_part=True), "the page <title>"))
    headline = _first(meta.headline)
    if not headline:
        raise ReadError("no headline: the page has no JSON-LD headline, og:title, <h1> or <title>")
    if lead:
        meta.standfirst.append((lead, "the page's lead paragraph"))
    standfirst = _standfirst(meta, paragraphs, headline)
    given, given_from = _given_date(meta)
    dateline = _dateline(paragraphs[0]) if paragraphs else None
    agency = _first(meta.agency) or (dateline.agency_as_written if dateline else None)
    if not _ENDS_WELL.search(text[-2000:]):
        meta.notes.append("the page stops before its closing </body> or </html> tag; it may be truncated")
    notes = tuple(meta.notes) + damage_notes("\n".join((headline, standfirst, *paragraphs)))
    return Article(
        source=source,
        format="html",
        headline=headline,
        standfirst=standfirst,
        paragraphs=tuple(paragraphs),
        dateline=dateline,
        agency_as_written=agency or None,
        given_date=given,
        given_date_from=given_from,
        reader_notes=notes,
        extra=tuple(sorted(meta.extra.items())),
    )


# --- metadata ---------------------------------------------------------------


def _metadata(soup: BeautifulSoup) -> _Metadata:
    meta = _Metadata()
    for obj in _jsonld_articles(soup, meta.notes):
        _from_jsonld(obj, meta)
    _from_meta_tags(soup, meta)
    for marked in soup.find_all("time", attrs={"datetime": True}):
        if marked.get("itemprop") == "datePublished" or marked.has_attr("pubdate"):
            meta.dates.append((str(marked["datetime"]), "the <time datetime> element marked as the publication date"))
    article = soup.find("article")
    container: Tag = article if isinstance(article, Tag) else soup
    time = container.find("time", attrs={"datetime": True})
    if isinstance(time, Tag):
        meta.dates.append((str(time["datetime"]), "the <time datetime> element of the page"))
    lang = soup.html.get("lang") if soup.html else None
    if isinstance(lang, str) and lang.strip():
        meta.extra.setdefault("language", lang.strip())
    return meta


def _jsonld_articles(soup: BeautifulSoup, notes: list[str]) -> Iterator[dict[str, object]]:
    for script in soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.IGNORECASE)}):
        raw = script.string or script.get_text()
        raw = re.sub(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$", "", raw.strip())
        try:
            data = json.loads(raw, strict=False)
        except json.JSONDecodeError as exc:
            notes.append(f"ignored a JSON-LD block that is not valid JSON ({exc.msg} at line {exc.lineno})")
            continue
        yield from _walk_articles(data)


def _walk_articles(data: object) -> Iterator[dict[str, object]]:
    """Every object typed as an article, however deeply the page nests it (@graph, mainEntity)."""
    if isinstance(data, list):
        for item in data:
            yield from _walk_articles(item)
    elif isinstance(data, dict):
        if _types(data) & ARTICLE_TYPES:
            yield data
        for value in data.values():
            if isinstance(value, (list, dict)):
                yield from _walk_articles(value)


def _from_jsonld(obj: dict[str, object], meta: _Metadata) -> None:
    _add(meta.headline, obj.get("headline"), "the JSON-LD headline")
    _add(meta.standfirst, obj.get("description"), "the JSON-LD description")
    _add(meta.dates, obj.get("datePublished"), "the JSON-LD datePublished of the page")
    people: list[str] = []
    for author in _as_list(obj.get("author")):
        name = _name_of(author)
        if not name:
            continue
        if isinstance(author, dict) and _types(author) & ORGANISATION_TYPES:
            _add(meta.agency, name, "the JSON-LD author (an organisation)")
        else:
            people.append(name)
    if people:
        meta.extra.setdefault("author", ", ".join(people))
    for publisher in _as_list(obj.get("publisher")):
        _add(meta.agency, _name_of(publisher), "the JSON-LD publisher")
    url = obj.get("url")
    if isinstance(url, str) and url.strip():
        meta.extra.setdefault("url", url.strip())


def _from_meta_tags(soup: BeautifulSoup, meta: _Metadata) -> None:
    values: dict[tuple[str, str], str] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if not isinstance(content, str):
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if isinstance(key, str):
                values.setdefault((attr, key.strip().lower()), content)
    og = {key[1]: value for key, value in values.items() if key[0] in ("property", "name")}
    site = og.get("og:site_name", "")
    if site.strip():
        meta.extra.setdefault("site_name", _plain(site))
    _add(meta.headline, _strip_site_name(_plain(og.get("og:title", "")), _plain(site)), "the og:title meta tag")
    _add(meta.headline, _strip_site_name(_plain(og.get("twitter:title", "")), _plain(site)), "the twitter:title meta tag")
    _add(meta.standfirst, og.get("og:description"), "the og:description meta tag")
    _add(meta.standfirst, og.get("description"), "the description meta tag")
    for attr, key, origin in DATE_META:
        _add(meta.dates, values.get((attr, key.lower())), origin)
    _add(meta.agency, site, "the og:site_name meta tag")
    section = og.get("article:section")
    if section and section.strip():
        meta.extra.setdefault("section", _plain(section))
    url = og.get("og:url")
    if url and url.strip():
        meta.extra.setdefault("url", url.strip())


def _add(bucket: list[tuple[str, str]], value: object, origin: str) -> None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if isinstance(value, str):
        value = _plain(value)
        if value:
            bucket.append((value, origin))


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value] if value is not None else []


def _types(obj: dict[str, object]) -> set[str]:
    types = obj.get("@type")
    return {types} if isinstance(types, str) else {t for t in types if isinstance(t, str)} if isinstance(types, list) else set()


def _name_of(value: object) -> str:
    if isinstance(value, str):
        return _plain(value)
    if isinstance(value, dict):
        name = value.get("name")
        return _plain(name) if isinstance(name, str) else ""
    return ""


def _plain(value: str) -> str:
    """Metadata as plain text: tags dropped, entities decoded, whitespace normalised."""
    if _TAG_LIKE.search(value):
        value = BeautifulSoup(value, "html.parser").get_text(" ")
    else:
        value = htmllib.unescape(value)
    return _WS.sub(" ", value).strip()


def _site_name(meta: _Metadata) -> str:
    return meta.extra.get("site_name", "")


def _strip_site_name(title: str, site: str, any_part: bool = False) -> str:
    """"Headline | Site" -> "Headline"; with any_part, cut at the first separator anyway."""
    for sep in TITLE_SEPARATORS:
        if site and title.lower().endswith((sep + site).lower()):
            return title[: -len(sep + site)].strip()
    if any_part:
        for sep in TITLE_SEPARATORS:
            head, found, _ = title.partition(sep)
            if found and len(head.split()) >= 3:
                return head.strip()
    return title


def _first(bucket: list[tuple[str, str]]) -> str:
    return bucket[0][0] if bucket else ""


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


def _given_date(meta: _Metadata) -> tuple[dt.date | None, str | None]:
    chosen: tuple[dt.date, str] | None = None
    for raw, origin in meta.dates:
        date = iso_date(raw)
        if date is None:
            meta.notes.append(f"ignored {origin} {raw!r}: not an ISO 8601 date")
        elif chosen is None:
            chosen = (date, origin)
        elif date != chosen[0]:
            meta.notes.append(f"{origin} gives {date.isoformat()}; {chosen[1]} ({chosen[0].isoformat()}) was used")
    return chosen if chosen else (None, None)


def _standfirst(meta: _Metadata, paragraphs: list[str], headline: str) -> str:
    """The first stated summary that is not just the headline or the start of the body."""
    first = _WS.sub(" ", paragraphs[0]).strip() if paragraphs else ""
    for value, origin in meta.standfirst:
        stem = value.rstrip(".\u2026 ").removesuffix("...").rstrip()
        if value == headline:
            continue
        if stem and first.startswith(stem):
            meta.notes.append(f"{origin} repeats the first paragraph, so it is not used as a standfirst")
            continue
        return value
    return ""


# --- visible headline and standfirst ----------------------------------------


def _visible_headline(soup: BeautifulSoup) -> str:
    """The <h1> of the article: inside <article>/<main>, else the one most like the <title>.

    Site logos are often an <h1> too; they sit in page headers or are all link text.
    """
    for scope in (soup.find("article"), soup.find("main")):
        if isinstance(scope, Tag):
            h1 = scope.find("h1")
            if isinstance(h1, Tag) and _text(h1):
                return _text(h1)
    candidates = [h for h in soup.find_all("h1") if _text(h)]
    plain = [h for h in candidates if not h.find_parent(["nav", "aside", "footer", "header"]) and not _all_link(h)]
    chosen = plain or candidates
    if not chosen:
        return ""
    title = set(_text(soup.title).lower().split()) if soup.title else set()

    def likeness(h1: Tag) -> tuple[int, int]:
        words = _text(h1).lower().split()
        return len(title.intersection(words)), len(words)

    return _text(max(chosen, key=likeness))


def _all_link(el: Tag) -> bool:
    links = "".join(_text(a) for a in el.find_all("a"))
    return bool(links) and len(links) >= len(_text(el).replace(" ", "")) * 0.9


def _visible_standfirst(soup: BeautifulSoup) -> str:
    scope = soup.find("article") or soup.find("main") or soup.body or soup
    for el in scope.find_all(True):
        if el.name in ("article", "main", "body", "html", "h1"):
            continue
        if _class_tokens(el) & STANDFIRST_TOKENS and not el.find_parent(["nav", "aside", "footer"]):
            text = _text(el)
            if 5 <= len(text.split()) <= STANDFIRST_MAX_WORDS:
                return text
    return ""


def _text(el: Tag) -> str:
    return _WS.sub(" ", el.get_text(" ")).strip()


def _class_tokens(el: Tag, split: bool = True) -> set[str]:
    names: list[str] = []
    classes = el.get("class")
    if isinstance(classes, list):
        names.extend(classes)
    elif isinstance(classes, str):
        names.append(classes)
    ident = el.get("id")
    if isinstance(ident, str):
        names.append(ident)
    tokens: set[str] = set()
    for name in names:
        lowered = name.lower()
        tokens.add(lowered)
        if split:
            tokens.update(t for t in _TOKEN_SPLIT.split(lowered) if t)
    return tokens


# --- chrome removal ---------------------------------------------------------


def _strip_chrome(soup: BeautifulSoup) -> None:
    for node in soup.find_all(string=lambda s: isinstance(s, (Comment, Doctype, Declaration, ProcessingInstruction, CData))):
        node.extract()
    for el in soup.find_all(DROP_TAGS):
        if not el.decomposed:
            el.decompose()
    total = _paragraph_chars(soup)
    for el in soup.find_all(True):
        if el.decomposed or el.name in ("html", "body", "article", "main"):
            continue
        if _is_chrome(el) and not _holds_article(el, total):
            el.decompose()


def _is_chrome(el: Tag) -> bool:
    role = el.get("role")
    if isinstance(role, str) and role.lower() in DROP_ROLES:
        return True
    if el.has_attr("hidden") or str(el.get("aria-hidden", "")).lower() == "true":
        return True
    style = el.get("style")
    if isinstance(style, str) and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style, re.IGNORECASE):
        return True
    return bool(_class_tokens(el, split=True) & CHROME_TOKENS or _class_tokens(el, split=False) & CHROME_NAMES)


def _holds_article(el: Tag, total: int) -> bool:
    """Never drop a wrapper that holds the article itself, whatever its class says."""
    if el.find(["article", "main", "h1"]):
        return True
    return total > 0 and _paragraph_chars(el) > total / 2


def _paragraph_chars(el: Tag) -> int:
    return sum(len(_text(p)) for p in el.find_all("p"))


# --- body -------------------------------------------------------------------


def _body_blocks(soup: BeautifulSoup) -> list[_Block]:
    """Blocks of the best container: the fullest <article>, else <main>, else the densest element."""
    articles = [a for a in soup.find_all("article") if not a.find_parent("article")]
    candidates: list[Tag] = sorted(articles, key=_paragraph_chars, reverse=True)
    candidates += soup.find_all("main") + soup.find_all(True, attrs={"role": "main"})
    root = soup.body or soup
    dense = _densest(root)
    if dense is not None:
        candidates.append(dense)
    for container in candidates:
        blocks = _blocks_of(container)
        if any(_is_real(b) for b in blocks):
            return blocks
    return _blocks_of(root)


def _densest(root: Tag) -> Tag | None:
    """The element holding the most paragraph text: its own loose text or its children's
    paragraphs count fully, its grandchildren's half (after readability)."""
    scores: dict[int, float] = {}
    elements: dict[int, Tag] = {}
    for block in _blocks_of(root):
        if len(block.text) < 25 or _is_linky(block):
            continue
        home = block.owner.parent if block.tag in PARAGRAPH_TAGS else block.owner
        for element, weight in ((home, 1.0), (home.parent if home else None, 0.5)):
            if isinstance(element, Tag):
                elements[id(element)] = element
                scores[id(element)] = scores.get(id(element), 0.0) + len(block.text) * weight
    if not scores:
        return None
    return elements[max(scores, key=lambda k: scores[k])]


def _blocks_of(container: Tag) -> list[_Block]:
    blocks: list[_Block] = []
    run: list[tuple[str, bool]] = []
    _walk(container, blocks, run, in_link=False, owner=container)
    _flush(run, blocks, container)
    return blocks


def _walk(el: Tag, blocks: list[_Block], run: list[tuple[str, bool]], in_link: bool, owner: Tag) -> None:
    for child in el.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # skip comments, CDATA and the like
                run.append((_WS.sub(" ", str(child)), in_link))
        elif isinstance(child, Tag):
            if child.name == "br":
                run.append(("\n", in_link))
            elif child.name in BLOCK_TAGS:
                _flush(run, blocks, owner)
                _walk(child, blocks, run, in_link, child)
                _flush(run, blocks, child)
            else:
                _walk(child, blocks, run, in_link or child.name == "a", owner)


def _flush(run: list[tuple[str, bool]], blocks: list[_Block], owner: Tag) -> None:
    """Close the current run of inline text; two <br> in a row split it into paragraphs."""
    if not run:
        return
    pieces: list[list[tuple[str, bool]]] = [[]]
    newlines = 0
    for text, link in run:
        if text == "\n":
            newlines += 1
            continue
        if newlines >= 2 and text.strip():
            pieces.append([])
        if newlines and text.strip():
            newlines = 0
            pieces[-1].append((" ", False))
        pieces[-1].append((text, link))
    run.clear()
    for piece in pieces:
        text = _WS.sub(" ", "".join(t for t, _ in piece)).strip()
        if text:
            link_chars = sum(len(t.strip()) for t, link in piece if link)
            blocks.append(_Block(text, link_chars, owner))


def _is_real(block: _Block) -> bool:
    return len(block.text.split()) >= REAL_PARAGRAPH_WORDS and not _is_linky(block)


def _is_linky(block: _Block) -> bool:
    return block.link_chars > MAX_LINK_SHARE * len(block.text)


def _paragraphs(blocks: list[_Block], h1: str, lead: str, options: ReaderOptions) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if block.tag == "h1" or block.text in (h1, lead) or _is_linky(block):
            continue
        if any(pattern.fullmatch(block.text) for pattern in options.furniture):
            continue
        out.append(block.text)
    return out


def _dateline(paragraph: str) -> Dateline | None:
    """The dateline of the first paragraph, once the shared dateline parser exists."""
    try:
        from generator.readers.dateline import parse_dateline
    except ImportError:
        return None
    return parse_dateline(paragraph)
