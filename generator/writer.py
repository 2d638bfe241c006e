"""Pages -> docs/: write only what changed, remember what was generated, remove what is stale.

Hand-written pages are never touched: a path that exists but was not written
by a previous run (it is not in the manifest) is left alone and reported.
"""

from __future__ import annotations

import json
import os
import posixpath
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


def _present(docs: Path) -> set[str] | None:
    """Every file and folder under docs/ (relative, '/'-separated), from one walk instead of a stat per page.

    None when the walk meets a symbolic link: a linked folder may hold pages the walk does not
    see, so each page is then checked on its own as before.
    """
    found: set[str] = set()
    folders = [(str(docs), "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.is_symlink():
                return None
            found.add(prefix + entry.name)
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, prefix + entry.name + "/"))
    return found


def _write_new(path: str, data: bytes) -> None:
    """A file that did not exist: written beside its place, then renamed, as write_if_changed does (no read first)."""
    tmp = path + ".tmp-dossier"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
    os.replace(tmp, path)


def _make_folders(docs: Path, paths: Sequence[str]) -> None:
    """Each folder the new pages need, made once."""
    for folder in sorted({posixpath.dirname(p) for p in paths} - {""}):
        os.makedirs(docs / folder, exist_ok=True)


def write_pages(pages: Sequence[Page], docs: Path, same: Collection[str] = ()) -> WriteReport:
    """Make docs/ hold exactly these generated pages, plus whatever a person wrote there.

    ``same``: generated pages the caller has just read back from docs/ (rerender.PageMemo),
    so known to hold their text already: they are not read again. A page whose path is not
    in docs/ at all (a cold run) is written without a read or a stat.
    """
    _check_paths(pages)
    previous = read_manifest(docs)
    present = _present(docs)
    written: list[str] = []
    kept: list[str] = []
    generated: list[str] = []
    unchanged = 0
    changed: list[tuple[Path, Page]] = []  # pages, not their bytes: a cold run would hold the whole site twice
    new: list[Page] = []
    for page in pages:
        if present is not None and page.path not in present:
            generated.append(page.path)
            new.append(page)
            written.append(page.path)
            continue
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
    # in one burst at the end: a watcher (mkdocs serve) sees one change, rebuilds once
    _make_folders(docs, [page.path for page in new])
    root = str(docs) + os.sep
    for page in new:
        _write_new(root + page.path, page.text.encode("utf-8"))
    for target, page in changed:
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
