"""The dossier stage's records between runs: read before the stage, saved for the next process beside the
rendering (pipeline's ``_set_aside``), and let go after it by a process that will not build again.

The records themselves are dossier/memo.py's (per-article results, named by the analyses' cache keys)
and language/textmemo.py's (per-text results); this module says when a conversion reads, keeps and
frees them.
"""

from __future__ import annotations

import gc
from pathlib import Path

from generator.cache import CACHE_DIR, TEXTS, AnalysisCache, code_fingerprint, ends_after_run, long_running
from generator.config import SiteConfig
from generator.dossier import memo as dossier_memo
from generator.language import textmemo


def keep_to_the_end() -> None:
    """A one-off run keeps what it has built to its end: the collector need not walk it again."""
    if ends_after_run():
        gc.freeze()


def let_go(letting_go: bool) -> None:
    """Once the records are set aside: the memo let go (pipeline's ``_lets_go``), and the per-text results too in a
    one-off run (saved after the stage; at 10,000 articles ~150 MB the rendering can use)."""
    if letting_go:
        dossier_memo.clear()
        if ends_after_run():
            textmemo.forget()
    keep_to_the_end()


def kept(config: SiteConfig) -> tuple[Path, str]:
    """Where the dossier stage's records are kept, and under which version (dossier/memo.py)."""
    return config.root / CACHE_DIR / dossier_memo.FILE, f"{config.fingerprint}:{code_fingerprint()}"


def loaded(config: SiteConfig, cache: AnalysisCache | None) -> None:
    """The last run's per-text results (language/textmemo.py) and dossier records, read while the
    edited articles are analysed (``analyse_entries``' meanwhile)."""
    if cache is not None:
        textmemo.load(config.root / CACHE_DIR / TEXTS, code_fingerprint())
        dossier_memo.load_from(*kept(config))


def saving(cache: AnalysisCache | None) -> bool:
    """Whether the dossier stage's records are written for the next process (serve holds them in memory)."""
    return cache is not None and not long_running()
