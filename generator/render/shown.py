"""What an entity's pages show beyond its own articles, as text for its re-render digest.

``rerender.PageMemo`` digests a unit's inputs; an entity page also draws its network picture,
lists its timeline entries (as folded into chains) and its conflicting accounts. Those inputs
are gathered here once per site rather than once per entity: an event is listed on the pages
of all its entities, and the conflicts are grouped by subject in one pass.

A long-running process (``dossier serve``) builds a new network after every edit, yet most
entities' pictures are drawn from the same counts as before. The picture's inputs
(``network.ego_inputs``) are a function of the entity's partner counts, the names of the
entities in the network, and the partner counts and article counts of the entity and its ring.
So the text made last build is used again for an entity when the names are all as they were and
neither it nor any entity of its ring changed its partner counts or its article count; and the
whole of ``of`` when, besides, the entity's timeline entries and conflicts are as they were.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from generator.dossier import memo
from generator.dossier.conflicts import Conflict
from generator.dossier.corpus import Corpus
from generator.models import Event
from generator.render.network import CoOccurrence, ego_inputs, partner_names, ring_of

LIMIT = 12  # the ring of an entity's picture (network.ego_network's default)

_LAST = memo.held()  # the last build: "partners", "names", "sizes", "egos" (entity id -> (ring, text)),
# "events" and "conflicts" (entity id -> its timeline entries, its conflicts), "texts" (entity id -> (ego, ``of``))


class EntityShown:
    """``of(entity_id)``: the picture's inputs, the timeline entries and the conflicts of one entity page."""

    def __init__(self, corpus: Corpus, events_of: Mapping[str, Sequence[Event]], network: CoOccurrence) -> None:
        self.corpus = corpus
        self.events_of = events_of
        self.network = network
        self._conflicts: dict[str, list[Conflict]] | None = None
        self._egos: dict[str, tuple[list[str], str]] | None = None  # made on first use (a cold run needs none)
        self._reusable: dict[str, tuple[list[str], str]] = {}
        self._changed: set[str] = set()
        self._texts: dict[str, tuple[str, str]] = {}  # entity id -> (its picture's inputs, ``of``), this build's
        self._texts_before: dict[str, tuple[str, str]] = {}
        self._moved: set[str] = set()  # entities whose timeline entries or conflicts differ from the last build's

    def _start(self) -> None:
        """Group the conflicts, and find what the last build's pictures can be used again for."""
        self._conflicts = defaultdict(list)
        for conflict in self.corpus.conflicts:
            self._conflicts[conflict.subject].append(conflict)
        network, named = self.network, self.corpus.entity_articles
        names = partner_names(self.corpus, network)
        sizes = {e: len(named.get(e, ())) for e in network.partners}
        last: dict[str, Any] = dict(_LAST)
        if last and last["names"] == names:
            self._changed = _changed(last["partners"], network.partners, last["sizes"], sizes)
            self._reusable = last["egos"]
        if last:
            self._moved = _moved(last["events"], self.events_of) | _moved(last["conflicts"], self._conflicts)
            self._texts_before = last["texts"]
        self._egos = {}
        _LAST.clear()
        _LAST.update(partners=network.partners, names=names, sizes=sizes, egos=self._egos)
        _LAST.update(events=self.events_of, conflicts=self._conflicts, texts=self._texts)

    def _ego(self, entity_id: str) -> str:
        assert self._egos is not None
        found = self._reusable.get(entity_id)
        if found is not None and entity_id in self.network.partners and entity_id not in self._changed:
            if self._changed.isdisjoint(found[0]):
                self._egos[entity_id] = found
                return found[1]
        if entity_id not in self.network.partners:
            return ego_inputs(self.corpus, self.network, entity_id, LIMIT)  # no picture: nothing to keep
        text = ego_inputs(self.corpus, self.network, entity_id, LIMIT)
        self._egos[entity_id] = (ring_of(self.corpus, self.network, entity_id, LIMIT), text)
        return text

    def event_text(self, event: Event) -> str:
        return event_repr(event)

    def of(self, entity_id: str) -> str:
        if self._conflicts is None:
            self._start()
        assert self._conflicts is not None
        ego = self._ego(entity_id)
        found = self._texts_before.get(entity_id)
        if found is not None and found[0] == ego and entity_id not in self._moved:
            self._texts[entity_id] = found
            return found[1]
        events = ", ".join(self.event_text(e) for e in self.events_of.get(entity_id, ()))
        conflicts = repr(self._conflicts.get(entity_id, []))
        text = f"{ego}\0[{events}]\0{conflicts}"
        self._texts[entity_id] = (ego, text)
        return text


def event_repr(event: Event) -> str:
    """repr(event), kept with the event object: a long-running process's builds share the unchanged events."""
    return memo.derived("shown.event", event, None, lambda: repr(event))


Partners = Mapping[str, "Counter[str]"]


def _moved(before: Mapping[str, Sequence[object]], now: Mapping[str, Sequence[object]]) -> set[str]:
    """The keys whose lists differ (compared as lists: the same objects mostly, equal ones else)."""
    if before == now:
        return set()
    return {key for key in before.keys() | now.keys() if list(before.get(key, ())) != list(now.get(key, ()))}


def _changed(before: Partners, now: Partners, was: Mapping[str, int], sizes: Mapping[str, int]) -> set[str]:
    """The entities whose partner counts or article count differ from the last build's (or that are new)."""
    out: set[str] = set()
    for entity_id, partners in now.items():
        old = before.get(entity_id)
        # dict's own ==, in C: Counter's compares key by key in Python (and calls a missing key 0: stricter is safe)
        if old is None or was.get(entity_id) != sizes[entity_id] or not dict.__eq__(old, partners):
            out.add(entity_id)
    return out
