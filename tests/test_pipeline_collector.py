"""A one-off conversion holds the cyclic collector off and freezes what it built (cache.collector_held)."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import cache, forks, pipeline
from generator.config import load_config
from generator.dossier import memo
from generator.pipeline import convert
from generator.review import refresh
from tests.conftest import collector_passes, docs_bytes, make_project


@pytest.fixture
def one_off(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(cache._ONE_OFF, "on", True)
    yield
    gc.unfreeze()


def _converted(tmp: Path) -> list[dict[str, bytes]]:
    """Convert the sample project, then again after an edit (one article analysed, in a forked copy
    when one-off); the docs and site_config files after each."""
    tmp.mkdir()
    root = make_project(tmp)
    found = []
    for step in range(2):
        if step:
            article = sorted(p for p in (root / "content").rglob("*") if p.is_file())[0]
            article.write_bytes(article.read_bytes().rstrip() + b"\n\nAnna Berg said on Tuesday the ferries would sail.\n")
        memo.clear()  # a new process
        config = load_config(root)
        result = convert(config, beside=lambda corpus, config=config: refresh(config, False, lambda: corpus))
        assert result.analysed == (1 if step else len(result.corpus.articles))
        files = docs_bytes(root)
        files.update({f"site_config/{p.name}": p.read_bytes() for p in (root / "site_config").glob("*.yml")})
        found.append(files)
    return found


def test_a_one_off_conversion_writes_what_a_lasting_one_writes(tmp_path: Path, one_off: None) -> None:
    once = _converted(tmp_path / "once")
    assert gc.get_freeze_count() > 0  # the one-off run froze what it built
    gc.unfreeze()
    memo.clear()
    cache._ONE_OFF["on"] = False
    expected = _converted(tmp_path / "lasting")
    assert gc.get_freeze_count() == 0  # a lasting process (serve) keeps its collector as it is
    assert gc.isenabled()
    assert once == expected
    assert once[0] != once[1]  # the edit shows


def test_the_collector_is_back_on_after_a_one_off_stage(one_off: None) -> None:
    assert gc.isenabled()
    with cache.collector_held():
        assert not gc.isenabled()
        kept = [[n] for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)


def test_work_set_aside_is_done_when_waited_for(tmp_path: Path, one_off: None) -> None:
    target = tmp_path / "kept.bin"
    forks.aside(lambda: target.write_bytes(b"records"))
    forks.aside(lambda: 1 / 0)  # a failing copy says so on stderr and is waited for like the others
    forks.aside_done()
    assert target.read_bytes() == b"records"
    assert not forks._ASIDE


def test_work_set_aside_in_a_lasting_process_is_done_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(cache._ONE_OFF, "on", False)  # an earlier test's command may have said one-off
    target = tmp_path / "kept.bin"
    forks.aside(lambda: target.write_bytes(b"now"))
    assert target.read_bytes() == b"now"  # before any wait


def test_jobs_set_aside_together_run_in_turn_and_failures_are_redone_here(tmp_path: Path, one_off: None) -> None:
    first, second, redone = tmp_path / "first.bin", tmp_path / "second.bin", tmp_path / "redone.bin"
    tried = tmp_path / "tried.txt"

    def failing() -> None:
        """Fails the first time (in the copy), writes the second (here, after the wait)."""
        if not tried.exists():
            tried.write_text(str(os.getpid()))
            raise RuntimeError("the copy failed")
        redone.write_text(str(os.getpid()))

    forks.aside_all([(lambda: 1 / 0, False), (lambda: first.write_bytes(b"one"), True), (failing, True)])
    forks.aside_all([(lambda: second.write_bytes(b"two"), True)])
    assert not redone.exists()  # only the copies ran it so far
    forks.aside_done()
    assert first.read_bytes() == b"one"  # after a job that failed without being redone
    assert second.read_bytes() == b"two"
    assert redone.read_text() == str(os.getpid())  # the copy failed at it: done again here
    assert tried.read_text() != str(os.getpid())  # the first try was the copy's


def test_jobs_set_aside_in_a_lasting_process_are_done_at_once_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(cache._ONE_OFF, "on", False)
    order: list[int] = []
    forks.aside_all([(lambda: order.append(1), False), (lambda: order.append(2), True)])
    assert order == [1, 2]
    with pytest.raises(ValueError, match="at most 8"):
        forks.aside_all([(lambda: None, True)] * 9)


def test_a_one_off_conversion_keeps_the_dossier_memo_to_its_end(
    tmp_path: Path, one_off: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path)
    memo.clear()
    convert(load_config(root))
    assert "corpus.slug" in _tables()  # the dossier stage's, not freed: the process ends after this run
    memo.clear()
    monkeypatch.setattr(pipeline, "KEEP_MEMO_BELOW", 1)  # as if the sample's two files were many
    convert(load_config(root), use_cache=False)
    assert "corpus.slug" not in _tables()  # a run that analysed many frees it before rendering its many pages
    gc.unfreeze()
    memo.clear()
    cache._ONE_OFF["on"] = False
    convert(load_config(root), use_cache=False)
    assert "corpus.slug" not in _tables()  # a library call lets it go (what is left is the rendering's)


def _tables() -> set[str]:
    return {table for table, _ in (*memo._ENTRIES, *memo._OLD)}


def test_a_one_off_edit_runs_no_collection_to_its_end(tmp_path: Path, one_off: None) -> None:
    root = make_project(tmp_path)
    memo.clear()
    convert(load_config(root))
    article = sorted(p for p in (root / "content").rglob("*") if p.is_file())[0]
    article.write_bytes(article.read_bytes().rstrip() + b"\n\nAnna Berg said on Tuesday the ferries would sail.\n")
    config = load_config(root)
    thresholds = gc.get_threshold()
    gc.set_threshold(10)  # a pass every ten new containers while the collector runs: the sample is small
    gc.collect()  # the count starts from zero
    try:
        with collector_passes() as passes:
            result = convert(config)
    finally:
        gc.set_threshold(*thresholds)
    assert result.analysed == 1 and result.report is not None and result.report.written
    # what an edit's run makes lives to its end: no pass walks it (the collector that ran would make ~180 here);
    # only a young pass as each held stage ends, over what the freeze left young: nothing
    # (and one as the run starts, over the few objects the call made: a threshold of ten counts them)
    assert len(passes) <= 3 and set(passes) <= {0}, passes
    assert gc.isenabled()
