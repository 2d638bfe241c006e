"""Timeline events: dated sentences, merged when several articles tell the same thing.

Every sentence with a resolved date becomes a candidate (one per sentence and
date, however many expressions name that date). Candidates with the same date
and precision are compared, and only those: a story retold by several
articles ("He was arrested in Thailand in 2008 ...") shares its date and most
of its words, while two different things that happened on one day share the
date but not the words. Comparison goes through an index of the words within
each date's bucket, so a dossier of thousands of articles is never compared
pairwise as a whole.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from generator.dossier import memo
from generator.dossier.buckets import group
from generator.dossier.entity_merge import in_aside
from generator.language.calendar import date_at
from generator.language.regexes import longest_first
from generator.language.slugs import short_hash, slugify
from generator.models import Analysis, Event, EventStatus, Mention, Precision, Timex

EntityOf = Callable[[Mention], "str | None"]


def _words(text: str) -> frozenset[str]:
    """A vocabulary written as whitespace-separated words."""
    return frozenset(text.split())


# Words that say nothing about which event a sentence tells.
STOPWORDS = _words(
    """
    a an the and or but nor of in on at to for from by with without about against between into onto over
    under after before during since until till upon within as than that this these those it its he him
    his she her they them their we us our you your i me my who whom whose which what when where why how
    is are was were be been being has have had do does did will would shall should can could may might
    must not no yes so if then also too very just only even still yet again further more most some any
    all both each few other such own same there here said says say told tells added according reported
    stated noted one two three four five six seven eight nine ten year years month months week weeks day
    days today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec last next earlier later ago mr mrs ms dr
    """
)
# Merge when the content-word Jaccard reaches this, or the lower figure with an entity in common.
SIMILAR = 0.6
SIMILAR_WITH_ENTITY = 0.4
# Within one story, two sentences on one date with an entity and this many content words in common
# tell one event (the lead and its retelling: "organized by TASS in September" / "In September ... held").
SAME_STORY_SHARED = 4
# A story's headline, standfirst and lead paragraph sum up what its body tells: on one date, a body
# sentence sharing this many content words with them (or one fewer and an entity) tells the same event
# ("since end of 2023" in the headline, "since the end of last year" in the quote below).
SUMMARY_SHARED = 3
# A word in more sentences than this, within one date's bucket, is too common to find neighbours by.
MAX_POSTINGS = 400

_WORD_RE = re.compile(r"[a-z][a-z0-9]*")
# A date that is only a baseline ("trade doubled compared to 2023") dates no event.
_BASELINE_BEFORE = re.compile(
    r"(?i)\b(?:compared\s+(?:to|with)|than(?:\s+(?:in|on|at))?|versus|vs\.?|as\s+against)\s+"
    r"(?:the\s+)?(?:same\s+\w+\s+(?:of|in)\s+)?$"
)


# A year inside the name of a treaty or law ("the 1983 treaty", "the Law of 2012") is the date the
# document bears: a past fact, never a scheduled event.
_DOCUMENT = r"(?:treaty|law|act|convention|agreement|accord|protocol|charter|constitution|code|resolution|memorandum|pact)"
_IN_NAME_AFTER = re.compile(rf"(?i)^(?:\s+[A-Z][\w.-]*|\s+[a-z-]+){{0,3}}?\s+{_DOCUMENT}s?\b")
_IN_NAME_BEFORE = re.compile(rf"(?i)\b{_DOCUMENT}\s+of\s+(?:\w+\s+\d{{1,2}},?\s+)?$")
# "in 1996, 2000 and 2004": a list of years in one sentence (medals, terms) is one entry.
# The preposition may be repeated: "until 2035, until 2049".
_LISTED_YEAR = r"(?:(?:in|until|till|by|to|since)\s+)?(?:19|20)\d\d"
_YEAR_LIST = re.compile(rf"\b(?:19|20)\d\d(?:\s*,\s*{_LISTED_YEAR})*(?:,?\s+(?:and|or)\s+{_LISTED_YEAR}|\s*,\s*{_LISTED_YEAR})")
# A figure or an aim for a year measures the year, it dates no event (vocabulary: event_words.yml).
_EVENT_WORDS = yaml.safe_load((Path(__file__).parent / "event_words.yml").read_text(encoding="utf-8"))
_MEASURES = frozenset(_EVENT_WORDS["measures"].split())
_FIGURE = re.compile(r"(?i)\d\s*(?:%|per\s*cent\b|percent\b|(?:bln|mln|trln|billion|million|trillion)\b)|[$€£]\s*\d")
_AIM_BEFORE = re.compile(
    rf"(?i)\b(?:{'|'.join(sorted(_EVENT_WORDS['aims'].split()))})\s+(?:for|in)\s+(?:the\s+(?:coming|next|current)\s+)?$"
)
# "in 2022 and now", "both in 2014 and today": a date set beside the present compares the two; the
# thing that happened then is told elsewhere, this sentence dates nothing new.
_BESIDE_NOW = re.compile(r"(?i)^\s*,?\s*(?:and|or|as\s+well\s+as)\s+(?:now|today|at\s+present|nowadays)\b")
_DEICTIC = frozenset({"today", "tomorrow", "yesterday"})
_DEICTIC_LIST = re.compile(r"\b(?:today|tomorrow|yesterday)\s*(?:,|or|and|-|–)\s*(?:\w+\s+)?(?:today|tomorrow|yesterday)\b")
# The end of a range ("from September 13 to 17", "October 22-24"): the range is one entry, at its start.
_RANGE_END_BEFORE = re.compile(
    r"(?i)(?:\b(?:from|between)\s+[\w ,.]{1,30}?\s+(?:to|through|till|until|and)\s+|\b[a-z]+\.?\s+\d{1,2}\s*[-–—]\s*)$"
)
# A sentence that opens with a pronoun or a role ("He was detained in 2008", "The diplomat said")
# speaks of the person named last before it.
_PRONOUN_START = re.compile(r"^\W*(?:He|She|His|Her)\b")


@dataclass(frozen=True)
class _Candidate:
    """One dated sentence of one article."""

    article: str
    paragraph: int
    start: int
    text: str
    date: dt.date
    precision: Precision
    status: EventStatus
    reference: dt.date | None
    entities: tuple[str, ...]
    words: frozenset[str]
    probable: bool = False


def content_words(sentence: str) -> frozenset[str]:
    """Lower-cased words that carry meaning, plural and possessive endings folded."""
    text = sentence.lower().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    words = set()
    for word in _WORD_RE.findall(text):
        if word in STOPWORDS or len(word) < 2:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.add(word)
    return frozenset(words)


def _sentence_start(paragraph: str, timex: Timex) -> int:
    """Where the timex's sentence starts in its paragraph (the sentence text is verbatim)."""
    width = len(timex.sentence)
    at = paragraph.find(timex.sentence, max(0, timex.start - width))
    while at != -1 and at + width <= timex.start:
        at = paragraph.find(timex.sentence, at + 1)
    return at if at != -1 and at <= timex.start else timex.start


def _in_a_name(paragraph: str, timex: Timex) -> bool:
    """The year belongs to a document's name ("the 1983 treaty", "the Law of 2012")."""
    return timex.precision == "year" and bool(
        _IN_NAME_AFTER.match(paragraph[timex.end : timex.end + 60])
        or _IN_NAME_BEFORE.search(paragraph[max(0, timex.start - 60) : timex.start])
    )


def _listed_later(paragraph: str, timex: Timex) -> bool:
    """A year after the first of a list of years ("1996, 2000 and 2004"): the list is one entry."""
    if timex.precision != "year":
        return False
    return any(m.start() < timex.start < m.end() for m in _YEAR_LIST.finditer(paragraph))


def _rhetorical(paragraph: str, timex: Timex) -> bool:
    """ "today, tomorrow or in ten years": deictic days listed together mean "any time", no event."""
    if timex.text.lower() not in _DEICTIC:
        return False
    around = paragraph[max(0, timex.start - 25) : timex.end + 25].lower()
    return bool(_DEICTIC_LIST.search(around))


def _measures_the_year(paragraph: str, timex: Timex) -> bool:
    """ "growth in 2024 will be about 4%", "the objective for 2025 is ...": a figure or aim for a year, no event."""
    if timex.precision != "year":
        return False
    if _AIM_BEFORE.search(paragraph[max(0, timex.start - 40) : timex.start]):
        return True
    words = set(_WORD_RE.findall(timex.sentence.lower()))
    return bool(words & _MEASURES) and bool(_FIGURE.search(timex.sentence))


def _keep(paragraph: str, timex: Timex) -> bool:
    if _rhetorical(paragraph, timex) or _measures_the_year(paragraph, timex):
        return False
    if _BASELINE_BEFORE.search(paragraph, max(0, timex.start - 40), timex.start):
        return False
    if _RANGE_END_BEFORE.search(paragraph[max(0, timex.start - 45) : timex.start]):
        return False
    if timex.precision != "day" and _BESIDE_NOW.match(paragraph[timex.end : timex.end + 25]):
        return False
    return not _listed_later(paragraph, timex)


def _candidates(article_id: str, analysis: Analysis, entity_of: EntityOf) -> list[_Candidate]:
    paragraphs = dict(analysis.article.text_blocks())
    in_paragraph: dict[int, list[Mention]] = defaultdict(list)  # the mentions of each paragraph, in order
    for mention in analysis.mentions:
        in_paragraph[mention.paragraph].append(mention)
    found: dict[tuple[int, int, dt.date, str], _Candidate] = {}
    for timex in analysis.timexes:
        if timex.value is None or timex.paragraph not in paragraphs:
            continue
        paragraph = paragraphs[timex.paragraph]
        if not _keep(paragraph, timex):
            continue
        status: EventStatus = "past" if _in_a_name(paragraph, timex) else timex.status
        start = _sentence_start(paragraph, timex)
        key = (timex.paragraph, start, timex.value, timex.precision)
        if key in found:
            if not timex.probable:  # another expression dates the sentence on its own
                found[key] = replace(found[key], probable=False)
            continue
        end = start + len(timex.sentence)
        entities: list[str] = []
        for mention in in_paragraph.get(timex.paragraph, ()):
            if start <= mention.start < end and not in_aside(paragraph, start, end, timex.start, mention.start):
                entity = entity_of(mention)
                if entity and entity not in entities:
                    entities.append(entity)
        found[key] = _Candidate(
            article=article_id,
            paragraph=timex.paragraph,
            start=start,
            text=timex.sentence.strip(),
            date=timex.value,
            precision=timex.precision,
            status=status,
            reference=analysis.pubdate.date,
            entities=tuple(entities),
            words=content_words(timex.sentence),
            probable=timex.probable,
        )
    return list(found.values())


def _similar(a: _Candidate, b: _Candidate) -> bool:
    union = len(a.words | b.words)
    if not union:
        return False
    shared, common = len(a.words & b.words), bool(set(a.entities) & set(b.entities))
    if a.article == b.article and shared >= SAME_STORY_SHARED and common:
        return True  # a story retells its lead further down, in other words
    if a.article == b.article and min(a.paragraph, b.paragraph) <= 0 < max(a.paragraph, b.paragraph):
        if shared >= SUMMARY_SHARED or (shared == SUMMARY_SHARED - 1 and common):
            return True  # the headline or lead sums up what the body tells
    jaccard = shared / union
    if jaccard >= SIMILAR:
        return True
    return jaccard >= SIMILAR_WITH_ENTITY and common


def _cluster(bucket: list[_Candidate]) -> list[list[_Candidate]]:
    """Greedy single-link clustering through an inverted index of content words."""
    clusters: list[list[_Candidate]] = []
    owner: list[int] = []  # member index -> cluster index
    members: list[_Candidate] = []
    postings: dict[str, list[int]] = defaultdict(list)
    for cand in bucket:
        shared: Counter[int] = Counter()
        for word in cand.words:
            posting = postings.get(word)
            if posting and len(posting) <= MAX_POSTINGS:
                shared.update(posting)
        target = None
        for index, _count in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
            if _similar(cand, members[index]):
                target = owner[index]
                break
        if target is None:
            target = len(clusters)
            clusters.append([])
        clusters[target].append(cand)
        owner.append(target)
        members.append(cand)
        for word in cand.words:
            postings[word].append(len(members) - 1)
    return clusters


def _clusters(bucket: tuple[_Candidate, ...]) -> list[list[_Candidate]]:
    """``_cluster``; the last build's for the same candidates of a day (shared: not to be changed)."""
    return memo.valued("events.clusters", bucket, lambda: _cluster(list(bucket)))


def _event(cluster: list[_Candidate]) -> Event:
    """One Event from merged candidates: a body sentence speaks for it; the latest article sets its status."""
    lead = min(cluster, key=lambda c: (c.paragraph < 0, c.article, c.paragraph, c.start))
    latest = max(cluster, key=lambda c: (c.reference or dt.date.min, c.article))
    entities: list[str] = []
    for cand in sorted(cluster, key=lambda c: (c.article, c.paragraph, c.start)):
        entities.extend(e for e in cand.entities if e not in entities)
    date_text = date_at(lead.date, lead.precision)
    slug = slugify(lead.text[:80], max_len=32) or "event"
    return Event(
        id=f"{date_text}-{slug}-{short_hash(lead.article + '|' + lead.text)}",
        date=lead.date,
        precision=lead.precision,
        status=latest.status,
        text=lead.text,
        sources=tuple(sorted({(c.article, c.paragraph) for c in cluster})),
        entities=tuple(entities),
        probable=all(c.probable for c in cluster),  # one story that dates it for certain makes it a fact
    )


def _role_start(roles: tuple[str, ...]) -> re.Pattern[str] | None:
    if not roles:
        return None
    words = "|".join(re.escape(r) for r in longest_first(roles))
    return re.compile(rf"^\W*(?:The|the)\s+(?:[a-z-]+\s+)?(?:{words})\b")


def _referent(analysis: Analysis, cand: _Candidate, kinds: Mapping[str, str], entity_of: EntityOf) -> str | None:
    """The subject of the last sentence before the candidate's that names a person: its first person.

    News keeps its subject: "Konstantin Dolgov met Bout's lawyers. The diplomat ..." speaks of Dolgov.
    """
    people = sorted(
        (m.paragraph, m.start, entity)
        for m in analysis.mentions
        if (entity := entity_of(m)) is not None
        and kinds.get(entity) == "person"
        and (m.paragraph, m.start) < (cand.paragraph, cand.start)
    )
    if not people:
        return None
    paragraph, start, _ = people[-1]
    text = dict(analysis.article.text_blocks()).get(paragraph, "")
    opening = max(text.rfind(". ", 0, start), text.rfind("? ", 0, start), text.rfind("! ", 0, start)) + 1
    return next(entity for p, at, entity in people if p == paragraph and at >= opening)


def _role_anywhere(roles: tuple[str, ...]) -> re.Pattern[str] | None:
    """ "for the ambassador", "the Czech diplomat" anywhere in a sentence: the role it names."""
    if not roles:
        return None
    words = "|".join(re.escape(r) for r in longest_first(roles))
    return re.compile(rf"\b[Tt]he\s+(?:[A-Za-z-]+\s+)?(?P<role>{words})\b")


def _introduced_as(analysis: Analysis, cand: _Candidate, role: str, kinds: Mapping[str, str], entity_of: EntityOf) -> str | None:
    """The last person before the candidate introduced with this very role ("ambassador Karel Strnad",
    "Karel Strnad, the Czech ambassador"): the one "the ambassador" means further on."""
    texts = dict(analysis.article.text_blocks())
    before = re.compile(rf"(?i)\b{re.escape(role)}\s+$")
    after = re.compile(rf"(?i)^,\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){{0,2}}{re.escape(role)}\b")
    found = None
    for m in sorted(analysis.mentions, key=lambda m: (m.paragraph, m.start)):
        if (m.paragraph, m.start) >= (cand.paragraph, cand.start):
            break
        entity, text = entity_of(m), texts.get(m.paragraph, "")
        if entity and kinds.get(entity) == "person":
            if before.search(text[max(0, m.start - 40) : m.start]) or after.match(text[m.end : m.end + 60]):
                found = entity
    return found


def _with_referents(
    cands: list[_Candidate],
    analysis: Analysis,
    kinds: Mapping[str, str],
    roles: re.Pattern[str] | None,
    entity_of: EntityOf,
    anywhere: re.Pattern[str] | None = None,
) -> list[_Candidate]:
    """A sentence about "he" or "the diplomat", naming no person itself, is linked to the person meant.

    Opening the sentence, the pronoun or role is its subject: the story's last named person.
    Elsewhere ("a reception for the ambassador") a role links only to a person introduced
    with that very role, since another person's name may stand between them.
    """
    out = []
    for cand in cands:
        if any(kinds.get(e) == "person" for e in cand.entities):
            out.append(cand)
            continue
        opens = _PRONOUN_START.match(cand.text) or (roles is not None and roles.match(cand.text))
        person = _referent(analysis, cand, kinds, entity_of) if opens else None
        inside = anywhere.search(cand.text) if anywhere is not None and person is None else None
        if inside is not None:
            person = _introduced_as(analysis, cand, inside["role"].lower(), kinds, entity_of)
        if person:
            cand = replace(cand, entities=(person, *cand.entities))
        out.append(cand)
    return out


def _kinds_named(analysis: Analysis, kinds: Mapping[str, str]) -> tuple[tuple[str, ...], tuple[str | None, ...]]:
    """The entities an analysis names, in order, and their kinds: what its candidates depend on besides itself."""
    named: tuple[str, ...] = memo.derived("events.named", analysis, None, lambda: tuple(sorted(memo.mentioned(analysis))))
    return named, tuple(map(kinds.get, named))


def _memoised(
    items: Sequence[tuple[str, Analysis]],
    kinds: Mapping[str, str] | None,
    roles: tuple[str, ...],
    find: Callable[[str, Analysis], list[_Candidate]],
) -> list[tuple[str, list[_Candidate]]]:
    """Each article's candidates, the last build's for the same analysis, entity kinds and roles (dossier/memo.py).

    With every kind as in the last build, an analysis it saw names entities of the kinds they had then."""
    last_kinds, last_known = _LAST.get("known", (None, {}))
    same = kinds is not None and last_kinds == kinds
    known_now: dict[int, tuple[Analysis, object]] = {}
    found = []
    for article_id, analysis in items:
        hit = last_known.get(id(analysis)) if same else None
        known = hit[1] if hit is not None and hit[0] is analysis else _kinds_named(analysis, kinds) if kinds else None
        known_now[id(analysis)] = (analysis, known)
        inputs = (article_id, known, roles)
        cands = memo.derived("events.candidates", analysis, inputs, lambda a=article_id, x=analysis: find(a, x))  # type: ignore[misc]
        found.append((article_id, cands))
    _LAST["known"] = (dict(kinds) if kinds is not None else None, known_now)
    return found


def build_events(
    items: Sequence[tuple[str, Analysis]],
    entity_of_mention: EntityOf | None = None,
    kinds: Mapping[str, str] | None = None,
    roles: tuple[str, ...] = (),
) -> tuple[Event, ...]:
    """Timeline events of analysed articles, ``(article id, analysis)``, sorted by date then id.

    ``entity_of_mention`` maps a mention to the entity id the timeline should
    show (e.g. after alias resolution); by default the mention's own entity.
    ``kinds`` (entity id -> kind) and ``roles`` (role nouns, site_config/quotes.yml)
    let a sentence opening with "He" or "The diplomat" link to the person meant.
    """
    entity_of: EntityOf = entity_of_mention or (lambda mention: mention.entity)
    role_re, role_anywhere = _role_start(roles), _role_anywhere(roles)

    def find(article_id: str, analysis: Analysis) -> list[_Candidate]:
        cands = _candidates(article_id, analysis, entity_of)
        if kinds:
            cands = _with_referents(cands, analysis, kinds, role_re, entity_of, role_anywhere)
        return cands

    ordered = sorted(items, key=lambda item: item[0])
    if entity_of_mention is None:  # the same article, entity kinds and roles: the last build's candidates
        found = _memoised(ordered, kinds, roles, find)
    else:
        found = [(article_id, find(article_id, analysis)) for article_id, analysis in ordered]
    parts = dict(found)
    if entity_of_mention is not None or len(parts) < len(found):  # no memo, or one id for two stories
        made = {k: _bucket_events(v) for k, v in _buckets(found).items()}
        return _timeline(made)
    grouped = group(parts, _bucket_of, _in_bucket, _bucket_events, _LAST.get("grouped"))
    _LAST["grouped"] = grouped
    return memo.while_equal(_LAST, "timeline", grouped.made, lambda: _timeline(grouped.made))  # every day's events


_LAST: dict[str, Any] = memo.held()  # the last build with memoised candidates: "known", "grouped", "timeline"


def _bucket_of(cand: _Candidate) -> tuple[dt.date, str]:
    return cand.date, cand.precision


def _in_bucket(cand: _Candidate) -> tuple[str, int, int]:
    return cand.article, cand.paragraph, cand.start


def _buckets(found: Sequence[tuple[str, list[_Candidate]]]) -> dict[tuple[dt.date, str], tuple[_Candidate, ...]]:
    """Every candidate by date and precision, in story order."""
    buckets: dict[tuple[dt.date, str], list[_Candidate]] = defaultdict(list)
    for _, cands in found:
        for cand in cands:
            buckets[_bucket_of(cand)].append(cand)
    return {key: tuple(sorted(bucket, key=_in_bucket)) for key, bucket in buckets.items()}


def _bucket_events(bucket: tuple[_Candidate, ...]) -> tuple[Event, ...]:
    """The events of one date's candidates, in the order of their clusters."""
    return tuple(
        memo.valued("events.event", tuple(cluster), lambda c=cluster: _event(c))  # type: ignore[misc]
        for cluster in _clusters(bucket)
    )


def _timeline(made: Mapping[tuple[dt.date, str], tuple[Event, ...]]) -> tuple[Event, ...]:
    """Every day's events, sorted by date then id."""
    events = [event for key in sorted(made) for event in made[key]]
    return tuple(sorted(events, key=lambda e: (e.date, e.id)))
