"""Verbatim text: every source paragraph appears, exactly and in order, on the built page.

Built with `mkdocs build --strict` (the project's mkdocs.yml with strict: true): every
fixture (tests/fixtures/{content,bad,hostile,names}), every article of
../shared/corpora/tass-dev and a fixed 300-article sample of ../shared/corpora/bbc.
A source paragraph is read from the file independently of the generator's readers
(blank-line blocks of text and Markdown, <p> elements of HTML and NITF), whitespace
normalised, and must be found in the page's standfirst and `.dossier-text > p` text in
order; the first block may be the headline (the page's h1) instead. Lines that look like
Markdown or HTML stay plain text: nothing but the generator's own annotations (links,
spans, abbreviations) is markup inside the article text.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from html.entities import html5
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment
from lxml import etree

from generator.config import load_config
from tests.conftest import FIXTURES, ROOT, make_project, shared
from tests.test_bad_input import add_files, article_pages, cli, fixture_files, make_strict, norm

BBC_SAMPLE = 300
BBC_SEED = 20_241_226
FIXTURE_SETS = ("content", "bad", "hostile", "names")

# Encodings of fixtures whose bytes are not UTF-8; how they are decoded is tested in test_bad_input.
KNOWN_BYTES = {
    "cp1251_russian.txt": lambda raw: raw.decode("cp1251"),
    "latin1_pound.txt": lambda raw: raw.decode("cp1252"),
    "nul_bytes.txt": lambda raw: raw.replace(b"\x00", b"").decode("utf-8"),
    "mojibake.txt": lambda raw: _undo_cp1252(raw.decode("utf-8")),
}


def _undo_cp1252(text: str) -> str:
    """UTF-8 that was read as Windows-1252 (its five unused bytes as Latin-1), read again as UTF-8."""
    return b"".join(ch.encode("cp1252") if ord(ch) > 255 else bytes([ord(ch)]) for ch in text).decode("utf-8")


FURNITURE = load_config(ROOT).reader.furniture
TIMESTAMP = re.compile(r"[A-Za-z]{3,9}\.? \d{1,2}, (?:19|20)\d\d(?:,? \d{1,2}:\d\d.*)?")
# Inside the article text only the generator's annotations are markup.
ANNOTATION_TAGS = {"a", "span"}  # with one of the classes below; <abbr title> from the glossary
ANNOTATION_CLASSES = {"dossier-entity", "dossier-quote", "dossier-statement", "dossier-speaker", "dossier-sic"}


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    if path.name in KNOWN_BYTES:
        return KNOWN_BYTES[path.name](raw)
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            return raw.decode(codec)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _blocks(text: str) -> list[str]:
    return [norm(b) for b in re.split(r"\n[ \t\r\f\v]*\n", text.replace("\r\n", "\n").replace("\r", "\n")) if b.strip()]


def _kept(block: str) -> bool:
    """Blocks the text reader rightly drops: site furniture and a page's timestamp line."""
    lines = [line.strip() for line in block.split("\n")]
    return not all(any(p.fullmatch(line) for p in FURNITURE) or TIMESTAMP.fullmatch(line) for line in lines)


def text_paragraphs(path: Path) -> list[str]:
    return [b for b in _blocks(_decode(path)) if _kept(b)]


def markdown_paragraphs(path: Path) -> list[str]:
    text = _decode(path)
    if text.startswith("---\n"):
        text = text[text.index("\n---\n", 4) + 5 :]
    return _blocks(text)


_FURNITURE_CONTAINERS = [
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "nav",
    "header",
    "footer",
    "aside",
    "figure",
    "form",
    "svg",
]
_FURNITURE_CLASS = re.compile(r"cookie|newsletter|share|related|promo|subscribe|advert", re.IGNORECASE)


def html_paragraphs(path: Path) -> list[str]:
    """<p> elements of the article (or of <main>, or of the body) outside page furniture; else <br> lines."""
    soup = BeautifulSoup(_decode(path), "lxml")  # like a browser, it drops a tag cut off by the end of the file
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_FURNITURE_CONTAINERS):
        tag.decompose()
    for tag in soup.find_all(class_=_FURNITURE_CLASS):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    paragraphs = [norm(p.get_text()) for p in root.find_all("p")]
    if paragraphs:
        return [p for p in paragraphs if p]
    holder = max(root.find_all(True), key=lambda t: len(t.find_all("br", recursive=False)))
    for br in holder.find_all("br"):
        br.replace_with("\n")
    return [norm(line) for line in holder.get_text().split("\n") if line.strip()]


def nitf_paragraphs(path: Path) -> list[str]:
    """<p> elements of an NITF body; entity references the file declares itself are not text."""
    text = _decode(path)
    declared = set(re.findall(r"<!ENTITY\s+([\w.-]+)", text))
    text = re.sub(r"<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", "", text, flags=re.DOTALL)

    def entity(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in ("amp", "lt", "gt", "quot", "apos"):
            return match.group(0)
        if name in declared:
            return ""
        return html5.get(f"{name};", "")  # an HTML entity such as &nbsp; is its character

    text = re.sub(r"&([A-Za-z_][\w.-]*);", entity, text)
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    root = etree.fromstring(text.encode("utf-8"), parser)
    return [norm("".join(p.itertext())) for p in root.iter() if isinstance(p.tag, str) and etree.QName(p).localname == "p"]


READERS = {
    ".txt": text_paragraphs,
    ".md": markdown_paragraphs,
    ".html": html_paragraphs,
    ".htm": html_paragraphs,
    ".xml": nitf_paragraphs,
    ".nitf": nitf_paragraphs,
}


@dataclass(frozen=True)
class Shown:
    headline: str
    blocks: list[str]
    stray_markup: list[str]


def shown(html_path: Path) -> Shown:
    """The headline, standfirst and text of a built article page (only its article element is parsed)."""
    raw = html_path.read_text(encoding="utf-8")
    start = raw.index('<article class="md-content__inner')
    soup = BeautifulSoup(raw[start : raw.index("</article>", start) + len("</article>")], "lxml")
    h1 = soup.find("h1")
    for link in h1.select("a.headerlink"):
        link.extract()
    blocks = [norm(p.get_text()) for p in soup.select(".dossier-standfirst")]
    blocks += [norm(p.get_text()) for p in soup.select(".dossier-text > p")]
    stray = []
    for container in soup.select(".dossier-standfirst, .dossier-text"):
        for tag in container.find_all(True):
            paragraph = container.name == "div" and tag.parent is container and tag.name == "p"
            annotation = tag.name == "abbr" or (tag.name in ANNOTATION_TAGS and set(tag.get("class", [])) & ANNOTATION_CLASSES)
            if not (paragraph or annotation):
                stray.append(str(tag)[:120])
    return Shown(norm(h1.get_text()), blocks, stray)


def missing_paragraphs(source: list[str], page: Shown) -> list[str]:
    """Source paragraphs not found, in order, in what the page shows; the first may be the headline."""
    text = " ".join(page.blocks)
    if source and re.sub(r"^#+ ", "", source[0]) == page.headline:
        source = source[1:]
    missing, cursor = [], 0
    for para in source:
        at = text.find(para, cursor)
        if at < 0:
            missing.append(para)
        else:
            cursor = at + len(para)
    return missing


def check_project(project: Path) -> list[str]:
    """Every article page of a built project, against the file it names."""
    failures = []
    for source, pages in sorted(article_pages(project).items()):
        path = project / "content" / source
        page = shown(project / "site" / (pages[0][:-3] + ".html"))
        expected = READERS[path.suffix.lower()](path)
        assert expected, f"{source}: no paragraphs read from the source: the test reads it wrong"
        for para in missing_paragraphs(expected, page):
            failures.append(f"{source}: not shown verbatim: {para[:140]!r}")
        failures += [f"{source}: markup in the article text: {tag}" for tag in page.stray_markup]
    return failures


def build_strict(project: Path) -> None:
    make_strict(project)
    result = cli(project, "build", "-q")
    assert result.returncode in (0, 1), result.stderr
    assert "Aborted" not in result.stderr and "WARNING" not in result.stderr, result.stderr


@pytest.fixture(scope="module")
def fixtures_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("fixtures"))
    for folder in FIXTURE_SETS:
        add_files(project, folder, fixture_files(FIXTURES / folder))
    build_strict(project)
    return project


def test_every_fixture_paragraph_is_shown_verbatim_and_in_order(fixtures_site: Path) -> None:
    pages = article_pages(fixtures_site)
    assert len(pages) >= 30
    assert check_project(fixtures_site) == []


def test_markdown_lookalike_lines_stay_plain_text(fixtures_site: Path) -> None:
    page = article_pages(fixtures_site)["hostile/markdown_lookalikes.txt"][0]
    raw = (fixtures_site / "site" / (page[:-3] + ".html")).read_text(encoding="utf-8")
    soup = BeautifulSoup(raw, "lxml")
    text = soup.select_one(".dossier-text")
    assert text is not None
    assert not text.find_all(["ol", "ul", "li", "h1", "h2", "h3", "blockquote", "em", "strong", "code", "table", "img", "hr"])
    shown_text = [norm(p.get_text()) for p in text.find_all("p")]
    for line in (
        "1. The court was half empty",
        "# 1 seed falls",
        "> quoted from the winner",
        "- item one of",
        "*stars* and _under_",
        "`code` in backticks",
        "| a | b |",
    ):
        assert any(p.startswith(line) or line in p for p in shown_text), line


def test_tass_dev_is_shown_verbatim_with_a_strict_build(tmp_path: Path) -> None:
    corpus = shared("corpora", "tass-dev")
    project = make_project(tmp_path, content=corpus)  # the .txt stories and the scraper's .json/.csv
    for other in (project / "content").iterdir():
        if other.suffix != ".txt":
            other.unlink()
    build_strict(project)
    assert len(article_pages(project)) == len(list(corpus.glob("*.txt")))
    assert check_project(project) == []


@pytest.mark.slow
def test_bbc_sample_is_shown_verbatim_with_a_strict_build(tmp_path: Path) -> None:
    corpus = shared("corpora", "bbc")
    files = sorted(corpus.glob("*/*.txt"))
    sample = random.Random(BBC_SEED).sample(files, BBC_SAMPLE)
    project = make_project(tmp_path, content=tmp_path)  # tmp_path holds no files: no seeds
    for path in sample:
        folder = project / "content" / path.parent.name
        folder.mkdir(exist_ok=True)
        shutil.copyfile(path, folder / path.name)
    build_strict(project)
    assert len(article_pages(project)) == BBC_SAMPLE
    assert check_project(project) == []
