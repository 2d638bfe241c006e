"""Who appears with whom: co-occurrence counts and the SVG pictures drawn from them at build time.

Two entities co-occur when one article names both. The picture is plain SVG written into the
page: it needs no JavaScript, every node links to its entity's page, and the same corpus gives
the same bytes (nodes in a fixed order on a circle, no random layout). Sizes are chosen so the
labels stay about 11 px high when the picture is shrunk to a 375 px phone screen.
"""

from __future__ import annotations

import math
import posixpath
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from itertools import combinations

from generator.dossier import memo
from generator.dossier.corpus import Corpus
from generator.render.markup import rel_url
from generator.render.passthrough import wrap

MAX_PER_ARTICLE = 40  # the most-mentioned entities of an article that count as its company
EDGE_WIDTH = 1.5  # an edge's width for one article in common; more, and it grows with the log of their number
LABEL_CHARS = 14  # longer names are shortened with "…"; the full name is in the node's tooltip


@dataclass(frozen=True)
class Canvas:
    """The drawing's size in SVG units; ``font`` is set so labels stay legible at 375 px."""

    width: int
    height: int
    radius: int
    font: int


@dataclass(frozen=True)
class CoOccurrence:
    """Pair counts (ids in sorted order) and each entity's partners, built once per site."""

    pairs: dict[tuple[str, str], int]
    partners: dict[str, Counter[str]]
    # drawn nodes, by (folder of the page, whether it is the node's own page, entity, position, canvas):
    # an entity is drawn on the pages of many others, at one of a few places on the circle
    drawn: dict[tuple[str, bool, str, tuple[float, float], Canvas], str] = field(default_factory=dict, compare=False, repr=False)
    # each entity's ring (``ring_of``), chosen once: its digest (``ego_inputs``) and its picture both need it
    rings: dict[tuple[str, int], list[str]] = field(default_factory=dict, compare=False, repr=False)
    names: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # partner id -> name, for ``ring_of``
    # each entity's widest ring chosen, with its limit: a narrower one is its head (the same order, cut shorter)
    widest: dict[str, tuple[int, list[str]]] = field(default_factory=dict, compare=False, repr=False)
    # the counts between the members of each ring (``ring_counts``): its digest and its picture both need them
    ring_counts: dict[tuple[str, int], list[int]] = field(default_factory=dict, compare=False, repr=False)
    # the dossier's picture by (page, limit): drawn for the entities group's digest (render/listed.py), then its page
    pictures: dict[tuple[str, int], str] = field(default_factory=dict, compare=False, repr=False)
    # the nodes of the entities' own pictures, by (folder of the page, entity, spot): the spot tells the centre
    ego_drawn: dict[tuple[str, str, tuple[float, float]], str] = field(default_factory=dict, compare=False, repr=False)

    def together(self, a: str, b: str) -> int:
        return self.pairs.get((a, b) if a < b else (b, a), 0)


def cooccurrence(corpus: Corpus) -> CoOccurrence:
    """Count, for every pair of entities, the articles that name both (linear in articles).

    Each article's company is kept with its analysis (dossier/memo.py), and the counts with the
    companies of all articles: after an edit that changes no article's company (a long-running
    process), the counts are those of the last build, with fresh drawing caches.
    """
    ids = _ids(corpus) if memo.keeps_last() else None
    if ids is not None:  # a process's later builds: each article's company kept while the entities are as they were

        def kept(analysis: object) -> tuple[str, ...]:
            return memo.derived("network.company", analysis, ids, lambda: company(corpus, analysis))

        companies = tuple([kept(info.analysis) for info in corpus.articles])
    else:
        companies = tuple([company(corpus, info.analysis) for info in corpus.articles])
    pairs, partners = memo.valued("network.counts", companies, lambda: _counted(companies))
    return CoOccurrence(pairs, partners)


_LAST = memo.held()  # "ids": the last build's entities and those with a page, and their token (``_ids``)


def _ids(corpus: Corpus) -> object | None:
    """A token for the entities of the corpus and those with a page: the last build's when both are equal
    (an article's company is a function of its analysis and these alone). None in a process's first build:
    a one-off run has no other to keep its companies for."""
    last = _LAST.get("ids")
    paged, entities = corpus.paged, corpus.entities.keys()
    if last is not None and (last[0] is paged or last[0] == paged) and last[1] == entities:
        return last[2]
    token = object()
    _LAST["ids"] = (paged, set(entities), token)
    return token if last is not None else None


def company(corpus: Corpus, analysis: object) -> tuple[str, ...]:
    """The article's MAX_PER_ARTICLE most-mentioned entities with a page (ties by id), in id order: its
    share of the counts (an entity's partners are the companies of its articles that hold it)."""
    ranked = memo.derived("network.ranked", analysis, None, lambda: _ranked(memo.mention_counts(analysis)))
    entities, paged = corpus.entities, corpus.paged
    if paged is None:
        return tuple(sorted([e for e in ranked if e in entities][:MAX_PER_ARTICLE]))
    return tuple(sorted([e for e in ranked if e in paged and e in entities][:MAX_PER_ARTICLE]))  # corpus.has_page


def _ranked(counts: Mapping[str, int]) -> tuple[str, ...]:
    """Entity ids by mentions, most first, ties by id."""
    return tuple(e for e, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _counted(companies: Iterable[tuple[str, ...]]) -> tuple[dict[tuple[str, str], int], dict[str, Counter[str]]]:
    """Pair counts in the order first met, and each entity's partners in that order (callers never change them)."""
    pairs: Counter[tuple[str, str]] = Counter()
    for ids in companies:
        pairs.update(combinations(ids, 2))  # (a, b) for a before b: the order of a double loop, counted in C
    partners: dict[str, Counter[str]] = defaultdict(Counter)
    for (a, b), n in pairs.items():
        partners[a][b] = n
        partners[b][a] = n
    return dict(pairs), dict(partners)


EGO = Canvas(640, 400, 110, 22)
DOSSIER = Canvas(760, 500, 175, 26)


def _lines(name: str) -> list[str]:
    """The label on at most two lines of LABEL_CHARS, broken between words; the rest cut with '…'."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LABEL_CHARS:
            lines[-1] += " " + word
        elif len(lines) < 2:
            lines.append(word)
        else:
            lines[-1] += " " + word
            break
    return [line if len(line) <= LABEL_CHARS else line[: LABEL_CHARS - 1].rstrip() + "…" for line in lines]


@lru_cache(maxsize=16384)  # an entity is drawn on the pages of many others
def _label_lines(name: str) -> tuple[str, ...]:
    """The label's lines, escaped. A space ends every line but the last, so the link's text reads
    "Konstantin Dolgov", not "KonstantinDolgov"."""
    lines = _lines(name)
    return tuple(escape(line + " " if n + 1 < len(lines) else line) for n, line in enumerate(lines))


def _positions(ids: Sequence[str], canvas: Canvas, centre: str | None) -> dict[str, tuple[float, float]]:
    """The centre entity (if any) in the middle, the others evenly on a circle from the top."""
    cx, cy = canvas.width / 2, canvas.height / 2
    ring = [i for i in ids if i != centre]
    out = {centre: (cx, cy)} if centre else {}
    for n, entity_id in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * n / max(1, len(ring))
        out[entity_id] = (cx + canvas.radius * math.cos(angle), cy + canvas.radius * math.sin(angle))
    return out


def _num(value: float) -> str:
    """A coordinate to a tenth, without a trailing ".0": "320", "424.6"."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@lru_cache(maxsize=65536)  # the same few positions on every picture
def _edge(a: tuple[float, float], b: tuple[float, float], weight: int) -> str:
    """One edge as a two-point path: its colour comes from its group (``_svg``), its width from its weight
    (the group's, EDGE_WIDTH, for an edge of one article: most of them)."""
    width = "" if weight == 1 else f' stroke-width="{_num(EDGE_WIDTH + EDGE_WIDTH * math.log2(weight))}"'
    return f'<path d="M{_num(a[0])} {_num(a[1])} {_num(b[0])} {_num(b[1])}"{width}/>'


def _node(corpus: Corpus, network: CoOccurrence, from_page: str, entity_id: str, xy: tuple[float, float], canvas: Canvas) -> str:
    """The node as drawn before on a page of the same folder, or drawn now."""
    own = from_page == corpus.entity_page(entity_id)
    key = (posixpath.dirname(from_page), own, entity_id, xy, canvas)
    found = network.drawn.get(key)
    if found is None:
        found = network.drawn[key] = _draw_node(corpus, from_page, entity_id, xy, canvas)
    return found


def _draw_node(corpus: Corpus, from_page: str, entity_id: str, xy: tuple[float, float], canvas: Canvas) -> str:
    entity = corpus.entities[entity_id]
    page = corpus.entity_page(entity_id)
    inner = _node_inner(entity.kind, entity.name, len(corpus.entity_articles.get(entity_id, ())), xy, canvas)
    if from_page == page:
        return f'<g class="dossier-net-node dossier-net-self">{inner}</g>'
    href = escape(rel_url(from_page, page))
    # xlink:href, not href: Material's instant preview rewrites every [href] of a fetched page as if
    # it were HTML, and an SVG <a>'s href cannot be set (a TypeError that stops every preview).
    return f'<a class="dossier-net-node" xlink:href="{href}">{inner}</a>'


def _node_inner(kind: str, name: str, articles: int, xy: tuple[float, float], canvas: Canvas) -> str:
    """The node's circle, sized by its articles, and its label, placed by where the node is on the circle."""
    text = _label_lines(name)
    circle, anchor, openings = _placed(articles, xy, canvas, len(text))
    # No SVG <title> tooltips: a page has one <title>; the full names and counts are in the list below.
    spans = "".join([f"{opening}{line}</tspan>" for opening, line in zip(openings, text, strict=True)])
    return f'<circle class="dossier-net-{kind}" {circle}/><text text-anchor="{anchor}">{spans}</text>'


@lru_cache(maxsize=16384)  # a few dozen spots, a few hundred sizes: the same places on every picture
def _placed(articles: int, xy: tuple[float, float], canvas: Canvas, lines: int) -> tuple[str, str, tuple[str, ...]]:
    """Where a node of ``articles`` at ``xy`` is drawn: its circle's attributes, its label's anchor, and the opening
    <tspan> of each of the label's ``lines`` (one a line; a label above its node grows upwards)."""
    r = 8 + 2.5 * math.log2(1 + articles)
    cx, cy = canvas.width / 2, canvas.height / 2
    dx, dy = xy[0] - cx, xy[1] - cy
    centre = abs(dx) < 1 and abs(dy) < 1
    anchor = "middle" if centre or abs(dx) < canvas.radius * 0.3 else ("start" if dx > 0 else "end")
    lx = xy[0] + (0 if anchor == "middle" else (r + 6 if dx > 0 else -r - 6))
    if anchor == "middle":
        ly = xy[1] + (r + canvas.font if centre or dy >= 0 else -r - 6)
    else:
        ly = xy[1] + canvas.font * 0.35
    font, above = canvas.font, not centre and dy < 0
    top = ly - (lines - 1) * font if above else ly
    if anchor != "middle":
        top = ly - (lines - 1) * font / 2
    openings = tuple(f'<tspan x="{_num(lx)}" y="{_num(top + n * font)}">' for n in range(lines))
    return f'cx="{_num(xy[0])}" cy="{_num(xy[1])}" r="{_num(r)}"', anchor, openings


def _svg(canvas: Canvas, label: str, weak: Sequence[str], strong: Sequence[str], nodes: Iterable[str]) -> str:
    """One line of SVG (a raw HTML block must not hold blank lines), kept out of the search index, passed through Markdown.

    The edges are drawn in two groups whose class gives their colour (the weak, then the strong on top),
    each a path of its own: strokes that cross are painted one over the other as separate lines are.
    Half the bytes of a picture of separate classed lines, and the pictures are a third of the pages' bytes.
    """
    groups = "".join(
        f'<g class="{kind}" stroke-width="{EDGE_WIDTH}">{"".join(edges)}</g>'
        for kind, edges in (("dossier-net-edge", weak), ("dossier-net-edge dossier-net-strong", strong))
        if edges
    )
    svg = (
        f'<svg class="dossier-net" viewBox="0 0 {canvas.width} {canvas.height}" font-size="{canvas.font}" '
        f'role="group" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        f"{groups}{''.join(nodes)}</svg>"
    )
    return "\n".join(wrap([f'<figure class="dossier-network" data-search-exclude data-pagefind-ignore="all">{svg}</figure>']))


def partner_names(corpus: Corpus, network: CoOccurrence) -> dict[str, str]:
    """Entity id -> name, for every entity with a partner: what rings are ordered by on ties."""
    if not network.names:
        network.names.update((e, corpus.entities[e].name) for e in network.partners)
    return network.names


RANKED = 20  # partners ranked at least, the longest list a page shows ('appears alongside'): a picture's ring is its head


def ring_of(corpus: Corpus, network: CoOccurrence, entity_id: str, limit: int) -> list[str]:
    """The ``limit`` partners named with the entity most often (ties by name), as chosen before for this network.
    At least ``RANKED`` are ranked, once: the picture's ring (its digest asks first) and the list are heads of one ranking."""
    ring = network.rings.get((entity_id, limit))
    if ring is None:
        wider = network.widest.get(entity_id)  # the partners ranked for a longer list: this ring is its head
        if wider is None or wider[0] < limit:
            ranked = max(limit, RANKED)
            top = _top(partner_names(corpus, network), network.partners.get(entity_id), ranked)
            wider = network.widest[entity_id] = (ranked, top)
        ring = network.rings[entity_id, limit] = wider[1][:limit]
    return ring


def _top(names: Mapping[str, str], partners: Counter[str] | None, limit: int) -> list[str]:
    """``nsmallest(limit, partners, key=(-count, name))`` (ties in the partners' order): the partners
    named more often than the ``limit``-th most frequent are in; those named exactly as often fill
    the places left by name, so only they are compared by name."""
    if not partners or limit <= 0:
        return []
    if len(partners) <= limit:
        return [e for e, _ in sorted(partners.items(), key=lambda kv: (-kv[1], names[kv[0]]))]
    least = sorted(partners.values(), reverse=True)[limit - 1]
    above = sorted([kv for kv in partners.items() if kv[1] > least], key=lambda kv: (-kv[1], names[kv[0]]))
    tied = sorted([e for e, n in partners.items() if n == least], key=names.__getitem__)  # stable: ties keep their order
    return [e for e, _ in above] + tied[: limit - len(above)]


def ring_counts(corpus: Corpus, network: CoOccurrence, entity_id: str, limit: int, last: bool = False) -> list[int]:
    """How often each pair of the entity's ring is named together, pair by pair in ring order, counted once:
    kept from its digest (``ego_inputs``) for its picture, the ``last`` use, which lets it go."""
    found = network.ring_counts.pop((entity_id, limit), None) if last else network.ring_counts.get((entity_id, limit))
    if found is None:
        ring = ring_of(corpus, network, entity_id, limit)
        links = network.partners  # links[a].get(b, 0) == network.together(a, b) for two partners a, b
        found = []
        for i, a in enumerate(ring):
            get = links[a].get
            found += [get(b, 0) for b in ring[i + 1 :]]
        if not last:
            network.ring_counts[entity_id, limit] = found
    return found


def ego_inputs(corpus: Corpus, network: CoOccurrence, entity_id: str, limit: int = 12) -> str:
    """Everything the entity's picture is drawn from, as text: a page is redrawn when this changes."""
    ring = ring_of(corpus, network, entity_id, limit)
    partners = network.partners.get(entity_id, Counter())
    pairs = ring_counts(corpus, network, entity_id, limit)  # in ring order
    named = corpus.entity_articles
    sizes = [len(named.get(e, ())) for e in (entity_id, *ring)]  # a node's size is its article count
    return repr((ring, [partners[e] for e in ring], pairs, sizes))


def ego_network(corpus: Corpus, network: CoOccurrence, entity_id: str, from_page: str, limit: int = 12) -> str:
    """The entity in the middle and the entities named with it most often around it; '' if none."""
    partners = network.partners.get(entity_id, Counter())
    ring = ring_of(corpus, network, entity_id, limit)
    if not ring:
        return ""
    layout = _layout(len(ring))
    counts = ring_counts(corpus, network, entity_id, limit, last=True)
    weak, strong = layout.edges(counts, [partners[e] for e in ring])
    folder, spots, drawn = posixpath.dirname(from_page), layout.spots, network.ego_drawn
    nodes = []
    for entity, xy in zip([*ring, entity_id], [*spots[1:], spots[0]], strict=True):
        node = drawn.get((folder, entity, xy))
        if node is None:  # an entity is drawn on the pages of many others, at one of a few spots on the circle
            node = drawn[folder, entity, xy] = _draw_node(corpus, from_page, entity, xy, EGO)
        nodes.append(node)
    name = corpus.entities[entity_id].name
    return _svg(EGO, f"Network: the {len(ring)} names that appear most often with {name}", weak, strong, nodes)


@dataclass(frozen=True)
class _Layout:
    """An ego picture's geometry for a ring of one size, the same on every page: the spots (the centre's
    first) and the ends of each pair of the ring in ring order; the edges drawn so far, by pair or spot and weight."""

    spots: tuple[tuple[float, float], ...]
    ends: tuple[tuple[tuple[float, float], tuple[float, float]], ...]
    drawn: dict[tuple[int, int, bool], str] = field(default_factory=dict, compare=False, repr=False)

    def edges(self, counts: Sequence[int], strong: Sequence[int]) -> tuple[list[str], list[str]]:
        """The ring's edges (``counts``: pair by pair; none where 0), and the centre's (``strong``: spot by spot)."""
        drawn, ring, spokes = self.drawn, [], []
        for index, weight in enumerate(counts):
            if weight:
                line = drawn.get((index, weight, False))
                if line is None:
                    line = drawn[index, weight, False] = _edge(*self.ends[index], weight)
                ring.append(line)
        centre = self.spots[0]
        for index, weight in enumerate(strong):
            line = drawn.get((index, weight, True))
            if line is None:
                line = drawn[index, weight, True] = _edge(centre, self.spots[index + 1], weight)
            spokes.append(line)
        return ring, spokes


@lru_cache(maxsize=64)
def _layout(size: int) -> _Layout:
    ids = ["centre", *[str(n) for n in range(size)]]
    where = _positions(ids, EGO, "centre")
    spots = tuple(where[i] for i in ids)
    return _Layout(spots, tuple((spots[i], spots[j]) for i in range(1, size + 1) for j in range(i + 1, size + 1)))


def dossier_network(corpus: Corpus, network: CoOccurrence, from_page: str, limit: int = 16) -> str:
    """The most connected entities of the dossier (most distinct partners, then most shared articles)."""
    found = network.pictures.get((from_page, limit))
    if found is None:
        found = network.pictures[(from_page, limit)] = _dossier_network(corpus, network, from_page, limit)
    return found


def _dossier_network(corpus: Corpus, network: CoOccurrence, from_page: str, limit: int) -> str:
    def weight(e: str) -> tuple[int, int, str]:
        partners = network.partners.get(e, Counter())
        return (-len(partners), -sum(partners.values()), corpus.entities[e].name)

    top = sorted((e for e in network.partners if e in corpus.entities), key=weight)[:limit]
    if len(top) < 2:
        return ""
    chosen = set(top)
    pos = _positions(top, DOSSIER, None)
    ordered = sorted(chosen)  # the chosen pairs in the order of their keys, looked up, not found in every pair
    pairs = [((a, b), network.pairs.get((a, b), 0)) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]
    weak = [_edge(pos[a], pos[b], n) for (a, b), n in pairs if n == 1]
    strong = [_edge(pos[a], pos[b], n) for (a, b), n in pairs if n > 1]
    nodes = [_node(corpus, network, from_page, e, pos[e], DOSSIER) for e in top]
    label = f"Network: the {len(top)} most connected names of the dossier and who appears with whom"
    return _svg(DOSSIER, label, weak, strong, nodes)
