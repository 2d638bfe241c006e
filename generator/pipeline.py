"""read -> analyse -> link -> render -> write, for one project.

Only this module and the writer touch the disk. One bad file never stops the
rest: it becomes a Problem naming the file and the reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from generator.analyse import analyse
from generator.config import SiteConfig
from generator.corpus import Corpus, build_corpus
from generator.models import Analysis, Article, Page, Problem
from generator.readers import READABLE_SUFFIXES, ReadError, reader_for
from generator.readers.decoding import decode
from generator.render.site import render_site
from generator.writer import WriteReport, write_pages

IGNORED_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep", "README.md", "README.txt"})
PARALLEL_FROM = 200  # below this many articles a process pool costs more than it saves

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ConvertResult:
    corpus: Corpus
    pages: tuple[Page, ...]
    report: WriteReport | None

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.corpus.problems if p.level == "error")


def discover(content_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Files to read, sorted; symlinks leaving the folder and unknown types become problems."""
    files: list[Path] = []
    problems: list[Problem] = []
    root = content_dir.resolve()
    if not content_dir.is_dir():
        return [], [Problem(str(content_dir), "error", "the content folder does not exist")]
    for dirpath, dirnames, filenames in os.walk(content_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            rel = path.relative_to(content_dir).as_posix()
            if name in IGNORED_NAMES or name.endswith(("~", ".tmp")) or name.startswith("~$"):
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    problems.append(Problem(rel, "error", f"symbolic link to {target}, outside the content folder: refused"))
                    continue
            if path.suffix.lower() not in READABLE_SUFFIXES:
                problems.append(Problem(rel, "warning", f"not an article format this tool reads ({path.suffix or 'no extension'}); skipped"))
                continue
            files.append(path)
    return files, problems


def read_article(path: Path, rel: str, config: SiteConfig) -> Article | Problem:
    """One file -> Article, or a Problem that says why not."""
    reader = reader_for(path)
    if reader is None:
        return Problem(rel, "warning", f"no reader for {path.suffix}")
    try:
        size = path.stat().st_size
        if size > config.reader.max_bytes:
            raise ReadError(f"the file is {size:,} bytes, above the limit of {config.reader.max_bytes:,} (site_config/site.yml: max_bytes)")
        decoded = decode(path.read_bytes())
        article = reader(decoded.text, rel, config.reader)
    except ReadError as exc:
        return Problem(rel, "error", str(exc))
    except OSError as exc:
        return Problem(rel, "error", f"cannot be read: {exc.strerror or exc}")
    notes = article.reader_notes + decoded.notes
    hint = config.year_hint(rel)
    return replace(article, encoding=decoded.encoding, reader_notes=notes, year_hint=article.year_hint or hint)


def _analyse_one(args: tuple[Path, str, SiteConfig]) -> Analysis | Problem:
    path, rel, config = args
    article = read_article(path, rel, config)
    if isinstance(article, Problem):
        return article
    return analyse(article, config)


def analyse_files(files: Sequence[Path], content_dir: Path, config: SiteConfig, progress: Progress | None = None, workers: int | None = None) -> tuple[list[Analysis], list[Problem]]:
    """Read and analyse every file; in a process pool when there are many."""
    jobs = [(path, path.relative_to(content_dir).as_posix(), config) for path in files]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    results: Iterable[Analysis | Problem]
    if len(jobs) >= PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(_tick(pool.map(_analyse_one, jobs, chunksize=32), len(jobs), progress))
    else:
        results = list(_tick(map(_analyse_one, jobs), len(jobs), progress))
    analyses = [r for r in results if isinstance(r, Analysis)]
    problems = [r for r in results if isinstance(r, Problem)]
    return analyses, problems


def _tick(results: Iterable[Analysis | Problem], total: int, progress: Progress | None) -> Iterable[Analysis | Problem]:
    for done, result in enumerate(results, start=1):
        if progress is not None:
            progress(done, total)
        yield result


def analyse_dossier(config: SiteConfig, content_dir: Path | None = None, progress: Progress | None = None) -> Corpus:
    """Read, analyse and link every article of a content folder; write nothing."""
    content = content_dir or config.content_dir
    files, problems = discover(content)
    analyses, read_problems = analyse_files(files, content, config, progress)
    return build_corpus(analyses, config, problems + read_problems)


def convert(config: SiteConfig, progress: Progress | None = None) -> ConvertResult:
    """The whole conversion: content/ -> docs/ (only changed bytes are written)."""
    corpus = analyse_dossier(config, progress=progress)
    pages = render_site(corpus, config)
    config.docs_dir.mkdir(parents=True, exist_ok=True)
    report = write_pages(pages, config.docs_dir)
    return ConvertResult(corpus, tuple(pages), report)
