"""Names in a list take the kind their known neighbours share ("Syria, Nagorno-Karabakh and Donbass")."""

from __future__ import annotations

import re

from generator.analysis.entities.lexicon import CUED, Candidate, Lexicon
from generator.analysis.entities.tokens import is_initial, word_after

_LIST_GAP_RE = re.compile(r" ?, (?:and |or )?| (?:and|or) ")
_VERB_S = frozenset({"is", "was", "has", "says", "does", "plans", "wants"})


def lists(text: str, cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Unexplained names in a list take the kind all its known members share.

    "Syria, Nagorno-Karabakh and Donbass" names three places; "by Aeroflot and Iraero",
    two companies. Only a list closed by "and" or "or" counts ("In Seattle, Pete Incaviglia"
    is none); a list mixing kinds, a long or sentence-initial or ordinary English word, and
    a last name that qualifies a plural ("Israel and Hizbollah guerrillas") are left alone.
    """
    out = list(cands)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and _LIST_GAP_RE.fullmatch(text, out[j].end, out[j + 1].start):
            j += 1
        members = out[i : j + 1]
        if j > i and _closed_list(text, members):
            kinds = {c.kind for c in members if c.kind is not None and c.strength >= CUED}
            if len(kinds) == 1:
                kind = next(iter(kinds))
                for k, c in enumerate(members, start=i):
                    if (c.kind is None or c.strength < CUED) and _may_take_kind(text, c, lex):
                        out[k] = Candidate(c.start, c.end, c.name, kind, CUED, words=c.words)
        i = j + 1
    return out


def _closed_list(text: str, members: list[Candidate]) -> bool:
    """Whether neighbouring names form a list "A, B and C" whose members are names alike."""
    last = members[-1]
    if not re.search(r"\b(?:and|or)\b", text[members[-2].end : last.start]):
        return False
    if len(members) == 2 and (members[0].words > 1 or last.words > 1):
        return False  # "Test and County Cricket Board": one name, not two
    after = word_after(text, last.end)
    return not (after.endswith("s") and after not in _VERB_S and after.islower() and len(after) > 3)


def _may_take_kind(text: str, c: Candidate, lex: Lexicon) -> bool:
    """A short name that does not open a sentence and is no ordinary English word."""
    return c.words <= 2 and not c.initial and not is_initial(text, c.start) and not lex.common(c.name)

