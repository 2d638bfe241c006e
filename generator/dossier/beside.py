"""The text-only reading of a first build of many stories, in a forked copy beside the linking.

A first build reads every story's text for its words (related articles) and cuts every block
into sentences (chains and conflicts): pure functions of the text and the site's patterns, which
nothing the linking does changes, and ~0.7 s at 2,225 stories. On a machine with a second core
(idle once the analysis pool is done) a forked copy of the process reads them while this one
merges names and dates, and hands them back whole (marshal: plain data), each with its key in
textmemo. This process then keeps each entry in textmemo where it would have looked it up,
in the same order, so the build and its records are the same as without the copy.

Only a first build forks (no related articles of a last build, in memory or read from disk: a
later build finds most texts in textmemo), of ``FROM`` stories or more, in a process with one
thread and ``os.fork``. When the copy fails, the stories are read here, as without it.
"""

from __future__ import annotations

import marshal
import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from generator.language import textmemo
from generator.models import Article

FROM = 200  # stories: a smaller first build is not worth a fork
WORDS = "related.words"  # textmemo tables (corpus._words, claims.sentences_of)
SPANS = "claims.spans"

Cut = tuple[tuple[int, int], ...] | None


@dataclass(frozen=True)
class Read:
    """What the copy read, by the identity of each story's article (held here, so the ids stay its)."""

    articles: tuple[Article, ...]
    words: dict[int, tuple[bytes, dict[str, float]]]  # id(article) -> (textmemo key, term weights)
    cuts: dict[int, list[tuple[bytes, Cut]]]  # id(article) -> each block's (textmemo key, sentence spans)
    pattern: str  # the blocks' wanted pattern the spans were cut with


def skip_of(article: Article, index: int, text: str) -> int:
    """Where a block's sentences start: after the dateline at the head of the first block."""
    line = article.dateline
    return len(line.text) if line and index == 0 and text.startswith(line.text) else 0


def start(
    articles: Sequence[Article],
    wanted: re.Pattern[str],
    weights: Callable[[str], dict[str, float]],
    cut: Callable[[str, int, re.Pattern[str]], Cut],
) -> Callable[[], Read | None] | None:
    """Start reading ``articles`` in a forked copy (None: not worth it, or no fork here); the function
    returned waits for what it read (None when the copy failed), and gives the same when called again."""
    if len(articles) < FROM or not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # pragma: no cover - the forked copy (its coverage is not collected)
        code = 1
        try:
            os.close(read_end)
            blob = marshal.dumps(_read_all(articles, wanted, weights, cut))
            with os.fdopen(write_end, "wb") as out:
                out.write(blob)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    held = tuple(articles)
    done: list[Read | None] = []

    def result() -> Read | None:
        if not done:
            done.append(_received(read_end, pid, held, wanted.pattern))
        return done[0]

    return result


def _received(read_end: int, pid: int, held: tuple[Article, ...], pattern: str) -> Read | None:
    """What the copy wrote, once it is done (None when it failed)."""
    with os.fdopen(read_end, "rb") as pipe:
        blob = pipe.read()
    try:
        status = os.waitpid(pid, 0)[1]
    except ChildProcessError:
        status = 1
    if status != 0:
        return None
    words, cuts = marshal.loads(blob)
    return Read(
        held,
        {id(a): (key, value) for a, (key, value) in zip(held, words, strict=True)},
        {id(a): found for a, found in zip(held, cuts, strict=True)},
        pattern,
    )


def _read_all(
    articles: Sequence[Article],
    wanted: re.Pattern[str],
    weights: Callable[[str], dict[str, float]],
    cut: Callable[[str, int, re.Pattern[str]], Cut],
) -> tuple[list[Any], list[Any]]:  # pragma: no cover - runs in the forked copy
    """Each article's (key, term weights) and each of its blocks' (key, spans), as this process would key them."""
    words, cuts = [], []
    for article in articles:
        blocks = list(article.text_blocks())
        words.append(textmemo.remembered_keyed(WORDS, " ".join(text for _, text in blocks), weights))
        found = []
        for index, text in blocks:
            skip = skip_of(article, index, text)
            found.append(textmemo.remembered_keyed(SPANS, text, lambda t, s=skip: cut(t, s, wanted), (wanted.pattern, skip)))  # type: ignore[misc]
        cuts.append(found)
    return words, cuts


_TAKEN: dict[str, Read] = {}  # the read handed to this build ("read"), until it ends


def take(read: Read | None) -> None:
    """Hand this build what the copy read (None: nothing, at the end of a build)."""
    if read is None:
        _TAKEN.clear()
    else:
        _TAKEN["read"] = read


def words_of(article: Article) -> tuple[bytes, dict[str, float]] | None:
    """The copy's (key, term weights) of this very article, when it read it (the read holds the articles
    it read, so no other object has one's id)."""
    read = _TAKEN.get("read")
    return read.words.get(id(article)) if read is not None else None


def cuts_of(article: Article, pattern: str) -> list[tuple[bytes, Cut]] | None:
    """The copy's (key, spans) of each block of this very article, when it cut them with ``pattern``."""
    read = _TAKEN.get("read")
    return read.cuts.get(id(article)) if read is not None and read.pattern == pattern else None
