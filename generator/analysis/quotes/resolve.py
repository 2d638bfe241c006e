"""Reads a story in order and resolves each cue's speaker: names, pronouns, roles, unnamed sources."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from generator.analysis.quotes.patterns import Patterns, roles_in
from generator.analysis.quotes.spans import MASK, WORD, Span, sentence_end, sentence_start
from generator.analysis.quotes.speakers import (
    CLAUSE_OPENERS,
    CONNECTORS,
    DEFINITE,
    DEMONYM,
    GENERIC_ORG_NOUNS,
    INDEFINITE,
    NAME_RUN,
    NOT_NAMES,
    ORG_WORDS,
    PREPOSITIONS,
    PRONOUNS_ORG,
    PRONOUNS_PERSON,
    SUBORDINATORS,
    TAKES_LISTENER,
    Block,
    Cue,
    State,
    Who,
    as_written_label,
    common_noun_last,
    described,
    ends_sentence,
    fits,
    found_as,
    gender_of,
    head_noun,
    indefinite,
    is_subject,
    np_after,
    np_before,
    opens_clause,
    owns_nothing,
    progressive,
    pronoun_referent,
    speaker_between_commas,
    without_article,
)
from generator.models import HEADLINE, EntityRef, Mention

# "PENCE: Well, ..." opening a quote: a transcript's speaker label.
TRANSCRIPT = re.compile(r"([A-Z][A-Z’'\-]+(?: [A-Z][A-Z’'\-]+){0,2}):\s")
# '"..." ― Sonya Herridge' closing a paragraph.
BYLINE = re.compile(r"(?<=\x00)\s*[―—]\s*([A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3})\s*\.?\s*$")


class Resolver:
    """Reads a story block by block, resolving each cue's speaker in reading order."""

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

    # ---- reading

    def read_block(self, order: int, block: Block) -> list[Cue]:
        """Cues of one block, resolved, with the state advanced past each."""
        events: list[tuple[int, str, object]] = [(m.start, "mention", m) for m in block.mentions]
        events += [(match.start(), "cue", match) for match in self.p.cue.finditer(block.masked)]
        events += [(span.left, "quote", span) for span in block.spans]
        events += [(match.start(), "byline", match) for match in BYLINE.finditer(block.masked)]
        if not block.mentions:  # no recogniser output: titled names introduce people themselves
            events += [(run.start(), "titled", run) for run in NAME_RUN.finditer(block.masked)]
        events.sort(key=lambda e: (e[0], e[1] != "mention"))
        cues: list[Cue] = []
        label = self._speaker_label(block)
        if label is not None:
            cues.append(label)
            self.state.spoke(label.who)  # type: ignore[arg-type]
        for _pos, what, item in events:
            if what == "mention":
                self._meet(order, block, item)  # type: ignore[arg-type]
            elif what == "titled":
                run: re.Match[str] = item  # type: ignore[assignment]
                if len(run.group().split()) >= 3 and roles_in(self.p, run.group()):
                    self._label_who(order, block, run.group(), run.start())
            elif what == "quote":
                self._quote(order, block, item)  # type: ignore[arg-type]
            elif what == "byline":
                cues.append(self._byline(order, block, item))  # type: ignore[arg-type]
            else:
                cue = self._cue(order, block, item, cues)  # type: ignore[arg-type]
                if cue is not None:
                    cues.append(cue)
                    speech = cue.verb not in self.p.stance_only  # "wants", "called": no speech, no speaker
                    if cue.who is not None and speech and (not cue.weak or self._next_to_quote(block, cue)):
                        self.state.spoke(cue.who)
        return cues

    def _speaker_label(self, block: Block) -> Cue | None:
        """A paragraph of a transcript ("MARLOW: Let's start ...", a person the story named) or a
        headline naming its source before a colon ("Sanders: Clinton needs to ...", "Poll: ...")
        speaks what follows the colon."""
        colon = block.masked.find(": ")
        if colon <= 0 or MASK in block.masked[:colon] or len(block.masked[:colon].split()) > 4:
            return None
        who: Who | None = None
        label = TRANSCRIPT.match(block.masked)
        if label is not None and label.end() == colon + 2:
            known = self._by_name(label.group(1))
            who = known if known.key in self.state.people else None
        elif block.index == HEADLINE:
            named = [m for m in block.mentions if m.start == 0 and m.end == colon]
            if named and self._kind(named[0]) in ("person", "organisation"):
                who = self._entity_who(named[0])
            elif block.masked[:colon].lower() in ("poll", "survey", "study", "report"):
                who = Who(None, block.masked[:colon].lower(), "document", "unnamed")
        return Cue(colon, colon + 1, 0, who, False, np_end=colon, verb=":") if who is not None else None

    def _quote(self, order: int, block: Block, span: Span) -> None:
        """Remember who the story had reached; a transcript label ("PENCE: Well, ...") names
        the speaker of its quote and of the quotes after it."""
        label = TRANSCRIPT.match(block.text, span.start)
        if label is not None:
            self.labelled[(block.index, span.left)] = self._by_name(label.group(1))
            self.state.spoke(self.labelled[(block.index, span.left)])
        state = self.state  # a bare quote paragraph: the speaker, or the person the story turned to since
        self.quote_context[(block.index, span.left)] = (state.last_person or state.last_speaker) if state.last_speaker else None
        pronoun = self._opening_pronoun(order, block, span.left)
        if pronoun is not None:
            self.opening_pronoun[(block.index, span.left)] = pronoun

    def _byline(self, order: int, block: Block, match: re.Match[str]) -> Cue:
        """'"..." ― Sonya Herridge': the name after a dash closing the paragraph."""
        start, end = match.start(1), match.end(1)
        who = self._resolve(order, block, start, end) or self._by_name(match.group(1))
        self.state.spoke(who)
        return Cue(match.start(), match.start() + 1, match.start(), who, trailing=True, np_end=end, verb="―")

    def _by_name(self, name: str) -> Who:
        """A person the story named whose surname is written here (in capitals or not)."""
        wanted = name.split()[-1].casefold()
        for who in reversed(list(self.state.people.values())):
            if who.label.split()[-1].casefold() == wanted:
                return who
        return Who(None, " ".join(w.capitalize() if w.isupper() else w for w in name.split()), "person")

    def subject(self, block: Block, pos: int) -> Who | None:
        """The person whose name opens the sentence around ``pos``, if a mention says so;
        else the first person or organisation named before ``pos`` that owns nothing
        ("In New York, Clinton called half of Trump's supporters ...": Clinton)."""
        start = sentence_start(block.starts, pos)
        before = [m for m in block.mentions if start <= m.start < pos]
        for mention in before:
            if self._kind(mention) in ("person", "organisation") and is_subject(block, mention.start):
                return self._entity_who(mention)
        if (block.index, pos) in self.opening_pronoun:  # "Though she called Smith's plan "outrageous""
            return self.opening_pronoun[(block.index, pos)]
        for kinds in (("person",), ("organisation",)):  # "In a White House statement, President Obama condemned"
            for mention in before:
                if self._kind(mention) in kinds and owns_nothing(block.masked, mention.end, self.p.naming):
                    return self._entity_who(mention)
        return None

    def _meet(self, order: int, block: Block, mention: Mention) -> None:
        who = self._entity_who(mention)
        if who is not None and who.kind == "organisation":
            self._registered(who)  # "the ministry said" later: the ministry the story named
        if who is None or who.kind != "person":
            return
        roles = self._intro_roles(block, mention.start, mention.end)
        self.state.meet(who, roles, (order, mention.start))
        gender = gender_of(block.masked[max(0, mention.start - 6) : mention.start], who.label, roles)
        if gender:
            self.state.genders.setdefault(who.key, gender)
        if len(mention.surface.split()) >= 2:
            self.state.in_full[who.key] = (order, mention.start)
        if is_subject(block, mention.start):
            self.state.last_person = who

    def _intro_roles(self, block: Block, start: int, end: int) -> set[str]:
        """Role words written with a name: "Russian Ambassador to Vietnam Gennady Bezdetko",
        "Konstantin Dolgov, the Russian foreign ministry’s envoy ..."."""
        if self.p.intro is None:
            return set()
        masked = block.masked
        sentence = sentence_start(block.starts, start)
        previous = max((m.end for m in block.mentions if m.end <= start and self._is_person(m)), default=0)
        before = masked[max(sentence, previous) : start]
        before = " ".join(before.split()[-12:])
        after = ""
        if masked[end : end + 2].startswith(","):
            stop = min((i for i in (masked.find(",", end + 1), masked.find(".", end + 1)) if i != -1), default=len(masked))
            after = " ".join(masked[end + 1 : stop].split()[:12])
        return roles_in(self.p, f"{before} | {after}")

    # ---- cues

    def _cue(self, order: int, block: Block, match: re.Match[str], earlier: Sequence[Cue]) -> Cue | None:
        masked = block.masked
        verb = " ".join(match.group().lower().split())
        sentence = sentence_start(block.starts, match.start())
        if verb in self.p.prepositions:
            np_start, np_end = np_after(masked, match.end(), block.starts)
            who = self._resolve(order, block, np_start, np_end)
            phrase = masked[np_start:np_end]  # "according to federal statistics": the source as written
            lower = phrase.split()[:1] and phrase.split()[0].islower() and len(phrase.split()) <= 5
            label = without_article(phrase) if who is None and lower else ""
            return Cue(match.start(), match.end(), match.start(), who, False, np_end=np_end, verb=verb, as_written=label)
        if verb in self.p.participles and not progressive(masked, sentence, match.start()):
            same = [c for c in earlier if c.verb_start >= sentence and c.who is not None and c.verb not in self.p.stance_only]
            who = same[-1].who if same else self._opening_pronoun(order, block, match.start())
            return Cue(match.start(), match.end(), match.start(), who, trailing=False, verb=verb)
        np_start, np_end = np_before(masked, match.start(), sentence)
        who = self._resolve(order, block, np_start, np_end) if np_end > np_start else None
        if who is None and np_end <= np_start:  # "The chairman, Phil Lovas, said": the name between the commas
            named = speaker_between_commas(masked, block.mentions, sentence, match.start())
            who = self._entity_who(named) if named and self._is_person(named) else None
            who = who or self._appositive(order, block, match.start(), sentence)
            if who is not None:  # the speaker's words start after the quote before them ('"…," Jones, 25, said')
                np_start = max(sentence, masked.rfind(MASK, sentence, match.start()) + 1)
            if who is None and re.search(r"\b(?:and|but)(?:\s+(?:also|then|later))?\s*$", masked[sentence : match.start()]):
                who = self.subject(block, match.start())  # "Trump is telling veterans ... and says he will"
        inverted = False
        b = match.end()
        if who is None and np_end <= np_start and verb not in TAKES_LISTENER and opens_clause(masked, np_start, sentence):
            a, b = np_after(masked, match.end(), block.starts)
            first = masked[a:b].split()[:1]
            if first and first[0].lower() not in PREPOSITIONS | CLAUSE_OPENERS:  # "said in a statement", "said he would"
                who = self._resolve(order, block, a, b)
                inverted = who is not None
        lead = masked[sentence:np_start]
        trailing = not inverted and bool(lead.strip()) and lead.rstrip().endswith(",") and ends_sentence(
            masked, match.end(), block.starts
        )
        as_written = masked[np_start:np_end] if who is None and np_end > np_start else ""
        return Cue(
            match.start(), match.end(), np_start, who, trailing, verb in self.p.weak, b if inverted else match.end(), verb,
            as_written_label(as_written),
        )

    def _opening_pronoun(self, order: int, block: Block, pos: int) -> Who | None:
        """"He then defended the remark, saying", "Though she called it": the he/she that
        opens the sentence (after a connector at most), resolved where it stands."""
        sentence = sentence_start(block.starts, pos)
        found = list(WORD.finditer(block.masked, sentence, pos))[:2]
        if found and found[0].group().lower() in SUBORDINATORS | CONNECTORS:
            if found[0].group().lower() in SUBORDINATORS and "," in block.masked[found[0].end() : pos]:
                return None  # "If she did, party procedures give ...": her clause has ended
            found = found[1:]
        words = [w.group().lower() for w in found[:1]]
        if not words or words[0] not in ("he", "she") or MASK in block.masked[sentence : found[0].start()]:
            return None
        return found_as(pronoun_referent(self.state, words[0], (order, sentence)), "pronoun")

    def _next_to_quote(self, block: Block, cue: Cue) -> bool:
        """A quote ends right before the cue's speaker or opens its sentence after the verb."""
        before = block.masked[: cue.np_start].rstrip(" ,")
        after = block.masked[cue.verb_end : sentence_end(block.starts, cue.verb_end, len(block.masked))]
        return before.endswith(MASK) or MASK in after

    def _appositive(self, order: int, block: Block, verb: int, sentence: int) -> Who | None:
        """"Konstantin Dolgov, the ministry's envoy for ..., law, said": walk back over commas."""
        masked = block.masked
        if not masked[sentence:verb].rstrip().endswith(","):
            return None
        commas = [i for i in range(sentence, verb) if masked[i] == ","][::-1][:5]
        for comma in commas:
            chunk = masked[comma + 1 : verb].split()
            if chunk and re.fullmatch(r"\d{1,3},?", chunk[0]):
                chunk = chunk[1:] or ["an"]  # "Mr. King, 82, told me": an age, like an appositive
            inner = [m for m in block.mentions if comma < m.start < verb and self._is_person(m)]
            if not chunk or inner and not (chunk[0].islower() or chunk[0] in ("The", "A", "An")):
                continue  # the name stands before the appositive, not inside it ("Democrat of California" is no name)
            at_comma = [m for m in block.mentions if m.end <= comma and re.fullmatch(r"\s*(?:\([^)]*\))?", masked[m.end : comma])]
            for m in at_comma:  # "Citizenship and Immigration Services, the agency that ..., said"
                if self._kind(m) in ("person", "organisation"):
                    return self._entity_who(m)
            if not at_comma:  # a name the recogniser did not give: the name as written
                run = re.search(r"((?:[A-Z][\w’'\-]*\s+)+[A-Z][\w’'\-]*)(?:\s*\([^)]*\))?$", masked[sentence:comma])
                if run and run.group(1).split()[0] not in NOT_NAMES:
                    return self._label_who(order, block, run.group(1), sentence + run.start(1))
        return None

    # ---- noun phrases

    def _resolve(self, order: int, block: Block, start: int, end: int) -> Who | None:
        """The speaker a noun phrase names, or None."""
        phrase = block.masked[start:end]
        words = [w.lower() for w in WORD.findall(phrase)]
        if not words or MASK in phrase:
            return None
        if len(words) == 1 and words[0] in PRONOUNS_PERSON:
            return found_as(pronoun_referent(self.state, words[0], (order, start)), "pronoun")
        if len(words) == 1 and words[0] == "they":
            return found_as(self.state.last_group, "pronoun")
        if len(words) == 1 and words[0] in PRONOUNS_ORG:
            return found_as(self.state.last_org, "pronoun")
        indefinite = self._indefinite_who(phrase, words)
        if indefinite is not None:
            return indefinite
        inside = [m for m in block.mentions if start <= m.start and m.end <= end]
        role_of = self.p.role.search(phrase) if self.p.role is not None else None
        if role_of and words[0] in DEFINITE and re.match(r"\s+(?:of|at|for|in|with)\b", phrase[role_of.end() :]):
            # "the chairman of the British Phonographic Industry", "the lawyer of Viktor Bout":
            # a role, not the organisation or person it belongs to
            before = phrase[: role_of.start()]
            if not self._names_left(before, start, inside) and not any(m.start < start + len(before) for m in inside):
                return found_as(self._role(phrase[: role_of.end()], (order, start)), "role") or Who(
                    None, without_article(phrase), "person", "unnamed"
                )
        # "Putin's spokesman said": the possessor is not the speaker
        people = [m for m in inside if self._is_person(m) and not block.masked.startswith(("’s", "'s"), m.end)]
        if people:
            return self._family(people[-1])
        orgs = [m for m in inside if self._kind(m) == "organisation"]
        if orgs:
            return self._registered(self._entity_who(orgs[-1]))
        if any(self._is_person(m) for m in inside):
            return Who(None, without_article(phrase), "unnamed", "unnamed")  # "Putin's spokesman"
        if self._names_left(phrase, start, inside):
            return self._name_label(order, block, start, end, inside)
        if self.p.role is not None and self.p.role.search(phrase):
            return found_as(self._role(phrase, (order, start)), "role") or Who(None, without_article(phrase), "person", "unnamed")
        noun = head_noun(phrase, self.p.organisation)
        if noun:
            return self._refer_back(noun, phrase, "organisation")
        noun = head_noun(phrase, self.p.unnamed)
        if noun and words[0] in DEFINITE:
            return self._refer_back(noun, phrase, "unnamed")
        return described(phrase, words)

    def _indefinite_who(self, phrase: str, words: Sequence[str]) -> Who | None:
        """"a source at the ministry", "one questioner": someone the story does not name."""
        if not indefinite(self.p.unnamed, phrase, words):
            return None
        unnamed = self._unnamed(phrase)
        if unnamed:
            return found_as(unnamed, "unnamed")
        if words[0] in INDEFINITE and len(words) <= 5 and words[-1] == common_noun_last(phrase):
            return Who(None, without_article(phrase), "unnamed", "unnamed")  # "one questioner", "a friend"
        return None

    def _family(self, mention: Mention) -> Who | None:
        """A bare surname while the story is about another member of that family, named in
        full ("Alla Bout said ... Bout added"): that member, not the recogniser's pick."""
        who = self._entity_who(mention)
        last = self.state.last_person
        if who is None or len(mention.surface.split()) != 1 or last is None or last.key == who.key:
            return who
        if last.key in self.state.in_full and last.label.split()[-1] == mention.surface:
            return last
        return who

    def _names_left(self, phrase: str, offset: int, inside: Sequence[Mention]) -> bool:
        """Does the phrase name someone, beyond articles, possessors, role words and
        demonyms ("the Russian diplomat", "Russia’s top diplomat": no)? Words of a
        mention (a place, say) do not count: those were settled by the recogniser."""
        tokens = list(WORD.finditer(phrase))
        for n, match in enumerate(tokens):
            word = match.group()
            if any(m.start <= offset + match.start() < m.end for m in inside):
                continue
            if not word[0].isupper() or word in NOT_NAMES or word.endswith(("’s", "'s")):
                continue
            if word.lower() in self.p.intro_words or self.p.organisation and self.p.organisation.fullmatch(word):
                continue
            following = tokens[n + 1].group() if n + 1 < len(tokens) else ""
            if DEMONYM.match(word) and following and (following[0].islower() or following.lower() in self.p.intro_words):
                continue  # "Russian diplomat", "Russian President"
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
        last = self.state.last_org
        if kind == "organisation" and last is not None and (noun in GENERIC_ORG_NOUNS or noun in last.label.lower()):
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

    def _entity_who(self, mention: Mention) -> Who | None:
        entity = self.entities.get(mention.entity)
        if entity is None:
            return Who(None, mention.surface, "person")
        if entity.kind == "place":
            return None
        return Who(entity.id, entity.name, entity.kind)

