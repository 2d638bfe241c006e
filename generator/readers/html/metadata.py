"""What a saved page states about itself: headline, summary, publisher, author, URL.

A readable cascade in the manner of trafilatura's ``metadata.py``: structured
data (JSON-LD) first, then meta tags, then what the page shows (<h1>,
<title>); each source is kept with its origin so the reader can say where a
value came from. All values are plain text: tags dropped, entities decoded.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import html as lxml_html
from lxml.etree import ParserError
from lxml.html import HtmlElement

from generator.language.regexes import longest_first

ARTICLE_TYPES = frozenset({
    "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BackgroundNewsArticle",
    "OpinionNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report", "ScholarlyArticle",
    "SocialMediaPosting", "TechArticle", "AdvertiserContentArticle", "SatiricalArticle",
})
ORGANISATION_TYPES = frozenset({"Organization", "NewsMediaOrganization", "Corporation"})
TITLE_SEPARATORS: tuple[str, ...] = (
    " | ", " - ", " \u2014 ", " \u2013 ", " :: ", " \u00b7 ", " \u00bb ", " / ", " \u2022 ", "\uff5c",
)
STANDFIRST_TOKENS = frozenset(
    {"standfirst", "lead", "intro", "summary", "dek", "deck", "subtitle", "subheadline", "strapline", "excerpt"}
)
STANDFIRST_MAX_WORDS = 80
CHROME_ANCESTORS = frozenset({"nav", "aside", "footer", "header"})

_WS = re.compile(r"\s+")
_TAG_LIKE = re.compile(r"<[A-Za-z/!]")
_TOKEN_SPLIT = re.compile(r"[\s_]+|-{1,2}")


def token_hint(words: frozenset[str]) -> re.Pattern[str]:
    """A quick test on an element's "class id" text, true whenever ``class_tokens`` could hold
    one of ``words`` (each token is bounded by whitespace, "_", "-" or an end)."""
    alternatives = "|".join(re.escape(w) for w in longest_first(words))
    return re.compile(rf"(?<![^\s_-])(?:{alternatives})(?![^\s_-])", re.IGNORECASE)


_STANDFIRST_HINT = token_hint(STANDFIRST_TOKENS)
_JSON_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")


@dataclass
class Metadata:
    """Values the page states, each with where it came from, in order of trust."""

    headline: list[tuple[str, str]] = field(default_factory=list)
    standfirst: list[tuple[str, str]] = field(default_factory=list)
    agency: list[tuple[str, str]] = field(default_factory=list)
    jsonld_dates: list[tuple[str, str]] = field(default_factory=list)  # (raw value, origin)
    extra: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    is_article: bool = False  # typed as an article by JSON-LD or og:type, or dated by article:* tags
    h1: str = ""  # the article's visible <h1>, shown on its own, so left out of the body

    @property
    def site_name(self) -> str:
        return self.extra.get("site_name", "")


def page_metadata(tree: HtmlElement) -> Metadata:
    """Structured data, then meta tags, then the visible <h1> and <title>."""
    meta = Metadata()
    for obj in _jsonld_articles(tree, meta.notes):
        meta.is_article = True
        _from_jsonld(obj, meta)
    _from_meta_tags(tree, meta)
    meta.h1 = visible_headline(tree)
    if meta.h1:
        meta.headline.append((meta.h1, "the page's <h1>"))
    title = tree.find(".//title")
    text = plain(title.text_content()) if title is not None else ""
    if text:
        meta.headline.append((strip_site_name(text, meta.site_name, any_part=True), "the page <title>"))
    meta.headline = _without_site_names(meta.headline, _site_names(tree, meta, text))
    lang = tree.get("lang")
    if lang and lang.strip():
        meta.extra.setdefault("language", lang.strip())
    return meta


def _site_names(tree: HtmlElement, meta: Metadata, title: str) -> set[str]:
    """What the page calls itself: og:site_name, application-name, publishers, the <title>'s last part."""
    names = {meta.site_name, *(name for name, _ in meta.agency)}
    for el in tree.iter("meta"):
        if (el.get("name") or "").lower() in ("application-name", "apple-mobile-web-app-title", "publisher"):
            names.add(plain(el.get("content") or ""))
    for sep in TITLE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if found and 0 < len(tail.split()) <= 3 and len(tail) < len(head):
            names.add(tail.strip())
    return {n for n in names if n}


def _without_site_names(bucket: list[tuple[str, str]], names: set[str]) -> list[tuple[str, str]]:
    """Headlines with the site's name cut off; a headline that is only the site's name is no headline."""
    folded = {n.casefold() for n in names}
    kept = []
    for value, origin in bucket:
        for name in longest_first(names):
            value = strip_site_name(value, name)
        if value and value.casefold() not in folded:
            kept.append((value, origin))
    return kept or bucket


def first(bucket: list[tuple[str, str]]) -> str:
    return bucket[0][0] if bucket else ""


# --- JSON-LD ----------------------------------------------------------------


def _jsonld_articles(tree: HtmlElement, notes: list[str]) -> Iterator[dict[str, object]]:
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        raw = _JSON_WRAPPER.sub("", (script.text or "").strip())
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except json.JSONDecodeError as exc:
            notes.append(f"ignored a JSON-LD block that is not valid JSON ({exc.msg} at line {exc.lineno})")
            continue
        yield from _walk_articles(data)


def _walk_articles(data: object, depth: int = 0) -> Iterator[dict[str, object]]:
    """Every object typed as an article, however deeply the page nests it (@graph, mainEntity)."""
    if depth > 20:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_articles(item, depth + 1)
    elif isinstance(data, dict):
        if types_of(data) & ARTICLE_TYPES:
            yield data
        for value in data.values():
            if isinstance(value, (list, dict)):
                yield from _walk_articles(value, depth + 1)


def _from_jsonld(obj: dict[str, object], meta: Metadata) -> None:
    _add(meta.headline, obj.get("headline"), "the JSON-LD headline")
    _add(meta.standfirst, obj.get("description"), "the JSON-LD description")
    published = obj.get("datePublished")
    if isinstance(published, str) and published.strip():
        meta.jsonld_dates.append((published.strip(), "the JSON-LD datePublished of the page"))
    people: list[str] = []
    for author in _as_list(obj.get("author")):
        name = _name_of(author)
        if not name:
            continue
        if isinstance(author, dict) and types_of(author) & ORGANISATION_TYPES:
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


def types_of(obj: dict[str, object]) -> set[str]:
    types = obj.get("@type")
    if isinstance(types, str):
        return {types}
    return {t for t in types if isinstance(t, str)} if isinstance(types, list) else set()


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value] if value is not None else []


def _name_of(value: object) -> str:
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, dict):
        name = value.get("name")
        return plain(name) if isinstance(name, str) else ""
    return ""


# --- meta tags --------------------------------------------------------------


def meta_values(tree: HtmlElement) -> dict[str, str]:
    """Meta tags by lower-cased name, property or itemprop; the first of each wins."""
    values: dict[str, str] = {}
    for tag in tree.iter("meta"):
        content = tag.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if key:
                values.setdefault(key.strip().lower(), content)
    return values


def _from_meta_tags(tree: HtmlElement, meta: Metadata) -> None:
    values = meta_values(tree)
    site = plain(values.get("og:site_name", ""))
    if site:
        meta.extra.setdefault("site_name", site)
    _add(meta.headline, strip_site_name(plain(values.get("og:title", "")), site), "the og:title meta tag")
    _add(meta.headline, strip_site_name(plain(values.get("twitter:title", "")), site), "the twitter:title meta tag")
    _add(meta.standfirst, values.get("og:description"), "the og:description meta tag")
    _add(meta.standfirst, values.get("description"), "the description meta tag")
    _add(meta.agency, site, "the og:site_name meta tag")
    if values.get("og:type", "").strip().lower() == "article" or "article:published_time" in values:
        meta.is_article = True
    section = plain(values.get("article:section", ""))
    if section:
        meta.extra.setdefault("section", section)
    url = values.get("og:url", "").strip()
    if url:
        meta.extra.setdefault("url", url)
    if "og:title" in values:
        meta.is_article = meta.is_article or bool(meta.headline)


def _add(bucket: list[tuple[str, str]], value: object, origin: str) -> None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if isinstance(value, str):
        value = plain(value)
        if value:
            bucket.append((value, origin))


# --- plain text -------------------------------------------------------------


def plain(value: str) -> str:
    """Metadata as plain text: tags dropped, entities decoded, whitespace normalised."""
    if _TAG_LIKE.search(value):
        try:
            value = lxml_html.fragment_fromstring(value, create_parent="div").text_content()
        except (ParserError, ValueError):
            value = re.sub(r"<[^>]*>?", " ", value)
    else:
        value = htmllib.unescape(value)
    return _WS.sub(" ", value).strip()


def text_of(el: HtmlElement) -> str:
    return _WS.sub(" ", el.text_content()).strip()


def strip_site_name(title: str, site: str, any_part: bool = False) -> str:
    """"Headline | Site" -> "Headline"; with any_part, cut at the last separator when the head is long enough."""
    for sep in TITLE_SEPARATORS:
        if site and title.lower().endswith((sep + site).lower()):
            return title[: -len(sep + site)].strip()
        if site and title.lower().startswith((site + sep).lower()):
            return title[len(site + sep):].strip()
    while any_part:
        cuts = [title.rpartition(sep) for sep in TITLE_SEPARATORS if sep in title]
        head = max((h for h, _, tail in cuts if len(tail.split()) <= 4), key=len, default="")
        if len(head.split()) < 3:
            break
        title = head.strip()
    return title


# --- visible headline and standfirst ----------------------------------------


def visible_headline(tree: HtmlElement) -> str:
    """The <h1> of the article: inside <article>/<main>, else the one most like the <title>.

    Site logos are often an <h1> too; they sit in page headers or are all link text.
    """
    for scope in (tree.find(".//article"), tree.find(".//main")):
        if scope is not None:
            h1 = next((h for h in scope.iter("h1") if text_of(h)), None)
            if h1 is not None:
                return text_of(h1)
    candidates = [h for h in tree.iter("h1") if text_of(h)]
    plain_ones = [h for h in candidates if not _in_chrome(h) and not _all_link(h)]
    chosen = plain_ones or candidates
    if not chosen:
        return ""
    title_el = tree.find(".//title")
    title = set(text_of(title_el).lower().split()) if title_el is not None else set()

    def likeness(h1: HtmlElement) -> tuple[int, int]:
        words = text_of(h1).lower().split()
        return len(title.intersection(words)), len(words)

    return text_of(max(chosen, key=likeness))


def _in_chrome(el: HtmlElement) -> bool:
    return any(parent.tag in CHROME_ANCESTORS for parent in el.iterancestors())


def _all_link(el: HtmlElement) -> bool:
    links = "".join(text_of(a) for a in el.iter("a"))
    return bool(links) and len(links) >= len(text_of(el).replace(" ", "")) * 0.9


def visible_standfirst(tree: HtmlElement) -> str:
    """A block whose class names it the lead ("news-header__lead"), of a standfirst's length."""
    scope = tree.find(".//article")
    if scope is None:
        scope = tree.find(".//main")
    if scope is None:
        scope = tree
    for el in scope.xpath("descendant-or-self::*[@class or @id]"):
        if el.tag in ("article", "main", "body", "html", "h1", "script", "style"):
            continue
        if not _STANDFIRST_HINT.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
            continue
        if class_tokens(el) & STANDFIRST_TOKENS and not any(p.tag in ("nav", "aside", "footer") for p in el.iterancestors()):
            text = text_of(el)
            if 5 <= len(text.split()) <= STANDFIRST_MAX_WORDS:
                return text
    return ""


def class_tokens(el: HtmlElement) -> set[str]:
    tokens: set[str] = set()
    for name in ((el.get("class") or "").split() + [el.get("id") or ""]):
        lowered = name.lower()
        if lowered:
            tokens.add(lowered)
            tokens.update(t for t in _TOKEN_SPLIT.split(lowered) if t)
    return tokens
