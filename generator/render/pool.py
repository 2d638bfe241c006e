"""Article and entity pages rendered in forked processes while the parent renders the listings.

Each such page is a pure function of the corpus, built once before the fork: a forked worker
inherits it (nothing is pickled on the way in) and sends back only page paths and texts.
``workers`` counts this process too: it forks one fewer, renders the listings, then takes each
chunk's pages as a worker sends them back and, while none is back, renders the chunks no worker
has started yet, from the end, so both finish together.
The collector is frozen before the fork (``gc.freeze``) so a worker's collections do not write
to, and so copy, every page of memory holding the corpus.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.files import present_under
from generator.models import Page

Key = tuple[str, str]  # ("article" | "entity", id)
Render = Callable[[Key], list[Page]]
MIN_UNITS = 400  # below this a fork and the pages' way back cost more than they save
CHUNKS_PER_WORKER = 32  # small chunks, dealt round-robin: an even load, and the parent can take the last ones

_RENDER: dict[str, Any] = {}  # set before the fork: what the workers inherit (the renderer, docs/'s listing)


Sent = list[tuple[Key, list[tuple[str, str, str]]]]  # each key's pages: path, text ("" when staged), the file holding its bytes


@dataclass(frozen=True)
class Staged(Page):
    """A page a worker has written already, as UTF-8, to ``file`` in the writer's staging folder
    (writer.write_pages moves it into place instead of writing it again: the other core made the file).
    Its ``text`` may be empty: the file holds the page (a worker sends no text back that it wrote)."""

    file: str = ""


def _render_chunk(number: int, keys: Sequence[Key], staging: str | None, docs: str | None, render: Render | None = None) -> Sent:
    """The chunk's pages; with ``staging``, each page docs/ does not hold yet (a cold run: all) written there
    too (one that docs/ holds the writer compares first: mostly it is unchanged, and no file is needed)."""
    render = render or _RENDER["render"]
    sent: Sent = []
    for key in keys:
        name = f"{staging}{os.sep}{number}-{len(sent)}-"  # unique in the folder: chunk, key and page numbers
        made = [(n, p, bool(staging) and not _in_docs(docs, p.path)) for n, p in enumerate(render(key))]
        sent.append((key, [_sent(p, _staged(f"{name}{n}.md", p.text.encode()) if new else "") for n, p, new in made]))
    return sent


def _in_docs(docs: str | None, path: str) -> bool:
    """Whether docs/ holds the page's path: looked up in its listing made before the fork (``_listed``),
    or on the disk when there is none (a symbolic link under docs/)."""
    if docs is None:
        return False
    listed = _RENDER.get("docs")
    return path in listed if isinstance(listed, frozenset) else os.path.lexists(docs + path)


def _listed(docs: Path | None) -> frozenset[str] | None:
    """Every file's and folder's path under ``docs``, relative, from one walk (files.present_under): not one look
    at the disk per page (a cold run's docs/ holds the hand-written pages only). None when a symbolic link is
    met, or the walk fails: each page is then looked up."""
    if docs is None:
        return None
    try:
        found = present_under(docs)
    except OSError:
        return None
    return frozenset(found) if found is not None else None


def _sent(page: Page, file: str) -> tuple[str, str, str]:
    """What goes back to the parent: a page written to ``file`` without its text (the file holds it)."""
    return (page.path, "" if file else page.text, file)


def _staged(file: str, data: bytes) -> str:
    """The page's bytes written to ``file`` (a new one); "" when that fails: the writer then writes the page."""
    try:
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError:
        return ""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError:
        return ""
    finally:
        os.close(fd)
    return file


def start(
    keys: Sequence[Key], render: Render, workers: int, staging: Path | None = None, docs: Path | None = None,
    here: Render | None = None,
) -> Iterator[tuple[Key, list[Page]]] | None:
    """Start rendering ``keys`` in ``workers - 1`` forked processes; the iterator returned gives each
    key with its pages, chunk by chunk in the order dealt (the same every run).

    While the next chunk is not back, this process renders the chunks no worker has started yet,
    from the end: it then takes each chunk's pages (to digest and write them) as the workers finish
    it, rather than all at the end, so both processes finish together. With ``staging`` (the writer's
    folder, on the disk of ``docs``) the workers also write there the pages ``docs`` lacks (``Staged``).
    ``here`` renders a key in this process (default ``render``): the caller's whole treatment of a unit
    (its digest too), done while a worker still renders, and its pages staged then, as a worker's are;
    they come back in their chunk's turn, which for this process's chunks is after all the workers'.
    None (render in this process) for one worker, few units, or where processes cannot be forked.
    """
    if workers < 2 or len(keys) < MIN_UNITS or "fork" not in multiprocessing.get_all_start_methods():
        return None
    count = workers * CHUNKS_PER_WORKER
    chunks = [list(keys[n::count]) for n in range(count)]
    _RENDER["render"] = render
    _RENDER["docs"] = _listed(docs)  # what docs/ holds, for each worker to see which pages it lacks
    held = gc.get_freeze_count()  # a one-off conversion froze what it built (pipeline): it stays frozen
    gc.freeze()
    try:
        pool = ProcessPoolExecutor(max_workers=workers - 1, mp_context=multiprocessing.get_context("fork"))
        folder = _folder(staging)
        into = f"{docs}{os.sep}" if docs is not None else None
        futures: list[Future[Sent]] = [pool.submit(_render_chunk, n, c, folder, into) for n, c in enumerate(chunks)]
    finally:
        if not held:
            gc.unfreeze()
    return _results(pool, futures, chunks, lambda n, chunk: _pages(_render_chunk(n, chunk, folder, into, here or render)))


def _folder(staging: Path | None) -> str | None:
    """The workers' own folder inside the writer's staging folder (which the writer empties after the run)."""
    if staging is None:
        return None
    folder = staging / "pooled"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return str(folder)


def _pages(sent: Sent) -> list[tuple[Key, list[Page]]]:
    return [(key, [Staged(path, text, file) if file else Page(path, text) for path, text, file in pages]) for key, pages in sent]


def _results(
    pool: ProcessPoolExecutor, futures: list[Future[Sent]], chunks: list[list[Key]],
    render: Callable[[int, list[Key]], list[tuple[Key, list[Page]]]],
) -> Iterator[tuple[Key, list[Page]]]:
    """Each chunk's pages in order: the workers' as they come back, the last chunks rendered here meanwhile
    (``render``: chunk number and keys -> each key's pages)."""
    here: dict[int, list[tuple[Key, list[Page]]]] = {}  # chunks rendered in this process
    last = len(chunks) - 1  # the last chunk this process may still take
    try:
        for n, future in enumerate(futures):
            while n < last and not future.done() and futures[last].cancel():  # no worker has it
                here[last] = render(last, chunks[last])
                last -= 1
            if n in here:
                yield from here.pop(n)
                continue
            yield from _pages(future.result())
    finally:
        pool.shutdown(cancel_futures=True)
        _RENDER.clear()
