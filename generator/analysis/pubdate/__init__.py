"""The publication date of an article: stated, inferred with evidence, probable, or honestly uncertain.

Wire datelines give "November 10" without a year. Hard clues a reader can
check remove candidate years (see ``clues``); when one year is left the date
is *inferred*. When several are left and soft clues clearly prefer one, the
date is *probable* and the others stay listed as not ruled out; otherwise it
is *uncertain*. The dossier level (generator/dossier/datebounds.py) may narrow
further with other articles.
"""

from __future__ import annotations

import datetime as dt

from generator.analysis.pubdate.anniversaries import anniversary_clues
from generator.analysis.pubdate.clues import (
    Clue,
    agency_clue,
    era_clues,
    gone_by_clues,
    lead_day_clues,
    quote,
    relative_year_clues,
    report_day_clues,
    report_day_re,
    tensed_clues,
    weekday_date_clues,
)
from generator.analysis.pubdate.decide import decide
from generator.analysis.pubdate.facts import fact_clues
from generator.analysis.stamp import date_from_stamp, stamp_bound
from generator.config import AgencyName, SiteConfig
from generator.language.sentences import sentences
from generator.language.tense import reporting_verbs
from generator.models import Article, PubDate
from generator.readers.dateline import DATELINE_RE

__all__ = ["candidate_dates", "infer_pubdate"]


def _sentences(article: Article) -> list[str]:
    out: list[str] = []
    for _, block in article.text_blocks():
        out.extend(sentences(block))
    return out


def _lead(article: Article) -> str | None:
    """The story's first sentence, after its dateline: "MOSCOW, December 26. /TASS/." ends in a full
    stop, so the sentence splitter would otherwise give the dateline as the first sentence."""
    if not article.paragraphs:
        return None
    first = article.paragraphs[0]
    dateline = DATELINE_RE.match(first)
    said = sentences(first[dateline.end() :].strip() if dateline else first)
    return said[0] if said else None


def candidate_dates(month: int, day: int, config: SiteConfig) -> list[dt.date]:
    """The dateline's month and day in every plausible year (site.yml: plausible_years)."""
    dates = []
    for year in range(config.earliest_year, config.latest_year + 1):
        try:
            dates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return dates


def _given(article: Article) -> PubDate | None:
    if article.given_date is not None:
        return PubDate(article.given_date, "given", (f"stated by {article.given_date_from or 'the file'}",))
    stamped = date_from_stamp(article)
    if stamped is not None:
        return stamped
    line = article.dateline
    if line is not None and line.month and line.day and line.year:
        try:
            return PubDate(
                dt.date(line.year, line.month, line.day), "given", (f"the dateline {quote(line.text)} gives the full date",)
            )
        except ValueError:
            return None
    return None


def _clues(
    article: Article, config: SiteConfig, candidates: list[dt.date], spellings: tuple[AgencyName, ...]
) -> tuple[list[Clue], list[tuple[dt.date, bool]]]:
    hint = article.year_hint or config.year_hint(article.source)
    said = _sentences(article)
    clues: list[Clue] = []
    if hint is not None:
        clues.append(Clue(lambda d: d.year == hint, f"the editor's year hint for this file is {hint}"))
    reporting = reporting_verbs(config.cues)
    report_day = report_day_clues(article.paragraphs[:3], report_day_re(config.cues.verbs), candidates, reporting)
    lead = _lead(article)
    clues += report_day or (lead_day_clues(lead, candidates, reporting) if lead else [])
    clues += weekday_date_clues(said)
    agency = agency_clue(spellings)
    if agency:
        clues.append(agency)
    clues += era_clues(said, config.eras, reporting)
    clues += fact_clues(said, config.gazetteer)
    tensed, told = tensed_clues(said, reporting)
    clues += tensed + gone_by_clues(said) + anniversary_clues(said) + relative_year_clues(said)
    bound = stamp_bound(article)
    if bound is not None:
        latest = bound.latest
        clues.append(Clue(lambda d: d <= latest, bound.evidence))
    return clues, told


def infer_pubdate(article: Article, config: SiteConfig, agency_spellings: tuple[AgencyName, ...] = ()) -> PubDate:
    """Establish the publication date, or say honestly how far the text narrows it.

    A reader's free-text date clue (a saved page's first visible date) is never a given date:
    it makes an otherwise uncertain date *probable* when no hard clue rules it out.
    """
    found = _infer(article, config, agency_spellings)
    clue = article.date_clue
    if found.status != "uncertain" or clue is None:
        return found
    if found.candidates and clue not in found.candidates:
        note = f"{article.date_clue_from} suggests {_day(clue)}, which the clues above rule out"
        return PubDate(None, "uncertain", (*found.evidence, note), found.candidates)
    note = f"probably {_day(clue)}: {article.date_clue_from or 'the text'}, though no source states the date"
    return PubDate(clue, "probable", (*found.evidence, note), tuple(d for d in found.candidates if d != clue))


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _infer(article: Article, config: SiteConfig, agency_spellings: tuple[AgencyName, ...]) -> PubDate:
    given = _given(article)
    if given is not None:
        return given
    line = article.dateline
    if line is None or line.month is None or line.day is None:
        return PubDate(None, "uncertain", ("the file has no dateline and no date metadata",))
    candidates = candidate_dates(line.month, line.day, config)
    clues, told = _clues(article, config, candidates, agency_spellings)
    return decide(candidates, clues, told, [f"the dateline gives {line.month_day} without a year"])
