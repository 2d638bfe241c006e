"""Clues to an article's year, each a filter or a preference with a sentence a reader can check.

A *hard* clue removes candidate dates (a dated statement told as past, an era
that had not begun, the agency's name as written). A *soft* clue only prefers
some candidates (the weekday of "said on Friday" taken as the dateline's own
day, how near a candidate lies to the events the story reports). Hard clues
decide "inferred"; soft ones can only make a date "probable".
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.config import AgencyName, Era
from generator.language.calendar import MONTHS, PERIOD_END_MONTH, WEEKDAY_NUMBERS, WEEKDAYS
from generator.language.fuzzy import one_edit
from generator.language.regexes import longest_first
from generator.language.tense import YEAR_GONE_BY, cue_before, cue_kinds, tense_at

# In wire copy a date written with its weekday ("Tuesday, March 12") lies within weeks of the story.
WEEKDAY_DATE_WINDOW_DAYS = 120

_WEEKDAY = "|".join(WEEKDAYS)
_MONTH = "|".join(name.capitalize() for name in MONTHS if len(name) > 3 or name == "may")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_FULL_DATE_RE = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>[0-3]?\d),\s*(?P<year>(?:19|20)\d\d)\b")
_MONTH_YEAR_RE = re.compile(
    rf"\b(?i:in|since|from|by|until|of|late|early|mid-?)\s+(?P<month>{_MONTH})\s+(?P<year>(?:19|20)\d\d)\b"
)
_YEAR_RE = re.compile(r"\b(?i:in|since|by|from|of|until|before|after|during)\s+(?P<year>(?:19|20)\d\d)\b(?!-)")
# "in January-November 2024", "in the first nine months of 2024": a span of months, dated by its last month.
_PERIODS = "|".join(r"\s+".join(period.split()) for period in longest_first(PERIOD_END_MONTH))
_PERIOD_RE = re.compile(
    r"\b(?i:in|since|from|by|until|of|for|during|over|through)\s+(?:the\s+)?"
    rf"(?:(?P<first>{_MONTH})\s*[-–]\s*(?P<month>{_MONTH})\s+|(?P<period>(?i:{_PERIODS}))\s+of\s+)"
    r"(?P<year>(?:19|20)\d\d)\b(?!-)"
)
# "Tuesday, March 12" / "on Tuesday, 12 March", with no year after it.
_WEEKDAY_DATE_RE = re.compile(
    rf"\b(?P<wd>{_WEEKDAY}),?\s+(?:(?P<month>{_MONTH})\s+{_DAY}"
    rf"|{_DAY.replace('day>', 'day2>')}\s+(?P<month2>{_MONTH}))\b(?!,?\s*\d)"
)
# "Vice President Biden", "First Deputy Prime Minister Medvedev": another office than the era's title.
# "a Trump administration", "an Obama presidency": hypothetical, said before the era began.
_OTHER_OFFICE_BEFORE = re.compile(r"(?i)\b(?:vice|deputy|assistant|under|acting\s+deputy|a|an)[\s-]*$")
# "an adviser to President Bush", "under President Clinton": a role of another time, told by a preposition.
_PAST_ROLE_BEFORE = re.compile(r"\b(?i:to|under|during)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,2}$")
# "former President", "then-US Secretary of State", "the late Russian Foreign Minister": a past holder.
_NOT_CURRENT_BEFORE = re.compile(
    r"\b(?i:former|then|ex|late|onetime|one-time|erstwhile|retired|previous)[\s-]*(?:[A-Z][\w.'’-]*\s+){0,2}$"
)


@dataclass(frozen=True)
class Clue:
    """One reason about the candidate dates: a filter (hard) or a preference (soft), and its sentence."""

    keep: Callable[[dt.date], bool]
    evidence: str
    hard: bool = True


def _on_or_after(bound: dt.date, d: dt.date) -> bool:
    return d >= bound


def _before(bound: dt.date, d: dt.date) -> bool:
    return d < bound


def _in_year(year: int, d: dt.date) -> bool:
    return d.year == year


def quote(text: str) -> str:
    return f"“{text.strip()}”"


def day_text(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _years(dates: Iterable[dt.date]) -> str:
    return ", ".join(str(d.year) for d in dates) or "no year"


def speech_pattern(verbs: Iterable[str]) -> str:
    """The speech verbs of site_config/quotes.yml as one alternation ("said", "told TASS", ...)."""
    words = longest_first({v.strip() for v in verbs if v.strip()})
    told = [r"told(?:\s+[A-Z][\w\-]*){0,3}"] if "told" in words else []  # "told TASS on Monday"
    return "|".join(told + [r"\s+".join(map(re.escape, w.split())) for w in words]) or r"(?!)"


def report_day_re(verbs: Iterable[str]) -> re.Pattern[str]:
    """ "said Thursday", "told TASS on Monday", "On Monday, the minister said": the day of the report."""
    speech = speech_pattern(verbs)
    return re.compile(
        rf"\b(?:(?:{speech})\s+(?:(?:on|late|early)\s+)?(?P<a>{_WEEKDAY})"
        rf"|(?:^|(?<=[.!?]\s))On\s+(?P<b>{_WEEKDAY}),?\s+[^.;!?]{{0,80}}?\b(?:{speech})"
        rf"|(?:{speech})\b(?P<clause>[^.;:!?\"“”]{{1,90}}?)\bon\s+(?P<c>{_WEEKDAY}))\b"
    )


def report_day_clues(
    paragraphs: Iterable[str], pattern: re.Pattern[str], candidates: list[dt.date], reporting: tuple[str, ...] = ()
) -> list[Clue]:
    """The weekday of the report: the dateline's day or, in late copy or another time zone, the day before.

    The day before is kept on purpose: "said on Saturday" under a dateline of
    October 2 can mean October 1. So the weekday removes only years in which
    neither day fits, and prefers (softly) the years where the dateline's own day fits.
    """
    found: dict[str, str] = {}
    for paragraph in paragraphs:
        for match in pattern.finditer(paragraph):
            clause = match["clause"]
            if clause and tense_at(clause, len(clause), len(clause), reporting=reporting) == "future":
                continue  # "said the talks will be held on Friday" names another day
            found.setdefault(match["a"] or match["b"] or match["c"], match.group(0))
    if len(found) != 1 or not candidates:
        return []
    weekday, phrase = next(iter(found.items()))
    index = WEEKDAY_NUMBERS[weekday.lower()]
    same = [d for d in candidates if d.weekday() == index]
    before = [d for d in candidates if (d - dt.timedelta(days=1)).weekday() == index]
    sample = candidates[0]
    return [
        Clue(
            lambda d: d.weekday() == index or (d - dt.timedelta(days=1)).weekday() == index,
            f"{quote(phrase)}: {sample.day} {sample:%B} is a {weekday} in {_years(same)}, "
            f"and the day after a {weekday} (late copy) in {_years(before)}",
        ),
        Clue(
            lambda d: d.weekday() == index,
            f"{quote(phrase)} most likely names the dateline's own day: {_years(same)}",
            hard=False,
        ),
    ]


_LEAD_WEEKDAY_RE = re.compile(rf"\b(?:(?:on|late|early)\s+)?(?P<wd>{_WEEKDAY})\b(?!,?\s+(?:{_MONTH}|\d))")


def lead_day_clues(lead: str, candidates: list[dt.date], reporting: tuple[str, ...] = ()) -> list[Clue]:
    """ "A court on Friday ruled...": the weekday of a wire story's first sentence is its dateline's day or the day before.

    A preference only (the event of a lead can be a few days old in a follow-up), used when no
    saying gives the day of the report; a weekday told as ahead ("will meet on Friday") says nothing.
    """
    found = {
        m["wd"]: m.group(0)
        for m in _LEAD_WEEKDAY_RE.finditer(lead)
        if cue_before(lead, m.start(), reporting=reporting) != "future"  # not "will meet on Friday"
    }
    if len(found) != 1 or not candidates:
        return []
    weekday, phrase = next(iter(found.items()))
    index = WEEKDAY_NUMBERS[weekday.lower()]
    fit = [d for d in candidates if index in (d.weekday(), (d - dt.timedelta(days=1)).weekday())]
    return [
        Clue(
            lambda d: index in (d.weekday(), (d - dt.timedelta(days=1)).weekday()),
            f"{quote(phrase)} in the first sentence most likely names the dateline's day or the day before: {_years(fit)}",
            hard=False,
        )
    ]


def _near_weekday_date(d: dt.date, *, month: int, day: int, weekday: int) -> bool:
    for year in (d.year - 1, d.year, d.year + 1):
        try:
            when = dt.date(year, month, day)
        except ValueError:
            continue
        if when.weekday() == weekday and abs((when - d).days) <= WEEKDAY_DATE_WINDOW_DAYS:
            return True
    return False


def weekday_date_clues(sentences: Iterable[str]) -> list[Clue]:
    """ "Tuesday, March 12" in the body fixes that date's years; in wire copy it lies within weeks of the story."""
    clues: list[Clue] = []
    for sentence in sentences:
        for m in _WEEKDAY_DATE_RE.finditer(sentence):
            month = MONTHS[(m["month"] or m["month2"]).lower()]
            day = int(m["day"] or m["day2"])
            weekday = WEEKDAY_NUMBERS[m["wd"].lower()]
            clues.append(
                Clue(
                    functools.partial(_near_weekday_date, month=month, day=day, weekday=weekday),
                    f"{quote(m.group(0))}: the story lies within {WEEKDAY_DATE_WINDOW_DAYS} days of a year "
                    f"in which that date is a {m['wd']}",
                )
            )
    return clues


def _bound(when: dt.date, future: bool, written: str, precision: str) -> Clue:
    if precision == "day":
        if future:
            return Clue(lambda d: d < when, f"{quote(written)} is still expected, so the article predates {day_text(when)}")
        return Clue(lambda d: d >= when, f"{quote(written)} is past, so the article is from {day_text(when)} or later")
    if precision == "month":
        after = dt.date(when.year + when.month // 12, when.month % 12 + 1, 1)
        if future:
            return Clue(lambda d: d < after, f"{quote(written)} is still ahead, so the article is from {when:%B %Y} or before")
        return Clue(lambda d: d >= when, f"{quote(written)} is told as past, so the article is from {when:%B %Y} or later")
    if future:
        return Clue(lambda d: d.year <= when.year, f"{quote(written)} is still ahead, so the year is {when.year} or earlier")
    return Clue(lambda d: d.year >= when.year, f"{quote(written)} is told as past, so the year is {when.year} or later")


def dated_mentions(sentence: str) -> list[tuple[dt.date, str, str, tuple[int, int]]]:
    """(first day, precision, text as written, span of the date itself) of each full date, month and year."""
    found: list[tuple[dt.date, str, str, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    patterns = (("day", _FULL_DATE_RE), ("month", _PERIOD_RE), ("month", _MONTH_YEAR_RE), ("year", _YEAR_RE))
    for precision, pattern in patterns:
        for m in pattern.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            groups = m.groupdict()
            if groups.get("period"):
                month = PERIOD_END_MONTH[" ".join(groups["period"].lower().split())]
            else:
                month = MONTHS[m["month"].lower()] if precision != "year" else 1
            day = int(m["day"]) if precision == "day" else 1
            try:
                when = dt.date(int(m["year"]), month, day)
            except ValueError:
                continue
            taken.append(m.span())
            first = next(g for g in ("period", "first", "month", "year") if groups.get(g))  # where the date's words begin
            found.append((when, precision, m.group(0), (m.start(first), m.end("year"))))
    return found


def tensed_clues(sentences: Iterable[str], reporting: tuple[str, ...] = ()) -> tuple[list[Clue], list[tuple[dt.date, bool]]]:
    """Dated statements bound the story: past ones from below, scheduled ones from above.

    The tense is the shared classifier's (language/tense.py); a bound is drawn only when a
    cue right before the date ("was detained in", "since", "will be held on") agrees with
    it, so "the front-runner for the nomination in 2020" in a past-tense sentence bounds
    nothing. Returns the clues and every (date, is_future) told with a tense, for the ranking.
    """
    clues: list[Clue] = []
    told: list[tuple[dt.date, bool]] = []
    for sentence in sentences:
        for when, precision, written, (start, end) in dated_mentions(sentence):
            tense = tense_at(sentence, start, end, reporting=reporting)
            if tense is None or cue_before(sentence, start, reporting=reporting) != tense:
                continue
            clues.append(_bound(when, tense == "future", written, precision))
            if precision != "year":  # a year alone is too coarse to say how near the story lies
                told.append((when, tense == "future"))
    return clues, told


def _word(word: str) -> str:
    """A phrase's word as written; a hyphen may also be written as a space ("Secretary General")."""
    return r"[\s\-]+".join(re.escape(part) for part in word.split("-"))


_WILD = {"*": r"(?:[\w'’.\-]+\s+){0,2}", "**": r"(?:[\w'’.\-]+\s+){0,4}"}


@functools.lru_cache(maxsize=1024)
def era_pattern(phrase: str) -> re.Pattern[str]:
    """The phrase as written, with a one-letter slip allowed in a first word of letters only.

    ``*`` stands for up to two words (a first name in any spelling), ``**`` for up to four
    ("Ambassador to the ** Kislyak": "to the United States Sergei").
    """
    first, _, rest = phrase.partition(" ")
    pieces = [_WILD.get(word) or _word(word) + r"\s+" for word in rest.split()]
    tail = (r"\s+" + "".join(pieces))[: -len(r"\s+")] if pieces else ""
    head = rf"[A-Za-z]{{{max(1, len(first) - 1)},{len(first) + 1}}}" if first.isalpha() else _word(first)
    return re.compile(rf"\b(?P<first>{head}){tail}(?!\w)", re.IGNORECASE)


def one_slip(word: str, target: str) -> bool:
    """True when ``word`` is ``target`` or one letter added, dropped or changed (5+ letters; no swaps)."""
    if not target.isalpha():
        return True  # a first word of other characters is matched as written (``era_pattern``)
    return word == target or (len(target) >= 5 and one_edit(word, target))


_CURRENT_RE = re.compile(r"\b(?:will|incumbent|current|currently|is|are|continue)\b", re.IGNORECASE)
_ANY_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


def _normal(word: str) -> str:
    return re.sub(r"[\s\-]+", "-", word.lower())


@functools.lru_cache(maxsize=8)
def _era_words(eras: tuple[Era, ...]) -> re.Pattern[str] | None:
    """One search for every era's needed word: most eras' words are in no given article."""
    words = {w for era in eras if (w := _needed_text(era.phrase))}
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(_word(w) for w in longest_first(words)) + r")(?!\w)", re.IGNORECASE)


def _needed_text(phrase: str) -> str | None:
    words = [w for w in phrase.partition(" ")[2].split() if w not in _WILD]
    return max(words, key=len) if words else None


# Words that put a sentence in the present: "his approval rating remains strong", "now", "today".
_PRESENT_RE = re.compile(
    r"\b(?:will|incumbent|current|currently|is|are|continues?|remains?|still|now|today|tonight|this\s+week|has|have)\b",
    re.IGNORECASE,
)
# A past year this near a title dates what the title's holder did ("In 2009, President Medvedev",
# "met President Medvedev in 2009"); further off it dates another clause ("talks abandoned in 2009").
_YEAR_REACH = 25


def _of_the_present(sentence: str, span: tuple[int, int], reporting: tuple[str, ...]) -> bool:
    """A sentence that reports a saying or speaks of now or ahead, and dates nothing near the title in a past year.

    "Foreign Minister Lavrov said", "President Putin will visit": the title of the day. "President
    Bill Clinton signed the law" or "In 2009, President Medvedev..." tell the past with its titles.
    """
    for m in _ANY_YEAR_RE.finditer(sentence):
        near = m.start() < span[0] or m.start() - span[1] <= _YEAR_REACH
        if near and cue_before(sentence, m.start(), reporting=reporting) != "future":
            return False  # not "until 2035", "will be held in 2026": a year of the past
    kinds = cue_kinds(sentence, reporting)
    return "report" in kinds or "future" in kinds or _PRESENT_RE.search(sentence) is not None


def _in_spans(spans: tuple[tuple[dt.date, dt.date | None], ...], d: dt.date) -> bool:
    return any(first <= d and (last is None or d <= last) for first, last in spans)


def _spans_text(spans: tuple[tuple[dt.date, dt.date | None], ...]) -> str:
    return " and ".join(f"from {day_text(a)} to {day_text(b)}" if b else f"since {day_text(a)}" for a, b in spans)


def era_clues(sentences: list[str], eras: Iterable[Era], reporting: tuple[str, ...] = ()) -> list[Clue]:
    """A named era dates the story after its start; spoken of as current (not "former"), within its spans.

    An era with ``current`` spans is a title before a name: news gives people the title they hold
    when it is written, so the title is current in a sentence of the present (``_of_the_present``)
    unless marked ("former", "then-", "the late"). Other eras are current only where the sentence
    says so ("is", "will").
    """
    clues: list[Clue] = []
    eras = tuple(eras)
    joined = "\n".join(sentences)
    index = _era_words(eras)
    present = {_normal(m.group(0)) for m in index.finditer(joined)} if index is not None else set()
    for era in eras:
        needed = _needed_text(era.phrase)
        if needed is not None and _normal(needed) not in present:
            continue  # a word every match of the phrase holds is written nowhere: no hits
        first = era.phrase.partition(" ")[0].lower()
        pattern = era_pattern(era.phrase)
        hits = [
            (s, m)
            for s in sentences
            for m in pattern.finditer(s)
            if one_slip(m["first"].lower(), first) and not _OTHER_OFFICE_BEFORE.search(s[: m.start()])
        ]
        if not hits:
            continue
        written = hits[0][1].group(0)
        if era.after:
            clues.append(
                Clue(
                    functools.partial(_on_or_after, era.after),
                    f"{quote(written)} is named, which dates it after {day_text(era.after)} ({era.means})",
                )
            )
        if era.current:
            now = [
                m
                for s, m in hits
                if not _NOT_CURRENT_BEFORE.search(s[: m.start()])
                and not _PAST_ROLE_BEFORE.search(s[: m.start()])
                and _of_the_present(s, m.span(), reporting)
            ]
            if now:
                clues.append(
                    Clue(
                        functools.partial(_in_spans, era.current),
                        f"{quote(now[0].group(0))} is the title when written, held {_spans_text(era.current)}",
                    )
                )
            continue
        current = [s for s, m in hits if _CURRENT_RE.search(s) and not _NOT_CURRENT_BEFORE.search(s[: m.start()])]
        if era.before and current:
            clues.append(
                Clue(
                    functools.partial(_before, era.before),
                    f"{quote(written)} is spoken of as current, so before {day_text(era.before)}",
                )
            )
    return clues


def _span_text(spelling: AgencyName) -> str:
    if spelling.since and spelling.until:
        return f"from {day_text(spelling.since)} to {day_text(spelling.until)}"
    if spelling.since:
        return f"since {day_text(spelling.since)}"
    return f"until {day_text(spelling.until)}" if spelling.until else "at any time"


def agency_clue(spellings: tuple[AgencyName, ...]) -> Clue | None:
    """The agency's name as written was in use only in some eras (Itar-Tass until 2014)."""
    if not spellings or all(s.since is None and s.until is None for s in spellings):
        return None
    spans = [(s.since or dt.date.min, s.until or dt.date.max) for s in spellings]
    used = " and ".join(_span_text(s) for s in spellings)
    return Clue(
        lambda d: any(a <= d <= b for a, b in spans), f"the agency signs as {quote(spellings[0].name)}, a name in use {used}"
    )


_GONE_BY_RE = re.compile(
    r"\b(?i:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in longest_first(YEAR_GONE_BY)) + r")"
    r"\s+(?P<year>(?:19|20)\d\d)\b(?![-–/]|\s+(?i:season|model|edition)\b)"
)


def gone_by_clues(sentences: Iterable[str]) -> list[Clue]:
    """ "back in 2021", "since the end of 2023": the year is over when the story is written, so the story
    is of a later year (language/tense.py ``YEAR_GONE_BY``). "back in January" names no year and says nothing."""
    clues: list[Clue] = []
    for sentence in sentences:
        for m in _GONE_BY_RE.finditer(sentence):
            year = int(m["year"])
            clues.append(
                Clue(
                    functools.partial(_on_or_after, dt.date(year + 1, 1, 1)),
                    f"{quote(m.group(0))} looks back on {year} as over, so the year is {year + 1} or later",
                )
            )
    return clues


_RELATIVE_YEAR_RE = re.compile(r"\b(?P<which>last|this|next)\s+year\b", re.IGNORECASE)
_SHIFT = {"last": 1, "this": 0, "next": -1}


def relative_year_clues(sentences: Iterable[str]) -> list[Clue]:
    """ "next year" near "2025" says the story is from 2024: a preference, tested against each candidate."""
    clues: list[Clue] = []
    for sentence in sentences:
        years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", sentence)}
        if len(years) != 1:
            continue
        year = years.pop()
        for m in _RELATIVE_YEAR_RE.finditer(sentence):
            near = re.search(rf"\b{year}\b", sentence[max(0, m.start() - 60) : m.end() + 60])
            if near is None:
                continue
            story = year + _SHIFT[m["which"].lower()]
            clues.append(
                Clue(functools.partial(_in_year, story), f"{quote(m.group(0))} next to {year} points to {story}", hard=False)
            )
    return clues
