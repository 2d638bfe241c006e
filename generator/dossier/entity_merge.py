"""One entity per person or organisation across the dossier, however each story spells it.

Each story settles its own spellings (``generator.analysis.entities.variants``); a story
that writes "Alexey Tarasov" cannot know that three others write "Alexei Tarasov", nor one
that writes "Federal Security Service" that another has the "Russian Federal Security
Service". This module joins them once every story is analysed:

* people whose names agree word for word but for transliteration (``fuzzy.translit_key``:
  Alexei/Alexey/Aleksei, Yuri/Yury, -sky/-skiy) are one person. The rest of the name must
  agree: "Viktor Bout" and "Alla Bout", or "Viktor Bout" and "Viktor Bout Jr", stay two;
* organisations whose names agree but for a country in front ("Russian", "Russia's") or
  the adjective "Federal" are one, unless two countries are in play (the Russian and the
  Ukrainian Foreign Ministry are two). A bare name with neither a country nor "Federal"
  ("Court of Appeal", "Interior Ministry") may be any country's, so it joins a country's
  only in the stories that name that country more than any other;
* a name the dossier marks [sic] ("Engelmeyer" where three stories write "Engelmayer")
  names the person spelt right;
* an acronym ("EU", "EAEU") is the organisation or place a story spelt out with it in brackets,
  or whose initials it is when one story names both; never by initials alone across stories.

The canonical entity is the gazetteer's when one takes part, otherwise the spelling with
most mentions in the dossier; the others are kept as aliases. Two gazetteer entries are
never merged: the editor keeps them apart on purpose. Everything is grouped by key, so the
cost is linear in entities and mentions.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from generator.analysis.analyse import known_words
from generator.analysis.entities.gazetteer_match import compile_gazetteer
from generator.analysis.entities.lexicon import Lexicon
from generator.config import SiteConfig
from generator.dossier import memo, rows
from generator.dossier.entity_groups import Group, canonical_of, entity_refs, main_country, org_groups, person_groups, spelt
from generator.dossier.merged_names import merged_kept
from generator.dossier.spelling import dossier_source_errors, merge_errors
from generator.dossier.surname_merge import surname_remap
from generator.language.fuzzy import doubled, translit_key
from generator.language.regexes import longest_first
from generator.language.slugs import slugify
from generator.models import Analysis, EntityRef, SourceError


@dataclass(frozen=True)
class Remap:
    """Variant entity id -> canonical id: everywhere, and in some stories only (story index -> map)."""

    everywhere: dict[str, str]
    in_story: dict[int, dict[str, str]]

    def for_story(self, story: int) -> dict[str, str]:
        return {**self.everywhere, **self.in_story.get(story, {})}


def entity_remap(analyses: Sequence[Analysis], entries: Iterable[EntityRef], lex: Lexicon) -> Remap:
    """The remapping of people and organisations the stories spell differently.

    A bare name ("Interior Ministry") joins a country's ("Ukrainian Interior Ministry") only
    in the stories that name that country more than any other, so that part is per story.
    """
    spellings = spelt(analyses, entries)
    remap: dict[str, str] = {}
    in_story: dict[int, dict[str, str]] = defaultdict(dict)
    orgs = org_groups(spellings, lex)
    main: dict[int, str] = {}
    people = [Group(g, "", []) for g in person_groups(spellings)]  # people have no country and no vague names
    for group, country, vague in ((g.members, g.country, g.vague) for g in (*people, *orgs)):
        ids = {s.ref.id for s in group} - set(remap)
        canonical = canonical_of([s for s in group if s.ref.id in ids]) if ids else None
        if canonical is None:
            continue
        names = (spellings[canonical].ref.name, *spellings[canonical].ref.aliases)
        alike = [s for s in group if s.ref.kind != "person" or _spelt_alike(s.ref.name, names)]
        remap.update({s.ref.id: canonical for s in alike if s.ref.id in ids - {canonical}})
        for spelling in vague:
            for story in sorted(spelling.stories):
                if story not in main:
                    main[story] = main_country(" ".join(t for _, t in analyses[story].article.text_blocks()), lex)
                if main[story] == country:
                    in_story[story][spelling.ref.id] = canonical
    return Remap(_resolved(remap), dict(in_story))


def _spelt_alike(name: str, names: Iterable[str]) -> bool:
    """Whether a name differs from one of ``names`` by transliteration, not by a letter doubled or an
    "e" before the final "y" alone: across stories Kelly and Kelley, Philips and Phillips may be two
    people (a misspelling of one of them is the [sic] check's to find)."""
    words = name.split()
    for other in names:
        pairs = list(zip(words, other.split(), strict=False))
        if len(other.split()) == len(words) and all(a == b or translit_key(a) == translit_key(b) for a, b in pairs):
            if not any(a != b and (doubled(a, b) or _e_before_y(a, b)) for a, b in pairs):
                return True
    return False


def _e_before_y(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return long_.endswith("ey") and short == long_[:-2] + "y"


def _resolved(remap: dict[str, str]) -> dict[str, str]:
    """Chains followed to their end (a -> b -> c gives a -> c), never in a loop."""
    out = {}
    for eid in remap:
        target, seen = remap[eid], {eid}
        while target in remap and target not in seen:
            seen.add(target)
            target = remap[target]
        if target != eid:
            out[eid] = target
    return out


def sic_remap(analyses: Sequence[Analysis], errors: Iterable[tuple[int, SourceError]]) -> dict[str, str]:
    """A person named with a [sic] word ("Paul Engelmeyer") -> the person spelt right, when the dossier has them."""
    people = _discovered_people(analyses) if errors else set()
    remap: dict[str, str] = {}
    for story, error in errors:
        for ref in analyses[story].discovered:
            words = ref.name.split()
            if ref.kind == "person" and error.text in words:
                right = slugify(" ".join(error.suggestion if w == error.text else w for w in words))
                if right in people and right != ref.id:
                    remap[ref.id] = right
    return remap


def _discovered_people(analyses: Sequence[Analysis]) -> set[str]:
    """The ids of the people the stories discovered; the last build's when every story that is not the very
    object of the last build discovered the same."""
    record = rows.rows("merge.people")
    last = record.held.get(0)
    if last is not None and len(last[0]) == len(analyses):
        if all(a is b or a.discovered == b.discovered for a, b in zip(analyses, last[0], strict=True)):
            record.held = {0: (tuple(analyses), None, None, last[3])}
            return last[3]  # type: ignore[no-any-return]
    people = {ref.id for a in analyses for ref in a.discovered if ref.kind == "person"}
    record.held = {0: (tuple(analyses), None, None, people)}
    return people


_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")
_MINOR = frozenset("of the and for on in de du des la le".split())


@functools.lru_cache(maxsize=65536)
def _initials(name: str) -> str:
    """ "European Union" -> "EU", "Commonwealth of Independent States" -> "CIS"."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in _MINOR and w[:1].isupper())


def acronym_remap(analyses: Sequence[Analysis], refs: Mapping[str, EntityRef], remap: Mapping[str, str]) -> dict[str, str]:
    """An organisation or place written as an acronym ("EU", "EAEU") -> the one of its kind the dossier names in
    full: by an alias a story gave it ("Eurasian Economic Union (EAEU)"), or by its initials when one story names
    both (across unrelated stories "CBI" may be any of several). Only when exactly one entity answers; a gazetteer
    entry stays the canonical one, and two gazetteer entries are never joined."""
    declared: dict[tuple[str, str], set[str]] = defaultdict(set)
    spelt: dict[tuple[str, str], set[str]] = defaultdict(set)
    acronyms: list[tuple[str, EntityRef]] = []
    for eid, ref in refs.items():
        if ref.kind == "person" or eid in remap:
            continue
        if _ACRONYM.match(ref.name):
            acronyms.append((eid, ref))
            continue
        spelt[(ref.kind, _initials(ref.name))].add(eid)
        for alias in ref.aliases:
            if _ACRONYM.match(alias):
                declared[(ref.kind, alias.replace(".", ""))].add(eid)
    wanted = {eid for eid, _ in acronyms}
    together: dict[str, list[frozenset[str]]] = defaultdict(list)  # acronym -> the distinct sets of stories naming it
    for story_names in {memo.mentioned(a) for a in analyses}:
        for eid in story_names & wanted:
            together[eid].append(story_names)
    out: dict[str, str] = {}
    for eid, ref in sorted(acronyms):
        key = (ref.kind, ref.name.replace(".", ""))
        named = declared.get(key) or _named_together(eid, spelt.get(key, set()), together)
        if len(named) != 1:
            continue
        (target,) = named
        if ref.curated and refs[target].curated:
            continue
        if ref.curated:
            out[target] = eid  # the editor's entry is the name the dossier uses
        else:
            out[eid] = target
    return out


def _acronyms_kept(analyses: Sequence[Analysis], refs: Mapping[str, EntityRef], remap: Mapping[str, str]) -> dict[str, str]:
    """``acronym_remap``; the last build's when the entities and remapping are the same and every story that is
    not the very object of the last build names the same entities."""
    record = rows.rows("merge.acronyms")
    last = record.held.get(0)
    if last is not None and record.shared[0] is refs and record.shared[1] == remap and _same_named(analyses, last[0]):
        found: dict[str, str] = last[3]
    else:
        found = acronym_remap(analyses, refs, remap)
    record.shared, record.held = (refs, dict(remap)), {0: (tuple(analyses), None, None, found)}
    return found


def _same_named(analyses: Sequence[Analysis], last: Sequence[Analysis]) -> bool:
    """The same number of stories, each the last build's object or naming the same entities."""
    pairs = zip(analyses, last, strict=False)
    return len(analyses) == len(last) and all(a is b or memo.mentioned(a) == memo.mentioned(b) for a, b in pairs)


def _named_together(eid: str, spelt: set[str], together: Mapping[str, list[frozenset[str]]]) -> set[str]:
    """The entities of ``spelt`` that one story names together with ``eid`` (``together``: by entity)."""
    if not spelt:
        return set()
    stories = together.get(eid, [])
    return {t for t in spelt if any(t in s for s in stories)}


def _named(analysis: Analysis) -> tuple[frozenset[str], tuple[str, ...]]:
    """The entity ids an analysis names (mentions, speakers, discovered), and its discovered ones."""
    found = {m.entity for m in analysis.mentions} | {q.speaker for q in analysis.quotes if q.speaker is not None}
    discovered = tuple(dict.fromkeys(r.id for r in analysis.discovered))
    return frozenset(found.union(discovered)), discovered


def apply_remap(
    analysis: Analysis, remap: Mapping[str, str], merged: Mapping[str, EntityRef], key: Hashable = None
) -> Analysis:
    """The analysis with every mention, speaker and discovered entity under its canonical id.

    The same object as the last build's when the remapping of the ids it names is the same
    (dossier/memo.py): what is derived from it further on is then looked up, not redone.
    ``key``: its ``_remap_key``, when the caller made it already.
    """
    if not remap:
        return analysis
    if key is None:
        key = _remap_key(analysis, remap, merged)
    return memo.derived("merge.remapped", analysis, key, lambda: _remapped(analysis, remap, merged))


def _remap_key(analysis: Analysis, remap: Mapping[str, str], merged: Mapping[str, EntityRef]) -> Hashable:
    """What ``apply_remap`` makes of an analysis depends on besides the analysis: the ids it moves, the entities."""
    if not remap:
        return None
    named, discovered = memo.derived("merge.named", analysis, None, lambda: _named(analysis))
    moved = tuple(sorted((eid, remap[eid]) for eid in named if eid in remap))
    return moved, tuple((eid, merged.get(eid)) for eid in dict.fromkeys(remap.get(d, d) for d in discovered))


def _remapped(analysis: Analysis, remap: Mapping[str, str], merged: Mapping[str, EntityRef]) -> Analysis:
    mentions = tuple(replace(m, entity=remap[m.entity]) if m.entity in remap else m for m in analysis.mentions)
    quotes = tuple(
        replace(q, speaker=remap[q.speaker]) if q.speaker is not None and q.speaker in remap else q for q in analysis.quotes
    )
    discovered: dict[str, EntityRef] = {}
    for ref in analysis.discovered:
        eid = remap.get(ref.id, ref.id)
        if eid in merged and not merged[eid].curated:
            discovered.setdefault(eid, merged[eid])
        elif eid == ref.id:
            discovered.setdefault(eid, ref)
    return replace(analysis, mentions=mentions, quotes=quotes, discovered=tuple(discovered.values()))


def merge_dossier(analyses: Sequence[Analysis], config: SiteConfig) -> tuple[list[Analysis], dict[str, EntityRef]]:
    """Every story's analysis with [sic] across the dossier and entities merged across stories.

    Returns the analyses and the merged entities (canonical id -> entity with aliases),
    which take the place of the gazetteer's or a story's entry of that id.
    """
    analyses = list(analyses)
    entries = config.gazetteer.entries
    lex = compile_gazetteer(config.gazetteer).lex
    errors = _dossier_errors(analyses, config)
    found: dict[int, list[SourceError]] = defaultdict(list)
    for story, error in errors:
        found[story].append(error)
    for story, extra in found.items():
        analyses[story] = _with_errors(analyses[story], tuple(extra))
    found_remap = entity_remap(analyses, entries, lex)
    remap = dict(found_remap.everywhere)
    remap.update({k: v for k, v in sic_remap(analyses, errors).items() if k not in remap})
    refs = entity_refs(analyses, entries)
    remap.update({k: v for k, v in _acronyms_kept(analyses, refs, remap).items() if k not in remap})
    remap = _resolved(remap)
    remap.update(surname_remap(refs, remap, lex, analyses))
    people = {eid: ref for eid, ref in refs.items() if ref.kind == "person" and eid not in remap}
    family = family_remap(analyses, people, lex)
    local = found_remap.in_story
    own = {i: (local.get(i, {}), family.get(i, {})) for i in sorted(set(local) | set(family))}
    remaps = [{**remap, **own[i][0], **own[i][1]} if i in own else remap for i in range(len(analyses))]
    merged = merged_kept(analyses, refs, remap, own, remaps)  # the stories not in ``own`` share ``remap``
    tags = [own.get(i) for i in range(len(analyses))]
    keys: dict[int, Hashable] = {}  # rows.each asks for a story's inputs just before it computes it

    def key(i: int) -> Hashable:
        keys[i] = _remap_key(analyses[i], remaps[i], merged)
        return keys[i]

    applied = rows.each(
        "merge.applied", analyses, (remap, merged), key, lambda i: apply_remap(analyses[i], remaps[i], merged, keys.pop(i, None)),
        tags,
    )
    return applied, merged


def _with_errors(analysis: Analysis, extra: tuple[SourceError, ...]) -> Analysis:
    """The analysis with the dossier's [sic] errors added; the last build's object when they are the same."""
    return memo.derived(
        "merge.errors", analysis, extra, lambda: replace(analysis, source_errors=merge_errors(analysis.source_errors, extra))
    )


def _dossier_errors(analyses: Sequence[Analysis], config: SiteConfig) -> list[tuple[int, SourceError]]:
    articles = [a.article for a in analyses]
    index = {id(article): i for i, article in enumerate(articles)}
    return [(index[id(article)], error) for article, error in dossier_source_errors(articles, known_words(config))]


# ---------------------------------------------------------------------------------------------
# Relatives named by first name only: "Kamin's wife, Vera"

_OWNER = r"(?:(?P<owner>[A-Z][\w-]*)(?:'s|’s)|\b(?P<pronoun>[Hh]is|[Hh]er|[Tt]heir))"
_KIN_ADJECTIVES = r"(?:(?:late|former|estranged|eldest|elder|younger|youngest|only|second|first)\s+)?"


def _kin_re(kin: Iterable[str]) -> re.Pattern[str] | None:
    words = "|".join(re.escape(k) for k in longest_first(kin))
    return re.compile(rf"{_OWNER}\s+{_KIN_ADJECTIVES}(?:{words})\s*,?\s+$") if words else None


def family_name(surname: str, lex: Lexicon) -> str:
    """One key for a family's surname whatever the gender and transliteration (Kamina, Kamin -> "kamin")."""
    return _family_key(surname, lex.vocab.surname_forms)


@functools.lru_cache(maxsize=65536)
def _family_key(surname: str, forms: tuple[tuple[str, str], ...]) -> str:
    for feminine, masculine in sorted(forms, key=lambda p: -len(p[0])):
        if surname.endswith(feminine) and len(surname) > len(feminine) + 2:
            surname = surname[: -len(feminine)] + masculine
            break
    return translit_key(surname)


def _owner(analysis: Analysis, match: re.Match[str], paragraph: int, offset: int, people: Mapping[str, EntityRef]) -> str | None:
    """The person whose relative is named: the possessor's mention, or for "his"/"her" the person named last."""
    mentions = [m for m in analysis.mentions if m.entity in people]
    if match.group("owner"):
        at = offset + match.start("owner")
        return next((m.entity for m in mentions if m.paragraph == paragraph and m.start <= at < m.end), None)
    before = [m for m in mentions if (m.paragraph, m.start) < (paragraph, offset + match.start())]
    return max(before, key=lambda m: (m.paragraph, m.start)).entity if before else None


Kin = tuple[str, str, str, str]  # (relative's id, owner's id, first name key, family key)


def _kin_of(analysis: Analysis, pattern: re.Pattern[str], people: Mapping[str, EntityRef], lex: Lexicon) -> tuple[Kin, ...]:
    """The relatives one story names by first name only, in the order named, with whose family each is."""
    texts = dict(analysis.article.text_blocks())
    out = []
    for mention in analysis.mentions:
        ref = people.get(mention.entity)
        if ref is None or " " in ref.name:
            continue
        window = max(0, mention.start - 80)
        match = pattern.search(texts.get(mention.paragraph, "")[window : mention.start])
        owner = _owner(analysis, match, mention.paragraph, window, people) if match else None
        if owner is None or owner == mention.entity:
            continue
        family = family_name(people[owner].name.split()[-1], lex)
        out.append((mention.entity, owner, translit_key(ref.name), family))
    return tuple(out)


def _kin_key(analysis: Analysis, pattern: re.Pattern[str], people: Mapping[str, EntityRef], lex: Lexicon) -> Hashable:
    """What ``_kin_of`` depends on besides the story: the people it names, the patterns; None when it names
    no person by one word (it then finds none)."""
    named = [e for e in memo.mentioned(analysis) if e in people]
    if all(" " in people[e].name for e in named):
        return None
    return tuple(sorted((e, people[e].name) for e in named)), pattern.pattern, lex.vocab.surname_forms


def _story_kin(analysis: Analysis, pattern: re.Pattern[str], people: Mapping[str, EntityRef], lex: Lexicon) -> tuple[Kin, ...]:
    """``_kin_of``; none when the story names no person by one word, and the last build's when the people
    it names are the same (dossier/memo.py)."""
    inputs = _kin_key(analysis, pattern, people, lex)
    if inputs is None:
        return ()
    return memo.derived("merge.kin_of", analysis, inputs, lambda: _kin_of(analysis, pattern, people, lex))


def _all_kin(
    analyses: Sequence[Analysis], pattern: re.Pattern[str], people: Mapping[str, EntityRef], lex: Lexicon
) -> list[tuple[Kin, ...]]:
    """``_story_kin`` of every story; the last build's for the same object, people and patterns (dossier/rows.py)."""
    shared = (people, pattern.pattern, lex.vocab.surname_forms)
    return rows.each(
        "merge.kin", analyses, shared, lambda i: _kin_key(analyses[i], pattern, people, lex),
        lambda i: _story_kin(analyses[i], pattern, people, lex),
    )


def _full_names(people: Mapping[str, EntityRef], lex: Lexicon) -> dict[tuple[str, str], set[str]]:
    """(first name key, family key) -> the ids of the people of two words or more; the last build's for equal people."""
    record = rows.rows("merge.full")
    if (last := record.held.get(0)) is not None and rows.same(record.shared, (people, lex.vocab.surname_forms)):
        return last[3]  # type: ignore[no-any-return]
    full: dict[tuple[str, str], set[str]] = defaultdict(set)
    for person in people.values():
        words = person.name.split()
        if len(words) >= 2:
            full[(translit_key(words[0]), family_name(words[-1], lex))].add(person.id)
    record.shared, record.held = (people, lex.vocab.surname_forms), {0: (None, None, None, full)}
    return full


def family_remap(analyses: Sequence[Analysis], people: Mapping[str, EntityRef], lex: Lexicon) -> dict[int, dict[str, str]]:
    """Per story, a relative known by first name only -> the one person of that name and family in the dossier.

    "Kamin's wife, Vera" is Vera Kamin (or Vera Kamina) when the dossier names exactly one
    such person, other than Kamin himself. ``people`` holds every person entity by id.
    """
    pattern = _kin_re(lex.vocab.kin)
    if pattern is None:
        return {}
    found_kin = [(story, kin) for story, kins in enumerate(_all_kin(analyses, pattern, people, lex)) for kin in kins]
    if not found_kin:
        return {}
    full = _full_names(people, lex)  # (first name key, family key) -> ids
    out: dict[int, dict[str, str]] = defaultdict(dict)
    for story, (relative, owner, first, family) in found_kin:
        if relative in out[story]:
            continue
        found = full.get((first, family), set()) - {owner}
        if len(found) == 1:
            out[story][relative] = next(iter(found))
    return {story: remap for story, remap in out.items() if remap}


# ---------------------------------------------------------------------------------------------
# Asides: a clause set off by commas about someone else ("Oleg Kamin, whose wife Vera Kamin has
# campaigned for his release, was extradited in 2010")

_ASIDE_OPEN = re.compile(r",\s+(?:who|whose|whom|which|where)\b")
_ASIDE_CLOSE = re.compile(r"\s*(?:,|[–—]\s)")


def asides(sentence: str) -> list[tuple[int, int]]:
    """Spans of the clauses a sentence sets off by commas or dashes (relative clauses, appositives)."""
    out: list[tuple[int, int]] = []
    for opened in _ASIDE_OPEN.finditer(sentence):
        close = _ASIDE_CLOSE.search(sentence, opened.end())
        if close is not None and not any(start <= opened.start() < end for start, end in out):
            out.append((opened.start(), close.start()))
    return out


def in_aside(paragraph: str, sentence_start: int, sentence_end: int, timex_start: int, mention_start: int) -> bool:
    """Whether a mention sits in an aside of the sentence that does not hold the date.

    The date then belongs to the main clause, and a name in the aside (a wife in "whose
    wife ... has campaigned") is not part of the event. Offsets index ``paragraph``.
    """
    if not sentence_start <= mention_start < sentence_end:
        return False
    sentence = paragraph[sentence_start:sentence_end]
    for start, end in asides(sentence):
        lo, hi = sentence_start + start, sentence_start + end
        if lo <= mention_start < hi:
            return not lo <= timex_start < hi
    return False
