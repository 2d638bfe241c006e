"""Across articles: the corpus, its events, related articles."""
