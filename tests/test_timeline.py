"""The sample dossier's timeline page and its TimelineJS export, against the gold order."""

from __future__ import annotations

import re

import yaml

from generator.config import SiteConfig
from generator.dossier.corpus import Corpus
from generator.export import to_timelinejs
from generator.render.timeline import render_timeline
from tests.conftest import shared

GOLD_ORDER = ["2008", "2011-11-10", "2012-02-08", "2016-11-21", "2017-01-20"]
SHOWN = {
    "2008": "2008",
    "2011-11-10": "10 November 2011",
    "2012-02-08": "8 February 2012",
    "2016-11-21": "21 November 2016",
    "2017-01-20": "20 January 2017",
}
EXPECTED = {"2012-02-08", "2017-01-20"}


def _entries(markdown: str) -> list[tuple[str, bool, str]]:
    """(date as shown, expected?, rest of the line) for each timeline entry."""
    pattern = re.compile(r'^- <span class="dossier-when" id="[^"]+">([^<]+)</span>( · \*\*expected\*\*)? — (.*)$', re.M)
    return [(m.group(1), bool(m.group(2)), m.group(3)) for m in pattern.finditer(markdown)]


def test_gold_order_is_the_order_of_the_timeline(seed_corpus: Corpus, config: SiteConfig) -> None:
    gold = yaml.safe_load(shared("gold", "seeds.yml").read_text(encoding="utf-8"))
    assert [str(d) for d in gold["corpus"]["timeline_order"]] == GOLD_ORDER
    entries = _entries(render_timeline(seed_corpus, config)[0].text)
    shown = [when for when, _, _ in entries]
    positions = [shown.index(SHOWN[d]) for d in GOLD_ORDER]
    assert positions == sorted(positions)
    for date in GOLD_ORDER:
        flagged = {expected for when, expected, _ in entries if when == SHOWN[date]}
        assert flagged == {date in EXPECTED}, date


def test_each_entry_links_to_its_source_paragraph(seed_corpus: Corpus, config: SiteConfig) -> None:
    text = render_timeline(seed_corpus, config)[0].text
    for line in text.split("\n- ")[1:]:
        assert re.search(r"\]\(articles/\d{4}/\d\d/[a-z0-9-]+\.md#p\d+\)", line), line


def test_timelinejs_export_has_the_five_dates(seed_corpus: Corpus) -> None:
    data = to_timelinejs(seed_corpus, "Dossier")
    starts = set()
    for event in data["events"]:
        start = event["start_date"]
        parts = [start["year"]] + [start[k].zfill(2) for k in ("month", "day") if k in start]
        starts.add("-".join(parts))
        assert event["text"]["headline"] and event["group"]
    assert set(GOLD_ORDER) <= starts
