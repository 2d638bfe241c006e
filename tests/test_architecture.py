"""The package's shape, checked: imports follow the data flow, and every room stays readable.

Data flows one way, Path -> Article -> Analysis -> Corpus -> Page -> docs/*.md, and each
layer may import only its own package and the layers below it (README, "Architecture").
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"

# Lowest first. A module may import modules of its own layer's package or of a lower layer.
LAYERS: dict[str, int] = {
    "generator": 0,  # __init__: the version only
    "generator.models": 0,
    "generator.files": -1,  # below everything: writing a file whole
    "generator.piped": -1,  # below everything: a forked copy writing to a pipe
    "generator.packs": 0,  # many cache entries in one file (files only)
    "generator.plainyaml": 0,  # plain data written as YAML by libyaml's emitter alone
    "generator.language": 0,
    "generator.config": 1,
    "generator.readers": 2,
    "generator.analysis": 3,
    "generator.dossier": 4,
    "generator.render": 5,
    "generator.writer": 6,
    "generator.cache": 6,
    "generator.records": 7,  # the dossier stage's records between runs: when read, kept, freed
    "generator.forks": 7,  # a one-off run's work beside its critical path (reads cache's flags)
    "generator.warm": 7,  # the warm converter: a command handed to a process that converted before (socket, locks)
    "generator.rerender": 6,
    "generator.rerender_changes": 5,  # which re-render units changed since the last build (models only)
    "generator.review": 7,
    "generator.review_dates": 7,
    "generator.discovery": 7,
    "generator.analysing": 8,  # the analysis stage: files read and analysed through the cache, in a pool when many
    "generator.pipeline": 9,
    "generator.export": 9,
    "generator.search": 10,
    "generator.serve": 11,
    "generator.chrome": 11,
    "generator.mkdocs_render": 11,
    "generator.mkdocs_incremental": 10,
    "generator.cli": 12,
    "generator.mkdocs_plugin": 12,
}
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    """The layer a module belongs to: the longest LAYERS key that is it or a package above it."""
    found = [key for key in LAYERS if module == key or key != "generator" and module.startswith(key + ".")]
    assert found, f"{module}: layer: expected one of LAYERS, found none (add the new package to the table)"
    return max(found, key=len)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name == "generator" or name.startswith("generator.")]


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_sits_in_a_known_layer() -> None:
    for path in _modules():
        _layer(_module_name(path))


def test_imports_follow_the_data_flow() -> None:
    wrong = []
    for path in _modules():
        here = _layer(_module_name(path))
        for line, target in _imports(path):
            there = _layer(target)
            if there != here and LAYERS[there] >= LAYERS[here] and there != "generator":
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {here} imports {target} ({there} is not below it)")
    assert not wrong, "\n".join(wrong)


def test_the_arrow_check_can_fail() -> None:
    """The check itself: an import against the flow is caught."""
    assert LAYERS[_layer("generator.render.article")] > LAYERS[_layer("generator.config.gazetteer")]
    assert not LAYERS[_layer("generator.pipeline")] < LAYERS[_layer("generator.analysis.timex")]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_rooms_are_a_readable_size(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{path.relative_to(ROOT)}: expected at most {MAX_MODULE_LINES} lines"
    long = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                long.append(f"{node.name} ({length} lines, line {node.lineno})")
    assert not long, f"{path.relative_to(ROOT)}: expected functions of at most {MAX_FUNCTION_LINES} lines, found {long}"
