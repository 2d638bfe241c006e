"""Quote spans and speakers: the two samples against the gold, and tables of shapes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.analysis.quotes import find_quotes, find_spans
from generator.config import ReaderOptions
from generator.language.lexicon import QuoteCues, load_cues
from generator.models import Article, EntityRef, Mention, Quote

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

ENTITIES = {
    e.id: e
    for e in (
        EntityRef("viktor-bout", "Viktor Bout", "person", aliases=("Bout",)),
        EntityRef("konstantin-dolgov", "Konstantin Dolgov", "person", aliases=("Dolgov",)),
        EntityRef("albert-dayan", "Albert Dayan", "person", aliases=("Dayan",)),
        EntityRef("natalia-eismont", "Natalia Eismont", "person"),
        EntityRef("gennady-bezdetko", "Gennady Bezdetko", "person", aliases=("Bezdetko",)),
        EntityRef("sergey-lavrov", "Sergey Lavrov", "person", aliases=("Lavrov",)),
        EntityRef("vladimir-putin", "Vladimir Putin", "person", aliases=("Putin",)),
        EntityRef(
            "russian-foreign-ministry",
            "Russian Foreign Ministry",
            "organisation",
            aliases=("Foreign Ministry", "Russian foreign ministry"),
        ),
        EntityRef("moscow", "Moscow", "place"),
        EntityRef("vietnam", "Vietnam", "place"),
    )
}


def mentions_of(article: Article, entities: dict[str, EntityRef] = ENTITIES) -> tuple[Mention, ...]:
    """Every whole-word occurrence of a name or alias, longest first, as the recogniser would."""
    out: list[Mention] = []
    for index, text in article.text_blocks():
        taken: list[tuple[int, int]] = []
        names = sorted(((n, e.id) for e in entities.values() for n in (e.name, *e.aliases)), key=lambda x: -len(x[0]))
        for name, entity in names:
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                if not any(a < m.end() and m.start() < b for a, b in taken):
                    taken.append((m.start(), m.end()))
                    out.append(Mention(entity, index, m.start(), m.end(), m.group()))
    return tuple(sorted(out, key=lambda m: (m.paragraph, m.start)))


def story(*paragraphs: str, headline: str = "Headline") -> Article:
    return Article("test.txt", "text", headline, "", tuple(paragraphs))


def quotes_of(article: Article, cues: QuoteCues, with_mentions: bool = True) -> tuple[Quote, ...]:
    found = find_quotes(article, mentions_of(article) if with_mentions else (), ENTITIES, cues)
    blocks = dict(article.text_blocks())
    for quote in found:
        assert blocks[quote.paragraph][quote.start : quote.end] == quote.text  # spans cover the words only
    return tuple(q for q in found if q.kind == "quote")


def statements_of(article: Article, cues: QuoteCues, with_mentions: bool = True) -> tuple[Quote, ...]:
    found = find_quotes(article, mentions_of(article) if with_mentions else (), ENTITIES, cues)
    return tuple(q for q in found if q.kind == "statement")


# ------------------------------------------------------------------- the gold


def _gold() -> list[dict]:
    path = SHARED / "gold" / "seeds.yml"
    if not path.exists():
        pytest.skip(f"../shared not present: {path}")
    return yaml.safe_load(path.read_text(encoding="utf-8"))["articles"]


def _read_seed(name: str) -> Article:
    from generator.readers import text as text_reader

    path = SHARED / "seeds" / name
    if not path.exists():
        pytest.skip(f"../shared not present: {path}")
    options = ReaderOptions(furniture=(re.compile("all news", re.IGNORECASE),))
    return text_reader.read(path.read_text(encoding="utf-8"), name, options)


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.replace("(unnamed)", "")).strip().casefold()


@pytest.mark.parametrize("with_mentions", [True, False], ids=["mentions", "no-mentions"])
@pytest.mark.parametrize("n", [0, 1])
def test_gold_quotes_and_speakers(cues: QuoteCues, n: int, with_mentions: bool) -> None:
    item = _gold()[n]
    found = quotes_of(_read_seed(item["file"]), cues, with_mentions)
    assert len(found) == len(item["quotes"])  # nothing beyond the gold: no titles, no scare quotes
    for want in item["quotes"]:
        quote = next((q for q in found if q.text.startswith(want["starts"])), None)
        assert quote is not None, want["starts"]
        assert _fold(quote.speaker_label) == _fold(want["speaker"])
        if with_mentions and "unnamed" not in want["speaker"]:
            assert quote.speaker and ENTITIES[quote.speaker].name == want["speaker"]
        else:
            assert quote.speaker is None  # no mention: the name as written, never an invented id


# ------------------------------------------------------------------- spans

SHAPES = [
    ('He said: "We will win this war." Then he left.', ["We will win this war."]),
    ("“We will win this war,” he said.", ["We will win this war,"]),
    ("‘The counsel is ready to appeal,’ the lawyer said.", ["The counsel is ready to appeal,"]),
    ('‘The counsel has nothing to add," the lawyer said.', ["The counsel has nothing to add,"]),
    (
        '"We will work with them," he said. "Until January 20, we go on working."',
        ["We will work with them,", "Until January 20, we go on working."],
    ),
    ('Dolgov said this ruling "causes regret and shows bias."', ["causes regret and shows bias."]),
    ('"One thing is clear. Another is not clear at all," he said.', ["One thing is clear. Another is not clear at all,"]),
    ('"Bout’s case isn\'t closed yet," she said.', ["Bout’s case isn't closed yet,"]),
    ('"We will go on working with them and we will see', ["We will go on working with them and we will see"]),
    ('we will continue to work on this matter," he said.', ["we will continue to work on this matter,"]),
    (
        'officials "don\'t have anything /to prove guilt/." "All they have is talk."',
        ["don't have anything /to prove guilt/.", "All they have is talk."],
    ),
    ("The so-called ‘quiet diplomacy’ has failed, he said.", []),
    ('Russia could use "Oreshnik" again if need be.', []),
    ('He was reading "War and Peace" on the train.', []),
    ("By joining the 'sanctions war' against Russia, Bern erred.", []),
    ("EU to impose new sanctions on ‘Russian shadow fleet’", []),
    ("The citizens’ rights were ignored, the report said.", []),
    ("It was the ’90s and Bout’s firms flew everywhere.", []),
]


@pytest.mark.parametrize(("paragraph", "expected"), SHAPES)
def test_quote_shapes(cues: QuoteCues, paragraph: str, expected: list[str]) -> None:
    assert [q.text for q in quotes_of(story(paragraph), cues)] == expected


def test_spans_cover_marks_and_words() -> None:
    text = 'Lavrov said: "We are ready." Then he left.'
    (span,) = find_spans(text)
    assert text[span.left : span.right] == '"We are ready."'
    assert text[span.start : span.end] == "We are ready."


# ------------------------------------------------------------------- speakers

SPEAKERS = [
    pytest.param(
        ['"We will win this fight," said Natalia Eismont, spokeswoman of the leader.'], ["natalia-eismont"], id="said-X"
    ),
    pytest.param(['Konstantin Dolgov told TASS: "We will work with both administrations."'], ["konstantin-dolgov"], id="X-told"),
    pytest.param(
        ['According to Dolgov, "the situation is unacceptable and must change."'], ["konstantin-dolgov"], id="according-to"
    ),
    pytest.param(['Albert Dayan was quoted as saying that "they have nothing at all."'], ["albert-dayan"], id="quoted-as-saying"),
    pytest.param(['"All of this must be taken into account," Lavrov noted.'], ["sergey-lavrov"], id="X-noted"),
    pytest.param(['"This is a principle," Lavrov stressed. "It stays," he added.'], ["sergey-lavrov"] * 2, id="stressed-added"),
    pytest.param(
        ["Albert Dayan said the case was weak.", '"They have nothing at all," he said.'], ["albert-dayan"], id="pronoun"
    ),
    pytest.param(
        [
            "Russian Ambassador to Vietnam Gennady Bezdetko spoke in Hanoi.",
            '"We expect a return to the old level," the diplomat said.',
        ],
        ["gennady-bezdetko"],
        id="role-title-before-name",
    ),
    pytest.param(
        [
            "Konstantin Dolgov, the Russian foreign ministry’s envoy for human rights, spoke on Monday.",
            'The Russian diplomat pledged to ensure "observance of the rights of the Russian national."',
        ],
        ["konstantin-dolgov"],
        id="role-appositive",
    ),
    pytest.param(
        [
            "Viktor Bout met Albert Dayan, his lawyer, on Monday.",
            '"The counsel has nothing to add," the lawyer said.',
        ],
        ["albert-dayan"],
        id="role-lawyer",
    ),
    pytest.param(
        ['"Payments were disrupted by the sanctions," the Russian Foreign Ministry said.'],
        ["russian-foreign-ministry"],
        id="organisation",
    ),
    pytest.param(
        ['"We will go on," Putin said, adding that the West "has shown no political will for that."'],
        ["vladimir-putin"] * 2,
        id="adding-that",
    ),
    pytest.param(['"We will go on with the work," Putin said. "We are in no hurry."'], ["vladimir-putin"] * 2, id="split"),
]


@pytest.mark.parametrize(("paragraphs", "speakers"), SPEAKERS)
def test_named_speakers(cues: QuoteCues, paragraphs: list[str], speakers: list[str]) -> None:
    found = quotes_of(story(*paragraphs), cues)
    assert [q.speaker for q in found] == speakers
    assert [q.speaker_label for q in found] == [ENTITIES[s].name for s in speakers]


LABELS = [
    pytest.param(
        [
            "Moscow will press on, a source at the Russian Foreign Ministry said Thursday.",
            '"The talks were useful and frank," the source said.',
            '"We raised the case of Bout once again," he said.',
        ],
        ["source at the Russian Foreign Ministry"] * 2,
        id="unnamed-source-then-he",
    ),
    pytest.param(
        ['"The sanctions will not work, in our view," informed sources said.'],
        ["informed sources"],
        id="unnamed-plural",
    ),
    pytest.param(['"We are ready to help at any time," Ivan Petrov said.'], ["Ivan Petrov"], id="name-not-mentioned"),
    pytest.param(['"We will appeal at once," the lawyer of Viktor Bout said.'], ["lawyer of Viktor Bout"], id="role-of-a-person"),
    pytest.param(['"The talks went well," Putin’s spokesman said.'], ["Putin’s spokesman"], id="possessor-is-not-the-speaker"),
    pytest.param(['"Nobody said anything about it to us."'], [""], id="no-cue-no-speaker"),
]


@pytest.mark.parametrize(("paragraphs", "labels"), LABELS)
def test_unnamed_and_unknown_speakers(cues: QuoteCues, paragraphs: list[str], labels: list[str]) -> None:
    found = quotes_of(story(*paragraphs), cues)
    assert [q.speaker_label for q in found] == labels
    assert all(q.speaker is None for q in found)  # never an invented entity


ATTRIBUTION = [
    pytest.param(
        ["Albert Dayan said the case was weak.", 'Viktor Bout praised the judge as "fair and open to the argument".'],
        ["viktor-bout"],
        id="partial-quote-goes-to-the-sentence-subject",
    ),
    pytest.param(
        ['"We will go on with this," Putin said.', 'Russia is in no hurry to use them "because they are powerful weapons".'],
        ["vladimir-putin", "vladimir-putin"],
        id="partial-quote-in-a-paraphrase-is-the-speakers",
    ),
    pytest.param(
        ['The judge described the case as "one of the most complex ever".'],
        [None],
        id="partial-quote-with-no-one-about-is-nobodys",
    ),
    pytest.param(
        ['Lavrov said: "We are ready for talks." Putin said: "We are in no hurry."'],
        ["sergey-lavrov", "vladimir-putin"],
        id="colon-cue-beats-the-next-sentence",
    ),
    pytest.param(
        ['"We are ready for talks at any level," Lavrov recalled.'],
        ["sergey-lavrov"],
        id="weak-verb-next-to-a-quote",
    ),
    pytest.param(
        ['"We are ready for talks at any level," Lavrov said.', '"The ball is in their court now and they know it."'],
        ["sergey-lavrov", "sergey-lavrov"],
        id="bare-quote-paragraph-keeps-the-speaker",
    ),
]


@pytest.mark.parametrize(("paragraphs", "speakers"), ATTRIBUTION)
def test_attribution_rules(cues: QuoteCues, paragraphs: list[str], speakers: list[str | None]) -> None:
    assert [q.speaker for q in quotes_of(story(*paragraphs), cues)] == speakers


def test_pronoun_after_a_weak_verb_is_the_latest_person(cues: QuoteCues) -> None:
    # "claimed the title" is no speech, but an editor still reads "he" as the man just named.
    article = story("Russian runner Dmitriy Bogdanov claimed the title in Madrid.", '"We are ready for more," he said.')
    (quote,) = quotes_of(article, cues, with_mentions=False)
    assert (quote.speaker, quote.speaker_label, quote.resolved_by) == (None, "Dmitriy Bogdanov", "pronoun")


def test_named_speaker_without_mentions_is_the_name_as_written(cues: QuoteCues) -> None:
    article = story(
        "Russian Foreign Minister Sergey Lavrov spoke on Thursday.", '"We are ready," the Russian foreign minister said.'
    )
    (quote,) = quotes_of(article, cues, with_mentions=False)
    assert (quote.speaker, quote.speaker_label) == (None, "Sergey Lavrov")


def test_no_quotes_no_work(cues: QuoteCues) -> None:
    assert find_quotes(story("Lavrov said nothing new.", "Putin agreed."), (), ENTITIES, cues) == ()


# ------------------------------------------------------------------- config


def test_cues_are_data(cues: QuoteCues) -> None:
    assert {"said", "told", "noted", "stressed", "added"} <= set(cues.verbs)
    assert "according to" in cues.prepositions
    assert {"diplomat", "lawyer", "ambassador", "minister"} <= set(cues.roles)
    assert "source" in cues.unnamed


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected a mapping"),
        ({"verbs": "said"}, "verbs: expected a list"),
        ({"verbs": ["said", 3]}, "verbs[1]: expected a word"),
        ({"roles": ["diplomat"]}, "roles: expected a mapping"),
        ({"verbz": ["said"]}, "verbz: expected one of"),
    ],
)
def test_load_cues_reports_errors(data: object, message: str) -> None:
    _, errors = load_cues(data, "quotes.yml")
    assert errors and message in errors[0] and errors[0].startswith("quotes.yml: ")


def test_custom_cue_verb_is_used() -> None:
    custom, errors = load_cues({"verbs": ["quipped"]}, "q.yml")
    assert errors == []
    (quote,) = find_quotes(story('"We are not in a hurry at all," Putin quipped.'), (), ENTITIES, custom)
    assert quote.speaker_label == "Putin"


def test_cue_pattern_finds_what_its_two_parts_find(cues: QuoteCues) -> None:
    """The cue pattern shares one look back between the listed verbs and the clause verbs before
    "that": the matches are those of the two written one after the other."""
    from generator.analysis.quotes.patterns import _CLAUSE_CUE, compile_cues

    patterns = compile_cues(cues)
    assert patterns.listed_cue is not None
    plain = re.compile(f"{patterns.listed_cue.pattern}|{_CLAUSE_CUE}")
    assert patterns.cue.pattern != plain.pattern
    texts = (
        "The minister said that the talks failed, officials conceded that they had, and x.argues that it was.",
        "According to police, she insists that many left; U.S.claims that none did. He joked that he would.",
        "'Said that: 'reiterated that the', -warns that we, told reporters that he'd go. Sources say",
    )
    for text in texts:
        found = [(m.span(), m.group()) for m in patterns.cue.finditer(text)]
        assert found == [(m.span(), m.group()) for m in plain.finditer(text)]
