"""One side of the related articles' index brought up to date after an edit, and what the edit moved.

After an edit the document frequency changes only for the terms the edited articles gained or
lost; only the articles holding one of those terms get a new vector (the same numbers by the
same operations as a fresh build, dossier/related_index.py). Such an article's weights all move
by nearly the same factor (its length changed a little): the caller bounds its scores by the
least and most factor (``Delta.ratios``) instead of scoring everything again. What a bound cannot
cover is told term by term (``Delta.events``): an article entering or leaving a term's posting,
and every posting an edited article was or is in.
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from generator.dossier.related_index import Side, Vector, frequencies, posting, posting_of, vector_and_tops

Event = tuple[int, float, float]  # (article, its weight in the last posting or 0, in the new one or 0)


@dataclass(frozen=True)
class Delta:
    """What an edit moved on one side."""

    redo: frozenset[int]  # the articles whose vector was computed again
    edited: frozenset[int]  # the articles whose document changed
    ratios: Mapping[int, tuple[float, float]]  # redo, not edited: least and most new / last weight of a term kept
    retopped: frozenset[int]  # redo articles whose ``top`` terms are not the same set (edited ones too)
    events: Mapping[str, list[Event]]  # looked-up term -> the articles entering or leaving its posting, or edited


def update_side(
    docs: Sequence[Mapping[str, float]], prev: Side, weighted: bool, keep: int | None, top: int
) -> tuple[Side, Delta] | None:
    """The side of ``docs`` from the last build's (None: not the same articles, build it afresh)."""
    df, moved, edited = frequencies(docs, prev)
    if moved is None:
        return None
    idf: Mapping[str, float] = prev.idf
    redo = set(edited)
    if moved:
        idf = _moved_idf(prev.idf, df, moved, len(docs))
        for term in moved:  # a look-up per document and term moved (a document holds hundreds of terms)
            redo.update([i for i, doc in enumerate(docs) if term in doc])
    # however many vectors move, this is quicker than building afresh: the articles whose rankings the moves
    # cannot change keep them (dossier/related_bounds.py). At 2,225 articles, warm, an edit moving 41%, 62% and
    # 91% of the word vectors took the dossier stage 0.43, 0.61 and 0.66 s this way, 0.99, 1.05 and 1.71 s afresh
    if not redo:
        empty = Delta(frozenset(), frozenset(), {}, frozenset(), {})
        return dataclasses.replace(prev, docs=tuple(docs)), empty
    vectors, tops = list(prev.vectors), list(prev.tops)
    for i in sorted(redo):
        vectors[i], tops[i] = vector_and_tops(docs[i], idf, weighted, keep, top)
    ratios = {i: _ratio(prev.vectors[i], vectors[i]) for i in redo - edited}
    retopped = set(edited) | {i for i in redo - edited if {t for t, _ in prev.tops[i]} != {t for t, _ in tops[i]}}
    members, joined, left = _members(prev, vectors, redo)
    looked_up = _looked_up(prev, tops, retopped) if retopped else prev.looked_up  # the same top terms, the same counts
    side = Side(tuple(docs), df, idf, tuple(vectors), tuple(tops), members, dict(prev.postings), looked_up, prev.cap)
    events = _postings(prev, side, redo, (edited, joined, left))
    return side, Delta(frozenset(redo), frozenset(edited), ratios, frozenset(retopped), events)


def _moved_idf(last: Mapping[str, float], df: Mapping[str, int], moved: set[str], n: int) -> dict[str, float]:
    idf = dict(last)
    for term in moved:
        if term in df:
            idf[term] = math.log(1.0 + n / df[term])  # as ``build_side`` computes it
        else:
            idf.pop(term, None)
    return idf


def _ratio(old: Vector, new: Vector) -> tuple[float, float]:
    """The least and most factor a term kept in both vectors moved by."""
    found = [new[t] / w for t, w in old.items() if t in new]
    return (min(found), max(found)) if found else (1.0, 1.0)


def _members(
    prev: Side, vectors: Sequence[Vector], redo: set[int]
) -> tuple[dict[str, list[int]], dict[str, list[int]], dict[str, set[int]]]:
    """Term -> the articles holding it (in article order, a new list for a changed term), and the articles
    that came to hold and stopped holding each term."""
    joined: dict[str, list[int]] = defaultdict(list)
    left: dict[str, set[int]] = defaultdict(set)
    for i in sorted(redo):
        old, new = prev.vectors[i].keys(), vectors[i].keys()
        for term in old - new:
            left[term].add(i)
        for term in new - old:
            joined[term].append(i)
    members = dict(prev.members) if joined or left else prev.members
    for term in joined.keys() | left.keys():
        gone = left.get(term, set())
        kept = [i for i in members.get(term, ()) if i not in gone]
        if term in joined:
            kept = sorted(kept + joined[term])
        if kept:
            members[term] = kept  # type: ignore[index]
        else:
            members.pop(term, None)  # type: ignore[attr-defined]
    return members, joined, left  # type: ignore[return-value]


def _looked_up(prev: Side, tops: Sequence[Sequence[tuple[str, float]]], redo: Iterable[int]) -> dict[str, int]:
    """The last build's terms looked up by (and how many articles do), brought up to date for ``redo``."""
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
    prev: Side, side: Side, redo: set[int], moves: tuple[set[int], dict[str, list[int]], dict[str, set[int]]]
) -> dict[str, list[Event]]:
    """Drop from ``side.postings`` (a copy of the last build's) the postings a vector computed again is in:
    made again when read (``related_index.posting``), but at once when capped (who is in may have changed).
    Returns the events of each looked-up term."""
    edited, joined, left = moves
    postings: dict[str, tuple[tuple[int, float], ...]] = side.postings  # type: ignore[assignment]
    held: dict[str, list[int]] = defaultdict(list)  # term -> the articles computed again that held it
    holders: dict[str, list[int]] = defaultdict(list)  # term -> those that hold it now
    for i in redo:
        for t in prev.vectors[i]:
            held[t].append(i)
        for t in side.vectors[i]:
            holders[t].append(i)
    looked_up, members, cap = side.looked_up, side.members, side.cap
    events: dict[str, list[Event]] = {}
    capped: set[str] = set()
    for term in held.keys() | holders.keys():
        if term in looked_up and (len(members[term]) > cap or len(prev.members.get(term, ())) > cap):
            capped.add(term)
        else:
            postings.pop(term, None)
    for term in capped:
        if found := _capped(prev, side, term, (edited, held.get(term, []), holders.get(term, []))):
            events[term] = found
    for term, gone in left.items():
        if term in looked_up and term not in capped:
            events.setdefault(term, []).extend((i, prev.vectors[i][term], 0.0) for i in gone)
    for term, came in joined.items():
        if term in looked_up and term not in capped:
            events.setdefault(term, []).extend((i, 0.0, side.vectors[i][term]) for i in came)
    for i in edited:
        old, new = prev.vectors[i], side.vectors[i]
        for term in old.keys() & new.keys():
            if term in looked_up and term not in capped:
                events.setdefault(term, []).append((i, old[term], new[term]))
    return events


def _capped(prev: Side, side: Side, term: str, moved: tuple[set[int], list[int], list[int]]) -> list[Event]:
    """The new posting of a term capped before or now (in ``side.postings``) and its events. ``moved``: the
    edited articles, and the articles computed again that held the term before and hold it now."""
    edited, held, holders = moved
    postings: dict[str, tuple[tuple[int, float], ...]] = side.postings  # type: ignore[assignment]
    last = posting(prev, term) if term in prev.looked_up else None
    if last is not None and len(prev.members[term]) > side.cap and len(side.members[term]) > side.cap:
        bar = (-last[-1][1], last[-1][0])  # the last one's place (a capped posting is sorted by place)
        old, now = prev.vectors, side.vectors
        if all((-old[i][term], i) > bar for i in held) and all((-now[i][term], i) > bar for i in holders):
            postings[term] = last  # none in it moved, none came in
            return []
        new = _reweighed(last, now, (set(held) | set(holders), holders), term)
        if new is not None:
            postings[term] = new
            return [(i, w, now[i][term]) for i, w in last if i in edited]
    postings[term] = new = posting_of(side.vectors, side.members[term], term, side.cap)
    return _moved(dict(last), dict(new), edited) if last is not None else []


def _reweighed(
    last: tuple[tuple[int, float], ...], vectors: Sequence[Vector], moved: tuple[set[int], list[int]], term: str
) -> tuple[tuple[int, float], ...] | None:
    """A capped posting with its articles' new weights, when it surely holds the same articles: every article
    outside it that may have moved (``redo``) still ranks behind all in it, and every one in it still ranks
    before the last one's last place (the others outside rank behind that, unmoved); None otherwise."""
    redo, holders = moved
    new: list[tuple[float, int]] = []
    inside = 0  # the articles in it that may have moved
    for i, w in last:
        if i in redo:
            weight = vectors[i].get(term)
            if weight is None:
                return None  # it left
            new.append((-weight, i))
            inside += 1
        else:
            new.append((-w, i))
    worst = max(new)
    if worst > (-last[-1][1], last[-1][0]):  # behind the last one's place: an unmoved article outside may pass
        return None
    if sum(1 for i in holders if (-vectors[i][term], i) <= worst) != inside:
        return None  # one outside came in (those in it hold it still, at or before the worst place)
    new.sort()
    return tuple([(i, -negative) for negative, i in new])


def _moved(old: dict[int, float], new: dict[int, float], edited: set[int]) -> list[Event]:
    """The articles in one of two postings only, or edited, with their weight in each (0: not in it)."""
    return [(i, old.get(i, 0.0), new.get(i, 0.0)) for i in old.keys() ^ new.keys() | (edited & (old.keys() | new.keys()))]
