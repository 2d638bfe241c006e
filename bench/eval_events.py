"""Score timeline events against a gold list: recall and precision of what a careful editor puts on the timeline.

Run from the repository root:  python -m bench.eval_events [--fixtures DIR] [--errors]

The default set is tests/fixtures/events: invented wire stories written with their gold
(gold.yml) before the system was run on them; the rules were then fixed on what they
showed, so the figure is a DEVELOPMENT score. ``--fixtures`` scores another folder laid
out the same way (stories plus gold.yml: file -> [date, precision, status, words, entity]).
An event counts as found when one of the story's timeline entries has the gold date
(as written: 2019, 2019-02, 2019-03-12), precision and status, its sentence contains the
gold words, and, when the gold names an entity, the entry is linked to it.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.analysis.analyse import analyse
from generator.config import SiteConfig, load_config
from generator.dossier.datebounds import bound_dates
from generator.dossier.events import build_events
from generator.language.tense import reporting_verbs
from generator.models import Analysis, Event
from generator.readers.text import read

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "tests" / "fixtures" / "events"


@dataclass(frozen=True)
class Gold:
    source: str
    date: str
    precision: str
    status: str
    words: str | None  # None: matched one-to-one on date, precision and status alone
    entity: str | None = None


def gold_sources(path: Path) -> list[str]:
    """Every story the gold file lists, those with no event (``[]``) included: their entries are all false."""
    return sorted(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def load_gold(path: Path) -> list[Gold]:
    """The gold events of a gold file (``gold.yml`` beside invented stories, or a date-only list)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        Gold(
            source, str(row[0]), str(row[1]), str(row[2]), str(row[3]) if len(row) > 3 else None, row[4] if len(row) > 4 else None
        )
        for source, rows in data.items()
        for row in rows or []
    ]


def _date_text(event: Event) -> str:
    return {"year": f"{event.date:%Y}", "month": f"{event.date:%Y-%m}"}.get(event.precision, event.date.isoformat())


def _agency(analysis: Analysis, config: SiteConfig) -> str | None:
    """The agency as the dossier names it, for story numbers (as dossier/corpus.py does)."""
    found = config.sources.canonical(analysis.article.agency_as_written)
    return found[0] if found else analysis.article.agency_as_written


def timeline(folder: Path, config: SiteConfig, sources: list[str]) -> list[tuple[str, Event]]:
    """(story, entry) for every timeline entry of the stories, built as the dossier builds it."""
    analyses = [analyse(read((folder / s).read_text(encoding="utf-8"), s, config.reader), config) for s in sources]
    analyses = bound_dates(analyses, lambda a: _agency(a, config), reporting_verbs(config.cues))
    kinds = {e.id: e.kind for a in analyses for e in (*config.gazetteer.entries, *a.discovered)}
    events = build_events([(a.article.source, a) for a in analyses], kinds=kinds, roles=config.cues.roles)
    return [(article, e) for e in events for article in dict(e.sources)]


def _fits(gold: Gold, story: str, event: Event) -> bool:
    said = re.sub(r"\s+", " ", event.text)
    return (
        story == gold.source
        and _date_text(event) == gold.date
        and event.precision == gold.precision
        and event.status == gold.status
        and (gold.words is None or gold.words.lower() in said.lower())
        and (gold.entity is None or gold.entity in event.entities)
    )


def score(
    folder: Path, config: SiteConfig, gold_path: Path | None = None
) -> tuple[list[Gold], list[tuple[str, Event]], list[Gold]]:
    """(missed gold, entries matching no gold, all gold): each entry meets at most one gold event."""
    gold = load_gold(gold_path or folder / "gold.yml")
    found = timeline(folder, config, gold_sources(gold_path or folder / "gold.yml"))
    free = list(found)
    missed = []
    for g in gold:
        hit = next((i for i, (s, e) in enumerate(free) if _fits(g, s, e)), None)
        if hit is None:
            missed.append(g)
        else:
            del free[hit]
    return missed, free, gold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=DEFAULT)
    parser.add_argument("--gold", type=Path, help="a gold file elsewhere (default: gold.yml in the folder)")
    parser.add_argument("--errors", action="store_true", help="print misses and entries matching no gold")
    args = parser.parse_args(argv)
    gold_path = args.gold or args.fixtures / "gold.yml"
    if not gold_path.is_file() or not args.fixtures.is_dir():
        print(f"{gold_path}: expected a gold file and the stories' folder, found none", file=sys.stderr)
        return 2
    missed, spurious, gold = score(args.fixtures, load_config(ROOT), gold_path)
    found = len(gold) - len(missed)
    predicted = found + len(spurious)
    print(f"{args.fixtures.name} (development score): {len(gold)} gold events, {predicted} entries")
    print(
        f"recall {found / len(gold):.2f} ({found}/{len(gold)})  precision {found / max(predicted, 1):.2f} ({found}/{predicted})"
    )
    if args.errors:
        for g in missed:
            print(f"MISS  {g.source}: {g.date} {g.precision} {g.status} {g.words or ''!r} {g.entity or ''}")
        for s, e in spurious:
            print(f"EXTRA {s}: {_date_text(e)} {e.precision} {e.status} {e.entities} {e.text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
