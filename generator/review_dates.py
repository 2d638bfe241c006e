"""The editor's review loop for dates: list what is not a fact, and accept or set a year.

``dossier check`` lists every probable and uncertain article with its
candidates and evidence; ``dossier date accept FILE [YEAR]`` writes a
``year_hints`` entry into site_config/site.yml, keeping the file's comments
and layout (the file is edited as text, then replaced atomically), and the next
conversion picks it up.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from generator.dossier.corpus import Corpus
from generator.models import ArticleInfo, Problem
from generator.writer import write_if_changed

SITE_FILE = "site.yml"
_KEY_RE = re.compile(r"^year_hints\s*:(?P<rest>.*)$")


def _years(dates: Iterable[object]) -> str:
    return ", ".join(str(getattr(d, "year", d)) for d in dates) or "none found"


def date_problems(corpus: Corpus) -> list[Problem]:
    """One warning per article whose date is probable or uncertain, with candidates and evidence."""
    problems = []
    for info in corpus.articles:
        pubdate, source = info.analysis.pubdate, info.analysis.article.source
        why = "; ".join(pubdate.evidence[1:]) or "no clue in the text"
        if pubdate.status == "probable" and pubdate.date is not None:
            message = (
                f"date: probably {pubdate.date.year} ({_years(pubdate.candidates)} not ruled out); "
                f"accept with `dossier date accept {source}`; evidence: {why}"
            )
            problems.append(Problem(source, "warning", message))
        elif pubdate.status == "uncertain":
            message = (
                f"date: publication year uncertain (candidates: {_years(pubdate.candidates)}); "
                f"set it with `dossier date accept {source} YEAR`; evidence: {why}"
            )
            problems.append(Problem(source, "warning", message))
    return problems


def editor_summary(corpus: Corpus, names_to_review: int) -> str:
    """One line saying what needs an editor and where to look."""
    statuses = [info.analysis.pubdate.status for info in corpus.articles]
    undated, probable = statuses.count("uncertain"), statuses.count("probable")
    if not (undated or probable or names_to_review):
        return "dossier: nothing needs an editor"
    return (
        f"dossier: needs an editor: {undated} undated, {probable} probable date(s), {names_to_review} name(s) to review"
        " — see `dossier check` and site_config/entities.suggested.yml"
    )


def find_article(corpus: Corpus, source: str) -> ArticleInfo | None:
    """The article read from ``source`` (relative to the content folder, or its file name)."""
    wanted = source.replace(os.sep, "/").removeprefix("./")
    for info in corpus.articles:
        have = info.analysis.article.source
        if have == wanted or wanted.endswith("/" + have) or have.rsplit("/", 1)[-1] == wanted:
            return info
    return None


def _hint_line(pattern: str, year: int) -> str:
    return f"  {yaml.safe_dump(pattern, default_style=chr(34)).strip()}: {year}"


def with_year_hint(text: str, pattern: str, year: int) -> str:
    """site.yml's text with ``pattern: year`` under year_hints; everything else, comments included, kept."""
    lines = text.splitlines()
    index = next((i for i, line in enumerate(lines) if _KEY_RE.match(line)), None)
    if index is None:
        return text.rstrip("\n") + "\n" + "year_hints:\n" + _hint_line(pattern, year) + "\n"
    rest = _KEY_RE.match(lines[index])["rest"]  # type: ignore[index]
    value, comment = rest.split("#", 1) if "#" in rest else (rest, "")
    existing: dict[str, int] = {}
    if value.strip():  # a flow mapping: "year_hints: {}" or {"a/*": 2016}
        existing = {str(k): int(v) for k, v in (yaml.safe_load(value) or {}).items()}
    end, notes = index + 1, []
    while end < len(lines) and lines[end].startswith((" ", "\t")) and lines[end].strip():
        if lines[end].lstrip().startswith("#"):
            notes.append(lines[end])  # a comment inside the block stays, at its head
        elif isinstance(parsed := yaml.safe_load(lines[end]), dict):
            existing.update({str(k): int(v) for k, v in parsed.items()})
        end += 1
    existing[pattern] = year
    header = "year_hints:" + (f"  #{comment}" if comment else "")
    block = [header, *notes] + [_hint_line(k, v) for k, v in sorted(existing.items())]
    return "\n".join(lines[:index] + block + lines[end:]) + "\n"


def accept_year(root: Path, pattern: str, year: int) -> Path:
    """Write the year hint into site_config/site.yml atomically; return the file written."""
    path = root / "site_config" / SITE_FILE
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    new = with_year_hint(text, pattern, year)
    yaml.safe_load(new)  # never write a file the next run cannot read
    write_if_changed(path, new.encode("utf-8"))  # the writer's atomic write, as for every file we write
    return path
