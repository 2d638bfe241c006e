"""The command line as other tools use it (../shared/contract.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generator.cli import main
from tests.conftest import ROOT, make_project

KEYS = {
    "id", "source", "page", "headline", "standfirst", "agency", "agency_as_written", "dateline", "date",
    "date_status", "date_candidates", "date_evidence", "entities", "quotes", "source_errors", "related",
}


def test_export_prints_version_1_json_for_the_samples(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "generator.cli", "export", "content", "--root", str(ROOT)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    data = json.loads(out.stdout)
    assert data["version"] == 1
    assert set(data) == {"version", "articles", "entities", "events", "chains", "conflicts", "problems"}
    assert data["chains"] == [] and data["conflicts"] == []  # two stories five years apart: nothing to link
    assert len(data["articles"]) == 2
    for article in data["articles"]:
        assert set(article) == KEYS
        assert article["agency"] == "TASS" and article["date_status"] == "inferred"
    assert {a["date"] for a in data["articles"]} == {"2011-11-10", "2016-11-21"}


def test_export_writes_nothing_else(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    assert main(["export", str(project / "content"), "--root", str(project), "-o", str(tmp_path / "out.json")]) == 0
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
    assert json.loads((tmp_path / "out.json").read_text())["version"] == 1


def test_convert_twice_writes_nothing_the_second_time(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert main(["convert", "--root", str(project), "-q"]) == 0
    stamps = {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*") if p.is_file()}
    contents = {p: p.read_bytes() for p in stamps}
    assert main(["convert", "--root", str(project), "-q"]) == 0
    assert {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*") if p.is_file()} == stamps
    assert {p: p.read_bytes() for p in stamps} == contents
    assert (project / "docs" / "about.md").read_text() == (ROOT / "docs" / "about.md").read_text()


def test_unreadable_file_exits_1_and_the_rest_is_built(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "content" / "empty.txt").write_bytes(b"")
    assert main(["convert", "--root", str(project), "-q"]) == 1
    assert len(list((project / "docs" / "articles").rglob("*.md"))) == 2
    problems = (project / "docs" / "problems.md").read_text()
    assert "empty\\.txt | error | the file is empty" in problems


def test_check_lists_problems_and_writes_nothing(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path)
    (project / "content" / "empty.txt").write_bytes(b"")
    assert main(["check", "--root", str(project), "-q"]) == 1
    out = capsys.readouterr().out
    assert "empty.txt: error:" in out
    assert not (project / "docs" / "articles").exists()


def test_bad_config_exits_2(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "site_config" / "site.yml").write_text("search: sphinx\n")
    assert main(["convert", "--root", str(project), "-q"]) == 2
