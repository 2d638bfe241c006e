"""Tagging: every rule's matches in a paragraph, overlaps resolved, each resolved against the reference date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from generator.analysis.timex.periods import TimexHit, _Context, _Period, _Resolved, _status, _tense
from generator.analysis.timex.rules import FOLD_UNSAFE, GATE_WORDS, RULES, Rule
from generator.language.sentences import sentence_spans
from generator.language.tense import Tense
from generator.models import STANDFIRST, Article, EventStatus, Precision, PubDate, Timex
from generator.readers.dateline import DATELINE_RE

# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------


def _sentence_at(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for span in spans:
        if span[0] <= position < span[1]:
            return span
    return spans[-1] if spans else (0, 0)


# ---------------------------------------------------------------------------
# Tagging
# ---------------------------------------------------------------------------


def _candidates(text: str, rules: tuple[Rule, ...]) -> list[tuple[int, int, int, re.Match[str]]]:
    """Every rule's matches as (start, end, rule index, match), overlaps resolved to the longest."""
    found: list[tuple[int, int, int, re.Match[str]]] = []
    for index in _tried(text, rules):
        for m in rules[index].pattern.finditer(text):
            found.append((m.start(), m.end(), index, m))
    if len(found) < 2:  # most paragraphs: nothing to resolve
        return found
    found.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    chosen: list[tuple[int, int, int, re.Match[str]]] = []
    for cand in found:
        if all(cand[1] <= c[0] or cand[0] >= c[1] for c in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda c: c[0])
    return chosen


# A rule's tests as indexes into its rule set's distinct tests: (pattern, on the lower-cased text,
# the gate's words when it is one there: looked for with ``in``).
_Test = tuple[re.Pattern[str], bool, tuple[str, ...]]
_Plan = tuple[tuple[_Test, ...], tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]]
_PLANS: dict[int, tuple[tuple[Rule, ...], _Plan]] = {}


def _plan(rules: tuple[Rule, ...]) -> _Plan:
    """The distinct tests of a rule set and, for each rule, the order its tests run in (gate,
    folded needs, needs) and the same without the folded ones (rules share gates: each is looked
    for once per text). The gate comes first: its words are found with ``in`` (or a scan that
    jumps from letter to letter), far cheaper than a folded pattern, and most texts fail it.
    The order changes only the cost: a rule is tried when all its tests pass. Kept by identity,
    like the rule set."""
    entry = _PLANS.get(id(rules))
    if entry is not None and entry[0] is rules:
        return entry[1]
    tests: dict[tuple[str, bool], int] = {}
    listed: list[_Test] = []

    def test(pattern: re.Pattern[str], lowered: bool) -> int:
        key = (pattern.pattern, lowered)
        if key not in tests:
            tests[key] = len(listed)
            listed.append((pattern, lowered, GATE_WORDS.get(pattern.pattern, ()) if lowered else ()))
        return tests[key]

    per_rule = tuple(
        (
            (gate, *folded, *needs),  # the order for a text that lower-cases safely
            (gate, *needs),  # and for one that does not: the folded tests are left out
        )
        for rule in rules
        for gate, needs, folded in [
            (
                test(rule.gate, not rule.cased),
                tuple(test(part, False) for part in rule.needs),
                tuple(test(part, True) for part in rule.folded),
            )
        ]
    )
    plan: _Plan = (tuple(listed), per_rule)
    _PLANS[id(rules)] = (rules, plan)
    return plan


def _tried(text: str, rules: tuple[Rule, ...]) -> list[int]:
    """Indexes of the rules whose gate and needs the text passes: the others cannot match it.
    The gate, the cheapest, is looked for first; each test runs at most once per text
    (the loops are written out: this runs for every paragraph and rule)."""
    tests, per_rule = _plan(rules)
    lower = text.lower()
    folds = text.isascii() or not any(ch in text for ch in FOLD_UNSAFE)
    known: list[bool | None] = [None] * len(tests)
    tried: list[int] = []
    for index, (folding, plain) in enumerate(per_rule):
        for i in folding if folds else plain:
            found = known[i]
            if found is None:
                pattern, lowered, words = tests[i]
                if words:
                    found = False
                    for word in words:  # a loop, not any(): no generator made for each test
                        if word in lower:
                            found = True
                            break
                else:
                    found = pattern.search(lower if lowered else text) is not None
                known[i] = found
            if not found:
                break
        else:
            tried.append(index)
    return tried


@dataclass
class _State:
    """What carries from one paragraph to the next: the last date given."""

    anchor: _Period | None = None


def _tag(
    text: str,
    reference: dt.date | None,
    state: _State,
    skip_to: int = 0,
    rules: tuple[Rule, ...] = RULES,
    reporting: tuple[str, ...] = (),
) -> Iterator[tuple[TimexHit, tuple[int, int]]]:
    """Hits in one paragraph with the sentence each sits in; ``skip_to`` hides a dateline."""
    candidates = [c for c in _candidates(text, rules) if c[0] >= skip_to]
    if not candidates:
        return
    spans = sentence_spans(text, skip_to)
    for start, _end, index, m in candidates:
        sentence = _sentence_at(spans, start)
        ctx = _Context(text, sentence, reference, state.anchor, reporting)
        answer = rules[index].resolve(m, ctx)
        for resolved in answer if isinstance(answer, list) else [answer] if answer else []:
            period = resolved.period
            if period is not None:
                state.anchor = period
            yield _hit(text, resolved, reference, ctx), sentence


def _hit(text: str, resolved: _Resolved, reference: dt.date | None, ctx: _Context) -> TimexHit:
    period = resolved.period
    if resolved.ref is not None:
        status: EventStatus = "scheduled" if resolved.ref == "FUTURE_REF" else "past"
        timeml: str | None = resolved.ref
    elif resolved.value is not None:
        status, timeml = "past", resolved.value
    else:
        status = _status(period, reference, _tense_unless_dated(period, reference, ctx, resolved))
        timeml = period.timeml() + resolved.suffix if period else None
    return TimexHit(
        start=resolved.start,
        end=resolved.end,
        text=text[resolved.start : resolved.end],
        granularity=period.granularity if period else resolved.granularity,
        value=period.start if period else None,
        timeml=timeml,
        status=status,
        relative=resolved.relative,
        type="TIME" if resolved.suffix and period else resolved.type,
    )


def _tense_unless_dated(period: _Period | None, reference: dt.date | None, ctx: _Context, resolved: _Resolved) -> Tense:
    """The sentence's tense, asked only when ``_status`` reads it: a period wholly before or after
    the reference date has its status from the dates (most do), whatever the tense."""
    if period is not None and reference is not None and (period.start > reference or period.end() < reference):
        return None
    return _tense(ctx, resolved.start, resolved.end)


def tag_text(
    text: str, reference: dt.date | None, rules: tuple[Rule, ...] = RULES, reporting: tuple[str, ...] = ()
) -> list[TimexHit]:
    """Every temporal expression in a text, normalised against ``reference`` (None: unknown).

    ``rules`` defaults to the product's; the TimeML benchmark adds its own (bench/timeml_rules.py).
    ``reporting`` are the lexicon's reporting verbs (``language.tense.reporting_verbs``).
    """
    state = _State()
    hits: list[TimexHit] = []
    offset = 0
    for paragraph in re.split(r"(\n\s*\n)", text):
        found = _tag(paragraph, reference, state, rules=rules, reporting=reporting)
        hits.extend(replace(h, start=h.start + offset, end=h.end + offset) for h, _ in found)
        offset += len(paragraph)
    return hits


_PRECISIONS: dict[str, Precision] = {"day": "day", "month": "month", "year": "year"}


def _dateline_end(paragraph: str) -> int:
    match = DATELINE_RE.match(paragraph)
    return match.end() if match else 0


def _timexes(article: Article, reference: dt.date | None, reporting: tuple[str, ...]) -> list[Timex]:
    """The timexes of headline, standfirst and body resolved against one reference date."""
    state = _State()
    found: list[Timex] = []
    for index, text in article.text_blocks():
        skip_to = _dateline_end(text) if index == 0 else 0
        for hit, (s0, s1) in _tag(text, reference, state, skip_to, reporting=reporting):
            precision = _PRECISIONS.get(hit.granularity)
            if precision is None:
                continue
            found.append(
                Timex(
                    paragraph=index,
                    start=hit.start,
                    end=hit.end,
                    text=hit.text,
                    value=hit.value,
                    precision=precision,
                    status=hit.status,
                    sentence=text[s0:s1],
                )
            )
        if index == STANDFIRST:
            state.anchor = None
    return found


def find_timexes(article: Article, pubdate: PubDate, reporting: tuple[str, ...] = ()) -> tuple[Timex, ...]:
    """Every dated expression in headline, standfirst and body, at day, month or year precision.

    ``reporting`` are the lexicon's reporting verbs ("said Thursday" dates the saying).

    The dateline's month and day open the first paragraph and only restate
    the article's own date, so they are skipped; the sentence after them
    starts where the dateline ends.

    A probable publication date is no fact, yet an editor wants the story's
    "on Thursday" on the timeline: expressions that only the probable date
    resolves carry ``probable=True`` (shown as probable, never as fact);
    those the text dates on its own ("May 3, 2013") stay plain.
    """
    if pubdate.status in ("given", "inferred"):
        return tuple(_timexes(article, pubdate.date, reporting))
    certain = _timexes(article, None, reporting)
    if pubdate.status != "probable" or pubdate.date is None:
        return tuple(certain)
    fixed = {(t.paragraph, t.start, t.end): t.value for t in certain}
    return tuple(
        replace(t, probable=True) if t.value is not None and fixed.get((t.paragraph, t.start, t.end)) != t.value else t
        for t in _timexes(article, pubdate.date, reporting)
    )
