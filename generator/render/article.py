"""The annotated article page: headline, standfirst, dateline, date with evidence, verbatim text.

The text is written as an HTML block of escaped source paragraphs, each with
its own anchor (``#p2``…) so entity pages, quotes and the timeline can point
at the paragraph a statement comes from. Annotations (entity links, quote
marks, [sic] notes, abbreviations) wrap the source text without adding to it:
notes are drawn by CSS from data attributes, so the text a reader copies is
the text the agency wrote.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import lru_cache

from generator.dossier.corpus import KIND_FOLDERS, Corpus
from generator.language.regexes import longest_first
from generator.models import HEADLINE, ArticleInfo, Mention, Quote, SourceError
from generator.render import twin
from generator.render.frontmatter import ARTICLE_SEARCH, front_matter
from generator.render.markup import Span, annotate, attr, md_escape, rel_md, rel_url
from generator.render.passthrough import wrap
from generator.render.twin import plain

KIND_TITLES = {"person": "People", "organisation": "Organisations", "place": "Places"}


def paragraph_number(index: int) -> int:
    """Headline 0, standfirst 1, body from 2: the numbering of anchors and of the export."""
    return index + 2


def anchor(index: int) -> str:
    return f"p{paragraph_number(index)}"


def long_date(info: ArticleInfo) -> str:
    pubdate = info.analysis.pubdate
    date = pubdate.date
    if date is not None and pubdate.status == "probable":  # never shown as a fact
        years = [str(d.year) for d in pubdate.candidates]
        others = ", ".join(years[:-1]) + " and " + years[-1] if 1 < len(years) <= 3 else "".join(years)
        if len(years) > 3:
            others = f"{len(years)} other years"
        return f"probably {_day(date)}" + (f" ({others} not ruled out)" if years else "")
    return _day(date) if date else "date uncertain"


@lru_cache(maxsize=16384)  # a few thousand dates, each written on many pages
def _day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def _abbr_spans(text: str, glossary: tuple[tuple[str, str], ...], pattern: re.Pattern[str] | None) -> list[Span]:
    if pattern is None or _glossary_probe(glossary).search(text) is None:
        return []
    meanings = dict(glossary)
    return [
        Span(m.start(), m.end(), f'<abbr title="{attr(meanings[m.group(0)])}">', "</abbr>", 0)
        for m in pattern.finditer(text)
    ]


@lru_cache(maxsize=8)
def glossary_pattern(glossary: tuple[tuple[str, str], ...]) -> re.Pattern[str] | None:
    if not glossary:
        return None
    terms = longest_first((term for term, _ in glossary))
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(t) for t in terms) + r")(?![\w])")


@lru_cache(maxsize=8)
def _glossary_probe(glossary: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """Any term at all, without the word-boundary checks: a block without one is not searched again
    (the probe starts with a literal, so the regex engine skips along the text in C)."""
    return re.compile("|".join(re.escape(term) for term, _ in glossary))


_HOW = {
    "named": "named in the text",
    "pronoun": "from a pronoun",
    "role": "from a role such as “the diplomat”",
    "continued": "continuing the previous speaker",
    "unnamed": "unnamed in the text",
}


def _hover(quote: Quote) -> str:
    """The hover note: who, and how the speaker was found."""
    what = "Statement" if quote.kind == "statement" else "Quote"
    cue = f", “{quote.cue}”" if quote.kind == "statement" and quote.cue else ""  # "wants", "called for": what kind of statement
    return attr(f"{what} by {quote.speaker_label or 'unknown'}{cue} (speaker {_HOW.get(quote.resolved_by, quote.resolved_by)})")


def _speaker_html(quote: Quote, info: ArticleInfo, corpus: Corpus, hover: str) -> str:
    """The speaker's label after the quote (``hover``: the quote's ``_hover``, made once for both)."""
    label = attr(quote.speaker_label)
    if quote.speaker and corpus.has_page(quote.speaker):
        href = rel_url(info.page, corpus.entity_page(quote.speaker))
        return (
            f'<a class="dossier-speaker" href="{href}" data-label="{label}" '
            f'aria-label="{quote.kind} by {label}" title="{hover}"></a>'
        )
    return f'<span class="dossier-speaker" data-label="{label}" title="{hover}"></span>'


_CLOSING = re.compile(r"[,.;:!?]?[\"”»’'](?!\w)")


def _quote_spans(text: str, quote: Quote, speaker: str, hover: str) -> list[Span]:
    """The quote's highlight, and its speaker after the closing quotation mark, not inside it.

    The closing mark (and punctuation before it) is wrapped so the label can follow it; when
    the quote has no closing mark (reported speech), the label follows the highlight.
    """
    css = "dossier-statement" if quote.kind == "statement" else "dossier-quote"
    opening = f'<span class="{css}" title="{hover}">'
    close = _CLOSING.match(text, quote.end) if quote.kind == "quote" else None
    if close is None:
        return [Span(quote.start, quote.end, opening, "</span>" + speaker, 2)]
    return [
        Span(quote.start, quote.end, opening, "</span>", 2),
        Span(quote.end, close.end(), '<span class="dossier-quote dossier-quote-end">', "</span>" + speaker, 2),
    ]


class _Blocks:
    """An article's mentions, quotes and source errors by block, in their order: each block's
    annotations found without going through the whole article's again."""

    def __init__(self, info: ArticleInfo) -> None:
        self.mentions: dict[int, list[Mention]] = defaultdict(list)
        self.quotes: dict[int, list[Quote]] = defaultdict(list)
        self.errors: dict[int, list[SourceError]] = defaultdict(list)
        for mention in info.analysis.mentions:
            self.mentions[mention.paragraph].append(mention)
        for quote in info.analysis.quotes:
            self.quotes[quote.paragraph].append(quote)
        for error in info.analysis.source_errors:
            self.errors[error.paragraph].append(error)


def block_spans(
    info: ArticleInfo,
    corpus: Corpus,
    index: int,
    text: str,
    linked: set[str],
    abbr: re.Pattern[str] | None,
    glossary: tuple[tuple[str, str], ...],
    blocks: _Blocks | None = None,
) -> list[Span]:
    """Every annotation of one block of an article, as spans over its verbatim text."""
    blocks = blocks or _Blocks(info)
    spans: list[Span] = []
    for mention in blocks.mentions.get(index, ()):
        if mention.entity in linked or mention.entity not in corpus.entities:
            continue
        if text[mention.start : mention.end] != mention.surface:
            continue
        entity = corpus.entities[mention.entity]
        linked.add(mention.entity)
        title = _title(entity.name, entity.description)
        if not corpus.has_page(entity.id):  # marked, linking nowhere (named in too few articles)
            spans.append(Span(mention.start, mention.end, f'<span class="dossier-entity" title="{title}">', "</span>", 1))
            continue
        href = rel_url(info.page, corpus.entity_page(entity.id))
        spans.append(Span(mention.start, mention.end, f'<a class="dossier-entity" href="{href}" title="{title}">', "</a>", 1))
    for quote in blocks.quotes.get(index, ()):
        hover = _hover(quote)
        spans += _quote_spans(text, quote, _speaker_html(quote, info, corpus, hover), hover)
    for error in blocks.errors.get(index, ()):
        note = attr(f"sic; probably ‘{error.suggestion}’")
        opening = f'<span class="dossier-sic" data-note="{note}" title="{note}">'
        spans.append(Span(error.start, error.end, opening, "</span>", 3))
    spans += _abbr_spans(text, glossary, abbr)
    return spans


@lru_cache(maxsize=16384)  # an entity is named in many articles
def _title(name: str, description: str | None) -> str:
    """The hover note on a name: the entity's name and description."""
    return attr(f"{name}: {description}" if description else name)


def _text_html(info: ArticleInfo, corpus: Corpus, glossary: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    """The standfirst and body paragraphs as one escaped HTML block each."""
    abbr = glossary_pattern(glossary)
    linked: set[str] = set()
    blocks = _Blocks(info)
    article = info.analysis.article
    standfirst = ""
    if article.standfirst:
        inner = annotate(article.standfirst, block_spans(info, corpus, -1, article.standfirst, linked, abbr, glossary, blocks))
        standfirst = f'<p class="dossier-standfirst" id="{anchor(-1)}">{inner}</p>'
    body = [
        f'<p id="{anchor(i)}">{annotate(text, block_spans(info, corpus, i, text, linked, abbr, glossary, blocks))}</p>'
        for i, text in enumerate(article.paragraphs)
    ]
    # Pagefind weighs the articles' own words above the same words quoted on other pages.
    text = ['<div class="dossier-text" data-pagefind-weight="5">', *body, "</div>"]
    return standfirst, "\n".join(wrap(text))


def _meta(info: ArticleInfo, corpus: Corpus) -> list[str]:
    """Date, source, dateline and file. This list and the article's others stand finished (render/twin.py):
    each is between a blank line and one, after no list, and no code fence opens on an article page."""
    analysis = info.analysis
    article, pubdate = analysis.article, analysis.pubdate
    items: list[tuple[str, str | None]] = []  # each line's Markdown and HTML (render/twin.py)
    date = long_date(info)
    if pubdate.date is not None:
        archive = rel_md(info.page, f"archive/{pubdate.date:%Y}.md")
        link = twin.link(archive, date)
        items.append((f"**Published:** [{date}]({archive}) ({pubdate.status})", link and f"{link} ({pubdate.status})"))
    else:
        candidates = ", ".join(str(d.year) for d in pubdate.candidates)
        extra = f"; possible years: {candidates}" if candidates else ""
        undated = rel_md(info.page, "archive/undated.md")
        link = twin.link(undated, "undated articles")
        uncertain = f"date uncertain{extra}"
        items.append((f"**Published:** {uncertain} ([undated articles]({undated}))", link and f"{uncertain} ({link})"))
    if info.agency:
        source_page = rel_md(info.page, f"sources/{corpus.source_slugs[info.agency]}.md")
        written = article.agency_as_written
        note = f" (as written: {md_escape(written)})" if written and written != info.agency else ""
        agency = md_escape(info.agency)
        link = twin.link(source_page, plain(agency))
        items.append((f"**Source:** [{agency}]({source_page}){note}", link and link + plain(note)))
    if article.dateline:
        dateline = md_escape(article.dateline.text)
        items.append((f"**Dateline:** {dateline}", plain(dateline)))
    source = md_escape(article.source)
    items.append((f"**File:** {source}", plain(source)))
    lines = [f"- {text}" for text, _ in items]
    block = twin.note(lines, [html and f"<strong>{text.split(':** ', 1)[0][2:]}:</strong> {html}" for text, html in items])
    return ['<div class="dossier-meta" markdown>', "", *([block] if block else lines), "", "</div>", ""]


def date_note(info: ArticleInfo) -> list[str]:
    """One short plain note on how the date was established, the evidence folded below it."""
    pubdate = info.analysis.pubdate
    summary = {
        "given": "Date stated in the source",
        "inferred": "Date inferred from the text",
        "probable": "Date probable, not established",
        "uncertain": "Date uncertain",
    }[pubdate.status]
    lines = [f'??? info "{summary}: {long_date(info)}"', ""]
    lines += [f"    - {md_escape(sentence)}" for sentence in pubdate.evidence]
    for note in info.analysis.article.reader_notes:
        lines.append(f"    - {md_escape(note)}")
    return lines + [""]


def _entity_box(info: ArticleInfo, corpus: Corpus) -> list[str]:
    counts = Counter(m.entity for m in info.analysis.mentions if m.entity in corpus.entities)
    if not counts:
        return []
    by_kind: dict[str, list[str]] = defaultdict(list)
    for entity_id, _count in sorted(counts.items(), key=lambda kv: (-kv[1], corpus.entities[kv[0]].name)):
        entity = corpus.entities[entity_id]
        if not corpus.has_page(entity_id):
            by_kind[entity.kind].append(md_escape(entity.name))
            continue
        link = rel_md(info.page, corpus.entity_page(entity_id))
        by_kind[entity.kind].append(f"[{md_escape(entity.name)}]({link})")
    lines = ['!!! abstract "In this article"', ""]
    for kind in KIND_FOLDERS:
        if by_kind.get(kind):
            lines.append(f"    **{KIND_TITLES[kind]}:** " + " · ".join(by_kind[kind]))
            lines.append("")
    return lines


def _quotes_section(info: ArticleInfo, corpus: Corpus) -> list[str]:
    if not info.analysis.quotes:
        return []
    lines: list[str] = ["## Who is quoted", ""]
    for kind, heading in (("quote", ""), ("statement", "**Statements** (reported speech, without quotation marks):")):
        items = [q for q in info.analysis.quotes if q.kind == kind]
        if items and heading:
            lines += [heading, ""]
        shown, made = [], []
        for quote in items:
            who, who_made = _who(info, corpus, quote)
            words = md_escape(quote.text)
            text, text_made = (f"“{words}”", f"“{plain(words)}”") if kind == "quote" else (f"*{words}*", twin.emphasis(words))
            # what kind of statement: "Marta Kolar: wants *to close the quay*"
            if kind == "statement" and quote.cue:
                cue = md_escape(quote.cue)
                text, text_made = f"{cue} {text}", text_made and f"{plain(cue)} {text_made}"
            target, attrs = pilcrow_parts(info.page, info, quote.paragraph)
            number = f"¶{paragraph_number(quote.paragraph)}"
            shown.append(f"- {who}: {text} ([{number}]({target}){{{attrs}}})")
            where = twin.link(target, number, attrs)
            made.append(f"{who_made}: {text_made} ({where})" if who_made and text_made and where else None)
        block = twin.note(shown, made)
        lines += [block] if block else shown
        if items:
            lines.append("")
    return lines


def _who(info: ArticleInfo, corpus: Corpus, quote: Quote) -> tuple[str, str | None]:
    """Who is quoted, linked to their page when they have one: as Markdown and as HTML (render/twin.py)."""
    label = md_escape(quote.speaker_label)
    if quote.speaker and corpus.has_page(quote.speaker):
        target = rel_md(info.page, corpus.entity_page(quote.speaker))
        return f"[{label}]({target})", twin.link(target, plain(label))
    if quote.speaker is None:
        return f"{label} (unnamed)", f"{plain(label)} (unnamed)"
    return label, plain(label)


def _related_section(info: ArticleInfo, corpus: Corpus) -> list[str]:
    if not info.related:
        return []
    lines, made = [], []
    for other_id, reason in info.related:
        other = corpus.by_id.get(other_id)
        if other is None:
            continue
        link, headline, why = rel_md(info.page, other.page), md_escape(other.analysis.article.headline), md_escape(reason)
        lines.append(f"- [{headline}]({link}) · {long_date(other)} · {why}")
        html = twin.link(link, plain(headline))
        made.append(html and f"{html} · {long_date(other)} · {plain(why)}")
    block = twin.note(lines, made)
    return ["## Related articles", "", *([block] if block else lines), ""]


def _errors_section(info: ArticleInfo) -> list[str]:
    errors = info.analysis.source_errors
    if not errors:
        return []
    lines, made = [], []
    for error in errors:
        text, suggestion = md_escape(error.text), md_escape(error.suggestion)
        target, attrs = pilcrow_parts(info.page, info, error.paragraph)
        number = f"¶{paragraph_number(error.paragraph)}"
        lines.append(
            f"- “{text}” in [{number}]({target}){{{attrs}}} is shown as written (*sic*); probably “{suggestion}”."
        )
        where = twin.link(target, number, attrs)
        made.append(where and f"“{plain(text)}” in {where} is shown as written (<em>sic</em>); probably “{plain(suggestion)}”.")
    block = twin.note(lines, made)
    return ["## Notes on the source", "", *([block] if block else lines), ""]


def render_article(info: ArticleInfo, corpus: Corpus, glossary: tuple[tuple[str, str], ...] = ()) -> str:
    """The Markdown of one article page."""
    analysis = info.analysis
    article = analysis.article
    meta: dict[str, object] = {
        "title": article.headline,
        "description": article.standfirst or (article.paragraphs[0][:300] if article.paragraphs else ""),
        "date": analysis.pubdate.date.isoformat() if analysis.pubdate.date else None,
        "date_status": analysis.pubdate.status,
        "agency": info.agency,
        "dateline": article.dateline.text if article.dateline else None,
        "source_file": article.source,
        "dossier_id": info.id,
        "search": ARTICLE_SEARCH,
    }
    standfirst, body = _text_html(info, corpus, glossary)
    lines = [front_matter(meta), f"# {md_escape(article.headline)} {{ #{anchor(HEADLINE)} }}", ""]
    if standfirst:
        lines += [standfirst, ""]
    lines += _meta(info, corpus)
    lines += date_note(info)
    lines += _entity_box(info, corpus)
    lines += [body, ""]
    lines += _quotes_section(info, corpus)
    lines += _errors_section(info)
    lines += _related_section(info, corpus)
    return "\n".join(lines).rstrip() + "\n"


def pilcrow(from_page: str, info: ArticleInfo, paragraph: int, text: str = "") -> str:
    """A '¶' link to one paragraph that tells a screen reader where it goes (not 'pilcrow' 30 times)."""
    target, attrs = pilcrow_parts(from_page, info, paragraph)
    return f"[¶{text}]({target}){{{attrs}}}"


def pilcrows(from_page: str, info: ArticleInfo) -> Callable[[int], tuple[str, str | None]]:
    """``pilcrow`` for each paragraph of one article on another page, with its finished HTML (render/twin.py):
    what the links share (the address, the headline spoken) made once."""
    if from_page == info.page:
        return lambda paragraph: _own_pilcrow(info, paragraph)
    page = rel_md(from_page, info.page)
    href = twin.page_href(page)
    headline = _spoken(info.analysis.article.headline)

    def made(paragraph: int) -> tuple[str, str | None]:
        number = paragraph_number(paragraph)
        label = f"paragraph {number} of {headline}"
        html = f'<a href="{href}#p{number}" aria-label="{label}">¶</a>' if href is not None else None
        return f'[¶]({page}#p{number}){{ aria-label="{label}" }}', html

    return made


def _own_pilcrow(info: ArticleInfo, paragraph: int) -> tuple[str, str | None]:
    target, attrs = pilcrow_parts(info.page, info, paragraph)
    return f"[¶]({target}){{{attrs}}}", twin.link(target, "¶", attrs)


def pilcrow_parts(from_page: str, info: ArticleInfo, paragraph: int) -> tuple[str, str]:
    """The '¶' link's address and what its braces hold (``pilcrow``)."""
    number = paragraph_number(paragraph)
    if from_page == info.page:
        return f"#{anchor(paragraph)}", f' aria-label="paragraph {number}" '
    label = f"paragraph {number} of {_spoken(info.analysis.article.headline)}"
    return rel_md(from_page, info.page, anchor(paragraph)), f' aria-label="{label}" '


_PUNCTUATION = re.compile(r"[^\w\s]")


@lru_cache(maxsize=16384)  # an article's headline, once for each of its many pilcrows
def _spoken(headline: str) -> str:
    """The headline as a screen reader's label: words only, at most 80 characters."""
    return " ".join(_PUNCTUATION.sub(" ", headline).split())[:80]


def link_to_article(from_page: str, info: ArticleInfo, paragraph: int | None = None) -> str:
    target = rel_md(from_page, info.page, anchor(paragraph) if paragraph is not None and paragraph != HEADLINE else "")
    return f"[{md_escape(info.analysis.article.headline)}]({target})"


def article_line_for_undated(from_page: str, info: ArticleInfo) -> str:
    """A list line for an article whose year is unknown, naming the years still possible."""
    candidates = ", ".join(str(d.year) for d in info.analysis.pubdate.candidates)
    possible = f" · possible years: {candidates}" if candidates else " · no date in the text"
    return f"- {link_to_article(from_page, info)}{possible}"
