"""The HTML reader's short cuts give what the library steps they replace give (pages written here)."""

from __future__ import annotations

import re
from copy import deepcopy

import pytest
import trafilatura
from htmldate import core as htmldate_core
from lxml import etree
from trafilatura import main_extractor, xpaths
from trafilatura.baseline import html2txt
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.settings import Extractor
from trafilatura.utils import INVALID_XML_CHARS, repair_faulty_html
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

from generator.readers.html import XML_FORBIDDEN, _parse, _repaired
from generator.readers.html.body import _BREAKS, _HIDDEN_STYLE, CONFIG, _pieces, _strip_furniture, drop_hidden
from generator.readers.html.dates import _ELSEWHERE_HINT, _named_elsewhere
from generator.readers.html.extract import (
    _COMMENT_CUES,
    _COMMENT_TESTS,
    _RAW_CUES,
    _RAW_TESTS,
    COMMENT_PRUNE_CUES,
    GUARDED_LISTS,
    MIRRORS,
    RAW_PRUNE_CUES,
    _found,
    _rebound,
    _surely_covers,
    extract_body,
    extract_content,
    guarded,
)
from generator.readers.html.names import date_candidates, walk

SENTENCE = "The council met on Tuesday evening and voted to reopen the harbour bridge to lorries next spring."
ARTICLE = f"<article><h1>Bridge to reopen</h1><p>{SENTENCE}</p><p>{SENTENCE} Residents objected.</p></article>"
PAGES = {
    "article": f"<html><body><nav><a href='/'>Home</a></nav>{ARTICLE}</body></html>",
    "comments": (
        f"<html><body>{ARTICLE}<div class='comments-area'><p>{SENTENCE} A reader wrote this.</p></div>"
        f"<ul id='comment-list'><li>{SENTENCE}</li></ul></body></html>"
    ),
    "scroll": (
        f"<html><body><div class='infinite-scroll'><p>{SENTENCE} Another story.</p></div>{ARTICLE}"
        "<div class='elementor-share-buttons'><a href='x'>Share</a></div></body></html>"
    ),
    "short in a big page": (
        "<html><body><main><p>Short note only.</p></main>"
        + "".join(f"<div class='teaser'><a href='/{i}'>{SENTENCE}</a></div>" for i in range(30))
        + "</body></html>"
    ),
    "links only": "<html><body>" + "".join(f"<p><a href='/{i}'>Link {i}</a></p>" for i in range(5)) + "</body></html>",
    "empty": "<html><head><title>Nothing</title></head><body></body></html>",
    "spaces": (
        "<html><body><div>\u00a0\u00a0 \u2003 </div><p>Word\u00a0\u00a0\u00a0word</p>"
        + "<div><br/><br/></div>" * 20 + "</body></html>"
    ),
}


def _tree(html: str) -> etree._Element:
    tree = _parse(html)
    _strip_furniture(tree)
    return tree


def test_the_mirrored_trafilatura_is_the_installed_one() -> None:
    assert trafilatura.__version__ == MIRRORS


@pytest.mark.parametrize("name", sorted(PAGES))
def test_extract_body_is_bare_extraction_body(name: str) -> None:
    tree = _tree(PAGES[name])
    before = etree.tostring(tree)
    expected = trafilatura.bare_extraction(
        deepcopy(tree), fast=True, with_metadata=False, include_comments=False, include_images=False,
        include_links=False, include_tables=True, deduplicate=False, config=CONFIG,
    )
    found = extract_body(tree, CONFIG)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert etree.tostring(found) == etree.tostring(expected.body)
    assert etree.tostring(tree) == before  # the reader's own tree is left as it was


def test_pruning_cues_are_trafilaturas_own() -> None:
    raw = "".join(x.path for x in RAW_TREE_PRUNE_XPATH)
    comments = "".join(x.path for x in REMOVE_COMMENTS_AND_LISTS_XPATH)
    assert all(cue in raw for cue in RAW_PRUNE_CUES)
    assert all(cue in comments for cue in COMMENT_PRUNE_CUES)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_bound_is_never_below_html2txt(name: str) -> None:
    tree = _tree(PAGES[name])
    measure = len(html2txt(tree))
    below = next(n for n in range(measure + 1, -1, -1) if n < 0.2 * measure or n == 0)
    assert not _surely_covers("x" * below, tree) or below == 0  # a retry it would weigh is never skipped
    assert _surely_covers("x" * 100_000, tree)


def test_xml_forbidden_is_trafilaturas_class() -> None:
    forbidden = {chr(c) for c in range(0x110000) if INVALID_XML_CHARS.match(chr(c))}
    assert forbidden == set(XML_FORBIDDEN)


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html/>\n<html><body><p>a</p></body></html>",
        "<html/>\n<body><p>a</p></body>",
        "<html><body><p>bad\x0bchar\ufffe</p></body></html>",
        "<!doctype html>\n<html lang='en'/>\n<p>x</p>",
        "plain text, no markup",
    ],
)
def test_repaired_is_repair_faulty_html(text: str) -> None:
    beginning = text[:50].lower()
    assert _repaired(text, beginning) == repair_faulty_html(text, beginning)


def _named_elsewhere_by_xpath(tree: etree._Element) -> list[etree._Element]:
    """The search as first written: every name joined, then one XPath over all elements."""
    names = tree.xpath("//@class | //@id", smart_strings=False)
    written = sorted({m.group(0) for m in _ELSEWHERE_HINT.finditer(" ".join(names))})
    if not written:
        return []
    tests = " or ".join(f"contains(@class, $w{i}) or contains(@id, $w{i})" for i in range(len(written)))
    return list(tree.xpath(f"//*[{tests}]", **{f"w{i}": word for i, word in enumerate(written)}))


def test_named_elsewhere_finds_what_the_xpath_found() -> None:
    tree = _parse(
        "<html><body><div class='main Comments-box' id='related'><p>x</p>"
        "<aside id='Sidebar_left' class='x-Comments'><span class='commentsCount'>2</span></aside></div>"
        "<section class='teaser-list'><div id='teaser'>t</div></section><div class='plain'>p</div>"
        "<footer class='site widget'>w</footer></body></html>"
    )
    found = _named_elsewhere(tree)
    assert found == _named_elsewhere_by_xpath(tree)
    assert [el.tag for el in found] == ["div", "aside", "section", "div", "footer"]
    assert _named_elsewhere(_parse("<html><body><div class='plain'>p</div></body></html>")) == []


NESTED = (
    "<html class='comments'><body><div id='comments'><ol class='commentlist'><li>a</li></ol>"
    "<div class='comment-body'>b</div></div><ul id='Comment-3'><li>c</li></ul><ul class='menu'><li>d</li></ul>"
    "<section class='commentary'>e</section><div class='infinite-scroll'><h1>Main</h1></div>"
    "<aside id='infinitescroll'>f</aside><div class='post-comments x'>g</div></body></html>"
)


@pytest.mark.parametrize("html", [NESTED, *PAGES.values()])
def test_pruning_finds_what_trafilaturas_expressions_find(html: str) -> None:
    tree = _parse(html)
    for expressions, tests, cues in (
        (RAW_TREE_PRUNE_XPATH, _RAW_TESTS, _RAW_CUES), (REMOVE_COMMENTS_AND_LISTS_XPATH, _COMMENT_TESTS, _COMMENT_CUES)
    ):
        for expression, test in zip(expressions, tests, strict=True):
            assert _found(tree, test, cues) == expression(tree)
    assert len(REMOVE_COMMENTS_AND_LISTS_XPATH[0](_parse(NESTED))) == 5


def _drop_hidden_by_xpath(tree: etree._Element) -> None:
    """Hidden elements as first found: every element with one of the attributes, tested in turn."""
    doomed = [
        el for el in tree.xpath("//*[@hidden or @aria-hidden or @style]")
        if el.tag not in ("html", "body") and (
            el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true"
            or _HIDDEN_STYLE.search(el.get("style") or "")
        )
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def test_drop_hidden_removes_what_the_element_test_removed() -> None:
    html = (
        "<html style='display:none'><body hidden><p>one <span hidden=''>x</span> two</p>"
        "<div aria-hidden='TRUE' style='color: red'>a<b style='Display : None'>b</b></div>tail"
        "<p aria-hidden='false' style='visibility:hidden'>c</p><p style='color: red'>kept</p>"
        "<p style='display:none'>d</p><em style='display:none'>e</em>after</body></html>"
    )
    expected, found = _parse(html), _parse(html)
    _drop_hidden_by_xpath(expected)
    drop_hidden(found)
    assert etree.tostring(found) == etree.tostring(expected)
    assert "kept" in found.text_content() and "x" not in found.text_content()


def test_another_trafilatura_release_gets_its_own_entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.readers.html.extract as extract

    mirrored = extract_body(_tree(PAGES["comments"]), CONFIG)
    monkeypatch.setattr(extract, "_MIRRORED", False)
    own = extract_body(_tree(PAGES["comments"]), CONFIG)
    assert mirrored is not None and own is not None
    assert etree.tostring(own) == etree.tostring(mirrored)


# Elements with and without the attributes the expressions test, id before class and after it,
# values that match only as the first attribute, and upper-case variants.
NAMED = (
    "<html><body><div class='post'><p>a</p></div><div id='articleContent' class='x'>b</div>"
    "<section class='story-content'><span id='cookie-note' class='share-box'>c</span>"
    "<span class='Cookie'>d</span><p id='x' class='cookie'>e</p><p class='cookie' id='x'>f</p></section>"
    "<div><p>plain</p><div role='navigation'>n</div></div><article class='FullText'>g</article>"
    "<main id='content-main'><div style='display: none'>h</div><div id='hidden-x'>i</div>"
    "<div class='comments-title'>j</div><div class='x hide'>k</div><div aria-hidden='true'>l</div></main>"
    "<div class='teaser-box'>m</div><div class='image-caption'>o</div><div id='bottom'>p</div>"
    "<div class='mainbar'>q</div><section id='main-area'>r</section><div class='page-content'>s</div></body></html>"
)


@pytest.mark.parametrize("html", [NAMED, NESTED, *PAGES.values()])
def test_guarded_expressions_find_what_trafilaturas_find(html: str) -> None:
    tree = _parse(html)
    changed = 0
    for name in GUARDED_LISTS:
        for expression in getattr(xpaths, name):
            rewritten = guarded(expression)
            changed += rewritten.path != expression.path
            assert rewritten(tree) == expression(tree)
            for element in tree.iter():
                assert rewritten(element) == expression(element)
    assert changed >= 6  # the content and pruning expressions with a regular expression test


def test_guarded_expressions_find_something_on_the_named_page() -> None:
    tree = _parse(NAMED)
    found = {name: sum(len(guarded(x)(tree)) for x in getattr(xpaths, name)) for name in GUARDED_LISTS}
    assert all(found.values()), found


def test_guarded_refuses_a_pattern_that_matches_nothing_at_all() -> None:
    with pytest.raises(RuntimeError):
        guarded(etree.XPath(".//*[re:test(@class, 'a?')]", namespaces={"re": xpaths.REGEXP_NS}))


def test_rebound_refuses_a_name_the_function_does_not_read() -> None:
    with pytest.raises(RuntimeError):
        _rebound(main_extractor._extract, NO_SUCH_XPATH=[])


@pytest.mark.parametrize("html", [NAMED, *PAGES.values()])
def test_extract_content_is_trafilaturas(html: str) -> None:
    options = Extractor(config=CONFIG, output_format="python", fast=True, comments=False, links=False, images=False, tables=True)
    tree = _tree(html)
    cleaned = convert_tags(tree_cleaning(deepcopy(tree), options), options, None)
    body, text = extract_content(deepcopy(cleaned), options)
    own_body, own_text = main_extractor.extract_content(cleaned, options)
    assert text == own_text
    assert etree.tostring(body) == etree.tostring(own_body)


def test_str_split_collapses_what_the_whitespace_pattern_collapses() -> None:
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace() or re.match(r"\s", chr(c))]
    assert all(ch.isspace() and re.match(r"\s", ch) for ch in spaces)
    text = "".join(f"{ch}word{ch}{ch}" for ch in spaces)
    assert " ".join(text.split()) == re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("text", ["", " \n ", "one  two\u00a0 three", "a\n\nb", "a \n \t\n  b\nc", "\u2003x\u2028y\u3000"])
def test_pieces_are_the_pattern_pieces(text: str) -> None:
    pieces = [flat for flat in (re.sub(r"\s+", " ", p).strip() for p in _BREAKS.split(text)) if flat]
    assert _pieces(text) == pieces


DATED = (
    "<html><body><div class='Comments' id='x'><span class='date'>1 May 2020</span></div>"
    "<div id='post-date' class='plain'>a</div><div class='plain' id='post-date'>b</div>"
    "<p class='meta'>c</p><p id='meta'>d</p><span itemprop='dateCreated'>e</span><footer>f</footer>"
    "<small class='x'>g</small><div class='byline' id='z'>h</div><div id='footer-info-lastmod'>i</div>"
    "<div class='posted'><small>j</small></div><aside class='related'><time class='datum'>k</time></aside>"
    "<div class='plain'>l</div><div class='plain'>m</div></body></html>"
)


def test_one_walk_finds_htmldates_date_elements_and_the_elsewhere_names() -> None:
    tree = _parse(DATED)
    named = walk(tree)
    assert named is not None
    assert _named_elsewhere(tree, named) == _named_elsewhere(tree)
    aside = [el for el in tree.iter() if el.get("class") in ("Comments", "related")]
    expected_tree = deepcopy(tree)
    for el in [el for el in expected_tree.iter() if el.get("class") in ("Comments", "related")]:
        el.getparent().remove(el)
    found = date_candidates(tree, named, aside)
    expected = htmldate_core.date_candidates(expected_tree, True)
    assert [etree.tostring(el) for el in found] == [etree.tostring(el) for el in expected]
    assert len(found) == 10


def test_a_fragment_is_not_walked() -> None:
    tree = _parse("<div><p class='date'>1 May 2020</p><p class='comments'>2 May 2020</p></div>")
    assert tree.getroottree().getroot() is not tree
    assert walk(tree) is None
