"""What an entity's pages show beyond its own articles, as text for its re-render digest.

``rerender.PageMemo`` digests a unit's inputs; an entity page also draws its network picture,
lists its timeline entries (as folded into chains) and its conflicting accounts. Those inputs
are gathered here once per site rather than once per entity: an event is listed on the pages
of all its entities, and the conflicts are grouped by subject in one pass.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from generator.dossier.conflicts import Conflict
from generator.dossier.corpus import Corpus
from generator.models import Event
from generator.render.network import CoOccurrence, ego_inputs


class EntityShown:
    """``of(entity_id)``: the picture's inputs, the timeline entries and the conflicts of one entity page."""

    def __init__(self, corpus: Corpus, events_of: Mapping[str, Sequence[Event]], network: CoOccurrence) -> None:
        self.corpus = corpus
        self.events_of = events_of
        self.network = network
        self._events: dict[int, str] = {}  # id(event) -> repr (the events live in the corpus)
        self._conflicts: dict[str, list[Conflict]] | None = None

    def _event(self, event: Event) -> str:
        text = self._events.get(id(event))
        if text is None:
            text = self._events[id(event)] = repr(event)
        return text

    def of(self, entity_id: str) -> str:
        if self._conflicts is None:
            self._conflicts = defaultdict(list)
            for conflict in self.corpus.conflicts:
                self._conflicts[conflict.subject].append(conflict)
        events = ", ".join(self._event(e) for e in self.events_of.get(entity_id, ()))
        conflicts = repr(self._conflicts.get(entity_id, []))
        return f"{ego_inputs(self.corpus, self.network, entity_id)}\0[{events}]\0{conflicts}"
