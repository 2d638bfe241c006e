"""A long list split by size ends its pages where its lines say: one more line rewrites its own page only."""

from __future__ import annotations

from generator.models import Page
from generator.render.indexes import MAX_PAGE_CHARS, split_by_size

HEAD = "---\ntitle: Problems\n---\n# Problems\n\nFiles that could not be read.\n\n"


def _rows(count: int) -> list[str]:
    return [
        f"| file-{n:05d}.txt | warning | no date found in paragraph {n % 7} of the text " + "q" * (n % 90) + " |"
        for n in range(count)
    ]


def _items(count: int) -> list[str]:
    return [
        f"- [Story number {n}](articles/story-{n}.md) · folder/{n:04d}.txt · uncertain (possible years: none found)"
        for n in range(count)
    ]


def _page(rows: list[str], items: list[str]) -> Page:
    table = "## Files and warnings\n\n| File | Level | Message |\n|---|---|---|\n" + "".join(f"{r}\n" for r in rows)
    dates = "\n## Dates that need an editor\n\nThe year of these articles is not established.\n\n" + "".join(
        f"{i}\n" for i in items
    )
    return Page("problems.md", HEAD + table + dates)


def _changed(before: list[Page], after: list[Page]) -> list[str]:
    old = {p.path: p.text for p in before}
    return [p.path for p in after if old.get(p.path) != p.text]


def test_one_more_line_in_a_long_section_rewrites_the_page_it_lands_on() -> None:
    rows, items = _rows(1500), _items(3000)
    before = split_by_size(_page(rows, items), "Problems")
    assert len(before) >= 8 and all(len(p.text) <= MAX_PAGE_CHARS + 2000 for p in before)
    touched = []
    for where in range(20, 1500, 290):  # a row added to the table
        after = split_by_size(
            _page([*rows[:where], "| file-new.txt | error | unreadable |", *rows[where:]], items), "Problems"
        )
        assert len(after) == len(before)
        touched.append(len(_changed(before, after)))
    for where in range(10, 3000, 330):  # an item added to the list, or removed from it
        more = split_by_size(
            _page(rows, [*items[:where], "- [A new story](articles/new.md) · x/1.txt · uncertain", *items[where:]]),
            "Problems",
        )
        fewer = split_by_size(_page(rows, [*items[:where], *items[where + 1 :]]), "Problems")
        assert len(more) == len(fewer) == len(before)
        touched += [len(_changed(before, more)), len(_changed(before, fewer))]
    # a line that ends a piece just past half the budget may move it: then the next piece moves too, rarely
    assert max(touched) <= 3 and touched.count(1) >= 0.8 * len(touched), touched


def test_pieces_of_a_long_section_keep_every_line_and_the_table_header() -> None:
    rows, items = _rows(1500), _items(3000)
    pages = split_by_size(_page(rows, items), "Problems")
    text = "".join(p.text for p in pages)
    assert all(r in text for r in rows) and all(i in text for i in items)
    for page in pages:  # a piece that starts inside the table opens with its header
        body = page.text.splitlines()
        first_row = next((n for n, line in enumerate(body) if line.startswith("| file-")), None)
        if first_row is not None:
            assert body[first_row - 2 : first_row] == ["| File | Level | Message |", "|---|---|---|"], page.path
