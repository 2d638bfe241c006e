"""Year inference on copy of another kind: PolNeAR's 84 US political articles (2015-16), or TimeBank.

Run from the repository root:  python -m bench.eval_pubdate [--corpus DIR | --timebank | --tass] [-v]

Each article gets a dateline with its true month and day but no year
("WASHINGTON, September 12 (Reuters) -", Reuters signing so the agency says
nothing about the year), under a neutral file name; the reasoner then finds
the year from the text alone. Counts: inferred right and wrong, probable right
and wrong, uncertain (with the true year among the candidates or not).
``--timebank`` does the same with TimeBank's and AQUAINT's 256 news stories
(1989-1998) and each one's creation time, a check that the rules date older copy
right too. ``--tass`` reads tass-dev's 20 wire stories as they are (their own
datelines, "MOSCOW, December 26. /TASS/."), each dated by the scraper's record.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from generator.analysis.pubdate import infer_pubdate
from generator.config import load_config
from generator.readers.text import read

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "polnear-dev"
TIMEBANK = DEFAULT_CORPUS.parent / "timebank"
TASS = DEFAULT_CORPUS.parent / "tass-dev"


def _story(text: str, date: dt.date) -> str:
    headline, _, body = text.strip().partition("\n\n")
    return f"{headline}\n\nWASHINGTON, {date:%B} {date.day} (Reuters) - {body.strip()}\n"


def _polnear(corpus: Path) -> list[tuple[str, dt.date, str]] | None:
    meta = corpus / "metadata.tsv"
    if not meta.exists():
        print(f"{meta}: expected PolNeAR's metadata.tsv, found none", file=sys.stderr)
        return None
    with meta.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        (
            row["filename"],
            dt.date.fromisoformat(row["publication_date"]),
            (corpus / "text" / f"{row['filename']}.txt").read_text(encoding="utf-8"),
        )
        for row in rows
    ]


def _timebank() -> list[tuple[str, dt.date, str]] | None:
    """Each TimeML story's text under a neutral headline, and its creation date."""
    from bench.eval_timex import read_document

    paths = sorted(TIMEBANK.glob("*/*.tml"))
    if not paths:
        print(f"{TIMEBANK}: expected TimeML files (*/*.tml), found none", file=sys.stderr)
        return None
    stories = []
    for path in paths:
        doc = read_document(path)
        lines = [line.strip() for line in doc.text.strip().splitlines() if line.strip()]
        stories.append((f"{doc.subcorpus}/{doc.name}", doc.dct, "A news story\n\n" + "\n\n".join(lines)))
    return stories


def _tass() -> list[tuple[str, dt.date, str]] | None:
    """Each tass-dev story as it is, with the date of the scraper's record for its link's number."""
    records = TASS / "opnweb_politics_20.json"
    if not records.exists():
        print(f"{records}: expected tass-dev's scraper records, found none", file=sys.stderr)
        return None
    dates = {
        str(record["link"]).rstrip("/").rsplit("/", 1)[-1]: dt.date.fromisoformat(str(record["date"])[:10])
        for record in json.loads(records.read_text(encoding="utf-8"))
    }
    stories = []
    for path in sorted(TASS.glob("*.txt")):
        number = path.stem.rsplit("_", 1)[-1]
        if number in dates:
            stories.append((path.name, dates[number], path.read_text(encoding="utf-8")))
    return stories


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--timebank", action="store_true", help=f"TimeBank and AQUAINT ({TIMEBANK}) instead")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each article's status and last evidence")
    parser.add_argument("--tass", action="store_true", help=f"tass-dev's wire stories ({TASS}) as they are")
    args = parser.parse_args(argv)
    stories = _timebank() if args.timebank else _tass() if args.tass else _polnear(args.corpus)
    if stories is None:
        return 2
    config = load_config(Path("."))
    if args.timebank:  # TimeBank's Wall Street Journal stories are of 1989, before site.yml's plausible years
        config = replace(config, earliest_year=min(config.earliest_year, 1985))
    counts: Counter[str] = Counter()
    for index, (name, truth, text) in enumerate(stories):
        story = text if args.tass else _story(text, truth)
        article = read(story, f"story_{index:03d}.txt", config.reader)
        found = config.sources.canonical(article.agency_as_written)
        pubdate = infer_pubdate(article, config, found[1] if found else ())
        if pubdate.status == "uncertain":
            key = "uncertain, true year a candidate" if truth in pubdate.candidates else "uncertain, true year not listed"
        else:
            key = f"{pubdate.status} {'right' if pubdate.date == truth else 'WRONG'}"
        counts[key] += 1
        if args.verbose:
            print(f"{name}: {key}: {pubdate.evidence[-1]}")
    for key, count in sorted(counts.items()):
        print(f"{count:4d}  {key}")
    kind = (
        "TimeBank and AQUAINT: development data since session 15"
        if args.timebank
        else "tass-dev: development data"
        if args.tass
        else "PolNeAR dev: first run held out; fixes followed its failures: now development data"
    )
    print(f"{len(stories):4d}  articles ({kind})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
