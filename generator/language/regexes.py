"""Regular expressions built for speed, matching exactly what their plain forms match.

Python's ``re`` tries the branches of an alternation one by one at every position of
the text, and a list of patterns costs one call per pattern per line. The builders
here give the same answers with less work: a list of patterns tried as one, and an
ordered list of phrases as a tree of shared beginnings (two phrases whose next
characters differ never match at the same place, so the order that decides between
them is kept within each group).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

try:  # re's own parser: it knows what each pattern requires (another Python: no such list is made)
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.11 and later have them
    _sre = _sre_parse = None

# A backreference or a global inline flag would change meaning inside a combined pattern.
_UNSAFE = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]+\)")


_LONG = 100_000  # a pattern that may match more characters than this counts as unbounded
# Letters that ignoring case pairs with an ASCII letter where ``str.lower`` does not ("ı" and "i"):
# a line holding one is looked at whole, never through its lower-cased copy.
FOLD_UNSAFE = "\u0130\u0131\u017f"
_FOLD_UNSAFE = re.compile(f"[{FOLD_UNSAFE}]")
_RARE_LENGTH = 5  # a needed string this long (or two signs, or one outside ASCII: "{{", "©") is rare in prose
_REACH = 40  # a branch opening with a repeat this long (".{0,80}") scans a line before it fails


@dataclass(frozen=True)
class OneOf:
    """A list of patterns tried as one: all of them, and those that can match a line longer than
    ``longest`` (the most any bounded one matches, ``.{0,80}`` counted as 80): a long line skips the rest.

    ``rare`` are the strings, lower-cased, that the branches opening with a long scan
    (".{0,80}\\bmaterials? …", the costliest on a line of prose) cannot match without; a line
    holding none of them is tried with ``common`` (``common_unbounded``): the same patterns
    less those branches."""

    every: re.Pattern[str]
    longest: int
    unbounded: re.Pattern[str] | None
    rare: tuple[str, ...] = ()
    common: re.Pattern[str] | None = None
    common_unbounded: re.Pattern[str] | None = None

    def fullmatch(self, line: str) -> bool:
        short = len(line) <= self.longest
        pattern = self.every if short else self.unbounded
        if self.rare and (line.isascii() or _FOLD_UNSAFE.search(line) is None):
            lower = line.lower()
            for needed in self.rare:
                if needed in lower:
                    break
            else:  # none of the rare strings: their branches cannot match
                pattern = self.common if short else self.common_unbounded
        return pattern is not None and pattern.fullmatch(line) is not None


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
    flag = flags.pop()
    try:
        every = _joined(list(patterns), flag)
        branches = [re.compile(b, flag) for p in patterns for b in top_branches(p)]
    except re.error:
        return None
    assert every is not None
    widths = [_width(p) for p in branches]
    needs = [needed(p) for p in branches]
    rare = [_scans(p) and n is not None and all(_is_rare(s) for s in n) for p, n in zip(branches, needs, strict=True)]
    common = [p for p, r in zip(branches, rare, strict=True) if not r]
    longs = [p for p, w in zip(branches, widths, strict=True) if w >= _LONG]
    strings = sorted({s for n, r in zip(needs, rare, strict=True) if r and n for s in n})
    return OneOf(
        every,
        max((w for w in widths if w < _LONG), default=-1),
        _joined(longs, flag),
        tuple(strings),
        _joined(common, flag),
        _joined([p for p in longs if p in common], flag),
    )


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


def longest_first(words: Iterable[str]) -> list[str]:
    """Longest first (an alternation then prefers the longer of two words sharing a start), ties by
    text: the same order in every process, whatever order a set iterates in."""
    return sorted(words, key=lambda w: (-len(w), w))


def phrase_alternation(phrases: Iterable[str], fold: bool = False) -> str:
    """``"|".join`` of the phrases (words joined by any spacing), in order, as a tree of shared
    beginnings: "said|says|stated" as ``s(?:a(?:id|ys)|tated)``, so that at a word only the phrases
    sharing its first characters are tried, not every phrase with its first letter.

    The same matches as the plain join: two branches whose next characters differ cannot both
    match at one position, so only the order among those sharing a beginning decides, and it is
    kept; a phrase ending where longer ones go on must come after them (longest first), or the tree
    stops there. With ``fold`` (the pattern is compiled with IGNORECASE) characters are grouped
    lower-cased, ASCII ones only (Unicode case folding pairs other characters in ways ``str.lower``
    does not): the tree stops at any other. Phrases not all opening with an ASCII letter: the plain join.
    """
    listed = list(phrases)
    if not all(p[:1].isascii() and p[:1].isalpha() for p in listed):
        return "|".join(r"\s+".join(map(re.escape, p.split())) for p in listed)
    return _tree([_units(p, fold) for p in listed], fold)[0]


_SPACING = r"\s+"


def _units(phrase: str, fold: bool) -> list[str]:
    """A phrase as regex pieces: one per character (ASCII lower-cased with ``fold``), any spacing between words."""
    units: list[str] = []
    for n, word in enumerate(phrase.split()):
        if n:
            units.append(_SPACING)
        units += [re.escape(ch.lower() if fold and ch.isascii() else ch) for ch in word]
    return units


def _tree(branches: list[list[str]], fold: bool) -> tuple[str, bool]:
    """The alternation of the branches (lists of ``_units``), in order, grouped by their first
    units where that keeps its matches; and whether it is a single branch (needs no group)."""
    if len(branches) == 1:
        return "".join(branches[0]), True
    ended = [n for n, units in enumerate(branches) if not units]
    apart = all(not fold or units[0] == _SPACING or units[0][-1].isascii() for units in branches if units)
    if not apart or ended not in ([], [len(branches) - 1]):
        return "|".join("".join(units) for units in branches), False
    groups: dict[str, list[list[str]]] = {}
    for units in branches[: len(branches) - len(ended)]:
        groups.setdefault(units[0], []).append(units[1:])
    parts = []
    for first, rests in groups.items():
        inner, single = _tree(rests, fold)
        parts.append(first + (inner if single else f"(?:{inner})"))
    parts += [""] * len(ended)
    return "|".join(parts), len(parts) == 1


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


# ---------------------------------------------------------------------------
# What a line must hold for a pattern to match it
# ---------------------------------------------------------------------------


def top_branches(pattern: re.Pattern[str]) -> list[str]:
    """The top-level alternatives of a pattern ("a|(?:b|c)" -> "a", "(?:b|c)"): a line fullmatches
    the pattern when it fullmatches one of them. A verbose pattern or one with comments stays whole."""
    source = pattern.pattern
    if pattern.flags & re.VERBOSE or "(?#" in source:
        return [source]
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 2 if source[i + 1 : i + 2] == "^" else 1
            i += 1 if source[i : i + 1] == "]" else 0  # "[]…]", "[^]…]": the bracket is a member
            continue
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    return [*parts, source[start:]]


def _scans(pattern: re.Pattern[str]) -> bool:
    """Whether the pattern opens with a repeat that may take ``_REACH`` characters or more."""
    try:
        items = _sre_parse.parse(pattern.pattern, pattern.flags).data
    except Exception:  # noqa: BLE001 - another Python's internals (or none): say no
        return False
    if not items:
        return False
    op, av = items[0]
    return op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[1] >= _REACH


def _is_rare(needed: str) -> bool:
    text = needed.strip()
    if any(ch.isalnum() for ch in text):
        return len(text) >= _RARE_LENGTH
    return len(text) >= 2 or not text.isascii()


def needed(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings, lower-cased, one of which the lower-cased copy of every line the pattern matches
    holds (None when no such list is found): literal runs of the pattern's top level, of its
    groups, of repeats taken at least once, and of every branch of an alternation.

    Only ASCII characters and caseless non-letters ("©", "→") are taken: a line without the
    ``FOLD_UNSAFE`` letters lower-cases each of them as ignoring case would match it."""
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - another Python's internals (or none): no list
        return None
    return _needed_in(parsed.data)


def _usable(code: int) -> bool:
    ch = chr(code)
    return ch.isascii() or (not ch.isalpha() and ch.lower() == ch == ch.upper())


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The list that tells more: its shortest string longer, else fewer strings."""
    if a is None or b is None:
        return a if b is None else b
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _needed_in(items: list[tuple[object, object]]) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL and _usable(av):  # type: ignore[arg-type]
            run.append(chr(av).lower())  # type: ignore[arg-type]
            continue
        if run:
            best = _better(best, frozenset(["".join(run)]))
            run = []
        if op is _sre.SUBPATTERN:
            best = _better(best, _needed_in(av[3].data))  # type: ignore[index]
        elif op is _sre.BRANCH:
            found = [_needed_in(branch.data) for branch in av[1]]  # type: ignore[index]
            if all(f is not None for f in found):
                best = _better(best, frozenset().union(*found))  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:  # type: ignore[index]
            best = _better(best, _needed_in(av[2].data))  # type: ignore[index]
    return _better(best, frozenset(["".join(run)])) if run else best


# ---------------------------------------------------------------------------
# What a match must open with
# ---------------------------------------------------------------------------

_CLASS_ESCAPES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_WORD": r"\w",
                  "CATEGORY_NOT_WORD": r"\W", "CATEGORY_SPACE": r"\s", "CATEGORY_NOT_SPACE": r"\S"}  # fmt: skip


class _Unknown(Exception):
    """A construct the first-character walk does not follow: no gate is made."""


def _class_items(items: list[tuple[object, object]]) -> list[str]:
    """A character class's members, written back as regex text."""
    out = []
    for op, av in items:
        if op is _sre.LITERAL:
            out.append(re.escape(chr(av)))  # type: ignore[arg-type]
        elif op is _sre.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")  # type: ignore[index]
        elif op is _sre.CATEGORY and str(av) in _CLASS_ESCAPES:
            out.append(_CLASS_ESCAPES[str(av)])
        else:
            raise _Unknown(op)  # a negated class, another category: any character may open it
    return out


def _openers(items: list[tuple[object, object]]) -> tuple[list[str], bool]:
    """Class members covering every character a match of ``items`` may open with, and whether
    ``items`` may match nothing at all (then what follows opens it too)."""
    out: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            return [*out, re.escape(chr(av))], False  # type: ignore[arg-type]
        if op is _sre.IN:
            return [*out, *_class_items(av)], False  # type: ignore[arg-type]
        if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            continue  # zero-width: passing it over only lets more through
        if op is _sre.SUBPATTERN and not av[1]:  # type: ignore[index]  # (?i:…) inside would fold what we copy
            found, empty = _openers(av[3].data)  # type: ignore[index]
        elif op is _sre.BRANCH:
            branches = [_openers(branch.data) for branch in av[1]]  # type: ignore[index]
            found, empty = [c for b, _ in branches for c in b], any(e for _, e in branches)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            found, empty = _openers(av[2].data)  # type: ignore[index]
            empty = empty or av[0] == 0  # type: ignore[index]
        else:
            raise _Unknown(op)
        out += found
        if not empty:
            return out, False
    return out, True


def _scanned(parsed: object, flags: int) -> bool:
    """Whether re finds the pattern's starts with its own scan (a literal prefix, a first-character set)."""
    try:
        compiler = importlib.import_module("re._compiler")
        return bool(compiler._get_literal_prefix(parsed, flags)[0] or compiler._get_charset_prefix(parsed, flags))
    except Exception:  # noqa: BLE001 - another Python's internals: say yes, and leave the pattern alone
        return True


def opening_gate(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern behind a look ahead at the characters its matches can open with: the same
    matches, but a position where none of them stands is given up at once, before the
    pattern's own look backs, repeats and alternatives are tried there (a scan of prose
    passes most). For a pattern that opens with a look back or a repeat, which re tries at
    every position; one that re already scans for by its first characters comes back as it is.

    The look ahead is compiled with the pattern's flags, so a character ignoring case pairs
    with passes it as it would pass the pattern. The pattern comes back as it is too when its
    openers cannot be told (a negated class, ``.``, a match that may be empty).
    """
    if _sre_parse is None or pattern.flags & re.VERBOSE:
        return pattern
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
        if _scanned(parsed, pattern.flags):
            return pattern
        found, empty = _openers(parsed.data)
        if empty or not found:
            return pattern
        return re.compile(f"(?=[{''.join(dict.fromkeys(found))}])(?:{pattern.pattern})", pattern.flags)
    except (_Unknown, re.error, RecursionError):
        return pattern
