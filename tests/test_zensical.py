"""Portability: the generated docs/ builds with Zensical (Material's successor), which reads
mkdocs.yml but ignores MkDocs plugins, so nothing in a page may depend on the dossier plugin."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.cli import main
from tests.conftest import make_project


def _zensical() -> str:
    found = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")
    if found is None:
        pytest.skip("zensical is not installed (pip install '.[test]' installs it)")
    return found


def test_generated_docs_build_with_zensical(tmp_path: Path) -> None:
    zensical = _zensical()
    project = make_project(tmp_path)
    assert main(["convert", "--root", str(project), "-q"]) == 0
    result = subprocess.run([zensical, "build"], cwd=project, capture_output=True, text=True, timeout=300, env=dict(os.environ))
    assert result.returncode == 0, result.stdout + result.stderr
    site, docs = project / "site", project / "docs"
    generated = {p.relative_to(docs).with_suffix(".html") for p in docs.rglob("*.md")}
    built = {p.relative_to(site) for p in site.rglob("*.html")}
    assert generated <= built, sorted(generated - built)[:5]
    for md in sorted((docs / "articles").rglob("*.md")):
        soup = BeautifulSoup((site / md.relative_to(docs).with_suffix(".html")).read_text(encoding="utf-8"), "lxml")
        paragraphs = soup.select(".dossier-text > p")
        assert len(paragraphs) > 5
        assert soup.select("a.dossier-entity") and soup.select(".dossier-quote")
        assert soup.select_one("h1#p0") is not None and soup.select_one("details") is not None
    assert (site / "feed.xml").exists()
