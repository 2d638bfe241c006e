"""A page per person, organisation and place: everything the dossier says about them."""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from generator.config import SiteConfig
from generator.dossier import memo
from generator.dossier.corpus import Corpus
from generator.models import HEADLINE, STANDFIRST, ArticleInfo, EntityRef, Event, Mention, Page, Quote
from generator.render import twin
from generator.render.accounts import entity_conflicts
from generator.render.article import KIND_TITLES, anchor, long_date, pilcrows
from generator.render.frontmatter import ENTITY_SEARCH
from generator.render.indexes import Shown, paginate
from generator.render.markup import md_escape, rel_md
from generator.render.network import RANKED, CoOccurrence, cooccurrence, ego_network, ring_of
from generator.render.timeline import event_item
from generator.render.twin import plain

# Context around a name repeats the articles' words: kept out of the search indexes (Material's
# and Pagefind's), so a search lists the articles that say a word, not every page quoting them.
SEARCH_EXCLUDED = '<div class="dossier-context" data-search-exclude data-pagefind-ignore="all" markdown>'
SNIPPET = 90  # characters of context on each side of a mention
MAX_PER_ARTICLE = 5  # mentions in context shown per article


def snippet(text: str, start: int, end: int, width: int = SNIPPET) -> str:
    """'… context **name** context …', escaped, cut on word boundaries."""
    return "{}**{}**{}".format(*_snippet_parts(text, start, end, width))


def _snippet_parts(text: str, start: int, end: int, width: int = SNIPPET) -> tuple[str, str, str]:
    """The context before the name, the name and the context after it, escaped (``snippet``)."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0:
        space = text.find(" ", left)
        left = space + 1 if 0 <= space < start else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space > end else right
    before = ("… " if left > 0 else "") + _escape(text[left:start])
    after = _escape(text[end:right]) + (" …" if right < len(text) else "")
    return before, md_escape(text[start:end]), after


_escape = md_escape.__wrapped__  # context is met once: not kept in (nor pushing names out of) md_escape's cache


def _block_text(info: ArticleInfo, paragraph: int) -> str:
    """``dict(article.text_blocks()).get(paragraph, "")``, without building the article's blocks for each mention."""
    article = info.analysis.article
    if paragraph == HEADLINE:
        return article.headline
    if paragraph == STANDFIRST:
        return article.standfirst or ""
    return article.paragraphs[paragraph] if 0 <= paragraph < len(article.paragraphs) else ""


def article_item(
    corpus: Corpus, entity: EntityRef, found: Mapping[str, list[Mention]] | None = None, shown: dict[str, str] | None = None
) -> Callable[[str, ArticleInfo], str]:
    """The entity's item for one article on its page (rerender compares what it shows); ``found``: the
    entity's mentions in each article, when gathered already (``_mentions``); ``shown``: each item's
    Markdown -> the item with its list finished (render/twin.py), where it could be made."""

    def line(path: str, info: ArticleInfo) -> str:
        mentions = found.get(info.id) if found is not None else None
        if mentions is None:
            mentions = mentions_by_entity(info).get(entity.id, [])
        head = f"### [{md_escape(info.analysis.article.headline)}]({rel_md(path, info.page)})\n\n{long_date(info)}"
        if info.agency:
            head += f" · {md_escape(info.agency)}"
        listed, made = [], []
        pilcrow = pilcrows(path, info)
        for mention in mentions[:MAX_PER_ARTICLE]:
            before, name, after = _snippet_parts(_block_text(info, mention.paragraph), mention.start, mention.end)
            mark, mark_made = pilcrow(mention.paragraph)
            listed.append(f"- {before}**{name}**{after} {mark}")
            strong = f"{plain(before)}<strong>{plain(name)}</strong>{plain(after)}"
            made.append(f"{strong} {mark_made}" if name and mark_made else None)
        more = len(mentions) - len(listed)
        tail = [f"and {more} more mention(s) in this article"] if more > 0 else []
        listed += [f"- {text}" for text in tail]
        block = twin.note(listed, [*made, *tail])
        text = "\n".join([SEARCH_EXCLUDED, "", head, "", *listed, "", "</div>", ""])
        if block is not None and shown is not None:  # between a blank line and one, after no list: finished as it is
            shown[text] = "\n".join([SEARCH_EXCLUDED, "", head, "", block, "", "</div>", ""])
        return text

    return line


def _words(quote: Quote) -> str:
    """A verbatim quote in quotation marks; reported speech marked as a statement, without them."""
    if quote.kind == "quote":
        return f"“{md_escape(quote.text)}”"
    cue = f" ({md_escape(quote.cue)})" if quote.cue else ""  # "wants", "called for": what kind of statement
    return f"*Statement{cue}:* {md_escape(quote.text)}"


def _words_made(words: str) -> str:
    """``_words`` as finish.py makes it: the statement's mark as emphasis (nothing else in it is Markdown)."""
    if words.startswith("*Statement"):
        mark, _, text = words[1:].partition(":* ")
        return f"<em>{plain(mark)}:</em> {plain(text)}"
    return plain(words)


def _statements(quotes: Sequence[tuple[ArticleInfo, Quote]], path: str, limit: int) -> tuple[list[str], str | None]:
    """The entity's first ``limit`` quotes, oldest first, and a line for the rest; ``quotes`` comes from an
    index built once per site. With their finished block, where it could be made (render/twin.py)."""
    lines, made = [], []
    for info, quote in quotes[:limit]:
        words, headline = _words(quote), md_escape(info.analysis.article.headline)
        target = rel_md(path, info.page, anchor(quote.paragraph))
        lines.append(f"- {long_date(info)}: {words} ([{headline}]({target}))")
        link = twin.link(target, plain(headline))
        made.append(f"{long_date(info)}: {_words_made(words)} ({link})" if link else None)
    more = len(quotes) - limit
    if more > 0:
        lines.append(f"- and {more} more: see [who said what]({rel_md(path, 'quotes.md')})")
        link = twin.link(rel_md(path, "quotes.md"), "who said what")
        made.append(f"and {more} more: see {link}" if link else None)
    return lines, twin.note(lines, made)


def _cooccurring(
    corpus: Corpus, network: CoOccurrence, entity: EntityRef, path: str, limit: int = RANKED
) -> tuple[list[str], str | None]:
    """The entities named most often with this one, linked, with their finished block (render/twin.py)."""
    counts: Mapping[str, int] = network.partners.get(entity.id, {})
    top = [(eid, counts[eid]) for eid in ring_of(corpus, network, entity.id, limit)]  # by count, then by name
    folder = posixpath.dirname(path) or "."
    lines, made = [], []
    for eid, n in top:
        markdown, link = _entity_link(folder, corpus.entities[eid].name, corpus.entity_page(eid))
        together = f" · together in {n} article{'s' if n != 1 else ''}"
        lines.append(f"- {markdown}{together}")
        made.append(link + together if link else None)
    return lines, twin.note(lines, made)


@lru_cache(maxsize=65536)  # an entity is listed on the pages of all it appears with, from three folders
def _entity_link(folder: str, name: str, page: str) -> tuple[str, str | None]:
    """A link to an entity's page from a page in ``folder``: as Markdown and finished (render/twin.py)."""
    escaped, target = md_escape(name), rel_md(f"{folder}/x.md", page)
    return f"[{escaped}]({target})", twin.link(target, plain(escaped))


def description(corpus: Corpus, entity: EntityRef, counted: bool = True) -> str:
    """The page's meta description: the gazetteer's line, or what the dossier knows (``counted``: with its
    count of articles, on the first page only: a later page then stays as it is when an article is added)."""
    count = len(corpus.entity_articles.get(entity.id, ()))
    kind = KIND_TITLES[entity.kind][:-1] if entity.kind != "person" else "Person"
    known = f"{kind} named in {count} article{'s' if count != 1 else ''} of the dossier."
    if not counted:
        known = f"{kind} named in the dossier."
    return f"{entity.name}: {entity.description} {known}" if entity.description else f"{entity.name}. {known}"


def _mentions(corpus: Corpus, entity: EntityRef) -> dict[str, list[Mention]]:
    """The entity's mentions in each of its articles, gathered once for its aliases and its items."""
    entity_id, by_id = entity.id, corpus.by_id
    return {a: mentions_by_entity(by_id[a]).get(entity_id, []) for a in corpus.entity_articles.get(entity_id, ())}


def mentions_by_entity(info: ArticleInfo) -> dict[str, list[Mention]]:
    """The article's mentions by entity, each entity's in the text's order: grouped in one pass, kept with the
    analysis (dossier/memo.py), rather than all its mentions read again for each entity page that lists it
    (an article names ~20 entities: at 2,225 articles, 457,000 mentions read to find 34,000)."""

    def grouped() -> dict[str, list[Mention]]:
        by_entity: dict[str, list[Mention]] = defaultdict(list)
        for mention in info.analysis.mentions:
            by_entity[mention.entity].append(mention)
        return dict(by_entity)

    return memo.derived("entity.mentions", info.analysis, None, grouped)


def _aliases_found(mentions: Mapping[str, list[Mention]]) -> list[str]:
    found: Counter[str] = Counter()
    for found_in in mentions.values():
        found.update([m.surface for m in found_in])
    return [f"{md_escape(surface)} ({n})" for surface, n in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))]


def _excluded(heading: str, body: list[str]) -> list[str]:
    """A section whose heading stays outside the excluded block, so a hover preview (the page's
    head up to its first heading) stops there rather than showing the whole block."""
    return [f"## {heading}", "", SEARCH_EXCLUDED, "", *body, "", "</div>", ""]


def _sections(
    corpus: Corpus,
    entity: EntityRef,
    config: SiteConfig,
    events: Sequence[Event],
    quotes: Sequence[tuple[ArticleInfo, Quote]],
    network: CoOccurrence,
) -> tuple[list[str], list[str]]:
    """Timeline, statements and company: drawn from the articles' words, so kept out of search. As Markdown
    (what the page's length is measured by), and as shown: the lists made finished in their place."""
    path = corpus.entity_page(entity.id)
    lines: list[str] = []
    shown: list[str] = []
    if events:
        items = [event_item(path, event, corpus, entity.id) for event in events[: config.page_size]]
        listed = [markdown for markdown, _ in items]
        block = twin.note(listed, [made for _, made in items])
        lines += _excluded("Timeline", listed)
        shown += _excluded("Timeline", [block] if block is not None else listed)
    conflicts = entity_conflicts(path, entity.id, corpus)
    lines += conflicts
    shown += conflicts
    statements, block = _statements(quotes, path, config.page_size)
    if statements:  # each list between a blank line and one, after no list (the picture is a finished block)
        lines += _excluded("Statements", statements)
        shown += _excluded("Statements", [block] if block is not None else statements)
    together, block = _cooccurring(corpus, network, entity, path)
    if together:
        picture = ego_network(corpus, network, entity.id, path)
        lines += _excluded("Appears alongside", [picture, "", *together])
        shown += _excluded("Appears alongside", [picture, "", *([block] if block is not None else together)])
    return lines, shown


def render_entity(
    entity: EntityRef,
    corpus: Corpus,
    config: SiteConfig,
    events: Sequence[Event],
    quotes: Sequence[tuple[ArticleInfo, Quote]] = (),
    network: CoOccurrence | None = None,
) -> list[Page]:
    """The entity's page(s): who or what it is, its timeline and statements, then every mention."""
    path = corpus.entity_page(entity.id)
    network = network or cooccurrence(corpus)
    infos = [corpus.by_id[a] for a in corpus.entity_articles.get(entity.id, ())]
    intro = [f"*{KIND_TITLES[entity.kind][:-1] if entity.kind != 'person' else 'Person'}*"]
    if entity.description:
        intro += ["", md_escape(entity.description)]
    if not entity.curated:
        intro += ["", '!!! note "Found in the text, not yet reviewed"', ""]
        intro += ["    Add it to `site_config/entities.yml` or list it under `ignore:` there."]
    links = " · ".join(
        f"[{md_escape(label[:1].upper() + label[1:])}]({url})" for label, url in entity.links if url.startswith(("https://", "http://"))
    )
    if links:
        intro += ["", links]
    mentions = _mentions(corpus, entity)
    aliases = _aliases_found(mentions)
    if aliases:
        intro += ["", "**Named in the text as:** " + ", ".join(aliases)]
    intro += ["", f"**{len(infos)} article{'s' if len(infos) != 1 else ''}** in the dossier.", ""]
    sections, shown_sections = _sections(corpus, entity, config, events, quotes, network)
    shown_intro = [*intro, *shown_sections, "## Mentions by article", ""]
    intro += [*sections, "## Mentions by article", ""]
    base = path[: -len(".md")]
    shown: dict[str, str] = {}
    item = article_item(corpus, entity, mentions, shown)
    return paginate(
        base, entity.name, infos, config.page_size, item, intro, description(corpus, entity), ENTITY_SEARCH,  # type: ignore[arg-type]
        Shown(shown_intro, lambda text: shown.get(text, text)), description(corpus, entity, counted=False),
    )
