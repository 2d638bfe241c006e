"""Markdown with YAML front matter, read as written (never rendered).

The front matter states facts outright, so it wins over what the text implies
(a ``dateline`` or ``agency`` key beats the dateline of the first paragraph).
The body is split into paragraphs at blank lines; the lines of one paragraph
are joined with a space, as Markdown itself displays them, and nothing else
is changed: "*stars*", "# 1 seed" or "[x](javascript:...)" stay characters,
which the renderer escapes.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

from generator.models import Article, Dateline
from generator.readers import ReaderOptions, ReadError
from generator.readers.decoding import damage_notes

# Front-matter keys, by what they mean; the first key present wins.
HEADLINE_KEYS: tuple[str, ...] = ("title", "headline")
STANDFIRST_KEYS: tuple[str, ...] = ("description", "standfirst", "summary", "subtitle")
DATE_KEYS: tuple[str, ...] = ("date", "published", "date_published")
AGENCY_KEYS: tuple[str, ...] = ("agency", "source")
DATELINE_KEYS: tuple[str, ...] = ("dateline",)
YEAR_KEYS: tuple[str, ...] = ("year",)
YEAR_BOUNDS = (1800, 2100)

_FENCE = re.compile(r"^(?:---|\+\+\+)\s*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)\s*$")
_ATX_H1 = re.compile(r"^ {0,3}#[ \t]+(?P<text>.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_BLANK = re.compile(r"\n[ \t]*\n")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


def read(text: str, source: str, options: ReaderOptions) -> Article:
    """Turn a Markdown file into an Article; ReadError on bad front matter or no text."""
    front, body, front_line = split_front_matter(text)
    fields = _fields(front, front_line)
    chunks = _chunks(body)
    headline = _text_field(fields, HEADLINE_KEYS)
    notes: list[str] = []
    if not headline:
        headline, chunks, before = _heading(chunks)
        if not headline:
            raise ReadError("no headline: the front matter has no title and the text has no '# ' heading")
        if before:
            notes.append(f"the headline is the first '# ' heading, which comes after {before} block(s) of text")
    blocks = _paragraphs(chunks, options)
    if not blocks:
        raise ReadError("no article text found: there is nothing below the headline")
    given, given_from = _date(fields)
    year = _year(fields)
    if given and year and given.year != year:
        notes.append(f"the front matter year {year} differs from its date {given.isoformat()}; the date was used")
    dateline = _front_dateline(fields) or _parse_dateline(blocks[0])
    agency = _text_field(fields, AGENCY_KEYS) or (dateline.agency_as_written if dateline else None)
    standfirst = _text_field(fields, STANDFIRST_KEYS)
    used = set(HEADLINE_KEYS + STANDFIRST_KEYS + DATE_KEYS + AGENCY_KEYS + DATELINE_KEYS + YEAR_KEYS)
    extra = tuple(sorted((k, _as_text(v)) for k, v in fields.items() if k not in used))
    return Article(
        source=source,
        format="markdown",
        headline=headline,
        standfirst=standfirst,
        paragraphs=tuple(blocks),
        dateline=dateline,
        agency_as_written=agency or None,
        given_date=given,
        given_date_from=given_from,
        year_hint=year,
        reader_notes=tuple(notes) + damage_notes("\n".join((headline, standfirst, *blocks))),
        extra=extra,
    )


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that leaves timestamps as text, so "2021-02-30" is our error to report."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter or None, body, 1-based line number of the first front-matter line)."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or not _FENCE.match(lines[start]):
        return None, text, 0
    if lines[start].startswith("+"):
        raise ReadError(
            f"front matter: line {start + 1}: TOML front matter ('+++') is not supported; use YAML between '---' lines"
        )
    for end in range(start + 1, len(lines)):
        if _CLOSE.match(lines[end]):
            return "\n".join(lines[start + 1 : end]), "\n".join(lines[end + 1 :]), start + 2
    raise ReadError(f"front matter: opened with '---' on line {start + 1} but never closed with '---'")


def _fields(front: str | None, first_line: int) -> dict[str, object]:
    if front is None or not front.strip():
        return {}
    try:
        data = yaml.load(front, Loader=_FrontMatterLoader)
    except yaml.YAMLError as exc:
        raise ReadError(_yaml_problem(exc, front, first_line)) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReadError(f"front matter: expected 'key: value' lines, found a {_kind(data)}")
    return {str(k).strip().lower(): v for k, v in data.items()}


def _yaml_problem(exc: yaml.YAMLError, front: str, first_line: int) -> str:
    """One line naming the field and the file line where the YAML went wrong."""
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    reason = "; ".join(str(part) for part in (getattr(exc, "context", None), getattr(exc, "problem", None)) if part)
    reason = reason or str(exc).splitlines()[0]
    if mark is None:
        return f"front matter: invalid YAML ({reason})"
    lines = front.split("\n")
    key = re.match(r"^\s*([A-Za-z_][\w-]*)\s*:", lines[mark.line]) if mark.line < len(lines) else None
    where = f"{key.group(1)} (line {first_line + mark.line})" if key else f"line {first_line + mark.line}"
    return f"front matter: {where}: invalid YAML ({reason})"


def _kind(value: object) -> str:
    return {list: "list", str: "single line of text", int: "number", float: "number", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def _text_field(fields: dict[str, object], keys: tuple[str, ...]) -> str:
    for key in keys:
        if key in fields and fields[key] is not None:
            value = fields[key]
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                raise ReadError(f"front matter: {key}: expected text, found a {_kind(value)}")
            return re.sub(r"\s+", " ", str(value)).strip()
    return ""


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_as_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_as_text(v)}" for k, v in value.items())
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return "" if value is None else str(value)


def _date(fields: dict[str, object]) -> tuple[dt.date | None, str | None]:
    for key in DATE_KEYS:
        if key not in fields or fields[key] in (None, ""):
            continue
        value = fields[key]
        date = _to_date(value)
        if date is None:
            raise ReadError(f"front matter: {key}: expected a date as YYYY-MM-DD, found {value!r}")
        return date, f"the front matter {key}"
    return None, None


def _to_date(value: object) -> dt.date | None:
    """A calendar date from what YAML gives: a date, a datetime, or an ISO string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = _ISO.match(value.strip())
        if match:
            try:
                date = dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return None
            return date if YEAR_BOUNDS[0] <= date.year <= YEAR_BOUNDS[1] else None
    return None


def _year(fields: dict[str, object]) -> int | None:
    for key in YEAR_KEYS:
        if key in fields and fields[key] is not None:
            value = fields[key]
            year = value if isinstance(value, int) and not isinstance(value, bool) else None
            if isinstance(value, str) and value.strip().isdigit():
                year = int(value.strip())
            if year is None or not YEAR_BOUNDS[0] <= year <= YEAR_BOUNDS[1]:
                raise ReadError(f"front matter: {key}: expected a year such as 2016, found {value!r}")
            return year
    return None


def _front_dateline(fields: dict[str, object]) -> Dateline | None:
    text = _text_field(fields, DATELINE_KEYS)
    if not text:
        return None
    return _parse_dateline(text) or Dateline(text=text)


def _chunks(body: str) -> list[list[str]]:
    """The lines of each blank-line-separated block, stripped."""
    chunks = ([line.strip() for line in chunk.split("\n") if line.strip()] for chunk in _BLANK.split(body))
    return [chunk for chunk in chunks if chunk]


def _heading(chunks: list[list[str]]) -> tuple[str, list[list[str]], int]:
    """The first level-1 heading ("# Title", or "Title" over "==="), the blocks without it,
    and how many blocks came before it."""
    for i, lines in enumerate(chunks):
        match = _ATX_H1.match(lines[0])
        if match:
            rest = [lines[1:]] if len(lines) > 1 else []
            return match.group("text").strip(), chunks[:i] + rest + chunks[i + 1 :], i
        if len(lines) == 2 and _SETEXT_H1.match(lines[1]):
            return lines[0], chunks[:i] + chunks[i + 1 :], i
    return "", chunks, 0


def _paragraphs(chunks: list[list[str]], options: ReaderOptions) -> list[str]:
    """Lines of a block joined with a space, as Markdown shows them; furniture dropped."""
    out: list[str] = []
    for lines in chunks:
        paragraph = " ".join(lines)
        if not any(p.fullmatch(paragraph) for p in options.furniture):
            out.append(paragraph)
    return out


def _parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline of a paragraph, once the shared dateline parser exists."""
    try:
        from generator.readers.dateline import parse_dateline
    except ImportError:
        return None
    return parse_dateline(paragraph)
