"""site_config/*.yml as parsed last time, kept under ``.cache/dossier/config.pickle``.

PyYAML's pure-Python loader takes about a tenth of a second for a project's settings at
every run, though they rarely change: after one edited article that is a tenth of the
whole conversion. So each file's parsed data is kept by the sha256 of its bytes and read
back when the bytes are the same. A changed file, a file that does not parse, or a missing,
damaged or foreign cache is parsed as before by ``yaml.safe_load``: the data and the error
messages are the loader's own. libyaml's loader is not used: it accepts and rejects a few
documents differently, and a project's settings must mean one thing.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from generator.files import CACHE_DIR as CACHE_DIR  # the project's cache folder, named in the lowest layer
from generator.files import write_atomic

KEPT = CACHE_DIR / "config.pickle"  # under the project root, beside the analyses
FORMAT = 1  # bump when what is kept changes


def _version() -> str:
    return f"{FORMAT}:{yaml.__version__}:{sys.version_info[0]}.{sys.version_info[1]}"


def read_files(folder: Path, names: tuple[str, ...]) -> dict[str, bytes | None]:
    """Each file's bytes, or None when it does not exist."""
    return {name: (folder / name).read_bytes() if (folder / name).exists() else None for name in names}


def parse_text(path: Path, raw: bytes, errors: list[str]) -> Any:
    """One file's data, exactly as ``yaml.safe_load(path.read_text(encoding="utf-8"))`` gives it."""
    try:
        text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8").read()  # read_text's decoding and newlines
        return yaml.safe_load(text)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        errors.append(f"{path}: expected valid YAML, found {str(exc).splitlines()[0]}")
        return None


def _load_kept(path: Path) -> dict[str, tuple[str, Any]]:
    """What a previous run kept, or nothing when absent, damaged or written by another PyYAML or Python."""
    try:
        version, entries = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - a damaged or foreign cache file is a miss, whatever it raises
        return {}
    return entries if version == _version() and isinstance(entries, dict) else {}


def _keep(path: Path, entries: Mapping[str, tuple[str, Any]]) -> None:
    """Write the cache; one that cannot be written costs time, not correctness."""
    try:
        write_atomic(path, pickle.dumps((_version(), dict(entries)), protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 - unpicklable data or an unwritable folder: parse again next time
        return


def parse_files(
    folder: Path, raw: Mapping[str, bytes | None], errors: list[str], kept: Path | None, remember: bool
) -> dict[str, Any]:
    """Each file's data (None when absent or invalid), from the cache ``kept`` when its bytes are the same.

    With ``remember`` the cache is rewritten when a file was parsed again; without it (``dossier
    check`` and ``export`` write nothing) it is only read.
    """
    entries = _load_kept(kept) if kept is not None else {}
    data: dict[str, Any] = {}
    fresh: dict[str, tuple[str, Any]] = {}
    parsed = False
    for name, blob in raw.items():
        if blob is None:
            data[name] = None
            continue
        digest = hashlib.sha256(blob).hexdigest()
        held = entries.get(name)
        if held is not None and held[0] == digest:
            data[name] = held[1]
            fresh[name] = held
            continue
        failed = len(errors)
        data[name] = parse_text(folder / name, blob, errors)
        if len(errors) == failed:
            fresh[name] = (digest, data[name])
            parsed = True
    if remember and kept is not None and (parsed or fresh.keys() != entries.keys()):
        _keep(kept, fresh)  # before the data is handed out: a caller may change what it gets
    return data
