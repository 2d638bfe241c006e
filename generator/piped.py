"""A forked copy of this process that writes its work to a pipe: below every layer, so that the dossier
stage (dossier/beside.py) and a one-off run's work beside its critical path (forks.py) fork the same way."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import BinaryIO


def fork_piped(work: Callable[[BinaryIO], object]) -> tuple[int, BinaryIO] | None:
    """Run ``work(out)`` in a forked copy of this process, ``out`` the write end of a pipe; return the
    copy's pid and the read end, or None when there is no ``fork`` here or it failed. The copy exits
    with status 0 when ``work`` returned, 1 when it raised."""
    if not hasattr(os, "fork"):
        return None
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # pragma: no cover - the forked copy (its coverage is not collected)
        code = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as out:
                work(out)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, os.fdopen(read_end, "rb")
