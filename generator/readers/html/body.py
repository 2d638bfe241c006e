"""The article's paragraphs from a saved page, on trafilatura.

trafilatura (fast mode, no comments, no images) finds the main text and
leaves menus, teasers, cookie notes and comment threads out; each of its
blocks (paragraph, heading, list item, quotation, table cell) becomes one
paragraph, its text verbatim with whitespace normalised. Only text leaves
this module: the tree trafilatura returns is read with ``itertext``, so no
tag or attribute of the page can reach a generated page.
"""

from __future__ import annotations

import logging
import re

import trafilatura
from lxml.etree import XPath, strip_elements
from lxml.html import HtmlElement
from trafilatura.settings import use_config

from generator.config import ReaderOptions
from generator.language.regexes import any_fullmatch, longest_first
from generator.readers.html.extract import extract_body

LOGGER = logging.getLogger(__name__)
# trafilatura's output elements that are one paragraph each.
BLOCKS = frozenset({"p", "head", "item", "quote", "cell", "code"})
CONTAINERS = frozenset({"list", "table", "row", "div", "body", "doc", "main"})
# Elements trafilatura deletes with all they hold (its MANUALLY_CLEANED), removed before it runs;
# less those it treats specially (forms, figures, <math>, <time>, <head>) and <aside> and
# <noscript>, which its fall-back to the whole page reads.
FURNITURE = (
    "embed", "fencedframe", "footer", "iframe", "menu", "object", "applet", "audio", "canvas",
    "map", "picture", "svg", "video", "area", "blink", "button", "datalist", "dialog", "frame", "frameset",
    "fieldset", "link", "input", "label", "legend", "marquee", "menuitem", "nav", "noindex",
    "optgroup", "option", "output", "param", "progress", "rp", "rt", "rtc", "select", "source", "style",
    "track", "textarea", "use",
)
EMPTY = ("meta", "img")  # empty elements trafilatura unwraps (images are not read)
MAX_LINK_SHARE = 0.5  # blocks mostly made of link text are navigation
_STRING = XPath("string()", smart_strings=False)  # an element's text_content(), as a plain string
_BREAKS = re.compile(r"[ \t]*\n[ \t]*\n\s*")  # two <br> in a row end a paragraph
_HIDING = XPath("//@hidden | //@aria-hidden | //@style")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Short articles are articles too: no fall-back to the whole page below trafilatura's 250 characters.
CONFIG = use_config()
CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")


def article_paragraphs(tree: HtmlElement, options: ReaderOptions, skip: tuple[str, ...]) -> tuple[list[str], bool]:
    """Paragraphs of the main text; ``skip`` holds the headline and standfirst, shown on their own.

    Strips ``tree`` of page furniture first (call it last). The flag says whether trafilatura found
    a main text that is not mostly links (False: only a dump of the page, or link text, which holds
    an article only if the page says it is one).
    """
    anchors = longest_first({" ".join(_STRING(a).split()) for a in tree.iter("a")} - {""})
    _strip_furniture(tree)
    try:
        body = extract_body(tree, CONFIG)
    except (ValueError, TypeError, AttributeError) as exc:  # malformed trees trafilatura cannot walk
        LOGGER.debug("trafilatura failed: %s", exc)
        body = None
    blocks = list(_blocks(body)) if body is not None else []
    extracted = bool(blocks)
    if not blocks:
        blocks = _baseline(tree)
    wanted = {s for s in skip if s}
    kept: list[str] = []
    every: list[str] = []  # with the blocks made mostly of link text: used only when nothing else is left
    for text in blocks:
        if text in wanted or any_fullmatch(options.furniture, text):  # the patterns tried as one
            continue
        every.append(text)
        if _link_chars(text, anchors) <= MAX_LINK_SHARE * len(text):
            kept.append(text)
    return (kept, extracted) if kept else (every, False)


def _link_chars(text: str, anchors: list[str]) -> int:
    """Characters of the block that are the text of the page's links (longest links first)."""
    rest, count = text, 0
    for anchor in anchors:
        if anchor in rest:
            count += len(anchor) * rest.count(anchor)
            rest = rest.replace(anchor, " ")
            if count > MAX_LINK_SHARE * len(text):
                break
    return count


def _strip_furniture(tree: HtmlElement) -> None:
    """Remove what trafilatura would discard anyway, in one pass in C: its every later pass
    (pruning, copying, scoring) then walks a smaller tree. JSON-LD stays (trafilatura reads it)."""
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            script.tag = "dossier-drop"
    strip_elements(tree, "dossier-drop", *FURNITURE, *EMPTY, with_tail=False)


def drop_hidden(tree: HtmlElement) -> None:
    """Remove elements the page hides (``hidden``, ``aria-hidden``, ``display: none``).

    Read from the attributes themselves, in page order: only elements that carry one are touched,
    and each distinct style is tested once."""
    styles: dict[str, bool] = {}
    doomed: dict[HtmlElement, None] = {}
    for value in _HIDING(tree):
        name = value.attrname
        if name == "style":
            hides = styles.get(value)
            if hides is None:
                hides = styles[value] = _HIDDEN_STYLE.search(value) is not None
        else:
            hides = name == "hidden" or value.lower() == "true"
        element = value.getparent()
        if hides and element.tag not in ("html", "body"):
            doomed[element] = None
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _blocks(element: HtmlElement) -> list[str]:
    """The text of each block, in order."""
    out: list[str] = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag in CONTAINERS or (child.tag in BLOCKS and _has_blocks(child)):
            out.extend(_pieces(_own_text(child)))
            out.extend(_blocks(child))
        else:
            parts: list[str] = []
            _texts(child, parts)
            out.extend(_pieces("".join(parts)))
    return out


def _has_blocks(element: HtmlElement) -> bool:
    return next(element.iterdescendants(*BLOCKS), None) is not None


def _pieces(text: str) -> list[str]:
    r"""The paragraphs of a block, whitespace collapsed (``str.split`` splits on what ``\s`` finds)."""
    if "\n" not in text:  # no break to split at
        flat = " ".join(text.split())
        return [flat] if flat else []
    return [flat for flat in (" ".join(piece.split()) for piece in _BREAKS.split(text)) if flat]


def _texts(element: HtmlElement, parts: list[str]) -> None:
    parts.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str):
            if child.tag == "lb":
                parts.append("\n")
            _texts(child, parts)
        parts.append(child.tail or "")


def _own_text(element: HtmlElement) -> str:
    """Text a container holds directly, beside its blocks (loose text)."""
    return (element.text or "") + "".join(child.tail or "" for child in element)


def _baseline(tree: HtmlElement) -> list[str]:
    """trafilatura's baseline (the <article> or the page's <p> elements) when extraction finds nothing."""
    try:
        body, _, _ = trafilatura.baseline(tree)
    except (ValueError, TypeError, AttributeError) as exc:
        LOGGER.debug("trafilatura baseline failed: %s", exc)
        return []
    return _blocks(body)
