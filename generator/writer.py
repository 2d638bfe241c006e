"""Pages -> docs/: write only what changed, remember what was generated, remove what is stale.

Hand-written pages are never touched: a path that exists but was not written
by a previous run (it is not in the manifest) is left alone and reported.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Collection, Iterable, Sequence
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


def _check_path(page: Page, seen: set[str]) -> None:
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


class _Held:
    """Changed pages kept until the burst: in memory, or (``staging``) as files beside docs/ on the
    same disk, renamed into place at the end, so a large site is never held in memory whole."""

    def __init__(self, staging: Path | None) -> None:
        self.staging = staging
        self.texts: list[tuple[Path, str]] = []
        self.files: list[tuple[Path, Path]] = []
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)  # what a run that stopped half-way left
            staging.mkdir(parents=True, exist_ok=True)

    def add(self, target: Path, page: Page, data: bytes) -> None:
        if self.staging is None:
            self.texts.append((target, page.text))  # the text, not also its bytes: a cold run would hold the site twice
            return
        staged = self.staging / f"{len(self.files)}.md"
        staged.write_bytes(data)
        self.files.append((target, staged))

    def burst(self) -> None:
        """Put every changed page in place, one after the other: a watcher (mkdocs serve) rebuilds once."""
        for target, text in self.texts:
            write_if_changed(target, text.encode("utf-8"))
        folders: set[Path] = set()
        for target, staged in self.files:
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            try:
                os.replace(staged, target)
            except OSError:  # another disk: copy through a temporary file beside the target
                write_if_changed(target, staged.read_bytes())
        self.discard()

    def discard(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)


def write_pages(pages: Iterable[Page], docs: Path, same: Collection[str] = (), staging: Path | None = None) -> WriteReport:
    """Make docs/ hold exactly these generated pages, plus whatever a person wrote there.

    ``pages`` may be a generator: each page is compared (and, when changed, staged) as it
    comes, and nothing in docs/ changes until the last one is in. ``same``: generated pages
    the caller has read back from docs/ (rerender.PageMemo), so known to hold their text:
    they are not read again (it may grow while ``pages`` is consumed). ``staging``: a folder
    on the disk of docs/ for changed pages (else they are held in memory until the burst).
    """
    previous = read_manifest(docs)
    written: list[str] = []
    kept: list[str] = []
    generated: list[str] = []
    seen: set[str] = set()
    unchanged = 0
    held = _Held(staging)
    try:
        for page in pages:
            _check_path(page, seen)
            target = docs / page.path
            if page.path not in previous and (target.exists() or target.is_symlink()):
                kept.append(page.path)
                continue
            generated.append(page.path)
            if page.path in same and page.path in previous:
                unchanged += 1
                continue
            data = page.text.encode("utf-8")
            if _holds(target, data):
                unchanged += 1
            else:
                held.add(target, page, data)
                written.append(page.path)
    except BaseException:
        held.discard()
        raise
    held.burst()
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
