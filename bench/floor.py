"""The engine floor: MkDocs with the project's theme building each article's plain text as one page."""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load


def read_mkdocs_yml(path: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it: ``!ENV`` and ``!relative`` tags resolved (``yaml.safe_load`` fails on them)."""
    saved = dict(os.environ)
    try:
        os.environ.update(env or {})
        with path.open(encoding="utf-8") as handle:
            return dict(yaml_load(handle))
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _plain_page(text: str) -> str:
    """An article as plain Markdown: headline as the title, paragraphs escaped."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    if not blocks:
        return "# (empty)\n"
    head, *body = blocks
    lines = [f"# {html.escape(head.splitlines()[0])}", ""]
    for block in body:
        lines += [html.escape(" ".join(block.split())), ""]
    return "\n".join(lines)


def make_floor(where: Path, project: Path, engine: str = "material") -> Path:
    """A bare MkDocs project: the same theme settings, one plain page per article, and the same search
    as the build it is the floor of: Material's search plugin when the build uses it, none when the
    build indexes with Pagefind (MkDocs then builds without it, and Pagefind's time is the build's)."""
    root = where / "floor"
    (root / "docs" / "a").mkdir(parents=True)
    shutil.copytree(project / "site_config" / "overrides", root / "site_config" / "overrides")
    config = read_mkdocs_yml(project / "mkdocs.yml", {"DOSSIER_SEARCH": "material", "DOSSIER_MATERIAL_SEARCH": "true"})
    config["plugins"] = ["search"] if engine == "material" else []
    config["nav"] = [{"Home": "index.md"}]
    config["not_in_nav"] = "/a/**\n"
    config.pop("validation", None)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Floor\n\nPlain pages of the same articles.\n", encoding="utf-8")
    content = project / "content"
    for n, path in enumerate(sorted(p for p in content.rglob("*") if p.is_file())):
        text = path.read_bytes().decode("utf-8", errors="replace")
        (root / "docs" / "a" / f"{n:05d}.md").write_text(_plain_page(text), encoding="utf-8")
    return root
