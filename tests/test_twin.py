"""The lists the renderers write with their finished HTML (render/twin.py): each noted block is exactly
what finish.py makes of that list's Markdown, on hostile text too, and a page finishes the same with
the notes as without them."""

from __future__ import annotations

import random

import pytest

from generator.config import load_config
from generator.dossier.corpus import Corpus
from generator.models import Page
from generator.pipeline import analyse_dossier
from generator.render import finish, twin
from generator.render.article import render_article
from generator.render.entity import render_entity
from generator.render.markup import md_escape
from generator.render.site import _indexes, _quotes_of
from tests.conftest import FIXTURES, make_project

# pieces finish.py reads as Markdown or HTML, whitespace of every kind, a private-use character it refuses
PIECES = [
    "Blair", "says", " ", "  ", "\t", "\u00a0", "\u2028", "\\", "\\\\", "*", "**", "_", "`", "[", "]", "(", ")", "{", "}",
    "#", "<b>", "&", "&amp;", "&#38;", "<", ">", "!", "|", ":", "~", "^", "=", '"', "'", "$", "?", "-", "+", ".", "é",
    "“", "\ue000", "\ue101", "\U0001f600",
]


def _strings(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 8))) for _ in range(count)]


def _noted() -> dict[str, str]:
    found = dict(finish._MADE)
    finish._MADE.clear()
    return found


def _checked(noted: dict[str, str]) -> int:
    for markdown, block in noted.items():
        assert finish.alone(markdown) == block, markdown
    return len(noted)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_escaped_text_emphasis_and_links_are_what_finish_makes(seed: int) -> None:
    _noted()
    for text in _strings(seed, 3000):
        escaped = md_escape(text)
        lines = [f"- {escaped} · [{escaped}](../a/b.md#p3){{ aria-label=\"paragraph 3 of x\" }}", f"- *{escaped}* end"]
        link = twin.link("../a/b.md#p3", twin.plain(escaped), ' aria-label="paragraph 3 of x" ')
        emphasis = twin.emphasis(escaped)
        twin.note(lines, [f"{twin.plain(escaped)} · {link}", emphasis and f"{emphasis} end"])
        noted = _noted()
        _checked(noted)
        refused = "\ue000" in text or "\ue101" in text or emphasis is None
        assert bool(noted) != refused, repr(text)  # noted whenever finish.py makes the list


def test_an_address_finish_leaves_as_markdown_is_not_made() -> None:
    assert twin.link("a b.md", "x") is None
    assert twin.link("page.html", "x") is None
    assert twin.link("x.md", "x", ' onclick="y" z') is None
    assert twin.link("../x.md#p2", "x", ' aria-label="p" ') == '<a href="../x.html#p2" aria-label="p">x</a>'


HOSTILE_STORY = """Port: *council* [votes] to \\close_ the `quay`

A standfirst with <b>tags</b> & an \ue000 odd character

LONDON, March 3, 2019 – Marta Kolar, the port director, said: "We will *close* the quay \\ before [winter] & <spring>."

Marta Kolar wants  to close_the northern quay, she told the council on Monday.

"It is the only way," Marta Kolar said of the plan for the Port Authority of London.

The Port Authority of London and Marta Kolar met the council # again on Tuesday, March 5, 2019.
"""


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, object]:
    content = tmp_path_factory.mktemp("content")
    for path in (FIXTURES / "hostile").iterdir():
        (content / path.name).write_bytes(path.read_bytes())
    for n, day in enumerate(["Monday", "Friday", "Sunday"]):
        (content / f"port-{n}.txt").write_text(HOSTILE_STORY.replace("Monday", day), encoding="utf-8")
    config = load_config(make_project(tmp_path_factory.mktemp("twin"), content))
    return analyse_dossier(config), config


def test_every_list_noted_for_a_page_is_what_finish_makes_of_it(hostile_corpus: tuple[Corpus, object]) -> None:
    corpus, config = hostile_corpus
    events_of, network = _indexes(corpus)
    quotes = _quotes_of(corpus)
    _noted()
    count = 0
    for info in corpus.articles:
        text = render_article(info, corpus, config.glossary)  # type: ignore[attr-defined]
        noted = _noted()
        count += _checked(noted)
        markdown = _as_markdown(text, noted)  # every list put back as Markdown, no note kept
        assert finish.finish_text(markdown) == finish.finish([Page("a.md", text)])[0].text
    for entity in corpus.entities.values():
        if corpus.has_page(entity.id):
            render_entity(entity, corpus, config, events_of.get(entity.id, []), quotes.get(entity.id, []), network)  # type: ignore[arg-type]
            count += _checked(_noted())
    assert count > 10


def test_a_page_finishes_the_same_with_its_notes_as_without(hostile_corpus: tuple[Corpus, object]) -> None:
    """An entity page stands with its noted lists finished already (an article page's too, above): with
    each put back as Markdown and no note kept, finish.py makes the very same page of it."""
    corpus, config = hostile_corpus
    events_of, network = _indexes(corpus)
    quotes = _quotes_of(corpus)
    substituted = 0
    for entity in corpus.entities.values():
        if not corpus.has_page(entity.id):
            continue
        _noted()
        pages = render_entity(entity, corpus, config, events_of.get(entity.id, []), quotes.get(entity.id, []), network)  # type: ignore[arg-type]
        noted = _noted()
        substituted += sum(block in page.text for page in pages for block in noted.values())
        markdown = [_as_markdown(page.text, noted) for page in pages]
        finished = [finish.finish_text(text) for text in markdown]  # no note kept: every list read again
        for listed, block in noted.items():
            finish.made(listed, block)
        assert [page.text for page in finish.finish(pages)] == finished
        assert not finish._MADE
    assert substituted > 5


def _as_markdown(text: str, noted: dict[str, str]) -> str:
    """The page with each noted list put back as its Markdown; every finished list on it must be one."""
    for listed, block in noted.items():
        text = text.replace(block, listed)
    assert "<li>" not in text.lower()
    return text


def test_notes_do_not_outgrow_their_bound() -> None:
    _noted()
    for n in range(finish.MADE_AT_MOST + 10):
        finish.made(f"- {n}", f"<li>{n}</li>")
    assert len(finish._MADE) <= finish.MADE_AT_MOST
    _noted()

