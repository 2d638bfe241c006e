"""Temporal expressions: find spans, normalise them against the article's own date.

Spans are found with precompiled regular expressions, one per shape of
expression ("February 8, 2012", "last November", "a year ago", ...), never by a
free-text date parser: those turn "may", "We" or "25-year" into dates. Each
match is resolved against a *reference* date (the article's own day) and an
*anchor* (the last date the text mentioned, for "a year earlier"). The tense
of the sentence decides which year a yearless date falls in ("until January
20" is ahead, "on January 20" in a past-tense sentence is behind) and whether
the expression is ``past`` or ``scheduled``.

Two levels:

* ``tag_text(text, reference)`` returns ``TimexHit``s, with everything TimeML
  can express (weeks, quarters, seasons, decades, ``PRESENT_REF``); the
  benchmark scores these.
* ``find_timexes(article, pubdate)`` keeps what the timeline can show (day,
  month or year precision) as ``Timex`` objects. With an uncertain article
  date, relative and yearless expressions get ``value=None``: an honest
  unknown beats a wrong date.
"""

from __future__ import annotations

from generator.analysis.timex.periods import TimexHit
from generator.analysis.timex.tag import find_timexes, tag_text
from generator.language.sentences import sentence_spans

__all__ = ["TimexHit", "find_timexes", "sentence_spans", "tag_text"]
