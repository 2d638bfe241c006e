"""Which cue, neighbour or earlier speaker each quote belongs to; ``find_quotes`` puts it together."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from operator import attrgetter

from generator.analysis.quotes.patterns import compile_cues
from generator.analysis.quotes.resolve import Resolver
from generator.analysis.quotes.spans import (
    MARK_RE,
    MASK,
    WORD,
    Span,
    boundaries,
    find_spans,
    is_speech,
    sentence_end,
    sentence_start,
)
from generator.analysis.quotes.speakers import Block, Cue, State, Who, found_as
from generator.analysis.quotes.statements import find_statements
from generator.language.lexicon import QuoteCues
from generator.models import HEADLINE, Article, EntityRef, Mention, Quote
from generator.readers.dateline import DATELINE_RE

_START = attrgetter("start")

# Patterns used on every cue and mention, compiled once.
_POSSESSIVE_GAP = re.compile(r"[’']s\s+")


def find_quotes(
    article: Article,
    mentions: tuple[Mention, ...],
    entities: Mapping[str, EntityRef],
    cues: QuoteCues,
    agencies: Iterable[str] = (),
) -> tuple[Quote, ...]:
    """Every quote and statement in the article with its speaker (an entity id, or None with a
    label). ``agencies``: news agencies' names as written (config.sources), which speak as
    organisations ("TASS reported")."""
    patterns = compile_cues(cues)
    texts = article.text_blocks()
    if not any(": " in text[:60] or MARK_RE.search(text) or patterns.cue.search(text) for _, text in texts):  # cheapest first
        return ()
    by_paragraph: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_paragraph.setdefault(mention.paragraph, []).append(mention)
    blocks = [_block(index, text, by_paragraph.get(index, ())) for index, text in texts]
    state = State()
    resolver = Resolver(patterns, entities, state, frozenset(a.casefold() for a in agencies))
    found: list[tuple[Block, Span, Who | None, bool]] = []
    statements: list[tuple[int, Quote]] = []
    for order, block in enumerate(blocks):
        block_cues = resolver.read_block(order, block)
        speech = [c for c in block_cues if c.verb not in patterns.stance_only]  # "wants", "plans": no quote's cue
        attributed = _attribute(block, speech, resolver, patterns.naming, patterns.scare)
        found.extend((block, span, who, settled) for span, who, settled in attributed)
        statements += [
            (order, _quote(block, start, end, who, "statement", cue))
            for start, end, who, cue in find_statements(block, block_cues, patterns, resolver.subject)
        ]
    found = [(b, s, resolver.labelled.get((b.index, s.left), who), settled) for b, s, who, settled in found]
    found = _carry_over(found)
    # Still nobody: the speaker the story had reached (a quote paragraph with no cue).
    found = [
        (b, span, who if settled else who or found_as(resolver.quote_context.get((b.index, span.left)), "continued"), settled)
        for b, span, who, settled in found
    ]
    order_of = {block.index: order for order, block in enumerate(blocks)}
    quotes = [(order_of[block.index], _quote(block, span.start, span.end, who, "quote")) for block, span, who, _ in found]
    lede = _unnamed_lede([q for _, q in statements])
    dashed = _dash_headline(blocks[0], resolver, lede) if blocks[0].index == HEADLINE else None
    if dashed is not None:  # "Russia expects ... — ambassador": the ambassador's claim, whatever its verb
        statements = [(0, dashed)] + [(o, q) for o, q in statements if q.paragraph != HEADLINE]
    ordered = sorted(quotes + statements, key=lambda item: (item[0], item[1].start))
    return _digested(tuple(q if lede else _read_ahead(q, resolver) for _, q in ordered), blocks, resolver)


def _unnamed_lede(statements: Sequence[Quote]) -> Who | None:
    """The story's first paragraph told by "a senior official at the ministry": the headline's
    "— diplomat" is that unnamed source, not the first diplomat the story goes on to name."""
    first = next((q for q in statements if q.paragraph == 0), None)
    if first is None or first.speaker is not None or first.resolved_by != "unnamed" or not first.speaker_label:
        return None
    return Who(None, first.speaker_label, "unnamed", "unnamed")


def _digested(quotes: tuple[Quote, ...], blocks: Sequence[Block], resolver: Resolver) -> tuple[Quote, ...]:
    """"Below are Putin's key statements that TASS put together. … Russia has always called for …":
    after a sentence announcing one person's words, a country's stance is that person's claim."""
    found = next(((b, m) for b in blocks if b.index >= 0 for m in resolver.p.digests_in(b.masked)), None)
    if found is None:  # the first announcement only: the blocks after it are not scanned
        return quotes
    block, match = found
    owners = [m for m in block.mentions if _POSSESSIVE_GAP.fullmatch(block.masked[m.end : match.start()])]
    owner = resolver._family(owners[-1]) if owners and resolver._is_person(owners[-1]) else None
    if owner is None:
        return quotes

    def place(q: Quote) -> bool:
        entity = resolver.entities.get(q.speaker or "")
        return q.kind == "statement" and q.paragraph > block.index and entity is not None and entity.kind == "place"

    return tuple(
        replace(q, speaker=owner.entity, speaker_label=owner.label, resolved_by="continued") if place(q) else q for q in quotes
    )


# "Contract for gas transit cannot be renewed before New Year — Putin": a claim, a spaced dash, its source.
_DASH_SOURCE = re.compile(r"\s[—–]\s+([^—–\x00]{2,60}?)\s*$")


def _dash_headline(block: Block, resolver: Resolver, lede: Who | None) -> Quote | None:
    """A headline closing on a dash and its source (wire style) states the words before the dash."""
    match = _DASH_SOURCE.search(block.masked)
    if match is None or len(match.group(1).split()) > 5 or not WORD.search(block.masked[: match.start()]):
        return None
    who = resolver.named_ahead(block, match.start(1), match.end(1))
    if who is None:
        return None
    if who.how == "role" and who.kind == "person" and lede is not None:
        who = lede
    end = len(block.masked[: match.start()].rstrip(" ,"))
    return _quote(block, 0, end, who, "statement")


def _read_ahead(quote: Quote, resolver: Resolver) -> Quote:
    """A headline or standfirst speaks before the story introduces anyone ("Russia ready to
    assist Syria, top diplomat says"): its role noun is the person the story then names so."""
    if quote.paragraph >= 0 or quote.speaker is not None or not quote.speaker_label:
        return quote
    # a stance ("Lawyer attacks anti-terror laws") names its holder, not the story's source in that role
    person = None if quote.cue else resolver.role_ahead(quote.speaker_label)
    who = person or resolver.organisation_ahead(quote.speaker_label)
    if who is None:
        return quote
    return replace(quote, speaker=who.entity, speaker_label=who.label, resolved_by="role")  # type: ignore[arg-type]


def _quote(block: Block, start: int, end: int, who: Who | None, kind: str, cue: str = "") -> Quote:
    return Quote(
        text=block.text[start:end],
        paragraph=block.index,
        start=start,
        end=end,
        speaker=who.entity if who else None,
        speaker_label=who.label if who else "",
        resolved_by=who.how if who else "unnamed",  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        cue=cue,
    )


def _block(index: int, text: str, mentions: Iterable[Mention]) -> Block:
    """One paragraph read for quotes; ``mentions``: those of this paragraph, in the article's order."""
    spans = tuple(find_spans(text))
    dateline = DATELINE_RE.match(text) if index == 0 else None
    # "BANGKOK, August 20 (Itar-Tass) -- A Thai court on Friday ruled": the dateline opens no subject
    masked = " " * dateline.end() + text[dateline.end() :] if dateline else text
    for span in spans:
        masked = masked[: span.left] + MASK * (span.right - span.left) + masked[span.right :]
    kept = [m for m in mentions if not any(s.left <= m.start < s.right for s in spans)] if spans else list(mentions)
    own = tuple(sorted(kept, key=_START))
    return Block(index, text, masked, spans, tuple(boundaries(masked)), own)



# --------------------------------------------------------------- attribution


def _attribute(
    block: Block,
    cues: Sequence[Cue],
    resolver: Resolver,
    naming: re.Pattern[str] | None = None,
    scare: re.Pattern[str] | None = None,
) -> list[tuple[Span, Who | None, bool]]:
    """The statements of one block, their speakers, and whether that is settled: a quote
    with a cue, a neighbour, or a partial quote inside someone's sentence is; a bare
    quote paragraph is not (the story's current speaker may still be given it)."""
    out: list[tuple[Span, Who | None, bool]] = []
    spans = list(block.spans)
    for n, span in enumerate(spans):
        nxt = spans[n + 1].left if n + 1 < len(spans) else len(block.masked)
        prev_end = spans[n - 1].right if n > 0 else 0
        after = _cue_after(block, span, nxt, cues)
        before = _cue_before(block, span, prev_end, cues)
        partial = _is_partial(block, span, prev_end)
        partial_ends = after is not None and after.verb != "―" and partial
        if after and (before or partial_ends) and _ends_statement(block, span):
            after = None  # 'X said: "...." A spokesman said: "..."', 'Japan called it an "outlaw." Russia said'
        if not is_speech(
            block.text[span.start : span.end],
            after is not None or before is not None,
            _cued_sentence(block, span, cues, naming, scare),
            partial,
        ):
            continue
        who = after.who if after else before.who if before else None
        lead = resolver.acting.get((block.index, span.left))
        if after is None and lead is not None and lead[0] and (before is None or lead[2] > before.verb_start):
            # 'When Clinton noted that ..., Trump boasted, "..."', 'Birmingham confirmed ..., but Karen Brady has called it "..."'
            who, before = lead[1], before or Cue(span.left, span.left, span.left, lead[1], False)
        out.append((span, who, after is not None or before is not None))
    settled: list[tuple[Span, Who | None, bool]] = []
    for n, (span, who, cued) in enumerate(out):
        partial = _is_partial(block, span, out[n - 1][0].right if n else 0)
        if not cued and not partial:
            who = found_as(_neighbour(block, out, n) or resolver.previous.get((block.index, span.left)), "continued")
        if who is None and partial:
            who = resolver.subject(block, span.left)  # "Pierson praised it as a "celebration ..."": Pierson
        settled.append((span, who, who is not None))
    return settled


def _cued_sentence(
    block: Block, span: Span, cues: Sequence[Cue], naming: re.Pattern[str] | None, scare: re.Pattern[str] | None
) -> bool:
    """A cue with a speaker in the sentence around the quote, or a word before it that takes
    someone's words ("called half of them "deplorables"", "described as "unhinged"")."""
    start = sentence_start(block.starts, span.left)
    end = sentence_end(block.starts, span.right, len(block.masked))
    if scare is not None and scare.search(block.masked[max(start, span.left - 12) : span.left]):
        return False  # "the so-called ‘quiet diplomacy’"
    if naming is not None and naming.search(block.masked, start, span.left):
        return True
    return any(start <= c.verb_start < end for c in cues)


def _is_partial(block: Block, span: Span, prev_end: int) -> bool:
    """Words of the sentence stand before the quote: it is part of someone's sentence."""
    start = max(prev_end, sentence_start(block.starts, span.left))
    return bool(WORD.search(block.masked[start : span.left]))


def _cue_after(block: Block, span: Span, limit: int, cues: Sequence[Cue]) -> Cue | None:
    """A cue right after the quote (", the source said"), or one closing the sentence."""
    stop = min(limit, sentence_end(block.starts, span.right, len(block.masked)))
    for cue in cues:
        if cue.who is None or not span.right <= cue.verb_start < stop:
            continue
        gap = block.masked[span.right : min(cue.np_start, cue.verb_start)]
        if not WORD.search(gap) or cue.trailing:
            return cue
    return None


def _ends_statement(block: Block, span: Span) -> bool:
    """The quote closes its own sentence and a capitalised word follows it."""
    following = WORD.search(block.masked, span.right)
    closed = block.text[span.start : span.end].rstrip()[-1:] in ".!?"
    return closed and following is not None and following.group()[0].isupper()


def _cue_before(block: Block, span: Span, prev_end: int, cues: Sequence[Cue]) -> Cue | None:
    """The last cue before the quote in its sentence ("Dolgov said this ruling ...")."""
    start = max(prev_end, sentence_start(block.starts, span.left))
    found = [c for c in cues if c.who is not None and start <= c.verb_start and c.verb_end <= span.left]
    if any(not c.weak for c in found):  # "Mr. Obama said, a majority of Americans believe "…"": the speaker's words
        found = [c for c in found if not c.weak]
    return found[-1] if found else None


def _neighbour(block: Block, quotes: Sequence[tuple[Span, Who | None, bool]], n: int) -> Who | None:
    """A quote with no cue of its own shares the speaker of the quote before it in the
    paragraph ("...," he said. "..."), or of the one right after it."""
    for m in range(n - 1, -1, -1):
        if quotes[m][1] is not None:
            return quotes[m][1]
    if n + 1 < len(quotes):
        between = block.masked[quotes[n][0].right : quotes[n + 1][0].left]
        if not WORD.search(between):
            return quotes[n + 1][1]
    return None


_Found = list[tuple[Block, Span, Who | None, bool]]


def _carry_over(found: _Found) -> _Found:
    """A quote left open at a paragraph's end runs on into the next: same speaker."""
    out = list(found)
    for n in range(len(out) - 2, -1, -1):
        block, span, who, settled = out[n]
        nxt_block, nxt_span, nxt_who, _ = out[n + 1]
        if who is None and not span.closed and nxt_block.index == block.index + 1 and nxt_span.left == 0 and nxt_who:
            out[n] = (block, span, found_as(nxt_who, "continued"), True)
    return out
