"""The theme's tabs and navigation, rendered once per folder for the pages outside the nav.

Material renders the tabs and the sidebar navigation into every page. On a page that is
not in the nav (articles, entity pages, listings: nearly all of a dossier) nothing in
them is active and every link is relative to the page's folder, so their HTML is the
same for every such page of a folder. The theme override (site_config/overrides/main.html)
asks this cache through ``{% call dossier_chrome(name, page) %}``; the MkDocs plugin puts a
fresh one in the template globals before each build. Pages in the nav render as usual.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from typing import Any

import jinja2
import jinja2.bccache


class ChromeCache:
    """``{% call dossier_chrome("nav", page) %}…{% endcall %}``: the block's HTML, once per folder."""

    def __init__(self, nav_pages: Iterable[str]) -> None:
        self.nav_pages = set(nav_pages)  # src_uri of the pages in the nav: rendered each time
        self.store: dict[tuple[str, str], str] = {}

    def __call__(self, name: str, page: Any, caller: Callable[[], str]) -> str:
        file = getattr(page, "file", None)
        src = getattr(file, "src_uri", None)
        url = getattr(page, "url", None)
        if src is None or url is None or src in self.nav_pages:
            return caller()
        key = (name, posixpath.dirname(url))
        if key not in self.store:
            self.store[key] = caller()
        return self.store[key]


class TemplateCode(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory between the rebuilds of one `mkdocs serve` process.

    Each rebuild loads the configuration again, with a new template environment that would
    compile Material's templates again (about a second); a template whose source changed
    gets a new checksum and is compiled afresh.
    """

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CODE = TemplateCode()  # one per process: lives as long as `mkdocs serve` does
