"""Bytes to text: detect the encoding honestly and say what was decided.

The order of decisions is fixed so the same bytes always give the same text:

1. nothing at all, or a known binary signature (PNG, PDF, ZIP ...) -> ReadError;
2. a byte-order mark (UTF-8, UTF-16, UTF-32) decides, and is removed;
3. UTF-16 without a mark is recognised by its zero bytes;
4. stray NUL bytes in otherwise textual data are removed; mostly control
   bytes means binary -> ReadError;
5. strict UTF-8; if that decodes, text that is UTF-8 read as Windows-1252
   ("â€™" for "’") is repaired only when the *whole* text round-trips, which
   is unambiguous; otherwise the sequences are kept and a note says so;
6. otherwise charset-normalizer chooses among a short list of legacy
   encodings (Windows-1252, Windows-1251, Latin-1), with a check that a
   Windows-1251 guess really reads as Cyrillic words, so English with a
   single "£" is never taken for Russian.

Every decision that is not plain UTF-8 leaves a readable sentence in ``notes``.
Line endings are normalised to "\\n" (they are not content).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from generator.readers import ReadError


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    notes: tuple[str, ...] = ()


# File signatures of common binary formats someone might rename to .txt/.html.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive, e.g. a Word or OpenDocument file"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Microsoft Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
)
# RIFF containers and ISO media files carry their kind a few bytes in.
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian mark begins with the UTF-16 one.
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32 (little-endian)"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32 (big-endian)"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16 (little-endian)"),
    (b"\xfe\xff", "utf-16-be", "UTF-16 (big-endian)"),
)

# Candidates for text that is not UTF-8: English and Russian wire copy.
LEGACY_CANDIDATES: tuple[str, ...] = ("cp1252", "cp1251", "latin_1")
ENCODING_NAMES: dict[str, str] = {
    "utf-8": "UTF-8",
    "cp1252": "Windows-1252",
    "cp1251": "Windows-1251",
    "latin_1": "Latin-1 (ISO-8859-1)",
    "utf-16-le": "UTF-16 (little-endian)",
    "utf-16-be": "UTF-16 (big-endian)",
}

_CONTROL_BYTES = frozenset(range(0x09)) | frozenset(range(0x0E, 0x20)) | {0x7F}
_SAMPLE = 65_536
_CONTROL_TABLE = bytes(sorted(_CONTROL_BYTES))
BINARY_CONTROL_SHARE = 0.10  # above this share of control bytes, data is not text
STRAY_NUL_SHARE = 0.02  # at most this share of NUL bytes may be stripped as stray
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{3,}")
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00c5\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)
_DECLARED_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_LOST_APOSTROPHE = re.compile(r"\b\w*[A-Za-z]\?(?:s|t|re|ve|ll|d|m)\b")


def check_size(n_bytes: int, limit: int) -> None:
    """Refuse a file larger than the configured limit before reading it."""
    if n_bytes > limit:
        raise ReadError(f"the file is {n_bytes:,} bytes, above the limit of {limit:,} bytes (site_config/site.yml: max_bytes)")


def decode_file(path: Path, max_bytes: int) -> Decoded:
    """Check the size first (so a huge file is never loaded), then decode."""
    check_size(path.stat().st_size, max_bytes)
    return decode(path.read_bytes())


def decode(raw: bytes) -> Decoded:
    """Decode file bytes; raise ReadError when they are not text."""
    if not raw:
        raise ReadError("the file is empty")
    kind = binary_kind(raw)
    if kind:
        raise ReadError(f"binary data ({kind}), not text")
    decoded = _decode_by_bom(raw) or _decode_utf16_without_bom(raw) or _decode_plain(raw)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text:
        raise ReadError("the file is empty apart from a byte-order mark")
    if not text.strip():
        raise ReadError("the file holds only whitespace")
    return Decoded(text, decoded.encoding, decoded.notes)


def binary_kind(raw: bytes) -> str | None:
    """The name of a known binary format the bytes start with, if any."""
    for magic, name in BINARY_SIGNATURES:
        if raw.startswith(magic):
            return name
    if raw.startswith(b"RIFF") and raw[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[raw[8:12]]
    if raw[4:8] == b"ftyp":
        return "MP4/QuickTime media file"
    return None


def _decode_by_bom(raw: bytes) -> Decoded | None:
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    f"the file starts with a {name} byte-order mark but is not valid {name} at byte {exc.start + len(bom)}"
                ) from exc
            encoding = "utf-8-sig" if codec == "utf-8" else codec
            return Decoded(text, encoding, (f"the file starts with a {name} byte-order mark, which was removed",))
    return None


def _decode_utf16_without_bom(raw: bytes) -> Decoded | None:
    """UTF-16 text of Latin script has a zero in every other byte."""
    sample = raw[:_SAMPLE]
    if len(sample) < 4:
        return None
    pairs = len(sample) // 2
    zeros_even = sample[0 : pairs * 2 : 2].count(0)
    zeros_odd = sample[1 : pairs * 2 : 2].count(0)
    for codec, zeros, other in (("utf-16-le", zeros_odd, zeros_even), ("utf-16-be", zeros_even, zeros_odd)):
        if zeros >= 0.4 * pairs and other <= 0.02 * pairs:
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                return None
            name = ENCODING_NAMES[codec]
            return Decoded(text, codec, (f"decoded as {name} without a byte-order mark (detected from its zero bytes)",))
    return None


def _decode_plain(raw: bytes) -> Decoded:
    notes: list[str] = []
    sample = raw[:_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_TABLE))  # counted in C
    if controls > BINARY_CONTROL_SHARE * len(sample):
        share = round(100 * controls / len(sample))
        raise ReadError(f"binary data ({share}% control bytes), not text")
    nuls = raw.count(0)
    if nuls:
        if nuls > STRAY_NUL_SHARE * len(raw):
            raise ReadError(f"binary data ({nuls:,} NUL bytes in {len(raw):,}), not text")
        raw = raw.replace(b"\x00", b"")
        notes.append(f"removed {nuls:,} stray NUL byte{'s' if nuls != 1 else ''} (0x00), which are not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _decode_legacy(raw, exc, tuple(notes))
    text, mojibake_notes = repair_mojibake(text)
    return Decoded(text, "utf-8", tuple(notes) + mojibake_notes)


def _decode_legacy(raw: bytes, error: UnicodeDecodeError, notes: tuple[str, ...]) -> Decoded:
    codec, how = _declared_codec(raw) or _guess_legacy(raw)
    text = raw.decode(codec)
    offender = raw[error.start : error.start + 1].hex().upper()
    note = (
        f"decoded as {_encoding_name(codec)} ({how}), not UTF-8: byte 0x{offender} at offset {error.start:,} is not valid UTF-8"
    )
    return Decoded(text, codec, notes + (note,))


def _declared_codec(raw: bytes) -> tuple[str, str] | None:
    """An HTML <meta charset> or XML encoding declaration, honoured when the bytes decode with it."""
    match = _DECLARED_CHARSET.search(raw[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    codec = _codec_name(codec)
    if codec.startswith("utf") or codec in ("ascii",):
        return None  # a UTF-8/ASCII declaration is what just failed
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return None
    return codec, "as the file declares"


def _guess_legacy(raw: bytes) -> tuple[str, str]:
    """Pick a legacy codec: charset-normalizer among few candidates, then a sanity check."""
    guess: str | None = None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw, cp_isolation=list(LEGACY_CANDIDATES)).best()
        guess = _codec_name(best.encoding) if best is not None else None
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        guess = None
    if guess == "cp1251" and not _reads_as_cyrillic(raw):
        guess = None
    if guess is None and _reads_as_cyrillic(raw):
        return "cp1251", "detected: its non-ASCII bytes read as Cyrillic words"
    if guess in LEGACY_CANDIDATES:
        return guess, "detected"
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return "latin_1", "fallback: not valid Windows-1252 either"
    return "cp1252", "fallback for Western text"


def _encoding_name(codec: str) -> str:
    return ENCODING_NAMES.get(codec, codec.upper().replace("_", "-"))


def _codec_name(name: str) -> str:
    name = name.lower().replace("-", "_")
    return {"windows_1252": "cp1252", "windows_1251": "cp1251", "iso8859_1": "latin_1", "latin1": "latin_1"}.get(name, name)


def _reads_as_cyrillic(raw: bytes) -> bool:
    """True when most non-ASCII bytes, read as Windows-1251, form Cyrillic words."""
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:
        return False
    high = sum(1 for ch in text if ord(ch) > 127)
    in_words = sum(len(m) for m in _CYRILLIC_WORD.findall(text))
    return high > 0 and in_words >= 0.6 * high


def _sloppy_cp1252_bytes(text: str) -> bytes | None:
    """Re-encode as Windows-1252, passing its five undefined bytes through as Latin-1."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 256:
                out.append(ord(ch))
            else:
                return None
    return bytes(out)


def repair_mojibake(text: str) -> tuple[str, tuple[str, ...]]:
    """Undo UTF-8 read as Windows-1252 when the whole text round-trips; else keep and note.

    A whole-text round trip is unambiguous: genuine accented text (a lone "é"
    between ASCII letters) is not valid UTF-8 once re-encoded, so it is never
    touched; partial damage is kept as written and reported.
    """
    first = _MOJIBAKE.search(text)
    if first is None:  # most texts: one scan, not two
        return text, ()
    found = _MOJIBAKE.findall(text, first.start())  # none before the first
    # "â€™" is three characters; show all of them.
    example = text[first.start() : first.end() + (1 if first.group()[0] == "\u00e2" else 0)]
    repaired = text
    for _ in range(3):  # text may have been mis-decoded more than once
        raw = _sloppy_cp1252_bytes(repaired)
        if raw is None:
            break
        try:
            candidate = raw.decode("utf-8")
        except UnicodeDecodeError:
            break
        if candidate == repaired:
            break
        repaired = candidate
        if not _MOJIBAKE.search(repaired):
            break
    if repaired != text and len(_MOJIBAKE.findall(repaired)) < len(found):
        note = (
            f"repaired UTF-8 that had been read as Windows-1252 (e.g. {example!r}); "
            "the whole text round-trips, so the repair is unambiguous"
        )
        return repaired, (note,)
    plural = "s" if len(found) != 1 else ""
    note = (
        f"the text contains {len(found)} sequence{plural} like {example!r} that look like "
        "UTF-8 read as Windows-1252; kept as written because a repair would not be unambiguous"
    )
    return text, (note,)


def damage_notes(text: str) -> tuple[str, ...]:
    """Notes on characters the source itself lost before it reached us (kept as written)."""
    notes: list[str] = []
    lost = _LOST_APOSTROPHE.search(text)
    if lost:
        notes.append(f"apostrophes appear as '?' in the source feed (e.g. {lost.group()!r}); kept as written")
    replacements = text.count("\ufffd")
    if replacements:
        notes.append(
            f"the source holds {replacements} replacement character{'s' if replacements != 1 else ''} (\ufffd) "
            "where its characters were lost; kept as written"
        )
    return tuple(notes)
