"""Safe text in Markdown and HTML: everything from an input is escaped, nothing is executed.

Article text is written as HTML blocks that Python-Markdown passes through
untouched, with every character of the source escaped, so no Markdown or HTML
in the source is ever reinterpreted. Where generated Markdown carries source
text (headings, lists, tables), ``md_escape`` neutralises it.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

# Characters Python-Markdown (with the extensions in mkdocs.yml) treats specially;
# those it accepts a backslash escape for are escaped so, the others become character
# references ("?" too: "??? note" at the start of a line opens a pymdownx.details block).
_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>&:~^=\"'$?"
_MD_ESCAPABLE = set("\\`*_{}[]()#+-.!|")
# each character's escape, as one table (what ``md_escape`` makes: ``text.translate(_MD_TABLE)``)
_MD_TABLE = {ord(ch): "\\" + ch if ch in _MD_ESCAPABLE else f"&#{ord(ch)};" for ch in _MD_SPECIAL}
_WHITESPACE = re.compile(r"\s+")
# The same as one ``replace`` a character, each only where it occurs (str.translate with a table of
# strings takes a Python lookup per character, several times slower): the backslash first, then the
# other backslash escapes ('#' before '&' makes one), then the references ('&' before the others).
_MD_STEPS = (
    [("\\", "\\\\"), ("#", "\\#")]
    + [(ch, "\\" + ch) for ch in _MD_SPECIAL if ch in _MD_ESCAPABLE and ch not in "\\#"]
    + [(ch, f"&#{ord(ch)};") for ch in "&" + _MD_SPECIAL.replace("&", "") if ch not in _MD_ESCAPABLE]
)


@lru_cache(maxsize=65536)  # headlines and names are escaped again on every page that lists them
def md_escape(text: str) -> str:
    """Source text inside generated Markdown: shown literally, never as markup."""
    text = _one_space(text)
    for ch, escaped in _MD_STEPS:
        if ch in text:
            text = text.replace(ch, escaped)
    return text


def _one_space(text: str) -> str:
    """``_WHITESPACE.sub(" ", text)``: each run of whitespace as one space (split and join in C)."""
    if "  " not in text and text.isprintable():  # whitespace other than a space is not printable: none to collapse
        return text
    words = text.split()
    if not words:
        return " " if text else ""
    joined = " ".join(words)
    if joined == text:
        return text
    return (" " if text[0].isspace() else "") + joined + (" " if text[-1].isspace() else "")


def h(text: str) -> str:
    """Source text inside generated HTML."""
    return html.escape(" ".join(text.split()) if "\n" in text else text, quote=True)


def attr(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=True)


def page_url(page: str) -> str:
    """docs-relative .md path -> site-relative URL (use_directory_urls is off, for offline reading)."""
    return page[: -len(".md")] + ".html" if page.endswith(".md") else page


@lru_cache(maxsize=65536)
def _relpath(target: str, from_dir: str) -> str:
    """posixpath.relpath for clean relative paths (what the renderers pass), without its abspath calls."""
    parts = target.split("/")
    base = [] if from_dir == "." else from_dir.split("/")
    if target.startswith("/") or not _CLEAN.isdisjoint(parts) or not _CLEAN.isdisjoint(base):
        return posixpath.relpath(target, from_dir)
    common = 0
    for a, b in zip(parts, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


_CLEAN = frozenset(("", ".", ".."))  # path parts posixpath.relpath would normalise first


@lru_cache(maxsize=16384)
def _folder(page: str) -> str:
    return posixpath.dirname(page) or "."


def rel_url(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative URL from one generated page to another, for links inside HTML blocks."""
    target = _relpath(page_url(to_page), _folder(from_page))
    return f"{target}#{anchor}" if anchor else target


def rel_md(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative .md link for generated Markdown, checked by `mkdocs build --strict`."""
    target = _relpath(to_page, _folder(from_page))
    return f"{target}#{anchor}" if anchor else target


class Span(NamedTuple):
    """Markup to wrap around text[start:end]; spans nest, crossing ones are dropped (a tuple: an article
    page makes one for each name, quote and note it marks)."""

    start: int
    end: int
    open: str
    close: str
    priority: int = 0  # higher wins when two spans cross


def annotate(text: str, spans: Iterable[Span]) -> str:
    """Escape ``text`` and insert the spans' markup; the visible text stays exactly the source.

    At one place, inner spans (started later, or chosen later) close first, then outer (longer)
    spans open first: each tag is one event, and the events are sorted as tuples, in one call.
    """
    spans = list(spans)
    escape = _escaped if "&" in text or "<" in text or ">" in text else None
    if not spans:  # most paragraphs: nothing to mark
        return escape(text) if escape else text
    events: list[tuple[int, int, int, int, str]] = []
    for index, span in enumerate(_chosen(spans, len(text))):
        events.append((span.end, 0, -span.start, -index, span.close))
        events.append((span.start, 1, -span.end, index, span.open))
    events.sort()
    out: list[str] = []
    cursor = 0
    for pos, _, _, _, tag in events:
        if pos > cursor:
            out.append(escape(text[cursor:pos]) if escape else text[cursor:pos])
            cursor = pos
        out.append(tag)
    out.append(escape(text[cursor:]) if escape else text[cursor:])
    return "".join(out)


def _escaped(text: str) -> str:
    """``html.escape(text, quote=False)``."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chosen(spans: list[Span], length: int) -> list[Span]:
    """The spans inside the text, the higher priority (then the earlier, then the longer) first, without
    those that cross one chosen before."""
    chosen: list[Span] = []
    for span in sorted(spans, key=_rank) if len(spans) > 1 else spans:
        start, end = span.start, span.end
        if not (0 <= start < end <= length):
            continue
        if chosen and any(start < o.start < end < o.end or o.start < start < o.end < end for o in chosen):
            continue
        chosen.append(span)
    return chosen


def _rank(span: Span) -> tuple[int, int, int]:
    return (-span.priority, span.start, -span.end)
