"""All pages of the site, from one Corpus."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Protocol

from generator.config import SiteConfig
from generator.dossier import memo
from generator.dossier.corpus import Corpus
from generator.models import ArticleInfo, Event, Page, Quote
from generator.render.accounts import timeline_events
from generator.render.article import render_article
from generator.render.entity import render_entity
from generator.render.event_page import render_event_pages
from generator.render.feed import public_url, render_feed
from generator.render.finish import finish, finish_stream
from generator.render.indexes import archive, entity_indexes, home, problems_page, sources, split_by_size
from generator.render.listed import ListingInputs
from generator.render.network import CoOccurrence, cooccurrence
from generator.render.pool import Key, start
from generator.render.quotes_page import quotes_pages
from generator.render.shown import EntityShown
from generator.render.timeline import render_timeline

_LAST = memo.held()  # what a long-running process keeps of the last build: "events of"

POOL_UNITS = 8_000  # past this many article and entity pages (~3,500 articles), pages stream: memory before speed

# (kind, id, render, what else the pages show) -> pages; ``extra`` joins the unit's digest (generator/rerender.py),
# given as a function: a cold run renders every unit and never needs it
Unit = Callable[[str, str, Callable[[], list[Page]], Callable[[], str]], list[Page]]


def _always(kind: str, ident: str, make: Callable[[], list[Page]], extra: Callable[[], str] = str) -> list[Page]:
    return make()


# whether ``unit`` will render a unit rather than reuse its pages (rerender.PageMemo.stale)
Stale = Callable[[str, str, Callable[[], str]], bool]


class Listed(Protocol):
    """The listing pages to leave in docs/ as they are (rerender.ListingMemo)."""

    def group(self, name: str, inputs: Callable[[], str], make: Callable[[], list[Page]]) -> list[Page]: ...

    def reused(self, page: Page) -> bool: ...


class _Always:
    """Every listing rendered and finished (a run without the cache)."""

    def group(self, name: str, inputs: Callable[[], str], make: Callable[[], list[Page]]) -> list[Page]:
        return make()

    def reused(self, page: Page) -> bool:
        return False


def _indexes(corpus: Corpus) -> tuple[dict[str, list[Event]], CoOccurrence]:
    """Each entity's timeline entries, and who appears with whom: built once per site (the entries kept,
    in a long-running process, while the events and chains are equal: the same objects mostly)."""

    def made() -> dict[str, list[Event]]:
        events_of: dict[str, list[Event]] = defaultdict(list)
        for event in timeline_events(corpus):
            for entity_id in event.entities:
                events_of[entity_id].append(event)
        return events_of

    return memo.while_equal(_LAST, "events of", (corpus.events, corpus.chains), made), cooccurrence(corpus)


def _quotes_of(corpus: Corpus) -> dict[str, list[tuple[ArticleInfo, Quote]]]:
    """Each speaker's quotes, oldest first (a record): built when the first entity page is rendered."""
    quotes_of: dict[str, list[tuple[ArticleInfo, Quote]]] = defaultdict(list)
    for info in reversed(corpus.articles):  # oldest first reads as a record
        for quote in info.analysis.quotes:
            if quote.speaker:
                quotes_of[quote.speaker].append((info, quote))
    return quotes_of


def render_site(
    corpus: Corpus, config: SiteConfig, unit: Unit = _always, workers: int = 1, stale: Stale | None = None
) -> list[Page]:
    """Every generated page, sorted by path; ``unit`` may reuse an article's or entity's unchanged pages."""
    return sorted(iter_site(corpus, config, unit, workers, stale), key=lambda p: p.path)


def iter_site(
    corpus: Corpus, config: SiteConfig, unit: Unit = _always, workers: int = 1, stale: Stale | None = None,
    listed: Listed | None = None, staging: Path | None = None,
) -> Iterator[Page]:
    """The pages of ``render_site``, unsorted, one unit at a time: the writer stores each as it comes.

    With ``workers`` > 1 and at most ``POOL_UNITS`` units, the article and entity pages to render
    (all, or those ``stale`` names) are rendered in forked processes (render/pool.py) while this
    one renders the listings; their pages come back to this process chunk by chunk, to be written as they come.
    A larger dossier renders in this process, one unit at a time, so its site is never in memory whole.
    ``staging``: the writer's staging folder (write_pages), where the workers write their pages' files.
    The chunks this process takes from the pool go through ``unit`` (their digests) and into that folder
    as they are rendered, while the workers still render: what is left once they are done is bookkeeping.
    """
    events_of, network = _indexes(corpus)
    quoted: list[dict[str, list[tuple[ArticleInfo, Quote]]]] = []  # made on first use: few entity pages are rendered

    def render(key: Key) -> list[Page]:
        kind, ident = key
        if kind == "article":
            info = corpus.by_id[ident]
            return finish([Page(info.page, render_article(info, corpus, config.glossary))])
        if not quoted:
            quoted.append(_quotes_of(corpus))
        quotes = quoted[0].get(ident, [])
        return finish(render_entity(corpus.entities[ident], corpus, config, events_of.get(ident, []), quotes, network))

    shown = EntityShown(corpus, events_of, network)

    def extra(key: Key) -> Callable[[], str]:
        """What else an entity's pages show, for its digest: its picture, its timeline entries, its conflicts."""
        if key[0] == "article":
            return str  # nothing else
        return partial(shown.of, key[1])

    keys: list[Key] = [("article", info.id) for info in corpus.articles]
    keys += [("entity", e.id) for e in corpus.entities.values() if corpus.has_page(e.id)]
    pooled = workers if len(keys) <= POOL_UNITS else 1
    wanted = keys if stale is None or pooled < 2 else [key for key in keys if stale(key[0], key[1], extra(key))]
    local: set[Key] = set()  # the keys this process rendered for the pool: digested and made searchable then

    def here(key: Key) -> list[Page]:
        local.add(key)
        return list(map(_searchable, unit(key[0], key[1], lambda: render(key), extra(key))))

    pooled_pages = start(wanted, render, pooled, staging, config.docs_dir, here)
    yield from _listings(corpus, config, ListingInputs(corpus, network, shown.event_text), listed or _Always())  # meanwhile
    done: set[Key] = set()
    for key, pages in pooled_pages or ():  # in the order dealt to the workers, each chunk as it comes back
        done.add(key)
        if key in local:
            yield from pages
            continue
        yield from map(_searchable, unit(key[0], key[1], lambda pages=pages: pages, extra(key)))  # type: ignore[misc]
    for key in keys:
        if key not in done:
            yield from map(_searchable, unit(key[0], key[1], lambda key=key: render(key), extra(key)))  # type: ignore[misc]


def _searchable(page: Page) -> Page:
    return _unsearched(page) if _is_listing(page.path) else page


def _listings(corpus: Corpus, config: SiteConfig, inputs: ListingInputs, listed: Listed) -> Iterator[Page]:
    """Home, timeline, quotes, archive, sources, the entity indexes, problems, the feed and the event pages:
    rendered one group at a time and finished page by page, so a large dossier's listings are never
    all in memory at once. ``listed`` keeps the groups whose inputs, and the pages whose Markdown, are unchanged."""
    network = inputs.network

    def groups() -> Iterator[list[Page]]:
        yield [home(corpus, config)]
        yield listed.group("timeline", inputs.timeline, lambda: render_timeline(corpus, config))
        yield listed.group("quotes", inputs.quotes, lambda: quotes_pages(corpus))
        yield listed.group("archive", inputs.articles, lambda: archive(corpus, config))
        yield listed.group("sources", inputs.sources, lambda: sources(corpus, config))
        yield listed.group("entities", inputs.entities, lambda: entity_indexes(corpus, config, network))
        if config.problems_page:
            yield split_by_size(problems_page(corpus), "Problems")
        yield [render_feed(corpus, config, public_url(config))]
        yield render_event_pages(corpus, config)

    return _finished(chain.from_iterable(groups()), listed)


def _finished(pages: Iterable[Page], listed: Listed) -> Iterator[Page]:
    """The pages finished and made searchable as they come; those ``listed`` reuses, after them, as they are."""
    kept: list[str] = []

    def fresh() -> Iterator[Page]:
        for page in pages:
            if listed.reused(page):
                kept.append(page.path)
            else:
                yield page

    yield from map(_searchable, finish_stream(fresh()))
    yield from (Page(path, "") for path in kept)


def _is_listing(path: str) -> bool:
    """Home, archive, sources, timeline, quotes, problems and the entity indexes: search skips them."""
    if path.startswith("articles/") or not path.endswith(".md"):
        return False
    parts = path.split("/")
    return not (parts[0] == "entities" and len(parts) == 3 and not parts[2].startswith("index"))


def _unsearched(page: Page) -> Page:
    """Material's ``search.exclude`` in the front matter (the theme leaves such pages out of Pagefind too)."""
    if page.text.startswith("---\n"):
        head, _, rest = page.text[4:].partition("\n---\n")
        if "\nsearch:\n" in f"\n{head}\n":
            return page  # the renderer said already (frontmatter.LIST_SEARCH)
        return Page(page.path, "---\nsearch:\n  exclude: true\n" + page.text[4:])
    return Page(page.path, "---\nsearch:\n  exclude: true\n---\n" + page.text)
