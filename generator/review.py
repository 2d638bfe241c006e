"""The editor's review loop: names found in the text but not in the gazetteer.

They are written to site_config/entities.suggested.yml with counts and example
sentences; the editor moves each into entities.yml or under its `ignore:` list.
"""

from __future__ import annotations

import yaml

from generator.analysis.entities.recognise import Suggestion, suggestions
from generator.config import SiteConfig
from generator.dossier.corpus import Corpus

SUGGESTIONS_FILE = "entities.suggested.yml"


def suggestions_for(corpus: Corpus) -> list[Suggestion]:
    """Discovered (not curated) entities across the dossier, most mentioned first."""
    return suggestions((info.analysis.article, info.analysis.mentions, info.analysis.discovered) for info in corpus.articles)


def write_suggestions(config: SiteConfig, found: list[Suggestion]) -> bool:
    """Write the suggestions file if its bytes change; return whether it was written."""
    path = config.root / "site_config" / SUGGESTIONS_FILE
    data = {
        "about": "Names found in the articles but not in entities.yml. Move each into entities.yml, "
        "or list it under `ignore:` there. This file is rewritten by every conversion.",
        "suggestions": [
            s.as_dict() for s in found
        ],
    }
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120).encode("utf-8")
    if path.exists() and path.read_bytes() == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text)
    return True
