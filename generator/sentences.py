"""Sentence spans in wire copy, where "U.S." and "Mr." must not end a sentence."""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence (lower-cased, without the dot).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt st jr sr inc ltd co corp no vs etc approx jan feb mar apr jun jul aug sep sept oct nov dec"
    " u.s u.k u.n e.u u.s.a a.m p.m".split()
)
_BOUNDARY = re.compile(r"[.!?]+[\"”’']?(?=\s+[\"“‘'(\[]?[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; ends include the closing punctuation and quote mark."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start()]
        word = re.search(r"([A-Za-z.]+)$", before)
        token = word.group(1).lower().rstrip(".") if word else ""
        if match.group(0).startswith(".") and (token in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", token)):
            continue  # "U.S. Drug", "Mr. Putin", "J. Smith"
        end = match.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]
