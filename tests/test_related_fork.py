"""A first build's related articles ranked in a forked copy (dossier/related_fork.py) are those ranked in this
process, and the record kept for the next build is the same, to the bit; a copy that fails or is not waited
for leaves nothing behind.

Every story is invented for the test (tests/conftest.py's random term corpus).
"""

from __future__ import annotations

import os
import pickle
import random
import time

import pytest

from generator.dossier import memo, related_fork
from generator.dossier.related import _LAST, _saved, related_by_terms, related_started, term_weights
from tests.conftest import random_term_corpus


@pytest.fixture(autouse=True)
def _forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any ranking is worth a copy here; skipped where none can be made (no fork, or threads: pytest-xdist's)."""
    monkeypatch.setattr(related_fork, "FROM", 1)
    if not related_fork.may_fork(1):
        pytest.skip("related_fork makes no copy here: no fork start method, or more than one thread")


def _corpus(seed: int) -> tuple[list[str], list[dict[str, int]], list[dict[str, float]], dict[str, str]]:
    ids, counts, texts = random_term_corpus(random.Random(seed), 60)
    return ids, counts, [term_weights(t) for t in texts], {f"e{i}": f"Entity {i}" for i in range(12)}


def _serial(seed: int) -> tuple[dict[str, tuple[tuple[str, str], ...]], bytes]:
    ids, counts, docs, names = _corpus(seed)
    memo.clear()
    result = related_by_terms(ids, counts, docs, names)
    return result, pickle.dumps(_saved(_LAST["state"]))


@pytest.mark.parametrize("seed", range(3))
def test_the_copy_ranks_what_this_process_ranks(seed: int) -> None:
    result, record = _serial(seed)
    ids, counts, docs, names = _corpus(seed)
    memo.clear()
    parent = os.getpid()
    finish = related_started(ids, counts, docs, names, beside=True)
    assert os.getpid() == parent and len(related_fork._RUNNING) == 1  # ranking in the copy
    assert finish() == result
    assert pickle.dumps(_saved(_LAST["state"])) == record  # the same objects shared as a serial build shares them
    assert not related_fork._RUNNING


def test_a_copy_that_fails_is_done_here() -> None:
    parent = os.getpid()
    rows: related_fork.Rows = ([(1,)], [("similar wording",)], [((1, 0.5, 0.5),)], [0.0], [0.1])

    def rank() -> related_fork.Rows:
        if os.getpid() != parent:
            raise RuntimeError("the copy fails")
        return rows

    assert related_fork.started(rank, 1)() == rows


def test_a_copy_not_waited_for_is_ended() -> None:
    def rank() -> related_fork.Rows:
        time.sleep(60)  # only the copy runs it: this process never waits for it
        return [], [], [], [], []

    related_fork.started(rank, 1)
    (pid,) = related_fork._RUNNING
    related_fork.reap()
    assert not related_fork._RUNNING
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # ended and waited for: no such child any more


def test_a_small_ranking_is_not_forked() -> None:
    assert not related_fork.may_fork(0)
    assert related_fork.started(lambda: ([], [], [], [], []), 0)() == ([], [], [], [], [])
    assert not related_fork._RUNNING


def _edited(docs: list[dict[str, float]], counts: list[dict[str, int]]) -> None:
    """One story gains a word and loses an entity, in place of the lists (the others are the very same objects)."""
    docs[3] = {**docs[3], "zebra": 2.0}
    counts[5] = {e: c for e, c in list(counts[5].items())[1:]}


@pytest.mark.parametrize("seed", range(2))
def test_an_edit_after_a_build_ranked_in_the_copy_is_the_edit_after_a_serial_build(seed: int) -> None:
    """The copy hands back only the data of the index; the next build in this process makes the index from it
    when it reads it, and ranks the edit as after a serial build, to the same record."""
    ids, counts, docs, names = _corpus(seed)
    memo.clear()
    related_by_terms(ids, counts, docs, names)
    _edited(docs, counts)
    serial = related_by_terms(ids, counts, docs, names)
    record = pickle.dumps(_saved(_LAST["state"]))
    ids, counts, docs, names = _corpus(seed)
    memo.clear()
    related_started(ids, counts, docs, names, beside=True)()
    _edited(docs, counts)
    assert related_by_terms(ids, counts, docs, names) == serial
    assert pickle.dumps(_saved(_LAST["state"])) == record


def test_a_long_running_process_makes_the_sides_once_its_first_build_is_done() -> None:
    """``sides_made`` (serve, the warm converter): the index the copy handed back as data is made before the first
    edit reads it, equal to the one a serial build makes."""
    from generator.dossier.related import sides_made

    ids, counts, docs, names = _corpus(5)
    memo.clear()
    related_by_terms(ids, counts, docs, names)
    serial = pickle.dumps((_LAST["state"].entities, _LAST["state"].words))
    memo.clear()
    related_started(ids, counts, docs, names, beside=True)()
    assert _LAST["state"].sides._made == [None, None]  # data only, as the copy handed it back
    sides_made()
    assert None not in _LAST["state"].sides._made
    assert pickle.dumps((_LAST["state"].entities, _LAST["state"].words)) == serial
