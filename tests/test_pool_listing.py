"""What the render pool's workers know of docs/: one listing made before the fork, not a look per page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.render import pool


def test_the_listing_holds_every_file_and_folder_of_docs(tmp_path: Path) -> None:
    (tmp_path / "articles" / "2016").mkdir(parents=True)
    (tmp_path / "articles" / "2016" / "bout.md").write_text("x", encoding="utf-8")
    (tmp_path / "about.md").write_text("mine", encoding="utf-8")
    listed = pool._listed(tmp_path)
    assert listed == {"about.md", "articles", "articles/2016", "articles/2016/bout.md"}
    assert pool._listed(tmp_path / "absent") == frozenset()
    assert pool._listed(None) is None


def test_a_symbolic_link_under_docs_means_each_page_is_looked_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "page.md").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "real", tmp_path / "linked")
    assert pool._listed(tmp_path) is None
    monkeypatch.setitem(pool._RENDER, "docs", None)
    docs = f"{tmp_path}{os.sep}"
    assert pool._in_docs(docs, "linked/page.md") and not pool._in_docs(docs, "linked/other.md")
    monkeypatch.setitem(pool._RENDER, "docs", frozenset({"about.md"}))
    assert pool._in_docs(docs, "about.md") and not pool._in_docs(docs, "linked/page.md")  # the listing decides
    assert not pool._in_docs(None, "about.md")
