"""The lexicon: speech verbs, role nouns, unnamed-source heads (site_config/quotes.yml) and
words never flagged as misspelt (site_config/spelling.yml), parsed once for every analysis."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.language.stored import stored


@dataclass(frozen=True)
class QuoteCues:
    """Cue verbs and role nouns, from site_config/quotes.yml."""

    verbs: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()  # role nouns that refer back to a person ("diplomat")
    prepositions: tuple[str, ...] = ()  # the speaker follows: "according to"
    role_intros: tuple[tuple[str, tuple[str, ...]], ...] = ()  # role -> words introducing it
    unnamed: tuple[str, ...] = ()  # head nouns of unnamed sources ("source", "official")
    organisations: tuple[str, ...] = ()  # nouns for an organisation speaking ("ministry")
    weak_verbs: tuple[str, ...] = ()  # cue only next to a quote: "claimed", "announced"
    object_verbs: tuple[str, ...] = ()  # speech verbs whose plain object is what was said: "noted the rise in prices"
    naming: tuple[str, ...] = ()  # words that take a quoted phrase: "called it", "described as"
    scare: tuple[str, ...] = ()  # words before a scare quote, never speech: "so-called"
    findings: tuple[str, ...] = ()  # sources whose weak verbs report a bare clause: "a poll shows Clinton ahead"
    stances: tuple[str, ...] = ()  # belief, wish, plan: report "to …", "that …", "whether …" ("wants to", "plans to")
    positions: tuple[str, ...] = ()  # a stance on something: report their object too ("called for a ban on …")
    listeners: tuple[str, ...] = ()  # stances with a listener before "to": "urged Congress to act"
    labelling: tuple[str, ...] = ()  # "called the plan a hoax": the object and what it is called
    finding_verbs: tuple[str, ...] = ()  # cues only after a findings source: "polls show"
    digests: tuple[str, ...] = ()  # "key statements": "Below are Putin's key statements" lists one person's words
    staff: tuple[tuple[str, tuple[str, ...]], ...] = ()  # "diplomats" -> nouns of the organisation they speak for


# quotes.yml keys that hold a plain list of words, each a QuoteCues field of the same name
_WORD_LISTS = (
    "verbs", "weak_verbs", "object_verbs", "prepositions", "unnamed", "organisations", "naming", "scare", "findings",
    "stances", "positions", "listeners", "labelling", "finding_verbs", "digests",
)


def load_cues(data: object, path: str) -> tuple[QuoteCues, list[str]]:
    """Parse site_config/quotes.yml; return the cues and error messages."""
    if data is None:
        return QuoteCues(), []
    if not isinstance(data, Mapping):
        return QuoteCues(), [f"{path}: expected a mapping of cue lists, found {type(data).__name__}"]
    errors: list[str] = []
    known = {*_WORD_LISTS, "roles", "staff"}
    errors += [f"{path}: {key}: expected one of {', '.join(sorted(known))}, found {key!r}" for key in data if key not in known]
    roles_raw = data.get("roles") or {}
    intros: list[tuple[str, tuple[str, ...]]] = []
    if not isinstance(roles_raw, Mapping):
        errors.append(f"{path}: roles: expected a mapping of role noun -> introducing words, found {type(roles_raw).__name__}")
    else:
        for role, words in roles_raw.items():
            listed = _words(words, f"{path}: roles.{role}", errors)
            intros.append((str(role).lower(), tuple(dict.fromkeys((str(role).lower(), *listed)))))
    lists = {key: _words(data.get(key), f"{path}: {key}", errors) for key in _WORD_LISTS}
    cues = QuoteCues(
        roles=tuple(role for role, _ in intros),
        role_intros=tuple(intros),
        staff=_mapping(data.get("staff"), f"{path}: staff", errors),
        **lists,
    )
    return cues, errors


def _mapping(value: object, where: str, errors: list[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A mapping of a word to a list of words, lower-cased."""
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        errors.append(f"{where}: expected a mapping of word -> list of words, found {type(value).__name__}")
        return ()
    return tuple((" ".join(str(k).lower().split()), _words(v, f"{where}.{k}", errors)) for k, v in value.items())


def _words(value: object, where: str, errors: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        errors.append(f"{where}: expected a list of words, found {type(value).__name__}")
        return ()
    out: list[str] = []
    for i, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            out.append(" ".join(item.lower().split()))
        else:
            errors.append(f"{where}[{i}]: expected a word or phrase, found {item!r}")
    return tuple(dict.fromkeys(out))


def load_spelling(data: object, path: str) -> tuple[frozenset[str], list[str]]:
    """Parse site_config/spelling.yml (``ignore: [word, ...]``): words never flagged.

    The pipeline adds them to ``known_words``. Returns the words and error messages.
    """
    if data is None:
        return frozenset(), []
    if not isinstance(data, dict):
        return frozenset(), [f"{path}: expected a mapping with an 'ignore' list, found {type(data).__name__}"]
    errors = [f"{path}: {key}: expected only the key 'ignore', found {key!r}" for key in data if key != "ignore"]
    raw = data.get("ignore") or []
    if not isinstance(raw, list):
        return frozenset(), [*errors, f"{path}: ignore: expected a list of words, found {type(raw).__name__}"]
    words: set[str] = set()
    for i, item in enumerate(raw):
        if isinstance(item, str) and item.strip():
            words.add(item.strip())
        else:
            errors.append(f"{path}: ignore[{i}]: expected a word, found {item!r}")
    return frozenset(words), errors


# Honorifics that say a person's gender, lower-cased: "Mrs Howard" is not Michael Howard, "Mr Howard" not Sandra.
TITLE_GENDERS: Mapping[str, str] = {
    **dict.fromkeys(("mr", "mr.", "sir", "lord"), "m"),
    **dict.fromkeys(("mrs", "mrs.", "ms", "ms.", "miss", "madam", "mme", "mme.", "lady", "dame"), "f"),
}


def title_gender(text: str, start: int) -> str | None:
    """"m"/"f" when the word just before ``start`` (where a name begins in ``text``) is a gendered honorific."""
    before = text[max(0, start - 7) : start]  # "Mrs. " and "Madam " fit
    last = before.rsplit(None, 1)[-1:] if before[-1:].isspace() else []
    return TITLE_GENDERS.get(last[0].lower()) if last else None


_GENDER_LINE = re.compile(r"^(M|1M|\?M|F|1F|\?F)[ \t]+(\S+)", re.MULTILINE)


@functools.lru_cache(maxsize=1)
@stored
def first_name_genders() -> Mapping[str, str]:
    """First name -> "m" or "f" from gender-guesser's list (mostly-male/female included);
    names used for both are left out. Empty when the package is missing."""
    try:
        import gender_guesser  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - the project installs it
        return {}
    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    genders: dict[str, set[str]] = {}
    for code, name in _GENDER_LINE.findall(path.read_text(encoding="utf-8")):
        if "+" not in name and name[:1].isupper():
            genders.setdefault(name, set()).add(code[-1].lower())
    return {name: next(iter(g)) for name, g in genders.items() if len(g) == 1}
