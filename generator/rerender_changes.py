"""Which units' digest inputs may differ from the last build's, in a long-running process.

``rerender.PageMemo`` digests what each article and entity page shows. After one edit at
10,000 articles, gathering those inputs for every unit cost more than the rest of the pages
together, yet a unit's inputs are made of a few lines it shares with other units: each
article's line and its related articles' lines, each entity's line, the lines of the events
it is in. So those lines are compared with the last build's once per build, and only the units
that hold a line that changed are digested again; every other unit's inputs are equal to the
last build's, so is its digest (``PageMemo`` keeps both).

Conservative by design: an article whose analysis object is not the last build's, or whose
line changed, counts as changed wherever it is shown (its line on another article's page too).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from generator.models import Event


@dataclass(frozen=True)
class Seen:
    """What the units of one build were digested from (the lines are those of ``rerender``)."""

    base: str  # the settings and the entities with a page
    slugs: Mapping[str, str]  # source -> slug of its page
    infos: Mapping[str, str]  # article id -> its line
    analyses: Mapping[str, object]  # article id -> its analysis (compared by identity)
    related: Mapping[str, tuple[tuple[str, str], ...]]  # article id -> its related articles
    lines: Mapping[str, str]  # entity id -> its line
    entity_articles: Mapping[str, tuple[str, ...]]
    quoted_in: Mapping[str, Sequence[str]]  # speaker -> lines of the articles quoting them
    events_of: Mapping[str, Sequence[Event]]  # entity id -> the events it is in
    events: Sequence[Event]


@dataclass(frozen=True)
class Dirty:
    """The units to digest again; every other unit's digest is the last build's."""

    articles: frozenset[str]
    entities: frozenset[str]


def _differ(before: Mapping[str, object], now: Mapping[str, object], missing: object = None) -> set[str]:
    """The keys whose values differ (a key on one side only counts as differing from ``missing``)."""
    if before is now or before == now:
        return set()
    return {key for key in before.keys() | now.keys() if before.get(key, missing) != now.get(key, missing)}


Named = Callable[[str], Sequence[str]]  # article id -> the entities its page names


def _articles(before: Seen, now: Seen, shown: set[str], entity_lines: set[str], named: Named) -> set[str]:
    """Articles whose own line, analysis or related list changed (``shown``), or that show a changed article or entity."""
    dirty = set(shown)
    dirty.update(a for a, related in now.related.items() if before.related.get(a) != related)
    if shown:
        dirty.update(a for a, related in now.related.items() if any(r in shown for r, _ in related))
    if entity_lines:
        dirty.update(a for a in now.infos if not entity_lines.isdisjoint(named(a)))
    return dirty


def _entities(before: Seen, now: Seen, infos: set[str], entity_lines: set[str]) -> set[str]:
    """Entities whose line, articles, quoting articles or events changed, or that list a changed article or event."""
    dirty = set(entity_lines)
    dirty |= _differ(before.entity_articles, now.entity_articles)
    dirty |= _differ(before.quoted_in, now.quoted_in)
    dirty |= _differ(before.events_of, now.events_of)
    dirty.update(e for e, articles in now.entity_articles.items() if not infos.isdisjoint(articles))
    for event in now.events:  # an event's line holds its sources' lines and its entities'
        if any(a in infos for a, _ in event.sources) or (entity_lines and not entity_lines.isdisjoint(event.entities)):
            dirty.update(event.entities)
    return dirty


def dirty(before: Seen | None, now: Seen, named: Named, missing_line: str) -> Dirty | None:
    """The units to digest again since ``before`` (None: every unit). ``named``: the entities an article's page names."""
    if before is None or before.base != now.base or before.slugs != now.slugs:
        return None
    removed = before.infos.keys() - now.infos.keys()
    changed = {a for a, line in now.infos.items() if before.infos.get(a) != line} | removed
    shown = changed | {a for a, analysis in now.analyses.items() if before.analyses.get(a) is not analysis}
    entity_lines = _differ(before.lines, now.lines, missing_line)
    articles = _articles(before, now, shown, entity_lines, named)
    return Dirty(frozenset(articles), frozenset(_entities(before, now, changed, entity_lines)))
