"""The scale harness cannot rot: `python -m bench` runs end to end on 20 articles written here.

It reads the project's own mkdocs.yml (with its ``!ENV`` tags) the way MkDocs does,
converts, builds, builds the engine floor, times an edit under `dossier serve`, and
prints one table with every target of issue 16 beside its measured figure.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.targets import targets

REPO = Path(__file__).resolve().parents[1]
PLACES = ("Lisbon", "Oslo", "Nairobi", "Quito", "Hanoi")
PEOPLE = ("Maria Okafor", "Tomas Lindqvist", "Aiko Brandt", "Rafael Mendes")


def _corpus(folder: Path, n: int = 20) -> Path:
    folder.mkdir()
    for i in range(n):
        place, person = PLACES[i % len(PLACES)], PEOPLE[i % len(PEOPLE)]
        (folder / f"a{i:02d}.txt").write_text(
            f"Port of {place} to expand container terminal number {i}\n\n"
            f"{person} said the harbour would grow.\n\n"
            f"{place.upper()}, March {i % 27 + 1}, 2019. The port authority in {place} said on Tuesday that a new terminal "
            f"would open in 2021, {person} told reporters.\n\n"
            f'"We expect more ships every year," {person} said.\n',
            encoding="utf-8",
        )
    return folder


def _bench_folders() -> set[Path]:
    """The bench's folders in the temporary folder (it makes its projects there, and removes them at the end)."""
    return set(Path(tempfile.gettempdir()).glob("dossier-bench-*"))


def test_bench_runs_on_20_articles_and_prints_every_target(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    before = _bench_folders()
    out = subprocess.run(
        [sys.executable, "-m", "bench", "--corpus", str(corpus), "--sizes", "20", "--serve"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    text = out.stdout
    assert re.search(r"articles / entities / events\s+20 / \d+ / \d+", text), text
    assert re.search(r"files written by the warm run\s+0\b", text), text
    answered_warm = r"command answered by a warm converter \(command / converter ready after\)\s+\d+\.\d+ s / \d+\.\d+ s"
    assert re.search(answered_warm, text), text
    assert re.search(r"engine floor \(same pages' text, bare theme\)\s+\d+\.\d+ s", text), text
    assert re.search(r"dossier serve: first served / edit to served\s+\d+\.\d+ s / \d+\.\d+ s", text), text
    assert re.search(r"dossier serve: rebuilds after one edit\s+1\b", text), text
    assert re.search(r"docs pages by kind\s+article 20, entity \d+, index \d+", text), text
    assert re.search(r"disk: 1,000 new files created just before the cold run\s+\d+\.\d+ s", text), text
    assert _bench_folders() <= before, "the bench left a project behind"
    table = text.split("Targets (issue 16)", 1)[1]
    for label, _ in targets(None):
        line = next((row for row in table.splitlines() if row.startswith(label)), None)
        assert line is not None, f"{label} missing from the table:\n{table}"
        assert re.search(r"\d", line[len(label) :]), f"{label}: no figure measured:\n{line}"
