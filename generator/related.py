"""Related articles. STUB until the entities helper lands its version."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def related_articles(
    items: Sequence[tuple[str, Mapping[str, int], str]], names: Mapping[str, str], limit: int = 5
) -> dict[str, tuple[tuple[str, str], ...]]:
    return {}
