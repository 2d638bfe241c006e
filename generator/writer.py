"""Pages -> docs/: write only what changed, remember what was generated, remove what is stale.

Hand-written pages are never touched: a path that exists but was not written
by a previous run (it is not in the manifest) is left alone and reported.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.models import Page

MANIFEST = ".dossier-manifest.json"


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]
    kept_handwritten: tuple[str, ...]


class WriterError(Exception):
    """Two pages claim one path, or a path would leave docs/."""


def _check_paths(pages: Sequence[Page]) -> None:
    seen: set[str] = set()
    for page in pages:
        pure = PurePosixPath(page.path)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts:
            raise WriterError(f"{page.path}: path: expected a path inside docs/, found one that leaves it")
        if page.path in seen:
            raise WriterError(f"{page.path}: path: expected one page per path, found two")
        seen.add(page.path)


def read_manifest(docs: Path) -> set[str]:
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {str(p) for p in data.get("generated", [])} if isinstance(data, dict) else set()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` atomically (temporary file, then rename) unless the file holds it already.

    The one way the generator writes a file, so a reader (MkDocs, an editor) never sees half of one
    and an unchanged file keeps its timestamp (``serve`` rebuilds on every change).
    """
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp-dossier")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def _prune_empty_dirs(docs: Path, removed: Sequence[str]) -> None:
    for rel in sorted({str(PurePosixPath(r).parent) for r in removed}, key=len, reverse=True):
        folder = docs / rel
        while folder != docs and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def _holds(target: Path, data: bytes) -> bool:
    """The file holds these bytes: its size first (no read when it differs), then its content."""
    try:
        return os.stat(target).st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def write_pages(pages: Sequence[Page], docs: Path, same: Collection[str] = ()) -> WriteReport:
    """Make docs/ hold exactly these generated pages, plus whatever a person wrote there.

    ``same``: generated pages the caller has just read back from docs/ (rerender.PageMemo),
    so known to hold their text already: they are not read again.
    """
    _check_paths(pages)
    previous = read_manifest(docs)
    written: list[str] = []
    kept: list[str] = []
    generated: list[str] = []
    unchanged = 0
    changed: list[tuple[Path, Page]] = []  # pages, not their bytes: a cold run would hold the whole site twice
    for page in pages:
        target = docs / page.path
        if page.path not in previous and (target.exists() or target.is_symlink()):
            kept.append(page.path)
            continue
        generated.append(page.path)
        if page.path in same and page.path in previous:
            unchanged += 1
            continue
        if _holds(target, page.text.encode("utf-8")):
            unchanged += 1
        else:
            changed.append((target, page))
            written.append(page.path)
    for target, page in changed:  # in one burst at the end: a watcher (mkdocs serve) sees one change, rebuilds once
        write_if_changed(target, page.text.encode("utf-8"))
    current = set(generated)
    removed = []
    for rel in sorted(previous - current):
        target = docs / rel
        if target.is_file() and not target.is_symlink():
            target.unlink()
            removed.append(rel)
    _prune_empty_dirs(docs, removed)
    manifest = json.dumps({"generated": sorted(current)}, indent=0).encode("utf-8") + b"\n"
    write_if_changed(docs / MANIFEST, manifest)
    return WriteReport(tuple(written), unchanged, tuple(removed), tuple(kept))
