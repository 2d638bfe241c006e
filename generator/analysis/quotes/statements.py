"""Reported speech: statements without quotation marks ("X said that …", "…, X said",
"according to X, …", "X told TASS the …"), attributed with the same cues as quotes.

Only sentences with no quote in them are read (a quote's sentence is the quote's), and
only a cue whose speaker was resolved makes a statement. The statement is the clause the
cue reports: after the verb (and "that"), before ", X said", or on the far side of
"according to X". Weak verbs ("claimed", "warned") and verbs that take a listener
("told", "assured") report a clause only before "that" or with a listener and a clause
start: "X told reporters that …", "X told TASS the …" are statements, "X warned the
club" is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from generator.analysis.quotes.patterns import Patterns
from generator.analysis.quotes.spans import MASK, WORD
from generator.analysis.quotes.speakers import PREPOSITIONS, SUBORDINATORS, TAKES_LISTENER, Block, Cue, Who

# "said that", "said on Monday that", "told reporters in Moscow that"; not "said officials have video that".
_THAT = re.compile(
    r"\s*,?\s*(?:(?:in|on|at|during|after|before|last|this|to|with|for|about|earlier|later|again|also|citing|quoting|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun|yester|to)day|[A-Z][\w’'\-.]*)\s+(?:[\w’'\-.,]+\s+){0,6}?)?that\s+"
)
_THAT_LISTENER = re.compile(r"\s*,?\s*(?:[\w’'\-.]+\s+){0,6}?that\s+")
_LISTENER_CLAUSE = re.compile(r"\s*(?:[A-Z][\w’'\-.]*\s+){1,4}(?=(?:the|a|an|it|he|she|they|there)\s)")
_MIN_WORDS = 4
# Words opening a phrase that sets the scene rather than saying anything ("In one tweet Friday, he said").
_OPENERS = frozenset("in on at during for with by from as among amid despite unlike like".split())
_NOT_CLAUSE = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight earlier later again "
    "repeatedly recently previously also once so as when while after before nothing little much yes no".split()
)
_OBJECTS = frozenset("it this these those them".split())
# "MOSCOW, November 10 (Itar-Tass) –", "WASHINGTON, May 3. /TASS/." opening a paragraph: not said by anyone.
_DATELINE = re.compile(r"[A-Z][A-Z .’'\-/]+,\s+[A-Z][a-z]+\.?\s+\d{1,2}\b[^A-Za-z(/]*(?:\([^)]*\)|/[^/]*/)?[\s.–—-]*")


Subject = Callable[[Block, int], Who | None]


def find_statements(
    block: Block, cues: Sequence[Cue], p: Patterns, subject: Subject | None = None
) -> list[tuple[int, int, Who]]:
    """(start, end, speaker) of each reported statement in one block. ``subject`` gives the
    sentence's subject at a position: the speaker of a relative clause ("Mr. Obama, who
    believed that …") and of a participle after a comma ("Trump spoke …, promising to …")."""
    out: list[tuple[int, int, Who]] = []
    bounds = sorted({*block.starts, *_after_closed_quotes(block), len(block.masked)})
    for start, end in zip(bounds, bounds[1:], strict=False):
        for cue in cues:
            if not start <= cue.verb_start < end:
                continue
            relative = _relative(block.masked, cue, start)
            label = cue.as_written or _written_subject(block.masked, cue)
            who = cue.who or (Who(None, label, "unnamed", "unnamed") if label else None)
            if who is None and subject is not None and (relative or _loose_participle(block.masked, cue, start, p)):
                who = subject(block, cue.np_start)
            if who is None:
                continue
            span = _content(block.masked, cue.np_start if relative else start, end, cue, p)
            if span is None or MASK in block.masked[min(span[0], cue.verb_start) : max(span[1], cue.verb_end)]:
                continue
            if not any(a < span[1] and span[0] < b or a <= cue.verb_start < b for a, b, _ in out):
                out.append((*span, who))  # a second cue outside the first's clause: its own statement
    return out


_NOT_SUBJECT = frozenset("and but or if as so then there here what when where why how which that this".split())


def _written_subject(masked: str, cue: Cue) -> str:
    """The subject as written when no rule resolved it and it is a plain noun phrase in lower
    case ("federal prosecutors charged that", "many experts believe"), without its article."""
    words = WORD.findall(masked[cue.np_start : cue.verb_start])
    while words and (words[-1].lower() in _BETWEEN | _BE or words[-1].lower().endswith("ly")):
        words.pop()
    if not words or len(words) > 6 or cue.np_end > cue.verb_end or "," in masked[cue.np_start : cue.verb_start]:
        return ""
    last, first = words[-1].lower(), words[0].lower()
    if not last.isalpha() or last in PREPOSITIONS | _DETERMINERS | _NOT_SUBJECT | _SUBJECT_PRONOUNS:
        return ""
    if first in PREPOSITIONS | _NOT_SUBJECT | _SUBJECT_PRONOUNS or last.endswith(("ed", "ing")):
        return ""
    return " ".join(words[1:] if first in ("the", "a", "an") else words)


def _relative(masked: str, cue: Cue, start: int) -> bool:
    """The cue's subject is "who" after a comma: "Mr. Obama, who understood that …"."""
    words = WORD.findall(masked[cue.np_start : cue.verb_start])
    return bool(words) and words[0].lower() == "who" and masked[start : cue.np_start].rstrip().endswith(",")


def _loose_participle(masked: str, cue: Cue, start: int, p: Patterns) -> bool:
    """"Trump spoke to …, promising to …": a participle after a comma speaks for the subject."""
    return cue.verb in p.participles and masked[start : cue.verb_start].rstrip().endswith(",")


def _after_closed_quotes(block: Block) -> list[int]:
    """A quote that ends its own sentence ("… without delay." Clinton plans …) ends the
    statement's sentence too."""
    out = []
    for span in block.spans:
        nxt = re.match(r"\s+(?=[A-Z])", block.masked[span.right :])
        if nxt and block.text[span.start : span.end].rstrip()[-1:] in (".", "!", "?"):
            out.append(span.right + nxt.end())
    return out


def _content(masked: str, start: int, end: int, cue: Cue, p: Patterns) -> tuple[int, int] | None:
    """The clause a cue reports, trimmed; None when it reports none."""
    prepositions, findings = p.prepositions, p.findings
    if cue.verb == ":":  # "MARLOW: Let's start …", "Poll: Clinton and Trump in dead heat"
        return _trimmed(masked, cue.verb_end, len(masked) if MASK not in masked else end)
    if cue.verb in prepositions:
        # "…, according to X, a …": the words before; "According to X, …" and a short subject
        # before it ("Russian diplomats, according to X, continue …"): the words after.
        after = masked[cue.np_end : end]
        before = _before_comma(masked, start, cue.verb_start)
        if before is None and after.lstrip().startswith(","):
            return _trimmed(masked, cue.np_end + after.index(",") + 1, end)
        return before
    lead = masked[start : min(cue.np_start, cue.verb_start)].rstrip()
    # "…, X wants" is rare ("Facing …, X plans to"); "…, promising to" never closes what it reports
    back = lead.endswith(",") and cue.verb not in p.stance_only | p.participles
    if back and MASK not in masked[start:end] and _reports_back(masked, start, end, cue):
        return _before_comma(masked, start, min(cue.np_start, cue.verb_start))  # "…, the source said" / "…, said X"
    if not re.search(r"(?:[,;:—–](?:\s*(?:and|but|yet|so))?|\b(?:after|before|when|because|since|while))$", lead) and len(
        WORD.findall(lead)
    ) > 4:
        return None  # the cue sits deep inside the sentence: not a reporting clause
    rest = masked[cue.verb_end : end]
    that = (_THAT_LISTENER if cue.verb in TAKES_LISTENER else _THAT).match(rest)
    if that:
        return _trimmed(masked, cue.verb_end + that.end(), end)
    if cue.verb in p.stances:
        return _stance(masked, cue, end, p)
    if cue.verb in TAKES_LISTENER:
        listener = _LISTENER_CLAUSE.match(rest)
        return _trimmed(masked, cue.verb_end + listener.end(), end) if listener else None
    subject = WORD.findall(masked[cue.np_start : cue.verb_start])
    finding = bool(subject) and subject[-1].lower() in findings  # "A new poll shows Clinton ahead"
    if cue.weak and not finding or cue.np_end > cue.verb_end:
        return None
    first = [w.lower() for w in WORD.findall(rest)[:2]]
    if not first or first[0] in PREPOSITIONS | _NOT_CLAUSE or first[0].endswith("ing") and MASK in lead:
        return None  # "said in a statement", "said Friday as he …", "said, referring to …"
    if first[0] in _OBJECTS and (len(first) < 2 or first[1] in PREPOSITIONS | _NOT_CLAUSE):
        return None  # "He said it after a meeting that …": "it" is what was said, no clause follows
    return _trimmed(masked, cue.verb_end, end)


# What a stance reports: "wants to …", "urged Congress to …", "questioned whether …".
_INFINITIVE = re.compile(r"\s*(?:not\s+)?to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b|[A-Z])[a-z]")
_LISTENER_TO = re.compile(r"\s*(?:(?![\w\-.]+[’']s\s)[\w’'\-.]+\s+){1,4}?to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b|[A-Z])[a-z]")
_WH = re.compile(r"\s*(?:whether|how|why|what|if)\s")
_NOT_OBJECT = frozenset("so too it him her them me us you himself herself themselves".split())


def _stance(masked: str, cue: Cue, end: int, p: Patterns) -> tuple[int, int] | None:
    """The position a stance verb reports: a "to" infinitive (after a listener: "urged
    Congress to act"), a "whether" clause, or for positions their object ("called for a ban
    on …"); a bare pronoun or a preposition after the verb reports nothing."""
    if cue.np_end > cue.verb_end or MASK in masked[cue.verb_end : end] or not _subject_next(masked, cue, p):
        return None
    rest = masked[cue.verb_end : end]
    for shape in (_INFINITIVE, _WH, _LISTENER_TO):
        found = shape.match(rest)
        if found:
            return _trimmed(masked, cue.verb_end + (found.start() if shape is not _LISTENER_TO else 0), end)
    first = [w.lower() for w in WORD.findall(rest)[:1]]
    if cue.verb not in p.positions or not first or first[0] in PREPOSITIONS | _NOT_CLAUSE | _NOT_OBJECT:
        return None
    return _trimmed(masked, cue.verb_end, end)


_SUBJECT_PRONOUNS = frozenset("he she it they we i you who which that".split())
_BETWEEN = frozenset(
    "has have had will would also not did does do now still already often never always long "
    "doesn't didn't don't won't can't wouldn't doesn’t didn’t don’t won’t can’t wouldn’t".split()
)
_BE = frozenset("is are was were be been being".split())
_DETERMINERS = frozenset("the a an his her their its our my your this these those no any every".split())
_PAST = frozenset("thought knew felt sought understood".split())


def _subject_next(masked: str, cue: Cue, p: Patterns) -> bool:
    """The stance verb follows its subject (auxiliaries and adverbs aside): a name, a pronoun
    or a speaking noun ("officials want"); a past form ("agreed", "thought") any noun ("his
    ex-wife agreed"), a plural form a plural noun ("voters want"). Not a determiner or a verb
    before it ("a plan to", "unveiled plans to": nouns, not stances), not a passive ("was
    endorsed")."""
    if cue.verb not in p.stance_only:
        return True
    words = WORD.findall(masked[cue.np_start : cue.verb_start])
    while words and (words[-1].lower() in _BETWEEN | _BE or words[-1].lower().endswith("ly")):
        if words[-1].lower() in _BE and cue.verb.endswith("ed"):
            return False  # "was endorsed by"
        words.pop()
    if not words:
        return False
    last, low = words[-1], words[-1].lower()
    if low in _DETERMINERS or low.endswith(("’s", "'s")):
        return False
    if last[:1].isupper() or low in _SUBJECT_PRONOUNS:
        return True
    if any(x is not None and x.fullmatch(last) for x in (p.unnamed, p.organisation, p.role)):
        return True
    if low in PREPOSITIONS or low.endswith(("ed", "ing")):
        return False
    head = cue.verb.split()[0]
    if head.endswith("ed") or head in _PAST:
        return True  # "his ex-wife agreed", "the campaign operative decided"
    return not head.endswith("s") and low.endswith("s") and not low.endswith("ss")  # "voters want"


def _reports_back(masked: str, start: int, end: int, cue: Cue) -> bool:
    """The cue closes a clause it reports: "…, the source said", "…, said X", "…, lawmakers said
    Friday afternoon, as they …" (at most a short aside after the verb), with the speaker
    written between the comma and the verb (not "X, a historian who was there, said") and a
    clause before it that is not a mere opener ("As a phone rang, …")."""
    after = masked[max(cue.np_end, cue.verb_end) : end]
    if _THAT.match(after) or len(WORD.findall(after.split(",")[0])) > 6:
        return False
    first = WORD.search(after)
    aside = first is None or first.group()[0].isupper() or first.group().lower() in PREPOSITIONS
    if not (cue.trailing or cue.np_end > cue.verb_end or aside):
        return False
    opener = WORD.search(masked, start)
    comma = masked.rfind(",", start, min(cue.np_start, cue.verb_start))
    if opener is None or opener.group().lower() in SUBORDINATORS | _OPENERS and "," not in masked[start:comma]:
        return False  # "As a phone rang, the announcer said": an opener, not what was said
    speaker = [w for w in WORD.findall(masked[cue.np_start : cue.verb_start]) if w.lower() not in ("and", "but")]
    return cue.np_end > cue.verb_end or bool(speaker)


def _before_comma(masked: str, start: int, stop: int) -> tuple[int, int] | None:
    comma = masked.rfind(",", start, stop)
    return _trimmed(masked, start, comma) if comma > start else None


def _trimmed(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without a dateline, surrounding spaces and final punctuation, if long enough."""
    dateline = _DATELINE.match(masked, start) if start == 0 else None
    start = dateline.end() if dateline else start
    while start < end and masked[start] in " ,:;—–":
        start += 1
    while end > start and masked[end - 1] in " .!?,;:\n":
        end -= 1
    return (start, end) if len(WORD.findall(masked[start:end])) >= _MIN_WORDS else None
