"""Misspellings in the source, flagged as [sic] with a suggestion; never altering the text.

A false [sic] on a correct word is an error every reader notices, while a
missed typo goes unseen, so every rule here errs towards silence:

* Lower-case words are looked up in pyspellchecker's English list after
  undoing derivations (``biased+ness``, ``un+favor+able``), compounds
  (``centre+piece``), British spellings (``colour``, ``organisation``) and
  contractions. An unknown word is flagged only when it is long enough to be
  no slang or loanword, appears at most twice in the article, and one typing
  slip (a letter deleted, added, changed, swapped with its neighbour or across
  one letter) turns it into exactly one common word: "unvaforable" ->
  "unfavorable". A short word is flagged only for a swap ("wtih" -> "with").
* Capitalised words are names and are never checked against the dictionary.
  A name is flagged only when it is a one-off (once in the article, not in
  ``known_words``, no dictionary word) and one slip from exactly one name we
  trust more: a name used at least twice in the same article, when the
  one-off stands alone ("Koronolli" -> "Koronelli"); a known name, when a
  lone word of six letters or more has a letter added or dropped ("Trumpt"
  -> "Trump"); or, for seven letters or more, a known or repeated name with
  two letters swapped ("Thaliand" -> "Thailand"). "Alone" means no capitalised
  neighbour (titles like Mr aside): in "Jason Kenney" or "van der Linde" a
  slip is more likely another person. First letters and name endings
  (Ivanov/Ivanova, Spidey/Spider) never count as slips.
* All-caps words, words with digits or accents, parts of dotted tokens (U.S.,
  web addresses) are skipped; a Latin word with one stray letter of another
  script ("stabilityю") is flagged.

``known_words`` holds what the dossier knows to be right: gazetteer names
and aliases, and the editor's ignore list (site_config/spelling.yml);
``known_words_for`` builds it, leaving out aliases that are misspellings of
their own canonical name. A word in it is never flagged.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from generator.models import Article, EntityRef, SourceError

# A word: letters and digits, joined by apostrophes or hyphens (C speed via findall).
_CHUNK = re.compile(r"[^\W_]+(?:[’'ʼ\-‑][^\W_]+)*")
# Dotted tokens, addresses and HTML entities (U.S., dot.com, a@b, communiqu&#233;): never checked.
_JOINT = re.compile(r"(?<=[^\W_])[.@/&#;]+(?=[^\W_])")
_APOSTROPHES = "’'ʼ"
_HYPHENS = "-‑"
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'’ʼ")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"

# A suggestion must be at least this common (share of pyspellchecker's corpus).
MIN_SUGGESTION_FREQUENCY = 2e-7
MIN_SWAP_LENGTH = 4  # "wtih": a swap is a typo even in a short word, if it gives a very common one
MIN_SHORT_SUGGESTION_FREQUENCY = 1e-4  # "with", "from": not "etch" for "tech"
MIN_SURNAME_LENGTH = 6  # "Trumpt": a lone surname one letter off a known one
MIN_SWAPPED_NAME_LENGTH = 7  # short names have real anagrams: Laing/Liang, Misel/Miles
MIN_WORD_LENGTH = 6  # shorter unknown words are mostly slang and loanwords (haute, muso)
MIN_NAME_LENGTH = 5
MIN_BASE_LENGTH = 4  # "gov+er+ment" is no derivation: the list has junk short words
MAX_OCCURRENCES = 2  # a word repeated three times is meant, however odd it looks

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
_ACCENTS = {"a": "àáâä", "e": "éèêë", "i": "íîï", "o": "óôö", "u": "úûü", "c": "ç", "n": "ñ"}
_NAME_ENDINGS = frozenset("saeiyou")
_NAME_RUN = re.compile(r"[A-Z][\w’'\-]*(?:[ \t]+[A-Z][\w’'\-]*)+")
_AFTER_PARTICLE = re.compile(
    r"\b(?:van|der|den|de|von|du|da|di|del|della|dos|das|al|el|bin|ibn|le|la|ter|ten|y)[ \t]+([A-Z][\w’'\-]*)"
)
_TITLES = frozenset(
    "The A An This That These Those Mr Mrs Ms Dr Sir Dame Lord Lady Prof Professor President "
    "Minister Senator Governor General Judge Justice Chancellor Premier Prime Ambassador Envoy "
    "Aide Spokesman Spokeswoman Chairman Director Deputy Speaker Secretary King Queen Prince "
    "Princess Pope Saint St Mayor Commander Colonel Captain Lieutenant Sergeant Officer".split()
)


@dataclass(frozen=True)
class _Lexicon:
    """pyspellchecker's English word list with relative frequencies."""

    frequency: dict[str, float]

    def __contains__(self, word: str) -> bool:
        return word in self.frequency

    def common(self, word: str) -> bool:
        return self.frequency.get(word, 0.0) >= MIN_SUGGESTION_FREQUENCY


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Loading the dictionary costs ~0.2 s: done once per process, on first use."""
    from spellchecker import SpellChecker

    checker = SpellChecker(language="en", distance=1)
    counts = checker.word_frequency.dictionary
    total = float(sum(counts.values())) or 1.0
    return _Lexicon({word: count / total for word, count in counts.items()})


def known_words_for(entities: Iterable[EntityRef], ignore: Iterable[str] = ()) -> frozenset[str]:
    """``known_words`` for one dossier: canonical names (as written and word by word),
    aliases, and the editor's ignore list.

    An alias word one slip away from a word of its own entity's canonical name is a
    misspelling the editor recorded so the entity is still found ("Trumpt" for Donald
    Trump); it stays out, so the article that has it still gets its [sic].
    """
    known: set[str] = set(ignore)
    for entity in entities:
        canonical = _CHUNK.findall(entity.name)
        known.add(entity.name)
        known.update(canonical)
        for alias in entity.aliases:
            words = _CHUNK.findall(alias)
            slips = [w for w in words if w not in canonical and any(_one_slip(w, c) for c in canonical)]
            if not slips:
                known.add(alias)
            known.update(w for w in words if w not in slips)
    return frozenset(known)


def _one_slip(word: str, other: str) -> bool:
    return len(word) >= MIN_NAME_LENGTH and word[:1] == other[:1] and _slip(word[1:].lower(), other[1:].lower())


def find_source_errors(article: Article, known_words: frozenset[str]) -> tuple[SourceError, ...]:
    """Words in the article that are misspelt, with a suggestion. Precision over recall."""
    blocks = article.text_blocks()
    text = "\n".join(t for _, t in blocks)
    chunks = _CHUNK.findall(text)
    counts: Counter[str] = Counter(chunks)
    lower_counts: Counter[str] = Counter()
    for chunk, n in counts.items():
        lower_counts[chunk.lower()] += n
    dotted = _dotted_parts(text)
    lexicon = _lexicon().frequency
    context = _Context(known_words, counts, lower_counts, text)
    flagged: dict[str, tuple[int, str, str]] = {}  # chunk -> (offset in chunk, word, suggestion)
    for chunk in counts:
        if chunk in lexicon or chunk in known_words or chunk in dotted:
            continue
        for offset, word in _words_of(chunk):
            suggestion = _suggest(word, context)
            if suggestion:
                flagged[chunk] = (offset, word, suggestion)
                break
    return tuple(_locate(blocks, flagged)) if flagged else ()


class _Context:
    """What the checks of one article consult; the name tables are built only when a
    capitalised word actually needs them."""

    def __init__(self, known_words: frozenset[str], counts: Counter[str], lower_counts: Counter[str], text: str):
        self.known_words = known_words
        self.lower_counts = lower_counts
        self._counts = counts
        self._text = text

    @cached_property
    def article_names(self) -> Counter[str]:
        """Capitalised words of this article, with their counts."""
        return _names_in(self._counts)

    @cached_property
    def curated_surnames(self) -> frozenset[str]:
        return _curated_surnames(self.known_words)

    @cached_property
    def in_name_runs(self) -> frozenset[str]:
        """Words written next to another capitalised word."""
        return _in_name_runs(self._text)


def _names_in(counts: Counter[str]) -> Counter[str]:
    names: Counter[str] = Counter()
    for chunk, n in counts.items():
        if chunk[:1].isupper():
            for _, word in _words_of(chunk):
                if _is_name_shape(word):
                    names[word] += n
    return names


@lru_cache(maxsize=8)
def _curated_surnames(known_words: frozenset[str]) -> frozenset[str]:
    """Known names and the last words of multi-word ones ("Donald Trump" -> Trump)."""
    surnames = set()
    for entry in known_words:
        parts = _CHUNK.findall(entry)
        if parts and _is_name_shape(parts[-1]) and all(p[:1].isupper() for p in parts):
            surnames.add(parts[-1])
    return frozenset(surnames)


def _in_name_runs(text: str) -> frozenset[str]:
    """Words written next to another capitalised word ("Jason Kenney", "G Britz"), titles
    and sentence-initial articles aside: a lone surname is the one a slip can be read into."""
    words: set[str] = set()
    for run in _NAME_RUN.findall(text):
        tokens = run.split()
        while tokens and tokens[0] in _TITLES:
            tokens = tokens[1:]
        if len(tokens) >= 2:
            words.update(_without_possessive(t) for t in tokens)
    words.update(_without_possessive(m) for m in _AFTER_PARTICLE.findall(text))
    return frozenset(words)


def _dotted_parts(text: str) -> set[str]:
    """The words glued to others by dots, @, slashes or entities: found from the joints."""
    parts: set[str] = set()
    for joint in _JOINT.finditer(text):
        left = max(text.rfind(" ", 0, joint.start()), text.rfind("\n", 0, joint.start())) + 1
        ends = [i for i in (text.find(" ", joint.end()), text.find("\n", joint.end())) if i != -1]
        parts.update(_CHUNK.findall(text[left : min(ends, default=len(text))]))
    return parts


def _words_of(chunk: str) -> Iterator[tuple[int, str]]:
    """The checkable words of a chunk with their offsets: hyphenated parts (unless the
    joined form is a word), possessive ’s removed. Chunks with digits give nothing."""
    if chunk.isalpha():
        yield 0, chunk
        return
    if any(ch.isdigit() for ch in chunk):
        return
    parts = re.split(r"([-‑])", chunk)
    if len(parts) > 1:
        joined = "".join(p for p in parts if p not in _HYPHENS)
        if joined.islower() and _is_word(joined):
            return
    offset = 0
    for part in parts:
        if part and part not in _HYPHENS:
            word = _without_possessive(part)
            if word:
                yield offset, word
        offset += len(part)


def _without_possessive(word: str) -> str:
    for mark in _APOSTROPHES:
        if word.endswith(mark + "s"):
            return word[:-2]
    return word


def _locate(blocks: tuple[tuple[int, str], ...], flagged: dict[str, tuple[int, str, str]]) -> Iterator[SourceError]:
    for index, text in blocks:
        if not any(chunk in text for chunk in flagged):
            continue
        for match in _CHUNK.finditer(text):
            hit = flagged.get(match.group())
            if hit:
                offset, word, suggestion = hit
                start = match.start() + offset
                yield SourceError(word, suggestion, index, start, start + len(word))


def _suggest(word: str, context: _Context) -> str | None:
    if word in context.known_words or len(word) < MIN_SWAP_LENGTH:
        return None
    if not word.isascii():
        return _strip_foreign(word) if _mixed_script(word) else None  # accents, other scripts
    if word.isupper() or not all(ch in _ASCII_LETTERS for ch in word):
        return None  # acronyms are not ours to judge
    if context.lower_counts[word.lower()] > MAX_OCCURRENCES:
        return None
    if word[0].isupper():
        return _suggest_name(word, context)
    if not word.islower() or any(ch in _APOSTROPHES for ch in word):
        return None  # camelCase brands; contractions and elisions (could've, lovin')
    if _is_word(word):
        return None
    return _missing_apostrophe(word) or _correction(word)


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
    if len(word) < 3 or depth > 2:
        return False
    if any(_british_variant_known(word, pattern, repl) for pattern, repl in _BRITISH):
        return True
    for suffix, endings in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            stems = [stem + e for e in endings]
            if stem[-1] == stem[-2]:
                stems.append(stem[:-1])  # "travelled" -> "travel"
            if any(_is_base(s, depth) and _is_word(s, depth + 1) for s in stems):
                return True
    for prefix in _PREFIXES:
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
    return depth == 0 and len(stem) == 3 and _lexicon().frequency.get(stem, 0.0) >= 1e-6


def _british_variant_known(word: str, pattern: re.Pattern[str], repl: str) -> bool:
    variant = pattern.sub(repl, word)
    return variant != word and (variant in _lexicon() or _is_word(variant, 2))


def _edits(word: str) -> set[str]:
    """One typing slip: a letter deleted, added, changed, swapped with a neighbour or
    swapped across one letter."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    out |= _swaps(word)
    out.discard(word)
    return out


def _swaps(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word))]
    out = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + b[2] + b[1] + b[0] + b[3:] for a, b in splits if len(b) > 2}
    out.discard(word)
    return out


def _correction(word: str) -> str | None:
    """The single common word one slip away; None when there is none or a close second."""
    lexicon = _lexicon()
    if len(word) >= MIN_WORD_LENGTH:
        edits, floor = _edits(word), MIN_SUGGESTION_FREQUENCY
    else:
        edits, floor = _swaps(word), MIN_SHORT_SUGGESTION_FREQUENCY
    found = sorted(
        (c for c in edits if lexicon.frequency.get(c, 0.0) >= floor), key=lambda c: (-lexicon.frequency[c], c)
    )
    if not found:
        return None
    if len(found) > 1 and lexicon.frequency[found[1]] * 10 > lexicon.frequency[found[0]]:
        return None  # two plausible fixes: we cannot tell which was meant
    return found[0]


def _suggest_name(word: str, context: _Context) -> str | None:
    """A one-off name one slip from a name we trust more (see the module docstring)."""
    if len(word) < MIN_NAME_LENGTH or not _is_name_shape(word) or context.lower_counts[word.lower()] != 1:
        return None
    found = _name_candidates(word, context)
    if len(found) != 1 or _is_word(word.lower()):
        return None
    return next(iter(found))


def _name_candidates(word: str, context: _Context) -> dict[str, str]:
    """Trusted names one slip from ``word``, each with the rule that trusts it."""
    found: dict[str, str] = {}
    near = {c for c in context.article_names if c[0] == word[0] and abs(len(c) - len(word)) <= 1}
    near |= set(_near(word, _index(context.curated_surnames)))
    if len(word) >= MIN_SWAPPED_NAME_LENGTH:
        near |= set(_near(word, _index(context.known_words)))
    near = {c for c in near if c != word and _slip(word[1:].lower(), c[1:].lower())}
    if not near:
        return found
    alone = word not in context.in_name_runs
    for candidate in near:
        if alone and len(word) >= MIN_SURNAME_LENGTH and context.article_names[candidate] >= 2:
            found[candidate] = "used in the article"
        elif alone and len(word) >= MIN_SURNAME_LENGTH and len(candidate) != len(word):
            if candidate in context.curated_surnames:
                found[candidate] = "known name, a letter added or dropped"
        elif len(word) >= MIN_SWAPPED_NAME_LENGTH and _swapped(word[1:].lower(), candidate[1:].lower()) and (
            candidate in context.known_words or context.article_names[candidate] >= 2
        ):
            found[candidate] = "letters swapped"
    return found


_Index = dict[str, tuple[str, ...]]


@lru_cache(maxsize=16)
def _index(words: frozenset[str]) -> _Index:
    """Name-shaped words under their first letter plus each one-letter deletion of the
    rest: two names one slip apart (not a swap across a letter) share a key."""
    index: dict[str, set[str]] = {}
    for word in words:
        if _is_name_shape(word):
            for key in _deletion_keys(word):
                index.setdefault(key, set()).add(word)
    return {key: tuple(sorted(value)) for key, value in index.items()}


def _deletion_keys(word: str) -> set[str]:
    head, tail = word[0], word[1:].lower()
    return {head + tail} | {head + tail[:i] + tail[i + 1 :] for i in range(len(tail))}


def _near(word: str, index: _Index) -> Iterator[str]:
    for key in _deletion_keys(word):
        yield from index.get(key, ())


def _slip(a: str, b: str) -> bool:
    """One slip between two lower-case name tails, not a changed name ending."""
    if a == b or abs(len(a) - len(b)) > 1 or _is_name_ending_change(a, b):
        return False
    if len(a) != len(b):
        short, long = sorted((a, b), key=len)
        i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
        return long[:i] + long[i + 1 :] == short
    diffs = [k for k in range(len(a)) if a[k] != b[k]]
    return len(diffs) == 1 or _swapped(a, b)


def _swapped(a: str, b: str) -> bool:
    """Two letters swapped, side by side or across one letter."""
    if len(a) != len(b):
        return False
    diffs = [k for k in range(len(a)) if a[k] != b[k]]
    return len(diffs) == 2 and diffs[1] - diffs[0] in (1, 2) and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]


def _is_name_ending_change(tail: str, edit: str) -> bool:
    short, long = sorted((tail, edit), key=len)
    if len(short) != len(long):
        return long.startswith(short) and long[-1] in _NAME_ENDINGS
    return short[:-1] == long[:-1]  # Spidey/Spider, Horan/Horak: a changed last letter is another name


def _is_name_shape(word: str) -> bool:
    return len(word) >= MIN_SWAP_LENGTH and word[0].isupper() and word[1:].islower() and word.isalpha()
