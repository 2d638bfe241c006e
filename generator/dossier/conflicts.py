"""stub"""
from __future__ import annotations
from dataclasses import dataclass
from typing import Any

@dataclass(frozen=True)
class Conflict:
    id: str

def build_conflicts(*args: Any) -> tuple[tuple[Conflict, ...], list[Any]]:
    return (), []
