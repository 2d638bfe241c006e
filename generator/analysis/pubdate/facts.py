"""What the dossier knows dates a story: a curated fact told as past or as ahead bounds its year.

site_config/entities.yml gives a curated entity dated facts ("sentenced to 25 years in prison",
from 2012-04-05). A story that names the entity and tells the fact's event as done ("Bout was
sentenced to 25 years") is from that day or later; one that tells it as ahead ("Bout will be
sentenced in February") is from before it. An editor dates copy the same way. Conservative on
purpose: the sentence must name the entity and hold the fact's opening words ("sentenced", "found
guilty") right after an auxiliary that gives the tense ("was", "has been"; "be", "being"), since
a verb of the sentence ("the court ruled Bout should be extradited") says nothing of the event
itself. A participle set off right after the name ("Bout, sentenced to 25 years in 2012, ...") is
a reduced "who was sentenced": done. An office, a label that starts with a capital ("President of
the United States", from 2025), is no event: "Trump, who was President of the United States" tells
an earlier term as well. A fact with an end ("until") is a state: one whose label opens with a verb
in -ing ("serving a 25-year prison term", 2012-04-05 to 2022-12-08) told as holding now ("Bout, a
Russian national serving a 25-year prison term", "Bout, who is serving", "Bout is still serving")
dates the story inside its span; other states are left alone. A birth ("born", 1967-01-13) and an
age written beside the name ("Bout, 44,", "the 44-year-old Bout") date the story between that
birthday and the next.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable

from generator.analysis.pubdate.clues import Clue, day_text, quote
from generator.config.gazetteer import EntityDates, Gazetteer
from generator.language.numbers import age_beside

_PARTICIPLE = re.compile(r"(?i)^\w{3,}(?:ed|en)$")
# "was sentenced", "has since been extradited": done. "will be sentenced", "faces being extradited": ahead.
_DONE_BEFORE = re.compile(r"(?i)\b(?:was|were|been)\s+(?:\w+ly\s+|since\s+|later\s+|already\s+)?$")
_AHEAD_BEFORE = re.compile(r"(?i)\b(?:be|being)\s+(?:\w+ly\s+)?$")


def _first_day(start: str) -> tuple[dt.date, str] | None:
    """The first day of "2011", "2011-05" or "2011-05-20", and the precision written."""
    parts = start.split("-")
    try:
        numbers = [int(p) for p in parts]
        return dt.date(numbers[0], *(numbers[1:] + [1, 1])[:2]), ("year", "month", "day")[len(parts) - 1]
    except (ValueError, TypeError, IndexError):
        return None


def _last_day(first: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(first.year, 12, 31)
    if precision == "month":
        return dt.date(first.year + first.month // 12, first.month % 12 + 1, 1) - dt.timedelta(days=1)
    return first


def opening_words(label: str) -> str | None:
    """The words that tell the fact's event: up to its first participle ("found guilty", "sentenced")."""
    words = label.split()
    if not words:
        return None
    if _PARTICIPLE.match(words[0]):
        return words[0]
    return " ".join(words[:2]) if len(words) > 1 else None


# After the name: ", who is ", ", a Russian national ", ", ", " is still ": what tells a state as holding now
# (a word of the past in between, "the man who was", rules it out).
_NOW_AFTER_NAME = re.compile(
    r"(?:'s?|’s?)?(?:\s*,\s*(?:who\s+is\s+|who's\s+|who’s\s+|(?:an?|the)\s+(?:(?!(?:was|were|had|been)\s)[\w'’.-]+\s+){0,4})?"
    r"|\s+(?:is|remains)\s+)(?:still\s+|now\s+|currently\s+)?"
)


# "Bout, " before "sentenced": the event set off right after the name.
_SET_OFF_AFTER_NAME = re.compile(r"(?:'s?|’s?)?\s*[,—–]\s*")


def _after_name(names: re.Pattern[str], before: str, between: re.Pattern[str]) -> bool:
    """Whether ``before`` ends in the entity's name and then only what ``between`` allows."""
    return any(between.fullmatch(before[m.end() :]) for m in names.finditer(before))


def _words_pattern(words: list[str]) -> re.Pattern[str]:
    """The label's words as written in copy: any case, any spacing, whole words."""
    return re.compile(r"(?i)(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])")


def _between(first: dt.date, last: dt.date, d: dt.date) -> bool:
    return first <= d <= last


def _on_or_after(bound: dt.date, d: dt.date) -> bool:
    return d >= bound


def _on_or_before(bound: dt.date, d: dt.date) -> bool:
    return d <= bound


def _names(names: Iterable[str]) -> re.Pattern[str]:
    spelled = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{spelled})(?![\w-])")


def fact_clues(sentences: list[str], gazetteer: Gazetteer) -> list[Clue]:
    """Hard bounds from the curated events the story tells as done or as ahead."""
    clues: list[Clue] = []
    refs = {ref.id: ref for ref in gazetteer.entries}
    for entity_id, facts in gazetteer.dates:
        ref = refs.get(entity_id)
        events = [f for f in facts if f.start and not f.end and not f.label[:1].isupper() and opening_words(f.label)]
        states = [f for f in facts if f.start and f.end and f.label.split(maxsplit=1)[0].endswith("ing")]
        births = [f for f in facts if f.start and f.label.split(maxsplit=1)[0].lower() == "born"]
        if ref is None or not (events or states or births):
            continue
        names = _names((ref.name, *ref.aliases))
        named = [s for s in sentences if names.search(s)]
        found = [_fact_clue(named, fact, names) for fact in events] + [_state_clue(named, fact, names) for fact in states]
        found += [_age_clue(named, fact, names) for fact in births[:1]]
        clues.extend(clue for clue in found if clue is not None)
    return clues


def _birthday(born: dt.date, year: int) -> dt.date:
    try:
        return born.replace(year=year)
    except ValueError:  # 29 February in a common year: the day after 28 February
        return dt.date(year, 3, 1)


def _age_clue(sentences: list[str], birth: EntityDates, names: re.Pattern[str]) -> Clue | None:
    """An age beside the name and the curated birth: the story lies between that birthday and the next
    (a birth known to the year only: in that year plus the age, or the one after)."""
    start = _first_day(birth.start or "")
    if start is None:
        return None
    born, precision = start
    for sentence in sentences:
        for n in names.finditer(sentence):
            age = age_beside(sentence, n.start(), n.end())
            if age is None:
                continue
            if precision == "day":
                first, last = _birthday(born, born.year + age), _birthday(born, born.year + age + 1) - dt.timedelta(days=1)
            else:
                first, last = dt.date(born.year + age, 1, 1), dt.date(born.year + age + 1, 12, 31)
            return Clue(
                functools.partial(_between, first, last),
                f"{quote(n.group(0))} is {age}, and the dossier dates {quote(birth.label)} {birth.start}, "
                f"so the article is from {day_text(first)} to {day_text(last)}",
            )
    return None


def _state_clue(sentences: list[str], fact: EntityDates, names: re.Pattern[str]) -> Clue | None:
    """A state with a span ("serving a 25-year prison term", 2012-2022) told as holding now: the story is inside it."""
    words = fact.label.split()
    start, end = _first_day(fact.start or ""), _first_day(fact.end or "")
    if len(words) < 2 or start is None or end is None:
        return None
    first, last = start[0], _last_day(*end)
    pattern = _words_pattern(words[:2])
    for sentence in sentences:
        for m in pattern.finditer(sentence):
            before = sentence[max(0, m.start() - 80) : m.start()]
            if _after_name(names, before, _NOW_AFTER_NAME):
                return Clue(
                    functools.partial(_between, first, last),
                    f"{quote(m.group(0))} is told as holding now, and the dossier dates {quote(fact.label)} "
                    f"{fact.start} to {fact.end}, so the article is from inside that span",
                )
    return None


def _fact_clue(sentences: list[str], fact: EntityDates, names: re.Pattern[str]) -> Clue | None:
    opening, start = opening_words(fact.label), _first_day(fact.start or "")
    if opening is None or start is None:
        return None
    first, precision = start
    pattern = _words_pattern(opening.split())
    for sentence in sentences:
        for m in pattern.finditer(sentence):
            before = sentence[max(0, m.start() - 40) : m.start()]
            if _DONE_BEFORE.search(before) or _after_name(names, before, _SET_OFF_AFTER_NAME):
                return Clue(
                    functools.partial(_on_or_after, first),
                    f"{quote(m.group(0))} is told as done, and the dossier dates {quote(fact.label)} "
                    f"{day_text(first) if precision == 'day' else fact.start}, so the article is from then or later",
                )
            if _AHEAD_BEFORE.search(before):
                last = _last_day(first, precision) - dt.timedelta(days=1 if precision == "day" else 0)
                return Clue(
                    functools.partial(_on_or_before, last),
                    f"{quote(m.group(0))} is still ahead, and the dossier dates {quote(fact.label)} "
                    f"{day_text(first) if precision == 'day' else fact.start}, so the article is from before it",
                )
    return None
