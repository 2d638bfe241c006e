"""YAML front matter that always parses, and whose text is safe where themes print it raw.

MkDocs renders templates without autoescaping: Material prints ``page.title``
into <title>, the header and the search index, and ``page.meta.description``
into a meta attribute, as they are. So those two values are stored
HTML-escaped: a headline such as ``</title><script>…`` then shows as text.
"""

from __future__ import annotations

import html

import yaml

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
    body = yaml.dump(safe, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
    return f"---\n{body}---\n"
