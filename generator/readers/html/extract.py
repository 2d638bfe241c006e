"""trafilatura's extraction cascade, run on the reader's own tree, without the steps that cannot
change its result for the reader's settings.

``trafilatura.bare_extraction`` copies the tree it is given, prunes it, copies it twice more,
extracts, and measures the whole page's text to decide on a retry; then turns the result into
plain text the reader does not use. For the reader's settings (fast, no comments, no metadata,
no language, no deduplication) this module runs the same steps in the same order on the same
tree and returns the same body, leaving out: the first copy (the tree is copied only when a
pruning step would change it, and the reader's tree is otherwise left untouched, as before),
the backup copy (read only by the comparison with other extractors, which fast mode skips),
the page measure when the extracted text is already long enough against an upper bound of it,
and the plain-text conversion; and its raw-tree pruning expressions test only the elements whose
class or id holds one of their patterns. Written against one trafilatura release (``MIRRORS``); with
another, trafilatura's own entry point is called instead.
"""

from __future__ import annotations

import logging
import re
from configparser import ConfigParser
from copy import copy

import trafilatura
from lxml.etree import XPath, _Element
from lxml.html import HtmlElement
from trafilatura.baseline import _BLOCK_ELEMS, baseline, html2txt
from trafilatura.core import (
    ESCALATION_ACCEPT_RATIO,
    ESCALATION_MAX_LENGTH,
    ESCALATION_PAGE_SHARE,
    _forum_thread_page,
    _recall_retry,
)
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.main_extractor import extract_content
from trafilatura.settings import Extractor
from trafilatura.xml import delete_element
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REGEXP_NS, REMOVE_COMMENTS_AND_LISTS_XPATH

LOGGER = logging.getLogger(__name__)
MIRRORS = "2.3.1"  # the trafilatura release whose bare_extraction and trafilatura_sequence this follows
# trafilatura's raw-tree pruning expressions only find elements whose id or class matches one of
# their patterns (re:test and contains(); none matches an empty value): checked first on the
# page's distinct names, one search each, the expressions run only where one can find something.
RAW_PRUNE_CUES = ("mvp-post-add-(?:box|wrap)|infinite-?scroll", "elementor-share-buttons")
COMMENT_PRUNE_CUES = ("^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)", "^[Cc]omment(?!ary)|(?:article|post)-comments")
_RAW_CUES = re.compile("|".join(f"(?:{cue})" for cue in RAW_PRUNE_CUES), re.MULTILINE)
_COMMENT_CUES = re.compile("|".join(f"(?:{cue})" for cue in COMMENT_PRUNE_CUES), re.MULTILINE)
_NAMES = XPath("//@class | //@id", smart_strings=False)
_NAMED = XPath("//@class | //@id")  # each name with its element


def _element_tests(expressions: list[XPath]) -> list[XPath]:
    """Each ``.//*[...]`` expression as a test of one element (``self::*[...]``); exact, as the
    expressions hold no test of position."""
    tests = []
    for expression in expressions:
        path = expression.path.strip()
        if not path.startswith(".//*[") or re.search(r"position\(|last\(|\[\s*\d+\s*\]", path):
            raise RuntimeError(f"trafilatura: {path[:40]}: expected a './/*[...]' expression, found another")
        tests.append(XPath("self::*" + path[len(".//*"):], namespaces={"re": REGEXP_NS}))
    return tests


_MIRRORED = trafilatura.__version__ == MIRRORS
_RAW_TESTS = _element_tests(RAW_TREE_PRUNE_XPATH) if _MIRRORED else []
_COMMENT_TESTS = _element_tests(REMOVE_COMMENTS_AND_LISTS_XPATH) if _MIRRORED else []
_COLLAPSED_LENGTH = XPath("string-length(normalize-space(.))")  # in C, unlike str.split


def extract_body(tree: HtmlElement, config: ConfigParser) -> _Element | None:
    """What ``bare_extraction(tree, fast=True, include_comments=False, include_images=False,
    include_links=False, include_tables=True, deduplicate=False, config=config).body`` returns."""
    if not _MIRRORED:  # another release: its own entry point, slower but surely its own result
        document = trafilatura.bare_extraction(
            tree, fast=True, with_metadata=False, include_comments=False, include_images=False,
            include_links=False, include_tables=True, deduplicate=False, config=config,
        )
        return getattr(document, "body", None)
    options = Extractor(
        config=config, output_format="python", fast=True, comments=False, links=False, images=False, tables=True,
    )
    try:
        body, text = _sequence(tree, options)
        if options.max_tree_size and len(body) > options.max_tree_size:
            raise ValueError
        if len(text) < options.min_output_size and 0 < options.min_output_comm_size:
            raise ValueError
    except (TypeError, ValueError):
        return None
    return body


def _sequence(tree: HtmlElement, options: Extractor) -> tuple[_Element, str]:
    """trafilatura_sequence with comments off, in fast mode, balanced."""
    is_forum = _forum_thread_page(tree)
    names = "\n".join(set(_NAMES(tree)))  # each name starts a line, for the cues' "^"
    owned = False
    if _RAW_CUES.search(names):
        tree, owned = _pruned(tree, _RAW_TESTS, _RAW_CUES, owned)
    if not is_forum and _COMMENT_CUES.search(names):
        tree, owned = _pruned(tree, _COMMENT_TESTS, _COMMENT_CUES, owned)
    cleaned = convert_tags(tree_cleaning(copy(tree), options), options, None)
    body, text = extract_content(cleaned, options)
    if len(text) < options.min_extracted_size:  # rescue: the baseline, if it adds text
        b_body, b_text, b_len = baseline(tree)
        if b_len > len(text):
            body, text = b_body, b_text
    if 0 < len(text) < ESCALATION_MAX_LENGTH and not _surely_covers(text, tree) and (
        len(text) < ESCALATION_PAGE_SHARE * len(html2txt(tree))
    ):
        r_options = copy(options)
        r_options.focus = "recall"
        r_text = ""
        try:
            r_body, r_text = _recall_retry(tree, r_options, None)
        except Exception as err:  # noqa: BLE001 - as trafilatura: a failed retry keeps the first result
            LOGGER.warning("recall retry failed: %s", err)
        if len(r_text) >= options.min_extracted_size and len(r_text) > ESCALATION_ACCEPT_RATIO * len(text):
            body, text = r_body, r_text
    return body, text


def _pruned(tree: HtmlElement, tests: list[XPath], cues: re.Pattern[str], owned: bool) -> tuple[HtmlElement, bool]:
    """trafilatura's prune_unwanted_nodes, on a copy made only when an expression finds something."""
    for test in tests:
        found = _found(tree, test, cues)
        if not found:
            continue
        if not owned:
            tree, owned = copy(tree), True
            found = _found(tree, test, cues)
        for element in found:
            delete_element(element)
    return tree, owned


def _found(tree: HtmlElement, test: XPath, cues: re.Pattern[str]) -> list[HtmlElement]:
    """What the expression finds, in page order: only an element named by a cue can pass its test."""
    named = dict.fromkeys(name.getparent() for name in _NAMED(tree) if cues.search(name))
    return [element for element in named if element is not tree and test(element)]


def _surely_covers(text: str, tree: HtmlElement) -> bool:
    """True when ``text`` is at least the share of the page's text that stops a retry, against an
    upper bound of html2txt's measure: the body's text with XML whitespace collapsed, plus one for
    each space html2txt adds around a block element. Its cleaning only deletes characters, and a
    deletion never lengthens collapsed text; its spaces add one each at most; and it collapses
    all Unicode whitespace, a superset of XML's, so its text is never longer."""
    body = tree.find(".//body")
    if body is None:
        body = tree
    bound = float(_COLLAPSED_LENGTH(body)) + 2 * sum(1 for _ in body.iter(*_BLOCK_ELEMS))
    return len(text) >= ESCALATION_PAGE_SHARE * bound
