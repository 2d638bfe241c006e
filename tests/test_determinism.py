"""Determinism: the same inputs give the same bytes, and a run with nothing changed writes nothing.

One project with the seeds and every fixture (good, bad, hostile, awkward names) is built
twice with `dossier build`, each time in a new process with another PYTHONHASHSEED (so set
and dict order cannot leak into the output). docs/ must be untouched by the second run
(same bytes, same modification times) and site/ byte-identical, apart from the dates
MkDocs stamps into sitemap.xml and its .gz copy. A fresh conversion of copies of the same
inputs, in another folder and written in another order, must give the same docs/ again.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, make_project
from tests.test_bad_input import add_files, cli, fixture_files

SETS = ("content", "bad", "hostile", "names")
MKDOCS_STAMPED = {"sitemap.xml.gz"}


def _snapshot(folder: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            rel = path.relative_to(folder).as_posix()
            if rel in MKDOCS_STAMPED:
                continue
            data = path.read_bytes()
            if rel == "sitemap.xml":
                data = re.sub(rb"<lastmod>[^<]*</lastmod>", b"", data)
            out[rel] = data
    return out


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in sorted(folder.rglob("*")) if p.is_file()}


def _differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    changed = sorted(k for k in first.keys() & second.keys() if first[k] != second[k])
    return sorted(first.keys() ^ second.keys()) + changed


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("determinism"))
    for folder in SETS:
        add_files(root, folder, fixture_files(FIXTURES / folder))
    return root


def test_building_twice_gives_the_same_bytes_and_the_second_conversion_writes_nothing(project: Path) -> None:
    first = cli(project, "build", "-q", env={"PYTHONHASHSEED": "1"})
    assert first.returncode == 1, first.stderr  # the bad fixtures
    docs, site = _snapshot(project / "docs"), _snapshot(project / "site")
    stamps = _mtimes(project / "docs")
    assert len(docs) > 50 and len(site) > 50

    second = cli(project, "build", "-q", env={"PYTHONHASHSEED": "2"})
    assert second.returncode == 1, second.stderr
    assert _mtimes(project / "docs") == stamps, "the second conversion wrote to docs/"
    assert _differences(docs, _snapshot(project / "docs")) == []
    assert _differences(site, _snapshot(project / "site")) == []


def test_a_fresh_conversion_elsewhere_gives_the_same_docs(project: Path, tmp_path: Path) -> None:
    if not (project / "docs" / "index.md").exists():
        assert cli(project, "convert", "-q").returncode == 1
    expected = _snapshot(project / "docs")
    (tmp_path / "elsewhere").mkdir()
    other = make_project(tmp_path / "elsewhere", content=tmp_path / "elsewhere")  # no content yet
    sources = sorted((project / "content").rglob("*"), reverse=True)  # written in another order
    for path in sources:
        if path.is_file():
            target = other / "content" / path.relative_to(project / "content")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    result = cli(other, "convert", "-q", env={"PYTHONHASHSEED": "3"})
    assert result.returncode == 1, result.stderr
    assert _differences(expected, _snapshot(other / "docs")) == []
