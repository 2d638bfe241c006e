"""Real wire copy from ../shared/corpora: TASS stories and a BBC sample."""

from __future__ import annotations

import json
import random
from pathlib import Path

from generator.config import SiteConfig
from generator.models import Problem
from generator.pipeline import analyse_dossier, read_article
from tests.conftest import shared


def test_tass_dev_headlines_standfirsts_datelines_and_dates(config: SiteConfig) -> None:
    folder = shared("corpora", "tass-dev")
    gold = {
        Path(item["link"]).name: item for item in json.loads((folder / "opnweb_politics_20.json").read_text(encoding="utf-8"))
    }
    corpus = analyse_dossier(config, content_dir=folder)
    assert len(corpus.articles) == 20
    assert not [p for p in corpus.problems if p.level == "error"]
    wrong = []
    dated: list[str] = []
    for info in corpus.articles:
        article = info.analysis.article
        item = gold[article.source.rsplit("_", 1)[1].removesuffix(".txt")]
        assert article.headline == item["title"].strip()
        assert article.standfirst == item["description"].strip()
        assert article.dateline is not None and item["content"][1].startswith(article.dateline.text)
        assert article.paragraphs[0] == item["content"][1].strip()
        assert info.agency == "TASS"
        true_date = item["date"][:10]
        pubdate = info.analysis.pubdate
        if pubdate.status != "uncertain" and str(pubdate.date) != true_date:
            wrong.append((article.source, pubdate.date, true_date))
        if pubdate.status != "uncertain":
            dated.append(pubdate.status)
        if pubdate.status == "uncertain":
            assert pubdate.date is None and any(str(d) == true_date for d in pubdate.candidates) or not pubdate.candidates
    assert wrong == []
    # Given, inferred or probable, and all right (a probable date is never a fact: it says "probably").
    assert len(dated) >= 18, dated


def test_bbc_sample_converts_with_headlines(config: SiteConfig) -> None:
    folder = shared("corpora", "bbc")
    files = sorted(p for p in folder.rglob("*.txt") if p.name != "README.TXT")
    sample = random.Random(7).sample(files, 100)
    for path in sample:
        article = read_article(path, path.relative_to(folder).as_posix(), config)
        assert not isinstance(article, Problem), article
        first_line = path.read_bytes().decode("utf-8", errors="replace").splitlines()[0].strip()
        assert article.headline == first_line
        assert article.paragraphs


def test_bbc_latin1_file_is_decoded(config: SiteConfig) -> None:
    path = shared("corpora", "bbc", "sport", "199.txt")
    article = read_article(path, "sport/199.txt", config)
    assert not isinstance(article, Problem), article
    assert "£" in " ".join(article.paragraphs)
