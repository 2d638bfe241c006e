"""Dossier: a static, documentation-style site generator for news dossiers."""

__version__ = "0.1.0"
