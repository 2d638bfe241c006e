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
3. else, for a quote inside a sentence with no cue ("Pierson praised it as a
   "celebration ..."), the person whose name opens that sentence;
4. else the quote before it in the same paragraph, the one right after it,
   the next paragraph when the quote runs on, or the story's current speaker
   (wire copy paraphrases its main speaker: Russia is in no hurry to use them
   "because they are powerful weapons").

"Weak" cue verbs (claimed, announced, recalled ...) attribute only a quote
next to them and never make anyone the story's speaker ("Bogdanov claimed
the title" is no speech).

A cue's speaker is a person or organisation among the ``mentions`` (only
kinds person and organisation speak), a pronoun (he/she: the person last
named as speaker or subject; it: the last organisation), a role noun ("the
Russian diplomat": the person introduced earlier with that role), or an
unnamed source kept as its label ("source at the Russian Foreign Ministry",
speaker None). A name that is not among the mentions becomes speaker None
with the name as written as label: nothing is invented. A quote nobody can
be found for has speaker None and an empty label.

``Quote.start``/``Quote.end`` cover the quoted words only, without the
marks: ``paragraph[start:end] == quote.text``.

Cue verbs (strong and weak), prepositions, role nouns, unnamed-source heads
and organisation nouns are data: site_config/quotes.yml, parsed by ``load_cues``.
"""


from __future__ import annotations

from generator.analysis.quotes.attribute import find_quotes
from generator.analysis.quotes.spans import MASK, find_spans

__all__ = ["MASK", "find_quotes", "find_spans"]
