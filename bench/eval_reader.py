"""Headline, standfirst, dateline and stamp found in wire copy, plain and as captured pages.

Run ``python -m bench.eval_reader`` from the project root. It reads the stories of
../shared/corpora/tass-dev twice: as the .txt files are, and wrapped in several
captured-page layouts built here at run time from invented page furniture (menus,
a timestamp line, crawler date tokens, photo credits, teaser lists, varied dateline
punctuation). Each story is checked against the scraper's JSON (title, description,
dateline paragraph, last paragraph, true date). The layouts were written while the
reader was built, so every figure here is a DEVELOPMENT score.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.config import load_config
from generator.models import Article
from generator.readers import ReadError
from generator.readers.text import read

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "tass-dev"


@dataclass(frozen=True)
class Story:
    name: str
    title: str
    description: str
    paragraphs: tuple[str, ...]  # dateline paragraph first
    date: dt.datetime


@dataclass(frozen=True)
class Page:
    text: str
    standfirst: str  # expected ("" when the layout has none)
    first: str  # expected first body paragraph
    stamp: dt.date | None  # expected stamp


def _stories(folder: Path) -> list[Story]:
    items = json.loads((folder / "opnweb_politics_20.json").read_text(encoding="utf-8"))
    return [
        Story(
            item["link"].rsplit("/", 1)[1],
            item["title"].strip(),
            item["description"].strip(),
            tuple(p.strip() for p in item["content"][1:] if p.strip()),
            dt.datetime.fromisoformat(item["date"]),
        )
        for item in items
    ]


TEASERS = [
    "Parliament to debate a new budget rule next week",
    "Grain exports reach a seasonal high, ministry says",
    "Cosmonauts complete a six-hour spacewalk",
]


def _teasers(story: Story) -> list[str]:
    times = [f"{story.date:%B} {story.date.day}, {h}:{m:02d}" for h, m in ((18, 5), (17, 40), (16, 12))]
    return ["More news", *[x for pair in zip(TEASERS, times, strict=True) for x in pair]]


def tass_com(s: Story) -> Page:
    head = [
        "Russian Politics & Diplomacy",
        "All news",
        "Search",
        "Enter your query",
        "Currency converter",
        "USD 92.51",
        "{{element.title}}",
    ]
    stamp = f"{s.date:%B %d, %Y, %H:%M} UTC+3"
    page = [
        *head,
        stamp,
        s.title,
        s.description,
        "© Invented Photographer/TASS",
        "1 pages in this article",
        *s.paragraphs,
        "Read also",
        *_teasers(s)[1:],
    ]
    return Page("\n\n".join(page), s.description, s.paragraphs[0], s.date.date())


def itar_tass_old(s: Story) -> Page:
    head = ["Back to Main page", "ITAR-TASS", "Top stories", "Russia", "World", "Economy"]
    page = [*head, s.title, f"{s.date:%d.%m.%Y, %H:%M}", *s.paragraphs, *_teasers(s)]
    return Page("\n\n".join(page), "", s.paragraphs[0], s.date.date())


def crawler_token(s: Story) -> Page:
    first = s.paragraphs[0].replace(". /TASS/. ", "./TASS/. ", 1)
    page = [
        f"date {s.date:%Y-%m-%d} Back to Main page",
        s.title,
        s.description,
        f"date {s.date:%Y-%m-%d} {first}",
        *s.paragraphs[1:],
    ]
    return Page("\n\n".join(page), s.description, first, s.date.date())


def doubled_agency(s: Story) -> Page:
    first = s.paragraphs[0].replace(". /TASS/. ", ". /TASS/. /TASS/. ", 1)
    stamp = f"{s.date.day} {s.date:%b %Y, %H:%M}"
    page = ["Menu", "Society & Culture", s.title, stamp, s.description, first, *s.paragraphs[1:], *_teasers(s)]
    return Page("\n\n".join(page), s.description, first, s.date.date())


def long_dash(s: Story) -> Page:
    first = s.paragraphs[0].replace(". /TASS/. ", " —— ", 1)
    page = [
        "Sign in",
        "Filter by date",
        f"{s.date:%Y-%m-%dT%H:%M:%S}+03:00",
        s.title,
        s.description,
        "Photo: Invented Agency archive",
        first,
        *s.paragraphs[1:],
    ]
    return Page("\n\n".join(page), s.description, first, s.date.date())


def sidebar_and_caption(s: Story) -> Page:
    sidebar = ["Latest news", "18:40", TEASERS[0], "18:31", TEASERS[1], "18:20", TEASERS[2]]
    page = [*sidebar, s.title, s.description, "The minister at a meeting", *s.paragraphs]
    page += ["Read more", TEASERS[2], "Materials of this site may be used only with a hyperlink to the source."]
    return Page("\n\n".join(page), s.description, s.paragraphs[0], None)


def one_newline_crlf(s: Story) -> Page:
    page = ["\tAll news", "Search", s.title, f"updated at: {s.date:%H:%M}", s.description, *s.paragraphs]
    return Page("\r\n".join(page), s.description, s.paragraphs[0], None)


def as_scraped(s: Story) -> Page:
    page = [s.title, s.description, *s.paragraphs]
    return Page("\n\n".join(page), s.description, s.paragraphs[0], None)


def print_view(s: Story) -> Page:
    page = ["Print version", "Close window", s.title, *s.paragraphs]
    page += [f"Published: {s.date:%d/%m/%Y %H:%M}", "Printed from itar-tass.com"]
    page += ["URL: http://www.itar-tass.com/en/c1/000000.html"]
    return Page("\n\n".join(page), "", s.paragraphs[0], s.date.date())


def amp_share(s: Story) -> Page:
    page = ["tass.com", "AMP", "Open in app", "World", s.title, s.description, *s.paragraphs]
    page += ["Share", "Tweet", "Subscribe to our Telegram channel", "Source: TASS", "Read more >>", TEASERS[0]]
    return Page("\n\n".join(page), s.description, s.paragraphs[0], None)


def google_cache(s: Story) -> Page:
    head = [
        "This is Google's cache of http://www.itar-tass.com/en/c1/000000.html. It is a snapshot of the page as it appeared"
        f" on {s.date + dt.timedelta(days=1):%d %b %Y} 04:31:10 GMT. The current page could have changed in the meantime."
        " Learn more",
        "Full version",
        "Text-only version",
        "View source",
        "ITAR-TASS News Agency",
        "RU | EN",
        "A A A",
        "Home > World",
    ]
    page = [*head, s.title, f"{s.date:%B %d, %Y, %H:%M}", *s.paragraphs, "Print | Send", "Comments (0)"]
    return Page("\n\n".join(page), "", s.paragraphs[0], s.date.date())


def run_in_caption_byline(s: Story) -> Page:
    """Cookie banner, byline, the headline run into the dateline's line, a caption between paragraphs."""
    caption = "Participants of the meeting in the conference hall of the ministry"
    body = [f"{s.title} {s.paragraphs[0]}", *s.paragraphs[1:2], caption, *s.paragraphs[2:]]
    if len(s.paragraphs) < 3:
        body = [f"{s.title} {s.paragraphs[0]}", *s.paragraphs[1:]]
    cookies = "This website uses cookies. By continuing to browse the site you agree to our use of cookies."
    head = [cookies, "OK", "By Invented Author"]
    return Page("\n\n".join([*head, *body]), "", s.paragraphs[0], None)


LAYOUTS: dict[str, Callable[[Story], Page]] = {
    "as scraped (headline, standfirst, dateline)": as_scraped,
    "tass.com page (menus, widgets, stamp, credit, teasers)": tass_com,
    "old itar-tass page (no standfirst, dd.mm.yyyy stamp)": itar_tass_old,
    "crawler date tokens, ./TASS/. without space": crawler_token,
    "stamp after headline, doubled /TASS/. /TASS/.": doubled_agency,
    "ISO stamp, '——' dateline, photo line": long_dash,
    "sidebar headlines with times, caption, reuse notice": sidebar_and_caption,
    "one line per element, CRLF, tab, 'updated at:' time": one_newline_crlf,
    "print view, dd/mm/yyyy stamp after the story, URL footer": print_view,
    "AMP text, share lines, 'Source: TASS', one trailing teaser": amp_share,
    "Google-cache header, old site tools, stamp": google_cache,
    "cookie banner, byline, headline run in, caption in body": run_in_caption_byline,
}


def _check(article: Article, story: Story, page: Page) -> dict[str, bool]:
    line = article.dateline
    return {
        "headline": article.headline == story.title,
        "standfirst": article.standfirst == page.standfirst,
        "dateline": line is not None and (line.month, line.day) == (story.date.month, story.date.day),
        "first paragraph": bool(article.paragraphs) and article.paragraphs[0] == page.first,
        "last paragraph": bool(article.paragraphs) and article.paragraphs[-1] == story.paragraphs[-1],
        "stamp": getattr(article, "stamp", None) == page.stamp,
        "every paragraph": tuple(article.paragraphs) == (page.first, *story.paragraphs[1:]),
        "no furniture": not _junk_shown(article, story, page),
    }


def _junk_shown(article: Article, story: Story, page: Page) -> list[str]:
    """Lines of the page that are not the story's (menus, stamps, teasers, captions) and yet stand in the article."""
    own = {story.title, story.description, *story.paragraphs, page.first}
    lines = (line.strip() for line in page.text.splitlines())
    junk = [line for line in lines if line and line not in own and story.title not in line]
    shown = [article.headline, article.standfirst, *article.paragraphs]
    return [j for j in junk if any((j in text) if len(j) >= 10 else j == text for text in shown)]


_KEYS = ("headline", "standfirst", "dateline", "first paragraph", "last paragraph", "every paragraph", "stamp", "no furniture")


def _short(key: str) -> str:
    return key if key in ("no furniture", "every paragraph") else key.split()[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the tass-dev folder (default: %(default)s)")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"{args.corpus}: not present (it exists beside CI's checkout only)", file=sys.stderr)
        return 2
    options = load_config(ROOT).reader
    stories = _stories(args.corpus)
    print(f"tass-dev: {len(stories)} stories (DEVELOPMENT score: the layouts were written while building the reader)")
    print("per layout: stories (of the total) whose headline, standfirst, dateline, first and last paragraph,")
    print("all paragraphs and stamp are right, and whose article text holds no line of page furniture")
    files = sorted(args.corpus.glob("*.txt"))
    by_id = {story.name: story for story in stories}
    found: Counter[str] = Counter()
    for path in files:
        story = by_id[path.stem.rsplit("_", 1)[1]]
        article = read(path.read_text(encoding="utf-8"), path.name, options)
        found["headline"] += article.headline == story.title
        found["dateline"] += article.dateline is not None and (article.dateline.month, article.dateline.day) == (
            story.date.month,
            story.date.day,
        )
    print(f"{'the .txt files as stored':58} headline {found['headline']}/{len(files)}  dateline {found['dateline']}/{len(files)}")
    for label, layout in LAYOUTS.items():
        counts: Counter[str] = Counter()
        for story in stories:
            page = layout(story)
            try:
                result = _check(read(page.text, story.name + ".txt", options), story, page)
            except ReadError as exc:
                result = {"read": False}
                if args.verbose:
                    print(f"  {story.name}: {exc}")
            for key, ok in result.items():
                counts[key] += ok
                if args.verbose and not ok:
                    print(f"  {label}: {story.name}: {key} wrong")
        print(f"{label:58} " + "  ".join(f"{_short(k)} {counts[k]}" for k in _KEYS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
