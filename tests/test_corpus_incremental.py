"""The whole dossier built again after edits in one process (what ``dossier serve`` does, with the last
build's counts, groups and per-story results kept) equals the dossier built afresh.

Every story is invented for the test: names with transliteration variants, bodies with and
without a country, relatives named by first name, acronyms, terms and ages.
"""

from __future__ import annotations

import random

import pytest

from generator.analysis.analyse import analyse
from generator.analysis.entities.gazetteer_match import compile_gazetteer
from generator.config import SiteConfig
from generator.dossier import memo
from generator.dossier.corpus import build_corpus
from generator.dossier.entity_groups import org_groups, person_groups, spelt
from generator.models import Analysis, Article

SENTENCES = [
    "Alexei Dorofeyev said the appeal was filed on 3 March 2011.",
    "Alexey Dorofeyev, 52, told reporters the hearing was set for 14 May 2012.",
    "Yuri Zaretsky said the consul would visit. Yury Zaretskiy gave no date.",
    "The Federal Customs Service said the cargo was seized in June 2010.",
    "The Russian Federal Customs Service confirmed the seizure on Monday.",
    "The Customs Service in Russia said Russia would appeal. Russia's envoy agreed.",
    "Oleg Kamin was sentenced to 12 years in prison in 2012.",
    "Oleg Kamin was sentenced to 15 years in prison, his lawyer said.",
    "Kamin's wife, Vera, said the family would appeal.",
    "Vera Kamina spoke to reporters outside the court in Moscow.",
    "The Eurasian Economic Union (EAEU) met in Minsk in 2014.",
    "Officials of the EAEU said trade had grown.",
    "Martin Kessler, 57, was extradited to the United States in November 2010.",
    "The hearing was postponed to 3 June 2012, Martin Kessler said.",
    "Talks resumed in the port on Friday.",
]


def _story(rng: random.Random, k: int, version: int) -> Article:
    paragraphs = tuple(" ".join(rng.sample(SENTENCES, rng.randrange(1, 4))) for _ in range(rng.randrange(1, 4)))
    return Article(f"s{k}-{version}.txt", "text", f"Story {k} version {version}", "", paragraphs)


@pytest.mark.parametrize("seed", range(3))
def test_edits_give_what_a_fresh_build_gives(config: SiteConfig, seed: int) -> None:
    rng = random.Random(seed)
    analyses: list[Analysis] = [analyse(_story(rng, k, 0), config) for k in range(10)]
    memo.clear()
    build_corpus(analyses, config)
    seen = list(analyses)
    versions = []
    for version in range(1, 7):
        roll = rng.random()
        if roll < 0.15:
            analyses.append(analyse(_story(rng, len(analyses), version), config))  # a story added
        elif roll < 0.3 and len(analyses) > 3:
            del analyses[rng.randrange(len(analyses))]  # a story removed
        for k in rng.sample(range(len(analyses)), rng.randrange(1, 3)):  # one or two edited, or put back as they were
            analyses[k] = rng.choice(seen) if rng.random() < 0.2 else analyse(_story(rng, k, version), config)
        seen.extend(analyses)
        versions.append((list(analyses), build_corpus(analyses, config)))
    for snapshot, updated in versions:
        memo.clear()
        assert updated == build_corpus(snapshot, config)


def _spelt(analyses: list[Analysis], config: SiteConfig) -> tuple[object, ...]:
    spellings = spelt(analyses, config.gazetteer.entries)
    lex = compile_gazetteer(config.gazetteer).lex
    return spellings, person_groups(spellings), org_groups(spellings, lex)


@pytest.mark.parametrize("seed", range(3))
def test_spellings_counted_again_give_a_fresh_count(config: SiteConfig, seed: int) -> None:
    rng = random.Random(seed)
    analyses = [analyse(_story(rng, k, 0), config) for k in range(10)]
    memo.clear()
    _spelt(analyses, config)
    versions = []
    for version in range(1, 6):
        for k in rng.sample(range(len(analyses)), rng.randrange(1, 3)):
            analyses[k] = analyse(_story(rng, k, version), config)
        versions.append((list(analyses), _spelt(analyses, config)))
    for snapshot, updated in versions:
        memo.clear()
        assert updated == _spelt(snapshot, config)


BASE = [
    ("Talks in Minsk", ("Alexei Dorofeyev said the appeal was filed on 3 March 2011.", "Talks resumed in the port on Friday.")),
    ("Customs seizure", ("The Federal Customs Service said the cargo was seized in June 2010.",)),
    ("Kamin sentenced", ("Oleg Kamin was sentenced to 12 years in prison in 2012.", "Vera Kamina spoke in Moscow.")),
    ("Kamin appeal", ("Oleg Kamin was sentenced to 12 years in prison, his lawyer said.",)),
    ("Trade bloc", ("Officials of the EAEU said trade had grown in Minsk.",)),
    ("Kessler extradited", ("Martin Kessler, 57, was extradited to the United States in November 2010.",)),
    ("Port reopens", ("The ferries sailed from the harbour at dawn, the port authority said.",)),
]

# Each edit: (what it changes, the story edited or None to add one, its new paragraphs or None to remove it)
EDITS = [
    ("a sentence added", 6, ("The ferries sailed from the harbour at dawn, the port authority said.", "Crews cheered.")),
    ("a name changed", 0, ("Alexey Dorofeyev said the appeal was filed on 3 March 2011.", "Talks resumed on Friday.")),
    ("a new name", 1, ("The Federal Customs Service said the cargo was seized in June 2010. Yuri Zaretsky agreed.",)),
    ("an alias declared", 4, ("The Eurasian Economic Union (EAEU) met in Minsk in 2014.", "Officials of the EAEU agreed.")),
    ("a relative named", 2, ("Oleg Kamin was sentenced to 12 years in prison in 2012.", "Kamin's wife, Vera, will appeal.")),
    ("a claim changed", 3, ("Oleg Kamin was sentenced to 15 years in prison, his lawyer said.",)),
    ("an age given", 5, ("Martin Kessler, 52, was extradited to the United States in November 2010.",)),
    ("related words", 6, ("The Federal Customs Service said the cargo seized in the harbour sailed at dawn.",)),
    ("a story added", None, ("Alexei Dorofeyev, 52, told reporters Oleg Kamin was sentenced to 18 years in prison.",)),
    ("a story removed", 1, None),
    ("a story put back as it was", 0, BASE[0][1]),
]


def test_each_kind_of_edit_gives_what_a_fresh_build_gives(config: SiteConfig) -> None:
    """Names, aliases, relatives, claims, ages, related words, stories added and removed, one after the other in
    one process (every record of the last build kept): each corpus equals one built afresh."""
    stories = {k: Article(f"t{k}.txt", "text", headline, "", paragraphs) for k, (headline, paragraphs) in enumerate(BASE)}
    analysed = {k: analyse(article, config) for k, article in stories.items()}
    first = dict(analysed)
    memo.clear()
    build_corpus(list(analysed.values()), config)
    versions = []
    for what, k, paragraphs in EDITS:
        if paragraphs is None:
            del analysed[k]
        elif paragraphs is BASE[k or 0][1]:
            analysed[k or 0] = first[k or 0]  # the very object of the first build
        else:
            k = len(BASE) + 1 if k is None else k
            headline = BASE[k][0] if k < len(BASE) else "Dorofeyev speaks"
            analysed[k] = analyse(Article(f"t{k}.txt", "text", headline, "", paragraphs), config)
        snapshot = list(analysed.values())
        versions.append((what, snapshot, build_corpus(snapshot, config)))
    for what, snapshot, warm in versions:
        memo.clear()
        cold = build_corpus(snapshot, config)
        assert warm == cold, what
        assert repr(warm) == repr(cold), what
