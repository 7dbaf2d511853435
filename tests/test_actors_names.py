"""Names, surnames, accents, shared short names, multi-country phrases.

The sentences were written for these tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from heron.actors import ActorDataError, ActorKnowledge, ArticleActors
from heron.actors.dictionary import Codes, LeaderDictionary, load_leaders_file
from heron.actors.gazetteer import norm
from heron.actors.names import NameRules, load_name_rules
from heron.model import Actor
from heron.nlp import load


@pytest.fixture(scope="module")
def knowledge() -> ActorKnowledge:
    return ActorKnowledge.load()


def build(knowledge: ActorKnowledge, text: str, published: date | None) -> ArticleActors:
    return ArticleActors.build(load()(text), knowledge, published)


def resolve(
    knowledge: ActorKnowledge, text: str, head: str, published: date | None, nth: int = 0
) -> Actor | None:
    actors = build(knowledge, text, published)
    tokens = [t for t in actors.doc if t.text == head]
    assert len(tokens) > nth, f"{head!r} not in {text!r}"
    return actors.resolve(tokens[nth])


def code(actor: Actor | None) -> str | None:
    return actor.code if actor is not None else None


# ------------------------------------------------------------ surnames
@pytest.mark.parametrize(
    ("text", "head", "day", "expected"),
    [
        # Family name first: the first word is the surname, however short.
        ("Xi told reporters in Beijing that trade talks would go on.", "Xi", date(2019, 5, 2), "CHNGOV"),
        ("Kim inspected a missile launch on Saturday.", "Kim", date(2019, 5, 2), "PRKGOV"),
        ("Moon flew to Washington for a summit.", "Moon", date(2019, 5, 2), "KORGOV"),
        # An alias gives its own surname.
        ("Zelenskyy asked for more air defence systems.", "Zelenskyy", date(2023, 2, 1), "UKRGOV"),
        # Arabic articles are not part of the key.
        ("Assad met the envoy in Damascus.", "Assad", date(2015, 9, 1), "SYRGOV"),
        ("Troops loyal to al-Assad shelled the suburb.", "Assad", date(2015, 9, 1), "SYRGOV"),
        ("El-Sisi opened the new canal lane.", "Sisi", date(2015, 8, 6), "EGYGOV"),
        ("Sharaa received the Saudi delegation.", "Sharaa", date(2025, 6, 1), "SYRGOV"),
        # Accents folded both ways.
        ("Juppe defended the pension reform.", "Juppe", date(1996, 3, 1), "FRAGOV"),
        ("Juppé defended the pension reform.", "Juppé", date(1996, 3, 1), "FRAGOV"),
        ("Erdoğan spoke to the parliament group.", "Erdoğan", date(2018, 1, 10), "TURGOV"),
        ("Erdogan spoke to the parliament group.", "Erdogan", date(2018, 1, 10), "TURGOV"),
    ],
)
def test_surnames(knowledge: ActorKnowledge, text: str, head: str, day: date, expected: str) -> None:
    assert code(resolve(knowledge, text, head, day)) == expected


def test_short_words_are_not_surnames(knowledge: ActorKnowledge) -> None:
    day = date(2019, 5, 2)
    un = resolve(knowledge, "Kim Jong Un met envoys. The UN said the meeting went well.", "UN", day)
    assert code(un) == "IGOUNO"
    moon = build(knowledge, "Moon Jae-in arrived in Tokyo on Monday.", day)
    tail = next(t for t in moon.doc if t.text == "in" and t.i > 0 and moon.doc[t.i - 1].text == "-")
    # The glued "-in" is part of the name, not the preposition or a surname of its own.
    assert code(moon.resolve(tail)) == "KORGOV"
    assert "Moon Jae-in" in (moon.resolve(tail).text or "")  # type: ignore[union-attr]
    leaders = knowledge.leaders
    for word in ("in", "un", "al", "le", "an", "ii"):
        assert leaders.lookup(word, day) is None, word


def test_surname_learned_in_the_article(knowledge: ActorKnowledge) -> None:
    text = "Xi Jinping hosted the visitors. Later Xi said the talks had been useful."
    actors = build(knowledge, text, date(2018, 4, 1))
    second = [t for t in actors.doc if t.text == "Xi"][1]
    assert code(actors.resolve(second)) == "CHNGOV"


def test_same_office_surname_is_not_ambiguous(knowledge: ActorKnowledge) -> None:
    # Two presidents Bush: undated, both are USAGOV, so "Bush" is USAGOV.
    assert code(resolve(knowledge, "Bush vetoed the bill.", "Bush", None)) == "USAGOV"


def test_name_rules_keys() -> None:
    rules = load_name_rules()
    assert rules.surname_keys("Xi Jinping", "CHN") == ("xi",)
    assert rules.surname_keys("Kim Jong Un", "PRK") == ("kim",)
    assert rules.surname_keys("Ahmed al-Sharaa", "SYR") == ("sharaa",)
    assert rules.surname_keys("Abdullah II", "JOR") == ()
    assert rules.surname_keys("Ban Ki-moon", "IGO") == ("ban",)
    assert rules.surname_keys("Alain Juppé", "FRA") == ("juppe",)
    assert NameRules().surname_keys("Someone Un", "XXX") == ()


def test_norm_folds_accents() -> None:
    assert norm("Kılıçdaroğlu") == norm("Kilicdaroglu") == "kilicdaroglu"
    assert norm("Łukasz Straße") == "lukasz strasse"
    assert norm("São Tomé") == "sao tome"


# ------------------------------------------------------------ data files
def test_family_name_column(tmp_path: Path, knowledge: ActorKnowledge) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "# version: 1\nname,aliases,country,role,title,start,end,note,family_name\n"
        "Nguyen Van Binh,,VNM,GOV,Minister,2010-01-01,,,Tran\n",
        encoding="utf-8",
    )
    with pytest.raises(ActorDataError, match=r"people.csv:3: family_name: 'Tran' is not a word"):
        load_leaders_file(path, knowledge.codes)
    path.write_text(
        "# version: 1\nname,aliases,country,role,title,start,end,note,family_name\n"
        "Tran Minh Quan,,VNM,GOV,Minister,2010-01-01,,,Tran\n"
        "Ola Nordmann,,NOR,GOV,Minister,2010-01-01,,,\n",
        encoding="utf-8",
    )
    entries = load_leaders_file(path, knowledge.codes)
    book = LeaderDictionary([entries], names=load_name_rules())
    hit = book.lookup("Tran", date(2012, 1, 1))
    assert hit is not None and hit.name == "Tran Minh Quan"
    assert book.lookup("Quan", date(2012, 1, 1)) is None
    assert book.lookup("Nordmann", date(2012, 1, 1)) is not None


def test_bad_names_file(tmp_path: Path) -> None:
    path = tmp_path / "names.yaml"
    path.write_text("version: 1\nfamily_names:\n  Xi Jinping: Hu\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match="family_names.Xi Jinping: surname 'Hu'"):
        load_name_rules(path)
    path.write_text("version: 1\nfamily_name_first: [china]\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match="not an ISO-3"):
        load_name_rules(path)


def test_bad_ambiguous_name(tmp_path: Path) -> None:
    from heron.actors.countries import load_countries

    path = tmp_path / "countries.yaml"
    path.write_text("version: 1\nambiguous_names:\n  Congo: [COG, XYZ]\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match="ambiguous_names.Congo: unknown country code 'XYZ'"):
        load_countries(path)


def test_codes_check(knowledge: ActorKnowledge) -> None:
    assert isinstance(knowledge.codes, Codes)


# ------------------------------------------------------------ shared short names
def test_congo_follows_the_long_form(knowledge: ActorKnowledge) -> None:
    drc = (
        "Fighting spread in the east of the Democratic Republic of Congo on Tuesday. "
        "Congo's army said it had retaken two villages near Goma."
    )
    assert code(resolve(knowledge, drc, "army", date(2022, 6, 1))) == "CODMIL"
    kinshasa = "Kinshasa accused its neighbour of backing the rebels. Congo recalled its ambassador."
    assert code(resolve(knowledge, kinshasa, "Congo", date(2022, 6, 1))) == "COD"
    # alone, "Congo" is the Democratic Republic (news style); "Republic of Congo" is the other
    plain = "Congo recalled its ambassador after the border incident."
    assert code(resolve(knowledge, plain, "Congo", date(2022, 6, 1))) == "COD"
    republic = "The Republic of Congo held a vote. Congo recalled its ambassador."
    assert code(resolve(knowledge, republic, "Congo", date(2022, 6, 1))) == "COG"
    brazzaville = "Brazzaville hosted the summit. Congo said it would mediate."
    assert code(resolve(knowledge, brazzaville, "Congo", date(2022, 6, 1))) == "COG"


# ------------------------------------------------------------ context countries
def test_the_government_after_one_state(knowledge: ActorKnowledge) -> None:
    one = "Ghana devalued its currency on Monday. The government said prices would settle."
    assert code(resolve(knowledge, one, "government", date(2020, 1, 1))) == "GHAGOV"
    two = "Ghana and Togo signed a border accord on Monday. The government said prices would settle."
    assert code(resolve(knowledge, two, "government", date(2020, 1, 1))) == "---GOV"


def test_the_administration_after_the_united_states(knowledge: ActorKnowledge) -> None:
    text = "The United States announced new tariffs. The Administration said talks would continue."
    assert code(resolve(knowledge, text, "Administration", date(2019, 5, 1))) == "USAGOV"


def test_an_indefinite_spokeswoman_does_not_take_the_only_state(knowledge: ActorKnowledge) -> None:
    text = "Xinhua said a foreign ministry spokeswoman urged Japan to stop its drills."
    actor = resolve(knowledge, text, "spokeswoman", date(2019, 5, 1))
    assert actor is not None and not actor.code.startswith("JPN")


def test_troops_take_the_article_country_but_peacekeepers_do_not(knowledge: ActorKnowledge) -> None:
    text = (
        "Bolivia declared a state of emergency. Bolivia closed its borders. "
        "Troops patrolled the streets while peacekeepers guarded the airport."
    )
    assert code(resolve(knowledge, text, "Troops", date(2020, 1, 1))) == "BOLMIL"
    assert code(resolve(knowledge, text, "peacekeepers", date(2020, 1, 1))) == "---MIL"


def test_known_people_count_for_their_state(knowledge: ActorKnowledge) -> None:
    # Kenyatta counts for Kenya, so Uganda does not dominate and the police stay unknown.
    text = "Kenyatta met the Ugandan envoy on Friday. Police arrested two men near the venue."
    assert code(resolve(knowledge, text, "Police", date(2015, 6, 1))) == "---COP"
    alone = "The Ugandan envoy arrived on Friday. Police arrested two men near the venue."
    assert code(resolve(knowledge, alone, "Police", date(2015, 6, 1))) == "UGACOP"


def test_states_named_in_quotes_are_not_nearby(knowledge: ActorKnowledge) -> None:
    text = '"Canada is making a grave mistake," the foreign ministry said on Monday.'
    assert code(resolve(knowledge, text, "ministry", date(2020, 1, 1))) == "---GOV"


def test_named_person_keeps_the_dictionary_country(knowledge: ActorKnowledge) -> None:
    # Russia dominates the article, but the dictionary knows Bush.
    text = "President Bush warned Russia. Russia rejected the warning. Moscow recalled its envoy."
    assert code(resolve(knowledge, text, "Bush", date(2008, 8, 20))) == "USAGOV"


# ------------------------------------------------------------ several states in one phrase
@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("US and British forces entered the port city.", "forces", ["USAMIL", "GBRMIL"]),
        ("Russian and Syrian warplanes struck the town.", "warplanes", ["RUSMIL", "SYRMIL"]),
        ("Senior Dutch and Belgian officials agreed on a plan.", "officials", ["NLDGOV", "BELGOV"]),
        ("French, German and Italian diplomats met.", "diplomats", ["FRAGOV", "DEUGOV", "ITAGOV"]),
        ("British forces entered the port city.", "forces", ["GBRMIL"]),
        ("The weather was fine and dry.", "weather", []),
    ],
)
def test_resolve_all(knowledge: ActorKnowledge, text: str, head: str, expected: list[str]) -> None:
    actors = build(knowledge, text, date(2020, 1, 1))
    token = next(t for t in actors.doc if t.text == head)
    assert [a.code for a in actors.resolve_all(token)] == expected


# ------------------------------------------------------------ data gaps
@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("Oslo rejected a Swedish proposal on fishing quotas.", "proposal", "SWE"),
        ("Hundreds of Chilean workers marched on the capital.", "Hundreds", "CHLCVL"),
        ("A group of Peruvian diplomats arrived in Quito.", "group", "PERGOV"),
        ("A human rights group criticised the verdict.", "group", "NGO"),
        ("Aid agencies warned of famine in the north.", "agencies", "NGO"),
        ("Ecuadorian prisoners rioted at the jail.", "prisoners", "ECUCVL"),
        ("Hostage-takers released two sailors.", "takers", "---CRM"),
        ("European Community ministers met in Brussels.", "ministers", "IGOEUREEC"),
        ("APEC leaders agreed to cut tariffs.", "leaders", "IGOASAAPC"),
        ("Kenyan opposition candidates boycotted the vote.", "candidates", "KENOPP"),
        ("Venezuelan militiamen blocked the bridge.", "militiamen", "VENREB"),
        ("The Greek and Turkish sides agreed to talk.", "sides", "TUR"),
        ("The outlawed Kurdistan Workers' Party claimed the attack.", "Party", "TURREB"),
        ("Arab League Secretary General Omar Haddad condemned the raid.", "Haddad", "IGOMEAARL"),
        ("The Islamist Hamas movement rejected the truce.", "movement", "PSEREB"),
        ("Ansa news agency reported the arrests.", "agency", "ITAMED"),
        ("Syrian Kurds crossed the border.", "Kurds", "SYR"),
    ],
)
def test_data_gaps(knowledge: ActorKnowledge, text: str, head: str, expected: str) -> None:
    assert code(resolve(knowledge, text, head, date(1995, 1, 1))) == expected


def test_labour_strike_is_not_military(knowledge: ActorKnowledge) -> None:
    actor = resolve(knowledge, "Dockers began a general strike on Monday.", "strike", date(2020, 1, 1))
    assert actor is None or "MIL" not in actor.code
