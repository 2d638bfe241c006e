"""The two sample articles against ../shared/gold/seeds.yml (dates, evidence, agency, text)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from generator.dossier.corpus import Corpus
from generator.models import ArticleInfo
from tests.conftest import ROOT, shared

SEED_DATES = {"000_f1f26f04cfb6bdb1.txt": dt.date(2011, 11, 10), "001_2eb9bd030a83e287.txt": dt.date(2016, 11, 21)}


def _info(corpus: Corpus, source: str) -> ArticleInfo:
    return next(info for info in corpus.articles if info.analysis.article.source == source)


@pytest.mark.parametrize("source", sorted(SEED_DATES))
def test_seed_date_inferred_with_evidence(seed_corpus: Corpus, source: str) -> None:
    pubdate = _info(seed_corpus, source).analysis.pubdate
    assert pubdate.date == SEED_DATES[source]
    assert pubdate.status == "inferred"
    evidence = " ".join(pubdate.evidence)
    assert "without a year" in evidence
    assert "1994, 2005, 2011, 2016, 2022" in evidence  # the weekday clue lists its years, as the gold does


def test_seed_evidence_matches_the_gold(seed_corpus: Corpus) -> None:
    first = " ".join(_info(seed_corpus, "000_f1f26f04cfb6bdb1.txt").analysis.pubdate.evidence)
    second = " ".join(_info(seed_corpus, "001_2eb9bd030a83e287.txt").analysis.pubdate.evidence)
    assert "said Thursday" in first and "in 2008" in first and "February 8, 2012" in first
    assert "told TASS on Monday" in second and "Obama administration" in second


def test_seed_parts_match_the_gold(seed_corpus: Corpus) -> None:
    gold = yaml.safe_load(shared("gold", "seeds.yml").read_text(encoding="utf-8"))
    for item in gold["articles"]:
        info = _info(seed_corpus, item["file"])
        article = info.analysis.article
        assert article.headline == item["headline"]
        assert article.standfirst == item["standfirst"]
        assert article.dateline is not None
        assert article.dateline.place == item["dateline"]["place"]
        assert article.dateline.month_day == item["dateline"]["month_day"]
        assert article.agency_as_written == item["dateline"]["agency"]
        assert info.agency == item["agency"]
        assert str(info.analysis.pubdate.date) == str(item["date"])
        for chrome in item["site_chrome"]:
            assert chrome not in (article.headline, article.standfirst, *article.paragraphs)


@pytest.mark.parametrize("source", sorted(SEED_DATES))
def test_every_source_paragraph_is_kept_verbatim(seed_corpus: Corpus, source: str) -> None:
    raw = (ROOT / "content" / source).read_text(encoding="utf-8")
    blocks = [b.strip() for b in raw.split("\n\n") if b.strip() and b.strip() != "All news"]
    article = _info(seed_corpus, source).analysis.article
    assert [article.headline, article.standfirst, *article.paragraphs] == blocks


def test_seed_pages_and_ids_follow_the_contract(seed_corpus: Corpus) -> None:
    ids = {info.id: info.page for info in seed_corpus.articles}
    slugs = {
        "2016-11-21": "russia-to-continue-work-with-new-us-administration",
        "2011-11-10": "moscow-to-press-for-return-home-of-businessman",
    }
    assert ids == {f"{day}-{slug}": f"articles/{day[:4]}/{day[5:7]}/{slug}.md" for day, slug in slugs.items()}
