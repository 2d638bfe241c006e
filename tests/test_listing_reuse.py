"""Listing pages left in docs/ (rerender.ListingMemo) must be those a fresh conversion writes.

A group of listings (quotes, archive, sources) is not rendered when the text of its inputs
(render/listed.py) is as the last run's; any other listing page is not finished when its Markdown
is. Each test here fails when one of those checks is switched off or an input is left out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.config import SiteConfig, load_config
from generator.dossier.corpus import Corpus
from generator.models import ArticleInfo, Page
from generator.pipeline import analyse_dossier, convert
from generator.render import finish, site
from generator.render.indexes import archive, entity_indexes, sources, split_by_size
from generator.render.listed import ListingInputs
from generator.render.network import cooccurrence
from generator.render.quotes_page import quotes_pages, render_quotes
from generator.render.timeline import render_timeline
from tests.conftest import docs_bytes, make_project

STORIES = [
    ("weir-a.txt", "Flood gates close at the weir", "The gates at Sonning weir closed, Hester Quayle said.", "Reuters"),
    ("weir-b.txt", "Weir keeper warns of high water", "High water is coming, the keeper Hester Quayle said.", "TASS"),
    ("weir-c.txt", "Boats moored above the weir", "Boats stayed moored, Osric Penhallow said on Monday.", "Reuters"),
    ("weir-d.txt", "River falls after the storm", "The river fell by a foot, Osric Penhallow and Hester Quayle said.", "TASS"),
]


def _story(headline: str, body: str, day: int, agency: str) -> str:
    return f'{headline}\n\nHENLEY, March {day}, 2019. /{agency}/. {body}\n\n"The water will go down," a lock keeper said.\n'


def _project(where: Path) -> Path:
    content = where / "stories"
    content.mkdir(parents=True)
    for day, (name, headline, body, agency) in enumerate(STORIES, start=4):
        (content / name).write_text(_story(headline, body, day, agency), encoding="utf-8")
    return make_project(where, content)




def _edit(live: Path, change: str) -> None:
    """One change to the stories: each reaches a different listing group."""
    path = live / ("weir-c.txt" if change != "add" else "weir-e.txt")
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if change == "quote":  # the quotes page only
        path.write_text(text.replace("will go down", "will go down soon"), encoding="utf-8")
    elif change == "body":  # the article's page; no listing line changes
        path.write_text(text + "\nThe towpath stayed closed.\n", encoding="utf-8")
    elif change == "headline":  # archive, sources, quotes, home
        path.write_text(text.replace("Boats moored above", "Barges moored above"), encoding="utf-8")
    elif change == "agency":  # sources
        path.write_text(text.replace("/Reuters/", "/TASS/"), encoding="utf-8")
    elif change == "date":  # archive, quotes
        path.write_text(text.replace("March 6, 2019", "April 6, 2019"), encoding="utf-8")
    elif change == "speaker":  # the quotes page's headings
        path.write_text(text.replace("Osric Penhallow said", "Wilmot Penhallow said"), encoding="utf-8")
    elif change == "add":
        path.write_text(_story("Sluices open again", "The sluices opened, Hester Quayle said.", 9, "Reuters"), encoding="utf-8")
    else:  # remove
        path.unlink()


def _cold(tmp_path: Path, live: Path) -> dict[str, bytes]:
    (tmp_path / "cold").mkdir()
    root = make_project(tmp_path / "cold", live)
    finish._KEPT = None
    convert(load_config(root))
    return docs_bytes(root)


CHANGES = ["quote", "body", "headline", "agency", "date", "speaker", "add", "remove"]


@pytest.mark.parametrize("serve", [True, False], ids=["serving", "command"])
@pytest.mark.parametrize("change", CHANGES)
def test_listings_after_a_change_are_those_of_a_cold_conversion(
    tmp_path: Path, serving: None, change: str, serve: bool
) -> None:
    root = _project(tmp_path / "warm")
    live = root / "content"
    convert(load_config(root))
    if not serve:
        finish._KEPT = None  # a one-off process after the first: nothing in memory
    _edit(live, change)
    convert(load_config(root))
    got = docs_bytes(root)
    expected = _cold(tmp_path, live)
    assert sorted(got) == sorted(expected)
    assert [p for p in got if got[p] != expected[p]] == []


def test_a_sequence_of_changes_in_one_process_ends_as_a_cold_conversion(tmp_path: Path, serving: None) -> None:
    root = _project(tmp_path / "warm")
    live = root / "content"
    first = {p.name: p.read_bytes() for p in live.iterdir()}
    convert(load_config(root))
    for change in ["quote", "headline", "add", "speaker", "date", "remove"]:
        _edit(live, change)
        convert(load_config(root))
    (live / "weir-e.txt").unlink()
    for name, data in first.items():  # undo
        (live / name).write_bytes(data)
    convert(load_config(root))
    got = docs_bytes(root)
    assert got == _cold(tmp_path, live)


def test_a_group_whose_inputs_are_unchanged_is_not_rendered_and_one_whose_are_is(
    tmp_path: Path, serving: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path)
    live = root / "content"
    convert(load_config(root))
    made: list[str] = []

    def counted(name: str, make: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object) -> object:
            made.append(name)
            return make(*args)

        return call

    monkeypatch.setattr(site, "quotes_pages", counted("quotes", quotes_pages))
    monkeypatch.setattr(site, "archive", counted("archive", archive))
    monkeypatch.setattr(site, "sources", counted("sources", sources))
    _edit(live, "body")
    result = convert(load_config(root))
    assert made == [] and result.report.written == ("articles/2019/03/boats-moored-above-the-weir.md",)
    _edit(live, "quote")
    convert(load_config(root))
    assert made == ["quotes"]


def test_a_listing_page_changed_in_docs_is_written_again(tmp_path: Path) -> None:
    """The stamps of the last run guard every reuse: a listing edited by hand is put back."""
    root = _project(tmp_path)
    convert(load_config(root))
    for path in ["quotes.md", "archive/2019.md", "timeline.md"]:
        target = root / "docs" / path
        good = target.read_bytes()
        target.write_bytes(good.replace(b"Hester", b"Hestor"))
        convert(load_config(root))
        assert target.read_bytes() == good


# What each group's renderer reads, changed one field at a time: a change the pages show must change
# the group's inputs (else the memo would keep a stale page).


def _with_info(corpus: Corpus, n: int, **fields: object) -> Corpus:
    info = corpus.articles[n]
    analysis = info.analysis
    if "headline" in fields:
        analysis = dataclasses.replace(analysis, article=dataclasses.replace(analysis.article, headline=fields.pop("headline")))
    if "pubdate" in fields:
        analysis = dataclasses.replace(analysis, pubdate=fields.pop("pubdate"))
    if "quotes" in fields:
        analysis = dataclasses.replace(analysis, quotes=fields.pop("quotes"))
    changed = dataclasses.replace(info, analysis=analysis, **fields)  # type: ignore[arg-type]
    return _articles(corpus, corpus.articles[:n] + (changed,) + corpus.articles[n + 1 :])


def _articles(corpus: Corpus, articles: tuple[ArticleInfo, ...]) -> Corpus:
    return dataclasses.replace(corpus, articles=articles, by_id={a.id: a for a in articles})


def _quote(corpus: Corpus, **fields: object) -> Corpus:
    n = next(i for i, a in enumerate(corpus.articles) if any(q.speaker for q in a.analysis.quotes))
    quotes = list(corpus.articles[n].analysis.quotes)
    k = next(i for i, q in enumerate(quotes) if q.speaker)
    quotes[k] = dataclasses.replace(quotes[k], **fields)  # type: ignore[arg-type]
    return _with_info(corpus, n, quotes=tuple(quotes))


def _speaker(corpus: Corpus) -> str:
    return next(q.speaker for a in corpus.articles for q in a.analysis.quotes if q.speaker)


def _entity(corpus: Corpus, entity_id: str, **fields: object) -> Corpus:
    changed = dataclasses.replace(corpus.entities[entity_id], **fields)  # type: ignore[arg-type]
    return dataclasses.replace(corpus, entities={**corpus.entities, entity_id: changed})


def _event(corpus: Corpus, **fields: object) -> Corpus:
    changed = dataclasses.replace(corpus.events[0], **fields)  # type: ignore[arg-type]
    return dataclasses.replace(corpus, events=(changed, *corpus.events[1:]))


def _mutations(corpus: Corpus) -> dict[str, Callable[[Corpus], Corpus]]:
    first = corpus.articles[0].analysis.pubdate
    probable = dataclasses.replace(first, status="probable", candidates=(dt.date(2017, 1, 1),))
    speaker = _speaker(corpus)
    other = next(a for a in sorted(corpus.source_slugs) if a != corpus.articles[2].agency)
    return {
        "headline": lambda c: _with_info(c, 1, headline="Sluice *gates* fail"),
        "page": lambda c: _with_info(c, 1, page="articles/2019/elsewhere.md"),
        "agency": lambda c: _with_info(c, 2, agency=other),
        "date": lambda c: _with_info(c, 0, pubdate=dataclasses.replace(first, date=dt.date(2018, 5, 2))),
        "undated": lambda c: _with_info(c, 0, pubdate=dataclasses.replace(first, date=None, status="uncertain")),
        "probable": lambda c: _with_info(c, 0, pubdate=probable),
        "order": lambda c: _articles(c, tuple(reversed(c.articles))),
        "removed": lambda c: _articles(c, c.articles[1:]),
        "quote text": lambda c: _quote(c, text="The gates will hold."),
        "quote paragraph": lambda c: _quote(c, paragraph=7),
        "quote kind": lambda c: _quote(c, kind="statement"),
        "quote speaker": lambda c: _quote(c, speaker=None, speaker_label="a boatman"),
        "speaker name": lambda c: dataclasses.replace(
            c, entities={**c.entities, speaker: dataclasses.replace(c.entities[speaker], name="H. Quayle")}
        ),
        "speaker unpaged": lambda c: dataclasses.replace(c, paged=frozenset(set(c.entities) - {speaker})),
        "speaker gone": lambda c: dataclasses.replace(c, entities={k: v for k, v in c.entities.items() if k != speaker}),
        "source slug": lambda c: dataclasses.replace(c, source_slugs={k: v + "-x" for k, v in c.source_slugs.items()}),
        "entity kind": lambda c: _entity(c, speaker, kind="organisation"),
        "entity reviewed": lambda c: _entity(c, speaker, curated=not c.entities[speaker].curated),
        "entity count": lambda c: dataclasses.replace(
            c, entity_articles={**c.entity_articles, speaker: c.entity_articles[speaker][:1]}
        ),
        "entity articles": lambda c: dataclasses.replace(
            c, entity_articles={k: tuple(reversed(v)) for k, v in c.entity_articles.items()}, paged=frozenset()
        ),
        "no page for any": lambda c: dataclasses.replace(c, paged=frozenset()),
        "event text": lambda c: _event(c, text="The weir was rebuilt."),
        "event date": lambda c: _event(c, date=dt.date(2019, 1, 2), precision="day"),
        "event status": lambda c: _event(c, status="scheduled", probable=True),
        "event sources": lambda c: _event(c, sources=c.events[0].sources[:1] + ((c.articles[-1].id, 3),)),
        "event entities": lambda c: _event(c, entities=(speaker,)),
        "event gone": lambda c: dataclasses.replace(c, events=c.events[1:]),
    }


def _groups(config: SiteConfig) -> dict[str, tuple[Callable[[ListingInputs], str], Callable[[Corpus], list[Page]]]]:
    return {
        "quotes": (ListingInputs.quotes, lambda c: split_by_size(render_quotes(c), "Who said what")),
        "archive": (ListingInputs.articles, lambda c: archive(c, config)),
        "sources": (ListingInputs.sources, lambda c: sources(c, config)),
        "entities": (ListingInputs.entities, lambda c: entity_indexes(c, config, cooccurrence(c))),
        "timeline": (ListingInputs.timeline, lambda c: render_timeline(c, config)),
    }


def _inputs(corpus: Corpus) -> ListingInputs:
    return ListingInputs(corpus, cooccurrence(corpus))


def test_every_change_a_group_shows_changes_its_inputs(tmp_path: Path) -> None:
    config = load_config(_project(tmp_path))
    corpus = analyse_dossier(config)
    shown: dict[str, int] = {}
    for name, mutate in _mutations(corpus).items():
        changed = mutate(corpus)
        for group, (inputs, render) in _groups(config).items():
            if render(changed) != render(corpus):
                shown[group] = shown.get(group, 0) + 1
                assert inputs(_inputs(changed)) != inputs(_inputs(corpus)), f"{group}: {name}"
    assert shown == {"quotes": 16, "archive": 8, "sources": 9, "entities": 9, "timeline": 12}  # every group met changes it shows
