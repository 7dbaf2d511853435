"""The store's commands: ``heron query``, ``stats``, ``articles`` and ``export``, and the
event filter options that ``heron events`` shares with them.

A thin shell: the work is in :mod:`heron.query`, :mod:`heron.summary`,
:mod:`heron.exporting` and :mod:`heron.store`; these functions parse options,
open the store read-only and print.  Every error is one line on stderr
naming what was wrong, with exit status 2.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from heron.export import FormatOption, OutputFormat, OutputOption, emit
from heron.filters import EventFilter, FilterError

DEFAULT_DB = Path("heron.duckdb")
DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file.")]

# -- the event filter, shared with `heron events` ----------------------------

CodeOption = Annotated[list[str] | None, typer.Option(
    "--code", help="CAMEO code prefix (04, 190); repeat or comma-separate for either (18,19,20).")]
ActorOption = Annotated[list[str] | None, typer.Option(
    "--actor", help="Actor code prefix on either side (RUS, IRNGOV); repeat or comma-separate for either.")]
SourceOption = Annotated[list[str] | None, typer.Option(
    "--source", help="Source actor code prefix (who acts); with --target, a directed dyad.")]
TargetOption = Annotated[list[str] | None, typer.Option(
    "--target", help="Target actor code prefix (who is acted on).")]
SinceOption = Annotated[str | None, typer.Option(
    "--since", help="From the start of this period: YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(
    "--until", help="To the end of this period: YYYY, YYYY-MM or YYYY-MM-DD.")]
ArticleOption = Annotated[str | None, typer.Option("--article", help="Only this article id.")]
RealOption = Annotated[bool, typer.Option(
    "--real", help="Only events counted as real (not negated, not hypothetical).")]
LimitOption = Annotated[int | None, typer.Option("--limit", help="At most this many rows.")]


def fail(message: str) -> NoReturn:
    typer.echo(f"heron: {message}", err=True)
    raise typer.Exit(2)


def event_filter(*, code: list[str] | None = None, actor: list[str] | None = None,
                 source: list[str] | None = None, target: list[str] | None = None,
                 since: str | None = None, until: str | None = None, article: str | None = None,
                 real: bool = False, limit: int | None = None) -> EventFilter:
    """The filter the options describe, or a one-line error and exit 2."""
    try:
        return EventFilter.build(codes=code, actors=actor, sources=source, targets=target, since=since,
                                 until=until, article_id=article, real_only=real, limit=limit)
    except FilterError as exc:
        fail(str(exc))


def existing_db(db: Path) -> Path:
    if not db.exists():
        fail(f"{db}: no such database (run `heron ingest` first)")
    return db


# -- commands -------------------------------------------------------------------


def query_command(
    sql: Annotated[str, typer.Argument(help="One SELECT statement over the tables articles, events, "
                                            "mentions.")],
    db: DbOption = DEFAULT_DB,
    format: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Run a read-only SQL query on the store (writes, ATTACH, COPY and file reads are refused)."""
    from heron.query import QueryError, connect_read_only, run_query

    try:
        con = connect_read_only(existing_db(db))
    except QueryError as exc:
        fail(str(exc))
    try:
        result = run_query(con, sql)
        # Rows stream; a DuckDB error can still surface while they are fetched.
        emit(result.records(), format, output)
    except QueryError as exc:
        fail(f"query refused: {exc}")
    except ValueError as exc:  # e.g. parquet without --output
        fail(str(exc))
    finally:
        con.close()


class StatsDimension(StrEnum):
    root = "root"
    quad = "quad"
    dyad = "dyad"
    month = "month"


def stats_command(
    db: DbOption = DEFAULT_DB,
    by: Annotated[list[StatsDimension] | None, typer.Option(
        "--by", help="Only these groupings (root, quad, dyad, month); repeatable. Default: all.")] = None,
    top: Annotated[int, typer.Option("--top", help="At most this many country pairs.")] = 20,
    code: CodeOption = None, actor: ActorOption = None, source: SourceOption = None,
    target: TargetOption = None, since: SinceOption = None, until: UntilOption = None,
    format: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Count stored events by CAMEO root, quad class, country pair and month (all and real)."""
    from heron.store import Store, StoreError
    from heron.summary import DIMENSIONS, summarize

    where = event_filter(code=code, actor=actor, source=source, target=target, since=since, until=until)
    dimensions = tuple(d.value for d in by) if by else DIMENSIONS
    try:
        with Store(existing_db(db), read_only=True) as store:
            emit(summarize(store, where, dimensions, top=top), format, output)
    except (StoreError, ValueError) as exc:
        fail(str(exc))


_ARTICLE_TABLE = ("id", "title", "published", "n_events", "real_events", "url", "coder_version")


def articles_command(
    db: DbOption = DEFAULT_DB,
    limit: LimitOption = None,
    format: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List stored articles: id, title, url, published, and their event counts (all and real)."""
    from heron.store import Store, StoreError

    try:
        with Store(existing_db(db), read_only=True) as store:
            rows = store.articles(limit=limit)
            if format == OutputFormat.table:  # what fits on a screen; the other formats have it all
                rows = [{key: row[key] for key in _ARTICLE_TABLE} for row in rows]
            emit(rows, format, output)
    except (StoreError, ValueError) as exc:
        fail(str(exc))


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    gdelt = "gdelt"


def export_command(
    out: Annotated[Path, typer.Option("--out", help="File to write; for parquet a directory "
                                                    "(one folder per month), or a .parquet file.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", case_sensitive=False,
                                                 help="parquet, csv, jsonl or gdelt (GDELT 2.0 TSV).")],
    db: DbOption = DEFAULT_DB,
    include_unreal: Annotated[bool, typer.Option(
        "--include-unreal", help="gdelt: keep negated and hypothetical events, marked in a HeronStatus "
                                 "column.")] = False,
    code: CodeOption = None, actor: ActorOption = None, source: SourceOption = None,
    target: TargetOption = None, since: SinceOption = None, until: UntilOption = None,
    article: ArticleOption = None, real: RealOption = False, limit: LimitOption = None,
) -> None:
    """Export stored events for other tools: Parquet by month, CSV, JSONL or the GDELT 2.0 layout."""
    from heron.exporting import ExportError, export_events
    from heron.store import Store, StoreError

    where = event_filter(code=code, actor=actor, source=source, target=target, since=since, until=until,
                         article=article, real=real, limit=limit)
    try:
        with Store(existing_db(db), read_only=True) as store:
            n = export_events(store, format.value, out, where, include_unreal=include_unreal)
    except (StoreError, ExportError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{out}: cannot write: {exc.strerror or exc}")
    typer.echo(f"heron: wrote {n} event(s) to {out}", err=True)


def mount(app: typer.Typer) -> None:
    app.command("query")(query_command)
    app.command("stats")(stats_command)
    app.command("articles")(articles_command)
    app.command("export")(export_command)
