"""Generated lists as finished HTML blocks, so MkDocs does not parse them again on every build.

The renderers write Markdown (readable, testable); most of a built dossier is lists
of links (entity pages, listings, an article's quotes and related stories), and
Python-Markdown's inline processing of those lists was half of `mkdocs build`.
A raw HTML block costs it almost nothing. This pass turns each top-level list of a
generated page into the HTML Python-Markdown would make of it, for the small Markdown
subset the renderers write: escapes (``\\.``), character references, ``[text](page.md#a)``
links with an optional ``{ aria-label="…" }``, ``**strong**``, ``*em*``, ```code```,
hard line breaks, and the renderers' own inline tags. Source text reaches the lists
only through ``md_escape``, so every ``<``, ``&`` and ``*`` of an input is escaped
already and stays so. Anything else (a nested list, an unbalanced mark, an unknown
tag) leaves the list as Markdown: the page is the same, only slower to build.
Headings stay Markdown so the table of contents still lists them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain

from generator.models import Page
from generator.render.markup import page_url
from generator.render.passthrough import BEGIN, END, wrap

_ESCAPABLE = "\\`*_{}[]()#+-.!|"  # what Python-Markdown accepts a backslash escape for
_HELD = {c: chr(0xE000 + i) for i, c in enumerate(_ESCAPABLE)}  # an escaped character, held as a private-use one
_RELEASE = [(held, html.escape(c, quote=False)) for c, held in _HELD.items()]
_PRIVATE = re.compile("[\ue000-\ue1ff]")
_STASH = re.compile("\ue100(\\d+)\ue101")  # finished HTML set aside while the rest is translated
_CODE = re.compile(r"`([^`\n]+)`")
_TAG = re.compile(r"</?(?:span|small|a|abbr|code|em|strong|br|sup|sub|time)(?:\s[^<>\n]*)?/?>")
_LINK = re.compile(r"\[([^\[\]\n]*)\]\(([^()\s]*)\)(?:\{([^{}\n]*)\})?")
_STRONG = re.compile(r"\*\*([^*\n]+)\*\*")
_EM = re.compile(r"\*([^*\s][^*\n]*)\*")
_BARE_AMP = re.compile(r"&(?!#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_LEFTOVER = "*_[]{}`"  # Markdown this pass does not translate (an image's "![" too)
_ATTR = re.compile(r'\s*([A-Za-z][\w-]*)="([^"<>&]*)"\s*')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ITEM = "- "
_CONTINUED = "    "
_BREAK = "  "


class _Unsupported(Exception):
    """Markdown this pass does not translate: the list stays Markdown."""


@lru_cache(maxsize=65536)  # a page is linked from many lists
def _href(url: str) -> str:
    """A page link as MkDocs writes it (``use_directory_urls: false``): ``x.md#a`` -> ``x.html#a``."""
    if not url or url.startswith(("#", "/")) or _SCHEME.match(url):
        return html.escape(url, quote=True)
    path, hashmark, anchor = url.partition("#")
    if not path.endswith(".md"):
        raise _Unsupported(url)
    return html.escape(page_url(path) + hashmark + anchor, quote=True)


@lru_cache(maxsize=65536)
def _opening(url: str, attrs: str | None) -> str:
    """A link's opening tag; raises ``_Unsupported`` (not kept) for an address or attributes not translated."""
    return f'<a href="{_href(url)}"{_attrs(attrs)}>'


@lru_cache(maxsize=4096)
def _attrs(text: str | None) -> str:
    """``{ aria-label="…" }`` (attr_list), key="value" pairs only."""
    if text is None:
        return ""
    pairs = _ATTR.findall(text)
    if _ATTR.sub("", text).strip():
        raise _Unsupported(text)
    return "".join(f' {key}="{value}"' for key, value in pairs)


def _release(text: str) -> str:
    """The held (escaped) characters, back as text (str.translate with a dict is much slower)."""
    for held, char in _RELEASE:
        if held in text:
            text = text.replace(held, char)
    return text


_TAG_MARK = "\ue1f0"  # where a renderer's tag was set aside (inside _PRIVATE: no input holds it)
_LINK_MARK = "\ue1f1"  # where a link's opening or closing tag was


def inline(text: str) -> str:
    """Lines of generated inline Markdown as HTML, line for line; raises ``_Unsupported`` for anything else.

    Escapes are held as private-use characters, finished HTML (the renderers' tags, links) is
    set aside, emphasis is translated, and both are put back at the end. Text is only ever
    replaced in place, so the tags, then the links, come back in the order they were set aside:
    one mark for each kind and a split put them back, with no call per tag.
    """
    if _private(text):
        raise _Unsupported(text)
    try:
        return _inline_marked(text)
    except _Nested:
        return _inline_numbered(text)


class _Nested(Exception):
    """A code span, or a tag inside a link's address: set-aside HTML inside set-aside HTML, which
    the numbered marks put back exactly as they always did."""


def _put_back(text: str, mark: str, items: list[str]) -> str:
    if not items:
        return text
    parts = text.split(mark)
    return "".join(chain.from_iterable(zip(parts, [*items, ""], strict=True)))


def _inline_marked(text: str) -> str:
    held = _hold(text)
    if "`" in held and _CODE.search(held):
        raise _Nested(text)  # rare in generated lists
    tags: list[str] = []
    if "<" in held:
        tags = _TAG.findall(held)
        held = _TAG.sub(_TAG_MARK, held) if tags else held
    links: list[str] = []
    if "](" in held:
        pieces = _LINK.split(held)  # text, then (label, address, attributes or None, text) for each link
        urls, attributes = pieces[2::4], pieces[3::4]
        for url, attrs in zip(urls, attributes, strict=True) if tags else ():  # link by link, in order, as the links are read
            if _TAG_MARK in url or (attrs and _TAG_MARK in attrs):
                raise _Nested(text)
            _opening(url, attrs)  # an address not translated stops here, before a later link's tag
        links = [tag for url, attrs in zip(urls, attributes, strict=True) for tag in (_opening(url, attrs), "</a>")]
        pieces[1::4] = [_LINK_MARK + label + _LINK_MARK for label in pieces[1::4]]
        del pieces[2::4], pieces[2::3]  # the addresses, then the attributes: the text and the marked labels
        held = "".join(pieces)
    held = _emphasis(held)
    return _release(_put_back(_put_back(held, _LINK_MARK, links), _TAG_MARK, tags))


def _hold(text: str) -> str:
    """Each backslash escape as its held private-use character.

    Escaped backslashes first; the rest split on the backslash, so each part after the first starts
    with the escaped character: one pass over the text, not one ``replace`` per escapable character.
    """
    if "\\" not in text:
        return text
    parts = text.replace("\\\\", _HELD["\\"]).split("\\")
    held = _HELD.get
    return parts[0] + "".join([(held(part[:1]) or "\\" + part[:1]) + part[1:] for part in parts[1:]])


def _emphasis(text: str) -> str:
    """Bare '&', '<' and '>' as references, ``**strong**`` and ``*em*``; raises on Markdown left over."""
    if "&" in text:
        text = _BARE_AMP.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    if "*" in text:
        text = _wrapped(_EM, "<em>", "</em>", _wrapped(_STRONG, "<strong>", "</strong>", text))
    if _left_over(text):
        raise _Unsupported(text)
    return text


def _left_over(text: str) -> bool:
    """Whether one of ``_LEFTOVER`` is in the text: one fast search each (a character class is read char by char)."""
    return any(char in text for char in _LEFTOVER)


def _private(text: str) -> bool:
    """``_PRIVATE.search(text)``, for text in UTF-8 without the lead byte of U+E000-U+EFFF first (nearly all)."""
    return b"\xee" in text.encode("utf-8", "surrogatepass") and _PRIVATE.search(text) is not None


def _wrapped(pattern: re.Pattern[str], opening: str, closing: str, text: str) -> str:
    """What ``pattern.sub`` with the template ``opening`` + group 1 + ``closing`` makes, without
    expanding the template once per match in Python (as 3.11 does)."""
    parts = pattern.split(text)
    if len(parts) == 1:
        return text
    parts[1::2] = [opening + part + closing for part in parts[1::2]]
    return "".join(parts)


def _inline_numbered(text: str) -> str:
    """``inline`` for text that holds plane-15 characters itself: finished HTML set aside as numbered marks."""
    text = _hold(text)
    stash: list[str] = []

    def keep(html_text: str) -> str:
        stash.append(html_text)
        return f"\ue100{len(stash) - 1}\ue101"

    text = _CODE.sub(lambda m: keep(f"<code>{html.escape(_release(m.group(1)), quote=False)}</code>"), text)
    text = _TAG.sub(lambda m: keep(m.group(0)), text)
    text = _LINK.sub(lambda m: keep(f'<a href="{_href(m.group(2))}"{_attrs(m.group(3))}>') + m.group(1) + keep("</a>"), text)
    text = _emphasis(text)
    text = _STASH.sub(lambda m: stash[int(m.group(1))], text) if stash else text
    return _release(text)


def unread_continuation(text: str) -> bool:
    """Whether an item's continuation line (without its indent) is one this module does not read:
    blank, or opening another block (a list, a quote, a heading, code)."""
    return text.startswith((" ", "- ", "* ", "> ", "#", "```")) or not text.strip()


def _parts(item: Sequence[str]) -> list[tuple[str, bool]]:
    """An item's lines without the list marker and indent, each with whether it ends in a hard break."""
    texts = [item[0][len(_ITEM) :], *(line[len(_CONTINUED) :] for line in item[1:])]
    if any(unread_continuation(p) for p in texts[1:]):
        raise _Unsupported(item[0])
    return [(text.rstrip(), text.endswith(_BREAK) and n < len(texts) - 1) for n, text in enumerate(texts)]


def _joined(lines: Sequence[str], start: int, end: int) -> bool:
    """A lazy continuation, or a list that Markdown joins with the one before or after (a loose list)."""
    count = len(lines)
    if end < count and lines[end].strip():
        return True
    while end < count and not lines[end].strip():  # indexes, not slices: a page of many lists stays linear
        end += 1
    start -= 1
    while start >= 0 and not lines[start].strip():
        start -= 1
    after = lines[end] if end < count else ""
    before = lines[start] if start >= 0 else ""
    return after.startswith(_ITEM) or before.startswith((_ITEM, _CONTINUED))


def _prepared(lines: Sequence[str], simple: bool) -> tuple[list[str], list[list[tuple[str, bool]]] | None]:
    """A list's text lines to translate, and its items' lines with their hard breaks (None when each
    item is one line, ``simple``: nearly every listing); raises ``_Unsupported`` for an item it cannot read."""
    if simple:
        return [line[len(_ITEM) :].rstrip() for line in lines], None
    items: list[list[str]] = []
    for line in lines:
        if line.startswith(_ITEM):
            items.append([line])
        else:
            items[-1].append(line)
    parts = [_parts(item) for item in items]
    return [text for item in parts for text, _ in item], parts


_OPEN = f"{BEGIN}\n<ul>\n<li>"  # a finished list: ``wrap`` of its <ul>, <li> and </ul> lines, joined
_BETWEEN = "</li>\n<li>"
_CLOSE = f"</li>\n</ul>\n{END}"


def _assembled(done: Sequence[str], parts: list[list[tuple[str, bool]]] | None) -> str:
    """The list as one ``<ul>`` block (its lines joined) from its lines of text, translated."""
    if parts is None:
        return _OPEN + _BETWEEN.join(done) + _CLOSE
    out = ["<ul>"]
    at = 0
    for item in parts:
        rendered = [done[at + n] + ("<br />" if hard else "") for n, (_, hard) in enumerate(item)]
        at += len(item)
        out.append("<li>" + "\n".join(rendered) + "</li>")
    return "\n".join(wrap([*out, "</ul>"]))


def _html_lists(lines: Sequence[str], ranges: Sequence[tuple[int, int, bool]], noted: bool = True) -> list[str | None]:
    """Each list (its lines ``lines[start:end]``; ``simple``: one line an item) as one ``<ul>`` block, or None
    where this pass does not translate it; ``noted``: those noted (``made``) taken as they are.

    A page's lists are translated in one ``inline`` call, an empty line between them: no pattern
    reaches across an empty line, so each comes back as it would alone. If any of them cannot
    be translated so, each is translated alone (and the one that cannot stays Markdown).
    """
    prepared: list[tuple[int, int, list[list[tuple[str, bool]]] | None]] = []  # list, its lines of text, its items
    texts: list[str] = []
    done: list[str | None] = [None] * len(ranges)
    for n, (start, end, simple) in enumerate(ranges):
        if noted and _MADE:
            found = _MADE.get("\n".join(lines[start:end]))
            if found is not None:  # its renderer made it
                done[n] = found
                continue
        try:
            flat, parts = _prepared(lines[start:end], simple)
        except _Unsupported:
            continue
        prepared.append((n, len(flat), parts))
        texts.append("\n".join(flat))
    translated = _inline_together(texts, [count for _, count, _ in prepared]) if len(texts) > 1 else None
    for k, (n, count, parts) in enumerate(prepared):
        try:
            lines_done = translated[k] if translated else inline(texts[k]).split("\n")
            if len(lines_done) != count:
                raise _Unsupported(texts[k])
            done[n] = _assembled(lines_done, parts)
        except _Unsupported:
            pass
    return done


def _inline_together(texts: list[str], counts: Sequence[int]) -> list[list[str]] | None:
    """``inline`` of each text (of ``counts`` lines), translated as one, as lines; None when one of them
    needs more than the set-aside marks."""
    joined = "\n\n".join(texts)
    if _private(joined):
        return None
    try:
        lines = _inline_marked(joined).split("\n")
    except (_Unsupported, _Nested):
        return None
    out: list[list[str]] = []
    at = 0
    total = len(lines)
    for count in counts:
        out.append(lines[at : at + count])
        if at + count < total and lines[at + count]:
            return None  # not the empty line between two lists: leave it to each list alone
        at += count + 1
    return out if at == total + 1 else None


def finish_text(text: str) -> str:
    """The page with each top-level list (blank line before and after) as an HTML block.

    Only the lines that open a list item or a code fence matter: the text is searched for them
    (in C), counting the lines in between, rather than walked line by line in Python; the page is
    then put together from its slices and the finished lists.
    """
    if "\n- " not in text:
        return text
    lines = text.split("\n")
    i = lines.index("---", 1) + 1 if lines[0] == "---" and "---" in lines[1:] else 0  # front matter: YAML
    ranges: list[tuple[int, int, bool]] = []  # the lists to translate: their lines, and whether each item is one line
    spans: list[tuple[int, int]] = []  # where they are in the text
    at, line = (len("\n".join(lines[:i])) + 1 if i else 0), i  # where line ``line`` starts in the text
    fence = False
    start = at if text.startswith((_ITEM, "```"), at) else _next_mark(text, at)
    while start >= 0:
        i = line + text.count("\n", at, start)
        at, line = start, i
        if lines[i].startswith("```"):
            fence = not fence
        elif not fence and not (i > 0 and lines[i - 1].strip()):
            after = _LIST_END.search(text, at)  # the line after the list: the first not an item or indented
            following = after.start() + 1 if after is not None else len(text) + 1
            end = i + 1 + text.count("\n", at, following - 1)
            if not _joined(lines, i, end):
                ranges.append((i, end, text.find("\n" + _CONTINUED, at, following - 1) < 0))
                spans.append((at, following - 1))
            at, line = following, end
            start = at if end < len(lines) and text.startswith((_ITEM, "```"), at) else _next_mark(text, at)
            continue
        start = _next_mark(text, at)
    if not ranges:
        return text
    out: list[str] = []
    kept = 0  # the text before this offset is in ``out``
    for (begin, stop), finished in zip(spans, _html_lists(lines, ranges), strict=True):
        if finished is not None:
            out += (text[kept:begin], finished)
            kept = stop
    out.append(text[kept:])
    return "".join(out)


_MARK = re.compile("\n(?:- |```)")  # a line that opens a list item or a code fence
_LIST_END = re.compile("\n(?!- |    )")  # a line that neither opens an item nor continues one


def _next_mark(text: str, at: int) -> int:
    """Where the next line after the one at ``at`` that opens a list item or a fence starts; -1 if none."""
    found = _MARK.search(text, at)
    return found.start() + 1 if found is not None else -1


def finish(pages: Sequence[Page]) -> list[Page]:
    """Markdown pages with their lists finished; other files (the feed) as they are. The lists their
    renderer noted (``made``) are let go after: a unit's pages are finished as soon as they are rendered."""
    try:
        return [Page(p.path, finish_text(p.text)) if p.path.endswith(".md") else p for p in pages]
    finally:
        _MADE.clear()


_MADE: dict[str, str] = {}  # a list's Markdown (its lines joined) -> its finished block, noted by its renderer
MADE_AT_MOST = 4_096  # lists noted and not yet finished (a renderer called without ``finish``: they are let go)


def made(markdown: str, block: str) -> None:
    """Note the finished block of a list whose renderer wrote both: the very block this pass makes of that
    Markdown alone (render/twin.py), which finishing the page then takes as it is, rather than reading
    the Markdown again. A pure function of the Markdown: a note is never wrong, only let go."""
    if len(_MADE) >= MADE_AT_MOST:
        _MADE.clear()
    _MADE[markdown] = block


def alone(markdown: str) -> str | None:
    """The finished block this pass makes of one list alone (its lines joined), or None where it leaves it
    Markdown: what a note (``made``) must hold, for tests."""
    lines = markdown.split("\n")
    return _html_lists(lines, [(0, len(lines), not any(line.startswith(_CONTINUED) for line in lines))], False)[0]


_KEPT: dict[str, str] | None = None  # under `dossier serve`: the last conversion's listing pages, Markdown -> finished


def keep_finished() -> None:
    """For a long-running process (`dossier serve`): remember finished listings from one conversion to the next."""
    global _KEPT
    if _KEPT is None:
        _KEPT = {}


def finish_listings(pages: Iterable[Page]) -> list[Page]:
    """``finish_stream``, as a list."""
    return list(finish_stream(pages))


def finish_stream(pages: Iterable[Page]) -> Iterator[Page]:
    """``finish``, page by page as they come, looking each page up first in what the last
    conversion finished (only under serve).

    A finished page is a pure function of its Markdown, and after one edit nearly every listing
    page is as it was. Only this conversion's pages are kept (once the stream is read to its
    end): the memo never outgrows the site, and a one-off command keeps nothing.
    """
    global _KEPT
    if _KEPT is None:
        for page in pages:
            yield Page(page.path, finish_text(page.text)) if page.path.endswith(".md") else page
        return
    last = _KEPT
    now: dict[str, str] = {}
    for page in pages:
        if page.path.endswith(".md"):
            done = now.get(page.text) or last.get(page.text)
            if done is None:
                done = finish_text(page.text)
            now[page.text] = done
            page = Page(page.path, done)
        yield page
    _KEPT = now
