"""YAML front matter that always parses, and whose text is safe where themes print it raw.

MkDocs renders templates without autoescaping: Material prints ``page.title``
into <title>, the header and the search index, and ``page.meta.description``
into a meta attribute, as they are. So those two values are stored
HTML-escaped: a headline such as ``</title><script>…`` then shows as text.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import yaml
import yaml.resolver

PRINTED_RAW = ("title", "description")
# Material's search ranks by a document boost from the front matter: articles first. Listings
# (home, archive, sources, timeline, quotes, indexes) only repeat the articles' words: they are
# left out of the index (Material's ``search.exclude``; the theme leaves them out of Pagefind too).
ARTICLE_SEARCH: dict[str, object] = {"boost": 10}
ENTITY_SEARCH: dict[str, object] = {"boost": 0.01}  # found by the name, after the articles that say it
LIST_SEARCH: dict[str, object] = {"exclude": True}
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: same output, many times faster


def front_matter(meta: dict[str, object]) -> str:
    """A front-matter block; values are dumped by PyYAML, so ':', '---', '#' and quotes are safe."""
    safe = {
        key: html.escape(" ".join(value.split()), quote=True) if key in PRINTED_RAW and isinstance(value, str) else value
        for key, value in meta.items()
    }
    body = _plain_body(safe)
    if body is None:
        body = _dump(safe)
    return f"---\n{body}---\n"


def _dump(meta: dict[str, object]) -> str:
    return yaml.dump(meta, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)


# What PyYAML writes as a plain scalar (``key: text``) in a block mapping: no indicator first, no ': ' or ' #',
# no space or ':' last, printable characters only (libyaml's: no plane 1-16, no BOM, no line or paragraph
# separator), short of the width where it would fold the line. Anything else goes to PyYAML itself.
_PLAIN = re.compile(
    r"[A-Za-z0-9(\u00a1-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]"
    r"(?:[ -9;-~\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]|:(?! ))*"
    r"(?<![ :])"
)
_PLAIN_LENGTH = 4_000  # far below the dump's width (10,000)
_KEY_LENGTH = 100  # a longer key is written as a complex key (``? key``)
_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
_OTHER: dict[tuple[str, str, str], str] = {}  # a key with a value that is not text: its line(s), as PyYAML dumps them
_SCALARS = (bool, int, float, type(None))


def _plain(text: str) -> bool:
    """Whether PyYAML dumps ``text`` as it is: plain, and read back as text (not a number, date, bool…)."""
    return (
        len(text) < _PLAIN_LENGTH
        and " #" not in text
        and _PLAIN.fullmatch(text) is not None
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR
    )


@lru_cache(maxsize=256)  # a few keys on every page
def _plain_key(key: str) -> bool:
    return len(key) <= _KEY_LENGTH and _plain(key)


def _plain_body(meta: dict[str, object]) -> str | None:
    """The mapping as PyYAML dumps it, line by line, when every key and text value is plain and every other
    value is a scalar or a flat mapping or list of scalars (dumped by PyYAML once, then reused): PyYAML's
    representer is pure Python, about all of a page's front-matter time. None for anything else."""
    lines: list[str] = []
    seen: set[int] = set()
    for key, value in meta.items():
        if type(key) is not str or not _plain_key(key):
            return None
        if type(value) is str:
            if not _plain(value):
                return None
            lines.append(f"{key}: {value}\n")
            continue
        shape = _shape(value)
        if shape is None or (not isinstance(value, _SCALARS) and id(value) in seen):
            return None  # an object met twice is dumped as an anchor and an alias
        seen.add(id(value))
        known = (key, type(value).__name__, shape)
        if known not in _OTHER:
            if len(_OTHER) > 1_024:
                return None
            _OTHER[known] = _dump({key: value})
        lines.append(_OTHER[known])
    return "".join(lines)


def _shape(value: object) -> str | None:
    """A value's exact text (``repr`` tells 1, 1.0, True and '1' apart) when it is a scalar, or a flat
    dict (text keys) or list of scalars and text; None otherwise."""
    if type(value) in _SCALARS:
        return repr(value)
    if type(value) is dict and all(type(k) is str and type(v) in (*_SCALARS, str) for k, v in value.items()):
        return repr([(k, type(v).__name__, v) for k, v in value.items()])
    if type(value) is list and all(type(v) in (*_SCALARS, str) for v in value):
        return repr([(type(v).__name__, v) for v in value])
    return None
