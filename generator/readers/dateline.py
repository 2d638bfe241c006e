"""Datelines: the "PLACE, Month Day (Agency) –" opening of wire copy.

Wire services write them in a handful of shapes; all of them give a place, a
month and a day, rarely a year, and often the agency as written at the time:

    MOSCOW, November 10 (Itar-Tass) – ...
    MOSCOW, November 21. /TASS/. ...
    IGORA /Leningrad Region/, December 26. /TASS/. ...
    NEW YORK, November 3 (Itar-Tass) — ...
"""

from __future__ import annotations

import re

from generator.language.calendar import MONTHS
from generator.models import Dateline

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

DATELINE_RE = re.compile(
    rf"""^\s*
    (?P<place>[A-Z][A-Z'’.\-]*(?:\s+[A-Z][A-Z'’.\-]*)*)       # MOSCOW, NEW YORK, ST. PETERSBURG
    (?:\s*/(?P<region>[^/\n]{{1,60}})/)?                      # /Leningrad Region/
    \s*,\s*
    (?P<month>(?i:{_MONTH_RE}))\.?\s+(?P<day>[0-3]?\d)\b
    (?:\s*,\s*(?P<year>(?:19|20)\d\d))?
    (?P<tail>
        \s*\.?\s*/\s*(?P<agency_slash>[A-Za-z][A-Za-z\-\s]{{0,30}}?)\s*/\s*\.?   # . /TASS/.
      | \s*\(\s*(?P<agency_paren>[A-Za-z][A-Za-z\-\s]{{0,30}}?)\s*\)\s*[–—\-:]?    # (Itar-Tass) –
      | \s*[–—\-:]                                                           # plain dash
      | \s*\.
    )
    """,
    re.VERBOSE,
)


def _title_place(place: str) -> str:
    """"NEW YORK" -> "New York"; keeps "ST. PETERSBURG" readable."""
    return " ".join(part.capitalize() if part.isupper() else part for part in place.split())


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of a paragraph, or None when it does not open with one."""
    match = DATELINE_RE.match(paragraph)
    if match is None:
        return None
    day = int(match["day"])
    month = MONTHS[match["month"].lower()]
    if not 1 <= day <= 31:
        return None
    agency = match["agency_slash"] or match["agency_paren"]
    return Dateline(
        text=match.group(0).strip(),
        place=_title_place(match["place"]),
        month=month,
        day=day,
        agency_as_written=agency.strip() if agency else None,
        year=int(match["year"]) if match["year"] else None,
    )
