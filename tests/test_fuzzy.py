"""The one fuzzy-matching module: typing slips and transliteration variants."""

from __future__ import annotations

import pytest

from generator.language import fuzzy


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("Koronolli", "Koronelli", True), ("Thaliand", "Thailand", True), ("wtih", "with", True),
     ("Putin", "Puttin", True), ("Putin", "Pitni", False), ("same", "same", False), ("Bout", "Bolton", False)],
)
def test_one_slip(a: str, b: str, expected: bool) -> None:
    assert fuzzy.one_slip(a, b) is expected


def test_a_swap_is_no_edit_when_swaps_are_off() -> None:
    assert fuzzy.one_slip("Lavrov", "Lavorv")
    assert not fuzzy.one_slip("Lavrov", "Lavorv", swaps=False)
    assert fuzzy.one_edit("Decmber", "December")


def test_edits_and_swaps_hold_the_neighbours() -> None:
    assert "with" in fuzzy.swaps("wtih")
    assert "office" in fuzzy.edits("offfice")
    assert "wtih" not in fuzzy.edits("wtih")


@pytest.mark.parametrize("word", ["unvaforable", "offfice", "wtih", "Thaliand", "recieve", "a", ""])
def test_edits_in_a_word_list_are_the_edits_the_list_holds(word: str) -> None:
    known = {"unfavorable", "unfavourable", "office", "with", "Thailand", "receive", "relieve", "b", "ab", "ba", word}
    assert fuzzy.edits_in(word, known) == {edit for edit in fuzzy.edits(word) if edit in known}
    assert word not in fuzzy.edits_in(word, known)


def test_edits_in_with_the_list_ends_find_the_same_words() -> None:
    known = {"unfavorable", "office", "offices", "with", "receive", "climate", "protection", "tableau", "ab"}
    ends = fuzzy.word_ends(known, 3)
    queries = ["unvaforable", "offfice", "offics", "recieve", "klimaschutz", "climatte", "xlimate", "climatx",
               "protectoin", "tablaeu", "ba", "a", "", "zzzzzzzz", "offices", "cclimate"]
    for word in queries:
        assert fuzzy.edits_in(word, known, ends=ends) == fuzzy.edits_in(word, known), word
    assert fuzzy.edits_in("klimaschutz", known, ends=ends) == set()


def test_words_one_slip_apart_share_a_deletion_key() -> None:
    assert fuzzy.deletion_keys("Koronolli") & fuzzy.deletion_keys("Koronelli")
    assert not fuzzy.deletion_keys("Ivanov") & fuzzy.deletion_keys("Petrov")


@pytest.mark.parametrize(
    ("a", "b"),
    [("Alexei", "Alexey"), ("Alexei", "Aleksei"), ("Aleksey", "Alexei"), ("Yuri", "Yury"), ("Yuriy", "Yuri"),
     ("Zelensky", "Zelenskiy"), ("Zelenskyy", "Zelensky"), ("Dmitri", "Dmitry"), ("Nikolai", "Nikolay"),
     ("Natalya", "Natalia"), ("Mariya", "Maria"), ("Fyodor", "Fedor"), ("Yevgeny", "Evgeny"), ("Gennady", "Genady")],
)
def test_transliteration_variants(a: str, b: str) -> None:
    assert fuzzy.translit_variant(a, b)


@pytest.mark.parametrize(("a", "b"), [("Ivanov", "Ivanova"), ("Alexei", "Alexander"), ("Yuri", "Yuri"), ("Boris", "Doris")])
def test_not_transliteration_variants(a: str, b: str) -> None:
    assert not fuzzy.translit_variant(a, b)


def test_same_name_needs_every_word_to_agree() -> None:
    assert fuzzy.same_name("Alexei Tarasov", "Alexey Tarasov")
    assert fuzzy.same_name("Yuri Ushakov", "Yury Ushakov")
    assert not fuzzy.same_name("Alexei Tarasov", "Alexei Navalny")
    assert not fuzzy.same_name("Alexei Tarasov", "Alexei Tarasov")
    assert not fuzzy.same_name("Alexei Tarasov", "Alexey Ivanovich Tarasov")


def test_doubled_letter() -> None:
    assert fuzzy.doubled("Halvorssen", "Halvorsen")
    assert not fuzzy.doubled("Alexei", "Alexey")
