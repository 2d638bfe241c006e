"""A page per major event: what was expected, what happened, who said what, the stories in order.

An event told by ``major_event_stories`` stories or more (site_config/site.yml), or a chain
expected -> what happened told by as many, gets ``events/<id>.md``; ``events/index.md`` lists them.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.config import SiteConfig
from generator.dossier import memo as dossier_memo
from generator.dossier.accounts import MajorEvent
from generator.dossier.chains import Chain
from generator.dossier.claims import Evidence
from generator.dossier.corpus import Corpus
from generator.models import ArticleInfo, Event, Page
from generator.render.accounts import conflict_text, step_text, when
from generator.render.article import anchor, long_date
from generator.render.frontmatter import front_matter
from generator.render.indexes import paginate
from generator.render.markup import md_escape, rel_md

TITLE_WORDS = 12


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
        anchor_event = [e for e in corpus.events if e.id == chain.anchor]
        for event in anchor_event:  # the other stories of the event the chain ends in
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
    events = set(major.events)
    conflicts = [c for c in corpus.conflicts if events & set(c.events)]
    lines = [front_matter({"title": heading}), f"# {md_escape(heading)}", "", f"Told by {len(infos)} stories in the dossier.", ""]
    lines += _what(path, major, corpus)
    if conflicts:
        lines += ["## Conflicting accounts", "", *[f"- {conflict_text(path, c, corpus)}" for c in conflicts], ""]
    lines += _quotes(path, infos, corpus) + _stories(path, infos)
    return Page(path, "\n".join(lines).rstrip() + "\n")


def render_event_pages(corpus: Corpus, config: SiteConfig) -> list[Page]:
    """A page per major event and an index of them; nothing when the dossier has none."""
    if not corpus.major_events:
        return []
    intro = [f"Events told by {config.accounts.major_event_stories} stories or more, each on a page of its own."]

    def line(path: str, major: MajorEvent) -> str:
        return f"- [{md_escape(title(major, corpus))}]({rel_md(path, major.page)}) · {len(major.articles)} stories"

    index = paginate("events/index", "Major events", corpus.major_events, config.page_size, line, intro)
    return [*index, *(render_event_page(major, corpus) for major in corpus.major_events)]
