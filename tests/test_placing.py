"""The ranked place resolver (heron.placing): which evidence wins, and its rule and confidence."""

from __future__ import annotations

import pytest

from heron.gazetteer import Gazetteer
from heron.model import Actor
from heron.where import PlaceContext, find_dateline, find_event_place


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _place(text: str, trigger: str, gaz: Gazetteer, actors: tuple[Actor, ...] = ()):
    from heron.nlp import parse_one

    doc = parse_one(text)
    ctx = PlaceContext.build(doc, gazetteer=gaz)
    tok = [t for t in doc if t.text == trigger][-1]
    return find_event_place(tok.sent, tok, ctx, gaz, actors=actors)


@pytest.mark.parametrize(("text", "want"), [
    ("Share this\nMenu\nUpdated 10:42\nLUSAKA, May 2 (Wire) - Delegates resumed talks.", "Lusaka"),
    ("Lusaka: Delegates resumed talks on the dam.", "Lusaka"),
    ("KASEMBWELO, Zambia (Wire) -- Delegates resumed talks.", "Kasembwelo, Zambia"),  # a town unknown
    ("Envoys Return To Zambian Capital\nLUSAKA, May 2 (Wire) - Delegates resumed talks.", "Lusaka"),
    # Once the story has begun, a capitalised word at a line's start is not its dateline:
    # whether its first line of prose is long or a short sentence.
    ("Delegates resumed talks on the dam in a session that ran into the night, "
     "officials from both sides said.\n"
     "LUSAKA - nothing", None),
    ("Delegates resumed talks on the dam.\nLUSAKA - nothing", None),
    ("Delegates resumed talks on the dam, officials said.\n\nLUSAKA, May 2 - nothing", None),
])
def test_dateline_past_page_chrome_and_in_other_forms(gaz: Gazetteer, text: str, want: str | None) -> None:
    assert find_dateline(text, gaz) == want


@pytest.mark.slow
def test_each_tier_names_its_rule_and_confidence(gaz: Gazetteer) -> None:
    own = _place("Zambian and Zimbabwean officials met in Livingstone on Friday.", "met", gaz)
    assert own is not None and own.name == "Livingstone" and own.rule == "clause" and own.confidence == 0.9
    text = ("LUSAKA (Wire) - Zambian officials gathered in Livingstone on Friday.\n"
            "They agreed to share the water of the river.")
    later = _place(text, "agreed", gaz)
    assert later is not None and later.name == "Livingstone" and later.rule in ("paragraph", "lead")
    dated = _place("LUSAKA (Wire) - Zambian officials agreed to share the water.", "agreed", gaz)
    assert dated is not None and dated.name == "Lusaka" and dated.rule == "dateline"


@pytest.mark.slow
def test_no_scene_city_for_a_phone_call_or_foreign_capitals(gaz: Gazetteer) -> None:
    call = _place("LUSAKA (Wire) - The Zambian president spoke by phone with his Kenyan counterpart.",
                  "spoke", gaz)
    assert call is None
    text = "LUSAKA (Wire) - Washington accused Beijing of dumping steel."
    start = text.index("Washington")
    sides = (Actor("USA", "Washington", start=start, end=start + 10),
             Actor("CHN", "Beijing", start=text.index("Beijing"), end=text.index("Beijing") + 7))
    assert _place(text, "accused", gaz, sides) is None


@pytest.mark.slow
@pytest.mark.parametrize(("text", "trigger", "want", "rule"), [
    # A deed done to a place happens there; the "of" of a part noun names the part.
    ("Soldiers raided the Hebron area on Monday.", "raided", "Hebron", "clause-near"),
    ("Troops stormed the northern enclave of Homs at dawn.", "stormed", "Homs", "clause-near"),
    # A participle with no subject of its own happens where its clause does.
    ("Police raided the Hebron area on Monday, detaining four students.", "detaining", "Hebron", None),
    # A town the gazetteer lacks, named where a place is expected, kept as the article spells it.
    ("The two premiers met at a ski resort in Davos, Switzerland, last winter.", "met", "Davos", "clause"),
])
def test_places_a_deed_names(gaz: Gazetteer, text: str, trigger: str, want: str, rule: str | None) -> None:
    got = _place(text, trigger, gaz)
    assert got is not None and got.name == want
    assert rule is None or got.rule == rule


@pytest.mark.slow
def test_an_unlisted_town_keeps_its_qualifier_country_and_no_coordinates(gaz: Gazetteer) -> None:
    got = _place("The two premiers met at a ski resort in Davos, Switzerland, last winter.", "met", gaz)
    assert got is not None and got.country == "CHE" and got.lat is None and got.feature == "locality"
    # a state the gazetteer lacks by its short name is no unlisted town
    assert _place("Rebels clashed with soldiers in Congo on Sunday.", "clashed", gaz) is None or \
        _place("Rebels clashed with soldiers in Congo on Sunday.", "clashed", gaz).feature != "locality"


@pytest.mark.slow
def test_the_scene_of_an_undated_article(gaz: Gazetteer) -> None:
    text = ("Talks on the dam opened in Livingstone on Monday.\n\n"
            "Zambian officials said the water was short.\n\n"
            "Protesters gathered in Livingstone as the delegates arrived.\n\n"
            "The Zimbabwean minister praised his Zambian counterpart.")
    got = _place(text, "praised", gaz)
    assert got is not None and got.name == "Livingstone"
    # a city named no more often than another is no scene
    text2 = text.replace("Protesters gathered in Livingstone", "Protesters gathered in Harare")
    got2 = _place(text2, "praised", gaz)
    assert got2 is None or got2.rule != "scene"
    # and a dateline is the scene when there is one
    dated = _place("LUSAKA (Wire) - " + text, "praised", gaz)
    assert dated is None or dated.rule != "scene"


@pytest.mark.slow
def test_a_town_that_shares_a_name_with_a_side_does_not_veto_the_dateline(gaz: Gazetteer) -> None:
    text = "LUSAKA (Wire) - Banda praised Mugabe after the talks."
    sides = (Actor("ZMBGOV", "Banda", start=16, end=21), Actor("ZWEGOV", "Mugabe", start=30, end=36))
    got = _place(text, "praised", gaz, sides)
    assert got is not None and got.name == "Lusaka" and got.rule == "dateline"


def _actor(code: str) -> Actor:
    return Actor(code=code, text=code.lower(), name=code, rule="test")


@pytest.mark.slow
def test_a_domestic_event_with_no_place_is_in_its_states_capital(gaz: Gazetteer) -> None:
    sides = (_actor("ZMBCOP"), _actor("ZMBOPP"))
    got = _place("Police detained the opposition leader on Friday.", "detained", gaz, sides)
    assert got is not None and got.name == "Lusaka" and got.rule == "capital" and got.confidence == 0.2
    # sides of two states, or a call between them, are nowhere in particular
    abroad = (_actor("ZMBGOV"), _actor("KENGOV"))
    assert _place("The government accused its neighbour of lying.", "accused", gaz, abroad) is None
    assert _place("The police chief spoke by phone with the opposition leader.", "spoke", gaz, sides) is None
    # and any place the text gives wins
    placed = _place("Police detained the opposition leader in Livingstone.", "detained", gaz, sides)
    assert placed is not None and placed.name == "Livingstone"
