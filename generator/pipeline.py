"""read -> analyse -> link -> render -> write, for one project.

Disk at the edges only: this module reads the bytes of content/ (the readers turn them
into Articles), the cache and the writer write, the review loop writes site_config/
through the writer. One bad file never stops the rest: it becomes a Problem naming the
file and the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator import records
from generator.analysing import PARALLEL_FROM, Analysed, Progress, analyse_entries, default_workers, hash_files
from generator.analysing import read_article as read_article  # where it was (serve, benches)
from generator.cache import (
    CACHE_DIR,
    STAGING,
    TEXTS,
    AnalysisCache,
    RunState,
    code_fingerprint,
    collector_held,
    docs_unchanged,
    ends_after_run,
    lists_folder,
    load_state,
    long_running,
    restat_pages,
    run_key,
    save_state,
    serving,
    stat_pages,
)
from generator.cache import (
    one_off as one_off,  # the command says so here (cli)
)
from generator.config import SiteConfig
from generator.discovery import IGNORED_NAMES as IGNORED_NAMES  # where they were
from generator.discovery import discover
from generator.dossier import memo as dossier_memo
from generator.dossier.corpus import Corpus, build_corpus
from generator.forks import Job, aside_all, aside_done
from generator.language import textmemo
from generator.language.stored import keep_lists_in
from generator.models import Analysis, Page, Problem
from generator.render.site import iter_site, render_site
from generator.rerender import LISTED, PageMemo, load_listed, save_listed
from generator.writer import MANIFEST, WriteReport, write_pages

KEEP_MEMO_BELOW = PARALLEL_FROM  # files analysed: a one-off run analysing fewer keeps the dossier memo (``_lets_go``)


@dataclass(frozen=True)
class ConvertResult:
    """What a conversion did. When it reused everything, ``corpus`` and ``pages`` are rebuilt on first use."""

    report: WriteReport | None
    problems: tuple[Problem, ...]
    counts: Mapping[str, int]  # articles, entities, events
    analysed: int = 0  # files analysed in this run; the others were loaded from the cache
    reused: bool = False  # nothing changed: nothing was analysed, rendered or written
    load_corpus: Callable[[], Corpus] | None = field(default=None, repr=False, compare=False)
    render: Callable[[Corpus], Sequence[Page]] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def corpus(self) -> Corpus:
        if self.load_corpus is None:
            raise ValueError("this result holds no corpus")
        return self.load_corpus()

    @cached_property
    def pages(self) -> tuple[Page, ...]:
        if self.render is None:
            raise ValueError("this result holds no pages")
        return tuple(self.render(self.corpus))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level == "error")


def analyse_files(
    files: Sequence[Path],
    content_dir: Path,
    config: SiteConfig,
    progress: Progress | None = None,
    workers: int | None = None,
    cache: AnalysisCache | None = None,
) -> tuple[list[Analysis], list[Problem]]:
    """Read and analyse every file; in a process pool when there are many; reuse the cache when given."""
    entries = (
        hash_files(files, content_dir, config)
        if cache is not None
        else [(p, p.relative_to(content_dir).as_posix(), "") for p in files]
    )
    done = analyse_entries(entries, config, progress, workers, cache)
    return done.analyses, done.problems


def analyse_dossier(
    config: SiteConfig, content_dir: Path | None = None, progress: Progress | None = None, cache: AnalysisCache | None = None
) -> Corpus:
    """Read, analyse and link every article of a content folder; write nothing but the optional cache."""
    content = content_dir or config.content_dir
    files, problems = discover(content)
    analyses, read_problems = analyse_files(files, content, config, progress, cache=cache)
    return build_corpus(analyses, config, problems + read_problems)


def _counts(corpus: Corpus) -> dict[str, int]:
    return {"articles": len(corpus.articles), "entities": len(corpus.entities), "events": len(corpus.events)}


def _memo(
    corpus: Corpus, config: SiteConfig, entries: Sequence[tuple[Path, str, str]], done: Analysed, state: RunState | None,
    now: Mapping[str, tuple[int, int]], full_pass: bool = False,
) -> PageMemo | None:
    """With the cache: reuse the pages of articles and entities whose inputs are as in the last run (``now``: on disk).
    A ``full_pass`` renders every listing group (their pages still left in docs/ when equal): the memos of
    their lines are then filled for the first edit."""
    if not done.keys:
        return None
    keys = {rel: key for (_, rel, _), key in zip(entries, done.keys, strict=True)}
    previous = dict(state.units) if state is not None else {}
    before = dict(state.pages) if state is not None else {}
    return PageMemo(
        corpus, config, keys, previous, lambda path: path in now and now[path] == before.get(path), code_fingerprint(),
        load_listed(config.root / CACHE_DIR / LISTED), full_pass,
    )


def _listings_saved(config: SiteConfig, memo: PageMemo | None) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The listing pages' digests saved (before the run state: rerender.save_listed); the units' for the state."""
    save_listed(config.root / CACHE_DIR / LISTED, memo.listings if memo is not None else None)
    return memo.now if memo is not None else {}


def _noting(pages: Iterable[Page], paths: list[str]) -> Iterator[Page]:
    """The pages as they come, noting their paths (the run state watches them; the pages are not kept)."""
    for page in pages:
        paths.append(page.path)
        yield page


def _lets_go(analysed: int) -> bool:
    """Whether the dossier stage's memo is let go once its records are set aside (``_set_aside``). It is
    kept for the next build by a process that will make one (serve), and to its end by a one-off run
    that analysed fewer than ``KEEP_MEMO_BELOW`` files (an edit): freeing it would only cost time, ~0.2 s
    at 2,225 articles, most of it copying the pages this process still shares with the copy set aside.
    A run that analysed many renders many pages, and the memory comes first (at 2,225 articles, cold,
    keeping it raised the peak from 415 to 524 MB). Any other process lets it go."""
    return not long_running() and not (ends_after_run() and analysed < KEEP_MEMO_BELOW)


def _linked(done: Analysed, config: SiteConfig, found: list[Problem], cache: AnalysisCache | None) -> Corpus:
    """The dossier stage; with the cache, from its records as the last conversion left them (``records.loaded``),
    and with the per-text results saved after (language/textmemo.py)."""
    dossier_memo.known_as(zip(done.results, done.keys, strict=True) if records.saving(cache) else ())  # named by their cache keys
    corpus = build_corpus(done.analyses, config, found + done.problems)
    if cache is not None and not long_running():  # serve holds them, and saves them when idle (review.refresh)
        textmemo.save(config.root / CACHE_DIR / TEXTS, code_fingerprint())
    return corpus


def _set_aside(
    corpus: Corpus, config: SiteConfig, cache: AnalysisCache | None, beside: Callable[[Corpus], object] | None,
    letting_go: bool = False,
) -> None:
    """What the rest of the run does not read, in one forked copy beside the rendering (forks.aside_all): the
    dossier records for the next run (writing them costs ~0.3 s), then ``beside`` (the command's suggestions
    file), done again here if the copy fails at it. Elsewhere, here and now. When the memo is
    ``letting_go``, what is not saved is dropped before the copy is made, and the rest after it is saved
    (the suggestions use that memory: at 10,000 articles the copy's peak is its size when forked)."""
    jobs: list[Job] = []
    if letting_go:
        dossier_memo.drop_unsaved()
    if records.saving(cache):
        kept = records.kept(config)
        jobs.append((lambda: dossier_memo.save_to(*kept), False))
        if letting_go:
            jobs.append((dossier_memo.clear, False))
    if beside is not None:
        jobs.append((lambda: beside(corpus), True))
    if jobs:
        aside_all(jobs)


def _state_saved(
    config: SiteConfig, key: str, paths: list[str], corpus: Corpus, report: WriteReport, memo: PageMemo | None,
    now: Mapping[str, tuple[int, int]],
) -> None:
    """The run's state (cache.RunState), for the next run. Hand-written pages that stand where a generated one
    would go are watched too: removing one must let the generated page be written."""
    stamps = restat_pages(config.docs_dir, [*paths, MANIFEST], (*report.written, MANIFEST), now)
    units = _listings_saved(config, memo)
    save_state(config, RunState(key, stamps, corpus.problems, _counts(corpus), report.kept_handwritten, units))


def _written(
    corpus: Corpus, config: SiteConfig, entries: Sequence[tuple[Path, str, str]], done: Analysed, state: RunState | None,
    workers: int | None, cache: AnalysisCache | None, key: str, full_pass: bool = False,
) -> WriteReport:
    """The pages rendered (those whose inputs changed, with the cache) and written; the run state saved."""
    now = stat_pages(config.docs_dir, state.pages) if state is not None and done.keys else {}  # as the last run left them?
    memo = _memo(corpus, config, entries, done, state, now, full_pass)
    forks = workers if workers is not None else default_workers()  # this process counts as one
    staging = config.root / CACHE_DIR / STAGING if cache is not None else None
    if memo is not None:
        pages = iter_site(corpus, config, memo.unit, forks, memo.stale, memo.listings, staging)
    else:
        pages = iter_site(corpus, config, workers=forks, staging=staging)
    paths: list[str] = []
    config.docs_dir.mkdir(parents=True, exist_ok=True)
    report = write_pages(_noting(pages, paths), config.docs_dir, memo.read_back if memo is not None else (), staging)
    if cache is not None:
        cache.prune(done.keys)
        _state_saved(config, key, paths, corpus, report, memo, now)
    return report


def convert(
    config: SiteConfig, progress: Progress | None = None, use_cache: bool = True, workers: int | None = None,
    full_pass: bool = False, beside: Callable[[Corpus], object] | None = None,
) -> ConvertResult:
    """The whole conversion: content/ -> docs/ (only changed bytes are written).

    With the cache (``.cache/dossier/``), an unchanged article is not analysed again,
    and when no input changed and docs/ is as the last run left it, nothing is
    analysed, rendered or written at all: the result's corpus and pages are then
    rebuilt from the cache only if asked for. ``full_pass`` runs every stage even then (``dossier
    serve`` once before the first edit, so that edit finds its memos filled). ``beside`` is given
    the linked corpus (the command's suggestions file): in a one-off run, beside the rendering.
    """
    run = lambda: _convert(config, progress, use_cache, workers, full_pass, beside)  # noqa: E731
    return serving(run, lambda result: result.analysed < KEEP_MEMO_BELOW)  # serve: as a one-off run


def _convert(
    config: SiteConfig, progress: Progress | None, use_cache: bool, workers: int | None, full_pass: bool,
    beside: Callable[[Corpus], object] | None,
) -> ConvertResult:
    with collector_held():  # a one-off run: what it makes lives to its end (cache.collector_held)
        files, found = discover(config.content_dir, remember=long_running())  # a folder unchanged: not listed again
        entries = hash_files(files, config.content_dir, config)
        cache = AnalysisCache.for_config(config) if use_cache else None
        if cache is not None:
            keep_lists_in(lists_folder(config))  # word and place lists, compiled once per user (language/stored.py)
        key = run_key(config, [(rel, digest) for _, rel, digest in entries], found)

        def rebuild() -> Corpus:
            done = analyse_entries(entries, config, None, workers, cache)
            return build_corpus(done.analyses, config, found + done.problems)

        state = load_state(config) if cache is not None else None
        if not full_pass and state is not None and state.key == key and docs_unchanged(config, state):
            unchanged = len(state.pages) - (MANIFEST in state.pages) - len(state.kept_handwritten)
            report = WriteReport((), unchanged, (), state.kept_handwritten)
            return ConvertResult(report, state.problems, dict(state.counts), 0, True, rebuild, lambda c: render_site(c, config))

        done = analyse_entries(entries, config, progress, workers, cache, lambda: records.loaded(config, cache))
        records.keep_to_the_end()  # the analyses
        letting_go = _lets_go(done.analysed)
        with dossier_memo.keeping_last(not letting_go):  # a build no next one in this process reads
            corpus = _linked(done, config, found, cache)
            _set_aside(corpus, config, cache, beside, letting_go)
            records.let_go(letting_go)
    with (
        dossier_memo.keeping_last(not letting_go),
        collector_held() if done.analysed < KEEP_MEMO_BELOW else nullcontext(),  # an edit: ~0.1 s of passes freeing nothing
    ):
        report = _written(corpus, config, entries, done, state, workers, cache, key, full_pass)
    aside_done()
    rerender = lambda c: render_site(c, config)  # noqa: E731 - the pages were written, not kept
    return ConvertResult(report, corpus.problems, _counts(corpus), done.analysed, False, lambda: corpus, rerender)
