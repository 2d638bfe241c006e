"""The publication date of an article: stated, inferred with evidence, or honestly uncertain.

Wire datelines give "November 10" without a year. The year is inferred only
from clues a reader can check: a weekday that names the publication day
("said Thursday"), dated statements and their tense ("arrested in 2008" is
past, "is expected to ... February 8, 2012" is ahead), named eras ("the Obama
administration" as incumbent) and the agency name as written (Itar-Tass until
2014). Each clue removes candidate years and leaves a readable sentence.
When more than one year survives, the date stays unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.config import AgencyName, Era, SiteConfig
from generator.dateline import MONTHS
from generator.models import Article, PubDate
from generator.sentences import sentences

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = "|".join(WEEKDAYS)
_SPEECH = (
    r"said|says|told(?:\s+[A-Z][\w\-]*){0,3}|announced|stated|reported|declared|noted|"
    r"added|stressed|explained|confirmed|warned|wrote|commented|pointed out|informed"
)
# "said Thursday", "told TASS on Monday", "On Monday, the minister said": the day of the report.
# Not "a meeting on Wednesday, said X": there the weekday belongs to the meeting.
_REPORT_DAY_RE = re.compile(
    rf"\b(?:(?:{_SPEECH})\s+(?:(?:on|late|early)\s+)?(?P<a>{_WEEKDAY})"
    rf"|(?:^|(?<=[.!?]\s))On\s+(?P<b>{_WEEKDAY}),?\s+[^.;!?]{{0,80}}?\b(?:{_SPEECH})"
    rf"|(?:{_SPEECH})\b(?P<clause>[^.;:!?\"“”]{{1,90}}?)\bon\s+(?P<c>{_WEEKDAY}))\b"
)
_MONTH = "|".join(name.capitalize() for name in MONTHS if len(name) > 3 or name == "may")
_FULL_DATE_RE = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>[0-3]?\d),\s*(?P<year>(?:19|20)\d\d)\b")
_MONTH_YEAR_RE = re.compile(rf"\b(?i:in|since|from|by|until|of|late|early|mid-?)\s+(?P<month>{_MONTH})\s+(?P<year>(?:19|20)\d\d)\b")
_YEAR_RE = re.compile(r"\b(?i:in|since|by|from|of|until|before|after|during)\s+(?P<year>(?:19|20)\d\d)\b(?!-)")
_FUTURE_RE = re.compile(
    r"\b(?:will|shall|is expected|are expected|is due|are due|is scheduled|are scheduled|"
    r"scheduled for|is set to|are set to|is to|are to|plans to|intends to|is going to|next|upcoming|"
    r"would|may|might|until)\b",
    re.IGNORECASE,
)
_PAST_RE = re.compile(r"\b(?:was|were|had|did|ago|last|earlier|former|previously|[a-z]{3,}ed)\b")
# Not past-tense evidence: look-alikes, and reporting verbs (the report is always past; what it reports may not be).
_NOT_PAST = frozenset(
    "need indeed speed seed feed based united related concerned said told stated noted added stressed reported "
    "announced explained confirmed warned commented emphasized emphasised pointed recalled underlined quoted".split()
)
_CURRENT_RE = re.compile(r"\b(?:will|incumbent|current|currently|is|are|continue)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Clue:
    """One reason to keep some candidate dates: a filter and what to tell the reader."""

    keep: Callable[[dt.date], bool]
    evidence: str


def _quote(text: str) -> str:
    return f"“{text.strip()}”"


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _sentences(article: Article) -> list[str]:
    out: list[str] = []
    for _, block in article.text_blocks():
        out.extend(sentences(block))
    return out


def _candidates(month: int, day: int, config: SiteConfig) -> list[dt.date]:
    dates = []
    for year in range(config.earliest_year, config.latest_year + 1):
        try:
            dates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return dates


def _weekday_clue(article: Article, candidates: list[dt.date]) -> _Clue | None:
    found: dict[str, str] = {}
    for paragraph in article.paragraphs[:3]:
        for match in _REPORT_DAY_RE.finditer(paragraph):
            if match["clause"] and _FUTURE_RE.search(match["clause"]):
                continue  # "said the talks will be held on Friday" names another day
            found.setdefault(match["a"] or match["b"] or match["c"], match.group(0))
    if len(found) != 1:
        return None
    weekday, phrase = next(iter(found.items()))
    index = WEEKDAYS.index(weekday)
    years = [d for d in candidates if d.weekday() == index]
    if not years or not candidates:
        return None
    sample = candidates[0]
    listed = ", ".join(str(d.year) for d in years)
    return _Clue(
        lambda d: d.weekday() == index,
        f"{_quote(phrase)}: {sample.day} {sample:%B} is a {weekday} in {listed}",
    )


def _tensed_clues(sentences: Iterable[str]) -> list[_Clue]:
    clues: list[_Clue] = []
    for sentence in sentences:
        future = bool(_FUTURE_RE.search(sentence))
        past = any(m.group(0).lower() not in _NOT_PAST for m in _PAST_RE.finditer(_FUTURE_RE.sub(" ", sentence)))
        if future == past:
            continue  # no tense, or both: the sentence cannot date the article
        for match in _FULL_DATE_RE.finditer(sentence):
            try:
                when = dt.date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
            except ValueError:
                continue
            if future:
                clues.append(_Clue(lambda d, w=when: d < w, f"{_quote(match.group(0))} is still expected, so the article predates {_day(when)}"))
            else:
                clues.append(_Clue(lambda d, w=when: d >= w, f"{_quote(match.group(0))} is past, so the article is from {_day(when)} or later"))
        for match in _MONTH_YEAR_RE.finditer(sentence):
            first = dt.date(int(match["year"]), MONTHS[match["month"].lower()], 1)
            after = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            if future:
                clues.append(_Clue(lambda d, a=after: d < a, f"{_quote(match.group(0))} is still ahead, so the article is from {first:%B %Y} or before"))
            else:
                clues.append(_Clue(lambda d, f=first: d >= f, f"{_quote(match.group(0))} is told as past, so the article is from {first:%B %Y} or later"))
        for match in _YEAR_RE.finditer(sentence):
            year = int(match["year"])
            if future:
                clues.append(_Clue(lambda d, y=year: d.year <= y, f"{_quote(match.group(0))} is still ahead, so the year is {year} or earlier"))
            else:
                clues.append(_Clue(lambda d, y=year: d.year >= y, f"{_quote(match.group(0))} is told as past, so the year is {year} or later"))
    return clues


def _one_slip(word: str, target: str) -> bool:
    """True when ``word`` is ``target`` or one letter added, dropped or changed (names only, 5+ letters)."""
    if word == target:
        return True
    if len(target) < 5 or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        return sum(a != b for a, b in zip(word, target, strict=True)) == 1
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _era_pattern(phrase: str) -> re.Pattern[str]:
    first, _, rest = phrase.partition(" ")
    tail = rf"\s+{re.escape(rest)}" if rest else ""
    return re.compile(rf"\b(?P<first>[A-Za-z]{{{max(1, len(first) - 1)},{len(first) + 1}}}){tail}\b", re.IGNORECASE)


def _era_clues(sentences: list[str], eras: Iterable[Era]) -> list[_Clue]:
    clues: list[_Clue] = []
    for era in eras:
        first = era.phrase.partition(" ")[0].lower()
        pattern = _era_pattern(era.phrase)
        hits = [(s, m.group(0)) for s in sentences for m in pattern.finditer(s) if _one_slip(m["first"].lower(), first)]
        if not hits:
            continue
        written = hits[0][1]
        if era.after:
            clues.append(_Clue(lambda d, a=era.after: d >= a, f"{_quote(written)} is named, which dates it after {_day(era.after)} ({era.means})"))
        if era.before and any(_CURRENT_RE.search(s) for s, _ in hits):
            clues.append(_Clue(lambda d, b=era.before: d < b, f"{_quote(written)} is spoken of as current, so before {_day(era.before)}"))
    return clues


def _span_text(spelling: AgencyName) -> str:
    if spelling.since and spelling.until:
        return f"from {_day(spelling.since)} to {_day(spelling.until)}"
    if spelling.since:
        return f"since {_day(spelling.since)}"
    return f"until {_day(spelling.until)}" if spelling.until else "at any time"


def _agency_clue(spellings: tuple[AgencyName, ...]) -> _Clue | None:
    if not spellings or all(s.since is None and s.until is None for s in spellings):
        return None
    spans = [(s.since or dt.date.min, s.until or dt.date.max) for s in spellings]
    used = " and ".join(_span_text(s) for s in spellings)
    return _Clue(
        lambda d: any(a <= d <= b for a, b in spans),
        f"the agency signs as {_quote(spellings[0].name)}, a name in use {used}",
    )


def infer_pubdate(article: Article, config: SiteConfig, agency_spellings: tuple[AgencyName, ...] = ()) -> PubDate:
    """Establish the publication date, or say honestly that it is unknown."""
    found = _infer(article, config, agency_spellings)
    clue = article.date_clue
    if found.status != "uncertain" or clue is None:
        return found
    if found.candidates and clue not in found.candidates:
        note = f"{article.date_clue_from} suggests {_day(clue)}, which the clues above rule out"
        return PubDate(None, "uncertain", (*found.evidence, note), found.candidates)
    note = f"probably {_day(clue)}: {article.date_clue_from or 'the text'}, though no source states the date"
    return PubDate(clue, "probable", (*found.evidence, note), tuple(d for d in found.candidates if d != clue))


def _infer(article: Article, config: SiteConfig, agency_spellings: tuple[AgencyName, ...]) -> PubDate:
    if article.given_date is not None:
        return PubDate(article.given_date, "given", (f"stated by {article.given_date_from or 'the file'}",))
    line = article.dateline
    if line is not None and line.month and line.day and line.year:
        try:
            return PubDate(dt.date(line.year, line.month, line.day), "given", (f"the dateline {_quote(line.text)} gives the full date",))
        except ValueError:
            pass
    if line is None or line.month is None or line.day is None:
        return PubDate(None, "uncertain", ("the file has no dateline and no date metadata",))

    evidence = [f"the dateline gives {line.month_day} without a year"]
    candidates = _candidates(line.month, line.day, config)
    hint = article.year_hint or config.year_hint(article.source)
    sentences = _sentences(article)
    clues: list[_Clue] = []
    if hint is not None:
        clues.append(_Clue(lambda d: d.year == hint, f"the editor's year hint for this file is {hint}"))
    weekday = _weekday_clue(article, candidates)
    if weekday:
        clues.append(weekday)
    agency = _agency_clue(agency_spellings)
    if agency:
        clues.append(agency)
    clues += _era_clues(sentences, config.eras)
    clues += _tensed_clues(sentences)

    for clue in clues:
        kept = [d for d in candidates if clue.keep(d)]
        if not kept:
            evidence.append(f"{clue.evidence}, which contradicts the clues before it")
            return PubDate(None, "uncertain", tuple(evidence), tuple(candidates))
        evidence.append(clue.evidence if len(kept) < len(candidates) or clue is weekday else f"{clue.evidence} (consistent)")
        candidates = kept
    if len(candidates) == 1:
        evidence.append(f"only {candidates[0].year} fits")
        return PubDate(candidates[0], "inferred", tuple(evidence))
    if len(candidates) <= 6:
        evidence.append("more than one year fits: " + ", ".join(str(d.year) for d in candidates))
    else:
        evidence.append(f"{len(candidates)} years fit: nothing in the text narrows them down")
    return PubDate(None, "uncertain", tuple(evidence), tuple(candidates))
