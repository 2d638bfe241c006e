"""Whose statement it is when the resolver named nobody: the noun a relative pronoun stands
for ("an architect who said …"), the writer of an opinion piece ("I know …"), the agent of a
passive position ("… is supported by far fewer publications"), and whether a verb outside
the cue lists follows its own subject ("Scott joked that …").

Statements (statements.py) use these after the resolved speaker, the subject as written and
the sentence's subject; every label here is the text as written, never an invented name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.analysis.quotes.patterns import Patterns
from generator.analysis.quotes.spans import MASK, WORD
from generator.analysis.quotes.speakers import PREPOSITIONS, Cue, Who

SUBJECT_PRONOUNS = frozenset("he she it they we i you who which that".split())
BETWEEN = frozenset(
    "has have had will would also not did does do now still already often never always long again once "
    "doesn't didn't don't won't can't wouldn't doesn’t didn’t don’t won’t can’t wouldn’t".split()
)
BE = frozenset("is are was were be been being".split())
DETERMINERS = frozenset("the a an his her their its our my your this these those no any every".split())
NOT_SUBJECT = frozenset(
    "and but or if as so then there here what when where why how which that this "
    "amid among amongst despite including like unlike over under against through into without within via".split()
)
_QUANTIFIERS = frozenset("many some few other such".split())
_ARTICLES = frozenset(("the", "a", "an"))
_ANYONE = frozenset("any every each no".split())

# "… an architect who said", "the European Union, which contended": the words before the relative.
_RELATIVE_TAIL = r"(?:who|which|that)\s+(?:(?:has|have|had|also|now|then|not|is|are|was|were|\w+ly)\s+)*$"
_RELATIVE_END = re.compile(r"((?:[\w’'\-.]+\s+){0,5}?[\w’'\-.]+)\s*(?:\([^)]*\))?\s*,?\s+" + _RELATIVE_TAIL)
_RELATIVE_TAIL_RE = re.compile(_RELATIVE_TAIL)  # what every match ends with: a quick test first
_WRITERS = {"i": "the writer", "we": "the writers"}


def antecedent(masked: str, cue: Cue) -> str:
    """The noun a relative pronoun before the cue stands for, as written ("architect",
    "European Union"); "" when there is none or it is no noun ("those who", "he said that")."""
    if not _RELATIVE_TAIL_RE.search(masked, cue.np_start, cue.verb_start):
        return ""
    found = _RELATIVE_END.search(masked, cue.np_start, cue.verb_start)
    if found is None or MASK in found.group(1):
        return ""
    words = found.group(1).split()
    stops = _ANTECEDENT_STOPS
    cut = max((n + 1 for n, w in enumerate(words) if w.lower().strip(",") in stops), default=0)
    if cut and words[cut - 1].lower() in _ANYONE:
        return ""  # "any voter who refuses to be inked will not …": nobody in particular
    words = [w for w in words[cut:] if w.lower() not in _ARTICLES]
    if not words or words[-1].endswith((",", "’s", "'s")):
        return ""
    last = words[-1].lower()
    if last in _NO_NOUN or last.endswith(("ed", "ing")):
        return ""  # "those who", "was thought that", "reporting that": no noun
    return " ".join(words)


def writer(masked: str, cue: Cue) -> Who | None:
    """"I know your returns are audited", "We asked whether …": first person outside quotation
    marks is the writer of an opinion piece (or letter), labelled so."""
    lead = WORD.findall(masked[cue.np_start : cue.verb_start])
    words = [w for w in lead if w.lower() not in BETWEEN and not w.endswith("ly")]
    if len(words) == 1 and words[0] in ("I", "we", "We"):
        return Who(None, _WRITERS[words[0].lower()], "unnamed", "unnamed")
    return None


# "has been endorsed by", "were rejected by": a passive position whose agent holds it.
_PASSIVE_AUX = re.compile(
    r"(?:\b(?:has|have|had|will|would|may|might|could|can|should|must)\s+(?:(?:[a-z]+ly|also|since|not|already|now|still)\s+)*)?"
    r"\b(?:is|are|was|were|be|been|being)\s+(?:[a-z]+ly\s+|also\s+|not\s+)?$"
)
_AGENT = re.compile(
    r"\s+by\s+((?!the\s+end\b|far\s+the\b|then\b)[^,.;:()—–\n]+?)\s*"
    r"(?=$|[,.;:()—–\n]|\s(?:who|which|that|for|in\s+\d|on|after|before|when|while|because|since)\b)"
)
_OPENER = re.compile(r"\s*(?:(?:but|and|yet|so|however|meanwhile|for instance)\b[\s,]*)+", re.I)
_PARTICLES = frozenset("for on about of to against at".split())


def passive(masked: str, cue: Cue, start: int, end: int, p: Patterns) -> tuple[int, int, Who] | None:
    """A position in the passive and its agent: the subject (from the clause's start to the
    auxiliary, untrimmed) is what the agent holds a view on ("Donald Trump is supported by far
    fewer publications", "His views were echoed by tax experts"); the agent speaks, as written."""
    if cue.verb not in p.positions or cue.verb.split()[-1] in _PARTICLES:
        return None
    aux = _PASSIVE_AUX.search(masked, start, cue.verb_start)
    agent = _AGENT.match(masked, cue.verb_end, end)
    if aux is None or agent is None or MASK in masked[start : agent.end()]:
        return None
    words = WORD.findall(agent.group(1))
    if not 1 <= len(words) <= 12 or words[0][0].isdigit() and len(words) < 2:
        return None
    lead = masked[start : aux.start()]
    clause = start + max(lead.rfind(c) for c in ",;:—–") + 1
    opener = _OPENER.match(masked, clause, aux.start())
    clause = opener.end() if opener else clause
    subject = [w.lower() for w in WORD.findall(masked[clause : aux.start()])]
    if not 1 <= len(subject) <= 20 or subject[-1] in _BACKED_PEOPLE:
        return None  # "They were backed by Mr. Kerry": backing people, no view on anything
    label = agent.group(1).strip()
    first, _, rest = label.partition(" ")
    return clause, aux.start(), Who(None, rest if first.lower() in _ARTICLES and rest else label, "unnamed", "unnamed")


def clause_subject(masked: str, cue: Cue) -> bool:
    """A verb outside the cue lists reports "that" only after its own subject: a name, a
    pronoun or a plural noun ("Scott joked that", "protesters were frustrated that"); not after
    a determiner, a quantifier or a preposition ("the many reasons that", "in arguments that")."""
    words = WORD.findall(masked[cue.np_start : cue.verb_start])
    while words and (words[-1].lower() in _BETWEEN_OR_BE or words[-1].lower().endswith("ly")):
        words.pop()
    if not words:
        return False
    last = words[-1]
    if last.lower() in _NOBODYS:
        return False  # "It now emerges that …": nobody's
    return last[:1].isupper() or last.lower() in SUBJECT_PRONOUNS or last.lower().endswith("s")


def written_label(masked: str, cue: Cue, p: Patterns) -> str:
    """The speaker as written, when no rule resolved it; never a clause ("He said he")."""
    if cue.as_written:
        return "" if clause_label(cue.as_written) or p.cue.search(cue.as_written) else cue.as_written
    return _written_subject(masked, cue)


def clause_label(label: str) -> bool:
    """A label with a clause's words in it: "At what point will they", "He also dismissed"."""
    words = {w.strip(",;:()").lower() for w in label.split()}  # whitespace words: "I.R.S." is no "I"
    return bool(words & _CLAUSE_WORDS)


def _written_subject(masked: str, cue: Cue) -> str:
    """The subject as written when no rule resolved it and it is a plain noun phrase in lower
    case ("federal prosecutors charged that", "many experts believe"), without its article."""
    words = WORD.findall(masked[cue.np_start : cue.verb_start])
    while words and (words[-1].lower() in _BETWEEN_OR_BE or words[-1].lower().endswith("ly")):
        if words.pop().lower() in BE and cue.verb.endswith("ed"):
            return ""  # "plans to dredge the quay were announced": a passive, nobody's
    if not words or len(words) > 6 or cue.np_end > cue.verb_end or "," in masked[cue.np_start : cue.verb_start]:
        return ""
    last, first = words[-1].lower(), words[0].lower()
    if not last.isalpha() or last in _NOT_LAST:
        return ""
    if first in _NOT_FIRST:
        return ""  # "his horror (show)": a possessive opens an object, not a speaker
    if last.endswith(("ed", "ing")):
        return ""
    return " ".join(words[1:] if first in ("the", "a", "an") else words)


def closing_speech(masked: str, cues: Sequence[Cue], p: Patterns) -> int | None:
    """Where a speech verb closing the sentence with its speaker stands ("A and B discussed
    security, said Natalia Eismont", "…, the ministry said"): the stances before it are what
    that speaker reported, not statements of their own."""
    for cue in cues:
        speech = cue.verb not in p.stance_only and cue.verb not in p.prepositions and cue.verb != ":"
        inverted = cue.np_end > cue.verb_end and masked[cue.verb_start - 2 : cue.verb_start].strip() in ("", ",")
        if not speech or cue.who is None or not (cue.trailing or inverted):
            continue
        if cue.who.entity is None and (cue.who.kind == "document" or len(cue.who.label.split()) > 6):
            continue  # "…, the report added": the report restates; the stance keeps its holder
        written = masked[cue.verb_end if inverted else cue.np_start : cue.np_end if inverted else cue.verb_start].split()
        after = WORD.findall(masked[max(cue.np_end, cue.verb_end) : max(cue.np_end, cue.verb_end) + 40])
        named = bool(written) and (written[0][:1].isupper() or written[0].lower() == "the")  # not "what the senators"
        appositive = inverted and masked[cue.np_end :].startswith(",")  # ", said Natalia Eismont, spokeswoman of …"
        closes = not after or after[0].lower() in PREPOSITIONS or appositive  # ", X said on Monday.": no clause after it
        if named and closes and masked[: cue.np_start if not inverted else cue.verb_start].rstrip().endswith(","):
            return cue.verb_start
    return None


# Unions of the word lists above, built once rather than on every call.
_NO_NOUN = SUBJECT_PRONOUNS | DETERMINERS | BE | BETWEEN
_BACKED_PEOPLE = SUBJECT_PRONOUNS | {"them", "this", "these", "those"}
_NOBODYS = DETERMINERS | PREPOSITIONS | NOT_SUBJECT | _QUANTIFIERS | {"it", "there"}
_CLAUSE_WORDS = BETWEEN | BE | NOT_SUBJECT | SUBJECT_PRONOUNS
_NOT_LAST = PREPOSITIONS | DETERMINERS | NOT_SUBJECT | SUBJECT_PRONOUNS
_NOT_FIRST = PREPOSITIONS | NOT_SUBJECT | SUBJECT_PRONOUNS | DETERMINERS - {"the", "a", "an"}
_BETWEEN_OR_BE = BETWEEN | BE
_ANTECEDENT_STOPS = PREPOSITIONS | NOT_SUBJECT | DETERMINERS
