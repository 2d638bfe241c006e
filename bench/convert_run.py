"""Run `dossier convert` in this process and print one JSON line of measurements.

    python -m bench.convert_run ROOT [--workers N] [--no-cache] [--warm-edit SENTENCE]

Run in a subprocess by the harness, so that the peak resident memory is the
converter's alone: ``ru_maxrss`` of this process (the main one) and of its
largest child (a pool worker). ``pipeline_s`` times ``pipeline.convert`` alone;
``cli_s`` the whole command as a user runs it (suggestions file, summary line).
With ``--warm-edit`` the process first starts as `dossier serve` does (vocabularies loaded, one
conversion through every stage: ``warm_up_s``), then the sentence is added to the first article
and the conversion of that edit is timed as serve's session converts it (the same config object,
``pipeline.convert`` alone; serve refreshes the review's suggestions later, once edits are quiet):
an edit under serve, without MkDocs.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any


def edit_one(root: Path, sentence: str = "The benchmark added this sentence.") -> str:
    """Append a sentence to the first article; return its content-relative path."""
    first = sorted(p for p in (root / "content").rglob("*") if p.is_file())[0]
    first.write_bytes(first.read_bytes().rstrip() + f"\n\n{sentence}\n".encode())
    return first.relative_to(root / "content").as_posix()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.convert_run")
    parser.add_argument("root")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument(
        "--warm-edit", metavar="SENTENCE", help="start as `dossier serve` does, then add SENTENCE to the first article"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    from generator import cli, pipeline  # imported here: import time is part of the command's cost

    imported = time.perf_counter()
    timing: dict[str, Any] = {}
    real_convert = pipeline.convert
    if args.warm_edit:
        from generator.config import load_config
        from generator.serve import preload, warm_up

        config = load_config(Path(args.root))
        t0 = time.perf_counter()
        warm_up(config)
        preload(config)
        timing["warm_up_s"] = time.perf_counter() - t0
        edit_one(Path(args.root), args.warm_edit)

    def timed_convert(*a: Any, **kw: Any) -> pipeline.ConvertResult:
        t0 = time.perf_counter()
        kw.setdefault("use_cache", not args.no_cache)
        kw.setdefault("workers", args.workers)
        result = real_convert(*a, **kw)
        timing["pipeline_s"] = time.perf_counter() - t0
        timing["analysed"] = result.analysed
        timing["reused"] = result.reused
        timing.update(result.counts)
        timing["written"] = len(result.report.written) if result.report else 0
        timing["pages"] = (result.report.unchanged + len(result.report.written)) if result.report else 0
        return result

    if args.warm_edit:  # as `dossier serve` converts an edit: its own config object, the review left for when idle
        timed_convert(config)
        status = 0
    else:
        pipeline.convert = timed_convert  # type: ignore[assignment]  # cli calls pipeline.convert
        status = cli.main(["convert", "-q", "--root", args.root])
    done = time.perf_counter()
    from generator.cache import code_fingerprint

    timing.update(
        code=code_fingerprint(),
        status=status,
        import_s=imported - started,
        cli_s=done - started,
        rss_main_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        rss_worker_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    )
    print(json.dumps(timing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
