"""The built site in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

One site is built per module (the samples plus hostile files), served on a free loopback port,
and every request to anywhere else is blocked and recorded. A fresh browser context per test;
the browser is launched once with `launch()`, which gives it a new temporary profile
(user-data dir) that Playwright deletes on close. Screenshots go to tests/output/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import ROOT, make_project

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "tests" / "output" / "screenshots"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

# Hostile input, written at test time: markup in a wire story, in Markdown front matter, in a
# saved web page, and in a file name (an empty file, so it is listed on the Problems page).
HOSTILE = {
    "hostile-wire.txt": (
        "Ministry says <script>alert(1)</script> string found in old files\n\n"
        'A claim that <img src=x onerror=alert(1)> ran on its pages was dismissed as "><script>alert(2)</script> nonsense.\n\n'
        "MOSCOW, March 5. /TASS/. The ministry said the string <script>alert(1)</script> had been found "
        "in an old database and removed, its press office told TASS.\n\n"
        '"Nothing like <img src=x onerror=alert(1)> will run on our pages," a spokesman said.\n'
    ),
    "hostile-note.md": (
        '---\ntitle: "Markup note <script>alert(1)</script>"\ndescription: "<img src=x onerror=alert(1)>"\n---\n\n'
        "MOSCOW, March 6. /TASS/. A note with <script>alert(1)</script> and <img src=x onerror=alert(1)> "
        "and a [link](javascript:alert(1)) was filed.\n\n"
        "A second paragraph with <b onmouseover=alert(1)>markup</b> that must stay text.\n"
    ),
    "hostile-page.html": (
        "<!doctype html><html><head><title>Saved page &lt;script&gt;alert(1)&lt;/script&gt;</title>"
        '<script>alert(1)</script></head><body onload="alert(1)">'
        "<h1>Saved page &lt;img src=x onerror=alert(1)&gt; headline</h1>"
        "<p>MOSCOW, March 7. /TASS/. The body holds <img src=x onerror=alert(1)> an image and "
        "&lt;script&gt;alert(1)&lt;/script&gt; as text.</p>"
        '<p>Another paragraph <script>alert(1)</script> with a <a href="javascript:alert(1)">link</a>.</p></body></html>'
    ),
    "<img src=x onerror=alert(1)>.txt": "",
}


def launch_chromium(playwright: Any) -> Any:
    """Debian's chromium, no download; skip when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (`make browser`, or apt-get install chromium chromium-driver)")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the stdlib's name)
        return


@functools.cache
def _sync_playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (the [test] extra)")
    return sync_playwright


def serve_directory(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """A static server on a free 127.0.0.1 port, in a daemon thread."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def loopback_context(browser: Any, blocked: list[str], **options: Any) -> Any:
    """A fresh context in which every request not to 127.0.0.1 is aborted and recorded."""
    context = browser.new_context(**options)

    def route(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", route)
    return context


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("browser"))
    for name, text in HOSTILE.items():
        (project / "content" / name).write_text(text, encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    url, server = serve_directory(site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(site: Path) -> Iterator[Any]:
    with _sync_playwright()() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def blocked() -> Iterator[list[str]]:
    urls: list[str] = []
    yield urls
    assert not urls, f"requests left the machine: {urls[:5]}"


@pytest.fixture
def page(browser: Any, blocked: list[str]) -> Iterator[Any]:
    context = loopback_context(browser, blocked, viewport=DESKTOP)
    yield context.new_page()
    context.close()


def _screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def _pages_with(site: Path, folder: str, text: str) -> list[str]:
    """Site-relative addresses of the built pages under folder whose source contains text."""
    return sorted(
        p.relative_to(site).as_posix() for p in site.glob(f"{folder}/**/*.html") if text in p.read_text(encoding="utf-8")
    )


def _sample_articles(site: Path) -> list[str]:
    pages = [page for source in sorted((ROOT / "content").glob("*.txt")) for page in _pages_with(site, "articles", source.name)]
    assert len(pages) == len(list((ROOT / "content").glob("*.txt"))), "a sample article page is missing"
    return pages


def _errors(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    return errors


def test_home_renders_without_console_errors(page: Any, base_url: str) -> None:
    errors = _errors(page)
    response = page.goto(base_url + "index.html", wait_until="networkidle")
    assert response is not None and response.ok
    assert page.locator("article h1").first.is_visible()
    assert page.locator("article a[href]").count() > 0
    _screenshot(page, "home")
    assert not errors, errors


def _search(page: Any, query: str) -> None:
    """Type into Material's search box (behind a button on narrow screens) and wait for results."""
    button = page.locator("label.md-header__button[for='__search']")
    if button.is_visible():
        button.click()
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)


def test_search_lists_both_sample_articles(page: Any, base_url: str, site: Path) -> None:
    expected = {p for p in _sample_articles(site) if "Dolgov" in (site / p).read_text(encoding="utf-8")}
    assert len(expected) == 2, "both samples name Dolgov"
    page.goto(base_url + "index.html", wait_until="networkidle")
    _search(page, "Dolgov")
    hrefs = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)")
    found = {urlsplit(urljoin(base_url, h)).path.removeprefix("/") for h in hrefs}
    assert expected <= found, f"search results: {sorted(found)}"


def test_entity_link_reaches_the_entity_page_and_back(page: Any, base_url: str, site: Path) -> None:
    article = base_url + _sample_articles(site)[0]
    page.goto(article, wait_until="domcontentloaded")
    _screenshot(page, "article")
    links = page.locator(".dossier-text a.dossier-entity, .dossier-standfirst a.dossier-entity")
    if links.count() == 0:
        pytest.skip("the sample articles have no entity links yet")
    link = links.first
    # The title as built (Material's instant preview removes it from the live page).
    built = site / _sample_articles(site)[0]
    href = str(link.get_attribute("href"))
    titles = re.findall(
        rf'<a class="dossier-entity" href="{re.escape(href)}"[^>]*title="([^"]*)"', built.read_text(encoding="utf-8")
    )
    assert titles, href
    name = html.unescape(titles[0]).split(":")[0]
    target = urljoin(article, str(link.get_attribute("href")))
    link.click()
    page.wait_for_url(target)
    heading = page.locator("article h1").first.inner_text()
    assert heading.replace("¶", "").strip() == name
    _screenshot(page, "entity")
    page.go_back(wait_until="domcontentloaded")
    assert page.url == article


def _earliest(label: str) -> dt.date:
    """'2008', 'April 2012', '8 February 2012' -> the first day the label can mean."""
    label = " ".join(label.split())
    for fmt in ("%d %B %Y", "%B %Y", "%Y"):
        try:
            return dt.datetime.strptime(label, fmt).date()
        except ValueError:
            continue
    raise AssertionError(f"timeline: date label: expected '8 February 2012', 'February 2012' or '2012', found {label!r}")


def test_timeline_entries_are_in_date_order(page: Any, base_url: str) -> None:
    page.goto(base_url + "timeline.html", wait_until="domcontentloaded")
    labels = page.locator(".dossier-when").all_inner_texts()
    if not labels:
        pytest.skip("the sample dossier has no timeline entries yet")
    dates = [_earliest(label) for label in labels]
    assert dates == sorted(dates), list(zip(labels, dates, strict=True))
    page.locator(".dossier-when").first.scroll_into_view_if_needed()
    _screenshot(page, "timeline")


def test_palette_toggle_switches_light_and_dark(page: Any, base_url: str) -> None:
    page.goto(base_url + "index.html", wait_until="domcontentloaded")
    before = page.get_attribute("body", "data-md-color-scheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    after = page.get_attribute("body", "data-md-color-scheme")
    assert {before, after} == {"default", "slate"}
    page.reload(wait_until="domcontentloaded")  # the choice is remembered
    assert page.get_attribute("body", "data-md-color-scheme") == after


def test_layout_holds_at_phone_width(browser: Any, base_url: str, site: Path, blocked: list[str]) -> None:
    context = loopback_context(browser, blocked, viewport=PHONE, is_mobile=True, has_touch=True)
    phone = context.new_page()
    entity_pages = sorted(p.relative_to(site).as_posix() for p in site.glob("entities/*/*.html"))
    pages = ["index.html", "timeline.html", "archive/index.html", "quotes.html", _sample_articles(site)[0], *entity_pages[:1]]
    try:
        for address in pages:
            phone.goto(base_url + address, wait_until="domcontentloaded")
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"] + 1, f"{address}: {width} px wide at a {PHONE['width']} px screen"
        phone.goto(base_url + _sample_articles(site)[0], wait_until="domcontentloaded")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(SCREENSHOTS / "article-phone.png"))
    finally:
        context.close()


def test_hostile_pages_raise_no_dialog(page: Any, base_url: str, site: Path) -> None:
    dialogs: list[str] = []
    where = {"page": ""}
    page.on("dialog", lambda dialog: (dialogs.append(f"{where['page']}: alert({dialog.message})"), dialog.dismiss()))
    hostile = [p for name in HOSTILE if name.startswith("hostile-") for p in _pages_with(site, "articles", name)]
    assert len(hostile) == 3, f"the hostile articles were not all built: {hostile}"
    for address in [*hostile, "index.html", "archive/index.html", "archive/undated.html", "problems.html", "timeline.html"]:
        if (site / address).exists():
            where["page"] = address
            page.goto(base_url + address, wait_until="load")
            for link in page.locator("a.dossier-entity, article a[href^='javascript:']").all()[:3]:
                link.hover()
    where["page"] = f"{hostile[0]} (search)"
    page.goto(base_url + hostile[0], wait_until="load")
    assert "<script>alert(1)</script>" in page.locator("article").inner_text(), "the markup is not shown as text"
    _search(page, "onerror")
    page.wait_for_timeout(300)
    assert page.locator("img[src='x']").count() == 0
    assert not dialogs, dialogs


@pytest.fixture(scope="module", autouse=True)
def _fresh_screenshots() -> None:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
