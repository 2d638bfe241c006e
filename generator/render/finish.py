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
from collections.abc import Sequence

from generator.models import Page
from generator.render.markup import page_url
from generator.render.passthrough import wrap

_TOKEN = re.compile(
    r"\\(?P<esc>[\\`*_{}\[\]()#+\-.!|])"
    r"|(?P<ref>&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)"
    r"|(?P<tag></?(?:span|small|a|abbr|code|em|strong|br|sup|sub|time)(?:\s[^<>]*)?/?>)"
    r"|(?P<link>\]\((?P<url>[^()\s]*)\)(?:\{(?P<attrs>[^{}]*)\})?)"
    r"|(?P<code>`[^`\n]+`)"
    r"|(?P<mark>\*\*|\*|!\[|\[|\]|[_<>&{}])"
)
_ATTR = re.compile(r'\s*([A-Za-z][\w-]*)="([^"<>&]*)"\s*')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ITEM = "- "
_CONTINUED = "    "
_BREAK = "  "


class _Unsupported(Exception):
    """Markdown this pass does not translate: the list stays Markdown."""


def _href(url: str) -> str:
    """A page link as MkDocs writes it (``use_directory_urls: false``): ``x.md#a`` -> ``x.html#a``."""
    if not url or url.startswith(("#", "/")) or _SCHEME.match(url):
        return html.escape(url, quote=True)
    path, hashmark, anchor = url.partition("#")
    if not path.endswith(".md"):
        raise _Unsupported(url)
    return html.escape(page_url(path) + hashmark + anchor, quote=True)


def _attrs(text: str | None) -> str:
    """``{ aria-label="…" }`` (attr_list), key="value" pairs only."""
    if text is None:
        return ""
    pairs = _ATTR.findall(text)
    if _ATTR.sub("", text).strip():
        raise _Unsupported(text)
    return "".join(f' {key}="{value}"' for key, value in pairs)


def _mark(mark: str, out: list[str], stack: list[tuple[str, int]]) -> None:
    """Emphasis toggles and link openings; a stray bracket or sign is literal text as in Markdown."""
    if mark in ("**", "*"):
        tag = "strong" if mark == "**" else "em"
        if stack and stack[-1][0] == tag:
            stack.pop()
            out.append(f"</{tag}>")
        else:
            stack.append((tag, len(out)))
            out.append(f"<{tag}>")
    elif mark == "[":
        stack.append(("a", len(out)))
        out.append("")
    elif mark in "<>&":
        out.append(html.escape(mark, quote=False))
    else:
        raise _Unsupported(mark)


def inline(text: str) -> str:
    """One line of generated inline Markdown as HTML; raises ``_Unsupported`` for anything else."""
    out: list[str] = []
    stack: list[tuple[str, int]] = []  # open emphasis or link text: (tag, index in out)
    pos = 0
    for match in _TOKEN.finditer(text):
        out.append(text[pos : match.start()])
        pos = match.end()
        kind = match.lastgroup
        if kind == "esc":
            out.append(html.escape(match.group("esc"), quote=False))
        elif kind in ("ref", "tag"):
            out.append(match.group(0))
        elif kind == "code":
            out.append(f"<code>{html.escape(match.group(0)[1:-1], quote=False)}</code>")
        elif kind == "link":
            if not stack or stack[-1][0] != "a":
                raise _Unsupported(text)
            _, start = stack.pop()
            out[start] = f'<a href="{_href(match.group("url"))}"{_attrs(match.group("attrs"))}>'
            out.append("</a>")
        else:
            _mark(match.group("mark"), out, stack)
    out.append(text[pos:])
    if stack:
        raise _Unsupported(text)
    return "".join(out)


def _item(lines: Sequence[str]) -> str:
    """One list item (its first line and continuation lines) as an ``<li>``."""
    parts = [lines[0][len(_ITEM) :], *(line[len(_CONTINUED) :] for line in lines[1:])]
    if any(p.startswith((" ", "- ", "* ", "> ", "#", "```")) or not p.strip() for p in parts[1:]):
        raise _Unsupported(lines[0])
    rendered = []
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        hard = part.endswith(_BREAK) and not last
        rendered.append(inline(part.rstrip()) + ("<br />" if hard else ""))
    return "<li>" + "\n".join(rendered) + "</li>"


def _list_end(lines: Sequence[str], start: int) -> int:
    end = start
    while end < len(lines) and (lines[end].startswith(_ITEM) or (end > start and lines[end].startswith(_CONTINUED))):
        end += 1
    return end


def _joined(lines: Sequence[str], start: int, end: int) -> bool:
    """A lazy continuation, or a list that Markdown joins with the one before or after (a loose list)."""
    if end < len(lines) and lines[end].strip():
        return True
    after = next((line for line in lines[end:] if line.strip()), "")
    before = next((line for line in reversed(lines[:start]) if line.strip()), "")
    return after.startswith(_ITEM) or before.startswith((_ITEM, _CONTINUED))


def _html_list(lines: Sequence[str]) -> list[str]:
    items: list[list[str]] = []
    for line in lines:
        if line.startswith(_ITEM):
            items.append([line])
        else:
            items[-1].append(line)
    return wrap(["<ul>", *(_item(item) for item in items), "</ul>"])


def finish_text(text: str) -> str:
    """The page with each top-level list (blank line before and after) as an HTML block."""
    if "\n- " not in text:
        return text
    lines = text.split("\n")
    i = lines.index("---", 1) + 1 if lines[0] == "---" and "---" in lines[1:] else 0  # front matter: YAML
    out: list[str] = lines[:i]
    fence = False
    while i < len(lines):
        line = lines[i]
        fence ^= line.startswith("```")
        if fence or not line.startswith(_ITEM) or (i > 0 and lines[i - 1].strip()):
            out.append(line)
            i += 1
            continue
        end = _list_end(lines, i)
        block = lines[i:end]
        if _joined(lines, i, end):
            out += block
        else:
            try:
                out += _html_list(block)
            except _Unsupported:
                out += block
        i = end
    return "\n".join(out)


def finish(pages: Sequence[Page]) -> list[Page]:
    """Markdown pages with their lists finished; other files (the feed) as they are."""
    return [Page(p.path, finish_text(p.text)) if p.path.endswith(".md") else p for p in pages]
