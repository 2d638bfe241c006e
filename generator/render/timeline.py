"""The timeline: every dated event, by year and month, precision shown as it is known.

Plain Markdown with a little CSS (site_config/overrides/assets/dossier.css):
it renders without plugins and stays readable with hundreds of events, since
each year and month is a heading in the page's table of contents.
"""

from __future__ import annotations

from collections import defaultdict

from generator.config import SiteConfig
from generator.corpus import Corpus
from generator.models import Event, Page
from generator.render.article import anchor, article_line_for_undated, long_date, paragraph_number
from generator.render.frontmatter import front_matter
from generator.render.markup import md_escape, rel_md


def when(event: Event) -> str:
    """'2008', 'April 2012', '8 February 2012': never more precise than the source."""
    if event.precision == "year":
        return f"{event.date.year}"
    if event.precision == "month":
        return f"{event.date:%B %Y}"
    return f"{event.date.day} {event.date:%B %Y}"


def event_line(path: str, event: Event, corpus: Corpus) -> str:
    """One timeline entry: date, status, sentence, sources and entities, all linked."""
    status = " · **expected**" if event.status == "scheduled" else ""
    paragraphs: dict[str, list[int]] = {}
    for article_id, paragraph in event.sources:
        paragraphs.setdefault(article_id, []).append(paragraph)
    sources = []
    for article_id, numbers in paragraphs.items():
        info = corpus.by_id.get(article_id)
        if info is not None:
            first = rel_md(path, info.page, anchor(numbers[0]))
            more = "".join(f", [¶{paragraph_number(n)}]({rel_md(path, info.page, anchor(n))})" for n in numbers[1:])
            sources.append(f"[{md_escape(info.analysis.article.headline)}]({first}) ({long_date(info)}{more})")
    count = len({a for a, _ in event.sources})
    reported = f"reported in {count} articles: " if count > 1 else "source: "
    entities = [
        f"[{md_escape(corpus.entities[e].name)}]({rel_md(path, corpus.entity_page(e))})"
        for e in event.entities
        if e in corpus.entities
    ]
    who = f"  \n    {' · '.join(entities)}" if entities else ""
    return (
        f'- <span class="dossier-when" id="{event.id}">{when(event)}</span>{status} — {md_escape(event.text)}  \n'
        f"    <small>{reported}{'; '.join(sources)}</small>{who}"
    )


def render_timeline(corpus: Corpus, config: SiteConfig) -> list[Page]:
    by_year: dict[int, list[Event]] = defaultdict(list)
    for event in corpus.events:
        by_year[event.date.year].append(event)
    lines = [
        front_matter({"title": "Timeline", "description": f"Every dated event in the dossier, from {len(corpus.articles)} articles."}),
        "# Timeline",
        "",
        "Every dated statement in the dossier, in order. Dates are shown as precisely as the",
        "articles give them; **expected** marks what an article still looked forward to.",
        "",
    ]
    for year in sorted(by_year):
        lines += [f"## {year}", ""]
        month = None
        for event in by_year[year]:
            if event.precision != "year" and event.date.month != month:
                month = event.date.month
                lines += ["", f"### {event.date:%B %Y}", ""]
            lines.append(event_line("timeline.md", event, corpus))
        lines.append("")
    undated = [info for info in corpus.articles if info.analysis.pubdate.date is None]
    if undated:
        lines += [
            "## Articles with an uncertain date",
            "",
            "Their relative dates (\"on Monday\", \"next week\") stay unresolved rather than wrong.",
            "",
        ]
        lines += [article_line_for_undated("timeline.md", info) for info in undated[: config.page_size]]
        if len(undated) > config.page_size:
            lines.append(f"- and {len(undated) - config.page_size} more: see [date uncertain](archive/undated.md)")
    return [Page("timeline.md", "\n".join(lines).rstrip() + "\n")]
