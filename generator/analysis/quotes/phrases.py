"""Noun phrases to speakers: names, pronouns, roles, unnamed sources, organisations."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from generator.analysis.quotes.patterns import Patterns, roles_in
from generator.analysis.quotes.spans import MASK, WORD, sentence_start
from generator.analysis.quotes.speakers import (
    DEFINITE,
    DEMONYM,
    GENERIC_ORG_NOUNS,
    INDEFINITE,
    KIN,
    NAME_RUN,
    NOT_NAMES,
    ORG_WORDS,
    PREPOSITIONS,
    PRONOUNS_ORG,
    PRONOUNS_PERSON,
    Block,
    State,
    Who,
    common_noun_last,
    described,
    fits,
    found_as,
    head_noun,
    indefinite,
    pronoun_referent,
    without_article,
)
from generator.analysis.quotes.subjects import complement
from generator.language.clauses import OPENERS, untimed_end
from generator.language.lexicon import first_name_genders
from generator.language.vocabulary import COMMON_WORD, word_frequencies
from generator.models import HEADLINE, EntityRef, Mention

# Patterns used on every cue and mention, compiled once.
_OF_AFTER_ROLE = re.compile(r"\s+(?:of|at|for|in|with)\b")
_PRONOUN_AFTER = re.compile(r"\s+(?:that\s+)?(she|her|he|his|him)\b")
_THE_TITLED = re.compile(r"\s*[Tt]he\s+((?:[A-Z][\w’'\-]*\s*){1,3})")


class Phrases:
    """What a noun phrase before or after a cue names, against the story read so far."""

    def __init__(
        self, patterns: Patterns, entities: Mapping[str, EntityRef], state: State, agencies: frozenset[str] = frozenset()
    ) -> None:
        self.p = patterns
        self.agencies = agencies  # news agencies' names as written (site_config/sources.yml)
        self.entities = entities
        self.state = state
        self.quote_context: dict[tuple[int, int], Who | None] = {}  # (paragraph, quote) -> last speaker
        self.labelled: dict[tuple[int, int], Who] = {}  # (paragraph, quote) -> transcript label's speaker
        self.opening_pronoun: dict[tuple[int, int], Who] = {}  # (paragraph, quote) -> "he"/"she" opening its sentence
        self.acting: dict[tuple[int, int], tuple[bool, Who, int]] = {}  # (paragraph, quote) -> name before a verb
        self.previous: dict[tuple[int, int], Who] = {}  # (paragraph, quote) -> who the sentence before is about
        self._whos: dict[str, Who] = {}  # entity id -> its speaker, made once


    def _intro_roles(self, block: Block, start: int, end: int) -> set[str]:
        """Role words written with a name: "Russian Ambassador to Vietnam Gennady Bezdetko",
        "Konstantin Dolgov, the Russian foreign ministry’s envoy ..."."""
        if self.p.intro is None:
            return set()
        masked = block.masked
        sentence = sentence_start(block.starts, start)
        # a person named before the sentence starts changes nothing: only those inside it are asked about
        previous = 0
        for m in block.mentions:  # in reading order: none after one that starts at ``start`` ends before it
            if m.start >= start:
                break
            if sentence < m.end <= start and m.end > previous and self._is_person(m):
                previous = m.end
        before = masked[max(sentence, previous) : start]
        verbs = list(self.p.cues_in(before))
        before = before[verbs[-1].end() :] if verbs else before  # "The diplomat stressed that … Narov's return": not his title
        before = " ".join(before.split()[-12:])
        after = ""
        if masked[end : end + 2].startswith(","):
            stop = min((i for i in (masked.find(",", end + 1), masked.find(".", end + 1)) if i != -1), default=len(masked))
            # "the case of pilot Oleg Narov, Foreign Ministry Spokeswoman Irina Valeva said": her title, not his
            stop = end + 1 if any(end < m.start < stop and self._is_person(m) for m in block.mentions) else stop
            after = " ".join(masked[end + 1 : stop].split()[:12])
        kin = {w for w in (*before.lower().split()[-2:], *after.lower().split()[:2]) if w in KIN}  # "his wife Alla Kurgan"
        return roles_in(self.p, f"{before} | {after}") | kin

    # ---- noun phrases

    def _resolve(self, order: int, block: Block, start: int, end: int) -> Who | None:
        """The speaker a noun phrase names, or None."""
        end = start + untimed_end(block.masked[start:end])  # "A Thai appeals court on Friday" (ruled)
        phrase = block.masked[start:end]
        words = [w.lower() for w in WORD.findall(phrase)]
        if not words or MASK in phrase:
            return None
        if len(words) == 1 and words[0] in _PRONOUNS:
            return self._pronoun(words[0], (order, start))
        if len(words) > 1 and self._adverbial_first(phrase, words):
            return self._after_opener(order, block, start, end)
        indefinite = self._indefinite_who(phrase, words)
        if indefinite is not None:
            return indefinite
        inside = [m for m in block.mentions if start <= m.start and m.end <= end]
        role_of = self.p.role.search(phrase) if self.p.role is not None else None
        if role_of and words[0] in DEFINITE and _OF_AFTER_ROLE.match(phrase[role_of.end() :]):
            # "the chairman of the British Phonographic Industry", "the lawyer of Viktor Bout":
            # a role, not the organisation or person it belongs to
            before = phrase[: role_of.start()]
            if not self._names_left(before, start, inside) and not any(m.start < start + len(before) for m in inside):
                return found_as(self._role(phrase[: role_of.end()], (order, start)), "role") or Who(
                    None, without_article(phrase), "person", "unnamed"
                )
        # "Putin's spokesman said": the possessor is not the speaker
        people = [m for m in inside if self._is_person(m) and not block.masked.startswith(("’s", "'s"), m.end)]
        head_role = self._role_of_organisation(phrase, words, inside, (order, start)) if role_of else None  # no role word: none
        if head_role is not None and not people:
            return head_role
        heads = [m for m in people if not complement(block.masked, start, m.start)]  # not "... of the Campaign for X"
        if people:
            return self._family((heads or people)[-1])
        orgs = [m for m in inside if self._kind(m) == "organisation"]
        speaker = self._registered(self._entity_who(orgs[-1])) if orgs else self._place_phrase(words, inside)
        if speaker is not None:
            return speaker
        if any(self._is_person(m) for m in inside):  # "Putin's spokesman"; "Mr Crosby's statement" ("it" later)
            kind = "document" if head_noun(phrase, self.p.organisation) else "unnamed"
            return Who(None, without_article(phrase), kind, "unnamed")
        if self._names_left(phrase, start, inside):
            return None if _sentence_cased(block, start) else self._name_label(order, block, start, end, inside)
        if role_of:  # the role pattern's search above, not asked again
            who = found_as(self._role(phrase, (order, start)), "role") or self._staff(phrase)
            return who or Who(None, without_article(phrase), "person", "unnamed")
        noun = head_noun(phrase, self.p.organisation)
        if noun:
            return self._refer_back(noun, phrase, "organisation")
        noun = head_noun(phrase, self.p.unnamed)
        if noun and words[0] in DEFINITE:
            return self._refer_back(noun, phrase, "unnamed")
        return self._kin(described(phrase, words), words)

    def _pronoun(self, word: str, pos: tuple[int, int]) -> Who | None:
        """he/she: the person it refers to; they: the last group; it: the last organisation."""
        if word in PRONOUNS_PERSON:
            return found_as(pronoun_referent(self.state, word, pos), "pronoun")
        return found_as(self.state.last_group if word == "they" else self.state.last_org, "pronoun")

    def _kin(self, who: Who | None, words: Sequence[str]) -> Who | None:
        """"my father", "his wife": an unnamed relative is a person ("he" and "she" find them)."""
        if who is None or words[-1] not in KIN:
            return who
        named = self._relative_named(words[-1])
        if named is not None:  # "the wife said" after "his wife Alla Kurgan told TASS"
            return named
        relative = Who(None, who.label, "unnamed", "unnamed")
        self.state.genders.setdefault(relative.key, KIN[words[-1]])
        return relative

    def _relative_named(self, kin: str) -> Who | None:
        """The one person the story introduced as this relative ("his wife Alla Kurgan"), if just one."""
        named = [key for key, roles in self.state.roles.items() if kin in roles and key in self.state.first_at]
        return found_as(self.state.people[named[0]], "role") if len(named) == 1 else None

    def _indefinite_who(self, phrase: str, words: Sequence[str]) -> Who | None:
        """"a source at the ministry", "one questioner": someone the story does not name."""
        if not indefinite(self.p.unnamed, phrase, words):
            return None
        unnamed = self._unnamed(phrase)
        if unnamed:
            return found_as(unnamed, "unnamed")
        if words[0] in INDEFINITE and len(words) <= 5 and words[-1] == common_noun_last(phrase):
            label = without_article(phrase) or " ".join(w for w in words if w not in ("a", "an"))  # "some say": a group
            return Who(None, label, "unnamed", "unnamed")  # "one questioner", "a friend"
        return None

    def _family(self, mention: Mention) -> Who | None:
        """A bare surname while the story is about another member of that family, named in
        full ("Alla Bout said ... Bout added"): that member, not the recogniser's pick."""
        who = self._entity_who(mention)
        last = self.state.last_person
        if who is not None and len(mention.surface.split()) == 1 and len(who.label.split()) == 1:
            # "Pavel Kurgan's wife, Alla, ... "…," Alla said": the one person of that first name named in full
            full = [p for p in self.state.people.values() if p.key != who.key and p.label.split()[0] == mention.surface]
            if len({p.key for p in full}) == 1 and len(full[0].label.split()) >= 2:
                return found_as(full[0], "named")
        if who is None or len(mention.surface.split()) != 1 or last is None or last.key == who.key:
            return who
        titled = self.state.titled.get((mention.paragraph, mention.start))
        if titled is not None and titled != self.state.genders.get(last.key, titled):
            return who  # "Mrs Howard" while Michael Howard is in view: the recogniser's Sandra Howard
        if last.key in self.state.in_full and last.label.split()[-1] == mention.surface:
            return found_as(last, "named")
        return who

    def _relative_by_pronoun(self, who: Who, masked: str, verb_end: int) -> Who:
        """"Kurgan said her husband ...": a bare surname whose own pronoun after the verb is of
        the other gender is the one relative of that gender the story named."""
        following = _PRONOUN_AFTER.match(masked[verb_end : verb_end + 12])
        if following is None or who.kind != "person":
            return who
        gender = "f" if following.group(1) in ("she", "her") else "m"
        if self.state.genders.get(who.key, gender) == gender:
            return who
        surname = who.label.split()[-1]
        kin = [p for p in self.state.people.values() if p.key != who.key and p.label.split()[-1] == surname]
        kin = [p for p in kin if self.state.genders.get(p.key) == gender]
        return found_as(kin[0], who.how) or who if len(kin) == 1 else who

    @staticmethod
    def _adverbial_first(phrase: str, words: Sequence[str]) -> bool:
        """Words that name nobody stand before the subject: an opener ("Earlier this week China"), or the phrase
        ends on "he" or "she", which no noun phrase does ("Laying into the Conservatives' record he")."""
        opener = WORD.match(phrase.lstrip())
        return opener is not None and opener.group() in OPENERS or words[-1] in _SUBJECT_LAST

    def _after_opener(self, order: int, block: Block, start: int, end: int) -> Who | None:
        """"Earlier this week China", "Speaking at the conference he", "Latest research": the words that open
        the sentence name nobody; the speaker is the shortest end of the phrase that names one."""
        tokens = [t for t in list(WORD.finditer(block.masked[start:end]))[1:] if not self._in_mention(block, start + t.start())]
        heads = [t for t in tokens if t.group()[0].isupper() or t.group().lower() in _NP_STARTS]  # "the ferry company"
        for candidates in (heads, tokens):  # the shortest end that names someone, opening as a noun phrase opens
            for token in reversed(candidates):
                who = self._resolve(order, block, start + token.start(), end)
                if who is not None:
                    return who
        return None

    @staticmethod
    def _in_mention(block: Block, at: int) -> bool:
        return any(m.start < at < m.end for m in block.mentions)  # not "Oaten" of "Earlier spokesman Mark Oaten"

    def _names_left(self, phrase: str, offset: int, inside: Sequence[Mention]) -> bool:
        """Does the phrase name someone, beyond articles, possessors, role words and
        demonyms ("the Russian diplomat", "Russia’s top diplomat": no)? Words of a
        mention (a place, say) do not count: those were settled by the recogniser."""
        tokens = list(WORD.finditer(phrase))
        for n, match in enumerate(tokens):
            word = match.group()
            if any(m.start <= offset + match.start() < m.end for m in inside):
                continue
            if not word[0].isupper() or word in NOT_NAMES or word.endswith(("’s", "'s", "s’", "s'")):
                continue
            if word.lower() in self.p.intro_words or self.p.organisation and self.p.organisation.fullmatch(word):
                continue
            following = tokens[n + 1].group() if n + 1 < len(tokens) else ""
            if DEMONYM.match(word) and following and (following[0].islower() or following.lower() in self.p.intro_words):
                continue  # "Russian diplomat", "Russian President"
            role_next = following in self.p.intro_words and phrase[match.end() : match.end() + 1] == " "  # "leader", not "King"
            if role_next and not self._names_left(phrase[match.end() :], offset + match.end(), inside):
                continue  # "the Tory leader": a party's role, no one named
            return True
        return False

    def _registered(self, who: Who | None) -> Who | None:
        """Remember an organisation under its nouns, for "the ministry said" later."""
        if who is not None and who.kind == "organisation" and self.p.organisation is not None:
            for match in self.p.organisation.finditer(who.label):
                self.state.by_head[" ".join(match.group().lower().split())] = who
        return who

    def _unnamed(self, phrase: str) -> Who | None:
        head = head_noun(phrase, self.p.unnamed) or head_noun(phrase, self.p.organisation)
        if head is None:
            return None
        words = phrase.split()
        while words and words[0].lower() in INDEFINITE:
            words = words[1:]
        label = " ".join(words).strip(" ,")
        kind = "unnamed" if head_noun(phrase, self.p.unnamed) else "document"
        who = Who(None, label, kind, "unnamed")
        self.state.by_head[head] = who
        return who

    def _refer_back(self, noun: str, phrase: str, kind: str) -> Who:
        """"the source", "the ministry", "the statement": whoever was introduced so, else
        (organisations) the organisation last speaking, else the phrase as written."""
        for key, who in reversed(list(self.state.by_head.items())):
            if key == noun or key.endswith(" " + noun) or noun.endswith(" " + key):
                return found_as(who, "role")  # type: ignore[return-value]
        staff = self._staff(phrase) if kind == "organisation" else None
        if staff is not None:  # "the diplomatic mission said": the embassy the story named
            return staff
        last = self.state.last_org
        recent = self.state.reading - self.state.org_in <= 1  # "the letter reads" three paragraphs on: the letter
        if kind == "organisation" and last is not None and (noun in GENERIC_ORG_NOUNS and recent or noun in last.label.lower()):
            return found_as(last, "role")  # type: ignore[return-value]
        who = Who(None, without_article(phrase), kind, "unnamed")
        self.state.by_head[noun] = who
        return who

    def _role(self, phrase: str, pos: tuple[int, int]) -> Who | None:
        """"the Russian diplomat": the latest person introduced with a matching role."""
        if self.p.role is None:
            return None
        matches = list(self.p.role.finditer(phrase))
        if not matches:
            return None
        role = " ".join(matches[-1].group().lower().split())
        intros = self.p.intros.get(role) or self.p.intros.get(role.rstrip("s")) or frozenset({role})
        candidates = [
            key
            for key, roles in self.state.roles.items()
            if fits(roles, intros) and self.state.seen_at.get(key, (0, 0)) <= pos
        ]
        if not candidates:
            return None
        last = self.state.last_person
        if last and last.key in candidates:
            return last
        best = max(candidates, key=lambda k: self.state.seen_at[k])
        return self.state.people[best]

    def _role_of_organisation(
        self, phrase: str, words: Sequence[str], inside: Sequence[Mention], pos: tuple[int, int]
    ) -> Who | None:
        """"the Foreign Ministry spokeswoman", "the Kremlin's spokesman": the role is the head and
        the organisation only says whose; the person introduced in that role, else the role as
        written, never the organisation."""
        roles = list(self.p.role.finditer(phrase)) if self.p.role is not None else []
        if not roles or phrase[roles[-1].end() :].strip(" ,") or words[0] not in DEFINITE:
            return None
        if not any(self._kind(m) == "organisation" and m.start < pos[1] + roles[-1].start() for m in inside):
            return None
        if roles[-1].group().lower() not in self.p.intros:
            return None  # "the ministry's diplomats": staff, the organisation speaks
        return found_as(self._role(phrase, pos), "role") or Who(None, without_article(phrase), "person", "unnamed")

    def _staff(self, phrase: str) -> Who | None:
        """"the Russian diplomats stressed" in a ministry's statement: staff named in the plural
        speak for the organisation of theirs the story named (data: quotes.yml ``staff``)."""
        words = WORD.findall(phrase.lower())
        nouns = (self.p.staff or {}).get(words[-1], ()) if words else ()
        for who in [self.state.last_org, *reversed(self.state.by_head.values())]:
            if who is not None and who.kind == "organisation" and any(n in who.label.lower() for n in nouns):
                return found_as(who, "role")
        return None

    def role_ahead(self, phrase: str) -> Who | None:
        """A headline's or standfirst's "top diplomat", read once the whole story is: the person
        the story introduced with a matching role ("Russian Foreign Minister Sergey Lavrov") who
        spoke most in it, the first such one on a tie."""
        matches = list(self.p.role.finditer(phrase)) if self.p.role is not None else []
        if not matches:
            return None
        role = " ".join(matches[-1].group().lower().split())
        if role not in self.p.intros:
            return None  # "the presidents": more than one person
        intros = self.p.intros[role]
        candidates = [key for key, roles in self.state.roles.items() if fits(roles, intros) and key in self.state.first_at]
        if not candidates:
            return None
        # the story's main voice in that role ("Lawyer attacks …": the barrister quoted throughout), then the first
        best = min(candidates, key=lambda k: (-self.state.times.get(k, 0), self.state.first_at[k]))
        return found_as(self.state.people[best], "role")

    def named_ahead(self, block: Block, start: int, end: int) -> Who | None:
        """Who a headline's closing "— ambassador", "— Putin", "— Foreign Ministry" names, read once
        the whole story is: a person or organisation named there, the first person the story
        introduced in that role, or the organisation it named with that noun."""
        inside = [m for m in block.mentions if start <= m.start and m.end <= end]
        named = [m for m in inside if self._kind(m) in ("person", "organisation")]
        if named:
            return found_as(self._family(named[-1]) if self._is_person(named[-1]) else self._entity_who(named[-1]), "named")
        phrase = block.masked[start:end]
        who = self.role_ahead(phrase) or self.organisation_ahead(phrase)
        kin = phrase.split()[-1].lower()
        who = who or (self._relative_named(kin) if kin in KIN and len(phrase.split()) <= 2 else None)  # "— wife"
        return who

    def organisation_ahead(self, phrase: str) -> Who | None:
        """A headline's "Russian embassy in US", "— Foreign Ministry": the organisation the story
        named with that noun (or the one its staff word stands for), read once the story is."""
        noun = head_noun(phrase, self.p.organisation)
        known = [w for key, w in self.state.by_head.items() if noun and (key == noun or key.endswith(" " + noun))]
        if known and known[0].kind == "organisation":
            return found_as(known[0], "role")
        return self._staff(phrase)

    def _name_label(
        self, order: int, block: Block, start: int, end: int, inside: Sequence[Mention] = ()
    ) -> Who | None:
        """A capitalised name with no mention: the name as written, never an entity."""
        phrase = block.masked[start:end]
        runs = [m for m in NAME_RUN.finditer(phrase) if m.group().split()[0] not in NOT_NAMES or len(m.group().split()) > 1]
        runs = [m for m in runs if not any(x.start < start + m.end() and start + m.start() < x.end for x in inside)]
        runs = [m for m in runs if not all(w in NOT_NAMES for w in m.group().split())]
        if not runs:
            return None
        titled = _THE_TITLED.fullmatch(phrase)
        if titled and not roles_in(self.p, phrase) and not any(w in first_name_genders() for w in titled.group(1).split()):
            return self._registered(Who(None, titled.group(1).strip(), "organisation"))  # "the Times wrote"
        for run in reversed(runs):
            name = run.group()
            preceding = [w for w in phrase[: run.start()].split() if w.lower() not in DEFINITE]
            if preceding and preceding[-1] == "to" and len(name.split()) >= 3:
                name = name.split(None, 1)[1]  # "Ambassador to Vietnam Gennady Bezdetko"
            elif preceding and preceding[-1] in PREPOSITIONS and run is not runs[0]:
                continue  # "Dr Jeremy Philpott of the UK Patent Office": the complement
            if name.endswith(("’s", "'s")) and phrase[run.end() :].strip():
                return Who(None, without_article(phrase), "unnamed")  # "Mr Jackson's lawyers"
            return self._label_who(order, block, name, start + run.end() - len(name))
        return None

    def _label_who(self, order: int, block: Block, name: str, at: int) -> Who:
        """A name with no mention, as written; roles before it ("Russian Ambassador to
        Vietnam Gennady Bezdetko") are remembered and dropped from the label."""
        name = " ".join(name.split()).strip(" ,.")
        roles = roles_in(self.p, name)
        words = name.split()
        last_role = max((m.end() for m in self.p.intro.finditer(name)), default=0) if self.p.intro else 0
        if last_role:
            words = name[last_role:].split()
            while words and (words[0].islower() or words[0] in NOT_NAMES):
                words = words[2:] if words[0] in ("to", "of", "in", "for") else words[1:]
        words = [w for w in words if w not in NOT_NAMES][-3:] or name.split()[-1:]
        label = " ".join(words)
        if ORG_WORDS.search(label) or any(word.casefold() in self.agencies for word in label.split()):
            return self._registered(Who(None, without_article(name), "organisation"))  # type: ignore[return-value]
        for known in self.state.people.values():  # "Lavrov" after "Sergey Lavrov"
            if known.entity is None and known.label.endswith(" " + label):
                label = known.label
                break
        who = Who(None, label, "person")
        self.state.meet(who, roles | self._intro_roles(block, at, at + len(name)), (order, at))
        return who

    # ---- entities

    def _kind(self, mention: Mention) -> str | None:
        entity = self.entities.get(mention.entity)
        return entity.kind if entity else None

    def _is_person(self, mention: Mention) -> bool:
        return self._kind(mention) == "person"

    def _place_phrase(self, words: Sequence[str], inside: Sequence[Mention]) -> Who | None:
        """"Russia insisted", "Even China said": a phrase that is one place and nothing else."""
        places = [m for m in inside if self._kind(m) == "place"]
        if len(places) == 1 and " ".join(w for w in words if w not in _DEFINITE_OR_EVEN) == places[0].surface.lower():
            return self._place_who(places[0])
        return None

    def _place_who(self, mention: Mention) -> Who | None:
        """A country or city speaking for its government ("Russia insisted"), as an organisation."""
        entity = self.entities.get(mention.entity)
        return Who(entity.id, entity.name, "place") if entity is not None else None

    def _entity_who(self, mention: Mention) -> Who | None:
        entity = self.entities.get(mention.entity)
        if entity is None:
            return Who(None, mention.surface, "person")
        if entity.kind == "place":
            return None
        who = self._whos.get(entity.id)  # one (frozen) Who per entity: asked for at every mention and cue
        if who is None:
            who = self._whos[entity.id] = Who(entity.id, entity.name, entity.kind)
        return who


def _sentence_cased(block: Block, start: int) -> bool:
    """A headline written as a sentence opens on an ordinary word before lower-case ones: "Pension plan
    unveiled" names nobody called Pension."""
    if block.index != HEADLINE or block.masked[:start].strip():
        return False
    words = WORD.findall(block.masked, start)[:2]  # "Pension" of "Pension plan unveiled", the cue "plan" after it
    return len(words) > 1 and words[1][0].islower() and word_frequencies().get(words[0].lower(), 0) >= COMMON_WORD


# Unions of the word lists above, built once rather than on every call.
_PRONOUNS = PRONOUNS_PERSON | PRONOUNS_ORG | {"they"}
_SUBJECT_LAST = frozenset({"he", "she"})  # a noun phrase never ends on one: the subject after an adverbial
_NP_STARTS = _PRONOUNS | DEFINITE | INDEFINITE | {"a", "an", "his", "her", "its", "their", "our"}
_DEFINITE_OR_EVEN = DEFINITE | {"even"}
