"""A Python-Markdown extension: the renderers' finished HTML blocks pass through unparsed.

Python-Markdown reads every raw HTML block with a pure-Python HTML parser, and MkDocs
reads the page once more to collect its anchors: for a dossier's entity pages and
articles, mostly finished HTML, that parsing was most of the Markdown time. The
renderers put each finished block between two comment lines (``BEGIN`` / ``END``);
this extension stores what lies between them as it is, once, and hands the ``id``
attributes found in them to MkDocs, which still checks the links into them.

Without the extension (another engine reading mkdocs.yml without it) the comments are
HTML comments and the blocks are read as ordinary raw HTML: the page is the same.
Only blocks between markers are trusted, and only the renderers write markers: a
marker inside a hand-written page is read the same way, so it must close its block.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

BEGIN = "<!-- dossier:html -->"
END = "<!-- /dossier:html -->"
_ID = re.compile(r'\sid="([^"]*)"')
_MKDOCS_ANCHORS = "mkdocs_raw_html"  # MkDocs' preprocessor collecting the ids of raw HTML


def wrap(block: list[str]) -> list[str]:
    """Lines of one finished HTML block, marked for the extension."""
    return [BEGIN, *block, END]


class _Store(Preprocessor):
    """Before any HTML parsing: each marked block becomes a placeholder for its stored HTML."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.ids: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        self.ids = set()
        if BEGIN not in lines:
            return lines
        out: list[str] = []
        i = 0
        while i < len(lines):
            if lines[i] != BEGIN or END not in lines[i + 1 :]:
                out.append(lines[i])
                i += 1
                continue
            end = lines.index(END, i + 1)
            block = "\n".join(lines[i + 1 : end])
            self.ids.update(_ID.findall(block))
            out += ["", self.md.htmlStash.store(block), ""]
            i = end + 1
        return out


class _Anchors(Preprocessor):
    """After MkDocs has read the page's raw HTML: add the ids of the stored blocks to its anchors."""

    def __init__(self, md: Markdown, store: _Store) -> None:
        super().__init__(md)
        self.store = store

    def run(self, lines: list[str]) -> list[str]:
        if _MKDOCS_ANCHORS in self.md.preprocessors:
            found = getattr(self.md.preprocessors[_MKDOCS_ANCHORS], "present_anchor_ids", None)
            if isinstance(found, set):
                found.update(self.store.ids)
        return lines


class PassthroughExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        store = _Store(md)
        md.preprocessors.register(store, "dossier_passthrough", 30)  # before MkDocs' (21) and html_block (20)
        md.preprocessors.register(_Anchors(md, store), "dossier_anchors", 20.5)


def makeExtension(**kwargs: Any) -> PassthroughExtension:  # noqa: N802 - Python-Markdown's entry point
    return PassthroughExtension(**kwargs)
