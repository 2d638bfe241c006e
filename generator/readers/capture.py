"""Finding the article inside a captured wire page.

Text copied or crawled from an agency's web page holds more than the story:
menus, section labels, search prompts, a currency widget and photo credits
before the headline, the page's timestamp line, then the headline, standfirst
and the dateline paragraph, and after the story lists of other stories. The
dateline ("MOSCOW, March 5. /TASS/.") is the anchor: what stands before it is
page head (headline and standfirst are its last lines), what follows is the
story, minus teaser boxes. Vocabularies are data (site_config/furniture.yml);
this module only knows the shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.config import ReaderOptions
from generator.language.regexes import any_fullmatch
from generator.models import Dateline
from generator.readers.dateline import find_dateline, parse_dateline
from generator.readers.timestamp import Stamp, has_clock, is_yearless_time, stamp_line, stamp_prefix

_PROSE_WORDS = 60  # a paragraph this long before any dateline is story text: the page has no dateline
_TEASER_WORDS = 25  # a teaser headline is shorter than this
_MENU_WORDS = 4  # a short line of capitalised words only is a menu entry or a section label
_STANDFIRST_WORDS = 6  # a standfirst is a sentence of at least this many words
_STANDFIRST_SHARE = 0.75  # a standfirst is rarely much shorter than the headline above it
_PAIR_WITHIN = 3  # headline and standfirst are among the last lines before the dateline
_CAPTION_WORDS = 4  # a caption or another story's headline has at least this many words; a shorter line may be a heading
_DATED = ("date", "time", "stamp")
_LABEL = re.compile(r"[A-Z][\w.'’\-]*(?: [A-Z&][\w.'’\-]*){0,3}")  # "Invented Author", "Background": a name or a label
_ARTICLES = ("the", "a", "an")  # wire headlines drop them: a last line opening with one is the story's, unfinished
_SENTENCE_END = (".", "!", "?", "…")
_CLOSERS = "\"'”’»)]"


@dataclass(frozen=True)
class _Line:
    text: str
    # "text"; "marker" (opens a teaser box); "date" and "time" (a line that is only a date, with or
    # without a year: a page's timestamp before the dateline, a chronology's heading or a teaser's
    # time after it); "stamp" (a labelled date or a crawler's token: page chrome wherever it stands)
    kind: str
    stamp: Stamp | None = None


@dataclass(frozen=True)
class Located:
    """The article's parts as found on the page; ``body`` starts with the dateline paragraph."""

    headline: str
    standfirst: str
    body: tuple[str, ...]
    dateline: Dateline
    stamp: Stamp | None
    notes: tuple[str, ...] = ()


def words(line: str) -> int:
    return len(line.split())


def is_sentence(line: str) -> bool:
    """Ends as a sentence does ("… he said.", "…."”, "…:"): body copy, not a headline or a menu."""
    stripped = line.rstrip().rstrip(_CLOSERS)
    return stripped.endswith(_SENTENCE_END + (":", ";")) and not line.rstrip().endswith("?")


def is_menu(line: str) -> bool:
    """A menu entry, breadcrumb or section label: one word, or a few words all capitalised with no punctuation."""
    crumbs = re.split(r"\s[|>»/]\s", line)
    if words(line) == 1 or (len(crumbs) > 1 and all(words(crumb) <= _MENU_WORDS for crumb in crumbs)):
        return True
    parts = line.split()
    if len(parts) > _MENU_WORDS or any(ch in line for ch in ":,—–-\"“”?!."):
        return False
    return all(not part[0].isalpha() or part[0].isupper() for part in parts)


def _other_script(line: str) -> bool:
    """Mostly letters of another script ("Все новости" on an English mirror of a Russian site): not this story's head."""
    letters = [ch for ch in line if ch.isalpha()]
    latin = sum(ch.isascii() or "À" <= ch <= "ɏ" for ch in letters)
    return bool(letters) and latin < len(letters) / 2


def is_teaser(line: str) -> bool:
    """A headline of another story: short, not finished as a sentence."""
    return not is_sentence(line) and words(line) <= _TEASER_WORDS


def is_headline_shaped(line: str, options: ReaderOptions) -> bool:
    """Another story's headline or a photo caption: short, capitalised, unfinished, and not the story's own
    (furniture.yml ``story_lines`` names unfinished lines that are: "…, the chairman said", "He added")."""
    if not is_teaser(line) or words(line) < _CAPTION_WORDS or not line[:1].isupper():
        return False
    return not any(pattern.search(line) for pattern in options.story_lines)


# The last lines asked about, with the list of furniture patterns they were asked of: a file
# without a dateline is sifted (``sift``) and then read plainly (``readers.text._plain``), each
# asking the same lines. The list and its answers are swapped as one: a thread with another
# list never reads answers given for this one.
_FURNITURE_SEEN: list[tuple[tuple[re.Pattern[str], ...], dict[str, bool]]] = [((), {})]
_FURNITURE_KEPT = 512  # lines remembered: far more than one file's paragraphs


def is_furniture(line: str, options: ReaderOptions) -> bool:
    patterns = options.furniture
    owner, seen = _FURNITURE_SEEN[0]
    if owner is not patterns:
        seen = {}
        _FURNITURE_SEEN[0] = (patterns, seen)
    found = seen.get(line)
    if found is None:
        found = any_fullmatch(patterns, line)
        if len(seen) >= _FURNITURE_KEPT:
            seen.clear()
        seen[line] = found
    return found


def _sift_one(paragraph: str, options: ReaderOptions) -> list[_Line]:
    if any_fullmatch(options.teasers, paragraph):
        return [_Line(paragraph, "marker")]
    if is_furniture(paragraph, options):
        return []
    stamp = stamp_line(paragraph, options.stamp_labels)
    if stamp is not None:
        return [_Line(paragraph, "date" if stamp_line(paragraph) else "stamp", stamp)]
    if is_yearless_time(paragraph):
        return [_Line(paragraph, "time")]
    if is_yearless_time(paragraph, options.stamp_labels):
        return []  # "updated at: 19:10": page chrome
    split = stamp_prefix(paragraph, options.stamp_labels)
    if split is None:
        return [_Line(paragraph, "text")]
    token, rest = split
    return [_Line(token.text, "stamp", token), *_sift_one(rest.strip(), options)]


def sift(paragraphs: list[str], options: ReaderOptions) -> list[_Line]:
    """Each paragraph classified; furniture gone, a date token split from the text it stood before."""
    return [line for paragraph in paragraphs for line in _sift_one(paragraph, options)]


def _verdict(i: int, line: _Line) -> tuple[int, int, Dateline] | bool:
    """What line ``i`` says of the dateline: where it is (index, offset in the line, the dateline),
    False when the line is story text before any (the page has none), True when the search goes on."""
    if line.kind != "text":
        return True
    at_start = parse_dateline(line.text)
    if at_start is not None:
        return i, 0, at_start
    inline = find_dateline(line.text)
    if inline is not None:
        return i, inline[0], inline[1]
    return not (words(line.text) >= _PROSE_WORDS and is_sentence(line.text))


def _sift_to_dateline(paragraphs: list[str], options: ReaderOptions) -> tuple[list[_Line], tuple[int, int, Dateline] | None]:
    """The paragraphs sifted, with the dateline found in them (None: the page has none).

    The lines are asked in order as they are sifted, and a page found to have no dateline
    (a paragraph of prose before any) is sifted no further: its lines are not used.
    """
    lines: list[_Line] = []
    for n, paragraph in enumerate(paragraphs):
        first = len(lines)
        lines += _sift_one(paragraph, options)
        for i in range(first, len(lines)):
            found = _verdict(i, lines[i])
            if isinstance(found, tuple):
                return lines + sift(paragraphs[n + 1 :], options), found
            if not found:
                return lines, None
    return lines, None


def _split_dateline_line(lines: list[_Line], index: int, offset: int, options: ReaderOptions) -> list[_Line]:
    """Text run into the dateline's line (a headline, a credit) becomes its own line before it."""
    if offset == 0:
        return lines
    text = lines[index].text
    prefix = text[:offset].strip(" \t|·•–—-")
    before = _sift_one(prefix, options) if prefix else []
    return lines[:index] + before + [_Line(text[offset:], "text")] + lines[index + 1 :]


def _head(texts: list[str]) -> tuple[str, str]:
    """Headline and standfirst: the last pair of lines before the dateline that reads as one, else the last line.

    A caption may stand between the standfirst and the dateline, so the pair is
    looked for among the last few lines, from the end.
    """
    candidates = [t for t in texts if not is_menu(t) and not _other_script(t)]
    if not candidates:
        return (texts[0], " ".join(texts[1:2])) if texts else ("", "")  # odd but all there is: keep the old reading
    only_two = len(candidates) == 2
    for at in range(len(candidates) - 1, max(0, len(candidates) - _PAIR_WITHIN), -1):
        if _is_standfirst(candidates[at - 1], candidates[at], only_two):
            return candidates[at - 1], candidates[at]
    return candidates[-1], ""


def _is_standfirst(head: str, last: str, only_two: bool) -> bool:
    """``last`` is the standfirst under the headline ``head``.

    Two lines alone before the dateline are headline and standfirst (the scraped
    shape) when the first reads as a headline; among more lines, the standfirst
    must also be a sentence or about as long as the headline above it.
    """
    if is_sentence(head) and words(head) >= _STANDFIRST_WORDS * 2:
        return False  # the line before is itself body-like: ``last`` is the headline of a page without standfirst
    if not (words(head) >= _MENU_WORDS or any(word[:1].islower() for word in head.split())):
        return False  # "Regional Desk: Siberia": a label, not a headline
    if only_two:
        return True
    longer = words(last) >= _STANDFIRST_SHARE * words(head)
    return words(last) >= _STANDFIRST_WORDS and (longer or is_sentence(last))


def _head_texts(lines: list[_Line]) -> list[str]:
    """Text lines before the dateline, without teasers: a box after the headline, a list of headlines with times."""
    listed = _timed_headlines(lines)
    texts: list[str] = []
    skipping = False
    for i, line in enumerate(lines):
        if line.kind == "marker":
            skipping = any(not is_menu(t) for t in texts)
            continue
        if line.kind != "text" or i in listed:
            continue
        if skipping and is_teaser(line.text):
            continue
        skipping = False
        if not texts or texts[-1] != line.text:
            texts.append(line.text)  # a headline shown twice (page title and heading) is one headline
    return texts


def _timed_headlines(lines: list[_Line]) -> set[int]:
    """Indexes of headlines listed with their times ("18:31", "Ruble firms …"), when two or more times are listed."""
    times = [i for i, line in enumerate(lines) if line.kind == "time"]
    if len(times) < 2:
        return set()  # one time alone may be the page's own, above its headline
    # "Ruble firms …", "18:31", …: each time after its headline, unless one has no text before it.
    before = all(i > 0 and lines[i - 1].kind == "text" for i in times)
    step = -1 if before else 1
    paired = [i + step for i in times if 0 <= i + step < len(lines)]
    return {i for i in paired if lines[i].kind == "text" and is_teaser(lines[i].text)}


def _trailing_teasers(lines: list[_Line], options: ReaderOptions) -> int:
    """How many lines at the end list other stories: headlines with their times, two or more headlines,
    or one line shaped as a headline, a name or a label after the story's last finished sentence."""
    count = texts = times = 0
    for line in reversed(lines[1:]):
        if line.kind in _DATED:
            times += 1
        elif line.kind == "marker" or (line.kind == "text" and is_teaser(line.text)):
            texts += line.kind == "text"
        else:
            break
        count += 1
    if texts >= 2 or (texts and times):
        return count
    last = lines[-1]
    alone = count == 1 and len(lines) > 2 and last.kind == "text" and is_sentence(lines[-2].text)
    article = last.text.split()[0].lower() in _ARTICLES if last.text.split() else False
    if alone and _LABEL.fullmatch(last.text) and not any(pattern.search(last.text) for pattern in options.story_lines):
        return 1  # a name or a label under the story: a byline, a tag, a section
    return 1 if alone and not article and is_headline_shaped(last.text, options) else 0


@dataclass(frozen=True)
class _Story:
    body: list[str]
    dropped: int  # lines of teaser boxes and page chrome left out
    captions: tuple[str, ...]  # unfinished lines between paragraphs: photo captions
    stamp: Stamp | None  # a page's date that stands after the dateline ("Published: …", a closing timestamp)


def _body(lines: list[_Line], options: ReaderOptions) -> _Story:
    """The story from its dateline paragraph on, without teaser boxes, captions and page chrome."""
    end = len(lines) - _trailing_teasers(lines, options)
    stamps = [line.stamp for line in lines[1:end] if line.kind == "stamp"]
    if end > 1 and lines[end - 1].kind == "date" and has_clock(lines[end - 1].text):
        end -= 1  # a closing "05.03.2013, 18:40": the page's date, not a chronology's heading
        stamps.append(lines[end].stamp)
    body = [lines[0].text]
    dropped = len(lines) - end
    captions: list[str] = []
    in_box = False
    for i in range(1, end):
        line = lines[i]
        if line.kind == "marker":
            in_box, dropped = True, dropped + 1
            continue
        if line.kind == "stamp" or (in_box and (line.kind in _DATED or is_teaser(line.text))):
            dropped += 1  # page chrome, or a headline or time in a box of other stories
            continue
        in_box = False
        if _other_script(line.text) and not _other_script(lines[0].text):
            dropped += 1  # a mirror's chrome in another script ("Читать также") inside an English story
            continue
        if _is_caption(lines, i, end, body, options):
            captions.append(line.text)
            continue
        body.append(line.text)  # a date line here is the story's own (a chronology), kept
    if len(body) > 1 and body[0].strip() == (parse_dateline(body[0]) or Dateline("")).text:
        body[:2] = [f"{body[0]} {body[1]}"]  # a dateline on a line of its own opens the next paragraph
    return _Story(body, dropped, tuple(captions), next((s for s in stamps if s is not None), None))


def _is_caption(lines: list[_Line], i: int, end: int, body: list[str], options: ReaderOptions) -> bool:
    """An unfinished line between two finished paragraphs of the story: a photo's caption without its credit."""
    line = lines[i]
    if line.kind != "text" or len(body) < 1 or not is_sentence(body[-1]) or i + 1 >= end:
        return False
    following = lines[i + 1]
    return following.kind == "text" and is_sentence(following.text) and is_headline_shaped(line.text, options)


def locate(paragraphs: list[str], options: ReaderOptions) -> Located | None:
    """The article inside a captured page, anchored on its dateline; None when the page has none."""
    lines, found = _sift_to_dateline(paragraphs, options)
    if found is None:
        return None
    index, offset, dateline = found
    lines = _split_dateline_line(lines, index, offset, options)
    index = next(i for i in range(index, len(lines)) if lines[i].kind == "text" and parse_dateline(lines[i].text))
    before, after = lines[:index], lines[index:]
    texts = _head_texts(before)
    headline, standfirst = _head(texts)
    story = _body(after, options)
    stamp = next((line.stamp for line in before if line.stamp is not None), story.stamp)
    if stamp is not None and dateline.month and dateline.day:
        stamp = stamp.read_as(dateline.month, dateline.day)
    notes = []
    unused = [t for t in (line.text for line in before if line.kind == "text") if t not in (headline, standfirst)]
    if unused:
        listed = ", ".join(f"“{t[:60]}{'…' if len(t) > 60 else ''}”" for t in unused[:3])
        more = f" and {len(unused) - 3} more" if len(unused) > 3 else ""
        notes.append(f"{len(unused)} line(s) before the headline were left out as page furniture: {listed}{more}")
    if stamp is not None:
        notes.append(f"{stamp.describe()} was read as the page's own date, not as article text")
    if story.dropped:
        notes.append(f"{story.dropped} line(s) after the dateline list other stories (teasers) or page chrome and were left out")
    if story.captions:
        listed = ", ".join(f"“{t[:60]}”" for t in story.captions[:3])
        count = len(story.captions)
        notes.append(f"{count} unfinished line(s) inside the story read as photo captions and were left out: {listed}")
    return Located(headline, standfirst, tuple(story.body), dateline, stamp, tuple(notes))
