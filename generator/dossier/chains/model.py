"""A chain and its links, as the corpus, the pages and the export see them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from generator.dossier.claims import Evidence
from generator.language.calendar import date_at
from generator.models import HEADLINE, Precision

StepKind = Literal["expected", "postponed", "cancelled", "held"]


@dataclass(frozen=True)
class Step:
    """One link of a chain: what a story (or several) said had become of the event."""

    kind: StepKind
    date: dt.date | None  # expected/held: the date; postponed: the new date (None when not given)
    precision: Precision | None
    reported: dt.date | None  # the date of the first story that says so
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Chain:
    """An expected event followed through later stories to what happened to it."""

    id: str
    kind: str  # "hearing", from site_config/accounts.yml
    entities: tuple[str, ...]
    steps: tuple[Step, ...]
    events: tuple[str, ...]  # the timeline events it folds into one entry
    anchor: str | None  # the event whose timeline entry shows the chain

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.article for step in self.steps for e in step.evidence))

    @property
    def outcome(self) -> StepKind:
        return self.steps[-1].kind

    def as_json(self) -> dict[str, Any]:
        """The export's view: dates written at their precision."""
        return {
            "id": self.id,
            "kind": self.kind,
            "outcome": self.outcome,
            "entities": list(self.entities),
            "articles": list(self.articles),
            "events": list(self.events),
            "steps": [
                {
                    "kind": step.kind,
                    "date": date_at(step.date, step.precision) if step.date and step.precision else None,
                    "precision": step.precision,
                    "reported": step.reported.isoformat() if step.reported else None,
                    "evidence": [
                        {"article": e.article, "paragraph": e.paragraph - HEADLINE, "text": e.text} for e in step.evidence
                    ],
                }
                for step in self.steps
            ],
        }
