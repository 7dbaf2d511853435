"""`heron stats`, `heron articles` and `heron export` on a real DuckDB file (store_data)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from store_data import TEXTS, make_store
from typer.testing import CliRunner

from heron.cli import app
from heron.export import EVENT_CSV_COLUMNS, EVENT_SCHEMA, GDELT_COLUMNS

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("commands") / "heron.duckdb")


def invoke(*args: str) -> list[dict]:
    result = runner.invoke(app, [*args, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def export(db: Path, fmt: str, out: Path, *args: str) -> str:
    result = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return result.stderr


def test_stats_counts_every_grouping(db: Path) -> None:
    rows = invoke("stats", "--db", str(db))
    by = {(r["by"], r["key"]): (r["events"], r["real"]) for r in rows}
    assert by[("root", "04")] == (2, 1)  # one meeting is only hypothetical
    assert by[("root", "13")] == (1, 0)  # the negated threat
    assert by[("root", "19")] == (1, 1)
    assert [r["name"] for r in rows if r["key"] == "19" and r["by"] == "root"] == ["Fight"]
    assert by[("quad", "4")] == (3, 3) and by[("quad", "3")] == (2, 1) and by[("quad", "1")] == (3, 2)
    assert by[("dyad", "RUS>UKR")] == (3, 2)
    assert by[("dyad", "UKR>RUS")] == (2, 1)
    assert by[("dyad", "IGOUNO>UKR")] == (1, 1)  # a non-state side keeps its whole code
    months = [r["key"] for r in rows if r["by"] == "month"]
    assert months == ["2018-12", "2019-05", "2019-11", "2020-01"]
    assert by[("month", "2019-05")] == (3, 2)  # the undated threat counts in its article's month
    assert sum(r["events"] for r in rows if r["by"] == "root") == 8
    # Dyads by count, most frequent first; --top caps them; --by picks groupings.
    dyads = [r for r in rows if r["by"] == "dyad"]
    assert [r["events"] for r in dyads] == sorted((r["events"] for r in dyads), reverse=True)
    top = invoke("stats", "--db", str(db), "--by", "dyad", "--top", "2")
    assert [r["key"] for r in top] == ["RUS>UKR", "UKR>RUS"]
    # The event filters apply.
    only = invoke("stats", "--db", str(db), "--by", "root", "--since", "2020")
    assert [(r["key"], r["events"]) for r in only] == [("18", 1)]
    table = runner.invoke(app, ["stats", "--db", str(db), "--by", "quad"]).stdout
    assert "material conflict" in table


def test_articles_lists_counts(db: Path) -> None:
    rows = invoke("articles", "--db", str(db))
    assert [r["id"] for r in rows] == sorted(TEXTS)
    kiev = next(r for r in rows if r["id"] == "kiev-1")
    assert (kiev["n_events"], kiev["real_events"], kiev["title"], kiev["published"]) == (
        3, 2, "Shelling near the border", "2019-05-06")
    assert kiev["url"] == "https://news.example/kiev-1" and kiev["coder_version"] == "test-coder"
    assert next(r for r in rows if r["id"] == "empty-4")["n_events"] == 0
    table = runner.invoke(app, ["articles", "--db", str(db), "--limit", "1"]).stdout
    assert "border-3" in table and "kiev-1" not in table


def test_export_parquet_by_month(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events"
    assert "wrote 8 event(s)" in export(db, "parquet", out)
    months = sorted(p.name for p in out.iterdir())
    assert months == ["month=2018-12", "month=2019-05", "month=2019-11", "month=2020-01"]
    dataset = ds.dataset(out, format="parquet", partitioning="hive")
    table = dataset.to_table()
    assert table.num_rows == 8
    may = table.filter(ds.field("month") == "2019-05").column("code").to_pylist()
    assert sorted(may) == ["111", "130", "190"]
    part = pq.read_table(out / "month=2019-05" / "part-0.parquet")
    assert part.schema.names == EVENT_SCHEMA.names
    record = next(r for r in part.to_pylist() if r["code"] == "190")
    assert record["source"]["code"] == "RUSMIL" and record["title"] == "Shelling near the border"
    # DuckDB reads the dataset back as it is documented (docs/export.md).
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/**/*.parquet', hive_partitioning = true) "
                   "WHERE month >= '2019-11'").fetchall()
    assert n == [(4,)]  # three in November 2019, one in January 2020
    # A second export to the same place is refused, not mixed in.
    again = runner.invoke(app, ["export", "--db", str(db), "--format", "parquet", "--out", str(out)])
    assert again.exit_code == 2 and "not an empty directory" in again.stderr


def test_export_parquet_single_file_with_filters(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "russia.parquet"
    export(db, "parquet", out, "--source", "RUS", "--real")
    assert sorted(pq.read_table(out).column("code").to_pylist()) == ["040", "190"]


def test_export_csv_and_jsonl(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    export(db, "csv", out, "--code", "18,19")
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["code"] for r in rows) == ["183", "190"]
    assert tuple(rows[0]) == EVENT_CSV_COLUMNS
    empty = tmp_path / "none.csv"
    assert "wrote 0 event(s)" in export(db, "csv", empty, "--code", "09")
    assert empty.read_text(encoding="utf-8") == ",".join(EVENT_CSV_COLUMNS) + "\n"
    lines = tmp_path / "events.jsonl"
    export(db, "jsonl", lines, "--actor", "TUR")
    records = [json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["code"] for r in records) == ["183", "200"]
    assert all(r["published"] == "2020-01-16" for r in records)


def gdelt_rows(path: Path) -> tuple[list[str], list[dict]]:
    header, *lines = path.read_text(encoding="utf-8").splitlines()
    names = header.split("\t")
    return names, [dict(zip(names, line.split("\t"), strict=True)) for line in lines]


def test_export_gdelt_leaves_out_or_marks_what_did_not_happen(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert "wrote 6 event(s)" in export(db, "gdelt", out)
    names, rows = gdelt_rows(out)
    assert tuple(names) == GDELT_COLUMNS
    assert sorted(r["EventCode"] for r in rows) == ["020", "040", "111", "183", "190", "200"]
    fight = next(r for r in rows if r["EventCode"] == "190")
    actor1 = (fight["Actor1Code"], fight["Actor1CountryCode"], fight["Actor1Type1Code"])
    assert actor1 == ("RUSMIL", "RUS", "MIL")
    assert (fight["Day"], fight["SOURCEURL"]) == ("20190503", "https://news.example/kiev-1")
    assert fight["ActionGeo_CountryCode"] == "UKR" and fight["GlobalEventID"].isdigit()
    marked = tmp_path / "all.tsv"
    assert "wrote 8 event(s)" in export(db, "gdelt", marked, "--include-unreal")
    names, rows = gdelt_rows(marked)
    assert names[-1] == "HeronStatus" and len(names) == 62
    status = {r["EventCode"] + ("h" if r["HeronStatus"] == "hypothetical" else ""): r["HeronStatus"]
              for r in rows}
    assert status["130"] == "negated" and status["040h"] == "hypothetical" and status["190"] == "real"
    # The undated negated threat takes its article's publication day.
    assert next(r for r in rows if r["EventCode"] == "130")["Day"] == "20190506"


def test_export_errors_are_one_line(db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "--out", str(tmp_path)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "is a directory" in result.stderr
    missing = runner.invoke(app, ["export", "--db", str(tmp_path / "no.duckdb"), "--format", "csv",
                                  "--out", str(tmp_path / "x.csv")])
    assert missing.exit_code == 2 and "no such database" in missing.stderr
    bad = runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "--out", str(tmp_path / "y.csv"),
                              "--since", "last year"])
    assert bad.exit_code == 2 and "--since 'last year'" in bad.stderr
