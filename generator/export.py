"""JSON views of the analysed dossier: the version-1 export (../shared/contract.md) and TimelineJS."""

from __future__ import annotations

from typing import Any

from generator.dossier.accounts import accounts_json
from generator.dossier.corpus import Corpus
from generator.models import ArticleInfo, Event
from generator.render.article import paragraph_number

VERSION = 1


def _article(info: ArticleInfo, corpus: Corpus) -> dict[str, Any]:
    analysis = info.analysis
    article, pubdate = analysis.article, analysis.pubdate
    line = article.dateline
    counts: dict[str, int] = {}
    for mention in analysis.mentions:
        if mention.entity in corpus.entities:
            counts[mention.entity] = counts.get(mention.entity, 0) + 1
    return {
        "id": info.id,
        "source": article.source,
        "page": info.page,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "agency": info.agency,
        "agency_as_written": article.agency_as_written,
        "dateline": {"place": line.place, "month_day": line.month_day, "text": line.text} if line else None,
        "date": pubdate.date.isoformat() if pubdate.date else None,
        "date_status": pubdate.status,
        "date_candidates": [d.isoformat() for d in pubdate.candidates],
        "date_evidence": list(pubdate.evidence),
        "entities": [{"id": eid, "mentions": n} for eid, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker if q.speaker in corpus.entities else None,
                "speaker_label": q.speaker_label,
                "paragraph": paragraph_number(q.paragraph),
                "resolved_by": q.resolved_by,
                "kind": q.kind,
            }
            for q in analysis.quotes
        ],
        "source_errors": [
            {"text": e.text, "suggestion": e.suggestion, "paragraph": paragraph_number(e.paragraph)}
            for e in analysis.source_errors
        ],
        "related": [other for other, _ in info.related],
    }


def _date_value(event: Event) -> str:
    if event.precision == "year":
        return f"{event.date.year}"
    if event.precision == "month":
        return f"{event.date:%Y-%m}"
    return event.date.isoformat()


def to_json(corpus: Corpus) -> dict[str, Any]:
    """The version-1 export: every key present, empty lists or null when there is nothing."""
    return {
        "version": VERSION,
        "articles": [_article(info, corpus) for info in sorted(corpus.articles, key=lambda i: i.id)],
        "entities": [
            {
                "id": entity.id,
                "name": entity.name,
                "kind": entity.kind,
                "aliases": list(entity.aliases),
                "page": corpus.entity_page(entity.id) if corpus.has_page(entity.id) else None,  # None: named in too few articles
                "articles": list(corpus.entity_articles.get(entity.id, ())),
            }
            for entity in corpus.entities.values()
        ],
        "events": [
            {
                "id": event.id,
                "date": _date_value(event),
                "precision": event.precision,
                "status": event.status,
                "text": event.text,
                "articles": sorted({a for a, _ in event.sources}),
                "entities": list(event.entities),
            }
            for event in corpus.events
        ],
        **accounts_json(corpus.chains, corpus.conflicts, corpus.major_events),
        "problems": [{"source": p.source, "level": p.level, "message": p.message} for p in corpus.problems],
    }


def to_timelinejs(corpus: Corpus, title: str, group_by: str = "source") -> dict[str, Any]:
    """TimelineJS 3 JSON: the same events, dates as precise as known, grouped by source or entity."""
    events = []
    for event in corpus.events:
        start: dict[str, str] = {"year": str(event.date.year)}
        if event.precision in ("month", "day"):
            start["month"] = str(event.date.month)
        if event.precision == "day":
            start["day"] = str(event.date.day)
        infos = [corpus.by_id[a] for a, _ in event.sources if a in corpus.by_id]
        if group_by == "entity":
            group = (
                corpus.entities[event.entities[0]].name if event.entities and event.entities[0] in corpus.entities else "Other"
            )
        else:
            group = (infos[0].agency if infos else None) or "Unattributed"
        headline = event.text if len(event.text) <= 90 else event.text[:87].rsplit(" ", 1)[0] + "…"
        sources = "; ".join(f"{i.analysis.article.headline}" for i in infos)
        expected = ("Expected. " if event.status == "scheduled" else "") + ("Probable date. " if event.probable else "")
        events.append(
            {
                "start_date": start,
                "text": {"headline": headline, "text": f"{expected}{event.text} (Source: {sources})"},
                "group": group,
                "unique_id": event.id,
            }
        )
    return {"title": {"text": {"headline": title, "text": f"{len(events)} dated events"}}, "events": events}
