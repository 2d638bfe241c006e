"""Under `dossier serve` an entity page is left in docs/ when what it shows is as when last rendered.

An edited article's analysis key changes, so every entity it names has a new digest; yet an edit away
from an entity's mentions leaves that entity's pages as they were. rerender.PageMemo compares the
article's item as the entity page renders it (its mentions in context), the entity's surfaces in it
and the article's company in the co-occurrence counts. These tests edit near and away from the
mentions, and after each edit compare the served docs/ with a cold conversion in a new process.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_config
from generator.pipeline import convert
from generator.render import site
from tests.conftest import cold_docs, docs_bytes, make_project

STORIES = {
    "canal-a.txt": ("Lock keepers strike on the canal", "Lock keepers on the Kennet canal walked out, Agnes Whitcombe said."),
    "canal-b.txt": ("Canal trust names new director", "The canal trust named Agnes Whitcombe its director, Rupert Lanyon said."),
    "canal-c.txt": ("Barges wait at Newbury", "Barges waited at Newbury for a second day, Rupert Lanyon said."),
    "canal-d.txt": ("Strike ends at the locks", "The strike ended on Friday, Agnes Whitcombe and Rupert Lanyon said."),
}
FAR = "\n\nThe towpath stayed open to walkers and cyclists throughout the week, and the cafés by the water were busy.\n"


def _story(headline: str, body: str, day: int, tail: str = "") -> str:
    return f'{headline}\n\nREADING, May {day}, 2021. /TASS/. {body}\n\n"The boats will move again," a boatman said.\n{tail}'


def _write(content: Path, name: str, headline: str, body: str, tail: str = "") -> None:
    day = 3 + sorted(STORIES).index(name)
    (content / name).write_text(_story(headline, body, day, tail), encoding="utf-8")


@pytest.fixture()
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The entity pages rendered (not left in docs/) by each conversion."""
    names: list[str] = []
    real = site.render_entity

    def counting(entity, *args, **kwargs):  # type: ignore[no-untyped-def]
        names.append(entity.id)
        return real(entity, *args, **kwargs)

    monkeypatch.setattr(site, "render_entity", counting)
    return names


def test_entity_pages_follow_their_articles_items_in_a_serving_process(
    tmp_path: Path, serving: None, rendered: list[str]
) -> None:
    content = tmp_path / "stories"
    content.mkdir()
    for name, (headline, body) in STORIES.items():
        _write(content, name, headline, body)
    (tmp_path / "warm").mkdir()
    root = make_project(tmp_path / "warm", content)
    live = root / "content"
    config = load_config(root)
    convert(config, full_pass=True)
    headline, body = STORIES["canal-b.txt"]
    steps = [
        ("far from every mention", headline, body, FAR),
        ("again, far", headline, body, FAR + "\nMore walkers came on Sunday.\n"),
        ("beside a mention", headline, body.replace("canal trust", "waterways board"), FAR),
        ("the headline", "Waterways board names a director", body.replace("canal trust", "waterways board"), FAR),
        ("a new name beside them", headline, body.replace("its director", "its director after Hugo Marlowe left"), FAR),
        (
            "far again, his statement as it was",
            headline,
            body.replace("its director", "its director after Hugo Marlowe left"),
            FAR + "\nMore.\n",
        ),
        ("his words", headline, body.replace("its director", "its director for five years"), FAR),
        ("a dated event", headline, body, FAR + "\nThe trust will meet on June 9, 2021, in Newbury, Rupert Lanyon said.\n"),
        (
            "far from the event",
            headline,
            body,
            FAR + "\nThe trust will meet on June 9, 2021, in Newbury, Rupert Lanyon said.\n\nMore.\n",
        ),
        ("the event's words", headline, body, FAR + "\nThe trust will meet on June 9, 2021, in Thatcham, Rupert Lanyon said.\n"),
    ]
    kept_once = False
    quoted_kept = []  # the steps after which the page of the man canal-b quotes was left as it was
    for n, (what, new_headline, new_body, tail) in enumerate(steps):
        rendered.clear()
        _write(live, "canal-b.txt", new_headline, new_body, tail)
        convert(config)
        got = docs_bytes(root)
        expected = cold_docs(tmp_path / f"cold-{n}", live)
        assert sorted(got) == sorted(expected), what
        assert [p for p in got if got[p] != expected[p]] == [], what
        kept_once = kept_once or n > 0 and "agnes-whitcombe" not in rendered
        if what in {"beside a mention", "the headline"}:
            assert "agnes-whitcombe" in rendered, what  # her context in the article changed
        if what in {"his words", "the event's words", "the headline"}:
            assert "rupert-lanyon" in rendered, what  # a statement of his, or an event naming him, changed
        if "rupert-lanyon" not in rendered:
            quoted_kept.append(what)
    assert kept_once  # the second edit far from her mentions left her page as it was
    # an edit away from what his page shows of the article quoting him (its line, his words, its events)
    assert {"again, far", "far again, his statement as it was", "far from the event"} <= set(quoted_kept)
