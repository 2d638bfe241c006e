"""Before a pool forks, the readers of the files to read load what they load on first use, and only those."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.readers.html as html_reader
import generator.readers.text as text_reader
from generator.config import SiteConfig
from generator.readers import preload


def test_only_the_readers_of_the_files_are_warmed(config: SiteConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    warmed: list[str] = []
    monkeypatch.setattr(html_reader, "warm", lambda options: warmed.append("html"))
    monkeypatch.setattr(text_reader, "warm", lambda options: warmed.append("text"))
    preload([Path("b.md"), Path("c.pdf")], config.reader)
    assert warmed == []
    preload([Path("a.txt"), Path("page.HTML"), Path("other.htm"), Path("b.TXT")], config.reader)
    assert warmed == ["html", "text"]  # once for each reader


def test_the_text_reader_warms_on_a_page_it_reads(config: SiteConfig) -> None:
    text_reader.warm(config.reader)
    article = text_reader.read(text_reader._WARM, "preload.txt", config.reader)
    assert article.headline == "Ferries to sail" and article.dateline is not None
