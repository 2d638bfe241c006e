"""Navigation that scales: no index or timeline page grows past its page size, and nothing is lost.

Built from 120 generated analyses (no text analysis runs), with a small page size so
that every paginated list spans several pages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from generator.config import SiteConfig
from generator.dossier.corpus import Corpus, build_corpus
from generator.models import Analysis, Article, EntityRef, Event, Mention, Page, PubDate
from generator.render.indexes import paginate
from generator.render.site import render_site
from generator.render.timeline import events_per_page, render_timeline
from tests.conftest import page_links

PAGE_SIZE = 7
ARTICLES = 120
UNDATED_EVERY = 12  # every 12th article has no established date
ENTITIES = (
    EntityRef("alpha-corp", "Alpha Corp", "organisation", curated=False),
    EntityRef("jane-roe", "Jane Roe", "person", curated=False),
    EntityRef("lisbon", "Lisbon", "place", curated=False),
)


def _analysis(i: int) -> Analysis:
    headline = f"Report number {i} on harbour works"
    body = (f"Alpha Corp said on day {i} that Jane Roe would visit Lisbon.", f"Paragraph two of report {i}.")
    mentions = [Mention("alpha-corp", 0, 0, 10, "Alpha Corp")]
    if i % 2 == 0:
        mentions.append(Mention("jane-roe", 0, body[0].index("Jane"), body[0].index("Jane") + 8, "Jane Roe"))
    if i % 3 == 0:
        mentions.append(Mention("lisbon", 0, body[0].index("Lisbon"), body[0].index("Lisbon") + 6, "Lisbon"))
    article = Article(source=f"gen/{i:03d}.txt", format="text", headline=headline, standfirst="", paragraphs=body)
    if i % UNDATED_EVERY == 0:
        pubdate = PubDate(None, "uncertain", candidates=(dt.date(2019, 1, 2), dt.date(2020, 1, 2)))
    else:
        pubdate = PubDate(dt.date(2018, 1, 1) + dt.timedelta(days=9 * i), "given")
    discovered = tuple(e for e in ENTITIES if any(m.entity == e.id for m in mentions))
    return Analysis(article=article, pubdate=pubdate, mentions=tuple(mentions), discovered=discovered)


def _events(corpus: Corpus, count: int) -> tuple[Event, ...]:
    dated = [a for a in corpus.articles if a.analysis.pubdate.date]
    events = []
    for n in range(count):
        info = dated[n % len(dated)]
        date = dt.date(2015, 1, 1) + dt.timedelta(days=11 * n)
        events.append(
            Event(f"e{n:04d}", date, "day" if n % 5 else "year", "past", f"Event {n} happened.", ((info.id, 0),), ("alpha-corp",))
        )
    return tuple(sorted(events, key=lambda e: (e.date, e.id)))


@pytest.fixture(scope="module")
def scaled(config: SiteConfig) -> tuple[SiteConfig, Corpus, dict[str, Page]]:
    small = replace(config, page_size=PAGE_SIZE, problems_page=False)
    corpus = build_corpus([_analysis(i) for i in range(ARTICLES)], small)
    corpus = replace(corpus, events=_events(corpus, 3 * events_per_page(small) + 5))
    return small, corpus, {p.path: p for p in render_site(corpus, small)}


def _items(page: Page) -> int:
    """List entries and article headings of a page (continuation lines are indented)."""
    body = page.text.split("\n---\n", 1)[-1]
    return sum(1 for line in body.splitlines() if line.startswith(("- ", "### [")))


def _chain(pages: dict[str, Page], first: str) -> list[Page]:
    """A paginated list: base.md, base-2.md, ... while they exist."""
    base = first[: -len(".md")]
    out = [pages[first]]
    while f"{base}-{len(out) + 1}.md" in pages:
        out.append(pages[f"{base}-{len(out) + 1}.md"])
    return out


def test_index_pages_never_exceed_page_size(scaled: tuple[SiteConfig, Corpus, dict[str, Page]]) -> None:
    config, _, pages = scaled
    lists = [p for path, p in pages.items() if re.match(r"(archive/(\d{4}|undated)|sources/(?!index)|entities/\w+/index)", path)]
    assert len(lists) > 10
    for page in lists:
        assert _items(page) <= config.page_size, page.path


def test_every_article_is_listed_once_in_the_archive(scaled: tuple[SiteConfig, Corpus, dict[str, Page]]) -> None:
    _, corpus, pages = scaled
    listed: list[str] = []
    for path, page in pages.items():
        if path.startswith("archive/") and path != "archive/index.md":
            listed += [link.rsplit("/", 1)[-1] for link in page_links(page.text) if "articles/" in link]
    assert sorted(listed) == sorted(info.page.rsplit("/", 1)[-1] for info in corpus.articles)


def test_entity_pages_paginate_their_articles(scaled: tuple[SiteConfig, Corpus, dict[str, Page]]) -> None:
    config, corpus, pages = scaled
    chain = _chain(pages, corpus.entity_page("alpha-corp"))
    assert -(-ARTICLES // config.page_size) <= len(chain) <= -(-ARTICLES // max(1, config.page_size // 2))
    headings = [line for page in chain for line in page.text.splitlines() if line.startswith("### [")]
    assert len(headings) == ARTICLES
    assert all(sum(1 for line in p.text.splitlines() if line.startswith("### [")) <= config.page_size for p in chain)


def test_a_long_timeline_is_split_by_year_and_keeps_every_event(scaled: tuple[SiteConfig, Corpus, dict[str, Page]]) -> None:
    config, corpus, pages = scaled
    years = sorted({e.date.year for e in corpus.events})
    overview = pages["timeline.md"].text
    assert all(f"(timeline/{year}.md)" in overview for year in years)
    year_pages = [p for path, p in pages.items() if path.startswith("timeline/")]
    assert all(_items(p) <= events_per_page(config) for p in year_pages)
    shown = [m for p in year_pages for m in re.findall(r'id="(e\d{4})"', p.text)]
    assert sorted(shown) == sorted(e.id for e in corpus.events)
    assert any(re.search(r"timeline/\d{4}-2\.md", path) for path in pages), "a long year spans several pages"


def test_a_small_timeline_stays_one_page(scaled: tuple[SiteConfig, Corpus, dict[str, Page]]) -> None:
    config, corpus, _ = scaled
    few = replace(corpus, events=corpus.events[:5])
    pages = render_timeline(few, config)
    assert [p.path for p in pages] == ["timeline.md"]
    assert all(f'id="{e.id}"' in pages[0].text for e in few.events)


ONCE = EntityRef("port-of-vigo", "Port of Vigo", "place", curated=False)


def _with_a_name_seen_once(config: SiteConfig) -> tuple[Corpus, dict[str, Page]]:
    analyses = [_analysis(i) for i in range(12)]
    first = analyses[1]
    text = first.article.paragraphs[0]
    mention = Mention(ONCE.id, 0, 0, 5, text[:5])  # any span: what matters is that only one article names it
    analyses[1] = replace(first, mentions=(*first.mentions, mention), discovered=(*first.discovered, ONCE))
    corpus = build_corpus(analyses, replace(config, problems_page=False))
    return corpus, {p.path: p for p in render_site(corpus, replace(config, problems_page=False))}


def test_a_name_in_fewer_articles_than_the_threshold_gets_no_page_and_links_nowhere(config: SiteConfig) -> None:
    assert config.entity_min_articles == 2
    corpus, pages = _with_a_name_seen_once(config)
    assert not corpus.has_page(ONCE.id) and corpus.has_page("jane-roe")
    assert "entities/places/port-of-vigo.md" not in pages
    assert "entities/people/jane-roe.md" in pages
    assert all("port-of-vigo.md" not in page.text for page in pages.values()), "no link may lead to a page that does not exist"
    article = pages[corpus.by_id[corpus.entity_articles[ONCE.id][0]].page].text
    assert '<span class="dossier-entity" title="Port of Vigo">' in article  # still marked in the text
    assert "Port of Vigo" in article.split('!!! abstract "In this article"', 1)[1]  # and listed on the article
    once = pages["entities/once.md"].text
    assert "Port of Vigo" in once and "Jane Roe" not in once
    curated = replace(config, entity_min_articles=1)
    assert build_corpus([_analysis(i) for i in range(3)], curated).has_page("lisbon")


def test_lists_are_split_by_size_and_listings_stay_out_of_search(config: SiteConfig) -> None:
    from generator.render.indexes import MAX_PAGE_CHARS, SECTIONS_PER_PAGE, split_by_size

    sections = "".join(
        f"## Speaker {i}\n\n" + "".join(f"- quote {i}.{j} " + "x" * 200 + "\n" for j in range(40)) + "\n" for i in range(60)
    )
    page = Page("quotes.md", "---\ntitle: Who said what\n---\n# Who said what\n\nIntro.\n\n" + sections)
    parts = split_by_size(page, "Who said what")
    assert len(parts) > 1 and all(len(p.text) <= MAX_PAGE_CHARS + 2000 for p in parts)
    assert sum(p.text.count("\n## Speaker ") for p in parts) == 60
    many = "".join(f"## Speaker {i}\n\n- one short quote\n\n" for i in range(500))  # headings also fill the table of contents
    small = split_by_size(Page("quotes.md", "---\ntitle: Who\n---\n# Who\n\n" + many * 6), "Who")
    assert all(p.text.count("\n## ") <= SECTIONS_PER_PAGE for p in small)
    one_voice = "## A spokesman\n\n" + "".join(f"- quote {j} " + "y" * 300 + "\n" for j in range(2000))
    long_one = split_by_size(Page("quotes.md", "---\ntitle: Who\n---\n# Who\n\n" + one_voice), "Who")
    assert len(long_one) > 5 and all(len(p.text) <= MAX_PAGE_CHARS + 2000 for p in long_one)
    assert sum(p.text.count("- quote ") for p in long_one) == 2000
    _, pages = _with_a_name_seen_once(config)
    for path in (
        "index.md",
        "timeline.md",
        "quotes.md",
        "archive/index.md",
        "entities/index.md",
        "entities/people/index.md",
        "entities/once.md",
    ):
        head = pages[path].text.split("\n---\n", 1)[0]
        assert "\nsearch:\n  exclude: true" in head, path
    searched = [p for path, p in pages.items() if path.startswith("articles/") or path == "entities/people/jane-roe.md"]
    assert searched and not any("exclude: true" in p.text.split("\n---\n", 1)[0] for p in searched)


def test_search_auto_picks_material_for_small_dossiers_and_pagefind_past_the_threshold(config: SiteConfig) -> None:
    from generator.search import PAGEFIND_FROM, engine_for, mkdocs_env, search_engine

    assert config.search == "auto"
    assert search_engine(config) == "material"  # the two sample articles
    assert engine_for("auto", PAGEFIND_FROM - 1) == "material"
    assert engine_for("auto", PAGEFIND_FROM) == "pagefind"
    assert engine_for("material", 10**6) == "material" and engine_for("pagefind", 1) == "pagefind"
    assert mkdocs_env("pagefind")["DOSSIER_MATERIAL_SEARCH"] == "false"


def test_a_long_table_is_split_with_its_header_on_every_page() -> None:
    from generator.render.indexes import MAX_PAGE_CHARS, split_by_size

    rows = "".join(f"| file-{i}.txt | error | unreadable " + "z" * 150 + " |\n" for i in range(1500))
    head = "---\ntitle: Problems\n---\n# Problems\n\nIntro.\n\n## Files\n\n| File | Level | Message |\n|---|---|---|\n"
    page = Page("problems.md", head + rows)
    parts = split_by_size(page, "Problems")
    assert len(parts) > 2 and all(len(p.text) <= MAX_PAGE_CHARS + 2000 for p in parts)
    assert sum(p.text.count("| error |") for p in parts) == 1500
    for part in parts:  # every page that holds rows opens its table with the header, or the rows render as text
        body = part.text.splitlines()
        first_row = next(n for n, text in enumerate(body) if text.startswith("| file-"))
        assert body[first_row - 2 : first_row] == ["| File | Level | Message |", "|---|---|---|"], part.path


def test_one_more_item_changes_the_page_it_lands_on_not_every_page_after() -> None:
    """Page ends follow the lines (rsync-like), not a count: a preview rewrites few pages per new article."""
    lines = [f"- 2004-{n % 12 + 1:02d}-{n % 28 + 1:02d} · [Story {n}](story-{n}.md)" for n in range(600)]
    before = paginate("archive/x", "X", lines, 50, lambda _path, line: line)
    more = [*lines[:300], "- 2004-01-01 · [A new story](new.md)", *lines[300:]]
    after = paginate("archive/x", "X", more, 50, lambda _path, line: line)
    assert 12 <= len(before) <= 24 and len(after) == len(before)  # (a new line ends a page one time in 12)
    changed = [a.path for a, b in zip(before, after, strict=True) if a.text != b.text]
    assert 1 <= len(changed) <= 2, changed  # its page, and the next one only when it was full
    assert all(text.count("[Story") + text.count("[A new") <= 50 for text in (p.text for p in after))
