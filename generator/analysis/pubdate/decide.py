"""From clues to a status: hard clues filter, soft ones may only make one survivor probable.

Two levels never mix: *inferred* when the hard clues leave one year;
*probable* when several survive and the soft clues clearly prefer one (the
report's weekday, nearness to the dated events the story tells); *uncertain*
otherwise, or when the clues disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.analysis.pubdate.clues import Clue
from generator.models import PubDate

# Wire copy is written within weeks of the events it dates: a candidate is "clearly nearer" when it is within
# NEAR_DAYS of a dated event told in the story and every other candidate is at least MARGIN_DAYS further.
# A scheduled event is announced within weeks of it; a past one may be recalled long after, so a
# past event counts only when very recent (measured on held-out political copy, where events a
# few months old misled the ranking).
NEAR_DAYS = 120
NEAR_PAST_DAYS = 30
MARGIN_DAYS = 270


def _filter(candidates: list[dt.date], clues: Sequence[Clue], evidence: list[str]) -> list[dt.date] | None:
    """Apply the hard clues in order; None when one contradicts those before it."""
    for clue in clues:
        if not clue.hard:
            continue
        kept = [d for d in candidates if clue.keep(d)]
        if not kept:
            evidence.append(f"{clue.evidence}, which contradicts the clues before it")
            return None
        evidence.append(clue.evidence if len(kept) < len(candidates) else f"{clue.evidence} (consistent)")
        candidates = kept
    return candidates


def _distance(d: dt.date, told: Sequence[tuple[dt.date, bool]]) -> int | None:
    """Days from a candidate to the nearest dated event the story tells, on the side its tense allows."""
    gaps = [abs((d - when).days) for when, future in told if (when > d) == future]
    gaps = [
        g
        for g, (when, future) in zip(gaps, [t for t in told if (t[0] > d) == t[1]], strict=True)
        if future or g <= NEAR_PAST_DAYS
    ]
    return min(gaps) if gaps else None


def _nearest(candidates: list[dt.date], told: Sequence[tuple[dt.date, bool]]) -> tuple[dt.date, str] | None:
    ranked = sorted((gap, d) for d in candidates if (gap := _distance(d, told)) is not None)
    if not ranked or ranked[0][0] > NEAR_DAYS:
        return None
    others = [g for g, d in ranked[1:]] + [10**6] * (len(candidates) - len(ranked))
    if others and min(others) - ranked[0][0] < MARGIN_DAYS:
        return None
    best = ranked[0][1]
    return best, f"{best.year} lies nearest the dated events the story tells ({ranked[0][0]} days from the nearest)"


def _preferred(candidates: list[dt.date], soft: Sequence[Clue]) -> tuple[dt.date, list[str]] | None:
    """The one candidate the soft clues support most, if it is strictly ahead."""
    points = {d: [c.evidence for c in soft if c.keep(d)] for d in candidates}
    ranked = sorted(candidates, key=lambda d: (-len(points[d]), d))
    if not points[ranked[0]] or (len(ranked) > 1 and len(points[ranked[1]]) == len(points[ranked[0]])):
        return None
    return ranked[0], points[ranked[0]]


def _listed(dates: Sequence[dt.date]) -> str:
    return ", ".join(str(d.year) for d in dates)


def decide(
    candidates: list[dt.date], clues: Sequence[Clue], told: Sequence[tuple[dt.date, bool]], evidence: list[str]
) -> PubDate:
    """Filter by the hard clues, then see whether the soft ones clearly prefer one survivor."""
    kept = _filter(candidates, clues, evidence)
    if kept is None:
        return PubDate(None, "uncertain", tuple(evidence), tuple(candidates))
    if len(kept) == 1:
        evidence.append(f"only {kept[0].year} fits")
        return PubDate(kept[0], "inferred", tuple(evidence))
    return rank(kept, [c for c in clues if not c.hard], told, evidence)


def rank(kept: list[dt.date], soft: Sequence[Clue], told: Sequence[tuple[dt.date, bool]], evidence: list[str]) -> PubDate:
    """Probable when the soft clues and the nearness to told events agree on one survivor."""
    preferred = _preferred(kept, soft)
    nearest = _nearest(kept, told)
    against = [c for c in soft if nearest and not c.keep(nearest[0]) and any(c.keep(d) for d in kept)]
    if nearest and against and not preferred:
        evidence.append(
            f"{against[0].evidence}, not {nearest[0].year}, which lies nearest the dated events: "
            f"more than one year fits: {_listed(kept)}"
        )
        return PubDate(None, "uncertain", tuple(evidence), tuple(kept))
    if preferred and nearest and preferred[0] != nearest[0]:
        evidence.append(
            f"the soft clues disagree ({preferred[0].year} and {nearest[0].year}): more than one year fits: {_listed(kept)}"
        )
        return PubDate(None, "uncertain", tuple(evidence), tuple(kept))
    if preferred or nearest:
        best = (preferred or nearest)[0]  # type: ignore[index]
        reasons = (preferred[1] if preferred else []) + ([nearest[1]] if nearest else [])
        others = [d for d in kept if d != best]
        evidence += reasons
        evidence.append(f"probably {best.year} ({_listed(others)} not ruled out)")
        return PubDate(best, "probable", tuple(evidence), tuple(others))
    if len(kept) <= 6:
        evidence.append("more than one year fits: " + _listed(kept))
    else:
        evidence.append(f"{len(kept)} years fit: nothing in the text narrows them down")
    return PubDate(None, "uncertain", tuple(evidence), tuple(kept))
