"""language/compiled.py: patterns compiled from saved code are the patterns ``re`` compiles."""

from __future__ import annotations

import marshal
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.language import compiled

CASES: list[tuple[str | bytes, int, list[str | bytes]]] = [
    (r"(?P<day>\d{1,2})\s+(?P<month>jan|feb|march)\b", re.IGNORECASE, ["3 March 2019", "31 FEB", "no date"]),
    (r"""(?x) ^ (\w+) # a word
        \s* (?:,\s*(\w+))* $""", 0, ["alpha, beta, gamma", "alpha", ", x"]),
    (r"(?<=[.!?])\s+(?=[A-Z])|[“”]", 0, ["One. Two! three", "“quoted”"]),
    (rb"[\x80-\xff]+|(?P<ascii>[a-z]{2,})", 0, [b"ab\xc3\xa9cd", b"\x01"]),
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Path]:
    compiled.keep_compiled_in(tmp_path)
    re.purge()
    yield tmp_path
    compiled.keep_compiled_in(None)
    re.purge()


def _facts(pattern: re.Pattern[str] | re.Pattern[bytes], samples: list[str | bytes]) -> list[object]:
    found: list[object] = [pattern.flags, pattern.groups, dict(pattern.groupindex)]
    for sample in samples:
        found.append([(m.span(), m.groups()) for m in pattern.finditer(sample)])  # type: ignore[arg-type]
    return found


def test_a_pattern_compiled_through_the_store_is_the_one_re_compiles(store: Path) -> None:
    for text, flags, samples in CASES:
        mine = re.compile(text, flags)
        theirs = compiled._ORIGINAL(text, flags)
        assert _facts(mine, samples) == _facts(theirs, samples), text


def test_a_new_process_compiles_from_the_saved_code_without_parsing(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = {text: _facts(compiled._ORIGINAL(text, flags), samples) for text, flags, samples in CASES}
    for text, flags, _ in CASES:
        re.compile(text, flags)
    assert compiled.save()
    assert not compiled.save()  # nothing new since
    compiled.keep_compiled_in(None)  # as a new process: nothing held
    compiled.keep_compiled_in(store)
    re.purge()

    def no_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    with monkeypatch.context() as patched:
        patched.setattr(compiled._parser, "parse", no_parse)
        found = {text: _facts(re.compile(text, flags), samples) for text, flags, samples in CASES}
        try:
            re.compile(r"not saved (\d+)")
            parsed = False
        except AssertionError:
            parsed = True
    assert found == expected
    assert parsed  # a pattern not saved is parsed as usual


def test_a_damaged_or_foreign_file_is_ignored(store: Path) -> None:
    compiled.keep_compiled_in(None)
    (store / compiled.FILE).write_bytes(b"\x00not marshal")
    compiled.keep_compiled_in(store)
    assert re.compile(r"(a)(b)?").match("ab").groups() == ("a", "b")  # type: ignore[union-attr]
    compiled.keep_compiled_in(None)
    (store / compiled.FILE).write_bytes(marshal.dumps(("another python", {("x", 0): (0, [], 0, {}, ())})))
    compiled.keep_compiled_in(store)
    re.purge()
    assert re.compile("x").match("x") is not None  # the foreign entry (empty code) was not used


def test_invalid_patterns_fail_as_re_fails(store: Path) -> None:
    with pytest.raises(re.error, match="missing \\), unterminated subpattern"):
        re.compile(r"(unclosed")
