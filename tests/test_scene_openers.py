"""A phrase that sets the scene before the speaker, its comma left out, is not the speaker
(quotes/speakers.py ``np_before``, ``_after_scene``): "During the inquiry Oleg Varga said …" is
Varga's, "In a letter to the council she said …" hers. Fixtures are invented sentences."""

from __future__ import annotations

import pytest

from generator.language.lexicon import QuoteCues
from tests.test_statements import statements


@pytest.mark.parametrize(
    ("paragraph", "speaker", "label"),
    [
        ("During his week on the witness stand Oleg Varga said the ferry had left late.", "oleg-varga", "Oleg Varga"),
        ("At the end of a long meeting Marta Kolar said the quay would close in May.", "marta-kolar", "Marta Kolar"),
        ("Marta Kolar chairs the board. In a letter to the council she said the new berths were too small.", "marta-kolar",
         "Marta Kolar"),
    ],
)
def test_the_speaker_after_a_scene_without_its_comma(cues: QuoteCues, paragraph: str, speaker: str | None, label: str) -> None:
    found = statements(cues, paragraph)
    assert [(s, lab) for s, lab, _ in found] == [(speaker, label)]


def test_a_scene_whose_end_is_not_written_is_left_as_it_was(cues: QuoteCues) -> None:
    """"In Lisbon Oleg Varga said": where "In Lisbon" ends is not written; the name run is not cut."""
    found = statements(cues, "In Lisbon Oleg Varga said the ferry had left late.")
    assert [text for _, _, text in found] == ["the ferry had left late"]
