"""Pages -> docs/: write only what changed, remember what was generated, remove what is stale.

Hand-written pages are never touched: a path that exists but was not written
by a previous run (it is not in the manifest) is left alone and reported.
"""

from __future__ import annotations

import json
import os
import posixpath
import shutil
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.files import present_under
from generator.models import Page
from generator.render.pool import Staged

MANIFEST = ".dossier-manifest.json"
WALK_AFTER = 64  # pages to look for on the disk one by one before one walk of docs/ answers for the rest


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]
    kept_handwritten: tuple[str, ...]


class WriterError(Exception):
    """Two pages claim one path, or a path would leave docs/."""


def _check_path(page: Page, seen: set[str]) -> None:
    parts = [part for part in page.path.split("/") if part not in ("", ".")]  # PurePosixPath's parts, without a parse
    if page.path.startswith("/") or ".." in parts or not parts:
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


def _write_atomic(path: str, data: bytes) -> None:
    """Written beside its place, then renamed, as write_if_changed does, without reading what stood there first."""
    tmp = path + ".tmp-dossier"
    _write_whole(tmp, data)
    os.replace(tmp, path)


def _write_whole(path: str, data: bytes) -> None:
    """The file made to hold ``data`` (no rename: for a file no reader looks at, a staged page)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _data(page: Page) -> bytes:
    """The page's bytes: the file a worker wrote them to (``Staged``), or its text as UTF-8."""
    if isinstance(page, Staged) and page.file:
        with open(page.file, "rb") as staged:
            return staged.read()
    return page.text.encode("utf-8")


def _make_folders(docs: Path, paths: Sequence[str]) -> None:
    """Each folder the pages need (docs/ itself too), made once."""
    for folder in sorted({posixpath.dirname(p) for p in paths}):
        os.makedirs(docs / folder, exist_ok=True)


class _Held:
    """Changed pages kept until the burst: in memory, or (``staging``) as files on the disk of
    docs/, renamed into place at the end, so a large site is never held in memory whole."""

    def __init__(self, docs: Path, staging: Path | None) -> None:
        self.docs = docs
        self.staging = staging
        self.texts: list[tuple[str, str]] = []  # path, text
        self.files: list[tuple[str, Path]] = []
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)  # what a run that stopped half-way left
            staging.mkdir(parents=True, exist_ok=True)

    def add(self, page: Page, data: bytes | None = None) -> None:
        """A page known to differ from what docs/ holds (or to be new there); ``data``: its bytes, if made already."""
        if isinstance(page, Staged) and page.file:  # a worker wrote these bytes in the staging folder already
            if self.staging is None:
                self.texts.append((page.path, _data(page).decode("utf-8")))
            else:
                self.files.append((page.path, Path(page.file)))
            return
        if self.staging is None:
            self.texts.append((page.path, page.text))  # the text, not also its bytes: a cold run would hold the site twice
            return
        staged = self.staging / f"{len(self.files)}.md"  # the writer's own folder: emptied before and after
        _write_whole(str(staged), data if data is not None else _data(page))
        self.files.append((page.path, staged))

    def burst(self) -> None:
        """Put every changed page in place, one after the other: a watcher (mkdocs serve) rebuilds once."""
        _make_folders(self.docs, [path for path, _ in self.texts] + [path for path, _ in self.files])
        root = str(self.docs) + os.sep
        for path, text in self.texts:
            _write_atomic(root + path, text.encode("utf-8"))  # compared already: no read before the write
        for path, staged in self.files:
            try:
                os.replace(staged, root + path)
            except OSError:  # another disk: copied through a temporary file beside the target
                _write_atomic(root + path, staged.read_bytes())
        self.discard()

    def discard(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)


def write_pages(pages: Iterable[Page], docs: Path, same: Collection[str] = (), staging: Path | None = None) -> WriteReport:
    """Make docs/ hold exactly these generated pages, plus whatever a person wrote there.

    ``pages`` may be a generator: each page is compared (and, when changed, staged) as it comes, and
    nothing in docs/ changes until the last one is in. ``same``: generated pages the caller knows to be
    in place (rerender.PageMemo; it may grow while ``pages`` is consumed): not read nor looked for. A page
    whose path is not in docs/ (a cold run) is staged without a read or a stat. ``staging``: a folder on
    the disk of docs/ for changed pages (else they are held in memory until the burst).
    """
    previous = read_manifest(docs)
    present: set[str] | None = None  # walked once enough pages need a look at the disk (``WALK_AFTER``)
    looked = 0
    written: list[str] = []
    kept: list[str] = []
    generated: list[str] = []
    seen: set[str] = set()
    unchanged = 0
    held = _Held(docs, staging)
    try:
        for page in pages:
            _check_path(page, seen)
            if page.path in same and page.path in previous:  # in place (the caller knows): no look at the disk
                generated.append(page.path)
                unchanged += 1
                continue
            if (looked := looked + 1) == WALK_AFTER:
                present = present_under(docs)  # one walk instead of a stat per page
            if present is not None and page.path not in present:
                generated.append(page.path)
                written.append(page.path)
                held.add(page)
                continue
            if page.path not in previous:
                target = docs / page.path
                if target.exists() or target.is_symlink():
                    kept.append(page.path)
                    continue
            generated.append(page.path)
            target = docs / page.path
            data = _data(page)
            if _holds(target, data):
                unchanged += 1
            else:
                held.add(page, data)
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
