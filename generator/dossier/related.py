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
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.dossier import memo, related_fork
from generator.dossier import related_bounds as bounds
from generator.dossier.related_bounds import Entry
from generator.dossier.related_delta import update_side
from generator.dossier.related_index import Shape, Side, Sides, build_side, posting, received, shipped, side_from
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


_ASCII_WORD_RE = re.compile(r"[a-z]{3,}")  # ``_WORD_RE`` in a lower-cased text with no letter or digit beyond ASCII
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_TF = tuple(1.0 + math.log(c) if c else 0.0 for c in range(1024))  # 1 + log count, as computed for each count


def _words(low: str) -> list[str]:
    """``_WORD_RE.findall(low)``: by a pattern twice as fast when every letter and digit of the text is ASCII
    (then ``[^\\W\\d_]`` matches exactly a-z in a lower-cased text)."""
    if low.isascii() or not any(c.isalnum() for c in set(_NON_ASCII_RE.findall(low))):
        return _ASCII_WORD_RE.findall(low)
    return _WORD_RE.findall(low)


def term_weights(text: str) -> dict[str, float]:
    """Sublinear term frequencies (1 + log count) of a text's words, but the most common: what its vector is
    made of. The words are interned: every story's vector, kept to the end, shares one string per word (at
    10,000 articles, ~50 MB less than a string per story and word)."""
    stop, intern, tf = _stop_words(), sys.intern, _TF
    return {
        intern(t): tf[c] if c < 1024 else 1.0 + math.log(c) for t, c in Counter(_words(text.lower())).items() if t not in stop
    }


def _reason(a: Vector, b: Vector, names: Mapping[str, str], words: tuple[Vector, Vector]) -> str:
    shared = sorted((t for t in a if t in b), key=lambda t: (-a[t] * b[t], names.get(t, t)))
    if shared:
        return "also about " + ", ".join(names.get(t, t) for t in shared[:3])
    wa, wb = words
    common = sorted((t for t in wa if t in wb), key=lambda t: (-wa[t] * wb[t], t))
    return "similar wording: " + ", ".join(common[:3]) if common else related_fork.SIMILAR


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

    The last call's index is brought up to date (dossier/related_delta.py) when the articles are the same
    ones under the same ids; only the articles whose ranking the edit may have changed are scored again
    (dossier/related_bounds.py). The result is the same as a fresh call's.
    """
    return related_started(ids, entity_counts, word_docs, names, limit, max_posting, given_words)()


def related_started(
    ids: Sequence[str],
    entity_counts: Sequence[Mapping[str, int]],
    word_docs: Sequence[Mapping[str, float]],
    names: Mapping[str, str] | None = None,
    limit: int = 5,
    max_posting: int = 30,
    given_words: Sequence[Vector] | None = None,
    beside: bool = False,
) -> Callable[[], dict[str, tuple[tuple[str, str], ...]]]:
    """``related_by_terms`` started: the function returned finishes it (and keeps the index for the next
    call). ``beside``: a first build ranks in a forked copy meanwhile (dossier/related_fork.py)."""
    names = dict(names or {})
    last = _LAST.get("state")
    if last is not None and (last.ids != tuple(ids) or last.shape != (limit, max_posting) or not last.rankings):
        last = None
    entity_docs = _entity_docs(entity_counts, last)
    ranking = _Ranking(tuple(ids), names, limit)
    updated = _updated(entity_docs, word_docs, last) if last is not None else None
    if last is not None and updated is not None:
        entities, words, moved = updated
        again = ranking.again(last, entities, words, moved)
        sides = Sides((entities, words), (None, None), SHAPES, max_posting)
        states: Callable[[], tuple[_State, Sides]] = lambda: (again, sides)  # noqa: E731
    elif beside and related_fork.may_fork(len(ids)):
        states = _afresh_beside(ranking, entity_docs, word_docs, given_words, max_posting)
    else:
        entities = build_side(entity_docs, False, None, TOP_ENTITIES, max_posting)
        words = build_side(word_docs, True, KEEP_TERMS, TOP_TERMS, max_posting, given_words)
        built = Sides((entities, words), (None, None), SHAPES, max_posting)
        states = lambda: (ranking.afresh(entities, words), built)  # noqa: E731
    counts = tuple(entity_counts)

    def finish() -> dict[str, tuple[tuple[str, str], ...]]:
        (partners, result, rankings, rests, rooms), made = states()
        shape = (limit, max_posting)
        _LAST["state"] = _Last(tuple(ids), names, shape, made, partners, result, counts, rankings, rests, rooms)
        return result

    return finish


SHAPES: tuple[Shape, Shape] = ((False, None, TOP_ENTITIES), (True, KEEP_TERMS, TOP_TERMS))  # ``Sides``: entities, words


def sides_made() -> None:
    """The last build's index sides made now if its ranking was done in a forked copy (``Sides`` makes them
    when first read): a long-running process calls this once its first build is done, so that its first
    edit does not wait for them (at 10,000 articles a few tenths of a second)."""
    last = _LAST.get("state")
    if last is not None:
        last.entities, last.words  # noqa: B018 - read for the making


def _afresh_beside(
    ranking: _Ranking, entity_docs: list[Mapping[str, float]], word_docs: Sequence[Mapping[str, float]],
    given: Sequence[Vector] | None, cap: int,
) -> Callable[[], tuple[_State, Sides]]:
    """A first build's index built and ranked in a forked copy (related_fork.py), which hands back the rows and
    what is kept of each side (``shipped``): this process builds neither side (~0.2 s at 2,225 articles)."""

    def rank() -> related_fork.Rows:
        entities = build_side(entity_docs, False, None, TOP_ENTITIES, cap)
        words = build_side(word_docs, True, KEEP_TERMS, TOP_TERMS, cap, given)
        return (*ranking.rows(entities, words), (shipped(entities, True), shipped(words, given is None)))

    pending = related_fork.started(rank, len(ranking.ids))
    held = (tuple(entity_docs), tuple(word_docs), tuple(given) if given is not None else None)  # as they are now

    def states() -> tuple[_State, Sides]:
        *rows, (entities, words) = pending()
        data = (lambda: received(held[0], None, entities, True), lambda: received(held[1], held[2], words, False))
        return ranking.state_of(tuple(rows)), Sides((None, None), data, SHAPES, cap)  # made when first asked for

    return states


def _updated(
    entity_docs: Sequence[Mapping[str, float]], word_docs: Sequence[Mapping[str, float]], last: _Last
) -> tuple[Side, Side, bounds.Moves] | None:
    """Both sides brought up to date, and what moved (None: build afresh)."""
    entities = update_side(entity_docs, last.entities, False, None, TOP_ENTITIES)
    words = update_side(word_docs, last.words, True, KEEP_TERMS, TOP_TERMS)
    if entities is None or words is None:
        return None
    (e_side, e_delta), (w_side, w_delta) = entities, words
    sides = (
        (ENTITY_WEIGHT, last.entities.tops, e_side.tops, e_delta), (1 - ENTITY_WEIGHT, last.words.tops, w_side.tops, w_delta)
    )

    def holders(j: int) -> set[int]:
        """The articles that may have ``j`` as candidate: hold a term in whose posting ``j`` is."""
        found: set[int] = set()
        for side in (e_side, w_side):
            for term in side.vectors[j]:
                held = side.members[term]
                if len(held) <= side.cap or any(k == j for k, _ in posting(side, term)):
                    found.update(held)
        return found

    reading: dict[int, list[tuple[int, str]]] = defaultdict(list)  # article -> (side, term) of the events it reads
    for number, (side, delta) in enumerate(((e_side, e_delta), (w_side, w_delta))):
        for term in delta.events:
            for i in side.members.get(term, ()):
                if any(t == term for t, _ in side.tops[i]):
                    reading[i].append((number, term))
    return e_side, w_side, bounds.moves(sides, holders, reading)


_State = tuple[
    tuple[tuple[int, ...], ...], dict[str, tuple[tuple[str, str], ...]], tuple[tuple[Entry, ...], ...], list[float], list[float]
]


@dataclass(frozen=True)
class _Ranking:
    """One call's articles, names and number of partners: ranks them afresh or again after an edit."""

    ids: tuple[str, ...]
    names: dict[str, str]
    limit: int

    def afresh(self, entities: Side, words: Side) -> _State:
        """Every article scored."""
        return self.state_of(self.rows(entities, words))

    def rows(self, entities: Side, words: Side) -> related_fork.Rows:
        """Every article scored: its partners, their reasons, and its ranking kept (plain data, related_fork.py)."""
        partners, reasons, rankings, rests, rooms = [], [], [], [], []
        for i in range(len(self.ids)):
            ranked, kept = _ranked(i, self.ids, entities, words, self.limit)
            partners.append(tuple(j for _, _, j in ranked))
            reasons.append(tuple(reason for _, reason in _reasons(i, ranked, (entities, words), self.names, None)))
            rankings.append(kept.entries)
            rests.append(kept.rest)
            rooms.append(bounds.room(kept.entries, self.limit, MIN_SCORE))
        return partners, reasons, rankings, rests, rooms

    def state_of(self, rows: related_fork.Rows) -> _State:
        """The state of every article's rows: each partner's pair made of this call's ids."""
        partners, reasons, rankings, rests, rooms = rows
        result = related_fork.result_of(self.ids, partners, reasons)
        return tuple(partners), result, tuple(rankings), rests, rooms

    def again(self, last: _Last, entities: Side, words: Side, moved: bounds.Moves) -> _State:
        """The articles the edit may have moved ranked again: bounded, or scored when the bounds do not tell."""
        exact, touched, reasons = _affected(last, (entities, words), moved, self.names)
        rests, failing = bounds.grown(last.rests, last.rooms, moved)
        exact.update(failing)
        partners, rankings, rooms = list(last.partners), list(last.rankings), list(last.rooms)
        result = dict(last.result)
        for i in sorted(exact | touched | reasons):
            article_id = self.ids[i]
            if i not in exact and i in touched:
                bounded = bounds.bounded(i, bounds.Ranked(last.rankings[i], last.rests[i]), moved)
                found = bounds.decided(bounded, self.ids, self.limit, MIN_SCORE, _twins(i, entities, words))
                if found is None:
                    exact.add(i)
                else:
                    order, kept = found
                    rankings[i], rests[i], rooms[i] = kept.entries, kept.rest, bounds.room(kept.entries, self.limit, MIN_SCORE)
                    ranked = [(0.0, self.ids[j], j) for j in order]
            if i in exact:
                ranked, kept = _ranked(i, self.ids, entities, words, self.limit)
                rankings[i], rests[i], rooms[i] = kept.entries, kept.rest, bounds.room(kept.entries, self.limit, MIN_SCORE)
            elif i not in touched:
                ranked = [(0.0, self.ids[j], j) for j in last.partners[i]]
            partners[i] = tuple(j for _, _, j in ranked)
            held = None if i in reasons else last
            result[article_id] = _reasons(i, ranked, (entities, words), self.names, held)
        return tuple(partners), result, tuple(rankings), rests, rooms


def _twins(i: int, entities: Side, words: Side) -> Callable[[int, int], bool]:
    """Whether two candidates of article ``i`` have the very same score: the same vectors, in the same postings
    of its terms (a capped posting may hold one of two equal weights)."""

    def twins(a: int, b: int) -> bool:
        sides = (entities, words)
        if any(side.vectors[a] != side.vectors[b] for side in sides):
            return False
        for side in sides:  # equal vectors: in the same uncapped postings
            for term, _ in side.tops[i]:
                if len(side.members[term]) > side.cap:
                    held = {j for j, _ in posting(side, term)}
                    if (a in held) != (b in held):
                        return False
        return True

    return twins


def _affected(
    last: _Last, sides: tuple[Side, Side], moved: bounds.Moves, names: Mapping[str, str]
) -> tuple[set[int], set[int], set[int]]:
    """The articles to score again (their top terms changed), to bound again (a vector of theirs or of a
    candidate moved, or an event in a term of theirs), and those whose reasons name a renamed entity."""
    exact: set[int] = set()
    touched: set[int] = set()
    for _, _, _, delta in moved.sides:
        exact |= delta.retopped
        touched |= delta.redo
    touched.update(moved.reading)
    moving = set(moved.ratios).union(*(delta.edited for _, _, _, delta in moved.sides))
    if moving:
        touched.update(i for i, entries in enumerate(last.rankings) if any(e[0] in moving for e in entries))
    renamed = {eid for eid, _ in names.items() ^ last.names.items()}
    reasons: set[int] = set()
    for eid in renamed:  # an entity's name is in the reasons
        reasons.update(sides[0].members.get(eid, ()))
        reasons.update(last.entities.members.get(eid, ()))
    return exact, touched - exact, reasons


def _reasons(
    i: int, ranked: list[tuple[float, str, int]], sides: tuple[Side, Side], names: Mapping[str, str], last: _Last | None
) -> tuple[tuple[str, str], ...]:
    """Each partner's id and reason; the last call's reason for a partner it had, when no entity of the story
    was renamed (``last`` None otherwise) and neither story's vectors changed (the very objects): a reason
    reads nothing else. One naming shared entities reads only the entity vectors."""
    entities, words = sides
    if last is None:
        kept: dict[int, tuple[str, str]] = {}
    else:
        kept = dict(zip(last.partners[i], last.result[last.ids[i]], strict=True))
        last_entities, last_words = last.entities.vectors, last.words.vectors
        named = entities.vectors[i] is last_entities[i]
        worded = named and words.vectors[i] is last_words[i]

    def held(j: int) -> tuple[str, str] | None:
        found = kept.get(j)
        if found is None or not named or entities.vectors[j] is not last_entities[j]:
            return None
        return found if found[1].startswith("also about ") or (worded and words.vectors[j] is last_words[j]) else None

    return tuple(
        held(j) or (other, _reason(entities.vectors[i], entities.vectors[j], names, (words.vectors[i], words.vectors[j])))
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
    sides: Sides  # entities, words
    partners: tuple[tuple[int, ...], ...]
    result: dict[str, tuple[tuple[str, str], ...]]
    counts: tuple[Mapping[str, int], ...] = ()  # the entity counts given (not kept on disk): their documents are reused
    rankings: tuple[tuple[Entry, ...], ...] = ()  # each article's best candidates (related_bounds.py)
    rests: list[float] = field(default_factory=list)  # each article's bound on the other candidates' scores
    rooms: list[float] = field(default_factory=list)  # what that bound must stay under (``related_bounds.room``)

    @property
    def entities(self) -> Side:
        return self.sides.side(0)

    @property
    def words(self) -> Side:
        return self.sides.side(1)


def _saved(last: _Last) -> tuple[Any, ...]:
    # each big table a part of its own (dossier/memo.py writes a long one in pieces)
    return (
        last.ids, last.names, last.shape, *last.sides.data(0), *last.sides.data(1), last.partners, last.result,
        last.rankings, tuple(last.rests), tuple(last.rooms),
    )


def _loaded(data: tuple[Any, ...]) -> _Last:
    ids, names, shape, *sides, partners, result, rankings, rests, rooms = data
    entities, words = tuple(sides[:3]), tuple(sides[3:])
    cap = shape[1]
    made = (side_from(entities, False, None, TOP_ENTITIES, cap), side_from(words, True, KEEP_TERMS, TOP_TERMS, cap))
    held = Sides(made, (None, None), SHAPES, cap)
    return _Last(ids, names, shape, held, partners, result, (), rankings, list(rests), list(rooms))


_LAST: dict[str, _Last] = memo.stored("related", _saved, _loaded)  # kept on disk for the next conversion


def has_last() -> bool:
    """Whether a last build's related articles are held (in memory, or read from disk): this is no first build."""
    return "state" in _LAST


def _ranked(
    i: int, ids: Sequence[str], entities: Side, words: Side, limit: int
) -> tuple[list[tuple[float, str, int]], bounds.Ranked]:
    """The ``limit`` best partners of article ``i``: (negated rounded score, id, index), best first; and its
    ranking as kept for the next edit (related_bounds.py)."""
    scores: dict[int, float] = {}
    get = scores.get
    for share, side in ((ENTITY_WEIGHT, entities), (1 - ENTITY_WEIGHT, words)):
        postings = side.postings
        for term, weight in side.tops[i]:
            scaled = share * weight
            found = postings.get(term)
            for j, other_weight in found if found is not None else posting(side, term):
                scores[j] = get(j, 0.0) + scaled * other_weight
    scores.pop(i, None)
    floor = _floor(scores, limit)
    best = heapq.nsmallest(limit, [(-round(score, 9), ids[j], j) for j, score in scores.items() if score >= floor])
    return best, bounds.scored(scores, ids)


ROUNDING = bounds.ROUNDING  # more than ``round(score, 9)`` moves a score by (half a 1e-9, and a few ulps)


def _floor(scores: dict[int, float], limit: int) -> float:
    """The least score that can be among the ``limit`` best once rounded: a score below the ``limit``-th
    best by more than the rounding is rounded below it (rounding never reverses an order), so it has
    ``limit`` better ones; leaving it out, and not rounding it, changes nothing."""
    if len(scores) <= limit:
        return MIN_SCORE
    return max(MIN_SCORE, heapq.nlargest(limit, scores.values())[-1] - ROUNDING)
