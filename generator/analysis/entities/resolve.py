"""The second pass over an article: what it has established settles the rest.

A lone surname becomes the full name seen elsewhere in the article or the gazetteer,
a sentence-initial word counts only if the article names it elsewhere, title-case and
all-capitals blocks only repeat known names, and an acronym the article spells out
stands for its organisation.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from generator.analysis.entities.discover import CUED, GUESSED, SURE, Candidate, Kind, Token, dateline_place
from generator.analysis.entities.gazetteer_match import Alias, Compiled
from generator.config.gazetteer import KINDS
from generator.language.fuzzy import one_slip
from generator.language.lexicon import first_name_genders, title_gender
from generator.models import Article


@dataclass
class Found:
    """One mention in the making: a curated entity (``entity``) or a discovered name."""

    paragraph: int
    start: int
    end: int
    surface: str
    entity: str | None  # curated id
    name: str
    kind: Kind | None
    strength: int
    words: int = 1
    ambiguous: bool = False  # needs another mention of the same entity in the article
    initial: bool = False


def merge(paragraph: int, text: str, gaz: list[tuple[int, int, Alias, bool]], cands: list[Candidate]) -> list[Found]:
    """Curated matches win, except inside a longer organisation or place name ("Moscow City Court")."""
    dropped: set[int] = set()
    kept: list[Found] = []
    for c in cands:
        if c.kind in ("organisation", "place") and c.strength >= SURE and c.words > 1:
            inside = [i for i, (s, e, _, _) in enumerate(gaz) if c.start <= s and e <= c.end and e - s < c.end - c.start]
            crossing = [i for i, (s, e, _, _) in enumerate(gaz) if s < c.end and c.start < e and i not in inside]
            if inside and not crossing:
                dropped.update(inside)
    for i, (s, e, alias, ambiguous) in enumerate(gaz):
        if i not in dropped:
            kept.append(Found(paragraph, s, e, text[s:e], alias.entity, alias.text, None, SURE, ambiguous=ambiguous))
    spans = [(f.start, f.end) for f in kept]
    for c in cands:
        if spans and any(s < c.end and c.start < e for s, e in spans):  # most paragraphs name no curated entity
            continue
        surface = text[c.start : c.end]
        kept.append(Found(paragraph, c.start, c.end, surface, None, c.name, c.kind, c.strength, c.words, initial=c.initial))
    return kept


@dataclass
class Registry:
    """What an article has established: names with their kinds, and surnames of its people."""

    kinds: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    names: dict[str, str] = field(default_factory=dict)  # casefolded -> name as first written
    curated: dict[str, str] = field(default_factory=dict)  # casefolded name or alias seen -> curated id
    surnames: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # word -> (full name, curated id)
    given: dict[str, set[tuple[str, str | None]]] = field(default_factory=dict)  # first name -> people named so
    bearers: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)  # surname -> every person of it
    texts: dict[int, str] = field(default_factory=dict)  # the article's paragraphs, for appositives
    roles: frozenset[str] = frozenset()
    short_orgs: dict[str, str] = field(default_factory=dict)  # "foreign ministry" -> "Russian Foreign Ministry"
    acronyms: dict[str, Found] = field(default_factory=dict)  # "EAEU" -> the "Eurasian Economic Union (EAEU)" mention

    def add(self, f: Found, comp: Compiled) -> None:
        key = f.name.casefold()
        if f.entity is not None:
            self.curated.setdefault(key, f.entity)
            ref = comp.entries[f.entity]
            self.curated.setdefault(ref.name.casefold(), f.entity)
            parts = ref.name.split()
            if ref.kind == "person" and len(parts) > 1:
                self.surnames.setdefault(parts[-1], (ref.name, ref.id))
                self._bears(parts[-1], (ref.name, ref.id))
                self.given.setdefault(parts[0], set()).add((ref.name, ref.id))
            return
        if f.kind is None or f.strength < CUED:
            return
        self.kinds[key][f.kind] += f.strength
        self.names.setdefault(key, f.name)
        parts = f.name.split()
        if f.kind == "person" and f.words > 1 and len(parts) > 1:
            self.surnames.setdefault(parts[-1], (f.name, None))
            self.given.setdefault(parts[0], set()).add((f.name, None))
            self._bears(parts[-1], (f.name, None))
        if f.kind == "organisation" and len(parts) > 2 and (comp.lex.demonym(parts[0]) or comp.lex.place(parts[0])):
            self.short_orgs.setdefault(" ".join(parts[1:]).casefold(), f.name)

    def _bears(self, surname: str, person: tuple[str, str | None]) -> None:
        people = self.bearers.setdefault(surname, [])
        if person not in people:
            people.append(person)


def resolve(f: Found, reg: Registry, comp: Compiled) -> Found | None:
    """Settle a lone surname or an unexplained capitalised word from what the article established."""
    if f.entity is not None:
        return f
    if f.surface in reg.acronyms:  # "EAEU" in an article that spelt out "Eurasian Economic Union (EAEU)"
        full = reg.acronyms[f.surface]
        return replace(f, entity=full.entity, name=full.name, kind=full.kind, strength=SURE, initial=False, ambiguous=False)
    single = f.words == 1 and " " not in f.name
    surface_key = f.surface.casefold()
    if f.kind == "organisation" and surface_key in reg.short_orgs and reg.short_orgs[surface_key] != f.name:
        return replace(f, name=reg.short_orgs[surface_key])
    needs = f.kind is None or f.initial or single
    if (kin := _kin(f, reg, comp)) is not None:
        return kin
    if not needs:
        return f
    key = f.name.casefold()
    if single and f.kind in (None, "person") and (person := _appositive(f, reg)) is not None:
        name, curated = person  # "his wife, Alla" in a story that named Alla Bout
        return replace(f, entity=curated, name=name, kind="person", strength=CUED, initial=False)
    if single and (by_surname := _article_surname(f, reg)) is not None:
        return by_surname
    if single and f.kind in (None, "person") and (variant := _surname_slip(f.surface, reg, comp)) is not None:
        name, curated = reg.surnames[variant]  # "Koronolli emphasized", after "Viktor Koronelli"
        return replace(f, entity=curated, name=name, kind="person", strength=CUED, initial=False)
    if single and f.kind == "person" and not f.initial and f.name in comp.surnames:
        return replace(f, entity=comp.surnames[f.name], kind=None, strength=CUED)  # "Dolgov said": the curated Dolgov
    if f.kind is not None and not f.initial:
        return f
    if key in reg.curated:
        return replace(f, entity=reg.curated[key], kind=None, strength=SURE, initial=False)
    if key in reg.kinds and (f.kind is None or f.initial):
        kind = vote(reg.kinds[key])
        return replace(f, name=reg.names[key], kind=kind, strength=CUED, initial=False)
    if single and f.name in comp.surnames:
        return replace(f, entity=comp.surnames[f.name], kind=None, strength=CUED, initial=False, ambiguous=f.initial)
    if f.kind is None or f.initial:
        return None
    return f


def _article_surname(f: Found, reg: Registry) -> Found | None:
    """A lone surname as the article's person of that surname; after a gendered title, the one of that
    gender when the article names several ("Mrs Howard" after Michael and Sandra Howard: Sandra)."""
    people = reg.bearers.get(f.surface, ())
    if len(people) > 1 and (gender := title_gender(reg.texts.get(f.paragraph, ""), f.start)):
        name, curated = _of_gender(people, gender)
        return replace(f, entity=curated, name=name, kind="person", strength=SURE, initial=False)
    if f.surface in reg.surnames:
        name, curated = reg.surnames[f.surface]
        return replace(f, entity=curated, name=name, kind="person", strength=SURE, initial=False)
    return None


def _of_gender(people: Sequence[tuple[str, str | None]], gender: str) -> tuple[str, str | None]:
    """The first person whose first name has the title's gender, else the first named. A first name alone
    does not rule a person out ("Ms Gambino" is Angel Gambino, whom the list of names calls a man's name)."""
    genders = first_name_genders()
    return next((p for p in people if genders.get(p[0].split()[0]) == gender), people[0])


def _kin(f: Found, reg: Registry, comp: Compiled) -> Found | None:
    """A name that shares its surname with a person of the article: the same person written
    shorter ("Mr. Pena Nieto" after "Enrique Pena Nieto"), or a relative ("Rakeyia Scott" in
    a story about Keith Scott: his wife, another person)."""
    if f.kind == "person" and f.words >= 2 and (full := _longer_name(f.name, reg)) is not None:
        return replace(f, entity=full[1], name=full[0])
    if _relative(f, reg, comp):
        return replace(f, kind="person", strength=CUED, initial=False)
    return None


def _relative(f: Found, reg: Registry, comp: Compiled) -> bool:
    """An unexplained "Given Surname" whose surname belongs to a person of the article."""
    if f.kind is not None:
        return False
    words = f.surface.split()
    if len(words) != 2 or words[1] not in reg.surnames or reg.surnames[words[1]][0] == f.surface:
        return False
    lex = comp.lex
    first = words[0]
    return first[1:].islower() and not (lex.common(first) or lex.stop(first) or lex.demonym(first) or lex.place(first))


def _longer_name(name: str, reg: Registry) -> tuple[str, str | None] | None:
    """The article's one person whose full name ends with this two-word surname."""
    words = name.split()
    if len(words) != 2 or words[-1] not in reg.surnames:
        return None
    full = reg.surnames[words[-1]]
    return full if full[0].endswith(" " + name) else None


_ROLE_BEFORE_RE = re.compile(r"([a-z][a-z-]+),?\s$")


def _appositive(f: Found, reg: Registry) -> tuple[str, str | None] | None:
    """The one person of the article with this first name, when a role noun stands before it ("his wife, Alla")."""
    people = reg.given.get(f.surface)
    if not people or len(people) != 1:
        return None
    text = reg.texts.get(f.paragraph, "")
    role = _ROLE_BEFORE_RE.search(text, max(0, f.start - 30), f.start)
    if role is None or role.group(1) not in reg.roles:
        return None
    return next(iter(people))


_ACRONYM_AFTER_RE = re.compile(r" ?\(([A-Z][A-Za-z]{1,7})\)")


def acronyms(found: list[Found], texts: dict[int, str]) -> dict[str, Found]:
    """Acronyms the article defines: "the Eurasian Economic Union (EAEU)" makes "EAEU" that union."""
    out: dict[str, Found] = {}
    for f in found:
        if " " not in f.name or (f.entity is None and f.kind not in ("organisation", "place")) or f.paragraph not in texts:
            continue
        match = _ACRONYM_AFTER_RE.match(texts[f.paragraph], f.end)
        words = f.name.split()
        if match and any(abbreviates(match.group(1), " ".join(words[k:])) for k in range(min(2, len(words) - 1) + 1)):
            out.setdefault(match.group(1), f)
    return out


def abbreviates(acronym: str, name: str) -> bool:
    """Whether the acronym's letters start the name and follow in it in order ("EAEU", "Eurasian Economic Union")."""
    letters = iter(name.casefold())
    return acronym[0].casefold() == name[0].casefold() and all(c in letters for c in acronym.casefold())



def _surname_slip(word: str, reg: Registry, comp: Compiled) -> str | None:
    """The article's one surname this unknown word misspells ("Koronolli" for Koronelli), if exactly one."""
    if len(word) < 5 or comp.lex.common(word) or comp.lex.place(word) or comp.lex.first_name(word):
        return None
    close = [
        s for s in reg.surnames
        if len(s) >= 5 and s[0] == word[0] and one_slip(word, s) and word[:-1] != s and s[:-1] != word
    ]  # a letter more or less at the end is another person or a plural: Lavrov, Lavrova; Bout, Bouts
    return close[0] if len(close) == 1 else None


def vote(scores: Mapping[str, int]) -> Kind:
    """The kind with the highest score; a tie goes to the kind listed first (``max`` keeps the first)."""
    return max(KINDS, key=lambda k: scores.get(k, 0))


def loud_names(
    paragraph: int, text: str, toks: list[Token], taken: list[tuple[int, int]], reg: Registry, comp: Compiled
) -> list[Found]:
    """Known names in a title-case or all-capitals block: the article's names, surnames and places."""
    lex = comp.lex
    out: list[Found] = []
    dateline, i = dateline_place(text, toks, lex, loud=True)
    if dateline is not None and not any(s < dateline.end and dateline.start < e for s, e in taken):
        surface = text[dateline.start : dateline.end]
        out.append(Found(paragraph, dateline.start, dateline.end, surface, None, dateline.name, "place", SURE))
    while i < len(toks):
        matched = False
        for n in (4, 3, 2, 1):
            if i + n > len(toks):
                continue
            if any(text[toks[j].end : toks[j + 1].start] not in (" ", "-") for j in range(i, i + n - 1)):
                continue
            start, end = toks[i].start, toks[i + n - 1].end
            if any(s < end and start < e for s, e in taken):
                continue
            surface = text[start:end]
            key = surface.casefold()
            found: Found | None = None
            if key in reg.curated:
                found = Found(paragraph, start, end, surface, reg.curated[key], surface, None, SURE)
            elif key in reg.kinds:
                found = Found(paragraph, start, end, surface, None, reg.names[key], vote(reg.kinds[key]), CUED, words=n)
            elif n == 1 and surface.title() in reg.surnames:
                name, curated = reg.surnames[surface.title()]
                found = Found(paragraph, start, end, surface, curated, name, "person", SURE)
            elif lex.place(surface) and not lex.stop(surface.title()):
                found = Found(paragraph, start, end, surface, None, lex.place(surface) or surface, "place", CUED, words=n)
            if found is not None:
                out.append(found)
                i += n
                matched = True
                break
        if not matched:
            i += 1
    return out


def split_guess(f: Found, reg: Registry) -> list[Found]:
    """A guessed pair of two known surnames is two people ("with Biden Putin said")."""
    if f.entity is not None or f.strength > GUESSED or f.words != 2:
        return [f]
    first, _, second = f.surface.partition(" ")
    if first not in reg.surnames or second not in reg.surnames:
        return [f]
    cut = f.start + len(first)
    return [
        replace(f, end=cut, surface=first, name=first, kind=None, words=1),
        replace(f, start=cut + 1, surface=second, name=second, kind=None, words=1),
    ]


def agency_credit(f: Found, article: Article, comp: Compiled) -> bool:
    """The agency in a dateline ("(Itar-Tass)", "/TASS/.") credits the source; it is no mention."""
    dateline = article.dateline
    if dateline is None or f.paragraph != 0 or f.end > len(dateline.text):
        return False
    if not article.paragraphs or not article.paragraphs[0].startswith(dateline.text):
        return False
    kind = comp.entries[f.entity].kind if f.entity is not None else f.kind
    return kind == "organisation"


def corroborate(found: list[Found]) -> list[Found]:
    """Drop ambiguous curated matches ("Bout" opening a sentence) the article does not otherwise support."""
    sure = {f.entity for f in found if f.entity is not None and not f.ambiguous}
    return [f for f in found if not f.ambiguous or f.entity in sure]

