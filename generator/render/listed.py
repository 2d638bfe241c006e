"""What each group of listing pages shows, as text for its re-render digest (rerender.ListingMemo).

After one edit most listings are as they were: the quotes page when no quote, speaker or quoting
article's line changed, the archive and the sources when no article's line did. Each function here
names every field of the corpus its group's renderer reads (the config, page size and code join the
digest elsewhere), so a group is neither rendered nor finished when its text is as the last run's.
A field a renderer starts to read must be added here: tests/test_listing_reuse.py renders each group
after every kind of change and compares it with the pages kept.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.dossier import memo
from generator.dossier.corpus import Corpus
from generator.models import ArticleInfo, EntityRef, Event
from generator.render.article import long_date
from generator.render.network import CoOccurrence, dossier_network


def article_text(info: ArticleInfo) -> str:
    """An article as a listing line shows it: its page, headline, agency and date (and the years still possible).
    Kept with the analysis (dossier/memo.py): a long-running process makes only the edited article's again."""

    def line() -> str:
        pubdate = info.analysis.pubdate
        years = [d.year for d in pubdate.candidates]
        return repr((info.id, info.page, info.agency, info.analysis.article.headline, long_date(info), pubdate.date, years))

    return memo.derived("listed.article", info.analysis, (info.id, info.page, info.agency), line)


def _quote_lines(info: ArticleInfo) -> tuple[str, ...]:
    """The article's line on the quotes page and each of its quotes' (none without quotes), kept as above."""

    def lines() -> tuple[str, ...]:
        quotes = info.analysis.quotes
        if not quotes:
            return ()
        head = repr((info.page, info.analysis.article.headline, long_date(info)))
        return (head, *[repr((q.speaker, q.speaker_label, q.kind, q.paragraph, q.text)) for q in quotes])

    return memo.derived("listed.quotes", info.analysis, info.page, lines)


def _plain_name_line(corpus: Corpus, entity: EntityRef) -> str:
    return repr((entity.id, entity.name, entity.kind, entity.curated, corpus.has_page(entity.id)))


def _name_line(corpus: Corpus, entity: EntityRef) -> str:
    """How a link to the entity reads: its name, kind, review state and whether it has a page."""
    paged = corpus.has_page(entity.id)
    return memo.derived("listed.name", entity, paged, lambda: repr((entity.id, entity.name, entity.kind, entity.curated, paged)))


_LAST = memo.held()  # what a long-running process keeps of the last build: "names", "quotes", "events", "accounts", "picture"


class ListingInputs:
    """The inputs of the listing groups of one corpus; the article lines are made once for all groups."""

    def __init__(self, corpus: Corpus, network: CoOccurrence, event_text: Callable[[Event], str] = repr) -> None:
        self.corpus = corpus
        self.network = network
        self.event_text = event_text  # repr(event), made once per event for the entity digests too (shown.py)
        self._articles: str | None = None
        self._names: str | None = None

    def names(self) -> str:
        """Every entity's name, kind, review state and whether it has a page: how a link to it reads
        (the last build's text when its entities, mostly the same objects, and their pages are equal)."""
        if self._names is None:
            corpus = self.corpus
            ids, objects = list(corpus.entities), list(corpus.entities.values())
            last = _LAST.get("names")
            if last is not None and last[0] == ids and last[1] == objects and last[2] == corpus.paged:
                self._names = str(last[3])
            else:
                line = _name_line if last is not None else _plain_name_line  # a first run keeps nothing
                self._names = "\n".join([line(corpus, e) for e in objects])
                _LAST["names"] = (ids, objects, corpus.paged, self._names)
        return self._names

    def articles(self) -> str:
        """Every article's line in the corpus's order: the archive's input (by year, month and the undated)."""
        if self._articles is None:
            self._articles = "\n".join([article_text(info) for info in self.corpus.articles])
        return self._articles

    def sources(self) -> str:
        """The articles, and the slug of each source's page."""
        return f"{self.articles()}\0{sorted(self.corpus.source_slugs.items())!r}"

    def quotes(self) -> str:
        """Each quote, and the line of its article; each speaker's name and page (the last build's text
        when every article's analysis, mostly the same objects, and page, and every entity's name line, are equal)."""
        articles = self.corpus.articles
        inputs = ([info.analysis for info in articles], [info.page for info in articles], self.names())
        return memo.while_equal(_LAST, "quotes", inputs, self._quotes)

    def _quotes(self) -> str:
        corpus = self.corpus
        lines: list[str] = []
        speakers: set[str] = set()
        for info in corpus.articles:
            if not info.analysis.quotes:
                continue
            lines += _quote_lines(info)
            speakers.update(q.speaker for q in info.analysis.quotes if q.speaker)
        entities = corpus.entities
        for speaker in sorted(speakers):
            entity = entities.get(speaker)
            if entity is not None:
                page = corpus.entity_page(speaker) if corpus.has_page(speaker) else ""
                lines.append(repr((speaker, entity.name, page)))
        return "\n".join(lines)

    def entities(self) -> str:
        """The dossier's network picture; each entity's name, kind, review state, page and count of articles
        (for a name without a page, its first three articles, whose lines are in the articles')."""
        corpus = self.corpus
        named = corpus.entity_articles
        shown = repr([len(named.get(e, ())) if corpus.has_page(e) else named.get(e, ())[:3] for e in corpus.entities])
        return "\0".join([self._picture(shown), self.names(), shown, self.articles()])

    def _picture(self, shown: str) -> str:
        """The dossier's network picture: the last build's when its counts are the very same (``cooccurrence``
        keeps them while no article's company changed) and every entity's name line and count is equal."""
        network, names = self.network, self.names()
        last = _LAST.get("picture")
        if last is not None and last[0] is network.partners and last[1] is network.pairs and last[2:4] == (names, shown):
            return str(last[4])
        picture = dossier_network(self.corpus, network, "entities/index.md")
        _LAST["picture"] = (network.partners, network.pairs, names, shown, picture)
        return picture

    def timeline(self) -> str:
        """The events, chains, conflicts and event pages; the entities' and the articles' lines."""
        corpus = self.corpus
        events = _kept("events", corpus.events, lambda: "\n".join([self.event_text(event) for event in corpus.events]))
        told = (corpus.chains, corpus.conflicts, corpus.major_events)
        accounts = _kept("accounts", told, lambda: repr(told))
        return "\0".join([events, accounts, self.names(), self.articles()])


def _kept(name: str, inputs: object, make: Callable[[], str]) -> str:
    """``make()``, or the last build's text when its inputs are equal (``memo.while_equal``)."""
    return memo.while_equal(_LAST, name, inputs, make)
