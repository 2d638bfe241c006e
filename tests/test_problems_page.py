"""The Problems page lists the articles whose year an editor must settle, not only unreadable files."""

from __future__ import annotations

from pathlib import Path

from generator.cli import main
from tests.conftest import make_project

UNDATED = (
    "Harbour board meets\n\nThe board looked at the new quay.\n\n"
    "WHITBY, March 3. /TASS/. The harbour board met to discuss the quay, its chair said.\n"
)


def test_undated_articles_are_listed_for_an_editor(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "content" / "undated-story.txt").write_text(UNDATED, encoding="utf-8")
    assert main(["convert", "--root", str(project), "-q"]) == 0
    page = (project / "docs" / "problems.md").read_text(encoding="utf-8")
    section = page.split("## Dates that need an editor", 1)[1]
    shown = section.replace("\\", "")  # the list is finished HTML (Markdown escapes, if any, dropped)
    assert "Harbour board meets" in shown and "undated-story.txt" in shown and "uncertain" in shown
    assert "Moscow to press" not in section  # the samples' dates are inferred


def test_a_dossier_of_dated_articles_says_so(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert main(["convert", "--root", str(project), "-q"]) == 0
    page = (project / "docs" / "problems.md").read_text(encoding="utf-8")
    assert "## Dates that need an editor" not in page and "stated or inferred" in page


def test_a_long_list_of_dates_for_an_editor_is_split_into_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    for n in range(400):
        text = UNDATED.replace("Harbour board meets", f"Harbour board meets for the {n}th time about its quay")
        (project / "content" / f"undated-{n:03}-{'long-name-' * 6}.txt").write_text(text, encoding="utf-8")
    assert main(["convert", "--root", str(project), "-q"]) == 0
    pages = sorted((project / "docs").glob("problems*.md"))
    assert len(pages) > 1, "a Problems page of 400 waiting dates should be split"
    assert all(len(p.read_text(encoding="utf-8")) <= 72_000 for p in pages)
    shown = "".join(p.read_text(encoding="utf-8") for p in pages).replace("\\", "")
    assert all(f"undated-{n:03}-" in shown for n in range(400))
