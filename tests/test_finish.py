"""Finished HTML blocks: the same HTML Python-Markdown makes of the generated lists, or the list left as Markdown."""

from __future__ import annotations

from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.render.finish import finish_text
from generator.render.markup import md_escape
from generator.render.passthrough import BEGIN

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"]


def _html(text: str, passthrough: bool) -> str:
    extensions = (["generator.render.passthrough"] if passthrough else []) + EXTENSIONS
    return markdown.Markdown(extensions=extensions).convert(text)


def _dom(html: str) -> list[Any]:
    """Tags with their attributes, and the text: what a reader's browser builds (.md links as MkDocs writes them)."""
    soup = BeautifulSoup(html, "html.parser")
    tags = []
    for tag in soup.find_all(True):
        attrs = {k: " ".join(v) if isinstance(v, list) else v for k, v in tag.attrs.items()}
        if ".md" in attrs.get("href", ""):
            path, _, anchor = attrs["href"].partition("#")
            attrs["href"] = path[: -len(".md")] + ".html" + (f"#{anchor}" if anchor else "")
        tags.append((tag.name, sorted(attrs.items())))
    return [tags, " ".join(soup.get_text().split())]


HOSTILE = 'A <script>alert(1)</script> & "quotes" *stars* _under_ [x](javascript:y) `tick` \\ back'

LISTS = [
    "- one **bold** and *em* [a link](../b/c.md#p2){ aria-label=\"paragraph 2 of c\" } \\(&#36;1bn\\)",
    "- [Wikipedia](https://en.wikipedia.org/wiki/A_b) · [page](x.md) · & more < less > 1",
    '- <span class="dossier-when" id="e1">1998</span> — text  \n'
    "    <small>source: [S](s.md#p3) (date uncertain)</small>  \n    [I](i.md)",
    f"- {md_escape(HOSTILE)}\n- {md_escape('1.4bn euros (£1m) - C# ++ ! | {x} ~^=')}",
    "- *Statement:* " + md_escape("it will *not* happen [soon]") + " ([¶4](#p4){ aria-label=\"paragraph 4\" })",
    "- `code_with_under` and text",
]


@pytest.mark.parametrize("items", LISTS)
def test_a_finished_list_is_the_html_markdown_makes(items: str) -> None:
    page = f"# Title\n\nIntro.\n\n{items}\n\n## Next\n\nText.\n"
    finished = finish_text(page)
    assert BEGIN in finished, "the list was left as Markdown"
    assert _dom(_html(finished, True)) == _dom(_html(page, False))
    assert _dom(_html(finished, False)) == _dom(_html(page, False)), "without the extension the page is the same"


def test_no_raw_html_from_the_input_reaches_the_page() -> None:
    finished = finish_text(f"Intro.\n\n- {md_escape(HOSTILE)}\n")
    assert BEGIN in finished
    soup = BeautifulSoup(_html(finished, True), "html.parser")
    assert soup.find("script") is None and soup.find("a") is None and soup.find("em") is None
    assert HOSTILE in " ".join(soup.get_text().split())  # shown as written


@pytest.mark.parametrize(
    "page",
    [
        "Intro.\n\n- item\n    - nested item\n",  # a nested list
        "Intro.\n\n- *unbalanced\n",  # an emphasis that does not close
        "Intro.\n- lazy list after a paragraph line\n",  # not a list for Markdown
        "Intro.\n\n- one\n\n- loose list\n",  # items apart: Markdown makes one loose list
        "Intro.\n\n- ![image](a.png)\n",  # an image
        "Intro.\n\n- [W](https://w.org/A_(b))\n",  # parentheses in an address
    ],
)
def test_what_the_pass_does_not_translate_stays_markdown(page: str) -> None:
    finished = finish_text(page)
    assert BEGIN not in finished
    assert finished == page


def test_front_matter_lists_are_left_alone() -> None:
    page = "---\nhide:\n- navigation\n---\n\n# Home\n\n- [a](a.md)\n"
    finished = finish_text(page)
    assert finished.startswith("---\nhide:\n- navigation\n---\n")
    assert '<li><a href="a.html">a</a></li>' in finished
