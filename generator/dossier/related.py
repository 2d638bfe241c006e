"""Related articles: shared entities weighted by rarity, plus similar wording.

Two articles are related when they are about the same rare entities (an entity in every
article says nothing; one in three articles says a lot) and use the same uncommon words.
Both are cosine similarities of TF-IDF vectors, entities weighing more than words.

Scores are accumulated through inverted indexes, never by comparing all pairs: for each
article we walk the postings of its strongest entities and words, and each posting keeps
only the ``max_posting`` articles where its term weighs most (a term in hundreds of
articles picks neighbours only among those most about it). The work is linear in the
corpus size: about a second for the 2,225 BBC articles.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.dossier import memo
from generator.dossier.related_index import Side, build_side, side_data, side_from
from generator.dossier.related_index import kept_vectors as related_kept_vectors
from generator.language.textmemo import remembered
from generator.language.vocabulary import word_frequencies

ENTITY_WEIGHT = 0.4  # share of the score from entities; the rest from wording (BBC topics agree best)
TOP_TERMS = 25  # strongest words per article used to find neighbours
KEEP_TERMS = 60  # words kept per article (the rest weigh little and cost time)
TOP_ENTITIES = 15  # strongest entities per article used to find neighbours
COMMON_WORD = 400_000  # lower-case count above which a word is a function word ("the", "would")
MIN_SCORE = 0.02
_WORD_RE = re.compile(r"[^\W\d_]{3,}")

Vector = dict[str, float]


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """The most frequent English words, from the same frequency list as name recognition."""
    return frozenset(w for w, n in word_frequencies().items() if n >= COMMON_WORD)


def _terms(text: str) -> dict[str, int]:
    counts = Counter(_WORD_RE.findall(text.lower()))
    for word in _stop_words().intersection(counts):
        del counts[word]
    return counts


def term_weights(text: str) -> dict[str, float]:
    """Sublinear term frequencies (1 + log count) of a text's words: what its vector is made of. The
    words are interned: every story's vector, kept to the end, shares one string per word (at 10,000
    articles, ~50 MB less than a string per story and word)."""
    return {sys.intern(t): 1.0 + math.log(c) for t, c in _terms(text).items() if c > 0}


def _reason(a: Vector, b: Vector, names: Mapping[str, str], words: tuple[Vector, Vector]) -> str:
    shared = sorted((t for t in a if t in b), key=lambda t: (-a[t] * b[t], names.get(t, t)))
    if shared:
        return "also about " + ", ".join(names.get(t, t) for t in shared[:3])
    wa, wb = words
    common = sorted((t for t in wa if t in wb), key=lambda t: (-wa[t] * wb[t], t))
    return "similar wording: " + ", ".join(common[:3]) if common else "similar wording"


def related_articles(
    items: Sequence[tuple[str, Mapping[str, int], str]],
    names: Mapping[str, str] | None = None,
    limit: int = 5,
    max_posting: int = 30,
) -> dict[str, tuple[tuple[str, str], ...]]:
    """For each article id, up to ``limit`` related article ids with a readable reason.

    ``items`` holds (article id, entity id -> mention count, text); ``names`` maps entity
    ids to display names for the reasons. Order: score descending, then id ascending.
    Scores are accumulated along postings: an article meets only the articles where one
    of its entities or strongest words weighs most (``max_posting`` per term).
    """
    word_docs = [remembered("related.words", item[2], term_weights) for item in items]  # the same text, the same words
    return related_by_terms([item[0] for item in items], [item[1] for item in items], word_docs, names, limit, max_posting)


def related_by_terms(
    ids: Sequence[str],
    entity_counts: Sequence[Mapping[str, int]],
    word_docs: Sequence[Mapping[str, float]],
    names: Mapping[str, str] | None = None,
    limit: int = 5,
    max_posting: int = 30,
    given_words: Sequence[Vector] | None = None,
) -> dict[str, tuple[tuple[str, str], ...]]:
    """``related_articles`` from each article's entity counts and word weights (``term_weights`` of its text);
    ``given_words``: the ``kept_vectors`` of ``word_docs`` when they were made already.

    The last call's index is brought up to date (dossier/related_index.py) when the articles are
    the same ones under the same ids; only the articles whose postings or partners changed are
    scored again. The result is the same as a fresh call's.
    """
    names = dict(names or {})
    last = _LAST.get("state")
    if last is not None and (last.ids != tuple(ids) or last.shape != (limit, max_posting)):
        last = None
    entity_docs = _entity_docs(entity_counts, last)
    entities, redo_e, changed_e = build_side(entity_docs, last.entities if last else None, False, None, TOP_ENTITIES, max_posting)
    words, redo_w, changed_w = build_side(
        word_docs, last.words if last else None, True, KEEP_TERMS, TOP_TERMS, max_posting, given_words
    )
    stale: set[int] | None = None
    renamed: set[str] = set()
    if last is not None and redo_e is not None and redo_w is not None and changed_e is not None and changed_w is not None:
        renamed = {eid for eid, _ in names.items() ^ last.names.items()}  # an entity's name is in the reasons
        stale = _stale(entities, words, last, redo_e | redo_w, (changed_e | renamed, changed_w))
    held = last if stale is not None and not renamed else None  # its reasons hold for stories whose vectors are its
    partners: list[tuple[int, ...]] = []
    result: dict[str, tuple[tuple[str, str], ...]] = {}
    for i, article_id in enumerate(ids):
        if stale is not None and last is not None and i not in stale:
            partners.append(last.partners[i])
            result[article_id] = last.result[article_id]
            continue
        ranked = _ranked(i, ids, entities, words, limit)
        partners.append(tuple(j for _, _, j in ranked))
        result[article_id] = _reasons(i, ranked, (entities, words), names, held)
    shape = (limit, max_posting)
    _LAST["state"] = _Last(tuple(ids), names, shape, entities, words, tuple(partners), result, tuple(entity_counts))
    return result


def _reasons(
    i: int, ranked: list[tuple[float, str, int]], sides: tuple[Side, Side], names: Mapping[str, str], last: _Last | None
) -> tuple[tuple[str, str], ...]:
    """Each partner's id and reason; the last call's reason for a partner it had, when neither story's vectors
    changed (the very objects) and no entity was renamed (``last`` None otherwise): a reason reads nothing else."""
    entities, words = sides

    def same(k: int) -> bool:
        return last is not None and entities.vectors[k] is last.entities.vectors[k] and words.vectors[k] is last.words.vectors[k]

    kept = dict(zip(last.partners[i], last.result[last.ids[i]], strict=True)) if last is not None and same(i) else {}
    return tuple(
        kept[j] if j in kept and same(j) else
        (other, _reason(entities.vectors[i], entities.vectors[j], names, (words.vectors[i], words.vectors[j])))
        for _, other, j in ranked
    )


def kept_vectors(word_docs: list[Vector]) -> list[Vector]:
    """Each article's word vector among ``word_docs`` (``related_index.kept_vectors``), as ``related_by_terms`` keeps it."""
    return related_kept_vectors(word_docs, KEEP_TERMS, TOP_TERMS)


def _entity_docs(entity_counts: Sequence[Mapping[str, int]], last: _Last | None) -> list[Mapping[str, float]]:
    """Each article's entities mentioned; the last call's document for the very same counts at the same place."""
    if last is None or len(last.counts) != len(entity_counts):
        return [{e: c for e, c in counts.items() if c > 0} for counts in entity_counts]
    held, docs = last.counts, last.entities.docs
    return [
        docs[i] if counts is held[i] else {e: c for e, c in counts.items() if c > 0} for i, counts in enumerate(entity_counts)
    ]


@dataclass(frozen=True)
class _Last:
    """The last call's index and result, for the next call after an edit."""

    ids: tuple[str, ...]
    names: dict[str, str]
    shape: tuple[int, int]
    entities: Side
    words: Side
    partners: tuple[tuple[int, ...], ...]
    result: dict[str, tuple[tuple[str, str], ...]]
    counts: tuple[Mapping[str, int], ...] = ()  # the entity counts given (not kept on disk): their documents are reused


def _saved(last: _Last) -> tuple[Any, ...]:
    # each big table a part of its own (dossier/memo.py writes a long one in pieces)
    return last.ids, last.names, last.shape, *side_data(last.entities), *side_data(last.words), last.partners, last.result


def _loaded(data: tuple[Any, ...]) -> _Last:
    ids, names, shape, *sides, partners, result = data
    entities, words = tuple(sides[:3]), tuple(sides[3:])
    return _Last(
        ids, names, shape, side_from(entities, False, None, TOP_ENTITIES), side_from(words, True, KEEP_TERMS, TOP_TERMS),
        partners, result,
    )


_LAST: dict[str, _Last] = memo.stored("related", _saved, _loaded)  # kept on disk for the next conversion


def has_last() -> bool:
    """Whether a last build's related articles are held (in memory, or read from disk): this is no first build."""
    return "state" in _LAST


def _stale(entities: Side, words: Side, last: _Last, redo: set[int], changed: tuple[set[str], set[str]]) -> set[int]:
    """The articles to score again: a vector computed again, a posting read or a partner's vector changed,
    or an entity of theirs renamed (``changed[0]`` holds the entities renamed and the changed postings).
    Found through the terms' members (the articles whose vector holds each), not by reading every article."""
    stale = set(redo)
    changed_e, changed_w = changed
    for term in changed_w:
        for i in words.members.get(term, ()):
            if i not in stale and any(t == term for t, _ in words.tops[i]):
                stale.add(i)
    for entity in changed_e:
        stale.update(entities.members.get(entity, ()))
    if redo:
        stale.update(i for i, partners in enumerate(last.partners) if not redo.isdisjoint(partners))
    return stale


def _ranked(i: int, ids: Sequence[str], entities: Side, words: Side, limit: int) -> list[tuple[float, str, int]]:
    """The ``limit`` best partners of article ``i``: (negated rounded score, id, index), best first."""
    scores: dict[int, float] = {}
    get = scores.get
    for share, side in ((ENTITY_WEIGHT, entities), (1 - ENTITY_WEIGHT, words)):
        postings = side.postings
        for term, weight in side.tops[i]:
            scaled = share * weight
            for j, other_weight in postings[term]:
                scores[j] = get(j, 0.0) + scaled * other_weight
    scores.pop(i, None)
    floor = _floor(scores, limit)
    return heapq.nsmallest(limit, [(-round(score, 9), ids[j], j) for j, score in scores.items() if score >= floor])


ROUNDING = 1e-8  # more than ``round(score, 9)`` moves a score by (half a 1e-9, and a few ulps)


def _floor(scores: dict[int, float], limit: int) -> float:
    """The least score that can be among the ``limit`` best once rounded: a score below the ``limit``-th
    best by more than the rounding is rounded below it (rounding never reverses an order), so it has
    ``limit`` better ones; leaving it out, and not rounding it, changes nothing."""
    if len(scores) <= limit:
        return MIN_SCORE
    return max(MIN_SCORE, heapq.nlargest(limit, scores.values())[-1] - ROUNDING)
