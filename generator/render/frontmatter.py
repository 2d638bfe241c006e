"""YAML front matter that always parses, whatever the headline holds."""

from __future__ import annotations

import yaml


def front_matter(meta: dict[str, object]) -> str:
    """A front-matter block; values are dumped by PyYAML, so ':', '---', '#' and quotes are safe."""
    body = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
    return f"---\n{body}---\n"
