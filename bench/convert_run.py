"""Run `dossier convert` in this process and print one JSON line of measurements.

    python -m bench.convert_run ROOT [--workers N] [--no-cache]

Run in a subprocess by the harness, so that the peak resident memory is the
converter's alone: ``ru_maxrss`` of this process (the main one) and of its
largest child (a pool worker). ``pipeline_s`` times ``pipeline.convert`` alone;
``cli_s`` the whole command as a user runs it (suggestions file, summary line).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from typing import Any


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.convert_run")
    parser.add_argument("root")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument(
        "--warm", action="store_true", help="load the analysis vocabularies first, as `dossier serve` does (timed apart)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    from generator import cli, pipeline  # imported here: import time is part of the command's cost

    imported = time.perf_counter()
    timing: dict[str, Any] = {}
    real_convert = pipeline.convert
    if args.warm:
        from pathlib import Path

        from generator.config import load_config
        from generator.serve import warm_up

        timing["warm_up_s"] = warm_up(load_config(Path(args.root)))

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

    cli.convert = timed_convert  # type: ignore[assignment]
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
