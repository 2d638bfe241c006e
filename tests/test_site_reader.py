"""The published site as a reader meets it, in Chromium: under a GitHub Pages project sub-path,
accessible (axe-core, light and dark), readable from file://, with previews, search and networks.

One site is built with ``SITE_URL=http://127.0.0.1:<port>/dossier/`` and the parent folder is
served on that port, exactly as GitHub Pages serves a project site under ``/<repo>/``.
axe-core 4.14.1 comes from the npm registry (`npm pack`), cached in .cache/axe-core/; without npm
or the registry the axe tests skip and say why. Screenshots go to tests/output/reader/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT, make_project
from tests.test_browser import DESKTOP, PHONE, _sync_playwright, launch_chromium, loopback_context, serve_directory

pytestmark = pytest.mark.browser

AXE_VERSION = "4.14.1"
AXE_CACHE = ROOT / ".cache" / "axe-core"
SUB = "dossier"
SCREENSHOTS = ROOT / "tests" / "output" / "reader"
# Written here for these tests (not from any corpus): an inflected form to find by its noun.
EXTRA = {
    "extradition-note.txt": (
        "Court hears appeal in courier case\n\n"
        "The courier's lawyers asked the court to review the ruling.\n\n"
        "MOSCOW, March 3. /TASS/. A courier was extradited to Portugal last year, "
        "his lawyers said on Tuesday, and the appeal will be heard in May.\n"
    ),
}


def axe_script() -> str:
    """axe.min.js of AXE_VERSION, fetched once with `npm pack` (the registry's checksum is verified)."""
    target = AXE_CACHE / AXE_VERSION / "axe.min.js"
    if target.is_file():
        return target.read_text(encoding="utf-8")
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip(f"axe-core {AXE_VERSION} is not cached in {target.parent} and npm is not installed to fetch it")
    target.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [npm, "pack", f"axe-core@{AXE_VERSION}", "--silent", "--pack-destination", str(target.parent)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    tarball = target.parent / f"axe-core-{AXE_VERSION}.tgz"
    if result.returncode != 0 or not tarball.is_file():
        pytest.skip(f"axe-core {AXE_VERSION} could not be fetched from the npm registry: {result.stderr.strip()[:200]}")
    with tarfile.open(tarball) as archive:
        member = archive.extractfile("package/axe.min.js")
        assert member is not None, f"{tarball}: package/axe.min.js: expected a file, found none"
        target.write_bytes(member.read())
    tarball.unlink()
    return target.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(the site's address under the sub-path, the built site folder)."""
    tmp = tmp_path_factory.mktemp("reader")
    project = make_project(tmp)
    for name, text in EXTRA.items():
        (project / "content" / name).write_text(text, encoding="utf-8")
    public = tmp / "public"
    public.mkdir()
    root_url, server = serve_directory(public)
    site_url = f"{root_url}{SUB}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(public / SUB)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    yield site_url, public / SUB
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(served: tuple[str, Path]) -> Iterator[Any]:
    with _sync_playwright()() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


def _kinds(site: Path) -> dict[str, str]:
    """One page of each kind: home, article, entity, timeline, indexes, quotes, 404."""
    article = sorted(site.glob("articles/**/*.html"))[0]
    entity = sorted(p for p in site.glob("entities/people/*.html") if not p.name.startswith("index"))[0]
    pages = {
        "home": "index.html",
        "article": article.relative_to(site).as_posix(),
        "entity": entity.relative_to(site).as_posix(),
        "timeline": "timeline.html",
        "people-and-places": "entities/index.html",
        "people": "entities/people/index.html",
        "archive": "archive/index.html",
        "quotes": "quotes.html",
        "sources": "sources/index.html",
        "404": "404.html",
    }
    return pages


def test_subpath_pages_load_every_request(browser: Any, served: tuple[str, Path]) -> None:
    """404.html, an article and the feed under /dossier/: every request answered, none outside."""
    site_url, site = served
    blocked: list[str] = []
    context = loopback_context(browser, blocked, viewport=DESKTOP)
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    try:
        for address in ("404.html", _kinds(site)["article"], "feed.xml"):
            page.goto(site_url + address, wait_until="networkidle")
            if address.endswith(".html"):
                sheets = page.evaluate("[...document.styleSheets].filter(s => s.href).length")
                assert sheets >= 2, f"{address}: stylesheets not loaded"
                tabs = page.eval_on_selector_all(".md-tabs__link", "els => els.map(e => e.href)")
                assert tabs and all(urlsplit(t).path.startswith(f"/{SUB}/") for t in tabs), (
                    f"{address}: tabs leave the site: {tabs}"
                )
    finally:
        context.close()
    assert not failed and not blocked, (failed, blocked)


def _axe(page: Any, script: str) -> list[dict[str, Any]]:
    page.add_script_tag(content=script)
    return page.evaluate(  # type: ignore[no-any-return]
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violation(browser: Any, served: tuple[str, Path], scheme: str) -> None:
    script = axe_script()
    site_url, site = served
    blocked: list[str] = []
    context = loopback_context(browser, blocked, viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    found = []
    try:
        for kind, address in _kinds(site).items():
            page.goto(site_url + address, wait_until="load")
            expected = "slate" if scheme == "dark" else "default"
            assert page.get_attribute("body", "data-md-color-scheme") == expected, f"{kind}: not in {scheme} mode"
            found += [(kind, v) for v in _axe(page, script) if v["impact"] in ("serious", "critical")]
    finally:
        context.close()
    assert not found, found
    assert not blocked, blocked


def test_file_url_search_says_how_to_serve(browser: Any, served: tuple[str, Path]) -> None:
    """From file:// the search box is replaced by a note on serving the folder, with no console error."""
    _, site = served
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto((site / _kinds(site)["article"]).as_uri(), wait_until="load")
        note = page.locator(".dossier-offline-search")
        assert note.count() == 1
        assert "python3 -m http.server" in note.inner_text()
        assert note.is_visible()
        assert page.locator("input.md-search__input").count() == 0
    finally:
        context.close()
    # Material itself still asks for sitemap.xml (for previews), which file:// refuses: theme-owned.
    assert not [e for e in errors if "sitemap.xml" not in e and "net::ERR_FAILED" not in e], errors


def _search(page: Any, query: str) -> list[str]:
    """Material's search: the result pages' addresses, best first."""
    button = page.locator("label.md-header__button[for='__search']")
    if button.is_visible():
        button.click()
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    page.wait_for_timeout(400)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)")
    return [urlsplit(h).path.split(f"/{SUB}/", 1)[1] for h in hrefs]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    blocked: list[str] = []
    context = loopback_context(browser, blocked, viewport=DESKTOP)
    yield context.new_page()
    context.close()
    assert not blocked, blocked


def test_search_lists_articles_first_and_not_every_entity_page(page: Any, served: tuple[str, Path]) -> None:
    site_url, site = served
    page.goto(site_url + "index.html", wait_until="networkidle")
    found = _search(page, "Dolgov")
    articles = {
        p.relative_to(site).as_posix() for p in site.glob("articles/**/*.html") if "Dolgov" in p.read_text(encoding="utf-8")
    }
    assert len(articles) == 2
    assert set(found[: len(articles)]) == articles, found
    # Entity pages that only quote the word in context are not listed; lists of names may be.
    entity_pages = [f for f in found if f.startswith("entities/") and not f.endswith("index.html")]
    assert entity_pages == ["entities/people/konstantin-dolgov.html"], found


def test_search_finds_inflected_forms_and_sic_words_under_their_correction(page: Any, served: tuple[str, Path]) -> None:
    site_url, site = served
    page.goto(site_url + "index.html", wait_until="networkidle")
    extradited = [
        p.relative_to(site).as_posix()
        for p in site.glob("articles/**/*.html")
        if "courier was extradited" in p.read_text(encoding="utf-8")
    ]
    assert len(extradited) == 1
    assert extradited[0] in _search(page, "extradition")
    sic = [
        p.relative_to(site).as_posix() for p in site.glob("articles/**/*.html") if "dossier-sic" in p.read_text(encoding="utf-8")
    ]
    if not sic:
        pytest.skip("no [sic] word in the sample dossier")
    page.reload(wait_until="networkidle")
    assert sic[0] in _search(page, "unfavorable")


def test_hovering_an_entity_link_shows_its_page_head(page: Any, served: tuple[str, Path]) -> None:
    site_url, site = served
    page.goto(site_url + _kinds(site)["article"], wait_until="networkidle")
    link = page.locator(".dossier-text a.dossier-entity").first
    name = str(link.get_attribute("title") or link.inner_text()).split(":")[0]
    box = link.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] - 50, box["y"] - 50)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=10)
    preview = page.locator(".md-tooltip2 article, .md-tooltip2 .md-typeset").first
    preview.wait_for(state="visible", timeout=10_000)
    assert name in preview.inner_text()
    assert "Appears alongside" not in preview.inner_text(), "the preview runs past the head of the page"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(600)  # the preview fades in
    page.screenshot(path=str(SCREENSHOTS / "hover-preview.png"))


def test_network_pictures_link_entities_and_fit_a_phone(browser: Any, served: tuple[str, Path]) -> None:
    site_url, site = served
    blocked: list[str] = []
    context = loopback_context(browser, blocked, viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False)
    page = context.new_page()
    try:
        for name, address in (("dossier", "entities/index.html"), ("entity", _kinds(site)["entity"])):
            page.goto(site_url + address, wait_until="load")
            figure = page.locator("figure.dossier-network svg")
            assert figure.count() == 1, f"{address}: no network picture"
            box = figure.bounding_box()
            assert box is not None and box["width"] <= PHONE["width"], box
            font = page.evaluate(
                "() => { const t = document.querySelector('.dossier-net text'); return t.getBoundingClientRect().height; }"
            )
            assert font >= 10, f"{address}: labels {font:.1f} px high at 375 px"
            hrefs = page.eval_on_selector_all("a.dossier-net-node", "els => els.map(e => e.getAttribute('xlink:href'))")
            assert len(hrefs) >= 2
            for href in hrefs:
                assert (site / address).parent.joinpath(href).resolve().is_file(), href
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            figure.screenshot(path=str(SCREENSHOTS / f"network-{name}-phone.png"))
    finally:
        context.close()
    assert not blocked, blocked
