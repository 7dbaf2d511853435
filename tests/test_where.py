"""Event places: the gazetteer's ambiguity rule, article context, and the event's own clause."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from heron.model import Location
from heron.where import (
    Gazetteer,
    PlaceContext,
    PlacesError,
    find_dateline,
    find_event_place,
    find_event_places,
    is_place_mention,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def where(loc: Location | None) -> tuple[str, str | None] | None:
    return (loc.name, loc.country) if loc else None


# --------------------------------------------------------------------------- gazetteer


@pytest.mark.parametrize(("name", "prefer", "want"), [
    ("Paris", (), ("Paris", "FRA")),
    ("Paris", ("USA",), ("Paris", "FRA")),  # Paris, Texas is far smaller
    ("Paris, Texas", (), ("Paris", "USA")),
    ("Vienna", ("USA",), ("Vienna", "AUT")),
    ("Vienna, Virginia", (), ("Vienna", "USA")),
    ("Bishkek, Kyrgyzstan", (), ("Bishkek", "KGZ")),
    ("Samarkand, Uzbekistan", (), ("Samarkand", "UZB")),
    ("Astana", (), ("Astana", "KAZ")),
    ("Nur-Sultan", (), ("Astana", "KAZ")),
    ("Kiev", (), ("Kyiv", "UKR")),
    ("Capitol Hill", (), ("Washington", "USA")),
    ("Washington", ("GBR",), ("Washington", "USA")),
    ("Tripoli", (), ("Tripoli", "LBY")),
    ("Tripoli", ("LBN",), ("Tripoli", "LBN")),  # a namesake in a named country wins
    ("Geneva", ("USA",), ("Geneva", "CHE")),  # ... but not a small town beside a city
    ("Idlib", (), ("Idlib", "SYR")),
    ("Gaza Strip", (), ("Gaza Strip", "PSE")),
    ("the Red Sea", (), ("Red Sea", None)),
    ("Gulf of Aden", (), ("Gulf of Aden", None)),
    ("Texas", (), ("Texas", "USA")),
    ("Northern Ireland", (), ("Northern Ireland", "GBR")),
])
def test_lookup(gaz: Gazetteer, name: str, prefer: tuple[str, ...], want: tuple[str, str | None]) -> None:
    assert where(gaz.lookup(name, prefer)) == want


def test_countries_resolve_with_capital_coordinates(gaz: Gazetteer) -> None:
    syria = gaz.lookup("Syria")
    assert syria is not None and syria.feature == "country" and syria.country == "SYR"
    damascus = gaz.lookup("Damascus")
    assert damascus is not None and damascus.feature == "capital"
    assert (syria.lat, syria.lon) == (damascus.lat, damascus.lon)
    for alias in ("U.S.", "the United States", "America"):
        assert where(gaz.lookup(alias)) == ("United States", "USA")
    assert where(gaz.lookup("Britain")) == ("United Kingdom", "GBR")
    assert where(gaz.lookup("Kazakhstan")) == ("Kazakhstan", "KAZ")


def test_acronyms_and_alternate_spellings(gaz: Gazetteer) -> None:
    assert gaz.lookup("UN") is None  # not Un, India
    assert where(gaz.lookup("UAE")) == ("United Arab Emirates", "ARE")
    assert where(gaz.lookup("Bombay")) == ("Mumbai", "IND")
    assert gaz.lookup("Bombay", alternates=False) is None
    assert gaz.lookup("Hamas", alternates=False) is None  # an old spelling of Hamm
    assert where(gaz.lookup("Asia")) == ("Asia", None)  # the continent, not a town of that name


def test_an_old_name_of_a_great_city_beats_a_small_towns_own_name(gaz: Gazetteer) -> None:
    assert where(gaz.lookup("Calcutta")) == ("Kolkata", "IND")  # not a South African town's own name
    assert where(gaz.lookup("Hebron")) == ("Hebron", "PSE")  # a comparable namesake's alternate loses


def test_unknown_names(gaz: Gazetteer) -> None:
    assert gaz.lookup("") is None
    assert gaz.lookup("Xqzville") is None
    assert gaz.lookup("Xqzville, Ruritania") is None


def test_bad_places_file_names_file_and_entry(tmp_path: Path) -> None:
    text = Path(__file__).parents[1].joinpath("heron/data/places.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "places.yaml"
    bad.write_text(text.replace("USA: [U.S.,", "XXZ: [U.S.,"), encoding="utf-8")
    with pytest.raises(PlacesError, match=r"places.yaml: country_aliases: 'XXZ'"):
        Gazetteer.load(bad)
    bad.write_text(text.replace("prefer_country_max_ratio: 20", "prefer_country_max_ratio: many"),
                   encoding="utf-8")
    with pytest.raises(PlacesError, match=r"places.yaml: entry prefer_country_max_ratio"):
        Gazetteer.load(bad)


# --------------------------------------------------------------------------- context


def parse(text: str) -> Doc:
    from heron.nlp import parse_one

    return parse_one(text)


@pytest.mark.parametrize(("text", "want"), [
    ("GENEVA, March 3 (Reuters) - Delegates resumed talks.", "Geneva"),
    ("NAIROBI (AP) — Police dispersed the crowd.", "Nairobi"),
    ("June 3, 2019 (ADDIS ABABA) – The two sides met again.", "Addis Ababa"),
    ("REUTERS - Delegates resumed talks.", None),
    ("Delegates resumed talks in the capital.", None),
])
def test_dateline(gaz: Gazetteer, text: str, want: str | None) -> None:
    assert find_dateline(text, gaz) == want


@pytest.mark.slow
def test_context_lists_countries_in_order(gaz: Gazetteer) -> None:
    doc = parse("Kenya and Tajikistan signed a trade pact. Officials from the U.S. attended; Kenya hosted.")
    ctx = PlaceContext.build(doc, gazetteer=gaz)
    assert ctx.countries == ("KEN", "TJK", "USA")
    assert PlaceContext.build(doc, "Mombasa", gazetteer=gaz).dateline_city == "Mombasa"


# --------------------------------------------------------------------------- event places


def event_place(text: str, trigger: str, gaz: Gazetteer, dateline: str | None = None,
                target_country: str | None = None) -> Location | None:
    doc = parse(text)
    ctx = PlaceContext.build(doc, dateline, gazetteer=gaz)
    tok = [t for t in doc if t.text == trigger][-1]
    return find_event_place(tok.sent, tok, ctx, gaz, target_country=target_country)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "trigger", "want"), [
    ("In Berlin, the chancellor discussed energy prices with the Polish premier.", "discussed",
     ("Berlin", "DEU")),
    ("Envoys from both sides held talks in Vienna on Friday.", "talks", ("Vienna", "AUT")),
    ("Envoys from both sides held talks in Vienna on Friday.", "held", ("Vienna", "AUT")),
    ("Government jets carried out air strikes on Idlib overnight.", "strikes", ("Idlib", "SYR")),
    ("The governor of Texas praised the United States army. The memorial opened in Paris, Texas, on Monday.",
     "opened", ("Paris", "USA")),
    ("France and Germany agreed on a plan. The memorial opened in Paris on Monday.", "opened",
     ("Paris", "FRA")),
    ("The minister visited Dushanbe, Tajikistan, on Monday.", "visited", ("Dushanbe", "TJK")),
    ("The senator arrives on Capitol Hill to testify.", "arrives", ("Washington", "USA")),
    ("The delegation will travel to Nairobi next week.", "travel", ("Nairobi", "KEN")),
    ("Turkey hosted a meeting on refugee quotas.", "hosted", ("Turkey", "TUR")),
    ("The navy intercepted a cargo ship in the Red Sea.", "intercepted", ("Red Sea", None)),
    ("Troops sealed off roads in the capital, Kampala.", "sealed", ("Kampala", "UGA")),
    ("Both leaders will attend the Geneva conference.", "attend", ("Geneva", "CHE")),
    ("The two navies began an exercise off the coast of Goa on Monday.", "exercise", ("Goa", "IND")),
    ("Rebels shelled army positions near the town of Sake.", "shelled", ("Sake", "COD")),
])
def test_event_place_from_clause(gaz: Gazetteer, text: str, trigger: str,
                                 want: tuple[str, str | None]) -> None:
    assert where(event_place(text, trigger, gaz)) == want


@pytest.mark.slow
def test_topic_is_not_a_place(gaz: Gazetteer) -> None:
    assert event_place("The ministers held talks on Syria.", "talks", gaz) is None


@pytest.mark.slow
def test_organizations_and_people_are_not_places(gaz: Gazetteer) -> None:
    assert event_place("The army launched an attack on Hamas.", "attack", gaz) is None
    assert event_place("The resolution was adopted at the UN.", "adopted", gaz) is None


@pytest.mark.slow
def test_journey_in_another_clause_is_not_the_events(gaz: Gazetteer) -> None:
    text = "The statement comes a day before the envoy heads to Beijing."
    assert event_place(text, "comes", gaz) is None
    assert where(event_place(text, "heads", gaz)) == ("Beijing", "CHN")


@pytest.mark.slow
def test_building_in_a_city(gaz: Gazetteer) -> None:
    got = event_place("Protesters rallied outside the embassy of Jordan in London.", "rallied", gaz)
    assert where(got) == ("London", "GBR")


@pytest.mark.slow
def test_place_in_another_clause_is_not_the_events(gaz: Gazetteer) -> None:
    # The interview was in Cairo; the criticism has no place of its own.
    text = "Speaking in Cairo, the minister said that the rebels had rejected the offer."
    assert event_place(text, "rejected", gaz) is None


@pytest.mark.slow
def test_dateline_fallback_and_none(gaz: Gazetteer) -> None:
    text = "KABUL, May 2 (Reuters) - The two factions agreed to a prisoner exchange."
    assert where(event_place(text, "agreed", gaz)) == ("Kabul", "AFG")
    assert event_place("The two factions agreed to a prisoner exchange.", "agreed", gaz) is None
    # The clause's own place beats the dateline.
    text = "KABUL, May 2 (Reuters) - The two factions met in Doha on Sunday."
    assert where(event_place(text, "met", gaz)) == ("Doha", "QAT")
    # Without a dateline, the city the article opens in.
    text = ("A prisoner exchange was agreed in Doha on Sunday. The two factions signed the deal after "
            "a week of talks.")
    assert where(event_place(text, "signed", gaz)) == ("Doha", "QAT")
    # the actors' own place; and a place one preposition deeper, named as the article spells it
    text = "Traders in Karachi shut their shops on Monday."
    assert where(event_place(text, "shut", gaz)) == ("Karachi", "PAK")
    text = "Police opened fire on mourners in the city of Hodeidah on Wednesday."
    assert where(event_place(text, "opened", gaz)) == ("Hodeidah", "YEM")
    # a strike on part of a place is there
    text = "Russian forces shelled residential districts of Kharkiv on Tuesday."
    assert where(event_place(text, "shelled", gaz)) == ("Kharkiv", "UKR")
    # but only a city named in the opening sentences
    text = "The two factions signed the deal. Officials praised it. Markets rose. Talks began in Doha."
    assert event_place(text, "signed", gaz) is None


@pytest.mark.slow
def test_trip_stops_in_order(gaz: Gazetteer) -> None:
    doc = parse("The envoy begins a tour that will include stops in Almaty, Kazakhstan; Osh, Kyrgyzstan; "
                "and Khujand, Tajikistan.")
    ctx = PlaceContext.build(doc, gazetteer=gaz)
    tour = next(t for t in doc if t.text == "tour")
    places = find_event_places(tour.sent, tour, ctx, gaz)
    assert [where(p) for p in places] == [("Almaty", "KAZ"), ("Osh", "KGZ"), ("Khujand", "TJK")]


@pytest.mark.slow
def test_ner_label_is_not_trusted(gaz: Gazetteer) -> None:
    # Small pipelines sometimes tag a capital as a person; the gazetteer decides.
    got = event_place("The president flew to Ashgabat for the summit.", "flew", gaz)
    assert where(got) == ("Ashgabat", "TKM")


# --------------------------------------------------------------------------- one leg of a trip


TRIP = ("The minister began a tour of Central Asia with stops in Bishkek, Kyrgyzstan; Samarkand, Uzbekistan; "
        "and Dushanbe.")


@pytest.mark.slow
@pytest.mark.parametrize(("target", "want"), [
    (None, ("Bishkek", "KGZ")),  # the first stop, as before
    ("UZB", ("Samarkand", "UZB")),
    ("TJK", ("Dushanbe", "TJK")),
    ("KGZ", ("Bishkek", "KGZ")),
    ("KAZ", ("Bishkek", "KGZ")),  # nothing named there: as without a target
])
def test_target_country_picks_its_stop(gaz: Gazetteer, target: str | None, want: tuple[str, str]) -> None:
    assert where(event_place(TRIP, "tour", gaz, target_country=target)) == want


@pytest.mark.slow
def test_target_country_with_coordinated_cities(gaz: Gazetteer) -> None:
    text = "The Australian foreign minister will visit Jakarta and Manila next month."
    assert where(event_place(text, "visit", gaz)) == ("Jakarta", "IDN")
    assert where(event_place(text, "visit", gaz, target_country="PHL")) == ("Manila", "PHL")


@pytest.mark.slow
def test_target_country_leads_the_ambiguity_rule(gaz: Gazetteer) -> None:
    text = "The envoys held talks in Tripoli on Sunday."
    assert where(event_place(text, "talks", gaz)) == ("Tripoli", "LBY")
    assert where(event_place(text, "talks", gaz, target_country="LBN")) == ("Tripoli", "LBN")


# --------------------------------------------------------------------------- place or actor


@pytest.mark.slow
@pytest.mark.parametrize(("text", "word", "want"), [
    ("Moscow said the talks in Vienna would resume in May.", "Moscow", False),
    ("Moscow said the talks in Vienna would resume in May.", "Vienna", True),
    ("The envoy arrived in Tehran late on Monday.", "Tehran", True),
    ("The minister flew to Kabul and later returned from Islamabad.", "Kabul", True),
    ("The minister flew to Kabul and later returned from Islamabad.", "Islamabad", True),
    ("The tour has stops in Bishkek, Kyrgyzstan; Samarkand, Uzbekistan.", "Bishkek", True),
    ("The tour has stops in Bishkek, Kyrgyzstan; Samarkand, Uzbekistan.", "Samarkand", True),
    ("The tour has stops in Bishkek, Kyrgyzstan; Samarkand, Uzbekistan.", "Kyrgyzstan", False),
    ("The Geneva talks collapsed after Kyiv walked out.", "Geneva", True),
    ("The Geneva talks collapsed after Kyiv walked out.", "Kyiv", False),
    ("Rebels shelled army positions near the town of Sake.", "Sake", True),
    ("Government jets carried out air strikes on Idlib overnight.", "Idlib", True),
    ("Russian troops withdrew from Kherson last year.", "Kherson", True),
    ("The ministers held talks on Idlib.", "Idlib", False),  # a topic
    ("Troops clashed with insurgents in Syria.", "Syria", False),  # a country stays an actor
    ("France sent aid to Gaza.", "Gaza", False),  # a recipient, not a journey's end
    ("The foreign minister held talks with Ankara.", "Ankara", False),
    ("Washington imposed new sanctions on Caracas.", "Washington", False),
])
def test_is_place_mention(gaz: Gazetteer, text: str, word: str, want: bool) -> None:
    doc = parse(text)
    tok = next(t for t in doc if t.text == word)
    assert is_place_mention(tok, gaz) is want
