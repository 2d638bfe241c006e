"""The quotes page's lists noted with their finished HTML (render/quotes_page.py, render/twin.py): each note
is exactly what finish.py makes of that list, on hostile text, and the pages finish the same with the notes
as without them."""

from __future__ import annotations

from generator.dossier.corpus import Corpus
from generator.render import finish
from generator.render.indexes import split_by_size
from generator.render.quotes_page import render_quotes
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
