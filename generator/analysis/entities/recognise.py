"""People, organisations and places: gazetteer, discovery, alias and surname resolution.

Recognition runs in two passes over an article. The first reads every ordinary
paragraph: curated names from ``site_config/entities.yml`` (longest alias first), and
candidates found by the rules of ``generator.analysis.entities.discover``. The second uses what the
article has established to settle the rest: a lone surname becomes the full name seen
elsewhere in the article ("Dolgov" -> Konstantin Dolgov) or in the gazetteer; a
sentence-initial or headline word counts only if the article names it elsewhere; and
title-case or all-capitals blocks (headlines, datelines) only repeat known names.
That order is what keeps "a bout" in a boxing story, "Commenting" and "MOSCOW" out of
the entity list while "Bout" and "MOSCOW" in a story about Viktor Bout still resolve.
A surname misspelt by one letter ("Koronolli" after "Viktor Koronelli") resolves too.

Who proposes names in ordinary paragraphs is the backend (site.yml ``ner``): the rules
(default, fast) or spaCy's English model (optional, ``pip install '.[nlp]'``), which
decides what the rules cannot explain. The second pass is the same for both.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import replace

from generator.analysis.entities.discover import SURE, Token, shouting, tokens
from generator.analysis.entities.gazetteer_match import Alias, Compiled, compile_gazetteer, gazetteer_matches
from generator.analysis.entities.noise import drop_noise
from generator.analysis.entities.resolve import (
    Found,
    Registry,
    acronyms,
    agency_credit,
    corroborate,
    loud_names,
    merge,
    resolve,
    split_guess,
    vote,
)
from generator.analysis.entities.spacy_backend import _spacy, candidates, spacy_entities
from generator.analysis.entities.suggestions import Suggestion, suggestions
from generator.analysis.entities.teams import Side, sides
from generator.analysis.entities.variants import merge_variants
from generator.config.gazetteer import Gazetteer, slug
from generator.models import Article, EntityRef, Mention

__all__ = ["Suggestion", "_spacy", "recognise", "spacy_entities", "suggestions"]


def recognise(
    article: Article, gazetteer: Gazetteer, backend: str | None = None
) -> tuple[tuple[Mention, ...], tuple[EntityRef, ...]]:
    """Mentions of entities in headline, standfirst and body, and entities discovered.

    ``backend`` (default: the gazetteer's) says who proposes names in ordinary paragraphs:
    the rules of ``generator.analysis.entities.discover`` or spaCy's statistical model. Everything after
    that (curated names, aliases, surnames, headlines in capitals, the editor's ignore
    list) is the same rule layer for both.
    """
    comp = compile_gazetteer(gazetteer)
    lex = comp.lex
    found: list[Found] = []
    loud: list[tuple[int, str, list[Token], list[tuple[int, int, Alias, bool]]]] = []
    ordinary: list[tuple[int, str]] = []
    for paragraph, text in article.text_blocks():
        if not text:
            continue
        if shouting(text, paragraph < 0):
            toks = tokens(text, lex)
            loud.append((paragraph, text, toks, gazetteer_matches(text, toks, comp, True)))
        else:
            ordinary.append((paragraph, text))
    proposed = candidates([text for _, text in ordinary], lex, backend or gazetteer.backend)
    for (paragraph, text), (toks, cands) in zip(ordinary, proposed, strict=True):
        found.extend(merge(paragraph, text, gazetteer_matches(text, toks, comp, False), cands))
    reg = Registry(texts=dict(ordinary), roles=lex.vocab.roles)
    for f in found:
        reg.add(f, comp)
    reg.acronyms.update(acronyms(found, dict(ordinary)))
    for paragraph, text, toks, gaz in loud:
        curated = merge(paragraph, text, gaz, [])
        found.extend(curated)
        found.extend(loud_names(paragraph, text, toks, [(f.start, f.end) for f in curated], reg, comp))
    clubs = [side for paragraph, text in article.text_blocks() if text for side in sides(paragraph, text, lex)]
    found = [part for f in _with_clubs(found, clubs, reg) for part in split_guess(f, reg)]
    resolved = [r for f in found if (r := resolve(f, reg, comp)) is not None and not agency_credit(r, article, comp)]
    resolved = _clubs_everywhere(corroborate(resolved), {side.name.casefold() for side in clubs}, dict(article.text_blocks()))
    resolved = merge_variants(drop_noise(resolved, article), lex)
    return _output(resolved, comp)


def _with_clubs(found: list[Found], clubs: list[Side], reg: Registry) -> list[Found]:
    """Sides of results lines as organisations, in place of what the first pass made of them."""
    if not clubs:
        return found
    curated = [f for f in found if f.entity is not None]
    kept = [c for c in clubs if not any(f.paragraph == c.paragraph and f.start < c.end and c.start < f.end for f in curated)]
    out = [f for f in found if not any(f.paragraph == c.paragraph and f.start < c.end and c.start < f.end for c in kept)]
    for c in kept:
        out.append(Found(c.paragraph, c.start, c.end, c.name, None, c.name, "organisation", SURE, words=len(c.name.split())))
        reg.kinds[c.name.casefold()]["organisation"] += 2 * SURE
        reg.names.setdefault(c.name.casefold(), c.name)
    return sorted(out, key=lambda f: (f.paragraph, f.start))


def _clubs_everywhere(found: list[Found], clubs: set[str], texts: dict[int, str]) -> list[Found]:
    """A name the story showed to be a club is the club wherever it is written ("Essex, who started..."),
    but for a dateline ("NEW YORK 1996-08-22"), which names where the story was filed."""
    if not clubs:
        return found
    return [
        replace(f, kind="organisation")
        if f.entity is None
        and f.kind == "place"
        and (f.name.casefold() in clubs or f.surface.casefold() in clubs)
        and not (f.start == 0 and _DATELINE_RE.match(texts.get(f.paragraph, ""), f.end))
        else f
        for f in found
    ]


_DATELINE_RE = re.compile(r"\s*(?:,|\(|/|[-–—]|(?:19|20)\d\d-\d)")
_slug = functools.lru_cache(maxsize=65536)(slug)


def _output(found: list[Found], comp: Compiled) -> tuple[tuple[Mention, ...], tuple[EntityRef, ...]]:
    by_id: dict[str, list[Found]] = defaultdict(list)
    ids: list[tuple[Found, str]] = []
    for f in found:
        if f.entity is not None:
            ids.append((f, f.entity))
            continue
        if f.name.casefold() in comp.ignored or f.kind is None:
            continue
        eid = _slug(f.name)
        if eid in comp.entries:
            ids.append((f, eid))
            continue
        by_id[eid].append(f)
        ids.append((f, eid))
    discovered = [_discovered(eid, items) for eid, items in sorted(by_id.items())]
    # Duplicates dropped as plain tuples (a Mention hashes as the tuple of its fields), then built once.
    unique = {(eid, f.paragraph, f.start, f.end, f.surface) for f, eid in ids}
    mentions = sorted(unique, key=lambda m: (m[1], m[2], m[3], m[0]))
    return tuple(Mention(*m) for m in mentions), tuple(discovered)


def _discovered(eid: str, items: list[Found]) -> EntityRef:
    """The entity a discovered name's mentions make: the kind their strengths vote for, the
    fullest and most frequent name, the other spellings as aliases.

    Counted in plain dicts: two thirds of the names are mentioned once, and a ``Counter``
    per name cost more than the counting."""
    scores: dict[str, int] = {}
    names: dict[str, int] = {}
    for f in items:
        kind = f.kind or "person"
        scores[kind] = scores.get(kind, 0) + f.strength
        names[f.name] = names.get(f.name, 0) + 1
    name = max(names, key=lambda n: (len(n.split()), names[n], n))
    folded = name.casefold()
    aliases = tuple(sorted({f.surface for f in items if f.surface.casefold() != folded}))
    return EntityRef(id=eid, name=name, kind=vote(scores), aliases=aliases, curated=False)
