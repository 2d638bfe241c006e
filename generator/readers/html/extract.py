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
class or id holds one of their patterns. Its content and pruning expressions run with each regular
expression test written so that libxml2 skips it where the attribute is absent and hands it a
string rather than a node-set (``guarded``): trafilatura's own functions, bound to those
expressions. Written against one trafilatura release (``MIRRORS``); with another, trafilatura's own
entry point is called instead.
"""

from __future__ import annotations

import logging
import re
import types
from collections.abc import Callable, Iterator
from configparser import ConfigParser
from copy import copy
from typing import Any

import trafilatura
from lxml.etree import XPath, _Element
from lxml.html import HtmlElement
from trafilatura import main_extractor, xpaths
from trafilatura.baseline import _BLOCK_ELEMS, baseline, html2txt
from trafilatura.core import (
    ESCALATION_ACCEPT_RATIO,
    ESCALATION_MAX_LENGTH,
    ESCALATION_PAGE_SHARE,
    _forum_thread_page,
    _recall_retry,
)
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
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


_RE_TEST = re.compile(r"re:test\(\s*(@[\w-]+(?:\s*\|\s*@[\w-]+)*)\s*,\s*'([^']*)'")
# trafilatura's expression lists that its content extraction and section pruning read.
GUARDED_LISTS = (
    "BODY_XPATH", "OVERALL_DISCARD_XPATH", "TEASER_DISCARD_XPATH", "PRECISION_DISCARD_XPATH", "DISCARD_IMAGE_ELEMENTS",
)


def guarded(expression: XPath) -> XPath:
    """The same expression with each ``re:test(@a, 'p' ...)`` written ``((@a) and re:test(string(@a),
    'p' ...))``. Exact: lxml's re:test reads a node-set as the string value of its first node, or ""
    when it is empty, which is what string() gives, and where the attributes are absent the pattern
    would be tested on "", which none of them matches (checked here)."""
    path, out, pos = expression.path, [], 0
    for match in _RE_TEST.finditer(path):
        if re.search(match.group(2), "") is not None:
            raise RuntimeError(f"trafilatura: {match.group(2)}: expected a pattern needing a character, found another")
        end = _closing(path, match.start() + len("re:test"))
        attrs = match.group(1)
        call = "re:test(string(" + attrs + ")" + path[match.end(1):end + 1]
        out += [path[pos:match.start()], f"(({attrs}) and {call})"]
        pos = end + 1
    return XPath("".join(out) + path[pos:], namespaces={"re": REGEXP_NS})


def _closing(path: str, opening: int) -> int:
    """The index of the parenthesis closing the one at ``opening`` (quoted text skipped)."""
    depth, index = 0, opening
    while True:
        char = path[index]
        if char in "'\"":
            index = path.index(char, index + 1)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1


def _rebound(function: Callable[..., Any], **names: object) -> Callable[..., Any]:
    """trafilatura's own function, reading ``names`` where it reads its module's globals."""
    code = function.__code__
    missing = [name for name in names if name not in code.co_names]
    if missing:
        raise RuntimeError(f"trafilatura: {function.__name__}: expected it to read {missing}, found it does not")
    rebound = types.FunctionType(code, {**function.__globals__, **names}, function.__name__, function.__defaults__)
    rebound.__kwdefaults__ = function.__kwdefaults__
    return rebound


def _guarded_extraction() -> tuple[Callable[..., tuple[_Element, str]], Callable[..., _Element]]:
    """``extract_content`` run with the guarded expressions, and its rescue (``recover_wild_text``)."""
    lists = {name: [guarded(x) for x in getattr(xpaths, name)] for name in GUARDED_LISTS}
    prune = _rebound(main_extractor.prune_unwanted_sections, **{k: v for k, v in lists.items() if k != "BODY_XPATH"})
    extract = _rebound(main_extractor._extract, BODY_XPATH=lists["BODY_XPATH"], prune_unwanted_sections=prune)
    recover = _rebound(main_extractor.recover_wild_text, prune_unwanted_sections=prune)
    return _rebound(main_extractor.extract_content, _extract=extract, recover_wild_text=recover), recover


_MIRRORED = trafilatura.__version__ == MIRRORS
_RAW_TESTS = _element_tests(RAW_TREE_PRUNE_XPATH) if _MIRRORED else []
_COMMENT_TESTS = _element_tests(REMOVE_COMMENTS_AND_LISTS_XPATH) if _MIRRORED else []
extract_content, _recover = _guarded_extraction() if _MIRRORED else (main_extractor.extract_content, None)
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
    options = _options(config)
    try:
        body, text = _sequence(tree, options)
        if options.max_tree_size and len(body) > options.max_tree_size:
            raise ValueError
        if len(text) < options.min_output_size and 0 < options.min_output_comm_size:
            raise ValueError
    except (TypeError, ValueError):
        return None
    return body


def _options(config: ConfigParser) -> Extractor:
    """The extraction settings, made once for a config (the reader's is set at import and never
    changed): trafilatura only reads them, and changes only a copy (its recall retry)."""
    made = _MADE.get(id(config))
    if made is None or made[0] is not config:
        if len(_MADE) > 8:
            _MADE.clear()
        made = _MADE[id(config)] = (config, Extractor(
            config=config, output_format="python", fast=True, comments=False, links=False, images=False, tables=True,
        ))
    return made[1]


_MADE: dict[int, tuple[ConfigParser, Extractor]] = {}  # by the config's identity (a ConfigParser has no hash)


def _sequence(tree: HtmlElement, options: Extractor) -> tuple[_Element, str]:
    """trafilatura_sequence with comments off, in fast mode, balanced."""
    is_forum = _forum_thread_page(tree)
    names = "\n".join(set(_NAMES(tree)))  # each name starts a line, for the cues' "^"
    owned = False
    if _RAW_CUES.search(names):
        tree, owned = _pruned(tree, _RAW_TESTS, _RAW_CUES, owned)
    if not is_forum and _COMMENT_CUES.search(names):
        tree, owned = _pruned(tree, _COMMENT_TESTS, _COMMENT_CUES, owned)
    body, text = _with_later_backup(tree, options)(_cleaned(tree, options), options)
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


def _cleaned(tree: HtmlElement, options: Extractor) -> HtmlElement:
    """trafilatura's cleaning and tag conversion, on a copy of the page."""
    return convert_tags(tree_cleaning(copy(tree), options), options, None)


class _LaterCopy:
    """extract_content's backup copy of the cleaned page, made only when its rescue reads it (on
    one page in ten here), and then made as the cleaned page was made: from the same page, left
    untouched since, by the same steps. The copy it stands for was taken before the main pass
    changed anything, so it holds just that."""

    def __init__(self, tree: HtmlElement, options: Extractor) -> None:
        self._source, self._options = tree, options
        self._made: HtmlElement | None = None

    def tree(self) -> HtmlElement:
        if self._made is None:
            self._made = _cleaned(self._source, self._options)
        return self._made

    def iter(self) -> Iterator[_Element]:
        return self.tree().iter()


def _with_later_backup(tree: HtmlElement, options: Extractor) -> Callable[..., tuple[_Element, str]]:
    """``extract_content`` for this page, whose backup copy (``deepcopy``) is a ``_LaterCopy``
    that its rescue, and only its rescue, turns into a tree."""
    later = _LaterCopy(tree, options)

    def recover(backup: _LaterCopy, *args: Any) -> _Element:
        return _recover(backup.tree(), *args)  # type: ignore[misc]

    return _rebound(extract_content, deepcopy=lambda _: later, recover_wild_text=recover)


def _pruned(tree: HtmlElement, tests: list[XPath], cues: re.Pattern[str], owned: bool) -> tuple[HtmlElement, bool]:
    """trafilatura's prune_unwanted_nodes, on a copy made only when an expression finds something.
    The elements a cue names are listed once (again after a copy): each expression then tests
    those still in the tree, which are the ones it would find there (``_found``)."""
    named = _named(tree, cues)
    gone: set[HtmlElement] = set()  # what earlier expressions deleted, with all it held
    for test in tests:
        found = [element for element in named if element not in gone and test(element)]
        if not found:
            continue
        if not owned:  # nothing is deleted before the copy, so nothing is gone yet
            tree, owned = copy(tree), True
            named = _named(tree, cues)
            found = [element for element in named if test(element)]
        for element in found:
            gone.update(element.iter())
            delete_element(element)
    return tree, owned


def _named(tree: HtmlElement, cues: re.Pattern[str]) -> list[HtmlElement]:
    """The elements whose class or id a cue finds, in page order, the tree's root left out."""
    named = dict.fromkeys(name.getparent() for name in _NAMED(tree) if cues.search(name))
    return [element for element in named if element is not tree]


def _found(tree: HtmlElement, test: XPath, cues: re.Pattern[str]) -> list[HtmlElement]:
    """What the expression finds, in page order: only an element named by a cue can pass its test."""
    return [element for element in _named(tree, cues) if test(element)]


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
