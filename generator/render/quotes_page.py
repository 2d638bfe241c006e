"""'Who said what': every quote in the dossier, grouped by speaker."""

from __future__ import annotations

from collections import defaultdict
from operator import itemgetter

from generator.dossier.corpus import Corpus
from generator.models import Page
from generator.render.article import anchor, long_date
from generator.render.frontmatter import LIST_SEARCH, front_matter
from generator.render.markup import md_escape, rel_md

PATH = "quotes.md"


def render_quotes(corpus: Corpus) -> Page:
    lines = [
        front_matter(
            {"title": "Who said what", "description": "Every quote in the dossier, grouped by speaker.", "search": LIST_SEARCH}
        ),
        "# Who said what",
        "",
        "Each quote links to the paragraph it comes from. Unnamed sources are kept as the articles describe them.",
        "",
    ]
    by_speaker = _by_speaker(corpus)
    for (name, speaker), items in sorted(by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0][0])):
        heading = md_escape(name) if speaker else f"{md_escape(name)} (unnamed)"
        lines += [f"## {heading}", ""]
        if speaker and corpus.has_page(speaker):
            lines += [f"[Page on {md_escape(name)}]({rel_md(PATH, corpus.entity_page(speaker))})", ""]
        lines += [line for _, line in sorted(items, key=itemgetter(0))]  # quotes, then statements
        lines.append("")
    if not by_speaker:
        lines.append("No quotes found yet.")
    return Page(PATH, "\n".join(lines).rstrip() + "\n")


def _by_speaker(corpus: Corpus) -> dict[tuple[str, str | None], list[tuple[bool, str]]]:
    """(name, entity id or None) -> (whether a statement, line) of each quote, oldest first (a record);
    an article's headline and date are written once for all its quotes."""
    by_speaker: dict[tuple[str, str | None], list[tuple[bool, str]]] = defaultdict(list)
    for info in reversed(corpus.articles):
        if not info.analysis.quotes:
            continue
        source = f"[{md_escape(info.analysis.article.headline)}]("
        date = f"), {long_date(info)}"
        for quote in info.analysis.quotes:
            speaker = quote.speaker if quote.speaker in corpus.entities else None
            name = corpus.entities[speaker].name if speaker else quote.speaker_label
            text = f"“{md_escape(quote.text)}”" if quote.kind == "quote" else f"*Statement:* {md_escape(quote.text)}"
            line = f"- {text} — {source}{rel_md(PATH, info.page, anchor(quote.paragraph))}{date}"
            by_speaker[(name, speaker)].append((quote.kind == "statement", line))
    return by_speaker
