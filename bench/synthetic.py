"""A large synthetic dossier made from real articles, for scale runs (never committed).

Copy ``k`` of every corpus article gets:

* a timestamp line (``March 14, 2005, 10:30 GMT``) after the headline, so the copies
  spread over 2000-2024 and fill the archive and timeline as a dated dossier would;
* copy 0 keeps its names; copy ``k >= 1`` replaces the second word of each
  capitalised pair ("Tony Blair" -> "Tony Harlow") by another surname-like word
  of the corpus, chosen by (word, k). The same name becomes the same other name in
  every article of a copy, so entities recur across articles and new ones appear as
  the dossier grows, as in a real one.

Files are written as ``<topic>/<k:02d>-<name>.txt`` in copy order, so the first N files
are all of copy 0, then copy 1, and so on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_bytes

PAIR_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]{2,}) ([A-Z][a-z]{3,})\b", re.MULTILINE)
FIRST_DAY = dt.date(2000, 1, 1)
SPAN_DAYS = 25 * 365


def corpus_files(corpus: Path) -> list[Path]:
    """The corpus articles in path order (README files left out)."""
    return sorted(p for p in corpus.rglob("*.txt") if p.is_file() and p.name.lower() != "readme.txt")


def _text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("latin-1")


def _pick(word: str, k: int, pool: list[str]) -> str:
    digest = hashlib.sha1(f"{word}\0{k}".encode()).digest()
    return pool[int.from_bytes(digest[:4], "big") % len(pool)]


def _date(index: int, k: int) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=(index * 37 + k * 1009) % SPAN_DAYS)


def surname_pool(texts: list[str]) -> list[str]:
    """Second words of capitalised pairs seen at least twice: surname-like words of the corpus."""
    counts: Counter[str] = Counter(m.group(2) for text in texts for m in PAIR_RE.finditer(text))
    return sorted(word for word, n in counts.items() if n >= 2)


def variant(text: str, index: int, k: int, pool: list[str]) -> str:
    """Copy k of one article: a timestamp line after the headline; names changed when k >= 1."""
    headline, _, body = text.partition("\n")
    if k:
        body = PAIR_RE.sub(lambda m: f"{m.group(1)} {_pick(m.group(2), k, pool)}", body)
    day = _date(index, k)
    stamp = f"{day:%B} {day.day}, {day.year}, {9 + (index + k) % 9}:{(index * 7) % 60:02d} GMT"
    return f"{headline.strip()}\n\n{stamp}\n{body}"


def synthetic(corpus: Path, n: int) -> Iterator[tuple[str, str]]:
    """(relative path, text) of the first n synthetic articles."""
    files = corpus_files(corpus)
    texts = [_text(p) for p in files]
    pool = surname_pool(texts)
    made = 0
    k = 0
    while made < n and files:
        for index, (path, text) in enumerate(zip(files, texts, strict=True)):
            if made >= n:
                return
            rel = path.relative_to(corpus)
            yield (rel.parent / f"{k:02d}-{rel.name}").as_posix(), variant(text, index, k, pool)
            made += 1
        k += 1


def write_synthetic(corpus: Path, n: int, out: Path) -> int:
    """Write the first n synthetic articles under out/; return how many were written."""
    count = 0
    for rel, text in synthetic(corpus, n):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        count += 1
    return count
