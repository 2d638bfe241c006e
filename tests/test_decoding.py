"""Bytes to text: BOMs, UTF-16, legacy code pages, mojibake, NULs, binary, size limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config import ReaderOptions
from generator.readers import ReadError
from generator.readers.decoding import check_size, damage_notes, decode, decode_file, repair_mojibake

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad/empty.txt", "the file is empty"),
        ("bad/whitespace.txt", "the file holds only whitespace"),
        ("bad/png_renamed.txt", "binary data (PNG image), not text"),
    ],
)
def test_not_text_is_refused_with_a_reason(name: str, message: str) -> None:
    with pytest.raises(ReadError) as info:
        decode((FIXTURES / name).read_bytes())
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("name", "encoding", "contains", "note"),
    [
        ("bad/utf8_bom.txt", "utf-8-sig", "the island’s shops", "UTF-8 byte-order mark"),
        ("bad/utf16.txt", "utf-16-le", "auction for £410,000", "UTF-16 (little-endian) byte-order mark"),
        ("bad/cp1251_russian.txt", "cp1251", "Новый мост через Волгу", "decoded as Windows-1251 (detected), not UTF-8"),
        ("bad/latin1_pound.txt", "cp1252", "a £2.5m bid", "byte 0xA3 at offset 14 is not valid UTF-8"),
        (
            "bad/mojibake.txt",
            "utf-8",
            "“This is a day we have waited for,” Greece’s",
            "repaired UTF-8 that had been read as Windows-1252",
        ),
        ("bad/nul_bytes.txt", "utf-8", "More than 300 runners took part", "removed 3 stray NUL bytes"),
    ],
)
def test_encodings_are_detected_and_explained(name: str, encoding: str, contains: str, note: str) -> None:
    decoded = decode((FIXTURES / name).read_bytes())
    assert decoded.encoding == encoding
    assert contains in decoded.text
    assert any(note in n for n in decoded.notes), decoded.notes
    assert "\ufeff" not in decoded.text and "\x00" not in decoded.text and "\r" not in decoded.text


@pytest.mark.parametrize(
    "name",
    ["bad/no_headline.txt", "hostile/hostile.txt", "hostile/markdown_lookalikes.txt", "content/html_with_jsonld_date.html"],
)
def test_plain_utf8_is_kept_byte_for_byte_without_notes(name: str) -> None:
    raw = (FIXTURES / name).read_bytes()
    decoded = decode(raw)
    assert (decoded.text, decoded.encoding, decoded.notes) == (raw.decode("utf-8"), "utf-8", ())


SAMPLE = "Ferry “Arran” sails again — £5 fares, café open.\nSecond line.\n"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (b"\xff\xfe\x00\x00" + SAMPLE.encode("utf-32-le"), "utf-32-le"),
        (SAMPLE.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        (SAMPLE.replace("\n", "\r").encode("utf-8"), "utf-8"),
    ],
)
def test_unicode_forms_and_line_endings(raw: bytes, encoding: str) -> None:
    decoded = decode(raw)
    assert decoded.text == SAMPLE
    assert decoded.encoding == encoding


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"\x1f\x8b\x08\x00\x00\x00", "gzip archive"),
        (bytes(range(32)) * 20, "control bytes"),
        (b"abc\x00\x00\x00\x00def\x00\x00\x00\x00gh" * 10, "not text"),
    ],
)
def test_binary_data_is_refused(raw: bytes, kind: str) -> None:
    with pytest.raises(ReadError, match="binary data") as info:
        decode(raw)
    assert kind in str(info.value)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xef\xbb\xbf", "the file is empty apart from a byte-order mark"),
        (b"\xff\xfe" + " \n \t ".encode("utf-16-le"), "the file holds only whitespace"),
        (b"\xef\xbb\xbf\xff\xfe bad", "byte-order mark but is not valid UTF-8"),
    ],
)
def test_edge_cases_around_byte_order_marks(raw: bytes, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        decode(raw)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("The striker cost £15m, the club said on Friday.", "cp1252"),
        ("Prices rose 5% – the biggest rise “in years”, he said.", "cp1252"),
        ("Мэр Самары заявил, что мост откроют в декабре.", "cp1251"),
    ],
)
def test_short_legacy_text_is_not_misdetected(text: str, codec: str) -> None:
    decoded = decode(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, codec)


def test_declared_charset_is_honoured_when_the_bytes_are_not_utf8() -> None:
    page = '<html><head><meta charset="koi8-r"></head><body><p>Мост откроют в декабре</p></body></html>'
    decoded = decode(page.encode("koi8_r"))
    assert decoded.text == page
    assert "as the file declares" in decoded.notes[0]


def _as_mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252, its undefined bytes passed through (as browsers do)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


@pytest.mark.parametrize("text", ["It’s “done” — café", "Zürich, 5 °C, naïve résumé", "Prices rose 5% – “the biggest in years”"])
def test_whole_text_mojibake_is_repaired(text: str) -> None:
    damaged = _as_mojibake(text)
    assert damaged != text
    decoded = decode(damaged.encode("utf-8"))
    assert decoded.text == text
    assert "repaired" in decoded.notes[0]


@pytest.mark.parametrize("text", ["Café crème at the Hôtel de Ville", "Ã is a letter, â too", "Plain ASCII only"])
def test_genuine_accents_are_never_repaired(text: str) -> None:
    repaired, _ = repair_mojibake(text)
    assert repaired == text
    assert decode(text.encode("utf-8")).text == text


def test_partial_mojibake_is_kept_and_reported() -> None:
    mixed = "The minister’s plan was “approved”, but the clerk’s note says itâ€™s late."
    decoded = decode(mixed.encode("utf-8"))
    assert decoded.text == mixed
    assert "kept as written" in decoded.notes[0] and "â€™" in decoded.notes[0]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("The Kremlin does not support the EU?s decision or Russia?s view.", True),
        ("They don?t know, and we?ll see.", True),
        ("Why? Because the vote was close. Is it over?", False),
        ("Where?s the money, asked the auditor.", True),
        ("Really?so it seems", False),
        ("No question marks at all.", False),
    ],
)
def test_lost_apostrophes_are_noted_not_rewritten(text: str, flagged: bool) -> None:
    notes = damage_notes(text)
    assert bool(notes) is flagged
    if flagged:
        assert "apostrophes appear as '?' in the source feed" in notes[0]


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(52_428_800)  # sparse: costs no disk and no time
    with pytest.raises(ReadError) as info:
        decode_file(big, ReaderOptions().max_bytes)
    assert str(info.value) == (
        "the file is 52,428,800 bytes, above the limit of 20,000,000 bytes (site_config/site.yml: max_bytes)"
    )


@pytest.mark.parametrize(("size", "limit", "fails"), [(10, 10, False), (11, 10, True), (0, 10, False)])
def test_check_size_boundary(size: int, limit: int, fails: bool) -> None:
    if fails:
        with pytest.raises(ReadError, match=f"above the limit of {limit:,} bytes"):
            check_size(size, limit)
    else:
        check_size(size, limit)


def test_bbc_latin1_file_decodes_as_windows_1252() -> None:
    path = SHARED / "corpora" / "bbc" / "sport" / "199.txt"
    if not path.exists():
        pytest.skip(f"../shared not present: {path}")
    decoded = decode(path.read_bytes())
    assert decoded.encoding == "cp1252"
    assert "£" in decoded.text and "Ј" not in decoded.text


def test_no_bbc_article_is_taken_for_russian() -> None:
    root = SHARED / "corpora" / "bbc"
    if not root.exists():
        pytest.skip(f"../shared not present: {root}")
    encodings = {decode(path.read_bytes()).encoding for path in sorted(root.rglob("*.txt"))}
    assert encodings <= {"utf-8", "cp1252"}


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_text_or_a_read_error(raw: bytes) -> None:
    try:
        decoded = decode(raw)
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert decoded.text.strip()
    assert "\x00" not in decoded.text and "\r" not in decoded.text
