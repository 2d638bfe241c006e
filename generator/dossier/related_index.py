"""The term index of related articles: one kind of term (entities, or words) built afresh.

Document frequencies, each article's unit vector, the terms it looks its neighbours up by, and
the postings. After an edit dossier/related_delta.py brings a side up to date instead; a posting
it leaves out is made here when first read (``posting``). Every number is computed by the same
operations in the same order either way, so the result is the same to the bit.
"""

from __future__ import annotations

import heapq
import marshal
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
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
    cap: int = 0  # the most articles a posting holds


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


def frequencies(docs: Sequence[Mapping[str, float]], prev: Side | None) -> tuple[dict[str, int], set[str] | None, set[int]]:
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
    docs: Sequence[Mapping[str, float]], weighted: bool, keep: int | None, top: int, cap: int,
    given: Sequence[Vector] | None = None,
) -> Side:
    """The side of these documents, built afresh (dossier/related_delta.py brings one up to date after an
    edit). ``given``: the ``kept_vectors`` of ``docs`` (weighted, ``keep``), made already."""
    n = len(docs)
    df, _, _ = frequencies(docs, None)
    idf = {term: math.log(1.0 + n / count) for term, count in df.items()}
    vectors: list[Vector] = [{} for _ in range(n)]
    tops: list[tuple[tuple[str, float], ...]] = [()] * n
    if given is not None and keep is not None and weighted:
        vectors = list(given)
        tops = [tuple(list(vec.items())[:top]) for vec in vectors]
    else:
        for i in range(n):
            vectors[i], tops[i] = vector_and_tops(docs[i], idf, weighted, keep, top)
    members = _members(vectors)
    looked_up = _looked_up(tops)
    postings = {term: posting_of(vectors, members[term], term, cap) for term in looked_up}
    return Side(tuple(docs), df, idf, tuple(vectors), tuple(tops), members, postings, looked_up, cap)


def vector_and_tops(
    doc: Mapping[str, float], idf: Mapping[str, float], weighted: bool, keep: int | None, top: int
) -> tuple[Vector, tuple[tuple[str, float], ...]]:
    """One article's vector as a side keeps it, and its ``top`` strongest terms."""
    if keep is not None and weighted:
        return _kept_vector(doc, idf, keep, top)
    vec = vector(doc, idf, weighted)
    kept = dict(strongest(vec, keep)) if keep is not None else vec
    return kept, (tuple(list(kept.items())[:top]) if keep is not None else tuple(strongest(vec, top)))


def posting(side: Side, term: str) -> tuple[tuple[int, float], ...]:
    """The posting of a term some article looks its neighbours up by; made when first read after an
    edit changed it (dossier/related_delta.py leaves it out then)."""
    found = side.postings.get(term)
    if found is None:
        found = side.postings[term] = posting_of(side.vectors, side.members[term], term, side.cap)  # type: ignore[index]
    return found


def posting_of(vectors: Sequence[Vector], held: Sequence[int], term: str, cap: int) -> tuple[tuple[int, float], ...]:
    """(article, weight) of the articles holding ``term``: all of them in article order, or the ``cap``
    heaviest, ties by article (scores do not depend on a posting's order)."""
    if len(held) <= cap:
        return tuple([(i, vectors[i][term]) for i in held])
    ranked = heapq.nsmallest(cap, [(-vectors[i][term], i) for i in held])
    return tuple([(i, -negative) for negative, i in ranked])


def side_data(side: Side) -> tuple[Any, ...]:
    """What ``side_from`` needs to make the side again: the rest is computed from it faster than it is read."""
    return side.docs, side.vectors, {term: posting(side, term) for term in side.looked_up}


def side_from(data: tuple[Any, ...], weighted: bool, keep: int | None, top: int, cap: int) -> Side:
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
    return Side(tuple(docs), dict(df), idf, tuple(vectors), tops, _members(vectors), postings, _looked_up(tops), cap)


SideData = tuple[Any, ...]  # ``side_data``: (docs, vectors, postings)
Shape = tuple[bool, "int | None", int]  # ``build_side``'s weighted, keep and top


class Sides:
    """A build's two sides (entities, words), or the data each is made of (``side_data``) until it is first read:
    a first build that ranks in a forked copy gets only the data back (dossier/related_fork.py), and a one-off
    run only saves it; a later build in the same process makes the sides then (``side_from``: equal to the bit)."""

    def __init__(
        self, made: Sequence[Side | None], data: Sequence[SideData | Callable[[], SideData] | None], shapes: Sequence[Shape],
        cap: int,
    ):
        self._made = list(made)
        self._data = list(data)  # or how to make it, when first asked for (a one-off run: in the copy that saves it)
        self._shapes = shapes
        self._cap = cap

    def side(self, i: int) -> Side:
        made = self._made[i]
        if made is None:
            weighted, keep, top = self._shapes[i]
            made = self._made[i] = side_from(self.data(i), weighted, keep, top, self._cap)
        return made

    def data(self, i: int) -> SideData:
        """``side_data`` of side ``i``."""
        data = self._data[i]
        if callable(data):
            data = self._data[i] = data()
        return data if data is not None else side_data(self._made[i])  # type: ignore[arg-type]


def shipped(side: Side, vectors: bool) -> bytes:
    """What a forked copy hands back of a side it built afresh (marshal: plain data, read only when first asked
    for, ``received``): its vectors, unless the caller holds them already; its postings (those of the terms
    looked up by, in order); and for each of those terms the first article that looks it up (whose string for
    the term the side holds)."""
    first: dict[str, int] = {}
    for i, top in enumerate(side.tops):
        for term, _ in top:
            first.setdefault(term, i)
    part: Any = ((side.vectors if vectors else None), side.postings, [first[term] for term in side.postings])
    return marshal.dumps(part)


def received(docs: Sequence[Mapping[str, float]], held: Sequence[Vector] | None, part: bytes, canonical: bool) -> SideData:
    """``side_data`` of the side a copy built of ``docs`` (``shipped``), its vectors ``held`` here if none came.
    ``canonical``: each term made the very string a side built here holds (the one of the article's document,
    or of the first article looking it up); interned words come back as this process's strings already."""
    vectors, postings, first = marshal.loads(part)
    if canonical:
        own: dict[int, dict[str, str]] = {}

        def of(i: int) -> dict[str, str]:
            found = own.get(i)
            if found is None:
                found = own[i] = {t: t for t in docs[i]}
            return found

        if vectors is not None:
            vectors = [{of(i)[t]: w for t, w in vec.items()} for i, vec in enumerate(vectors)]
        postings = {of(i)[t]: found for (t, found), i in zip(postings.items(), first, strict=True)}
    return tuple(docs), tuple(vectors if vectors is not None else held or ()), postings


def _members(vectors: Sequence[Vector]) -> dict[str, list[int]]:
    """Term -> the articles holding it, in article order. Lists are never changed once made (an edit
    gives a changed term a new one: dossier/related_delta.py)."""
    found: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for term in vec:
            found[term].append(i)
    return dict(found)


def _looked_up(tops: Sequence[Sequence[tuple[str, float]]]) -> dict[str, int]:
    """Term -> how many articles hold it among their ``top`` terms."""
    counts: Counter[str] = Counter(t for top in tops for t, _ in top)
    return dict(counts)
