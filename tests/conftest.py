"""Shared fixtures: the project root, ../shared (skipped when absent), the sample dossier."""

from __future__ import annotations

import gc
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from generator.config import SiteConfig, load_config
from generator.dossier.corpus import Corpus
from generator.language.lexicon import QuoteCues, load_cues
from generator.pipeline import analyse_dossier

ROOT = Path(__file__).resolve().parents[1]
# No warm converter (generator/warm.py) is left behind by the commands tests run; tests/test_warm.py asks for one.
os.environ["DOSSIER_WARM"] = "0"
# The compiled word lists (cache.lists_folder) of the whole run go to one folder of its own, not the user's ~/.cache.
os.environ.setdefault("DOSSIER_LISTS", str(Path(tempfile.gettempdir()) / f"dossier-test-lists-{os.getuid()}"))
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


def docs_bytes(root: Path) -> dict[str, bytes]:
    """Every file under a project's docs/, by its path there: what two conversions are compared by."""
    docs = root / "docs"
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


def cold_docs(tmp: Path, content: Path) -> dict[str, bytes]:
    """``content`` converted in a new project by a new process (nothing remembered): its docs/ bytes."""
    tmp.mkdir()
    root = make_project(tmp, content)
    cmd = [sys.executable, "-c", "from generator.cli import run; run()", "convert", "-q", "--root", str(root)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return docs_bytes(root)


@pytest.fixture()
def serving(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process as `dossier serve` makes it (``keep_in_memory``), put back as it was afterwards."""
    from generator import cache
    from generator.dossier import memo as dossier_memo
    from generator.render import finish

    monkeypatch.setattr(cache, "_HELD", None)
    monkeypatch.setattr(cache, "_LAST_STATE", {})
    monkeypatch.setattr(finish, "_KEPT", None)
    dossier_memo.clear()
    cache.keep_in_memory()
    yield
    dossier_memo.clear()


def harbour_story(headline: str, body: str, day: int) -> str:
    """A short TASS-shaped story of the harbour fixtures (dated March 2019), with one unattributed quote."""
    return f'{headline}\n\nLONDON, March {day}, 2019. /TASS/. {body}\n\n"We are ready," the spokesman said.\n'



def harbour_content(tmp: Path, stories: list[tuple[str, str, str]]) -> Path:
    """``tmp``/content holding the (file name, headline, body) stories, dated March 2, 3, 4…"""
    content = tmp / "content"
    content.mkdir()
    for day, (name, headline, body) in enumerate(stories, start=2):
        (content / name).write_text(harbour_story(headline, body, day), encoding="utf-8")
    return content


TERM_WORDS = "volcano lava ash court trial appeal judge ferry harbour storm vote election minister talks treaty".split()


def random_term_corpus(rng: random.Random, n: int) -> tuple[list[str], list[dict[str, int]], list[str]]:
    """Ids, entity counts and texts of ``n`` invented articles for the related-articles index."""
    ids = [f"a{i:03d}" for i in range(n)]
    counts = [{f"e{rng.randrange(12)}": rng.randrange(1, 4) for _ in range(rng.randrange(0, 4))} for _ in range(n)]
    texts = [" ".join(rng.choice(TERM_WORDS) for _ in range(rng.randrange(5, 30))) for _ in range(n)]
    return ids, counts, texts


@contextmanager
def collector_passes() -> Iterator[list[int]]:
    """The generation of each pass the cyclic collector starts inside the block (``gc.callbacks``)."""
    passes: list[int] = []

    def counted(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    gc.callbacks.append(counted)
    try:
        yield passes
    finally:
        gc.callbacks.remove(counted)
