from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from generator.config import ReaderOptions, load_config
from generator.readers import ReadError
from generator.readers.text import read
from generator.readers.timestamp import is_yearless_time, stamp_line, stamp_prefix

OPTIONS = ReaderOptions(furniture=(re.compile("all news", re.IGNORECASE),))

WIRE = """All news

Kremlin welcomes talks on grain corridor

The Kremlin spokesman said the talks were useful

MOSCOW, July 12. /TASS/. The Kremlin welcomed the talks, spokesman Dmitry Peskov said on Tuesday.

"We welcome this," he said.
"""

PLAIN = """Claxton hunting first major medal

British hurdler Sarah Claxton is confident she can win her first major medal.

"I am quite confident," said Claxton.
"""


def test_wire_story_parts() -> None:
    article = read(WIRE, "wire.txt", OPTIONS)
    assert article.headline == "Kremlin welcomes talks on grain corridor"
    assert article.standfirst == "The Kremlin spokesman said the talks were useful"
    assert article.paragraphs[0].startswith("MOSCOW, July 12. /TASS/. The Kremlin")
    assert article.dateline is not None and article.dateline.month_day == "July 12"
    assert article.agency_as_written == "TASS"
    assert "All news" not in " ".join(article.paragraphs) + article.headline


def test_plain_story_has_no_dateline_or_standfirst() -> None:
    article = read(PLAIN, "sport/001.txt", OPTIONS)
    assert article.headline == "Claxton hunting first major medal"
    assert article.standfirst == ""
    assert article.dateline is None
    assert len(article.paragraphs) == 2


def test_timestamp_line_gives_the_date() -> None:
    text = "Headline here\n\nNovember 02, 2011, 22:24 UTC+3\n\nMOSCOW, November 2 (Itar-Tass) - Text.\n"
    article = read(text, "t.txt", OPTIONS)
    assert article.given_date == dt.date(2011, 11, 2)
    assert all("22:24" not in p for p in article.paragraphs)


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    text = (
        "Headline\n\n"
        "This paragraph was wrapped at a fixed width by the program that saved\n"
        "it, so its lines belong together and must be read as one paragraph of\n"
        "text.\n"
    )
    article = read(text, "w.txt", OPTIONS)
    assert len(article.paragraphs) == 1
    assert "saved it, so" in article.paragraphs[0]


def test_no_headline_line_keeps_every_word() -> None:
    prose = "The court ruled on Monday that " + "the appeal was rejected and " * 20 + "the case is closed."
    article = read(prose + "\n\nSecond paragraph.\n", "n.txt", OPTIONS)
    assert article.paragraphs[0] == prose
    assert article.headline.startswith("The court ruled on Monday")
    assert any("no headline" in note for note in article.reader_notes)


@pytest.mark.parametrize("text", ["All news\n", "All news\n\nAll news\n"])
def test_only_furniture_is_an_error(text: str) -> None:
    with pytest.raises(ReadError):
        read(text, "f.txt", OPTIONS)


# ---------------------------------------------------------------- captured wire pages (tests/fixtures/captured)

CAPTURED = Path(__file__).parent / "fixtures" / "captured"
EXPECTED = yaml.safe_load((CAPTURED / "_expected" / "expected.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site_options() -> ReaderOptions:
    """The project's own furniture.yml: the vocabularies are data, so the tests read them as a user's site would."""
    return load_config(Path(__file__).resolve().parents[1]).reader


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_captured_page_parts(name: str, site_options: ReaderOptions) -> None:
    want = EXPECTED[name]
    article = read((CAPTURED / name).read_text(encoding="utf-8"), name, site_options)
    assert article.headline == want["headline"]
    assert article.standfirst == want["standfirst"]
    line = article.dateline
    assert line is not None
    expected = want["dateline"]
    assert (line.text, line.month, line.day) == (expected["text"], expected["month"], expected["day"])
    assert line.agency_as_written == expected["agency"]
    assert article.paragraphs[0].startswith(line.text)
    assert article.paragraphs[0] == want.get("first", article.paragraphs[0])
    assert article.paragraphs[-1] == want["last"]
    assert len(article.paragraphs) == want["paragraphs"]
    assert article.stamp == want["stamp"]
    assert article.given_date == want["given"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_captured_page_furniture_is_never_article_text(name: str, site_options: ReaderOptions) -> None:
    article = read((CAPTURED / name).read_text(encoding="utf-8"), name, site_options)
    shown = [article.headline, article.standfirst, *article.paragraphs]
    for junk in EXPECTED[name]["junk"]:
        # a short label ("Navy") may be a word of the headline; it must not stand as a line of its own
        assert not any(junk in text if len(junk) >= 10 else junk == text for text in shown), (junk, shown)


@pytest.mark.parametrize(
    "first",
    [
        "Currency converter",
        "March 05, 2013, 18:40 UTC+3",
        "5 Mar 2013, 18:40",
        "2013-03-05",
        "date 2013-03-05 Back to Main page",
        "{{element.title}}",
        "1 pages in this article",
        "All news",
        "Search",
    ],
)
def test_headline_is_never_furniture_a_timestamp_or_the_dateline(first: str, site_options: ReaderOptions) -> None:
    text = f"{first}\n\nMOSCOW, March 5. /TASS/. The council met on Tuesday.\n\nIt adjourned at noon.\n"
    article = read(text, "h.txt", site_options)
    assert first not in article.headline
    assert not article.headline.startswith("MOSCOW, March 5")
    assert article.headline.startswith("The council met")  # no headline line: the first words stand in, saying so
    assert any("no headline" in note for note in article.reader_notes)


def test_a_single_trailing_line_without_a_full_stop_is_kept(site_options: ReaderOptions) -> None:
    """One last line lacking its full stop is the story's (a slip), not a teaser list."""
    text = "Council meets\n\nMOSCOW, March 5. /TASS/. The council met.\n\nIt adjourned at noon, the chairman said\n"
    assert read(text, "t.txt", site_options).paragraphs[-1] == "It adjourned at noon, the chairman said"


def test_a_date_line_far_down_a_plain_story_is_text(site_options: ReaderOptions) -> None:
    text = "Headline\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nMarch 5, 2013\n"
    article = read(text, "p.txt", site_options)
    assert article.paragraphs[-1] == "March 5, 2013" and article.stamp is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("March 05, 2013, 18:40 UTC+3", dt.date(2013, 3, 5)),
        ("5 Mar 2013, 18:40", dt.date(2013, 3, 5)),
        ("2013-03-05", dt.date(2013, 3, 5)),
        ("2013-03-05T18:40:00+03:00", dt.date(2013, 3, 5)),
        ("05.03.2013, 18:40", dt.date(2013, 3, 5)),
        ("Updated: March 5, 2013 at 6:40 pm", dt.date(2013, 3, 5)),
        ("18:40, 5 March 2013", dt.date(2013, 3, 5)),
        ("Tuesday, March 5, 2013, 18:40", dt.date(2013, 3, 5)),
        ("Tue, 05 Mar 2013 18:40:00 +0400", dt.date(2013, 3, 5)),
        ("5 MAR 2013, 18:40", dt.date(2013, 3, 5)),
        ("(updated: March 5, 2013 19:10)", dt.date(2013, 3, 5)),
        ("Mar 5, 2013 6:40PM", dt.date(2013, 3, 5)),
    ],
)
def test_timestamp_lines(line: str, date: dt.date) -> None:
    stamp = stamp_line(line, ("updated",))
    assert stamp is not None and stamp.date == date and stamp.text == line


@pytest.mark.parametrize(
    "line",
    [
        "March 5, 2013 was a good day.",
        "The meeting of 2013-03-05 was short.",
        "31.02.2013",
        "Tuesday March 5, 2013 was cold.",
        "31/31/2013",
    ],
)
def test_not_timestamp_lines(line: str) -> None:
    assert stamp_line(line, ("updated",)) is None


def test_date_token_before_a_dateline() -> None:
    found = stamp_prefix("date 2020-03-05 MOSCOW, March 5./TASS/. The minister spoke.", ("date",))
    assert found is not None
    stamp, rest = found
    assert (stamp.date, stamp.text) == (dt.date(2020, 3, 5), "date 2020-03-05")
    assert rest == "MOSCOW, March 5./TASS/. The minister spoke."
    assert stamp_prefix("March 5, 2013 was the day the talks began.", ("date",)) is None


@pytest.mark.parametrize("line", ["December 26, 18:50", "18:50", "Yesterday, 09:05", "26 Dec, 18:50"])
def test_teaser_times_without_a_year(line: str) -> None:
    assert is_yearless_time(line) and stamp_line(line) is None


@pytest.mark.parametrize("label", ["Regional Desk: Siberia", "Top News Today", "Home | Politics | World"])
def test_a_label_before_a_headline_is_not_the_headline(label: str, site_options: ReaderOptions) -> None:
    """Labels not in furniture.yml: capitalised words only, or a breadcrumb, never stand above a standfirst."""
    text = f"{label}\n\nCouncil votes to rebuild the old river bridge\n\nOMSK, May 4. /TASS/. The council voted on Monday.\n"
    article = read(text, "l.txt", site_options)
    assert (article.headline, article.standfirst) == ("Council votes to rebuild the old river bridge", "")


def test_a_teaser_box_inside_the_story_is_left_out(site_options: ReaderOptions) -> None:
    text = (
        "Council votes to rebuild the old river bridge\n\nOMSK, May 4. /TASS/. The council voted on Monday.\n\n"
        "Read also\n\nMayor opens a new school\n\nWork will start in June, the mayor said.\n"
    )
    article = read(text, "b.txt", site_options)
    assert article.paragraphs == ("OMSK, May 4. /TASS/. The council voted on Monday.", "Work will start in June, the mayor said.")
    assert any("teasers" in note for note in article.reader_notes)


def test_a_date_line_inside_the_story_is_kept(site_options: ReaderOptions) -> None:
    """After the dateline a line that is only a date is the story's (a chronology); a labelled one is page chrome."""
    text = (
        "Council votes\n\nThe vote ends a long dispute\n\nOMSK, May 4. /TASS/. The council voted.\n\n"
        "A chronology follows.\n\nMarch 3, 2021\n\nThe first vote.\n\nupdated at: 19:10\n\nThe end.\n"
    )
    article = read(text, "c.txt", site_options)
    assert "March 3, 2021" in article.paragraphs
    assert not any("19:10" in p for p in article.paragraphs)


def test_lines_left_out_before_the_headline_are_named(site_options: ReaderOptions) -> None:
    text = (
        "Kremlin hopes for progress at talks\n\nCouncil votes to rebuild the bridge\n\n"
        "The vote ends a long dispute over its cost\n\nOMSK, May 4. /TASS/. The council voted.\n"
    )
    article = read(text, "n.txt", site_options)
    assert article.headline == "Council votes to rebuild the bridge"
    assert any("left out as page furniture: “Kremlin hopes for progress at talks”" in note for note in article.reader_notes)


# ---------------------------------------------------------------- round 2: stamps, teasers, captions, furniture


@pytest.mark.parametrize(
    ("line", "date", "other"),
    [
        ("14/07/2015 11:20", dt.date(2015, 7, 14), None),
        ("05/03/2013", dt.date(2013, 3, 5), dt.date(2013, 5, 3)),
        ("03/25/2013, 6:40 PM EDT", dt.date(2013, 3, 25), None),
        ("Published: 12.11.2014 09:05", dt.date(2014, 11, 12), None),
    ],
)
def test_slashed_and_dotted_stamps(line: str, date: dt.date, other: dt.date | None) -> None:
    stamp = stamp_line(line, ("published",))
    assert stamp is not None and (stamp.date, stamp.other) == (date, other)


def test_an_ambiguous_slashed_stamp_is_read_the_way_the_dateline_agrees_with() -> None:
    stamp = stamp_line("05/03/2013")
    assert stamp is not None
    assert stamp.read_as(5, 3).date == dt.date(2013, 5, 3)
    assert stamp.read_as(3, 5).date == dt.date(2013, 3, 5)
    assert stamp.read_as(11, 20).date == dt.date(2013, 3, 5)  # neither agrees: day first stands, the analysis bounds


def test_a_stamp_after_the_dateline_dates_the_page(site_options: ReaderOptions) -> None:
    text = "Council meets\n\nOMSK, May 4. /TASS/. The council met.\n\nIt adjourned at noon.\n\nPosted: 04.05.2016, 18:20\n"
    article = read(text, "s.txt", site_options)
    assert article.stamp == dt.date(2016, 5, 4) and article.given_date == dt.date(2016, 5, 4)
    assert article.paragraphs[-1] == "It adjourned at noon."


def test_a_closing_date_line_with_a_time_is_the_page_date_without_it_the_story(site_options: ReaderOptions) -> None:
    base = "Council meets\n\nOMSK, May 4. /TASS/. The council met.\n\nIt adjourned at noon.\n\n"
    timed = read(base + "04.05.2016 18:20\n", "t.txt", site_options)
    assert timed.stamp == dt.date(2016, 5, 4) and "18:20" not in " ".join(timed.paragraphs)
    bare = read(base + "The first vote was held on this day:\n\nMarch 3, 2016\n", "b.txt", site_options)
    assert bare.paragraphs[-1] == "March 3, 2016" and bare.stamp is None


@pytest.mark.parametrize(
    ("last", "kept"),
    [
        ("Ferry service to the islands resumes after the storm", False),
        ("It adjourned at noon, the chairman said", True),
        ('"We are ready," the mayor told reporters', True),
        ("He added that work would start in June", True),
        ("Invented Author", False),  # a name under the story: a byline
        ("Background", False),  # a label with nothing under it
        ("Talks resume", True),  # too short for another story's headline, not a label: a slip
    ],
)
def test_one_trailing_line(last: str, kept: bool, site_options: ReaderOptions) -> None:
    text = f"Council meets\n\nOMSK, May 4. /TASS/. The council met on Monday.\n\nIt adjourned at noon.\n\n{last}\n"
    assert (read(text, "t.txt", site_options).paragraphs[-1] == last) is kept


@pytest.mark.parametrize(
    ("middle", "kept"),
    [
        ("Members of the council before the vote in the city hall", False),
        ("The mayor said the vote was fair", True),
        ("Chronology", True),
        ("He added", True),
    ],
)
def test_an_unfinished_line_inside_the_story(middle: str, kept: bool, site_options: ReaderOptions) -> None:
    text = f"Council meets\n\nOMSK, May 4. /TASS/. The council met on Monday.\n\n{middle}\n\nIt adjourned at noon.\n"
    article = read(text, "c.txt", site_options)
    assert (middle in article.paragraphs) is kept
    assert article.paragraphs[-1] == "It adjourned at noon."
    assert any("caption" in note for note in article.reader_notes) is not kept


@pytest.mark.parametrize(
    "line",
    [
        "Share",
        "Tweet",
        "Subscribe to our Telegram channel",
        "Source: TASS",
        "Source: ITAR-TASS",
        "By Invented Author",
        "By Invented Author, TASS correspondent",
        "This website uses cookies. By continuing to browse the site you agree to our use of cookies.",
        "Read more >>",
        "https://tass.com/politics/0000000",
        "Printed from tass.com",
        "Open in app",
        "AMP",
        "RU | EN",
        "Print | Send",
        "The current page could have changed in the meantime.",
        "Read also: Ministers meet to discuss the budget",
        "Tags: Navy, Arctic",
        "Invented Author, TASS correspondent in Washington",
        "12",
        "1 of 12",
        "The Wayback Machine - https://web.archive.org/web/20130305184000/http://www.itar-tass.com/en/c1/1.html",
        "05 Mar 2013 - 12 Dec 2019",
        "Next article →",
        "Published: 5 March 2013, 18:40 | Updated: 5 March 2013, 19:10",
        "(updated: March 5, 2013 19:10)",
        "It is a snapshot of the page as it appeared on 9 Mar 2012 04:31:10 GMT.",
        "Все новости",
        "Читать также",
    ],
)
def test_page_furniture_of_captured_wire_pages(line: str, site_options: ReaderOptions) -> None:
    for text in (
        f"{line}\n\nCouncil meets\n\nOMSK, May 4. /TASS/. The council met.\n\nIt adjourned at noon.\n",
        f"Council meets\n\nOMSK, May 4. /TASS/. The council met.\n\n{line}\n\nIt adjourned at noon.\n\n{line}\n",
    ):
        article = read(text, "f.txt", site_options)
        assert article.headline == "Council meets"
        assert article.paragraphs == ("OMSK, May 4. /TASS/. The council met.", "It adjourned at noon.")


def test_a_headline_shown_twice_is_one_headline(site_options: ReaderOptions) -> None:
    text = "Council meets on budget\n\nCouncil meets on budget\n\nOMSK, May 4. /TASS/. The council met.\n"
    article = read(text, "d.txt", site_options)
    assert (article.headline, article.standfirst) == ("Council meets on budget", "")


def test_a_last_unfinished_line_opening_with_an_article_is_the_story(site_options: ReaderOptions) -> None:
    text = "Council meets\n\nOMSK, May 4. /TASS/. The council met on Monday.\n\nThe vote is due in a fortnight\n"
    assert read(text, "a.txt", site_options).paragraphs[-1] == "The vote is due in a fortnight"


def test_a_sentence_opening_with_by_is_not_a_byline(site_options: ReaderOptions) -> None:
    text = "Council meets\n\nOMSK, May 4. /TASS/. The council met.\n\nBy Tuesday the vote was over.\n"
    assert read(text, "b.txt", site_options).paragraphs[-1] == "By Tuesday the vote was over."


def test_exporting_the_captured_pages_puts_no_furniture_on_the_timeline_or_among_entities(tmp_path: Path) -> None:
    """`dossier export tests/fixtures/captured`: no warning (expected.yml sits in a skipped folder), and no junk
    line, credit, byline or teaser as an event or an entity."""
    import json

    from generator.cli import main

    root = Path(__file__).resolve().parents[1]
    out = tmp_path / "out.json"
    assert main(["export", str(CAPTURED), "--root", str(root), "-o", str(out), "-q"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["problems"] == []
    assert len(data["articles"]) == len(EXPECTED)
    junk = {item for want in EXPECTED.values() for item in want["junk"]}
    names = {entity["name"] for entity in data["entities"]}
    for item in junk:
        assert not any(item in event["text"] for event in data["events"] if len(item) >= 10), item
        assert item not in names
    for word in ("Invented", "Telegram", "Google", "Tweet", "Share", "Source", "Photo", "Tags", "Read"):
        assert not any(word in name for name in names), (word, names)


def test_furniture_answers_belong_to_their_own_patterns() -> None:
    """The lines remembered between sifting and the plain reading are kept with their pattern list:
    another list (another site, a thread with other options) is asked afresh."""
    from generator.readers.capture import is_furniture

    other = ReaderOptions(furniture=(re.compile("share this page", re.IGNORECASE),))
    for _ in range(2):  # the second round answers from what was remembered
        assert is_furniture("All news", OPTIONS) and not is_furniture("All news", other)
        assert is_furniture("Share this page", other) and not is_furniture("Share this page", OPTIONS)
    plain = "Share this page\n\nTalks resumed\n\nThe talks resumed on Monday in Geneva, officials said."
    assert read(plain, "a.txt", other).headline == "Talks resumed"
    assert read(plain, "a.txt", OPTIONS).headline == "Share this page"
