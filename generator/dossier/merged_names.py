"""The canonical entities of a dossier's remappings, each with every other spelling the stories give it.

After an edit in a long-running process, the last build's entities stand when the remappings are
the same and the edited stories give the same names as before (dossier/rows.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from generator.dossier import rows
from generator.models import Analysis, EntityRef


def merged_entities(
    analyses: Sequence[Analysis], refs: Mapping[str, EntityRef], remaps: Sequence[Mapping[str, str]]
) -> dict[str, EntityRef]:
    """The canonical entities of the remappings (one per story), with every other spelling as an alias."""
    aliases: dict[str, set[str]] = defaultdict(set)
    for analysis, remap in zip(analyses, remaps, strict=True):
        for target, names in _aliases_of(analysis, remap, refs).items():
            aliases[target].update(names)
    out = {}
    for target, names in sorted(aliases.items()):
        if target in refs:
            ref = refs[target]
            extra = {n for n in names if n.casefold() != ref.name.casefold()}
            out[target] = replace(ref, aliases=tuple(sorted(set(ref.aliases) | extra)))
    return out


def _aliases_of(analysis: Analysis, remap: Mapping[str, str], refs: Mapping[str, EntityRef]) -> dict[str, set[str]]:
    """One story's share of ``merged_entities``: canonical id -> the names it gives that entity otherwise."""
    aliases: dict[str, set[str]] = defaultdict(set)
    for eid in {r.id for r in analysis.discovered}:
        if eid in remap and eid in refs:
            aliases[remap[eid]].update((refs[eid].name, *refs[eid].aliases))
    for mention in analysis.mentions:
        if mention.entity in remap:
            aliases[remap[mention.entity]].add(mention.surface)
    return aliases


def merged_kept(
    analyses: Sequence[Analysis], refs: Mapping[str, EntityRef], remap: dict[str, str], own: dict[int, Any],
    remaps: Sequence[Mapping[str, str]],
) -> dict[str, EntityRef]:
    """``merged_entities``; the last build's when the entities and remappings are the same and every story that is
    not the very object of the last build has the same share (``_aliases_of``) as the one it replaces."""
    record = rows.rows("merge.merged")
    last = record.held.get(0)
    if last is not None and record.shared[0] is refs and record.shared[1] == remap and record.shared[2] == own:
        before, last_remaps, found = last[0], last[1], last[3]
        if len(before) == len(analyses) and all(
            a is b or _aliases_of(a, remaps[i], refs) == _aliases_of(b, last_remaps[i], refs)
            for i, (a, b) in enumerate(zip(analyses, before, strict=True))
        ):
            record.held = {0: (tuple(analyses), remaps, None, found)}
            return found  # type: ignore[no-any-return]
    found = merged_entities(analyses, refs, remaps)
    record.shared, record.held = (refs, remap, own), {0: (tuple(analyses), remaps, None, found)}
    return found
