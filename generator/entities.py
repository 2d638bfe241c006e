"""People, organisations and places: gazetteer, discovery, alias and surname resolution.

STUB: to be filled in (issue 3). The interface below is what the pipeline calls.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.models import Article, EntityRef, Mention


@dataclass(frozen=True)
class Gazetteer:
    """The curated entities of site_config/entities.yml plus names the editor ignores."""

    entries: tuple[EntityRef, ...] = ()
    ignored: frozenset[str] = frozenset()


def load_gazetteer(data: object, path: str) -> tuple[Gazetteer, list[str]]:
    """Parse the YAML data of entities.yml; return the gazetteer and error messages."""
    return Gazetteer(), []


def recognise(article: Article, gazetteer: Gazetteer) -> tuple[tuple[Mention, ...], tuple[EntityRef, ...]]:
    """Mentions of entities in headline, standfirst and body, and entities discovered."""
    return (), ()
