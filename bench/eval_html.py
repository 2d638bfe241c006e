"""Score the HTML reader's publication dates against htmldate, on the same saved pages, in one process.

Run from the repository root:  python -m bench.eval_html [--corpus DIR] [--errors N] [--with-url]

The corpus is a folder with ``pages/*.html`` and ``gold.json`` mapping each file
name to ``{"date": "YYYY-MM-DD", "url": ...}`` (``../shared/corpora/htmldate-dev``).
Dossier reads each page as the build does (decode, HTML reader, publication
date); htmldate reads the same decoded text. Neither is told the page's URL
unless ``--with-url`` is given (then htmldate gets it, as a reference: a saved
page in a dossier comes without one, apart from what the page itself states).

For each row: right (date equals the gold date), wrong (another date), none
(no date), accuracy = right / pages, precision = right / (right + wrong), and
the seconds spent. Dossier is scored twice: its *given* dates alone, and given
+ probable (+ inferred) together.

Seconds are CPU seconds of this process (time.process_time: other people's jobs
on a shared machine barely move them), the best of three rounds run back to back,
each reader given the same decoded text of all pages. Dossier's figure is its
HTML stage (``generator.readers.html.read``: parse, headline and metadata, date,
text), against htmldate's ``find_date`` (parse and date). A further line splits
Dossier's stage into its parts and gives the whole per-file step (decoding,
reader, publication date), once. Refused pages are those the reader turns
down (ReadError); "with article metadata" counts those among them that carry
og:title, article:* meta tags or a JSON-LD article.

With ``--resiliparse`` (a measurement, not a dependency: ``pip install resiliparse`` into the
venv first) it also times Resiliparse's main-content extraction on the same pages and says how
far its text agrees with the reader's paragraphs (trafilatura's, after the reader's filters).

Tuning on this corpus makes its figures a development score.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import generator.readers.html as html_reader
from generator.analysis.pubdate import infer_pubdate
from generator.config import ReaderOptions, SiteConfig
from generator.models import Problem
from generator.pipeline import read_article
from generator.readers import ReadError
from generator.readers.decoding import decode

ROUNDS = 3
# The HTML stage's parts, as generator.readers.html calls them.
PARTS: dict[str, tuple[str, ...]] = {
    "parse": ("_parse",),
    "headline and metadata": ("page_metadata", "visible_standfirst"),
    "hidden elements": ("drop_hidden",),
    "date": ("page_date",),
    "text": ("article_paragraphs",),
}
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "htmldate-dev"
ARTICLE_METADATA = re.compile(
    r"""og:title|article:published_time|["']@type["']\s*:\s*\[?\s*["'](?:News|Blog|Reportage|Analysis|Opinion)?(?:Article|Posting)""",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Outcome:
    """One page as a reader dated it."""

    page: str
    gold: dt.date
    date: dt.date | None
    status: str  # given | probable | inferred | uncertain | refused | (htmldate: found | none)
    detail: str = ""


@dataclass(frozen=True)
class Score:
    right: int
    wrong: int
    none: int

    @property
    def accuracy(self) -> float:
        total = self.right + self.wrong + self.none
        return self.right / total if total else 0.0

    @property
    def precision(self) -> float:
        dated = self.right + self.wrong
        return self.right / dated if dated else 0.0


def score(outcomes: list[Outcome], statuses: frozenset[str]) -> Score:
    right = sum(1 for o in outcomes if o.status in statuses and o.date == o.gold)
    wrong = sum(1 for o in outcomes if o.status in statuses and o.date is not None and o.date != o.gold)
    return Score(right, wrong, len(outcomes) - right - wrong)


def load_gold(corpus: Path) -> dict[str, tuple[dt.date, str]]:
    data = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    return {name: (dt.date.fromisoformat(entry["date"]), entry.get("url", "")) for name, entry in sorted(data.items())}


def site_config(corpus: Path) -> SiteConfig:
    return SiteConfig(root=corpus, content_dir=corpus / "pages", docs_dir=corpus / "docs", latest_year=dt.date.today().year)


def run_dossier(corpus: Path, gold: dict[str, tuple[dt.date, str]]) -> tuple[list[Outcome], float]:
    """Each page as the build reads it (decode, reader, publication date); CPU seconds for it all."""
    config = site_config(corpus)
    outcomes: list[Outcome] = []
    start = time.process_time()
    for name, (date, _) in gold.items():
        path = corpus / "pages" / name
        article = read_article(path, name, config)
        if isinstance(article, Problem):
            outcomes.append(Outcome(name, date, None, "refused", article.message))
            continue
        pubdate = infer_pubdate(article, config)
        outcomes.append(Outcome(name, date, pubdate.date, pubdate.status, "; ".join(pubdate.evidence)))
    return outcomes, time.process_time() - start


def load_texts(corpus: Path, gold: dict[str, tuple[dt.date, str]]) -> dict[str, str]:
    return {name: decode((corpus / "pages" / name).read_bytes()).text for name in gold}


def time_html_stage(texts: dict[str, str], options: ReaderOptions) -> float:
    """CPU seconds of Dossier's HTML reader on every page."""
    _fair_start()
    start = time.process_time()
    for name, text in texts.items():
        try:
            html_reader.read(text, name, options)
        except ReadError:
            pass
    return time.process_time() - start


@contextmanager
def _clocked(names: tuple[str, ...], spent: dict[str, float]) -> Iterator[None]:
    """Wrap the reader's own functions so each adds its CPU seconds to ``spent``."""
    originals = {name: getattr(html_reader, name) for name in names if hasattr(html_reader, name)}

    def clocked(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - start
        return timed

    for name, fn in originals.items():
        setattr(html_reader, name, clocked(name, fn))
    try:
        yield
    finally:
        for name, fn in originals.items():
            setattr(html_reader, name, fn)


def split_html_stage(texts: dict[str, str], options: ReaderOptions) -> dict[str, float]:
    """CPU seconds of each part of the HTML stage (one round), the rest as "other"."""
    spent: dict[str, float] = {}
    with _clocked(tuple(n for names in PARTS.values() for n in names), spent):
        total = time_html_stage(texts, options)
    parts = {part: sum(spent.get(n, 0.0) for n in names) for part, names in PARTS.items()}
    parts["other"] = max(0.0, total - sum(parts.values()))
    return parts


def run_htmldate(texts: dict[str, str], gold: dict[str, tuple[dt.date, str]], extensive: bool, with_url: bool
                 ) -> tuple[list[Outcome], float]:
    from htmldate import find_date

    outcomes: list[Outcome] = []
    _fair_start()
    start = time.process_time()
    for name, (date, url) in gold.items():
        found = find_date(texts[name], url=url if with_url else None, original_date=True, extensive_search=extensive)
        value = dt.date.fromisoformat(found) if found else None
        outcomes.append(Outcome(name, date, value, "found" if value else "none"))
    return outcomes, time.process_time() - start


def _row(label: str, result: Score, seconds: float | None) -> str:
    secs = f"{seconds:8.2f}" if seconds is not None else " " * 8
    return f"{label:<34} {result.right:5} {result.wrong:5} {result.none:5} {result.accuracy:8.3f} {result.precision:9.3f} {secs}"


def _fair_start() -> None:
    """Both sides start alike: htmldate's cache of parsed date strings empty."""
    from htmldate import extractors

    extractors.try_date_expr.cache_clear()


@dataclass(frozen=True)
class Timings:
    """Best-of-rounds CPU seconds."""

    stage: float
    extensive: float
    fast: float


def time_rounds(texts: dict[str, str], gold: dict[str, tuple[dt.date, str]], options: ReaderOptions, with_url: bool
                ) -> tuple[Timings, list[Outcome], list[Outcome]]:
    """Dossier's stage and htmldate's two modes, back to back, ROUNDS times; the best of each."""
    best = [float("inf")] * 3
    extensive: list[Outcome] = []
    fast: list[Outcome] = []
    for _ in range(ROUNDS):
        extensive, ext_secs = run_htmldate(texts, gold, extensive=True, with_url=with_url)
        stage_secs = time_html_stage(texts, options)
        fast, fast_secs = run_htmldate(texts, gold, extensive=False, with_url=with_url)
        best = [min(b, s) for b, s in zip(best, (stage_secs, ext_secs, fast_secs), strict=True)]
    return Timings(*best), extensive, fast


def report(corpus: Path, errors: int, with_url: bool, dump: Path | None = None) -> int:
    gold = load_gold(corpus)
    texts = load_texts(corpus, gold)
    run_htmldate(texts, gold, extensive=True, with_url=with_url)  # untimed warm-up: dateparser compiles its languages once
    _fair_start()
    dossier, whole_secs = run_dossier(corpus, gold)
    if dump is not None:
        rows = {o.page: {"gold": str(o.gold), "date": o.date and str(o.date), "status": o.status, "why": o.detail}
                for o in dossier}
        dump.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    options = site_config(corpus).reader
    timings, extensive, fast = time_rounds(texts, gold, options, with_url)
    parts = split_html_stage(texts, options)
    url_note = " (htmldate given the gold URL)" if with_url else " (no reader is given the URL)"
    print(f"{len(gold)} pages in {corpus}{url_note}; development score if the reader was tuned on them")
    print(f"{'':<34} {'right':>5} {'wrong':>5} {'none':>5} {'accuracy':>8} {'precision':>9} {'seconds':>8}")
    print(_row("Dossier, given dates", score(dossier, frozenset({"given"})), None))
    print(_row("Dossier, given + probable", score(dossier, frozenset({"given", "probable", "inferred"})), timings.stage))
    print(_row("htmldate extensive (default)", score(extensive, frozenset({"found"})), timings.extensive))
    print(_row("htmldate fast", score(fast, frozenset({"found"})), timings.fast))
    print(f"seconds: CPU, best of {ROUNDS} rounds back to back, same decoded pages; Dossier = its HTML stage, "
          f"{timings.stage / timings.extensive:.1f} x htmldate extensive")
    print("Dossier's HTML stage, one round: " + ", ".join(f"{k} {v:.2f}" for k, v in parts.items())
          + f"; whole per-file step (decode, reader, publication date) {whole_secs:.2f}")
    _details(corpus, dossier, errors)
    return 0


def _details(corpus: Path, dossier: list[Outcome], errors: int) -> None:
    statuses = Counter(o.status for o in dossier)
    print("Dossier statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    refused = [o for o in dossier if o.status == "refused"]
    with_meta = [o for o in refused if ARTICLE_METADATA.search(decode((corpus / "pages" / o.page).read_bytes()).text)]
    print(f"refused pages: {len(refused)} ({len(with_meta)} with article metadata)")
    for outcome in with_meta[:errors]:
        print(f"  refused {outcome.page}: {outcome.detail}")
    mistakes = [o for o in dossier if o.status in ("given", "probable", "inferred") and o.date != o.gold]
    for outcome in mistakes[:errors]:
        print(f"  wrong {outcome.status} {outcome.page}: {outcome.date} for {outcome.gold}: {outcome.detail}")
    missed = [o for o in dossier if o.date is None and o.status != "refused"]
    for outcome in missed[:errors]:
        print(f"  none {outcome.page} (gold {outcome.gold}): {outcome.detail}")


def compare_resiliparse(texts: dict[str, str], options: ReaderOptions) -> int:
    """Resiliparse's ``extract_plain_text(main_content=True)`` beside the reader's paragraphs: CPU
    seconds (best of ROUNDS), the share of the reader's paragraphs found verbatim in its text, and
    the share of its text (by characters) that is in none of the reader's headline, standfirst
    and paragraphs."""
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree
    except ImportError:
        print("--resiliparse: resiliparse: expected it installed in the venv, found nothing", file=sys.stderr)
        return 2
    articles = {}
    for name, text in texts.items():
        try:
            articles[name] = html_reader.read(text, name, options)
        except ReadError:
            continue
    seconds = float("inf")
    extracted: dict[str, str] = {}
    for _ in range(ROUNDS):
        start = time.process_time()
        extracted = {name: extract_plain_text(HTMLTree.parse(text), main_content=True) for name, text in texts.items()}
        seconds = min(seconds, time.process_time() - start)
    found, extra = [], []
    for name, article in articles.items():
        flat = _flat(extracted[name])
        paragraphs = [_flat(p) for p in article.paragraphs]
        found.append(sum(1 for p in paragraphs if p in flat) / len(paragraphs))
        ours = "\n".join([*paragraphs, _flat(article.headline), _flat(article.standfirst)])
        lines = [line for line in (_flat(raw) for raw in extracted[name].splitlines()) if line]
        total = sum(map(len, lines))
        extra.append(sum(len(line) for line in lines if line not in ours) / total if total else 0.0)
    empty = sum(1 for name in articles if not extracted[name].strip())
    print(f"Resiliparse main content: {seconds:.2f} s CPU (parse and extract, best of {ROUNDS}) on {len(texts)} pages; "
          f"on the {len(articles)} pages the reader reads: no text on {empty}; "
          f"reader's paragraphs found verbatim {sum(found) / len(found):.3f} per page "
          f"(all of them on {sum(1 for f in found if f == 1.0)}); extra text {sum(extra) / len(extra):.3f} of its characters "
          f"per page (over a fifth on {sum(1 for e in extra if e > 0.2)})")
    return 0


def _flat(text: str) -> str:
    return " ".join(text.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--errors", type=int, default=0, help="list up to N mistakes of each kind")
    parser.add_argument("--with-url", action="store_true", help="give htmldate the gold URL (reference only)")
    parser.add_argument("--dump", type=Path, help="write Dossier's outcome for each page to this JSON file")
    parser.add_argument("--resiliparse", action="store_true", help="only compare Resiliparse's extraction (if installed)")
    args = parser.parse_args(argv)
    if not (args.corpus / "gold.json").is_file():
        print(f"{args.corpus}: gold.json: expected the htmldate-dev corpus, found nothing", file=sys.stderr)
        return 2
    if args.resiliparse:
        gold = load_gold(args.corpus)
        return compare_resiliparse(load_texts(args.corpus, gold), site_config(args.corpus).reader)
    return report(args.corpus, args.errors, args.with_url, args.dump)


if __name__ == "__main__":
    sys.exit(main())
