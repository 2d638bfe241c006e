"""A long-running process (serve): content files read again only when their stamp changed, and an edit's
conversion run without the cyclic collector (cache.digests_held, cache.serving)."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import cache
from generator.cache import SETTLED_NS, digests_held, serving
from generator.config import load_config
from generator.pipeline import convert
from tests.conftest import collector_passes, make_project


@pytest.fixture
def held() -> Iterator[None]:
    """This test process as serve's: analyses and content digests kept between conversions."""
    before = cache._HELD
    cache.keep_in_memory()
    cache._DIGESTS.clear()
    try:
        yield
    finally:
        cache._HELD = before
        cache._DIGESTS.clear()


def _settled(path: Path) -> None:
    """The file as if written long ago (its change time cannot be set back: the test waits on the clock instead)."""
    old = os.stat(path).st_mtime_ns - 10 * SETTLED_NS
    os.utime(path, ns=(old, old))


def test_a_file_is_read_again_when_its_stamp_changes(tmp_path: Path, held: None) -> None:
    path = tmp_path / "a.txt"
    path.write_text("one", encoding="utf-8")
    _settled(path)
    reads: list[Path] = []

    def digest(p: Path) -> str:
        reads.append(p)
        return p.read_text(encoding="utf-8")

    cache._DIGESTS[str(path)] = ((0,), "stale")  # a stamp that is not the file's: read again
    assert digests_held([path], digest, 100) == ["one"]
    assert digests_held([path], digest, 100) == ["one"] and len(reads) == 2  # read once more: its change time is recent
    path.write_text("two", encoding="utf-8")
    assert digests_held([path], digest, 100) == ["two"]
    copy = tmp_path / "b.txt"
    copy.write_text("six", encoding="utf-8")
    shutil.copy2(copy, path)  # the same size, and the times of the copy: the change time still differs
    assert digests_held([path], digest, 100) == ["six"]
    assert digests_held([path], digest, 200) == ["six"] and len(reads) == 5  # another size limit: read again


def test_a_settled_file_is_not_read_again(tmp_path: Path, held: None) -> None:
    path = tmp_path / "a.txt"
    path.write_text("one", encoding="utf-8")
    reads: list[Path] = []
    st = os.stat(path)
    cache._DIGESTS.clear()
    original = cache.time.time_ns
    cache.time.time_ns = lambda: max(st.st_mtime_ns, st.st_ctime_ns) + 2 * SETTLED_NS  # type: ignore[assignment]
    try:
        assert digests_held([path], lambda p: reads.append(p) or "one", 100) == ["one"]
        assert digests_held([path], lambda p: reads.append(p) or "one", 100) == ["one"]
    finally:
        cache.time.time_ns = original  # type: ignore[assignment]
    assert len(reads) == 1


def test_an_edit_under_serve_runs_no_collection_and_equals_a_fresh_run(tmp_path: Path, held: None) -> None:
    (tmp_path / "served").mkdir()
    root = make_project(tmp_path / "served")
    config = load_config(root)
    convert(config)
    article = sorted(p for p in (root / "content").rglob("*") if p.is_file())[0]
    article.write_bytes(article.read_bytes().rstrip() + b"\n\nAnna Berg said on Tuesday the ferries would sail.\n")
    try:
        with collector_passes() as passes:
            result = convert(config)
    finally:
        gc.unfreeze()
    assert result.analysed == 1 and not passes and gc.isenabled()
    (tmp_path / "fresh").mkdir()
    other = make_project(tmp_path / "fresh")
    shutil.rmtree(other / "content")
    shutil.copytree(root / "content", other / "content")
    convert(load_config(other), use_cache=False)
    assert _tree(other / "docs") == _tree(root / "docs")


def test_serving_freezes_only_what_a_small_run_made(held: None) -> None:
    frozen = gc.get_freeze_count()
    assert serving(lambda: 1, lambda n: n < 1) == 1 and gc.get_freeze_count() == frozen and gc.isenabled()
    assert serving(lambda: [object()], lambda made: True) and gc.get_freeze_count() > frozen and gc.isenabled()
    gc.unfreeze()


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
