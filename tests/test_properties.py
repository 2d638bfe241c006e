"""Property tests (Hypothesis): whatever text goes in, the same text comes out, never markup.

The renderer's escaping (generator/render/markup.py: md_escape in every Markdown context
the generator uses, annotate for article paragraphs), the plain-text reader, and a whole
article page rendered through Python-Markdown with the extensions of mkdocs.yml. Text is
any Unicode except control characters and surrogates (which are not text), seeded with
the characters and line starts Markdown, HTML and the extensions treat specially.
"""

from __future__ import annotations

import html
import re
from typing import Any

import markdown
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.analysis.analyse import analyse
from generator.config import load_config
from generator.dossier.corpus import build_corpus
from generator.readers import ReadError
from generator.readers.text import read
from generator.render.article import render_article
from generator.render.frontmatter import front_matter
from generator.render.markup import Span, annotate, md_escape
from tests.conftest import ROOT

CONFIG = load_config(ROOT)
TRICKS = [
    "??? note",
    "???+ tip",
    "!!! warning",
    "[TOC]",
    "# ",
    "## ",
    "1. ",
    "2) ",
    "- ",
    "* ",
    "+ ",
    "> ",
    "    ",
    "\t",
    "---",
    "===",
    "***",
    "| a | b |",
    "|---|",
    "{: .x}",
    "{#id}",
    "*x*",
    "_y_",
    "`c`",
    "``",
    "~~s~~",
    "^sup^",
    "[x](javascript:alert(1))",
    "![](http://e.invalid/x.png)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<div markdown="1">',
    "</p>",
    "<!-- c -->",
    "&amp;",
    "&lt;b&gt;",
    "&#60;",
    "&nbsp;",
    "&",
    "<",
    ">",
    '"',
    "'",
    "\\",
    "\\*",
    ":",
    "  \n",
    "\n",
    "\n\n",
    "\u00a0",
    "\u2028",
    "---\ntitle: x\n---",
    "<http://e.invalid>",
    "http://e.invalid/a_b_c",
    "$x$",
    "%",
    "@",
    "term\n: definition",
]
CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(["\n", "\t", " "])
TEXT = st.lists(st.sampled_from(TRICKS) | st.text(CHARACTERS, max_size=12), max_size=12).map("".join)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _tolerant_yaml() -> type[yaml.SafeLoader]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !!python/name: and friends
    return Loader


def mkdocs_markdown() -> markdown.Markdown:
    """Python-Markdown with exactly the extensions (and settings) mkdocs.yml gives MkDocs."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_tolerant_yaml())
    names: list[str] = []
    settings_of: dict[str, Any] = {}
    for item in config.get("markdown_extensions", []):
        if isinstance(item, dict):
            for name, options in item.items():
                names.append(name)
                settings_of[name] = options or {}
        else:
            names.append(item)
    return markdown.Markdown(extensions=names, extension_configs=settings_of)


MD = mkdocs_markdown()


def render(source: str) -> BeautifulSoup:
    MD.reset()
    soup = BeautifulSoup(MD.convert(source), "html.parser")
    for link in soup.select("a.headerlink"):
        link.extract()
    return soup


def norm(text: str) -> str:
    return " ".join(text.split())


def stored_as(stored: str, text: str) -> bool:
    """A front-matter value holds TEXT as it is, or escaped for HTML (themes print it raw), spaces collapsed or not."""
    return stored in (text, html.escape(text), html.escape(norm(text)))


def _tags(soup: BeautifulSoup) -> list[str]:
    return [tag.name for tag in soup.find_all(True)]


# ---------------------------------------------------------------- md_escape in each context


# template, the elements it must give, the element holding the text, words of ours before it
CONTEXTS = {
    "paragraph": ("{}", ["p"], "p", ""),
    "heading": ("# {}", ["h1"], "h1", ""),
    "list item": ("- {}", ["ul", "li"], "li", ""),
    "table cell": (
        "| File | Message |\n|---|---|\n| x | {} |",
        ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"],
        "td:last-child",
        "",
    ),
    "admonition": (
        '!!! abstract "In this article"\n\n    **People:** {}',
        ["div", "p", "p", "strong"],
        "p:last-child",
        "People:",
    ),
    "details": ('??? info "Date"\n\n    - {}', ["details", "summary", "ul", "li"], "li", ""),
}


@SETTINGS
@given(TEXT)
@example("??? note")
@example("[TOC]")
@example("1. The court")
@example("{: #x }")
def test_md_escape_shows_any_text_literally_in_every_context(text: str) -> None:
    for name, (template, tags, holder, ours) in CONTEXTS.items():
        soup = render(template.format(md_escape(text)))
        if not norm(text) and name in ("paragraph", "heading", "list item"):
            continue  # nothing to show: Markdown writes an empty element or none
        assert _tags(soup) == tags, (name, text, str(soup))
        shown = soup.select(holder)[-1].get_text()
        assert norm(shown.removeprefix(ours)) == norm(text), (name, text, str(soup))


@SETTINGS
@given(TEXT, TEXT)
@example("---", "...")
@example("Yes", "2016-11-21")
@example("word " * 2100 + "\n--- next", "null")
def test_front_matter_gives_mkdocs_back_the_same_values(title: str, description: str) -> None:
    meta = {"title": title, "description": description, "date": None, "source_file": f"{title[:20]}.txt"}
    body, read_back = get_data(front_matter(meta) + "# Page\n")
    assert read_back.keys() == meta.keys() and body == "# Page\n"
    for key, value in meta.items():
        assert read_back[key] == value or (key in ("title", "description") and stored_as(read_back[key], value)), key


# ---------------------------------------------------------------- annotate


@st.composite
def annotated(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(TEXT)
    spans = []
    for number in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        spans.append(Span(start, end, f'<span data-n="{number}">', "</span>", draw(st.integers(0, 3))))
    bad = draw(st.lists(st.tuples(st.integers(-5, len(text) + 5), st.integers(-5, len(text) + 5)), max_size=2))
    spans += [Span(a, b, '<span data-n="bad">', "</span>") for a, b in bad]
    return text, spans


@SETTINGS
@given(annotated())
def test_annotate_keeps_the_text_exactly_and_nests_its_spans(case: tuple[str, list[Span]]) -> None:
    text, spans = case
    out = annotate(text, spans)
    assert html.unescape(re.sub(r"<[^<>]*>", "", out)) == text
    depth = 0
    for tag in re.findall(r"</?span[^>]*>", out):
        depth += -1 if tag.startswith("</") else 1
        assert depth >= 0, out
    assert depth == 0, out
    soup = BeautifulSoup(f"<p>{out}</p>", "html.parser")
    assert norm(soup.get_text()) == norm(text)
    assert {t.name for t in soup.find_all(True)} <= {"p", "span"}


# ---------------------------------------------------------------- the text reader and a whole page


LINE = (
    st.lists(st.sampled_from(TRICKS) | st.text(CHARACTERS, min_size=1, max_size=12), min_size=1, max_size=8)
    .map("".join)
    .map(norm)
    .filter(bool)
)
STAMP = re.compile(r"\s*[A-Za-z]{3,9}\.?\s+\d{1,2},\s*(?:19|20)\d\d\b.*")
NEVER_IN_AN_ARTICLE_PAGE = [
    "script",
    "img",
    "iframe",
    "object",
    "embed",
    "style",
    "svg",
    "form",
    "input",
    "ol",
    "blockquote",
    "code",
    "pre",
    "table",
    "hr",
]


def _plain(line: str) -> bool:
    """A line the reader keeps as text: not site furniture, not a page's timestamp line."""
    return not any(p.fullmatch(line.strip()) for p in CONFIG.reader.furniture) and not STAMP.fullmatch(line)


def _words_kept(article: Any) -> list[str]:
    """The article's words; a headline made up from the first words is not counted twice."""
    body = norm(" ".join([article.standfirst, *article.paragraphs])).split()
    made_up = any("no headline" in note for note in article.reader_notes)
    return body if made_up else article.headline.split() + body


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(LINE.filter(_plain), min_size=2, max_size=6))
@example(
    ['Minister: "No" --- # {a: b}', '??? note "x"', "1. The court", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))"]
)
@example(["Yes", "No", "| a | b |", "> quoted"])
@example(["Headline", "MOSCOW, November 21. /TASS/. *Not emphasis* and <b>not bold</b>.", "!!! note"])
def test_a_text_article_page_shows_its_text_exactly_and_no_markup_from_it(lines: list[str]) -> None:
    article = read("\n\n".join(lines) + "\n", "prop.txt", CONFIG.reader)
    assert _words_kept(article) == norm(" ".join(lines)).split()

    corpus = build_corpus([analyse(article, CONFIG)], CONFIG)
    body, meta = get_data(render_article(corpus.articles[0], corpus))  # as MkDocs reads the page
    assert stored_as(meta["title"], article.headline)
    soup = render(body)
    assert norm(soup.find("h1").get_text()) == norm(article.headline)
    shown = [norm(p.get_text()) for p in soup.select(".dossier-standfirst, .dossier-text > p")]
    assert shown == [norm(p) for p in (article.standfirst, *article.paragraphs) if p]
    for container in soup.select(".dossier-standfirst, .dossier-text"):
        for tag in container.find_all(True):
            annotation = tag.name in ("a", "span") and set(tag.get("class", [])) & {
                "dossier-entity",
                "dossier-quote",
                "dossier-speaker",
                "dossier-sic",
            }
            assert tag.name in ("p", "abbr") or annotation, str(tag)
    assert soup.find_all(NEVER_IN_AN_ARTICLE_PAGE) == []
    for tag in soup.find_all(True):
        assert not any(name.lower().startswith("on") for name in tag.attrs), str(tag)


@SETTINGS
@given(st.text(CHARACTERS, max_size=400))
@example("The city council voted on Tuesday to close two of its three public swimming pools next year, it said.\n\nMore.")
@example("Headline\n\nStandfirst\n\nMOSCOW, May 1 – Text.\n\nA chronology follows.\n\nMarch 3, 2021\n\nThe vote.\n")
def test_the_text_reader_keeps_every_word_or_says_why_not(text: str) -> None:
    """Only site furniture, and a timestamp line among the first lines, may be left out."""
    lines = [line for line in text.splitlines() if line.strip()]
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    head = [line for block in blocks[:4] for line in block.splitlines()]  # where a timestamp line may be
    droppable = any(not _plain(line) for line in head) or any(
        any(p.fullmatch(line.strip()) for p in CONFIG.reader.furniture) for line in lines
    )
    try:
        article = read(text, "prop.txt", CONFIG.reader)
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
        assert len(blocks) <= 1 or droppable, f"refused although it has text: {exc}"
        return
    if not droppable:
        assert _words_kept(article) == norm(text).split()
