"""The editor's review loop for dates: check lists them, `dossier date accept` writes a year hint."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.review_dates import with_year_hint
from tests.conftest import make_project

SITE = """# Site settings.
title: "A dossier"
# Optional year hints (keep this comment).
year_hints: {}   # edited by `dossier date accept`
# Files above this size are refused.
max_bytes: 20000000
"""


def test_year_hint_is_added_and_every_comment_kept() -> None:
    text = with_year_hint(SITE, "tass/a_1.txt", 2016)
    assert yaml.safe_load(text)["year_hints"] == {"tass/a_1.txt": 2016}
    for line in SITE.splitlines():
        if line.startswith("#"):
            assert line in text
    assert "# edited by `dossier date accept`" in text
    again = with_year_hint(with_year_hint(text, "b.txt", 2011), "tass/a_1.txt", 2017)
    assert yaml.safe_load(again)["year_hints"] == {"b.txt": 2011, "tass/a_1.txt": 2017}
    assert yaml.safe_load(again)["max_bytes"] == 20000000


def test_year_hint_added_when_the_key_is_missing() -> None:
    text = with_year_hint("title: x\n", "a.txt", 2001)
    assert yaml.safe_load(text) == {"title": "x", "year_hints": {"a.txt": 2001}}


STORY = "Plant opens\n\nMOSCOW, December 26. /TASS/. The minister said on Thursday that the plant opened in September 2024.\n"


def test_check_lists_probable_then_accept_makes_it_inferred(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    (project / "content" / "plant.txt").write_text(STORY, encoding="utf-8")
    assert main(["check", "--root", str(project), "-q"]) == 0
    out = capsys.readouterr().out
    assert "plant.txt: warning: date: probably 2024 (2025 not ruled out)" in out
    assert "dossier date accept plant.txt" in out
    assert main(["date", "accept", "plant.txt", "--root", str(project)]) == 0
    site = (project / "site_config" / "site.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(site)["year_hints"] == {"plant.txt": 2024}
    assert "# Optional year hints" in site  # comments of the real site.yml kept
    main(["check", "--root", str(project), "-q"])
    assert "plant.txt: warning: date" not in capsys.readouterr().out


def test_accept_without_year_needs_a_probable_date(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "content" / "vague.txt").write_text("Talks\n\nMOSCOW, May 3. /TASS/. Talks went on.\n", encoding="utf-8")
    assert main(["date", "accept", "vague.txt", "--root", str(project)]) == 2
    assert main(["date", "accept", "vague.txt", "2019", "--root", str(project)]) == 0
    assert main(["date", "accept", "missing.txt", "2019", "--root", str(project)]) == 2
