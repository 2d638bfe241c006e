"""The suggestions file written piece by piece is the file written at once, and a piece kept
from the last run is never served for a suggestion that changed."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.analysis.entities.suggestions import Suggestion, _suggestions_eager, suggestions
from generator.config import load_config
from generator.models import Article, EntityRef, Mention
from generator.review import ABOUT, _dump, _pieces, suggestions_text, write_suggestions
from tests.conftest import make_project

_AWKWARD = [
    "plain",
    "with: a colon",
    "#hash first",
    "'quoted' and \"double\"",
    "  leading spaces",
    "Zürich, Łódź and 東京",
    "yes",
    "null",
    "123",
    "- dash",
    "a very long example sentence that goes on and on well past the width of one hundred and twenty "
    "characters so that the emitter has to fold it somewhere in the middle of the words",
    "tab\there",
    "two lines\n- the second like an item",
    "",
]


def _suggestion(i: int, name: str) -> Suggestion:
    examples = tuple(f"folder/{i}.txt: {text}" for text in _AWKWARD[i % 3 : i % 3 + 3])
    return Suggestion(f"id-{i}", name, "person", 10 - i % 4, 1 + i % 3, (f"{name} alias", name[:3]) if i % 2 else (), examples)


def _found() -> list[Suggestion]:
    return [_suggestion(i, name or "x") for i, name in enumerate(_AWKWARD)]


def _at_once(found: list[Suggestion]) -> bytes:
    data = {"about": ABOUT, "suggestions": [s.as_dict() for s in found]}
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=120).encode("utf-8")


def test_pieces_joined_are_the_document_dumped_at_once() -> None:
    found = _found()
    assert suggestions_text(found) == _at_once(found)
    assert suggestions_text([]) == _at_once([])
    assert yaml.safe_load(suggestions_text(found))["suggestions"][5]["name"] == "Zürich, Łódź and 東京"


def test_one_dump_cut_into_pieces_gives_each_suggestions_own_dump() -> None:
    found = _found()
    assert _pieces(found) == [_dump([s.as_dict()]) for s in found]
    assert _pieces([]) == []


def test_kept_pieces_are_reused_only_for_an_equal_suggestion() -> None:
    found = _found()
    chunks: dict[bytes, str] = {}
    suggestions_text(found, chunks)
    assert len(chunks) == len(found)
    changed = [Suggestion(s.id, s.name, s.kind, s.count + 1, s.articles, s.aliases, s.examples) for s in found]
    assert suggestions_text(changed, chunks) == _at_once(changed)


def test_write_suggestions_after_a_change_writes_the_new_bytes(tmp_path: Path) -> None:
    config = load_config(make_project(tmp_path))
    path = config.root / "site_config" / "entities.suggested.yml"
    found = _found()
    assert write_suggestions(config, found)
    assert path.read_bytes() == _at_once(found)
    fewer = found[1:] + [_suggestion(40, "Anna Berg")]
    assert write_suggestions(config, fewer)
    assert path.read_bytes() == _at_once(fewer)
    assert not write_suggestions(config, fewer)


def _article(source: str, *paragraphs: str) -> Article:
    return Article(source=source, format="text", headline="Ferries", standfirst="", paragraphs=paragraphs)


def _mention(entity: str, paragraph: int, text: str, word: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Mention(entity, paragraph, start, start + len(word), word)


def test_examples_cut_on_demand_are_those_cut_for_every_mention() -> None:
    anna = EntityRef("anna-berg", "Anna Berg", "person", aliases=("Berg",), curated=False)
    port = EntityRef("port", "Port", "org", curated=False)
    known = EntityRef("oslo", "Oslo", "place")
    one = "Anna Berg spoke. Berg said Berg would sail. Port staff agreed."
    two = "Berg again. Oslo waited. Berg left."
    analysed = []
    for n in range(5):
        mentions = [_mention("anna-berg", 0, one, "Anna Berg"), _mention("anna-berg", 0, one, "Berg", 1)]
        mentions += [_mention("anna-berg", 0, one, "Berg", 2), _mention("anna-berg", 1, two, "Berg")]
        mentions += [_mention("oslo", 1, two, "Oslo"), _mention("anna-berg", 1, two, "Berg", 1)]
        if n % 2:
            mentions.append(_mention("port", 0, one, "Port"))
        analysed.append((_article(f"a/{4 - n}.txt", one, two), mentions, [anna, port, known]))
    for examples in (1, 2, 3, 5):
        for subset in (analysed[:1], analysed[:2], analysed):
            ordered = sorted(subset, key=lambda item: item[0].source)
            assert suggestions(subset, examples) == _suggestions_eager(ordered, examples, 1)
    first = suggestions(analysed[:1])
    assert [s.name for s in first] == ["Anna Berg"]
    assert first[0].examples == ("a/4.txt: Anna Berg spoke.", "a/4.txt: Berg said Berg would sail.", "a/4.txt: Berg again.")
