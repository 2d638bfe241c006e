"""Shared fixtures: the project root, ../shared (skipped when absent), the sample dossier."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.config import SiteConfig, load_config
from generator.dossier.corpus import Corpus
from generator.language.lexicon import QuoteCues, load_cues
from generator.pipeline import analyse_dossier

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared(*parts: str) -> Path:
    """A path under ../shared, or skip: it sits beside CI's checkout, not on a user's machine."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is not present (it exists beside CI's checkout only)")
    return path


@pytest.fixture(scope="session")
def config() -> SiteConfig:
    return load_config(ROOT)


@pytest.fixture(scope="session")
def seed_corpus(config: SiteConfig) -> Corpus:
    return analyse_dossier(config)


@pytest.fixture(scope="session")
def cues() -> QuoteCues:
    """The project's cue verbs and role nouns (site_config/quotes.yml), parsed without errors."""
    path = ROOT / "site_config" / "quotes.yml"
    loaded, errors = load_cues(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
    assert errors == []
    return loaded


def make_project(tmp: Path, content: Path | None = None) -> Path:
    """A throwaway copy of the project (config, mkdocs.yml, hand-written docs) around a content folder."""
    root = tmp / "project"
    root.mkdir()
    shutil.copytree(ROOT / "site_config", root / "site_config", ignore=shutil.ignore_patterns("entities.suggested.yml"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "about.md", root / "docs" / "about.md")
    if content is None:
        shutil.copytree(ROOT / "content", root / "content")
    else:
        (root / "content").mkdir()
        for path in sorted(content.iterdir()):
            if path.is_file():
                shutil.copy(path, root / "content" / path.name)
    return root


_MD_LINK = re.compile(r"\]\(([^)#\s]+\.md)(?:#[^)\s]*)?\)")
_HTML_LINK = re.compile(r'href="((?![a-z]+:)[^"#]+\.html)(?:#[^"]*)?"')


def page_links(text: str) -> list[str]:
    """The .md pages a generated page links to: Markdown links, and the hrefs of its finished HTML blocks."""
    found = [(m.start(), m.group(1)) for m in _MD_LINK.finditer(text)]
    found += [(m.start(), m.group(1)[: -len(".html")] + ".md") for m in _HTML_LINK.finditer(text)]
    return [link for _, link in sorted(found)]
