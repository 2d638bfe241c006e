"""Plain data written by libyaml's emitter alone: the very text ``yaml.dump`` writes, whatever the strings hold."""

from __future__ import annotations

import random

import pytest
import yaml

from generator.plainyaml import _plain, dumped

HOSTILE = [
    "", " ", "  lead", "trail ", "a: b", "a #b", "#x", "- x", "-", "? x", ":x", "x:", "@x", "`x", "%x", "!x", "&x", "*x",
    "|", ">", "'", '"', "it's", 'say "hi"', "[a]", "{a}", "a, b", "123", "-7", "0x1F", "0o17", "1e3", ".5", "1_000",
    "true", "Yes", "no", "off", "null", "Null", "~", "2016-01-01", "2016-01-01 10:00:00", "=", "<<", ".inf", ".NaN",
    "é", "中文", "😀 emoji", "line\nbreak", "two\n\nbreaks", "a\tb", "\x07bell", "\x85next", "\u2028sep", "\ufeffbom",
    "back\\slash", "tail\n", "business/005.txt: Shares in UK drinks firm rose on speculation that it could be the target",
    "a word " * 40, "x" * 130, "‘curly’ “quotes”", "--- not a document", "...", "\ud7ff", "\ue000 private",
]


def _strings(rng: random.Random, n: int) -> list[str]:
    pieces = HOSTILE + ["word", " ", ": ", " #", "\n", "'", '"', "é", "1", "-", "12:30", "TASS", "\t"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(n)]


def _expected(data: object, width: int) -> str:
    return str(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=width))


@pytest.mark.skipif(not hasattr(yaml, "CSafeDumper"), reason="PyYAML was built without libyaml here")
@pytest.mark.parametrize("width", [120, 80])
def test_the_text_is_yaml_dumps_for_hostile_strings(width: int) -> None:
    rng = random.Random(width)
    for text in HOSTILE + _strings(rng, 600):
        data = {"name": text, text or "empty": [text, 3, None], "n": -12, "examples": [text, text + " more"], "e": [], "m": {}}
        assert dumped(data, width) == _expected(data, width), repr(text)
    suggestions = [{"name": s, "kind": "person", "mentions": i, "aliases": [s[:5]], "examples": _strings(rng, 3)}
                   for i, s in enumerate(_strings(rng, 300))]
    assert dumped(suggestions, width) == _expected(suggestions, width)
    assert yaml.safe_load(dumped(suggestions, width)) == suggestions


def test_other_values_go_to_yaml_dump() -> None:
    for data in ({"a": 1.5}, {"a": True}, {1: "a"}, ["a", (1, 2)], {"a": {"b": [False]}}):
        assert not _plain(data)
        assert dumped(data, 120) == str(yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                                                  sort_keys=False, allow_unicode=True, width=120))
    assert _plain({"a": [1, None, "x", {"b": []}]})
