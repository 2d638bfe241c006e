"""The theme parts rendered once per folder (generator/chrome.py, site_config/overrides) give every
page the HTML the theme renders on each page: tabs, navigation, header, footer, scripts' settings.
Compared with runs of whitespace collapsed: the navigation block's override indents differently."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import get_context
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from generator.chrome import ChromeCache
from generator.cli import main
from tests.conftest import make_project


def _render_all(project: Path, chrome: bool, env_vars: dict[str, str]) -> dict[str, str]:
    """Every page's HTML as `mkdocs build` renders it, with or without the per-folder cache."""
    saved = dict(os.environ)
    os.environ.update(DOSSIER_SKIP_CONVERT="1", NO_MKDOCS_2_WARNING="1", **env_vars)
    try:
        config = load_config(str(project / "mkdocs.yml"))
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
        if not chrome:
            del env.globals["dossier_chrome"]
        docs = files.documentation_pages()
        out = {}
        for file in docs:
            page: Any = file.page
            page.read_source(config)
            page.render(config, files)
        for file in docs:
            page = file.page
            page.active = True
            context = config.plugins.on_page_context(get_context(nav, docs, config, page), page=page, config=config, nav=nav)
            out[file.src_uri] = env.get_template("main.html").render(context)
            page.active = False
        return out
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("chrome"))
    assert main(["convert", "--root", str(root), "-q"]) == 0
    return root


@pytest.mark.parametrize("engine", ["material", "pagefind"])
def test_cached_chrome_is_the_html_the_theme_renders_on_every_page(project: Path, engine: str) -> None:
    search = {"DOSSIER_SEARCH": engine, "DOSSIER_MATERIAL_SEARCH": str(engine == "material").lower()}
    cached, plain = _render_all(project, True, search), _render_all(project, False, search)
    assert len(cached) > 20 and cached.keys() == plain.keys()
    for uri in cached:
        assert cached[uri].split() == plain[uri].split(), uri
    article = next(uri for uri in cached if uri.startswith("articles/"))
    assert 'data-md-component="header-topic"' in cached[article] and 'id="__config"' in cached[article]


def test_the_cache_renders_a_folder_once_outside_the_nav() -> None:
    class File:
        def __init__(self, src: str) -> None:
            self.src_uri = src

    class Page:
        def __init__(self, src: str, url: str) -> None:
            self.file, self.url = File(src), url

    calls: list[str] = []
    cache = ChromeCache(["index.md"])

    def body(text: str) -> Any:
        return lambda: calls.append(text) or text

    assert cache("nav", Page("a/x.md", "a/x.html"), body("x")) == "x"
    assert cache("nav", Page("a/y.md", "a/y.html"), body("y")) == "x"  # same folder: the first page's HTML
    assert cache("nav", Page("b/z.md", "b/z.html"), body("z")) == "z"
    assert cache("nav", Page("index.md", "index.html"), body("i")) == "i"
    assert cache("nav", Page("index.md", "index.html"), body("j")) == "j"  # in the nav: rendered each time
    assert calls == ["x", "z", "i", "j"]
