"""The editor's review loop: names found in the text but not in the gazetteer.

They are written to site_config/entities.suggested.yml with counts and example
sentences; the editor moves each into entities.yml or under its `ignore:` list.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import yaml

from generator.config import SiteConfig
from generator.corpus import Corpus

SUGGESTIONS_FILE = "entities.suggested.yml"
EXAMPLES = 3


@dataclass(frozen=True)
class Suggestion:
    name: str
    kind: str
    count: int
    examples: tuple[str, ...]


def suggestions_for(corpus: Corpus) -> list[Suggestion]:
    """Discovered (not curated) entities, most mentioned first."""
    counts: dict[str, int] = defaultdict(int)
    examples: dict[str, list[str]] = defaultdict(list)
    for info in corpus.articles:
        blocks = dict(info.analysis.article.text_blocks())
        for mention in info.analysis.mentions:
            entity = corpus.entities.get(mention.entity)
            if entity is None or entity.curated:
                continue
            counts[entity.id] += 1
            text = blocks.get(mention.paragraph, "")
            example = f"{info.analysis.article.source}: {text[max(0, mention.start - 80): mention.end + 80].strip()}"
            if len(examples[entity.id]) < EXAMPLES and example not in examples[entity.id]:
                examples[entity.id].append(example)
    out = [
        Suggestion(corpus.entities[eid].name, corpus.entities[eid].kind, n, tuple(examples[eid]))
        for eid, n in counts.items()
    ]
    return sorted(out, key=lambda s: (-s.count, s.name))


def write_suggestions(config: SiteConfig, suggestions: list[Suggestion]) -> bool:
    """Write the suggestions file if its bytes change; return whether it was written."""
    path = config.root / "site_config" / SUGGESTIONS_FILE
    data = {
        "about": "Names found in the articles but not in entities.yml. Move each into entities.yml, "
        "or list it under `ignore:` there. This file is rewritten by every conversion.",
        "suggestions": [
            {"name": s.name, "kind": s.kind, "mentions": s.count, "examples": list(s.examples)} for s in suggestions
        ],
    }
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120).encode("utf-8")
    if path.exists() and path.read_bytes() == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text)
    return True
