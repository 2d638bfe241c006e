"""The MkDocs plugin as a good citizen: content problems are warnings (so `--strict` fails on
them and a plain build still builds the rest), a conversion that cannot run raises a
PluginError naming the file, and plain `mkdocs build` runs the same review loop as `dossier build`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import make_project


def _mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("DOSSIER_SKIP_CONVERT", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=project, env=env, capture_output=True, text=True)


def test_an_unreadable_file_fails_a_strict_build_and_names_the_file(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "content" / "empty-story.txt").write_bytes(b"")
    strict = _mkdocs(project, "--strict")
    assert strict.returncode != 0
    assert "WARNING" in strict.stderr and "empty-story.txt" in strict.stderr, strict.stderr
    plain = _mkdocs(project)
    assert plain.returncode == 0, plain.stderr
    assert "empty-story.txt" in plain.stderr
    assert len(list((project / "site" / "articles").rglob("*.html"))) == 2


def test_a_conversion_that_cannot_write_raises_a_plugin_error(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "docs" / "articles").write_text("a file where the articles folder belongs\n", encoding="utf-8")
    result = _mkdocs(project)
    assert result.returncode != 0
    assert "dossier:" in result.stderr and "conversion failed" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_plain_mkdocs_build_refreshes_the_review_file(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    suggested = project / "site_config" / "entities.suggested.yml"
    assert not suggested.exists()
    assert _mkdocs(project, "--strict").returncode == 0
    assert suggested.exists() and "suggestions:" in suggested.read_text(encoding="utf-8")
