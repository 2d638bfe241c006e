from __future__ import annotations

from pathlib import Path

import pytest

from generator.models import Page
from generator.render.pool import Staged
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


def test_streamed_pages_go_through_staging_and_land_together(tmp_path: Path) -> None:
    docs, staging = tmp_path / "docs", tmp_path / ".cache" / "staging"
    seen_in_docs: list[bool] = []

    def pages():  # type: ignore[no-untyped-def]
        for i in range(3):
            yield Page(f"p/{i}.md", f"page {i} é\n")
            seen_in_docs.append((docs / f"p/{i}.md").exists())  # nothing lands before the last page is in

    report = write_pages(pages(), docs, staging=staging)
    assert sorted(report.written) == ["p/0.md", "p/1.md", "p/2.md"]
    assert seen_in_docs == [False, False, False]
    assert (docs / "p/2.md").read_text(encoding="utf-8") == "page 2 é\n"
    assert not staging.exists()  # emptied after the burst
    again = write_pages(iter([Page("p/0.md", "page 0 é\n")]), docs, staging=staging)
    assert again.written == () and again.removed == ("p/1.md", "p/2.md")


def test_a_clash_half_way_through_a_stream_changes_nothing(tmp_path: Path) -> None:
    docs, staging = tmp_path / "docs", tmp_path / "staging"
    write_pages([Page("a.md", "old\n")], docs, staging=staging)
    with pytest.raises(WriterError):
        write_pages(iter([Page("a.md", "new\n"), Page("b.md", "B\n"), Page("b.md", "again\n")]), docs, staging=staging)
    assert (docs / "a.md").read_text() == "old\n" and not (docs / "b.md").exists()
    assert not staging.exists()


def test_a_page_behind_a_linked_folder_is_still_seen_as_hand_written(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "b.md").write_text("mine\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "sub").symlink_to(mine, target_is_directory=True)
    report = write_pages([Page("sub/b.md", "generated\n"), Page("new/c.md", "C\n")], docs)
    assert report.kept_handwritten == ("sub/b.md",) and report.written == ("new/c.md",)
    assert (mine / "b.md").read_text() == "mine\n" and (docs / "new" / "c.md").read_text() == "C\n"


def test_a_cold_write_into_a_folder_with_hand_written_pages_keeps_them(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "sub" / "b.md").write_text("mine\n")
    report = write_pages([Page("sub/b.md", "generated\n"), Page("sub/c.md", "C\n"), Page("sub", "a folder\n")], docs)
    assert report.kept_handwritten == ("sub/b.md", "sub") and report.written == ("sub/c.md",)
    assert (docs / "sub" / "b.md").read_text() == "mine\n" and not list(docs.rglob("*.tmp-dossier"))


def test_a_page_a_worker_staged_is_moved_into_place_and_an_unchanged_one_dropped(tmp_path: Path) -> None:
    docs, staging = tmp_path / "docs", tmp_path / "staging"
    write_pages([Page("a.md", "A\n")], docs, staging=staging)

    def pages():  # type: ignore[no-untyped-def]
        (staging / "pooled").mkdir()  # as render/pool.py does, once the writer has emptied its folder
        for name, text in [("a", "A\n"), ("b", "B é\n")]:
            file = staging / "pooled" / f"{name}.md"
            file.write_bytes(text.encode("utf-8"))
            yield Staged(f"{name}.md", text, str(file))

    mtime = (docs / "a.md").stat().st_mtime_ns
    report = write_pages(pages(), docs, staging=staging)
    assert report.written == ("b.md",) and report.unchanged == 1
    assert (docs / "b.md").read_text(encoding="utf-8") == "B é\n" and (docs / "a.md").stat().st_mtime_ns == mtime
    assert not staging.exists()  # the file of the unchanged page went with the folder
