"""A first build's text-only reading done in a forked copy (dossier/beside.py) gives the same dossier,
and the same textmemo entries, as the reading done in this process.

Every story is invented for the test.
"""

from __future__ import annotations

import os

import pytest

from generator.analysis.analyse import analyse
from generator.config import SiteConfig
from generator.dossier import beside, memo
from generator.dossier.accounts import wanted_blocks
from generator.dossier.chains.wording import vocabulary
from generator.dossier.claims import cut_block
from generator.dossier.corpus import build_corpus
from generator.dossier.related import kept_vectors, term_weights
from generator.language import textmemo
from generator.models import Article

BODIES = [
    ("ROME (Reuters) - Marta Vinci, 41, was elected mayor on 4 May 2011.", "The council met in March 2012. It went well."),
    ("The port authority said the ferry was seized in June 2010.", "Pietro Lanza said the trial was postponed to 3 June 2012."),
    ("Marta Vinci said the vote would be held in 2013.", "Pietro Lanza was sentenced to 9 years in prison."),
]

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="beside.start forks: no os.fork here")


def _articles() -> list[Article]:
    return [Article(f"b{k}.txt", "text", f"Harbour story {k}", "", BODIES[k % 3]) for k in range(6)]


def test_the_copy_reads_what_this_process_reads(config: SiteConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(beside, "FROM", 1)
    articles = _articles()
    wanted, events = wanted_blocks(config.accounts), vocabulary(config.accounts).words
    assert events is not None
    started = beside.start(articles, beside.Patterns(wanted, events, term_weights, cut_block, kept_vectors))
    assert started is not None
    read = started()
    assert read is not None and read.pattern == wanted.pattern
    beside.take(read)
    try:
        docs = []
        for article in articles:
            text = " ".join(text for _, text in article.text_blocks())
            key, weights = read.words[id(article)]
            assert weights == term_weights(text)
            assert key == textmemo.remembered_keyed(beside.WORDS, text, term_weights)[0]
            docs.append(weights)
            cuts = beside.cuts_of(article, wanted.pattern)
            assert cuts is not None
            blocks = list(article.text_blocks())
            assert [cut for _, cut in cuts] == [cut_block(text, beside.skip_of(article, i, text), wanted) for i, text in blocks]
            for (_, cut), (_, text) in zip(cuts, blocks, strict=True):
                for a, b in cut or ():
                    assert beside.event_words(events, text[a:b]) == tuple(events.findall(text[a:b]))
        assert beside.vectors_of(articles) == kept_vectors(docs)
        assert any(cut is not None for a in articles for _, cut in beside.cuts_of(a, wanted.pattern) or ())
        assert beside.cuts_of(articles[0], "another pattern") is None
    finally:
        beside.take(None)


def test_a_first_build_read_beside_equals_one_read_here(config: SiteConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    analyses = [analyse(article, config) for article in _articles()]
    memo.clear()
    monkeypatch.setattr(beside, "FROM", 10**9)
    here = build_corpus(analyses, config)
    memo.clear()
    monkeypatch.setattr(beside, "FROM", 1)
    forked: list[object] = []
    start = beside.start
    monkeypatch.setattr(beside, "start", lambda *a: forked.append(1) or start(*a))
    there = build_corpus(analyses, config)
    assert forked, "the first build did not read beside"
    assert there == here
    assert repr(there) == repr(here)
