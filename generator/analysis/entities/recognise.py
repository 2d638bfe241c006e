"""People, organisations and places: gazetteer, discovery, alias and surname resolution.

Recognition runs in two passes over an article. The first reads every ordinary
paragraph: curated names from ``site_config/entities.yml`` (longest alias first), and
candidates found by the rules of ``generator.analysis.entities.discover``. The second uses what the
article has established to settle the rest: a lone surname becomes the full name seen
elsewhere in the article ("Dolgov" -> Konstantin Dolgov) or in the gazetteer; a
sentence-initial or headline word counts only if the article names it elsewhere; and
title-case or all-capitals blocks (headlines, datelines) only repeat known names.
That order is what keeps "a bout" in a boxing story, "Commenting" and "MOSCOW" out of
the entity list while "Bout" and "MOSCOW" in a story about Viktor Bout still resolve.
A surname misspelt by one letter ("Koronolli" after "Viktor Koronelli") resolves too.

Who proposes names in ordinary paragraphs is the backend (site.yml ``ner``): the rules
(default, fast) or spaCy's English model (optional, ``pip install '.[nlp]'``), which
decides what the rules cannot explain. The second pass is the same for both.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from generator.analysis.entities.discover import (
    CUED,
    GUESSED,
    SURE,
    Candidate,
    Kind,
    Lexicon,
    Token,
    build_lexicon,
    dateline_place,
    find,
    is_initial,
    shouting,
    tokens,
)
from generator.config.gazetteer import BACKENDS, KINDS, SPACY_INSTALL, SPACY_MODEL, BackendError, Gazetteer, slug
from generator.language.sentences import sentence_spans
from generator.language.vocabulary import Vocabulary, default_vocabulary
from generator.models import Article, EntityRef, Mention

# ---------------------------------------------------------------------------------------------
# Compiled lookups, built once per gazetteer


@dataclass(frozen=True)
class _Alias:
    text: str
    entity: str
    several_words: bool
    common: bool  # one word that is also ordinary English ("Bout", "US"): needs corroboration
    caps: bool  # may match in all capitals: places, several words, acronyms


@dataclass
class _Compiled:
    lex: Lexicon
    by_first: dict[str, list[_Alias]]
    by_first_folded: dict[str, list[_Alias]]
    surnames: dict[str, str]  # curated people's last names -> id
    entries: dict[str, EntityRef]
    ignored: frozenset[str]


_LEXICONS: dict[Vocabulary, Lexicon] = {}
_COMPILED: dict[int, tuple[Gazetteer, _Compiled]] = {}


def _lexicon(vocab: Vocabulary) -> Lexicon:
    if vocab not in _LEXICONS:
        _LEXICONS[vocab] = build_lexicon(vocab)
    return _LEXICONS[vocab]


def _compile(gazetteer: Gazetteer) -> _Compiled:
    cached = _COMPILED.get(id(gazetteer))
    if cached is not None and cached[0] is gazetteer:
        return cached[1]
    lex = _lexicon(gazetteer.vocabulary or default_vocabulary())
    by_first: dict[str, list[_Alias]] = defaultdict(list)
    by_first_folded: dict[str, list[_Alias]] = defaultdict(list)
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
                continue  # a lone surname is settled per article (see _resolve), never matched blindly
            several = " " in text
            alias = _Alias(
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
    compiled = _Compiled(
        lex, dict(by_first), dict(by_first_folded), surnames, {e.id: e for e in gazetteer.entries}, gazetteer.ignored
    )
    if len(_COMPILED) > 16:
        _COMPILED.clear()
    _COMPILED[id(gazetteer)] = (gazetteer, compiled)
    return compiled


# ---------------------------------------------------------------------------------------------
# Recognition


@dataclass
class _Found:
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


def _gazetteer_matches(text: str, toks: list[Token], comp: _Compiled, loud: bool) -> list[tuple[int, int, _Alias, bool]]:
    """Longest curated aliases at token starts: (start, end, alias, ambiguous)."""
    found: list[tuple[int, int, _Alias, bool]] = []
    covered = -1
    by_first, by_folded = comp.by_first, comp.by_first_folded
    if not by_first:
        return found
    for tok in toks:
        pos = tok.start
        if pos < covered:
            continue
        word = tok.text
        caps_here = loud or word.isupper()
        candidates = by_first.get(word) or (by_folded.get(word.casefold()) if caps_here or len(word) > 1 else None)
        if not candidates:
            continue
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


def _merge(paragraph: int, text: str, gaz: list[tuple[int, int, _Alias, bool]], cands: list[Candidate]) -> list[_Found]:
    """Curated matches win, except inside a longer organisation or place name ("Moscow City Court")."""
    dropped: set[int] = set()
    kept: list[_Found] = []
    for c in cands:
        if c.kind in ("organisation", "place") and c.strength >= SURE and c.words > 1:
            inside = [i for i, (s, e, _, _) in enumerate(gaz) if c.start <= s and e <= c.end and e - s < c.end - c.start]
            crossing = [i for i, (s, e, _, _) in enumerate(gaz) if s < c.end and c.start < e and i not in inside]
            if inside and not crossing:
                dropped.update(inside)
    for i, (s, e, alias, ambiguous) in enumerate(gaz):
        if i not in dropped:
            kept.append(_Found(paragraph, s, e, text[s:e], alias.entity, alias.text, None, SURE, ambiguous=ambiguous))
    spans = [(f.start, f.end) for f in kept]
    for c in cands:
        if any(s < c.end and c.start < e for s, e in spans):
            continue
        kept.append(_Found(paragraph, c.start, c.end, text[c.start : c.end], None, c.name, c.kind, c.strength, c.words, initial=c.initial))
    return kept


@dataclass
class _Registry:
    """What an article has established: names with their kinds, and surnames of its people."""

    kinds: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    names: dict[str, str] = field(default_factory=dict)  # casefolded -> name as first written
    curated: dict[str, str] = field(default_factory=dict)  # casefolded name or alias seen -> curated id
    surnames: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # word -> (full name, curated id)
    short_orgs: dict[str, str] = field(default_factory=dict)  # "foreign ministry" -> "Russian Foreign Ministry"
    acronyms: dict[str, _Found] = field(default_factory=dict)  # "EAEU" -> the "Eurasian Economic Union (EAEU)" mention

    def add(self, f: _Found, comp: _Compiled) -> None:
        key = f.name.casefold()
        if f.entity is not None:
            self.curated.setdefault(key, f.entity)
            ref = comp.entries[f.entity]
            self.curated.setdefault(ref.name.casefold(), f.entity)
            parts = ref.name.split()
            if ref.kind == "person" and len(parts) > 1:
                self.surnames.setdefault(parts[-1], (ref.name, ref.id))
            return
        if f.kind is None or f.strength < CUED:
            return
        self.kinds[key][f.kind] += f.strength
        self.names.setdefault(key, f.name)
        parts = f.name.split()
        if f.kind == "person" and f.words > 1 and len(parts) > 1:
            self.surnames.setdefault(parts[-1], (f.name, None))
        if f.kind == "organisation" and len(parts) > 2 and (comp.lex.demonym(parts[0]) or comp.lex.place(parts[0])):
            self.short_orgs.setdefault(" ".join(parts[1:]).casefold(), f.name)


def _resolve(f: _Found, reg: _Registry, comp: _Compiled) -> _Found | None:
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
    if not needs:
        return f
    key = f.name.casefold()
    if single and f.surface in reg.surnames:
        name, curated = reg.surnames[f.surface]
        return replace(f, entity=curated, name=name, kind="person", strength=SURE, initial=False)
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
        kind = _vote(reg.kinds[key])
        return replace(f, name=reg.names[key], kind=kind, strength=CUED, initial=False)
    if single and f.name in comp.surnames:
        return replace(f, entity=comp.surnames[f.name], kind=None, strength=CUED, initial=False, ambiguous=f.initial)
    if f.kind is None or f.initial:
        return None
    return f


_ACRONYM_AFTER_RE = re.compile(r" ?\(([A-Z][A-Za-z]{1,7})\)")


def _acronyms(found: list[_Found], texts: dict[int, str]) -> dict[str, _Found]:
    """Acronyms the article defines: "the Eurasian Economic Union (EAEU)" makes "EAEU" that union."""
    out: dict[str, _Found] = {}
    for f in found:
        if " " not in f.name or (f.entity is None and f.kind not in ("organisation", "place")) or f.paragraph not in texts:
            continue
        match = _ACRONYM_AFTER_RE.match(texts[f.paragraph], f.end)
        if match and _abbreviates(match.group(1), f.name):
            out.setdefault(match.group(1), f)
    return out


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether the acronym's letters start the name and follow in it in order ("EAEU", "Eurasian Economic Union")."""
    letters = iter(name.casefold())
    return acronym[0].casefold() == name[0].casefold() and all(c in letters for c in acronym.casefold())


def _one_slip(a: str, b: str) -> bool:
    """Whether two different words are one typing slip apart: a letter changed, added, dropped or swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i : i + 2][::-1])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


def _surname_slip(word: str, reg: _Registry, comp: _Compiled) -> str | None:
    """The article's one surname this unknown word misspells ("Koronolli" for Koronelli), if exactly one."""
    if len(word) < 5 or comp.lex.common(word) or comp.lex.place(word) or comp.lex.first_name(word):
        return None
    close = [
        s for s in reg.surnames
        if len(s) >= 5 and s[0] == word[0] and _one_slip(word, s) and word[:-1] != s and s[:-1] != word
    ]  # a letter more or less at the end is another person or a plural: Lavrov, Lavrova; Bout, Bouts
    return close[0] if len(close) == 1 else None


def _vote(scores: Counter[str]) -> Kind:
    best = max(KINDS, key=lambda k: (scores.get(k, 0), -KINDS.index(k)))
    return best


def _loud_names(paragraph: int, text: str, toks: list[Token], taken: list[tuple[int, int]], reg: _Registry, comp: _Compiled) -> list[_Found]:
    """Known names in a title-case or all-capitals block: the article's names, surnames and places."""
    lex = comp.lex
    out: list[_Found] = []
    dateline, i = dateline_place(text, toks, lex, loud=True)
    if dateline is not None and not any(s < dateline.end and dateline.start < e for s, e in taken):
        out.append(_Found(paragraph, dateline.start, dateline.end, text[dateline.start : dateline.end], None, dateline.name, "place", SURE))
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
            found: _Found | None = None
            if key in reg.curated:
                found = _Found(paragraph, start, end, surface, reg.curated[key], surface, None, SURE)
            elif key in reg.kinds:
                found = _Found(paragraph, start, end, surface, None, reg.names[key], _vote(reg.kinds[key]), CUED, words=n)
            elif n == 1 and surface.title() in reg.surnames:
                name, curated = reg.surnames[surface.title()]
                found = _Found(paragraph, start, end, surface, curated, name, "person", SURE)
            elif lex.place(surface) and not lex.stop(surface.title()):
                found = _Found(paragraph, start, end, surface, None, lex.place(surface) or surface, "place", CUED, words=n)
            if found is not None:
                out.append(found)
                i += n
                matched = True
                break
        if not matched:
            i += 1
    return out


def recognise(
    article: Article, gazetteer: Gazetteer, backend: str | None = None
) -> tuple[tuple[Mention, ...], tuple[EntityRef, ...]]:
    """Mentions of entities in headline, standfirst and body, and entities discovered.

    ``backend`` (default: the gazetteer's) says who proposes names in ordinary paragraphs:
    the rules of ``generator.analysis.entities.discover`` or spaCy's statistical model. Everything after
    that (curated names, aliases, surnames, headlines in capitals, the editor's ignore
    list) is the same rule layer for both.
    """
    comp = _compile(gazetteer)
    lex = comp.lex
    found: list[_Found] = []
    loud: list[tuple[int, str, list[Token], list[tuple[int, int, _Alias, bool]]]] = []
    ordinary: list[tuple[int, str]] = []
    for paragraph, text in article.text_blocks():
        if not text:
            continue
        if shouting(text, paragraph < 0):
            toks = tokens(text, lex)
            loud.append((paragraph, text, toks, _gazetteer_matches(text, toks, comp, True)))
        else:
            ordinary.append((paragraph, text))
    proposed = _candidates([text for _, text in ordinary], lex, backend or gazetteer.backend)
    for (paragraph, text), (toks, cands) in zip(ordinary, proposed):
        found.extend(_merge(paragraph, text, _gazetteer_matches(text, toks, comp, False), cands))
    reg = _Registry()
    for f in found:
        reg.add(f, comp)
    reg.acronyms.update(_acronyms(found, dict(ordinary)))
    for paragraph, text, toks, gaz in loud:
        curated = _merge(paragraph, text, gaz, [])
        found.extend(curated)
        found.extend(_loud_names(paragraph, text, toks, [(f.start, f.end) for f in curated], reg, comp))
    found = [part for f in found for part in _split_guess(f, reg)]
    resolved = [r for f in found if (r := _resolve(f, reg, comp)) is not None and not _agency_credit(r, article, comp)]
    resolved = _corroborate(resolved)
    return _output(resolved, comp)


# ---------------------------------------------------------------------------------------------
# Backends: who proposes names in ordinary paragraphs

SPACY_KINDS: dict[str, Kind] = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place"}
_SPACY_UNUSED = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")  # its ner has its own tok2vec


@functools.lru_cache(maxsize=1)
def _spacy() -> object:
    """spaCy's English model with only its entity recogniser, loaded once per process (~1 s)."""
    try:
        import spacy
    except ImportError:
        raise BackendError(f"spacy needs spaCy, which is not installed: {SPACY_INSTALL}; or set ner: rules") from None
    try:
        return spacy.load(SPACY_MODEL, exclude=list(_SPACY_UNUSED))
    except OSError:
        missing = f"spacy needs the model {SPACY_MODEL}, which is not installed"
        raise BackendError(f"{missing}: {SPACY_INSTALL}; or set ner: rules") from None


def spacy_entities(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    """spaCy's entities in each text as (start, end, label), its labels unmapped (PERSON, GPE, NORP...)."""
    docs = _spacy().pipe(texts, batch_size=64)  # type: ignore[attr-defined]
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]


_LEADING_THE_RE = re.compile(r"(?:the|The|THE)\s+")
_TRAILING_RE = re.compile(r"(?:['’]s?|[\s,;:!?\"”)\]-])+$")  # possessives, quotes; not the "." of "U.S."


def _spacy_candidates(text: str, spans: list[tuple[int, int, str]], lex: Lexicon) -> list[Candidate]:
    """spaCy's people, organisations and places as candidates; "the" and possessives trimmed, places canonical."""
    out: list[Candidate] = []
    for start, end, label in spans:
        kind = SPACY_KINDS.get(label)
        if kind is None:
            continue
        lead = _LEADING_THE_RE.match(text, start, end)
        start = lead.end() if lead else start
        tail = _TRAILING_RE.search(text, start, end)
        end = tail.start() if tail else end
        surface = text[start:end]
        if not surface[:1].isupper() or all(lex.demonym(w) or lex.stop(w) for w in surface.split()):
            continue  # "Ukrainian" (a GPE to spaCy), "The"
        words = len(surface.split())
        name = (lex.place(surface) or surface) if kind == "place" else surface
        out.append(Candidate(start, end, name, kind, SURE if words > 1 else CUED, words=words))
    return out


Proposals = list[tuple[list[Token], list[Candidate]]]  # per paragraph: its tokens and candidate names


def _candidates(texts: list[str], lex: Lexicon, backend: str) -> Proposals:
    """Tokens and candidate names of each ordinary paragraph, from the rules, spaCy, or both."""
    if backend == "rules":
        return [find(text, lex) for text in texts]
    if backend == "spacy":
        return _rules_then_spacy(texts, lex)
    if backend == "spacy-only":
        return _spacy_only(texts, lex)
    raise BackendError(f"ner: expected one of {', '.join(BACKENDS)}, found {backend!r}")


def _rules_then_spacy(texts: list[str], lex: Lexicon) -> Proposals:
    """The "spacy" backend: the rules keep every name they can explain, spaCy decides the rest.

    A title, a first name, a keyword or a known place is the evidence that splits
    "Ambassador to Havana Viktor Koronelli" into a place and a person, which spaCy's small
    model glues together; spaCy is asked only about the sentences holding capitalised
    words the rules cannot explain ("Aeroflot and Iraero"), which also saves its time.
    """
    paragraphs = [find(text, lex) for text in texts]
    questions = [  # (paragraph, sentence start, sentence end)
        (i, a, b)
        for i, (text, (_, cands)) in enumerate(zip(texts, paragraphs))
        for a, b in _sentences_with(text, [c for c in cands if c.kind is None and not c.initial])
    ]
    answers: dict[int, list[Candidate]] = defaultdict(list)
    for (i, a, b), spans in zip(questions, spacy_entities([texts[i][a:b] for i, a, b in questions])):
        answers[i] += _spacy_candidates(texts[i], [(a + s, a + e, label) for s, e, label in spans], lex)
    out = []
    for i, (toks, cands) in enumerate(paragraphs):
        known = [c for c in cands if c.kind is not None]
        unknown = [c for c in cands if c.kind is None]
        asked = [c for c in answers.get(i, []) if any(_overlap(c, u) for u in unknown) and not any(_overlap(c, k) for k in known)]
        merged = known + asked + [u for u in unknown if not any(_overlap(u, a) for a in asked)]
        out.append((toks, sorted(merged, key=lambda c: c.start)))
    return out


def _spacy_only(texts: list[str], lex: Lexicon) -> Proposals:
    """spaCy's names as it gives them (for measuring), split or retyped only where the rules are sure."""
    out = []
    for text, spans in zip(texts, spacy_entities(texts)):
        toks, by_rules = find(text, lex)
        proposed = _split_by_rules(_spacy_candidates(text, spans, lex), by_rules)
        dateline = [c for c in by_rules[:1] if c.start == 0 and c.kind == "place" and not any(_overlap(c, p) for p in proposed)]
        out.append((toks, dateline + proposed))
    return out


def _split_by_rules(proposed: list[Candidate], ruled: list[Candidate]) -> list[Candidate]:
    """spaCy's names, corrected where the rules are sure.

    Two or more names inside one span are split as the rules see them ("Havana Viktor
    Koronelli": a place, then a person); a span the rules know for certain takes their
    kind and canonical name ("Kiev" is a place, whatever spaCy's label).
    """
    out: list[Candidate] = []
    for c in proposed:
        inside = [r for r in ruled if r.kind is not None and c.start <= r.start and r.end <= c.end]
        same = len(inside) == 1 and (inside[0].start, inside[0].end) == (c.start, c.end) and inside[0].strength >= SURE
        out.extend(inside if len(inside) > 1 or same else [c])
    return out


def _sentences_with(text: str, cands: list[Candidate]) -> list[tuple[int, int]]:
    """The sentences of a paragraph that hold any of the candidates."""
    if not cands:
        return []
    return [(a, b) for a, b in sentence_spans(text) if any(a <= c.start < b for c in cands)]


def _overlap(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _split_guess(f: _Found, reg: _Registry) -> list[_Found]:
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


def _agency_credit(f: _Found, article: Article, comp: _Compiled) -> bool:
    """The agency in a dateline ("(Itar-Tass)", "/TASS/.") credits the source; it is no mention."""
    dateline = article.dateline
    if dateline is None or f.paragraph != 0 or f.end > len(dateline.text):
        return False
    if not article.paragraphs or not article.paragraphs[0].startswith(dateline.text):
        return False
    kind = comp.entries[f.entity].kind if f.entity is not None else f.kind
    return kind == "organisation"


def _corroborate(found: list[_Found]) -> list[_Found]:
    """Drop ambiguous curated matches ("Bout" opening a sentence) the article does not otherwise support."""
    sure = {f.entity for f in found if f.entity is not None and not f.ambiguous}
    return [f for f in found if not f.ambiguous or f.entity in sure]


def _output(found: list[_Found], comp: _Compiled) -> tuple[tuple[Mention, ...], tuple[EntityRef, ...]]:
    by_id: dict[str, list[_Found]] = defaultdict(list)
    ids: list[tuple[_Found, str]] = []
    for f in found:
        if f.entity is not None:
            ids.append((f, f.entity))
            continue
        if f.name.casefold() in comp.ignored or f.kind is None:
            continue
        eid = slug(f.name)
        if eid in comp.entries:
            ids.append((f, eid))
            continue
        by_id[eid].append(f)
        ids.append((f, eid))
    discovered: list[EntityRef] = []
    for eid, items in sorted(by_id.items()):
        scores: Counter[str] = Counter()
        for f in items:
            scores[f.kind or "person"] += f.strength
        names = Counter(f.name for f in items)
        name = max(names, key=lambda n: (len(n.split()), names[n], n))
        aliases = tuple(sorted({f.surface for f in items if f.surface.casefold() != name.casefold()}))
        discovered.append(EntityRef(id=eid, name=name, kind=_vote(scores), aliases=aliases, curated=False))
    mentions = sorted(
        {Mention(eid, f.paragraph, f.start, f.end, f.surface) for f, eid in ids},
        key=lambda m: (m.paragraph, m.start, m.end, m.entity),
    )
    return tuple(mentions), tuple(discovered)


# ---------------------------------------------------------------------------------------------
# The editor's review loop


@dataclass(frozen=True)
class Suggestion:
    """A discovered name for the editor: move it into entities.yml or under `ignore:`."""

    id: str
    name: str
    kind: Kind
    count: int  # mentions in the whole dossier
    articles: int  # articles that mention it
    aliases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()  # "source: the sentence", at most three, from different articles first

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"name": self.name, "kind": self.kind, "mentions": self.count, "articles": self.articles}
        if self.aliases:
            data["aliases"] = list(self.aliases)
        data["examples"] = list(self.examples)
        return data


def _sentence_at(text: str, start: int, end: int) -> str:
    for a, b in sentence_spans(text):
        if a <= start < b:
            return " ".join(text[a : max(b, end)].split())
    return " ".join(text.split())


def suggestions(
    analysed: Iterable[tuple[Article, Sequence[Mention], Sequence[EntityRef]]],
    examples: int = 3,
    min_mentions: int = 1,
) -> list[Suggestion]:
    """Discovered (not curated) entities across articles, most mentioned first, then by name.

    ``analysed`` yields (article, its mentions, its discovered entities), e.g. from
    ``Analysis.article``, ``.mentions`` and ``.discovered``.
    """
    refs: dict[str, EntityRef] = {}
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    counts: Counter[str] = Counter()
    seen_in: dict[str, list[str]] = defaultdict(list)
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)  # id -> (rank, example)
    aliases: dict[str, set[str]] = defaultdict(set)
    for article, mentions, discovered in sorted(analysed, key=lambda item: item[0].source):
        local = {ref.id: ref for ref in discovered if not ref.curated}
        blocks = dict(article.text_blocks())
        for ref in local.values():
            refs.setdefault(ref.id, ref)
            kinds[ref.id][ref.kind] += 1
            aliases[ref.id].update(ref.aliases)
        for mention in mentions:
            if mention.entity not in local:
                continue
            counts[mention.entity] += 1
            first_here = article.source not in seen_in[mention.entity]
            if first_here:
                seen_in[mention.entity].append(article.source)
            sentence = _sentence_at(blocks.get(mention.paragraph, ""), mention.start, mention.end)
            example = f"{article.source}: {sentence}"
            rank = 0 if first_here else 1
            if all(example != e for _, e in found[mention.entity]):
                found[mention.entity].append((rank, example))
    out = []
    for eid, count in counts.items():
        if count < min_mentions:
            continue
        ref = refs[eid]
        chosen = [e for _, e in sorted(found[eid], key=lambda item: item[0])][:examples]
        out.append(
            Suggestion(
                id=eid,
                name=ref.name,
                kind=_vote(kinds[eid]),
                count=count,
                articles=len(seen_in[eid]),
                aliases=tuple(sorted(aliases[eid] - {ref.name})),
                examples=tuple(chosen),
            )
        )
    return sorted(out, key=lambda s: (-s.count, -s.articles, s.name.casefold(), s.id))
