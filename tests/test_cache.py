"""The conversion cache: an unchanged re-run does nothing, an edit redoes only what changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.cache import CACHE_DIR, STATE, AnalysisCache, restat_pages, stat_pages
from generator.config import load_config
from generator.pipeline import analyse_dossier, convert
from tests.conftest import docs_bytes, harbour_content, harbour_story, make_project

EXTRA = """Port authority names new chief

LONDON, March 3. /TASS/. The port authority of Harwich has named Margaret Ellison its new chief executive, the authority said on Tuesday.

Ellison, who ran the harbour at Felixstowe for six years, will take up the post in April, a spokesman said.
"""


def _files(root: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file the conversion may write: docs/, the cache, site_config/."""
    out = {}
    for folder in ("docs", str(CACHE_DIR), "site_config"):
        for dirpath, _, names in os.walk(root / folder):
            for name in names:
                st = os.stat(os.path.join(dirpath, name))
                out[os.path.join(dirpath, name)] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path)
    (root / "content" / "extra.txt").write_text(EXTRA, encoding="utf-8")
    return root


def test_unchanged_rerun_analyses_renders_and_writes_nothing(project: Path) -> None:
    first = convert(load_config(project))
    articles = len(list((project / "content").iterdir()))
    assert first.analysed == articles and not first.reused and first.report and first.report.written
    before = _files(project)
    again = convert(load_config(project))
    assert again.reused and again.analysed == 0
    assert again.report is not None and again.report.written == () and again.report.unchanged == len(first.pages)
    assert _files(project) == before, "the unchanged run wrote a file"
    # what it reports, and what it rebuilds from the cache on demand, is what the full run had
    assert again.problems == first.problems and dict(again.counts) == dict(first.counts)
    assert [a.id for a in again.corpus.articles] == [a.id for a in first.corpus.articles]
    assert [a.analysis for a in again.corpus.articles] == [a.analysis for a in first.corpus.articles]
    assert again.pages == first.pages


def test_cached_analyses_equal_fresh_ones(project: Path) -> None:
    config = load_config(project)
    convert(config)
    cached = analyse_dossier(config, cache=AnalysisCache.for_config(config))
    fresh = analyse_dossier(config)
    assert [a.analysis for a in cached.articles] == [a.analysis for a in fresh.articles]


def test_editing_one_article_reanalyses_only_it(project: Path) -> None:
    convert(load_config(project))
    edited = project / "content" / "extra.txt"
    edited.write_text(EXTRA.replace("six years", "seven years"), encoding="utf-8")
    result = convert(load_config(project))
    assert result.analysed == 1 and not result.reused
    assert result.report is not None and any(p.startswith("articles/") for p in result.report.written)
    page = next(p for p in result.pages if p.path in result.report.written and p.path.startswith("articles/"))
    assert "seven years" in page.text
    assert convert(load_config(project)).reused


def test_removing_an_article_is_not_served_from_the_cache(project: Path) -> None:
    first = convert(load_config(project))
    (project / "content" / "extra.txt").unlink()
    result = convert(load_config(project))
    assert not result.reused and result.analysed == 0
    assert result.counts["articles"] == first.counts["articles"] - 1
    assert result.report is not None and any(p.startswith("articles/") for p in result.report.removed)
    assert len(list((project / CACHE_DIR / "analyses").iterdir())) == result.counts["articles"]


def test_changing_site_config_invalidates_every_analysis(project: Path) -> None:
    first = convert(load_config(project))
    site = project / "site_config" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "\n# an editor's note\n", encoding="utf-8")
    result = convert(load_config(project))
    assert not result.reused and result.analysed == first.analysed


def test_a_generated_page_changed_by_hand_is_restored(project: Path) -> None:
    first = convert(load_config(project))
    page = next(p for p in first.pages if p.path.startswith("articles/"))
    (project / "docs" / page.path).write_text("scribbled\n", encoding="utf-8")
    result = convert(load_config(project))
    assert not result.reused and result.analysed == 0
    assert (project / "docs" / page.path).read_text(encoding="utf-8") == page.text


def test_a_damaged_cache_file_is_a_miss(project: Path) -> None:
    first = convert(load_config(project))
    for entry in (project / CACHE_DIR / "analyses").iterdir():
        entry.write_bytes(b"not a pickle")
    (project / CACHE_DIR / STATE).write_text("{", encoding="utf-8")
    result = convert(load_config(project))
    assert result.analysed == first.analysed and result.report is not None and result.report.written == ()


def test_removing_a_hand_written_page_lets_the_generated_one_be_written(project: Path) -> None:
    mine = project / "docs" / "quotes.md"
    mine.write_text("# My own quotes page\n", encoding="utf-8")
    first = convert(load_config(project))
    assert first.report is not None and "quotes.md" in first.report.kept_handwritten
    again = convert(load_config(project))
    assert again.reused and again.report is not None and again.report.kept_handwritten == ("quotes.md",)
    mine.unlink()
    result = convert(load_config(project))
    assert not result.reused and result.report is not None and "quotes.md" in result.report.written


STORIES = [
    (
        "harbour-a.txt",
        "Harwich port names Margaret Ellison chief",
        "Margaret Ellison will run the port of Harwich, the authority said. Ellison met Tomas Varga in Felixstowe.",
    ),
    (
        "harbour-b.txt",
        "Felixstowe cranes delayed",
        "Tomas Varga said the cranes for Felixstowe would arrive in May. Margaret Ellison was not available.",
    ),
    (
        "harbour-c.txt",
        "Dredging starts at Harwich",
        "Dredging began at Harwich on Monday, Ingrid Solberg of the port authority said.",
    ),
    (
        "harbour-d.txt",
        "Ferry timetable changes",
        "The ferry from Harwich will sail later in winter, Ingrid Solberg said. Tomas Varga agreed.",
    ),
]



def _cold(tmp: Path, content: Path) -> dict[str, bytes]:
    tmp.mkdir()
    root = make_project(tmp, content)
    convert(load_config(root))
    return docs_bytes(root)


@pytest.mark.parametrize("change", ["edit", "rename a person", "remove", "add"])
def test_reusing_unchanged_pages_gives_the_bytes_of_a_cold_conversion(tmp_path: Path, change: str) -> None:
    content = harbour_content(tmp_path, STORIES)
    (tmp_path / "warm").mkdir()
    root = make_project(tmp_path / "warm", content)
    live = root / "content"
    convert(load_config(root))
    if change == "edit":
        (live / "harbour-c.txt").write_text(
            harbour_story("Dredging starts at Harwich", "Dredging began at Harwich, Tomas Varga said.", 4), encoding="utf-8"
        )
    elif change == "rename a person":  # Ingrid Solberg drops to one article: her page must go, her name unlink
        (live / "harbour-d.txt").write_text(
            harbour_story("Ferry timetable changes", "The ferry from Harwich will sail later, Tomas Varga said.", 5), encoding="utf-8"
        )
    elif change == "remove":
        (live / "harbour-b.txt").unlink()
    else:
        (live / "harbour-e.txt").write_text(
            harbour_story("Ingrid Solberg retires", "Ingrid Solberg will retire from the Harwich authority in June.", 9),
            encoding="utf-8",
        )
    again = convert(load_config(root))
    assert again.analysed <= 1
    expected = _cold(tmp_path / "cold", live)
    got = docs_bytes(root)
    assert sorted(got) == sorted(expected)
    assert [p for p in got if got[p] != expected[p]] == []


def test_restat_pages_looks_again_only_at_changed_and_unknown_pages(tmp_path: Path) -> None:
    """After writing: the written pages and those not stamped before get fresh stamps; an untouched page keeps
    its stamp from before; a page changed by someone else meanwhile keeps the OLDER stamp (so the next run finds
    it changed), and a written page that is gone is left out, as ``stat_pages`` leaves it out."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("kept.md", "written.md", "touched.md", "gone.md"):
        (docs / name).write_text("old\n", encoding="utf-8")
    paths = ["kept.md", "written.md", "touched.md", "gone.md", "new.md"]
    before = stat_pages(docs, paths)
    os.utime(docs / "kept.md", ns=(1, 1))  # unseen by restat: it was not written
    stamp = before["touched.md"]
    (docs / "touched.md").write_text("changed by hand\n", encoding="utf-8")
    os.utime(docs / "touched.md", ns=(stamp[1] + 10**9, stamp[1] + 10**9))
    (docs / "written.md").write_text("new text\n", encoding="utf-8")
    (docs / "new.md").write_text("a new page\n", encoding="utf-8")
    (docs / "gone.md").unlink()
    got = restat_pages(docs, paths, ["written.md", "gone.md"], before)
    fresh = stat_pages(docs, paths)
    assert got["kept.md"] == before["kept.md"] != fresh["kept.md"]
    assert got["touched.md"] == before["touched.md"] != fresh["touched.md"]
    assert got["written.md"] == fresh["written.md"] != before["written.md"]
    assert got["new.md"] == fresh["new.md"]
    assert "gone.md" not in got
    assert list(got) == ["kept.md", "written.md", "touched.md", "new.md"]
