"""Score name recognition on CoNLL-2003 English (eng.testa): entity-level P/R/F1 and speed.

Run from the repository root:  python -m bench.eval_ner [--corpus FILE] [--gazetteer] [--errors N]

Each CoNLL document becomes an Article whose paragraphs are its sentences (tokens joined
by single spaces), so per-article resolution (surnames, headline names) works as on wire
copy. A predicted mention counts when its character span covers exactly the tokens of
a gold PER/ORG/LOC span with the same type (person -> PER, organisation -> ORG, place ->
LOC); gold MISC spans are left out, as in the spaCy reference (about 0.59 F1 for
en_core_web_sm). By default the gazetteer is EMPTY: the curated one is about the Bout
dossier, so this measures discovery alone; ``--gazetteer`` adds a run with
site_config/entities.yml. Speed is words (CoNLL tokens) per second of recognise() after
the one-time loading of word lists, which is timed apart.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.entities import Gazetteer, load_gazetteer, recognise
from generator.models import Article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "conll2003" / "eng.testa"
TYPES = ("PER", "ORG", "LOC")
KIND_TYPE = {"person": "PER", "organisation": "ORG", "place": "LOC"}

Span = tuple[int, int, int, str]  # (sentence, first token, last token + 1, type)


@dataclass(frozen=True)
class Document:
    sentences: tuple[tuple[str, ...], ...]
    gold: frozenset[Span]


def _spans(tags: list[str], sentence: int) -> list[Span]:
    """Entity spans from IOB1 tags: I-X continues X, B-X starts a new X next to another."""
    spans: list[Span] = []
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        new_kind = tag[2:] if tag != "O" else None
        begins = tag.startswith("B-") or new_kind != kind
        if kind is not None and (begins or new_kind is None):
            spans.append((sentence, start or 0, i, kind))
            kind = None
        if new_kind is not None and (kind is None or begins):
            start, kind = i, new_kind
    return spans


def read_conll(path: Path) -> list[Document]:
    """Documents of a CoNLL-2003 file (word POS chunk NER per line, blank line between sentences)."""
    docs: list[Document] = []
    sentences: list[tuple[str, ...]] = []
    gold: list[Span] = []
    words: list[str] = []
    tags: list[str] = []

    def end_sentence() -> None:
        if words:
            gold.extend(_spans(tags, len(sentences)))
            sentences.append(tuple(words))
            words.clear()
            tags.clear()

    def end_document() -> None:
        end_sentence()
        if sentences:
            docs.append(Document(tuple(sentences), frozenset(gold)))
        sentences.clear()
        gold.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            end_sentence()
        elif parts[0] == "-DOCSTART-":
            end_document()
        else:
            words.append(parts[0])
            tags.append(parts[-1])
    end_document()
    return docs


def _offsets(words: tuple[str, ...]) -> tuple[dict[int, int], dict[int, int]]:
    starts, ends, pos = {}, {}, 0
    for i, word in enumerate(words):
        starts[pos] = i
        ends[pos + len(word)] = i + 1
        pos += len(word) + 1
    return starts, ends


def predict(doc: Document, gazetteer: Gazetteer) -> set[Span]:
    """Predicted spans of one document; a mention not on token boundaries is kept as a miss."""
    article = Article(
        source="conll",
        format="text",
        headline="",
        standfirst="",
        paragraphs=tuple(" ".join(s) for s in doc.sentences),
    )
    mentions, discovered = recognise(article, gazetteer)
    kinds = {e.id: e.kind for e in (*gazetteer.entries, *discovered)}
    out: set[Span] = set()
    for m in mentions:
        starts, ends = _offsets(doc.sentences[m.paragraph])
        first, last = starts.get(m.start), ends.get(m.end)
        kind = KIND_TYPE[kinds[m.entity]]
        if first is None or last is None:
            out.add((m.paragraph, -m.start - 1, -m.end - 1, kind))  # never equals a gold span
        else:
            out.add((m.paragraph, first, last, kind))
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(docs: list[Document], gazetteer: Gazetteer, errors: int = 0) -> dict[str, object]:
    """Scores per type and overall, with words per second; prints nothing."""
    counts = {t: Counter() for t in TYPES}
    words = sum(len(s) for d in docs for s in d.sentences)
    examples: list[str] = []
    started = time.perf_counter()
    predictions = [predict(doc, gazetteer) for doc in docs]
    elapsed = time.perf_counter() - started
    for doc, predicted in zip(docs, predictions):
        gold = {s for s in doc.gold if s[3] in TYPES}
        for span in predicted:
            counts[span[3]]["tp" if span in gold else "fp"] += 1
        for span in gold - predicted:
            counts[span[3]]["fn"] += 1
        if len(examples) < errors:
            for sent, a, b, kind in sorted((gold ^ predicted) - (gold & predicted)):
                text = " ".join(doc.sentences[sent][a:b]) if a >= 0 else "(off token boundaries)"
                examples.append(f"{'missed' if (sent, a, b, kind) in gold else 'wrong '} {kind} {text!r}  in: {' '.join(doc.sentences[sent])[:120]}")
    scores = {t: prf(c["tp"], c["fp"], c["fn"]) for t, c in counts.items()}
    total = Counter()
    for c in counts.values():
        total.update(c)
    scores["ALL"] = prf(total["tp"], total["fp"], total["fn"])
    return {"scores": scores, "counts": counts, "words": words, "seconds": elapsed, "examples": examples[:errors]}


def _report(label: str, result: dict[str, object]) -> str:
    lines = [f"{label}:", f"  {'type':<5} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
    counts = result["counts"]
    for t, (p, r, f) in result["scores"].items():  # type: ignore[union-attr]
        c = counts.get(t) if t in counts else None  # type: ignore[union-attr]
        tally = f"{c['tp']}/{c['fp']}/{c['fn']}" if c else ""
        lines.append(f"  {t:<5} {p:6.3f} {r:6.3f} {f:6.3f}   {tally}")
    words, seconds = result["words"], result["seconds"]
    lines.append(f"  {words} words in {seconds:.2f} s: {words / seconds:,.0f} words/s")  # type: ignore[operator]
    lines.extend(f"  {e}" for e in result["examples"])  # type: ignore[union-attr]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--gazetteer", action="store_true", help="also score with site_config/entities.yml")
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong or missed spans")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"{args.corpus}: not found (the corpora live in ../shared beside the repository)", file=sys.stderr)
        return 2
    docs = read_conll(args.corpus)
    started = time.perf_counter()
    recognise(Article("warm-up", "text", "Warm up", "", ("Viktor Bout flew to Moscow.",)), Gazetteer())
    print(f"{len(docs)} documents; word lists loaded in {time.perf_counter() - started:.2f} s")
    print(_report("rule backend, empty gazetteer", evaluate(docs, Gazetteer(), args.errors)))
    if args.gazetteer:
        path = ROOT / "site_config" / "entities.yml"
        gazetteer, problems = load_gazetteer(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
        for problem in problems:
            print(problem, file=sys.stderr)
        print(_report("rule backend, curated gazetteer", evaluate(docs, gazetteer, args.errors)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
