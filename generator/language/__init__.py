"""The language layer: what every analysis knows about English news text, written once.

calendar (months, weekdays), lexicon (speech verbs, role nouns, words never flagged),
vocabulary (first names, places, word frequencies), sentences, slugs. It imports nothing
else from the generator, so every other layer may import it.
"""
