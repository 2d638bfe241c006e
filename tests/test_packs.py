"""The analysis cache's packs: a pool's results kept many to a file, read back, and pruned."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from generator import analysing
from generator.analysing import analyse_entries, hash_files
from generator.cache import CACHE_DIR, SUFFIX, AnalysisCache
from generator.config import load_config
from generator.discovery import discover
from generator.packs import PACK, pack_index, prune_packs, read_packed, write_pack
from tests.conftest import make_project

ITEMS = [("alpha", b"first entry"), ("beta", b""), ("gamma", b"\x00third\xff" * 40)]


def _packs(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{PACK}"))


def test_a_pack_gives_back_each_entry(tmp_path: Path) -> None:
    assert write_pack(tmp_path, ITEMS)
    index = pack_index(tmp_path)
    assert sorted(index) == ["alpha", "beta", "gamma"]
    assert read_packed(index, ["gamma", "alpha", "beta", "absent"]) == {k: v for k, v in ITEMS}
    assert len(_packs(tmp_path)) == 1 and not list(tmp_path.glob("*.tmp"))


def test_a_cut_or_foreign_pack_is_a_miss_not_an_error(tmp_path: Path) -> None:
    write_pack(tmp_path, ITEMS)
    (pack,) = _packs(tmp_path)
    pack.write_bytes(pack.read_bytes()[:-5])  # the last entry cut short
    assert sorted(pack_index(tmp_path)) == ["alpha", "beta"]
    pack.write_bytes(b"not a pack at all")
    assert pack_index(tmp_path) == {}
    (tmp_path / f"x{PACK}").write_bytes(b"")
    assert pack_index(tmp_path) == {}


def test_pruning_drops_a_dead_pack_and_rewrites_a_mostly_dead_one(tmp_path: Path) -> None:
    write_pack(tmp_path, [("a1", b"1"), ("a2", b"2")])
    write_pack(tmp_path, [("b1", b"1"), ("b2", b"2"), ("b3", b"3")])
    write_pack(tmp_path, [("c1", b"c"), ("c2", b"cc"), ("c3", b"ccc")])
    dropped = prune_packs(tmp_path, {"b1", "c1", "c2"})
    # a*: none wanted, removed; b*: one of three wanted, written again alone; c*: two of three, kept as it is
    assert dropped == 2 + 2
    assert sorted(pack_index(tmp_path)) == ["b1", "c1", "c2", "c3"]
    assert read_packed(pack_index(tmp_path), ["b1", "c2"]) == {"b1": b"1", "c2": b"cc"}
    assert len(_packs(tmp_path)) == 2


def test_a_pooled_analysis_is_kept_in_packs_and_loaded_from_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysing, "PARALLEL_FROM", 2)  # the samples' two files, analysed in a pool
    monkeypatch.setattr(analysing, "PACKED", 1)  # one result to a pack: the batching is used
    config = load_config(make_project(tmp_path))
    files, _ = discover(config.content_dir)
    entries = hash_files(files, config.content_dir, config)
    cache = AnalysisCache.for_config(config)
    first = analyse_entries(entries, config, workers=2, cache=cache)
    folder = config.root / CACHE_DIR / "analyses"
    assert first.analysed == len(entries) >= 2
    assert len(_packs(folder)) == len(entries) and not list(folder.glob(f"*{SUFFIX}"))
    assert cache.present() == set(first.keys)
    again = analyse_entries(entries, config, workers=2, cache=cache)
    assert again.analysed == 0
    assert [pickle.dumps(r) for r in again.results] == [pickle.dumps(r) for r in first.results]
    assert cache.prune(first.keys[:1]) == len(entries) - 1
    assert cache.present() == set(first.keys[:1])


def test_a_file_edited_after_it_was_hashed_is_analysed_but_not_kept(tmp_path: Path) -> None:
    config = load_config(make_project(tmp_path))
    files, _ = discover(config.content_dir)
    ((path, rel, digest),) = hash_files(files[:1], config.content_dir, config)
    cache = AnalysisCache.for_config(config)
    path.write_bytes(path.read_bytes() + b"\nAn editor added a line.\n")  # after hashing, before analysis
    result, blob = analysing._analyse_keep(path, rel, digest, config, cache)
    assert blob is None and not cache.present()
    assert "An editor added a line." in pickle.dumps(result).decode("utf-8", "replace")
    _, kept = analysing._analyse_keep(path, rel, hash_files([path], config.content_dir, config)[0][2], config, cache)
    assert kept is not None and cache.present() == {cache.key(rel, hash_files([path], config.content_dir, config)[0][2])}
