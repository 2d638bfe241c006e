"""End to end on five wire stories of an invented court case (tests/fixtures/court_case):
a hearing expected, postponed, then held, and one story that gets the sentence wrong.
Every chain and the conflict are found, and nothing else; a real `mkdocs build --strict` shows them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.cli import main
from tests.conftest import FIXTURES, make_project

CASE = FIXTURES / "court_case"
WRONG = "04_wrong_term.txt"


def _export(project: Path, tmp: Path) -> dict:
    out = tmp / "export.json"
    assert main(["export", str(project / "content"), "--root", str(project), "-o", str(out), "-q"]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("case"), CASE)


def _by_source(data: dict) -> dict[str, str]:
    return {a["id"]: a["source"] for a in data["articles"]}


def test_the_export_holds_the_one_chain_and_the_one_conflict(project: Path, tmp_path: Path) -> None:
    data = _export(project, tmp_path)
    assert data["version"] == 1
    source = _by_source(data)
    (chain,) = data["chains"]
    assert chain["kind"] == "hearing" and chain["outcome"] == "held" and chain["entities"] == ["martin-kessler"]
    assert [(s["kind"], s["date"], s["reported"]) for s in chain["steps"]] == [
        ("expected", "2025-05-14", "2025-04-02"),
        ("postponed", "2025-06-03", "2025-05-12"),
        ("held", "2025-06-03", "2025-06-04"),
    ]
    evidence = [[(source[e["article"]], e["paragraph"]) for e in s["evidence"]] for s in chain["steps"]]
    assert evidence == [
        [("01_hearing_set.txt", 2)],
        [("02_hearing_postponed.txt", 2), ("02_hearing_postponed.txt", 3), ("02_hearing_postponed.txt", 0)],
        [("03_sentenced.txt", 2)],
    ]
    assert chain["steps"][1]["evidence"][1]["text"] == "The hearing had been scheduled for May 14."
    assert chain["page"] == f"events/{chain['id']}.md"
    (conflict,) = data["conflicts"]
    assert (conflict["kind"], conflict["entity"], conflict["about"]) == ("term", "martin-kessler", "prison term")
    assert conflict["values"] == ["15 years", "12 years"] and conflict["corrected"] is False
    told = {(source[a["article"]], a["value"]) for a in conflict["accounts"]}
    assert told == {(WRONG, "15 years"), ("03_sentenced.txt", "12 years"), ("05_appeal.txt", "12 years")}
    assert set(conflict["events"]) <= {e["id"] for e in data["events"]} and conflict["events"]
    # the appeal hearing expected on 8 October stays only expected: no chain, still on the timeline
    appeal = [e for e in data["events"] if e["date"] == "2025-10-08"]
    assert [e["status"] for e in appeal] == ["scheduled"]


def test_a_correction_in_site_config_is_exported(project: Path, tmp_path: Path) -> None:
    corrections = project / "site_config" / "corrections.yml"
    original = corrections.read_text(encoding="utf-8")
    try:
        corrections.write_text(
            f"corrections:\n  - source: {WRONG}\n    value: 15 years\n    note: Baltic Press corrected the term.\n",
            encoding="utf-8",
        )
        data = _export(project, tmp_path)
        assert main(["convert", "--root", str(project), "-q"]) == 0
        entity = (project / "docs" / "entities" / "people" / "martin-kessler.md").read_text(encoding="utf-8")
    finally:
        corrections.write_text(original, encoding="utf-8")
    (conflict,) = data["conflicts"]
    assert conflict["corrected"] is True
    marked = [(_by_source(data)[a["article"]], a["correction"]) for a in conflict["accounts"] if a["correction"] is not None]
    assert marked == [(WRONG, "Baltic Press corrected the term.")]
    flag = next(line for line in entity.splitlines() if line.startswith("- **Corrected account**"))
    assert flag.index("12 years") < flag.index("15 years") < flag.index("marked as an error by the editor**: Baltic Press")


def _text(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    return " ".join(soup.select_one("article").get_text(" ").split())


def test_mkdocs_build_strict_shows_chain_conflict_and_event_page(project: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    site = project / "site"
    timeline = _text(site / "timeline.html")
    assert (
        "hearing expected 14 May 2025 ( story of 2 April 2025 ) → postponed to 3 June 2025 ( story of 12 May 2025 )"
        " → held 3 June 2025 ( story of 4 June 2025 )" in timeline
    )
    assert "Stories disagree on Martin Kessler’s prison term: 15 years" in timeline
    assert "14 May 2025 · expected" not in timeline  # folded into the chain's entry
    assert "8 October 2025 · expected" in timeline  # the appeal: nothing confirms it
    (page,) = sorted((site / "events").glob("hearing-*.html"))
    text = _text(page)
    for heading in ("What was expected", "What happened", "Conflicting accounts", "Who said what", "The stories, in order"):
        assert heading in text
    assert text.index("Court sets hearing date") < text.rindex("Kessler lodges appeal")
    entity = _text(site / "entities" / "people" / "martin-kessler.html")
    assert "Conflicting accounts" in entity and "12 years" in entity and "15 years" in entity
    index = _text(site / "events" / "index.html")
    assert "Hearing: Martin Kessler, 3 June 2025" in index


def test_the_samples_have_no_chain_conflict_or_event_page(tmp_path: Path) -> None:
    data = _export(make_project(tmp_path), tmp_path)
    assert data["chains"] == [] and data["conflicts"] == []
