"""The timeline: every dated event, by year and month, precision shown as it is known.

Plain Markdown with a little CSS (site_config/overrides/assets/dossier.css):
it renders without plugins and stays readable with hundreds of events, since
each year and month is a heading in the page's table of contents. Past four
``page_size`` of events, timeline.md becomes an overview by year and each year
gets its own page(s), so no page grows without bound with the dossier.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from generator.config import SiteConfig
from generator.dossier import memo
from generator.dossier.corpus import Corpus
from generator.models import Event, Page
from generator.render import twin
from generator.render.accounts import account_notes, notes_of, timeline_events
from generator.render.article import anchor, article_line_for_undated, long_date, paragraph_number, pilcrow_parts
from generator.render.finish import unread_continuation
from generator.render.frontmatter import LIST_SEARCH, front_matter
from generator.render.indexes import paginate
from generator.render.listed import article_text
from generator.render.markup import md_escape, rel_md
from generator.render.twin import plain


def when(event: Event) -> str:
    """'2008', 'April 2012', '8 February 2012': never more precise than the source."""
    if event.precision == "year":
        return f"{event.date.year}"
    if event.precision == "month":
        return f"{event.date:%B %Y}"
    return f"{event.date.day} {event.date:%B %Y}"


def event_line(path: str, event: Event, corpus: Corpus, exclude: str = "") -> str:
    """One timeline entry: date, status, sentence, sources and entities, all linked.

    ``exclude`` names the entity whose own page this is: it is not linked to itself.
    """
    return _entry(path, event, corpus, exclude) + account_notes(path, event, corpus)


def event_item(path: str, event: Event, corpus: Corpus, exclude: str = "") -> tuple[str, str | None]:
    """``event_line`` and its item as finish.py makes it (render/twin.py); None for an entry with notes on
    chains, conflicts or event pages, or one finish.py would not read as the others (an odd id or name)."""
    notes = account_notes(path, event, corpus)
    line, made = _entry_twin(path, event, corpus, exclude, True)
    return line + notes, made if not notes else None


def _entry(path: str, event: Event, corpus: Corpus, exclude: str = "") -> str:
    """``event_line`` without what the chains, conflicts and event pages add."""
    return _entry_twin(path, event, corpus, exclude, False)[0]


_PLAIN_ID = re.compile(r"[A-Za-z0-9_.-]*")  # an id finish.py keeps as it is inside its tag


def _entry_twin(path: str, event: Event, corpus: Corpus, exclude: str, twinned: bool) -> tuple[str, str | None]:
    """``_entry``, and with ``twinned`` its item as finish.py makes it (or None): its lines' HTML, hard breaks between."""
    marks: list[tuple[str, str]] = []  # the entry's status, as Markdown and as finish.py makes it
    if event.status == "scheduled":
        marks.append(("**expected**", "<strong>expected</strong>"))
    if event.probable:
        marks.append(("*probable date*", "<em>probable date</em>"))
    status, status_made = "".join(f" · {md}" for md, _ in marks), "".join(f" · {html}" for _, html in marks)
    sources, sources_made = _sources(path, event, corpus, twinned)
    count = len({a for a, _ in event.sources})
    reported = f"reported in {count} articles: " if count > 1 else "source: "
    entities, entities_made = _named(path, event, corpus, exclude, twinned)
    who = f"  \n    {' · '.join(entities)}" if entities else ""
    opening, text = f'<span class="dossier-when" id="{event.id}">{when(event)}</span>', md_escape(event.text)
    line = f"- {opening}{status} — {text}  \n    <small>{reported}{'; '.join(sources)}</small>{who}"
    if not twinned or None in sources_made or None in entities_made or _PLAIN_ID.fullmatch(event.id) is None:
        return line, None
    if entities and unread_continuation(" · ".join(entities)):
        return line, None
    made = [f"{opening}{status_made} — {plain(text)}".rstrip(), f"<small>{reported}{'; '.join(sources_made)}</small>"]  # type: ignore[arg-type]
    if entities:
        made.append(" · ".join(entities_made))  # type: ignore[arg-type]
    return line, "<br />\n".join(made)


def _sources(path: str, event: Event, corpus: Corpus, twinned: bool) -> tuple[list[str], list[str | None]]:
    """Each article telling the event, linked to its paragraph(s), with its date; and, with ``twinned``, as HTML."""
    paragraphs: dict[str, list[int]] = {}
    for article_id, paragraph in event.sources:
        paragraphs.setdefault(article_id, []).append(paragraph)
    sources: list[str] = []
    made: list[str | None] = []
    for article_id, numbers in paragraphs.items():
        info = corpus.by_id.get(article_id)
        if info is None:
            continue
        first, headline = rel_md(path, info.page, anchor(numbers[0])), md_escape(info.analysis.article.headline)
        marks = [(f"¶{paragraph_number(n)}", *pilcrow_parts(path, info, n)) for n in numbers[1:]]
        more = "".join(f", [{number}]({target}){{{attrs}}}" for number, target, attrs in marks)  # ``pilcrow``
        sources.append(f"[{headline}]({first}) ({long_date(info)}{more})")
        if twinned:
            links = [twin.link(first, plain(headline)), *[twin.link(target, number, attrs) for number, target, attrs in marks]]
            made.append(None if None in links else f"{links[0]} ({long_date(info)}{''.join(f', {x}' for x in links[1:])})")
    return sources, made


def _named(path: str, event: Event, corpus: Corpus, exclude: str, twinned: bool) -> tuple[list[str], list[str | None]]:
    """The entities the event names (but ``exclude``), linked where they have a page; and, with ``twinned``, as HTML."""
    names: list[str] = []
    made: list[str | None] = []
    for e in event.entities:
        if e not in corpus.entities or e == exclude:
            continue
        name = md_escape(corpus.entities[e].name)
        if corpus.has_page(e):
            target = rel_md(path, corpus.entity_page(e))
            names.append(f"[{name}]({target})")
            made.append(twin.link(target, plain(name)) if twinned else None)
        else:
            names.append(name)
            made.append(plain(name) if twinned else None)
    return names, made


class _Entries:
    """The timeline's entries (``event_line``) of one build. A long-running process makes an entry again
    only when its event, or what it shows of its articles (page, headline, date) and entities (name,
    kind, page), differs from the last time the timeline was rendered: after an edit that changes the
    timeline's inputs, the ~24,000 entries of a 10,000-article dossier are mostly as they were."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.keeping = memo.keeps_last()
        self.before: dict[tuple[str, str], tuple[Event, object, str]] = _LAST.get("entries", {}) if self.keeping else {}
        self.now: dict[tuple[str, str], tuple[Event, object, str]] = {}
        if self.keeping:
            _LAST["entries"] = self.now
        self._articles: dict[str, object] = {}
        self._entities: dict[str, object] = {}
        self._notes = notes_of(corpus)

    def line(self, path: str, event: Event) -> str:
        corpus = self.corpus
        if not self.keeping:
            return _entry(path, event, corpus) + self._notes(path, event)
        key = (path, event.id)
        shown = (tuple([self._article(a) for a, _ in event.sources]), tuple([self._entity(e) for e in event.entities]))
        found = self.before.get(key)
        if found is not None and (found[0] is event or found[0] == event) and found[1] == shown:
            entry = found[2]
        else:
            entry = _entry(path, event, corpus)
        self.now[key] = (event, shown, entry)
        return entry + self._notes(path, event)

    def _article(self, article_id: str) -> object:
        found = self._articles.get(article_id, self)
        if found is self:
            info = self.corpus.by_id.get(article_id)
            found = self._articles[article_id] = None if info is None else article_text(info)
        return found

    def _entity(self, entity_id: str) -> object:
        found = self._entities.get(entity_id, self)
        if found is self:
            entity = self.corpus.entities.get(entity_id)
            paged = entity is not None and self.corpus.has_page(entity_id)
            found = self._entities[entity_id] = None if entity is None else (entity.name, paged, entity.kind)
        return found


_LAST = memo.held()  # "entries": the timeline's entries as last rendered (``_Entries``)


EVENTS_PER_PAGE = 4  # timeline pages hold up to this many times site.yml's page_size events


def events_per_page(config: SiteConfig) -> int:
    return max(1, config.page_size * EVENTS_PER_PAGE)


SEARCH: dict[str, object] = {"search": LIST_SEARCH}


def _intro(corpus: Corpus) -> list[str]:
    count = len(corpus.articles)
    return [
        front_matter({"title": "Timeline", "description": f"Every dated event in the dossier, from {count} articles.", **SEARCH}),
        "# Timeline",
        "",
        "Every dated statement in the dossier, in order. Dates are shown as precisely as the",
        "articles give them; **expected** marks what an article still looked forward to.",
        "",
    ] + (["Events told by several stories have [a page each](events/index.md).", ""] if corpus.major_events else [])


def _undated(corpus: Corpus, config: SiteConfig) -> list[str]:
    undated = [info for info in corpus.articles if info.analysis.pubdate.date is None]
    if not undated:
        return []
    lines = [
        "## Articles with an uncertain date",
        "",
        'Their relative dates ("on Monday", "next week") stay unresolved rather than wrong.',
        "",
    ]
    lines += [article_line_for_undated("timeline.md", info) for info in undated[: config.page_size]]
    if len(undated) > config.page_size:
        lines.append(f"- and {len(undated) - config.page_size} more: see [date uncertain](archive/undated.md)")
    return lines


def _by_year(corpus: Corpus) -> dict[int, list[Event]]:
    by_year: dict[int, list[Event]] = defaultdict(list)
    for event in timeline_events(corpus):  # a chain's events show in one entry
        by_year[event.date.year].append(event)
    return by_year


def _single_page(corpus: Corpus, config: SiteConfig, by_year: dict[int, list[Event]]) -> Page:
    """The whole timeline on timeline.md, a heading per year and month."""
    entries = _Entries(corpus)
    lines = _intro(corpus)
    for year in sorted(by_year):
        lines += [f"## {year}", ""]
        month = None
        for event in by_year[year]:
            if event.precision != "year" and event.date.month != month:
                month = event.date.month
                lines += ["", f"### {event.date:%B %Y}", ""]
            lines.append(entries.line("timeline.md", event))
        lines.append("")
    lines += _undated(corpus, config)
    return Page("timeline.md", "\n".join(lines).rstrip() + "\n")


def _year_line(entries: _Entries) -> Callable[[str, Event], str]:
    """Event lines with a month heading where the month changes on a page."""
    month_on: dict[str, int] = {}

    def line(path: str, event: Event) -> str:
        text = entries.line(path, event)
        if event.precision != "year" and month_on.get(path) != event.date.month:
            month_on[path] = event.date.month
            return f"\n## {event.date:%B %Y}\n\n{text}"
        return text

    return line


def _split_pages(corpus: Corpus, config: SiteConfig, by_year: dict[int, list[Event]]) -> list[Page]:
    """timeline.md as an overview by year; timeline/<year>.md (and -2, -3… when long) hold the events."""
    size = events_per_page(config)
    lines = _intro(corpus) + ["| Year | Events |", "|---|---|"]
    pages: list[Page] = []
    entries = _Entries(corpus)
    for year in sorted(by_year):
        lines.append(f"| [{year}](timeline/{year}.md) | {len(by_year[year])} |")
        pages += paginate(f"timeline/{year}", f"Timeline: {year}", by_year[year], size, _year_line(entries))
    lines.append("")
    lines += _undated(corpus, config)
    return [Page("timeline.md", "\n".join(lines).rstrip() + "\n"), *pages]


def render_timeline(corpus: Corpus, config: SiteConfig) -> list[Page]:
    """timeline.md alone for a small dossier; an overview and a page per year for a large one."""
    by_year = _by_year(corpus)
    if len(corpus.events) <= events_per_page(config):
        return [_single_page(corpus, config, by_year)]
    return _split_pages(corpus, config, by_year)
