"""One Markdown converter for the whole build renders every page as MkDocs' own Page.render does."""

from __future__ import annotations

import os
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from generator.cli import main
from generator.mkdocs_render import SUPPORTED, Converters, install, render
from tests.conftest import make_project


def _state(page: Page) -> tuple[Any, ...]:
    toc = [(item.id, item.title, item.level, len(item.children)) for item in page.toc]
    return page.content, toc, page.title, page.present_anchor_ids, page.links_to_anchors


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any, list[Page]]:
    project = make_project(tmp_path_factory.mktemp("render"))
    assert main(["convert", "--root", str(project), "-q"]) == 0
    (project / "docs" / "empty.md").write_text("", encoding="utf-8")  # Markdown returns early on an empty page
    saved = dict(os.environ)
    os.environ.update(DOSSIER_SKIP_CONVERT="1", NO_MKDOCS_2_WARNING="1")
    try:
        config = load_config(str(project / "mkdocs.yml"))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    files = get_files(config)
    get_navigation(files, config)
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    for page in pages:
        page.read_source(config)
    return config, files, pages


def test_the_shared_converter_renders_every_page_as_mkdocs_does(site: tuple[Any, Any, list[Page]]) -> None:
    assert SUPPORTED, "MkDocs changed: generator/mkdocs_render.py must be checked against its Page.render"
    config, files, pages = site
    assert len(pages) > 20
    expected = []
    for page in pages:
        Page.render(page, config, files)
        expected.append(_state(page))
    converters = Converters()
    for page, want in zip(reversed(pages), reversed(expected), strict=True):  # another order: no state carried over
        render(page, config, files, converters)
        assert _state(page) == want, page.file.src_uri


def test_install_replaces_render_on_that_page_only(site: tuple[Any, Any, list[Page]]) -> None:
    config, files, pages = site
    first, second = pages[0], pages[1]
    install(first, Converters())
    assert "render" in vars(first) and "render" not in vars(second)
    first.render(config, files)
    assert first.content
