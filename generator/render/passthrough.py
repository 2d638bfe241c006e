"""A Python-Markdown extension: the renderers' finished HTML blocks pass through unparsed.

Python-Markdown reads every raw HTML block with a pure-Python HTML parser, and MkDocs
reads the page once more to collect its anchors: for a dossier's entity pages and
articles, mostly finished HTML, that parsing was most of the Markdown time. The
renderers put each finished block between two comment lines (``BEGIN`` / ``END``);
this extension stores what lies between them as it is, once, and hands the ``id``
attributes found in them to MkDocs, which still checks the links into them.

A stored block stands in the page as a placeholder paragraph of its own, which no
other block processor sees and the inline patterns skip; after Python-Markdown has
restored its own raw HTML, the block replaces its placeholder exactly as
Python-Markdown's raw HTML postprocessor would (unwrapped from the paragraph when it
opens with a block-level tag). Python-Markdown's postprocessor re-scans every raw block
it restores for placeholders: finished blocks, the bulk of a page, skip that too.

Without the extension (another engine reading mkdocs.yml without it) the comments are
HTML comments and the blocks are read as ordinary raw HTML: the page is the same.
Only blocks between markers are trusted, and only the renderers write markers: a
marker inside a hand-written page is read the same way, so it must close its block.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor, RawHtmlPostprocessor
from markdown.preprocessors import Preprocessor
from markdown.util import ETX, STX, AtomicString

BEGIN = "<!-- dossier:html -->"
END = "<!-- /dossier:html -->"
_ID = re.compile(r'\sid="([^"]*)"')
_MKDOCS_ANCHORS = "mkdocs_raw_html"  # MkDocs' preprocessor collecting the ids of raw HTML
_PLACEHOLDER = STX + "dossier-html:%d" + ETX  # STX/ETX never reach a page: normalize_whitespace removes them
_PLACEHOLDER_LINE = re.compile(STX + r"dossier-html:[0-9]+" + ETX)
_RESTORE = re.compile(f"<p>{STX}dossier-html:([0-9]+){ETX}</p>|{STX}dossier-html:([0-9]+){ETX}")
_BLOCK_TAG = RawHtmlPostprocessor.BLOCK_LEVEL_REGEX


def wrap(block: list[str]) -> list[str]:
    """Lines of one finished HTML block, marked for the extension."""
    return [BEGIN, *block, END]


class _Store(Preprocessor):
    """Before any HTML parsing: each marked block becomes a placeholder for its stored HTML."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.ids: set[str] = set()
        self.blocks: list[str] = []

    def run(self, lines: list[str]) -> list[str]:
        self.ids = set()
        self.blocks = []
        if BEGIN not in lines:
            return lines
        out: list[str] = []
        i = 0
        while i < len(lines):
            if lines[i] != BEGIN:
                out.append(lines[i])
                i += 1
                continue
            try:
                end = lines.index(END, i + 1)
            except ValueError:  # an unclosed marker: the rest is ordinary Markdown
                return out + lines[i:]
            block = "\n".join(lines[i + 1 : end])
            self.ids.update(_ID.findall(block))
            out += ["", self._placeholder(block), ""]
            i = end + 1
        return out

    def _placeholder(self, block: str) -> str:
        if STX in block:  # holds Python-Markdown's own placeholders (another preprocessor's): its stash restores them
            return self.md.htmlStash.store(block)
        self.blocks.append(block)
        return _PLACEHOLDER % (len(self.blocks) - 1)


class _Paragraph(BlockProcessor):
    """A placeholder's paragraph, as Python-Markdown's paragraph processor makes it, kept from the inline patterns."""

    def test(self, parent: etree.Element, block: str) -> bool:
        return _PLACEHOLDER_LINE.fullmatch(block) is not None and not self.parser.state.isstate("list")

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        etree.SubElement(parent, "p").text = AtomicString(blocks.pop(0))


class _Restore(Postprocessor):
    """After Python-Markdown's raw HTML is back: each placeholder becomes its block, as Python-Markdown's own would."""

    def __init__(self, md: Markdown, store: _Store) -> None:
        super().__init__(md)
        self.store = store

    def run(self, text: str) -> str:
        if not self.store.blocks or STX not in text:
            return text
        return _RESTORE.sub(self._substitute, text)

    def _substitute(self, match: re.Match[str]) -> str:
        wrapped = match.group(1) is not None
        key = int(match.group(1) if wrapped else match.group(2))
        if key >= len(self.store.blocks):
            return match.group(0)
        html = self.store.blocks[key]
        return f"<p>{html}</p>" if wrapped and not self._block_level(html) else html

    def _block_level(self, html: str) -> bool:
        """Python-Markdown's RawHtmlPostprocessor.isblocklevel."""
        match = _BLOCK_TAG.match(html)
        if match is None:
            return False
        return match.group(1)[0] in ("!", "?", "@", "%") or bool(self.md.is_block_level(match.group(1)))


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
        md.parser.blockprocessors.register(_Paragraph(md.parser), "dossier_passthrough", 110)  # before every other
        md.postprocessors.register(_Restore(md, store), "dossier_passthrough", 25)  # after raw_html (30)


def makeExtension(**kwargs: Any) -> PassthroughExtension:  # noqa: N802 - Python-Markdown's entry point
    return PassthroughExtension(**kwargs)
