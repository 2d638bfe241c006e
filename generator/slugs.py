"""Short, ASCII, stable slugs for pages and ids."""

from __future__ import annotations

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


def _ascii(text: str) -> str:
    text = "".join(_CYRILLIC.get(ch, ch) if ch.lower() == ch else _CYRILLIC.get(ch.lower(), ch) for ch in text)
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
    return slug


def short_hash(text: str, length: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]
