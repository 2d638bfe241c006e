"""Search and reader comforts of the built sample site.

Material's search index must find articles by headline, text and entity names; the
Pagefind switch (`search: pagefind` in site_config/site.yml) must give a chunked index with
filters; pages carry their description, the sitemap, the Atom feed and a print stylesheet.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import make_project

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE_URL = "https://example.org/dossier/"


def _run(cmd: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env)
    return subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=180)


def _set_site_url(project: Path, url: str) -> None:
    """Give the throwaway project a public address (the sitemap needs absolute URLs)."""
    mkdocs_yml = project / "mkdocs.yml"
    lines = [line for line in mkdocs_yml.read_text(encoding="utf-8").splitlines() if not line.startswith("site_url:")]
    mkdocs_yml.write_text("\n".join([f"site_url: {url}", *lines]) + "\n", encoding="utf-8")


def _front_matter(md_path: Path) -> dict[str, object]:
    text = md_path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert match, f"{md_path}: front matter: expected a --- block, found none"
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict)
    return data


def _text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "lxml").get_text(" ").split())


def _heading(soup: BeautifulSoup) -> str:
    h1 = soup.select_one("article h1")
    assert h1 is not None
    for link in h1.select(".headerlink"):
        link.decompose()
    return " ".join(h1.get_text(" ").split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("search"))
    _set_site_url(project, SITE_URL)
    result = _run([sys.executable, "-m", "mkdocs", "build", "-q"], project)
    assert result.returncode == 0, result.stderr
    return project


def _article_pages(site: Path) -> list[Path]:
    pages = sorted(site.glob("articles/**/*.html"))
    assert pages, "no article pages were built"
    return pages


def _entity_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.glob("entities/*/*.html") if not p.name.startswith("index"))


def _search_docs(site: Path) -> dict[str, dict[str, str]]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {doc["location"]: doc for doc in index["docs"]}


def test_material_index_holds_every_headline_and_article_text(built: Path) -> None:
    site = built / "site"
    docs = _search_docs(site)
    for page in _article_pages(site):
        location = page.relative_to(site).as_posix()
        assert location in docs, location
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        assert docs[location]["title"] == _heading(soup)
        indexed = _text(docs[location]["text"])
        for paragraph in soup.select(".dossier-text > p"):
            assert " ".join(paragraph.get_text().split()) in indexed, f"{location}: paragraph not searchable"


def test_material_index_finds_entities_by_name(built: Path) -> None:
    site = built / "site"
    docs = _search_docs(site)
    entity_pages = _entity_pages(site)
    assert entity_pages, "the samples name people, organisations and places with pages of their own"
    for page in entity_pages:
        location = page.relative_to(site).as_posix()
        name = _heading(BeautifulSoup(page.read_text(encoding="utf-8"), "lxml"))
        assert docs[location]["title"] == name
    # An article is found by the names of the people it mentions, not only by their surface form.
    for page in _article_pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        indexed = _text(docs[page.relative_to(site).as_posix()]["text"])
        for link in soup.select("a.dossier-entity"):
            name = str(link.get("title", "")).split(":")[0]
            assert name and name in indexed, f"{page.name}: entity {name!r} not searchable"


def test_pages_carry_their_description(built: Path) -> None:
    site = built / "site"
    for page in _article_pages(site):
        md = built / "docs" / page.relative_to(site).with_suffix(".md")
        wanted = " ".join(str(_front_matter(md)["description"]).split())
        meta = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one('meta[name="description"]')
        assert meta is not None and " ".join(str(meta["content"]).split()) == wanted, page.name
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml").select_one('meta[name="description"]')
    assert home is not None and home["content"] == _front_matter(built / "docs" / "index.md")["description"]


def test_sitemap_lists_every_article(built: Path) -> None:
    site = built / "site"
    root = ET.parse(site / "sitemap.xml").getroot()
    locations = {el.text for el in root.iter(f"{SITEMAP}loc")}
    for page in _article_pages(site):
        assert SITE_URL + page.relative_to(site).as_posix() in locations, page.name


def test_every_page_names_its_canonical_address_and_the_feed(built: Path) -> None:
    site = built / "site"
    pages = sorted(site.rglob("*.html"))
    sitemap = {el.text for el in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")}
    assert not list(ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}lastmod")), "the build date is in the sitemap"
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        feed = soup.select_one('link[rel="alternate"][type="application/atom+xml"]')
        assert feed is not None, f"{page.name}: no link to the feed"
        href = str(feed["href"])
        on_site = site / urlsplit(href).path.removeprefix(urlsplit(SITE_URL).path) if href.startswith("/") else page.parent / href
        assert on_site.resolve() == (site / "feed.xml").resolve(), f"{page.name}: {href}"
        if page.name == "404.html":
            continue
        canonical = soup.select_one('link[rel="canonical"]')
        address = SITE_URL + page.relative_to(site).as_posix()
        assert canonical is not None and canonical["href"] == address, page
        assert address in sitemap, page


def test_one_title_a_page(built: Path) -> None:
    site = built / "site"
    for page in sorted(site.rglob("*.html")):
        title = " ".join(BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").title.get_text().split())  # type: ignore[union-attr]
        parts = title.split(" - ")
        assert len(parts) == len(set(parts)), f"{page.name}: {title!r}"
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml").title
    site_name = re.search(r"^site_name: (.*)$", (built / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert home is not None and site_name is not None
    assert home.get_text().strip() == yaml.safe_load(site_name.group(1))


def test_feed_is_valid_atom_with_every_dated_article(built: Path) -> None:
    site = built / "site"
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for child in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{child}") or "").strip(), child
    entries = feed.findall(f"{ATOM}entry")
    dated = [
        p for p in _article_pages(site) if _front_matter(built / "docs" / p.relative_to(site).with_suffix(".md")).get("date")
    ]
    assert len(entries) == min(len(dated), 50)
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for child in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{child}") or "").strip(), child
        dt.datetime.fromisoformat(str(entry.findtext(f"{ATOM}updated")).replace("Z", "+00:00"))
        link = entry.find(f"{ATOM}link")
        assert link is not None
        href = link.get("href", "")
        assert (site / href.removeprefix(SITE_URL)).is_file() or (site / href).is_file(), href


def test_print_stylesheet_is_linked(built: Path) -> None:
    site = built / "site"
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    sheets = [str(link["href"]) for link in soup.select('link[rel="stylesheet"]') if "assets/dossier" in str(link["href"])]
    assert sheets, "dossier.css is not linked"
    css = (site / sheets[0].split("?")[0]).read_text(encoding="utf-8")
    assert re.search(r"@media\s+print\s*\{", css)


# --- Pagefind -------------------------------------------------------------------------------


def _pagefind_project(tmp: Path) -> Path:
    project = make_project(tmp)
    site_yml = project / "site_config" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    assert re.search(r"^search: auto$", text, re.M), "site.yml: search: expected the default 'auto'"
    site_yml.write_text(re.sub(r"^search: auto$", "search: pagefind", text, flags=re.M), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("pagefind") is None:
        pytest.skip("pagefind is not installed (pip install 'pagefind[bin]==1.5.2', the [pagefind] extra)")
    project = _pagefind_project(tmp_path_factory.mktemp("pagefind"))
    result = _run([sys.executable, "-m", "generator.cli", "build", "-q", "--root", str(project)], project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_pagefind_switch_indexes_every_page_with_a_body(pagefind_site: Path) -> None:
    entry = json.loads((pagefind_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = [p for p in pagefind_site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert len(pages) >= len(_article_pages(pagefind_site))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(pages)
    assert list((pagefind_site / "pagefind").glob("index/*.pf_index"))
    assert not (pagefind_site / "search" / "search_index.json").exists(), "Material's index is built too"


def test_pagefind_ui_replaces_material_search(pagefind_site: Path) -> None:
    soup = BeautifulSoup((pagefind_site / "index.html").read_text(encoding="utf-8"), "lxml")
    scripts = [str(s.get("src", "")) for s in soup.select("script[src]")]
    assert any(src.endswith("pagefind/pagefind-ui.js") for src in scripts)
    assert soup.select_one("#dossier-search") is not None
    assert soup.select_one(".md-search") is None
    for src in scripts:  # every script the page loads is in the site (no CDN)
        if "pagefind" in src:
            assert (pagefind_site / "index.html").parent.joinpath(src).resolve().is_file(), src


def test_pagefind_filters_come_from_the_front_matter(pagefind_site: Path) -> None:
    project = pagefind_site.parent
    for page in _article_pages(pagefind_site):
        meta = _front_matter(project / "docs" / page.relative_to(pagefind_site).with_suffix(".md"))
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        filters = {
            str(el["data-pagefind-filter"]).split("[")[0]: el["data-value"] for el in soup.select("[data-pagefind-filter]")
        }
        assert filters["kind"] == "article"
        assert filters["year"] == (str(meta["date"])[:4] if meta.get("date") else "uncertain")
        if meta.get("agency"):
            assert filters["source"] == meta["agency"]
    for page in _entity_pages(pagefind_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        kinds = [el["data-value"] for el in soup.select('[data-pagefind-filter^="kind"]')]
        assert kinds == [{"people": "person", "organisations": "organisation", "places": "place"}[page.parent.name]]


@pytest.mark.browser
def test_pagefind_ui_finds_articles_and_offers_the_filters(pagefind_site: Path) -> None:
    """In Chromium: a name, filtered to articles, lists them all; the filter counts match the front matter."""
    from tests.test_browser import _sync_playwright, launch_chromium, loopback_context, serve_directory

    project = pagefind_site.parent
    articles = _article_pages(pagefind_site)
    expected = {p.relative_to(pagefind_site).as_posix() for p in articles if "Dolgov" in p.read_text(encoding="utf-8")}
    metas = [_front_matter(project / "docs" / p.relative_to(pagefind_site).with_suffix(".md")) for p in articles]
    base, server = serve_directory(pagefind_site)
    blocked: list[str] = []
    try:
        with _sync_playwright()() as playwright:
            browser = launch_chromium(playwright)
            page = loopback_context(browser, blocked).new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(base + "index.html", wait_until="networkidle")
            page.locator(".pagefind-ui__search-input").press_sequentially("Dolgov", delay=20)
            page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
            page.locator("input.pagefind-ui__filter-checkbox[name='kind'][value='article']").check()
            only_articles = (
                "(n) => { const a = [...document.querySelectorAll('.pagefind-ui__result-link')];"
                " return a.length > 0 && a.every(e => new URL(e.href).pathname.startsWith('/articles/'))"
                " && new Set(a.map(e => new URL(e.href).pathname)).size >= n; }"
            )  # every expected result rendered
            page.wait_for_function(only_articles, arg=len(expected), timeout=15_000)
            hrefs = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")
            filters = page.evaluate(
                "async () => { const pf = await import('./pagefind/pagefind.js'); return await pf.filters(); }"
            )
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert not errors and not blocked, (errors, blocked)
    found = {urlsplit(h).path.removeprefix("/") for h in hrefs}
    assert expected and expected == found, sorted(found)
    assert sum(filters["kind"].values()) >= len(articles) and filters["kind"]["article"] == len(articles)
    years = Counter(str(m["date"])[:4] if m.get("date") else "uncertain" for m in metas)
    assert filters["year"] == dict(years)
    sources = Counter(str(m["agency"]) for m in metas if m.get("agency"))
    assert filters["source"] == dict(sources)


@pytest.mark.browser
def test_pagefind_box_says_how_to_serve_the_folder_from_file_urls(pagefind_site: Path) -> None:
    """From file:// Pagefind cannot fetch its index: the box says so in place, and nothing throws."""
    from tests.test_browser import _sync_playwright, launch_chromium

    with _sync_playwright()() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto((pagefind_site / "index.html").as_uri(), wait_until="load")
        note = page.locator(".dossier-offline-search")
        text = note.inner_text() if note.count() == 1 else ""
        visible = note.count() == 1 and note.is_visible()
        browser.close()
    assert "python3 -m http.server" in text and visible
    assert not errors, errors
