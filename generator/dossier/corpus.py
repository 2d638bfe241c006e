"""The whole dossier: ids and pages, agencies, entity index, related articles, events.

Everything here is linear in articles and mentions: indexes are built by
entity and date, never by comparing all pairs of articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar, cast

from generator.config import SiteConfig
from generator.dossier import beside, memo, related_fork, rows
from generator.dossier.accounts import MajorEvent, cross_reference, wanted_blocks
from generator.dossier.chains import Chain
from generator.dossier.chains.wording import vocabulary
from generator.dossier.claims import cut_block
from generator.dossier.conflicts import Conflict
from generator.dossier.datebounds import bound_dates
from generator.dossier.entity_groups import entity_refs
from generator.dossier.entity_merge import merge_dossier
from generator.dossier.events import build_events
from generator.dossier.related import has_last, kept_vectors, related_started, term_weights
from generator.language import textmemo
from generator.language.slugs import short_hash, slugify
from generator.language.tense import reporting_verbs
from generator.models import Analysis, Article, ArticleInfo, EntityRef, Event, Problem

KIND_FOLDERS = {"person": "people", "organisation": "organisations", "place": "places"}
UNDATED = "undated"
T = TypeVar("T")


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
    pages = rows.each("corpus.page", analyses, None, lambda i: None, lambda i: _own_page(analyses[i]))
    for i in _by_source(analyses):
        analysis = analyses[i]
        article_id, page = pages[i]
        if page in taken:
            slug = f"{_slug(analysis.article)}-{short_hash(analysis.article.source)}"
            article_id, page = _page_path(analysis, slug)
        taken.add(page)
        out.append((article_id, page, analysis))
    return out


def _slug(article: Article) -> str:
    return memo.derived("corpus.slug", article, None, lambda: slugify(article.headline)) or "article"


def _own_page(analysis: Analysis) -> tuple[str, str]:
    """The id and page an analysis has when no other takes them: a pure function of the analysis."""
    return _page_path(analysis, _slug(analysis.article))


def _by_source(analyses: Sequence[Analysis]) -> list[int]:
    """The places of the analyses in the order of their sources; the last build's order for the same sources."""
    sources = [a.article.source for a in analyses]
    return _kept("corpus.by_source", sources, lambda: sorted(range(len(sources)), key=sources.__getitem__))


def _agency(analysis: Analysis, config: SiteConfig) -> str | None:
    """The agency of the article (site_config/sources.yml); the last build's for the same article and sources."""
    article = analysis.article
    held = _AGENCIES.get(id(article))
    if held is not None and held[0] is article and held[1] is config.sources:
        return held[2]
    found = _agency_of(article, config)
    _AGENCIES[id(article)] = (article, config.sources, found)
    return found


_AGENCIES: dict[int, tuple[Article, object, str | None]] = cast("dict[int, Any]", memo.held())  # id(article) -> ...


def _agency_of(article: Article, config: SiteConfig) -> str | None:
    found = config.sources.canonical(article.agency_as_written)
    if found:
        return found[0]
    return config.sources.for_path(article.source) or article.agency_as_written


def _sort_key(info: ArticleInfo) -> tuple[bool, int, str]:
    """Newest first, then undated ones; ties by id so the order never depends on the disk."""
    date = info.analysis.pubdate.date
    return (date is None, -date.toordinal() if date else 0, info.id)


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
    reading = _read_beside(analyses, config)
    try:
        return _linked(analyses, config, problems, reading)
    finally:
        if reading is not None and (read := reading()) is not None:
            read.rest()  # the copy waited for, even after an error
        beside.take(None)
        related_fork.reap()  # the copy ranking the related articles, when an error came before it was waited for


_Reading = Callable[[], beside.Read | None] | None  # what a forked copy read, once it is done


def _read_beside(analyses: Sequence[Analysis], config: SiteConfig) -> _Reading:
    """A first build's text-only reading started in a forked copy (dossier/beside.py); None: read here."""
    if has_last():
        return None  # not a first build: most texts are in textmemo
    events = vocabulary(config.accounts).words
    patterns = beside.Patterns(wanted_blocks(config.accounts), events, term_weights, cut_block, kept_vectors)
    return beside.start([a.article for a in analyses], patterns)


def _linked(analyses: Sequence[Analysis], config: SiteConfig, problems: Sequence[Problem], reading: _Reading) -> Corpus:
    analyses = bound_dates(analyses, lambda a: _agency(a, config), reporting_verbs(config.cues))
    analyses, merged = merge_dossier(analyses, config)  # one entity across stories; [sic] across stories
    entities = _entities(analyses, config, merged)
    infos = _infos(analyses, config)
    ids = [info.id for info in infos]
    bases = [info.analysis for info in infos]
    counts: list[Counter[str]] = rows.each(
        "corpus.counts", bases, entities.keys(), lambda i: _others(bases[i], entities), lambda i: _counts(bases[i], entities)
    )
    names, kinds = _by_entity(entities)
    if reading is not None:
        beside.take(reading())  # the words and sentences read beside (None: the copy failed, read here)
    words = _words(infos)
    related = related_started(ids, counts, words, names, given_words=_vectors(infos, words), beside=reading is not None)
    entity_articles = _entity_articles(ids, counts)
    used, paged = _used(entities, entity_articles, config.entity_min_articles)
    events = build_events(list(zip(ids, bases, strict=True)), kinds=kinds, roles=config.cues.roles)
    links = cross_reference(infos, used, events, config.accounts)  # reads no article's related ones
    infos = _related(infos, related())
    memo.sweep()  # what this build did not use belongs to edited or removed articles
    if len(_AGENCIES) > 2 * len(analyses) + 100:
        _AGENCIES.clear()  # removed and edited articles' (looked up again by the next build)
    all_problems = list(problems) + [p for info in infos for p in info.analysis.problems] + list(links.problems)
    by_id, slugs = _indexes(infos)
    return Corpus(
        articles=tuple(infos),
        entities=dict(sorted(used.items())),
        entity_articles=entity_articles,
        events=events,
        chains=links.chains,
        conflicts=links.conflicts,
        major_events=links.major,
        problems=_sorted_problems(all_problems),
        by_id=by_id,
        source_slugs=slugs,
        paged=paged,
    )


def _related(infos: list[ArticleInfo], related: Mapping[str, tuple[tuple[str, str], ...]]) -> list[ArticleInfo]:
    """The articles with their related ones; the last build's object for an unchanged one."""
    tags = [related.get(info.id, ()) for info in infos]
    return rows.each("corpus.related", infos, None, lambda i: None, lambda i: replace(infos[i], related=tags[i]), tags)


def _kept(name: str, shared: object, compute: Callable[[], T]) -> T:
    """``compute()``, or the last build's value of ``name`` when ``shared`` is equal (``memo.while_equal``)."""
    return memo.while_equal(_LAST, name, shared, compute)


_LAST: dict[str, Any] = memo.held()  # name -> the last build's (inputs, value) of ``_kept``


def _entities(analyses: Sequence[Analysis], config: SiteConfig, merged: Mapping[str, EntityRef]) -> dict[str, EntityRef]:
    """Every entity of the gazetteer and the stories, the merged ones in place of theirs; the last build's dict
    for the same entities (``entity_refs`` and ``merge_dossier`` give the last build's objects then)."""
    refs = entity_refs(analyses, config.gazetteer.entries, slot="corpus")
    return _kept("corpus.entities", (_Same(refs), _Same(merged)), lambda: {**refs, **merged})


@dataclass(frozen=True)
class _Same:
    """Equal only to a wrapper of the very same object."""

    held: object

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.held is self.held

    def __hash__(self) -> int:
        return id(self.held)


def _infos(analyses: Sequence[Analysis], config: SiteConfig) -> list[ArticleInfo]:
    """The articles with ids, pages and agencies, newest first; the last build's object for an unchanged one."""
    assigned = assign_ids(analyses)
    bases = [analysis for _, _, analysis in assigned]
    tags = [(article_id, page, _agency(analysis, config)) for article_id, page, analysis in assigned]

    def info(i: int) -> tuple[tuple[bool, int, str], ArticleInfo]:
        made = ArticleInfo(id=tags[i][0], page=tags[i][1], analysis=bases[i], agency=tags[i][2])
        return _sort_key(made), made

    keyed = rows.each("corpus.info", bases, None, lambda i: None, info, tags)
    keyed.sort(key=lambda pair: pair[0])
    return [made for _, made in keyed]


def _others(analysis: Analysis, entities: Mapping[str, EntityRef]) -> Hashable:
    """The entities a story names that the dossier does not hold: what its counts depend on besides the story."""
    return tuple(e for e in memo.mention_counts(analysis) if e not in entities)


def _by_entity(entities: Mapping[str, EntityRef]) -> tuple[dict[str, str], Mapping[str, str]]:
    """Entity id -> name, and -> kind; the last build's for the same dict."""
    items = entities.items()
    return _kept("corpus.names", _Same(entities), lambda: ({e: r.name for e, r in items}, {e: r.kind for e, r in items}))


def _words(infos: Sequence[ArticleInfo]) -> list[dict[str, float]]:
    """Each article's word weights (``term_weights``), kept with its text for the next process (language/textmemo.py)."""
    table = "related.words"
    articles = [info.analysis.article for info in infos]

    def keyed(i: int) -> tuple[bytes, dict[str, float]]:
        text = _text_of(infos[i].analysis)
        return memo.derived(table, articles[i], None, lambda: _read_words(articles[i], text))

    found = rows.each("corpus.words", articles, None, lambda i: None, keyed)
    for key, value in found:
        textmemo.keep(table, key, value)
    return [value for _, value in found]


def _vectors(infos: Sequence[ArticleInfo], words: list[dict[str, float]]) -> list[dict[str, float]] | None:
    """The kept word vectors read beside, when every article's words are the very ones read beside."""
    vectors = beside.vectors_of([info.analysis.article for info in infos])
    for info, doc in zip(infos, words, strict=True):
        read = beside.words_of(info.analysis.article)
        if read is None or read[1] is not doc:
            return None
    return vectors


def _read_words(article: Article, text: Callable[[], str]) -> tuple[bytes, dict[str, float]]:
    """(textmemo key, ``term_weights``) of an article's text: as read beside (kept by the caller), or read here."""
    return beside.words_of(article) or textmemo.remembered_keyed("related.words", text(), term_weights)


def _entity_articles(ids: list[str], counts: list[Counter[str]]) -> dict[str, tuple[str, ...]]:
    """Entity id -> the ids of the articles naming it, in article order; the last build's for equal articles."""

    def compute() -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = defaultdict(list)
        for article_id, named in zip(ids, counts, strict=True):
            for entity_id in named:
                found[entity_id].append(article_id)
        return {eid: tuple(found[eid]) for eid in sorted(found)}

    return _kept("corpus.entity_articles", (ids, counts), compute)


def _used(
    entities: Mapping[str, EntityRef], entity_articles: Mapping[str, tuple[str, ...]], least: int
) -> tuple[dict[str, EntityRef], frozenset[str]]:
    """The entities some article names, and those that get a page; the last build's for the same inputs."""

    def compute() -> tuple[dict[str, EntityRef], frozenset[str]]:
        used = {eid: e for eid, e in entities.items() if eid in entity_articles}
        return used, frozenset(eid for eid, e in used.items() if e.curated or len(entity_articles[eid]) >= least)

    return _kept("corpus.used", (_Same(entities), _Same(entity_articles), least), compute)


def _sorted_problems(problems: list[Problem]) -> tuple[Problem, ...]:
    return _kept("corpus.problems", problems, lambda: tuple(sorted(problems, key=lambda p: (p.source, p.level, p.message))))


def _indexes(infos: list[ArticleInfo]) -> tuple[dict[str, ArticleInfo], dict[str, str]]:
    """Article id -> article, and source -> page slug; the last build's for the very same articles."""
    return _kept(
        "corpus.indexes",
        infos,
        lambda: ({info.id: info for info in infos}, source_slugs({info.agency or UNATTRIBUTED for info in infos})),
    )
