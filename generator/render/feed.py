"""An Atom feed of the articles, newest first, written as a static file (no plugin needed)."""

from __future__ import annotations

from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from generator.config import SiteConfig
from generator.dossier.corpus import Corpus
from generator.language.slugs import slugify
from generator.models import Page
from generator.render.markup import page_url

LIMIT = 50
PATH = "feed.xml"
TAG_AUTHORITY = "tag:dossier,2024:"  # RFC 4151: tag:<authority>,<date>:<specific>, no spaces


def public_url(config: SiteConfig) -> str:
    """The site's public address, ending in '/', or '' when it is not known.

    ``SITE_URL`` in the environment wins over ``site_url`` in site.yml (``load_config`` reads both): the
    GitHub Pages workflow sets it, and mkdocs.yml reads the same variable for the sitemap and canonical links.
    """
    url = config.site_url.strip()
    return url.rstrip("/") + "/" if url else ""


def tag_uri(specific: str) -> str:
    """A valid tag URI: the specific part percent-encoded, so spaces and non-ASCII never reach it."""
    return TAG_AUTHORITY + quote(specific, safe="-._~:/")


def render_feed(corpus: Corpus, config: SiteConfig, site_url: str = "") -> Page:
    """feed.xml: dated articles only (a feed entry needs a date); ids are stable tag URIs."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    dated = [a for a in corpus.articles if a.analysis.pubdate.date][:LIMIT]
    updated = f"{dated[0].analysis.pubdate.date}T00:00:00Z" if dated else "1970-01-01T00:00:00Z"
    feed_id = base or tag_uri(slugify(config.title) or "dossier")
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(config.title)}</title>",
        f"  <id>{escape(feed_id)}</id>",
        f"  <updated>{updated}</updated>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(base + 'index.html')}/>",
    ]
    if base:
        out.append(f'  <link rel="self" type="application/atom+xml" href={quoteattr(base + PATH)}/>')
    for info in dated:
        article = info.analysis.article
        out += [
            "  <entry>",
            f"    <title>{escape(article.headline)}</title>",
            f"    <id>{escape(tag_uri(info.id))}</id>",
            f"    <updated>{info.analysis.pubdate.date}T00:00:00Z</updated>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(base + page_url(info.page))}/>",
            f"    <summary>{escape(article.standfirst or article.paragraphs[0][:300])}</summary>",
            f"    <author><name>{escape(info.agency or 'Unattributed')}</name></author>",
            "  </entry>",
        ]
    out.append("</feed>")
    return Page(PATH, "\n".join(out) + "\n")
