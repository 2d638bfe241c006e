"""Score name recognition on CoNLL-2003 English: entity-level P/R/F1 and speed.

Run from the repository root:  python -m bench.eval_ner [--backend rules|spacy] [--gazetteer] [--errors N]

Two files are scored, and labelled apart: ``eng.testa`` is the HELD-OUT measure (no rule,
list or threshold was fitted to it; look at its errors only to report them), and
``eng.train``, the file the rules are tuned on, gives a DEVELOPMENT score, which says
how well the rules fit what they were built from, not how well they generalise.
``--corpus FILE`` scores one other file instead (labelled by its name).

Each CoNLL document becomes an Article whose paragraphs are its sentences (tokens joined
by single spaces), so per-article resolution (surnames, headline names) works as on wire
copy. A predicted mention counts when its character span covers exactly the tokens of
a gold PER/ORG/LOC span with the same type (person -> PER, organisation -> ORG, place ->
LOC); gold MISC spans are left out, as in the spaCy reference (about 0.59 F1 for
en_core_web_sm on eng.testb). Runs scored:

* rules: the default backend, recognise() with an EMPTY gazetteer (the curated one is
  about the Bout dossier), so this measures discovery and the rule layer alone;
* spaCy raw: en_core_web_sm's own entities (ner component only), labels mapped
  PERSON -> PER, ORG -> ORG, GPE/LOC -> LOC, spans as spaCy gives them;
* spaCy names + rule layer: recognise(..., backend="spacy-only"), spaCy's names through
  the same aliases, surname resolution and headline handling as the rules;
* the spacy backend: recognise(..., backend="spacy"), the rules' names wherever they have
  evidence, spaCy's for the capitalised words the rules cannot explain;
* with ``--gazetteer``, each backend again with site_config/entities.yml.

Speed is words (CoNLL tokens) per second of the recognition step alone, the best of
``--repeat`` passes, after the one-time loading of word lists and model (timed apart).
It is CPU time of this process (``time.process_time``), so other work on a shared
machine slows it much less than it slows the wall clock.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.analysis.entities.recognise import recognise, spacy_entities
from generator.config.gazetteer import SPACY_MODEL, Gazetteer, backend_problem, load_gazetteer
from generator.models import Article

ROOT = Path(__file__).resolve().parents[1]
CONLL = ROOT.parent / "shared" / "corpora" / "conll2003"
DEFAULT_CORPUS = CONLL / "eng.testa"
TUNING_CORPUS = CONLL / "eng.train"


def corpus_label(path: Path) -> str:
    """What a score on this file means: held out (eng.testa), development (eng.train, tuned on), or other."""
    if path.name == DEFAULT_CORPUS.name:
        return "HELD-OUT score (eng.testa; not tuned on since issue 13, earlier rules were fitted to it)"
    if path.name == TUNING_CORPUS.name:
        return "DEVELOPMENT score (eng.train, the rules were tuned on it)"
    return f"score on {path.name}"
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


def _article(doc: Document) -> Article:
    paragraphs = tuple(" ".join(s) for s in doc.sentences)
    return Article(source="conll", format="text", headline="", standfirst="", paragraphs=paragraphs)


def _span(doc: Document, sentence: int, start: int, end: int, kind: str) -> Span:
    """A character span as a token span; one off token boundaries never equals a gold span."""
    starts, ends = _offsets(doc.sentences[sentence])
    first, last = starts.get(start), ends.get(end)
    if first is None or last is None:
        return (sentence, -start - 1, -end - 1, kind)
    return (sentence, first, last, kind)


Run = Callable[[Document], Any]  # the timed step: recognition of one document
Score = Callable[[Document, Any], set[Span]]  # its output as spans


@dataclass(frozen=True)
class Result:
    """Scores of one run: (P, R, F1) per type and "ALL", tp/fp/fn per type, speed, examples."""

    scores: dict[str, tuple[float, float, float]]
    counts: dict[str, Counter[str]]
    words: int
    seconds: float
    examples: list[str]

    @property
    def speed(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def rule_layer(gazetteer: Gazetteer, backend: str) -> tuple[Run, Score]:
    """recognise() with a backend: discovery (rules or spaCy) plus aliases, surnames and the gazetteer."""

    def run(doc: Document) -> Any:
        return recognise(_article(doc), gazetteer, backend)

    def score(doc: Document, out: Any) -> set[Span]:
        mentions, discovered = out
        kinds = {e.id: e.kind for e in (*gazetteer.entries, *discovered)}
        return {_span(doc, m.paragraph, m.start, m.end, KIND_TYPE[kinds[m.entity]]) for m in mentions}

    return run, score


def spacy_raw() -> tuple[Run, Score]:
    """spaCy's own entities, labels mapped PERSON -> PER, ORG -> ORG, GPE/LOC -> LOC, spans as spaCy gives them."""
    labels = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}

    def run(doc: Document) -> Any:
        return spacy_entities([" ".join(s) for s in doc.sentences])

    def score(doc: Document, out: Any) -> set[Span]:
        found = [(i, a, b, label) for i, spans in enumerate(out) for a, b, label in spans]
        return {_span(doc, i, a, b, labels[label]) for i, a, b, label in found if label in labels}

    return run, score


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(docs: list[Document], runner: tuple[Run, Score], errors: int = 0, repeat: int = 1) -> Result:
    """Scores per type and overall, and words per second (the best of ``repeat`` timed passes); prints nothing."""
    run, score = runner
    counts: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    words = sum(len(s) for d in docs for s in d.sentences)
    examples: list[str] = []
    best = float("inf")
    for _ in range(max(1, repeat)):
        started = time.process_time()
        outputs = [run(doc) for doc in docs]
        best = min(best, time.process_time() - started)
    for doc, out in zip(docs, outputs, strict=True):
        predicted = score(doc, out)
        gold = {s for s in doc.gold if s[3] in TYPES}
        for span in predicted:
            counts[span[3]]["tp" if span in gold else "fp"] += 1
        for span in gold - predicted:
            counts[span[3]]["fn"] += 1
        if len(examples) < errors:
            for sent, a, b, kind in sorted(gold ^ predicted):
                text = " ".join(doc.sentences[sent][a:b]) if a >= 0 else "(off token boundaries)"
                verdict = "missed" if (sent, a, b, kind) in gold else "wrong "
                examples.append(f"{verdict} {kind} {text!r}  in: {' '.join(doc.sentences[sent])[:120]}")
    scores = {t: prf(c["tp"], c["fp"], c["fn"]) for t, c in counts.items()}
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    scores["ALL"] = prf(total["tp"], total["fp"], total["fn"])
    return Result(scores, counts, words, best, examples[:errors])


def _report(label: str, result: Result) -> str:
    lines = [f"{label}:", f"  {'type':<5} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
    for t, (p, r, f) in result.scores.items():
        c = result.counts.get(t)
        tally = f"{c['tp']}/{c['fp']}/{c['fn']}" if c else ""
        lines.append(f"  {t:<5} {p:6.3f} {r:6.3f} {f:6.3f}   {tally}")
    lines.append(f"  {result.words} words in {result.seconds:.2f} s: {result.speed:,.0f} words/s")
    lines.extend(f"  {e}" for e in result.examples)
    return "\n".join(lines)


def _table(rows: list[tuple[str, Result]]) -> str:
    """One line per backend: F1 per type, overall P/R/F1, words per second."""
    head = ["PER F1", "ORG F1", "LOC F1", "P", "R", "F1", "words/s"]
    rule = "|" + "|".join("-" * w for w in (40, *(9,) * 7)) + "|"
    lines = [f"| {'backend':<38} | " + " | ".join(f"{h:>7}" for h in head) + " |", rule]
    for label, result in rows:
        p, r, f = result.scores["ALL"]
        cells = [f"{result.scores[t][2]:7.3f}" for t in TYPES] + [f"{x:7.3f}" for x in (p, r, f)] + [f"{result.speed:7,.0f}"]
        lines.append(f"| {label:<38} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, help="score this file only (default: eng.testa, held out, then eng.train, development)"
    )
    parser.add_argument(
        "--backend", action="append", choices=("rules", "spacy"), help="backends to score (default: both; spacy if installed)"
    )
    parser.add_argument("--gazetteer", action="store_true", help="also score with site_config/entities.yml")
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong or missed spans per run")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per run; the fastest counts")
    args = parser.parse_args(argv)
    corpora = [args.corpus] if args.corpus else [DEFAULT_CORPUS, TUNING_CORPUS]
    for corpus in corpora:
        if not corpus.exists():
            print(f"{corpus}: not found (the corpora live in ../shared beside the repository)", file=sys.stderr)
            return 2
    for i, corpus in enumerate(corpora):
        status = _score_file(corpus, args, repeat=args.repeat if i == 0 else 1)
        if status:
            return status
    return 0


def _score_file(corpus: Path, args: argparse.Namespace, repeat: int) -> int:
    """Score every requested backend on one file and print its labelled table."""
    docs = read_conll(corpus)
    print(f"== {corpus_label(corpus)}")
    backends = args.backend or ["rules", "spacy"]
    started = time.perf_counter()
    recognise(Article("warm-up", "text", "Warm up", "", ("Viktor Bout flew to Moscow.",)), Gazetteer())
    words = sum(len(s) for d in docs for s in d.sentences)
    print(f"{len(docs)} documents, {words} words; rule word lists loaded in {time.perf_counter() - started:.2f} s")
    runs: list[tuple[str, tuple[Run, Score]]] = []
    if "rules" in backends:
        runs.append(("rules backend (empty gazetteer)", rule_layer(Gazetteer(), "rules")))
    if "spacy" in backends:
        started = time.perf_counter()
        problem = backend_problem("spacy", "--backend spacy")
        if problem is not None:
            print(problem, file=sys.stderr)
            if args.backend:
                return 2
        else:
            spacy_entities(["Warm up."])
            print(f"spaCy model {SPACY_MODEL} (ner only) loaded in {time.perf_counter() - started:.2f} s")
            runs.append(("spaCy raw, labels mapped", spacy_raw()))
            runs.append(("spaCy names + rule layer (spacy-only)", rule_layer(Gazetteer(), "spacy-only")))
            runs.append(("spacy backend (rules, then spaCy)", rule_layer(Gazetteer(), "spacy")))
    if args.gazetteer:
        path = ROOT / "site_config" / "entities.yml"
        gazetteer, problems = load_gazetteer(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
        for problem in problems:
            print(problem, file=sys.stderr)
        runs.extend((f"{b} + curated gazetteer", rule_layer(gazetteer, b)) for b in backends if backend_problem(b) is None)
    rows = []
    for label, runner in runs:
        result = evaluate(docs, runner, args.errors, repeat)
        rows.append((label, result))
        if args.errors:
            print(_report(label, result))
    print(_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
