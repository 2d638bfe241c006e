"""Before a pool forks, the readers of the files to read load what they load on first use, and only those."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.readers.html as html_reader
from generator.readers import preload


def test_only_the_readers_of_the_files_are_warmed(monkeypatch: pytest.MonkeyPatch) -> None:
    warmed: list[str] = []
    monkeypatch.setattr(html_reader, "warm", lambda: warmed.append("html"))
    preload([Path("a.txt"), Path("b.md"), Path("c.pdf")])
    assert warmed == []
    preload([Path("a.txt"), Path("page.HTML"), Path("other.htm")])
    assert warmed == ["html"]  # once for all the pages
