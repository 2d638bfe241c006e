"""Under `dossier serve`: MkDocs renders the pages a conversion wrote, on the state of its last build.

A rebuild of ``mkdocs serve --dirty`` loads the configuration, lists and sorts the ~5,900
files of docs/, makes a page and a canonical address for each, stats every source and its
HTML, lists the theme's files, renders the sitemap and writes Material's whole search index:
about a second of CPU at 2,225 articles before and after the few pages an edit changed.
`dossier serve` knows which pages it wrote, and tells its MkDocs child on a pipe
(:func:`encode`); the child keeps the files, navigation and template environment of its last
build and renders just those pages with MkDocs' own functions. A page rendered so is the page
a full build renders: the navigation (titles of every nav page, read in the first build), the
file list (updated for added and removed pages, in MkDocs' order) and the search index (every
page's entries, in the order of a full build) are those a full build sees.

Whatever this cannot account for falls back to MkDocs' own rebuild: a change of site_config/
or mkdocs.yml, a page of the nav added or removed or retitled, a file that is not Markdown
added or removed, or another MkDocs than 1.6.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import pickle
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import mkdocs
from mkdocs.commands import build as mkbuild
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.dossier")

SUPPORTED = mkdocs.__version__.startswith("1.6.") and all(
    hasattr(mkbuild, name) for name in ("_populate_page", "_build_page", "_build_theme_template")
)


@dataclass(frozen=True)
class Change:
    """What one conversion changed in docs/ (paths relative to it); ``full``: rebuild everything."""

    written: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()
    full: bool = False

    def __or__(self, other: Change) -> Change:
        written = (self.written - other.removed) | other.written
        return Change(written, (self.removed - other.written) | other.removed, self.full or other.full)

    def __bool__(self) -> bool:
        return bool(self.written or self.removed or self.full)


def encode(change: Change) -> bytes:
    """One line on the pipe from `dossier serve` to its MkDocs child."""
    data = {"written": sorted(change.written), "removed": sorted(change.removed), "full": change.full}
    return json.dumps(data).encode() + b"\n"


def decode(line: bytes) -> Change:
    """The change a line of :func:`encode` names; a line that is not one asks for a full rebuild."""
    try:
        data = json.loads(line)
        return Change(frozenset(map(str, data["written"])), frozenset(map(str, data["removed"])), bool(data["full"]))
    except (ValueError, KeyError, TypeError):
        return Change(full=True)


@dataclass
class BuildState:
    """What the last MkDocs build used, recorded by the dossier plugin's hooks: reused by the next rebuild."""

    config: Any = None
    files: Any = None
    nav: Any = None
    env: Any = None
    pending: Change = field(default_factory=Change)
    lock: threading.Lock = field(default_factory=threading.Lock)
    search: SearchIndex | None = None  # made on the first rebuild of pages, dropped by MkDocs' own

    def ready(self) -> bool:
        return SUPPORTED and all(x is not None for x in (self.config, self.files, self.nav, self.env))


class Fallback(Exception):
    """The change needs MkDocs' own rebuild (the reason is the message)."""


def _key(file: File) -> tuple[tuple[str, ...], tuple[bool, str]]:
    """MkDocs' order of docs/ (``get_files``: folders walked sorted, an index first in its folder)."""
    parts = PurePosixPath(file.src_uri).parts
    return parts[:-1], (os.path.splitext(parts[-1])[0] not in ("index", "README"), parts[-1])


def _new_file(path: str, config: Any) -> File:
    file = File(path, config["docs_dir"], config["site_dir"], config["use_directory_urls"])
    set_exclusions([file], config)
    if not file.is_documentation_page() or not (file.inclusion.is_not_in_nav() or file.inclusion.is_included()):
        raise Fallback(f"{path}: added, not a page outside the nav")
    Page(None, file, config)  # as `build` does for a page outside the nav
    return file


def update_files(state: BuildState, change: Change, nav_sources: set[str]) -> tuple[list[File], bool]:
    """Add and remove the files the change names, keeping MkDocs' order: (the removed files, whether any changed)."""
    files, config = state.files, state.config
    added = sorted(p for p in change.written if files.get_file_from_path(p) is None)
    gone = [f for f in (files.get_file_from_path(p) for p in sorted(change.removed)) if f is not None]
    for path in [*added, *(f.src_uri for f in gone)]:
        if path in nav_sources or not path.endswith(".md"):
            raise Fallback(f"{path}: added or removed, in the nav or not a page")
    if not added and not gone:
        return [], False
    new = [_new_file(path, config) for path in added]
    docs = [f for f in files if f.src_dir == config["docs_dir"] and f not in gone]
    rest = [f for f in files if f.src_dir != config["docs_dir"]]
    state.files = Files([*sorted([*docs, *new], key=_key), *rest])
    return gone, True


def _pages(state: BuildState, paths: Iterable[str]) -> list[Page]:
    pages = []
    for path in sorted(paths):
        file = state.files.get_file_from_path(path)
        if file is None:
            continue
        if not file.is_documentation_page():
            file.copy_file(dirty=False)
        elif file.page is not None:
            pages.append(file.page)
    return pages


class SearchIndex:
    """Material's search index kept whole between rebuilds, each page's entries and their JSON apart.

    A rendered page's entries replace its old ones; the index is written in the order of a full
    build, each page's JSON made once (``json.dumps`` of the whole index took 0.1 s at 2,225).
    """

    def __init__(self, plugin: Any) -> None:
        self.plugin = plugin
        self.entries: dict[str, list[dict[str, Any]]] = _by_page(plugin.search_index.entries)
        self.json: dict[str, str] = {}

    @classmethod
    def of(cls, config: Any) -> SearchIndex | None:
        plugin = config["plugins"].get("material/search") or config["plugins"].get("search")
        index = getattr(plugin, "search_index", None)
        ok = plugin is not None and plugin.config.enabled and all(hasattr(index, a) for a in ("entries", "generate_search_index"))
        return cls(plugin) if ok else None

    def begin(self) -> None:
        self.plugin.search_index.entries = []  # the rendered pages' entries, added by the plugin's on_page_context

    def finish(self, doc_files: list[File], rendered: set[str], site_dir: str) -> None:
        """Write search/search_index.json as Material writes it after a full build."""
        index = self.plugin.search_index
        for url in rendered:
            self.entries.pop(url, None)
            self.json.pop(url, None)
        self.entries.update(_by_page(index.entries))
        order = [f.page.url for f in doc_files if f.page is not None and f.page.url in self.entries]
        index.entries = []
        head = index.generate_search_index(None)  # '{"config":{…},"docs":[]}'
        for url in order:
            if url not in self.json:
                self.json[url] = ",".join(json.dumps(e, separators=(",", ":"), default=str) for e in self.entries[url])
        text = head[:-2] + ",".join(self.json[url] for url in order) + "]}"
        index.entries = [e for url in order for e in self.entries[url]]
        self.plugin.search_index_prev = index if getattr(self.plugin, "is_dirty", False) else None
        path = os.path.join(site_dir, "search", "search_index.json")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as out:
            out.write(text.encode("utf-8"))


def _by_page(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        out.setdefault(_page_url(entry), []).append(entry)
    return out


def post_build(config: Any, search: SearchIndex | None) -> None:
    """The plugins' ``on_post_build``, but for the search plugin when :class:`SearchIndex` wrote its index."""
    skip = search.plugin if search else None
    for method in config.plugins.events["post_build"]:
        if getattr(method, "__self__", None) is not skip:
            method(config=config)


def _remove(path: str, site_dir: str) -> None:
    """A removed page's HTML, and its folders left empty (a fresh build has no empty folder)."""
    try:
        os.remove(path)
        folder = os.path.dirname(path)
        while os.path.abspath(folder) != os.path.abspath(site_dir) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
    except OSError:
        pass


def _page_url(entry: dict[str, Any]) -> str:
    return str(entry["location"]).split("#")[0]


FORK_FROM = 60  # pages: fewer are built in this process (a fork and the entries' way back cost ~0.1 s)


def _build(pages: Sequence[Page], state: BuildState, doc_files: list[File]) -> None:
    """Read, render and write the pages (MkDocs' own steps); the search plugin collects their entries."""
    config, nav, env = state.config, state.nav, state.env
    for page in pages:
        mkbuild._populate_page(page, config, state.files, dirty=False)
    for page in pages:
        mkbuild._build_page(page, config, doc_files, nav, env, dirty=False, excluded=page.file.inclusion.is_excluded())
    for page in pages:
        page.validate_anchor_links(files=state.files, log_level=config.validation.links.anchors)


def _workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _fork_share(pages: Sequence[Page], state: BuildState, doc_files: list[File], search: SearchIndex | None) -> tuple[int, int]:
    """A forked process that builds the pages and sends their search entries back: (its pid, the pipe to read).

    ``os.fork`` itself, not multiprocessing: its child closes stdin, whose lock the thread reading
    `dossier serve`'s lines holds at the fork, and would wait for it forever.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    code = 1
    try:  # the child: never returns
        os.close(read)
        if search:
            search.plugin.search_index.entries = []  # the entries of these pages only
        _build(pages, state, doc_files)
        with os.fdopen(write, "wb") as out:
            pickle.dump(list(search.plugin.search_index.entries) if search else [], out)
        code = 0
    except BaseException:
        log.exception("dossier: building pages in a forked process failed")
    finally:
        os._exit(code)


def build_pages(pages: Sequence[Page], state: BuildState, doc_files: list[File], search: SearchIndex | None) -> None:
    """:func:`_build`, on many pages shared between this process and forked ones (one per processor): an
    added or removed article rewrites hundreds of entity pages. A forked process writes its pages to the
    site folder and sends back their search entries; their Page objects here are not rendered again (the
    next build renders the pages it changes; the nav's pages, whose titles are checked, are built here)."""
    workers = _workers()
    if len(pages) < FORK_FROM or workers < 2 or not hasattr(os, "fork"):
        _build(pages, state, doc_files)
        return
    shares = [pages[n::workers] for n in range(workers)]
    gc.freeze()  # a forked process's collections do not touch, and so copy, this process's memory
    try:
        children = [_fork_share(share, state, doc_files, search) for share in shares[1:]]
    finally:
        gc.unfreeze()
    _build(shares[0], state, doc_files)
    entries: list[dict[str, Any]] = []
    failed = 0
    for pid, read in children:
        with os.fdopen(read, "rb") as handle:
            data = handle.read()
        failed += os.waitpid(pid, 0)[1] != 0
        entries += pickle.loads(data) if data else []
    if failed:
        raise RuntimeError(f"dossier: {failed} forked process(es) failed to build their pages (see the log)")
    if search:
        search.plugin.search_index.entries.extend(entries)


def render_changed(state: BuildState, change: Change) -> int:
    """Render the pages the change wrote on the last build's state; raises Fallback when it cannot."""
    config, nav = state.config, state.nav
    nav_sources = {p.file.src_uri for p in nav.pages}
    titles = {p.file.src_uri: p.title for p in nav.pages}
    if None in titles.values():
        raise Fallback("a page of the nav was not read")
    gone, listed = update_files(state, change, nav_sources)
    for file in gone:
        _remove(file.abs_dest_path, config["site_dir"])
    pages = _pages(state, change.written)
    in_nav = [p for p in pages if p.file.src_uri in nav_sources]
    for page in in_nav:
        mkbuild._populate_page(page, config, state.files, dirty=False)
    if any(p.title != titles[p.file.src_uri] for p in nav.pages):
        raise Fallback("the title of a page of the nav changed")
    if state.search is None:
        state.search = SearchIndex.of(config)
    search = state.search
    if search:
        search.begin()
    doc_files = state.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for page in in_nav:
        mkbuild._build_page(page, config, doc_files, nav, state.env, dirty=False, excluded=page.file.inclusion.is_excluded())
        page.validate_anchor_links(files=state.files, log_level=config.validation.links.anchors)
    build_pages([p for p in pages if p.file.src_uri not in nav_sources], state, doc_files, search)
    if listed:  # the sitemap lists every page
        for template in config.theme.static_templates:
            mkbuild._build_theme_template(template, state.env, state.files, config, nav)
    if search:
        search.finish(doc_files, {p.url for p in pages} | {f.url for f in gone}, config["site_dir"])
    post_build(config, search)
    return len(pages)


def rebuild(state: BuildState, fallback: Callable[[], None]) -> None:
    """The builder `mkdocs serve` calls under `dossier serve`: the pending change, or MkDocs' own rebuild."""
    with state.lock:
        change, state.pending = state.pending, Change()
    log.info("Building documentation...")
    t0 = time.monotonic()
    if change and not change.full and state.ready():
        try:
            count = render_changed(state, change)
            log.info(f"Documentation built in {time.monotonic() - t0:.2f} seconds ({count} page(s) rendered)")
            return
        except Fallback as reason:
            log.info(f"dossier: a full rebuild: {reason}")
    state.search = None
    fallback()


def read_nav_pages(state: BuildState) -> None:
    """Read the nav's pages a dirty build skipped: every page's tabs and sidebar show their titles."""
    if not SUPPORTED or state.nav is None:
        return
    for page in state.nav.pages:
        if page.markdown is None:
            mkbuild._populate_page(page, state.config, state.files, dirty=False)


def listen(state: BuildState, server: Any, stream: Any) -> bool:
    """Rebuild on each line `dossier serve` writes (a :class:`Change`), reading them on a thread of their own.

    Returns False (nothing started) with a server other than MkDocs 1.6's, which is then left as it is.
    """
    if not (SUPPORTED and hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild")):
        return False

    def loop() -> None:
        for line in stream:
            change = decode(line)
            with state.lock:
                state.pending = state.pending | change
            with server._rebuild_cond:
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

    threading.Thread(target=loop, name="dossier-changes", daemon=True).start()
    return True
