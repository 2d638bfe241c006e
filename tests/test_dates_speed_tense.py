"""The tense cues found in the lower-cased sentence are those the case-ignoring pattern finds as written."""

from __future__ import annotations

import re

from generator.language.lexicon import QuoteCues
from generator.language.tense import FOLD_UNSAFE, TENSE_CUES, _cue_matches, _cue_re, _cues, reporting_verbs

SENTENCES = (
    "The Minister WILL meet them on Tuesday, he SAID, after the talks were POSTPONED last week.",
    "Officials Said the vote, Scheduled For May 3, Was Expected To Be Held Next Month.",
    "It won’t open until 2019; the firm’s plans were Announced in March and Agreed To by the board.",
    "The politıcal will was there: ſhe wanted it, İstanbul said it had been delayed.",
    "Exports ROSE by a third from 2001, Reuters reported, having FALLEN sharply in 2008.",
    "",
)


def _spans(found: object) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in found]  # type: ignore[attr-defined]


def test_cue_patterns_are_written_in_lower_case() -> None:
    assert all(pattern == pattern.lower() for _, pattern, _ in TENSE_CUES)


def test_folded_matches_are_those_as_written(cues: QuoteCues) -> None:
    reporting = reporting_verbs(cues)
    for sentence in SENTENCES:
        assert _spans(_cue_matches(sentence, reporting)) == _spans(_cue_re(reporting).finditer(sentence))


def test_unsafe_letters_and_cased_verbs_are_read_as_written() -> None:
    sentence = "ſhe SAID the ıtem was Quipped"
    assert any(ch in sentence for ch in FOLD_UNSAFE)
    as_written = _spans(_cue_re(("said",)).finditer(sentence))
    assert _spans(_cue_matches(sentence, ("said",))) == as_written
    cased = ("Quips",)
    assert _spans(_cue_matches("He quips.", cased)) == _spans(re.finditer(_cue_re(cased).pattern, "He quips.", re.I))
    assert [c[2] for c in _cues("He QUIPS on Monday", cased)] == ["report"]
