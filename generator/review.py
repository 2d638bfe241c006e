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
import marshal
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from generator.analysis.entities.recognise import Suggestion, suggestions
from generator.analysis.entities.suggestions import Part, Parts
from generator.cache import CACHE_DIR, code_fingerprint, collector_held, long_running
from generator.config import SiteConfig
from generator.dossier.corpus import Corpus
from generator.language import textmemo
from generator.plainyaml import dumped
from generator.writer import write_if_changed

SUGGESTIONS_FILE = "entities.suggested.yml"
SUGGESTIONS_MARK = "suggestions.json"  # under .cache/dossier/: what the suggestions file was last written from
SUGGESTIONS_CHUNKS = "suggestions.marshal"  # under .cache/dossier/: the YAML of each suggestion last written
SUGGESTIONS_PARTS = "suggested.marshal"  # under .cache/dossier/: each article's share of them (suggestions.Parts)


def suggestions_for(corpus: Corpus, parts: Parts | None = None) -> list[Suggestion]:
    """Discovered (not curated) entities across the dossier, most mentioned first."""
    analysed = ((info.analysis.article, info.analysis.mentions, info.analysis.discovered) for info in corpus.articles)
    return suggestions(analysed, parts=parts)


ABOUT = (
    "Names found in the articles but not in entities.yml. Move each into entities.yml, "
    "or list it under `ignore:` there. This file is rewritten by every conversion."
)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml writes the same bytes 3x faster (8,784 names: 0.9 s)
_LIST_HEAD = "suggestions: null\n"


def _dump(data: object) -> str:
    """The YAML ``yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=120)`` writes, by
    libyaml's emitter alone for plain data (plainyaml.py: 8,784 names in 0.17 s instead of 0.97 s)."""
    return dumped(data, 120)


def suggestions_text(
    found: list[Suggestion], chunks: dict[bytes, str] | None = None, keys: list[bytes] | None = None
) -> bytes:
    """The suggestions file as YAML bytes (stable order, so an unchanged dossier gives the same bytes).

    Each suggestion is written as its own one-item list: the list under ``suggestions:`` is not
    indented, so the pieces joined are the bytes of the whole document dumped at once
    (tests/test_review_chunks.py). ``chunks`` holds pieces already written, by suggestion
    (``_chunk_key``; ``keys`` are those of ``found`` when known): after an edit only the names
    it changed are turned into YAML again.
    """
    head = _dump({"about": ABOUT, "suggestions": None})
    if not found or not head.endswith(_LIST_HEAD):
        return _dump({"about": ABOUT, "suggestions": [s.as_dict() for s in found]}).encode("utf-8")
    memo = chunks if chunks is not None else {}
    keys = keys if keys is not None else [_chunk_key(s) for s in found]
    missing = {key: s for key, s in zip(keys, found, strict=True) if key not in memo}
    memo.update(zip(missing, _pieces(list(missing.values())), strict=True))
    return "".join([head[: -len(_LIST_HEAD)], "suggestions:\n", *(memo[key] for key in keys)]).encode("utf-8")


def _pieces(found: list[Suggestion]) -> list[str]:
    """Each suggestion's YAML, from one dump of them all (one call costs far less than thousands).

    An item starts each line that begins with "- ": what an item holds is indented below it.
    """
    if not found:
        return []
    text = _dump([s.as_dict() for s in found])
    starts = [0] + [m.start() + 1 for m in re.finditer(r"\n(?=- )", text)]
    if len(starts) != len(found):
        return [_dump([s.as_dict()]) for s in found]  # not as expected: one dump each, the same bytes
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _chunk_key(s: Suggestion) -> bytes:
    """A digest of everything ``Suggestion.as_dict`` writes (kept instead of the sentences themselves).

    marshal's format 0 (no shared references, no interning) gives equal bytes for equal values.
    """
    shown = (s.name, s.kind, s.count, s.articles, s.aliases, s.examples)
    try:
        blob = marshal.dumps(shown, 0)
    except ValueError:  # not plain data
        blob = repr(shown).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(blob, digest_size=16).digest()


def write_suggestions(config: SiteConfig, found: list[Suggestion]) -> bool:
    """Write the suggestions file if its bytes change; return whether it was written.

    Turning thousands of suggestions into YAML takes seconds, so the digest of what was
    written last is kept under .cache/ with the file's size and time: the same suggestions
    and an untouched file mean the bytes would be the same, and the file is not rebuilt.
    When it is, the YAML of each suggestion written last time is reused (``SUGGESTIONS_CHUNKS``).
    """
    path = config.root / "site_config" / SUGGESTIONS_FILE
    cache = config.root / CACHE_DIR
    mark = cache / SUGGESTIONS_MARK
    keys = [_chunk_key(s) for s in found]
    digest = hashlib.sha256(b"".join(keys)).hexdigest()
    now = _mark(path, digest)
    if now is not None and now == _read_mark(mark):
        return False
    chunks = _load_chunks(cache / SUGGESTIONS_CHUNKS)
    written = write_if_changed(path, suggestions_text(found, chunks, keys))
    keep = {key: chunks[key] for key in keys if key in chunks}
    try:
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.write_text(json.dumps(_mark(path, digest)), encoding="utf-8")
        write_if_changed(cache / SUGGESTIONS_CHUNKS, marshal.dumps((_chunks_version(), keep)))
    except OSError:
        pass  # the mark and the pieces only save time
    return written


def _chunks_version() -> str:
    return f"{code_fingerprint()}:{yaml.__version__}:{_DUMPER.__name__}"


def _load_chunks(path: Path) -> dict[bytes, str]:
    """The YAML of each suggestion as last written, or nothing when absent, damaged or of other code."""
    try:
        version, chunks = marshal.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - a damaged or foreign file is a miss, whatever it raises
        return {}
    return chunks if version == _chunks_version() and isinstance(chunks, dict) else {}


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


_PARTS_HELD: dict[Path, dict[bytes, Part]] = {}  # a long-running process: the shares it last used


def _parts_version() -> str:
    return code_fingerprint()


def _load_parts(path: Path) -> Parts:
    """The articles' shares of the suggestions kept by the last run; none when absent, damaged or of other code."""
    if path in _PARTS_HELD:
        return Parts(_PARTS_HELD[path])
    try:
        version, held = marshal.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - a damaged or foreign file is a miss, whatever it raises
        return Parts()
    return Parts(held) if version == _parts_version() and isinstance(held, dict) else Parts()


def _save_parts(path: Path, parts: Parts) -> None:
    """Keep the shares this run used, when they are not those it read."""
    if long_running():
        _PARTS_HELD[path] = parts.used
    if not parts.added and len(parts.used) == len(parts.held):
        return
    try:
        write_if_changed(path, marshal.dumps((_parts_version(), parts.used)))
    except (OSError, ValueError):
        pass  # they only save time


def refresh(config: SiteConfig, reused: bool, corpus: Callable[[], Corpus]) -> bool:
    """After a conversion: rewrite the suggestions unless nothing changed and the file exists.

    ``corpus`` is called only when needed: a conversion that reused everything builds its
    corpus lazily, and an unchanged dossier should cost nothing here.
    """
    if reused and (config.root / "site_config" / SUGGESTIONS_FILE).exists():
        return False
    kept = config.root / CACHE_DIR / SUGGESTIONS_PARTS
    with collector_held():  # thousands of suggestions, none of them garbage
        parts = _load_parts(kept)
        found = suggestions_for(corpus(), parts)
        _save_parts(kept, parts)
        textmemo.save_again()  # the sentences it cut, for the next run (language/textmemo.py)
        return write_suggestions(config, found)
