"""Work a one-off conversion does in forked copies of itself, beside its critical path.

`dossier convert` ends after one conversion (``cache.ends_after_run``), so the second core can
write the files the rest of the run does not read (the dossier records, the suggestions) while this
process renders, and analyse the few files an edit changed while this one loads the cached
analyses. Elsewhere (serve, the MkDocs plugin, library calls), or where there is no ``fork``, the
work is done in this process, as before.
"""

from __future__ import annotations

import os
import pickle
import traceback
from collections.abc import Callable, Sequence
from typing import Any

from generator.cache import AnalysisCache, ends_after_run
from generator.models import Analysis, Problem
from generator.piped import fork_piped

Job = tuple[Callable[[], object], bool]  # work set aside, and whether it is done again here when the copy failed at it
_ASIDE: list[tuple[int, list[Callable[[], object]]]] = []  # forked processes doing work set ``aside``; what to redo


def aside(work: Callable[[], object], again: bool = False) -> None:
    """Do ``work`` (writing files the rest of the run does not read) in a forked copy of this process
    when it ``ends_after_run``: this one renders meanwhile, the other core writes. Elsewhere, or
    without fork, it is done here and now. ``aside_done`` waits for it; when the copy failed, work
    that may be done ``again`` is redone here (its error then raised as usual), other work is not."""
    aside_all([(work, again)])


def aside_all(jobs: Sequence[Job]) -> None:
    """``aside`` for several jobs, one after the other in ONE forked copy: the pages of this process
    they read are copied once, not once per copy (at 2,225 articles two copies cost ~0.1 s more
    in page faults). A job that fails does not stop the next; the copy's exit status names the
    jobs to do again here (a bit each), or all of them when it did not exit by itself."""
    if len(jobs) > 8:
        raise ValueError(f"aside_all: jobs: expected at most 8, found {len(jobs)}")  # one exit status holds their bits
    if not ends_after_run() or not hasattr(os, "fork"):
        for work, _ in jobs:
            work()
        return
    try:
        pid = os.fork()
    except OSError:
        for work, _ in jobs:
            work()
        return
    if pid == 0:  # pragma: no cover - the forked copy (its coverage is not collected)
        os._exit(_done_in_copy(jobs))
    _ASIDE.append((pid, [work for work, again in jobs if again]))


def _done_in_copy(jobs: Sequence[Job]) -> int:  # pragma: no cover - runs in the forked copy
    """Each job in turn; the exit status: a bit for each failed job to do again (an error of one
    that is not done again is said on stderr)."""
    code = 0
    bit = 1
    for work, again in jobs:
        try:
            work()
        except BaseException:  # noqa: BLE001 - said on stderr, or by this process doing it again
            if again:
                code |= bit
            else:
                os.write(2, traceback.format_exc().encode("utf-8", "replace"))
        if again:
            bit <<= 1
    return code


def aside_done() -> None:
    """Wait for the work set ``aside``: the next run finds its files written; what a copy failed at
    and may be done again is done here."""
    while _ASIDE:
        pid, redo = _ASIDE.pop(0)
        try:
            status = os.waitpid(pid, 0)[1]
        except ChildProcessError:
            status = 0
        if status == 0:
            continue
        failed = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1  # killed: all of them
        for n, work in enumerate(redo):
            if failed & (1 << n):
                work()


def forked(work: Callable[[], bytes]) -> Callable[[], bytes | None] | None:
    """Start ``work`` in a forked copy of this process when it ``ends_after_run`` (else None); the
    function returned waits for its bytes (None when the copy failed: the caller does it itself)."""
    started = fork_piped(lambda out: out.write(work())) if ends_after_run() else None
    if started is None:
        return None
    pid, pipe = started

    def result() -> bytes | None:
        with pipe:
            blob = pipe.read()
        try:
            status = os.waitpid(pid, 0)[1]
        except ChildProcessError:
            status = 1
        return blob if status == 0 else None

    return result


Beside = Callable[[list[int], list[Any]], list[int]]


def missing_beside(cache: AnalysisCache, keys: Sequence[str], below: int, analyse: Callable[[int], object]) -> Beside | None:
    """A one-off run with a few files (fewer than ``below``) not in the cache, as after an edit, has
    them ``analyse``d (by index) in a forked copy while this process loads the others and the last
    run's records. Returns what fills their results in and says which are still to do (all of them
    when the copy failed); None when nothing was started."""
    if not ends_after_run():
        return None
    present = cache.present()  # one look at the folder, not one stat per file
    missing = [i for i, key in enumerate(keys) if key not in present]
    if not 0 < len(missing) < below:
        return None
    wait = forked(lambda: pickle.dumps([analyse(i) for i in missing], pickle.HIGHEST_PROTOCOL))
    if wait is None:
        return None

    def fill(todo: list[int], results: list[Any]) -> list[int]:
        blob = wait()
        fresh = pickle.loads(blob) if blob is not None else None
        if not isinstance(fresh, list) or len(fresh) != len(missing):
            return todo
        for i, result in zip(missing, fresh, strict=True):
            if results[i] is None and isinstance(result, Analysis | Problem):
                results[i] = result
        return [i for i in todo if results[i] is None]

    return fill
