"""The timeline, the dates stories bound in each other and the chains, built again after edits in one
process (``dossier serve``: every story but the edited one hands in the same analysis) equal what a
fresh build gives. Every story is invented for the test.
"""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from generator.analysis.analyse import analyse
from generator.config import ReaderOptions, SiteConfig
from generator.dossier import memo
from generator.dossier.buckets import group
from generator.dossier.corpus import Corpus, build_corpus
from generator.dossier.events import build_events
from generator.models import Analysis
from generator.readers.text import read

OPTIONS = ReaderOptions(furniture=(re.compile("all news", re.IGNORECASE),))

ACQUITTAL = "The Leeds Crown Court acquitted businessman Marten Hollis of fraud charges on May 3, his lawyer said."
RETOLD = "Businessman Marten Hollis was acquitted of fraud charges by a court in Leeds on May 3."
EXPECTED = "The hearing of Marten Hollis at the Leeds Crown Court is expected on June 14, his lawyer said."
POSTPONED = "The hearing of Marten Hollis at the Leeds Crown Court was postponed to July 2, his lawyer said."
CANCELLED = "The hearing of Marten Hollis at the Leeds Crown Court was cancelled, his lawyer said."
HELD = "The hearing of Marten Hollis at the Leeds Crown Court was held on July 2, his lawyer said."


def _story(dateline: str, *body: str) -> str:
    return "Headline of the story\n\n" + f"{dateline} " + "\n\n".join(body) + "\n"


BASE = {
    "wire_a.txt": _story("LEEDS, May 4, 2013. (Wirepress) -", ACQUITTAL, "Prosecutors said they would appeal."),
    "wire_b.txt": _story("LEEDS, May 10. (Wirepress) -", RETOLD, "Prosecutors have not commented."),
    "wire_c.txt": _story("LEEDS, June 1, 2013. (Wirepress) -", EXPECTED),
    "wire_d.txt": _story("LEEDS, June 13, 2013. (Wirepress) -", POSTPONED),
    "wire_e.txt": _story("LEEDS, July 3, 2013. (Wirepress) -", HELD, "Marten Hollis did not speak."),
}

# Each edit applied to the dossier as the last one left it: (story, its new text, or None to remove it).
EDITS: list[tuple[str, str, str | None]] = [
    ("an event's date", "wire_a.txt", BASE["wire_a.txt"].replace("on May 3", "on May 6")),
    ("an event's sentence", "wire_a.txt", BASE["wire_a.txt"].replace("his lawyer said", "the court's clerk told reporters")),
    ("a dateline's date", "wire_a.txt", BASE["wire_a.txt"].replace("May 4, 2013", "May 4, 2014")),
    ("a retold event dated in full", "wire_f.txt", _story("LEEDS, May 5, 2013. (Wirepress) -", RETOLD.replace("3", "3, 2013"))),
    ("the dated story removed", "wire_a.txt", None),
    ("the dated story back as it was", "wire_a.txt", BASE["wire_a.txt"]),
    ("a postponement's new date", "wire_d.txt", BASE["wire_d.txt"].replace("July 2", "July 9")),
    ("an expectation removed", "wire_c.txt", None),
    ("a sentence with an event word and no date", "wire_e.txt", BASE["wire_e.txt"] + "\nThe sentence was read out.\n"),
    ("the expectation back", "wire_c.txt", BASE["wire_c.txt"]),
    ("a cancellation with no date of its own", "wire_g.txt", _story("LEEDS, June 10, 2013. (Wirepress) -", CANCELLED)),
]


class _Analyser:
    """One Analysis object per text, as a long-running process keeps them: an unchanged story is the same object."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.done: dict[tuple[str, str], Analysis] = {}

    def __call__(self, texts: dict[str, str]) -> list[Analysis]:
        out = []
        for name, text in sorted(texts.items()):
            if (name, text) not in self.done:
                self.done[(name, text)] = analyse(read(text, name, OPTIONS), self.config)
            out.append(self.done[(name, text)])
        return out


def _fresh(analyses: list[Analysis], config: SiteConfig) -> Corpus:
    memo.clear()
    return build_corpus(analyses, config)


def test_the_fixture_exercises_bounds_events_and_chains(config: SiteConfig) -> None:
    corpus = _fresh(_Analyser(config)(BASE), config)
    wire_b = next(info for info in corpus.articles if info.analysis.article.source == "wire_b.txt")
    assert wire_b.analysis.pubdate.status == "inferred" and wire_b.analysis.pubdate.date == dt.date(2013, 5, 10)
    assert any(e.date == dt.date(2013, 5, 3) and len(e.sources) == 2 for e in corpus.events)
    assert [step.kind for chain in corpus.chains for step in chain.steps] == ["expected", "postponed", "held"]


def test_each_edit_gives_what_a_fresh_build_gives(config: SiteConfig) -> None:
    analyser = _Analyser(config)
    texts = dict(BASE)
    memo.clear()
    before = build_corpus(analyser(texts), config)
    versions = []
    for what, name, text in EDITS:
        if text is None:
            del texts[name]
        else:
            texts[name] = text
        analyses = analyser(texts)
        updated = build_corpus(analyses, config)
        assert (updated.events, updated.chains) != (before.events, before.chains) or what.startswith("a sentence"), what
        versions.append((what, analyses, updated))
        before = updated
    for what, analyses, updated in versions:
        fresh = _fresh(analyses, config)
        assert updated == fresh, what
        assert repr(updated) == repr(fresh), what


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_give_what_a_fresh_build_gives(config: SiteConfig, seed: int) -> None:
    rng = random.Random(seed)
    analyser = _Analyser(config)
    pool = [text for _, _, text in EDITS if text is not None] + list(BASE.values())
    texts = dict(BASE)
    memo.clear()
    build_corpus(analyser(texts), config)
    versions = []
    for step in range(8):
        name = rng.choice([*texts, f"extra_{step}.txt"])
        if rng.random() < 0.2 and len(texts) > 2:
            texts.pop(name, None)
        else:
            texts[name] = rng.choice(pool)
        analyses = analyser(texts)
        versions.append((analyses, build_corpus(analyses, config)))
    for analyses, updated in versions:
        assert updated == _fresh(analyses, config)


def test_buckets_made_again_only_where_a_story_changed() -> None:
    rng = random.Random(7)
    made: list[tuple[int, ...]] = []

    def make(items: tuple[int, ...]) -> tuple[int, ...]:
        made.append(items)
        return items

    parts = {f"s{k}": [rng.randrange(100) for _ in range(rng.randrange(4))] for k in range(40)}
    last = group(parts, lambda n: n % 7, lambda n: n, make)
    for step in range(30):
        parts = dict(parts)
        story = f"s{rng.randrange(45)}"
        if rng.random() < 0.2:
            parts.pop(story, None)
        else:
            parts[story] = [rng.randrange(100) for _ in range(rng.randrange(4))]
        made.clear()
        updated = group(parts, lambda n: n % 7, lambda n: n, make, last)
        fresh = group(parts, lambda n: n % 7, lambda n: n, lambda items: items)
        assert updated == fresh, step
        touched = {n % 7 for n in [*last.parts.get(story, ()), *parts.get(story, ())]}
        assert {items[0] % 7 for items in made} <= touched
        last = updated


def test_events_follow_a_change_of_entity_kinds(config: SiteConfig) -> None:
    text = _story("LEEDS, May 4, 2013. (Wirepress) -", "Marten Hollis arrived in Leeds.", "He was acquitted on May 3, 2013.")
    analysis = analyse(read(text, "wire_k.txt", OPTIONS), config)
    person = next(m.entity for m in analysis.mentions if "Hollis" in m.surface)
    roles = config.cues.roles
    items = [("2013-05-04-k", analysis)]
    memo.clear()
    told = {}
    for kind in ("person", "organisation", "person"):
        told[kind] = build_events(items, kinds={person: kind}, roles=roles)
    assert person in {e for event in told["person"] for e in event.entities}
    assert person not in {e for event in told["organisation"] for e in event.entities}
    for kind, events in told.items():
        memo.clear()
        assert events == build_events(items, kinds={person: kind}, roles=roles)
