"""The dossier stage's stored records are found by name in the next process: names must not follow the hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_NAME = """
from dataclasses import dataclass
from generator.dossier import memo

@dataclass(frozen=True)
class Ref:
    name: str
    aliases: frozenset[str]

inputs = ("a1", frozenset({"kiev", "kyiv", "moscow", "washington", "bout"}), Ref("x", frozenset({"p", "q", "r", "s"})))
print(memo._digest(b"story", "claims.sentences", inputs).hex())
"""


def _name_with_seed(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", _NAME], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_a_stored_name_is_the_same_whatever_the_hash_seed() -> None:
    names = {_name_with_seed(seed) for seed in ("0", "1", "2", "3", "4", "5")}
    assert len(names) == 1, names


def test_a_name_still_tells_different_sets_apart() -> None:
    from generator.dossier import memo

    one = memo._digest(b"story", "t", ("a", frozenset({"x", "y"})))
    other = memo._digest(b"story", "t", ("a", frozenset({"x", "z"})))
    assert one != other
    assert memo._digest(b"story", "t", ("a", frozenset({"y", "x"}))) == one
