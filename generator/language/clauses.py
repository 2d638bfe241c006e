"""Clause or object: do the words after a speech verb say something ("said the plan would work")
or only name a thing ("added a sentence for the converter", "said a prayer")?

A reported clause without "that" has a subject and a finite verb; a plain noun-phrase object
has none. English words only, no tagger, and in doubt a clause (what was read before): a
subject pronoun ("he would"), a word that can only be a finite verb (an auxiliary, a modal, an
irregular past), a past in -ed not after a determiner ("the proposed plan" is a noun phrase), a
present in -s after a name ("Kolar wants") or after a noun and before its object ("the case
threatens the freedoms"), a bare verb after a plural noun ("the videos show"), a past first
("which critics said echoed …": the subject stood before the cue). An object's own
relative clause reads as a clause too ("added a clause that was struck out"): kept, as before.
Which speech verbs still report a plain object ("noted the rise in prices") is the lexicon's:
quotes.yml ``object_verbs``.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_][\w’'\-]*")

# A subject pronoun is a clause's: "said he would", "noted there were", "the paper he hopes to …".
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
    "taught sought wrote understood built meant grew fled froze swore sank shook wore hung stuck dealt laid sat hid "
    "slid spun lent swung rang sang forgot forgave withdrew undertook overtook arose".split()
)
# Words after which an -ed word is an adjective of a noun phrase ("the proposed plan", "two detailed charts").
DETERMINERS = frozenset(
    "a an the this that these those his her its their our my your some any no every each another several many few "
    "more most all both very less newly widely recently".split()
)
# Words in -ed that are nouns or adjectives, never a verb: "a hundred", "the need", "at speed".
NOT_PAST = frozenset("hundred need speed greed seed breed creed bed red shed wed sacred naked wicked kindred rugged".split())
# Words that are neither a noun's verb nor the noun: "charts for", "costs of the", "jobs and".
FUNCTION = frozenset(
    "a an the this these those his her its their our my your some any no every each of in on at to for from by with "
    "about into over under between among against without within across through during and or but nor also not "
    "as than then there here it them him me us you we they he she i since when while because after before if until "
    "although though unless whereas once so where which who whom whose that".split()
)
# What may follow a present verb: its object ("the case threatens the freedoms", "the party needs him") or "to" ("plans to").
OBJECT_STARTS = frozenset("a an the this these those his her its their our my your some no more him her them it us to".split())
# Words of place or direction straight after a verb, in lower case: it moved something ("blasted wide", "fired
# over the bar", "struck home"), and reports no position ("criticised Home Secretary ..." does).
PARTICLES = frozenset("wide over home past into onto through across off out away up down back forward".split())
# Words that open a sentence before its subject and name nobody, capitalised only for standing first:
# "Speaking at the conference he said", "Earlier this month the firm said", "Latest research suggests".
OPENERS = frozenset(
    "Speaking Asked Asking Writing Talking Answering Responding Replying Commenting Addressing Despite Earlier Later "
    "Latest Recent Recently Last Now Just Ideally Meanwhile Separately Elsewhere Instead Still Yet Also Then Today "
    "Yesterday Tomorrow Previously Currently Initially Finally Eventually Similarly Likewise Nevertheless There To "
    "After Before During While When Since Until Once Although Though If Unless Because As Upon Following".split()
)
# Numbers before a plural noun: "added two paragraphs to the draft" names things, says nothing.
NUMBERS = frozenset(
    "two three four five six seven eight nine ten dozen dozens hundred hundreds thousand thousands million billion".split()
)
# Adverbs between a subject and its verb: "parents still want".
# A time adverbial between a subject and its verb ("A court on Friday ruled", "Lavrov on Tuesday
# said", "the ministry earlier today said"): not part of the subject's noun phrase.
_TRAILING_TIME = re.compile(
    r"(?:,?\s+(?:(?:late|early|earlier|later)\s+)?(?:on|late|early)\s+"  # not "Mike Friday"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|,?\s+(?:earlier\s+|later\s+)?(?:today|yesterday|tonight|this\s+week|last\s+week))\s*,?\s*$"
)


def untimed_end(phrase: str) -> int:
    """Where a subject's noun phrase ends before a trailing time adverbial ("A court on Friday": 7)."""
    timed = _TRAILING_TIME.search(phrase)
    return timed.start() if timed is not None and timed.start() > 0 else len(phrase)


ADVERBS = frozenset("still also now often never always only just even already really sometimes usually".split())
_IN_S = re.compile(r"[a-z]{2,}[^su’'\W]s")  # "videos", "wants"; not "process", "bus", "Trump’s"
_NOT_VERB = FUNCTION | ADVERBS | OBJECT_STARTS
_NOT_BARE = re.compile(r"(?:s|ed|ing|ly|al|ic|ous|ive|ful|less|ern|ish|ary|ory)$")  # nouns, adjectives, other forms
_PLURAL = re.compile(r"[A-Za-z]+[^su’'\W]s")  # "videos", "Tories", "MPs"; not "process", "bus", "Trump’s"


# Words that end the stretch a clause must open in: a comma, a relative or a joining word.
_JOINS_RE = re.compile(
    r",|;|\b(?:that|which|who|whom|whose|while|and|but|or|when|as|if|because|after|before|until|although|though|since|where"
    r"|how|what|why|whether)\b"
)
_OPENING = 6  # words
_PLACE_WORDS = frozenset(
    "against over about of in on at for from with by to into onto under within without between among across through".split()
)


def opening_clause(text: str) -> bool:
    """A clause that opens right away, as a verb that reports only beside a quote needs to report without one:
    a subject pronoun first ("claims he is"), or an auxiliary or modal in the first few words, up to a comma
    or a joining word ("confirmed the ferries would sail"), and not as the first word ("music shows have
    picked up": "shows" is a noun there). Not "claimed their first title in 72 years while Shannon helped",
    "recalled the eulogy delivered by Davis", "found Adriano, whose volley soared"."""
    cut = _JOINS_RE.search(text)
    words = [w.lower() for w in _WORD.findall(text[: cut.start()] if cut else text)[:_OPENING]]
    if not words or words[0] in AUXILIARIES or words[0] in _PLACE_WORDS:
        return False  # "doping claims against Marion Jones has been opened": a noun, then its complement
    subject = re.split(r"[’']", words[0])[0]
    return subject in SUBJECTS and subject != "it" or any(w in AUXILIARIES for w in words[1:])  # "found it cheaper"


def finite_clause(text: str) -> bool:
    """The words read as a clause with a finite verb (see the module's note), not a plain object."""
    words = _WORD.findall(text)
    if not words:
        return False
    if " ".join(words[:2]).lower() in PRO_CLAUSES or words[0].lower() == "that":
        return True  # "said the same of …", "said that, if elected, …"
    for n, word in enumerate(words):
        low = word.lower()
        if re.split(r"[’']", low)[0] in SUBJECTS and (n == 0 or word == low) or low in AUXILIARIES:
            return True  # "says she’ll", "which he said would turn …"
        if n == 0 and word == low and (low in IRREGULAR_PAST or low.endswith("ed") and len(low) > 3 and low not in NOT_PAST):
            return True  # "which critics said echoed …": the subject stands before the cue
        if n and _verb_after(words[n - 1], word, words[n + 1 : n + 3]):
            return True
        if _plural_verb(words, n):
            return True  # "the videos show", "parents still want"
    return False


def _verb_after(before: str, word: str, after: list[str]) -> bool:
    """``word`` is a finite verb by its form, the word before it and the (up to two) after it."""
    low, prior = word.lower(), before.lower()
    if word != low or prior in DETERMINERS:
        return False  # "the proposed plan", "Ted"
    if low in IRREGULAR_PAST or low.endswith("ed") and len(low) > 3 and low not in NOT_PAST:
        return True  # "Clinton reached out", "producers axed him"
    if not _IN_S.fullmatch(word):
        return False
    if before[:1].isupper():
        return not before.endswith(("s", "’", "'"))  # "says Trump represents …", not "Apple’s results"
    named = prior not in FUNCTION and prior not in NUMBERS and not prior.endswith(("ing", "’s", "'s"))
    if not named or not after or after[0].lower() not in OBJECT_STARTS:
        return False
    # "plans to sell", "amounts to expropriation"; not "berths to the pier", "jobs to Glasgow"
    return after[0] != "to" or len(after) > 1 and after[1].islower() and after[1] not in _NOT_VERB


def _plural_verb(words: list[str], n: int) -> bool:
    """words[n] is a plural noun and a bare verb follows it, after at most one adverb."""
    noun = words[n]
    if not _PLURAL.fullmatch(noun) or noun.lower() in FUNCTION:
        return False
    at = n + 2 if n + 2 < len(words) and words[n + 1].lower() in ADVERBS else n + 1
    verb = words[at] if at < len(words) else ""
    return verb.islower() and verb not in _NOT_VERB and not _NOT_BARE.search(verb)
