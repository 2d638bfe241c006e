"""The analysis stage: each content file read once and analysed, through the cache, in a pool when many.

A file's result is a pure function of its bytes and the configuration, so it is kept in the
cache under the digest of those bytes, and a worker process is handed only a path: it reads the
file, analyses it and sends the pickled result back, which the parent keeps in the cache.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.analysis.analyse import analyse
from generator.cache import AnalysisCache, content_digest, digests_held
from generator.config import SiteConfig
from generator.dossier import memo as dossier_memo
from generator.forks import missing_beside
from generator.models import Analysis, Article, Problem
from generator.readers import ReadError, preload, reader_for
from generator.readers.decoding import decode

PARALLEL_FROM = 200  # below this many articles a process pool costs more than it saves
PACKED = 256  # a pool's results kept so many to a file: few files, and at most ~2 MB of them held at once

Progress = Callable[[int, int], None]


def read_article(path: Path, rel: str, config: SiteConfig) -> Article | Problem:
    """One file -> Article, or a Problem that says why not."""
    return _read(path, rel, config)[0]


def _read(path: Path, rel: str, config: SiteConfig) -> tuple[Article | Problem, str]:
    """``read_article``, and the digest of the bytes it read ("" when none were): what the analysis is of."""
    reader = reader_for(path)
    if reader is None:
        return Problem(rel, "warning", f"no reader for {path.suffix}"), ""
    seen = ""
    try:
        size = path.stat().st_size
        if size > config.reader.max_bytes:
            raise ReadError(
                f"the file is {size:,} bytes, above the limit of {config.reader.max_bytes:,} (site_config/site.yml: max_bytes)"
            )
        data = path.read_bytes()
        seen = content_digest(data) if len(data) <= config.reader.max_bytes else ""
        decoded = decode(data)
        article = reader(decoded.text, rel, config.reader)
    except ReadError as exc:
        return Problem(rel, "error", str(exc)), seen
    except OSError as exc:
        return Problem(rel, "error", f"cannot be read: {exc.strerror or exc}"), seen
    notes = article.reader_notes + decoded.notes
    hint = config.year_hint(rel)
    return replace(article, encoding=decoded.encoding, reader_notes=notes, year_hint=article.year_hint or hint), seen


def _analyse_one(path: Path, rel: str, config: SiteConfig) -> Analysis | Problem:
    return _analyse_read(path, rel, config)[0]


def _analyse_read(path: Path, rel: str, config: SiteConfig) -> tuple[Analysis | Problem, str]:
    """The file's result, and the digest of the bytes it is the result of ("" when none were read)."""
    article, seen = _read(path, rel, config)
    if isinstance(article, Problem):
        return article, seen
    return analyse(article, config), seen


def file_digest(path: Path, config: SiteConfig) -> str:
    """The cache's name for a file's content: the sha256 of its bytes (a refused file: its size)."""
    try:
        with open(path, "rb") as file:  # one open for the size and the bytes
            size = os.fstat(file.fileno()).st_size
            if size > config.reader.max_bytes:
                return f"too-large:{size}"
            return content_digest(file.read())
    except OSError as exc:
        return f"unreadable:{exc.errno}"


def _analyse_keep(
    path: Path, rel: str, digest: str, config: SiteConfig, cache: AnalysisCache | None, store: bool = True
) -> tuple[Analysis | Problem, bytes | None]:
    """Analyse one file; keep the result (``store``: here, else the caller does) if the bytes analysed are
    those the file was hashed with (it was not edited in between).

    Returns the result and, when it may be cached, its pickle (a worker sends that back as is).
    """
    result, seen = _analyse_read(path, rel, config)
    if cache is None or len(digest) != 64:
        return result, None
    blob = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    if seen != digest:  # edited since it was hashed: analysed, not kept
        return result, None
    if store:
        cache.store(cache.key(rel, digest), blob)
    return result, blob


_WORKER: dict[str, Any] = {}


def _init_worker(config: SiteConfig, cache: AnalysisCache | None) -> None:
    """Ship the config (gazetteer, vocabularies) once per worker process, not once per file."""
    gc.enable()  # a forked worker inherits the parent's switch, off while it unpickles (``collector_paused``)
    _WORKER["config"] = config
    _WORKER["cache"] = cache


def _worker_job(job: tuple[Path, str, str]) -> tuple[bytes, bool]:
    """The file's result, pickled, and whether the parent may cache it. The parent writes the cache:
    it waits on the workers meanwhile, and a file made on a busy disk can take half a millisecond."""
    path, rel, digest = job
    result, blob = _analyse_keep(path, rel, digest, _WORKER["config"], _WORKER["cache"], store=False)
    if blob is not None:
        return blob, True
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), False


_PRELOAD = "LONDON, March 3. Anna Berg of the port authority said on Tuesday the ferries would sail in 2019."


def _preload(config: SiteConfig, paths: Sequence[Path] = ()) -> None:
    """Load the word and place lists and compile the gazetteer here, before a pool forks, and what
    the readers of ``paths`` load on first use (``readers.preload``: the text reader's patterns, html's date parser).

    Forked workers inherit them (the config object too, so per-config caches hit) instead
    of each loading them again; the dossier stage after the pool uses them as well.
    """
    if multiprocessing.get_start_method(allow_none=False) == "fork":
        analyse(Article(source="preload.txt", format="text", headline="Ferries", standfirst="", paragraphs=(_PRELOAD,)), config)
        preload(paths, config.reader)


def default_workers() -> int:
    """The processors this process may run on (a container may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@dataclass(frozen=True)
class Analysed:
    """Every file's result, in file order, and how many were analysed rather than loaded."""

    results: tuple[Analysis | Problem, ...]
    analysed: int
    keys: tuple[str, ...]  # cache keys of this run's files

    @property
    def analyses(self) -> list[Analysis]:
        return [r for r in self.results if isinstance(r, Analysis)]

    @property
    def problems(self) -> list[Problem]:
        return [r for r in self.results if isinstance(r, Problem)]


def _chunksize(jobs: int, workers: int) -> int:
    return max(1, min(8, jobs // (workers * 4)))  # small chunks: an even load and a smooth progress bar


def _load_cached(
    keys: Sequence[str], cache: AnalysisCache | None, results: list[Analysis | Problem | None], progress: Progress | None
) -> list[int]:
    """Fill ``results`` from the cache; return the indexes still to analyse."""
    done = 0
    todo: list[int] = []
    with dossier_memo.collector_paused():  # millions of new objects, none of them garbage
        hits = cache.load_many(keys) if cache is not None else (None for _ in keys)
        for i, hit in enumerate(hits):
            if hit is None:
                todo.append(i)
                continue
            results[i] = hit
            done += 1
            if progress is not None:
                progress(done, len(keys))
    return todo


def analyse_entries(
    entries: Sequence[tuple[Path, str, str]],
    config: SiteConfig,
    progress: Progress | None = None,
    workers: int | None = None,
    cache: AnalysisCache | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Analysed:
    """(path, rel, digest) -> results: loaded from the cache when there, else analysed (in a pool when many).

    ``meanwhile`` is called once the cached results are loaded; in a one-off run the few files to
    analyse are analysed meanwhile in a forked copy (``forks.missing_beside``).
    """
    total = len(entries)
    results: list[Analysis | Problem | None] = [None] * total
    keys = [cache.key(rel, digest) if cache is not None else "" for _, rel, digest in entries]
    beside = None  # a one-off run's few files not in the cache, analysed beside (forks.missing_beside)
    if cache is not None:
        beside = missing_beside(cache, keys, PARALLEL_FROM, lambda i: _analyse_keep(*entries[i], config, cache)[0])
    todo = _load_cached(keys, cache, results, progress)
    analysed = len(todo)
    if meanwhile is not None:
        meanwhile()
    if beside is not None:
        todo = beside(todo, results)
        if progress is not None:
            progress(total - len(todo), total)
    done = total - len(todo)
    workers = workers if workers is not None else default_workers()
    if len(todo) >= PARALLEL_FROM and workers > 1:
        counted = iter(range(done + 1, total + 1))
        _pooled(entries, todo, keys, results, config, cache, workers, lambda: progress and progress(next(counted), total))
    else:
        for i in todo:
            path, rel, digest = entries[i]
            results[i] = _analyse_keep(path, rel, digest, config, cache)[0]
            if cache is not None:
                cache.hold(keys[i], results[i])  # type: ignore[arg-type]
            done += 1
            if progress is not None:
                progress(done, total)
    return Analysed(tuple(r for r in results if r is not None), analysed, tuple(keys) if cache is not None else ())


def _pooled(
    entries: Sequence[tuple[Path, str, str]], todo: list[int], keys: list[str], results: list[Analysis | Problem | None],
    config: SiteConfig, cache: AnalysisCache | None, workers: int, progress: Callable[[], object],
) -> None:
    """Fill ``results[i]`` for each of ``todo``, analysed by a pool of ``workers`` processes; the parent keeps
    them in the cache, ``PACKED`` to a file, as they come (``progress`` after each)."""
    from concurrent.futures import ProcessPoolExecutor  # here: a run that analyses a few files needs no pool

    jobs = [entries[i] for i in todo]
    _preload(config, [path for path, _, _ in jobs])
    packed: list[tuple[str, bytes]] = []
    with (
        ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(config, cache)) as pool,
        dossier_memo.collector_paused(),
    ):
        sent = pool.map(_worker_job, jobs, chunksize=_chunksize(len(jobs), workers))
        for n, (i, (blob, keep)) in enumerate(zip(todo, sent, strict=True)):
            results[i] = result = pickle.loads(blob)
            if cache is not None:
                packed += [(keys[i], blob)] if keep else []
                if len(packed) == PACKED or n == len(todo) - 1:
                    cache.store_many(packed)
                    packed = []
                cache.hold(keys[i], result)
            progress()


def hash_files(files: Sequence[Path], content_dir: Path, config: SiteConfig) -> list[tuple[Path, str, str]]:
    """(path, path relative to the content folder, content digest) for each file (serve: a file unchanged
    since it was read is not read again, cache.digests_held)."""
    digests = digests_held(files, lambda path: file_digest(path, config), config.reader.max_bytes)
    return [(path, _relative(path, content_dir), digest) for path, digest in zip(files, digests, strict=True)]


def _relative(path: Path, folder: Path) -> str:
    """``path.relative_to(folder).as_posix()``, by cutting the string where it can (a third of the time)."""
    text, base = str(path), f"{folder}{os.sep}"
    if os.sep == "/" and text.startswith(base) and "/./" not in text and "/../" not in text:
        return text[len(base) :]
    return path.relative_to(folder).as_posix()
