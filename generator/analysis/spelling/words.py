"""Whether a lower-case word is English: pyspellchecker's list, derivations, British forms, compounds.

Also the one correction a misspelt word may get, and the chunks a text is checked in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from generator.language.fuzzy import Ends, edits_in, swaps, word_ends
from generator.language.stored import stored
from generator.language.vocabulary import word_frequencies

# A word: letters and digits, joined by apostrophes or hyphens (C speed via findall).
_CHUNK = re.compile(r"[^\W_]+(?:[’'ʼ\-‑][^\W_]+)*")
_APOSTROPHES = "’'ʼ"
_TRIPLED = re.compile(r"(\w)\1\1(?=\w)")  # not at the end: "yesss", "hmmm", "grrr" are meant
_HYPHENS = "-‑"
_HYPHEN_SPLIT = re.compile(r"([-‑])")  # compiled once: ``re.split`` would look it up in re's cache per chunk

# A suggestion must be at least this common (share of pyspellchecker's corpus).
MIN_SUGGESTION_FREQUENCY = 2e-7
MIN_SWAP_LENGTH = 4  # "wtih": a swap is a typo even in a short word, if it gives a very common one
MIN_SHORT_SUGGESTION_FREQUENCY = 1e-4  # "with", "from": not "etch" for "tech"
MIN_WORD_LENGTH = 6  # shorter unknown words are mostly slang and loanwords (haute, muso)
MIN_BASE_LENGTH = 4  # "gov+er+ment" is no derivation: the list has junk short words

# Derivations: (suffix, what the stem may have ended in). Tried recursively.
_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("isations", ("ise", "ize")), ("izations", ("ize",)), ("isation", ("ise", "ize")),
    ("ization", ("ize",)), ("nesses", ("",)), ("iness", ("y",)), ("ness", ("",)),
    ("ments", ("",)), ("ment", ("",)), ("ities", ("", "e")), ("ity", ("", "e")),
    ("isms", ("",)), ("ism", ("", "e")), ("ists", ("", "e")), ("ist", ("", "e")),
    ("ised", ("ize", "ise")), ("ized", ("ize",)), ("ising", ("ize", "ise")), ("izing", ("ize",)),
    ("ises", ("ize", "ise")), ("izes", ("ize",)), ("ise", ("ize", "", "e")), ("ize", ("", "e")),
    ("ingly", ("", "e")), ("edly", ("", "e")), ("ably", ("able",)), ("ibly", ("ible",)),
    ("ily", ("y",)), ("ally", ("al", "")), ("ly", ("", "le")), ("ings", ("", "e")),
    ("ing", ("", "e")), ("ied", ("y",)), ("ies", ("y",)), ("ed", ("", "e")), ("es", ("", "e")),
    ("s", ("",)), ("ers", ("", "e")), ("er", ("", "e")), ("est", ("", "e")), ("iest", ("y",)),
    ("ability", ("able",)), ("ibility", ("ible",)), ("able", ("", "e")), ("ible", ("", "e")),
    ("ful", ("",)), ("less", ("",)), ("ship", ("",)), ("hood", ("",)), ("wise", ("",)),
    ("like", ("",)), ("dom", ("",)), ("ward", ("",)), ("wards", ("",)), ("ic", ("", "e")),
    ("ical", ("ic", "", "e")), ("al", ("", "e")), ("ial", ("",)), ("ian", ("", "y")),
    ("ive", ("", "e")), ("ative", ("",)), ("ation", ("", "e", "ate")), ("ations", ("", "e", "ate")),
    ("ee", ("",)), ("ees", ("",)), ("ette", ("",)), ("ish", ("", "e")), ("ism", ("",)),
)
_PREFIXES = (
    "un", "re", "non", "pre", "anti", "counter", "over", "under", "co", "de", "dis", "mis",
    "inter", "intra", "multi", "post", "sub", "super", "trans", "semi", "mid", "self", "neo",
    "pseudo", "quasi", "ultra", "hyper", "micro", "macro", "mega", "mini", "out", "cross",
    "geo", "bio", "eco", "extra", "infra", "pro", "ex", "vice", "in", "im", "il", "ir", "up",
    "down", "fore", "hydro", "electro", "tele", "auto", "euro", "poly", "mono", "bi", "tri",
    "cyber", "nano", "petro", "agro", "socio", "ethno", "para", "proto", "arch", "meta",
    "e", "a",
)
# The same lists under the letter a word must end or start with to take them: a word is
# compared only with the few that can fit it (whether it is a word does not depend on the order).
_SUFFIXES_BY_LAST: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _suffix in _SUFFIXES:
    _SUFFIXES_BY_LAST.setdefault(_suffix[0][-1], []).append(_suffix)
_PREFIXES_BY_FIRST: dict[str, list[str]] = {}
for _prefix in _PREFIXES:
    _PREFIXES_BY_FIRST.setdefault(_prefix[0], []).append(_prefix)
# British -> American spellings: (pattern in the British form, American replacement).
_BRITISH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"our", "or"), (r"is(e|ed|es|ing|ation|ations|er|ers|able)", r"iz\1"),
        (r"ys(e|ed|es|ing)", r"yz\1"), (r"tre", "ter"), (r"ogue", "og"), (r"ence", "ense"),
        (r"ae", "e"), (r"oe", "e"), (r"ll", "l"), (r"mme", "m"), (r"eing$", "ing"),
        (r"ement", "ment"), (r"que", "ck"), (r"sc", "sk"), (r"ou", "o"), (r"ium$", "um"),
        (r"yjama", "ajama"), (r"yre", "ire"), (r"orey", "ory"), (r"ough", "ow"), (r"kerb", "curb"),
        (r"gaol", "jail"), (r"([^aeiou])re(s?)$", r"\1er\2"), (r"rnt$", "rned"), (r"xe$", "x"), (r"aero", "air"),
    )
)


def _required(pattern: re.Pattern[str]) -> str:
    """A run of letters every match of a plain pattern contains ("re" of "([^aeiou])re(s?)$"), or ""."""
    pieces = re.split(r"\([^)]*\)|\[[^\]]*\]|[$^]", pattern.pattern)
    longest = max(pieces, key=len)
    return longest if longest.isalpha() and longest.isascii() else ""


# Each British pattern with the letters it needs: a word without them is spared the substitution.
_BRITISH_NEEDS: tuple[tuple[str, re.Pattern[str], str], ...] = tuple((_required(p), p, r) for p, r in _BRITISH)
_ACCENTS = {"a": "àáâä", "e": "éèêë", "i": "íîï", "o": "óôö", "u": "úûü", "c": "ç", "n": "ñ"}


@dataclass(frozen=True)
class _Lexicon:
    """pyspellchecker's English word list with its counts; a word's share is its count over ``total``.

    The counts are word_frequencies()' own dict, which every analysing process loads anyway:
    the shares are divided when asked for (the same floats a table of them would hold)
    rather than kept as a second 160,000-entry table to build or unpickle per process.
    """

    counts: dict[str, int]
    total: float

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def share(self, word: str) -> float:
        """The word's relative frequency, 0.0 when unlisted."""
        return self.counts.get(word, 0) / self.total

    def common(self, word: str) -> bool:
        return self.share(word) >= MIN_SUGGESTION_FREQUENCY


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """The list and its total, once per process, on first use."""
    counts = word_frequencies()
    return _Lexicon(counts, float(sum(counts.values())) or 1.0)


def _words_of(chunk: str) -> Iterator[tuple[int, str]]:
    """The checkable words of a chunk with their offsets: hyphenated parts, possessive ’s
    removed. Chunks with digits give nothing. (Parts that make one word together are
    ``_joined_word``'s question, asked only of a chunk with a part to flag.)"""
    if chunk.isalpha():
        yield 0, chunk
        return
    if any(map(str.isdigit, chunk)):
        return
    parts = _HYPHEN_SPLIT.split(chunk)
    offset = 0
    for part in parts:
        if part and part not in _HYPHENS:
            word = _without_possessive(part)
            if word:
                yield offset, word
        offset += len(part)


def _joined_word(chunk: str) -> bool:
    """Hyphenated parts that written together make a lower-case word ("co-operate", "e-mail"):
    the chunk is meant, and none of its parts is flagged.

    Looking the joined form up can mean trying its derivations and compounds, so it is asked
    only of a chunk with a part to flag, not of every hyphenated chunk."""
    parts = _HYPHEN_SPLIT.split(chunk)
    if len(parts) == 1:
        return False
    joined = "".join(p for p in parts if p not in _HYPHENS)
    return joined.islower() and _is_word(joined)


def _without_possessive(word: str) -> str:
    for mark in _APOSTROPHES:
        if word.endswith(mark + "s"):
            return word[:-2]
    return word


def _missing_apostrophe(word: str) -> str | None:
    """"dont" -> "don't", "wouldnt" -> "wouldn't"."""
    if word.endswith("nt"):
        fixed = word[:-2] + "n't"
        if fixed in _lexicon():
            return fixed
    return None


def _mixed_script(word: str) -> bool:
    scripts = {_script(ch) for ch in word if ch.isalpha()}
    return "LATIN" in scripts and len(scripts) > 1


def _script(ch: str) -> str:
    try:
        return unicodedata.name(ch).split()[0]
    except ValueError:
        return "UNKNOWN"


def _strip_foreign(word: str) -> str | None:
    """A Latin word with one stray letter of another script: a keyboard-layout slip."""
    latin = "".join(ch for ch in word if _script(ch) == "LATIN")
    if len(word) - len(latin) == 1 and latin.islower() and _lexicon().common(latin):
        return latin
    return None


@lru_cache(maxsize=65536)
def _is_word(word: str, depth: int = 0) -> bool:
    """In the dictionary, or made from words that are: derivation, British form, compound."""
    lexicon = _lexicon()
    if word in lexicon:
        return True
    if _TRIPLED.search(word):
        return False  # no derivation or compound explains a letter typed three times
    if len(word) < 3 or depth > 2:
        return False
    if any(_british_variant_known(word, pattern, repl) for needs, pattern, repl in _BRITISH_NEEDS if needs in word):
        return True
    for suffix, endings in _SUFFIXES_BY_LAST.get(word[-1], ()):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            stems = [stem + e for e in endings]
            if stem[-1] == stem[-2]:
                stems.append(stem[:-1])  # "travelled" -> "travel"
            if any(_is_base(s, depth) and _is_word(s, depth + 1) for s in stems):
                return True
    for prefix in _PREFIXES_BY_FIRST.get(word[0], ()):
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= MIN_BASE_LENGTH and _is_word(rest, depth + 1):
            return True
    if depth == 0 and any(v in lexicon for v in _accented(word)):
        return True  # "cafe" for "café", "communique" for "communiqué"
    if depth == 0:
        return any(
            _is_word(word[:i], 1) and _is_word(word[i:], 1) for i in range(3, len(word) - 2)
        )
    return False


def _accented(word: str) -> Iterator[str]:
    for i, ch in enumerate(word):
        for accented in _ACCENTS.get(ch, ""):
            yield word[:i] + accented + word[i + 1:]


def _is_base(stem: str, depth: int) -> bool:
    """A base for derivations: four letters, or a common three-letter word with one
    suffix ("hat+ful"; not "gov+er+ment": the list has short junk words)."""
    if len(stem) >= MIN_BASE_LENGTH:
        return True
    return depth == 0 and len(stem) == 3 and _lexicon().share(stem) >= 1e-6


def _british_variant_known(word: str, pattern: re.Pattern[str], repl: str) -> bool:
    variant = pattern.sub(repl, word)
    return variant != word and (variant in _lexicon() or _is_word(variant, 2))



@lru_cache(maxsize=1)
@stored
def _suggestible_ends() -> Ends:
    """How the words common enough to be suggested open and close (``fuzzy.word_ends``): a slip is
    looked for only where the letters kept around it could still be one of them. Kept with the
    other compiled lists; built on the first long word to correct (~30,000 words)."""
    lexicon = _lexicon()
    counts, total = lexicon.counts, lexicon.total
    return word_ends(w for w, n in counts.items() if n / total >= MIN_SUGGESTION_FREQUENCY)


def _untripled(word: str) -> set[str]:
    """A letter typed three times inside a word ("offfice", "alll"), as two and as one."""
    out: set[str] = set()
    for m in _TRIPLED.finditer(word):
        out.add(word[: m.start()] + m.group(1) * 2 + word[m.end() :])
        out.add(word[: m.start()] + m.group(1) + word[m.end() :])
    return out


def _correction(word: str) -> str | None:
    """The single common word one slip away; None when there is none or a close second.

    Remembered per process (an unknown word met again in another article is looked up once),
    but handed out as a new string each time: one object shared by two suggestions of an
    article would change how its analysis pickles (the cache's bytes)."""
    found = _remembered_correction(word)
    return None if found is None else "".join(found)


@lru_cache(maxsize=16384)
def _remembered_correction(word: str) -> str | None:
    lexicon = _lexicon()
    if len(word) >= MIN_WORD_LENGTH:
        candidates, floor = edits_in(word, lexicon.counts, ends=_suggestible_ends()), MIN_SUGGESTION_FREQUENCY
    else:
        candidates, floor = swaps(word) | _untripled(word), MIN_SHORT_SUGGESTION_FREQUENCY
    counts, total = lexicon.counts, lexicon.total  # share() inlined: many candidates per word
    found = sorted((c for c in candidates if counts.get(c, 0) / total >= floor), key=lambda c: (-lexicon.share(c), c))
    if not found:
        return None
    if len(found) > 1 and lexicon.share(found[1]) * 10 > lexicon.share(found[0]):
        return None  # two plausible fixes: we cannot tell which was meant
    return found[0]

