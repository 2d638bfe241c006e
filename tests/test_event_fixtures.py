"""Timeline events from invented wire stories (tests/fixtures/events, gold written with them)."""

from __future__ import annotations

import pytest

from bench.eval_events import DEFAULT, score
from generator.config import SiteConfig
from generator.language.tense import tense_at


def test_every_gold_event_is_found_and_nothing_else(config: SiteConfig) -> None:
    missed, spurious, gold = score(DEFAULT, config)
    assert len(gold) >= 25 and len({g.source for g in gold}) >= 7
    assert missed == [] and spurious == []


def test_the_stories_cover_what_item_6_asks() -> None:
    stories = " ".join(p.read_text(encoding="utf-8") for p in sorted(DEFAULT.glob("*.txt"))).lower()
    for phrase in ("on tuesday", "last month", "next week", "two days ago", "he was", "the diplomat", "1987 treaty"):
        assert phrase in stories
    assert "law of 2012" in stories and "2010 and 2014" in stories and "2011, 2013 and 2015" in stories


def test_a_role_inside_a_sentence_links_only_to_a_person_introduced_with_it(config: SiteConfig) -> None:
    from generator.analysis.analyse import analyse
    from generator.dossier.events import build_events
    from generator.readers.text import read

    def entities(text: str) -> list[tuple[str, ...]]:
        analysis = analyse(read("Headline\n\nBERLIN, May 5, 2020 (Wirepress) - " + text, "r.txt", config.reader), config)
        kinds = {e.id: e.kind for e in (*config.gazetteer.entries, *analysis.discovered)}
        return [e.entities for e in build_events([("r", analysis)], kinds=kinds, roles=config.cues.roles)]

    introduced = "Czech ambassador Karel Strnad left on Sunday.\n\nA dinner for the ambassador is planned for June 1.\n"
    assert entities(introduced)[-1][:1] == ("karel-strnad",)
    other = "Banker Karel Strnad left on Sunday.\n\nA dinner for the ambassador is planned for June 1.\n"
    assert "karel-strnad" not in entities(other)[-1]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The judge's term ends in 2015.", "future"),
        ("The contract expires on March 1.", "future"),
        ("The new rules take effect in June.", None),  # plural present: no cue, no claim
    ],
)
def test_a_term_told_in_the_present_runs_out_ahead(sentence: str, expected: str | None) -> None:
    words = ("2015", "March 1", "June")
    span = next(w for w in words if w in sentence)
    start = sentence.index(span)
    assert tense_at(sentence, start, start + len(span)) == expected
