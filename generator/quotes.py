"""Quote spans and speaker attribution.

STUB: to be filled in (issue 5). The interface below is what the pipeline calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.models import Article, EntityRef, Mention, Quote


@dataclass(frozen=True)
class QuoteCues:
    """Cue verbs and role nouns, from site_config/quotes.yml."""

    verbs: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


def load_cues(data: object, path: str) -> tuple[QuoteCues, list[str]]:
    """Parse site_config/quotes.yml; return the cues and error messages."""
    return QuoteCues(), []


def find_quotes(
    article: Article,
    mentions: tuple[Mention, ...],
    entities: Mapping[str, EntityRef],
    cues: QuoteCues,
) -> tuple[Quote, ...]:
    """Every quote in the article with its speaker (an entity id, or None with a label)."""
    return ()
