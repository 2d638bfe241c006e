"""What the renderers write for the sample dossier: the small things a reader notices (one title,
own descriptions, no self-links, no link to an empty page, speakers after the closing mark),
a valid Atom feed, the co-occurrence pictures, and `make browser`'s messages. No browser needed.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from generator.config import SiteConfig, load_config
from generator.dossier.corpus import Corpus
from generator.models import Page
from generator.render.feed import public_url, render_feed, tag_uri
from generator.render.markup import rel_md
from generator.render.network import cooccurrence, dossier_network, ego_network
from generator.render.site import iter_site, render_site
from generator.writer import write_pages
from tests.conftest import ROOT, page_links

ATOM = "{http://www.w3.org/2005/Atom}"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
# RFC 4151: tag:<authority>,<date>:<specific>, the specific part without spaces or non-ASCII.
TAG_URI = re.compile(r"tag:[a-z0-9.-]+,\d{4}(-\d\d){0,2}:[!-~]+")


@pytest.fixture(scope="module")
def pages(seed_corpus: Corpus, config: SiteConfig) -> dict[str, Page]:
    return {page.path: page for page in render_site(seed_corpus, config)}


def _meta(page: Page) -> dict[str, object]:
    match = re.match(r"---\n(.*?)\n---\n", page.text, re.S)
    assert match, f"{page.path}: front matter: expected a --- block, found none"
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict)
    return data


def _entity_pages(pages: dict[str, Page]) -> dict[str, Page]:
    return {p: page for p, page in pages.items() if re.fullmatch(r"entities/\w+/(?!index)[\w-]+\.md", p)}


def test_feed_ids_are_valid_tag_uris_even_for_a_title_with_spaces(
    seed_corpus: Corpus, config: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    odd = dataclasses.replace(config, title="Досье: Viktor Bout & friends", site_url="")
    feed = ET.fromstring(render_feed(seed_corpus, odd, public_url(odd)).text)
    ids = [feed.findtext(f"{ATOM}id")] + [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert len(ids) > 1
    for value in ids:
        assert value and TAG_URI.fullmatch(value), value
    assert tag_uri("a b/ü") == "tag:dossier,2024:a%20b/%C3%BC"


def test_feed_takes_the_public_address_from_the_environment(
    seed_corpus: Corpus, config: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITE_URL", "https://owner.github.io/repo")
    deployed = load_config(config.root)  # the settings read with the environment (it wins over site.yml)
    assert deployed.fingerprint != config.fingerprint  # the pages made without it are stale
    url = public_url(deployed)
    assert url == "https://owner.github.io/repo/"
    feed = ET.fromstring(render_feed(seed_corpus, deployed, url).text)
    assert feed.findtext(f"{ATOM}id") == url
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"alternate": url + "index.html", "self": url + "feed.xml"}
    for entry in feed.findall(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        assert link is not None and str(link.get("href")).startswith(url + "articles/")


def test_every_entity_page_has_its_own_description_and_no_link_to_itself(pages: dict[str, Page], config: SiteConfig) -> None:
    entity_pages = _entity_pages(pages)
    assert entity_pages
    descriptions = [str(_meta(page).get("description", "")) for page in entity_pages.values()]
    assert all(descriptions) and len(set(descriptions)) == len(descriptions)
    assert config.description not in descriptions
    for path, page in entity_pages.items():
        own = rel_md(path, path)
        assert f"]({own})" not in page.text and f"]({own}#" not in page.text, f"{path} links to itself"


def test_people_and_places_lists_the_entities_by_kind(pages: dict[str, Page], seed_corpus: Corpus) -> None:
    index = pages["entities/index.md"].text
    for entity_id, entity in seed_corpus.entities.items():
        assert rel_md("entities/index.md", seed_corpus.entity_page(entity_id)) in page_links(index), entity.name
    kinds = {e.kind for e in seed_corpus.entities.values()}
    for kind, heading in (("person", "## People"), ("organisation", "## Organisations"), ("place", "## Places")):
        assert (heading in index) == (kind in kinds), heading
    assert "<svg" in index, "no dossier network"


def test_no_link_to_an_empty_page(pages: dict[str, Page], seed_corpus: Corpus) -> None:
    undated = [a for a in seed_corpus.articles if a.analysis.pubdate.date is None]
    assert ("archive/undated.md" in pages) == bool(undated)
    assert ("undated.md" in pages["archive/index.md"].text) == bool(undated)
    targets = {p for p in pages} | {"about.md"}
    for path, page in pages.items():
        if not path.endswith(".md"):
            continue
        for link in page_links(page.text):
            resolved = os.path.normpath(os.path.join(os.path.dirname(path), link))
            assert resolved in targets, f"{path}: link to {link}: no such page"
            assert "Nothing here yet." not in pages.get(resolved, Page("", "")).text or resolved.endswith("index.md"), (
                f"{path}: {link} is empty"
            )


def test_speaker_label_follows_the_closing_quotation_mark(pages: dict[str, Page]) -> None:
    articles = [page.text for path, page in pages.items() if path.startswith("articles/")]
    speakers = [m for text in articles for m in re.finditer(r'(.{0,80})<(?:a|span) class="dossier-speaker"', text)]
    assert speakers, "no quote with a speaker in the samples"
    closed = 0
    for match in speakers:
        before = match.group(1)
        assert before.endswith("</span>"), before
        closed += bool(re.search(r'class="dossier-quote dossier-quote-end">[,.;:!?]?["”»’\']</span>$', before))
    assert closed, "no speaker placed after a closing quotation mark"


def test_paragraph_links_say_where_they_go(pages: dict[str, Page]) -> None:
    pilcrows = [m for page in pages.values() for m in re.finditer(r"\[¶\d*\]\([^)]*\)(\{[^}]*\})?", page.text)]
    html = [m for page in pages.values() for m in re.finditer(r"<a ([^>]*)>¶\d*</a>", page.text)]
    assert pilcrows or html
    for match in pilcrows:
        assert match.group(1) and 'aria-label="paragraph ' in match.group(1), match.group(0)
    for match in html:
        assert 'aria-label="paragraph ' in match.group(1), match.group(0)


def test_article_pages_rank_before_the_pages_that_gather_their_words(pages: dict[str, Page]) -> None:
    search = {path: _meta(page).get("search") or {} for path, page in pages.items() if path.endswith(".md")}
    articles = [s.get("boost") for p, s in search.items() if p.startswith("articles/")]  # type: ignore[union-attr]
    entities = [
        s.get("boost") for p, s in search.items() if p.startswith("entities/") and not p.split("/")[-1].startswith("index")
    ]  # type: ignore[union-attr]
    assert articles and entities and None not in articles and None not in entities
    assert min(articles) > max(entities)
    # The listings only repeat the articles' words: out of the index altogether.
    assert all(search[p].get("exclude") is True for p in ("quotes.md", "timeline.md", "index.md", "entities/index.md"))


def _svg(html: str) -> ET.Element:
    match = re.search(r"<svg.*</svg>", html, re.S)
    assert match, "no SVG"
    return ET.fromstring(match.group(0))


def test_network_pictures_are_deterministic_valid_svg_linking_entities(seed_corpus: Corpus) -> None:
    network = cooccurrence(seed_corpus)
    central = max(seed_corpus.entities, key=lambda e: (len(network.partners.get(e, {})), e))
    path = seed_corpus.entity_page(central)
    first = ego_network(seed_corpus, network, central, path)
    assert first == ego_network(seed_corpus, cooccurrence(seed_corpus), central, path)
    svg = _svg(first)
    links = [a.get(XLINK) for a in svg.iter(f"{SVG}a")]
    assert len(links) == min(12, len(network.partners[central]))
    assert rel_md(path, path).replace(".md", ".html") not in links, "the picture links the page to itself"
    assert all(str(link).endswith(".html") for link in links)
    # the edges take their colour from their group: the ring's (weak), then the centre's spokes (strong) on top
    groups = [g.get("class") for g in svg.iter(f"{SVG}g") if "dossier-net-edge" in str(g.get("class"))]
    assert groups[-1] == "dossier-net-edge dossier-net-strong" and len(groups) <= 2, groups
    spokes = list(next(g for g in svg.iter(f"{SVG}g") if g.get("class") == groups[-1]))
    assert len(spokes) == len(links), "one spoke from the centre to each name around it"
    in_groups = sum(len(list(g)) for g in svg.iter(f"{SVG}g") if "dossier-net-edge" in str(g.get("class")))
    assert in_groups == len(list(svg.iter(f"{SVG}path"))), "an edge outside its group is drawn without its colour"
    assert not re.search(r'[ "M]\d+\.0[ "]', first), "a number written with a useless .0"
    dossier = _svg(dossier_network(seed_corpus, network, "entities/index.md"))
    assert 2 <= len(list(dossier.iter(f"{SVG}a"))) <= 16


def test_network_escapes_names_from_the_input(seed_corpus: Corpus) -> None:
    network = cooccurrence(seed_corpus)
    central = max(seed_corpus.entities, key=lambda e: (len(network.partners.get(e, {})), e))
    partner = sorted(network.partners[central])[0]
    hostile = dataclasses.replace(seed_corpus.entities[partner], name='<script>alert(1)</script> & "x"')
    corpus = dataclasses.replace(seed_corpus, entities={**seed_corpus.entities, partner: hostile})
    html = ego_network(corpus, network, central, corpus.entity_page(central))
    assert "<script>" not in html
    texts = ["".join(t.itertext()) for t in _svg(html).iter(f"{SVG}text")]
    assert any("<script>" in t for t in texts), "the name is not shown as text"


# --- make browser ------------------------------------------------------------------------------


def _fake_bin(tmp: Path, **scripts: str) -> Path:
    """A PATH with only the given commands (and sleep), so chromium is absent whatever the machine has."""
    folder = tmp / "bin"
    folder.mkdir()
    for name, body in {"sleep": 'exec /bin/sleep "$@"', **scripts}.items():
        path = folder / name
        path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return folder


def _install(tmp: Path, **scripts: str) -> str:
    env = {"PATH": str(_fake_bin(tmp, **scripts)), "BROWSER_LOCK_TIMEOUT": "5"}
    result = subprocess.run(
        ["/bin/sh", str(ROOT / "tests" / "install_browser.sh")], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_browser_says_when_it_cannot_install(tmp_path: Path) -> None:
    out = _install(tmp_path, id="echo 1000")
    assert "BROWSER TESTS WILL BE SKIPPED" in out and "cannot install" in out


def test_make_browser_waits_for_the_package_lock_then_gives_up_clearly(tmp_path: Path) -> None:
    out = _install(tmp_path, id="echo 0", fuser="exit 0", **{"apt-get": "echo apt-get must not run >&2; exit 1"})
    assert "waiting up to 5s" in out
    assert "BROWSER TESTS WILL BE SKIPPED" in out and "lock was still held after 5s" in out


def test_make_browser_installs_once_the_lock_is_free(tmp_path: Path) -> None:
    log = tmp_path / "apt.log"
    out = _install(tmp_path, id="echo 0", fuser="exit 1", env='shift; exec "$@"', **{"apt-get": f'echo "$@" >> {log}'})
    assert "installing Debian's chromium" in out
    calls = log.read_text(encoding="utf-8").splitlines()
    assert len(calls) == 2 and "DPkg::Lock::Timeout=5" in calls[0] and "install -y chromium" in calls[1]


def test_pages_forked_workers_write_land_as_the_pages_rendered_here(
    seed_corpus: Corpus, config: SiteConfig, pages: dict[str, Page], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from generator.render import pool

    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("processes cannot be forked here: the pages are rendered in this process")
    monkeypatch.setattr(pool, "MIN_UNITS", 1)  # the sample dossier is far below the real threshold
    docs, staging = tmp_path / "docs", tmp_path / "staging"
    kinds: set[type] = set()

    def noted(stream):  # type: ignore[no-untyped-def]
        for page in stream:
            kinds.add(type(page))
            yield page

    config = dataclasses.replace(config, docs_dir=docs)  # the workers stage the pages this folder lacks
    report = write_pages(noted(iter_site(seed_corpus, config, workers=2, staging=staging)), docs, staging=staging)
    assert pool.Staged in kinds  # the workers wrote pages' files themselves
    assert sorted(report.written) == sorted(pages) and not staging.exists()
    assert {path: (docs / path).read_text(encoding="utf-8") for path in pages} == {p.path: p.text for p in pages.values()}
    kinds.clear()
    again = write_pages(noted(iter_site(seed_corpus, config, workers=2, staging=staging)), docs, staging=staging)
    assert pool.Staged not in kinds and again.written == () and not staging.exists()  # docs/ holds them all: none staged


def test_pages_rendered_in_forked_workers_are_the_pages_rendered_here(
    seed_corpus: Corpus, config: SiteConfig, pages: dict[str, Page], monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.render import pool

    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("processes cannot be forked here: the pages are rendered in this process")
    monkeypatch.setattr(pool, "MIN_UNITS", 1)  # the sample dossier is far below the real threshold
    forked = render_site(seed_corpus, config, workers=2)
    assert [p.path for p in forked] == sorted(pages) and {p.path: p for p in forked} == pages
    wanted: list[str] = []

    def stale(kind: str, ident: str, extra: object) -> bool:
        wanted.append(ident)
        return kind == "entity"

    assert {p.path: p for p in render_site(seed_corpus, config, workers=2, stale=stale)} == pages
    assert len(wanted) == len(seed_corpus.articles) + sum(1 for e in seed_corpus.entities if seed_corpus.has_page(e))
