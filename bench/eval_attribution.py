"""Quote and speaker attribution scored against PolNeAR's brat annotations.

Run ``python -m bench.eval_attribution`` from the project root. It reads
../shared/corpora/polnear-dev (text/ and attributions/, one annotator's file per
article: the first in name order), runs the product's own entity recognition and
``find_quotes`` on every article, and prints DEVELOPMENT scores: the rules were
written while looking at these articles, so held-out figures come from elsewhere.

What is counted (every rule here, so the figures can be checked):

- gold attributions: ``E`` lines of type ``Attribution`` or ``Attribution-no-source``
  (Discard and Discuss are left out); their ``Content`` may be in several pieces;
- gold quoted stretches: text between double quotation marks (“…”, "…" or ''…'', the
  New York Times' plain-text double quote; paired
  in order within a paragraph, an unclosed one running to the paragraph's end)
  that overlaps a gold Content: quoted words somebody is said to have said;
- a predicted item *matches* a gold span when their overlap is at least half of the
  shorter of the two;
- quoted-content recall: gold stretches matched by a found quote (kind ``quote``),
  overall and for stretches of three words or fewer;
- precision: found quotes that match some gold Content (of any attribution);
- speaker accuracy, on found quotes that match a gold Content with a Source: the
  found speaker label agrees with the gold Source when one of them contains the
  other's last word (case folded; "Hillary Clinton" ~ "Clinton", "a source" ~
  "sources"). A gold Source that is a pronoun (he, she, they, it, I, we, ...) is
  replaced by the nearest gold Source before it in the article that is not a
  pronoun or a description and fits its number (he/she/I: not a plural noun such
  as "officials", nor a phrase opening with a quantifier such as "Many Americans")
  and, for he/she, its gender when a title or a first name gives one (there, or
  where the article writes the surname in full and all such agree: "Barack Obama"
  makes "Obama" a he unless "Michelle Obama" is there too); when no earlier source
  fits the gender, the nearest that fits the rest. A relative "who"/"which"/"that"
  is replaced by the (up to four) words before it ("Barack Obama, who said"); a
  definite description ("the California congressman": "the" and a lower-case head)
  counts as right either as written or as the nearest named source before it, like
  "he"; a found speaker with no label is wrong;
- reported-speech recall: gold attributions whose Content has no double quotation
  mark, matched by a found statement (kind ``statement``);
- recall over all attributions: gold attributions matched by any found item.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.eval_quotes import _config
from generator.analysis.entities.recognise import recognise
from generator.analysis.quotes import find_quotes
from generator.language.lexicon import first_name_genders
from generator.models import HEADLINE, Article, Quote

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "polnear-dev"
PRONOUNS = frozenset("he she they it i we you him her them his its their our my".split())
SINGULAR = frozenset("he she i him her his my".split())
STOP = frozenset("the a an of his her its their our to in at for and by on with".split())


@dataclass(frozen=True)
class Gold:
    """One gold attribution: content pieces, source span (or None), raw offsets."""

    content: tuple[tuple[int, int], ...]
    source: tuple[int, int] | None
    quoted: bool


@dataclass(frozen=True)
class Found:
    """One found item with raw offsets."""

    start: int
    end: int
    kind: str
    label: str
    resolved_by: str


def read_ann(path: Path) -> list[Gold]:
    """The attributions of one brat file."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, ranges = parts[1].partition(" ")
            pieces = tuple((int(a), int(b)) for a, b in (r.split() for r in ranges.split(";")))
            spans[parts[0]] = (kind, pieces)
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(a.split(":", 1) for a in parts[1].split())
            events.append((spans.get(next(iter(args.values())), ("", ()))[0], args))
    out = []
    for kind, args in events:
        if kind not in ("Attribution", "Attribution-no-source") or "Content" not in args:
            continue
        content = spans[args["Content"]][1]
        source = spans[args["Source"]][1] if "Source" in args and args["Source"] in spans else None
        out.append(Gold(content, (source[0][0], source[-1][1]) if source else None, False))
    return out


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Non-empty lines with their raw offsets (PolNeAR puts one paragraph a line)."""
    return [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def quoted_stretches(text: str) -> list[tuple[int, int]]:
    """Double-quoted stretches of the raw text, paired in order within each paragraph."""
    out = []
    for offset, para in paragraphs(text):
        opened: int | None = None
        for m in re.finditer(r"[“”\"]|''", para):
            ch = '"' if m.group() == "''" else m.group()
            if opened is None and ch in "“\"":
                opened = m.end()
            elif opened is not None and ch in "”\"":
                out.append((offset + opened, offset + m.start()))
                opened = None
            elif ch == "“":  # opened again: the last one never closed
                out.append((offset + opened, offset + m.start()))  # type: ignore[operator]
                opened = m.end()
        if opened is not None:
            out.append((offset + opened, offset + len(para)))
    return [(a, b) for a, b in out if b > a]


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def matches(pieces: Iterable[tuple[int, int]], span: tuple[int, int]) -> bool:
    pieces = list(pieces)
    gold_len = sum(b - a for a, b in pieces)
    shared = sum(overlap(p, span) for p in pieces)
    return shared > 0 and shared * 2 >= min(gold_len, span[1] - span[0])


def agency_names() -> tuple[str, ...]:
    """The agencies of site_config/sources.yml, as the product passes them."""
    data = yaml.safe_load((ROOT / "site_config" / "sources.yml").read_text(encoding="utf-8")) or {}
    return tuple(
        str(n) for a in data.get("agencies", []) for n in (a.get("name"), *(w.get("name") for w in a.get("as_written", []))) if n
    )


def article_of(name: str, text: str) -> tuple[Article, list[int]]:
    """The article as the text reader would give it, and each block's raw offset."""
    paras = paragraphs(text)
    article = Article(name, "text", paras[0][1], "", tuple(p for _, p in paras[1:]))
    return article, [o for o, _ in paras]


def found_items(article: Article, offsets: Sequence[int], quotes: Sequence[Quote]) -> list[Found]:
    out = []
    for q in quotes:
        base = offsets[0] if q.paragraph == HEADLINE else offsets[q.paragraph + 1]
        kind = getattr(q, "kind", "quote")
        out.append(Found(base + q.start, base + q.end, kind, q.speaker_label, getattr(q, "resolved_by", "")))
    return out


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w’'\-]+", text.casefold().replace("’s", "").replace("'s", "")) if w not in STOP]


def same_speaker(found: str, gold: str) -> bool:
    a, b = words(found), words(gold)
    if not a or not b:
        return False
    a, b = [w.rstrip("s") for w in a], [w.rstrip("s") for w in b]
    return a[-1] in b or b[-1] in a


RELATIVE = frozenset({"who", "which", "that"})


def referents(text: str, golds: Sequence[Gold], gold: Gold) -> list[str]:
    """What the gold source may be matched against: the source itself, or what it refers to."""
    assert gold.source is not None
    source = text[gold.source[0] : gold.source[1]]
    words = source.split()
    if source.casefold() in RELATIVE:  # "Barack Obama, who said": the words before ", who"
        before = re.sub(r"\s*\([^)]*\)\s*$", "", text[max(0, gold.source[0] - 80) : gold.source[0]].rstrip(" ,"))
        return [" ".join(before.split()[-4:])]
    if source.casefold() in PRONOUNS:
        return [referent(text, golds, gold, source)]
    if words[0].casefold() == "the" and words[-1][:1].islower():  # "the California congressman"
        return [source, referent(text, golds, gold, "he")]
    return [source]


def referent(text: str, golds: Sequence[Gold], gold: Gold, source: str) -> str:
    """A pronoun replaced by the nearest fitting named source before it."""
    assert gold.source is not None
    earlier = sorted((g.source for g in golds if g.source and g.source[0] < gold.source[0]), reverse=True)
    fallback = ""  # the nearest that fits all but gender, when none fits gender too
    for start, end in earlier:
        candidate = text[start:end]
        last = candidate.split()[-1] if candidate.split() else ""
        if candidate.casefold() in PRONOUNS | RELATIVE or candidate.split()[0].casefold() == "the":
            continue
        if last.casefold() in RELATIVE | {"whom", "to"}:
            continue  # "many of whom", "According to": not a name
        if source.casefold() in SINGULAR and last[:1].islower() and last.endswith("s"):
            continue  # "officials" is no "he"
        if source.casefold() in SINGULAR and candidate.split()[0].casefold() in QUANTIFIERS:
            continue  # "Many African-Americans" is no "he" either
        if GENDERED.get(source.casefold()) not in (None, gender(text, candidate)) and gender(text, candidate):
            fallback = fallback or candidate
            continue  # "she" is not "Mr. Obama"
        return candidate
    return fallback or source


QUANTIFIERS = frozenset("many some few several most all other others both".split())
GENDERED = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


def gender(text: str, name: str) -> str | None:
    """A named source's gender from a title or a first name, here or where the article
    names the same surname in full ("Obama" after "Barack Obama"); None when unknown."""
    tokens = [w.strip(".,").casefold() for w in name.split()]
    if tokens and tokens[0] in TITLES:
        return TITLES[tokens[0]]
    surname = name.split()[-1].strip(".,’'s") if name.split() else ""
    firsts = first_name_genders()
    for word in name.split()[:-1]:  # "President Barack Obama", "Rep. Gwen Moore (D-Wis.)"
        if firsts.get(word):
            return firsts[word]
    found = {
        TITLES.get(first.casefold()) or firsts.get(first)
        for first in re.findall(rf"\b([A-Z][a-z]+)\.? (?:[A-Z]\. )?{re.escape(surname)}\b", text)
    } - {None}
    return found.pop() if len(found) == 1 else None  # "Hillary Clinton" and "Bill Clinton": unknown


@dataclass
class Tally:
    stretches: int = 0
    stretches_found: int = 0
    short: int = 0
    short_found: int = 0
    quotes: int = 0
    quotes_right: int = 0
    judged: int = 0
    speaker_right: int = 0
    reported: int = 0
    reported_found: int = 0
    attributions: int = 0
    attributions_found: int = 0
    statements: int = 0
    statements_right: int = 0


def score_article(text: str, golds: list[Gold], found: list[Found], tally: Tally, misses: list[str]) -> None:
    stretches = [s for s in quoted_stretches(text) if any(overlap(s, p) for g in golds for p in g.content)]
    quotes = [f for f in found if f.kind == "quote"]
    statements = [f for f in found if f.kind == "statement"]
    for s in stretches:
        hit = any(matches([s], (q.start, q.end)) for q in quotes)
        short = len(text[s[0] : s[1]].split()) <= 3
        tally.stretches += 1
        tally.stretches_found += hit
        tally.short += short
        tally.short_found += hit and short
        if not hit:
            misses.append(f"  MISSED QUOTE {text[s[0]:s[1]][:70]!r} in {text[max(0, s[0] - 90):s[1] + 40]!r}")
    for f in found:
        hits = [g for g in golds if matches(g.content, (f.start, f.end))]
        if f.kind == "quote":
            tally.quotes += 1
            tally.quotes_right += bool(hits)
        else:
            tally.statements += 1
            tally.statements_right += bool(hits)
        if not hits:
            misses.append(f"  NOT GOLD {f.kind} {text[f.start:f.end][:70]!r}")
            continue
        gold = max(hits, key=lambda g: sum(overlap(p, (f.start, f.end)) for p in g.content))
        if f.kind != "quote" or gold.source is None:
            continue
        want = referents(text, golds, gold)
        tally.judged += 1
        right = any(same_speaker(f.label, w) for w in want)
        tally.speaker_right += right
        if not right:
            misses.append(f"  SPEAKER {f.label!r} ({f.resolved_by}) want {want!r}: {text[f.start:f.end][:50]!r}")
    for g in golds:
        quoted = any(c in text[a:b] for a, b in g.content for c in ("“", "”", '"', "''"))
        tally.attributions += 1
        tally.attributions_found += any(matches(g.content, (f.start, f.end)) for f in found)
        if not quoted:
            tally.reported += 1
            hit = any(matches(g.content, (f.start, f.end)) for f in statements)
            tally.reported_found += hit
            if not hit and g.source:
                s0 = min(g.source[0], g.content[0][0])
                e0 = max(g.source[1], g.content[-1][1])
                misses.append(f"  MISSED STATEMENT {text[s0:e0][:160]!r}")


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval_attribution", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT, help="a PolNeAR split (text/, attributions/)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    texts = sorted((args.corpus / "text").glob("*.txt"))
    if not texts:
        print(f"{args.corpus}: no text/*.txt; the corpus is not present", file=sys.stderr)
        return 1
    _, gazetteer, cues, _ = _config()
    tally = Tally()
    agencies = agency_names()
    for path in texts:
        anns = sorted((args.corpus / "attributions").glob(path.stem + "_*.ann"))
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        article, offsets = article_of(path.name, text)
        mentions, discovered = recognise(article, gazetteer)
        entities = {e.id: e for e in (*gazetteer.entries, *discovered)}
        found = found_items(article, offsets, find_quotes(article, mentions, entities, cues, agencies))
        misses: list[str] = []
        score_article(text, read_ann(anns[0]), found, tally, misses)
        if args.verbose and misses:
            print(path.name)
            print("\n".join(misses))
    t = tally
    print(f"DEVELOPMENT scores on {args.corpus.name} ({len(texts)} articles; the rules were tuned on them)")
    print(f"quoted-content recall: {ratio(t.stretches_found, t.stretches)}")
    print(f"quoted-content recall, <= 3 words: {ratio(t.short_found, t.short)}")
    print(f"quote precision: {ratio(t.quotes_right, t.quotes)}")
    print(f"speaker accuracy on quotes found: {ratio(t.speaker_right, t.judged)}")
    print(f"statement precision: {ratio(t.statements_right, t.statements)}")
    print(f"reported-speech recall: {ratio(t.reported_found, t.reported)}")
    print(f"recall over all attributions: {ratio(t.attributions_found, t.attributions)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
