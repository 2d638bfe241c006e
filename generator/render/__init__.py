"""Renderers: the Corpus becomes finished Markdown pages (no MkDocs plugin needed to show them)."""
