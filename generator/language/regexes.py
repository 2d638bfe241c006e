"""Regular expressions built for speed, matching exactly what their plain forms match.

Python's ``re`` tries the branches of an alternation one by one at every position of
the text, and a list of patterns costs one call per pattern per line. The builders
here give the same answers with less work: a list of patterns tried as one, and an
ordered list of phrases grouped by first character (two phrases that start with
different characters never match at the same place, so the order that decides
between them is kept within each group).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

# A backreference or a global inline flag would change meaning inside a combined pattern.
_UNSAFE = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]+\)")


_LONG = 100_000  # a pattern that may match more characters than this counts as unbounded


@dataclass(frozen=True)
class OneOf:
    """A list of patterns tried as one: all of them, and those that can match a line longer than
    ``longest`` (the most any bounded one matches, ``.{0,80}`` counted as 80): a long line skips the rest."""

    every: re.Pattern[str]
    longest: int
    unbounded: re.Pattern[str] | None

    def fullmatch(self, line: str) -> bool:
        if len(line) > self.longest:
            return self.unbounded is not None and self.unbounded.fullmatch(line) is not None
        return self.every.fullmatch(line) is not None


_COMBINED: dict[int, tuple[tuple[re.Pattern[str], ...], OneOf | None]] = {}


def _combined(patterns: tuple[re.Pattern[str], ...]) -> OneOf | None:
    """``one_of`` looked up by identity: hashing compiled patterns costs as much as matching them."""
    entry = _COMBINED.get(id(patterns))
    if entry is None or entry[0] is not patterns:
        entry = (patterns, one_of(patterns))
        if len(_COMBINED) >= 64:
            _COMBINED.clear()
        _COMBINED[id(patterns)] = entry
    return entry[1]


def _width(pattern: re.Pattern[str]) -> int:
    """The most characters the pattern can match, or ``_LONG`` when unbounded or unknown."""
    try:
        parser = importlib.import_module("re._parser")  # the parser ``re`` compiles with: it knows each width
        return min(int(parser.parse(pattern.pattern, pattern.flags).getwidth()[1]), _LONG)
    except Exception:  # noqa: BLE001 - another Python's internals: treat as unbounded
        return _LONG


def _joined(patterns: list[re.Pattern[str]], flags: int) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags) if patterns else None


def one_of(patterns: tuple[re.Pattern[str], ...]) -> OneOf | None:
    """The patterns combined, to fullmatch a line exactly when one of them does, or None when
    they cannot be combined (mixed flags, backreferences): the caller tries them one by one."""
    if not patterns:
        return None
    flags = {p.flags for p in patterns}
    if len(flags) != 1 or any(_UNSAFE.search(p.pattern) for p in patterns):
        return None
    widths = [_width(p) for p in patterns]
    bounded = [w for w in widths if w < _LONG]
    try:
        every = _joined(list(patterns), flags.pop())
        unbounded = _joined([p for p, w in zip(patterns, widths, strict=True) if w >= _LONG], patterns[0].flags)
    except re.error:
        return None
    assert every is not None
    return OneOf(every, max(bounded, default=-1), unbounded)


def any_fullmatch(patterns: tuple[re.Pattern[str], ...], line: str) -> bool:
    """Whether one of ``patterns`` matches the whole line."""
    combined = _combined(patterns)
    if combined is not None:
        return combined.fullmatch(line)
    return any(p.fullmatch(line) for p in patterns)


def by_first_char(branches: Iterable[tuple[str, str]]) -> str:
    """An alternation of ``(first character, rest as a regex)`` branches, in the given order,
    grouped by the literal first character.

    Equivalent to ``"|".join(re.escape(c) + rest for c, rest in branches)`` for a pattern
    compiled without IGNORECASE: branches with different first characters cannot both
    match at one position, and within a group the original order decides as before.
    """
    groups: dict[str, list[str]] = {}
    for first, rest in branches:
        groups.setdefault(first, []).append(rest)
    parts = []
    for first, rests in groups.items():
        head = re.escape(first)
        parts.append(head + rests[0] if len(rests) == 1 else f"{head}(?:{'|'.join(rests)})")
    return "|".join(parts)


def phrase_alternation(phrases: Iterable[str], fold: bool = False) -> str:
    """``"|".join`` of the phrases (words joined by any spacing), in order, grouped by first character.

    With ``fold`` (the pattern is compiled with IGNORECASE) phrases are grouped by their
    lower-cased first character, and only when every first character is an ASCII letter
    (Unicode case folding pairs other characters in ways ``str.lower`` does not).
    """
    listed = list(phrases)
    pieces = [r"\s+".join(map(re.escape, p.split())) for p in listed]
    if not all(p[:1].isascii() and p[:1].isalpha() for p in listed):
        return "|".join(pieces)
    keys = [p[0].lower() if fold else p[0] for p in listed]
    return by_first_char((key, piece[1:]) for key, piece in zip(keys, pieces, strict=True))


_PLAIN = re.compile(r"[A-Za-z][A-Za-z'’]*")


def regroup(alternation: str, fold: bool = False) -> str:
    """A flat alternation ("was|were|\\w{3,}ed") with each run of plain words grouped by first letter.

    Only an alternation without groups or classes is split (its bars are then all top-level);
    any other pattern comes back unchanged. Runs stay where they were among the other branches.
    """
    if any(ch in alternation for ch in "()[]"):
        return alternation
    out: list[str] = []
    run: list[str] = []
    for piece in [*alternation.split("|"), ""]:
        if _PLAIN.fullmatch(piece):
            run.append(piece)
            continue
        if run:
            out.append(f"(?:{phrase_alternation(run, fold)})")
            run = []
        out.append(piece)
    return "|".join(out[:-1])
