"""The passthrough extension's own placeholders give, byte for byte, the page Python-Markdown's
raw HTML stash gives: the marked block stored with ``htmlStash.store`` is the specification."""

from __future__ import annotations

from typing import Any

import markdown
import pytest
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from generator.render.passthrough import BEGIN, END

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"]
CONFIGS = {"toc": {"permalink": True}}


class _StashStore(Preprocessor):
    """The plain way: each marked block in Python-Markdown's own stash."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(lines):
            if lines[i] != BEGIN or END not in lines[i + 1 :]:
                out.append(lines[i])
                i += 1
                continue
            end = lines.index(END, i + 1)
            out += ["", self.md.htmlStash.store("\n".join(lines[i + 1 : end])), ""]
            i = end + 1
        return out


class _StashExtension(Extension):
    def extendMarkdown(self, md: Any) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(_StashStore(md), "stash_passthrough", 30)


def _block(*lines: str) -> str:
    return "\n".join([BEGIN, *lines, END])


PAGES = {
    "blocks between Markdown": "# Title { #p0 }\n\nIntro *em*.\n\n"
    + _block("<ul>", '<li><a href="a.html">A &amp; B</a></li>', "</ul>")
    + "\n\n## Next\n\n"
    + _block('<div class="dossier-text">', '<p id="p2">Text.</p>', "</div>")
    + "\n",
    "inside a markdown div": '<div class="dossier-context" markdown>\n\n### [Head](x.md)\n\ndate\n\n'
    + _block("<ul>", "<li>one</li>", "</ul>")
    + "\n\n</div>\n",
    "an inline-level block keeps its paragraph": _block('<a href="x.html">x</a> and <em>y</em>') + "\n\nafter\n",
    "text-first block": _block("plain words & more") + "\n",
    "comment-first block": _block("<!-- c -->", "<p>x</p>") + "\n",
    "inside a raw div": '<div class="raw">\n\n' + _block("<p>in raw</p>") + "\n\n</div>\n",
    "after a list item": "- item one\n- item two\n\n" + _block("<p>after list</p>") + "\n",
    "directly under a list item": "- item\n" + _block("<p>under</p>") + "\n",
    "in an admonition": '!!! note "N"\n\n    text\n\n' + _block("<p>top level</p>") + "\n",
    "in a span div": '<div markdown="span">\n' + _block("<b>s</b>") + "\n</div>\n",
    "unclosed marker": "a\n\n" + BEGIN + "\n<p>x</p>\n\nb\n",
    "two blocks, one closed": _block("<p>1</p>") + "\n\n" + BEGIN + "\n<p>2</p>\n",
    "no markers": "# Plain\n\ntext with a [link](y.md).\n",
    "headings beside blocks": "## A\n\n" + _block("<p id='q'>x</p>") + "\n\n## B\n\n" + _block("<table></table>"),
}


def _convert(text: str, extension: Any, md: markdown.Markdown | None = None) -> tuple[str, str]:
    md = md or markdown.Markdown(extensions=[extension, *EXTENSIONS], extension_configs=CONFIGS)
    return md.convert(text), getattr(md, "toc", "")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_page_is_the_one_the_raw_html_stash_gives(name: str) -> None:
    text = PAGES[name]
    assert _convert(text, "generator.render.passthrough") == _convert(text, _StashExtension())


def test_a_converter_reused_across_pages_forgets_the_last_page() -> None:
    md = markdown.Markdown(extensions=["generator.render.passthrough", *EXTENSIONS], extension_configs=CONFIGS)
    for name in sorted(PAGES):
        md.reset()
        assert _convert(PAGES[name], None, md) == _convert(PAGES[name], _StashExtension()), name


def test_a_marked_block_is_not_parsed() -> None:
    html = markdown.markdown(_block("<p>*not em* [not](link.md) &lt;</p>"), extensions=["generator.render.passthrough"])
    assert html == "<p>*not em* [not](link.md) &lt;</p>"
