"""The `dossier` command: build, serve, convert, check, export. The only module that prints.

Exit status (../shared/contract.md): 0 ok; 1 when an article could not be read
(the rest is still built) or `check` found problems; 2 for bad usage or config.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console
    from rich.progress import Progress

    from generator.config import SiteConfig
    from generator.models import Problem
    from generator.pipeline import Progress as ProgressFn

# Imported where used: `dossier convert` after one edit should not pay for MkDocs, the preview
# server, the export or the progress bar (a quarter of a second of imports it never needs).

PROGRESS_FROM = 300  # articles; below this a progress bar is noise
WRITING = ("build", "serve", "convert")  # the commands that keep things in the project's cache


@lru_cache(maxsize=1)
def _err() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", default=".", help="project root (holds content/, site_config/, mkdocs.yml)")
    common.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    common.add_argument("-v", "--verbose", action="store_true", help="print more detail")
    parser = argparse.ArgumentParser(prog="dossier", description="Turn raw news articles into a searchable case-file site.")
    parser.add_argument("--version", action="version", version=f"dossier {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", parents=[common], help="convert content/ into docs/, then build site/ with MkDocs")
    serve = sub.add_parser("serve", parents=[common], help="convert, then preview with live reload")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    convert = sub.add_parser("convert", parents=[common], help="only write the Markdown into docs/")
    convert.add_argument(
        "--no-warm", action="store_true", help="convert in this process, and leave no warm converter (generator/warm.py)"
    )
    sub.add_parser("stop", parents=[common], help="stop the project's warm converter, if one is running")
    check = sub.add_parser("check", parents=[common], help="read and analyse everything, write nothing, list problems")
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    export = sub.add_parser("export", parents=[common], help="print the analysis of a folder of articles as JSON")
    export.add_argument("content_dir", help="folder of raw articles")
    export.add_argument("-o", "--output", help="write to this file instead of stdout")
    export.add_argument(
        "--format", choices=("json", "timelinejs"), default="json", help="version-1 JSON (default) or TimelineJS 3"
    )
    export.add_argument("--group-by", choices=("source", "entity"), default="source", help="TimelineJS groups")
    # --- dates review loop (generator/review_dates.py) ---
    date = sub.add_parser("date", parents=[common], help="review publication dates: accept a probable year or set one")
    date.add_argument("action", choices=("accept",), help="accept: write a year hint into site_config/site.yml")
    date.add_argument("file", help="the article's file, relative to the content folder")
    date.add_argument("year", nargs="?", type=int, help="the year (default: the probable year)")
    return parser


def _progress(args: argparse.Namespace, count: Callable[[], int]) -> tuple[Progress | None, ProgressFn | None]:
    """A bar on a terminal for a dossier of ``PROGRESS_FROM`` files or more (counted only then)."""
    if args.quiet or os.environ.get("CI") or not _err().is_terminal or (total_hint := count()) < PROGRESS_FROM:
        return None, None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=_err(),
        transient=True,
    )
    task = bar.add_task("analysing", total=total_hint)
    return bar, lambda done, total: bar.update(task, completed=done, total=total)


def _count_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder)) if folder.is_dir() else 0


def _print_problems(problems: tuple[Problem, ...] | list[Problem], verbose: bool) -> None:
    for problem in problems:
        if problem.level == "error" or verbose:
            _err().print(problem.line(), markup=False, soft_wrap=True)


def _load(args: argparse.Namespace) -> SiteConfig:
    from generator.config import load_config

    # the commands that write may keep the parsed settings in .cache/ (config/parsed.py); check and export write nothing
    return load_config(Path(args.root), remember=args.command in WRITING)


def _convert(args: argparse.Namespace, config: SiteConfig, later: list[Callable[[], object]] | None = None) -> int:
    """Convert, print the summary. ``later`` (the warm converter): the suggestions file is refreshed there, after
    the command has its answer, as serve does once edits are quiet; the next command waits for it."""
    from generator import pipeline
    from generator.pipeline import one_off
    from generator.review import refresh, suggestions_for

    if args.command in ("convert", "build"):
        one_off()  # the process ends after this conversion (build runs MkDocs in another)
    bar, tick = _progress(args, lambda: _count_files(config.content_dir))
    suggested = lambda corpus: refresh(config, False, lambda: corpus)  # noqa: E731 - beside the rendering
    beside = None if later is not None else suggested
    if bar:
        with bar:
            result = pipeline.convert(config, progress=tick, beside=beside)
    else:
        result = pipeline.convert(config, beside=beside)
    if later is not None and not result.reused:
        later.append(lambda: suggested(result.corpus))
    if result.reused:
        refresh(config, True, lambda: result.corpus)  # only when the file is missing
    _print_problems(result.problems, args.verbose)
    if not args.quiet and result.report:
        report = result.report
        counts = result.counts
        _err().print(
            f"dossier: {counts.get('articles', 0)} articles, {counts.get('entities', 0)} entities, "
            f"{counts.get('events', 0)} events; {len(report.written)} page(s) written, {report.unchanged} unchanged, "
            f"{len(report.removed)} removed" + (f", {len(result.errors)} file(s) unreadable" if result.errors else ""),
            markup=False,
        )
        for path in report.kept_handwritten:
            _err().print(f"docs/{path}: kept: hand-written, the generated page was not written", markup=False)
    if args.command == "build" and not args.quiet:  # printed after a build only: the corpus may not be loaded
        from generator.review_dates import editor_summary

        args.editor_summary = editor_summary(result.corpus, len(suggestions_for(result.corpus)))
    return 1 if result.errors else 0


def _mkdocs(args: argparse.Namespace, config: SiteConfig, command: str) -> int:
    """Run MkDocs with the dossier plugin's conversion switched off (it just ran)."""
    import subprocess

    from generator.search import mkdocs_env, search_engine

    env = dict(os.environ, DOSSIER_SKIP_CONVERT="1", NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", command, "-f", str(config.root / "mkdocs.yml")]
    if command == "serve":
        cmd += ["--dev-addr", args.dev_addr, "--livereload"]
        env.pop("DOSSIER_SKIP_CONVERT")  # under serve, each rebuild converts what changed
    elif search_engine(config) == "pagefind":  # generator/search.py: `search: auto` picks by size
        # mkdocs.yml reads these (extra.search_engine, the search plugin's `enabled`): the theme
        # loads Pagefind's UI and Material's single index is not built. `serve` keeps Material's.
        env.update(mkdocs_env("pagefind"))
    if args.quiet:
        cmd.append("-q")
    code = subprocess.call(cmd, env=env, cwd=config.root)
    if code == 0 and command == "build" and env.get("DOSSIER_SEARCH") == "pagefind":
        # Heading permalinks ("¶") stay out of result titles; links keep index.html like the site's own.
        pagefind = ["--site", "site", "--quiet", "--keep-index-url", "--exclude-selectors", ".headerlink"]
        code = subprocess.call([sys.executable, "-m", "pagefind", *pagefind], cwd=config.root)
    return code


def _check(args: argparse.Namespace, config: SiteConfig) -> int:
    from generator.models import Problem
    from generator.pipeline import analyse_dossier
    from generator.review import suggestions_for
    from generator.review_dates import date_problems

    corpus = analyse_dossier(config)
    problems = list(corpus.problems) + date_problems(corpus)
    for suggestion in suggestions_for(corpus):
        problems.append(
            Problem(
                "site_config/entities.yml",
                "warning",
                f"name not in the gazetteer: {suggestion.name} ({suggestion.kind}, {suggestion.count} mention(s)); "
                "add it or list it under ignore",
            )
        )
    for problem in problems:
        print(problem.line())
    failing = [p for p in problems if p.level == "error" or args.strict]
    if not args.quiet:
        _err().print(f"dossier check: {len(corpus.articles)} articles, {len(problems)} problem(s)", markup=False)
    return 1 if failing else 0


def _export(args: argparse.Namespace, config: SiteConfig) -> int:
    content = Path(args.content_dir)
    if not content.is_dir():
        _err().print(f"{content}: content_dir: expected a folder of articles, found none", markup=False)
        return 2
    from generator.export import to_json, to_timelinejs
    from generator.pipeline import analyse_dossier

    corpus = analyse_dossier(config, content_dir=content)
    data = to_json(corpus) if args.format == "json" else to_timelinejs(corpus, config.title, args.group_by)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 1 if any(p.level == "error" for p in corpus.problems) else 0


def _date(args: argparse.Namespace, config: SiteConfig) -> int:
    """`dossier date accept FILE [YEAR]`: write the year hint; the next conversion picks it up."""
    from generator.pipeline import analyse_dossier
    from generator.review_dates import accept_year, find_article

    info = find_article(analyse_dossier(config), args.file)
    if info is None:
        _err().print(f"{args.file}: file: expected an article of {config.content_dir}, found none", markup=False)
        return 2
    pubdate, source = info.analysis.pubdate, info.analysis.article.source
    year = args.year or (pubdate.date.year if pubdate.status == "probable" and pubdate.date else None)
    if year is None:
        _err().print(f"{source}: year: expected a YEAR (the date is {pubdate.status}, not probable)", markup=False)
        return 2
    path = accept_year(config.root, source, year)
    _err().print(f"{source}: year {year} written to {path.relative_to(config.root)} (year_hints)", markup=False)
    return 0


def _asked(args: argparse.Namespace) -> int | None:
    """`dossier convert` answered by the project's warm converter: its exit status, or None (convert here)."""
    from generator.warm import ask, wanted

    if not wanted():
        return None
    argv = ["convert", "--root", str(Path(args.root).resolve())] + ["-q"] * args.quiet + ["-v"] * args.verbose
    status = ask(Path(args.root), argv, sys.stdout.write, sys.stderr.write)
    if status is not None and args.verbose:
        sys.stderr.write("dossier: converted by the warm converter (`dossier stop` ends it)\n")
    return status


def _stay(args: argparse.Namespace, config: SiteConfig) -> None:
    """Leave a warm converter for the next command (generator/warm.py), and say so once."""
    from generator.warm import stay

    if stay(config.root, config.warm_minutes) and not args.quiet:
        _err().print(
            f"dossier: a warm converter stays {config.warm_minutes:g} min for the next convert "
            "(`dossier stop` ends it; warm_minutes in site.yml)",
            markup=False,
        )


def _stop(args: argparse.Namespace) -> int:
    from generator.warm import stop

    stopped = stop(Path(args.root))
    if not args.quiet:
        _err().print("dossier: warm converter stopped" if stopped else "dossier: no warm converter was running", markup=False)
    return 0


class _Settings:
    """The warm converter's settings, read again when a file of site_config/ changed (as serve does)."""

    def __init__(self, config: SiteConfig) -> None:
        from generator.serve import snapshot

        self.config, self.seen = config, snapshot([config.root / "site_config"])

    def now(self) -> SiteConfig:
        from generator.config import load_config
        from generator.serve import snapshot

        seen = snapshot([self.config.root / "site_config"])
        if seen != self.seen:
            self.config, self.seen = load_config(self.config.root, remember=True), seen
        return self.config


class _CurrentStderr(logging.Handler):
    """Log records to whatever ``sys.stderr`` is when they are made: in the warm converter, the command's."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(self.format(record) + "\n")


def warm_converter(argv: list[str]) -> int:
    """The warm converter's process (generator/warm.py): ROOT MINUTES. Loads the project as serve does, then
    answers `dossier convert` commands, one at a time, as this module would in their own process."""
    from generator.cache import code_fingerprint
    from generator.config import ConfigError, load_config
    from generator.serve import preload, settle, warm_up
    from generator.warm import Listener, converting, hold_life

    root, minutes = Path(argv[0]), float(argv[1])
    if hold_life(root) is None:
        return 0  # another one lives (this one, once locked, keeps the descriptor open to its end)
    handler = _CurrentStderr()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(handlers=[handler], level=logging.WARNING)
    code = code_fingerprint()
    try:
        with converting(root):
            settings = _Settings(load_config(root, remember=True))
            warm_up(settings.config)
            preload(settings.config)
    except ConfigError:
        return 2  # the command that started it said why
    settle()

    later: list[Callable[[], object]] = []

    def answer(command: list[str]) -> int:
        args = _parser().parse_args(command)
        logging.getLogger().setLevel(logging.DEBUG if args.verbose else logging.WARNING)
        try:
            config = settings.now()
        except ConfigError as exc:
            _err().print(str(exc), markup=False)
            return 2
        return _convert(args, config, later)

    def after() -> None:
        """The suggestions, then the collector (serve.settle), once the command has its answer: only after a
        conversion that did something (a command finding nothing changed is answered in a tenth of a second)."""
        if later:
            with converting(root):
                while later:
                    later.pop(0)()
            settle()

    return Listener(root, minutes, answer, code).serve_forever(after)


def main(argv: list[str] | None = None, console: bool = False) -> int:
    """One command. From the ``console`` script (not tests calling this): a conversion takes the project's
    lock, and `dossier convert` is handed to the project's warm converter when one answers, and leaves one
    behind when it converted itself."""
    args = _parser().parse_args(argv)
    warm = console and args.command == "convert" and not args.no_warm
    if args.command == "stop":
        return _stop(args)
    if warm and (answered := _asked(args)) is not None:
        return answered
    from generator.config import ConfigError

    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        config = _load(args)
    except ConfigError as exc:
        _err().print(str(exc), markup=False)
        return 2
    if args.command == "export":
        return _export(args, config)
    if args.command == "check":
        return _check(args, config)
    if args.command == "date":
        return _date(args, config)
    if console:  # one conversion of the project at a time (generator/warm.py)
        from generator.warm import converting

        with converting(config.root):
            status = _convert(args, config)
    else:
        status = _convert(args, config)
    if warm:
        _stay(args, config)
    if args.command == "convert":
        return status
    if args.command == "serve":
        from generator.serve import serve
        from generator.warm import kept_warm_by_serve

        life = kept_warm_by_serve(config.root)
        try:
            code = serve(config, args.dev_addr, args.quiet)
        finally:
            if life is not None:
                os.close(life)
    else:
        code = _mkdocs(args, config, "build")
    if args.command == "build" and not args.quiet and getattr(args, "editor_summary", None):
        _err().print(args.editor_summary, markup=False)
    return code if code != 0 else status


def run() -> None:  # pragma: no cover - the console script; tests call ``main``
    """`dossier`: ``main``, then end the process at once when nothing else runs in it.

    Freeing a converted dossier object by object at exit costs a tenth of a second at 2,225
    articles and saves nothing: the files are written and closed, the streams are flushed here.
    """
    status = main(console=True)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe: nothing more can be said
    if threading.active_count() == 1:
        os._exit(status)
    sys.exit(status)


if __name__ == "__main__":  # pragma: no cover
    run()
