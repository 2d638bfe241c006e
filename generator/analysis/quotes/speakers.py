"""What a speaker is, what the story has established so far, and the noun-phrase helpers
the resolver reads cues with."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from generator.analysis.quotes.spans import ABBREVIATIONS, MASK, WORD, Span, sentence_end, sentence_start, token_before
from generator.language.lexicon import TITLE_GENDERS, first_name_genders
from generator.models import Mention

# Patterns used on every cue and mention, compiled once.
_NON_SPACE = re.compile(r"\S+")
_ADVERB = re.compile(r"[a-z]+ly|also|still|now|not|again|once|even")

# ----------------------------------------------------------------- speakers


@dataclass(frozen=True)
class Who:
    """A speaker as resolved: an entity, or a label with no entity."""

    entity: str | None
    label: str
    kind: str  # "person" | "organisation" | "place" (for its government) | "unnamed" | "document" | "described"
    how: str = field(default="named", compare=False)  # Quote.resolved_by

    @property
    def key(self) -> str:
        return self.entity or f"~{self.label.lower()}"

    @property
    def person_like(self) -> bool:
        return self.kind in ("person", "unnamed")


@dataclass
class State:
    """What the story has established so far, in reading order."""

    last_person: Who | None = None
    last_org: Who | None = None
    last_speaker: Who | None = None
    last_group: Who | None = None  # the last plural speaker ("officials"), for "they"
    by_head: dict[str, Who] = field(default_factory=dict)  # "source" -> the unnamed source
    roles: dict[str, set[str]] = field(default_factory=dict)  # person key -> introducing words
    people: dict[str, Who] = field(default_factory=dict)
    seen_at: dict[str, tuple[int, int]] = field(default_factory=dict)  # person key -> last position
    first_at: dict[str, tuple[int, int]] = field(default_factory=dict)  # person key -> first position
    genders: dict[str, str] = field(default_factory=dict)  # person key -> "m" | "f"
    in_full: dict[str, tuple[int, int]] = field(default_factory=dict)  # person key -> last named in full
    titled: dict[tuple[int, int], str] = field(default_factory=dict)  # (paragraph, start) of a name after Mr/Mrs -> its gender
    times: dict[str, int] = field(default_factory=dict)  # speaker key -> times they spoke plainly (0: weak verbs only)
    main: Who | None = None  # who spoke most so far
    reading: int = 0  # the block being read
    spoke_in: int = -1  # the block where the last speaker spoke
    org_in: int = -9  # the block where the last organisation spoke

    def continuing(self) -> Who | None:
        """Who a bare quote paragraph continues: the speaker the story reached (or the person
        it turned to since), unless that one only "suggested" or "claimed" something and the story's
        main speaker spoke three times or more ("Biden suggested "..."" among Putin's statements)."""
        if self.last_speaker is None:
            return None
        last = self.last_person or self.last_speaker
        main = self.main
        weak_only = last.key in self.times and self.times[last.key] == 0 and self.spoke_in != self.reading
        if main is not None and weak_only and self.times[main.key] >= 3:
            return found_as(main, main.how)
        return last

    def spoke(self, who: Who, weak: bool = False) -> None:
        self.last_speaker = who
        self.spoke_in = self.reading
        if weak:
            self.times.setdefault(who.key, 0)
        else:  # only plain speech makes a main speaker ("said", "told"; not "suggested", "claimed")
            self.times[who.key] = self.times.get(who.key, 0) + 1
            if self.main is None or self.times[who.key] > self.times.get(self.main.key, 0):
                self.main = who
        if plural(who):
            self.last_group = who  # "according to show insiders. They said …"
        if who.person_like:
            self.last_person = who
        elif who.kind in ("organisation", "document", "place"):  # "it said" after "China said"
            self.last_org = who
            self.org_in = self.reading

    def meet(self, who: Who, roles: set[str], pos: tuple[int, int]) -> None:
        self.people[who.key] = who
        self.roles.setdefault(who.key, set()).update(roles)
        self.seen_at[who.key] = pos
        self.first_at.setdefault(who.key, pos)


@dataclass(frozen=True)
class Cue:
    """A cue word found outside quotes, with the speaker it names (if any)."""

    verb_start: int
    verb_end: int
    np_start: int  # where the speaker's words begin (for "right after the quote" tests)
    who: Who | None
    trailing: bool  # ", Lavrov noted": the attribution closes its sentence
    weak: bool = False  # "claimed", "announced": speech only next to a quote
    np_end: int = -1  # after "according to X" / inverted "said X": where the speaker's words end
    verb: str = ""
    as_written: str = ""  # the speaker's words when no rule resolved them (statements label them so)


@dataclass(frozen=True)
class Block:
    index: int
    text: str
    masked: str
    spans: tuple[Span, ...]
    starts: tuple[int, ...]
    mentions: tuple[Mention, ...]  # those outside quotes, ordered by start


# After these the next words are the listener, not the speaker ("told The Guardian").
TAKES_LISTENER = frozenset(
    {"told", "tells", "telling", "asked", "urged", "warned", "warning", "warns", "assured", "reminded", "answered"}
)
# Nouns that may stand for whichever organisation spoke last ("the agency added").
GENERIC_ORG_NOUNS = frozenset(
    {
        "statement", "joint statement", "report", "communique", "document", "resolution", "declaration",
        "letter", "agency", "organisation", "organization", "office", "service", "press service", "department",
    }
)
_CLAUSE_JOINS = frozenset("and but then who which that while as because if when after before though although unless".split())
PREPOSITIONS = frozenset("in on at to of for from with by during after before last this on about".split())
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
PRONOUNS_ORG = frozenset({"it"})
# Words that open a reported clause, never an inverted speaker ("said he would", "said the ...").
CLAUSE_OPENERS = frozenset("he she it they we i you there this that these those his her its their our".split())
INDEFINITE = frozenset(
    {"a", "an", "one", "another", "two", "three", "several", "some", "many", "other", "unnamed", "anonymous"}
)
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_AUX = frozenset(
    "was were is are has have had been also then later further reportedly again earlier previously "
    "recently repeatedly once will would has also not only often usually always still frequently".split()
)
_PRONOUN_ADVERB = re.compile(
    r"(?:he|she|they|we|i|you|it)(?:\s+(?:[a-z]+ly|[a-z]+n[’']t|cannot|never|not|yet|still|even|just|already|always|now))+$", re.I
)
CONNECTORS = frozenset("and but however meanwhile also moreover later then yet so".split())
SUBORDINATORS = frozenset("though although while when as because after before if since once".split())
ORG_WORDS = re.compile(
    r"\b(?:Ministry|Kremlin|Government|Office|Agency|Committee|Commission|Council|Court|Department|"
    r"Embassy|Service|Company|Bank|Party|Union|Alliance|Organi[sz]ation|Parliament|Duma|Assembly|"
    r"Army|Navy|Forces|Police|Corporation|Group|Fund|Institute|University|Administration|House)\b"
)
DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ean|ese|ish|ch|ic|i|can|ern|an)$")
NAME_RUN = re.compile(r"[A-Z][\w’'\-.]*(?:\s+(?:(?:de|da|van|von|der|al|bin|ibn|di|du|le|la)\s+)?[A-Z][\w’'\-]*)*")
NOT_NAMES = frozenset(
    "The A An He She It They We I This That These Those Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday January February March April May June July August September October November "
    "December According In On At By For From With Of And But However Meanwhile "
    "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty Thirty Forty Fifty Hundred Nearly "
    "About Almost Only Some Most Many Half His Her Its Our My Your".split()
)  # "Twelve percent indicated", "Nearly half said", "His spokesman said": no names ("Their" is left: PolNeAR's
# development articles lose a statement with it)


_GENDERED_ROLES = {"spokeswoman": "f", "spokesman": "m", "congresswoman": "f", "congressman": "m", "chairwoman": "f"}
# Relatives a story may leave unnamed ("my father often said", "his wife said"): people, of a known gender.
KIN = {
    "father": "m", "mother": "f", "husband": "m", "wife": "f", "son": "m", "daughter": "f", "brother": "m",
    "sister": "f", "grandfather": "m", "grandmother": "f", "uncle": "m", "aunt": "f", "widow": "f", "niece": "f",
    "nephew": "m",
}


def gender_of(before: str, name: str, roles: Iterable[str]) -> str | None:
    """"m"/"f" from a title before the name, a gendered role, or the first name."""
    title = before.split()[-1:]
    if title and title[0].lower() in TITLE_GENDERS:
        return TITLE_GENDERS[title[0].lower()]
    for role in roles:
        if role.split()[-1] in _GENDERED_ROLES:
            return _GENDERED_ROLES[role.split()[-1]]
    first = name.split()[0] if len(name.split()) >= 2 else ""
    return first_name_genders().get(first)


def found_as(who: Who | None, how: str) -> Who | None:
    """The same speaker, found another way."""
    return Who(who.entity, who.label, who.kind, how) if who is not None else None  # ``replace``, without its field walk


def fits(roles: Iterable[str], intros: frozenset[str]) -> bool:
    """A person introduced as "foreign minister" fits "minister"; "envoy" fits "diplomat"."""
    return any(r == w or r.endswith(" " + w) for r in roles for w in intros)


def without_article(phrase: str) -> str:
    words = phrase.split()
    while words and words[0].lower() in _ARTICLES_ANY:
        words = words[1:]
    return " ".join(words).strip(" ,.")


_NP_STOPS = ",;:(—–" + MASK  # what ends a noun phrase before a cue
_NP_AFTER_STOPS = ",;:.(—–" + MASK  # and after one
_NP_AFTER_STOP = re.compile("[" + re.escape(_NP_AFTER_STOPS) + "]")


def np_before(masked: str, verb: int, sentence: int) -> tuple[int, int]:
    """The words before a cue verb back to the clause start, auxiliaries dropped:
    "He was also | quoted as saying" -> "He"; a party tag or age in brackets is passed
    over: "Rep. Gwen Moore (D-Wis.) said" -> "Rep. Gwen Moore"."""
    start = sentence
    if masked[sentence:verb].rstrip().endswith(")"):
        bracket = masked.rfind("(", sentence, verb)
        verb = bracket if bracket > sentence else verb
    stop = max(masked.rfind(ch, sentence, verb) for ch in _NP_STOPS)  # the last stop, found by C, not char by char
    hyphen = masked.rfind("-", sentence, verb)
    while hyphen > stop:  # a spaced hyphen after it is a dash: "an aggressive - some say unrealistic - pledge"
        if masked[hyphen - 1 : hyphen + 2].strip() == "-":
            stop = hyphen
            break
        hyphen = masked.rfind("-", sentence, hyphen)
    if stop >= sentence:
        start = stop + 1
    end = verb
    words = list(_NON_SPACE.finditer(masked[start:end]))
    for n in range(len(words) - 1, -1, -1):  # the last join, read back from the verb
        word = words[n].group()
        if word.lower() in _CLAUSE_JOINS and (word != "then" or n < len(words) - 1):
            words = words[n + 1 :]  # "Bogdanov won at the Madrid venue and then | claimed": only the last clause
            break
    while words and (words[-1].group().lower() in _AUX or _pronoun_and_adverbs(words)):
        words.pop()  # "he barely | mentioned", "They didn't | expect": the pronoun speaks
    while len(words) > 1 and words[0].group().lower() in _CONNECTORS_OR_SUBORDINATORS:
        words.pop(0)  # "So he suggested", "But Smith said", "though he said"
    if len(words) > 3 and words[0].group().lower() in _SCENE:
        words = _after_scene(words)  # "During his time on the stand Mr Sullivan | told": "Mr Sullivan"
    if not words:
        return start, start
    if len(words) > 14:
        return end, end
    return start + words[0].start(), start + words[-1].end()


# Prepositions opening a phrase that sets the scene before the subject, its comma left out.
_SCENE = frozenset("during after before since following despite amid throughout in on at".split())
_SUBJECT_PRONOUNS = frozenset("he she they we i".split())
_NAME_JOINS = frozenset("of for and on de del der van von la le du al bin".split())  # inside a name


def _after_scene(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The subject after a scene-setting phrase: a pronoun last ("In a letter to his chairman he"), or the
    name that ends the words after a word in lower case ("During his time on the witness stand Mr Sullivan");
    else the words as they are ("In Moscow Lavrov", "In a joint statement the firms": where the phrase ends
    is not written, and a description keeps what it was, its role read by the resolver)."""
    n = len(words) - 1
    last = words[n].group()
    if last.lower() in _SUBJECT_PRONOUNS:
        return words[n:]
    if last[:1].isupper():
        while n > 1:
            before = words[n - 1].group()
            if before[:1].isupper():
                n -= 1
            elif before in _NAME_JOINS and n > 2 and words[n - 2].group()[:1].isupper():
                n -= 2  # "the US Department of Justice", "the Institute for Fiscal Studies"
            else:
                break
        return words[n:] if n > 1 and words[n - 1].group().islower() else words
    return words


def _pronoun_and_adverbs(words: Sequence[re.Match[str]]) -> bool:
    """``_PRONOUN_ADVERB`` matches the words: a pronoun (four letters at most) and adverbs after it.
    The first word's length is asked first: most phrases are not joined and matched at all."""
    return len(words) > 1 and len(words[0].group()) <= 4 and _PRONOUN_ADVERB.match(" ".join(w.group() for w in words)) is not None


def np_after(masked: str, verb_end: int, starts: Sequence[int]) -> tuple[int, int]:
    """The words after a cue (inverted "said Natalia Eismont", "according to Dolgov")."""
    stop = sentence_end(starts, verb_end, len(masked))
    for mark in _NP_AFTER_STOP.finditer(masked, verb_end, stop):  # only the stop marks, not every character
        if not _inside_abbreviation(masked, mark.start()):
            stop = mark.start()
            break
    words = list(_NON_SPACE.finditer(masked[verb_end:stop]))
    if not words or len(words) > 14:
        return verb_end, verb_end
    return verb_end + words[0].start(), verb_end + words[-1].end()


def _inside_abbreviation(text: str, i: int) -> bool:
    """The dot of "U.S." or "Mr." is no clause end."""
    if text[i] != ".":
        return False
    token = token_before(text, i)
    after = text[i + 1 : i + 2]
    return "." in token or len(token) == 1 or token in ABBREVIATIONS or after.isalpha()


def opens_clause(masked: str, np_start: int, sentence: int) -> bool:
    """Nothing but punctuation or a quote between the clause start and the verb."""
    before = masked[sentence:np_start].rstrip()
    return not before or before[-1] in "," + MASK


def ends_sentence(masked: str, pos: int, starts: Sequence[int]) -> bool:
    """Only a short tail (time, place, medium) between the verb and the sentence end."""
    stop = sentence_end(starts, pos, len(masked))
    return MASK not in masked[pos:stop] and len(WORD.findall(masked[pos:stop])) <= 12


def progressive(masked: str, sentence: int, verb: int) -> bool:
    """"Clinton is stressing that ...": an -ing form after is/are/was/were is the clause's verb."""
    before = [w for w in masked[sentence:verb].split() if not _ADVERB.fullmatch(w)]
    return bool(before) and before[-1].lower().replace("’", "'").removesuffix("n't") in ("is", "are", "was", "were", "been") and (
        "," not in " ".join(before[-3:]))


def as_written_label(phrase: str) -> str:
    """A speaker no rule resolved, as the text names them, for a statement's label
    ("The Republican presidential nominee"); not a pronoun, not a clause."""
    words = phrase.split()
    if not words or len(words) > 6 or words[0].lower() in ("it", "they", "we", "i", "you", "this", "there", "which", "who"):
        return ""
    if not (words[0][:1].isupper() or words[0].lower() in DEFINITE):
        return ""
    return without_article(phrase)


def common_noun_last(phrase: str) -> str:
    """The last word of a phrase if it is written in lower case (a common noun), else ""."""
    found = WORD.findall(phrase)
    return found[-1] if found and found[-1].islower() else ""


def plural(who: Who) -> bool:
    """"police", "officials", "state officials": no "he" or "she"."""
    last = [w.lower() for w in who.label.split()[-1:]] if who.entity is None and who.kind == "unnamed" else []
    return bool(last) and (last[0].endswith("s") or last[0] in ("police", "people") or last[0] in INDEFINITE)


def pronoun_referent(state: State, word: str, pos: tuple[int, int]) -> Who | None:
    """he/she: the person the story is about if the gender fits, else the latest
    person of that gender (from a title, a first name or an earlier pronoun); a plural
    ("police said") is never "he"."""
    gender = "m" if word in ("he", "him") else "f"

    def compatible(who: Who) -> bool:
        return state.genders.get(who.key, gender) == gender and not plural(who)

    last = state.last_person
    if last is not None and compatible(last):
        chosen: Who | None = last
    else:
        people = [k for k, at in state.seen_at.items() if at <= pos and compatible(state.people[k])]
        known = [k for k in people if state.genders.get(k) == gender]  # "Alicia Markova" before "Ballets Russes"
        people = known or people
        fallback = last if last is not None and not plural(last) else None
        chosen = state.people[max(people, key=lambda k: state.seen_at[k])] if people else fallback
    if chosen is not None and chosen.kind == "person":
        state.genders.setdefault(chosen.key, gender)
    return chosen


def speaker_between_commas(masked: str, mentions: Sequence[Mention], sentence: int, verb: int) -> Mention | None:
    """"The state's campaign chairman, Phil Lovas, said": the mention that fills the
    stretch between the last two commas before the verb."""
    head = masked[sentence:verb].rstrip()
    if not head.endswith(","):
        return None
    close = sentence + len(head) - 1
    open_ = masked.rfind(",", sentence, close)
    if open_ < 0:
        return None
    inside = [m for m in mentions if open_ < m.start and m.end <= close]
    if len(inside) == 1 and not WORD.search(masked[open_ + 1 : inside[0].start] + masked[inside[0].end : close]):
        return inside[0]
    return None


def described(phrase: str, words: Sequence[str]) -> Who | None:
    """"the announcer", "the ad’s narrator", "the article": a definite description the
    story gives no name for speaks as itself, never as the last person named (kept as a
    "described" speaker, so that "he", "she" and "the report" still find who they did)."""
    if not words or len(words) > 5 or words[0] not in _DEFINITE_OR_POSSESSIVE:
        return None
    if not common_noun_last(phrase):
        return None
    return Who(None, without_article(phrase), "described", "unnamed")


def indefinite(unnamed: re.Pattern[str] | None, phrase: str, words: Sequence[str]) -> bool:
    """"a source at ...", "sources close to ...", "informed sources": not anyone named.
    "analyst Alex Potter" is a title before a name, "Russia’s top diplomat" is definite."""
    if words[0] in INDEFINITE:
        return True
    if words[0] in DEFINITE or "’s" in phrase or "'s" in phrase or unnamed is None:
        return False
    match = unnamed.search(phrase)
    if match is None:
        return False
    following = phrase[match.end() :].split()[:1]
    if following and following[0][:1].isupper():
        return False
    return not WORD.search(phrase[: match.start()]) or match.group().lower().endswith("s")


def head_noun(phrase: str, pattern: re.Pattern[str] | None) -> str | None:
    """The listed noun a phrase contains, spaces normalised ("the foreign  ministry" -> "foreign ministry")."""
    if pattern is None:
        return None
    match = pattern.search(phrase)
    return " ".join(match.group().lower().split()) if match else None


_QUOTE_CLOSES_SENTENCE = re.compile(r"[.!?][”\"’']$")


def is_subject(block: Block, start: int) -> bool:
    """A name that opens its sentence ("Viktor Bout, a former officer ..., has been")."""
    sentence = sentence_start(block.starts, start)
    if MASK in block.masked[sentence:start]:
        after = block.masked.rindex(MASK, sentence, start) + 1
        if not _QUOTE_CLOSES_SENTENCE.search(block.text, 0, after):
            return False
        sentence = after  # '"… he took advantage." Saulnier will move …': the quote ended its sentence
    # word by word, to the first that is neither capitalised nor a connector (most names stand mid-sentence)
    words = (w.group() for w in WORD.finditer(block.masked, sentence, start))
    return all(w[0].isupper() or w.lower() in CONNECTORS for w in words)


def owns_nothing(masked: str, end: int, naming: re.Pattern[str] | None) -> bool:
    """Not a possessor, unless of words ("Trump’s claim that there were "thousands ...")."""
    if not masked.startswith(("’s", "'s"), end):
        return True
    return naming is not None and naming.match(masked, end + 3) is not None


# Unions of the word lists above, built once rather than on every call.
_ARTICLES_ANY = DEFINITE | INDEFINITE
_CONNECTORS_OR_SUBORDINATORS = CONNECTORS | SUBORDINATORS
_DEFINITE_OR_POSSESSIVE = DEFINITE | {"its", "his", "her", "their", "my", "our"}
