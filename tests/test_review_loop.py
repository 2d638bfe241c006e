"""The editor's review loop: discovered names -> suggestions file and `dossier check`; ignore removes them."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.cli import main
from tests.conftest import make_project

STORY = """Kyiv court adjourns hearing

The hearing was postponed until next month

KIEV, March 3. /TASS/. A court adjourned the hearing on Tuesday, lawyer Olga Petrenko told reporters.

"We will appeal," Petrenko said.
"""


def test_unknown_names_are_suggested_then_ignored(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path)
    (project / "content" / "kyiv.txt").write_text(STORY, encoding="utf-8")
    assert main(["convert", "--root", str(project), "-q"]) == 0
    suggested = yaml.safe_load((project / "site_config" / "entities.suggested.yml").read_text(encoding="utf-8"))
    names = {s["name"]: s for s in suggested["suggestions"]}
    assert "Olga Petrenko" in names
    assert names["Olga Petrenko"]["kind"] == "person" and names["Olga Petrenko"]["mentions"] >= 1
    assert any("kyiv.txt" in example for example in names["Olga Petrenko"]["examples"])

    assert main(["check", "--root", str(project), "-q"]) == 0  # warnings only
    assert "name not in the gazetteer: Olga Petrenko" in capsys.readouterr().out
    assert main(["check", "--root", str(project), "-q", "--strict"]) == 1

    entities_file = project / "site_config" / "entities.yml"
    data = yaml.safe_load(entities_file.read_text(encoding="utf-8"))
    data["ignore"] = [*data.get("ignore", []), "Olga Petrenko"]
    entities_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["convert", "--root", str(project), "-q"]) == 0
    suggested = yaml.safe_load((project / "site_config" / "entities.suggested.yml").read_text(encoding="utf-8"))
    assert "Olga Petrenko" not in {s["name"] for s in suggested["suggestions"]}
