"""A lone surname across the dossier: "President Bush" in a story that never names him in full is the one
George W Bush the dossier names, when it names one person of that surname and no more.

Each story settles its own lone surnames (analysis/entities/resolve.py); what is left is a person known
only by a surname, which an editor reads as the dossier's one person of that surname. Two people of that
surname (Michael and Sandra Howard), a first name standing alone ("John", "Harry"), a curated entry, or a
"Mr"/"Mrs" before the surname that says the other gender than the full name's first name keep them apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from generator.analysis.entities.lexicon import Lexicon
from generator.dossier import memo
from generator.language.lexicon import first_name_genders, title_gender
from generator.models import Analysis, EntityRef


def surname_remap(
    refs: Mapping[str, EntityRef], remap: Mapping[str, str], lex: Lexicon, analyses: Sequence[Analysis]
) -> dict[str, str]:
    """Lone surname id -> the one person of the dossier named in full with that surname (ids after ``remap``)."""
    full: dict[str, set[str]] = defaultdict(set)
    for eid, ref in refs.items():
        words = ref.name.split()
        if ref.kind == "person" and len(words) > 1:
            full[words[-1]].add(remap.get(eid, eid))
    out = {}
    for eid, ref in refs.items():
        if ref.kind == "person" and not ref.curated and eid not in remap and " " not in ref.name and not lex.first_name(ref.name):
            targets = full.get(ref.name, set())
            if len(targets) == 1 and eid not in targets:
                out[eid] = next(iter(targets))
    genders = first_name_genders()
    gender_of = {eid: g for eid, target in out.items() if target in refs and (g := genders.get(refs[target].name.split()[0]))}
    said = _titles_said(set(gender_of), analyses) if gender_of else {}  # only where a first name says a gender
    return {eid: target for eid, target in out.items() if said.get(eid, set()) <= {gender_of.get(eid)}}


def _titles_said(wanted: set[str], analyses: Sequence[Analysis]) -> dict[str, set[str]]:
    """The genders "Mr", "Mrs", "Ms" ... say before each of ``wanted``'s mentions, across the dossier."""
    said: dict[str, set[str]] = defaultdict(set)
    for analysis in analyses:
        if wanted.isdisjoint(memo.mentioned(analysis)):
            continue  # most stories name none of them: a set look-up each, kept between builds
        blocks = dict(analysis.article.text_blocks())
        for mention in analysis.mentions:
            if mention.entity in wanted:
                gender = title_gender(blocks.get(mention.paragraph, ""), mention.start)
                if gender is not None:
                    said[mention.entity].add(gender)
    return said
