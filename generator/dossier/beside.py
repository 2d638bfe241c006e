"""The text-only reading of a first build of many stories, in a forked copy beside the linking.

A first build reads every story's text for its words and their weights (related articles), and
cuts every block into sentences and finds their event words (chains and conflicts): pure functions
of the texts and the site's patterns, which nothing the linking does changes, ~0.9 s at 2,225
stories. On a machine with a second core (idle once the analysis pool is done) a forked copy of
the process reads them while this one merges names and dates, and hands them back in two parts,
the words first (marshal: plain data, floats to the bit), each with its key in textmemo. This
process then keeps each entry where it would have made it (textmemo, memo), in the same order,
so the build and its records are the same as without the copy.

Only a first build forks (no related articles of a last build, in memory or read from disk: a
later build finds most texts in textmemo), of ``FROM`` stories or more, in a process with one
thread and ``os.fork``. When the copy fails, the stories are read here, as without it.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from generator.files import framed, unframed
from generator.language import textmemo
from generator.models import Article
from generator.piped import fork_piped

FROM = 200  # stories: a smaller first build is not worth a fork
WORDS = "related.words"  # textmemo tables (corpus._words, claims.sentences_of)
SPANS = "claims.spans"

Cut = tuple[tuple[int, int], ...] | None
Vector = dict[str, float]


@dataclass(frozen=True)
class Patterns:
    """What the copy reads with: the blocks worth cutting, a sentence's event words, each article's words
    and its kept vector among all of them (``related_index.kept_vectors``)."""

    wanted: re.Pattern[str]
    events: re.Pattern[str] | None
    weights: Callable[[str], Vector]
    cut: Callable[[str, int, re.Pattern[str]], Cut]
    vectors: Callable[[list[Vector]], list[Vector]]


@dataclass
class Read:
    """What the copy read, by the identity of each story's article (held here, so the ids stay its);
    the sentences' part once ``rest`` has been called."""

    articles: tuple[Article, ...]
    words: dict[int, tuple[bytes, Vector]]  # id(article) -> (textmemo key, term weights)
    vectors: dict[int, Vector]  # id(article) -> its kept vector
    rest: Callable[[], tuple[dict[int, list[tuple[bytes, Cut]]], dict[str, tuple[str, ...]]] | None]
    pattern: str  # the blocks' wanted pattern the spans were cut with
    events: tuple[str, int] | None  # the event words' pattern and flags
    cuts: dict[int, list[tuple[bytes, Cut]]] | None = None  # id(article) -> each block's (textmemo key, spans)
    found: dict[str, tuple[str, ...]] | None = None  # sentence -> its event words


def skip_of(article: Article, index: int, text: str) -> int:
    """Where a block's sentences start: after the dateline at the head of the first block."""
    line = article.dateline
    return len(line.text) if line and index == 0 and text.startswith(line.text) else 0


def start(articles: Sequence[Article], patterns: Patterns) -> Callable[[], Read | None] | None:
    """Start reading ``articles`` in a forked copy (None: not worth it, or no fork here); the function
    returned waits for the words (None when the copy failed), and gives the same when called again."""
    if len(articles) < FROM or not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    started = fork_piped(lambda out: _read_all(articles, patterns, out))
    if started is None:
        return None
    pid, pipe = started
    held = tuple(articles)
    done: list[Read | None] = []
    rest: list[tuple[dict[int, list[tuple[bytes, Cut]]], dict[str, tuple[str, ...]]] | None] = []

    def second() -> tuple[dict[int, list[tuple[bytes, Cut]]], dict[str, tuple[str, ...]]] | None:
        if not rest:
            part = _part(pipe)
            rest.append(_finished(pipe, pid, part is not None))
            if rest[0] is not None and part is not None:
                cuts, found = part
                rest[0] = ({id(a): c for a, c in zip(held, cuts, strict=True)}, found)
        return rest[0] if rest else None

    def first() -> Read | None:
        if not done:
            part = _part(pipe)
            if part is None:
                second()
                done.append(None)
            else:
                words, vectors = part
                ids = [id(a) for a in held]
                events = (patterns.events.pattern, patterns.events.flags) if patterns.events is not None else None
                done.append(
                    Read(held, dict(zip(ids, words, strict=True)), dict(zip(ids, vectors, strict=True)), second,
                         patterns.wanted.pattern, events)
                )
        return done[0]

    return first


def _part(pipe: BinaryIO) -> Any:
    """One part the copy wrote (files.framed), or None when it wrote none."""
    try:
        return unframed(pipe)
    except (OSError, ValueError, EOFError):
        return None


def _finished(pipe: BinaryIO, pid: int, ok: bool) -> Any:
    """Wait for the copy: True when it ended well and ``ok``, else None."""
    pipe.close()
    try:
        status = os.waitpid(pid, 0)[1]
    except ChildProcessError:
        status = 1
    return True if status == 0 and ok else None


def _write(out: BinaryIO, part: Any) -> None:  # pragma: no cover - runs in the forked copy
    out.write(framed(part))
    out.flush()


def _read_all(articles: Sequence[Article], patterns: Patterns, out: BinaryIO) -> None:  # pragma: no cover - forked copy
    """Each article's (key, term weights) and kept vector; then each of its blocks' (key, spans), and the event
    words of each sentence cut, as this process would key and find them."""
    words = [
        textmemo.remembered_keyed(WORDS, " ".join(text for _, text in article.text_blocks()), patterns.weights)
        for article in articles
    ]
    _write(out, (words, patterns.vectors([value for _, value in words])))
    wanted, cuts, found = patterns.wanted, [], {}
    for article in articles:
        blocks = []
        for index, text in article.text_blocks():
            skip = skip_of(article, index, text)
            extra = (wanted.pattern, skip)
            key, cut = textmemo.remembered_keyed(SPANS, text, lambda t, s=skip: patterns.cut(t, s, wanted), extra)  # type: ignore[misc]
            blocks.append((key, cut))
            if cut is not None and patterns.events is not None:
                for a, b in cut:
                    found[text[a:b]] = tuple(patterns.events.findall(text[a:b]))
        cuts.append(blocks)
    _write(out, (cuts, found))


_TAKEN: dict[str, Read] = {}  # the read handed to this build ("read"), until it ends


def take(read: Read | None) -> None:
    """Hand this build what the copy read (None: nothing, at the end of a build)."""
    if read is None:
        _TAKEN.clear()
    else:
        _TAKEN["read"] = read


def words_of(article: Article) -> tuple[bytes, Vector] | None:
    """The copy's (key, term weights) of this very article, when it read it (the read holds the articles
    it read, so no other object has one's id)."""
    read = _TAKEN.get("read")
    return read.words.get(id(article)) if read is not None else None


def vectors_of(articles: Sequence[Article]) -> list[Vector] | None:
    """The copy's kept vectors of these very articles, when it read them all."""
    read = _TAKEN.get("read")
    if read is None or any(id(a) not in read.vectors for a in articles):
        return None
    return [read.vectors[id(a)] for a in articles]


def _rest(read: Read) -> bool:
    if read.cuts is None:
        got = read.rest()
        if got is None:
            return False
        read.cuts, read.found = got
    return True


def cuts_of(article: Article, pattern: str) -> list[tuple[bytes, Cut]] | None:
    """The copy's (key, spans) of each block of this very article, when it cut them with ``pattern``."""
    read = _TAKEN.get("read")
    if read is None or read.pattern != pattern or not _rest(read) or read.cuts is None:
        return None
    return read.cuts.get(id(article))


def event_words(pattern: re.Pattern[str], text: str) -> tuple[str, ...] | None:
    """The copy's ``tuple(pattern.findall(text))`` of a sentence it cut, when it used this very pattern."""
    read = _TAKEN.get("read")
    if read is None or read.events != (pattern.pattern, pattern.flags) or not _rest(read) or read.found is None:
        return None
    return read.found.get(text)
