"""An entity page's articles are cut into pages where an item says so, not at a count.

Each item on an entity page sits in an HTML block kept out of search, so its first line is the same
tag for every article: the page ends (render/indexes.py ``_ends_page``) are chosen by the item's
first line of text, its headline. Adding the newest article then changes the first pages, not every
page after it; the later pages' meta description leaves out the count of articles (``dossier serve``
rewrites and MkDocs rebuilds a few pages, not the whole list).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from generator.config import SiteConfig
from generator.dossier.corpus import build_corpus
from generator.models import Analysis, Article, EntityRef, Mention, PubDate
from generator.render.entity import render_entity

HARBOUR = EntityRef("harbour-board", "Harbour Board", "organisation", curated=True)


def _analysis(i: int) -> Analysis:
    text = f"The Harbour Board met on day {i} to discuss berth {i * 7 % 13}."
    article = Article(
        source=f"gen/{i:03d}.txt", format="text", headline=f"Harbour works, part {i}", standfirst="", paragraphs=(text,)
    )
    pubdate = PubDate(dt.date(2018, 1, 1) + dt.timedelta(days=2 * i), "given")
    return Analysis(
        article=article, pubdate=pubdate, mentions=(Mention(HARBOUR.id, 0, 4, 17, "Harbour Board"),), discovered=(HARBOUR,)
    )


def _pages(config: SiteConfig, count: int) -> dict[str, str]:
    corpus = build_corpus([_analysis(i) for i in range(count)], config)
    return {page.path: page.text for page in render_entity(corpus.entities[HARBOUR.id], corpus, config, [])}


def test_an_added_article_changes_the_entity_page_it_is_on_not_every_page_after(config: SiteConfig) -> None:
    small = replace(config, page_size=20, problems_page=False)
    before, after = _pages(small, 300), _pages(small, 301)
    assert len(before) >= 12 and len(after) == len(before)
    sizes = [text.count("\n### [") for text in before.values()]
    assert len(set(sizes)) > 1 and max(sizes) <= 20  # cut where an item says so, not every 20
    changed = [path for path in before if before[path] != after.get(path)]
    assert len(changed) <= 4, changed  # the page ends fall in step again within a few pages
    assert len(changed) < len(before) // 3
