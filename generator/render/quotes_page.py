"""'Who said what': every quote in the dossier, grouped by speaker."""

from __future__ import annotations

from collections import defaultdict
from operator import itemgetter

from generator.dossier.corpus import Corpus
from generator.models import Page
from generator.render import twin
from generator.render.article import anchor, long_date
from generator.render.finish import MADE_AT_MOST
from generator.render.frontmatter import LIST_SEARCH, front_matter
from generator.render.markup import md_escape, rel_md
from generator.render.twin import plain

PATH = "quotes.md"
NOTED = MADE_AT_MOST // 2  # speakers' lists noted with their finished block (render/twin.py), the longest first


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
    noted = 0
    for (name, speaker), items in sorted(by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0][0])):
        heading = md_escape(name) if speaker else f"{md_escape(name)} (unnamed)"
        lines += [f"## {heading}", ""]
        if speaker and corpus.has_page(speaker):
            lines += [f"[Page on {md_escape(name)}]({rel_md(PATH, corpus.entity_page(speaker))})", ""]
        ordered = sorted(items, key=itemgetter(0))  # quotes, then statements
        listed = [line for _, line, _ in ordered]
        if len(listed) > 1 and noted < NOTED:  # a list of one is finished as cheaply as it is noted
            noted += twin.note(listed, [made for _, _, made in ordered]) is not None
        lines += listed
        lines.append("")
    if not by_speaker:
        lines.append("No quotes found yet.")
    return Page(PATH, "\n".join(lines).rstrip() + "\n")


Line = tuple[bool, str, str | None]  # a quote's: whether a statement, its Markdown line, that item finished (render/twin.py)


def _by_speaker(corpus: Corpus) -> dict[tuple[str, str | None], list[Line]]:
    """(name, entity id or None) -> each quote's line, oldest first (a record); an article's headline
    and date are written once for all its quotes."""
    by_speaker: dict[tuple[str, str | None], list[Line]] = defaultdict(list)
    for info in reversed(corpus.articles):
        if not info.analysis.quotes:
            continue
        headline = md_escape(info.analysis.article.headline)
        source, label = f"[{headline}](", plain(headline)
        when = long_date(info)
        date = f"), {when}"
        for quote in info.analysis.quotes:
            speaker = quote.speaker if quote.speaker in corpus.entities else None
            name = corpus.entities[speaker].name if speaker else quote.speaker_label
            words = md_escape(quote.text)
            if quote.kind == "quote":
                text, text_made = f"“{words}”", f"“{plain(words)}”"
            else:
                text, text_made = f"*Statement:* {words}", f"<em>Statement:</em> {plain(words)}"
            target = rel_md(PATH, info.page, anchor(quote.paragraph))
            link = twin.link(target, label)
            made = f"{text_made} — {link}, {when}" if link is not None else None
            by_speaker[(name, speaker)].append((quote.kind == "statement", f"- {text} — {source}{target}{date}", made))
    return by_speaker
