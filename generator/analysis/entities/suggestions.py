"""The editor's review loop: discovered names to move into entities.yml or under ``ignore:``."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.analysis.entities.discover import Kind
from generator.analysis.entities.resolve import vote
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
) -> list[Suggestion]:
    """Discovered (not curated) entities across articles, most mentioned first, then by name.

    ``analysed`` yields (article, its mentions, its discovered entities), e.g. from
    ``Analysis.article``, ``.mentions`` and ``.discovered``.
    """
    refs: dict[str, EntityRef] = {}
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    counts: Counter[str] = Counter()
    seen_in: dict[str, list[str]] = defaultdict(list)
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)  # id -> (rank, example)
    aliases: dict[str, set[str]] = defaultdict(set)
    known: dict[str, set[str]] = defaultdict(set)  # the examples of ``found``, for a quick membership test
    for article, mentions, discovered in sorted(analysed, key=lambda item: item[0].source):
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
