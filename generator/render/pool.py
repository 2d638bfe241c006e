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
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from generator.models import Page

Key = tuple[str, str]  # ("article" | "entity", id)
Render = Callable[[Key], list[Page]]
MIN_UNITS = 400  # below this a fork and the pages' way back cost more than they save
CHUNKS_PER_WORKER = 8  # small chunks, dealt round-robin: an even load, and the parent can take the last ones

_RENDER: dict[str, Render] = {}  # set before the fork: what the workers inherit


def _render_chunk(keys: Sequence[Key]) -> list[tuple[Key, list[tuple[str, str]]]]:
    render = _RENDER["render"]
    return [(key, [(page.path, page.text) for page in render(key)]) for key in keys]


def start(keys: Sequence[Key], render: Render, workers: int) -> Iterator[tuple[Key, list[Page]]] | None:
    """Start rendering ``keys`` in ``workers - 1`` forked processes; the iterator returned gives each
    key with its pages, chunk by chunk in the order dealt (the same every run).

    While the next chunk is not back, this process renders the chunks no worker has started yet,
    from the end: it then takes each chunk's pages (to digest and write them) as the workers finish
    it, rather than all at the end, so both processes finish together.
    None (render in this process) for one worker, few units, or where processes cannot be forked.
    """
    if workers < 2 or len(keys) < MIN_UNITS or "fork" not in multiprocessing.get_all_start_methods():
        return None
    count = workers * CHUNKS_PER_WORKER
    chunks = [list(keys[n::count]) for n in range(count)]
    _RENDER["render"] = render
    held = gc.get_freeze_count()  # a one-off conversion froze what it built (pipeline): it stays frozen
    gc.freeze()
    try:
        pool = ProcessPoolExecutor(max_workers=workers - 1, mp_context=multiprocessing.get_context("fork"))
        futures: list[Future[list[tuple[Key, list[tuple[str, str]]]]]] = [pool.submit(_render_chunk, c) for c in chunks]
    finally:
        if not held:
            gc.unfreeze()
    return _results(pool, futures, chunks, render)


def _results(
    pool: ProcessPoolExecutor, futures: list[Future[list[tuple[Key, list[tuple[str, str]]]]]],
    chunks: list[list[Key]], render: Render,
) -> Iterator[tuple[Key, list[Page]]]:
    """Each chunk's pages in order: the workers' as they come back, the last chunks rendered here meanwhile."""
    here: dict[int, list[tuple[Key, list[Page]]]] = {}  # chunks rendered in this process
    last = len(chunks) - 1  # the last chunk this process may still take
    try:
        for n, future in enumerate(futures):
            while n < last and not future.done() and futures[last].cancel():  # no worker has it
                here[last] = [(key, render(key)) for key in chunks[last]]
                last -= 1
            if n in here:
                yield from here.pop(n)
                continue
            for key, pages in future.result():
                yield key, [Page(path, text) for path, text in pages]
    finally:
        pool.shutdown(cancel_futures=True)
        _RENDER.clear()
