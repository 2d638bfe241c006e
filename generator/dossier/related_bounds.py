"""Which articles' related articles an edit can change, bounded instead of scored again.

An article's partners are its ``limit`` best candidates by score, rounded to nine places, ties by
id. Each article keeps its best candidates (``KEEP``) with their score, as an interval [low,
high] (exact after scoring: low == high), and a bound on every other candidate's score. All
weights are positive, so when an edit moves a vector's weights by factors in [a, b] (its length
changed; ``related_delta.Delta.ratios``) a score moves by a factor within the product of both
articles' ranges; the postings an article enters or leaves, or an edited article's, are added and
taken off term by term. When the intervals still tell the order apart (by more than rounding can
move a score) the ranking is the one a fresh build makes; otherwise the article is scored again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from generator.dossier.related_delta import Delta

KEEP = 8  # candidates kept per article (the partners and a few behind)
MARGIN = 1e-12  # more than the float error of a score (at most 1) summed or bounded in another order
FEW = 24  # the articles that moved most, whose factor is not applied to every article's bound
ROUNDING = 1e-8  # more than ``round(score, 9)`` moves a score by (half a 1e-9, and a few ulps)

Entry = tuple[int, float, float]  # (candidate, low, high)
Tops = Sequence[Sequence[tuple[str, float]]]  # each article's terms looked up by, strongest first
Moved = tuple[float, Tops, Tops, Delta]  # one side: its share of a score, the last and new tops, the delta


@dataclass(frozen=True)
class Ranked:
    """An article's best candidates, best first, and a bound on the others' scores."""

    entries: tuple[Entry, ...]
    rest: float


def scored(scores: Mapping[int, float], ids: Sequence[str], keep: int = KEEP) -> Ranked:
    """The ranking of scores computed exactly (``related._ranked``): the best ``keep`` in the partners' order
    (rounded score, then id) and the bound on the rest."""
    if len(scores) <= keep:
        best, rest = list(scores.items()), 0.0
    else:  # and those equal to the last kept (twins): the bound behind is below them
        ordered = sorted(scores.values(), reverse=True)
        cut = ordered[keep - 1]
        best = [(j, s) for j, s in scores.items() if s >= cut]
        rest = ordered[len(best)] if len(best) < len(ordered) else 0.0
    best.sort(key=lambda item: (-round(item[1], 9), ids[item[0]]))
    return Ranked(tuple((j, s, s) for j, s in best), rest)


def room(entries: Sequence[Entry], limit: int, least: float) -> float:
    """What the bound on the candidates behind must stay under for the partners among ``entries`` (decided)
    to stay the partners: the last one's low score less rounding, or the least score when there are fewer."""
    chosen = [e for e in entries if e[1] >= least][:limit]
    return chosen[-1][1] - ROUNDING if len(chosen) == limit else least


def grown(rests: Sequence[float], rooms: Sequence[float], moved: Moves) -> tuple[list[float], list[int]]:
    """Every article's bound on the candidates behind after the vectors moved (``Moves.most_of``), and the
    articles whose partners it may now reach."""
    if moved.most == 1.0 and not moved.near:
        return list(rests), []
    found = [moved.most * rest + MARGIN for rest in rests]
    for i, most in moved.near.items():
        found[i] = max(moved.most, most) * rests[i] + MARGIN
    return found, [i for i, (rest, limit) in enumerate(zip(found, rooms, strict=True)) if rest >= limit]


@dataclass(frozen=True)
class Moves:
    """What the edit moved, both sides: (share, last tops, new tops, events) per side for each article, the
    factor range of each article whose vector moved, and the largest factor of all."""

    sides: tuple[Moved, ...]
    ratios: Mapping[int, tuple[float, float]]
    most: float  # the largest factor of all but the few largest (``FEW``)
    near: Mapping[int, float] = field(default_factory=dict)  # article -> the largest of those few it may have as candidate
    reading: Mapping[int, list[tuple[int, str]]] = field(default_factory=dict)  # article -> (side, term) of events it reads

    def most_of(self, i: int) -> float:
        """The largest factor a candidate of article ``i`` moved by."""
        return max(self.most, self.near.get(i, 1.0))


def moves(
    sides: Sequence[Moved], holders: Callable[[int], set[int]], reading: Mapping[int, list[tuple[int, str]]]
) -> Moves:
    """Both sides' deltas as one: each article's factors the least and most over its two vectors. The ``FEW``
    articles that moved most (an edit moves a few much, most very little) are told apart: their factor
    counts only for the articles that may have them as candidate (``holders``: those holding a term of theirs)."""
    ratios: dict[int, tuple[float, float]] = {}
    for _, _, _, delta in sides:
        for i, (low, high) in delta.ratios.items():
            was = ratios.get(i, (1.0, 1.0))
            ratios[i] = (min(was[0], low), max(was[1], high))
    ranked = sorted(((high, i) for i, (_, high) in ratios.items() if high > 1.0), reverse=True)
    near: dict[int, float] = {}
    for high, j in ranked[:FEW]:
        for i in holders(j):
            near[i] = max(near.get(i, 1.0), high)
    return Moves(tuple(sides), ratios, max(1.0, ranked[FEW][0]) if len(ranked) > FEW else 1.0, near, reading)


def _sums(i: int, moved: Moves) -> tuple[dict[int, float], dict[int, float]]:
    """For article ``i``: each candidate's score the events take off (its last weights) and add (its new ones)."""
    taken: dict[int, float] = {}
    added: dict[int, float] = {}
    weights: dict[int, tuple[dict[str, float], dict[str, float]]] = {}
    for side, term in moved.reading.get(i, ()):
        share, last_tops, new_tops, delta = moved.sides[side]
        if side not in weights:
            weights[side] = (dict(last_tops[i]), dict(new_tops[i]))
        old_scale, new_scale = share * weights[side][0][term], share * weights[side][1][term]
        for j, old, new in delta.events[term]:
            if old:
                taken[j] = taken.get(j, 0.0) + old_scale * old
            if new:
                added[j] = added.get(j, 0.0) + new_scale * new
    taken.pop(i, None)
    added.pop(i, None)
    return taken, added


def bounded(i: int, last: Ranked, moved: Moves) -> Ranked:
    """Article ``i``'s ranking after the edit as intervals (its ``top`` terms the same set as before)."""
    taken, added = _sums(i, moved)
    low_i, high_i = moved.ratios.get(i, (1.0, 1.0))
    entries: list[Entry] = []
    for j, low, high in last.entries:
        off, on = taken.pop(j, 0.0), added.pop(j, 0.0)
        low_j, high_j = moved.ratios.get(j, (1.0, 1.0))
        if off or on or low_i != 1.0 or high_i != 1.0 or low_j != 1.0 or high_j != 1.0:
            low = low_i * low_j * max(0.0, low - off) + on - MARGIN
            high = high_i * high_j * max(0.0, high - off) + on + MARGIN
        entries.append((j, low, high))
    rest = high_i * moved.most_of(i) * last.rest + MARGIN if moved.ratios else last.rest
    for j in added.keys() | taken.keys():
        on = added.get(j, 0.0)
        high = high_i * moved.ratios.get(j, (1.0, 1.0))[1] * max(0.0, last.rest - taken.get(j, 0.0)) + on + MARGIN
        entries.append((j, on - MARGIN, high))
    return Ranked(tuple(entries), rest)


def decided(
    ranked: Ranked, ids: Sequence[str], limit: int, least: float, twins: Callable[[int, int], bool]
) -> tuple[list[int], Ranked] | None:
    """The ``limit`` best candidates of at least ``least``, best first, and the ranking kept for the next edit
    (its best ``KEEP``); None when the intervals do not tell them apart. ``twins(a, b)``: whether two
    candidates surely have the very same score (then ranked by id)."""

    def before(a: Entry, b: Entry) -> bool:
        return _before(a, b) or (a[1] == b[1] and a[2] == b[2] and twins(a[0], b[0]))

    order = sorted(ranked.entries, key=lambda e: (-round(e[1], 9), ids[e[0]]))
    chosen: list[Entry] = []
    for entry in order:
        if len(chosen) == limit or entry[2] < least:
            break
        if entry[1] < least:
            return None  # on either side of the least score
        if chosen and not before(chosen[-1], entry):
            return None
        chosen.append(entry)
    others = order[len(chosen):]
    if len(chosen) == limit:
        last = chosen[-1]
        if not (last[1] > ranked.rest + ROUNDING and all(before(last, other) for other in others)):
            return None
    elif ranked.rest >= least or any(other[2] >= least for other in others):
        return None
    cut = KEEP
    while cut < len(order) and order[cut][1:] == order[cut - 1][1:]:
        cut += 1  # twins of the last kept too
    kept = order[:cut]
    rest = max([ranked.rest, *(e[2] for e in order[cut:])])
    return [e[0] for e in chosen], Ranked(tuple(kept), rest)


def _before(a: Entry, b: Entry) -> bool:
    """Whether ``a`` (sorted before ``b``) surely ranks before it: both exact (sorted by their very key), or
    apart by more than rounding."""
    return (a[1] == a[2] and b[1] == b[2]) or a[1] > b[2] + ROUNDING
