"""Under `dossier serve` an event page is rendered again only when something it shows changed.

render/event_page.py keeps each major event's page with every object of the corpus it was made
from. These tests change an event's date, its sentence, an entity in it, then add and remove a
story, in one serving process, and after each edit compare docs/ with a cold conversion in a new
process: an event page left as it was must be the page a cold run writes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.config import load_config
from generator.pipeline import convert
from tests.conftest import FIXTURES, cold_docs, docs_bytes, make_project

APPEAL = "Court sets date for Kessler appeal"
STORY = (
    "{headline}\n\nHAMBURG, {day}, 2025 (Nordwire) – The Federal Court of Justice will hear the appeal of "
    "shipping executive Martin Kessler on October 8, {who} said on {weekday}.\n\n"
    "Kessler was sentenced to 12 years in prison in June for defrauding investors.\n"
)


def _story(day: str, weekday: str, who: str = "his lawyer Thomas Brandt", headline: str = APPEAL) -> str:
    return STORY.format(headline=headline, day=day, weekday=weekday, who=who)


def _events(docs: dict[str, bytes]) -> dict[str, bytes]:
    return {path: text for path, text in docs.items() if path.startswith("events/")}


def test_event_pages_follow_their_events_in_a_serving_process(tmp_path: Path, serving: None) -> None:
    content = tmp_path / "stories"
    shutil.copytree(FIXTURES / "court_case", content)
    (content / "06_appeal_date.txt").write_text(_story("July 2", "Wednesday"), encoding="utf-8")
    (content / "07_appeal_set.txt").write_text(_story("July 9", "Wednesday", "the court"), encoding="utf-8")
    noted = _story("July 10", "Thursday", "a court spokesman", "Kessler appeal in October")
    (content / "08_appeal_noted.txt").write_text(noted, encoding="utf-8")
    (tmp_path / "warm").mkdir()
    root = make_project(tmp_path / "warm", content)
    live = root / "content"
    config = load_config(root)
    convert(config, full_pass=True)
    first = _events(docs_bytes(root))
    assert len(first) >= 3  # the index, the hearing's chain, the appeal told by three stories

    def date(text: str) -> str:
        return text.replace("on October 8", "on October 9")

    steps = [
        ("an event's date", "06_appeal_date.txt", lambda text: date(text)),
        ("an event's sentence", "07_appeal_set.txt", lambda text: text.replace("will hear", "is due to hear")),
        ("an entity in it", "06_appeal_date.txt", lambda text: text.replace("Thomas Brandt", "Ulrike Sommer")),
        ("the date back", "06_appeal_date.txt", lambda text: text.replace("on October 9", "on October 8")),
        ("a story added", "09_appeal_again.txt", lambda _: _story("July 15", "Tuesday", "Kessler's lawyers", "Appeal confirmed")),
        ("a story removed", "07_appeal_set.txt", lambda _: ""),
        ("a chain's story edited", "02_hearing_postponed.txt", lambda text: text + "\nThe court gave no reason.\n"),
    ]
    seen = [first]
    for n, (what, name, change) in enumerate(steps):
        path = live / name
        text = change(path.read_text(encoding="utf-8") if path.exists() else "")
        if text:
            path.write_text(text, encoding="utf-8")
        else:
            path.unlink()
        convert(config)
        got = docs_bytes(root)
        expected = cold_docs(tmp_path / f"cold-{n}", live)
        assert sorted(got) == sorted(expected), what
        assert [p for p in got if got[p] != expected[p]] == [], what
        seen.append(_events(got))
    assert any(a != b for a, b in zip(seen, seen[1:], strict=False)), "no edit changed an event page: the test shows nothing"
