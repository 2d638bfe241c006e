"""The whole dossier: ids and pages, agencies, entity index, related articles, events.

Everything here is linear in articles and mentions: indexes are built by
entity and date, never by comparing all pairs of articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from generator.config import SiteConfig
from generator.dossier import memo
from generator.dossier.accounts import MajorEvent, cross_reference
from generator.dossier.chains import Chain
from generator.dossier.conflicts import Conflict
from generator.dossier.datebounds import bound_dates
from generator.dossier.entity_merge import merge_dossier
from generator.dossier.events import build_events
from generator.dossier.related import related_by_terms, term_weights
from generator.language.slugs import short_hash, slugify
from generator.language.tense import reporting_verbs
from generator.models import Analysis, ArticleInfo, EntityRef, Event, Problem

KIND_FOLDERS = {"person": "people", "organisation": "organisations", "place": "places"}
UNDATED = "undated"


@dataclass(frozen=True)
class Corpus:
    """The analysed dossier, indexed for rendering and export."""

    articles: tuple[ArticleInfo, ...]  # newest first; undated last, by id
    entities: Mapping[str, EntityRef]
    entity_articles: Mapping[str, tuple[str, ...]]  # entity id -> article ids, newest first
    events: tuple[Event, ...]
    problems: tuple[Problem, ...]
    by_id: Mapping[str, ArticleInfo] = field(default_factory=dict)
    source_slugs: Mapping[str, str] = field(default_factory=dict)  # agency (or "Unattributed") -> page slug
    chains: tuple[Chain, ...] = ()  # expected -> what happened (dossier/chains.py)
    conflicts: tuple[Conflict, ...] = ()  # stories that disagree (dossier/conflicts.py)
    major_events: tuple[MajorEvent, ...] = ()  # told by enough stories for a page (dossier/accounts.py)
    paged: frozenset[str] | None = None  # entities that get a page; None: every entity

    def has_page(self, entity_id: str) -> bool:
        """Curated, or named in enough articles (site.yml entity_pages.min_articles): the others link nowhere."""
        return entity_id in self.entities and (self.paged is None or entity_id in self.paged)

    def entity_page(self, entity_id: str) -> str:
        entity = self.entities[entity_id]
        return f"entities/{KIND_FOLDERS[entity.kind]}/{entity.id}.md"


def _page_path(analysis: Analysis, slug: str) -> tuple[str, str]:
    date = analysis.pubdate.date
    if date is None:
        return f"{UNDATED}-{slug}", f"articles/{UNDATED}/{slug}.md"
    return f"{date.isoformat()}-{slug}", f"articles/{date:%Y}/{date:%m}/{slug}.md"


def assign_ids(analyses: Sequence[Analysis]) -> list[tuple[str, str, Analysis]]:
    """Stable ids and pages; two articles never share one (the later source gets a hash)."""
    taken: set[str] = set()
    out = []
    for analysis in sorted(analyses, key=lambda a: a.article.source):
        article = analysis.article
        slug = memo.derived("corpus.slug", article, None, lambda a=article: slugify(a.headline)) or "article"  # type: ignore[misc]
        article_id, page = _page_path(analysis, slug)
        if page in taken:
            slug = f"{slug}-{short_hash(analysis.article.source)}"
            article_id, page = _page_path(analysis, slug)
        taken.add(page)
        out.append((article_id, page, analysis))
    return out


def _agency(analysis: Analysis, config: SiteConfig) -> str | None:
    article = analysis.article
    found = config.sources.canonical(article.agency_as_written)
    if found:
        return found[0]
    return config.sources.for_path(article.source) or article.agency_as_written


def _sort_key(info: ArticleInfo) -> tuple[bool, int, str]:
    """Newest first, then undated ones; ties by id so the order never depends on the disk."""
    date = info.analysis.pubdate.date
    return (date is None, -date.toordinal() if date else 0, info.id)


def _entities(analyses: Sequence[Analysis], config: SiteConfig) -> dict[str, EntityRef]:
    entities = {entity.id: entity for entity in config.gazetteer.entries}
    for analysis in analyses:
        for entity in analysis.discovered:
            entities.setdefault(entity.id, entity)
    return entities


UNATTRIBUTED = "Unattributed"


def source_slugs(agencies: set[str]) -> dict[str, str]:
    """A page slug per source, unique even when names differ only in case, or are called "index"."""
    slugs: dict[str, str] = {}
    taken = {"index"}
    for name in sorted(agencies):
        slug = slugify(name) or "source"
        if slug in taken:
            slug = f"{slug}-{short_hash(name)}"
        taken.add(slug)
        slugs[name] = slug
    return slugs


def _text_of(analysis: Analysis) -> Callable[[], str]:
    """The article's text as the related articles read it (headline, standfirst, body), when asked for."""
    return lambda: " ".join(text for _, text in analysis.article.text_blocks())


def _counts(analysis: Analysis, entities: Mapping[str, EntityRef]) -> Counter[str]:
    """Mentions of each of the dossier's entities in one story; the last build's when it names no other (shared)."""
    counts = memo.mention_counts(analysis)
    if counts.keys() <= entities.keys():
        return memo.derived("corpus.counts", analysis, None, lambda: Counter(counts))
    return Counter({e: c for e, c in counts.items() if e in entities})


def build_corpus(analyses: Sequence[Analysis], config: SiteConfig, problems: Sequence[Problem] = ()) -> Corpus:
    """Link analysed articles into one dossier."""
    with memo.collector_paused():
        return _build(analyses, config, problems)


def _build(analyses: Sequence[Analysis], config: SiteConfig, problems: Sequence[Problem]) -> Corpus:
    analyses = bound_dates(analyses, lambda a: _agency(a, config), reporting_verbs(config.cues))
    analyses, merged = merge_dossier(analyses, config)  # one entity across stories; [sic] across stories
    entities = {**_entities(analyses, config), **merged}
    infos = [
        ArticleInfo(id=article_id, page=page, analysis=analysis, agency=_agency(analysis, config))
        for article_id, page, analysis in assign_ids(analyses)
    ]
    infos.sort(key=_sort_key)
    counts = {info.id: _counts(info.analysis, entities) for info in infos}
    names = {eid: e.name for eid, e in entities.items()}
    words = [memo.per_text("related.words", info.analysis.article, _text_of(info.analysis), term_weights) for info in infos]
    related = related_by_terms([info.id for info in infos], [counts[info.id] for info in infos], words, names)
    infos = [replace(info, related=tuple(related.get(info.id, ()))) for info in infos]

    entity_articles: dict[str, list[str]] = defaultdict(list)
    for info in infos:
        for entity_id in counts[info.id]:
            entity_articles[entity_id].append(info.id)
    used = {eid: e for eid, e in entities.items() if eid in entity_articles}
    paged = frozenset(eid for eid, e in used.items() if e.curated or len(entity_articles[eid]) >= config.entity_min_articles)
    kinds = {eid: e.kind for eid, e in entities.items()}
    events = build_events([(info.id, info.analysis) for info in infos], kinds=kinds, roles=config.cues.roles)
    links = cross_reference(infos, used, events, config.accounts)
    memo.sweep()  # what this build did not use belongs to edited or removed articles
    all_problems = list(problems) + [p for info in infos for p in info.analysis.problems] + list(links.problems)
    return Corpus(
        articles=tuple(infos),
        entities=dict(sorted(used.items())),
        entity_articles={eid: tuple(ids) for eid, ids in sorted(entity_articles.items())},
        events=events,
        chains=links.chains,
        conflicts=links.conflicts,
        major_events=links.major,
        problems=tuple(sorted(all_problems, key=lambda p: (p.source, p.level, p.message))),
        by_id={info.id: info for info in infos},
        source_slugs=source_slugs({info.agency or UNATTRIBUTED for info in infos}),
        paged=paged,
    )
