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
