"""Reads a story in order and resolves each cue's speaker: names, pronouns, roles, unnamed sources."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice

from generator.analysis.quotes.patterns import roles_in
from generator.analysis.quotes.phrases import Phrases
from generator.analysis.quotes.spans import MASK, WORD, Span, sentence_end, sentence_start
from generator.analysis.quotes.speakers import (
    CLAUSE_OPENERS,
    CONNECTORS,
    NAME_RUN,
    NOT_NAMES,
    PREPOSITIONS,
    SUBORDINATORS,
    TAKES_LISTENER,
    Block,
    Cue,
    Who,
    as_written_label,
    described,
    ends_sentence,
    found_as,
    gender_of,
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
from generator.analysis.quotes.subjects import actors, acts, opening_name, opens_sentence, owner_of_words, relative_before
from generator.language.lexicon import title_gender
from generator.models import HEADLINE, Mention

# Patterns used on every cue and mention, compiled once.
_APPOSITIVE_TAIL = re.compile(r",\s+(?:the\s+|a\s+)?[a-z][^,\x00]*")
_JOINED_END = re.compile(r"\b(?:and|but)(?:\s+(?:also|then|later))?\s*$")
_NEAR_WHO = re.compile(r"[\s,]*(?:\([^)]*\))?[\s,]*")
_SPACED_DASH = re.compile(r"(?<= )[-–—](?= )|—")
_AGE = re.compile(r"\d{1,3},?")
_AT_COMMA = re.compile(r"\s*(?:\([^)]*\))?")
_NAME_AT_END = re.compile(r"((?:[A-Z][\w’'\-]*\s+)+[A-Z][\w’'\-]*)(?:\s*\([^)]*\))?$")

# "PENCE: Well, ..." opening a quote: a transcript's speaker label.
TRANSCRIPT = re.compile(r"([A-Z][A-Z’'\-]+(?: [A-Z][A-Z’'\-]+){0,2}):\s")
# '"..." ― Sonya Herridge' closing a paragraph.
BYLINE = re.compile(r"(?<=\x00)\s*[―—]\s*([A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3})\s*\.?\s*$")


class Resolver(Phrases):
    """Reads a story block by block, resolving each cue's speaker in reading order."""

    # ---- reading

    def read_block(self, order: int, block: Block) -> list[Cue]:
        """Cues of one block, resolved, with the state advanced past each."""
        events: list[tuple[int, str, object]] = [(m.start, "mention", m) for m in block.mentions]
        events += [(match.start(), "cue", match) for match in self.p.cues_in(block.masked)]
        events += [(span.left, "quote", span) for span in block.spans]
        if MASK in block.masked and ("—" in block.masked or "―" in block.masked):  # a byline follows a quote
            # (its look-behind needs the mask, and it opens with a dash)
            events += [(match.start(), "byline", match) for match in BYLINE.finditer(block.masked)]
        if not block.mentions:  # no recogniser output: titled names introduce people themselves
            events += [(run.start(), "titled", run) for run in NAME_RUN.finditer(block.masked)]
        events.sort(key=lambda e: (e[0], e[1] != "mention"))
        for mention in block.mentions:
            if (gender := title_gender(block.masked, mention.start)) is not None:
                self.state.titled[(mention.paragraph, mention.start)] = gender  # "Mrs Howard": not Michael Howard
        cues: list[Cue] = []
        self.state.reading = order
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
                        self.state.spoke(cue.who, cue.weak)
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
        self.quote_context[(block.index, span.left)] = state.continuing()
        pronoun = self._opening_pronoun(order, block, span.left)
        if pronoun is not None:
            self.opening_pronoun[(block.index, span.left)] = pronoun
        actor = self._actor(order, block, span.left)
        if actor is not None:
            self.acting[(block.index, span.left)] = actor
        before = self._previous_subject(order, block, span.left)
        if before is not None:
            self.previous[(block.index, span.left)] = before

    def _previous_subject(self, order: int, block: Block, pos: int) -> Who | None:
        """'His partner, Lawrence Cummings, called him a master. "He showed ..."': who the
        sentence before a quote's own is about (its last name before a verb, its opening
        he/she, else the first person it names who owns nothing and follows no preposition)."""
        own = sentence_start(block.starts, pos)
        earlier = sentence_start(block.starts, own - 1) if own > 0 else own
        if earlier == own:
            return None
        acted = self._actor(order, block, own - 1)
        if acted is not None:  # not a country: "Russia has always called for ... "Regardless of the war, ...""
            return acted[1] if acted[1].kind != "place" else None
        pronoun = self._opening_pronoun(order, block, own - 1)
        if pronoun is not None:
            return pronoun
        for m in block.mentions:
            if earlier <= m.start < own and self._is_person(m) and owns_nothing(block.masked, m.end, None):
                before = block.masked[earlier : m.start].split()[-1:]  # split only for a candidate, not every mention
                if not before or before[0].lower() not in PREPOSITIONS:
                    return self._family(m)
        return None

    def _actor(self, order: int, block: Block, pos: int) -> tuple[bool, Who, int] | None:
        """The last name (or he/she) before a verb in the sentence up to ``pos``, and whether
        its verb leads straight into a quote there ("Trump boasted, "..."")."""
        found = actors(block, pos, lambda m: self._speaks(block, m), (self.p.cue, self.p.naming))
        for actor in reversed(found):
            if actor.mention is None:
                who = found_as(pronoun_referent(self.state, actor.word, (order, actor.start)), "pronoun")
            elif self._kind(actor.mention) == "place":
                who = self._place_who(actor.mention)
            else:
                who = self._family(actor.mention)
            if who is not None:
                return actor.leads_in, who, actor.start
        named = opening_name(block, pos, (self.p.cue, self.p.naming)) if not found else None
        return (named[2], self._label_who(order, block, named[0], named[1]), named[1]) if named else None

    def _speaks(self, block: Block, mention: Mention) -> bool:
        """People and organisations speak; so does a country or city that opens its sentence
        ("Japan branded North Korea an "outlaw nation"")."""
        kind = self._kind(mention)
        return kind in ("person", "organisation") or kind == "place" and opens_sentence(block, mention.start)

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
        else the he/she opening it, the last name before a verb (subjects.py), or the first
        person or organisation named before ``pos`` that owns nothing."""
        owner = owner_of_words(block, pos, self.p.naming)
        if owner is not None and self._is_person(owner):  # "Politifact ruled that Trump’s claim about "...""
            return self._family(owner)
        start = sentence_start(block.starts, pos)
        before = [m for m in block.mentions if start <= m.start < pos]
        for n, mention in enumerate(before):
            if self._kind(mention) in ("person", "organisation") and is_subject(block, mention.start):
                member = self._member_named(block, mention, before[n + 1 :])
                return self._entity_who(member or mention)
        if (block.index, pos) in self.opening_pronoun:  # "Though she called Smith's plan "outrageous""
            return self.opening_pronoun[(block.index, pos)]
        if (block.index, pos) in self.acting:  # "At a gala with Barbra Streisand, Clinton called them "...""
            return self.acting[(block.index, pos)][1]
        # "In a White House statement, President Obama condemned"; "During talks with Biden Putin "responded …"":
        # not the one after a preposition while another stands free
        free = [m for m in before if block.masked[start : m.start].split()[-1:] not in [[w] for w in PREPOSITIONS]]
        for kinds in (("person",), ("organisation",)):
            for mention in free + before:
                if self._kind(mention) in kinds and owns_nothing(block.masked, mention.end, self.p.naming):
                    return self._entity_who(mention)
        return self._naming_subject(block, start, pos)

    def _member_named(self, block: Block, org: Mention, after: Sequence[Mention]) -> Mention | None:
        """"UK Independence Party leader Roger Knapman attacked …": the person an organisation's role noun
        introduces, not the organisation."""
        if self._kind(org) != "organisation" or not after or not self._is_person(after[0]):
            return None
        between = block.masked[org.end : after[0].start].split()
        return after[0] if 1 <= len(between) <= 3 and all(w.islower() for w in between) else None

    def _naming_subject(self, block: Block, start: int, pos: int) -> Who | None:
        """"The ministry called the arrest "politically motivated."": the words before the naming
        verb, read as a speaker (the ministry the story named), when no name stands there."""
        naming = self.p.naming.search(block.masked, start, pos) if self.p.naming is not None else None
        if naming is None:
            return None
        np_start, np_end = np_before(block.masked, naming.start(), start)
        who = self._resolve(self.state.reading, block, np_start, np_end) if np_end > np_start else None
        return who if who is not None and who.entity is not None else None  # not "His" of "His surrogates"

    def _meet(self, order: int, block: Block, mention: Mention) -> None:
        who = self._entity_who(mention)
        if who is not None and who.kind == "organisation":
            self._registered(who)  # "the ministry said" later: the ministry the story named
        if who is None or who.kind != "person":
            return
        roles = self._intro_roles(block, mention.start, mention.end)
        new = who.key not in self.state.people
        self.state.meet(who, roles, (order, mention.start))
        tail = block.masked[mention.end : sentence_end(block.starts, mention.end, len(block.masked))]
        appositive = _APPOSITIVE_TAIL.fullmatch(tail.rstrip())
        if new and appositive and roles_in(self.p, " ".join(tail.split()[:4])):
            self.state.last_person = who  # "... concerns Henry Crespo, president of the caucus.": the next "he"
        gender = gender_of(block.masked[max(0, mention.start - 6) : mention.start], who.label, roles)
        if gender:
            self.state.genders.setdefault(who.key, gender)
        if len(mention.surface.split()) >= 2:
            self.state.in_full[who.key] = (order, mention.start)
        if is_subject(block, mention.start):  # a bare surname opening its sentence: the family member in view
            self.state.last_person = self._family(mention) or who
        elif acts(block, mention.start, mention.end, (self.p.cue, self.p.naming)):
            self.state.last_person = self._family(mention) or who  # "..., Clinton restricted comments"

    # ---- cues

    def _cue(self, order: int, block: Block, match: re.Match[str], earlier: Sequence[Cue]) -> Cue | None:
        masked = block.masked
        verb = " ".join(match.group().lower().split())
        sentence = sentence_start(block.starts, match.start())
        if masked[max(0, match.start() - 8) : match.start()].split()[-1:] in (["the"], ["his"], ["her"], ["its"], ["their"]):
            return None  # "one of the states", "his notes": a noun
        if masked[max(0, match.start() - 7) : match.start()].lower().rstrip().endswith("having"):
            return None  # "Having said that, ...": no one is quoted
        if verb in self.p.prepositions:
            np_start, np_end = np_after(masked, match.end(), block.starts)
            who = self._resolve(order, block, np_start, np_end)
            phrase = masked[np_start:np_end]  # "according to federal statistics": the source as written
            lower = phrase.split()[:1] and phrase.split()[0].islower() and len(phrase.split()) <= 5
            label = without_article(phrase) if who is None and lower else ""
            closing = masked[sentence : match.start()].rstrip().endswith(",") and ends_sentence(masked, np_end, block.starts)
            return Cue(  # '... a "walk-in", according to the organisers.': it closes its sentence
                match.start(), match.end(), match.start(), who, closing, np_end=np_end, verb=verb, as_written=label
            )
        if verb in self.p.participles and not progressive(masked, sentence, match.start()):
            same = [c for c in earlier if c.verb_start >= sentence and c.who is not None and c.verb not in self.p.stance_only]
            who = same[-1].who if same else self._opening_pronoun(order, block, match.start())
            return Cue(match.start(), match.end(), match.start(), who, trailing=False, verb=verb)
        np_start, np_end = np_before(masked, match.start(), sentence)
        if verb == "states" and {"of", "between", "among", "across"} & set(masked[np_start:np_end].lower().split()):
            return None  # "outlets of the BRICS member states": the noun
        who = self._resolve(order, block, np_start, np_end) if np_end > np_start else None
        if who is not None and len(masked[np_start:np_end].split()) == 1:
            who = self._relative_by_pronoun(who, masked, match.end())
        if who is None and np_end <= np_start:  # "The chairman, Phil Lovas, said": the name between the commas
            named = speaker_between_commas(masked, block.mentions, sentence, match.start())
            who = self._entity_who(named) if named and self._is_person(named) else None
            who = who or self._appositive(order, block, match.start(), sentence)
            who = who or self._antecedent(block, match.start(), sentence)  # "Kolar, who said"
            if who is not None:  # the speaker's words start after the quote before them ('"…," Jones, 25, said')
                np_start = max(sentence, masked.rfind(MASK, sentence, match.start()) + 1)
            if who is None and _JOINED_END.search(masked[sentence : match.start()]):
                who = self.subject(block, match.start())  # "Trump is telling veterans ... and says he will"
        inverted = False
        b = match.end()
        inverts = verb not in TAKES_LISTENER and not relative_before(masked, sentence, match.start())  # not "who said the talks"
        if who is None and np_end <= np_start and inverts and opens_clause(masked, np_start, sentence):
            a, b = np_after(masked, match.end(), block.starts)
            first = masked[a:b].split()[:1]
            if first and first[0].lower() not in _NO_INVERTED_SPEAKER:  # "said in a statement", "said he would"
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

    def _antecedent(self, block: Block, verb: int, sentence: int) -> Who | None:
        """"Marta Kolar, who said ...": the person a "who" follows; "the study -- which notes":
        the phrase set off before a "which" or "that"."""
        relative = relative_before(block.masked, sentence, verb)
        if relative is None:
            return None
        word, at = relative
        if word == "who":
            people = [m for m in block.mentions if sentence <= m.start and m.end <= at and self._is_person(m)]
            near = people and _NEAR_WHO.fullmatch(block.masked[people[-1].end : at])
            return self._family(people[-1]) if near else None
        head = block.masked[sentence:at].rstrip()
        if not head.endswith((",", "-", "—", "–")):
            return None
        head = head.rstrip(" ,-—–")
        start = sentence + max(head.rfind(","), head.rfind(" -"), head.rfind("—"), -1) + 1
        phrase = block.masked[start : sentence + len(head)]
        words = [w.lower() for w in WORD.findall(phrase)]
        return described(phrase, words) if words else None

    def _opening_pronoun(self, order: int, block: Block, pos: int) -> Who | None:
        """"He then defended the remark, saying", "Though she called it": the he/she that
        opens the sentence (after a connector at most), resolved where it stands."""
        sentence = sentence_start(block.starts, pos)
        found = list(islice(WORD.finditer(block.masked, sentence, pos), 2))  # the first two words, not all
        if found and found[0].group().lower() in _OPENING_WORDS:
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
        """"Konstantin Dolgov, the ministry's envoy for ..., law, said": walk back over commas
        (a spaced dash counts as one: "Andrei Illarionov - then an adviser - told")."""
        lead = block.masked[sentence:verb].rstrip()  # asked before the dashes are replaced: most cues stop here
        if not lead or lead[-1] != "," and _SPACED_DASH.match(block.masked, sentence + len(lead) - 1) is None:
            return None
        masked = _SPACED_DASH.sub(",", block.masked)  # one character for one: the offsets stay
        commas: list[int] = []  # the last five, from the verb back
        comma = verb
        while len(commas) < 5 and (comma := masked.rfind(",", sentence, comma)) != -1:
            commas.append(comma)
        for comma in commas:
            chunk = masked[comma + 1 : verb].split()
            if chunk and _AGE.fullmatch(chunk[0]):
                chunk = chunk[1:] or ["an"]  # "Mr. King, 82, told me": an age, like an appositive
            inner = [m for m in block.mentions if comma < m.start < verb and self._is_person(m)]
            at_comma = [m for m in block.mentions if m.end <= comma and _AT_COMMA.fullmatch(masked[m.end : comma])]
            # "Alexei Markov, Dorinsky's lawyer, said": a possessive appositive after a name at the comma
            owned = bool(at_comma) and chunk[:1] != [] and chunk[0].endswith(("’s", "'s")) and len(chunk) > 1
            if not chunk or inner and not (chunk[0].islower() or chunk[0] in ("The", "A", "An") or owned):
                continue  # the name stands before the appositive, not inside it ("Democrat of California" is no name)
            for m in at_comma:  # "Citizenship and Immigration Services, the agency that ..., said"
                if self._kind(m) in ("person", "organisation"):
                    return self._entity_who(m)
                if self._kind(m) == "place" and opens_sentence(block, m.start):  # "China, Pyongyang's ally, said"
                    return self._place_who(m)
            if not at_comma:  # a name the recogniser did not give: the name as written
                run = _NAME_AT_END.search(masked[sentence:comma])
                if run and run.group(1).split()[0] not in NOT_NAMES:
                    return self._label_who(order, block, run.group(1), sentence + run.start(1))
        return None


# Unions of the word lists above, built once rather than on every call.
_NO_INVERTED_SPEAKER = PREPOSITIONS | CLAUSE_OPENERS
_OPENING_WORDS = SUBORDINATORS | CONNECTORS
