"""Score the date tagger on TimeBank 1.2 + AQUAINT (TBAQ-cleaned): type DATE, and all TIMEX3 types.

Run from the repository root:  python -m bench.eval_timex [--corpus DIR] [--errors N]

Each document's TEXT is tagged with its creation time (the DCT TIMEX3) as the
reference date and compared with the gold TIMEX3 of type DATE:

* strict span F1: a prediction whose character span equals a gold span;
* relaxed span F1: spans overlap;
* value F1: spans overlap and the TimeML value string is equal ("2012",
  "2012-02", "2012-02-08", "1998-Q3", "1998-W32", "PRESENT_REF", ...).
  Gold values the tagger cannot produce ("P1Y", "XXXX-12-25") stay as gold
  it misses.

Predictions overlapping a gold DURATION, TIME or SET are left out of the
DATE scores (they are another type's business) and counted on their own line;
so are predictions the tagger itself types DURATION, TIME or SET. The
all-types row compares every TIMEX3 with every prediction, as TempEval-3 does
for its value F1. TimeBank + AQUAINT is development data: the rules were
written looking at it, so these are development scores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.timeml_rules import tag_timeml
from generator.analysis.timex import TimexHit
from generator.config import load_config
from generator.language.tense import reporting_verbs

ALL_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "timebank"


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True)
class Document:
    name: str
    subcorpus: str
    dct: dt.date
    text: str
    gold: tuple[GoldTimex, ...]


def _flatten(element: ET.Element, parts: list[str], gold: list[GoldTimex], offset: int) -> int:
    """Append the element's text to ``parts``, recording TIMEX3 spans; return the new offset."""
    start = offset
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        offset = _flatten(child, parts, gold, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    if element.tag == "TIMEX3":
        text = "".join(parts)[start:offset]
        gold.append(GoldTimex(start, offset, element.get("type", ""), element.get("value", ""), text))
    return offset


def read_document(path: Path) -> Document:
    root = ET.parse(path).getroot()
    dct_value = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct_value = timex.get("value", "")
            break
    if not dct_value:
        raise ValueError(f"{path}: DCT: expected a TIMEX3 with functionInDocument=CREATION_TIME, found none")
    text_element = root.find("TEXT")
    if text_element is None:
        raise ValueError(f"{path}: TEXT: expected an element, found none")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    _flatten(text_element, parts, gold, 0)
    return Document(
        name=path.name,
        subcorpus=path.parent.name,
        dct=dt.date.fromisoformat(dct_value[:10]),
        text="".join(parts),
        gold=tuple(sorted(gold, key=lambda g: g.start)),
    )


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    other_type: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.value += other.value
        self.other_type += other.other_type
        self.errors.extend(other.errors)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score_document(doc: Document, hits: list[TimexHit], types: frozenset[str] = frozenset({"DATE"})) -> Score:
    """Score the hits of ``types`` against the gold of ``types``; hits overlapping gold of another type are left out."""
    dates = [g for g in doc.gold if g.type in types]
    others = [g for g in doc.gold if g.type not in types]
    typed = [h for h in hits if h.type in types]
    preds = [h for h in typed if not any(_overlaps(h.start, h.end, g.start, g.end) for g in others)]
    score = Score(gold=len(dates), predicted=len(preds), other_type=len(typed) - len(preds))
    used_strict: set[int] = set()
    used_relaxed: set[int] = set()
    used_value: set[int] = set()
    for gold in dates:
        overlapping = [i for i, h in enumerate(preds) if _overlaps(h.start, h.end, gold.start, gold.end)]
        if any(preds[i].start == gold.start and preds[i].end == gold.end for i in overlapping):
            i = next(i for i in overlapping if preds[i].start == gold.start and preds[i].end == gold.end)
            if i not in used_strict:
                used_strict.add(i)
                score.strict += 1
        free = [i for i in overlapping if i not in used_relaxed]
        if free:
            used_relaxed.add(free[0])
            score.relaxed += 1
        right = [i for i in overlapping if i not in used_value and preds[i].timeml == gold.value]
        if right:
            used_value.add(right[0])
            score.value += 1
        else:
            got = ", ".join(f"{preds[i].text!r}={preds[i].timeml}" for i in overlapping) or "nothing"
            score.errors.append(f"MISS {doc.name} dct={doc.dct} gold {gold.text!r}={gold.value} got {got}")
    for h in preds:
        if not any(_overlaps(h.start, h.end, g.start, g.end) for g in dates):
            context = doc.text[max(0, h.start - 40) : h.end + 40].replace("\n", " ")
            score.errors.append(f"FP   {doc.name} dct={doc.dct} {h.text!r}={h.timeml} in …{context}…")
    return score


def _f1(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table(scores: dict[str, Score]) -> str:
    header = (
        f"{'corpus':<10} {'gold':>5} {'pred':>5} | {'strict P/R/F1':^20} | {'relaxed P/R/F1':^20} | "
        f"{'value P/R/F1':^20} | {'value acc':>9} | {'other-type':>10}"
    )
    lines = [header, "-" * len(header)]
    for name, s in scores.items():
        cells = []
        for correct in (s.strict, s.relaxed, s.value):
            p, r, f = _f1(correct, s.predicted, s.gold)
            cells.append(f"{p:.3f} {r:.3f} {f:.3f}")
        accuracy = s.value / s.relaxed if s.relaxed else 0.0
        lines.append(
            f"{name:<10} {s.gold:>5} {s.predicted:>5} | {cells[0]:^20} | {cells[1]:^20} | {cells[2]:^20} | "
            f"{accuracy:>9.3f} | {s.other_type:>10}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--errors", type=int, default=0, help="print up to N misses and false positives")
    parser.add_argument("--all-types", action="store_true", help="print the errors of the all-types score")
    args = parser.parse_args(argv)
    paths = sorted(args.corpus.glob("*/*.tml"))
    if not paths:
        print(f"{args.corpus}: expected TimeML files in sub-folders, found none", file=sys.stderr)
        return 2
    docs = [read_document(p) for p in paths]
    started = time.perf_counter()
    reporting = reporting_verbs(load_config(ROOT).cues)  # the product's lexicon, site_config/quotes.yml
    tagged = [tag_timeml(d.text, d.dct, reporting) for d in docs]
    elapsed = time.perf_counter() - started
    scores: dict[str, Score] = {}
    for doc, hits in zip(docs, tagged, strict=True):
        scores.setdefault(doc.subcorpus, Score()).add(score_document(doc, hits))
    overall = Score()
    for s in scores.values():
        overall.add(s)
    scores["overall"] = overall
    print("TIMEX3 type DATE (TimeBank is development data: the rules were tuned on it)")
    print(table(scores))
    by_type: dict[str, Score] = {}
    for label, types in (("all types", ALL_TYPES), *((t, frozenset({t})) for t in sorted(ALL_TYPES - {"DATE"}))):
        by_type[label] = Score()
        for doc, hits in zip(docs, tagged, strict=True):
            by_type[label].add(score_document(doc, hits, types))
    print("\nAll TIMEX3 types, and each other type alone (value F1 is the TempEval-3 figure)")
    print(table(by_type))
    words = sum(len(d.text.split()) for d in docs)
    print(f"\n{len(docs)} documents, {words} words tagged in {elapsed:.2f} s ({words / elapsed:,.0f} words/s)")
    if args.errors:
        kinds = Counter(e.split()[0] for e in overall.errors)
        print(f"\nerrors: {dict(kinds)}")
        errors = by_type["all types"].errors if args.all_types else overall.errors
        for line in errors[: args.errors]:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
