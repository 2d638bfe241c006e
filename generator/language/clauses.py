"""Clause or object: do the words after a speech verb say something ("said the plan would work")
or only name a thing ("added a sentence for the converter", "said a prayer")?

A reported clause without "that" has a subject and then a finite verb; a plain noun-phrase
object has none before its own relative or adverbial clause ("announced a loss after the sale
was cancelled": "was" is the sale's). English words only, no tagger: a clause is a subject
pronoun first, or a word that can only be a finite verb (an auxiliary, a modal, an irregular
past), a past in -ed not after a determiner ("the proposed plan" is a noun phrase), or a
present in -s right after a name ("Kolar wants"). Which speech verbs still report a plain
object ("noted the rise in prices") is the lexicon's: quotes.yml ``object_verbs``.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_][\w’'\-]*")

# A clause that opens with one of these has its subject: "said he would", "noted there were".
SUBJECTS = frozenset("he she they we i you there it".split())
# Objects that stand for a clause: "said the same of Trump", "said as much".
PRO_CLAUSES = ("the same", "as much")
# Words that are a finite verb wherever they stand.
AUXILIARIES = frozenset(
    "is are was were am will would shall should can could may might must has have had does did do "
    "isn't aren't wasn't weren't won't wouldn't can't couldn't shouldn't mustn't hasn't haven't hadn't doesn't didn't don't "
    "isn’t aren’t wasn’t weren’t won’t wouldn’t can’t couldn’t shouldn’t mustn’t hasn’t haven’t hadn’t doesn’t didn’t don’t "
    "cannot".split()
)
# Pasts that do not end in -ed (and are not also common nouns: "cut", "set", "hit" are left out).
IRREGULAR_PAST = frozenset(
    "said told thought knew felt found made took gave got went came began became brought bought sold sent spent "
    "kept held led left lost won met paid ran rose fell saw spoke stood struck fought drew broke chose threw caught "
    "taught sought wrote understood built meant grew fled froze swore sank shook wore hung".split()
)
# Words after which an -ed word is an adjective of a noun phrase ("the proposed plan", "two detailed charts").
DETERMINERS = frozenset(
    "a an the this that these those his her its their our my your some any no every each another several many few "
    "more most all both very less newly widely recently".split()
)
# Words in -ed that are nouns or adjectives, never a verb: "a hundred", "the need", "at speed".
NOT_PAST = frozenset("hundred need speed greed seed breed creed bed red shed wed sacred naked wicked kindred rugged".split())
# Words that open an adverbial clause of the object's: what follows is not the reported clause's verb
# ("announced a loss after the sale was cancelled"). A relative clause may sit inside a subject
# ("said parents who adopt would not be eligible"): its words are read on.
OWN_CLAUSE = frozenset("when while because after before as if since although though until unless whereas once so than".split())
# Words that are neither a plural noun's verb nor its noun: "charts for", "costs of the", "jobs and".
FUNCTION = frozenset(
    "a an the this these those his her its their our my your some any no every each of in on at to for from by with "
    "about into over under between among against without within across through during and or but nor also not "
    "to as than then there here it them him me us you we they he she i".split()
)
# Adverbs between a subject and its verb: "parents still want".
ADVERBS = frozenset("still also now often never always only just even already really sometimes usually".split())
_PLURAL = re.compile(r"[a-z]{2,}[^su’'\W]s")  # "videos", "parents"; not "process", "bus"
_NOT_BARE = re.compile(r"(?:s|ed|ing|ly|al|ic|ous|ive|ful|less|ern|ern|ish|ary|ory)$|^\d")  # nouns, adjectives, other forms
_PRESENT = re.compile(r"[a-z]{2,}[^su’'\W]s")  # "wants", "says", "represents"; not "process", "bus", "Trump’s"


def finite_clause(text: str) -> bool:
    """The words read as a clause with a finite verb (see the module's note), not a plain object."""
    words = _WORD.findall(text)
    if not words:
        return False
    first = re.split(r"[’']", words[0].lower())[0]
    if first in SUBJECTS or first == "that" or " ".join(words[:2]).lower() in PRO_CLAUSES:
        return True  # "said he would", "says she’ll", "said that, if elected, …", "said the same of …"
    for n, (before, word) in enumerate(zip(words, words[1:], strict=False)):
        low, prior = word.lower(), before.lower()
        if low in OWN_CLAUSE and word == low:
            return False  # "a loss after the sale was cancelled": the rest is the object's own
        if low in AUXILIARIES or low in IRREGULAR_PAST and prior not in DETERMINERS:
            return True
        if word == low and low.endswith("ed") and len(low) > 4 and low not in NOT_PAST and prior not in DETERMINERS:
            return True  # "Clinton reached out", "the firm reported a loss"
        if before[:1].isupper() and not before.endswith(("s", "’", "'")) and _PRESENT.fullmatch(word):
            return True  # "says Trump represents …"
        if _plural_verb(words, n):
            return True  # "the videos show", "parents still want"
    return False


def _plural_verb(words: list[str], n: int) -> bool:
    """words[n] is a plural noun and a bare verb follows it, after at most one adverb."""
    noun = words[n]
    if not _PLURAL.fullmatch(noun) or noun.lower() in FUNCTION:
        return False
    at = n + 2 if n + 2 < len(words) and words[n + 1].lower() in ADVERBS else n + 1
    verb = words[at] if at < len(words) else ""
    return verb.islower() and verb not in FUNCTION | ADVERBS | AUXILIARIES and not _NOT_BARE.search(verb)
