"""The shortcuts taken for speed answer as the plain forms they replace."""

from __future__ import annotations

from itertools import product

from generator.analysis.quotes.spans import _SPAN_MARK, _VERBISH, MARK_RE, WORD, _mark, has_words, is_speech

TEXTS = (
    "Mr Smith said that the plan was sound, says Jones, saying nothing.",
    "He expressed concern about it; she expressed concerns about them and said to be fine.",
    "SAID the Minister; Sayings aside, the KEY POINTS were ‘clear’ and “final,” Bout’s lawyer said.",
    "citizens’ rights, ’90s, 'quoted', rock 'n' roll, don't, O’Neill.",
    "",
)


def test_span_marks_skip_only_apostrophes_inside_words() -> None:
    for text in TEXTS:
        every = [(m.start(), kind) for m in MARK_RE.finditer(text) for kind in [_mark(text, m.start())] if kind]
        kept = [(m.start(), kind) for m in _SPAN_MARK.finditer(text) for kind in [_mark(text, m.start())] if kind]
        assert kept == every


def test_has_words_counts_as_far_as_asked() -> None:
    text = "one two, three — four"
    for start, end, least in product(range(len(text) + 1), range(len(text) + 1), range(-1, 6)):
        assert has_words(text, start, end, least) == (len(WORD.findall(text[start:end])) >= least)


def test_is_speech_reads_no_further_than_its_answer_needs() -> None:
    def plain(text: str, cue_next: bool, cue_in: bool, inside: bool) -> bool:
        words = WORD.findall(text)
        punctuated = text.rstrip()[-1:] in ".!?,…:;"
        long_words = [w for w in words if len(w) > 3]
        if long_words and all(w[0].isupper() for w in long_words) and (not punctuated or (inside and len(words) <= 6)):
            return False
        if len(words) <= 3:
            return cue_in or (punctuated and cue_next and len(words) >= 2)
        if len(words) <= 5:
            return punctuated or cue_next or any(w.lower() in _VERBISH for w in words)
        return True

    quotes = ["Russia's Shadow Fleet", "Face the Nation,", "a con", "We will not go.", "Seven Long Words Here Are All Titled Now",
              "Seven Long Words Here Are All Titled now", "it is", "One Two Three Four Five Six Seven Eight."]
    for text, flags in product(quotes, product((False, True), repeat=3)):
        assert is_speech(text, *flags) == plain(text, *flags)
