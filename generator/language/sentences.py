"""Sentence spans in wire copy, where "U.S.", "Mr." and "Jan." must not end a sentence.

One splitter for the whole package: publication dates, dated expressions and
entity examples all cut text the same way.
"""

from __future__ import annotations

import re

from generator.language.regexes import opening_gate

_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt sgt cpl adm gov sen rep rev st jr sr inc corp co ltd no vs etc
    approx dept univ ave jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur
    thurs fri sat sun u.s u.k u.n e.g i.e a.m p.m ft mt fig op vol pp
    """.split()
)
# Behind a look ahead at its stops (``opening_gate``): re has no first-character scan for a pattern
# opening with a repeat, and tries both branches at every character; the matches are the same.
_SENTENCE_END_RE = opening_gate(re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|[.!?]+[\"'”’)\]]*\s*$"))
_WORD_BEFORE_RE = re.compile(r"([\w.]+)$")


def sentence_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence, split at . ! ? unless the period closes an abbreviation."""
    spans: list[tuple[int, int]] = []
    begin = start
    while begin < len(text) and text[begin].isspace():
        begin += 1
    for m in _SENTENCE_END_RE.finditer(text, begin):
        word = _WORD_BEFORE_RE.search(text, max(0, m.start() - 12), m.start())
        if m.group(0).startswith(".") and word is not None:
            token = word.group(1).lower().strip(".")
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        end = m.end()
        while end > begin and text[end - 1].isspace():
            end -= 1
        if end > begin:
            spans.append((begin, end))
        begin = m.end()
        while begin < len(text) and text[begin].isspace():
            begin += 1
    while begin < len(text) and text[begin].isspace():
        begin += 1
    if begin < len(text.rstrip()):
        spans.append((begin, len(text.rstrip())))
    return spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]
