"""Which search the site gets: Material's single index for small dossiers, Pagefind past a size.

``search: auto`` (the default in site_config/site.yml) decides by the number of
article files. Material's index holds the text of every searchable page and the
reader's browser downloads it whole before the first result; Pagefind fetches a
few chunks per query. The threshold comes from measurement (`python -m bench`):
Material's index grows by about 7 KB per article (article text and entity pages,
listings excluded), so past ``PAGEFIND_FROM`` articles it would exceed 5 MB.
"""

from __future__ import annotations

from generator.config import SiteConfig
from generator.pipeline import discover

PAGEFIND_FROM = 600  # articles; see the module docstring and README "Scale by design"
MATERIAL_INDEX_LIMIT = 5_000_000  # bytes a reader may download before the first result


def engine_for(choice: str, articles: int) -> str:
    """``material`` or ``pagefind`` for a site.yml ``search`` value and a number of articles."""
    if choice != "auto":
        return choice
    return "pagefind" if articles >= PAGEFIND_FROM else "material"


def search_engine(config: SiteConfig) -> str:
    """The engine this project's build uses (counts the article files when ``search: auto``)."""
    if config.search != "auto":
        return config.search
    return engine_for("auto", len(discover(config.content_dir)[0]))


def mkdocs_env(engine: str) -> dict[str, str]:
    """What mkdocs.yml reads (extra.search_engine, the search plugin's ``enabled``) for an engine."""
    if engine == "pagefind":
        return {"DOSSIER_SEARCH": "pagefind", "DOSSIER_MATERIAL_SEARCH": "false"}
    return {"DOSSIER_SEARCH": "material", "DOSSIER_MATERIAL_SEARCH": "true"}
