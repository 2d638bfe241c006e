"""End to end: a real `mkdocs build --strict` of the sample dossier in a temporary project."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import ROOT, make_project


def _mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, env=env, capture_output=True, text=True
    )


def test_mkdocs_build_strict_of_the_samples(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    result = _mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for page in (
        "index.html",
        "timeline.html",
        "quotes.html",
        "archive/index.html",
        "about.html",
        "search/search_index.json",
        "feed.xml",
    ):
        assert (site / page).exists(), page
    articles = sorted(site.glob("articles/*/*/*.html"))
    assert len(articles) == 2
    for html_path in articles:
        soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "lxml")
        text = " ".join(soup.select_one(".dossier-text").get_text(" ").split())
        assert "All news" not in text
        assert len(text) > 500
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Dolgov" in index


def test_article_text_is_verbatim_in_the_built_page(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert _mkdocs_build(project).returncode == 0
    for source in sorted((ROOT / "content").glob("*.txt")):
        blocks = [" ".join(b.split()) for b in source.read_text(encoding="utf-8").split("\n\n") if b.strip()][3:]
        pages = [p for p in (project / "site" / "articles").rglob("*.html") if source.name in p.read_text(encoding="utf-8")]
        assert len(pages) == 1, source.name
        soup = BeautifulSoup(pages[0].read_text(encoding="utf-8"), "lxml")
        shown = [" ".join(p.get_text().split()) for p in soup.select(".dossier-text > p")]
        assert shown == blocks


def test_annotations_are_marked_on_the_built_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert _mkdocs_build(project).returncode == 0
    quotes, sics, speakers, entity_links = 0, [], set(), 0
    for html_path in sorted((project / "site" / "articles").rglob("*.html")):
        soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "lxml")
        text = soup.select_one(".dossier-text")
        quotes += len(text.select(".dossier-quote:not(.dossier-quote-end)"))  # the closing mark is wrapped apart
        sics += [(s.get_text(), s["data-note"]) for s in text.select(".dossier-sic")]
        speakers |= {a["data-label"] for a in text.select("a.dossier-speaker")}
        for link in text.select("a.dossier-entity"):
            entity_links += 1
            assert (html_path.parent / link["href"]).resolve().exists(), link["href"]
        assert soup.select_one("abbr[title]") is not None
    assert quotes == 13
    assert sics == [("unvaforable", "sic; probably ‘unfavorable’"), ("Trumpt", "sic; probably ‘Trump’")]
    assert {"Konstantin Dolgov", "Albert Dayan"} <= speakers
    assert entity_links >= 10
    dolgov = (project / "site" / "entities" / "people" / "konstantin-dolgov.html").read_text(encoding="utf-8")
    assert "Statements" in dolgov and "causes regret" in dolgov
    assert "Statements" in (project / "site" / "entities" / "people" / "albert-dayan.html").read_text(encoding="utf-8")


HREF = re.compile(r'(?:href|xlink:href)="([^"]*)"')
ID = re.compile(r'\sid="([^"]*)"')


def test_every_link_of_the_built_site_reaches_its_page_and_anchor(tmp_path: Path) -> None:
    """MkDocs checks the Markdown links; the finished HTML blocks' links are checked here, with the rest."""
    project = make_project(tmp_path)
    assert _mkdocs_build(project).returncode == 0
    site = project / "site"
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    ids = {p: set(ID.findall(text)) for p, text in pages.items()}
    checked = 0
    for path, text in pages.items():
        for href in HREF.findall(text):
            if not href or re.match(r"[a-z]+:|/|\?", href):  # other sites, and 404.html's root-relative links
                continue
            target, _, anchor = href.partition("#")
            resolved = (path.parent / html.unescape(target)).resolve() if target else path
            assert resolved.exists(), f"{path.relative_to(site)}: {href}: no such file"
            if anchor and resolved.suffix == ".html":
                assert html.unescape(anchor) in ids[resolved], f"{path.relative_to(site)}: {href}: no such anchor"
            checked += 1
    assert checked > 500
