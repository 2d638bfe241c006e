"""Hostile content never executes: every page of a site built with hostile inputs is checked.

The hostile fixtures (tests/fixtures/hostile: HTML with <script>, on*= handlers,
javascript: and data: links, <iframe>, <style>, SVG with script; plain text with HTML
tags and Markdown links and images) and tests/fixtures/names/html_headline.txt (a
headline and standfirst written as HTML) are built with the seeds. Then EVERY page of
site/ is parsed and compared with a build of the seeds alone: only what Material itself
puts on every page (its scripts under assets/, its inline config) may be active; the
hostile text must be visible as text instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import FIXTURES, make_project
from tests.test_bad_input import add_files, article_pages, body_blocks, cli, fixture_files, heading, make_strict, norm, site_page

HOSTILE = fixture_files(FIXTURES / "hostile") + [FIXTURES / "names" / "html_headline.txt"]

# Elements that run code, load other documents or change how the page is read.
ACTIVE = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "link", "meta", "form", "portal"}
)
# Elements Material never puts inside the article area, and content must not bring in.
NOT_IN_CONTENT = ACTIVE | {
    "img",
    "svg",
    "math",
    "video",
    "audio",
    "source",
    "track",
    "picture",
    "canvas",
    "input",
    "button",
    "textarea",
    "select",
    "template",
    "noscript",
}
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "data",
        "poster",
        "srcset",
        "xlink:href",
        "background",
        "cite",
        "longdesc",
        "manifest",
        "ping",
        "codebase",
        "lowsrc",
        "dynsrc",
    }
)
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


def _relative_root(text: str) -> str:
    """Remove what differs only by a page's depth: '../../assets/x' and '/assets/x' -> 'assets/x'."""
    text = re.sub(r'"(?:\.\.(?:/\.\.)*|\.|/)"', '"ROOT"', text)
    text = re.sub(r"(?:\.\./)+", "", text)
    return re.sub(r"(^|[\"'(])/(?=assets/)", r"\1", text)


def signature(tag: Tag) -> tuple[str, ...]:
    """An active element as it appears whatever page it is on."""
    attrs = []
    for name, value in sorted(tag.attrs.items()):
        value = " ".join(value) if isinstance(value, list) else str(value)
        if tag.name == "meta" and name == "content":
            continue  # the description's text varies; its markup cannot run (checked apart)
        if tag.name == "link" and name == "href" and "rel" in tag.attrs and set(tag["rel"]) & {"prev", "next"}:
            value = "NEIGHBOUR"
        attrs.append(f"{name}={_relative_root(value)}")
    return (tag.name, *attrs, _relative_root(tag.get_text()))


def _url_is_bad(value: str) -> bool:
    squeezed = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()  # browsers ignore these inside a scheme
    return squeezed.startswith(BAD_SCHEMES)


def dangers(root: Tag, known: set[tuple[str, ...]] | None, where: str) -> list[str]:
    """What in ROOT could run or load something; active elements in KNOWN are the theme's own."""
    found = []
    for tag in root.find_all(True):
        for name, value in tag.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"{where}: <{tag.name} {name}=…>")
            values = value if isinstance(value, list) else [value]
            if name.lower() in URL_ATTRIBUTES and any(_url_is_bad(str(v)) for v in values):
                found.append(f"{where}: <{tag.name} {name}={value!r}>")
            if name.lower() == "style" and re.search(r"url\s*\(|expression\s*\(|javascript:", str(value), re.IGNORECASE):
                found.append(f"{where}: <{tag.name} style={value!r}>")
        if tag.name == "meta" and tag.get("http-equiv", "").lower() == "refresh":
            found.append(f"{where}: <meta http-equiv=refresh>")
        if tag.name in ACTIVE and (known is None or signature(tag) not in known):
            found.append(f"{where}: {str(tag)[:160]}")
    return found


# The co-occurrence picture the generator draws (generator/render/network.py): an <svg> only in
# its own figure, holding only these drawing elements. Input cannot set a class, so it cannot
# forge the figure; anything else inside it is still reported.
NETWORK_SVG = frozenset({"svg", "a", "g", "path", "circle", "text", "tspan"})


def _active_in_content(content: Tag) -> list[Tag]:
    found = []
    for tag in content.find_all(NOT_IN_CONTENT):
        figure = tag.find_parent("figure", class_="dossier-network")
        drawing = tag.name == "svg" and figure is not None and tag.parent is figure
        if not (drawing and all(t.name in NETWORK_SVG for t in tag.find_all(True))):
            found.append(tag)
    return found


@dataclass(frozen=True)
class Sites:
    clean: Path
    hostile: Path


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    clean = make_project(tmp_path_factory.mktemp("clean"))
    hostile = make_project(tmp_path_factory.mktemp("hostile"))
    add_files(hostile, "hostile", HOSTILE)
    for project in (clean, hostile):
        make_strict(project)
        result = cli(project, "build", "-q")
        assert result.returncode == 0, result.stderr
    return Sites(clean, hostile)


def _pages(project: Path) -> list[Path]:
    return sorted((project / "site").rglob("*.html"))


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.fixture(scope="module")
def theme_elements(sites: Sites) -> set[tuple[str, ...]]:
    """The active elements of the seeds-only site: Material's scripts, styles, forms and metadata."""
    known: set[tuple[str, ...]] = set()
    for path in _pages(sites.clean):
        soup = _soup(path)
        for tag in soup.find_all(ACTIVE):
            known.add(signature(tag))
        # The rule below is precise only if the theme itself has none of these.
        assert dangers(soup, known, path.name) == []
        content = soup.select_one(".md-content")
        assert content is None or not _active_in_content(content), path
    scripts = [s for s in known if s[0] == "script"]
    assert scripts, "the clean site has no scripts at all: is this still Material?"
    for sig in scripts:
        attrs = dict(a.split("=", 1) for a in sig[1:-1])
        assert attrs.get("src", "assets/").startswith("assets/"), f"a theme script from outside assets/: {sig}"
    return known


def test_the_hostile_files_were_all_built(sites: Sites) -> None:
    pages = article_pages(sites.hostile)
    for path in HOSTILE:
        assert f"hostile/{path.name}" in pages, f"{path.name} has no page"


def test_no_page_runs_or_loads_anything_that_came_from_content(sites: Sites, theme_elements: set[tuple[str, ...]]) -> None:
    found: list[str] = []
    pages = _pages(sites.hostile)
    assert len(pages) > len(_pages(sites.clean))
    for path in pages:
        raw = path.read_text(encoding="utf-8")
        where = path.relative_to(sites.hostile / "site").as_posix()
        soup = BeautifulSoup(raw, "lxml")
        found += dangers(soup, theme_elements, where)
        content = soup.select_one(".md-content")
        if content is not None:
            found += [f"{where}: <{t.name}> in the article area" for t in _active_in_content(content)]
        titles = re.findall(r"<title>(.*?)</title>", raw, re.DOTALL)
        assert len(titles) == 1, where
        if "<" in titles[0]:
            found.append(f"{where}: markup in <title>: {titles[0][:120]!r}")
    assert found == [], "\n".join(found)


def test_search_index_holds_no_markup_from_content(sites: Sites) -> None:
    """Material shows search results as HTML: titles and texts may only hold its own harmless tags."""
    index = json.loads((sites.hostile / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = []
    for doc in index["docs"]:
        for field in ("title", "text"):
            fragment = BeautifulSoup(doc[field], "html.parser")
            found += dangers(fragment, None, f"{doc['location']} {field}")
            found += [f"{doc['location']} {field}: <{t.name}>" for t in fragment.find_all(NOT_IN_CONTENT)]
    assert found == [], "\n".join(found)
    assert any("<img src=x onerror=alert(1)>" in BeautifulSoup(d["text"], "html.parser").get_text() for d in index["docs"])


def test_feed_is_well_formed_and_plain_text(sites: Sites) -> None:
    feed = sites.hostile / "site" / "feed.xml"
    assert feed.exists(), "every build writes an Atom feed"
    root = ElementTree.parse(feed).getroot()
    ns = "{http://www.w3.org/2005/Atom}"
    for entry in root.iter(f"{ns}entry"):
        for field in ("title", "summary", "content"):
            element = entry.find(f"{ns}{field}")
            if element is None:
                continue
            assert element.get("type", "text") == "text", f"{field} is {element.get('type')}: a reader would render it"
            assert len(element) == 0
        link = entry.find(f"{ns}link")
        assert link is not None and not _url_is_bad(link.get("href", ""))


def _page_for(sites: Sites, name: str) -> BeautifulSoup:
    return site_page(sites.hostile, article_pages(sites.hostile)[f"hostile/{name}"][0])


@pytest.mark.parametrize(
    ("name", "visible"),
    [
        (
            "hostile.txt",
            [
                "<img src=x onerror=alert(1)>",
                "<script>alert(1)</script>",
                "[x](javascript:alert(1))",
                "![](http://example.invalid/x.png)",
            ],
        ),
        ("hostile.html", ["<script>alert(1)</script>", "the council's statement"]),
        ("html_headline.txt", ["</div></p><script>alert(4)</script> and &amp; and &lt;b&gt; as written."]),
    ],
)
def test_hostile_text_is_shown_as_text(sites: Sites, name: str, visible: list[str]) -> None:
    text = " ".join(body_blocks(_page_for(sites, name)))
    for snippet in visible:
        assert snippet in text, f"{snippet!r} is not shown on the page of {name}"


def test_hostile_html_loses_its_code_but_keeps_its_words(sites: Sites) -> None:
    soup = _page_for(sites, "hostile.html")
    assert heading(soup) == "Council website hit by script attack"
    page = soup.get_text(" ")
    for never in (
        "alert(5)",
        "alert(6)",
        "alert(7)",
        "alert(9)",
        "alert(10)",
        "alert(11)",
        "alert(12)",
        "evil.invalid",
        "stolen=",
        "Frame fallback",
    ):
        assert never not in page, never


def test_a_headline_written_as_html_is_text_in_title_header_and_description(sites: Sites) -> None:
    source = (FIXTURES / "names" / "html_headline.txt").read_text(encoding="utf-8").split("\n\n")
    headline, standfirst = norm(source[0]), norm(source[1])
    soup = _page_for(sites, "html_headline.txt")
    assert heading(soup) == headline
    assert norm(soup.title.get_text()).startswith(headline)
    topic = soup.select('[data-md-component="header-topic"]')
    assert topic and norm(topic[-1].get_text()) == headline
    description = soup.find("meta", attrs={"name": "description"})
    assert description is not None and norm(description["content"]) == standfirst
    assert body_blocks(soup)[0] == standfirst
