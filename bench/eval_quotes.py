"""Quotes and [sic] flags over real wire copy, for a human to judge.

Run ``python -m bench.eval_quotes`` from the project root. It reads every
story in ../shared/corpora/tass-dev/*.txt (or the folders given), recognises
entities with the gazetteer of site_config/entities.yml, and prints the number
of articles and quotes, the share of quotes with a named speaker, every quote
with its speaker (``-v``), and EVERY [sic] raised with its suggestion. With
the seeds and their gold beside the repo it also scores the two samples.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import yaml

from generator.analysis.entities.recognise import recognise
from generator.analysis.quotes import find_quotes
from generator.analysis.spelling import find_source_errors, known_words_for
from generator.config import ReaderOptions
from generator.config.gazetteer import Gazetteer, load_gazetteer
from generator.language.lexicon import QuoteCues, load_cues, load_spelling
from generator.models import Article, Quote, SourceError
from generator.readers import text as text_reader

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_GLOB = SHARED / "corpora" / "tass-dev"


def _config() -> tuple[ReaderOptions, Gazetteer, QuoteCues, frozenset[str]]:
    """The project's own site_config/, read file by file so one bad file does not stop the bench."""
    cfg = ROOT / "site_config"

    def data(name: str) -> object:
        path = cfg / name
        return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None

    gazetteer, _ = load_gazetteer(data("entities.yml"), str(cfg / "entities.yml"))
    cues, _ = load_cues(data("quotes.yml"), str(cfg / "quotes.yml"))
    ignore, _ = load_spelling(data("spelling.yml"), str(cfg / "spelling.yml"))
    furniture = data("furniture.yml")
    lines = furniture.get("lines", []) if isinstance(furniture, dict) else []
    options = ReaderOptions(furniture=tuple(re.compile(str(p), re.IGNORECASE) for p in lines if isinstance(p, str)))
    return options, gazetteer, cues, known_words_for(gazetteer.entries, ignore)


def _read(path: Path, options: ReaderOptions) -> Article:
    """The story as the product's text reader reads it (no fallback: a reader error is a bench error)."""
    return text_reader.read(path.read_bytes().decode("utf-8", errors="replace"), path.name, options)


TIMES = {"entities": 0.0, "quotes": 0.0, "spelling": 0.0}


def analyse(
    article: Article, gazetteer: Gazetteer, cues: QuoteCues, known: frozenset[str]
) -> tuple[tuple[Quote, ...], tuple[SourceError, ...]]:
    """Entities, then quotes and [sic] of one article, timing each stage."""
    t0 = time.perf_counter()
    mentions, discovered = recognise(article, gazetteer)
    t1 = time.perf_counter()
    entities = {e.id: e for e in (*gazetteer.entries, *discovered)}
    quotes = find_quotes(article, mentions, entities, cues)
    t2 = time.perf_counter()
    errors = find_source_errors(article, known)
    t3 = time.perf_counter()
    TIMES["entities"] += t1 - t0
    TIMES["quotes"] += t2 - t1
    TIMES["spelling"] += t3 - t2
    return quotes, errors


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.replace("(unnamed)", "")).strip().casefold()


def score_gold(options: ReaderOptions, gazetteer: Gazetteer, cues: QuoteCues, known: frozenset[str]) -> list[str]:
    """Quote starts, speakers and [sic] of the two samples against shared/gold/seeds.yml."""
    gold_path = SHARED / "gold" / "seeds.yml"
    if not gold_path.exists():
        return [f"gold: {gold_path} not present, skipped"]
    lines = []
    for item in yaml.safe_load(gold_path.read_text(encoding="utf-8"))["articles"]:
        article = _read(SHARED / "seeds" / item["file"], options)
        quotes, errors = analyse(article, gazetteer, cues, known)
        entities = {e.id: e.name for e in gazetteer.entries}
        hits = 0
        for want in item.get("quotes", []):
            got = next((q for q in quotes if q.kind == "quote" and q.text.startswith(want["starts"])), None)
            speaker = "" if got is None else entities.get(got.speaker, got.speaker_label) if got.speaker else got.speaker_label
            ok = got is not None and _fold(speaker) == _fold(want["speaker"])
            hits += ok
            if not ok:
                lines.append(f"  MISS {item['file']}: {want['starts'][:40]!r} by {want['speaker']!r}, got {speaker!r}")
        sics = {(e.text, e.suggestion) for e in errors}
        wanted = {(e["text"], e["suggestion"]) for e in item.get("source_errors", [])}
        lines.append(
            f"gold {item['file']}: quotes {hits}/{len(item.get('quotes', []))} (found {sum(q.kind == 'quote' for q in quotes)}), "
            f"[sic] {len(sics & wanted)}/{len(wanted)} right, {len(sics - wanted)} wrong"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval_quotes", description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[DEFAULT_GLOB], help="folders of .txt stories")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every quote with its speaker")
    args = parser.parse_args(argv)
    paths = sorted(p for folder in args.folders for p in folder.rglob("*.txt"))
    if not paths:
        print(f"no .txt files under {', '.join(map(str, args.folders))}", file=sys.stderr)
        return 1
    options, gazetteer, cues, known = _config()
    articles = [_read(p, options) for p in paths]
    started = time.perf_counter()
    results = [analyse(a, gazetteer, cues, known) for a in articles]
    elapsed = time.perf_counter() - started
    quotes = [q for qs, _ in results for q in qs if q.kind == "quote"]
    statements = [q for qs, _ in results for q in qs if q.kind == "statement"]
    with_entity = sum(q.speaker is not None for q in quotes)
    with_label = sum(bool(q.speaker_label) for q in quotes)

    def share(n: int) -> str:
        return f"{n / len(quotes):.0%}" if quotes else "n/a"

    print(f"articles: {len(articles)}")
    print(f"quotes found: {len(quotes)}; statements (reported speech) found: {len(statements)}")
    print(f"quotes by how the speaker was found: {dict(sorted(Counter(q.resolved_by for q in quotes).items()))}")
    print(f"named speaker (an entity): {with_entity} ({share(with_entity)})")
    print(f"any speaker (entity, name as written or unnamed-source label): {with_label} ({share(with_label)})")
    per = {stage: f"{seconds / len(articles) * 1000:.2f}" for stage, seconds in TIMES.items()}
    print(
        f"time: {elapsed:.2f} s; ms/article: entities {per['entities']}, quotes {per['quotes']}, "
        f"spelling {per['spelling']} (dictionary load included)"
    )
    if args.verbose:
        for article, (qs, _) in zip(articles, results, strict=True):
            for q in qs:
                who = f"{q.speaker or '-'} | {q.speaker_label!r}"
                print(f"  {article.source} [{q.paragraph}] {q.kind} {q.resolved_by} {who} | {q.text[:80]!r}")
    sics = [(article.source, e) for article, (_, errors) in zip(articles, results, strict=True) for e in errors]
    print(f"[sic] raised: {len(sics)}")
    for source, error in sics:
        print(f"  {source} [{error.paragraph}] {error.text} -> {error.suggestion}")
    for line in score_gold(options, gazetteer, cues, known):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
