"""What a file's stamp proves about its publication date.

A captured page states a date about itself: its timestamp line ("March 05, 2013,
18:40 UTC+3") or a crawler's date token ("date 2020-03-05"). The dateline's
month and day are the story's own; the stamp gives the year. When the two
agree, or differ by one day (the page shows Moscow time for a Washington
story filed late in the evening, or the story was posted after midnight), the
date is given: the dateline's month and day, the year from the stamp, and the
evidence says so. A stamp further from the dateline (a later update, the day
a crawler fetched the page) is only a bound: the story is not later than it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.models import Article, PubDate

_SLACK = dt.timedelta(days=1)  # time zones and late filing: a stamp may be one day either side of the dateline


@dataclass(frozen=True)
class StampBound:
    """The latest day the article can be from, and the sentence that says why."""

    latest: dt.date
    evidence: str


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _provenance(article: Article) -> str:
    return article.stamp_from or "the file's own date"


def _nearest(article: Article) -> dt.date | None:
    """The dateline's month and day in the year that puts it within a day of the stamp, if any."""
    stamp, line = article.stamp, article.dateline
    if stamp is None or line is None or line.month is None or line.day is None:
        return None
    for year in (stamp.year - 1, stamp.year, stamp.year + 1):
        if line.year is not None and year != line.year:
            continue
        try:
            candidate = dt.date(year, line.month, line.day)
        except ValueError:
            continue  # 29 February outside a leap year
        if abs(candidate - stamp) <= _SLACK:
            return candidate
    return None


def date_from_stamp(article: Article) -> PubDate | None:
    """The publication date when the stamp and the dateline agree within a day; otherwise None."""
    date = _nearest(article)
    if date is None or article.stamp is None or article.dateline is None:
        return None
    line = article.dateline
    stamp = article.stamp
    said = f"the dateline “{line.text}” gives {line.month_day}"
    if date == stamp:
        evidence = f"{said}; {_provenance(article)} gives {_day(stamp)}, the same day, so the year is {date.year}"
    else:
        side = "a day later" if stamp > date else "a day earlier"
        evidence = (
            f"{said}; {_provenance(article)} gives {_day(stamp)}, {side} (time zones or late filing): "
            f"the dateline's month and day stand and the year {date.year} comes from the stamp"
        )
    return PubDate(date, "given", (evidence,))


def stamp_bound(article: Article) -> StampBound | None:
    """A stamp that is not the date still bounds it: the article is from that day (plus one) or before."""
    stamp = article.stamp
    if stamp is None or date_from_stamp(article) is not None:
        return None
    latest = stamp + _SLACK
    line = article.dateline
    if line is not None and line.month_day:
        where = f"which is not within a day of the dateline's {line.month_day}"
    else:
        where = "and the file has no dateline to set beside it"
    evidence = (
        f"{_provenance(article)} gives {_day(stamp)}, {where}: it is a bound, not the date, "
        f"so the article is from {_day(latest)} or before"
    )
    return StampBound(latest, evidence)
