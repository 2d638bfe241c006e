"""Year inference on copy of another kind: PolNeAR's 84 US political articles (2015-16).

Run from the repository root:  python -m bench.eval_pubdate [--corpus DIR] [-v]

Each article gets a dateline with its true month and day but no year
("WASHINGTON, September 12 (Reuters) -", Reuters signing so the agency says
nothing about the year), under a neutral file name; the reasoner then finds
the year from the text alone. Counts: inferred right and wrong, probable right
and wrong, uncertain (with the true year among the candidates or not).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

from generator.analysis.pubdate import infer_pubdate
from generator.config import load_config
from generator.readers.text import read

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "polnear-dev"


def _story(text: str, date: dt.date) -> str:
    headline, _, body = text.strip().partition("\n\n")
    return f"{headline}\n\nWASHINGTON, {date:%B} {date.day} (Reuters) - {body.strip()}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("-v", "--verbose", action="store_true", help="print each article's status and last evidence")
    args = parser.parse_args(argv)
    meta = args.corpus / "metadata.tsv"
    if not meta.exists():
        print(f"{meta}: expected PolNeAR's metadata.tsv, found none", file=sys.stderr)
        return 2
    config = load_config(Path("."))
    counts: Counter[str] = Counter()
    with meta.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for index, row in enumerate(rows):
        truth = dt.date.fromisoformat(row["publication_date"])
        text = (args.corpus / "text" / f"{row['filename']}.txt").read_text(encoding="utf-8")
        article = read(_story(text, truth), f"story_{index:03d}.txt", config.reader)
        found = config.sources.canonical(article.agency_as_written)
        pubdate = infer_pubdate(article, config, found[1] if found else ())
        if pubdate.status == "uncertain":
            key = "uncertain, true year a candidate" if truth in pubdate.candidates else "uncertain, true year not listed"
        else:
            key = f"{pubdate.status} {'right' if pubdate.date == truth else 'WRONG'}"
        counts[key] += 1
        if args.verbose:
            print(f"{row['filename']}: {key}: {pubdate.evidence[-1]}")
    for key, count in sorted(counts.items()):
        print(f"{count:4d}  {key}")
    print(
        f"{len(rows):4d}  articles (PolNeAR dev: first run held out; fixes followed its failures: now development data)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
