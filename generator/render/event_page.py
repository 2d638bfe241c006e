"""A page per major event: what was expected, what happened, who said what, the stories in order.

An event told by ``major_event_stories`` stories or more (site_config/site.yml), or a chain
expected -> what happened told by as many, gets ``events/<id>.md``; ``events/index.md`` lists them.

A long-running process (``dossier serve``) renders a page again only when what it reads changed:
``_inputs`` gathers every object of the corpus a page is made from (the major event, its chain,
events, conflicts, the analyses, pages and agencies of the stories it names, the entities it
links), all frozen values; the last build's page is used again when they are equal (mostly the
very same objects, compared by identity first).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from generator.config import SiteConfig
from generator.dossier import memo as dossier_memo
from generator.dossier.accounts import MajorEvent
from generator.dossier.chains import Chain
from generator.dossier.claims import Evidence
from generator.dossier.conflicts import Conflict
from generator.dossier.corpus import Corpus
from generator.models import ArticleInfo, Event, Page
from generator.render.accounts import conflict_text, step_text, when
from generator.render.article import anchor, long_date
from generator.render.frontmatter import front_matter
from generator.render.indexes import paginate
from generator.render.markup import md_escape, rel_md

TITLE_WORDS = 12

_LAST = dossier_memo.held()  # the last build's "pages" (major id -> (inputs, title, page)) and "index" (inputs, pages)


def _short(text: str, words: int = TITLE_WORDS) -> str:
    cut = text.split()
    return " ".join(cut[:words]) + ("…" if len(cut) > words else "")


def title(major: MajorEvent, corpus: Corpus) -> str:
    """'Hearing: Martin Kessler, 3 June 2025' for a chain; the event's date and opening words otherwise."""
    chain = _chain(major, corpus)
    if chain is not None:
        names = ", ".join(corpus.entities[e].name for e in chain.entities if e in corpus.entities)
        last = next((s for s in reversed(chain.steps) if s.date), chain.steps[0])
        return f"{chain.kind[:1].upper()}{chain.kind[1:]}: {names}, {when(last.date, last.precision)}"
    event = _events(major, corpus)[0]
    return f"{when(event.date, event.precision)}: {_short(event.text)}"


def _chain(major: MajorEvent, corpus: Corpus) -> Chain | None:
    return next((c for c in corpus.chains if c.id == major.chain), None) if major.chain else None


def _events(major: MajorEvent, corpus: Corpus) -> list[Event]:
    """The major event's events, in the corpus's order."""
    events = corpus.events
    where = dossier_memo.derived("render: event positions", events, None, lambda: _positions(events))
    found = sorted({i for event_id in set(major.events) for i in where.get(event_id, ())})
    return [corpus.events[i] for i in found]


def _anchored(chain: Chain, corpus: Corpus) -> list[Event]:
    """The events the chain ends in (those with its anchor's id), in the corpus's order."""
    events = corpus.events
    where = dossier_memo.derived("render: event positions", events, None, lambda: _positions(events))
    return [events[i] for i in where.get(chain.anchor or "", ())] if chain.anchor is not None else []


def _conflicts(major: MajorEvent, corpus: Corpus) -> list[Conflict]:
    """The conflicts told in the major event's events, in the corpus's order (looked up, not scanned)."""
    conflicts = corpus.conflicts
    where = dossier_memo.derived("render: conflict positions", conflicts, None, lambda: _conflict_positions(conflicts))
    return [conflicts[i] for i in sorted({i for event_id in set(major.events) for i in where.get(event_id, ())})]


def _conflict_positions(conflicts: Sequence[Conflict]) -> dict[str, list[int]]:
    where: dict[str, list[int]] = {}
    for i, conflict in enumerate(conflicts):
        for event_id in set(conflict.events):
            where.setdefault(event_id, []).append(i)
    return where


def _positions(events: Sequence[Event]) -> dict[str, list[int]]:
    where: dict[str, list[int]] = {}
    for i, event in enumerate(events):
        where.setdefault(event.id, []).append(i)
    return where


def _sentence_line(path: str, corpus: Corpus, item: Evidence, lead: str) -> str:
    info = corpus.by_id.get(item.article)
    if info is None:
        return f"- {lead}“{md_escape(item.text)}”"
    link = rel_md(path, info.page, anchor(item.paragraph))
    return f"- {lead}“{md_escape(item.text)}” — [{md_escape(info.analysis.article.headline)}]({link}), {long_date(info)}"


def _told(event: Event, corpus: Corpus) -> list[tuple[str, Evidence]]:
    """Each story's own sentence for a plain event, with its status there (expected or past)."""
    found: list[tuple[str, Evidence]] = []
    for article, paragraph in event.sources:
        info = corpus.by_id.get(article)
        if info is None:
            continue
        for timex in info.analysis.timexes:
            if timex.paragraph == paragraph and timex.value == event.date and timex.precision == event.precision:
                found.append((timex.status, Evidence(article, paragraph, timex.sentence.strip())))
                break
    return found


def _what(path: str, major: MajorEvent, corpus: Corpus) -> list[str]:
    """'What was expected' and 'What happened', from the chain's links or each story's sentence."""
    chain = _chain(major, corpus)
    expected: list[str] = []
    happened: list[str] = []
    if chain is not None:
        for step in chain.steps:
            target = expected if step.kind == "expected" else happened
            target += [_sentence_line(path, corpus, e, f"**{step_text(step)}**: ") for e in step.evidence]
        shown = {(e.article, e.paragraph) for step in chain.steps for e in step.evidence}
        for event in _anchored(chain, corpus):  # the other stories of the event the chain ends in
            for status, item in _told(event, corpus):
                if (item.article, item.paragraph) not in shown and status == "past":
                    happened.append(_sentence_line(path, corpus, item, f"**{when(event.date, event.precision)}**: "))
    else:
        for event in _events(major, corpus):
            for status, item in _told(event, corpus):
                target = expected if status == "scheduled" else happened
                target.append(_sentence_line(path, corpus, item, f"**{when(event.date, event.precision)}**: "))
    lines = []
    if expected:
        lines += ["## What was expected", "", *expected, ""]
    lines += [
        "## What happened",
        "",
        *(happened or ["Nothing later in the dossier says whether it happened: it stays *expected*."]),
        "",
    ]
    return lines


def _quotes(path: str, infos: Sequence[ArticleInfo], corpus: Corpus) -> list[str]:
    lines = []
    for info in infos:
        for quote in info.analysis.quotes:
            speaker = corpus.entities.get(quote.speaker or "")
            who = (
                f"[{md_escape(speaker.name)}]({rel_md(path, corpus.entity_page(speaker.id))})"
                if speaker and corpus.has_page(speaker.id)
                else md_escape(speaker.name if speaker else quote.speaker_label)
            )
            link = rel_md(path, info.page, anchor(quote.paragraph))
            lines.append(f"- {who}: “{md_escape(quote.text)}” — [{long_date(info)}]({link})")
    return ["## Who said what", "", *lines, ""] if lines else []


def _stories(path: str, infos: Sequence[ArticleInfo]) -> list[str]:
    lines = []
    for info in infos:
        agency = f" · {md_escape(info.agency)}" if info.agency else ""
        lines.append(f"- {long_date(info)} · [{md_escape(info.analysis.article.headline)}]({rel_md(path, info.page)}){agency}")
    return ["## The stories, in order", "", *lines, ""]


def render_event_page(major: MajorEvent, corpus: Corpus) -> Page:
    path = major.page
    heading = title(major, corpus)
    infos = [corpus.by_id[a] for a in major.articles if a in corpus.by_id]
    conflicts = _conflicts(major, corpus)
    lines = [front_matter({"title": heading}), f"# {md_escape(heading)}", "", f"Told by {len(infos)} stories in the dossier.", ""]
    lines += _what(path, major, corpus)
    if conflicts:
        lines += ["## Conflicting accounts", "", *[f"- {conflict_text(path, c, corpus)}" for c in conflicts], ""]
    lines += _quotes(path, infos, corpus) + _stories(path, infos)
    return Page(path, "\n".join(lines).rstrip() + "\n")


def _speakers(info: ArticleInfo) -> tuple[str, ...]:
    """The speakers of an article's quotes, as its quotes name them (kept with the analysis)."""
    quotes = info.analysis.quotes
    return dossier_memo.derived("event_page.speakers", info.analysis, None, lambda: tuple([q.speaker or "" for q in quotes]))


def _inputs(major: MajorEvent, corpus: Corpus) -> tuple[Hashable, ...]:
    """Every object of the corpus ``render_event_page`` and ``title`` read for this major event."""
    chain = _chain(major, corpus)
    events = _events(major, corpus)
    anchored = _anchored(chain, corpus) if chain is not None else []
    conflicts = _conflicts(major, corpus)
    ids = list(major.articles)
    named: list[str] = [c.subject for c in conflicts]
    if chain is not None:
        ids += [e.article for step in chain.steps for e in step.evidence]
        named += chain.entities
    ids += [article for event in (*events, *anchored) for article, _ in event.sources]
    ids += [account.article for conflict in conflicts for account in conflict.accounts]
    by_id = corpus.by_id
    articles = []
    for article in dict.fromkeys(ids):
        info = by_id.get(article)
        articles.append((article,) if info is None else (article, info.page, info.agency, info.analysis))
        if info is not None and article in major.articles:
            named += _speakers(info)
    entities = [(e, corpus.entities.get(e), corpus.has_page(e)) for e in dict.fromkeys(named)]
    return (major, chain, tuple(events), tuple(anchored), tuple(conflicts), tuple(articles), tuple(entities))


def _pages(corpus: Corpus) -> list[tuple[str, Page]]:
    """Each major event's title and page: the last build's when its inputs are equal."""
    last: dict[str, tuple[tuple[Hashable, ...], str, Page]] = _LAST.get("pages", {})
    now: dict[str, tuple[tuple[Hashable, ...], str, Page]] = {}
    out = []
    for major in corpus.major_events:
        inputs = _inputs(major, corpus)
        found = last.get(major.id)
        if found is None or found[0] != inputs:
            found = (inputs, title(major, corpus), render_event_page(major, corpus))
        now[major.id] = found
        out.append(found[1:])
    _LAST["pages"] = now
    return out


def render_event_pages(corpus: Corpus, config: SiteConfig) -> list[Page]:
    """A page per major event and an index of them; nothing when the dossier has none."""
    if not corpus.major_events:
        return []
    made = _pages(corpus)
    intro = [f"Events told by {config.accounts.major_event_stories} stories or more, each on a page of its own."]
    titled = [(major, heading) for major, (heading, _) in zip(corpus.major_events, made, strict=True)]
    inputs = (tuple((major.page, heading, len(major.articles)) for major, heading in titled), config.page_size, tuple(intro))

    def line(path: str, item: tuple[MajorEvent, str]) -> str:
        major, heading = item
        return f"- [{md_escape(heading)}]({rel_md(path, major.page)}) · {len(major.articles)} stories"

    index = dossier_memo.while_equal(
        _LAST, "index", inputs, lambda: paginate("events/index", "Major events", titled, config.page_size, line, intro)
    )
    return [*index, *(page for _, page in made)]
