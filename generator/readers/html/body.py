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
from lxml.html import HtmlElement

from generator.readers import ReaderOptions

LOGGER = logging.getLogger(__name__)
# trafilatura's output elements that are one paragraph each.
BLOCKS = frozenset({"p", "head", "item", "quote", "cell", "code"})
CONTAINERS = frozenset({"list", "table", "row", "div", "body", "doc", "main"})
_WS = re.compile(r"\s+")


def article_paragraphs(tree: HtmlElement, options: ReaderOptions, skip: tuple[str, ...]) -> list[str]:
    """Paragraphs of the main text; ``skip`` holds the headline and standfirst, shown on their own."""
    try:
        document = trafilatura.bare_extraction(
            tree, fast=True, with_metadata=False, include_comments=False, include_images=False,
            include_links=False, include_tables=True, deduplicate=False,
        )
    except (ValueError, TypeError, AttributeError) as exc:  # malformed trees trafilatura cannot walk
        LOGGER.debug("trafilatura failed: %s", exc)
        document = None
    body = getattr(document, "body", None) if document is not None else None
    blocks = list(_blocks(body)) if body is not None else []
    if not blocks:
        blocks = _baseline(tree)
    wanted = {s for s in skip if s}
    out: list[str] = []
    for text in blocks:
        if text in wanted or any(pattern.fullmatch(text) for pattern in options.furniture):
            continue
        if out and out[-1] == text:
            continue
        out.append(text)
    return out


def _blocks(element: HtmlElement) -> list[str]:
    out: list[str] = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag in BLOCKS and not any(isinstance(g.tag, str) and g.tag in BLOCKS for g in child.iterdescendants()):
            text = _flat(child)
            if text:
                out.append(text)
        elif child.tag in BLOCKS or child.tag in CONTAINERS:
            head = _flat_own(child)
            if head:
                out.append(head)
            out.extend(_blocks(child))
        else:
            text = _flat(child)
            if text:
                out.append(text)
    return out


def _flat(element: HtmlElement) -> str:
    return _WS.sub(" ", "".join(_texts(element))).strip()


def _texts(element: HtmlElement) -> list[str]:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(" " if child.tag == "lb" else "")
            parts.extend(_texts(child))
        parts.append(child.tail or "")
    return parts


def _flat_own(element: HtmlElement) -> str:
    """Text a container holds directly, beside its blocks (loose text)."""
    parts = [element.text or ""] + [child.tail or "" for child in element]
    return _WS.sub(" ", "".join(parts)).strip()


def _baseline(tree: HtmlElement) -> list[str]:
    """trafilatura's baseline (the <article> or the page's <p> elements) when extraction finds nothing."""
    try:
        body, _, _ = trafilatura.baseline(tree)
    except (ValueError, TypeError, AttributeError) as exc:
        LOGGER.debug("trafilatura baseline failed: %s", exc)
        return []
    return _blocks(body)
