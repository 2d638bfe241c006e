"""The MkDocs plugin: thin. It runs the conversion before each build and watches the inputs.

Registered as ``dossier`` under the ``mkdocs.plugins`` entry point, so plain
``mkdocs build`` and ``mkdocs serve`` convert content/ first. The pages it
writes are finished Markdown: the site still renders without this plugin.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from generator.config import ConfigError, load_config
from generator.pipeline import convert
from generator.serve import prune_stale

log = logging.getLogger("mkdocs.plugins.dossier")


class DossierConfig(Config):
    root = config_options.Type(str, default="")
    """Project root holding content/ and site_config/; default: the folder of mkdocs.yml."""
    enabled = config_options.Type(bool, default=True)
    """Set false to build the already generated docs/ without converting."""


class DossierPlugin(BasePlugin[DossierConfig]):
    def _root(self, config: Any) -> Path:
        return Path(self.config.root) if self.config.root else Path(config["config_file_path"]).parent

    def on_pre_build(self, *, config: Any) -> None:
        if not self.config.enabled or os.environ.get("DOSSIER_SKIP_CONVERT") == "1":
            return  # `dossier build` converted already
        try:
            site = load_config(self._root(config))
        except ConfigError as exc:
            raise PluginError(f"site_config/ is invalid:\n{exc}") from exc
        result = convert(site)
        # Unreadable files are listed on the Problems page and make `dossier build` exit 1;
        # here they warn, unless --strict, where they must not stop the rest of the site.
        loud = log.info if config.get("strict") else log.warning
        for problem in result.problems:
            (loud if problem.level == "error" else log.info)("dossier: %s", problem.line())
        if result.report and result.report.written:
            log.info("dossier: %d page(s) written, %d unchanged", len(result.report.written), result.report.unchanged)
        for path in result.report.kept_handwritten if result.report else ():
            log.info("dossier: docs/%s is hand-written; the generated page was not written", path)

    def on_files(self, files: Any, /, *, config: Any) -> Any:
        self._dests = {f.dest_uri for f in files}  # for prune_stale under `dossier serve`
        return files

    def on_post_build(self, *, config: Any) -> None:
        if os.environ.get("DOSSIER_SERVE") == "1":  # dirty builds: drop the HTML of removed pages
            prune_stale(Path(config["site_dir"]), getattr(self, "_dests", set()))

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        if not self.config.enabled or os.environ.get("DOSSIER_SKIP_CONVERT") == "1":  # `dossier serve` converts and watches
            return server
        root = self._root(config)
        try:
            site = load_config(root)
            watched = [site.content_dir, root / "site_config"]
        except ConfigError:
            watched = [root / "content", root / "site_config"]
        for folder in watched:
            if folder.is_dir():
                server.watch(str(folder))
        return server
