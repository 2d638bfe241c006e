"""The term index of related articles, brought up to date after an edit instead of built again.

One kind of term (entities, or words) of a dossier: document frequencies, each article's
unit vector, the terms it looks its neighbours up by, and the postings. After an edit the
document frequency changes only for the terms the edited articles gained or lost; only
the articles holding one of those terms get a new vector, only the postings holding one
of those articles are sorted again, and the caller learns which postings changed, so
it scores again only the articles that read one of them. Every number is computed by the
same operations in the same order as a fresh build, so the result is the same to the bit.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Vector = dict[str, float]


@dataclass(frozen=True)
class Side:
    """One kind of term of one build (entities or words); shared with the next build, never changed."""

    docs: tuple[Mapping[str, float], ...]
    df: Mapping[str, int]
    idf: Mapping[str, float]
    vectors: tuple[Vector, ...]  # unit length; words: only the ``keep`` strongest
    tops: tuple[tuple[tuple[str, float], ...], ...]  # the ``top`` strongest, strongest first
    members: Mapping[str, list[int]]  # term -> the articles whose vector holds it
    postings: Mapping[str, tuple[tuple[int, float], ...]]  # term -> (article, weight): every article, or the ``cap`` strongest
    looked_up: Mapping[str, int]  # term -> how many articles look their neighbours up by it (``tops``): the postings kept


def vector(doc: Mapping[str, float], idf: Mapping[str, float], weighted: bool) -> Vector:
    """Unit-length TF-IDF vector with sublinear term frequency (``weighted``: the document holds it already)."""
    if weighted:
        vec = {t: tf * idf[t] for t, tf in doc.items()}
    else:
        vec = {t: (1.0 + math.log(c)) * idf[t] for t, c in doc.items() if c > 0}
    norm = math.sqrt(sum([w * w for w in vec.values()])) or 1.0
    return {t: w / norm for t, w in vec.items()}


def strongest(vec: Vector, top: int) -> list[tuple[str, float]]:
    """The ``top`` heaviest terms, heaviest first, ties by term."""
    ranked = sorted([(-w, t) for t, w in vec.items()])
    return [(t, -negative) for negative, t in ranked[:top]]


def _kept_vector(
    doc: Mapping[str, float], idf: Mapping[str, float], keep: int, top: int
) -> tuple[Vector, tuple[tuple[str, float], ...]]:
    """``dict(strongest(vector(doc, idf, True), keep))`` and its first ``top`` terms, the same numbers
    by the same operations, without the whole vector made as a dict first (most of it is dropped)."""
    raw = [tf * idf[t] for t, tf in doc.items()]
    norm = math.sqrt(sum([w * w for w in raw])) or 1.0
    ranked = sorted([(-(w / norm), t) for w, t in zip(raw, doc, strict=True)])
    vec = {t: -negative for negative, t in ranked[:keep]}
    return vec, tuple(list(vec.items())[:top])


def _frequencies(docs: Sequence[Mapping[str, float]], prev: Side | None) -> tuple[dict[str, int], set[str] | None, set[int]]:
    """Document frequencies; with the last build's side, also the terms whose frequency moved and the edited articles."""
    if prev is None or len(prev.docs) != len(docs):
        df: Counter[str] = Counter()
        for doc in docs:
            df.update(doc.keys())
        return dict(df), None, set(range(len(docs)))
    counts = dict(prev.df)
    moved: set[str] = set()
    edited = {i for i, doc in enumerate(docs) if doc is not prev.docs[i] and doc != prev.docs[i]}
    for i in edited:
        old, new = prev.docs[i].keys(), docs[i].keys()
        for term in old - new:
            counts[term] -= 1
            if not counts[term]:
                del counts[term]
        for term in new - old:
            counts[term] = counts.get(term, 0) + 1
        moved |= old ^ new
    return counts, moved, edited


def kept_vectors(docs: Sequence[Mapping[str, float]], keep: int, top: int) -> list[Vector]:
    """Each weighted document's vector (its ``keep`` strongest terms) among ``docs``, as a fresh
    ``build_side`` makes it: the same for the same documents in any order."""
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    n = len(docs)
    idf = {term: math.log(1.0 + n / count) for term, count in df.items()}
    return [_kept_vector(doc, idf, keep, top)[0] for doc in docs]


def build_side(
    docs: Sequence[Mapping[str, float]], prev: Side | None, weighted: bool, keep: int | None, top: int, cap: int,
    given: Sequence[Vector] | None = None,
) -> tuple[Side, set[int] | None, set[str] | None]:
    """The side of this build, with the articles whose vector was computed again and the terms whose
    posting changed (both None when everything was built afresh). ``given``: the ``kept_vectors`` of
    ``docs`` (weighted, ``keep``), used when the side is built afresh."""
    n = len(docs)
    df, moved, redo = _frequencies(docs, prev)
    if prev is None or moved is None:
        idf = {term: math.log(1.0 + n / count) for term, count in df.items()}
    else:
        idf = dict(prev.idf)
        for term in moved:
            if term in df:
                idf[term] = math.log(1.0 + n / df[term])
            else:
                idf.pop(term, None)
        redo |= {i for i, doc in enumerate(docs) if not moved.isdisjoint(doc)}
    vectors = list(prev.vectors) if prev is not None and moved is not None else [{} for _ in range(n)]
    tops: list[tuple[tuple[str, float], ...]] = list(prev.tops) if prev is not None and moved is not None else [()] * n
    if given is not None and keep is not None and weighted and (prev is None or moved is None):
        vectors = list(given)
        tops = [tuple(list(vec.items())[:top]) for vec in vectors]
        redo = set()  # made already
    for i in sorted(redo):
        if keep is not None and weighted:
            vectors[i], tops[i] = _kept_vector(docs[i], idf, keep, top)
        else:
            vec = vector(docs[i], idf, weighted)
            vectors[i] = dict(strongest(vec, keep)) if keep is not None else vec
            tops[i] = tuple(list(vectors[i].items())[:top]) if keep is not None else tuple(strongest(vec, top))
    fresh = prev is None or moved is None
    members, touched = _members(vectors, prev if not fresh else None, redo)
    looked_up = _looked_up(tops, prev if not fresh else None, redo)
    postings, changed = _postings((vectors, tops, looked_up), members, prev if not fresh else None, (redo, touched), cap)
    side = Side(tuple(docs), df, idf, tuple(vectors), tuple(tops), members, postings, looked_up)
    return side, (None if fresh else redo), (None if fresh else changed)


def side_data(side: Side) -> tuple[Any, ...]:
    """What ``side_from`` needs to make the side again: the rest is computed from it faster than it is read."""
    return side.docs, side.vectors, side.postings


def side_from(data: tuple[Any, ...], weighted: bool, keep: int | None, top: int) -> Side:
    """The side ``side_data`` was given, equal to it in every number (``build_side``'s arguments)."""
    docs, vectors, postings = data
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    n = len(docs)
    idf = {term: math.log(1.0 + n / count) for term, count in df.items()}  # as ``build_side`` computes it
    if keep is not None:
        tops = tuple(tuple(list(vec.items())[:top]) for vec in vectors)
    else:
        tops = tuple(tuple(strongest(vec, top)) for vec in vectors)
    members, _ = _members(vectors, None, set())
    return Side(tuple(docs), dict(df), idf, tuple(vectors), tops, members, postings, _looked_up(tops, None, set()))


def _members(vectors: Sequence[Vector], prev: Side | None, redo: set[int]) -> tuple[dict[str, list[int]], set[str]]:
    """Term -> the articles holding it, in article order, and the terms of the articles computed again
    (their postings may change). Lists are never changed once made: a changed term gets a new one."""
    if prev is None:
        found: dict[str, list[int]] = defaultdict(list)
        for i, vec in enumerate(vectors):
            for term in vec:
                found[term].append(i)
        return dict(found), set(found)
    members = dict(prev.members)
    added: dict[str, list[int]] = defaultdict(list)
    touched: set[str] = set()
    for i in sorted(redo):
        touched.update(prev.vectors[i])
        for term in vectors[i]:
            added[term].append(i)
    for term in touched | set(added):
        kept = [i for i in members.get(term, ()) if i not in redo]
        if term in added:
            kept = sorted(kept + added[term])  # article order, as a fresh build makes them
        if kept:
            members[term] = kept
        else:
            members.pop(term, None)
    return members, touched | set(added)


def _looked_up(
    tops: Sequence[Sequence[tuple[str, float]]], prev: Side | None, redo: set[int]
) -> dict[str, int]:
    """Term -> how many articles hold it among their ``top`` terms; the last build's brought up to date for ``redo``."""
    if prev is None:
        counts: Counter[str] = Counter(t for top in tops for t, _ in top)
        return dict(counts)
    found = dict(prev.looked_up)
    for i in redo:
        for term, _ in prev.tops[i]:
            found[term] -= 1
            if not found[term]:
                del found[term]
        for term, _ in tops[i]:
            found[term] = found.get(term, 0) + 1
    return found


def _postings(
    side: tuple[Sequence[Vector], Sequence[Sequence[tuple[str, float]]], Mapping[str, int]],
    members: Mapping[str, list[int]],
    prev: Side | None,
    changes: tuple[set[int], set[str]],
    cap: int,
) -> tuple[dict[str, tuple[tuple[int, float], ...]], set[str]]:
    """Postings of the terms some article looks its neighbours up by (``side``: vectors, tops, terms looked up);
    after an edit (``changes``: the articles computed again, the terms of theirs) only the postings of those
    terms and of the terms newly looked up by are made again, the others are the last build's."""
    vectors, tops, looked_up = side
    redo, touched = changes
    if prev is None:
        postings: dict[str, tuple[tuple[int, float], ...]] = {}
        terms: Iterable[str] = looked_up
    else:
        postings = dict(prev.postings)  # its terms are the last build's looked-up terms
        for term in {t for i in redo for t, _ in prev.tops[i] if t not in looked_up}:
            postings.pop(term, None)
        terms = {t for t in touched if t in looked_up} | {t for i in redo for t, _ in tops[i] if t not in postings}
    changed: set[str] = set()
    for term in terms:
        held = members[term]
        if len(held) <= cap:  # all of them: article order (scores do not depend on a posting's order)
            posting = tuple([(i, vectors[i][term]) for i in held])
        else:  # the ``cap`` heaviest, ties by article
            ranked = heapq.nsmallest(cap, [(-vectors[i][term], i) for i in held])
            posting = tuple([(i, -negative) for negative, i in ranked])
        if prev is None or prev.postings.get(term) != posting:
            changed.add(term)
        postings[term] = posting
    return postings, changed
