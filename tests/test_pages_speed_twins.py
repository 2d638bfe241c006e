"""Lists noted with their finished HTML (render/twin.py): the quotes page's (render/quotes_page.py) and an
entity page's timeline (render/timeline.py). Each note is exactly what finish.py makes of that list, on
hostile text, and the pages finish the same with the notes as without them."""

from __future__ import annotations

import dataclasses

import pytest

from generator.dossier.corpus import Corpus
from generator.render import finish
from generator.render.entity import render_entity
from generator.render.indexes import split_by_size
from generator.render.quotes_page import render_quotes
from generator.render.site import _indexes
from generator.render.timeline import event_item
from tests.test_twin import hostile_corpus  # noqa: F401 - the fixture


def test_the_quotes_lists_noted_are_what_finish_makes_of_them(hostile_corpus: tuple[Corpus, object]) -> None:  # noqa: F811
    corpus, _ = hostile_corpus
    finish._MADE.clear()
    page = render_quotes(corpus)
    noted = dict(finish._MADE)
    finish._MADE.clear()
    assert noted
    assert any("<em>Statement:</em>" in block for block in noted.values())
    assert any("“" in block for block in noted.values())
    for markdown, block in noted.items():
        assert finish.alone(markdown) == block, markdown
    pages = split_by_size(page, "Who said what")
    without = [finish.finish_text(p.text) for p in pages]  # no note kept: every list read again
    for markdown, block in noted.items():
        finish.made(markdown, block)
    assert [p.text for p in finish.finish(pages)] == without
    assert not finish._MADE


def test_an_entity_pages_timeline_noted_is_what_finish_makes_of_it(hostile_corpus: tuple[Corpus, object]) -> None:  # noqa: F811
    """The timeline on an entity page stands finished (render/timeline.py ``event_item``): its note is
    the very block finish.py makes of its Markdown, a line break for each hard break."""
    corpus, config = hostile_corpus
    events_of, network = _indexes(corpus)
    checked = 0
    for entity in corpus.entities.values():
        if not corpus.has_page(entity.id) or not events_of.get(entity.id):
            continue
        finish._MADE.clear()
        render_entity(entity, corpus, config, events_of[entity.id], [], network)  # type: ignore[arg-type]
        noted = dict(finish._MADE)
        finish._MADE.clear()
        for markdown, block in noted.items():
            if 'class="dossier-when"' in markdown:
                assert finish.alone(markdown) == block, markdown
                checked += 1
    assert checked > 0


@pytest.mark.parametrize(("status", "probable"), [("past", False), ("scheduled", False), ("past", True), ("scheduled", True)])
def test_each_status_of_an_entry_is_made_as_finish_makes_it(
    hostile_corpus: tuple[Corpus, object], status: str, probable: bool  # noqa: F811
) -> None:
    corpus, _ = hostile_corpus
    made = 0
    for event in corpus.events:
        changed = dataclasses.replace(event, status=status, probable=probable)
        for exclude in ("", *event.entities[:1]):
            markdown, item = event_item("entities/people/x.md", changed, corpus, exclude)
            if item is not None:
                assert finish.alone(markdown) == finish._OPEN + item.rstrip() + finish._CLOSE, markdown
                made += 1
    assert made > 0
