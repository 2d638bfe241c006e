"""A cue that closes the clause it reports ("…, the source said", "The museum, Mr. Obama said,
would …"), and the "that" opening a reported clause: how find_statements tells what a speech
verb's sentence says before it."""

from __future__ import annotations

import re

from generator.analysis.quotes.owners import BE, BETWEEN, NOT_SUBJECT
from generator.analysis.quotes.spans import WORD
from generator.analysis.quotes.speakers import PREPOSITIONS, SUBORDINATORS, Cue

# "said that", "said on Monday that", "told reporters in Moscow that"; not "said officials have video that".
THAT = re.compile(
    r"\s*,?\s*(?:(?:in|on|at|during|after|before|last|this|to|with|for|about|earlier|later|again|also|citing|quoting|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun|yester|to)day|[A-Z][\w’'\-.]*)\s+(?:[\w’'\-.,]+\s+){0,6}?)?that\s+"
)
# Words opening a phrase that sets the scene rather than saying anything ("In one tweet Friday, he said").
_OPENERS = frozenset("in on at during for with by from as among amid despite unlike like".split())
_NOT_SPEAKER_WORDS = BETWEEN | BE | {"and", "but"}


# An attribution inside its clause: "The museum, Mr. Obama said, would …", "The difference now,
# he told me on Friday, is that …": a short aside, a comma, then the clause's verb.
INSIDE = re.compile(
    r"(?:\s+[\w’'.\-]+){0,4}?\s*,\s*(?:(?:the|this|that|these|those|it|he|she|they|we|there)\s+(?:[\w’'\-]+\s+){0,3}?)?"
    r"(?:is|was|are|were|will|would|could|should|can|may|might|must|has|have|had|does|did|remains|remained)\b"
)


def reports_back(masked: str, start: int, end: int, cue: Cue) -> bool:
    """The cue closes a clause it reports: "…, the source said", "…, said X", "…, lawmakers said
    Friday afternoon, as they …" (at most a short aside after the verb), with the speaker
    written between the comma and the verb (not "X, a historian who was there, said") and a
    clause before it that is not a mere opener ("As a phone rang, …")."""
    after = masked[max(cue.np_end, cue.verb_end) : end]
    first = WORD.search(after)
    tail = WORD.findall(after.split(",")[0])
    # "…, Lavrov stated in an interview with domestic and foreign media outlets on Thursday.": a longer
    # aside when it is all circumstances (a preposition first, no clause of its own)
    speaker = masked[cue.np_start : cue.verb_start].split()[:1]
    named = not cue.weak and bool(speaker) and (speaker[0][:1].isupper() or speaker[0] == "the")  # not "1,000 similar claims"
    circumstances = named and first is not None and first.group().lower() in PREPOSITIONS and not {
        "that", "he", "she", "they", "it"} & {w.lower() for w in tail}
    if THAT.match(after) or len(tail) > (12 if circumstances else 6):
        return False
    aside = first is None or first.group()[0].isupper() or first.group().lower() in PREPOSITIONS
    if not (cue.trailing or cue.np_end > cue.verb_end or aside):
        return False
    opener = WORD.search(masked, start)
    comma = masked.rfind(",", start, min(cue.np_start, cue.verb_start))
    if opener is None or opener.group().lower() in SUBORDINATORS | _OPENERS and "," not in masked[start:comma]:
        return False  # "As a phone rang, the announcer said": an opener, not what was said
    two = [w.lower() for w in WORD.findall(masked[start:comma])[:2]]
    if len(two) == 2 and two[0].endswith(("ed", "ing")) and two[1] in PREPOSITIONS | _OPENERS | NOT_SUBJECT:
        return False  # "Interviewed on the breakfast show, X said", "Speaking to reporters, X said"
    speaker = [w for w in WORD.findall(masked[cue.np_start : cue.verb_start]) if w.lower() not in _NOT_SPEAKER_WORDS]
    return cue.np_end > cue.verb_end or bool(speaker)
