"""All pages of the site, from one Corpus."""

from __future__ import annotations

from collections import defaultdict

from generator.config import SiteConfig
from generator.dossier.corpus import Corpus
from generator.models import ArticleInfo, Event, Page, Quote
from generator.render.accounts import timeline_events
from generator.render.article import render_article
from generator.render.entity import render_entity
from generator.render.event_page import render_event_pages
from generator.render.feed import public_url, render_feed
from generator.render.indexes import archive, entity_indexes, home, problems_page, sources
from generator.render.network import cooccurrence
from generator.render.quotes_page import render_quotes
from generator.render.timeline import render_timeline


def render_site(corpus: Corpus, config: SiteConfig) -> list[Page]:
    """Every generated page, sorted by path."""
    pages = [Page(info.page, render_article(info, corpus, config.glossary)) for info in corpus.articles]
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
    for entity in corpus.entities.values():
        pages += render_entity(entity, corpus, config, events_of.get(entity.id, []), quotes_of.get(entity.id, []), network)
    pages += [home(corpus, config), *render_timeline(corpus, config), render_quotes(corpus)]
    pages += archive(corpus, config) + sources(corpus, config) + entity_indexes(corpus, config, network)
    if config.problems_page:
        pages.append(problems_page(corpus))
    pages.append(render_feed(corpus, config, public_url(config)))
    pages += render_event_pages(corpus, config)
    return sorted(pages, key=lambda p: p.path)
