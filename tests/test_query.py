"""heron.query and `heron query`: read-only SQL, and everything that is not refused in one line."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from store_data import make_store
from typer.testing import CliRunner

from heron.cli import app
from heron.query import QueryError, QueryRefused, check_sql, connect_read_only, run_query
from heron.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One store for the module: nothing here may change it (each test checks).
    return make_store(tmp_path_factory.mktemp("query") / "heron.duckdb")


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file the query must never read, beside the paths it must never write."""
    secret = tmp_path_factory.mktemp("outside") / "secret.csv"
    secret.write_text("password\nhunter2\n", encoding="utf-8")
    return secret


def counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return store.counts()


def test_select_runs(db: Path) -> None:
    con = connect_read_only(db)
    result = run_query(con, "SELECT root, count(*) AS n FROM events GROUP BY root ORDER BY root")
    assert result.columns == ("root", "n")
    assert list(result.records())[:2] == [{"root": "02", "n": 1}, {"root": "04", "n": 2}]
    # WITH, FROM-first, DESCRIBE, SHOW and EXPLAIN only read too.
    for sql in ("WITH x AS (SELECT 1 AS a) SELECT a FROM x", "FROM articles SELECT id",
                "DESCRIBE events", "SHOW TABLES", "EXPLAIN SELECT * FROM events",
                "SELECT 'read_csv(' AS text -- glob( in a comment"):
        assert list(run_query(con, sql).rows), sql


INJECTIONS = [
    ("DELETE FROM events", "DELETE"),
    ("DROP TABLE events", "DROP"),
    ("UPDATE events SET code = '190'", "UPDATE"),
    ("INSERT INTO events (id) VALUES ('x')", "INSERT"),
    ("CREATE TABLE stolen AS SELECT * FROM events", "CREATE"),
    ("SELECT 1; DROP TABLE events", "one statement"),
    ("SELECT * FROM events WHERE code = '1'; DELETE FROM events; --", "one statement"),
    ("ATTACH 'other.duckdb' AS other", "ATTACH"),
    ("ATTACH ':memory:' AS scratch", "ATTACH"),
    ("DETACH heron", "DETACH"),
    ("COPY events TO 'leak.csv'", "COPY"),
    ("COPY (SELECT * FROM events) TO 'leak.parquet' (FORMAT parquet)", "COPY"),
    ("EXPORT DATABASE 'dump'", "EXPORT"),
    ("SET enable_external_access = true", "SET"),
    ("PRAGMA enable_profiling", "PRAGMA"),
    ("INSTALL httpfs", "LOAD"),
    ("LOAD httpfs", "LOAD"),
    ("CALL duckdb_settings()", "CALL"),
    ("CHECKPOINT", "CALL"),
    ("SELECT * FROM read_csv('{secret}')", "read_csv()"),
    ("SELECT * FROM READ_CSV_AUTO ('{secret}')", "read_csv_auto()"),
    ("SELECT * FROM read_parquet('x.parquet')", "read_parquet()"),
    ("SELECT * FROM read_json('x.json')", "read_json()"),
    ("SELECT * FROM read_text('{secret}')", "read_text()"),
    ("SELECT * FROM read_blob('{secret}')", "read_blob()"),
    ("SELECT * FROM glob('/*')", "glob()"),
    ("SELECT * FROM main.\"read_csv\"('{secret}')", "read_csv()"),
    ("SELECT * FROM events e JOIN read_csv('{secret}') s ON true", "read_csv()"),
    ("SELECT (SELECT count(*) FROM read_csv('{secret}'))", "read_csv()"),
    ("SELECT * FROM read_duckdb('{secret}')", "read_duckdb()"),
    ("SELECT * FROM read_single_csv_file('{secret}')", "read_single_csv_file()"),
    ("SELECT * FROM force_checkpoint()", "force_checkpoint()"),
    ("SELECT * FROM enable_logging()", "enable_logging()"),
    ("SELECT * FROM arrow_scan(1, 2, 3)", "arrow_scan()"),
    ("SELECT * FROM duckdb_secrets()", "duckdb_secrets()"),
    ("SELECT * FROM '{secret}'", "FROM"),
    ("SELECT * FROM events JOIN '{secret}' ON true", "JOIN"),
    ("", "empty"),
    ("SELEC * FROM events", "does not parse"),
]


@pytest.mark.parametrize(("sql", "reason"), INJECTIONS)
def test_writes_attach_copy_and_file_reads_are_refused(db: Path, outside: Path, sql: str,
                                                        reason: str) -> None:
    before = counts(db)
    text = sql.replace("{secret}", str(outside))
    with pytest.raises(QueryRefused) as refused:
        check_sql(text)
    assert reason in str(refused.value) and "\n" not in str(refused.value)
    result = runner.invoke(app, ["query", text, "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("heron: query refused: "), result.stderr
    assert "hunter2" not in result.output
    assert counts(db) == before
    assert not list(Path.cwd().glob("leak.*")) and not Path("dump").exists()


def test_every_duckdb_table_function_that_reads_files_is_known() -> None:
    """A DuckDB upgrade that adds a reader must not slip past the check unnoticed."""
    from heron.query import FILE_FUNCTIONS, STATE_FUNCTIONS

    names = {row[0] for row in duckdb.sql(
        "SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type = 'table'").fetchall()}
    readers = {n for n in names if n.startswith(("read_", "parquet_", "sniff_", "glob", "sqlite_"))}
    assert readers <= FILE_FUNCTIONS | STATE_FUNCTIONS, sorted(readers - FILE_FUNCTIONS - STATE_FUNCTIONS)


def test_the_connection_itself_cannot_write_or_read_files(db: Path, outside: Path) -> None:
    # The second lock: were the text check to miss something, DuckDB still refuses.
    con = connect_read_only(db)
    for sql in (f"SELECT * FROM read_csv('{outside}')", "INSERT INTO events (id) VALUES ('x')",
                f"COPY events TO '{outside.parent / 'leak.csv'}'", "SET enable_external_access = true"):
        with pytest.raises(duckdb.Error):
            con.execute(sql)
    assert not (outside.parent / "leak.csv").exists()


def test_errors_of_the_query_itself_are_one_line(db: Path) -> None:
    con = connect_read_only(db)
    with pytest.raises(QueryError, match="nope"):
        run_query(con, "SELECT nope FROM events")
    result = runner.invoke(app, ["query", "SELECT nope FROM events", "--db", str(db)])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_cli_formats_and_values(db: Path) -> None:
    sql = ("SELECT e.code, a.published, e.goldstein, sum(e.quad_class) AS quads "
           "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.code = '190' GROUP BY ALL")
    result = runner.invoke(app, ["query", sql, "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    # A DuckDB decimal (the sum) and a date come out as plain JSON values.
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"code": "190", "published": "2019-05-06", "goldstein": -1.0, "quads": 4}]
    csv_out = runner.invoke(app, ["query", "SELECT id, n_events FROM articles ORDER BY id", "--db", str(db),
                                  "--format", "csv"])
    assert csv_out.stdout.splitlines()[:2] == ["id,n_events", "border-3,2"]
    table = runner.invoke(app, ["query", "SELECT count(*) AS n FROM events", "--db", str(db)])
    assert "8" in table.stdout


def test_a_store_being_written_is_one_line(tmp_path: Path) -> None:
    db = make_store(tmp_path / "busy.duckdb")
    # A writer holds the file (DuckDB allows one writing process); heron's own Store
    # takes the lock only per batch, so readers get in between: hold it outright here.
    with duckdb.connect(str(db)):
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(1) as pool:
            code, stderr = pool.apply(_query_in_other_process, (str(db),))
    assert code == 2 and stderr.startswith("heron: ") and stderr.count("\n") == 1, stderr


def _query_in_other_process(db: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["query", "SELECT 1", "--db", db])
    return result.exit_code, result.stderr


def test_missing_database_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "SELECT 1", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no such database" in result.stderr
    assert not (tmp_path / "none.duckdb").exists()
