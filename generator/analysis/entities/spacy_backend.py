"""Who proposes names in ordinary paragraphs: the rules, spaCy's model, or both.

spaCy (optional, ``pip install '.[nlp]'``) is loaded once per process with its entity
recogniser only; the "spacy" backend asks it only about the sentences holding
capitalised words the rules cannot explain.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Sequence

from generator.analysis.entities.discover import CUED, SURE, Candidate, Kind, Lexicon, Token, find
from generator.config.gazetteer import BACKENDS, SPACY_INSTALL, SPACY_MODEL, BackendError
from generator.language.sentences import sentence_spans

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


def candidates(texts: list[str], lex: Lexicon, backend: str) -> Proposals:
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
        for i, (text, (_, cands)) in enumerate(zip(texts, paragraphs, strict=True))
        for a, b in _sentences_with(text, [c for c in cands if c.kind is None and not c.initial])
    ]
    answers: dict[int, list[Candidate]] = defaultdict(list)
    for (i, a, _), spans in zip(questions, spacy_entities([texts[i][a:b] for i, a, b in questions]), strict=True):
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
    for text, spans in zip(texts, spacy_entities(texts), strict=True):
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

