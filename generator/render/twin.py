"""Lists written twice by their renderer: as Markdown, and as the HTML block finish.py makes of it.

finish.py turns each generated list into HTML by reading its Markdown again (escapes, links,
emphasis): on the article and entity pages that was about a third of rendering them. The renderer
that writes a list holds its parts, so it writes each line's HTML beside it, from the same parts,
and notes the pair (``finish.made``): finishing the page takes the block as it is. The Markdown
is still written and still on the page until then: pagination measures it, and it is what a page
holds where a list is not noted.

Each builder here gives what finish.py makes of the Markdown it stands beside, or None where it
cannot tell (then nothing is noted, and finish.py reads that list as before):
tests/test_twin.py compares the two on hostile text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from generator.render.finish import _BETWEEN, _CLOSE, _OPEN, _href, _opening, _private, _Unsupported, made

_ESCAPED = re.compile(r"\\(.)", re.DOTALL)  # split on it, the escaped characters are kept: joined, the text unescaped
_URL = re.compile(r"[^()\s]*")  # an address finish.py reads as one (its link pattern's)


def plain(escaped: str) -> str:
    """What finish.py makes of ``md_escape``'s output in running text: the escaped characters as they are
    (every backslash there starts an escape, of a character that needs no HTML escape; the character
    references stay as they are). The escaped backslashes are set aside, the other backslashes dropped."""
    if "\\" not in escaped:
        return escaped
    if "\0" in escaped:
        return "".join(_ESCAPED.split(escaped))
    return escaped.replace("\\\\", "\0").replace("\\", "").replace("\0", "\\")


def link(url: str, label: str, attrs: str | None = None) -> str | None:
    """``[label](url)`` (``{attrs}`` after it, as written between the braces) as finish.py makes it, ``label``
    made already; None for an address or attributes it leaves as Markdown."""
    if _URL.fullmatch(url) is None:
        return None
    try:
        return f"{_opening(url, attrs)}{label}</a>"
    except _Unsupported:
        return None


@lru_cache(maxsize=16384)  # an article is linked from the pages of the many entities it names
def page_href(url: str) -> str | None:
    """The ``href`` finish.py writes for a link to ``url`` (a page, no anchor: it writes ``page_href(url)``
    and ``#anchor`` after it for ``url#anchor``), or None where it leaves such a link as Markdown."""
    if "#" in url or _URL.fullmatch(url) is None:
        return None
    try:
        return _href(url)
    except _Unsupported:
        return None


def emphasis(escaped: str) -> str | None:
    """``*text*`` (``text``: ``md_escape``'s output) as finish.py makes it; None where its emphasis pattern
    does not match (empty, or opening with a space), so that finish.py leaves the list as Markdown."""
    if not escaped or escaped[0].isspace():
        return None
    return f"<em>{plain(escaped)}</em>"


def note(lines: Sequence[str], items: Sequence[str | None]) -> str | None:
    """Note a list, its Markdown ``lines`` (each opening with "- ", one line an item) and its items made,
    unless one of them could not be made or the Markdown holds what finish.py refuses (a private-use
    character); the block noted, or None."""
    if not lines or any(item is None for item in items):
        return None
    markdown = "\n".join(lines)
    if _private(markdown):
        return None
    block = _OPEN + _BETWEEN.join([item.rstrip() for item in items if item is not None]) + _CLOSE
    made(markdown, block)
    return block
