"""All pages of the site, from one Corpus."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from generator.config import SiteConfig
from generator.dossier.corpus import Corpus
from generator.models import ArticleInfo, EntityRef, Event, Page, Quote
from generator.render.accounts import entity_conflict_inputs, timeline_events
from generator.render.article import render_article
from generator.render.entity import render_entity
from generator.render.event_page import render_event_pages
from generator.render.feed import public_url, render_feed
from generator.render.finish import finish
from generator.render.indexes import archive, entity_indexes, home, problems_page, sources, split_by_size
from generator.render.network import cooccurrence, ego_inputs
from generator.render.quotes_page import render_quotes
from generator.render.timeline import render_timeline

# (kind, id, render, what else the pages show) -> pages; ``extra`` joins the unit's digest (generator/rerender.py),
# given as a function: a cold run renders every unit and never needs it
Unit = Callable[[str, str, Callable[[], list[Page]], Callable[[], str]], list[Page]]


def _always(kind: str, ident: str, make: Callable[[], list[Page]], extra: Callable[[], str] = str) -> list[Page]:
    return make()


def _nothing() -> str:
    return ""


def _finished(make: Callable[[], list[Page]]) -> Callable[[], list[Page]]:
    return lambda: finish(make())


def render_site(corpus: Corpus, config: SiteConfig, unit: Unit = _always) -> list[Page]:
    """Every generated page, sorted by path; ``unit`` may reuse an article's or entity's unchanged pages."""
    pages: list[Page] = []
    for info in corpus.articles:
        article = _finished(lambda info=info: [Page(info.page, render_article(info, corpus, config.glossary))])  # type: ignore[misc]
        pages += unit("article", info.id, article, _nothing)
    events_of: dict[str, list[Event]] = defaultdict(list)
    for event in timeline_events(corpus):
        for entity_id in event.entities:
            events_of[entity_id].append(event)
    quotes_of: dict[str, list[tuple[ArticleInfo, Quote]]] = defaultdict(list)
    for info in reversed(corpus.articles):  # oldest first reads as a record
        for quote in info.analysis.quotes:
            if quote.speaker:
                quotes_of[quote.speaker].append((info, quote))
    network = cooccurrence(corpus)

    def entity_pages(e: EntityRef) -> list[Page]:
        return render_entity(e, corpus, config, events_of.get(e.id, []), quotes_of.get(e.id, []), network)

    def shown(entity_id: str) -> tuple[str, list[Event], str]:
        return ego_inputs(corpus, network, entity_id), events_of.get(entity_id, []), entity_conflict_inputs(corpus, entity_id)

    for entity in corpus.entities.values():
        if not corpus.has_page(entity.id):
            continue
        pages += unit(
            "entity",
            entity.id,
            _finished(lambda e=entity: entity_pages(e)),  # type: ignore[misc]
            lambda e=entity.id: repr(shown(e)),  # type: ignore[misc]
        )
    listings = [home(corpus, config), *render_timeline(corpus, config), *split_by_size(render_quotes(corpus), "Who said what")]
    listings += archive(corpus, config) + sources(corpus, config) + entity_indexes(corpus, config, network)
    if config.problems_page:
        listings += split_by_size(problems_page(corpus), "Problems")
    listings.append(render_feed(corpus, config, public_url(config)))
    pages += finish(listings + render_event_pages(corpus, config))
    return sorted((_unsearched(p) if _is_listing(p.path) else p for p in pages), key=lambda p: p.path)


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
