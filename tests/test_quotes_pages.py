"""The quotes pages cut from their sections as made give the pages of the whole list split by size.

``quotes_pages`` does not join the list into one text to split it again (render/quotes_page.py);
here generated analyses with many speakers (one of them long enough to be cut in pieces, two
with a page of their own) and awkward text make the list run to several pages, and the two ways
must give the same bytes, then the same after an edit under a long-running process's memo.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from generator.config import SiteConfig
from generator.dossier import memo
from generator.dossier.corpus import Corpus, build_corpus
from generator.models import Analysis, Article, EntityRef, Mention, PubDate, Quote
from generator.render.indexes import MAX_PAGE_CHARS, split_by_size
from generator.render.quotes_page import TITLE, quotes_pages, render_quotes

PEOPLE = (EntityRef("ann-lee", "Ann Lee", "person", curated=True), EntityRef("bo-park", "Bo Park", "person", curated=True))


def _analysis(i: int) -> Analysis:
    words = f"The harbour plan number {i} will need [more] *time* & money, "
    paragraphs = tuple(f"Paragraph {p} of report {i} on the harbour works." for p in range(4))
    quotes = [
        Quote(words + "x" * (i % 50), p, 0, 10, "ann-lee" if p == 0 else None, "Ann Lee" if p == 0 else f"a source {i % 37}")
        for p in range(3)
    ]
    quotes.append(Quote(f"the works of year {i} were late", 3, 0, 10, "bo-park", "Bo Park", kind="statement"))
    article = Article(
        source=f"gen/{i:03d}.txt", format="text", headline=f"Report #{i} on the `harbour`", standfirst="", paragraphs=paragraphs
    )
    mentions = (Mention("ann-lee", 1, 0, 7, "Ann Lee"), Mention("bo-park", 2, 0, 7, "Bo Park"))
    pubdate = PubDate(dt.date(2018, 1, 1) + dt.timedelta(days=3 * i), "given")
    return Analysis(article=article, pubdate=pubdate, mentions=mentions, discovered=PEOPLE, quotes=tuple(quotes))


def _corpus(config: SiteConfig, analyses: list[Analysis]) -> Corpus:
    return build_corpus(analyses, replace(config, problems_page=False))


def test_quotes_pages_are_the_whole_list_split_by_size(config: SiteConfig) -> None:
    corpus = _corpus(config, [_analysis(i) for i in range(400)])
    whole = render_quotes(corpus)
    assert len(whole.text) > 4 * MAX_PAGE_CHARS  # several pages, and Ann Lee's section cut in pieces
    expected = split_by_size(whole, TITLE)
    assert len(expected) > 4 and any("Ann Lee (continued)" in page.text for page in expected)
    assert quotes_pages(corpus) == expected
    small = _corpus(config, [_analysis(i) for i in range(3)])
    assert quotes_pages(small) == split_by_size(render_quotes(small), TITLE) == [render_quotes(small)]


def test_quotes_pages_after_an_edit_in_a_long_running_process(config: SiteConfig) -> None:
    """Under ``dossier serve`` an article's lines are the last build's (dossier/rows.py): an edited one is made again."""
    analyses = [_analysis(i) for i in range(300)]
    with memo.keeping_last(True):
        quotes_pages(_corpus(config, analyses))
        edited = analyses[7]
        said = replace(edited.quotes[0], text="An entirely new remark about the weir")
        analyses[7] = replace(edited, quotes=(said, *edited.quotes[1:]))
        corpus = _corpus(config, analyses)
        pages = quotes_pages(corpus)
    assert any("An entirely new remark about the weir" in page.text for page in pages)
    memo.clear()
    assert pages == split_by_size(render_quotes(_corpus(config, analyses)), TITLE)
