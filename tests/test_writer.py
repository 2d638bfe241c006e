from __future__ import annotations

from pathlib import Path

import pytest

from generator.models import Page
from generator.writer import MANIFEST, WriterError, write_pages


def test_writes_only_changed_bytes_and_removes_stale(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    first = write_pages([Page("a.md", "A\n"), Page("sub/b.md", "B\n")], docs)
    assert sorted(first.written) == ["a.md", "sub/b.md"]
    mtime = (docs / "a.md").stat().st_mtime_ns
    again = write_pages([Page("a.md", "A\n"), Page("sub/b.md", "B\n")], docs)
    assert again.written == () and again.unchanged == 2
    assert (docs / "a.md").stat().st_mtime_ns == mtime
    third = write_pages([Page("a.md", "A2\n")], docs)
    assert third.written == ("a.md",) and third.removed == ("sub/b.md",)
    assert not (docs / "sub").exists()


def test_hand_written_pages_are_never_overwritten_or_removed(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("mine\n")
    (docs / "notes.md").write_text("also mine\n")
    report = write_pages([Page("index.md", "generated\n"), Page("x.md", "X\n")], docs)
    assert report.kept_handwritten == ("index.md",)
    assert (docs / "index.md").read_text() == "mine\n"
    write_pages([], docs)
    assert (docs / "notes.md").read_text() == "also mine\n" and (docs / "index.md").exists()
    assert not (docs / "x.md").exists()
    assert (docs / MANIFEST).exists()


@pytest.mark.parametrize("pages", [[Page("a.md", "1"), Page("a.md", "2")], [Page("../out.md", "x")], [Page("/abs.md", "x")]])
def test_refuses_clashing_or_escaping_paths(tmp_path: Path, pages: list[Page]) -> None:
    with pytest.raises(WriterError):
        write_pages(pages, tmp_path / "docs")
