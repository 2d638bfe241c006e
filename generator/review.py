"""The editor's review loop: names found in the text but not in the gazetteer.

They are written to site_config/entities.suggested.yml with counts and example
sentences; the editor moves each into entities.yml or under its `ignore:` list.
``refresh`` is the one policy for when the file is rewritten, called after every
conversion by ``dossier build``/``convert``/``serve`` and by the MkDocs plugin
(``mkdocs build``/``mkdocs serve``) alike; the bytes go through the writer's atomic write.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

from generator.analysis.entities.recognise import Suggestion, suggestions
from generator.config import SiteConfig
from generator.dossier.corpus import Corpus
from generator.writer import write_if_changed

SUGGESTIONS_FILE = "entities.suggested.yml"


def suggestions_for(corpus: Corpus) -> list[Suggestion]:
    """Discovered (not curated) entities across the dossier, most mentioned first."""
    return suggestions((info.analysis.article, info.analysis.mentions, info.analysis.discovered) for info in corpus.articles)


def suggestions_text(found: list[Suggestion]) -> bytes:
    """The suggestions file as YAML bytes (stable order, so an unchanged dossier gives the same bytes)."""
    data = {
        "about": "Names found in the articles but not in entities.yml. Move each into entities.yml, "
        "or list it under `ignore:` there. This file is rewritten by every conversion.",
        "suggestions": [s.as_dict() for s in found],
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120).encode("utf-8")


def write_suggestions(config: SiteConfig, found: list[Suggestion]) -> bool:
    """Write the suggestions file if its bytes change; return whether it was written."""
    return write_if_changed(config.root / "site_config" / SUGGESTIONS_FILE, suggestions_text(found))


def refresh(config: SiteConfig, reused: bool, corpus: Callable[[], Corpus]) -> bool:
    """After a conversion: rewrite the suggestions unless nothing changed and the file exists.

    ``corpus`` is called only when needed: a conversion that reused everything builds its
    corpus lazily, and an unchanged dossier should cost nothing here.
    """
    if reused and (config.root / "site_config" / SUGGESTIONS_FILE).exists():
        return False
    return write_suggestions(config, suggestions_for(corpus()))
