"""Curated names from the gazetteer, matched at token starts (longest alias first).

The gazetteer is compiled once per object: aliases indexed by their first word (as
written and case-folded), curated people's surnames kept apart, because a lone surname
is settled per article (see ``resolve``), never matched blindly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.analysis.entities.discover import Lexicon, Token, build_lexicon, is_initial, tokens
from generator.config.gazetteer import Gazetteer
from generator.language.vocabulary import Vocabulary, default_vocabulary
from generator.models import EntityRef


@dataclass(frozen=True)
class Alias:
    text: str
    entity: str
    several_words: bool
    common: bool  # one word that is also ordinary English ("Bout", "US"): needs corroboration
    caps: bool  # may match in all capitals: places, several words, acronyms


@dataclass
class Compiled:
    lex: Lexicon
    by_first: dict[str, list[Alias]]
    by_first_folded: dict[str, list[Alias]]
    surnames: dict[str, str]  # curated people's last names -> id
    entries: dict[str, EntityRef]
    ignored: frozenset[str]


_LEXICONS: dict[Vocabulary, Lexicon] = {}
_COMPILED: dict[int, tuple[Gazetteer, Compiled]] = {}


def lexicon_for(vocab: Vocabulary) -> Lexicon:
    if vocab not in _LEXICONS:
        _LEXICONS[vocab] = build_lexicon(vocab)
    return _LEXICONS[vocab]


def compile_gazetteer(gazetteer: Gazetteer) -> Compiled:
    cached = _COMPILED.get(id(gazetteer))
    if cached is not None and cached[0] is gazetteer:
        return cached[1]
    lex = lexicon_for(gazetteer.vocabulary or default_vocabulary())
    by_first: dict[str, list[Alias]] = defaultdict(list)
    by_first_folded: dict[str, list[Alias]] = defaultdict(list)
    last_names: dict[str, set[str]] = defaultdict(set)
    for ref in gazetteer.entries:
        parts = ref.name.split()
        if ref.kind == "person" and len(parts) > 1:
            last_names[parts[-1]].add(ref.id)
            last_names.update({a: last_names[a] | {ref.id} for a in ref.aliases if " " not in a and a == parts[-1]})
    for ref in gazetteer.entries:
        for text in (ref.name, *ref.aliases):
            first = tokens(text, lex)
            if not first or first[0].start != 0 or (ref.kind == "person" and text in last_names):
                continue  # a lone surname is settled per article (see resolve), never matched blindly
            several = " " in text
            alias = Alias(
                text,
                ref.id,
                several,
                common=not several and lex.common(text) and not lex.place(text),
                caps=several or ref.kind == "place" or text.isupper(),
            )
            by_first[first[0].text].append(alias)
            by_first_folded[first[0].text.casefold()].append(alias)
    for table in (by_first, by_first_folded):
        for aliases in table.values():
            aliases.sort(key=lambda a: (-len(a.text), a.text))
    surnames = {w: next(iter(ids)) for w, ids in last_names.items() if len(ids) == 1}
    compiled = Compiled(
        lex, dict(by_first), dict(by_first_folded), surnames, {e.id: e for e in gazetteer.entries}, gazetteer.ignored
    )
    if len(_COMPILED) > 16:
        _COMPILED.clear()
    _COMPILED[id(gazetteer)] = (gazetteer, compiled)
    return compiled



def gazetteer_matches(text: str, toks: list[Token], comp: Compiled, loud: bool) -> list[tuple[int, int, Alias, bool]]:
    """Longest curated aliases at token starts: (start, end, alias, ambiguous)."""
    found: list[tuple[int, int, Alias, bool]] = []
    covered = -1
    by_first, by_folded = comp.by_first, comp.by_first_folded
    if not by_first:
        return found
    for tok in toks:
        pos = tok.start
        if pos < covered:
            continue
        word = tok.text
        candidates = by_first.get(word)
        if not candidates and (len(word) > 1 or loud or word.isupper()):
            candidates = by_folded.get(word.casefold())
        if not candidates:
            continue
        caps_here = loud or word.isupper()  # asked only of the few tokens an alias may open
        for alias in candidates:
            end = pos + len(alias.text)
            seg = text[pos:end]
            if seg != alias.text:
                folded_equal = seg.casefold() == alias.text.casefold()
                if not folded_equal:
                    continue
                if not ((alias.several_words and seg[0] == alias.text[0]) or (caps_here and alias.caps and seg.isupper())):
                    continue
            if end < len(text) and (text[end].isalnum() or text[end] == "_"):
                continue
            ambiguous = alias.common and (loud or (not alias.text.isupper() and is_initial(text, pos)))
            found.append((pos, end, alias, ambiguous))
            covered = end
            break
    return found

