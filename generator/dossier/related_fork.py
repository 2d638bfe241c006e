"""A first build's ranking of the related articles, in a forked copy beside the rest of the linking.

Ranking every story against its candidates is ~a quarter of a first build's dossier stage at 2,225
stories, and nothing the rest of the stage does (events, chains, conflicts) reads it. Once both sides
of the index are built, a forked copy of the process ranks every story while this one goes on, and
hands back per story its partners (indexes), the reasons (strings), and its kept ranking, rest and
room (numbers): small plain data, each reason's pair made again here from this process's ids, so
that the result and the record kept for the next build (related.py's ``_Last``) are equal to a
serial build's, object for object where it matters (the ids are this process's strings).

Only when this process may fork (``fork`` is a start method here, one thread, ``FROM`` stories or
more); when the copy fails, the ranking is done here, as without it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO

from generator.files import framed, unframed
from generator.piped import fork_piped

FROM = 200  # stories: a smaller first build is not worth a fork
SIMILAR = "similar wording"  # the one reason that is a constant (related._reason): shared as a serial build shares it

Rows = tuple[Any, ...]
# per story: partners, their reasons, kept entries, rest, room (lists); then, when the copy built the index, what
# it keeps of each side (related_index.shipped)


def may_fork(count: int) -> bool:
    """Whether a ranking of ``count`` stories is worth a forked copy, and one can be made safely here."""
    if count < FROM or threading.active_count() > 1:
        return False
    try:
        return "fork" in multiprocessing.get_all_start_methods()
    except (OSError, ValueError):  # pragma: no cover - a platform without multiprocessing's methods
        return False


def started(rank: Callable[[], Rows], count: int) -> Callable[[], Rows]:
    """``rank()`` in a forked copy when ``may_fork``; the function returned waits for its rows (done here
    when the copy failed, or when no copy was made). A copy not waited for is ended by ``reap``."""
    forked = fork_piped(lambda out: out.write(framed_rows(rank()))) if may_fork(count) else None
    if forked is None:
        return rank
    pid, pipe = forked
    _RUNNING[pid] = pipe

    def wait() -> Rows:
        _RUNNING.pop(pid, None)
        try:
            with pipe:
                rows = unframed(pipe)
        except (OSError, ValueError, EOFError):
            rows = None
        try:
            status = os.waitpid(pid, 0)[1]
        except ChildProcessError:
            status = 1
        if status != 0 or not _well_formed(rows, count):
            return rank()
        return rows  # type: ignore[no-any-return]

    return wait


_RUNNING: dict[int, BinaryIO] = {}  # pid -> the pipe of a copy started and not waited for yet


def reap() -> None:
    """End the copies a build started and did not wait for (it failed half-way): none is left behind."""
    while _RUNNING:
        pid, pipe = _RUNNING.popitem()
        pipe.close()
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def framed_rows(rows: Rows) -> bytes:  # pragma: no cover - runs in the forked copy
    """The rows as the copy writes them (files.framed: marshal, plain data)."""
    return framed(rows)


def _well_formed(rows: Any, count: int) -> bool:
    return (
        isinstance(rows, tuple)
        and len(rows) in (5, 6)
        and all(isinstance(part, list) and len(part) == count for part in rows[:5])
        and (len(rows) == 5 or (isinstance(rows[5], tuple) and len(rows[5]) == 2 and all(isinstance(p, bytes) for p in rows[5])))
    )


def result_of(
    ids: Sequence[str], partners: Sequence[tuple[int, ...]], reasons: Sequence[tuple[str, ...]]
) -> dict[str, tuple[tuple[str, str], ...]]:
    """Article id -> (partner id, reason), best first, from the rows: this process's id strings, and the
    constant reason shared."""
    return {
        article_id: tuple(
            (ids[j], SIMILAR if reason == SIMILAR else reason) for j, reason in zip(partners[i], reasons[i], strict=True)
        )
        for i, article_id in enumerate(ids)
    }
