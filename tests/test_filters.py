"""heron.filters and `heron events`: filters combine as an analyst expects (store from store_data)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from store_data import codes_of, make_store
from typer.testing import CliRunner

from heron.cli import app
from heron.filters import EventFilter, FilterError, period, split_values
from heron.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("filters") / "heron.duckdb")


def select(db: Path, **options) -> list[str]:
    with Store(db, read_only=True) as store:
        return codes_of(store.events(where=EventFilter.build(**options)))


def cli(db: Path, *args: str) -> list[dict]:
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_periods() -> None:
    assert period("2019") == (date(2019, 1, 1), date(2019, 12, 31))
    assert period("2019-05") == (date(2019, 5, 1), date(2019, 5, 31))
    assert period("2020-02") == (date(2020, 2, 1), date(2020, 2, 29))
    assert period("2019-05-03") == (date(2019, 5, 3), date(2019, 5, 3))
    for bad in ("2019-13", "19", "May 2019", "2019-02-30", ""):
        with pytest.raises(FilterError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
            period(bad, "--since")


def test_values_split_and_keep_order() -> None:
    assert split_values(["18,19", " 20 ", "19", ""]) == ("18", "19", "20")
    assert split_values("04") == ("04",)
    assert split_values(None) == ()


def test_repeated_and_comma_codes_mean_either(db: Path) -> None:
    assert select(db, codes=["19"]) == ["190"]
    assert sorted(select(db, codes=["19", "20"])) == ["190", "200"]
    both = select(db, codes=["18,19,20"])
    assert sorted(both) == ["183", "190", "200"]
    assert sorted(select(db, codes=["18", "19", "20"])) == sorted(both)
    assert sorted(select(db, codes=["0"])) == ["020", "040", "040"]


def test_actors_either_side_and_directed_dyads(db: Path) -> None:
    assert sorted(select(db, actors=["TUR"])) == ["183", "200"]
    assert sorted(select(db, actors=["TUR", "IGO"])) == ["020", "183", "200"]
    # RUS acting on UKR, not the other way round.
    assert sorted(select(db, sources=["RUS"], targets=["UKR"])) == ["040", "130", "190"]
    assert sorted(select(db, sources=["UKR"], targets=["RUS"])) == ["040", "111"]
    assert select(db, sources=["rusgov"], targets=["ukr"], codes=["04"]) == ["040"]  # case-insensitive
    assert sorted(select(db, targets=["UKR,SYR"])) == ["020", "040", "130", "183", "190"]


def test_since_and_until_are_whole_periods(db: Path) -> None:
    assert sorted(select(db, since="2019", until="2019")) == ["020", "040", "040", "111", "130", "190"]
    assert sorted(select(db, since="2019-05", until="2019-05")) == ["111", "130", "190"]
    # r3 has no date of its own: it counts on its article's publication day (2019-05-06).
    assert select(db, since="2019-05-05", until="2019-05-31") == ["130"]
    assert select(db, until="2018") == ["200"]
    assert select(db, since="2020") == ["183"]
    with pytest.raises(FilterError, match="after"):
        EventFilter.build(since="2020", until="2019")


def test_real_and_limits(db: Path) -> None:
    assert "130" not in select(db, real_only=True) and len(select(db, real_only=True)) == 6
    assert len(select(db, include_negated=False)) == 7
    assert len(select(db, limit=3)) == 3


@pytest.mark.parametrize("value", ["1' OR '1'='1", "04); DROP TABLE events; --", "abc"])
def test_bad_codes_are_refused_by_name(db: Path, value: str) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--code", value])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"heron: --code {value!r} is not a CAMEO event code "
                                                  "(1-4 digits, e.g. 04, 190)"]


@pytest.mark.parametrize("value", ["RUS' OR 1=1 --", "U%", "RUS;DROP"])
def test_actor_values_never_reach_sql_text(db: Path, value: str) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--actor", value])
    assert result.exit_code == 2 and "is not a CAMEO actor code" in result.stderr
    with Store(db, read_only=True) as store:
        assert store.counts()["events"] == 8
    # Passed straight to the library (no validation), a value is only ever a parameter.
    with Store(db, read_only=True) as store:
        assert store.events(where=EventFilter(actors=(value,), article_id="x' OR '1'='1")) == []


def test_cli_filters(db: Path) -> None:
    assert sorted(codes_of(cli(db, "--code", "18", "--code", "19,20"))) == ["183", "190", "200"]
    assert sorted(codes_of(cli(db, "--source", "RUS", "--target", "UKR", "--since", "2019-05",
                                "--until", "2019-05"))) == ["130", "190"]
    assert sorted(codes_of(cli(db, "--actor", "IGO", "--actor", "SYR"))) == ["020", "183", "200"]
    assert codes_of(cli(db, "--real", "--code", "13")) == []


def test_every_event_record_carries_its_article(db: Path) -> None:
    (record,) = cli(db, "--code", "190")
    assert (record["url"], record["title"], record["published"]) == (
        "https://news.example/kiev-1", "Shelling near the border", "2019-05-06")
    table = runner.invoke(app, ["events", "--db", str(db), "--code", "190"]).stdout
    assert "Shelling near the border" in table and "2019-05-06" in table


def test_empty_csv_has_its_header(db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--code", "09", "--format", "csv"])
    assert result.exit_code == 0
    header = result.stdout.splitlines()
    assert len(header) == 1 and header[0].startswith("id,article_id,source_code,")
    assert header[0].endswith(",url,title,published")
