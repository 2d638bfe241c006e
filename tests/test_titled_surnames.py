"""A lone surname after a gendered title (Mr, Mrs, Ms, Lady, Sir ...) when the story names several people of
that surname: the one of that gender, for the link and for the speaker (analysis/entities/resolve.py,
analysis/quotes/phrases.py; the titles are data in language/lexicon.py)."""

from __future__ import annotations

from generator.analysis.analyse import analyse
from generator.config import ReaderOptions, SiteConfig
from generator.language.lexicon import title_gender
from generator.models import Analysis
from generator.readers.text import read


def _analysed(config: SiteConfig, *paragraphs: str) -> Analysis:
    text = "Harbour plan backed\n\nHARWICH, March 3 (Wire) - " + "\n\n".join(paragraphs) + "\n"
    return analyse(read(text, "story.txt", ReaderOptions()), config)


def _linked(analysis: Analysis, paragraph: int) -> list[str]:
    return [m.entity for m in analysis.mentions if m.paragraph == paragraph and m.surface == "Lindqvist"]


def _speakers(analysis: Analysis) -> list[str | None]:
    return [q.speaker for q in sorted(analysis.quotes, key=lambda q: (q.paragraph, q.start))]


def test_title_gender_reads_the_word_before_a_name() -> None:
    assert title_gender("later, Mrs Varga", 11) == "f" and title_gender("Mr. Varga", 4) == "m"
    assert title_gender("Lady Varga", 5) == "f" and title_gender("Mrs", 3) is None  # the name must follow
    assert title_gender("the harbour Varga", 12) is None and title_gender("Varga", 0) is None


def test_mrs_after_a_husband_and_wife_is_the_wife(config: SiteConfig) -> None:
    story = _analysed(
        config,
        "Harbour master Peter Lindqvist said on Thursday the plan was sound. His wife Karin Lindqvist runs the ferry office.",
        'Mrs Lindqvist later said: "The ferries will sail in June."',
        'Mr Lindqvist added: "The quay is ready."',
    )
    assert _linked(story, 1) == ["karin-lindqvist"]
    assert _linked(story, 2) == ["peter-lindqvist"]
    assert _speakers(story)[-2:] == ["karin-lindqvist", "peter-lindqvist"]


def test_mr_after_a_wife_named_first_is_the_husband(config: SiteConfig) -> None:
    story = _analysed(
        config,
        "Ferry manager Karin Lindqvist and her husband, harbour master Peter Lindqvist, backed the plan.",
        'Mr Lindqvist said: "The quay is ready."',
    )
    assert _linked(story, 1) == ["peter-lindqvist"]
    assert _speakers(story)[-1] == "peter-lindqvist"


def test_a_title_alone_rules_nobody_out(config: SiteConfig) -> None:
    """With one person of that surname, a title of the other gender than the list of first names gives still
    means that person: first names are weak evidence across languages."""
    story = _analysed(
        config,
        "Harbour master Peter Lindqvist said on Thursday the plan was sound.",
        'Ms Lindqvist later said: "The ferries will sail in June."',
    )
    assert _linked(story, 1) == ["peter-lindqvist"]
