"""Read-only SQL over a heron store, safe to hand to any user (CLI, web explorer).

Two locks, so that neither alone has to be perfect:

1. The connection itself cannot write or reach outside the store file: it is
   opened ``read_only`` with ``enable_external_access`` off (no file reads or
   writes, no ATTACH of files, no COPY, no extension installs) and the
   configuration locked, so a ``SET`` in the query cannot undo it.
2. Before anything runs, the text is checked: exactly one statement, of a
   kind that only reads (SELECT, including WITH, VALUES, FROM-first, SHOW,
   DESCRIBE, SUMMARIZE, EXPLAIN), and no call of a function that reads files
   or lists them.  This gives the user a clear one-line reason instead of a
   DuckDB permission error, and refuses what the first lock might miss in a
   future DuckDB.

:func:`check_sql` raises :class:`QueryRefused` (the reason is its message);
:func:`run_query` returns the column names and a row iterator.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

# Table or scalar functions that read, list or probe files or other databases.
# Matched by name before a "(" anywhere in the query, case-insensitively.
FILE_FUNCTIONS = frozenset({
    "read_csv", "read_csv_auto", "sniff_csv", "read_parquet", "parquet_scan", "parquet_metadata",
    "parquet_schema", "parquet_file_metadata", "parquet_kv_metadata", "parquet_bloom_probe",
    "read_json", "read_json_auto", "read_json_objects", "read_json_objects_auto", "read_ndjson",
    "read_ndjson_auto", "read_ndjson_objects", "json_execute_serialized_sql", "read_text", "read_blob",
    "glob", "read_xlsx", "st_read", "st_read_meta", "sqlite_scan", "sqlite_attach", "postgres_scan",
    "postgres_attach", "mysql_scan", "iceberg_scan", "iceberg_metadata", "iceberg_snapshots",
    "delta_scan", "read_avro", "query_table", "query", "read_duckdb", "read_single_csv_file",
    "read_single_json_file", "read_single_parquet_file", "parquet_full_metadata", "parquet_page_index",
})
# Table functions that change the database or the process (checkpoints, logging, profiling,
# extensions, external resources) or scan Python memory by address.
STATE_FUNCTIONS = frozenset({
    "checkpoint", "force_checkpoint", "enable_logging", "disable_logging", "truncate_duckdb_logs",
    "enable_profiling", "disable_profiling", "add_grammar_extension", "remove_grammar_extension",
    "create_external_resource", "register_external_resource", "register_external_resource_type",
    "deregister_external_resource", "destroy_external_resource", "arrow_scan", "arrow_scan_dumb",
    "python_arrow_scan", "pandas_scan", "python_map_function", "duckdb_secrets", "which_secret",
})

# Statement kinds that only read.  DESCRIBE/SHOW/SUMMARIZE parse as SELECT.
_READING = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}

_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "python_enable_replacements": False,  # no Python variable may stand in for a table
    "lock_configuration": True,
}


class QueryError(ValueError):
    """The query cannot run; the message (one line) says why."""


class QueryRefused(QueryError):
    """The query is not a single read-only statement; the message says why."""


@dataclass(frozen=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: Iterator[tuple[Any, ...]]

    def records(self) -> Iterator[dict[str, Any]]:
        """Rows as dicts of plain values (every output format can write them)."""
        for row in self.rows:
            yield {column: _plain(value) for column, value in zip(self.columns, row, strict=True)}


def check_sql(sql: str) -> None:
    """Refuse anything but one statement that only reads the store."""
    if not sql.strip():
        raise QueryRefused("the query is empty")
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryRefused(f"the query does not parse: {_one_line(exc)}") from exc
    if len(statements) != 1:
        raise QueryRefused(f"one statement at a time, got {len(statements)}")
    kind = statements[0].type
    if kind not in _READING:
        name = getattr(kind, "name", str(kind))
        raise QueryRefused(f"only SELECT queries are allowed (this is {name}); the store is read-only")
    called = _called_functions(sql)
    refused = sorted(called & FILE_FUNCTIONS)
    if refused:
        raise QueryRefused(f"{refused[0]}() reads files; queries may only read the store's tables")
    refused = sorted(called & STATE_FUNCTIONS)
    if refused:
        raise QueryRefused(f"{refused[0]}() is not a query of the store; only reading is allowed")
    keyword = _file_in_from(sql)
    if keyword:
        raise QueryRefused(f"a quoted name after {keyword} reads a file; queries may only read the store's "
                           "tables")


def _called_functions(sql: str) -> set[str]:
    """Names written directly before "(" (comments are tokens of their own, strings too)."""
    tokens = duckdb.tokenize(sql)
    texts = [sql[start:end].strip() for (start, _), (end, _) in
             zip(tokens, [*tokens[1:], (len(sql), None)], strict=True)]
    names: set[str] = set()
    for i, ((_, kind), text) in enumerate(zip(tokens, texts, strict=True)):
        if kind in {duckdb.token_type.identifier, duckdb.token_type.keyword} and i + 1 < len(texts) \
                and texts[i + 1].startswith("("):
            names.add(text.strip('"').casefold())
    return names


def _file_in_from(sql: str) -> str | None:
    """A string right after FROM or JOIN: DuckDB reads it as a file path ("FROM 'x.csv'")."""
    tokens = duckdb.tokenize(sql)
    for (start, kind), (next_start, next_kind) in zip(tokens, tokens[1:], strict=False):
        word = sql[start:next_start].strip().casefold()
        if kind == duckdb.token_type.keyword and word in {"from", "join"} \
                and next_kind == duckdb.token_type.string_const:
            return word.upper()
    return None


def connect_read_only(db: str | Path) -> duckdb.DuckDBPyConnection:
    """A connection to the store that can neither write nor reach other files."""
    path = Path(db)
    if not path.exists():
        raise FileNotFoundError(f"{db}: no such database (run `heron ingest` first)")
    try:
        return duckdb.connect(str(path), read_only=True, config=dict(_CONFIG))
    except duckdb.Error as exc:  # most often another process writing the file
        raise QueryError(f"{db}: cannot open: {_one_line(exc)}") from exc


def run_query(con: duckdb.DuckDBPyConnection, sql: str) -> QueryResult:
    """Check and run ``sql`` on a connection from :func:`connect_read_only`.

    Errors of DuckDB itself (a missing column, a refused permission) come
    back as :class:`QueryError` with DuckDB's first line, also while the
    rows are fetched.
    """
    check_sql(sql)
    try:
        cursor = con.execute(sql)
    except duckdb.PermissionException as exc:
        raise QueryRefused(_one_line(exc)) from exc
    except duckdb.Error as exc:
        raise QueryError(_one_line(exc)) from exc
    columns = tuple(d[0] for d in (cursor.description or ()))
    return QueryResult(columns, _rows(cursor))


def _rows(cursor: duckdb.DuckDBPyConnection, chunk: int = 10_000) -> Iterator[tuple[Any, ...]]:
    try:
        while batch := cursor.fetchmany(chunk):
            yield from batch
    except duckdb.Error as exc:
        raise QueryError(_one_line(exc)) from exc


def _plain(value: Any) -> Any:
    """DuckDB's Python values as JSON-ready ones: decimals as numbers, the rest of the odd ones as text."""
    if value is None or isinstance(value, bool | int | float | str | date | datetime):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    return str(value)  # UUID, time, timedelta, intervals


def _one_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
