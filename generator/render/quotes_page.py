"""'Who said what': every quote in the dossier, grouped by speaker."""

from __future__ import annotations

from collections import defaultdict
from itertools import chain
from operator import itemgetter

from generator.dossier import rows
from generator.dossier.corpus import Corpus
from generator.models import ArticleInfo, Page
from generator.render import twin
from generator.render.article import anchor, long_date
from generator.render.finish import MADE_AT_MOST
from generator.render.frontmatter import LIST_SEARCH, front_matter
from generator.render.indexes import MAX_PAGE_CHARS, SECTIONS_PER_PAGE, cut_section, paginate, split_by_size
from generator.render.markup import md_escape, rel_md
from generator.render.twin import plain

PATH = "quotes.md"
TITLE = "Who said what"
NOTED = MADE_AT_MOST // 2  # speakers' lists noted with their finished block (render/twin.py), the longest first


def render_quotes(corpus: Corpus) -> Page:
    """The whole list as one page (``quotes_pages`` cuts it when long)."""
    return _whole(*_parts(corpus))


def quotes_pages(corpus: Corpus) -> list[Page]:
    """``split_by_size(render_quotes(corpus), TITLE)``: the list, cut by speaker into pages of ~MAX_PAGE_CHARS.
    A long list is cut from its sections as they are made, not joined into one text and split into lines again
    (at 10,000 articles, ~12 MB of Markdown)."""
    head, sections = _parts(corpus)
    lines = len(head) + sum(map(len, sections))
    if sum(map(len, chain(head, *sections))) + lines <= MAX_PAGE_CHARS + 64:  # joined (a newline a line), it may fit one page
        return split_by_size(_whole(head, sections), TITLE)
    # what split_by_size reads of the page: the lines before the first section, as they stand after the front matter
    intro = [text for text in ("\n".join(head) + "\n").split("\n---\n", 1)[1].splitlines() if not text.startswith("# ")]
    budget = max(MAX_PAGE_CHARS - sum(len(text) + 1 for text in intro), MAX_PAGE_CHARS // 4)
    sections[-1] = sections[-1][:-1]  # the page's last blank line, stripped with the page's end
    pieces = [piece for section in sections for piece in cut_section(section, budget)]
    return paginate(PATH[: -len(".md")], TITLE, pieces, SECTIONS_PER_PAGE, lambda _path, piece: piece, intro)


def _whole(head: list[str], sections: list[list[str]]) -> Page:
    return Page(PATH, "\n".join([*head, *chain.from_iterable(sections)]).rstrip() + "\n")


def _parts(corpus: Corpus) -> tuple[list[str], list[list[str]]]:
    """The page's lines before the speakers, and each speaker's lines (a ``## `` section, a blank line last)."""
    head = [
        front_matter({"title": TITLE, "description": "Every quote in the dossier, grouped by speaker.", "search": LIST_SEARCH}),
        f"# {TITLE}",
        "",
        "Each quote links to the paragraph it comes from. Unnamed sources are kept as the articles describe them.",
        "",
    ]
    by_speaker = _by_speaker(corpus)
    sections: list[list[str]] = []
    noted = 0
    for (name, speaker), items in sorted(by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0][0])):
        heading = md_escape(name) if speaker else f"{md_escape(name)} (unnamed)"
        lines = [f"## {heading}", ""]
        if speaker and corpus.has_page(speaker):
            lines += [f"[Page on {md_escape(name)}]({rel_md(PATH, corpus.entity_page(speaker))})", ""]
        ordered = sorted(items, key=itemgetter(0))  # quotes, then statements
        listed = [line for _, line, _ in ordered]
        if len(listed) > 1 and noted < NOTED:  # a list of one is finished as cheaply as it is noted
            noted += twin.note(listed, [made for _, _, made in ordered]) is not None
        lines += listed
        lines.append("")
        sections.append(lines)
    if not by_speaker:
        head.append("No quotes found yet.")
    return head, sections


Line = tuple[bool, str, str | None]  # a quote's: whether a statement, its Markdown line, that item finished (render/twin.py)
Row = tuple[str | None, str, bool, str, str | None]  # a quote's speaker (as analysed) and label, and its ``Line``


def _by_speaker(corpus: Corpus) -> dict[tuple[str, str | None], list[Line]]:
    """(name, entity id or None) -> each quote's line, oldest first (a record). An article's lines are
    the last build's while its analysis is the same object on the same page (dossier/rows.py): under
    ``dossier serve`` an edit makes only its own article's lines again."""
    quoted = [info for info in reversed(corpus.articles) if info.analysis.quotes]
    made = rows.each(
        "quotes.page", [info.analysis for info in quoted], None, lambda i: None, lambda i: _rows(quoted[i]),
        tags=[info.page for info in quoted],
    )
    entities = corpus.entities
    by_speaker: dict[tuple[str, str | None], list[Line]] = defaultdict(list)
    for article in made:
        for analysed, label, statement, line, finished in article:
            speaker = analysed if analysed in entities else None
            name = entities[speaker].name if speaker else label
            by_speaker[(name, speaker)].append((statement, line, finished))
    return by_speaker


def _rows(info: ArticleInfo) -> tuple[Row, ...]:
    """Each of the article's quotes as its line (the article's headline and date written once for all)."""
    headline = md_escape(info.analysis.article.headline)
    source, label = f"[{headline}](", plain(headline)
    when = long_date(info)
    date = f"), {when}"
    out: list[Row] = []
    for quote in info.analysis.quotes:
        words = md_escape(quote.text)
        if quote.kind == "quote":
            text, text_made = f"“{words}”", f"“{plain(words)}”"
        else:
            text, text_made = f"*Statement:* {words}", f"<em>Statement:</em> {plain(words)}"
        target = rel_md(PATH, info.page, anchor(quote.paragraph))
        link = twin.link(target, label)
        made = f"{text_made} — {link}, {when}" if link is not None else None
        out.append((quote.speaker, quote.speaker_label, quote.kind == "statement", f"- {text} — {source}{target}{date}", made))
    return tuple(out)
