"""The editor's review loop: names found in the text but not in the gazetteer.

They are written to site_config/entities.suggested.yml with counts and example
sentences; the editor moves each into entities.yml or under its `ignore:` list.
``refresh`` is the one policy for when the file is rewritten, called after every
conversion by ``dossier build``/``convert``/``serve`` and by the MkDocs plugin
(``mkdocs build``/``mkdocs serve``) alike; the bytes go through the writer's atomic write.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import yaml

from generator.analysis.entities.recognise import Suggestion, suggestions
from generator.cache import CACHE_DIR
from generator.config import SiteConfig
from generator.dossier.corpus import Corpus
from generator.language import textmemo
from generator.writer import write_if_changed

SUGGESTIONS_FILE = "entities.suggested.yml"
SUGGESTIONS_MARK = "suggestions.json"  # under .cache/dossier/: what the suggestions file was last written from


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
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml writes the same bytes 3x faster (8,784 names: 0.9 s)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=120).encode("utf-8")


def write_suggestions(config: SiteConfig, found: list[Suggestion]) -> bool:
    """Write the suggestions file if its bytes change; return whether it was written.

    Turning thousands of suggestions into YAML takes seconds, so the digest of what was
    written last is kept under .cache/ with the file's size and time: the same suggestions
    and an untouched file mean the bytes would be the same, and the file is not rebuilt.
    """
    path = config.root / "site_config" / SUGGESTIONS_FILE
    mark = config.root / CACHE_DIR / SUGGESTIONS_MARK
    digest = hashlib.sha256(repr(found).encode("utf-8", "surrogatepass")).hexdigest()
    now = _mark(path, digest)
    if now is not None and now == _read_mark(mark):
        return False
    written = write_if_changed(path, suggestions_text(found))
    try:
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.write_text(json.dumps(_mark(path, digest)), encoding="utf-8")
    except OSError:
        pass  # the mark only saves time
    return written


def _mark(path: Path, digest: str) -> list[object] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [digest, st.st_size, st.st_mtime_ns]


def _read_mark(mark: Path) -> list[object] | None:
    try:
        data = json.loads(mark.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, list) else None


def refresh(config: SiteConfig, reused: bool, corpus: Callable[[], Corpus]) -> bool:
    """After a conversion: rewrite the suggestions unless nothing changed and the file exists.

    ``corpus`` is called only when needed: a conversion that reused everything builds its
    corpus lazily, and an unchanged dossier should cost nothing here.
    """
    if reused and (config.root / "site_config" / SUGGESTIONS_FILE).exists():
        return False
    found = suggestions_for(corpus())
    textmemo.save_again()  # the sentences it cut, for the next run (language/textmemo.py)
    return write_suggestions(config, found)
