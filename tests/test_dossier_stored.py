"""The dossier stage's records kept on disk: a new process that takes them up after an edit
builds what a fresh build of the same content builds, to the bit."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from generator.cache import CACHE_DIR
from generator.config import load_config
from generator.dossier import memo
from generator.dossier.related import related_by_terms, term_weights
from generator.pipeline import convert
from tests.conftest import TERM_WORDS, harbour_content, harbour_story, make_project, random_term_corpus


@pytest.mark.parametrize("chunk", [memo.CHUNK, 7])  # 7: the record's long tables are written in pieces
@pytest.mark.parametrize("seed", range(4))
def test_related_articles_taken_up_from_disk_after_edits_equal_a_fresh_build(
    tmp_path: Path, seed: int, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(memo, "CHUNK", chunk)
    rng = random.Random(seed)
    ids, counts, texts = random_term_corpus(rng, 40)
    names = {f"e{i}": f"Entity {i}" for i in range(12)}
    stored = tmp_path / memo.FILE
    memo.clear()
    related_by_terms(ids, counts, [term_weights(t) for t in texts], names)
    assert memo.save_to(stored, "v1")
    for _ in range(3):  # each edit in a "new process": nothing in memory but what the file holds
        k = rng.randrange(len(ids))
        texts[k] = texts[k] + " " + rng.choice(TERM_WORDS + ["geneva", "resume"])
        counts[k] = {**counts[k], f"e{rng.randrange(14)}": 2}
        names[f"e{rng.randrange(12)}"] = f"Renamed {rng.randrange(99)}"
        docs = [term_weights(t) for t in texts]
        memo.clear()
        memo.load_from(stored, "v1")
        assert memo._STORED["related"][0].get("state") is not None  # taken up
        updated = related_by_terms(ids, counts, docs, names)
        memo.save_to(stored, "v1")
        memo.clear()
        assert updated == related_by_terms(ids, counts, docs, names)


def test_a_file_of_another_version_or_damaged_is_ignored(tmp_path: Path) -> None:
    ids, counts, texts = random_term_corpus(random.Random(3), 20)
    stored = tmp_path / memo.FILE
    memo.clear()
    related_by_terms(ids, counts, [term_weights(t) for t in texts])
    memo.save_to(stored, "v1")
    memo.clear()
    memo.load_from(stored, "v2")
    assert memo._STORED["related"][0].get("state") is None
    stored.write_bytes(b"not a pickle")
    memo.clear()
    memo.load_from(stored, "v1")
    assert memo._STORED["related"][0].get("state") is None


STORIES = [
    (
        "harbour-a.txt",
        "Harwich port names Margaret Ellison chief",
        "Margaret Ellison will run the port of Harwich. Ellison met Tomas Varga.",
    ),
    (
        "harbour-b.txt",
        "Felixstowe cranes delayed",
        "Tomas Varga said on May 3, 2018 the cranes for Felixstowe would arrive.",
    ),
    (
        "harbour-c.txt",
        "Dredging starts at Harwich",
        "Dredging began at Harwich on Monday, Ingrid Solberg of the port authority said.",
    ),
    (
        "harbour-d.txt",
        "Ferry timetable changes",
        "The ferry from Harwich will sail later in winter, Ingrid Solberg said on May 3, 2018.",
    ),
    (
        "harbour-e.txt",
        "Cranes arrive in Felixstowe",
        "The cranes arrived in Felixstowe, Tomas Varga said. Dredging at Harwich goes on.",
    ),
]


def _outputs(root: Path) -> dict[str, bytes]:
    found = {}
    for folder in ("docs", "site_config"):
        for path in (root / folder).rglob("*"):
            if path.is_file():
                found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


def test_a_sequence_of_one_off_conversions_equals_cold_ones(tmp_path: Path) -> None:
    content = harbour_content(tmp_path, STORIES)
    (tmp_path / "warm").mkdir()
    root = make_project(tmp_path / "warm", content)
    live = root / "content"
    convert(load_config(root))
    assert (root / CACHE_DIR / memo.FILE).is_file()
    original = (live / "harbour-c.txt").read_text(encoding="utf-8")
    steps = [
        lambda: (live / "harbour-c.txt").write_text(
            original.replace("Dredging began", "Dredging of the ferry lane began"), encoding="utf-8"
        ),
        lambda: (live / "harbour-f.txt").write_text(
            harbour_story("Ferry lane dredged", "Ingrid Solberg said the ferry lane was dredged.", 9)
        ),
        lambda: (live / "harbour-b.txt").unlink(),
        lambda: (live / "harbour-c.txt").write_text(original, encoding="utf-8"),
    ]
    for n, step in enumerate(steps):
        step()
        memo.clear()  # a new process: only the disk is left
        convert(load_config(root))
        (tmp_path / f"cold{n}").mkdir()
        cold = make_project(tmp_path / f"cold{n}", live)
        memo.clear()
        convert(load_config(cold))
        got, expected = _outputs(root), _outputs(cold)
        assert sorted(got) == sorted(expected)
        assert [p for p in got if got[p] != expected[p]] == []


def test_a_file_several_edits_old_still_gives_a_fresh_build(tmp_path: Path) -> None:
    """Under serve the file is not written after each edit: the next command finds an older one."""
    rng = random.Random(11)
    ids, counts, texts = random_term_corpus(rng, 40)
    stored = tmp_path / memo.FILE
    memo.clear()
    related_by_terms(ids, counts, [term_weights(t) for t in texts])
    memo.save_to(stored, "v1")
    for k in rng.sample(range(len(ids)), 5):
        texts[k] = texts[k] + " geneva " + rng.choice(TERM_WORDS)
        counts[k] = {f"e{rng.randrange(14)}": 1}
    docs = [term_weights(t) for t in texts]
    memo.clear()
    memo.load_from(stored, "v1")
    updated = related_by_terms(ids, counts, docs)
    memo.clear()
    assert updated == related_by_terms(ids, counts, docs)


def test_a_long_part_is_written_in_pieces_and_read_back_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    from collections import Counter

    monkeypatch.setattr(memo, "CHUNK", 3)
    parts = [tuple(range(10)), {f"k{i}": [i] for i in range(8)}, Counter("abracadabra"), (1, 2), "version"]
    out = io.BytesIO()
    for part in parts:
        memo._write_part(part, out)
    assert out.getvalue().count(b"_Chunks") == 2  # the long tuple and the long dict, not the Counter
    out.seek(0)
    back = [memo._part(out) for _ in parts]
    assert back == parts
    assert [type(p) for p in back] == [type(p) for p in parts]
