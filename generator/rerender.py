"""Render again only the article and entity pages whose inputs changed.

Every article page and every entity page is a pure function of a few parts of the
corpus. Each such unit gets a digest of exactly those parts (analyses named by
their cache keys, which hash the file's bytes, the config and the code); the run
state keeps the digests and the pages each unit produced. On the next run a unit
whose digest is unchanged, and whose pages in docs/ are as that run left them, is
neither rendered nor read: the writer is told its pages are in place. One edited
article then re-renders its own page, the pages of the entities it names, of the
articles whose related lists or events changed, and the listings (always rendered).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.config import SiteConfig
from generator.dossier import memo
from generator.dossier.corpus import Corpus
from generator.files import write_atomic
from generator.models import Analysis, ArticleInfo, EntityRef, Event, Page
from generator.render.accounts import notes_of
from generator.render.article import long_date
from generator.render.entity import article_item, mentions_by_entity  # the renderer's own item: exact by construction
from generator.render.network import company
from generator.render.shown import event_repr
from generator.rerender_changes import Dirty, Seen, dirty

LISTED = "listings.json"  # in the cache folder: the listing pages' digests (ListingMemo)
KEPT = ""  # the text of a page left in docs/ as it is: never read, the writer is told (``read_back``)
WATCHED = 200  # the most stale units for which a long-running process compares what entity pages show
Units = dict[str, tuple[str, tuple[str, ...]]]  # "article:<id>" / "entity:<id>" -> (digest, page paths)


class PageMemo:
    """Decides, unit by unit, whether to render or to read the pages back from docs/."""

    def __init__(
        self,
        corpus: Corpus,
        config: SiteConfig,
        keys: Mapping[str, str],
        previous: Units,
        unchanged: Callable[[str], bool],
        code: str,
        listed: Mapping[str, object] | None = None,
        fill: bool = False,
    ) -> None:
        self.corpus = corpus
        self.keys = keys  # source path -> analysis cache key
        self.previous = previous
        self.unchanged = unchanged  # docs path -> still as the last run left it
        self.now: Units = {}
        self.read_back: set[str] = set()  # pages read from docs/ as they are: the writer need not compare them
        self._digests: dict[str, str] = {}  # "kind:id" -> digest, computed once (stale, then unit)
        self._extra: dict[str, str] = {}  # "kind:id" -> what else the renderer says its pages show
        # each digest with the inputs it was hashed from: the last run's (in a long-running process) and this run's
        self._kept_before: dict[str, tuple[object, str]] = _LAST.get("digests", {})
        self._kept_now: dict[str, tuple[object, str]] = {}
        _LAST["digests"] = self._kept_now
        # an entity unit rendered in this process: what its pages showed (``_shows``), and their paths
        self._shows_before: dict[str, tuple[object, tuple[str, ...]]] = _LAST.get("shows", {})
        self._shows_now: dict[str, tuple[object, tuple[str, ...]]] = {}
        _LAST["shows"] = self._shows_now
        # each article's, entity's and event's line, made once per run: one entity is named by many units
        self._infos = {a: _info_line(info, keys) for a, info in corpus.by_id.items()}
        self._shown: dict[str, str] = {}  # article id -> what another article's page shows of it
        self._entities = _entity_lines(corpus)
        self._events: dict[int, str] = {}  # id(event) -> its lines (the events live in the corpus)
        paged = sorted(self._entities[e] for e in corpus.entities if corpus.has_page(e))
        settings = (config.fingerprint, code, str(config.page_size), str(config.entity_min_articles))
        # the settings and the entities with a page as last run: few units change, and those are watched
        self._same_base = self._kept_before.get("base", (None, ""))[0] == (settings, paged)
        self.base = self._kept_hash("base", (settings, paged), lambda: [*settings, *paged])
        self._stale: set[str] = set()  # the units ``stale`` found changed
        self._checked: set[str] = set()  # the units ``stale`` was asked about
        self.listings = ListingMemo(_hash(list(settings)), listed or {}, unchanged, self.read_back, fill)
        self.events_of = _events_of(corpus.events)
        self.quoted_in: dict[str, list[str]] = defaultdict(list)  # speaker -> lines of the articles quoting them
        self._quoting: dict[str, list[ArticleInfo]] = defaultdict(list)  # speaker -> those articles
        for info in corpus.articles:
            for speaker in _speakers(info.analysis):
                self.quoted_in[speaker].append(self._info(info))
                self._quoting[speaker].append(info)
        self._notes: Callable[[str, Event], str] | None = None  # render/accounts.notes_of, made when first needed
        self._dirty = self._changes()

    def _changes(self) -> Dirty | None:
        """The units whose digests to make again (rerender_changes.py); None: all (a new process, new settings)."""
        corpus = self.corpus
        seen = Seen(
            self.base, corpus.source_slugs, self._infos, {info.id: info.analysis for info in corpus.articles},
            {info.id: info.related for info in corpus.articles}, self._entities, corpus.entity_articles,
            self.quoted_in, self.events_of, corpus.events,
        )
        before = _LAST.get("seen") if self._kept_before else None
        _LAST["seen"] = seen
        return dirty(before, seen, lambda a: _named(corpus.by_id[a].analysis), _EntityLines.MISSING)

    def _kept_hash(self, name: str, inputs: object, parts: Callable[[], list[str]]) -> str:
        """``_hash(parts())``, or the digest the last run made of equal ``inputs`` (which name every part)."""
        found = self._kept_before.get(name)
        digest = found[1] if found is not None and found[0] == inputs else _hash(parts())
        self._kept_now[name] = (inputs, digest)
        return digest

    def _info(self, info: ArticleInfo) -> str:
        line = self._infos.get(info.id)
        if line is None:
            line = self._infos[info.id] = _info_line(info, self.keys)
        return line

    def _shown_line(self, info: ArticleInfo) -> str:
        """What an article's "Related articles" shows of another: its page, headline and date."""
        line = self._shown.get(info.id)
        if line is None:
            headline = info.analysis.article.headline
            line = memo.derived("rerender.shown", info.analysis, info.page, lambda: repr((info.page, headline, long_date(info))))
            self._shown[info.id] = line
        return line

    def _event(self, event: Event) -> str:
        lines = self._events.get(id(event))
        if lines is None:
            infos, entities = self._infos, self._entities
            parts = [event_repr(event)] + [infos[a] for a, _ in event.sources if a in infos]
            lines = self._events[id(event)] = "\0".join(parts + [entities[e] for e in event.entities])
        return lines

    def article_digest(self, info: ArticleInfo) -> str:
        by_id, entities = self.corpus.by_id, self._entities
        named = _named(info.analysis)
        slug = self.corpus.source_slugs.get(info.agency or "", "")
        related = tuple([self._shown_line(by_id[o]) for o, _ in info.related if o in by_id])
        lines = tuple([entities[e] for e in named])
        inputs = (self.base, self._info(info), info.related, slug, related, lines)
        return self._kept_hash(
            f"article:{info.id}", inputs, lambda: [self.base, inputs[1], repr(info.related), slug, *related, *lines]
        )

    def entity_digest(self, entity_id: str) -> str:
        infos = self._infos
        articles = tuple([infos[a] for a in self.corpus.entity_articles.get(entity_id, ())])
        quoted = tuple(self.quoted_in.get(entity_id, ()))
        events = tuple([self._event(event) for event in self.events_of.get(entity_id, ())])
        inputs = (self.base, self._entities[entity_id], articles, quoted, events)
        return self._kept_hash(
            f"entity:{entity_id}", inputs, lambda: [self.base, inputs[1], *articles, "quoted in", *quoted, *events]
        )

    def _digest(self, kind: str, ident: str, extra: Callable[[], str]) -> str:
        name = f"{kind}:{ident}"
        found = self._digests.get(name)
        if found is not None:
            return found
        kept = self._kept_digest(kind, ident, name)
        if kept is not None:
            digest = kept
        else:
            digest = self.article_digest(self.corpus.by_id[ident]) if kind == "article" else self.entity_digest(ident)
        shown = self._extra[name] = extra()
        if shown:
            digest = self._kept_hash(f"{name}+", (digest, shown), lambda: [digest, shown])
        self._digests[name] = digest
        return digest

    def _kept_digest(self, kind: str, ident: str, name: str) -> str | None:
        """The last build's digest of a unit none of whose inputs changed (``_changes``), else None."""
        dirty = self._dirty
        if dirty is None or ident in (dirty.articles if kind == "article" else dirty.entities):
            return None
        found = self._kept_before.get(name)
        if found is None:
            return None
        self._kept_now[name] = found
        return found[1]

    def stale(self, kind: str, ident: str, extra: Callable[[], str] = str) -> bool:
        """Whether ``unit`` will render the unit: its digest changed, or its pages in docs/ did."""
        name = f"{kind}:{ident}"
        if name in self._checked:  # asked before rendering (a pooled run), then by ``unit``
            return name in self._stale
        self._checked.add(name)
        before = self.previous.get(name)
        # a unit the last run did not make (a cold run: all of them) is stale without its digest: ``unit``
        # makes that after the unit is rendered, and a pooled run's workers start sooner
        if before is not None and before[0] == self._digest(kind, ident, extra) and all(self.unchanged(p) for p in before[1]):
            return False
        self._stale.add(name)
        return True

    def unit(self, kind: str, ident: str, make: Callable[[], list[Page]], extra: Callable[[], str] = str) -> list[Page]:
        """The unit's pages: read back when nothing they show changed, else rendered.

        ``extra`` gives what else the renderer says the pages show (an entity's network picture,
        its timeline entries as folded into chains, its conflicting accounts).
        """
        name = f"{kind}:{ident}"
        digest = self._digest(kind, ident, extra)
        if not self.stale(kind, ident, extra):
            before = self.previous[name]
            return self._kept(name, before[0], before[1])
        # a long-running process's entity page shows its articles' items, not their keys: an edit
        # elsewhere in an article leaves the pages of the entities it names as they are
        shows = self._shows(ident) if kind == "entity" and self._watching() else None
        if shows is not None and self._shown_as_before(name, shows):
            return self._kept(name, digest, self._shows_before[name][1])
        pages = make()
        paths = tuple(p.path for p in pages)
        self.now[name] = (digest, paths)
        if shows is not None:
            self._shows_now[name] = (shows, paths)
        return pages

    def _watching(self) -> bool:
        """Whether to compare what an entity's pages show (``_shows``): in a long-running process, after
        a change that leaves the settings and the entities with a page as they were and few units stale
        (an item costs about what its line on the page costs: a large change renders, it does not compare)."""
        return bool(self._kept_before) and self._same_base and len(self._stale) <= WATCHED

    def _kept(self, name: str, digest: str, paths: tuple[str, ...]) -> list[Page]:
        """The unit's pages left in docs/ as they are, under ``digest``."""
        self.now[name] = (digest, paths)
        self.read_back.update(paths)
        if name in self._shows_before:
            self._shows_now[name] = self._shows_before[name]
        return [Page(path, KEPT) for path in paths]

    def _shown_as_before(self, name: str, shows: object) -> bool:
        """Whether the entity's pages, as the last run left them in docs/, show what they would now."""
        found, before = self._shows_before.get(name), self.previous.get(name)
        if found is None or before is None or found[1] != before[1] or found[0] != shows:
            return False
        return all(self.unchanged(p) for p in before[1])

    def _shows(self, entity_id: str) -> tuple[object, ...]:
        """All an entity's pages show: its digest's inputs with each article as its item on the page (the
        mentions in context, its surfaces for the aliases) and its company (who the entity appears with), and
        the articles quoting it and its events as the page shows them (``_said_by``, ``_event_shown``)."""
        corpus = self.corpus
        entity = corpus.entities[entity_id]
        path = corpus.entity_page(entity_id)
        items = tuple([_item(corpus, entity, path, corpus.by_id[a]) for a in corpus.entity_articles.get(entity_id, ())])
        quoting = self._quoting.get(entity_id, ())
        quoted = tuple([(self._shown_line(info), _said_by(info.analysis, entity_id)) for info in quoting])
        events = tuple([self._event_shown(path, event) for event in self.events_of.get(entity_id, ())])
        return (self.base, self._entities[entity_id], items, quoted, events, self._extra.get(f"entity:{entity_id}", ""))

    def _event_shown(self, path: str, event: Event) -> str:
        """What an entity's page shows of an event: the event, what it shows of each article telling it (not
        the article's key: an edit elsewhere in it changes nothing here), the entities it names, and its notes
        (chains, conflicts, its page) as written on that page."""
        if self._notes is None:
            self._notes = notes_of(self.corpus)
        by_id, entities = self.corpus.by_id, self._entities
        parts = [event_repr(event)] + [self._shown_line(by_id[a]) for a, _ in event.sources if a in by_id]
        return "\0".join([*parts, *[entities[e] for e in event.entities], self._notes(path, event)])


def _item(corpus: Corpus, entity: EntityRef, path: str, info: ArticleInfo) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The article's item on the entity's pages and the entity's surfaces in it (kept with the analysis
    for each entity, page and agency), and the article's company in the co-occurrence counts."""
    items: dict[tuple[str, str, str, str | None], tuple[str, tuple[str, ...]]]
    items = memo.derived("rerender.items", info.analysis, None, dict)
    key = (entity.id, path, info.page, info.agency)
    found = items.get(key)
    if found is None:
        line = article_item(corpus, entity)
        surfaces = tuple([m.surface for m in mentions_by_entity(info).get(entity.id, ())])
        found = items[key] = (line(path, info), surfaces)
    return (*found, company(corpus, info.analysis))


def _events_of(events: tuple[Event, ...]) -> dict[str, list[Event]]:
    """Entity id -> the events it is in; the last build's when the events are equal (the same objects mostly)."""

    def made() -> dict[str, list[Event]]:
        events_of: dict[str, list[Event]] = defaultdict(list)
        for event in events:
            for entity_id in event.entities:
                events_of[entity_id].append(event)
        return events_of

    return memo.while_equal(_LAST, "events of", events, made)


def _info_line(info: ArticleInfo, keys: Mapping[str, str]) -> str:
    """What an entity's page shows of an article, and an article's page of its own: its id, page,
    agency and analysis key (the key names the article's bytes, the config and the code)."""
    return f"{info.id}|{info.page}|{info.agency}|{keys.get(info.analysis.article.source, '?')}"


def _said_by(analysis: Analysis, speaker: str) -> tuple[tuple[str, str, str, int], ...]:
    """What the speaker's page shows of their quotes in one article: the words, their kind and cue, the paragraph."""
    return tuple([(q.text, q.kind, q.cue, q.paragraph) for q in analysis.quotes if q.speaker == speaker])


def _speakers(analysis: Analysis) -> tuple[str, ...]:
    """The speakers an analysis's quotes name, sorted (kept with the analysis, dossier/memo.py)."""
    quotes = analysis.quotes
    return memo.derived("rerender.speakers", analysis, None, lambda: tuple(sorted({q.speaker for q in quotes if q.speaker})))


def _named(analysis: Analysis) -> tuple[str, ...]:
    """The entities an article's page names: those it mentions and those it quotes, sorted."""
    def named() -> tuple[str, ...]:
        return tuple(sorted(memo.mentioned(analysis).union(_speakers(analysis))))

    return memo.derived("rerender.named", analysis, None, named)


_LAST = memo.held()  # "digests": what a long-running process keeps of the last run (emptied by memo.clear)


class _EntityLines(dict[str, str]):
    """Entity id -> the entity as a line (its fields and whether it has a page); "None|False" for an id
    the corpus does not hold."""

    MISSING = "None|False"

    def __missing__(self, entity_id: str) -> str:
        line = self[entity_id] = self.MISSING
        return line


def _entity_lines(corpus: Corpus) -> _EntityLines:
    """Every entity's line: the last build's lines when its entities (equal, mostly the same objects)
    and the entities with a page are equal (a long-running process), else made, each kept with its entity."""
    ids, objects = list(corpus.entities), list(corpus.entities.values())
    last = _LAST.get("entities")
    if last is not None and last[0] == ids and last[1] == objects and last[2] == corpus.paged:
        return last[3]  # type: ignore[no-any-return]
    lines = _EntityLines()
    has_page = corpus.has_page
    if last is None:  # the first run of this process (a one-off run's only one): nothing to keep lines from
        lines.update((entity_id, f"{entity!r}|{has_page(entity_id)}") for entity_id, entity in corpus.entities.items())
    for entity_id, entity in corpus.entities.items() if last is not None else ():
        paged = has_page(entity_id)
        lines[entity_id] = memo.derived("rerender.entity", entity, paged, lambda e=entity, p=paged: f"{e!r}|{p}")  # type: ignore[misc]
    _LAST["entities"] = (ids, objects, corpus.paged, lines)
    return lines


def _hash(parts: list[str]) -> str:
    """One digest of the parts, each ended by a NUL (a part never holds one but between event lines)."""
    parts.append("")
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class ListingMemo:
    """The listing pages (home, timeline, quotes, archive…) to leave in docs/ as they are.

    Two checks, both against what the last run saved (``load_listed``) and its pages' stamps in docs/:
    a group of pages whose inputs' digest (render/listed.py) is unchanged is not rendered at all;
    any other page whose Markdown is as last run's is not finished nor read (a finished page is a
    pure function of its Markdown, the code and its path). Pages reused land in ``read_back``.
    """

    def __init__(
        self, base: str, previous: Mapping[str, object], unchanged: Callable[[str], bool], read_back: set[str],
        fill: bool = False,
    ) -> None:
        self.base = base
        self.fill = fill  # render every group (their memos filled), reusing pages only by their Markdown
        if previous.get("base") != base:  # another code or config: every digest differs
            previous = {}
        pages, groups = previous.get("pages"), previous.get("groups")
        self.pages_before: dict[str, str] = dict(pages) if isinstance(pages, dict) else {}
        self.groups_before: dict[str, list[object]] = dict(groups) if isinstance(groups, dict) else {}
        self.unchanged = unchanged
        self.read_back = read_back
        self.pages: dict[str, str] = {}  # path -> digest of its Markdown, for the next run
        self.groups: dict[str, tuple[str, tuple[str, ...]]] = {}
        # each group's inputs and each page's Markdown with its digest: a long-running process hashes a text
        # again only when it differs from the last build's (the listings' inputs run to megabytes)
        self._hashed_before: dict[str, tuple[str, str]] = _LAST.get("hashed", {}) if _LAST.get("hashed base") == base else {}
        self._hashed: dict[str, tuple[str, str]] = {}
        _LAST.update({"hashed base": base, "hashed": self._hashed})

    def _digest(self, key: str, parts: list[str]) -> str:
        """``_hash([base, *parts])``, or the last build's digest of equal text under ``key``."""
        text = parts[-1]
        found = self._hashed_before.get(key)
        digest = found[1] if found is not None and found[0] == text else _hash([self.base, *parts])
        self._hashed[key] = (text, digest)
        return digest

    def _in_place(self, path: str) -> bool:
        return path in self.pages_before and self.unchanged(path)

    def group(self, name: str, inputs: Callable[[], str], make: Callable[[], list[Page]]) -> list[Page]:
        """The group's pages: kept (text ``KEPT``) when its inputs and its pages in docs/ are as last run left them."""
        digest = self._digest(f"group:{name}", [name, inputs()])
        before = self.groups_before.get(name)
        listed = before[1] if isinstance(before, list) and len(before) == 2 and before[0] == digest else None
        if isinstance(listed, list) and not self.fill:
            paths = tuple(str(p) for p in listed)
            if all(self._in_place(path) for path in paths):
                self.groups[name] = (digest, paths)
                return [Page(path, KEPT) for path in paths]
        pages = make()
        self.groups[name] = (digest, tuple(page.path for page in pages))
        return pages

    def reused(self, page: Page) -> bool:
        """Whether docs/ holds this page as it is (the writer is told so), rather than it being finished."""
        if page.text == KEPT:  # its group was kept
            self.pages[page.path] = self.pages_before[page.path]
        else:
            digest = self.pages[page.path] = self._digest(f"page:{page.path}", [page.path, page.text])
            if not (self.pages_before.get(page.path) == digest and self.unchanged(page.path)):
                return False
        self.read_back.add(page.path)
        return True

    def saved(self) -> dict[str, object]:
        """What ``load_listed`` gives the next run."""
        return {"base": self.base, "pages": self.pages, "groups": {k: list(v) for k, v in self.groups.items()}}


def load_listed(path: Path) -> dict[str, object]:
    """The listing digests the last run saved (``ListingMemo`` drops them when code or config changed)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_listed(path: Path, memo: ListingMemo | None) -> None:
    """Saved before the run state: digests newer than the state are safe (a page written since is stale
    by its stamp), older ones are not (docs/ may hold another page under a digest's stamp)."""
    if memo is None:
        path.unlink(missing_ok=True)
        return
    write_atomic(path, json.dumps(memo.saved(), sort_keys=True).encode("utf-8"))
