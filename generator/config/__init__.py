"""SiteConfig: site_config/*.yml read once, validated, every error reported together."""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator import __version__
from generator.config.accounts import Accounts, load_accounts
from generator.config.gazetteer import Gazetteer, backend_problem, load_gazetteer
from generator.config.parsed import KEPT, parse_files, read_files
from generator.language.lexicon import QuoteCues, load_cues, load_spelling

CONFIG_DIR = "site_config"
CONFIG_FILES = (
    "site.yml",
    "sources.yml",
    "furniture.yml",
    "eras.yml",
    "entities.yml",
    "names.yml",
    "quotes.yml",
    "spelling.yml",
    "glossary.yml",
    "accounts.yml",
    "corrections.yml",
)


class ConfigError(Exception):
    """site_config/ is invalid; the message lists every problem, one per line."""


@dataclass(frozen=True)
class ReaderOptions:
    """What readers need from site_config/: furniture patterns and size limits."""

    furniture: tuple[re.Pattern[str], ...] = ()
    max_bytes: int = 20_000_000
    teasers: tuple[re.Pattern[str], ...] = ()  # furniture.yml `teasers:`: lines that open a list of other stories
    stamp_labels: tuple[str, ...] = ()  # furniture.yml `stamp_labels:`: words before a page's date ("Updated:")
    story_lines: tuple[re.Pattern[str], ...] = ()  # furniture.yml `story_lines:`: unfinished lines that are still the story's


@dataclass(frozen=True)
class AgencyName:
    """One spelling of an agency, with the dates it was in use (None = open)."""

    name: str
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class Agency:
    name: str
    description: str
    as_written: tuple[AgencyName, ...]


@dataclass(frozen=True)
class Era:
    """A phrase whose use dates an article (see site_config/eras.yml)."""

    phrase: str
    after: dt.date | None
    before: dt.date | None
    means: str
    # Spans (first day, last day or None) in which a title before a name is the person's title when
    # written: inside them the phrase may be used of the present, outside them only as "former".
    current: tuple[tuple[dt.date, dt.date | None], ...] = ()


@dataclass(frozen=True)
class Sources:
    agencies: tuple[Agency, ...] = ()
    by_path: tuple[tuple[str, str], ...] = ()

    def canonical(self, as_written: str | None) -> tuple[str, tuple[AgencyName, ...]] | None:
        """The canonical agency for a spelling found in a text, with the eras that spelling was used in."""
        if not as_written:
            return None
        wanted = as_written.strip().casefold()
        for agency in self.agencies:
            eras = dict.fromkeys((s.since, s.until) for s in agency.as_written if s.name.casefold() == wanted)
            if eras:
                return agency.name, tuple(AgencyName(as_written.strip(), a, b) for a, b in eras)
        return None

    def names(self) -> tuple[str, ...]:
        """Every agency's name, canonical and as written ("TASS", "Itar-Tass")."""
        return tuple(dict.fromkeys(n for a in self.agencies for n in (a.name, *(w.name for w in a.as_written))))

    def for_path(self, source: str) -> str | None:
        return next((name for pattern, name in self.by_path if fnmatch.fnmatch(source, pattern)), None)


@dataclass(frozen=True)
class SiteConfig:
    """Everything the pipeline needs to know about one project, already validated."""

    root: Path
    content_dir: Path
    docs_dir: Path
    title: str = "Dossier"
    description: str = ""
    earliest_year: int = 1990
    latest_year: int = 2026
    year_hints: tuple[tuple[str, int], ...] = ()
    page_size: int = 50
    entity_min_articles: int = 2  # site.yml entity_pages.min_articles: uncurated names in fewer articles get no page
    search: str = "auto"
    problems_page: bool = True
    site_url: str = ""
    warm_minutes: float = 10.0  # site.yml: how long a warm converter waits for the next command (generator/warm.py); 0: none
    reader: ReaderOptions = field(default_factory=ReaderOptions)
    sources: Sources = field(default_factory=Sources)
    eras: tuple[Era, ...] = ()
    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    cues: QuoteCues = field(default_factory=QuoteCues)
    glossary: tuple[tuple[str, str], ...] = ()
    spelling_ignore: frozenset[str] = frozenset()
    accounts: Accounts = field(default_factory=Accounts)  # chains, conflicts, corrections
    fingerprint: str = ""  # hash of the config files and generator version, for caches

    def year_hint(self, source: str) -> int | None:
        return next((year for pattern, year in self.year_hints if fnmatch.fnmatch(source, pattern)), None)


def _as_date(value: object, where: str, errors: list[str]) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors.append(f"{where}: expected a date YYYY-MM-DD, found {value!r}")
        return None


def _mapping(data: object, where: str, errors: list[str]) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        errors.append(f"{where}: expected a mapping, found {type(data).__name__}")
        return {}
    return data


def _sources(data: object, where: str, errors: list[str]) -> Sources:
    raw = _mapping(data, where, errors)
    agencies: list[Agency] = []
    for i, item in enumerate(raw.get("agencies") or []):
        at = f"{where}: agencies[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            errors.append(f"{at}: expected a mapping with a name, found {item!r}")
            continue
        spellings = []
        for j, spelling in enumerate(item.get("as_written") or [{"name": item["name"]}]):
            if isinstance(spelling, str):
                spelling = {"name": spelling}
            if not isinstance(spelling, dict) or not isinstance(spelling.get("name"), str):
                errors.append(f"{at}.as_written[{j}]: expected a name, found {spelling!r}")
                continue
            spellings.append(
                AgencyName(
                    spelling["name"],
                    _as_date(spelling.get("from"), f"{at}.as_written[{j}].from", errors),
                    _as_date(spelling.get("until"), f"{at}.as_written[{j}].until", errors),
                )
            )
        agencies.append(Agency(item["name"], str(item.get("description") or ""), tuple(spellings)))
    by_path = _mapping(raw.get("by_path"), f"{where}: by_path", errors)
    return Sources(tuple(agencies), tuple(sorted((str(k), str(v)) for k, v in by_path.items())))


def _spans(value: object, where: str, errors: list[str]) -> tuple[tuple[dt.date, dt.date | None], ...]:
    """``current: [[2009-01-20, 2017-01-20], [2025-01-20, null]]``: each span's first and last day."""
    if value is None:
        return ()
    spans: list[tuple[dt.date, dt.date | None]] = []
    for j, span in enumerate(value if isinstance(value, list) else [value]):
        if not isinstance(span, list) or len(span) != 2 or span[0] is None:
            errors.append(f"{where}[{j}]: expected [first day, last day or null], found {span!r}")
            continue
        first, last = _as_date(span[0], f"{where}[{j}]", errors), _as_date(span[1], f"{where}[{j}]", errors)
        if first is None:
            continue
        if last is not None and last < first:
            errors.append(f"{where}[{j}]: expected the last day after the first, found {first} to {last}")
            continue
        spans.append((first, last))
    return tuple(spans)


def _eras(data: object, where: str, errors: list[str]) -> tuple[Era, ...]:
    eras = []
    for i, item in enumerate(_mapping(data, where, errors).get("eras") or []):
        at = f"{where}: eras[{i}]"
        phrases = item.get("phrase") if isinstance(item, dict) else None
        phrases = [phrases] if isinstance(phrases, str) else phrases
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            errors.append(f"{at}: expected a mapping with a phrase or a list of phrases, found {item!r}")
            continue
        current = _spans(item.get("current"), f"{at}.current", errors)
        after = _as_date(item.get("after"), f"{at}.after", errors)
        if after is None and current:
            after = min(first for first, _ in current)
        for phrase in phrases:
            eras.append(
                Era(
                    phrase.strip(),
                    after,
                    _as_date(item.get("before"), f"{at}.before", errors),
                    str(item.get("means") or phrase),
                    current,
                )
            )
    return tuple(eras)


def _furniture(data: object, where: str, errors: list[str], key: str = "lines") -> tuple[re.Pattern[str], ...]:
    patterns = []
    for i, line in enumerate(_mapping(data, where, errors).get(key) or []):
        try:
            patterns.append(re.compile(str(line), re.IGNORECASE))
        except re.error as exc:
            errors.append(f"{where}: {key}[{i}]: expected a regular expression, found {line!r} ({exc})")
    return tuple(patterns)


def _stamp_labels(data: object) -> tuple[str, ...]:
    """Words that may stand before a page's date; furniture.yml is validated by ``_furniture``."""
    labels = data.get("stamp_labels") if isinstance(data, dict) else None
    return tuple(str(label) for label in labels or [])


def _fingerprint(raw: Mapping[str, bytes | None], site_url_env: str) -> str:
    """A hash of the config files' bytes (as read once by ``load_config``), the generator's version and a
    ``SITE_URL`` from the environment (it changes the feed: the pages made without it are stale)."""
    digest = hashlib.sha256(__version__.encode())
    for name in CONFIG_FILES:
        digest.update(name.encode() + b"\0")
        blob = raw[name]
        if blob is not None:
            digest.update(blob)
    if site_url_env:
        digest.update(b"SITE_URL\0" + site_url_env.encode())
    return digest.hexdigest()[:16]


def _named_gazetteer(data: dict[str, Any], site: dict[str, Any], cfg: Path, errors: list[str]) -> Gazetteer:
    """entities.yml with names.yml, and the recogniser named in site.yml (``ner``)."""
    gazetteer, gaz_errors = load_gazetteer(
        data["entities.yml"], str(cfg / "entities.yml"), data["names.yml"], str(cfg / "names.yml")
    )
    errors += gaz_errors
    ner = str(site.get("ner", "rules"))
    backend_error = backend_problem(ner, f"{cfg / 'site.yml'}: ner")
    if backend_error:
        errors.append(backend_error)
        return gazetteer
    return replace(gazetteer, backend=ner)


def _reader_options(data: dict[str, Any], site: dict[str, Any], cfg: Path, errors: list[str]) -> ReaderOptions:
    furniture = data["furniture.yml"]
    return ReaderOptions(
        furniture=_furniture(furniture, f"{cfg / 'furniture.yml'}", errors),
        max_bytes=int(site.get("max_bytes", 20_000_000)),
        teasers=_furniture(furniture, f"{cfg / 'furniture.yml'}", errors, "teasers"),
        stamp_labels=_stamp_labels(furniture),
        story_lines=_furniture(furniture, f"{cfg / 'furniture.yml'}", errors, "story_lines"),
    )


def _minutes(value: object, where: str, errors: list[str]) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 24 * 60:
        return float(value)
    errors.append(f"{where}: expected a number of minutes from 0 to 1440, found {value!r}")
    return 0.0


def load_config(root: Path, content_dir: Path | None = None, *, remember: bool = False) -> SiteConfig:
    """Read and validate site_config/; raise ConfigError listing every problem at once.

    The files' parsed YAML is read back from the project's cache when their bytes are as
    before (config/parsed.py); ``remember`` lets a command that writes keep it there.
    """
    root = root.resolve()
    cfg = root / CONFIG_DIR
    errors: list[str] = []
    raw = read_files(cfg, CONFIG_FILES)
    data = parse_files(cfg, raw, errors, root / KEPT, remember)
    site = _mapping(data["site.yml"], f"{cfg / 'site.yml'}", errors)
    years = _mapping(site.get("plausible_years"), f"{cfg / 'site.yml'}: plausible_years", errors)
    hints = _mapping(site.get("year_hints"), f"{cfg / 'site.yml'}: year_hints", errors)
    gazetteer = _named_gazetteer(data, site, cfg, errors)
    cues, cue_errors = load_cues(data["quotes.yml"], str(cfg / "quotes.yml"))
    errors += cue_errors
    glossary = _mapping(data["glossary.yml"], f"{cfg / 'glossary.yml'}", errors)
    glossary = _mapping(glossary.get("abbreviations", glossary), f"{cfg / 'glossary.yml'}", errors)
    spelling_ignore, spelling_errors = load_spelling(data["spelling.yml"], str(cfg / "spelling.yml"))
    errors += spelling_errors
    account_paths = (str(cfg / "accounts.yml"), str(cfg / "corrections.yml"), str(cfg / "site.yml"))
    accounts, account_errors = load_accounts(data["accounts.yml"], data["corrections.yml"], site, account_paths)
    errors += account_errors
    search = str(site.get("search", "auto"))
    if search not in ("auto", "material", "pagefind"):
        errors.append(f"{cfg / 'site.yml'}: search: expected 'auto', 'material' or 'pagefind', found {search!r}")
    config = SiteConfig(
        root=root,
        content_dir=(content_dir or root / str(site.get("content_dir", "content"))).resolve(),
        docs_dir=root / "docs",
        title=str(site.get("title", "Dossier")),
        description=str(site.get("description", "")).strip(),
        earliest_year=int(years.get("earliest", 1990)),
        latest_year=int(years.get("latest", 2026)),
        year_hints=tuple(sorted((str(k), int(v)) for k, v in hints.items())),
        page_size=int(site.get("page_size", 50)),
        entity_min_articles=int(dict(site.get("entity_pages") or {}).get("min_articles", 2)),
        search=search,
        problems_page=bool(site.get("problems_page", True)),
        site_url=os.environ.get("SITE_URL", "").strip() or str(site.get("site_url") or ""),  # the environment wins
        warm_minutes=_minutes(site.get("warm_minutes", 10), f"{cfg / 'site.yml'}: warm_minutes", errors),
        reader=_reader_options(data, site, cfg, errors),
        sources=_sources(data["sources.yml"], f"{cfg / 'sources.yml'}", errors),
        eras=_eras(data["eras.yml"], f"{cfg / 'eras.yml'}", errors),
        gazetteer=gazetteer,
        cues=cues,
        glossary=tuple(sorted((str(k), str(v)) for k, v in glossary.items())),
        spelling_ignore=spelling_ignore,
        accounts=accounts,
        fingerprint=_fingerprint(raw, os.environ.get("SITE_URL", "").strip()),
    )
    if errors:
        raise ConfigError("\n".join(errors))
    return config
