"""The dossier's spellings of its entities, and the groups of them that may be one entity (``entity_merge``).

The counts of mentions and stories behind each spelling are kept from one build to the next
and brought up to date for the stories edited (most are the very objects of the last build);
the groups are the last build's when the entities that take part are the same ones, in the
same order. The result is the same as a fresh count's.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from generator.analysis.entities.lexicon import Lexicon
from generator.analysis.entities.variants import org_core
from generator.dossier import memo
from generator.language.fuzzy import translit_key
from generator.models import Analysis, EntityRef

_QUALIFIERS = frozenset({"Federal"})
_WORD_RE = re.compile(r"[A-Z][\w-]*")


@dataclass(frozen=True)
class Spelling:
    """One entity as the dossier writes it: its id, name, kind, mentions and stories."""

    ref: EntityRef
    mentions: int
    stories: frozenset[int]


@functools.lru_cache(maxsize=65536)
def _person_keys(ref: EntityRef) -> frozenset[tuple[str, ...]]:
    """The transliteration keys of a person's name; a curated entry's aliases of as many words count too."""
    names = (ref.name, *ref.aliases) if ref.curated else (ref.name,)
    return frozenset({tuple(translit_key(w) for w in n.split()) for n in names if len(n.split()) == len(ref.name.split())})


def canonical_of(group: Sequence[Spelling]) -> str | None:
    """The gazetteer's entity if exactly one takes part (none if two do), else the most mentioned."""
    curated = [s for s in group if s.ref.curated]
    if len(curated) > 1:
        return None
    if curated:
        return curated[0].ref.id
    return min(group, key=lambda s: (-s.mentions, -len(s.ref.name.split()), s.ref.name, s.ref.id)).ref.id


def _person_groups_of(spellings: Mapping[str, Spelling]) -> list[list[Spelling]]:
    by_key: dict[tuple[str, ...], dict[str, Spelling]] = defaultdict(dict)
    for spelling in spellings.values():
        if spelling.ref.kind == "person" and (spelling.mentions or spelling.ref.curated):
            for key in _person_keys(spelling.ref):
                by_key[key][spelling.ref.id] = spelling
    return [list(group.values()) for _, group in sorted(by_key.items()) if len(group) > 1]


def _country_key(word: str, lex: Lexicon) -> str:
    """A country named by name, alias or demonym, as its first five letters ("US" and "United States": "unite")."""
    bare = word[:-2] if word.endswith(("'s", "’s")) else word
    return (lex.place(bare) or bare)[:5].casefold()


def main_country(text: str, lex: Lexicon) -> str:
    """The country or place a story names most often ("" when two tie): whose bodies it speaks of."""
    counts: Counter[str] = Counter()
    words = _WORD_RE.findall(text)
    skip = False
    for i, word in enumerate(words):
        if skip:
            skip = False
            continue
        pair = f"{word} {words[i + 1]}" if i + 1 < len(words) else ""
        if pair and lex.place(pair):
            counts[_country_key(pair, lex)] += 1
            skip = True
        elif lex.demonym(word) or lex.place(word):
            counts[_country_key(word, lex)] += 1
    top = counts.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else ""


@dataclass(frozen=True)
class Group:
    """Names of one entity, and bare names that may be it where a story speaks of its country."""

    members: list[Spelling]
    country: str
    vague: list[Spelling]


def _org_groups_of(spellings: Mapping[str, Spelling], lex: Lexicon) -> list[Group]:
    cores: dict[str, list[tuple[Spelling, str]]] = defaultdict(list)
    for spelling in spellings.values():
        if spelling.ref.kind != "organisation" or not (spelling.mentions or spelling.ref.curated):
            continue
        core, country = org_core(spelling.ref.name, lex)
        if len(core.split()) >= 2:
            cores[core].append((spelling, _country_key(country, lex) if country else ""))
    groups = []
    for _, members in sorted(cores.items()):
        countries = sorted({c for _, c in members if c})
        if len(members) < 2 or len(countries) > 1:
            continue
        vague = [s for s, c in members if not c and not s.ref.curated and _vague(s.ref.name)]
        group = [s for s, _ in members if s not in vague]
        groups.append(Group(group, countries[0] if countries else "", vague if countries else []))
    return groups


def _vague(name: str) -> bool:
    """A bare name with no country and no qualifier ("Court of Appeal", "Foreign Ministry"): many
    countries have one, so it is a country's only where the story speaks of that country."""
    return not any(w in _QUALIFIERS for w in name.split())


def entity_refs(analyses: Sequence[Analysis], entries: Iterable[EntityRef], slot: str = "merge") -> dict[str, EntityRef]:
    """Every entity by id: the gazetteer's entries, then each story's discovered names (first seen kept).

    The last call's dict (of this ``slot``) when the entries are the same and every story that is not
    the very object of that call discovers equal names: callers must not change it."""
    entries = tuple(entries)
    last = _REFS.get(slot)
    if last is not None and len(last[0]) == len(analyses) and last[1] == entries:
        if all(a is b or a.discovered == b.discovered for a, b in zip(analyses, last[0], strict=True)):
            _REFS[slot] = (tuple(analyses), entries, last[2])
            return last[2]
    refs = {e.id: e for e in entries}
    for analysis in analyses:
        for ref in analysis.discovered:
            refs.setdefault(ref.id, ref)
    _REFS[slot] = (tuple(analyses), entries, refs)
    return refs


_REFS: dict[str, tuple[tuple[Analysis, ...], tuple[EntityRef, ...], dict[str, EntityRef]]] = memo.held()


@dataclass
class _Tally:
    """The last build's counts (changed in place by the next build), spellings and groups (as ids)."""

    analyses: tuple[Analysis, ...]
    per_story: list[dict[str, int]]
    counts: Counter[str]
    stories: dict[str, set[int]]
    spellings: dict[str, Spelling]
    groups: dict[str, Any] | None = None  # "people": id lists, "orgs": (ids, country, vague ids); lex
    refs: dict[str, EntityRef] | None = None  # what the spellings were made of (``entity_refs``)


_LAST: dict[str, _Tally] = memo.held()


def spelt(analyses: Sequence[Analysis], entries: Iterable[EntityRef]) -> dict[str, Spelling]:
    """Every entity of the gazetteer and the stories, with its mentions and stories in ``analyses``;
    the last build's dict when no count and no entity changed."""
    refs = entity_refs(analyses, entries)
    last = _LAST.pop("state", None)  # changed in place below: an error half-way leaves none behind
    per_story = _per_story(analyses, last)
    dirty: set[str] | None = None
    if last is None or len(last.analyses) != len(analyses) or memo.most_new(analyses, last.analyses):
        counts: Counter[str] = Counter()
        stories: dict[str, set[int]] = defaultdict(set)
        for i, found in enumerate(per_story):
            for entity, count in found.items():
                counts[entity] += count
                stories[entity].add(i)
    else:
        counts, stories = last.counts, last.stories  # brought up to date in place
        dirty = memo.recount(counts, stories, analyses, last.analyses, last.per_story, per_story)
    old = last.spellings if last is not None and dirty is not None else {}
    moved = dirty if dirty is not None else set()
    if last is not None and dirty is not None and last.refs is refs and all(_unmoved(old, eid, counts, stories) for eid in moved):
        _LAST["state"] = replace(last, analyses=tuple(analyses), per_story=per_story)
        return last.spellings
    spellings = {}
    for eid, ref in refs.items():
        kept = old.get(eid)
        if kept is None or kept.ref is not ref or eid in moved:
            kept = Spelling(ref, counts[eid], frozenset(stories.get(eid, ())))
        spellings[eid] = kept
    groups = last.groups if last is not None else None  # checked against the entities taking part when used
    _LAST["state"] = _Tally(tuple(analyses), per_story, counts, stories, spellings, groups=groups, refs=refs)
    return spellings


def _unmoved(old: Mapping[str, Spelling], eid: str, counts: Counter[str], stories: Mapping[str, set[int]]) -> bool:
    """Whether an entity's mentions and stories are those of its last spelling (or it has neither)."""
    kept = old.get(eid)
    if kept is None:
        return not counts.get(eid) and not stories.get(eid)
    return kept.mentions == counts[eid] and kept.stories == stories.get(eid, set())


def _per_story(analyses: Sequence[Analysis], last: _Tally | None) -> list[dict[str, int]]:
    """Each story's mentions by entity; the last build's for the very same object at the same place."""
    if last is None or len(last.analyses) != len(analyses):
        return [memo.mention_counts(a) for a in analyses]
    held = last.per_story
    return [held[i] if a is b else memo.mention_counts(a) for i, (a, b) in enumerate(zip(analyses, last.analyses, strict=True))]


def _grouped(spellings: Mapping[str, Spelling], kind: str) -> tuple[str, ...]:
    return tuple(eid for eid, s in spellings.items() if s.ref.kind == kind and (s.mentions or s.ref.curated))


def _same_members(spellings: Mapping[str, Spelling], grouped: tuple[str, ...], key: str, lex: Lexicon | None) -> bool:
    """Whether the last build's groups of ``key`` hold: the same entities take part, in order, with equal refs
    (an edited story's are new objects)."""
    state = _LAST.get("state")
    if state is None or state.spellings is not spellings or state.groups is None or key not in state.groups:
        return False
    last_grouped, last_refs, last_lex = state.groups[key + ".members"]
    same = last_grouped == grouped and last_lex is lex
    return same and all(spellings[e].ref is r or spellings[e].ref == r for e, r in zip(grouped, last_refs, strict=True))


def _remember(spellings: Mapping[str, Spelling], key: str, grouped: tuple[str, ...], lex: Lexicon | None, groups: Any) -> None:
    state = _LAST.get("state")
    if state is not None and state.spellings is spellings:
        held = state.groups if state.groups is not None else {}
        held[key] = groups
        held[key + ".members"] = (grouped, tuple(spellings[e].ref for e in grouped), lex)
        held[key + ".made"] = (spellings, lex)  # never changed once made: the same dict gives the same groups
        state.groups = held


def _made_of(spellings: Mapping[str, Spelling], key: str, lex: Lexicon | None) -> Any:
    """The last build's groups of ``key`` when they were made of this very dict (and lexicon), else None."""
    state = _LAST.get("state")
    if state is None or state.spellings is not spellings or state.groups is None:
        return None
    made = state.groups.get(key + ".made")
    return state.groups[key] if made is not None and made[0] is spellings and made[1] is lex else None


def person_groups(spellings: Mapping[str, Spelling]) -> list[list[Spelling]]:
    """People whose names agree but for transliteration; the last build's groups when nothing changed them."""
    if (ids_held := _made_of(spellings, "people", None)) is not None:
        return [[spellings[e] for e in ids] for ids in ids_held]
    grouped = _grouped(spellings, "person")
    last = _LAST.get("state")
    if _same_members(spellings, grouped, "people", None) and last is not None and last.groups is not None:
        _remember(spellings, "people", grouped, None, last.groups["people"])
        return [[spellings[e] for e in ids] for ids in last.groups["people"]]
    groups = _person_groups_of(spellings)
    _remember(spellings, "people", grouped, None, [[s.ref.id for s in group] for group in groups])
    return groups


def org_groups(spellings: Mapping[str, Spelling], lex: Lexicon) -> list[Group]:
    """Organisations whose names agree but for a country or "Federal"; the last build's when nothing changed them."""
    if (held := _made_of(spellings, "orgs", lex)) is not None:
        return [Group([spellings[e] for e in ids], country, [spellings[e] for e in vague]) for ids, country, vague in held]
    grouped = _grouped(spellings, "organisation")
    last = _LAST.get("state")
    if _same_members(spellings, grouped, "orgs", lex) and last is not None and last.groups is not None:
        held = last.groups["orgs"]
        _remember(spellings, "orgs", grouped, lex, held)
        return [Group([spellings[e] for e in ids], country, [spellings[e] for e in vague]) for ids, country, vague in held]
    groups = _org_groups_of(spellings, lex)
    as_ids = [([s.ref.id for s in g.members], g.country, [s.ref.id for s in g.vague]) for g in groups]
    _remember(spellings, "orgs", grouped, lex, as_ids)
    return groups
