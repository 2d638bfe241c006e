"""Quote spans and speaker attribution.

Wire copy quotes in every style at once: straight and curly double quotes,
single quotes, partial quotes inside a sentence, quotes over several
sentences, marks that do not pair (‘...," the lawyer said), a quote split
around its cue ("...," he said. "...") and paragraphs that continue a quote
without opening it. ``find_quotes`` finds the spans, drops titles and scare
quotes ("Oreshnik", ‘quiet diplomacy’), and attributes each quote:

1. a cue right after it ("...," the source said / said Natalia Eismont), or a
   trailing attribution later in the sentence (..., Lavrov noted), unless the
   quote closed its sentence and a cue before it introduced it (X said: "...");
2. else the last cue before it in the same sentence (Dolgov said this ruling
   "...", according to him, such formats "...");
   A name whose verb leads straight into the quote ("Trump boasted, "..."") wins
   over an earlier cue in the sentence;
3. else, for a quote inside a sentence with no cue ("Pierson praised it as a
   "celebration ..."), the person whose words it is said to be ("Trump's claim
   that "..."), the person whose name opens that sentence, the he/she opening it,
   the last name (or he/she) before a verb (subjects.py), or the first person or
   organisation named in it that owns nothing;
4. else the quote before it in the same paragraph, the one right after it,
   whoever the sentence before it in the paragraph is about, the next paragraph
   when the quote runs on, or the story's current speaker (wire copy paraphrases
   its main speaker: Russia is in no hurry to use them "because they are powerful
   weapons"); one who only "suggested" something elsewhere does not take over
   from a main speaker who spoke three times or more.

A country or city that is the whole subject of a cue or opens its sentence before
a verb speaks for its government ("Russia insisted", "Japan branded it ...").

"Weak" cue verbs (claimed, announced, recalled ...) attribute only a quote
next to them and never make anyone the story's speaker ("Bogdanov claimed
the title" is no speech).

A transcript label opening a quote ("PENCE: Well, ...") or a name after a dash
closing its paragraph ('"..." ― Sonya Herridge') names the speaker outright.
A short phrase (three words or fewer) is a quote only in a sentence with a cue
or a naming word ("called them "deplorables"", data: ``naming``), never after
"so-called" (``scare``); a Title Case phrase is a title, not speech.

A cue's speaker is a person or organisation among the ``mentions`` (only
kinds person and organisation speak), a pronoun (he/she: the person the story
is about if the gender fits, else the latest person of that gender, known from
a title, a first name or an earlier pronoun; it: the last organisation), a role
noun ("the Russian diplomat": the person introduced earlier with that role; "the
ministry": the organisation the story named), a bare surname while the story is
about another member of that family (that member), or an unnamed source kept as
its label ("source at the Russian Foreign Ministry", speaker None). Each quote
records how: ``Quote.resolved_by`` is named, pronoun, role, continued (rule 4)
or unnamed.

Reported speech without quotation marks ("X said that …", "…, X said",
"according to X, …", "X told TASS the …", "the poll shows …", a headline's "Sanders: …",
and stances: "X wants to …", "X called for …", data ``stances``/``positions``)
becomes ``Quote(kind="statement")``
(statements.py), in reading order with the quotes. A name that is not among the mentions becomes speaker None
with the name as written as label: nothing is invented. A quote nobody can
be found for has speaker None and an empty label.

``Quote.start``/``Quote.end`` cover the quoted words only, without the
marks: ``paragraph[start:end] == quote.text``.

Cue verbs (strong and weak), prepositions, role nouns, unnamed-source heads,
organisation nouns, naming and scare words are data: site_config/quotes.yml,
parsed by ``generator.language.lexicon.load_cues``; news agencies' names come from
site_config/sources.yml through ``find_quotes(..., agencies=...)``.

Rooms: patterns (cue lists compiled), spans (marks paired, titles, sentences),
speakers (who a speaker is, the story's state, noun-phrase helpers), phrases (a
noun phrase to a speaker), subjects (who acts in a sentence), resolve (the reader
that resolves each cue), attribute (quotes to cues, ``find_quotes``), statements
(reported speech), owners (whose statement it is when no cue named anyone).
"""


from __future__ import annotations

from generator.analysis.quotes.attribute import find_quotes
from generator.analysis.quotes.spans import MASK, find_spans

__all__ = ["MASK", "find_quotes", "find_spans"]
