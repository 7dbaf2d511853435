"""The PETRARCH-2 base layer: tools/derive_petrarch_people.py and heron/data/leaders_petrarch.csv.

The derive script is run on a small sample written here in PETRARCH-2's
actor-file format (invented people, not lines of the real dictionaries); the
shipped table is checked for its header, its codes and its place under the
curated leaders files; resolution goes through ``heron actor`` and
``heron.actors`` as a user would.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner

from heron.actors.dictionary import LeaderDictionary, LeaderEntry, parse_csv
from heron.actors.gazetteer import norm
from heron.actors.knowledge import BASE_LEADERS, SHIPPED_LEADERS, ActorKnowledge
from heron.actors.names import load_name_rules
from heron.cli import app

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "heron" / "data"
PATH = DATA / BASE_LEADERS
HEADER = ["name", "aliases", "country", "role", "title", "start", "end", "note"]


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("derive_petrarch_people",
                                                  REPO / "tools" / "derive_petrarch_people.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


tool = _load_tool()

# Invented entries in the PETRARCH-2 actor format: a country, an institution, people
# with ranges, open ends, sub-roles, undated defaults, titles, namesakes and bad dates.
SAMPLE = """\
# a comment line
FREEDONIA_  [BHS]
+FREEDONIAN_

BAHAMAS_NATIONAL_COUNCIL_
\t[BHSGOV 900101-100101]

ORVILLE_T._QUASKETT_  # CountryInfo.txt
+PRIME_MINISTER_ORVILLE_QUASKETT_
\t[BHSELI 550101-770301]
\t[BHSGOV 770301-920821]
\t[BHSELI]
MIRELA_DRAXLOVA_  # CountryInfo.txt
\t[CZEGOVBUS 030101-050630]
\t[CZEGOVHLH 050630-071031]
\t[CZEGOV >080101]
PELL_AL-ZUBAYRI_  # CountryInfo.txt
\t[YEMGOV <991231]
KORVAN_BESTIK_  [IGOUNOKID 19950101-20001231] [ELI]# invented
NOVAK_TEMPLETON_  # CountryInfo.txt
\t[BHSGOV 031301-050101]
SUGARTO_  # CountryInfo.txt
\t[IDNGOV 980521-991020]
JOHN_ZYLBERMAN_  # CountryInfo.txt
\t[CANGOV 050101-060101]
JOHN_ZYLBERMAN_  # CountryInfo.txt
\t[AUSGOV 070101-080101]
SERGEI_LAVROV_  # CountryInfo.txt
\t[RUSGOV >040309]
HANS_VOLKMAR_  # CountryInfo.txt
\t[DEUXYZ 050101-060101]
"""


@pytest.fixture(scope="module")
def known() -> Any:
    knowledge = ActorKnowledge.load()
    return tool.Knowledge(
        countries=frozenset(knowledge.countries.countries),
        roles=frozenset(knowledge.roles.order),
        groups=frozenset({"IGOUNO", "IGOWSTNAT"}),
        taken=frozenset({"freedonia"}),
        curated=frozenset({"sergei lavrov"}),
    )


@pytest.fixture(scope="module")
def sample(known: Any) -> tuple[dict[str, Any], Any]:
    entries = tool.parse_actor_file(SAMPLE.splitlines(), "Phoenix.Countries.actors.txt")
    people, stats = tool.derive(entries, known)
    return {p.name: p for p in people}, stats


def test_parser_reads_entries_aliases_and_codes() -> None:
    entries = tool.parse_actor_file(SAMPLE.splitlines(), "Phoenix.Countries.actors.txt")
    by_name = {e.name: e for e in entries}
    assert by_name["FREEDONIA_"].codes == ["BHS"] and by_name["FREEDONIA_"].aliases == ["FREEDONIAN_"]
    quaskett = by_name["ORVILLE_T._QUASKETT_"]
    assert quaskett.aliases == ["PRIME_MINISTER_ORVILLE_QUASKETT_"]
    assert quaskett.codes == ["BHSELI 550101-770301", "BHSGOV 770301-920821", "BHSELI"]
    assert quaskett.comment == "CountryInfo.txt" and quaskett.line == 8
    assert by_name["KORVAN_BESTIK_"].codes == ["IGOUNOKID 19950101-20001231", "ELI"]


@pytest.mark.parametrize(("text", "expected"), [
    ("770301", date(1977, 3, 1)), ("300101", date(2030, 1, 1)), ("310101", date(1931, 1, 1)),
    ("000101", date(2000, 1, 1)), ("20070101", date(2007, 1, 1)), ("031301", None), ("2004017", None),
])
def test_two_digit_years_and_bad_dates(text: str, expected: date | None) -> None:
    assert tool.parse_date(text) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("LYNDEN_O._PINDLING_", "Lynden O. Pindling"),
    ("BASHAR_AL-ASSAD", "Bashar al-Assad"),
    ("JAVIER_PEREZ_DE_CUELLAR_", "Javier Perez de Cuellar"),
    ("JOHN_MCCAIN_", "John McCain"),
    ("THOMAS_O'NEILL_III", "Thomas O'Neill III"),
    ("J.R._ST._CLAIR_JR.", "J.R. St. Clair Jr."),
])
def test_names_get_normal_capitalisation(raw: str, expected: str) -> None:
    assert tool.capitalise(raw) == expected
    assert tool.capitalise("BAN_KI-MOON_", "KOR") == "Ban Ki-moon"


def test_people_rows_and_dates(sample: tuple[dict[str, Any], Any]) -> None:
    people, _ = sample
    quaskett = people["Orville T. Quaskett"]
    # The title is stripped from the alias, the initial gives an alias without it.
    assert quaskett.forms == ["Orville T. Quaskett", "Orville Quaskett"]
    # The dated rows keep their dates; the undated default [BHSELI] holds after the last office.
    assert [(c.country, c.role, c.start, c.end) for c in quaskett.codes] == [
        ("BHS", "ELI", date(1955, 1, 1), date(1977, 3, 1)),
        ("BHS", "GOV", date(1977, 3, 1), date(1992, 8, 21)),
        ("BHS", "ELI", date(1992, 8, 21), None),
    ]
    # Sub-roles are dropped and the touching GOV ranges merged; >A has no end.
    draxlova = people["Mirela Draxlova"]
    assert [(c.country, c.role, c.start, c.end) for c in draxlova.codes] == [
        ("CZE", "GOV", date(2003, 1, 1), date(2007, 10, 31)),
        ("CZE", "GOV", date(2008, 1, 1), None),
    ]
    (zubayri,) = people["Pell al-Zubayri"].codes
    assert (zubayri.start, zubayri.end) == (None, date(1999, 12, 31))
    (bestik,) = people["Korvan Bestik"].codes  # IGOUNOKID -> the known group code IGOUNO
    assert (bestik.country, bestik.role, bestik.start) == ("IGOUNO", "", date(1995, 1, 1))


def test_undated_elite_codes_can_be_dropped(known: Any) -> None:
    entries = tool.parse_actor_file(SAMPLE.splitlines(), "Phoenix.Countries.actors.txt")
    people, stats = tool.derive(entries, known, undated_eli=False)
    quaskett = next(p for p in people if p.name == "Orville T. Quaskett")
    assert [c.role for c in quaskett.codes] == ["ELI", "GOV"]
    assert stats["code dropped: undated code"] == 3  # [BHS], [ELI] and now [BHSELI]


def test_what_is_dropped(sample: tuple[dict[str, Any], Any]) -> None:
    people, stats = sample
    assert "Freedonia" not in people  # a country: no role
    assert not any("Council" in name for name in people)  # an institution
    assert "Novak Templeton" not in people  # its only code has an impossible date
    assert "Sugarto" not in people  # one word
    assert "John Zylberman" not in people  # one name for people of two countries
    assert "Sergei Lavrov" not in people  # the curated files name him
    assert "Hans Volkmar" not in people  # a role heron does not know
    assert stats["entry dropped: not a person's name (one word)"] == 1
    assert stats["person dropped: named in the curated leaders files (curated rows win)"] == 1
    assert stats["code dropped: undated code"] == 2  # Freedonia's [BHS]; Korvan Bestik's [ELI]: no country
    assert stats["undated ELI kept as a row after the last dated office"] == 1
    assert stats["people kept"] == len(people) == 4


def test_rendered_file_loads_through_the_leaders_loader(
        sample: tuple[dict[str, Any], Any], known: Any) -> None:
    people, stats = sample
    licence = "The MIT License (MIT)\n\nCopyright (c) 2014 Example\n\nPermission is hereby granted\n"
    text = tool.render(list(people.values()), stats, licence, date(2025, 1, 2))
    lines = text.splitlines()
    assert lines[0] == "# version: 1"
    assert "676801cd9cb2" in lines[1] and "derived on 2025-01-02" in lines[1]
    assert "#   Copyright (c) 2014 Example" in lines
    entries = parse_csv(text, "sample.csv", ActorKnowledge.load().codes)
    assert len(entries) == sum(len(p.codes) for p in people.values()) == 7


# --------------------------------------------------------------------------- the shipped file


def _rows() -> list[dict[str, str]]:
    lines = [line for line in PATH.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def test_header_gives_version_source_licence_rules_and_date() -> None:
    lines = PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# version: 1"
    source = lines[1]
    assert source.startswith("# source: ") and "openeventdata/petrarch2" in source
    assert "676801cd9cb2" in source
    assert "Phoenix.Countries.actors.txt" in source and "derived on 20" in source
    head = "\n".join(line for line in lines if line.startswith("#"))
    assert "MIT License" in head and "Copyright (c) 2014 Open Event Data" in head
    assert "The above copyright notice and this permission notice shall be included" in head
    assert "undated codes" in head and "00-30 is 20xx" in head and "counts:" in head
    assert next(line for line in lines if not line.startswith("#")).split(",") == HEADER


def test_rows_have_known_codes_and_dates() -> None:
    knowledge = ActorKnowledge.load()
    rows = _rows()
    assert len(rows) > 10_000
    groups = {e.code for entries in knowledge.names.values() for e in entries if e.kind == "org"}
    for row in rows:
        if row["role"]:
            assert row["country"] in knowledge.countries.countries, row
            assert row["role"] in knowledge.roles.order, row
        else:
            assert row["country"] in groups, row
        assert row["start"] or row["end"], row  # never a row valid at every date
        assert len(row["name"].split()) >= 2 and row["name"] != row["name"].upper(), row
        assert row["note"].startswith("petrarch2 "), row


def test_no_person_of_the_curated_files_is_repeated() -> None:
    knowledge = ActorKnowledge.load()
    curated = {norm(n) for e in knowledge.leaders.entries if e.source in SHIPPED_LEADERS
               for n in (e.name, *e.aliases)}
    for row in _rows():
        forms = [row["name"], *filter(None, row["aliases"].split(";"))]
        assert not any(norm(f) in curated for f in forms), row


def test_the_base_layer_loads_whole_and_last() -> None:
    knowledge = ActorKnowledge.load()
    leaders = knowledge.leaders
    assert leaders.base_dropped == 0  # the derive script already left out the curated people
    assert len(leaders.base_entries) == len(_rows())
    assert {e.source for e in leaders.base_entries} == {BASE_LEADERS}
    assert len(leaders) == len(leaders.entries)


def _actor(name: str, when: date) -> list[dict[str, str]]:
    result = CliRunner().invoke(app, ["actor", name, "--date", when.isoformat(), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, str]] = json.loads(result.output)
    return rows


def _a_derived_person() -> tuple[str, str, date, date]:
    """A derived person with one closed GOV row: name, code, start, end."""
    by_name: dict[str, list[dict[str, str]]] = {}
    for row in _rows():
        by_name.setdefault(row["name"], []).append(row)
    for name, rows in sorted(by_name.items()):
        if len(rows) == 1 and rows[0]["role"] == "GOV" and rows[0]["start"] and rows[0]["end"] \
                and rows[0]["country"] == "AZE":
            row = rows[0]
            return name, row["country"] + row["role"], date.fromisoformat(row["start"]), \
                date.fromisoformat(row["end"])
    raise AssertionError("no derived AZE minister with one closed row")


def test_a_derived_person_resolves_in_office_and_not_outside() -> None:
    name, code, start, end = _a_derived_person()
    inside = start + (end - start) / 2
    (row,) = _actor(name, inside)
    assert row["code"] == code and row["name"] == name
    assert row["why"].startswith(f"dictionary:{BASE_LEADERS}:{name} ")
    assert _actor(name, end) == []
    assert _actor(name, date(start.year - 30, 1, 1)) == []


def test_derived_people_are_found_by_full_name_only() -> None:
    knowledge = ActorKnowledge.load()
    name, _, start, end = _a_derived_person()
    inside = start + (end - start) / 2
    assert knowledge.leader(name, inside) is not None
    bare = knowledge.leader(name.split()[-1], inside)  # no bare surname into the base layer
    assert bare is None or bare.source != BASE_LEADERS
    # ...but the article may still name the person by surname after the full name.
    assert knowledge.leaders.surname_keys(name)


@pytest.mark.parametrize(("text", "when", "code", "source"), [
    ("Sergei Lavrov", date(2010, 1, 1), "RUSGOV", "leaders.csv"),
    ("Lavrov", date(2010, 1, 1), "RUSGOV", "leaders.csv"),
    ("Erdogan", date(2020, 6, 1), "TURGOV", "leaders.csv"),
    ("Guterres", date(2020, 6, 1), "IGOUNO", "leaders.csv"),
])
def test_curated_people_are_unaffected(text: str, when: date, code: str, source: str) -> None:
    entry = ActorKnowledge.load().leader(text, when)
    assert entry is not None and (entry.code, entry.source) == (code, source)


def test_every_curated_name_and_surname_resolves_as_without_the_base_layer() -> None:
    knowledge = ActorKnowledge.load()
    leaders = knowledge.leaders
    curated = [e for e in leaders.entries if e.source != BASE_LEADERS]
    without = LeaderDictionary([curated], role_order=knowledge.roles.order, names=leaders.rules)
    for surnames in (False, True):
        with_base = LeaderDictionary([curated], role_order=knowledge.roles.order, names=leaders.rules,
                                     base=leaders.base_entries, base_surnames=surnames)
        checked = 0
        for entry in curated:
            when = entry.start or date(2000, 1, 1)
            for text in (entry.name, *entry.aliases, *without.surname_keys(entry.name)):
                assert with_base.lookup(text, when) == without.lookup(text, when), (text, when, surnames)
                checked += 1
        assert checked > 2000


def _entry(name: str, country: str, start: date, end: date | None = None, aliases: tuple[str, ...] = (),
           source: str = "curated.csv") -> LeaderEntry:
    return LeaderEntry(name=name, aliases=aliases, country=country, role="GOV", title="", start=start,
                       end=end, note="", source=source, line=1)


def test_base_surnames_never_make_a_curated_surname_ambiguous() -> None:
    rules = load_name_rules()
    curated = [_entry("Ann Quellmark", "FRA", date(2001, 1, 1), date(2005, 1, 1))]
    base = [
        _entry("Bo Quellmark", "SWE", date(2000, 1, 1), date(2010, 1, 1), source=BASE_LEADERS),
        _entry("Cy Orrinbow", "NOR", date(2000, 1, 1), date(2010, 1, 1), source=BASE_LEADERS),
        # One person the curated file names by an alias: dropped from the base at load.
        _entry("Ann Q. Quellmark", "DEU", date(1990, 1, 1), aliases=("Ann Quellmark",), source=BASE_LEADERS),
    ]
    for surnames in (False, True):
        book = LeaderDictionary([curated], role_order=("GOV",), names=rules, base=base,
                                base_surnames=surnames)
        assert book.base_dropped == 1
        when = date(2003, 1, 1)
        assert book.lookup("Quellmark", when).name == "Ann Quellmark"  # type: ignore[union-attr]
        assert book.lookup("Ann Quellmark", date(1995, 1, 1)) is None  # not the dropped base row
        assert book.lookup("Bo Quellmark", when).country == "SWE"  # type: ignore[union-attr]
        # Out of the curated office the surname stays the curated person's: no base namesake takes it.
        assert book.lookup("Quellmark", date(2008, 1, 1)) is None
        orrinbow = book.lookup("Orrinbow", when)
        assert (orrinbow is not None) == surnames
