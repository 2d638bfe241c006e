"""Chains and conflicting accounts as the timeline and entity pages show them.

A chain is shown once, in the timeline entry of its last event ("hearing expected 14 May 2025
(story of 2 April 2025) → postponed to 3 June 2025 (story of 12 May 2025) → held 3 June 2025
(story of 4 June 2025)"), with the sentence behind each link; the other events it stands for
leave the timeline. A conflict is flagged on each event told in its sentences and on its
entity's page, with every story and value, and says so when an editor marked one as wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from generator.dossier import memo as dossier_memo
from generator.dossier.accounts import MajorEvent
from generator.dossier.chains import Chain, Step
from generator.dossier.claims import Evidence
from generator.dossier.conflicts import Conflict
from generator.dossier.corpus import Corpus
from generator.models import Event
from generator.render.article import anchor
from generator.render.markup import md_escape, rel_md

STEP_WORDS = {"expected": "expected", "postponed": "postponed", "cancelled": "cancelled", "held": "held"}


def when(date: dt.date | None, precision: str | None) -> str:
    if date is None or precision is None:
        return ""
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return f"{date:%B %Y}"
    return f"{date.day} {date:%B %Y}"


def timeline_events(corpus: Corpus) -> list[Event]:
    """The events the timeline lists: those a chain stands for are shown in the chain's entry."""
    folded = {e for chain in corpus.chains for e in chain.events if e != chain.anchor}
    return [event for event in corpus.events if event.id not in folded]


def _story(path: str, corpus: Corpus, item: Evidence) -> str:
    info = corpus.by_id.get(item.article)
    if info is None:
        return "a story"
    date = info.analysis.pubdate.date
    label = f"story of {date.day} {date:%B %Y}" if date else md_escape(info.analysis.article.headline)
    return f"[{label}]({rel_md(path, info.page, anchor(item.paragraph))})"


def _first_per_story(items: Sequence[Evidence]) -> list[Evidence]:
    """One link per story, to its first sentence."""
    first: dict[str, Evidence] = {}
    for item in items:
        first.setdefault(item.article, item)
    return list(first.values())


def step_text(step: Step) -> str:
    """'expected 14 May 2025', 'postponed to 3 June 2025', 'postponed (no new date)', 'cancelled', 'held 3 June 2025'."""
    date = when(step.date, step.precision)
    if step.kind == "postponed":
        return f"postponed to {date}" if date else "postponed (no new date given)"
    if step.kind == "cancelled":
        return "cancelled"
    return f"{STEP_WORDS[step.kind]} {date}"


def chain_summary(path: str, chain: Chain, corpus: Corpus) -> str:
    """The chain in one line, each link naming the story that says so."""
    parts = []
    for step in chain.steps:
        stories = [_story(path, corpus, e) for e in _first_per_story(step.evidence)]
        parts.append(f"{step_text(step)} ({', '.join(stories)})")
    return f"{md_escape(chain.kind)} " + " → ".join(parts)


def _evidence_lines(path: str, chain: Chain, corpus: Corpus) -> list[str]:
    lines = []
    for step in chain.steps:
        first = step.evidence[0]
        lines.append(f"<small>{step_text(step)}: “{md_escape(first.text)}” ({_story(path, corpus, first)})</small>")
    return lines


def conflict_text(path: str, conflict: Conflict, corpus: Corpus) -> str:
    """'Stories disagree on Martin Kessler's prison term: 12 years (story of …); 15 years (story of …, marked as an error …)'."""
    entity = corpus.entities.get(conflict.subject)
    name = md_escape(entity.name) if entity else md_escape(conflict.subject)
    parts = []
    wrong = {a.value for a in conflict.accounts if a.corrected is not None}
    for value in sorted(conflict.values, key=lambda v: v in wrong):  # the standing value first
        told = [a for a in conflict.accounts if a.value == value]
        items = _first_per_story([Evidence(a.article, a.paragraph, a.text) for a in told])
        stories = ", ".join(_story(path, corpus, e) for e in items)
        notes = [a.corrected for a in told if a.corrected is not None]
        mark = ""
        if notes:
            note = next((n for n in notes if n), "")
            mark = " — **marked as an error by the editor**" + (f": {md_escape(note)}" if note else "")
        parts.append(f"{md_escape(value)} ({stories}){mark}")
    about = md_escape(conflict.about if conflict.kind != "date" else f"date {conflict.about}")
    head = "Corrected account" if conflict.corrected else "Stories disagree"
    return f"**{head}** on {name}’s {about}: " + "; ".join(parts)


def _page_of(corpus: Corpus, event: Event) -> str | None:
    """The page of the first major event that holds ``event`` (looked up, not scanned: the timeline
    asks this of every event)."""
    majors = corpus.major_events
    return dossier_memo.derived("render: event pages", majors, None, lambda: _pages_by_event(majors)).get(event.id)


def _pages_by_event(majors: Sequence[MajorEvent]) -> dict[str, str]:
    pages: dict[str, str] = {}
    for major in majors:
        for event_id in major.events:
            pages.setdefault(event_id, major.page)
    return pages


def _told_of(corpus: Corpus) -> tuple[dict[str | None, list[Chain]], dict[str, list[Conflict]]]:
    """Event id -> the chains anchored on it and the conflicts told in it, each in the corpus's order
    (looked up, not scanned: the timeline asks this of every event)."""
    chains, conflicts = corpus.chains, corpus.conflicts

    def made() -> tuple[dict[str | None, list[Chain]], dict[str, list[Conflict]]]:
        anchored: dict[str | None, list[Chain]] = {}
        for chain in chains:
            anchored.setdefault(chain.anchor, []).append(chain)
        told: dict[str, list[Conflict]] = {}
        for conflict in conflicts:
            for event_id in dict.fromkeys(conflict.events):
                told.setdefault(event_id, []).append(conflict)
        return anchored, told

    return dossier_memo.derived("render: told of", chains, conflicts, made)


def account_notes(path: str, event: Event, corpus: Corpus) -> str:
    """What a timeline entry adds for chains, conflicts and event pages (empty when there are none)."""
    return notes_of(corpus)(path, event)


def notes_of(corpus: Corpus) -> Callable[[str, Event], str]:
    """``account_notes`` for many events of one corpus: its chains, conflicts and event pages looked up once."""
    anchored, told = _told_of(corpus)
    majors = corpus.major_events
    pages = dossier_memo.derived("render: event pages", majors, None, lambda: _pages_by_event(majors))

    def notes(path: str, event: Event) -> str:
        if event.id not in anchored and event.id not in told and event.id not in pages:
            return ""
        return _notes(path, event, corpus, anchored.get(event.id, ()), told.get(event.id, ()), pages.get(event.id))

    return notes


def _notes(
    path: str, event: Event, corpus: Corpus, chains: Sequence[Chain], conflicts: Sequence[Conflict], page: str | None
) -> str:
    lines = []
    for chain in chains:
        lines += [f"**Chain:** {chain_summary(path, chain, corpus)}", *_evidence_lines(path, chain, corpus)]
    lines += [f"⚠ {conflict_text(path, c, corpus)}" for c in conflicts]
    if page and page != path:
        lines.append(f"[Everything on this event →]({rel_md(path, page)})")
    return "".join(f"  \n    {line}" for line in lines)


def entity_conflicts(path: str, entity_id: str, corpus: Corpus) -> list[str]:
    """The entity page's section on facts the stories disagree about (empty when they agree)."""
    found = [c for c in corpus.conflicts if c.subject == entity_id]
    if not found:
        return []
    return ["", "## Conflicting accounts", ""] + [f"- {conflict_text(path, c, corpus)}" for c in found]
