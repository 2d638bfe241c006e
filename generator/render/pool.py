"""Article and entity pages rendered in forked processes while the parent renders the listings.

Each such page is a pure function of the corpus, built once before the fork: a forked worker
inherits it (nothing is pickled on the way in) and sends back only page paths and texts.
``workers`` counts this process too: it forks one fewer, renders the listings, then takes the
chunks no worker has started yet, from the end, so both finish together.
The collector is frozen before the fork (``gc.freeze``) so a worker's collections do not write
to, and so copy, every page of memory holding the corpus.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Sequence
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


def start(keys: Sequence[Key], render: Render, workers: int) -> Callable[[], dict[Key, list[Page]]] | None:
    """Start rendering ``keys`` in ``workers - 1`` forked processes; the function returned renders
    what they have not started in this process and waits for the rest.

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

    def wait() -> dict[Key, list[Page]]:
        done: dict[Key, list[Page]] = {}
        try:
            for future, chunk in zip(reversed(futures), reversed(chunks), strict=True):
                if not future.cancel():  # a worker has it: the ones before it too
                    break
                done.update((key, render(key)) for key in chunk)
            for future in futures:
                if not future.cancelled():
                    done.update((key, [Page(path, text) for path, text in pages]) for key, pages in future.result())
        finally:
            pool.shutdown(cancel_futures=True)
            _RENDER.clear()
        return done

    return wait
