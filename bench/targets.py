"""The targets of issue 16, each beside the figure the bench measured (one table, every size a column)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

KINDS = ("people", "organisations", "places")


def page_kind(rel: str) -> str:
    """What a generated docs/ page is, by its path."""
    parts = rel.split("/")
    if parts[0] == "articles":
        return "article"
    if parts[0] == "entities" and len(parts) == 3 and parts[1] in KINDS and not parts[2].startswith("index"):
        return "entity"
    listing = rel in ("index.md", "timeline.md") or rel.startswith("quotes")
    if parts[0] in ("archive", "sources", "timeline", "entities") or listing:
        return "index"
    return "other"


def page_counts(docs: Path) -> dict[str, int]:
    """Generated Markdown pages by kind (hand-written ones count as other)."""
    counts: Counter[str] = Counter()
    for dirpath, _, filenames in os.walk(docs):
        for name in filenames:
            if name.endswith(".md"):
                counts[page_kind(Path(dirpath, name).relative_to(docs).as_posix())] += 1
    return dict(counts)


def largest_pages(site: Path) -> dict[str, tuple[int, str]]:
    """(bytes, path) of the largest built HTML page of each kind."""
    out: dict[str, tuple[int, str]] = {}
    for dirpath, _, filenames in os.walk(site):
        for name in filenames:
            if not name.endswith(".html") or name == "404.html":
                continue
            path = Path(dirpath, name)
            rel = path.relative_to(site).as_posix()
            kind = page_kind(rel[: -len(".html")] + ".md")
            size = path.stat().st_size
            if size > out.get(kind, (0, ""))[0]:
                out[kind] = (size, rel)
    return out


Check = Callable[[dict[str, Any]], tuple[str, bool | None]]


def _f(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def _at(n: int, check: Check) -> Check:
    """A target stated at one size: other sizes show the figure, unjudged."""

    def judged(row: dict[str, Any]) -> tuple[str, bool | None]:
        text, ok = check(row)
        return text, ok if row["n"] == n else None

    return judged


def _le(key: str, limit: float, fmt: str, scale: float = 1.0, unit: str = "") -> Check:
    def check(row: dict[str, Any]) -> tuple[str, bool | None]:
        value = row.get(key)
        if value is None:
            return "-", None
        value = value / scale
        return f"{_f(value, fmt)}{unit}", value <= limit

    return check


def _largest_index(row: dict[str, Any]) -> tuple[str, bool | None]:
    size = row.get("largest", {}).get("index", (None, ""))[0]
    return (f"{size / 1e3:.0f} KB", size <= 200_000 * 1.1) if size else ("-", None)


def _entity_pages(row: dict[str, Any]) -> tuple[str, bool | None]:
    pages = row.get("page_counts", {})
    if not pages:
        return "-", None
    return f"{pages.get('entity', 0)} of {row.get('entities')} entities", pages.get("entity", 0) <= (row.get("entities") or 0)


def _search(row: dict[str, Any]) -> tuple[str, bool | None]:
    if row.get("engine") == "pagefind":
        size = row.get("pagefind_query_bytes")
        return ("pagefind " + _f(size and size / 1e3, ".0f") + " KB/query", None if size is None else size <= 300_000)
    size = row.get("material_index")
    return ("material " + _f(size and size / 1e6, ".1f") + " MB", None if size is None else size <= 5_000_000)


def _scaling(base: dict[str, Any] | None) -> Check:
    def check(row: dict[str, Any]) -> tuple[str, bool | None]:
        if base is None or not base.get("full_s") or not row.get("full_s"):
            return "-", None
        ratio = (row["full_s"] / row["n"]) / (base["full_s"] / base["n"])
        return f"{ratio:.2f}x of {base['n']}'s", ratio <= 1.3 if row["n"] >= 10_000 else None

    return check


def targets(base: dict[str, Any] | None) -> list[tuple[str, Check]]:
    return [
        ("(1) entity pages: curated or in >= min_articles", _entity_pages),
        ("(1) largest index page <= ~200 KB", _largest_index),
        ("(2) search payload (Material <= 5 MB; Pagefind <= 300 KB/query)", _search),
        ("(3) serve: edit to served <= 3 s @2,225", _at(2225, _le("edit_to_served_s", 3, ".2f", unit=" s"))),
        (
            "(3) serve: rebuilds per edit = 1",
            lambda r: (
                _f(r.get("rebuilds_per_edit"), "d"),
                None if r.get("rebuilds_per_edit") is None else r["rebuilds_per_edit"] == 1,
            ),
        ),
        ("(3) serve: article added, served <= 10 s @2,225", _at(2225, _le("add_to_served_s", 10, ".2f", unit=" s"))),
        ("(3) serve: article removed, gone <= 10 s @2,225", _at(2225, _le("remove_to_gone_s", 10, ".2f", unit=" s"))),
        ("(4) convert cold <= 10 s @2,225", _at(2225, _le("cold_s", 10, ".2f", unit=" s"))),
        ("(4) one edit re-converted <= 1 s @2,225 (command, warm)", _at(2225, _le("edit_cmd_warm_s", 1, ".2f", unit=" s"))),
        ("(4) the same, command in a new process (--no-warm)", _at(2225, _le("edit_s", 1, ".2f", unit=" s"))),
        ("(4) the same, warm process as under serve", _at(2225, _le("edit_warm_s", 1, ".2f", unit=" s"))),
        ("(4) one edit re-converted <= 3 s @10,000 (command, warm)", _at(10000, _le("edit_cmd_warm_s", 3, ".2f", unit=" s"))),
        ("(4) the same @10,000, command in a new process", _at(10000, _le("edit_s", 3, ".2f", unit=" s"))),
        ("(4) the same @10,000, warm process", _at(10000, _le("edit_warm_s", 3, ".2f", unit=" s"))),
        ("(5) full build <= 1.5x engine floor", _le("ratio", 1.5, ".2f", unit="x")),
        ("(5) ms/article @10,000 <= 1.3x @200 (full build)", _scaling(base)),
        ("(5) peak RSS < 1 GB", _le("rss_peak_mb", 1000, ".0f", unit=" MB")),
    ]


def target_table(results: list[dict[str, Any]]) -> list[str]:
    """One line per target, one column per size: 'figure ok|MISSED' ('' when not judged at that size)."""
    base = min(results, key=lambda r: r["n"]) if results else None
    rows = []
    for label, check in targets(base):
        cells = []
        for row in results:
            text, ok = check(row)
            cells.append(text + ("" if ok is None else " ok" if ok else " MISSED"))
        rows.append((label, cells))
    width = max(len(label) for label, _ in rows)
    cell = max([len(c) for _, cells in rows for c in cells] + [12])
    head = f"{'target':<{width}}  " + "  ".join(f"{r['n']:>{cell},}" for r in results)
    return [head, "-" * len(head)] + [f"{label:<{width}}  " + "  ".join(f"{c:>{cell}}" for c in cells) for label, cells in rows]
