"""Each story's items grouped into buckets, and what is made of each bucket, brought up to date after an edit.

The timeline groups every story's dated sentences by date and merges those of one date; a
long-running process (``dossier serve``) builds it again after every edit, when all stories but
the edited one hand in the very same items (dossier/memo.py). Only the buckets that an edited,
added or removed story had or has items in are made again; the others keep what was made of them.
Made afresh or updated, each bucket holds the same items in the same order, so what is made of it
is the same.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Made = TypeVar("Made")
Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class Grouped(Generic[Key, Item, Made]):
    """Items of every story by bucket, and what was made of each bucket."""

    parts: Mapping[str, Sequence[Item]]  # story -> its items, the very object handed in (compared by identity)
    members: Mapping[Key, Mapping[str, tuple[Item, ...]]]  # bucket -> story -> its items there, in story order
    made: Mapping[Key, Made]  # bucket -> what was made of its items


def _members(
    parts: Mapping[str, Sequence[Item]], stories: Sequence[str], key: Callable[[Item], Key]
) -> dict[Key, dict[str, tuple[Item, ...]]]:
    """Bucket -> story -> its items there, for the given stories."""
    found: dict[Key, dict[str, list[Item]]] = {}
    for story in stories:
        for item in parts.get(story, ()):
            found.setdefault(key(item), {}).setdefault(story, []).append(item)
    return {k: {story: tuple(items) for story, items in by_story.items()} for k, by_story in found.items()}


def group(
    parts: Mapping[str, Sequence[Item]],
    key: Callable[[Item], Key],
    order: Callable[[Item], Any],
    make: Callable[[tuple[Item, ...]], Made],
    last: Grouped[Key, Item, Made] | None = None,
) -> Grouped[Key, Item, Made]:
    """Items grouped by ``key``; ``make`` given each bucket's items sorted by ``order`` (a total order).

    With ``last`` (the result for the stories as they were), only the buckets of the stories whose
    items are not the very object ``last`` had are grouped and made again."""
    changed = [s for s in parts if last is None or last.parts.get(s) is not parts[s]]
    if last is not None:
        changed += [s for s in last.parts if s not in parts]
    if last is None or 2 * len(changed) > len(parts):  # most stories new: grouping afresh is cheaper
        members = _members(parts, list(parts), key)
        made = {k: make(_sorted(items, order)) for k, items in members.items()}
        return Grouped(dict(parts), members, made)
    moved = set(changed)
    fresh = _members(parts, changed, key)
    touched = fresh.keys() | {key(item) for s in changed for item in last.parts.get(s, ())}
    members_now = dict(last.members)
    made_now = dict(last.made)
    for k in touched:
        kept = {s: items for s, items in last.members.get(k, {}).items() if s not in moved}
        kept.update(fresh.get(k, {}))
        if kept:
            members_now[k] = kept
            made_now[k] = make(_sorted(kept, order))
        else:
            members_now.pop(k, None)
            made_now.pop(k, None)
    return Grouped(dict(parts), members_now, made_now)


def _sorted(by_story: Mapping[str, tuple[Item, ...]], order: Callable[[Item], Any]) -> tuple[Item, ...]:
    return tuple(sorted((item for items in by_story.values() for item in items), key=order))
