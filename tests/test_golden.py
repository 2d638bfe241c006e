"""The golden docs/ tree: `dossier convert` of the two samples, byte for byte.

Any change to what the converter writes for the samples shows up here as a diff to read.
When the change is intended, update the tree and commit it with the change:

    DOSSIER_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from generator.cli import main
from tests.conftest import make_project

GOLDEN = Path(__file__).resolve().parent / "golden" / "docs"
UPDATE = os.environ.get("DOSSIER_UPDATE_GOLDEN") == "1"


def _generated(docs: Path) -> dict[str, bytes]:
    return {
        p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file() and p.name != "about.md"
    }


def test_the_samples_convert_to_the_golden_tree(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert main(["convert", "--root", str(project), "-q"]) == 0
    got = _generated(project / "docs")
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, data in got.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
    want = _generated(GOLDEN)
    assert sorted(got) == sorted(want), "pages added or removed; see DOSSIER_UPDATE_GOLDEN in this file"
    for rel in sorted(want):
        if got[rel] != want[rel]:
            diff = difflib.unified_diff(
                want[rel].decode("utf-8").splitlines(),
                got[rel].decode("utf-8").splitlines(),
                f"golden/{rel}",
                f"now/{rel}",
                lineterm="",
                n=1,
            )
            raise AssertionError("\n".join(list(diff)[:60]))
