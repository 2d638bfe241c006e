"""One entity per thing an article names, however it spells it.

* Transliteration variants of one person ("Alexei Tarasov", "Alexey Tarasov"; "Yuri",
  "Yury"; "-sky", "-skiy") are one person when every word agrees but for spelling
  (their words' ``fuzzy.translit_key`` agree): the commoner spelling names the entity,
  the other is kept as its alias.
* Variants of one organisation's name, with or without a country in front ("Russian",
  "Russia's") or the adjective "Federal", are one organisation:
  the fullest form names it. "Federal Security Service", "Russian Federal Security
  Service" and "Russia's Security Service" are one service; "Security Council" and
  "Federal Council" are not, because their cores differ.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from generator.analysis.entities.lexicon import Lexicon
from generator.analysis.entities.resolve import Found
from generator.language.fuzzy import translit_key

_QUALIFIERS = frozenset({"Federal"})  # "National Security Council" and "Security Council" are two councils


def merge_variants(found: list[Found], lex: Lexicon) -> list[Found]:
    """The same discovered entity under one name: person transliterations and organisation variants."""
    names = Counter(f.name for f in found if f.entity is None and f.kind is not None)
    if len(names) < 2:
        return found
    kinds = {f.name: f.kind for f in reversed(found) if f.entity is None and f.kind is not None}  # the first kind seen
    rename: dict[str, str] = {}
    spellings: dict[tuple[str, ...], list[str]] = {}  # names whose words agree but for transliteration
    for name in sorted((n for n in names if " " in n and kinds[n] == "person"), key=lambda n: (-names[n], n)):
        spellings.setdefault(tuple(translit_key(w) for w in name.split()), []).append(name)
    for group in spellings.values():
        rename.update({other: group[0] for other in group[1:]})  # the commoner spelling names the person
    cores: dict[str, list[str]] = {}
    for name in names:
        if kinds[name] == "organisation":
            core, _ = org_core(name, lex)
            if len(core.split()) >= 2:
                cores.setdefault(core, []).append(name)
    for variants in cores.values():
        countries = {country[:5].casefold() for country in (org_core(v, lex)[1] for v in variants) if country}
        if len(variants) > 1 and len(countries) <= 1:  # the Russian and the Ukrainian Foreign Ministry are two
            full = max(variants, key=lambda n: (len(n.split()), names[n], n))
            rename.update({v: full for v in variants if v != full})
    if not rename:
        return found
    return [replace(f, name=rename[f.name]) if f.entity is None and f.name in rename else f for f in found]


def org_core(name: str, lex: Lexicon) -> tuple[str, str]:
    """An organisation's name without a leading country or demonym and without qualifiers ("Federal"),
    and the country it had ("" if none)."""
    words = name.split()
    country = ""
    while words and (lex.demonym(words[0]) or lex.place(_bare(words[0])) or words[0].casefold() == "the"):
        country = country or (words[0] if words[0].casefold() != "the" else "")
        words = words[1:]
    return " ".join(w for w in words if w not in _QUALIFIERS), country


def _bare(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word
