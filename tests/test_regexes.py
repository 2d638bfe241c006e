"""The fast pattern builders match exactly what their plain forms match."""

from __future__ import annotations

import re
from itertools import product

from generator.language.regexes import any_fullmatch, one_of, opening_gate, phrase_alternation, regroup

TEXTS = (
    "Mr Smith said that the plan was sound, says Jones, saying nothing.",
    "SAID the Minister; Sayings aside, she told reporters and warned them.",
    "The firm warns that it may sell, the board was told. said",
    "",
)


def _spans(pattern: str, text: str, flags: int = 0) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text, flags)]


def test_phrase_alternation_keeps_every_match_case_sensitive() -> None:
    phrases = sorted({"said", "says", "saying", "said that", "told", "told reporters", "warned", "warns"}, key=len, reverse=True)
    plain = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    grouped = phrase_alternation(phrases)
    assert grouped != plain  # grouped by first letter
    for text in TEXTS:
        assert _spans(rf"\b(?:{grouped})\b", text) == _spans(rf"\b(?:{plain})\b", text)


def test_phrase_alternation_folded_keeps_every_match_ignoring_case() -> None:
    phrases = ["Minister", "minister", "said", "Sayings", "board"]
    plain = "|".join(phrases)
    for text in TEXTS:
        assert _spans(phrase_alternation(phrases, fold=True), text, re.I) == _spans(plain, text, re.I)


def test_phrase_alternation_leaves_other_first_characters_alone() -> None:
    assert phrase_alternation(["'ll", "will"]) == "'ll|will"


def test_regroup_keeps_non_words_in_place() -> None:
    flat = r"was|were|\w{3,}ed|had|has\s+been"
    grouped = regroup(flat, fold=True)
    assert r"\w{3,}ed" in grouped and "has\\s+been" in grouped
    for text in ("it was planned", "he had been there", "has been done", "were worked"):
        assert _spans(grouped, text, re.I) == _spans(flat, text, re.I)
    assert regroup("(?:a|b)|c") == "(?:a|b)|c"  # groups: not split


def test_any_fullmatch_agrees_with_trying_each_pattern() -> None:
    patterns = tuple(re.compile(p, re.I) for p in (r"all news", r".{0,20}cookies.{0,10}", r"(?:https?://|www\.)\S+", r"\d{1,3}"))
    lines = ("All News", "we use cookies here", "x" * 40 + " cookies", "www.example.com/" + "a" * 300, "1234", "12")
    lines += ("x" * 20 + "cookies" + "y" * 10, "x" * 21 + "cookies" + "y" * 10)  # longest covered, one more
    for line in lines:
        assert any_fullmatch(patterns, line) == any(p.fullmatch(line) for p in patterns)
    assert any_fullmatch(patterns, lines[-2]) and not any_fullmatch(patterns, lines[-1])
    combined = one_of(patterns)
    assert combined is not None and combined.longest == 37  # ".{0,20}cookies.{0,10}" at most


def test_patterns_that_cannot_be_combined_are_tried_one_by_one() -> None:
    mixed = (re.compile("a"), re.compile("b", re.I))
    assert one_of(mixed) is None
    assert any_fullmatch(mixed, "B") and not any_fullmatch(mixed, "A")
    backref = (re.compile(r"(a)\1"),)
    assert one_of(backref) is None and any_fullmatch(backref, "aa")


def test_top_branches_split_only_the_outer_alternation() -> None:
    from generator.language.regexes import top_branches

    assert top_branches(re.compile(r"a|(?:b|c)|[|]|\||[]|]x")) == ["a", "(?:b|c)", "[|]", r"\|", "[]|]x"]
    assert top_branches(re.compile("a|b", re.X)) == ["a|b"]


def test_needed_strings_are_in_every_match() -> None:
    from generator.language.regexes import needed

    assert needed(re.compile(r".{0,80}\bMaterials? (?:of|from) (?:this|the)", re.I)) == frozenset({"material"})
    assert needed(re.compile(r"(?:read|see) (?:also|more)")) == frozenset({"also", "more"})
    assert needed(re.compile(r"x+|y?")) is None  # "y?" may match nothing
    assert needed(re.compile(r"©.{0,100}")) == frozenset({"©"})


def test_branches_that_need_a_rare_string_are_skipped_only_without_it() -> None:
    patterns = (
        re.compile(r"menu|.{0,80}\bmaterials? of this site.{0,40}|top", re.I),
        re.compile(r".{0,50}\bsales\b.{0,10}", re.I),
    )
    combined = one_of(patterns)
    assert combined is not None and combined.rare == (" of this site", "sales")  # the longest run of each
    lines = (
        "Menu",
        "All MATERIALS of this site are ours",
        "a plain line of prose about this site and its materials, which goes on",
        "big ſales now",  # "ſ" matches "s" ignoring case, but lower-cases to itself
        "big sales now",
        "top",
        "x" * 200,
    )
    for line in lines:
        assert any_fullmatch(patterns, line) == any(p.fullmatch(line) for p in patterns), line
    assert any_fullmatch(patterns, "big ſales now")


GATED_TEXTS = (
    *TEXTS,
    "Last May, 12 days ago, on 3 June 2014 and in mid-2019; ſome \u212aelvin said so.",
    "early-2020, the 1990s, pre-war; -May; 'June'. (2019) — next week, this year",
)


def test_opening_gate_keeps_every_match() -> None:
    patterns = [
        re.compile(r"(?<![\w'’-])(?:(?P<w>last|next)\s+)?(?P<m>May|June)(?![\w-])", re.IGNORECASE),
        re.compile(r"(?<![\w'’-])(?:(?P<mod>early|mid|pre)[-\s]+)?(?P<y>19\d\d|20\d\d)s?"),
        re.compile(r"(?<!\w)(?:(?-i:[A-Z])\w*\s+)?(?:days?|weeks?)\s+ago", re.IGNORECASE),
        re.compile(r"(?:\d+\s+)?(?:said|saying)|(?:k|s)\w+", re.IGNORECASE),  # "K" (Kelvin) and "ſ" fold to k, s
    ]
    for pattern in patterns:
        gated = opening_gate(pattern)
        assert gated is not pattern and gated.pattern.startswith("(?=[")
        for text in GATED_TEXTS:
            expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in gated.finditer(text)] == expected


def test_opening_gate_leaves_what_it_cannot_read_or_re_scans_for_itself() -> None:
    for source in (r".said", r"[^a]b", r"x?", r"(?i:a)b", r"(?<!a)(?>ab)c", r"said|told", r"[A-Z]\w+"):
        pattern = re.compile(source)
        assert opening_gate(pattern) is pattern


def test_opening_gate_lists_only_the_openers() -> None:
    gated = opening_gate(re.compile(r"(?<!\w)(?:ab|c\d)?(?:x|[y-z])+"))
    assert gated.match("q") is None and gated.match("cat") is None
    assert [m.group() for m in gated.finditer("ab cx zz c1y")] == ["zz", "c1y"]


# The phrase tree (shared beginnings past the first letter): the texts the quote cues are read in.
TREE_TEXTS = (
    *TEXTS,
    "He expressed concern about it; she expressed concerns about them and said to be fine.",
    "SAID the Minister; Sayings aside, the KEY POINTS were ‘clear’ and “final,” Bout’s lawyer said.",
)


def test_phrase_tree_keeps_every_match_of_the_plain_join() -> None:
    phrases = [
        "expressed misgivings about", "expressed concerns about", "expressed concern about", "expressed concern over",
        "said to be", "saying", "said", "says", "sayings", "told", "key points", "key theses", "main points",
    ]
    for fold, text in product((False, True), TREE_TEXTS):
        plain = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
        tree = phrase_alternation(phrases, fold)
        flags = re.I if fold else 0
        for wrap in (r"(?:{})", r"(?<![\w’'\-])(?:{})(?:s|es)?(?![\w’'\-])"):
            assert _spans(wrap.format(tree), text, flags) == _spans(wrap.format(plain), text, flags)


def test_phrase_tree_shares_beginnings_and_keeps_a_shorter_phrase_first_as_written() -> None:
    assert phrase_alternation(["said", "says", "stated"]) == r"s(?:a(?:id|ys)|tated)"
    assert phrase_alternation(["said to", "said"]) == r"said(?:\s+to|)"
    assert phrase_alternation(["said", "said to"]) == r"said(?:|\s+to)"  # order kept: the plain join's meaning
    assert phrase_alternation(["a’b", "a’c"], fold=True) == "a(?:’b|’c)"  # no tree past a character case folding may pair
