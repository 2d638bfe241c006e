"""Conflicting accounts: stories that give different values for the same fact about someone.

Three kinds of fact are read, each only where the sentence leaves no doubt whose fact it is
(exactly one person, or one person or organisation for a date, named in the sentence):

* a **term** of years or months ("sentenced to 12 years", "a 15-year prison term"; not "imprisoned
  for three years", which may be time held without a sentence), skipped in a
  sentence that speaks of a change or a possibility ("reduced", "faces up to", "sought");
* an **age** ("Martin Kessler, 52,", "52-year-old Martin Kessler"), compared as the years of
  birth it allows, so a man of 52 in 2011 and 57 in 2016 agree;
* the **date** of a one-time fact (born, died, extradited; an organisation founded:
  site_config/accounts.yml ``once_person``, ``once_organisation``),
  compared at the precision each story gives, so "in 2010" and "in November 2010" agree.

Two stories disagree when their values cannot both be true. An editor can name the wrong account
in site_config/corrections.yml; the flag then says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from generator.config.accounts import Accounts, Correction
from generator.dossier.claims import Sentence, event_index, event_of, phrase_pattern
from generator.language.numbers import age_beside
from generator.language.regexes import longest_first
from generator.language.slugs import short_hash
from generator.models import HEADLINE, EntityRef, Event, Precision, Problem

FactKind = Literal["term", "age", "date"]
CORRECTIONS_FILE = "site_config/corrections.yml"

_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25, "thirty": 30,
}  # fmt: skip
_NUM = r"(?P<n>\d{1,3}|" + "|".join(longest_first(_NUMBERS)) + r"|life)"
_UNIT = r"(?P<u>years?|months?)"
_TERM_RES = (
    re.compile(
        rf"(?i)\bsentenced\b[^.;:]{{0,80}}?\bto\s+(?:a\s+)?{_NUM}(?:\s+{_UNIT}|(?=\s+(?:in\s+prison|imprisonment|behind\s+bars)))"
    ),
    re.compile(
        rf"(?i)\b{_NUM}[- ](?P<u>year|month)s?[- ](?:old\s+)?"
        r"(?:prison\s+|jail\s+)?(?:term|sentence)\b"
    ),
)
# The date of a one-time fact follows its verb closely, in the same clause: "died in June 2004",
# "extradited to the United States in November 2010"; not "who died last year, attended ... in 1937".
MAX_GAP = 40
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]| - ")
# A block without any of these holds no term and no age (a cheap test before cutting it into sentences).
FACT_HINT = r"sentenc|term\b|-year-old|,\s+(?:aged\s+)?\d{1,3},"


@dataclass(frozen=True)
class Account:
    """What one story says: its value for the fact, in the sentence that says it."""

    article: str
    paragraph: int
    text: str  # the sentence
    value: str  # as shown: "12 years", "52", "November 2010"
    corrected: str | None = None  # the editor's note when this account is marked wrong ("" for no note)


@dataclass(frozen=True)
class Conflict:
    """Stories that disagree on one fact about one entity."""

    id: str
    kind: FactKind
    subject: str  # entity id
    about: str  # "prison term", "age", "born"
    accounts: tuple[Account, ...]
    events: tuple[str, ...]  # timeline events told in the same sentences

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.value for a in self.accounts))

    @property
    def corrected(self) -> bool:
        """An editor marked every account but those of one value as wrong."""
        standing = {a.value for a in self.accounts if a.corrected is None}
        return len(standing) == 1

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "entity": self.subject,
            "about": self.about,
            "values": list(self.values),
            "corrected": self.corrected,
            "events": list(self.events),
            "accounts": [
                {
                    "article": a.article,
                    "paragraph": a.paragraph - HEADLINE,
                    "text": a.text,
                    "value": a.value,
                    "correction": a.corrected,
                }
                for a in self.accounts
            ],
        }


@dataclass(frozen=True)
class Fact:
    """One account before grouping: whose fact, what it is, and a comparable value."""

    kind: FactKind
    subject: str
    about: str
    sentence: Sentence
    value: str
    low: int  # comparable range: months for a term, birth years for an age, day ordinals for a date
    high: int


def _number(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    return _NUMBERS.get(text)


LIFE = 10**6  # a life term, in months: longer than any term of years


def _term_value(match: re.Match[str]) -> tuple[int, str] | None:
    number, unit = match.group("n").lower(), (match.groupdict().get("u") or "years").lower()
    if number == "life":
        return LIFE, "life"
    count = _number(number)
    if count is None or count == 0:
        return None
    word = "year" if unit.startswith("year") else "month"
    return count * (12 if word == "year" else 1), f"{count} {word}{'s' if count != 1 else ''}"


def _terms(sentence: Sentence, persons: Sequence[str], changes: re.Pattern[str] | None) -> list[Fact]:
    """The prison term of the one person the sentence names; none when it names a change or two terms."""
    lowered = sentence.text.casefold()
    if len(persons) != 1 or ("sentenc" not in lowered and "term" not in lowered):
        return []  # the cheap test first: most sentences speak of no term
    if changes and changes.search(sentence.text):
        return []
    matches = [(m, value) for pattern in _TERM_RES for m in pattern.finditer(sentence.text) if (value := _term_value(m))]
    values = {value for _, value in matches}
    numbers = [m.start("n") for m, _ in matches]
    if len(values) != 1:
        return []
    months, shown = values.pop()
    if not any(e == persons[0] and start < number for e, start, _ in sentence.mention_spans for number in numbers):
        return []  # "sentenced to 18 years for killing Fortuyn": the person named after the term is not its subject
    return [Fact("term", persons[0], "prison term", sentence, shown, months, months)]


def _ages(sentence: Sentence, persons: Sequence[str]) -> list[Fact]:
    """Ages written beside a person's name, as the years of birth they allow."""
    if sentence.reported is None:
        return []
    facts = []
    for entity, start, end in sentence.mention_spans:
        if entity not in persons:
            continue
        age = age_beside(sentence.text, start, end)
        if age:
            year = sentence.reported.year
            facts.append(Fact("age", entity, "age", sentence, str(age), year - age - 1, year - age))
    return facts


def _when(date: dt.date, precision: Precision) -> str:
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return f"{date:%B %Y}"
    return f"{date.day} {date:%B %Y}"


def _period(date: dt.date, precision: Precision) -> tuple[int, int]:
    if precision == "year":
        return dt.date(date.year, 1, 1).toordinal(), dt.date(date.year, 12, 31).toordinal()
    if precision == "month":
        following = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return date.replace(day=1).toordinal(), following.toordinal() - 1
    return date.toordinal(), date.toordinal()


def _once(sentence: Sentence, subjects: Sequence[str], once: re.Pattern[str] | None) -> list[Fact]:
    """The date of a one-time fact about the one person or organisation named before its verb."""
    if once is None or len(subjects) != 1:
        return []
    facts = []
    for verb in once.finditer(sentence.text):
        named_before = any(e == subjects[0] and start < verb.start() for e, start, _ in sentence.mention_spans)
        after = [
            t
            for t in sentence.dates
            if verb.end() <= t.start - sentence.start <= verb.end() + MAX_GAP
            and not _CLAUSE_BREAK.search(sentence.text, verb.end(), t.start - sentence.start)
            and t.status == "past"
            and t.value
        ]
        if not named_before or not after:
            continue
        first = min(after, key=lambda t: t.start)
        assert first.value is not None
        low, high = _period(first.value, first.precision)
        facts.append(Fact("date", subjects[0], verb.group(0).lower(), sentence, _when(first.value, first.precision), low, high))
    return facts


@dataclass(frozen=True)
class FactWords:
    """The patterns facts are read with (site_config/accounts.yml): changes to a term, one-time facts by kind."""

    skip: re.Pattern[str] | None
    once: Mapping[str, re.Pattern[str] | None]

    @property
    def key(self) -> tuple[str | None, ...]:
        """What the patterns match, as plain data (a key for the last build's facts)."""
        return tuple(p.pattern if p else None for p in (self.skip, *self.once.values()))


def fact_words(accounts: Accounts) -> FactWords:
    once = {"person": phrase_pattern(accounts.once_person), "organisation": phrase_pattern(accounts.once_organisation)}
    return FactWords(phrase_pattern(accounts.term_skip), once)


def facts_of(sentences: Sequence[Sentence], entities: Mapping[str, EntityRef], words: FactWords) -> list[Fact]:
    """The facts of ``sentences``, each read on its own."""
    skip, once = words.skip, words.once
    facts = []
    for sentence in sentences:
        persons = [e for e in sentence.entities if entities[e].kind == "person"]
        subjects = [e for e in sentence.entities if entities[e].kind != "place"]
        verbs = once[entities[subjects[0]].kind] if len(subjects) == 1 else None
        facts += _terms(sentence, persons, skip) + _ages(sentence, persons) + _once(sentence, subjects, verbs)
    return facts


def _disagree(group: Sequence[Fact]) -> bool:
    """Two stories whose values cannot both be true."""
    return any(
        a.sentence.article != b.sentence.article and (a.high < b.low or b.high < a.low)
        for i, a in enumerate(group)
        for b in group[i + 1 :]
    )


def _same_value(wanted: str, value: str) -> bool:
    fold = lambda text: re.sub(r"\W+", " ", text).strip().casefold()  # noqa: E731
    return not wanted or fold(wanted) == fold(value) or fold(wanted) == fold(value).split(" ")[0]


def _correct(
    conflicts: list[Conflict], corrections: Sequence[Correction], sources: Mapping[str, str]
) -> tuple[list[Conflict], list[Problem]]:
    """Mark the accounts an editor named as wrong; a correction that matches nothing is a warning."""
    problems = []
    marked = conflicts
    for i, correction in enumerate(corrections):
        hits = 0
        updated = []
        for conflict in marked:
            accounts = []
            for account in conflict.accounts:
                if sources.get(account.article) == correction.source and _same_value(correction.value, account.value):
                    account = Account(account.article, account.paragraph, account.text, account.value, correction.note)
                    hits += 1
                accounts.append(account)
            updated.append(
                Conflict(conflict.id, conflict.kind, conflict.subject, conflict.about, tuple(accounts), conflict.events)
            )
        marked = updated
        if not hits:
            shown = f" with the value {correction.value!r}" if correction.value else ""
            problems.append(
                Problem(
                    CORRECTIONS_FILE,
                    "warning",
                    f"corrections[{i}]: expected a conflicting account in {correction.source}{shown}, found none",
                )
            )
    return marked, problems


def build_conflicts(
    sentences: Sequence[Sentence],
    entities: Mapping[str, EntityRef],
    events: Sequence[Event],
    accounts: Accounts,
    sources: Mapping[str, str],
    facts: Sequence[Fact] | None = None,
) -> tuple[tuple[Conflict, ...], list[Problem]]:
    """Every fact on which stories disagree, with the corrections of site_config/corrections.yml applied.
    ``facts``: those of ``sentences`` (``facts_of``) when read already."""
    groups: dict[tuple[FactKind, str, str], list[Fact]] = {}
    for fact in facts_of(sentences, entities, fact_words(accounts)) if facts is None else facts:
        groups.setdefault((fact.kind, fact.subject, fact.about), []).append(fact)
    index = event_index(events)
    conflicts = []
    for (kind, subject, about), group in sorted(groups.items()):
        if not _disagree(group):
            continue
        ordered = sorted(
            group, key=lambda f: (f.sentence.reported or dt.date.min, f.sentence.article, f.sentence.paragraph, f.sentence.start)
        )
        found = [Account(f.sentence.article, f.sentence.paragraph, f.sentence.text, f.value) for f in ordered]
        told = [e for f in ordered for t in f.sentence.dates if (e := event_of(index, f.sentence, t))]
        conflict_id = f"{kind}-{subject}-{short_hash(about + '|' + '|'.join(a.article + a.value for a in found))}"
        conflicts.append(Conflict(conflict_id, kind, subject, about, tuple(dict.fromkeys(found)), tuple(dict.fromkeys(told))))
    marked, problems = _correct(conflicts, accounts.corrections, sources)
    return tuple(marked), problems
