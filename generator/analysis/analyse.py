"""The per-article stage: a pure function of one Article and the site config.

It runs in worker processes, so it takes and returns only picklable, frozen data.
"""

from __future__ import annotations

from generator.analysis.entities.recognise import recognise
from generator.analysis.pubdate import infer_pubdate
from generator.analysis.quotes import find_quotes
from generator.analysis.spelling import find_source_errors, known_words_for
from generator.analysis.timex import find_timexes
from generator.config import SiteConfig
from generator.language.tense import reporting_verbs
from generator.models import Analysis, Article

_KNOWN: dict[str, frozenset[str]] = {}


def known_words(config: SiteConfig) -> frozenset[str]:
    """Words never to flag: gazetteer names and aliases (bar recorded misspellings), the ignore list.

    Computed once per configuration and process, since every article shares it.
    """
    key = f"{config.fingerprint}:{id(config.gazetteer)}"
    if key not in _KNOWN:
        _KNOWN[key] = known_words_for(config.gazetteer.entries, config.spelling_ignore)
    return _KNOWN[key]


def analyse(article: Article, config: SiteConfig) -> Analysis:
    """Date, entities, quotes, source errors and dated expressions of one article."""
    found = config.sources.canonical(article.agency_as_written)
    pubdate = infer_pubdate(article, config, found[1] if found else ())
    mentions, discovered = recognise(article, config.gazetteer)
    entities = {e.id: e for e in (*config.gazetteer.entries, *discovered)}
    return Analysis(
        article=article,
        pubdate=pubdate,
        mentions=mentions,
        discovered=discovered,
        quotes=find_quotes(article, mentions, entities, config.cues, config.sources.names()),
        source_errors=find_source_errors(article, known_words(config)),
        timexes=find_timexes(article, pubdate, reporting_verbs(config.cues)),
    )
