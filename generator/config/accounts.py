"""What links stories across the dossier: site_config/accounts.yml (vocabularies for expected ->
what happened, and for conflicting accounts) and site_config/corrections.yml (an editor's word on
which of two conflicting accounts is wrong). Parsed once, every error reported together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAJOR_EVENT_STORIES = 3  # site.yml: major_event_stories


@dataclass(frozen=True)
class Correction:
    """One account an editor marks as wrong: the story (its path under content/) and its value."""

    source: str
    value: str = ""  # empty: every conflicting value of this story
    note: str = ""


@dataclass(frozen=True)
class Accounts:
    """Vocabularies and corrections for chains and conflicts; the defaults find nothing."""

    events: tuple[tuple[str, tuple[str, ...]], ...] = ()  # kind -> words that name it
    postponed: tuple[str, ...] = ()
    cancelled: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()
    requests: tuple[str, ...] = ()
    modals: tuple[str, ...] = ()
    planned: tuple[str, ...] = ()
    once_person: tuple[str, ...] = ()
    once_organisation: tuple[str, ...] = ()
    term_skip: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    major_event_stories: int = MAJOR_EVENT_STORIES


def _words(value: object, where: str, errors: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        errors.append(f"{where}: expected a list of words, found {value!r}")
        return ()
    return tuple(v.strip().casefold() for v in value)


def _mapping(value: object, where: str, errors: list[str]) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        errors.append(f"{where}: expected a mapping, found {type(value).__name__}")
        return {}
    return value


def _corrections(data: object, where: str, errors: list[str]) -> tuple[Correction, ...]:
    items = _mapping(data, where, errors).get("corrections") or []
    if not isinstance(items, list):
        errors.append(f"{where}: corrections: expected a list, found {type(items).__name__}")
        return ()
    found = []
    for i, item in enumerate(items):
        at = f"{where}: corrections[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("source"), str) or not item["source"].strip():
            errors.append(f"{at}: expected a mapping with a source (a path under content/), found {item!r}")
            continue
        value, note = item.get("value", ""), item.get("note", "")
        if not isinstance(value, str | int) or not isinstance(note, str):
            errors.append(f"{at}: expected value and note as text, found {value!r}, {note!r}")
            continue
        found.append(Correction(item["source"].strip(), str(value).strip(), note.strip()))
    return tuple(found)


def _threshold(site: dict[str, Any], where: str, errors: list[str]) -> int:
    value = site.get("major_event_stories", MAJOR_EVENT_STORIES)
    if not isinstance(value, int) or isinstance(value, bool) or value < 2:
        errors.append(f"{where}: major_event_stories: expected a whole number of at least 2, found {value!r}")
        return MAJOR_EVENT_STORIES
    return value


def load_accounts(
    vocabulary: object, corrections: object, site: dict[str, Any], paths: tuple[str, str, str]
) -> tuple[Accounts, list[str]]:
    """Parse accounts.yml, corrections.yml and site.yml's threshold; ``paths`` name the three files."""
    errors: list[str] = []
    vocab_path, corrections_path, site_path = paths
    raw = _mapping(vocabulary, vocab_path, errors)
    events = []
    for kind, words in sorted(_mapping(raw.get("events"), f"{vocab_path}: events", errors).items()):
        found = _words(words, f"{vocab_path}: events: {kind}", errors)
        if found:
            events.append((str(kind), found))
    accounts = Accounts(
        events=tuple(events),
        **{
            key: _words(raw.get(key), f"{vocab_path}: {key}", errors)
            for key in (
                "postponed",
                "cancelled",
                "negations",
                "requests",
                "modals",
                "planned",
                "once_person",
                "once_organisation",
                "term_skip",
            )
        },
        corrections=_corrections(corrections, corrections_path, errors),
        major_event_stories=_threshold(site, site_path, errors),
    )
    return accounts, errors


__all__ = ["Accounts", "Correction", "load_accounts"]
