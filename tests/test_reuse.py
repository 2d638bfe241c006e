"""What conversions keep for the next one: compiled word lists, per-text results, pages known unchanged."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import cache
from generator.config import load_config
from generator.language import stored, textmemo
from generator.models import Page
from generator.writer import write_pages
from tests.conftest import ROOT

CALLS: list[tuple[int, ...]] = []


@stored.stored
def _squares(n: int) -> tuple[int, ...]:
    CALLS.append((n,))
    return tuple(i * i for i in range(n))


@pytest.fixture
def lists(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "lists"
    stored.keep_lists_in(folder)
    CALLS.clear()
    yield folder
    stored.keep_lists_in(None)


def test_a_stored_list_is_built_once_then_read_back(lists: Path) -> None:
    assert _squares(4) == (0, 1, 4, 9)
    assert _squares(4) == (0, 1, 4, 9)
    assert CALLS == [(4,)]  # the second call read the pickle
    assert len(list(lists.glob("_squares-*.pickle"))) == 1


def test_other_arguments_are_another_list_and_a_damaged_file_is_rebuilt(lists: Path) -> None:
    _squares(3)
    _squares(5)
    assert CALLS == [(3,), (5,)]
    three, five = sorted(lists.glob("_squares-*.pickle"), key=lambda p: p.stat().st_mtime_ns)  # each kept
    five.write_bytes(b"not a pickle")
    assert _squares(5) == (0, 1, 4, 9, 16)
    assert _squares(3) == (0, 1, 4)
    assert CALLS == [(3,), (5,), (5,)]


def test_a_list_made_by_other_code_is_removed_when_one_is_written(lists: Path) -> None:
    lists.mkdir(parents=True, exist_ok=True)
    stale = lists / "_squares-0123456789abcdef-0123456789abcdef.pickle"  # an older generator's copy
    stale.write_bytes(b"old")
    other = lists / "_cubes-0123456789abcdef-0123456789abcdef.pickle"  # another loader's: not touched
    other.write_bytes(b"old")
    _squares(2)
    assert not stale.exists()
    assert other.exists()
    assert len(list(lists.glob("_squares-*.pickle"))) == 1


def test_without_a_folder_nothing_is_stored(tmp_path: Path) -> None:
    stored.keep_lists_in(None)
    CALLS.clear()
    _squares(2)
    _squares(2)
    assert CALLS == [(2,), (2,)]


def test_set_arguments_name_the_same_file_whatever_their_order() -> None:
    name = functools.partial(stored._name, _squares)
    assert name((frozenset({"Kyiv", "Oslo", "Lima"}),)) == name((frozenset({"Lima", "Kyiv", "Oslo"}),))
    assert name((frozenset({"Kyiv"}),)) != name((frozenset({"Oslo"}),))


def _count_words(seen: list[str]) -> functools.partial[dict[str, int]]:
    def count(text: str) -> dict[str, int]:
        seen.append(text)
        return {w: text.split().count(w) for w in text.split()}

    return functools.partial(count)


def test_a_text_result_is_computed_once_and_survives_a_new_process(tmp_path: Path) -> None:
    path = tmp_path / "texts.marshal"
    seen: list[str] = []
    count = _count_words(seen)
    textmemo.load(path, "v1")
    texts = [f"ferry number {i} sails on Tuesday" for i in range(textmemo.SAVE_FROM)]
    first = [textmemo.remembered("words", t, count) for t in texts]
    assert [textmemo.remembered("words", t, count) for t in texts] == first
    assert len(seen) == len(texts)
    assert textmemo.save(path, "v1") and path.exists()
    textmemo._STATE["loaded"] = ""  # as a fresh process would start
    textmemo.load(path, "v1")
    assert [textmemo.remembered("words", t, count) for t in texts] == first
    assert len(seen) == len(texts)  # read back, not computed
    textmemo._STATE["loaded"] = ""
    textmemo.load(path, "v2")  # another generator: nothing reused
    textmemo.remembered("words", texts[0], count)
    assert len(seen) == len(texts) + 1


def test_the_same_text_with_other_parameters_is_another_entry(tmp_path: Path) -> None:
    textmemo.load(tmp_path / "texts.marshal", "v1")
    a = textmemo.remembered("cut", "Two. Sentences.", lambda t: len(t), extra=("pattern", 0))
    b = textmemo.remembered("cut", "Two. Sentences.", lambda t: -len(t), extra=("pattern", 4))
    assert (a, b) == (15, -15)


def test_entries_no_run_used_are_dropped_and_few_new_ones_are_not_worth_a_write(tmp_path: Path) -> None:
    path = tmp_path / "texts.marshal"
    textmemo._STATE["loaded"] = ""
    textmemo.load(path, "v1")
    for i in range(textmemo.SAVE_FROM):
        textmemo.remembered("t", f"text {i}", len)
    assert textmemo.save(path, "v1")
    textmemo._STATE["loaded"] = ""
    textmemo.load(path, "v1")
    textmemo.remembered("t", "text 0", len)
    textmemo.remembered("t", "a new text", len)  # one new entry, the others unused: dropped
    assert textmemo.save(path, "v1")
    assert set(textmemo._TABLES["t"]) == {textmemo._digest("text 0", None), textmemo._digest("a new text", None)}
    textmemo.load(path, "v1")  # held in memory: the same tables
    textmemo.remembered("t", "text 0", len)
    textmemo.remembered("t", "a new text", len)
    textmemo.remembered("t", "one more", len)
    assert not textmemo.save(path, "v1")  # one new entry: computing it again costs less than the write


def test_pages_the_caller_read_back_are_not_compared_others_are(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    pages = [Page("a.md", "# A\n"), Page("b.md", "# B\n")]
    assert len(write_pages(pages, docs).written) == 2
    (docs / "b.md").write_text("# B, edited by hand to the same size?\n", encoding="utf-8")
    report = write_pages(pages, docs, same={"a.md"})
    assert report.written == ("b.md",) and report.unchanged == 1
    assert (docs / "b.md").read_text(encoding="utf-8") == "# B\n"
    (docs / "b.md").write_text("# C\n", encoding="utf-8")  # same size, other bytes
    assert write_pages(pages, docs).written == ("b.md",)


def test_the_lists_are_kept_per_user_and_in_the_project_when_the_user_has_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = load_config(ROOT)
    monkeypatch.delenv(cache.LISTS_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.lists_folder(project) == tmp_path / "xdg" / "dossier" / "lists"
    assert (tmp_path / "xdg" / "dossier" / "lists").is_dir()
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # the user's cache cannot be made
    assert cache.lists_folder(project) == project.root / ".cache" / "dossier" / "lists"
    monkeypatch.setenv(cache.LISTS_ENV, str(tmp_path / "named"))
    assert cache.lists_folder(project) == tmp_path / "named"
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared").chmod(0o777)  # others could plant a pickle there: not used
    monkeypatch.setenv(cache.LISTS_ENV, str(tmp_path / "shared"))
    assert cache.lists_folder(project) == project.root / ".cache" / "dossier" / "lists"


def test_a_warm_process_reads_the_lists_from_the_users_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, serving: None
) -> None:
    """serve and the warm converter start with ``warm_up``: it uses the lists folder as a conversion does."""
    from generator.serve import warm_up

    folder = tmp_path / "lists"
    monkeypatch.setenv(cache.LISTS_ENV, str(folder))
    stored.keep_lists_in(None)
    try:
        warm_up(load_config(ROOT))
        kept = list(stored._FOLDER)  # where this process now keeps and reads its lists (a list built earlier
    finally:  # in the process is not built again, so the folder may stay empty)
        stored.keep_lists_in(None)
    assert kept == [folder]
