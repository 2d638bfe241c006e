"""Helpers split out to spare work per name and per word: they answer as the code they replaced."""

from __future__ import annotations

from generator.analysis.entities.recognise import _discovered
from generator.analysis.entities.resolve import Found, vote
from generator.analysis.spelling.words import _joined_word


def _found(name: str, surface: str, kind: str | None, strength: int) -> Found:
    return Found(0, 0, len(surface), surface, None, name, kind, strength)  # type: ignore[arg-type]


def test_a_tie_goes_to_the_kind_listed_first() -> None:
    assert vote({"place": 2, "person": 2}) == "person"
    assert vote({"place": 2, "organisation": 2}) == "organisation"
    assert vote({"place": 3, "person": 2}) == "place"
    assert vote({}) == "person"


def test_a_discovered_entity_takes_the_fullest_name_the_voted_kind_and_other_spellings_as_aliases() -> None:
    items = [
        _found("Tarasov", "Tarasov", "person", 2),
        _found("Alexei Tarasov", "Alexei Tarasov", "person", 3),
        _found("Tarasov", "TARASOV", None, 1),
        _found("Tarasov", "Tarasov's", "place", 1),
    ]
    ref = _discovered("alexei-tarasov", items)
    assert (ref.id, ref.name, ref.kind, ref.curated) == ("alexei-tarasov", "Alexei Tarasov", "person", False)
    assert ref.aliases == ("TARASOV", "Tarasov", "Tarasov's")


def test_hyphenated_parts_that_make_one_word_are_meant() -> None:
    assert _joined_word("co-operate")
    assert not _joined_word("cooperate")  # no hyphen: nothing joined
    assert not _joined_word("Anglo-French")  # a name, not a lower-case word
    assert not _joined_word("xqz-vvk")
