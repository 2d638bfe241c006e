"""Readers: one module per input format, each turning a file into the same Article.

A reader is a function ``read(text, source, options) -> Article`` registered by
file extension. It raises ``ReadError`` with a readable reason when the file
holds no article; the pipeline turns that into a Problem naming the file.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.config import ReaderOptions
from generator.models import Article


class ReadError(Exception):
    """The file cannot be turned into an article; the message says why, in one line."""


Reader = Callable[[str, str, ReaderOptions], Article]


_MODULES = {  # extension -> the reader's module, imported when a file of that kind is read (html's libraries are slow to load)
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".xml": "newsml",
    ".nitf": "newsml",
}


READABLE_SUFFIXES = frozenset(_MODULES)


def reader_for(path: Path) -> Reader | None:
    """The reader registered for this file's extension, or None."""
    module = _MODULES.get(path.suffix.lower())
    if module is None:
        return None
    reader: Reader = importlib.import_module(f"generator.readers.{module}").read
    return reader


def preload(paths: Iterable[Path], options: ReaderOptions) -> None:
    """Import the readers these files need, and let each load what it would load on first use
    (its ``warm``: the text reader's furniture patterns, the html reader's date parser), here:
    in a process about to fork a pool, whose workers then share it instead of each loading it again."""
    suffixes = {path.suffix.lower() for path in paths}
    for module in sorted({_MODULES[suffix] for suffix in suffixes if suffix in _MODULES}):
        reader = importlib.import_module(f"generator.readers.{module}")
        warm: Callable[[ReaderOptions], None] | None = getattr(reader, "warm", None)
        if warm is not None:
            warm(options)
