"""Checks on heron/data/leaders.csv, the dated actor dictionary.

The file is parsed here with the csv module alone, so these checks do not
depend on the loader: they pin the file format the loader relies on and
catch data-entry mistakes (bad codes, reversed or overlapping date ranges,
two people in one single-holder office at once).
"""

from __future__ import annotations

import csv
import itertools
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pycountry
import pytest
import yaml

PATH = Path(__file__).resolve().parent.parent / "heron" / "data" / "leaders.csv"
HEADER = ["name", "aliases", "country", "role", "title", "start", "end", "note"]
# CAMEO role codes used with a country.  Group rows either put the group
# prefix in ``country`` and the group body in ``role`` (IGO+UNO = United
# Nations, IMG+ISI = Islamic State, IMG+AQD = al-Qaeda, IMG+NUS = Nusra/HTS)
# or the whole group code in ``country`` with ``role`` empty (IGOWSTNAT =
# NATO, IGOEUREEC = European Union, IGOMEAARL = Arab League).
ROLES = {"GOV", "LEG", "MIL", "OPP", "REB"}
GROUP_BODIES = {"IGO": {"UNO"}, "IMG": {"ISI", "AQD", "NUS"}}
ORGANIZATIONS = PATH.parent / "organizations.yaml"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
OPEN_END = date.max
# Offices that one person holds at a time in a given country.
SINGLE_HOLDER = {
    "President",
    "Prime Minister",
    "Premier",
    "Chancellor",
    "Supreme Leader",
    "Foreign Minister",
    "Defence Minister",
    "Secretary of State",
    "Secretary of Defense",
    "Foreign Secretary",
    "Defence Secretary",
    "External Affairs Minister",
    "Secretary-General of the United Nations",
    "Secretary General of NATO",
    "President of the European Commission",
    "President of the European Council",
    "High Representative for Foreign Affairs and Security Policy",
    "Secretary-General of the Arab League",
}
COVERED = [
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "IND",
    "IDN",
    "ITA",
    "JPN",
    "MEX",
    "RUS",
    "SAU",
    "ZAF",
    "KOR",
    "TUR",
    "GBR",
    "USA",
    "SYR",
    "IRN",
    "IRQ",
    "ISR",
    "PSE",
    "LBN",
    "YEM",
    "AFG",
    "PAK",
    "UKR",
    "EGY",
    "LBY",
    "SDN",
    "SSD",
    "SOM",
    "ETH",
    "NGA",
    "MLI",
    "COD",
    "VEN",
    "PRK",
    "MMR",
    "AZE",
    "ARM",
    "QAT",
    "ARE",
    "JOR",
    "KAZ",
    "BLR",
]


def _lines() -> list[str]:
    return PATH.read_text(encoding="utf-8").splitlines()


def _rows() -> list[dict[str, str]]:
    lines = _lines()
    return list(csv.DictReader(lines[2:]))


def _span(row: dict[str, str]) -> tuple[date, date]:
    start = date.fromisoformat(row["start"])
    end = date.fromisoformat(row["end"]) if row["end"] else OPEN_END
    return start, end


def _find(name: str, role: str, title: str) -> list[dict[str, str]]:
    return [r for r in _rows() if r["name"] == name and r["role"] == role and r["title"] == title]


def test_version_source_and_header() -> None:
    lines = _lines()
    assert lines[0] == "# version: 1"
    assert lines[1].startswith("# source: ") and len(lines[1]) > len("# source: ") + 10
    assert next(csv.reader([lines[2]])) == HEADER


def test_every_row_has_eight_fields_and_required_values() -> None:
    for lineno, fields in enumerate(csv.reader(_lines()[3:]), start=4):
        assert len(fields) == len(HEADER), f"line {lineno}: {fields}"
        row = dict(zip(HEADER, fields, strict=True))
        for key in ("name", "country", "title", "start"):
            assert row[key].strip() == row[key] and row[key], f"line {lineno}: {key}"


def test_size() -> None:
    assert len(_rows()) >= 300


def _organization_codes() -> set[str]:
    data = yaml.safe_load(ORGANIZATIONS.read_text(encoding="utf-8"))
    return {str(org["code"]) for org in data["organizations"]}


def test_country_codes_are_iso3_or_group_codes() -> None:
    for row in _rows():
        code = row["country"]
        if code in GROUP_BODIES or not row["role"]:
            continue
        assert pycountry.countries.get(alpha_3=code) is not None, row


def test_group_codes_match_organizations_data() -> None:
    # A leader of a group must code the same as the group's own name does.
    known = _organization_codes()
    for row in _rows():
        if row["country"] in GROUP_BODIES or not row["role"]:
            assert row["country"] + row["role"] in known, row


def test_roles_in_allowed_set_and_group_pairing() -> None:
    for row in _rows():
        if row["country"] in GROUP_BODIES:
            assert row["role"] in GROUP_BODIES[row["country"]], row
        elif row["role"]:
            assert row["role"] in ROLES, row
        else:
            assert row["country"][:3] in {"IGO", "IMG"} and len(row["country"]) > 3, row


def test_dates_are_iso_and_ordered() -> None:
    for row in _rows():
        assert ISO_DATE.match(row["start"]), row
        assert row["end"] == "" or ISO_DATE.match(row["end"]), row
        start, end = _span(row)
        assert end >= start, row
        assert date(1940, 1, 1) <= start <= date.today(), row
        if row["end"]:
            assert end <= date.today(), row


def test_aliases_are_clean() -> None:
    for row in _rows():
        if not row["aliases"]:
            continue
        aliases = row["aliases"].split(";")
        surname = row["name"].split()[-1].casefold()
        for alias in aliases:
            assert alias and alias == alias.strip(), row
            assert alias.casefold() != row["name"].casefold(), row
            # Bare surnames are the loader's job (matched only when unique).
            assert alias.casefold() != surname, row
        assert len({a.casefold() for a in aliases}) == len(aliases), row


def test_same_person_same_aliases_on_every_row() -> None:
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in _rows():
        aliases[row["name"]].add(row["aliases"])
    assert {n: a for n, a in aliases.items() if len(a) > 1} == {}


def test_no_duplicate_rows() -> None:
    keys = [(r["name"], r["role"], r["title"], r["start"]) for r in _rows()]
    assert len(keys) == len(set(keys))


def test_no_overlapping_ranges_for_same_name_and_role() -> None:
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in _rows():
        groups[(row["name"], row["role"])].append(row)
    for key, rows in groups.items():
        rows.sort(key=_span)
        for before, after in itertools.pairwise(rows):
            # Touching ranges (one office ends the day the next begins) are fine.
            assert _span(before)[1] <= _span(after)[0], (key, before, after)


def test_single_holder_offices_never_held_by_two_people_at_once() -> None:
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in _rows():
        if row["title"] in SINGLE_HOLDER:
            groups[(row["country"], row["title"])].append(row)
    for key, rows in groups.items():
        for a, b in itertools.combinations(rows, 2):
            (sa, ea), (sb, eb) = _span(a), _span(b)
            assert not (sa < eb and sb < ea), (key, a["name"], b["name"])


@pytest.mark.parametrize("country", COVERED)
def test_every_covered_country_has_a_current_government_leader(country: str) -> None:
    rows = [r for r in _rows() if r["country"] == country and r["role"] == "GOV"]
    assert any(r["end"] == "" for r in rows), country


def test_lavrov() -> None:
    (row,) = _find("Sergei Lavrov", "GOV", "Foreign Minister")
    assert (row["country"], row["start"], row["end"]) == ("RUS", "2004-03-09", "")
    assert "Sergey Lavrov" in row["aliases"].split(";")


def test_zarif() -> None:
    (row,) = _find("Mohammad Javad Zarif", "GOV", "Foreign Minister")
    assert (row["country"], row["start"], row["end"]) == ("IRN", "2013-08-15", "2021-08-25")


def test_biden() -> None:
    rows = sorted(
        (
            (r["country"], r["role"], r["title"], r["start"], r["end"])
            for r in _rows()
            if r["name"] == "Joe Biden"
        ),
        key=lambda t: t[3],
    )
    assert rows == [
        ("USA", "LEG", "Senator", "1973-01-03", "2009-01-15"),
        ("USA", "GOV", "Vice President", "2009-01-20", "2017-01-20"),
        ("USA", "GOV", "President", "2021-01-20", "2025-01-20"),
    ]


def test_kerry_and_clinton_move_from_senate_to_state() -> None:
    (kerry_leg,) = _find("John Kerry", "LEG", "Senator")
    (kerry_gov,) = _find("John Kerry", "GOV", "Secretary of State")
    assert (kerry_leg["start"], kerry_leg["end"]) == ("1985-01-02", "2013-02-01")
    assert (kerry_gov["start"], kerry_gov["end"]) == ("2013-02-01", "2017-01-20")
    (clinton_leg,) = _find("Hillary Clinton", "LEG", "Senator")
    (clinton_gov,) = _find("Hillary Clinton", "GOV", "Secretary of State")
    assert clinton_leg["end"] <= clinton_gov["start"]


def test_trump_two_terms() -> None:
    rows = sorted(_find("Donald Trump", "GOV", "President"), key=lambda r: r["start"])
    assert [(r["start"], r["end"]) for r in rows] == [
        ("2017-01-20", "2021-01-20"),
        ("2025-01-20", ""),
    ]


def test_putin_tandem_years() -> None:
    (pm,) = [r for r in _find("Vladimir Putin", "GOV", "Prime Minister") if r["start"] > "2000"]
    assert (pm["start"], pm["end"]) == ("2008-05-08", "2012-05-07")
    (medvedev,) = _find("Dmitry Medvedev", "GOV", "President")
    assert (medvedev["start"], medvedev["end"]) == ("2008-05-07", "2012-05-07")


def test_international_organisations() -> None:
    (guterres,) = _find("António Guterres", "UNO", "Secretary-General of the United Nations")
    assert (guterres["country"], guterres["start"], guterres["end"]) == ("IGO", "2017-01-01", "")
    (stoltenberg,) = _find("Jens Stoltenberg", "", "Secretary General of NATO")
    assert (stoltenberg["country"], stoltenberg["start"]) == ("IGOWSTNAT", "2014-10-01")
    assert stoltenberg["end"] == "2024-10-01"


def test_military_chiefs_are_mil_and_defence_ministers_gov() -> None:
    (gerasimov,) = _find("Valery Gerasimov", "MIL", "Chief of the General Staff")
    assert gerasimov["country"] == "RUS"
    (shoigu,) = _find("Sergei Shoigu", "GOV", "Defence Minister")
    assert (shoigu["start"], shoigu["end"]) == ("2012-11-06", "2024-05-12")


def test_file_loads_through_the_leaders_loader() -> None:
    dictionary = pytest.importorskip("heron.actors.dictionary")
    entries = dictionary.load_leaders_file(
        PATH, dictionary.Codes(countries={c.alpha_3 for c in pycountry.countries}, roles=ROLES)
    )
    assert len(entries) == len(_rows())
    leaders = dictionary.LeaderDictionary([entries], role_order=["GOV", "MIL", "LEG", "OPP"])
    cases = [
        ("Sergey Lavrov", date(2005, 6, 1), "RUSGOV", "Foreign Minister"),
        ("Erdogan", date(2010, 6, 1), "TURGOV", "Prime Minister"),
        ("Erdogan", date(2020, 6, 1), "TURGOV", "President"),
        ("Joseph R. Biden", date(2000, 6, 1), "USALEG", "Senator"),
        ("Guterres", date(2020, 6, 1), "IGOUNO", "Secretary-General of the United Nations"),
        ("Stoltenberg", date(2020, 6, 1), "IGOWSTNAT", "Secretary General of NATO"),
        (
            "Kaja Kallas",
            date(2025, 6, 1),
            "IGOEUREEC",
            "High Representative for Foreign Affairs and Security Policy",
        ),
    ]
    for text, when, code, title in cases:
        entry = leaders.lookup(text, when)
        assert entry is not None and (entry.code, entry.title) == (code, title), (text, when)
    nasrallah = leaders.lookup("Hassan Nasrallah", date(2006, 7, 12))
    assert nasrallah is not None and nasrallah.code == "LBNREB"
    baghdadi = leaders.lookup("Abu Bakr al-Baghdadi", date(2015, 1, 1))
    assert baghdadi is not None and baghdadi.code == "IMGISI"
    # Out of office at the date: no match.
    assert leaders.lookup("Rex Tillerson", date(2019, 6, 1)) is None
