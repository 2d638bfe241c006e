"""The parsed settings kept in .cache/ (generator/config/parsed.py): the same config, and the same errors."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
import yaml

from generator.config import CONFIG_DIR, CONFIG_FILES, ConfigError, load_config
from generator.config.parsed import KEPT, parse_files, read_files
from tests.conftest import ROOT


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / CONFIG_DIR, tmp_path / CONFIG_DIR)
    (tmp_path / "content").mkdir()
    return tmp_path


def _set_title(project: Path, title: str) -> None:
    site = project / CONFIG_DIR / "site.yml"
    text = site.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("title:")]
    site.write_text(f"title: {title}\n" + "\n".join(lines) + "\n", encoding="utf-8")


def test_kept_only_by_a_command_that_writes(project: Path) -> None:
    load_config(project)
    assert not (project / KEPT).exists()
    load_config(project, remember=True)
    assert (project / KEPT).exists()


def test_kept_config_equals_a_fresh_one(project: Path) -> None:
    fresh = load_config(project)
    load_config(project, remember=True)
    again = load_config(project, remember=True)  # now read from the cache
    assert again == fresh
    assert again.fingerprint == fresh.fingerprint


def test_the_kept_data_is_what_safe_load_gives(project: Path) -> None:
    folder = project / CONFIG_DIR
    errors: list[str] = []
    parse_files(folder, read_files(folder, CONFIG_FILES), errors, project / KEPT, True)
    kept = parse_files(folder, read_files(folder, CONFIG_FILES), errors, project / KEPT, False)
    assert not errors
    for name in CONFIG_FILES:
        path = folder / name
        assert kept[name] == (yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None), name


def test_a_changed_file_is_read_again(project: Path) -> None:
    _set_title(project, "First")
    assert load_config(project, remember=True).title == "First"
    _set_title(project, "Second")
    assert load_config(project, remember=True).title == "Second"
    assert load_config(project).title == "Second"


def test_the_cache_is_what_is_read_when_the_bytes_match(project: Path) -> None:
    """A hit is served from the cache: an entry planted for the file's digest is what comes back."""
    load_config(project, remember=True)
    version, entries = pickle.loads((project / KEPT).read_bytes())
    digest, data = entries["site.yml"]
    entries["site.yml"] = (digest, {**data, "title": "Planted"})
    (project / KEPT).write_bytes(pickle.dumps((version, entries)))
    assert load_config(project).title == "Planted"


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps(("another version", {}))])
def test_a_damaged_or_foreign_cache_is_a_miss(project: Path, damage: bytes) -> None:
    _set_title(project, "Kept")
    (project / KEPT).parent.mkdir(parents=True)
    (project / KEPT).write_bytes(damage)
    assert load_config(project, remember=True).title == "Kept"
    assert load_config(project).title == "Kept"


BROKEN = "title: [unclosed\nsearch: auto\n"


def _error(project: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(project, remember=True)
    return str(caught.value)


def test_a_broken_file_gives_the_same_error_every_time(project: Path) -> None:
    load_config(project, remember=True)  # the good file is kept first
    site = project / CONFIG_DIR / "site.yml"
    site.write_text(BROKEN, encoding="utf-8")
    first = _error(project)
    assert first.startswith(f"{site}: expected valid YAML, found ")
    try:
        yaml.safe_load(BROKEN)
    except yaml.YAMLError as exc:
        assert first == f"{site}: expected valid YAML, found {str(exc).splitlines()[0]}"
    assert _error(project) == first  # not hidden by what was kept before
    _set_title(project, "Mended")
    site.write_text(site.read_text(encoding="utf-8").replace("[unclosed\n", "Mended\n"), encoding="utf-8")
    assert load_config(project, remember=True).title == "Mended"


def test_undecodable_file_names_the_file(project: Path) -> None:
    site = project / CONFIG_DIR / "site.yml"
    site.write_bytes(b"title: \xff\xfe bad\n")
    message = _error(project)
    assert message.startswith(f"{site}: expected valid YAML, found 'utf-8' codec can't decode byte 0xff")


def test_newlines_are_read_as_read_text_reads_them(project: Path) -> None:
    site = project / CONFIG_DIR / "glossary.yml"
    site.write_bytes(b'abbreviations:\r\n  UN: "United\r\n    Nations"\r\n  EU: "a\rb"\r\n')
    expected = yaml.safe_load(site.read_text(encoding="utf-8"))
    load_config(project, remember=True)
    config = load_config(project, remember=True)
    assert dict(config.glossary) == {str(k): str(v) for k, v in expected["abbreviations"].items()}
