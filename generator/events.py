"""Timeline events. STUB until the timex helper lands its version."""

from __future__ import annotations

from collections.abc import Sequence

from generator.models import Analysis, Event


def build_events(items: Sequence[tuple[str, Analysis]]) -> tuple[Event, ...]:
    return ()
