"""Portability: the same generated docs/ built by MkDocs and by Zensical show the same pages.

tests/test_zensical.py checks that Zensical builds the pages; this compares the two builds
page by page (every page's article text) and checks that the theme override, including its
Pagefind branch, renders under Zensical's template engine too. Differences that remain by
design: Zensical writes search.json (its own search) instead of search/search_index.json and
no sitemap.xml.gz; it ignores the dossier plugin, so `dossier convert` runs first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.cli import main
from tests.conftest import make_project
from tests.test_zensical import _zensical


def _article_text(html_path: Path) -> str:
    article = BeautifulSoup(html_path.read_text(encoding="utf-8"), "lxml").select_one("article")
    assert article is not None, html_path
    for hidden in article.select("[hidden], .headerlink"):
        hidden.decompose()
    return " ".join(article.get_text(" ").split())


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    zensical = _zensical()
    project = make_project(tmp_path_factory.mktemp("portability"))
    assert main(["convert", "--root", str(project), "-q"]) == 0
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DOSSIER_SKIP_CONVERT="1")
    mkdocs = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site-mkdocs"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert mkdocs.returncode == 0, mkdocs.stderr
    result = subprocess.run([zensical, "build"], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def test_zensical_and_mkdocs_show_the_same_pages_and_text(converted: Path) -> None:
    mk, zen = converted / "site-mkdocs", converted / "site"
    mk_pages = {p.relative_to(mk).as_posix() for p in mk.rglob("*.html")}
    zen_pages = {p.relative_to(zen).as_posix() for p in zen.rglob("*.html")}
    assert mk_pages == zen_pages, sorted(mk_pages ^ zen_pages)[:10]
    different = [
        page for page in sorted(mk_pages) if page != "404.html" and _article_text(mk / page) != _article_text(zen / page)
    ]
    assert not different, different[:10]
    assert (zen / "feed.xml").read_bytes() == (mk / "feed.xml").read_bytes()
    assert (zen / "assets" / "dossier.css").exists()


def test_theme_override_with_pagefind_renders_under_zensical(converted: Path) -> None:
    env = dict(os.environ, DOSSIER_SEARCH="pagefind", DOSSIER_MATERIAL_SEARCH="false")
    config = converted / "zensical-pagefind.yml"  # the same settings, another site_dir
    config.write_text(
        (converted / "mkdocs.yml").read_text(encoding="utf-8").replace("site_dir: site", "site_dir: site-pagefind"),
        encoding="utf-8",
    )
    result = subprocess.run(
        [_zensical(), "build", "-f", config.name], cwd=converted, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site = converted / "site-pagefind"
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    assert home.select_one("#dossier-search") is not None
    for page in sorted(site.glob("articles/**/*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        assert soup.select_one("[data-pagefind-body]") is not None, page.name
        assert soup.select_one('[data-pagefind-filter^="kind"]')["data-value"] == "article"
