"""The MkDocs plugin: thin. It runs the conversion before each build and watches the inputs.

Registered as ``dossier`` under the ``mkdocs.plugins`` entry point, so plain
``mkdocs build`` and ``mkdocs serve`` convert content/ first. The pages it
writes are finished Markdown: the site still renders without this plugin.

A good MkDocs citizen: every problem with the content (an unreadable file, a
warning) is logged as a warning, so ``mkdocs build --strict`` fails on it while a
plain build still builds the rest; a conversion that cannot run at all raises
``PluginError`` naming the file and the reason.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from generator.chrome import TEMPLATE_CODE, ChromeCache
from generator.config import CONFIG_DIR, CONFIG_FILES, ConfigError, load_config
from generator.mkdocs_incremental import BuildState, listen, read_nav_pages, rebuild
from generator.mkdocs_render import Converters, install

log = logging.getLogger("mkdocs.plugins.dossier")


class DossierConfig(Config):
    root = config_options.Type(str, default="")
    """Project root holding content/ and site_config/; default: the folder of mkdocs.yml."""
    enabled = config_options.Type(bool, default=True)
    """Set false to build the already generated docs/ without converting."""


class DossierPlugin(BasePlugin[DossierConfig]):
    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Having this hook, the plugin lives as long as `mkdocs serve` (one object for every rebuild)."""
        self.state = BuildState()  # the last build's files, nav and templates: see generator/mkdocs_incremental.py

    def _state(self) -> BuildState:
        if not hasattr(self, "state"):
            self.state = BuildState()
        return self.state

    def _root(self, config: Any) -> Path:
        return Path(self.config.root) if self.config.root else Path(config["config_file_path"]).parent

    def on_pre_build(self, *, config: Any) -> None:
        if not self.config.enabled or os.environ.get("DOSSIER_SKIP_CONVERT") == "1":
            return  # `dossier build` converted already
        # Imported here: under `dossier build` MkDocs only renders, and the analysis stack takes a second to import.
        from generator.pipeline import convert
        from generator.review import refresh
        from generator.warm import converting
        from generator.writer import WriterError

        try:
            site = load_config(self._root(config))
        except ConfigError as exc:
            raise PluginError(f"site_config/ is invalid:\n{exc}") from exc
        with converting(site.root):  # one conversion at a time: a warm converter or a command may be writing
            try:
                result = convert(site)
            except (WriterError, OSError) as exc:
                where = getattr(exc, "filename", None) or "docs/"
                raise PluginError(f"dossier: {where}: the conversion failed: {exc}") from exc
            refresh(site, result.reused, lambda: result.corpus)
        for problem in result.problems:
            log.warning("dossier: %s", problem.line())
        if result.report and result.report.written:
            log.info("dossier: %d page(s) written, %d unchanged", len(result.report.written), result.report.unchanged)
        for path in result.report.kept_handwritten if result.report else ():
            log.info("dossier: docs/%s is hand-written; the generated page was not written", path)

    def on_nav(self, nav: Any, /, *, config: Any, files: Any) -> Any:
        self._nav_pages = [page.file.src_uri for page in nav.pages]
        self._state().nav = nav
        self._converters = Converters()  # one Markdown converter for the build's pages
        return nav

    def on_pre_page(self, page: Any, /, *, config: Any, files: Any) -> Any:
        install(page, self._converters)  # see generator/mkdocs_render.py
        return page

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
        env.globals["dossier_chrome"] = ChromeCache(getattr(self, "_nav_pages", ()))  # see generator/chrome.py
        env.bytecode_cache = TEMPLATE_CODE  # rebuilds under serve reuse the compiled templates
        state = self._state()
        state.config, state.files, state.env = config, files, env
        if os.environ.get("DOSSIER_SERVE") == "1":
            read_nav_pages(state)  # a dirty build reads only the changed pages: the nav needs every title
        return env

    def on_post_build(self, *, config: Any) -> None:
        if os.environ.get("DOSSIER_SERVE") == "1":  # dirty builds: drop the HTML of removed pages
            from generator.serve import prune_stale

            files = self._state().files or ()
            prune_stale(Path(config["site_dir"]), {f.dest_uri for f in files})

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        if os.environ.get("DOSSIER_SERVE") == "1":  # the child of `dossier serve`: rebuild on what it writes to stdin
            state, builder = self._state(), server.builder
            if listen(state, server, sys.stdin.buffer):
                server.unwatch(config["docs_dir"])  # the parent names the pages it wrote, once all are written
                server.build_delay = 0.0  # one line per conversion: no burst of events to wait out
                server.builder = lambda: rebuild(state, builder)
            return server
        if not self.config.enabled or os.environ.get("DOSSIER_SKIP_CONVERT") == "1":  # `dossier serve` converts and watches
            return server
        root = self._root(config)
        try:
            content = load_config(root).content_dir
        except ConfigError:
            content = root / "content"
        # The settings files and theme overrides, not all of site_config/: the review loop writes
        # entities.suggested.yml there after each conversion, which must not trigger another build.
        config_dir = root / CONFIG_DIR
        watched = [content, config_dir / "overrides", *(config_dir / name for name in CONFIG_FILES)]
        for path in watched:
            if path.exists():
                server.watch(str(path))
        return server
