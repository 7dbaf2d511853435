"""Actor data files: shipped files load, user leaders files validate and override."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from heron.actors import ActorDataError, ActorKnowledge
from heron.actors.datafiles import shipped_path
from heron.actors.dictionary import Codes, LeaderDictionary, load_leaders_file
from heron.actors.organizations import load_groups
from heron.actors.roles import load_roles

FIXTURE = Path(__file__).parent / "fixtures" / "leaders_test.csv"
HEADER = "# version: 1\nname,aliases,country,role,title,start,end,note\n"


@pytest.fixture(scope="module")
def knowledge() -> ActorKnowledge:
    return ActorKnowledge.load()


@pytest.fixture(scope="module")
def codes(knowledge: ActorKnowledge) -> Codes:
    return knowledge.codes


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- names
@pytest.mark.parametrize(
    ("text", "code", "kind"),
    [
        ("Iran", "IRN", "country"),
        ("U.S.", "USA", "country"),
        ("US", "USA", "country"),
        ("United States", "USA", "country"),
        ("America", "USA", "country"),
        ("the UK", "GBR", "country"),
        ("Britain", "GBR", "country"),
        ("Russia", "RUS", "country"),
        ("Syria", "SYR", "country"),
        ("South Korea", "KOR", "country"),
        ("North Korea", "PRK", "country"),
        ("Ivory Coast", "CIV", "country"),
        ("Turkey", "TUR", "country"),
        ("Türkiye", "TUR", "country"),
        ("S. Sudan", "SSD", "country"),
        ("Iranian", "IRN", "demonym"),
        ("French", "FRA", "demonym"),
        ("Kyrgyz", "KGZ", "demonym"),
        ("Emirati", "ARE", "demonym"),
        ("British", "GBR", "demonym"),
        ("American", "USA", "demonym"),
        ("Tehran", "IRNGOV", "capital"),
        ("Damascus", "SYRGOV", "capital"),
        ("Beijing", "CHNGOV", "capital"),
        ("Astana", "KAZGOV", "capital"),
        ("Washington", "USAGOV", "capital"),
        ("the Kremlin", "RUSGOV", "seat"),
        ("the White House", "USAGOV", "seat"),
        ("Downing Street", "GBRGOV", "seat"),
        ("the Pentagon", "USAMIL", "seat"),
        ("the Elysee", "FRAGOV", "seat"),
        ("Whitehall", "GBRGOV", "seat"),
        ("Capitol Hill", "USALEG", "seat"),
        ("Foggy Bottom", "USAGOV", "seat"),
        ("the State Department", "USAGOV", "seat"),
        ("U.N. Security Council", "IGOUNO", "org"),
        ("General Assembly", "IGOUNO", "org"),
        ("NATO", "IGOWSTNAT", "org"),
        ("European Union", "IGOEUREEC", "org"),
        ("African Union", "IGOAFRAFU", "org"),
        ("Islamic State", "IMGISI", "org"),
        ("ISIL", "IMGISI", "org"),
        ("Daesh", "IMGISI", "org"),
        ("al-Qaeda", "IMGAQD", "org"),
        ("Boko Haram", "NGAREB", "org"),
        ("Houthis", "YEMREB", "org"),
        ("Hezbollah", "LBNREB", "org"),
        ("Taliban", "AFGREB", "org"),
        ("Hamas", "PSEREB", "org"),
        ("FARC", "COLREB", "org"),
        ("M23", "CODREB", "org"),
        ("SPLM-IO", "SSDREB", "org"),
        ("LTTE", "LKAREB", "org"),
        ("Human Rights Watch", "NGOHRW", "org"),
        ("Amnesty International", "NGOAMN", "org"),
        ("Syrian Observatory for Human Rights", "NGOSOHR", "org"),
        ("ICRC", "NGOIRC", "org"),
    ],
)
def test_name_entries(knowledge: ActorKnowledge, text: str, code: str, kind: str) -> None:
    entry = knowledge.name_entry(text)
    assert entry is not None, text
    assert (entry.code, entry.kind) == (code, kind)


@pytest.mark.parametrize("text", ["us", "who", "turkey", "Male", "Nur-Sultan"])
def test_case_and_ambiguity_guards(knowledge: ActorKnowledge, text: str) -> None:
    assert knowledge.name_entry(text) is None


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("spokeswoman", "GOV"),
        ("ministry", "GOV"),
        ("airstrikes", "MIL"),
        ("defense ministry", "MIL"),
        ("militants", "REB"),
        ("dissidents", "OPP"),
        ("lawmakers", "LEG"),
        ("prosecutor", "JUD"),
        ("police", "COP"),
        ("news agency", "MED"),
        ("protesters", "CVL"),
        ("party", "PTY"),
        ("refugees", "REF"),
        ("intelligence agency", "SPY"),
    ],
)
def test_role_words(knowledge: ActorKnowledge, word: str, role: str) -> None:
    found = knowledge.role_word(word)
    assert found is not None and found.role == role


def test_roles_file_rejects_a_word_under_two_roles(tmp_path: Path) -> None:
    path = write(
        tmp_path, "roles.yaml", "version: 1\nroles:\n  GOV: {bodies: [army]}\n  MIL: {bodies: [army]}\n"
    )
    with pytest.raises(
        ActorDataError, match=r"roles.yaml: roles.MIL.bodies: 'army' is already listed under GOV"
    ):
        load_roles(path)


def test_data_file_without_version_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "roles.yaml", "roles:\n  GOV: {bodies: [government]}\n")
    with pytest.raises(ActorDataError, match="version: missing"):
        load_roles(path)


def test_shipped_groups_expand_to_known_codes(knowledge: ActorKnowledge) -> None:
    assert knowledge.groups["six world powers"] == ("USA", "GBR", "FRA", "DEU", "CHN", "RUS")
    assert knowledge.groups["e3"] == ("GBR", "FRA", "DEU")


@pytest.mark.parametrize(("groups", "message"), [
    ("  - {names: [Big Two], members: [USA, XXX]}\n", r"unknown code\(s\) \['XXX'\]"),
    ("  - {names: [Lonely], members: [USA]}\n", "at least two members"),
    ("  - {names: [Pair], members: [USA, CAN]}\n  - {names: [pair], members: [USA, MEX]}\n",
     "'pair' is already a group"),
])
def test_bad_groups_are_refused(tmp_path: Path, groups: str, message: str) -> None:
    head = "version: 1\norganizations:\n  - {code: IGOUNO, names: [United Nations]}\ngroups:\n"
    path = write(tmp_path, "organizations.yaml", head + groups)
    with pytest.raises(ActorDataError, match=message):
        load_groups({"USA", "CAN", "MEX"}, path)


# ----------------------------------------------------------- dictionary
def test_fixture_loads_both_group_forms(codes: Codes) -> None:
    entries = load_leaders_file(FIXTURE, codes)
    by_name = {e.name: e.code for e in entries}
    assert by_name["Ban Ki-moon"] == "IGOUNO"
    assert by_name["Jens Stoltenberg"] == "IGONAT"


def test_dated_roles_on_both_sides_of_a_boundary(codes: Codes) -> None:
    leaders = LeaderDictionary([load_leaders_file(FIXTURE, codes)])
    assert leaders.lookup("Joe Biden", date(2009, 1, 19)).code == "USALEG"  # type: ignore[union-attr]
    assert leaders.lookup("Joe Biden", date(2009, 1, 20)).code == "USAGOV"  # type: ignore[union-attr]
    assert leaders.lookup("Biden", date(2017, 1, 19)).title == "Vice President"  # type: ignore[union-attr]
    assert leaders.lookup("Biden", date(2018, 6, 1)) is None  # out of office between terms
    assert leaders.lookup("Joseph R. Biden", date(2021, 1, 20)).title == "President"  # type: ignore[union-attr]


def test_surname_only_when_unique_at_the_date(codes: Codes) -> None:
    leaders = LeaderDictionary([load_leaders_file(FIXTURE, codes)])
    assert leaders.lookup("Marlow", date(2011, 1, 1)).country == "GBR"  # type: ignore[union-attr]
    assert leaders.lookup("Marlow", date(2011, 7, 1)) is None  # two Marlows in office
    assert leaders.lookup("Chris Marlow", date(2011, 7, 1)).code == "AUSMIL"  # type: ignore[union-attr]


def test_user_file_overrides_shipped_entry(tmp_path: Path, codes: Codes) -> None:
    user = write(
        tmp_path, "mine.csv", HEADER + "Sergei Lavrov,Lavrov,RUS,MIL,Adviser,2015-01-01,2016-01-01,\n"
    )
    leaders = LeaderDictionary([load_leaders_file(user, codes), load_leaders_file(FIXTURE, codes)])
    overridden = leaders.lookup("Lavrov", date(2015, 6, 1))
    assert overridden is not None and (overridden.code, overridden.source) == ("RUSMIL", "mine.csv")
    shipped = leaders.lookup("Lavrov", date(2016, 6, 1))
    assert shipped is not None and (shipped.code, shipped.source) == ("RUSGOV", "leaders_test.csv")


def test_user_yaml_file_through_knowledge(tmp_path: Path) -> None:
    user = write(
        tmp_path,
        "mine.yaml",
        "- name: Dana Okafor\n  aliases: [Okafor]\n  country: NGA\n"
        "  role: LEG\n  title: Senator\n  start: 2019-06-11\n",
    )
    knowledge = ActorKnowledge.load([user])
    entry = knowledge.leader("Okafor", date(2020, 1, 1))
    assert entry is not None and entry.code == "NGALEG" and entry.line == 1
    assert knowledge.leader("Okafor", date(2018, 1, 1)) is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Ann Lee,,FRA,GOV,Minister,2010-01-01\n", r"bad.csv:3: malformed row: 6 fields, expected 8"),
        ("Ann Lee,,XYZ,GOV,Minister,2010-01-01,,\n", r"bad.csv:3: country: unknown country code 'XYZ'"),
        ("Ann Lee,,FRA,BOSS,Minister,2010-01-01,,\n", r"bad.csv:3: role: unknown role 'BOSS'"),
        ("Ann Lee,,FRA,GOV,Minister,2010-02-30,,\n", r"bad.csv:3: start: impossible date '2010-02-30'"),
        ("Ann Lee,,FRA,GOV,Minister,2010-01-01,2009-12-31,\n", r"bad.csv:3: end: 2009-12-31 is before start"),
        (
            "Ann Lee,,FRA,GOV,Minister,2010-01-01,2014-01-01,\nAnn Lee,,FRA,GOV,Premier,2013-06-01,,\n",
            r"bad.csv:4: start: Ann Lee \(GOV\) 2013-06-01.. overlaps line 3",
        ),
        (",,FRA,GOV,Minister,2010-01-01,,\n", r"bad.csv:3: name: missing"),
    ],
)
def test_bad_user_files_name_file_line_and_reason(tmp_path: Path, row: str, message: str) -> None:
    path = write(tmp_path, "bad.csv", HEADER + row)
    with pytest.raises(ActorDataError, match=message):
        ActorKnowledge.load([path])
    # The shipped knowledge is untouched and still loads.
    assert ActorKnowledge.load().user_files == ()


def test_same_person_may_hold_two_roles_at_once(tmp_path: Path, codes: Codes) -> None:
    path = write(
        tmp_path,
        "ok.csv",
        HEADER + "Ann Lee,,FRA,GOV,Minister,2010-01-01,,\nAnn Lee,,FRA,PTY,Party chair,2011-01-01,,\n",
    )
    leaders = LeaderDictionary([load_leaders_file(path, codes)], role_order=("GOV", "PTY"))
    assert leaders.lookup("Ann Lee", date(2012, 1, 1)).role == "GOV"  # type: ignore[union-attr]


def test_yaml_error_names_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bad.yaml",
        "- name: Ann Lee\n  country: FRA\n  role: GOV\n"
        "- name: Bo Kim\n  country: KOR\n  role: GOV\n  start: 2012-13-01\n",
    )
    with pytest.raises(ActorDataError, match=r"bad.yaml:4: start: impossible date '2012-13-01'"):
        ActorKnowledge.load([path])


def test_missing_version_line(tmp_path: Path) -> None:
    path = write(tmp_path, "nov.csv", "name,aliases,country,role,title,start,end,note\n")
    with pytest.raises(ActorDataError, match=r"nov.csv:1: version"):
        ActorKnowledge.load([path])


def test_shipped_leaders_file_loads_if_present(knowledge: ActorKnowledge) -> None:
    if not shipped_path("leaders.csv").exists():
        pytest.skip("heron/data/leaders.csv not written yet")
    assert len(knowledge.leaders) > 0
    sources = {e.source for e in knowledge.leaders.entries}
    assert sources == {"leaders.csv", "leaders_un2024.csv", "leaders_petrarch.csv"}


def test_user_file_is_read_again_after_an_edit(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.csv", HEADER + "Ann Lee,,FRA,GOV,Minister,2010-01-01,,\n")
    first = ActorKnowledge.load([path])
    assert ActorKnowledge.load([path]) is first  # cached while unchanged
    path.write_text(HEADER + "Ann Lee,,FRA,MIL,Defence Minister,2010-01-01,,\n", encoding="utf-8")
    second = ActorKnowledge.load([path])
    assert second.leader("Ann Lee", date(2011, 1, 1)).code == "FRAMIL"  # type: ignore[union-attr]


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ActorDataError, match=r"nothere.csv: cannot read"):
        ActorKnowledge.load([tmp_path / "nothere.csv"])
