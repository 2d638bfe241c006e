"""Which files of content/ are read (generator/discovery.py): order, litter, links, pipes, unknown formats."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from generator.discovery import discover
from generator.pipeline import hash_files

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")


def _tree(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.txt").write_text("far", encoding="utf-8")
    for rel in ["b.txt", "a.html", "notes.pdf", "README.md", "draft.txt~", "x.tmp", "~$open.txt", ".DS_Store",
                "z/2.md", "z/1.xml", "z/deep/0.nitf", "m/only.txt", ".hidden/h.txt", "_private/p.txt", "noext"]:
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rel, encoding="utf-8")
    (content / "inside.txt").symlink_to(content / "b.txt")
    (content / "away.txt").symlink_to(outside / "far.txt")
    (content / "gone.txt").symlink_to(content / "missing.txt")
    (content / "linked").symlink_to(outside, target_is_directory=True)
    (content / "m" / "back").symlink_to(content / "z", target_is_directory=True)
    return content


def test_files_in_walk_order_and_the_refused_named(tmp_path: Path) -> None:
    content = _tree(tmp_path)
    files, problems = discover(content)
    assert [p.relative_to(content).as_posix() for p in files] == [
        "a.html", "b.txt", "inside.txt", "m/only.txt", "z/1.xml", "z/2.md", "z/deep/0.nitf",
    ]
    assert all(p.parent == content or content in p.parents for p in files)
    far = tmp_path / "outside"
    assert [(p.source, p.level, p.message) for p in problems] == [
        ("linked", "error", f"symbolic link to {far}, outside the content folder: refused"),
        ("away.txt", "error", f"symbolic link to {far / 'far.txt'}, outside the content folder: refused"),
        ("gone.txt", "error", f"symbolic link to {content / 'missing.txt'}, which does not exist or loops: refused"),
        ("noext", "warning", "not an article format this tool reads (no extension); skipped"),
        ("notes.pdf", "warning", "not an article format this tool reads (.pdf); skipped"),
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_is_refused(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    os.mkfifo(content / "pipe.txt")
    (content / "ok.txt").write_text("ok", encoding="utf-8")
    files, problems = discover(content)
    assert [p.name for p in files] == ["ok.txt"]
    assert [(p.source, p.message) for p in problems] == [("pipe.txt", "not a regular file (a pipe, socket or device): refused")]


def test_a_missing_folder_is_one_problem(tmp_path: Path) -> None:
    files, problems = discover(tmp_path / "nowhere")
    assert files == [] and [p.message for p in problems] == ["the content folder does not exist"]


def test_hashed_paths_are_relative_and_posix(tmp_path: Path, config) -> None:  # type: ignore[no-untyped-def]
    content = _tree(tmp_path)
    files, _ = discover(content)
    entries = hash_files(files, content, config)
    assert [rel for _, rel, _ in entries] == [p.relative_to(content).as_posix() for p in files]
    assert entries[0][2] == hashlib.sha256((content / "a.html").read_bytes()).hexdigest()
    relative = Path(os.path.relpath(content))
    assert [rel for _, rel, _ in hash_files(discover(relative)[0], relative, config)] == [rel for _, rel, _ in entries]


def test_a_long_running_process_lists_again_only_the_folders_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.discovery as discovery

    content = _tree(tmp_path)
    monkeypatch.setattr(discovery, "SETTLED_NS", -1)  # take every folder's times as settled (no 2 s wait)
    assert discover(content, remember=True) == discover(content)  # the same answer
    listed: list[Path] = []
    scandir = os.scandir
    monkeypatch.setattr(discovery.os, "scandir", lambda folder: listed.append(Path(folder)) or scandir(folder))
    assert discover(content, remember=True) == discover(content)
    # the remembering walk listed again only the folders holding links (whose targets may change unseen)
    assert listed[: listed.index(content, 1)] == [content, content / "m"]
    time.sleep(0.05)  # past the clock's tick: the folders' times change with their entries
    (content / "z" / "3.txt").write_text("new", encoding="utf-8")
    (content / "z" / "deep" / "0.nitf").unlink()
    files, _ = discover(content, remember=True)
    assert content / "z" / "3.txt" in files and content / "z" / "deep" / "0.nitf" not in files
    assert discover(content, remember=True) == discover(content)
