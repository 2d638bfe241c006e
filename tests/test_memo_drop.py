"""A run that lets the dossier memo go drops what is not saved before its copy saves the rest: the file is the same."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.dossier import memo
from generator.language import textmemo


class Story:
    """A stand-in for an analysis: any object named by its cache key."""


class State:
    """A stored record's state (weakly referenced once saved)."""

    def __init__(self, postings: list[int]) -> None:
        self.postings = postings


Filled = tuple[dict[str, object], dict[str, object], list[Story]]


@pytest.fixture
def filled() -> Iterator[Filled]:
    """A memo as a build leaves it: a stored record, a held one, derived and valued entries of kept and other tables."""
    memo.clear()
    stored = memo.stored("test.stored", lambda state: (state,), lambda data: data[0])
    held = memo.held()
    stories = [Story(), Story()]
    memo.known_as([(stories[0], "key-0"), (stories[1], "key-1")])
    stored["state"] = State([1, 2, 3])
    held["last"] = ("inputs", "a value only this process reads")
    for i, story in enumerate(stories):
        memo.derived("claims.sentences", story, ("in", i), lambda i=i: f"sentences {i}")  # kept on disk
        memo.derived("mention.ids", story, None, lambda i=i: frozenset({f"e{i}"}))  # this process only
    memo.valued("events.clusters", ("d",), lambda: "clusters")  # stored
    memo.valued("corpus.indexes", ("d",), lambda: "indexes")  # this process only
    yield stored, held, stories
    memo.clear()
    memo._STORED.pop("test.stored", None)
    memo._HELD[:] = [record for record in memo._HELD if record is not stored and record is not held]


def test_dropping_what_is_not_saved_keeps_what_is(filled: Filled, tmp_path: Path) -> None:
    stored, held, stories = filled
    assert memo.save_to(tmp_path / "whole.pickle", "v1")
    memo._DISK.update(at="", states={})  # as if not written yet: save again after dropping
    memo.drop_unsaved()
    assert held == {}
    assert isinstance(stored["state"], State) and stored["state"].postings == [1, 2, 3]
    assert {slot[0] for slot in memo._ENTRIES} == {"claims.sentences"}
    assert {key[0] for key in memo._VALUED} == {"events.clusters"}
    assert memo.save_to(tmp_path / "dropped.pickle", "v1")
    assert (tmp_path / "dropped.pickle").read_bytes() == (tmp_path / "whole.pickle").read_bytes()


def test_the_dropped_entries_are_computed_again_on_demand(filled: Filled) -> None:
    _, _, stories = filled
    memo.drop_unsaved()
    calls: list[int] = []
    assert memo.derived("mention.ids", stories[0], None, lambda: calls.append(0) or frozenset({"e0"})) == frozenset({"e0"})
    assert calls == [0]
    assert memo.derived("claims.sentences", stories[0], ("in", 0), lambda: calls.append(1) or "other") == "sentences 0"
    assert calls == [0]


def test_forgotten_per_text_results_are_read_again_from_their_file(tmp_path: Path) -> None:
    path = tmp_path / "texts.marshal"
    textmemo.forget()
    textmemo.load(path, "v1")
    for n in range(textmemo.SAVE_FROM):
        textmemo.remembered("test.words", f"text {n}", str.upper)
    assert textmemo.save(path, "v1")
    textmemo.forget()
    assert textmemo._TABLES == {}
    textmemo.load(path, "v1")
    assert textmemo.remembered("test.words", "text 3", lambda text: "computed again") == "TEXT 3"
    textmemo.forget()


def test_per_text_results_are_saved_in_chunks_and_read_back_whole_in_order(tmp_path: Path) -> None:
    path = tmp_path / "texts.marshal"
    textmemo.forget()
    textmemo.load(path, "v1")
    count = 2 * textmemo.CHUNK + 7
    for n in reversed(range(count)):
        textmemo.remembered("test.many", f"text {n}", lambda text: {"words": (text, len(text))})
    textmemo.remembered("test.few", "one text", len)
    assert textmemo.save(path, "v1")
    before = {table: list(entries.items()) for table, entries in textmemo._TABLES.items()}
    textmemo.forget()
    textmemo.load(path, "v2")  # another version of the code: nothing taken up
    assert textmemo._TABLES == {}
    textmemo.forget()
    textmemo.load(path, "v1")
    assert {table: list(entries.items()) for table, entries in textmemo._TABLES.items()} == before
    assert len(before["test.many"]) == count
    textmemo.forget()
