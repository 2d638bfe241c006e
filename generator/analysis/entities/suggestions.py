"""The editor's review loop: discovered names to move into entities.yml or under ``ignore:``."""

from __future__ import annotations

import hashlib
import marshal
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from generator.analysis.entities.discover import Kind
from generator.analysis.entities.resolve import vote
from generator.config.gazetteer import KINDS
from generator.language.sentences import sentence_spans
from generator.language.textmemo import remembered
from generator.models import Article, EntityRef, Mention


@dataclass(frozen=True)
class Suggestion:
    """A discovered name for the editor: move it into entities.yml or under `ignore:`."""

    id: str
    name: str
    kind: Kind
    count: int  # mentions in the whole dossier
    articles: int  # articles that mention it
    aliases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()  # "source: the sentence", at most three, from different articles first

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"name": self.name, "kind": self.kind, "mentions": self.count, "articles": self.articles}
        if self.aliases:
            data["aliases"] = list(self.aliases)
        data["examples"] = list(self.examples)
        return data


def _spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(sentence_spans(text))


def _sentence_at(text: str, start: int, end: int, spans: Sequence[tuple[int, int]] | None = None) -> str:
    for a, b in sentence_spans(text) if spans is None else spans:
        if a <= start < b:
            return " ".join(text[a : max(b, end)].split())
    return " ".join(text.split())


def suggestions(
    analysed: Iterable[tuple[Article, Sequence[Mention], Sequence[EntityRef]]],
    examples: int = 3,
    min_mentions: int = 1,
    parts: Parts | None = None,
) -> list[Suggestion]:
    """Discovered (not curated) entities across articles, most mentioned first, then by name.

    ``analysed`` yields (article, its mentions, its discovered entities), e.g. from
    ``Analysis.article``, ``.mentions`` and ``.discovered``. Mentions are counted for every
    article, but a sentence is cut only for the few examples shown (most names have many
    mentions and at most ``examples`` examples). With ``parts`` (kept from the last run by
    review.py) each article's share is looked up instead, and only an edited one is computed.
    """
    ordered = sorted(analysed, key=lambda item: item[0].source)
    sources = {article.source for article, _, _ in ordered}
    if len(sources) < len(ordered) or any(": " in source for source in sources):
        return _suggestions_eager(ordered, examples, min_mentions)  # examples of two articles could be the same
    if parts is not None:
        shares = [parts.get(article, mentions, found, examples) for article, mentions, found in ordered]
        return _merged(shares, examples, min_mentions)
    names = _Names()
    for article, mentions, discovered in ordered:
        names.add(article, mentions, discovered)
    return names.suggestions(examples, min_mentions)


@dataclass
class _Names:
    """What ``suggestions`` gathers per name: its refs, kinds, aliases, and where it is mentioned."""

    refs: dict[str, EntityRef] = field(default_factory=dict)
    kinds: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    aliases: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    counts: dict[str, int] = field(default_factory=dict)
    # id -> per article mentioning it, in article order: (the article, its mentions of the name)
    places: dict[str, list[tuple[_Text, list[Mention]]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, article: Article, mentions: Sequence[Mention], discovered: Sequence[EntityRef]) -> None:
        local = {ref.id: ref for ref in discovered if not ref.curated}
        for ref in local.values():
            self.refs.setdefault(ref.id, ref)
            self.kinds[ref.id][ref.kind] += 1
            self.aliases[ref.id].update(ref.aliases)
        here: dict[str, list[Mention]] = {}
        for mention in mentions:
            if mention.entity in local:
                here.setdefault(mention.entity, []).append(mention)
        if not here:
            return
        text = _Text(article)
        for eid, found in here.items():
            self.counts[eid] = self.counts.get(eid, 0) + len(found)
            self.places[eid].append((text, found))

    def suggestions(self, examples: int, min_mentions: int) -> list[Suggestion]:
        out = []
        for eid, count in self.counts.items():
            if count < min_mentions:
                continue
            ref = self.refs[eid]
            out.append(
                Suggestion(
                    id=eid,
                    name=ref.name,
                    kind=vote(self.kinds[eid]),
                    count=count,
                    articles=len(self.places[eid]),
                    aliases=tuple(sorted(self.aliases[eid] - {ref.name})),
                    examples=_examples(self.places[eid], examples),
                )
            )
        return sorted(out, key=lambda s: (-s.count, -s.articles, s.name.casefold(), s.id))


def _examples(places: Sequence[tuple[_Text, list[Mention]]], wanted: int) -> tuple[str, ...]:
    """The sentence of the first mention in each article, then of later mentions, without repeats.

    Two articles never give the same example: it starts with the article's source (and no
    source holds ": ", see ``suggestions``), so repeats are looked for within an article only.
    """
    chosen = [text.example(found[0]) for text, found in places[:wanted]]
    for text, found in places:
        if len(chosen) >= wanted:
            break
        seen = {text.example(found[0])}
        for mention in found[1:]:
            example = text.example(mention)
            if example not in seen:
                seen.add(example)
                chosen.append(example)
                if len(chosen) >= wanted:
                    break
    return tuple(chosen[:wanted])


class _Text:
    """One article's paragraphs, split into sentences only when an example is asked of them."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.blocks: dict[int, str] | None = None
        self.spans: dict[int, tuple[tuple[int, int], ...]] = {}

    def example(self, mention: Mention) -> str:
        if self.blocks is None:
            self.blocks = dict(self.article.text_blocks())
        text = self.blocks.get(mention.paragraph, "")
        if mention.paragraph not in self.spans:
            self.spans[mention.paragraph] = remembered("sentences", text, _spans)
        return f"{self.article.source}: {_sentence_at(text, mention.start, mention.end, self.spans[mention.paragraph])}"


Part = tuple[tuple[tuple[str, str, str, tuple[str, ...]], ...], tuple[tuple[str, int, tuple[str, ...]], ...]]
# one article's share of the suggestions: its discovered names as (id, name, kind, aliases), and for
# each it mentions (id, mentions, its first distinct example sentences); plain data, for marshal

_REF = attrgetter("id", "name", "kind", "aliases", "curated")
_SPOT = attrgetter("entity", "paragraph", "start", "end")


@dataclass
class Parts:
    """Each article's share of the suggestions, by a digest of all it is computed from.

    After one edit the others' shares are the same, and the example sentences (most of the
    work) need not be cut again. ``held`` is what a previous run kept; ``used`` what this one used.
    """

    held: dict[bytes, Part] = field(default_factory=dict)
    used: dict[bytes, Part] = field(default_factory=dict)
    added: int = 0

    def get(self, article: Article, mentions: Sequence[Mention], discovered: Sequence[EntityRef], wanted: int) -> Part:
        key = _part_key(article, mentions, discovered, wanted)
        if key is None:
            return _part(article, mentions, discovered, wanted)
        part = self.held.get(key)
        if part is None:
            part = _part(article, mentions, discovered, wanted)
            self.added += 1
        self.used[key] = part
        return part


def _part_key(article: Article, mentions: Sequence[Mention], discovered: Sequence[EntityRef], wanted: int) -> bytes | None:
    """A digest of what ``_part`` reads; None when a value is not plain data (then it is not kept)."""
    try:
        blob = marshal.dumps(
            (article.source, wanted, tuple(map(_REF, discovered)), tuple(map(_SPOT, mentions)), article.text_blocks())
        )
    except ValueError:
        return None
    return hashlib.blake2b(blob, digest_size=16).digest()


def _part(article: Article, mentions: Sequence[Mention], discovered: Sequence[EntityRef], wanted: int) -> Part:
    """One article's share: what ``_Names.add`` gathers, with each name's distinct examples here (at most ``wanted``)."""
    local = {ref.id: ref for ref in discovered if not ref.curated}
    refs = tuple((ref.id, ref.name, ref.kind, tuple(ref.aliases)) for ref in local.values())
    here: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.entity in local:
            here.setdefault(mention.entity, []).append(mention)
    text = _Text(article)
    counts = []
    for eid, found in here.items():
        distinct: list[str] = []
        for mention in found:
            example = text.example(mention)
            if example not in distinct:
                distinct.append(example)
                if len(distinct) >= wanted:
                    break
        counts.append((eid, len(found), tuple(distinct)))
    return refs, tuple(counts)


def _merged(parts: Sequence[Part], wanted: int, min_mentions: int) -> list[Suggestion]:
    """The suggestions from the articles' shares, in article order: the same as ``_Names`` gives."""
    names: dict[str, str] = {}
    kinds: dict[str, list[str]] = {}
    aliases: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    places: dict[str, list[tuple[str, ...]]] = {}
    for refs, spots in parts:
        for eid, name, kind, more in refs:
            if eid in names:
                kinds[eid].append(kind)
            else:
                names[eid] = name
                kinds[eid] = [kind]
            if more:
                aliases.setdefault(eid, set()).update(more)
        for eid, count, found in spots:
            if eid in counts:
                counts[eid] += count
                places[eid].append(found)
            else:
                counts[eid] = count
                places[eid] = [found]
    out = [
        Suggestion(
            id=eid,
            name=names[eid],
            kind=_kind(kinds[eid]),
            count=count,
            articles=len(places[eid]),
            aliases=tuple(sorted(aliases[eid] - {names[eid]})) if eid in aliases else (),
            examples=_chosen(places[eid], wanted),
        )
        for eid, count in counts.items()
        if count >= min_mentions
    ]
    return sorted(out, key=lambda s: (-s.count, -s.articles, s.name.casefold(), s.id))


def _kind(seen: list[str]) -> Kind:
    """``vote`` over the kinds a name was given, article by article (most often it was given one)."""
    if len(seen) == 1 and seen[0] in KINDS:
        return seen[0]  # type: ignore[return-value]
    return vote(Counter(seen))


def _chosen(places: Sequence[tuple[str, ...]], wanted: int) -> tuple[str, ...]:
    """``_examples`` from each article's distinct examples: the first of each, then the others in order."""
    chosen = [found[0] for found in places[:wanted]]
    for found in places:
        if len(chosen) >= wanted:
            break
        chosen.extend(found[1 : 1 + wanted - len(chosen)])
    return tuple(chosen[:wanted])


def _suggestions_eager(
    ordered: Sequence[tuple[Article, Sequence[Mention], Sequence[EntityRef]]],
    examples: int,
    min_mentions: int,
) -> list[Suggestion]:
    """``suggestions`` computed mention by mention, each example checked against all before it."""
    refs: dict[str, EntityRef] = {}
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    counts: Counter[str] = Counter()
    seen_in: dict[str, list[str]] = defaultdict(list)
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)  # id -> (rank, example)
    aliases: dict[str, set[str]] = defaultdict(set)
    known: dict[str, set[str]] = defaultdict(set)  # the examples of ``found``, for a quick membership test
    for article, mentions, discovered in ordered:
        local = {ref.id: ref for ref in discovered if not ref.curated}
        blocks = dict(article.text_blocks())
        spans: dict[int, tuple[tuple[int, int], ...]] = {}  # paragraph -> its sentences, split once per article
        for ref in local.values():
            refs.setdefault(ref.id, ref)
            kinds[ref.id][ref.kind] += 1
            aliases[ref.id].update(ref.aliases)
        for mention in mentions:
            if mention.entity not in local:
                continue
            counts[mention.entity] += 1
            first_here = article.source not in seen_in[mention.entity]
            if first_here:
                seen_in[mention.entity].append(article.source)
            text = blocks.get(mention.paragraph, "")
            if mention.paragraph not in spans:
                spans[mention.paragraph] = remembered("sentences", text, _spans)
            sentence = _sentence_at(text, mention.start, mention.end, spans[mention.paragraph])
            example = f"{article.source}: {sentence}"
            rank = 0 if first_here else 1
            if example not in known[mention.entity]:
                known[mention.entity].add(example)
                found[mention.entity].append((rank, example))
    out = []
    for eid, count in counts.items():
        if count < min_mentions:
            continue
        ref = refs[eid]
        chosen = [e for _, e in sorted(found[eid], key=lambda item: item[0])][:examples]
        out.append(
            Suggestion(
                id=eid,
                name=ref.name,
                kind=vote(kinds[eid]),
                count=count,
                articles=len(seen_in[eid]),
                aliases=tuple(sorted(aliases[eid] - {ref.name})),
                examples=tuple(chosen),
            )
        )
    return sorted(out, key=lambda s: (-s.count, -s.articles, s.name.casefold(), s.id))
