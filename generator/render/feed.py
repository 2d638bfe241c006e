"""An Atom feed of the articles, newest first, written as a static file (no plugin needed)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from generator.config import SiteConfig
from generator.dossier.corpus import Corpus
from generator.models import Page
from generator.render.markup import page_url

LIMIT = 50


def render_feed(corpus: Corpus, config: SiteConfig, site_url: str = "") -> Page:
    """feed.xml: dated articles only (a feed entry needs a date); ids are stable tag URIs."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    dated = [a for a in corpus.articles if a.analysis.pubdate.date][:LIMIT]
    updated = f"{dated[0].analysis.pubdate.date}T00:00:00Z" if dated else "1970-01-01T00:00:00Z"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(config.title)}</title>",
        f"  <id>tag:dossier,2024:{escape(config.title)}</id>",
        f"  <updated>{updated}</updated>",
        f'  <link rel="alternate" href="{escape(base)}index.html"/>',
    ]
    for info in dated:
        article = info.analysis.article
        out += [
            "  <entry>",
            f"    <title>{escape(article.headline)}</title>",
            f"    <id>tag:dossier,2024:{escape(info.id)}</id>",
            f"    <updated>{info.analysis.pubdate.date}T00:00:00Z</updated>",
            f'    <link rel="alternate" href="{escape(base + page_url(info.page))}"/>',
            f"    <summary>{escape(article.standfirst or article.paragraphs[0][:300])}</summary>",
            f"    <author><name>{escape(info.agency or 'Unattributed')}</name></author>",
            "  </entry>",
        ]
    out.append("</feed>")
    return Page("feed.xml", "\n".join(out) + "\n")
