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
from generator.language.regexes import longest_first
from generator.language.vocabulary import city_names
from generator.models import Dateline

_MONTH_RE = "|".join(longest_first(MONTHS))

_AGENCY = r"[A-Za-z][A-Za-z\-\s]{0,30}?"
_BODY = rf"""
    (?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]*(?:\s+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]*)*)  # MOSCOW, NEW YORK, BOGOTÁ
    (?:\s*/(?P<region>[^/\n]{{1,60}})/)?                      # /Leningrad Region/
    (?:\s*,\s*(?P<state>[A-Z][A-Za-z.]{{1,14}}(?:\s[A-Z][A-Za-z.]{{1,14}})?))?  # HEMPSTEAD, N.Y., / SAN JOSE, Calif.,
    \s*,\s*
    (?P<month>(?i:{_MONTH_RE}))\.?\s+(?P<day>[0-3]?\d)\b
    (?:\s*,\s*(?P<year>(?:19|20)\d\d))?
    (?P<tail>
        \s*[.,]?\s*/\s*(?P<agency_slash>{_AGENCY})\s*/\s*\.?            # . /TASS/.  ./TASS/.
        (?:\s*/\s*{_AGENCY}\s*/\s*\.?)?                                # a doubled /TASS/. /TASS/.
      | \s*\(\s*(?P<agency_paren>{_AGENCY})\s*\)\s*(?:[–—\-]+|:|\.)?     # (Itar-Tass) –
      | \s*(?:[–—\-]+|:)                                               # plain dash, "——"
      | \s*\.
    )
    """

DATELINE_RE = re.compile(rf"^\s*{_BODY}", re.VERBOSE)
# The same, anywhere in a line: a capture may run other text into the dateline's line.
_INLINE_RE = re.compile(rf"(?<![\w/])(?={_BODY})", re.VERBOSE)
_AT_RE = re.compile(_BODY, re.VERBOSE)
_INLINE_WITHIN = 400  # characters: a dateline further into a line is prose, not the story's opening
_PLACE_JOINERS = frozenset({"on", "na", "de", "la", "le", "sur", "am", "an", "upon", "by"})  # Rostov-on-Don
# First words of place names of several words ("NEW YORK", "NIZHNY NOVGOROD"): a run of capitals
# opening with one of these is one place, not a headline's acronym before a one-word place.
_PLACE_OPENERS = frozenset(
    "new san santa st. st saint sainte los las rio buenos hong kuala tel abu sri nizhny veliky velikiye stary staraya "
    "novy novaya bolshoi maly port cape the el la le dar phnom addis bandar sao são mexico kuwait panama guatemala "
    "ho ulan nur petropavlovsk yuzhno khanty naryan sergiyev sergiev pereslavl komsomolsk santo united west east north "
    "south mineralnye naberezhnye velikie sovetskaya bolshoy krasnaya sharm deir ras banja palm al".split()
)


def _title_place(place: str) -> str:
    """"NEW YORK" -> "New York", "ROSTOV-ON-DON" -> "Rostov-on-Don"; keeps "ST. PETERSBURG" readable."""
    return " ".join(_title_word(part) if part.isupper() else part for part in place.split())


def _title_word(word: str) -> str:
    return "-".join(p.lower() if p.lower() in _PLACE_JOINERS else p.capitalize() for p in word.split("-"))


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of a paragraph, or None when it does not open with one."""
    match = DATELINE_RE.match(paragraph)
    if match is None:
        return None
    return _dateline(match)


def find_dateline(paragraph: str) -> tuple[int, Dateline] | None:
    """A dateline that names its agency somewhere in the first characters of a line, with its offset.

    For lines where something else (a crawler's token, a headline run into the
    text) stands before the dateline; the agency is required there, so prose
    such as "talks in the US, March 5." is never taken for one.
    """
    for found in _INLINE_RE.finditer(paragraph, 0, _INLINE_WITHIN):
        match = _AT_RE.match(paragraph, found.start())
        if match is None or not (match["agency_slash"] or match["agency_paren"]):
            continue
        if paragraph[: found.start()].rstrip().endswith(","):
            continue  # "HEMPSTEAD, N.Y., Sept. 26": the part after a comma continues the place
        if _run_in_acronym(paragraph[: found.start()], match["place"]):
            continue  # "… to NATO IGORA /Leningrad Region/, …": the headline ends in capitals; the place starts later
        line = _dateline(match)
        if line is not None:
            return found.start(), line
    return None


def _run_in_acronym(before: str, place: str) -> bool:
    """The first word of ``place`` ends a headline run into the dateline's line, not the place's name.

    Only after text with lower-case letters (a headline); a run of capitals
    stays one place when it is a known city ("ST. PETERSBURG", "RIO DE
    JANEIRO") or opens as many place names of several words do ("NEW YORK").
    """
    words = place.split()
    if len(words) < 2 or not any(ch.islower() for ch in before):
        return False
    titled = " ".join(word.capitalize() for word in words)
    known = city_names()
    if titled in known or any(name.startswith(titled + " ") for name in known):
        return False
    return words[0].casefold() not in _PLACE_OPENERS


def _dateline(match: re.Match[str]) -> Dateline | None:
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
