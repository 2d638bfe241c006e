"""Wire-style speakers (issue 13): a headline or standfirst names its source by a role before
the story introduces anyone, a headline closes on a dash and its source, an organisation's
staff speak for it, a trailing "said X" owns the clause before it. Fixtures are invented
stories written for these tests."""

from __future__ import annotations

from generator.analysis.quotes import find_quotes
from generator.language.lexicon import QuoteCues
from generator.models import Article, EntityRef
from tests.test_quotes import mentions_of

PEOPLE = {
    e.id: e
    for e in (
        EntityRef("ilse-marank", "Ilse Marank", "person", aliases=("Marank",)),
        EntityRef("pavel-dorin", "Pavel Dorin", "person", aliases=("Dorin",)),
        EntityRef("tomas-velk", "Tomas Velk", "person", aliases=("Velk",)),
        EntityRef("norland-foreign-ministry", "Norland Foreign Ministry", "organisation"),
        EntityRef("norland", "Norland", "place"),
        EntityRef("estmark", "Estmark", "place"),
    )
}


def found(cues: QuoteCues, headline: str, standfirst: str, *paragraphs: str) -> list[tuple[int, str, str | None, str, str]]:
    article = Article("t.txt", "text", headline, standfirst, tuple(paragraphs))
    got = find_quotes(article, mentions_of(article, PEOPLE), PEOPLE, cues)
    return [(q.paragraph, q.kind, q.speaker, q.resolved_by, q.text) for q in got]


def test_a_standfirst_role_is_the_person_the_story_then_introduces(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Norland ready to mediate in Estmark, top diplomat says",
        "The talks must include every party, the foreign minister stressed",
        "OSTBURG, March 3. /TASS/. Norland is ready to host talks on Estmark, "
        "Norland Foreign Minister Ilse Marank said on Monday.",
        '"We have offered our capital as a venue," the minister said.',
    )
    heads = [(p, who, how) for p, kind, who, how, _ in got if p < 0]
    assert heads == [(-2, "ilse-marank", "role"), (-1, "ilse-marank", "role")]


def test_a_plural_role_in_a_standfirst_stays_unnamed(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Leaders meet in Ostburg",
        "The presidents also talked about trade between the countries",
        "OSTBURG, March 3. /TASS/. Norland President Pavel Dorin met Estmark President Tomas Velk on Monday.",
    )
    assert [(who, how) for p, _, who, how, _ in got if p == -1] == [(None, "unnamed")]


def test_the_first_person_in_the_role_not_a_later_one(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Harbour tolls to fall next year, the president says",
        "",
        "OSTBURG, March 3. /TASS/. Harbour tolls will fall next year, Norland President Pavel Dorin told reporters.",
        "Estmark President Tomas Velk is due in Ostburg in May.",
    )
    assert [(who, how) for p, _, who, how, _ in got if p == -2] == [("pavel-dorin", "role")]


def test_a_headline_closing_on_a_dash_and_a_role_is_that_persons_statement(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Norland expects ferry traffic to double — ambassador",
        "",
        "OSTBURG, March 3. /TASS/. Ferry traffic will double, Norland Ambassador to Estmark Pavel Dorin said.",
    )
    assert [g for g in got if g[0] == -2] == [
        (-2, "statement", "pavel-dorin", "role", "Norland expects ferry traffic to double")
    ]


def test_a_headline_dash_naming_the_person_or_the_ministry(cues: QuoteCues) -> None:
    by_name = found(cues, "Ferry tolls cannot fall this year — Dorin", "", "Pavel Dorin said so in Ostburg on Monday.")
    assert [(who, text) for p, _, who, _, text in by_name if p == -2] == [("pavel-dorin", "Ferry tolls cannot fall this year")]
    by_org = found(
        cues,
        "Estmark blocks ferry payments — Foreign Ministry",
        "",
        "OSTBURG, March 3. /TASS/. Estmark has blocked the payments, the Norland Foreign Ministry said in a statement.",
    )
    assert [who for p, _, who, _, _ in by_org if p == -2] == ["norland-foreign-ministry"]


def test_a_dash_with_no_one_behind_it_is_no_statement(cues: QuoteCues) -> None:
    got = found(cues, "Ferries stop for the winter — a long tradition", "", "Ferries stopped in Ostburg on Monday.")
    assert [g for g in got if g[0] == -2] == []


def test_a_closing_said_owns_the_clause_before_it(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Leaders meet",
        "",
        "OSTBURG, March 3. /TASS/. Presidents Pavel Dorin and Tomas Velk discussed ferry tolls at a meeting on Monday, "
        "said Ilse Marank, spokeswoman of the Norland leader.",
    )
    assert [(who, text[:24]) for p, kind, who, _, text in got if p == 0] == [("ilse-marank", "Presidents Pavel Dorin a")]


def test_a_said_with_its_own_clause_after_it_leaves_the_stance_alone(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Ferries",
        "",
        "Pavel Dorin discussed ferry tolls with the board on Monday, and said he would not raise them.",
    )
    assert [(who, text[:11]) for _, _, who, _, text in got] == [("pavel-dorin", "ferry tolls")]  # not cut at "said"


def test_a_partial_quote_belongs_to_the_name_free_of_a_preposition(cues: QuoteCues) -> None:
    got = found(cues, "Talks", "", 'During that call with Velk Dorin "firmly replied that the tolls stay."')
    assert [(kind, who) for _, kind, who, _, _ in got] == [("quote", "pavel-dorin")]


def test_diplomats_in_the_plural_speak_for_their_ministry(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Ferry payments blocked",
        "",
        "OSTBURG, March 3. /TASS/. Estmark has blocked ferry payments, the Norland Foreign Ministry said in a statement.",
        '"Such a policy harms ordinary travellers," the Norland diplomats stressed.',
    )
    assert [(who, how) for p, kind, who, how, _ in got if kind == "quote"] == [("norland-foreign-ministry", "role")]


def test_staff_with_no_organisation_of_theirs_stay_unnamed(cues: QuoteCues) -> None:
    got = found(cues, "Ferries", "", '"Such a policy harms travellers," the Norland diplomats stressed.')
    assert [(who, how) for p, kind, who, how, _ in got if kind == "quote"] == [(None, "unnamed")]


def test_an_organisations_spokeswoman_is_the_person_not_the_organisation(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Ferries",
        "",
        '"The embassy was told," Norland Foreign Ministry spokeswoman Ilse Marank said.',
        '"Access will be granted," the Norland Foreign Ministry spokeswoman noted.',
        '"The ruling stands," the Norland Foreign Ministry said.',
    )
    assert [(who, how) for _, kind, who, how, _ in got if kind == "quote"] == [
        ("ilse-marank", "named"),
        ("ilse-marank", "role"),
        ("norland-foreign-ministry", "named"),
    ]


def test_a_name_with_a_possessive_appositive_speaks(cues: QuoteCues) -> None:
    got = found(cues, "Ferries", "", "Tomas Velk, Dorin's lawyer, said the defence would appeal.")
    assert [(who, text) for _, _, who, _, text in got] == [("tomas-velk", "the defence would appeal")]


def test_member_states_is_no_cue(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Ferries",
        "",
        "The ferry summit was held as a new format of the Ferry Forum, a platform for dialogue between "
        "operators of the Norland Foreign Ministry member states.",
    )
    assert got == []


def test_a_closing_attribution_with_a_long_aside_of_circumstances(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Ferries",
        "",
        "OSTBURG, March 3. /TASS/. Norland is ready to host the ferry talks, Norland Foreign Minister Ilse Marank "
        "stated in an interview with domestic and foreign media outlets on Thursday.",
    )
    assert [(who, text) for _, _, who, _, text in got] == [("ilse-marank", "Norland is ready to host the ferry talks")]


def test_an_aside_with_a_clause_of_its_own_is_no_closing_attribution(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Ferries",
        "",
        "Norland is ready to host the ferry talks, Ilse Marank said in an interview with media that she gave on a ferry.",
    )
    assert ("ilse-marank", "Norland is ready to host the ferry talks") not in [(who, text) for _, _, who, _, text in got]


def test_a_countrys_stance_in_a_digest_of_one_persons_words_is_that_persons(cues: QuoteCues) -> None:
    got = found(
        cues,
        "IN BRIEF: Dorin on ferries",
        "",
        "OSTBURG, March 3. /TASS/. Norland President Pavel Dorin told reporters about ferry tolls.",
        "Below are Dorin's key statements that TASS put together.",
        'Norland has always called for lower ferry tolls. "We never raised them."',
    )
    assert [(kind, who) for p, kind, who, _, _ in got if p == 2] == [("statement", "pavel-dorin"), ("quote", "pavel-dorin")]


def test_without_a_digest_the_country_keeps_its_stance(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Dorin on ferries",
        "",
        "OSTBURG, March 3. /TASS/. Norland President Pavel Dorin told reporters about ferry tolls.",
        "Norland has always called for lower ferry tolls.",
    )
    assert [(kind, who) for p, kind, who, _, _ in got if p == 1] == [("statement", "norland")]


def test_a_headline_role_is_the_unnamed_source_of_the_lede(cues: QuoteCues) -> None:
    article = Article(
        "t.txt",
        "text",
        "Norland to keep pressing for ferry rights — diplomat",
        "",
        (
            "OSTBURG, March 3. /TASS/. Norland will keep pressing for its ferry rights, a senior official at the "
            "Norland Foreign Ministry told TASS on Monday.",
            "Ilse Marank, the Norland envoy for transport, said the ruling \"causes regret.\"",
        ),
    )
    got = find_quotes(article, mentions_of(article, PEOPLE), PEOPLE, cues)
    heads = [(q.speaker, q.speaker_label, q.resolved_by) for q in got if q.paragraph == -2]
    assert heads == [(None, "senior official at the Norland Foreign Ministry", "unnamed")]


FAMILY = {
    e.id: e
    for e in (
        EntityRef("alla-marank", "Alla Marank", "person", aliases=("Marank",)),  # the bare surname: the recogniser's pick
        EntityRef("pavel-marank", "Pavel Marank", "person"),
    )
}


def test_a_bare_surname_opening_its_sentence_is_the_family_member_just_named(cues: QuoteCues) -> None:
    article = Article(
        "t.txt",
        "text",
        "Ferry captain moved to a new prison",
        "",
        (
            "OSTBURG, April 4. /TASS/. Captain Pavel Marank has been moved to a new prison, his wife Alla Marank told TASS.",
            '"He was moved without notice," Marank said. "I learned it from his lawyer," she added.',
            "Pavel Marank was arrested in 2008. In 2012 a court sentenced him to 25 years. Marank has denied all charges.",
        ),
    )
    got = find_quotes(article, mentions_of(article, FAMILY), FAMILY, cues)
    assert [(q.paragraph, q.speaker) for q in got if q.paragraph > 0] == [
        (1, "alla-marank"),
        (1, "alla-marank"),
        (2, "pavel-marank"),
    ]


def test_a_title_after_a_comma_belongs_to_the_next_name_not_the_one_before(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Court refuses to review ferry case — ministry",
        "The ruling is politically motivated, the spokeswoman said",
        "OSTBURG, May 5. /TASS/. A court has refused to review the case of captain Pavel Dorin, "
        "Norland Foreign Ministry Spokeswoman Ilse Marank said on Thursday.",
        '"This decision is politically motivated," Marank told a briefing.',
        "The diplomat stressed that Norland would keep seeking Dorin's return.",
    )
    assert [(p, who) for p, kind, who, _, _ in got if kind == "statement" and p in (-1, 2)] == [
        (-1, "ilse-marank"),
        (2, "ilse-marank"),
    ]


def test_a_relative_introduced_by_name_is_the_wife_of_the_headline_and_the_body(cues: QuoteCues) -> None:
    article = Article(
        "t.txt",
        "text",
        "Captain moved to a new prison — wife",
        "",
        (
            "OSTBURG, April 4. /TASS/. Captain Pavel Marank has been moved to a new prison, his wife Alla Marank told TASS.",
            '"Nobody told us anything," the wife said.',
        ),
    )
    got = find_quotes(article, mentions_of(article, FAMILY), FAMILY, cues)
    assert [(q.paragraph, q.speaker, q.resolved_by) for q in got if q.paragraph != 0] == [
        (-2, "alla-marank", "role"),
        (1, "alla-marank", "role"),
    ]


def test_an_unnamed_relative_stays_unnamed(cues: QuoteCues) -> None:
    got = found(cues, "Ferries", "", '"He loved the sea," his mother said.')
    assert [(who, how) for _, _, who, how, _ in got] == [(None, "unnamed")]


def test_a_first_name_alone_is_the_person_of_that_first_name_named_in_full(cues: QuoteCues) -> None:
    people = {**FAMILY, "alla": EntityRef("alla", "Alla", "person")}  # the recogniser's entity for the bare first name
    article = Article(
        "t.txt",
        "text",
        "Ferries",
        "",
        (
            "OSTBURG, April 4. /TASS/. His wife Alla Marank asked for a visit.",
            '"I have not spoken to him for a month," Alla said.',
        ),
    )
    got = find_quotes(article, mentions_of(article, people), people, cues)
    assert [(q.paragraph, q.speaker) for q in got if q.kind == "quote"] == [(1, "alla-marank")]


def test_the_ministry_calling_something_a_phrase_is_the_ministry_not_the_last_speaker(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Ferries",
        "",
        '"The captain stays in custody," Ilse Marank said.',
        'The Norland Foreign Ministry said it was following the case. The ministry called the arrest "politically motivated."',
    )
    assert [(who, how) for p, kind, who, how, _ in got if kind == "quote" and p == 1] == [("norland-foreign-ministry", "role")]


def test_a_headline_organisation_and_a_diplomatic_mission_are_the_embassy_named(cues: QuoteCues) -> None:
    people = {**PEOPLE, "norland-embassy": EntityRef("norland-embassy", "Norland Embassy", "organisation")}
    article = Article(
        "t.txt",
        "text",
        "Norland embassy demands access to detained captain",
        "The diplomatic mission said it had sent a note",
        (
            "OSTBURG, March 10. /TASS/. The Norland Embassy has demanded access to captain Pavel Dorin, the embassy said.",
            '"We have sent a note demanding access," the diplomatic mission said.',
        ),
    )
    got = find_quotes(article, mentions_of(article, people), people, cues)
    assert {(q.paragraph, q.speaker) for q in got} == {(n, "norland-embassy") for n in (-2, -1, 0, 1)}


def test_a_relative_clauses_stance_ends_before_the_main_clauses_speaker(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Ferries",
        "",
        "Norland President Pavel Dorin spoke on Monday.",
        "Asked about a statement by Tomas Velk, who called for direct talks, the president said Norland had "
        "received no proposals.",
    )
    assert [(who, text) for p, _, who, _, text in got if p == 1] == [
        ("tomas-velk", "direct talks"),
        ("pavel-dorin", "Norland had received no proposals"),
    ]


def test_a_headline_role_is_the_one_who_spoke_most_and_never_a_stance_holder(cues: QuoteCues) -> None:
    story = (
        "OSTBURG, May 5. /TASS/. The harbour board met on Monday, Norland President Pavel Dorin told reporters.",
        "Estmark President Tomas Velk said the tolls were too high. \"They must fall,\" Velk said. \"Now,\" Velk added.",
    )
    said = found(cues, "Ferry tolls must fall, president says", "", *story)
    assert [who for p, _, who, _, _ in said if p == -2] == ["tomas-velk"]
    stance = found(cues, "President attacks ferry tolls", "", *story)
    assert [who for p, _, who, _, _ in stance if p == -2] in ([], [None])



def test_a_noun_claims_with_a_long_tail_is_no_closing_attribution(cues: QuoteCues) -> None:
    text = "The board faces more than 1,000 similar claims for damages from passengers and former crews."
    got = found(cues, "Ferries", "", text)
    assert got == []


def test_the_report_added_leaves_the_committees_stance_alone(cues: QuoteCues) -> None:
    got = found(
        cues,
        "Ferries",
        "",
        "In a report published last July the cross-party harbour committee said the tolls were high. The committee "
        "believed the new tolls might be unlawful on several grounds, the report added.",
    )
    assert [text[:18] for p, _, _, _, text in got if "unlawful" in text] == ["the new tolls migh"]


def _labels(cues: QuoteCues, *paragraphs: str) -> list[tuple[str, str]]:
    article = Article("t.txt", "text", "A headline", "", tuple(paragraphs))
    return [(q.kind, q.speaker_label) for q in find_quotes(article, mentions_of(article, PEOPLE), PEOPLE, cues)]


def test_a_dateline_in_parentheses_opens_no_subject(cues: QuoteCues) -> None:
    # "(Norland Press) -- A harbour court ...": the dateline is not part of the sentence's subject.
    got = _labels(
        cues,
        "OSTBURG, August 20 (Norland Press) -- An Estmark appeals court ruled that the ferry company must pay its debts.",
    )
    assert got == [("statement", "Estmark appeals court")]


def test_a_weekday_between_subject_and_verb_is_not_part_of_the_subject(cues: QuoteCues) -> None:
    got = _labels(
        cues,
        "OSTBURG, August 20. /TASS/. An Estmark appeals court on Friday ruled that the ferry company must pay its debts.",
        "Norland Foreign Minister Ilse Marank late on Thursday said the ruling was fair.",
    )
    assert got == [("statement", "Estmark appeals court"), ("statement", "Ilse Marank")]
