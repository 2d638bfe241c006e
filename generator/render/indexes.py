"""Home, archive by year and month, sources, undated articles and problems.

Lists are split into pages of ``page_size`` items so that no generated page
grows without bound as the dossier does.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from generator.config import SiteConfig
from generator.dossier.corpus import KIND_FOLDERS, UNATTRIBUTED, Corpus
from generator.models import ArticleInfo, EntityRef, Page
from generator.render.article import KIND_TITLES, long_date
from generator.render.frontmatter import LIST_SEARCH, front_matter
from generator.render.markup import md_escape, rel_md
from generator.render.network import CoOccurrence, cooccurrence, dossier_network

T = TypeVar("T")


SECTIONS_PER_PAGE = 40  # each heading also fills the page's table of contents: many small sections weigh more than their text
MAX_PAGE_CHARS = 70_000  # of Markdown: with the theme around it (~30 KB), a built page stays under ~200 KB


def _chunks(lines: Sequence[str], size: int, budget: int) -> list[Sequence[str]]:
    """At most ``size`` lines a page, and no more than ``budget`` characters (one long line stands alone).

    A page ends where a line says so, not at a count: after a line whose hash falls in one
    ``size // 4`` of the range, once the page holds half of ``size``, as rsync cuts files
    into chunks. Adding or removing one article then changes the page it is on, not every
    page after it (``dossier serve`` re-renders and MkDocs rebuilds a few pages, not
    hundreds); pages hold about three quarters of ``size`` lines on average.
    """
    chunks: list[Sequence[str]] = []
    start = used = 0
    least, every = max(1, size // 2), max(2, size // 4)
    for i, text in enumerate(lines):
        if i > start and (i - start >= size or used + len(text) > budget):
            chunks.append(lines[start:i])
            start, used = i, 0
        used += len(text) + 1
        if i + 1 - start >= least and _ends_page(text, every):
            chunks.append(lines[start : i + 1])
            start, used = i + 1, 0
    if start < len(lines) or not chunks:
        chunks.append(lines[start:])
    return chunks


_LINK_OR_NUMBER = re.compile(r"(\[[^\]]*\]\([^)]*\))|\d+")


def _ends_page(text: str, every: int) -> bool:
    """One line in ``every`` ends a page, chosen by the hash of its first line of text (not the tag of an
    HTML block around it, the same for every item) with the numbers outside its links left out (an
    entity's line without its count of articles; a section's heading without the quotes under it): a
    count that changes does not move the page ends."""
    first = text.split("\n", 1)[0]
    if first.startswith("<"):  # an item inside an HTML block (an entity page's article, out of search): its first text
        first = next((line for line in text.split("\n") if line and not line.startswith("<")), first)
    head = _LINK_OR_NUMBER.sub(lambda m: m.group(1) or "", first)
    return zlib.crc32(head.encode("utf-8", "surrogatepass")) % every == 0


@dataclass(frozen=True)
class Shown:
    """What a page shows in place of its Markdown, measured as that Markdown: the intro, and each item
    (``item``: its Markdown -> its text on the page), with lists finished already (render/twin.py)."""

    intro: Sequence[str]
    item: Callable[[str], str]


def paginate(
    base: str,
    title: str,
    items: Sequence[T],
    size: int,
    line: Callable[[str, T], str],
    intro: Sequence[str] = (),
    description: str = "",
    search: dict[str, object] = LIST_SEARCH,
    shown: Shown | None = None,
    description_after: str | None = None,
) -> list[Page]:
    """``base.md``, ``base-2.md``…: the items in pages of ``size`` (fewer when long), linked in order;
    ``description`` is the pages' meta description (``description_after``: the later pages', when it differs:
    without a count that an added item would change on every page).

    Lines are rendered once from ``base.md``: every page of the list sits in its folder, so links read the same.
    The pages are cut by the Markdown's length; ``shown`` gives what stands on them instead.
    """
    budget = MAX_PAGE_CHARS - sum(len(text) + 1 for text in intro)
    chunks = _chunks([line(f"{base}.md", item) for item in items], size, max(budget, MAX_PAGE_CHARS // 4))
    paths = [f"{base}.md" if n == 0 else f"{base}-{n + 1}.md" for n in range(len(chunks))]
    pages = []
    for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True)):
        heading = title if n == 0 else f"{title} (page {n + 1} of {len(chunks)})"
        meta = description if n == 0 or description_after is None else description_after
        lines = [_front(heading, meta, tuple(search.items())), f"# {md_escape(heading)}", ""]
        if n == 0:
            lines += [*(shown.intro if shown is not None else intro), ""] if intro else []
        lines += (list(map(shown.item, chunk)) if shown is not None else list(chunk)) or ["Nothing here yet."]
        if len(chunks) > 1:
            nav = []
            if n > 0:
                nav.append(f"[← previous]({rel_md(path, paths[n - 1])})")
            nav.append(f"page {n + 1} of {len(chunks)}")
            if n + 1 < len(chunks):
                nav.append(f"[next →]({rel_md(path, paths[n + 1])})")
            lines += ["", " · ".join(nav)]
        pages.append(Page(path, "\n".join(lines).rstrip() + "\n"))
    return pages


@lru_cache(maxsize=4096)  # about the listing pages of a 2,000-article dossier: under serve they come back each edit
def _front(title: str, description: str, search: tuple[tuple[str, object], ...]) -> str:
    meta: dict[str, object] = {"title": title, "description": description} if description else {"title": title}
    meta["search"] = dict(search)
    return front_matter(meta)


def split_by_size(page: Page, title: str) -> list[Page]:
    """A long one-page list (sections under ``## `` headings) as linked pages of at most ~MAX_PAGE_CHARS."""
    if len(page.text) <= MAX_PAGE_CHARS:
        return [page]
    body = page.text.split("\n---\n", 1)[1] if page.text.startswith("---\n") else page.text
    lines = body.splitlines()
    starts = [i for i, text in enumerate(lines) if text.startswith("## ")] or [len(lines)]
    intro = [text for text in lines[: starts[0]] if not text.startswith("# ")]
    budget = max(MAX_PAGE_CHARS - sum(len(text) + 1 for text in intro), MAX_PAGE_CHARS // 4)  # a page's, as paginate's
    sections: list[str] = []
    for a, b in zip(starts, [*starts[1:], len(lines)], strict=True):
        sections += cut_section(lines[a:b], budget) if a < len(lines) else []
    return paginate(page.path[: -len(".md")], title, sections, SECTIONS_PER_PAGE, lambda _path, section: section, intro)


def cut_section(section: list[str], budget: int) -> list[str]:
    """One ``## `` section as pieces of at most ``budget`` characters; later pieces repeat the heading, continued,
    and a table's header row when they start inside the table.

    A piece ends where a line says so (:func:`_ends_piece`), once it holds more than half the
    budget: adding or removing one line changes the piece it is in, not every piece after it, and
    two pieces never share a page (``dossier serve`` rewrites one page of a long list, not all).
    """
    whole = "\n".join(section)
    if len(whole) <= budget:  # nearly every section: no line can pass the budget
        return [whole.rstrip() + "\n"]
    pieces: list[list[str]] = [[]]
    used = 0
    header: list[str] = []
    least, every = budget * 11 // 20, max(1, budget // 10)
    ends = False
    for n, text in enumerate(section):
        if text.startswith("|") and n + 1 < len(section) and section[n + 1].startswith("|---"):
            header = [text, section[n + 1]]
        elif not text.startswith("|"):
            header = []
        if (ends or used + len(text) > budget) and len(pieces[-1]) > 2:
            pieces.append([f"{section[0]} (continued)", "", *(header if text not in header else [])])
            used = 0
        pieces[-1].append(text)
        used += len(text) + 1
        ends = used > least and _ends_piece(text, every) and not "".join(section[n + 1 : n + 2]).startswith("|---")
    return ["\n".join(piece).rstrip() + "\n" for piece in pieces]


def _ends_piece(text: str, every: int) -> bool:
    """A line ends a piece with odds in proportion to its length (one in ``every`` characters, by the
    hash of the line): pieces then hold about as many characters whatever their lines' lengths."""
    return zlib.crc32(text.encode("utf-8", "surrogatepass")) % every <= len(text)


def article_line(path: str, info: ArticleInfo) -> str:
    agency = f" · {md_escape(info.agency)}" if info.agency else ""
    headline = md_escape(info.analysis.article.headline)
    return f"- {long_date(info)} · [{headline}]({rel_md(path, info.page)}){agency}"


def home(corpus: Corpus, config: SiteConfig) -> Page:
    dated = [a for a in corpus.articles if a.analysis.pubdate.date]
    years = sorted({a.analysis.pubdate.date.year for a in dated if a.analysis.pubdate.date})
    span = f"from {years[0]} to {years[-1]}" if years else "with no established dates yet"
    people = sum(1 for e in corpus.entities.values() if e.kind == "person")
    quotes = sum(len(a.analysis.quotes) for a in corpus.articles)
    lines = [
        front_matter({"title": config.title, "description": config.description, "hide": ["navigation"]}),
        f"# {md_escape(config.title)}",
        "",
        md_escape(config.description) if config.description else "",
        "",
        f"**{len(corpus.articles)} articles** {span} · **{len(corpus.entities)} people, organisations and places** "
        f"({people} people) · **{len(corpus.events)} dated events** · **{quotes} quotes**",
        "",
        "[Timeline](timeline.md){ .md-button .md-button--primary } "
        "[Archive](archive/index.md){ .md-button } "
        "[People, organisations, places](entities/index.md){ .md-button } "
        "[Who said what](quotes.md){ .md-button }",
        "",
        "## Latest articles",
        "",
    ]
    lines += [article_line("index.md", info) for info in corpus.articles[:10]]
    undated = len(corpus.articles) - len(dated)
    if undated:
        lines += ["", f"{undated} article(s) have no established date: see [date uncertain](archive/undated.md)."]
    errors = sum(1 for p in corpus.problems if p.level == "error")
    if errors:
        lines += ["", f"{errors} file(s) in the content folder could not be read: see [problems](problems.md)."]
    return Page("index.md", "\n".join(lines).rstrip() + "\n")


def archive(corpus: Corpus, config: SiteConfig) -> list[Page]:
    by_year: dict[int, list[ArticleInfo]] = defaultdict(list)
    undated: list[ArticleInfo] = []
    for info in corpus.articles:
        date = info.analysis.pubdate.date
        (by_year[date.year] if date else undated).append(info)
    lines = [front_matter({"title": "Archive"}), "# Archive", "", "| Year | Articles |", "|---|---|"]
    for year in sorted(by_year, reverse=True):
        lines.append(f"| [{year}]({year}.md) | {len(by_year[year])} |")
    if undated:  # no link to an empty page
        lines.append(f"| [Date uncertain](undated.md) | {len(undated)} |")
    pages = [Page("archive/index.md", "\n".join(lines) + "\n")]
    for year, infos in sorted(by_year.items()):
        pages += paginate(f"archive/{year}", f"Articles of {year}", infos, config.page_size, _month_line(infos))
    intro = [
        "These articles have a dateline without a year, or no date at all, and the text does not",
        "settle which year they are from. Each page lists the years that remain possible.",
        "Add a year hint in `site_config/site.yml` (`year_hints`) when you know it.",
    ]
    if undated:
        pages += paginate("archive/undated", "Date uncertain", undated, config.page_size, article_line, intro)
    return pages


def _month_line(infos: Sequence[ArticleInfo]) -> Callable[[str, ArticleInfo], str]:
    """Article lines with a month heading before the first article of each month."""
    first_of_month: dict[tuple[int, int], str] = {}
    for info in infos:
        date = info.analysis.pubdate.date
        if date is not None:
            first_of_month.setdefault((date.year, date.month), info.id)

    def line(path: str, info: ArticleInfo) -> str:
        date = info.analysis.pubdate.date
        text = article_line(path, info)
        if date is not None and first_of_month.get((date.year, date.month)) == info.id:
            return f"\n## {date:%B %Y}\n\n{text}"
        return text

    return line


def sources(corpus: Corpus, config: SiteConfig) -> list[Page]:
    by_source: dict[str, list[ArticleInfo]] = defaultdict(list)
    for info in corpus.articles:
        by_source[info.agency or UNATTRIBUTED].append(info)
    lines = [front_matter({"title": "Sources"}), "# Sources", "", "| Source | Articles |", "|---|---|"]
    pages: list[Page] = []
    described = {a.name: a.description for a in config.sources.agencies}
    for name in sorted(by_source, key=lambda n: (-len(by_source[n]), n)):
        slug = corpus.source_slugs[name]
        lines.append(f"| [{md_escape(name)}]({slug}.md) | {len(by_source[name])} |")
        intro = [md_escape(described[name])] if described.get(name) else []
        pages += paginate(f"sources/{slug}", name, by_source[name], config.page_size, article_line, intro)
    return [Page("sources/index.md", "\n".join(lines) + "\n"), *pages]


INDEX_DESCRIPTION = "Everyone and everything the dossier names."


def entity_indexes(corpus: Corpus, config: SiteConfig, network: CoOccurrence | None = None) -> list[Page]:
    """People & places: the dossier's network, then each kind's best-known entities, linked to
    their full paginated lists; a kind with no entity gets no section and no link."""
    pages = []
    path = "entities/index.md"
    lines = [
        front_matter({"title": "People, organisations and places", "description": INDEX_DESCRIPTION, "search": LIST_SEARCH}),
        "# People, organisations and places",
        "",
    ]
    picture = dossier_network(corpus, network or cooccurrence(corpus), path)
    if picture:
        lines += ["## Who appears with whom", "", picture, ""]
    line = _entity_line(corpus)
    paged: dict[str, list[EntityRef]] = defaultdict(list)
    unpaged: list[EntityRef] = []
    for entity in corpus.entities.values():  # one pass, in the corpus's order
        (paged[entity.kind] if corpus.has_page(entity.id) else unpaged).append(entity)
    for kind, folder in KIND_FOLDERS.items():
        entities = paged.get(kind, [])
        entities.sort(key=lambda e: (e.name, e.id))  # the full list A to Z: one more article moves no line
        pages += paginate(f"entities/{folder}/index", KIND_TITLES[kind], entities, config.page_size, line)
        if not entities:
            continue
        best = sorted(entities, key=lambda e: (-len(corpus.entity_articles[e.id]), e.name))[: config.page_size]
        lines += [f"## {KIND_TITLES[kind]}", ""] + [line(path, e) for e in best]
        if len(entities) > config.page_size:
            lines.append(f"- [all {len(entities)} {KIND_TITLES[kind].lower()} →]({folder}/index.md)")
        lines.append("")
    once = sorted(unpaged, key=lambda e: (e.name, e.id))
    if once:
        lines += [f"- [{len(once)} names found in too few articles for a page of their own](once.md)", ""]
        intro = [
            f"Names found in fewer than {config.entity_min_articles} articles and not in the gazetteer: "
            "each is marked in its article and has no page of its own."
        ]
        pages += paginate("entities/once", "Names without a page", once, config.page_size, _once_line(corpus), intro)
    if not corpus.entities:
        lines.append("No names found yet.")
    return [Page(path, "\n".join(lines).rstrip() + "\n"), *pages]


def _once_line(corpus: Corpus) -> Callable[[str, EntityRef], str]:
    made: dict[tuple[str, str], str] = {}  # (page, article) -> its link: an article is named by many of these lines

    def link(path: str, article_id: str) -> str:
        found = made.get((path, article_id))
        if found is None:
            info = corpus.by_id[article_id]
            found = made[(path, article_id)] = f"[{md_escape(info.analysis.article.headline)}]({rel_md(path, info.page)})"
        return found

    def line(path: str, entity: EntityRef) -> str:
        links = ", ".join([link(path, a) for a in corpus.entity_articles.get(entity.id, ())[:3]])
        return f"- {md_escape(entity.name)} · {entity.kind} · in {links}"

    return line


def _entity_line(corpus: Corpus) -> Callable[[str, EntityRef], str]:
    def line(path: str, entity: EntityRef) -> str:
        count = len(corpus.entity_articles[entity.id])
        note = "" if entity.curated else " · *found in the text, not yet reviewed*"
        link = rel_md(path, corpus.entity_page(entity.id))
        return f"- [{md_escape(entity.name)}]({link}) · {count} article{'s' if count != 1 else ''}{note}"

    return line


def problems_page(corpus: Corpus) -> Page:
    lines = [
        front_matter({"title": "Problems"}),
        "# Problems",
        "",
        "Files in the content folder that could not be read, and warnings about the analysis.",
        "Every other article is in the dossier. To hide this page, set `problems_page: false` in",
        "`site_config/site.yml`.",
        "",
    ]
    if not corpus.problems:
        lines.append("No problems: every file was read.")
    else:
        lines += ["## Files and warnings", "", "| File | Level | Message |", "|---|---|---|"]
        for problem in corpus.problems:
            lines.append(f"| {md_escape(problem.source)} | {problem.level} | {md_escape(problem.message)} |")
    return Page("problems.md", "\n".join(lines + _dates_for_an_editor(corpus)) + "\n")


def _dates_for_an_editor(corpus: Corpus) -> list[str]:
    """Articles whose year is only probable or uncertain: an editor settles them (`dossier date accept`)."""
    waiting = [info for info in corpus.articles if info.analysis.pubdate.status in ("probable", "uncertain")]
    if not waiting:
        return ["", "Every article's date is stated or inferred from its text."]
    lines = [
        "",
        "## Dates that need an editor",
        "",
        "The year of these articles is not established. Accept a probable year, or set one, with",
        "`dossier date accept FILE [YEAR]` (it writes `year_hints` in `site_config/site.yml`); `dossier check`",
        "lists the evidence.",
        "",
    ]
    for info in waiting:
        pubdate = info.analysis.pubdate
        years = ", ".join(str(d.year) for d in pubdate.candidates) or "none found"
        if pubdate.status == "probable" and pubdate.date is not None:
            state = f"probably {pubdate.date.year} (not ruled out: {years})"
        else:
            state = f"uncertain (possible years: {years})"
        source = md_escape(info.analysis.article.source)
        lines.append(f"- [{md_escape(info.analysis.article.headline)}]({rel_md('problems.md', info.page)}) · {source} · {state}")
    return lines
