"""Every [sic] the spelling check raises on text nobody here wrote: for an editor to judge each one.

Run from the repository root:  python -m bench.sic_flags [corpus ...]

Reads ``../shared/corpora/{tass-dev,bbc,polnear-dev}`` (plain-text stories) with the
project's text reader, runs ``find_source_errors`` with the repository's known words
(gazetteer names and site_config/spelling.yml), adds the dossier-level check
(``generator.dossier.spelling``) over each corpus as one dossier, and prints one line per
flag: file, the word, the suggestion, and the sentence around it. The target is zero
false flags; every line printed is a claim that the source is misspelt.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from generator.analysis.spelling import find_source_errors, known_words_for
from generator.config import ReaderOptions
from generator.config.gazetteer import load_gazetteer
from generator.dossier.spelling import dossier_source_errors
from generator.models import Article
from generator.readers.text import read

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
DEFAULT = ("tass-dev", "bbc", "polnear-dev")


def _files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*.txt") if "attributions" not in p.parts and p.name != "README.TXT")


def _article(path: Path, root: Path) -> Article:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return read(text, str(path.relative_to(root)), ReaderOptions())


def _known() -> frozenset[str]:
    path = ROOT / "site_config" / "entities.yml"
    gazetteer, _ = load_gazetteer(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
    spelling = yaml.safe_load((ROOT / "site_config" / "spelling.yml").read_text(encoding="utf-8")) or {}
    return known_words_for(gazetteer.entries, spelling.get("ignore") or ())


def main(argv: list[str] | None = None) -> int:
    names = (argv if argv is not None else sys.argv[1:]) or list(DEFAULT)
    known = _known()
    total = 0
    for name in names:
        corpus = CORPORA / name
        if not corpus.exists():
            print(f"{corpus}: not found (the corpora live in ../shared beside the repository)", file=sys.stderr)
            return 2
        articles = [_article(p, corpus) for p in _files(corpus)]
        flags = [(a, e, "") for a in articles for e in find_source_errors(a, known)]
        seen = {(a.source, e.paragraph, e.start) for a, e, _ in flags}
        dossier = dossier_source_errors(articles, known)
        flags += [(a, e, " (dossier)") for a, e in dossier if (a.source, e.paragraph, e.start) not in seen]
        print(f"== {name}: {len(articles)} stories, {len(flags)} flags")
        for article, error, where in sorted(flags, key=lambda f: (f[0].source, f[1].paragraph, f[1].start)):
            blocks = dict(article.text_blocks())
            text = blocks.get(error.paragraph, "")
            context = " ".join(text[max(0, error.start - 60) : error.end + 60].split())
            print(f"  {article.source}: {error.text!r} -> {error.suggestion!r}{where}  | …{context}…")
        total += len(flags)
    print(f"{total} flags in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
