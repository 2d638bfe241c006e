"""Under `dossier serve` finished listings are remembered from one conversion to the next: never stale, never growing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.config import load_config
from generator.models import Page
from generator.pipeline import convert
from generator.render import finish
from tests.conftest import docs_bytes, make_project

STORIES = [
    ("canal-a.txt", "Lock keepers strike on the canal", "Lock keepers on the Kennet canal walked out, Agnes Whitcombe said."),
    ("canal-b.txt", "Canal trust names new director", "The canal trust named Agnes Whitcombe its director, Rupert Lanyon said."),
    ("canal-c.txt", "Barges wait at Newbury", "Barges waited at Newbury for a second day, Rupert Lanyon said."),
    ("canal-d.txt", "Strike ends at the locks", "The strike ended on Friday, Agnes Whitcombe and Rupert Lanyon said."),
]


def _story(headline: str, body: str, day: int) -> str:
    return f'{headline}\n\nREADING, May {day}, 2021. /TASS/. {body}\n\n"The boats will move again," a boatman said.\n'


def _project(where: Path) -> Path:
    """A project of the four canal stories under ``where``."""
    content = where / "stories"
    content.mkdir(parents=True)
    for day, (name, headline, body) in enumerate(STORIES, start=3):
        (content / name).write_text(_story(headline, body, day), encoding="utf-8")
    return make_project(where, content)




def test_a_one_off_process_keeps_no_finished_listing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(finish, "_KEPT", None)
    page = Page("index.md", "# Home\n\n- [A](a.md)\n")
    assert finish.finish_listings([page]) == finish.finish([page])
    assert finish._KEPT is None


def test_a_remembered_page_is_looked_up_by_its_text_and_only_the_last_run_is_kept(serving: None) -> None:
    first = [Page("entities/people/index.md", "# People\n\n- [Agnes Whitcombe](agnes.md) · 3 articles\n")]
    second = [Page("entities/people/index.md", "# People\n\n- [Agnes Lanyon](agnes.md) · 3 articles\n")]
    assert finish.finish_listings(first) == finish.finish(first)
    assert finish.finish_listings(second) == finish.finish(second)  # same path, new line: not the page of the last run
    assert finish._KEPT == {second[0].text: finish.finish_text(second[0].text)}


@pytest.mark.parametrize("change", ["rename a person", "edit a headline", "add"])
def test_listings_after_a_change_in_a_serving_process_are_those_of_a_cold_conversion(
    tmp_path: Path, serving: None, change: str
) -> None:
    root = _project(tmp_path / "warm")
    live = root / "content"
    convert(load_config(root))
    before = docs_bytes(root)
    if change == "rename a person":  # Rupert Lanyon's lines change in the entity index, the quotes and the timeline
        text = (live / "canal-c.txt").read_text(encoding="utf-8")
        (live / "canal-c.txt").write_text(text.replace("Rupert Lanyon", "Rupert Lanyon-Hale"), encoding="utf-8")
    elif change == "edit a headline":  # the article's line on the home page, the archive and its source
        (live / "canal-a.txt").write_text(_story("Lock keepers end strike", STORIES[0][2], 3), encoding="utf-8")
    else:
        added = _story("Agnes Whitcombe retires", "Agnes Whitcombe will retire in June.", 9)
        (live / "canal-e.txt").write_text(added, encoding="utf-8")
    convert(load_config(root))
    got = docs_bytes(root)
    listings = ["index.md", "archive/2021.md", "entities/index.md"]
    assert any(got[path] != before[path] for path in listings)  # the memo was asked for a page it did not hold
    (tmp_path / "cold").mkdir()
    cold = make_project(tmp_path / "cold", live)
    finish._KEPT = None  # a fresh process: nothing remembered
    convert(load_config(cold))
    expected = docs_bytes(cold)
    assert sorted(got) == sorted(expected)
    assert [p for p in got if got[p] != expected[p]] == []


def test_the_full_pass_before_the_first_edit_fills_the_memos_and_writes_nothing(tmp_path: Path, serving: None) -> None:
    """`dossier serve` converts once through every stage before the first edit (``full_pass``): nothing to
    write, and the listings, as in docs/ already, are neither finished again nor read (rerender.ListingMemo)."""
    root = _project(tmp_path)
    convert(load_config(root))
    before = docs_bytes(root)
    finish._KEPT = {}  # a new serving process (``keep_in_memory``)
    assert convert(load_config(root)).reused  # the plain conversion finds nothing to do and fills nothing
    assert not finish._KEPT
    result = convert(load_config(root), full_pass=True)
    assert not result.reused and result.report.written == ()
    assert not finish._KEPT  # every listing was kept in docs/: none finished
    listed = json.loads((root / ".cache/dossier/listings.json").read_text())
    assert {"index.md", "quotes.md", "archive/2021.md"} <= set(listed["pages"])
    assert docs_bytes(root) == before
