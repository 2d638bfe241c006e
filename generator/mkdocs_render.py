"""Page rendering with one Markdown converter per build, reset between pages.

MkDocs 1.6 builds a new ``markdown.Markdown`` for every page: loading the extensions and
building the parser took about a quarter of a millisecond a page, a tenth of the
Markdown time of a dossier's small generated pages. Python-Markdown supports reusing
a converter (``reset()`` between documents); this module renders a page the way
MkDocs 1.6.1's ``Page.render`` does, with the per-page processors MkDocs adds
registered afresh on the shared converter. The dossier plugin installs it on each page
(``on_pre_page``); with another MkDocs version the page renders as MkDocs does.
"""

from __future__ import annotations

import logging
from typing import Any

import markdown
import mkdocs
from mkdocs.structure import pages

_USED = ("_RawHTMLPreprocessor", "_ExtractAnchorsTreeprocessor", "_RelativePathTreeprocessor", "_ExtractTitleTreeprocessor")
SUPPORTED = mkdocs.__version__.startswith("1.6.") and all(hasattr(pages, name) for name in (*_USED, "get_toc", "log"))


class Converters:
    """The build's Markdown converter, made again when the extensions or their settings change."""

    def __init__(self) -> None:
        self._key: tuple[int, str, str] | None = None
        self._md: markdown.Markdown | None = None

    def get(self, config: Any) -> markdown.Markdown:
        extensions, configs = config["markdown_extensions"], config["mdx_configs"] or {}
        key = (id(config), repr(extensions), repr(configs))
        if self._md is None or key != self._key:
            self._md = markdown.Markdown(extensions=extensions, extension_configs=configs)
            self._key = key
        else:
            self._md.reset()
        return self._md


def render(page: Any, config: Any, files: Any, converters: Converters) -> None:
    """MkDocs 1.6.1's ``Page.render`` on the shared converter: same content, toc, title and anchors."""
    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    md = converters.get(config)
    raw_html_ext = pages._RawHTMLPreprocessor()
    raw_html_ext._register(md)
    extract_anchors_ext = pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    extract_anchors_ext._register(md)
    relative_path_ext = pages._RelativePathTreeprocessor(page.file, files, config)
    relative_path_ext._register(md)
    extract_title_ext = pages._ExtractTitleTreeprocessor()
    extract_title_ext._register(md)

    page.content = md.convert(page.markdown)
    page.toc = pages.get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = extract_title_ext.title
    page.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
    if pages.log.getEffectiveLevel() > logging.DEBUG:  # as MkDocs: links to anchors kept unless debugging
        page.links_to_anchors = relative_path_ext.links_to_anchors


def install(page: Any, converters: Converters) -> None:
    """Make ``page.render`` use the shared converter (nothing changes on an unsupported MkDocs)."""
    if SUPPORTED and isinstance(page, pages.Page) and type(page).render is pages.Page.render:
        page.render = lambda config, files: render(page, config, files, converters)  # type: ignore[method-assign]
