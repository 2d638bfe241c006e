"""[sic] flags: the two samples against the gold, and words that must never be flagged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.analysis.spelling import find_source_errors, known_words_for
from generator.config import ReaderOptions
from generator.language.lexicon import load_spelling
from generator.models import Article, EntityRef

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

GAZETTEER = (
    EntityRef("viktor-bout", "Viktor Bout", "person", aliases=("Bout", "Victor Bout")),
    EntityRef("konstantin-dolgov", "Konstantin Dolgov", "person", aliases=("Dolgov",)),
    EntityRef("donald-trump", "Donald Trump", "person", aliases=("Trump", "Trumpt")),  # a misspelling recorded
    EntityRef("barack-obama", "Barack Obama", "person", aliases=("Obama",)),
    EntityRef("tass", "TASS", "organisation", aliases=("Itar-Tass", "ITAR-TASS")),
)


@pytest.fixture(scope="module")
def known() -> frozenset[str]:
    path = ROOT / "site_config" / "spelling.yml"
    ignore, errors = load_spelling(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
    assert errors == []
    return known_words_for(GAZETTEER, ignore)


def story(*paragraphs: str) -> Article:
    return Article("test.txt", "text", "Headline", "", tuple(paragraphs))


def flags(article: Article, known: frozenset[str]) -> list[tuple[str, str]]:
    found = find_source_errors(article, known)
    blocks = dict(article.text_blocks())
    for error in found:
        assert blocks[error.paragraph][error.start : error.end] == error.text  # shown as written
    return [(e.text, e.suggestion) for e in found]


# ------------------------------------------------------------------- the gold


@pytest.mark.parametrize("n", [0, 1])
def test_gold_source_errors(known: frozenset[str], n: int) -> None:
    from generator.readers import text as text_reader

    gold_path = SHARED / "gold" / "seeds.yml"
    if not gold_path.exists():
        pytest.skip(f"../shared not present: {gold_path}")
    item = yaml.safe_load(gold_path.read_text(encoding="utf-8"))["articles"][n]
    path = SHARED / "seeds" / item["file"]
    options = ReaderOptions(furniture=(re.compile("all news", re.IGNORECASE),))
    article = text_reader.read(path.read_text(encoding="utf-8"), item["file"], options)
    expected = [(e["text"], e["suggestion"]) for e in item["source_errors"]]
    assert sorted(flags(article, known)) == sorted(expected)


# ------------------------------------------------------------------- never flagged

CORRECT = [
    "biasedness", "politicized", "haulage", "jurors", "Itar-Tass", "Dolgov", "Russian-U.S.", "25-year",
    "/to", "Bout’s", "well-being", "year-end", "ethno-confessional", "organisation", "colour", "centre",
    "defence", "sceptical", "marvellous", "travelled", "programme", "judgement", "ageing", "aluminium",
    "depoliticization", "neocolonial", "multipolar", "counterparty", "unreadiness", "longstanding",
    "re-elect", "co-operation", "non-governmental", "don't", "wouldn't", "could've", "citizens’",
    "1990s", "COVID-19", "NATO", "BRICS", "UAE", "e.g.", "U.S.", "dot.com", "communique", "cafe",
    "Kiev", "Verkhovna", "Rada", "Aeroflot", "Iraero", "Gazprombank", "Temryuk", "Sokhranovka", "Sudzha",
    "centrepiece", "moulded", "woollen", "pyjamas", "meagre", "calibre", "criticise", "apologised",
    "favourite", "honourable", "paediatrician", "manoeuvre", "licence", "tyres", "storey", "kerb",
    "tech", "haute", "muso", "adware", "intro", "Yerevan", "Eismont", "Koronelli", "hatful",
    "Lukashenko", "Lukashenka", "Sergei", "Sergey", "Zelensky", "Zelenskyy", "Anapa", "Ushakov",
    "Mishustin", "Hingis", "Kwakye", "EstLink", "Postimees", "iPhone", "eBay", "McDonald's",
    "O'Sullivan", "Diaz-Canel", "Ho", "Chi", "Minh", "Opciones", "Xinhua", "Donbass", "Nagorno-Karabakh",
]


@pytest.mark.parametrize("word", CORRECT)
def test_correct_or_rare_words_are_not_flagged(known: frozenset[str], word: str) -> None:
    assert flags(story(f"Officials said {word} was mentioned in the report on Monday."), known) == []


NOT_SLIPS = [
    pytest.param("Marina Ivanova spoke to Ivanov twice. Ivanov agreed.", id="name-ending"),
    pytest.param("Karl said Carl was wrong. Carl agreed.", id="first-letter"),
    pytest.param("M Horan and S Horgan played. Horgan scored and Horgan won.", id="short-names-in-a-list"),
    pytest.param("Analyst Jason Kenney said so.", id="full-name-not-a-slip-of-Kennedy"),
    pytest.param("The Trumpt administration and the Trumpt family.", id="repeated-is-meant"),
    pytest.param("The Spidey film and the Spider film.", id="last-letter-changed"),
]


@pytest.mark.parametrize("text", NOT_SLIPS)
def test_names_that_are_not_slips(text: str) -> None:
    known = known_words_for((EntityRef("jfk", "John Kennedy", "person"), EntityRef("dt", "Donald Trump", "person")))
    assert flags(story(text), known) == []


# ------------------------------------------------------------------- flagged

MISSPELT = [
    pytest.param(["extremely unvaforable and unacceptable"], ("unvaforable", "unfavorable"), id="swap-across"),
    pytest.param(["the new goverment met"], ("goverment", "government"), id="dropped-letter"),
    pytest.param(["he escaped wtih a victory"], ("wtih", "with"), id="short-swap"),
    pytest.param(["standard of living, stabilityю"], ("stabilityю", "stability"), id="other-script-letter"),
    pytest.param(["he dont know"], ("dont", "don't"), id="missing-apostrophe"),
    pytest.param(
        ["Viktor Koronelli said it.", "Koronelli added more.", "The EAEU, Koronolli emphasized."],
        ("Koronolli", "Koronelli"),
        id="name-used-in-the-article",
    ),
    pytest.param(["we will work with the Trumpt administration"], ("Trumpt", "Trump"), id="known-name"),
]


@pytest.mark.parametrize(("paragraphs", "expected"), MISSPELT)
def test_misspellings_are_flagged(known: frozenset[str], paragraphs: list[str], expected: tuple[str, str]) -> None:
    assert flags(story(*paragraphs), known) == [expected]


def test_the_known_name_must_be_known() -> None:
    assert flags(story("we will work with the Trumpt administration"), frozenset()) == []


def test_every_occurrence_in_every_block_is_located(known: frozenset[str]) -> None:
    article = story("the goverment met.", "Then the goverment left.")
    found = find_source_errors(article, known)
    assert [(e.paragraph, e.start) for e in found] == [(0, 4), (1, 9)]


# ------------------------------------------------------------------- known words and config


def test_known_words_leave_out_misspelt_aliases() -> None:
    known = known_words_for(GAZETTEER, ["haulage"])
    assert {"Donald Trump", "Trump", "Dolgov", "Bout", "Itar-Tass", "haulage"} <= known
    assert "Trumpt" not in known


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (["word"], "expected a mapping"),
        ({"ignore": "word"}, "ignore: expected a list"),
        ({"ignore": ["ok", 5]}, "ignore[1]: expected a word"),
        ({"ignored": []}, "ignored: expected only the key 'ignore'"),
    ],
)
def test_load_spelling_reports_errors(data: object, message: str) -> None:
    _, errors = load_spelling(data, "spelling.yml")
    assert errors and message in errors[0] and errors[0].startswith("spelling.yml: ")


def test_ignore_list_silences_a_word() -> None:
    assert flags(story("the goverment met"), frozenset({"goverment"})) == []
