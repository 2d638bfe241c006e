"""A page per person, organisation and place: everything the dossier says about them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from generator.config import SiteConfig
from generator.dossier.corpus import Corpus
from generator.models import ArticleInfo, EntityRef, Event, Mention, Page, Quote
from generator.render.article import KIND_TITLES, anchor, long_date
from generator.render.indexes import paginate
from generator.render.markup import md_escape, rel_md
from generator.render.timeline import event_line

SNIPPET = 90  # characters of context on each side of a mention
MAX_PER_ARTICLE = 5  # mentions in context shown per article


def snippet(text: str, start: int, end: int, width: int = SNIPPET) -> str:
    """'… context **name** context …', escaped, cut on word boundaries."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0:
        space = text.find(" ", left)
        left = space + 1 if 0 <= space < start else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space > end else right
    before = ("… " if left > 0 else "") + md_escape(text[left:start])
    after = md_escape(text[end:right]) + (" …" if right < len(text) else "")
    return f"{before}**{md_escape(text[start:end])}**{after}"


def _block_text(info: ArticleInfo, paragraph: int) -> str:
    return dict(info.analysis.article.text_blocks()).get(paragraph, "")


def _article_item(corpus: Corpus, entity: EntityRef) -> object:
    def line(path: str, info: ArticleInfo) -> str:
        mentions: list[Mention] = [m for m in info.analysis.mentions if m.entity == entity.id]
        head = f"### [{md_escape(info.analysis.article.headline)}]({rel_md(path, info.page)})\n\n{long_date(info)}"
        if info.agency:
            head += f" · {md_escape(info.agency)}"
        shown = []
        for mention in mentions[:MAX_PER_ARTICLE]:
            text = _block_text(info, mention.paragraph)
            link = rel_md(path, info.page, anchor(mention.paragraph))
            shown.append(f"- {snippet(text, mention.start, mention.end)} [¶]({link})")
        more = len(mentions) - len(shown)
        tail = [f"- and {more} more mention(s) in this article"] if more > 0 else []
        return "\n".join([head, "", *shown, *tail, ""])

    return line


def _statements(quotes: Sequence[tuple[ArticleInfo, Quote]], path: str) -> list[str]:
    """The entity's quotes, oldest first; ``quotes`` comes from an index built once per site."""
    return [
        f"- {long_date(info)}: “{md_escape(quote.text)}” ([{md_escape(info.analysis.article.headline)}]({rel_md(path, info.page, anchor(quote.paragraph))}))"
        for info, quote in quotes
    ]


def _cooccurring(corpus: Corpus, entity: EntityRef, path: str, limit: int = 20) -> list[str]:
    counts: Counter[str] = Counter()
    for article_id in corpus.entity_articles.get(entity.id, ()):
        info = corpus.by_id[article_id]
        counts.update({m.entity for m in info.analysis.mentions if m.entity != entity.id and corpus.has_page(m.entity)})
    top = sorted(counts.items(), key=lambda kv: (-kv[1], corpus.entities[kv[0]].name))[:limit]
    return [
        f"- [{md_escape(corpus.entities[eid].name)}]({rel_md(path, corpus.entity_page(eid))}) · together in {n} article{'s' if n != 1 else ''}"
        for eid, n in top
    ]


def _aliases_found(corpus: Corpus, entity: EntityRef) -> list[str]:
    found: Counter[str] = Counter()
    for article_id in corpus.entity_articles.get(entity.id, ()):
        found.update(m.surface for m in corpus.by_id[article_id].analysis.mentions if m.entity == entity.id)
    return [f"{md_escape(surface)} ({n})" for surface, n in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))]


def render_entity(
    entity: EntityRef, corpus: Corpus, config: SiteConfig, events: Sequence[Event], quotes: Sequence[tuple[ArticleInfo, Quote]] = ()
) -> list[Page]:
    """The entity's page(s): who or what it is, its timeline and statements, then every mention."""
    path = corpus.entity_page(entity.id)
    infos = [corpus.by_id[a] for a in corpus.entity_articles.get(entity.id, ())]
    intro = [f"*{KIND_TITLES[entity.kind][:-1] if entity.kind != 'person' else 'Person'}*"]
    if entity.description:
        intro += ["", md_escape(entity.description)]
    if not entity.curated:
        intro += ["", "!!! note \"Found in the text, not yet reviewed\"", "", "    Add it to `site_config/entities.yml` or list it under `ignore:` there."]
    links = " · ".join(f"[{md_escape(label[:1].upper() + label[1:])}]({url})" for label, url in entity.links if url.startswith(("https://", "http://")))
    if links:
        intro += ["", links]
    aliases = _aliases_found(corpus, entity)
    if aliases:
        intro += ["", "**Named in the text as:** " + ", ".join(aliases)]
    intro += ["", f"**{len(infos)} article{'s' if len(infos) != 1 else ''}** in the dossier."]
    if events:
        intro += ["", "## Timeline", ""] + [event_line(path, event, corpus) for event in events[: config.page_size]]
    statements = _statements(quotes, path)
    if statements:
        intro += ["", "## Statements", ""] + statements[: config.page_size]
        if len(statements) > config.page_size:
            intro.append(f"- and {len(statements) - config.page_size} more: see [who said what]({rel_md(path, 'quotes.md')})")
    together = _cooccurring(corpus, entity, path)
    if together:
        intro += ["", "## Appears alongside", ""] + together
    intro += ["", "## Mentions by article", ""]
    base = path[: -len(".md")]
    return paginate(base, entity.name, infos, config.page_size, _article_item(corpus, entity), intro)  # type: ignore[arg-type]
