"""Readers: one module per input format, each turning a file into the same Article.

A reader is a function ``read(text, source, options) -> Article`` registered by
file extension. It raises ``ReadError`` with a readable reason when the file
holds no article; the pipeline turns that into a Problem naming the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.config import ReaderOptions
from generator.models import Article


class ReadError(Exception):
    """The file cannot be turned into an article; the message says why, in one line."""


Reader = Callable[[str, str, ReaderOptions], Article]


def _registry() -> dict[str, tuple[str, Reader]]:
    from generator.readers import html, markdown, newsml, text

    return {
        ".txt": ("text", text.read),
        ".text": ("text", text.read),
        ".html": ("html", html.read),
        ".htm": ("html", html.read),
        ".md": ("markdown", markdown.read),
        ".markdown": ("markdown", markdown.read),
        ".xml": ("newsml", newsml.read),
        ".nitf": ("newsml", newsml.read),
    }


READABLE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".md", ".markdown", ".xml", ".nitf"})


def reader_for(path: Path) -> Reader | None:
    """The reader registered for this file's extension, or None."""
    entry = _registry().get(path.suffix.lower())
    return entry[1] if entry else None
