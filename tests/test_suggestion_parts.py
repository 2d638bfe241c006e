"""Each article's share of the suggestions, kept between runs (suggestions.Parts, review.py):
the same suggestions as computed at once, and a share is never served for an article that changed."""

from __future__ import annotations

import marshal
from dataclasses import replace
from pathlib import Path

import pytest

from generator.analysis.entities.suggestions import Parts, _suggestions_eager, suggestions
from generator.config import load_config
from generator.models import Article, EntityRef, Mention
from generator.pipeline import convert
from generator.review import SUGGESTIONS_FILE, SUGGESTIONS_PARTS, refresh, suggestions_for, suggestions_text
from tests.conftest import make_project

ANNA = EntityRef("anna-berg", "Anna Berg", "person", aliases=("Berg",), curated=False)
PORT = EntityRef("port", "Port", "organisation", curated=False)
PORT_AS_PLACE = EntityRef("port", "Port", "place", aliases=("the Port",), curated=False)
OSLO = EntityRef("oslo", "Oslo", "place")
ONE = "Anna Berg spoke. Berg said Berg would sail. Port staff agreed. Anna Berg spoke."
TWO = "Berg again. Oslo waited. Berg left. Port closed."


def _mention(entity: str, paragraph: int, text: str, word: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Mention(entity, paragraph, start, start + len(word), word)


def _analysed() -> list[tuple[Article, list[Mention], list[EntityRef]]]:
    out = []
    for n in range(6):
        mentions = [_mention("anna-berg", 0, ONE, "Anna Berg"), _mention("anna-berg", 0, ONE, "Berg", 1)]
        mentions += [_mention("anna-berg", 0, ONE, "Anna Berg", 1), _mention("anna-berg", 1, TWO, "Berg")]
        mentions += [_mention("oslo", 1, TWO, "Oslo"), _mention("anna-berg", 1, TWO, "Berg", 1)]
        if n % 2:
            mentions += [_mention("port", 0, ONE, "Port"), _mention("port", 1, TWO, "Port")]
        refs = [ANNA, PORT_AS_PLACE if n % 3 == 0 else PORT, OSLO]
        article = Article(source=f"a/{5 - n}.txt", format="text", headline="Ferries", standfirst="", paragraphs=(ONE, TWO))
        out.append((article, mentions, refs))
    return out


@pytest.mark.parametrize("examples", [0, 1, 2, 3, 5])
@pytest.mark.parametrize("count", [1, 2, 6])
def test_shares_give_the_suggestions_computed_at_once(examples: int, count: int) -> None:
    analysed = _analysed()[:count]
    ordered = sorted(analysed, key=lambda item: item[0].source)
    expected = suggestions(analysed, examples)
    assert expected == _suggestions_eager(ordered, examples, 1)
    cold = Parts()
    assert suggestions(analysed, examples, parts=cold) == expected
    assert cold.added == count
    warm = Parts(dict(cold.used))
    assert suggestions(analysed, examples, parts=warm) == expected
    assert warm.added == 0 and warm.used == cold.used


def test_min_mentions_is_applied_to_the_shares_too() -> None:
    analysed = _analysed()
    assert suggestions(analysed, min_mentions=4, parts=Parts()) == suggestions(analysed, min_mentions=4)
    assert [s.id for s in suggestions(analysed, min_mentions=7, parts=Parts())] == ["anna-berg"]


@pytest.mark.parametrize(
    "edit",
    [
        lambda a, m, d: (replace(a, paragraphs=(ONE.replace("spoke", "sang"), TWO)), m, d),  # the text
        lambda a, m, d: (a, [replace(x, entity="port") if x.entity == "oslo" else x for x in m], d),  # a mention's name
        lambda a, m, d: (a, m[:-1], d),  # one mention fewer
        lambda a, m, d: (a, m, [replace(d[0], name="Anna B. Berg"), *d[1:]]),  # a name's spelling
        lambda a, m, d: (a, m, [replace(d[0], curated=True), *d[1:]]),  # a name moved into the gazetteer
    ],
)
def test_an_edited_article_is_computed_again(edit) -> None:  # type: ignore[no-untyped-def]
    analysed = _analysed()
    kept = Parts()
    suggestions(analysed, parts=kept)
    edited = [edit(*analysed[2]) if i == 2 else item for i, item in enumerate(analysed)]
    again = Parts(dict(kept.used))
    assert suggestions(edited, parts=again) == suggestions(edited)
    assert again.added == 1


def test_refresh_keeps_the_shares_and_writes_the_same_file(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    config = load_config(root)
    result = convert(config)
    path = root / "site_config" / SUGGESTIONS_FILE
    path.unlink(missing_ok=True)
    refresh(config, result.reused, lambda: result.corpus)
    kept = root / ".cache" / "dossier" / SUGGESTIONS_PARTS
    _, held = marshal.loads(kept.read_bytes())
    assert len(held) == len(result.corpus.articles)
    first = path.read_bytes()
    path.unlink()
    refresh(config, False, lambda: result.corpus)  # now from the kept shares
    assert path.read_bytes() == first
    assert suggestions_text(suggestions_for(result.corpus)) == first
