"""Bad files: each gives a correct page or a one-line message naming it, and the rest is built.

One project holds the two seeds and every fixture of tests/fixtures/{bad,hostile,content}
in sub-folders. It is built once with `dossier build` (MkDocs in strict mode); then every
input is accounted for: exactly one article page (front-matter `source_file`), or an error
naming the file on the Problems page, in `dossier check` and on the console.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.cli import main
from generator.pipeline import IGNORED_NAMES
from tests.conftest import FIXTURES, make_project

BAD = FIXTURES / "bad"
FIXTURE_SETS = {"bad": BAD, "hostile": FIXTURES / "hostile", "good": FIXTURES / "content"}


# ---------------------------------------------------------------- helpers (also used by the other safety tests)


def cli(project: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run `dossier ARGS --root PROJECT` as a user would, with CI's console (no terminal, no COLUMNS)."""
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    environ.update(NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args, "--root", str(project)],
        cwd=project,
        env=environ,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def make_strict(project: Path) -> None:
    """Turn on MkDocs' strict mode in the project's own mkdocs.yml: any warning fails the build."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^strict:.*$", "strict: true", text)
    config.write_text(text if count else text + "\nstrict: true\n", encoding="utf-8")


def add_files(project: Path, folder: str, files: list[Path]) -> None:
    """Copy files into content/FOLDER/, keeping their names and bytes."""
    target = project / "content" / folder if folder else project / "content"
    target.mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copyfile(path, target / path.name)


def fixture_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file())


def content_inputs(project: Path) -> list[str]:
    """Every file a user put in content/, relative, except the names the tool is meant to ignore."""
    content = project / "content"
    return sorted(
        p.relative_to(content).as_posix()
        for p in content.rglob("*")
        if (p.is_file() or p.is_symlink()) and p.name not in IGNORED_NAMES
    )


def read_front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path}: no front matter"
    block = text[4 : text.index("\n---\n", 4) + 1]
    data = yaml.safe_load(block)
    assert isinstance(data, dict), f"{path}: front matter is not a mapping"
    return data


def article_pages(project: Path) -> dict[str, list[str]]:
    """source_file -> the docs-relative article pages that name it."""
    pages: dict[str, list[str]] = defaultdict(list)
    docs = project / "docs"
    for path in sorted((docs / "articles").rglob("*.md")):
        meta = read_front_matter(path)
        pages[str(meta["source_file"])].append(path.relative_to(docs).as_posix())
    return dict(pages)


def site_page(project: Path, docs_page: str) -> BeautifulSoup:
    html = project / "site" / (docs_page[: -len(".md")] + ".html")
    return BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")


def norm(text: str) -> str:
    return " ".join(text.split())


def heading(soup: BeautifulSoup) -> str:
    """The page's h1 without its permalink sign."""
    h1 = soup.select_one(".md-content h1")
    assert h1 is not None
    for link in h1.select("a.headerlink"):
        link.extract()
    return norm(h1.get_text())


def body_blocks(soup: BeautifulSoup) -> list[str]:
    """The standfirst and the verbatim paragraphs, as shown."""
    blocks = [norm(p.get_text()) for p in soup.select(".md-content .dossier-standfirst")]
    return blocks + [norm(p.get_text()) for p in soup.select(".md-content .dossier-text > p")]


def problem_rows(project: Path) -> list[tuple[str, str, str]]:
    """(file, level, message) rows of the built Problems page."""
    soup = BeautifulSoup((project / "site" / "problems.html").read_text(encoding="utf-8"), "lxml")
    rows = []
    for tr in soup.select(".md-content table tbody tr"):
        cells = [norm(td.get_text()) for td in tr.find_all("td")]
        rows.append((cells[0], cells[1], cells[2]))
    return rows


# ---------------------------------------------------------------- the project with every bad and hostile file


@dataclass(frozen=True)
class Built:
    project: Path
    build: subprocess.CompletedProcess[str]
    check: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = make_project(tmp_path_factory.mktemp("bad"))
    for folder, source in FIXTURE_SETS.items():
        add_files(project, folder, fixture_files(source))
    make_strict(project)
    build = cli(project, "build")
    check = cli(project, "check")
    return Built(project, build, check)


def test_build_exits_1_and_still_builds_the_whole_site(built: Built) -> None:
    assert built.build.returncode == 1, built.build.stderr
    assert "Aborted" not in built.build.stderr and "WARNING" not in built.build.stderr, built.build.stderr
    site = built.project / "site"
    for page in ("index.html", "timeline.html", "archive/index.html", "problems.html", "about.html", "search/search_index.json"):
        assert (site / page).is_file(), page
    for pages in article_pages(built.project).values():
        for page in pages:
            assert (site / (page[:-3] + ".html")).is_file(), page


def test_every_input_has_exactly_one_page_or_is_listed_as_a_problem(built: Built) -> None:
    inputs = content_inputs(built.project)
    pages = article_pages(built.project)
    errors = {row[0] for row in problem_rows(built.project) if row[1] == "error"}
    checked = {line.split(": ", 1)[0] for line in built.check.stdout.splitlines() if ": error: " in line}
    assert set(pages) <= set(inputs), f"pages for files that are not inputs: {set(pages) - set(inputs)}"
    for source in inputs:
        count = len(pages.get(source, []))
        assert count + (source in errors) == 1, f"{source}: {count} page(s), listed as an error: {source in errors}"
        assert (source in errors) == (source in checked), f"{source}: Problems page and `dossier check` disagree"
    assert built.check.returncode == 1
    assert len(pages) + len(errors & set(inputs)) == len(inputs)


@dataclass(frozen=True)
class Expect:
    outcome: str  # "page" or "problem"
    says: str  # regex the page's date note (page) or the problem message (problem) must match
    headline: str | None = None  # the exact headline shown, when the file has one
    shows: tuple[str, ...] = ()  # strings the article text must hold (proves the decoding)
    absent: tuple[str, ...] = ()  # strings it must not hold


EXPECTED = {
    "bad_front_matter.md": Expect("problem", r"front matter.*YAML"),
    "cp1251_russian.txt": Expect(
        "page", r"Windows-1251", "Новый мост через Волгу откроют в декабре", ("Строительство завершено на полгода раньше срока",)
    ),
    "empty.txt": Expect("problem", r"\bempty\b"),
    "front_matter_bad_date.md": Expect("problem", r"date.*1 September 2020"),
    "latin1_pound.txt": Expect(
        "page", r"Windows-1252|Latin-1", "Club confirms £2.5m bid for striker", ("a £2.5m bid", "around £3m", "café")
    ),
    "mojibake.txt": Expect(
        "page",
        r"repaired",
        "Museum returns bronze statue to Greece",
        ("“This is a day we have waited for,” Greece’s culture minister",),
        ("â€", "Ã"),
    ),
    "newsml_truncated.xml": Expect(
        "page",
        r"not well-formed|truncated",
        "Fishing fleet stays in port as fuel prices rise",
        ("Most of the white-fish fleet stayed in port",),
    ),
    "no_article.html": Expect("problem", r"no article"),
    "no_headline.txt": Expect(
        "page", r"no headline", None, ("The city council voted on Tuesday to close two of its three public swimming pools",)
    ),
    "not_newsml.xml": Expect("problem", r"NewsML|NITF"),
    "nul_bytes.txt": Expect(
        "page",
        r"NUL",
        "Runners raise funds for mountain rescue team",
        ("More than 300 runners took part", "made up of volunteers, was called", "new radios"),
        ("\x00",),
    ),
    "png_renamed.txt": Expect("problem", r"PNG|binary"),
    "truncated.html": Expect(
        "page", r"truncated", "Bridge closed after lorry strike", ("ignored signs warning of a height restr",)
    ),
    "utf16.txt": Expect(
        "page", r"UTF-16", "Lighthouse keeper’s cottage sold at auction", ("A former lighthouse keeper’s cottage", "£410,000")
    ),
    "utf8_bom.txt": Expect(
        "page", r"byte-order mark", "Ferry service to island resumes after storm", ("the island’s shops",), ("\ufeff",)
    ),
    "whitespace.txt": Expect("problem", r"whitespace|empty"),
}


def _date_note(soup: BeautifulSoup) -> str:
    """The folded evidence under the date: the reader's notes are listed there."""
    notes = soup.select(".md-content details")
    assert notes, "the page has no date note"
    return norm(" ".join(d.get_text(" ") for d in notes))


@pytest.mark.parametrize("name", [p.name for p in fixture_files(BAD)])
def test_bad_file_gives_a_correct_page_or_a_one_line_message(built: Built, name: str) -> None:
    source = f"bad/{name}"
    pages = article_pages(built.project).get(source, [])
    rows = [row for row in problem_rows(built.project) if row[0] == source and row[1] == "error"]
    expect = EXPECTED.get(name)
    assert len(pages) + bool(rows) == 1, f"{source}: {len(pages)} page(s) and {len(rows)} error(s)"
    if rows:
        assert expect is None or expect.outcome == "problem", f"{source}: expected a page, found the problem {rows[0][2]!r}"
        message = rows[0][2]
        assert message and "\n" not in message
        if expect:
            assert re.search(expect.says, message, re.IGNORECASE), f"{source}: {message!r}"
        line = f"{source}: error: {message}"
        listed = line in built.check.stdout.splitlines()
        assert listed, f"`dossier check` does not print {line!r}"
        printed = line in built.build.stderr.splitlines()
        assert printed, f"`dossier build` does not print {line!r} on one line:\n{built.build.stderr}"
        return
    assert expect is None or expect.outcome == "page", f"{source}: expected a problem, found the page {pages[0]}"
    soup = site_page(built.project, pages[0])
    text = " ".join(body_blocks(soup))
    assert text, f"{source}: the page shows no text"
    if expect is None:
        return
    assert re.search(expect.says, _date_note(soup), re.IGNORECASE), (
        f"{source}: the date note does not say {expect.says!r}: {_date_note(soup)!r}"
    )
    if expect.headline is not None:
        assert heading(soup) == expect.headline
    for wanted in expect.shows:
        assert wanted in text, f"{source}: {wanted!r} not in {text!r}"
    for unwanted in expect.absent:
        assert unwanted not in text and unwanted not in heading(soup), f"{source}: {unwanted!r} is shown"


# ---------------------------------------------------------------- a file far above the size limit


_PEAK = (
    "import resource, sys; from generator.cli import main; s = main(sys.argv[1:]); "
    "print(s, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
)


def _convert_measured(project: Path) -> tuple[int, float, int]:
    """Exit status, seconds and peak resident memory (bytes) of `dossier convert` in a fresh process."""
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, "convert", "--root", str(project), "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    seconds = time.perf_counter() - start
    status, peak = out.stdout.split()[-2:]
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is bytes on macOS, KiB on Linux
    return int(status), seconds, int(peak) * scale


def test_a_50_mb_file_is_refused_quickly_without_being_read(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    (tmp_path / "big").mkdir()
    baseline = make_project(tmp_path / "base")
    for extra in sorted((baseline / "content").iterdir())[1:]:
        extra.unlink()  # one seed is enough to compare with
    big = make_project(tmp_path / "big", content=baseline / "content")
    huge = big / "content" / "huge.txt"
    line = b"The council said the budget would be debated again next week, a spokesman said.\n"
    chunk = line * (1_000_000 // len(line) + 1)
    with huge.open("wb") as out:
        out.write(b"Council budget news, all of it\n\n")
        for _ in range(50):
            out.write(chunk)
    size = huge.stat().st_size
    assert size > 50_000_000

    base_status, _, base_peak = _convert_measured(baseline)
    status, _, peak = _convert_measured(big)
    assert base_status == 0 and status == 1
    assert peak - base_peak < 25_000_000, f"peak memory grew by {(peak - base_peak) / 1e6:.0f} MB: the file was read"
    rows = (big / "docs" / "problems.md").read_text(encoding="utf-8")
    assert re.search(r"huge\\?\.txt \| error \|.*above the limit", rows), rows
    assert len(list((big / "docs" / "articles").rglob("*.md"))) == 1
    checked = cli(big, "check", "-q")
    assert checked.returncode == 1
    assert any(
        line.startswith("huge.txt: error: ") and f"{size:,}" in line and "above the limit" in line
        for line in checked.stdout.splitlines()
    ), checked.stdout


# ---------------------------------------------------------------- hand-written pages


def test_a_run_never_deletes_a_page_it_did_not_generate(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    docs = project / "docs"
    (docs / "notes").mkdir()
    (docs / "notes" / "x.md").write_text("# My notes\n\nWritten by hand.\n", encoding="utf-8")
    mine = {path: path.read_bytes() for path in (docs / "about.md", docs / "notes" / "x.md")}
    assert main(["convert", "--root", str(project), "-q"]) == 0
    articles = list((docs / "articles").rglob("*.md"))
    assert len(articles) == 2
    assert main(["convert", "--root", str(project), "-q"]) == 0
    for path in (project / "content").iterdir():
        path.unlink()
    main(["convert", "--root", str(project), "-q"])
    assert not any(path.exists() for path in articles), "generated pages of removed articles are left behind"
    for path, data in mine.items():
        assert path.read_bytes() == data, f"{path} was changed"
    shutil.rmtree(project / "content")
    main(["convert", "--root", str(project), "-q"])
    for path, data in mine.items():
        assert path.read_bytes() == data, f"{path} was changed when the content folder went away"
