"""Names that break files: headlines, file names and links that could break pages or paths.

tests/fixtures/names holds headlines with YAML specials (': ', '---', '#', quotes, '{}'),
a headline written as HTML, a 1,000-character headline, Cyrillic and emoji headlines,
two articles with the same headline and date, agencies written in Chinese and Japanese,
and file names with spaces, unicode and a leading dot. Symbolic links that leave the
content folder are made at test time. Slugs must stay short, ASCII, unique and stable;
every generated page's front matter must parse.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.language.slugs import slugify
from generator.pipeline import discover
from generator.writer import read_manifest
from tests.conftest import FIXTURES, make_project
from tests.test_bad_input import (
    add_files,
    article_pages,
    cli,
    content_inputs,
    fixture_files,
    heading,
    make_strict,
    norm,
    problem_rows,
    read_front_matter,
    site_page,
)
from tests.test_properties import stored_as

NAMES = FIXTURES / "names"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG = 60


def _names_content(project: Path, outside: Path) -> None:
    """The names fixtures, nested folders with awkward names, and links leading out of content/."""
    add_files(project, "names", fixture_files(NAMES))
    add_files(project, "Folder With Spaces/ünïcode dir", [NAMES / "file with spaces.txt"])
    outside.mkdir()
    shutil.copyfile(NAMES / "emoji.txt", outside / "secret.txt")
    os.symlink(
        os.path.relpath(outside / "secret.txt", project / "content" / "names"), project / "content" / "names" / "link_outside.txt"
    )
    os.symlink(outside, project / "content" / "linked folder")
    os.symlink(project / "content" / "names" / "missing.txt", project / "content" / "names" / "dangling.txt")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("names")
    root = make_project(base)
    try:
        _names_content(root, base / "outside")
    except (OSError, NotImplementedError) as exc:  # pragma: no cover - e.g. Windows without the privilege
        pytest.skip(f"symbolic links cannot be made here: {exc}")
    make_strict(root)
    result = cli(root, "build", "-q")
    assert result.returncode == 1, result.stderr  # the refused links are errors
    assert "Aborted" not in result.stderr and "WARNING" not in result.stderr, result.stderr
    return root


def test_every_named_file_has_exactly_one_page(project: Path) -> None:
    pages = article_pages(project)
    for path in fixture_files(NAMES):
        assert len(pages.get(f"names/{path.name}", [])) == 1, path.name
    assert len(pages["Folder With Spaces/ünïcode dir/file with spaces.txt"]) == 1
    assert len({page for found in pages.values() for page in found}) == sum(len(found) for found in pages.values())


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("names/link_outside.txt", "outside the content folder"),
        ("linked folder", "outside the content folder"),
        ("names/dangling.txt", "does not exist"),
    ],
)
def test_links_out_of_the_content_folder_are_refused_with_a_problem(project: Path, source: str, says: str) -> None:
    rows = [row for row in problem_rows(project) if row[0] == source]
    assert len(rows) == 1 and rows[0][1] == "error" and says in rows[0][2], rows
    pages = article_pages(project)
    assert source not in pages and not any(found.startswith(f"{source}/") for found in pages)
    emoji = _first_line(NAMES / "emoji.txt")  # the linked file outside is a copy of emoji.txt
    assert sum(heading(site_page(project, found[0])) == emoji for found in pages.values()) == 1


def test_every_generated_page_has_front_matter_that_parses(project: Path) -> None:
    docs = project / "docs"
    generated = sorted(read_manifest(docs))
    assert len(generated) > 30
    for rel in generated:
        if not rel.endswith(".md"):
            continue
        text = (docs / rel).read_text(encoding="utf-8")
        if text.startswith("---\n"):
            meta = read_front_matter(docs / rel)
            assert isinstance(meta.get("title", ""), str), f"{rel}: title is {meta.get('title')!r}"
    for source, found in article_pages(project).items():
        meta = read_front_matter(docs / found[0])
        assert meta["source_file"] == source
        assert isinstance(meta["title"], str) and meta["title"].strip(), source
        assert meta["date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", str(meta["date"])), source
        assert isinstance(meta.get("description", ""), str), source


def _first_line(path: Path) -> str:
    return norm(path.read_text(encoding="utf-8").split("\n", 1)[0])


@pytest.mark.parametrize(
    "name",
    ["yaml_colon_quotes.txt", "yaml_dashes.txt", "yaml_bool_headline.txt", "cyrillic.txt", "emoji.txt", "html_headline.txt"],
)
def test_the_headline_is_kept_exactly_in_front_matter_and_page(project: Path, name: str) -> None:
    headline = _first_line(NAMES / name)
    page = article_pages(project)[f"names/{name}"][0]
    meta = read_front_matter(project / "docs" / page)
    assert stored_as(str(meta["title"]), headline)
    assert heading(site_page(project, page)) == headline


def test_a_1000_character_headline_gives_a_short_name_and_is_shown_whole(project: Path) -> None:
    meta_source = read_front_matter(NAMES / "long_headline.md")
    headline = norm(str(meta_source["title"]))
    assert len(str(meta_source["title"])) == 1000
    page = article_pages(project)["names/long_headline.md"][0]
    assert len(Path(page).stem) <= MAX_SLUG
    assert heading(site_page(project, page)) == headline


def test_slugs_are_short_ascii_and_unique(project: Path) -> None:
    generated = read_manifest(project / "docs")
    for rel in generated:
        for part in Path(rel).with_suffix("").parts:
            assert SLUG.fullmatch(part) and len(part) <= MAX_SLUG, f"{rel}: {part!r} is not a short ASCII slug"
    ids = [read_front_matter(project / "docs" / found[0])["dossier_id"] for found in article_pages(project).values()]
    assert len(ids) == len(set(ids))


def test_same_headline_and_date_give_two_pages(project: Path) -> None:
    pages = article_pages(project)
    first, second = pages["names/same_headline_a.txt"][0], pages["names/same_headline_b.txt"][0]
    assert first != second and Path(first).parent == Path(second).parent
    for page, place in ((first, "LEEDS"), (second, "YORK")):
        assert site_page(project, page).select_one(".dossier-text > p").get_text().startswith(place)


def test_emoji_and_chinese_names_do_not_collide(project: Path) -> None:
    pages = article_pages(project)
    assert Path(pages["names/emoji_only.txt"][0]).stem
    agencies = {
        read_front_matter(project / "docs" / pages[f"names/{n}"][0])["agency"] for n in ("agency_cjk_a.md", "agency_cjk_b.md")
    }
    assert agencies == {"東京新聞", "新華社"}
    sources = [p for p in read_manifest(project / "docs") if p.startswith("sources/") and p != "sources/index.md"]
    assert len(sources) == len(set(sources)) >= 3


def test_slugs_are_stable_across_runs_and_unrelated_changes(project: Path, tmp_path: Path) -> None:
    """The same files, copied in another order into another folder, give the same pages."""
    (tmp_path / "other").mkdir()
    again = make_project(tmp_path / "other")
    files = [p for p in content_inputs(project) if not (project / "content" / p).is_symlink()]
    for rel in reversed(files):
        target = again / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(project / "content" / rel, target)
    assert main(["convert", "--root", str(again), "-q"]) == 0
    assert article_pages(again) == article_pages(project)
    (again / "content" / "names" / "yaml_dashes.txt").unlink()
    main(["convert", "--root", str(again), "-q"])
    expected = {s: p for s, p in article_pages(project).items() if s != "names/yaml_dashes.txt"}
    assert article_pages(again) == expected


@pytest.mark.parametrize(
    "agencies",
    [("Town Crier", "TOWN CRIER"), ("Index", "Harbour Wire"), ("Unattributed", "Harbour Wire")],
    ids=["same-name-in-capitals", "agency-called-index", "agency-called-unattributed"],
)
def test_agencies_whose_names_make_the_same_file_name_do_not_break_the_build(tmp_path: Path, agencies: tuple[str, str]) -> None:
    project = make_project(tmp_path)
    headlines = []
    for number, agency in enumerate((*agencies, None)):
        headlines.append(f"Harbour story number {number}")
        meta = {"title": headlines[-1], "date": f"2020-01-0{number + 1}"} | ({"agency": agency} if agency else {})
        body = f"WHITBY, January {number + 1} – The harbour master said the new pontoons would open in the spring.\n"
        text = f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n{body}"
        (project / "content" / f"story_{number}.md").write_text(text, encoding="utf-8")
    assert main(["convert", "--root", str(project), "-q"]) == 0
    sources = [page for page in read_manifest(project / "docs") if page.startswith("sources/") and page != "sources/index.md"]
    listed = " ".join((project / "docs" / page).read_text(encoding="utf-8") for page in sources)
    for headline in headlines:
        assert headline in listed, f"{headline} is on no source page"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_name_gives_a_short_ascii_slug_or_none(text: str) -> None:
    slug = slugify(text)
    assert slug == slugify(text)
    assert (slug == "") == (not text.strip())
    assert SLUG.fullmatch(slug) and len(slug) <= MAX_SLUG if slug else True


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_in_content_is_refused_not_read(tmp_path: Path) -> None:
    """Reading a pipe would wait for a writer for ever: it is refused before anything opens it."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copyfile(NAMES / "emoji.txt", content / "story.txt")
    os.mkfifo(content / "pipe.txt")
    files, problems = discover(content)
    assert [p.name for p in files] == ["story.txt"]
    assert [(p.source, p.level) for p in problems] == [("pipe.txt", "error")]
    assert "not a regular file" in problems[0].message
