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
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

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
    """Sublinear term frequencies (1 + log count) of a text's words: what its vector is made of."""
    return {t: 1.0 + math.log(c) for t, c in _terms(text).items() if c > 0}


def _idf(documents: Sequence[Mapping[str, float]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for doc in documents:
        df.update(doc.keys())
    n = len(documents)
    return {term: math.log(1.0 + n / count) for term, count in df.items()}


def _vectors(documents: Sequence[Mapping[str, float]], idf: Mapping[str, float], weighted: bool = False) -> list[Vector]:
    """Unit-length TF-IDF vectors with sublinear term frequency (``weighted``: the documents hold it already)."""
    out: list[Vector] = []
    for doc in documents:
        if weighted:
            vec = {t: tf * idf[t] for t, tf in doc.items()}
        else:
            vec = {t: (1.0 + math.log(c)) * idf[t] for t, c in doc.items() if c > 0}
        norm = math.sqrt(sum([w * w for w in vec.values()])) or 1.0
        out.append({t: w / norm for t, w in vec.items()})
    return out


def _postings(vectors: Sequence[Vector], cap: int, wanted: set[str]) -> dict[str, list[tuple[int, float]]]:
    """Term -> (article, weight) pairs, strongest first, at most ``cap`` of them; only for ``wanted`` terms."""
    index: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for term in wanted.intersection(vec):
            index[term].append((-vec[term], i))
    out = {}
    for term, posting in index.items():
        posting.sort()  # weight descending, then article: the same order as before negating
        out[term] = [(i, -negative) for negative, i in posting[:cap]]
    return out


def _strongest(vec: Vector, top: int) -> list[tuple[str, float]]:
    """The ``top`` heaviest terms, heaviest first, ties by term."""
    ranked = sorted([(-w, t) for t, w in vec.items()])
    return [(t, -negative) for negative, t in ranked[:top]]


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
) -> dict[str, tuple[tuple[str, str], ...]]:
    """``related_articles`` from each article's entity counts and word weights (``term_weights`` of its text)."""
    names = names or {}
    entity_docs = [{e: c for e, c in counts.items() if c > 0} for counts in entity_counts]
    entities = _vectors(entity_docs, _idf(entity_docs))
    words = [dict(_strongest(vec, KEEP_TERMS)) for vec in _vectors(word_docs, _idf(word_docs), weighted=True)]
    tops = ([_strongest(vec, TOP_ENTITIES) for vec in entities], [list(vec.items())[:TOP_TERMS] for vec in words])
    wanted = ({t for top in tops[0] for t, _ in top}, {t for top in tops[1] for t, _ in top})
    indexes = (
        (ENTITY_WEIGHT, tops[0], _postings(entities, max_posting, wanted[0])),
        (1 - ENTITY_WEIGHT, tops[1], _postings(words, max_posting, wanted[1])),
    )
    result: dict[str, tuple[tuple[str, str], ...]] = {}
    for i, article_id in enumerate(ids):
        scores: dict[int, float] = {}
        get = scores.get
        for share, top, postings in indexes:
            for term, weight in top[i]:
                scaled = share * weight
                for j, other_weight in postings[term]:
                    scores[j] = get(j, 0.0) + scaled * other_weight
        scores.pop(i, None)
        ranked = heapq.nsmallest(limit, ((-round(score, 9), ids[j], j) for j, score in scores.items() if score >= MIN_SCORE))
        result[article_id] = tuple(
            (other, _reason(entities[i], entities[j], names, (words[i], words[j]))) for _, other, j in ranked[:limit]
        )
    return result
