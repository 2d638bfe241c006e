"""Short, ASCII, stable slugs for pages and ids."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),
        strict=True,
    )
)


# Letters that Unicode does not decompose to ASCII; without these "Łódź" would become "odz".
_LATIN = {"ß": "ss", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h"}
_CYRILLIC.update(
    {
        "ъ": "",
        "ь": "",
        "і": "i",
        "ї": "i",
        "є": "ie",
        "ґ": "g",
        "ў": "u",
        "ј": "j",
        "љ": "lj",
        "њ": "nj",
        "ћ": "c",
        "ђ": "dj",
        "џ": "dz",
    }
)


def _ascii(text: str) -> str:
    if text.isascii():
        return text  # nothing to transliterate or decompose (the tables hold no ASCII letter)
    text = "".join(_CYRILLIC.get(ch.lower(), _LATIN.get(ch.lower(), ch)) for ch in text)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slugify(text: str, max_len: int = 50) -> str:
    """'Russia to continue work — diplomat' -> 'russia-to-continue-work-diplomat', cut on a word."""
    words = re.findall(r"[a-z0-9]+", _ascii(text).lower().replace("'", "").replace("’", ""))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_len]
    if not slug and text.strip():
        # Nothing to transliterate (Chinese, emoji): a stable hash keeps different names apart.
        slug = "u-" + short_hash(unicodedata.normalize("NFC", " ".join(text.split())), 8)
    return slug


def short_hash(text: str, length: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


@functools.lru_cache(maxsize=65536)
def entity_slug(name: str) -> str:
    """ASCII id of an entity name: "U.S. Drug Enforcement Administration" -> "us-drug-enforcement-administration".

    Unlike ``slugify`` it never cuts words, and ids already published must not change.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"[.'’]", "", folded).lower()
    text = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return text or "entity-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
