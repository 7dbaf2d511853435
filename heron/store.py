"""heron's embedded store: one DuckDB file of articles, events and actor mentions.

Writes are idempotent per article.  Each article's rows (its ``articles`` row,
its ``events`` and its ``mentions``) are replaced as a unit inside one
transaction, so coding the same input twice leaves exactly the same rows, a
re-code with a different event set drops the stale events, and an error
mid-write rolls back to what was stored before.  A digest of the rows is kept
per article: re-coding an unchanged article is a no-op (even ``coded_at``
stays), which makes re-running a big ingest cheap.

An id never silently changes hands.  Writing an id that is already held
(stored, or earlier in the same batch) with *different text*:

* from the same input (equal ``source_path``; all of stdin counts as one
  input) is an edit: the article's rows are replaced;
* from another input is a collision: the new article is not written and the
  write reports a :class:`Conflict`, so the stored article is never lost and
  the caller can say which input was refused and why.

Batches are inserted through Arrow tables (one ``INSERT ... SELECT`` per
table per batch) rather than row by row, because millions of articles must
be possible.

DuckDB lets one process at a time open a file for writing, and no reader
in while it does.  So a writable store holds the file only while it writes
one batch (open, write, commit, close: :meth:`Store.release`), and every
open retries for a while (``READ_WAIT``, ``WRITE_WAIT`` seconds) while
another process holds it: a reader waits for the batch being written, then
reads; only when the wait runs out does it fail, with "store is busy, try
again".  A commit is atomic (DuckDB's write-ahead log), so a process killed
at any moment leaves the store as of its last committed batch, and a rerun
of the same ingest completes it (see the README's reliability section).

Timestamps (``coded_at``) are naive UTC.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from heron import __version__, export, store_rows
from heron.filters import EventFilter, event_query
from heron.model import Actor, Article, Block, Event
from heron.provenance import content_digest
from heron.store_rows import Rows, add_article, delete_articles, unpack
from heron.store_schema import (
    ARTICLE_SCHEMA,
    DDL,
    EVENT_SCHEMA,
    MENTION_SCHEMA,
    MIGRATIONS,
    NESTED_COLUMNS,
    RECORD_COLUMNS,
    SCHEMA_VERSION,
    row_to_record,
)
from heron.store_stats import Coded, Conflict, IngestReport, WriteStats, settle_batch, source_name

log = logging.getLogger(__name__)

DEFAULT_PATH = "heron.duckdb"
DEFAULT_BATCH = 1000


class StoreError(RuntimeError):
    """The store file cannot be opened or has an unknown schema."""


class CodedArticle(Protocol):
    """What ``write_many`` takes: the pipeline's per-article result."""

    @property
    def article(self) -> Article: ...

    @property
    def events(self) -> Sequence[Event]: ...


class Store:
    """A DuckDB file holding coded articles.  Use as a context manager."""

    def __init__(self, path: str | Path = DEFAULT_PATH, *, read_only: bool = False,
                 wait: float | None = None) -> None:
        self.path = str(path)
        in_memory = self.path == ":memory:"
        if read_only and not in_memory and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store")
        if not in_memory:
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # "--db notes.txt/heron.duckdb"
                raise StoreError(f"{self.path}: cannot create its folder: {exc.strerror or exc}") from exc
        self.read_only = read_only
        self._in_memory = in_memory
        # How long to wait for another process's lock (see the module docstring).
        self.wait = wait if wait is not None else (READ_WAIT if read_only else WRITE_WAIT)
        self._conn: duckdb.DuckDBPyConnection | None = None
        try:
            self._check_schema()
        except BaseException:
            self.release()
            raise
        if not read_only:
            self.release()  # a writer holds the file only while it writes (per batch)

    @property
    def _con(self) -> duckdb.DuckDBPyConnection:
        """The connection, opened on first use after a :meth:`release`."""
        if self._conn is None:
            self._conn = _connect(self.path, self.read_only, self.wait)
        return self._conn

    def release(self) -> None:
        """Close the connection (and so the file's lock) until the next use.

        A writable file store releases after each committed batch and before
        coding starts, so readers (``heron events``, the explorer) get the file
        between batches instead of being locked out for a whole ingest.
        """
        if self._conn is not None and not self._in_memory:
            conn, self._conn = self._conn, None
            conn.close()

    # -- lifecycle -----------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()

    @property
    def schema_version(self) -> int:
        row = _first(self._con.execute("SELECT max(version) FROM heron_schema"))
        return int(row[0]) if row and row[0] is not None else 0

    def _check_schema(self) -> None:
        tables = {row[0] for row in self._con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        if "heron_schema" not in tables:
            if self.read_only:
                raise StoreError(f"{self.path}: not a heron store (no heron_schema table)")
            if tables & {"articles", "events"}:
                raise StoreError(f"{self.path}: has tables but no heron_schema; refusing to touch it")
            self._create()
            return
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {version} is newer than this heron "
                             f"({__version__}) understands ({SCHEMA_VERSION}); upgrade heron")
        if version < SCHEMA_VERSION:
            if self.read_only:
                raise StoreError(f"{self.path}: schema version {version} needs migrating to "
                                 f"{SCHEMA_VERSION}; open it writable once")
            self._migrate(version)

    def _create(self) -> None:
        self._con.begin()
        try:
            for ddl in DDL:
                self._con.execute(ddl)
            self._con.execute("INSERT INTO heron_schema VALUES (?, ?, ?)",
                              [SCHEMA_VERSION, _now(), __version__])
            self._con.commit()
        except BaseException:
            self._con.rollback()
            raise

    def _migrate(self, version: int) -> None:
        self._con.begin()
        try:
            for step in range(version, SCHEMA_VERSION):
                for sql in MIGRATIONS.get(step, ()):
                    self._con.execute(sql)
                self._con.execute("INSERT INTO heron_schema VALUES (?, ?, ?)",
                                  [step + 1, _now(), __version__])
            self._con.commit()
        except BaseException:
            self._con.rollback()
            raise
        log.info("%s: migrated schema %d -> %d", self.path, version, SCHEMA_VERSION)

    # -- writing -------------------------------------------------------------

    def write(self, article: Article, events: Sequence[Event],
              mentions: Sequence[Actor] = (), coder_version: str | None = None) -> WriteStats:
        """Store one coded article, replacing whatever was stored for it."""
        return self._write_batch([(article, events, mentions, coder_version)])

    def write_many(self, results: Iterable[CodedArticle | tuple[Article, Sequence[Event]]
                                           | tuple[Article, Sequence[Event], Sequence[Actor]]],
                   batch_size: int = DEFAULT_BATCH) -> WriteStats:
        """Store many coded articles, one transaction per ``batch_size`` articles.

        ``results`` holds pipeline results (objects with ``article``,
        ``events`` and optionally ``mentions`` and ``coder_version``) or
        ``(article, events[, mentions[, coder_version]])`` tuples.  A failing batch rolls back alone; earlier
        batches stay committed and the error propagates.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        total = WriteStats()
        batch: list[Coded] = []
        for result in results:
            batch.append(unpack(result))
            if len(batch) >= batch_size:
                total.add(self._write_batch(batch))
                batch = []
        if batch:
            total.add(self._write_batch(batch))
        return total

    def ingest(self, results: Iterable[CodedArticle], batch_size: int = DEFAULT_BATCH,
               skipped: Sequence[str] = ()) -> IngestReport:
        """``write_many``, then count in the store what it now holds for these results.

        ``skipped``: ids the caller left out because the store already holds
        them as coded by the running coder (:meth:`coded_by`); read after
        ``results`` is exhausted, so a list that fills while it runs will do.
        """
        before = self.counts()["articles"]
        self.release()  # coding the first batch takes a while: let readers in meanwhile
        stats = self.write_many(results, batch_size=batch_size)
        articles, events = self.held([*stats.stored_ids, *skipped])
        total = self.counts()
        return IngestReport(articles, events, total["articles"] - before, stats.replaced,
                            stats.unchanged + len(skipped), total["articles"], total["events"],
                            tuple(stats.conflicts), skipped=len(skipped))

    def _write_batch(self, batch: Sequence[Coded]) -> WriteStats:
        latest, conflicts = settle_batch(batch)
        stats = WriteStats()
        con = self._con
        con.begin()
        try:
            incoming = pa.table({
                "id": pa.array(list(latest), pa.string()),
                "text": pa.array([item[0].text for item in latest.values()], pa.string()),
                "source_path": pa.array([item[0].source_path for item in latest.values()], pa.string())})
            con.register("_heron_ids", incoming)
            try:
                held = con.execute(
                    "SELECT a.id, a.digest, a.text = i.text, "
                    "a.source_path IS NOT DISTINCT FROM i.source_path, a.source_path "
                    "FROM articles a JOIN _heron_ids i ON a.id = i.id").fetchall()
            finally:
                con.unregister("_heron_ids")
            stored: dict[str, str] = {}
            for aid, digest, same_text, same_source, holder in held:
                if same_text or same_source:
                    stored[aid] = digest
                    continue
                # Another input's article holds the id: keep it, refuse this one.
                article = latest.pop(aid)[0]
                conflicts.append(Conflict(aid, source_name(article.source_path), source_name(holder),
                                          in_store=True))
            coded_at = _now()
            digests: dict[str, str] = {}
            rows = Rows()
            for article, events, mentions, coder_version in latest.values():
                digests[article.id] = add_article(rows, article, events, mentions, coded_at, coder_version)
            skip = {aid for aid, digest in stored.items() if digests[aid] == digest}
            replace = [aid for aid in stored if aid not in skip]
            if replace:
                delete_articles(con, replace)
            keep = [aid for aid in digests if aid not in skip]
            if keep:
                stats = store_rows.insert_rows(con, rows, skip)
            stats.replaced = len(replace)
            stats.unchanged = len(skip)
            stats.stored_ids = list(digests)
            stats.conflicts = conflicts
            con.commit()
        except BaseException as exc:
            _rollback_quietly(con)
            self.release()
            if isinstance(exc, duckdb.Error):  # a full disk, a lost file: say so, in one line
                raise StoreError(f"{self.path}: cannot write: {_one_line(exc)}") from exc
            raise
        self.release()
        return stats

    def delete(self, article_ids: Sequence[str]) -> int:
        """Remove articles and all their rows; returns how many articles existed."""
        con = self._con
        con.begin()
        try:
            placeholders = ", ".join("?" for _ in article_ids) or "NULL"
            row = _first(con.execute(f"SELECT count(*) FROM articles WHERE id IN ({placeholders})",
                                     list(article_ids)))
            delete_articles(con, list(article_ids))
            con.commit()
        except BaseException:
            _rollback_quietly(con)
            raise
        finally:
            if not self.read_only:
                self.release()
        return int(row[0]) if row else 0

    # -- reading -------------------------------------------------------------

    def iter_events(self, actor: str | None = None, code: str | None = None,
                    since: date | None = None, until: date | None = None,
                    article_id: str | None = None, include_negated: bool = True,
                    limit: int | None = None, *, real_only: bool = False, with_article: bool = False,
                    where: EventFilter | None = None, chunk_size: int = 10_000) -> Iterator[dict[str, Any]]:
        """Stream event records in ``Event.to_record()``'s shape plus the article's
        ``url``, ``title`` and ``published`` (see :meth:`events`).

        ``where`` is a full :class:`~heron.filters.EventFilter` (repeated and
        directed actors, several codes); the other filter arguments are the
        simple form and are ignored when it is given.  ``with_article=True``
        adds the article's ``coded_at`` too (the GDELT export needs it).
        """
        if where is None:
            where = EventFilter.simple(actor, code, since, until, article_id, include_negated, limit,
                                       real_only)
        sql, params = event_query(f"{RECORD_COLUMNS}, a.url, a.title, a.published, a.coded_at", where)
        # A cursor of its own, so other queries may run while this one streams.
        cursor = self._con.cursor()
        try:
            cursor.execute(sql, params)
            names = [*EVENT_SCHEMA.names, "url", "title", "published", "coded_at"]
            while chunk := cursor.fetchmany(chunk_size):
                for values in chunk:
                    row = dict(zip(names, values, strict=True))
                    record = row_to_record(row)
                    record["url"] = row["url"]
                    record["title"] = row["title"]
                    record["published"] = row["published"].isoformat() if row["published"] else None
                    if with_article:
                        record["coded_at"] = row["coded_at"]
                    yield record
        finally:
            cursor.close()

    def events(self, actor: str | None = None, code: str | None = None,
               since: date | None = None, until: date | None = None,
               article_id: str | None = None, include_negated: bool = True,
               limit: int | None = None, *, real_only: bool = False,
               where: EventFilter | None = None) -> list[dict[str, Any]]:
        """Event records: ``Event.to_record()`` plus ``url``, ``title``, ``published``.

        ``actor`` is a CAMEO actor-code prefix matched on source or target
        ("RUS" matches "RUSGOV"); ``code`` a CAMEO event-code prefix ("04"
        matches 040-046).  ``since``/``until`` are inclusive and compare the
        event date, or the article's publication date where the event has
        none.  ``include_negated=False`` drops negated events; ``real_only``
        keeps what ``Event.is_real`` counts (not negated, not hypothetical).
        ``where`` takes an :class:`~heron.filters.EventFilter` instead.
        Ordered by article, sentence and position.
        """
        return list(self.iter_events(actor=actor, code=code, since=since, until=until,
                                     article_id=article_id, include_negated=include_negated, limit=limit,
                                     real_only=real_only, where=where))

    def articles(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Article metadata (no text) with event counts, ordered by id.

        ``n_events`` counts every stored event, ``real_events`` those neither
        negated nor hypothetical.
        """
        sql = ("SELECT a.id, a.title, a.url, a.published, a.n_events, "
               "(SELECT count(*) FROM events e WHERE e.article_id = a.id AND NOT e.negated "
               "AND e.modality IS DISTINCT FROM 'hypothetical') AS real_events, "
               "a.published_source, a.source_path, a.coded_at, a.heron_version, a.coder_version "
               "FROM articles a ORDER BY a.id")
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(0, int(limit)))
        cursor = self._con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        out = []
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            row["published"] = row["published"].isoformat() if row["published"] else None
            row["coded_at"] = row["coded_at"].isoformat() if row["coded_at"] else None
            out.append(row)
        return out

    def article(self, article_id: str) -> Article | None:
        """The stored article itself, text and blocks included."""
        found = self.stored_articles([article_id])
        return found[0] if found else None

    def stored_articles(self, article_ids: Sequence[str]) -> list[Article]:
        """The stored articles of these ids (text and blocks included), in the order asked."""
        ids = pa.table({"id": pa.array(list(article_ids), pa.string())})
        self._con.register("_heron_wanted", ids)
        try:
            rows = self._con.execute(
                "SELECT id, text, title, url, published, published_source, source_path, blocks "
                "FROM articles WHERE id IN (SELECT id FROM _heron_wanted)").fetchall()
        finally:
            self._con.unregister("_heron_wanted")
            self._release_after_read()
        found = {}
        for row in rows:
            blocks = tuple(Block(kind=b[0], start=b[1], end=b[2]) for b in json.loads(row[7] or "[]"))
            found[row[0]] = Article(id=row[0], text=row[1], title=row[2], url=row[3], published=row[4],
                                    published_source=row[5], source_path=row[6], blocks=blocks)
        return [found[aid] for aid in article_ids if aid in found]

    def coded_by(self, articles: Sequence[Article], coder_version: str) -> set[str]:
        """Ids of these articles stored exactly as given (same content digest) by this coder.

        What a resumed ingest skips without parsing: recoding them would
        write the same rows again.
        """
        if not articles:
            return set()
        wanted = pa.table({"id": pa.array([a.id for a in articles], pa.string()),
                           "digest": pa.array([content_digest(a) for a in articles], pa.string())})
        self._con.register("_heron_probe", wanted)
        try:
            rows = self._con.execute(
                "SELECT a.id FROM articles a JOIN _heron_probe p ON a.id = p.id "
                "AND a.content_digest = p.digest AND a.coder_version = ?", [coder_version]).fetchall()
        finally:
            self._con.unregister("_heron_probe")
            self._release_after_read()  # parsing comes next: readers may have the file meanwhile
        return {row[0] for row in rows}

    def coded_by_other(self, coder_version: str) -> list[str]:
        """Ids of articles some other coder wrote (or one from before coder versions were kept)."""
        rows = self._con.execute("SELECT id FROM articles WHERE coder_version IS DISTINCT FROM ? ORDER BY id",
                                 [coder_version]).fetchall()
        self._release_after_read()
        return [row[0] for row in rows]

    def _release_after_read(self) -> None:
        """A writer's read before coding does not keep the file from readers while it codes."""
        if not self.read_only:
            self.release()

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of one read query; values go in ``params``, never into ``sql``."""
        return self._con.execute(sql, list(params)).fetchall()

    def mentions(self, article_id: str | None = None) -> list[dict[str, Any]]:
        """Actor mentions, in text order."""
        sql = "SELECT article_id, text, code, name, rule, span_start, span_end FROM mentions"
        params: list[Any] = []
        if article_id is not None:
            sql += " WHERE article_id = ?"
            params.append(article_id)
        sql += " ORDER BY article_id, span_start, code"
        cursor = self._con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def held(self, article_ids: Sequence[str]) -> tuple[int, int]:
        """How many of these articles the store holds, and how many events they have.

        What ``ingest`` prints: counted in the store, not from its input, so
        the summary cannot claim rows that a collision or a repeat left out.
        """
        ids = pa.table({"id": pa.array(sorted(set(article_ids)), pa.string())})
        self._con.register("_heron_held", ids)
        try:
            row = _first(self._con.execute(
                "SELECT (SELECT count(*) FROM articles WHERE id IN (SELECT id FROM _heron_held)), "
                "(SELECT count(*) FROM events WHERE article_id IN (SELECT id FROM _heron_held))"))
        finally:
            self._con.unregister("_heron_held")
        assert row is not None
        return int(row[0]), int(row[1])

    def counts(self) -> dict[str, int]:
        """Row counts: articles, events, real (not negated/hypothetical) events, mentions."""
        row = _first(self._con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM events WHERE NOT negated AND modality IS DISTINCT FROM 'hypothetical'), "
            "(SELECT count(*) FROM mentions)"))
        assert row is not None
        return {"articles": int(row[0]), "events": int(row[1]), "real_events": int(row[2]),
                "mentions": int(row[3])}

    def table(self, name: str) -> pa.Table:
        """A whole table as Arrow (for tests, notebooks and bulk tools)."""
        schemas = {"articles": ARTICLE_SCHEMA, "events": EVENT_SCHEMA, "mentions": MENTION_SCHEMA}
        if name not in {*schemas, "heron_schema"}:
            raise ValueError(f"unknown table {name!r}")
        # Declared order, not the file's: a migration appends its columns at the end.
        columns = ", ".join(f'"{c}"' for c in schemas[name].names) if name in schemas else "*"
        return self._con.sql(f"SELECT {columns} FROM {name}").to_arrow_table()

    # -- exporting -----------------------------------------------------------

    def arrow_batches(self, sql: str, params: Sequence[Any], batch_size: int = 100_000
                      ) -> Iterator[pa.RecordBatch]:
        """Stream a query's rows as Arrow batches (bulk exports, no Python object per row)."""
        cursor = self._con.cursor()
        try:
            relation = cursor.sql(sql, params=list(params))
            assert relation is not None  # a SELECT always gives a relation
            yield from relation.to_arrow_reader(batch_size)
        finally:
            cursor.close()

    def export_events(self, fmt: str, path: str | Path, **filters: Any) -> int:
        """Write the (filtered) events to ``path`` in any ``heron.export`` format."""
        if str(fmt).lower() == "parquet":
            return self.export_parquet(path, **filters)
        records = self.iter_events(with_article=fmt == "gdelt", **filters)
        return export.write_path(records, fmt, Path(path))

    def export_parquet(self, path: str | Path, actor: str | None = None, code: str | None = None,
                       since: date | None = None, until: date | None = None,
                       article_id: str | None = None, include_negated: bool = True,
                       limit: int | None = None, *, real_only: bool = False,
                       where: EventFilter | None = None, batch_size: int = 100_000) -> int:
        """Events to one Parquet file in ``heron.export.EVENT_SCHEMA``, built in DuckDB.

        Same file as ``export.write_parquet(store.iter_events(...))`` but
        without a Python dict per event, which matters at millions of rows.
        (``heron.exporting`` writes a month-partitioned dataset instead.)
        """
        if where is None:
            where = EventFilter.simple(actor, code, since, until, article_id, include_negated, limit,
                                       real_only)
        sql, params = event_query(NESTED_COLUMNS, where)
        n = 0
        with pq.ParquetWriter(str(path), export.EVENT_SCHEMA) as writer:
            for batch in self.arrow_batches(sql, params, batch_size):
                writer.write_table(pa.Table.from_batches([batch]).cast(export.EVENT_SCHEMA))
                n += batch.num_rows
        return n


# Seconds a reader waits for a writer's batch to commit, and a writer for
# readers to finish, before "store is busy".
# HERON_STORE_WAIT sets both (seconds).
READ_WAIT = float(os.environ.get("HERON_STORE_WAIT", "10"))
WRITE_WAIT = float(os.environ.get("HERON_STORE_WAIT", "60"))
_RETRY_EVERY = 0.1


def _connect(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """Open the file, retrying while another process holds its lock."""
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            message = str(exc)
            if "lock" not in message.casefold():
                raise StoreError(f"{path}: cannot open store: {_one_line(exc)}") from exc
            if time.monotonic() >= deadline:
                raise StoreError(f"{path}: store is busy (another process is using it), try again") from exc
            time.sleep(_RETRY_EVERY)


def _rollback_quietly(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back, keeping the error that made us: after a failed commit (a full
    disk) DuckDB has no transaction left and would say only "cannot rollback"."""
    try:
        con.rollback()
    except duckdb.Error:
        log.debug("rollback after a failed write", exc_info=True)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _first(result: duckdb.DuckDBPyConnection) -> tuple[Any, ...] | None:
    """The first row, reading the result to its end: DuckDB 2 refuses new work
    on a connection whose last result is unfinished."""
    rows = result.fetchall()
    return rows[0] if rows else None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
