"""The offices of every UN member state on 2024-01-01: leaders_un2024.csv and offices_2024.yaml.

The file checks use the csv module alone (as tests/test_leaders_data.py does
for leaders.csv); the resolution checks go through ``heron actor`` itself.
"""

from __future__ import annotations

import csv
import itertools
import json
import random
import re
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pycountry
import pytest
from typer.testing import CliRunner

from heron.actors.errors import ActorDataError
from heron.actors.knowledge import ActorKnowledge
from heron.actors.offices import OFFICES, OfficeTable, load_offices
from heron.cli import app

DATA = Path(__file__).resolve().parent.parent / "heron" / "data"
PATH = DATA / "leaders_un2024.csv"
HEADER = ["name", "aliases", "country", "role", "title", "start", "end", "note", "family_name"]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DAY = date(2024, 1, 1)
# Titles one person holds at a time in one state (collective offices such as
# Bosnia's presidency or San Marino's Captains Regent are not listed).
SINGLE_HOLDER = {"President", "Prime Minister", "Premier", "Chancellor", "King", "Queen", "Emir",
                 "Foreign Minister", "Defence Minister", "Taoiseach", "Head of Government"}


def _rows() -> list[dict[str, str]]:
    lines = [line for line in PATH.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


@pytest.fixture(scope="module")
def table() -> OfficeTable:
    return load_offices()


def _span(row: dict[str, str]) -> tuple[date, date]:
    return date.fromisoformat(row["start"]), date.fromisoformat(row["end"]) if row["end"] else date.max


def test_header_version_and_provenance() -> None:
    lines = PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# version: 1"
    assert lines[1].startswith("# source: ") and "2024-01-01" in lines[1]
    header = next(line for line in lines if not line.startswith("#"))
    assert header.split(",") == HEADER


def test_rows_are_well_formed() -> None:
    rows = _rows()
    assert len(rows) >= 400
    for row in rows:
        assert None not in row and all(v is not None for v in row.values()), row
        assert row["role"] == "GOV", row  # heads and ministers alike, as in leaders.csv
        assert pycountry.countries.get(alpha_3=row["country"]) is not None, row
        assert ISO_DATE.match(row["start"]) and (not row["end"] or ISO_DATE.match(row["end"])), row
        start, end = _span(row)
        assert date(1960, 1, 1) <= start < end, row
        for alias in filter(None, row["aliases"].split(";")):
            assert alias == alias.strip() and alias.casefold() != row["name"].casefold(), row


def test_single_holder_offices_never_held_by_two_people_at_once() -> None:
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in _rows():
        if row["title"] in SINGLE_HOLDER:
            groups[(row["country"], row["title"])].append(row)
    for key, rows in groups.items():
        for a, b in itertools.combinations(rows, 2):
            (sa, ea), (sb, eb) = _span(a), _span(b)
            assert not (sa < eb and sb < ea), (key, a["name"], b["name"])


def test_shipped_leaders_files_merge_without_overlaps() -> None:
    knowledge = ActorKnowledge.load()
    sources = {e.source for e in knowledge.leaders.entries}
    assert sources == {"leaders.csv", "leaders_un2024.csv", "leaders_petrarch.csv"}  # the last: the base
    assert len([e for e in knowledge.leaders.entries if e.source == "leaders_un2024.csv"]) == len(_rows())


def test_table_covers_every_un_member_state(table: OfficeTable) -> None:
    assert len(table.members) == len(set(table.members)) == 193
    counts = table.counts()
    # Every member has a head of state named, or the office stated vacant.
    assert counts["hos"]["named"] + counts["hos"]["vacant"] == 193
    # What is left out may only shrink (the figures of the report).
    assert counts["hog"]["left out"] <= 2
    assert counts["fm"]["left out"] <= 44
    assert counts["dm"]["left out"] <= 62
    assert len({(h.country, h.office) for h in table.holders}) >= 640


def test_table_problems_are_all_listed(tmp_path: Path) -> None:
    bad = tmp_path / "offices.yaml"
    bad.write_text(
        "version: 1\ndate: 2024-01-01\nmembers:\n"
        "  FRA: {hos: Emmanuel Macron, fm: Sergei Lavrov, dm: Nobody Known}\n"
        "  XXX: {hos: Someone}\n"
        "  DEU: {boss: Olaf Scholz}\n",
        encoding="utf-8",
    )
    with pytest.raises(ActorDataError) as info:
        load_offices(path=bad)
    message = str(info.value)
    assert message.startswith("4 problem(s):")
    assert "members.FRA.fm: 'Sergei Lavrov': resolves to RUS, not FRA" in message
    assert "members.FRA.dm: 'Nobody Known': no leaders entry in office on 2024-01-01" in message
    assert "members.XXX: unknown country code 'XXX'" in message
    assert "members.DEU: unknown office 'boss'" in message


def _actor(name: str, when: date) -> list[dict[str, str]]:
    result = CliRunner().invoke(app, ["actor", name, "--date", when.isoformat(), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def test_thirty_random_office_holders_resolve_through_heron_actor(table: OfficeTable) -> None:
    knowledge = ActorKnowledge.load()
    sample = random.Random(20240101).sample(sorted(set(table.holders), key=repr), 30)
    for holder in sample:
        entry = knowledge.leader(holder.name, DAY)
        assert entry is not None
        rows = [{"code": r["code"], "name": r["name"]} for r in _actor(holder.name, DAY)]
        assert {"code": holder.code, "name": entry.name} in rows, (holder, rows)
        assert holder.code == ("GBRGOV" if holder.name == "Charles III" else
                               "FRAGOV" if holder.name == "Emmanuel Macron" else holder.country + "GOV")


def test_offices_out_of_term_resolve_to_nothing_or_to_an_earlier_office(table: OfficeTable) -> None:
    knowledge = ActorKnowledge.load()
    sample = random.Random(7).sample(sorted(set(table.holders), key=repr), 60)
    for holder in sample:
        now = knowledge.leader(holder.name, DAY)
        assert now is not None and now.start is not None
        before = knowledge.leader(holder.name, now.start - timedelta(days=1))
        # The day before this office the person was out of office, or in another one.
        assert before is None or (before.title, before.start) != (now.title, now.start), holder
        if now.end is not None:
            after = knowledge.leader(holder.name, now.end)
            assert after is None or (after.title, after.start) != (now.title, now.start), holder


@pytest.mark.parametrize(("name", "when", "code", "title"), [
    ("Saleh Kebzabo", date(2023, 12, 31), "TCDGOV", "Prime Minister"),
    ("Succès Masra", DAY, "TCDGOV", "Prime Minister"),
    ("Alexander Stubb", date(2024, 3, 1), "FINGOV", "President"),
    ("Frederik X", date(2024, 1, 14), "DNKGOV", "King"),
    ("Bernardo Arévalo", date(2024, 1, 15), "GTMGOV", "President"),
    ("Joseph Boakai", date(2024, 2, 1), "LBRGOV", "President"),
    ("Mihai Popsoi", date(2024, 2, 1), "MDAGOV", "Foreign Minister"),
    ("Viola Amherd", date(2023, 6, 1), "CHEGOV", "Defence Minister"),
    ("Viola Amherd", DAY, "CHEGOV", "President of the Confederation and Defence Minister"),
])
def test_successors_and_changes_around_the_date(name: str, when: date, code: str, title: str) -> None:
    entry = ActorKnowledge.load().leader(name, when)
    assert entry is not None and (entry.code, entry.title) == (code, title)


@pytest.mark.parametrize(("name", "when"), [
    ("Saleh Kebzabo", DAY),  # the hand-over day belongs to the successor
    ("Sauli Niinistö", date(2024, 3, 1)),
    ("Margrethe II", date(2024, 2, 1)),
    ("Alejandro Giammattei", date(2024, 2, 1)),
    ("George Weah", date(2024, 2, 1)),
    ("Nicu Popescu", date(2024, 2, 1)),
    ("Hage Geingob", date(2024, 3, 1)),
])
def test_out_of_office_resolves_to_nothing(name: str, when: date) -> None:
    assert _actor(name, when) == [] or all(r["code"] == "" for r in _actor(name, when))
    assert ActorKnowledge.load().leader(name, when) is None


@pytest.mark.parametrize(("surname", "code", "name"), [
    ("Orbán", "HUNGOV", "Viktor Orbán"),
    ("Fico", "SVKGOV", "Robert Fico"),
    ("Tusk", "POLGOV", "Donald Tusk"),
    ("Srettha", "THAGOV", "Srettha Thavisin"),
    ("Isaias", "ERIGOV", "Isaias Afwerki"),
    ("Vučić", "SRBGOV", "Aleksandar Vučić"),
    ("Touadéra", "CAFGOV", "Faustin-Archange Touadéra"),
])
def test_surnames_alone_resolve_where_unambiguous(surname: str, code: str, name: str) -> None:
    rows = _actor(surname, DAY)
    assert [(r["code"], r["name"]) for r in rows] == [(code, name)]


@pytest.mark.parametrize(("bare", "full"), [
    ("Kim", "Kim Jong Un"),  # not the premier Kim Tok Hun
    ("Japarov", "Sadyr Japarov"),  # not the cabinet chairman Akylbek Japarov
    ("Ouattara", "Alassane Ouattara"),  # not the defence minister, his brother
])
def test_shared_surnames_mean_the_head_of_state(bare: str, full: str) -> None:
    entry = ActorKnowledge.load().leader(bare, DAY)
    assert entry is not None and entry.name == full


def test_offices_command_counts_and_lists_what_is_left_out() -> None:
    result = CliRunner().invoke(app, ["actors", "offices", "--missing"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("offices of 193 UN member states on 2024-01-01")
    assert re.search(r"head of state +191 named, 0 none, 2 vacant, 0 left out", result.output)
    assert "left out: SDN hog, fm, dm" in result.output
    assert set(OFFICES) == {"hos", "hog", "fm", "dm"}
