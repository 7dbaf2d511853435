"""The explorer's SQL: every query the pages need, filters as parameters only.

No value a user sends is ever part of SQL text.  Filter values travel as
``?`` parameters; the few things that do shape the SQL (sort column and
direction, node level, time bucket) are looked up in fixed tables here and a
value not in them is refused before any SQL is built.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from heron.model import NON_STATE_PREFIXES
from heron.store_schema import EVENT_SCHEMA, RECORD_COLUMNS, row_to_record

# When an event happened, as far as the store knows: its own date, else the
# day it was reported (the same rule as `heron events --since`).
EVENT_DAY = "coalesce(e.date, a.published)"
FROM_EVENTS = "FROM events e LEFT JOIN articles a ON a.id = e.article_id"

SORT_COLUMNS = {
    "date": EVENT_DAY, "code": "e.code", "source": "e.source_code", "target": "e.target_code",
    "goldstein": "e.goldstein", "quad": "e.quad_class", "place": "e.location_name",
    "article": "e.article_id",
}
INTERVALS = ("day", "week", "month")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
_NON_STATE = tuple(sorted(NON_STATE_PREFIXES))


@dataclass(frozen=True)
class EventFilter:
    """The filters every events-based page and API route takes (all optional, ANDed)."""

    actor: str | None = None  # code prefix, source or target
    source: str | None = None  # code prefix of the source
    target: str | None = None
    dyad: tuple[str, str] | None = None  # two code prefixes, either direction
    country: str | None = None  # ISO-3 of source or target
    role: str | None = None  # role part of a state actor code (GOV, MIL, OPP ...)
    code: str | None = None  # CAMEO code prefix: a root ("19") or a code ("190")
    quad: tuple[int, ...] = ()
    since: date | None = None
    until: date | None = None
    place: str | None = None  # words of the place name, or its ISO-3 country
    q: str | None = None  # words of the sentence or the actors' text
    article: str | None = None
    real: bool = False  # only events counted as real (not negated, not hypothetical)
    bbox: tuple[float, float, float, float] | None = None  # lat_min, lat_max, lon_min, lon_max

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause (or "") and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            clauses.append(sql)
            params.extend(values)

        if self.actor:
            add("(starts_with(e.source_code, ?) OR starts_with(e.target_code, ?))", self.actor, self.actor)
        if self.source:
            add("starts_with(e.source_code, ?)", self.source)
        if self.target:
            add("starts_with(e.target_code, ?)", self.target)
        if self.dyad:
            a, b = self.dyad
            add("((starts_with(e.source_code, ?) AND starts_with(e.target_code, ?)) OR "
                "(starts_with(e.source_code, ?) AND starts_with(e.target_code, ?)))", a, b, b, a)
        if self.country:
            add("(substr(e.source_code, 1, 3) = ? OR substr(e.target_code, 1, 3) = ?)",
                self.country, self.country)
        if self.role:
            add("(substr(e.source_code, 4, 3) = ? OR substr(e.target_code, 4, 3) = ?)", self.role, self.role)
        if self.code:
            add("starts_with(e.code, ?)", self.code)
        if self.quad:
            add(f"e.quad_class IN ({', '.join('?' for _ in self.quad)})", *self.quad)
        if self.since:
            add(f"{EVENT_DAY} >= ?", self.since)
        if self.until:
            add(f"{EVENT_DAY} <= ?", self.until)
        if self.place:
            add("(contains(lower(e.location_name), ?) OR e.location_country = ?)",
                self.place.lower(), self.place.upper())
        if self.q:
            add("(contains(lower(e.sentence), ?) OR contains(lower(e.source_text), ?) "
                "OR contains(lower(e.target_text), ?))", *([self.q.lower()] * 3))
        if self.article is not None:
            add("e.article_id = ?", self.article)
        if self.real:
            add("NOT e.negated AND e.modality IS DISTINCT FROM 'hypothetical'")
        if self.bbox:
            lat_min, lat_max, lon_min, lon_max = self.bbox
            add("e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?", lat_min, lat_max, lon_min, lon_max)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> tuple[Any, ...]:
    """The single row of an aggregate, read to the end (DuckDB 2 refuses new work on an unfinished result)."""
    rows = con.execute(sql, params).fetchall()
    return rows[0]


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _event_record(row: dict[str, Any]) -> dict[str, Any]:
    record = row_to_record(row)
    record["article_title"] = row.get("article_title")
    record["published"] = row["published"].isoformat() if row.get("published") else None
    return record


_EVENT_SELECT = f"SELECT {RECORD_COLUMNS}, a.title AS article_title, a.published AS published"


def order_by(sort: str, descending: bool) -> str:
    column = SORT_COLUMNS[sort]  # KeyError for anything not offered: the API validates first
    direction = "DESC" if descending else "ASC"
    return f" ORDER BY {column} {direction} NULLS LAST, e.id"


def events_page(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, sort: str = "date",
                descending: bool = True, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    where, params = flt.where()
    total = _one(con, f"SELECT count(*) {FROM_EVENTS}{where}", params)
    # The page's ids first, sorted on the key alone, then their full rows: sorting 100k wide rows
    # to keep 50 cost three times as much (bench/web_latency.py).
    order = order_by(sort, descending)
    page_ids = f"SELECT e.id {FROM_EVENTS}{where}{order} LIMIT ? OFFSET ?"
    rows = _rows(con, f"{_EVENT_SELECT} {FROM_EVENTS} WHERE e.id IN ({page_ids}){order}",
                 [*params, limit, offset])
    return {"total": int(total[0]), "offset": offset, "limit": limit,
            "events": [_event_record(r) for r in rows]}


def iter_event_records(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, sort: str, descending: bool,
                       limit: int, chunk: int = 5_000) -> Iterator[dict[str, Any]]:
    """Every event of the filter in the contract's record shape, streamed (downloads)."""
    where, params = flt.where()
    cursor = con.execute(f"SELECT {RECORD_COLUMNS} {FROM_EVENTS}{where}{order_by(sort, descending)} LIMIT ?",
                         [*params, limit])
    names = list(EVENT_SCHEMA.names)
    while batch := cursor.fetchmany(chunk):
        for values in batch:
            yield row_to_record(dict(zip(names, values, strict=True)))


def _located(column: str, alias: str) -> str:
    return f"CASE WHEN e.location_name IS NULL THEN NULL ELSE {column} END AS {alias}"


# The columns of `heron events --format csv` (heron.export.flatten of an event record), built in
# SQL: flattening 5,000 records in Python took half a second, this takes a few milliseconds.
CSV_COLUMNS = (
    ("id", "e.id"), ("article_id", "e.article_id"),
    *((f"{side}_{key}", f"e.{side}_{key}") for side in ("source", "target")
      for key in ("code", "text", "name", "rule")),
    ("code", "e.code"), ("root", "e.root"), ("quad_class", "e.quad_class"), ("goldstein", "e.goldstein"),
    ("plover", "e.plover"), ("plover_mode", "e.plover_mode"), ("negated", "e.negated"),
    ("modality", "e.modality"), ("date", "CAST(e.date AS VARCHAR)"), ("date_precision", "e.date_precision"),
    ("date_phrase", "e.date_phrase"),
    ("location_name", "e.location_name"), ("location_country", _located("e.location_country", "c")),
    ("location_lat", _located("e.lat", "c")), ("location_lon", _located("e.lon", "c")),
    ("location_feature", _located("e.location_feature", "c")),
    ("location_geonameid", _located("e.location_geonameid", "c")),
    ("location_rule", _located("coalesce(e.location_rule, '')", "c")),
    ("location_confidence", _located("e.location_confidence", "c")),
    ("sentence", "e.sentence"), ("sentence_index", "e.sentence_index"),
    ("span", "'[' || coalesce(CAST(e.span_start AS VARCHAR), 'null') || ', ' || "
             "coalesce(CAST(e.span_end AS VARCHAR), 'null') || ']'"),
    ("trigger", "e.trigger"), ("rule", "e.rule"), ("evidence", "coalesce(CAST(e.evidence AS VARCHAR), '[]')"),
    # every event record carries its article's (heron.pipeline.ArticleResult.records)
    ("url", "a.url"), ("title", "a.title"), ("published", "CAST(a.published AS VARCHAR)"),
)


def iter_csv_rows(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, sort: str, descending: bool,
                  limit: int, chunk: int = 5_000) -> Iterator[tuple[Any, ...]]:
    """The header, then one tuple per event, in the CSV shape of ``heron events --format csv``."""
    where, params = flt.where()
    select = ", ".join(sql.replace(" AS c", "") for _, sql in CSV_COLUMNS)
    cursor = con.execute(f"SELECT {select} {FROM_EVENTS}{where}{order_by(sort, descending)} LIMIT ?",
                         [*params, limit])
    first = True
    while batch := cursor.fetchmany(chunk):
        if first:
            yield tuple(name for name, _ in CSV_COLUMNS)
            first = False
        yield from batch


def event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    rows = _rows(con, f"{_EVENT_SELECT} {FROM_EVENTS} WHERE e.id = ?", [event_id])
    return _event_record(rows[0]) if rows else None


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    counts = _one(con, f"SELECT (SELECT count(*) FROM articles), count(*), min({EVENT_DAY}), "
                       f"max({EVENT_DAY}), count(e.lat) {FROM_EVENTS}", [])
    roots = _rows(con, "SELECT e.root AS root, count(*) AS n FROM events e GROUP BY 1 ORDER BY 2 DESC, 1 "
                       "LIMIT 20", [])
    quads = _rows(con, "SELECT e.quad_class AS quad, count(*) AS n FROM events e GROUP BY 1 ORDER BY 1", [])
    actors = _rows(con, "SELECT code, count(*) AS n FROM (SELECT source_code AS code FROM events UNION ALL "
                        "SELECT target_code FROM events) WHERE code IS NOT NULL AND code <> '' "
                        "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20", [])
    return {"articles": counts[0], "events": counts[1],
            "first_day": counts[2].isoformat() if counts[2] else None,
            "last_day": counts[3].isoformat() if counts[3] else None, "placed": counts[4],
            "roots": roots, "quads": quads, "actors": actors}


def articles_page(con: duckdb.DuckDBPyConnection, q: str | None, *, limit: int,
                  offset: int) -> dict[str, Any]:
    where, params = "", []
    if q:
        where = " WHERE contains(lower(coalesce(title, '')), ?) OR contains(lower(text), ?) OR id = ?"
        params = [q.lower(), q.lower(), q]
    total = _one(con, f"SELECT count(*) FROM articles{where}", params)
    rows = _rows(con, "SELECT id, title, url, published, n_events, left(text, 240) AS lead, "
                      f"length(text) AS chars FROM articles{where} "
                      "ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?", [*params, limit, offset])
    for row in rows:
        row["published"] = row["published"].isoformat() if row["published"] else None
    return {"total": int(total[0]), "offset": offset, "limit": limit, "articles": rows}


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    rows = _rows(con, "SELECT id, title, url, published, published_source, source_path, text, blocks, "
                      "n_events, coded_at, heron_version FROM articles WHERE id = ?", [article_id])
    if not rows:
        return None
    found = rows[0]
    found["published"] = found["published"].isoformat() if found["published"] else None
    found["coded_at"] = found["coded_at"].isoformat() if found["coded_at"] else None
    found["blocks"] = json.loads(found["blocks"]) if found["blocks"] else []
    found["mentions"] = _rows(con, "SELECT text, code, name, rule, span_start AS start, span_end AS \"end\" "
                                   "FROM mentions WHERE article_id = ? ORDER BY span_start", [article_id])
    found["events"] = [_event_record(r) for r in _rows(
        con, f"{_EVENT_SELECT} {FROM_EVENTS} WHERE e.article_id = ? "
             "ORDER BY e.sentence_index, e.span_start, e.id", [article_id])]
    return found


def _node_key(column: str, level: str) -> str:
    if level == "actor":
        return f"nullif({column}, '')"
    # A country's organs (RUSGOV, RUSMIL) meet in one node; a body that is no
    # state (IGOUNO, NGOHRW) keeps its own code, or all IGOs would be one node.
    prefixes = ", ".join(f"'{p}'" for p in _NON_STATE)  # fixed constants, not user input
    return (f"CASE WHEN {column} IS NULL OR {column} = '' THEN NULL "
            f"WHEN substr({column}, 1, 3) IN ({prefixes}) THEN {column} ELSE substr({column}, 1, 3) END")


def network(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, level: str, limit: int) -> dict[str, Any]:
    """Undirected edges between nodes (countries or actor codes), the strongest ``limit`` first."""
    if level not in ("country", "actor"):
        raise ValueError(f"level must be country or actor, not {level!r}")
    where, params = flt.where()
    src, tgt = _node_key("e.source_code", level), _node_key("e.target_code", level)
    edges = _rows(con, f"""
        WITH ev AS (SELECT {src} AS s, {tgt} AS t, e.quad_class AS quad, e.goldstein AS g
                    {FROM_EVENTS}{where})
        SELECT least(s, t) AS a, greatest(s, t) AS b, count(*) AS n,
               round(sum(coalesce(g, 0)), 2) AS goldstein,
               count(*) FILTER (WHERE quad IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad IN (3, 4)) AS conflict
        FROM ev WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t
        GROUP BY 1, 2 ORDER BY n DESC, a, b LIMIT ?""", [*params, limit])
    nodes: dict[str, dict[str, Any]] = {}
    for edge in edges:
        for key in (edge["a"], edge["b"]):
            node = nodes.setdefault(key, {"id": key, "n": 0})
            node["n"] += edge["n"]
    return {"level": level, "nodes": list(nodes.values()), "edges": edges}


def timeline(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, interval: str) -> dict[str, Any]:
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}, not {interval!r}")
    where, params = flt.where()
    extra = " AND " if where else " WHERE "
    rows = _rows(con, f"""
        SELECT CAST(date_trunc('{interval}', {EVENT_DAY}) AS DATE) AS period,
               count(*) FILTER (WHERE e.quad_class = 1) AS q1, count(*) FILTER (WHERE e.quad_class = 2) AS q2,
               count(*) FILTER (WHERE e.quad_class = 3) AS q3, count(*) FILTER (WHERE e.quad_class = 4) AS q4,
               count(*) AS n, round(avg(e.goldstein), 2) AS goldstein
        {FROM_EVENTS}{where}{extra}{EVENT_DAY} IS NOT NULL GROUP BY 1 ORDER BY 1""", params)
    undated = _one(con, f"SELECT count(*) {FROM_EVENTS}{where}{extra}{EVENT_DAY} IS NULL", params)
    for row in rows:
        row["period"] = row["period"].isoformat()
    return {"interval": interval, "buckets": rows, "undated": int(undated[0])}


def places(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int) -> dict[str, Any]:
    where, params = flt.where()
    extra = " AND " if where else " WHERE "
    rows = _rows(con, f"""
        SELECT e.location_name AS name, e.location_country AS country, e.location_feature AS feature,
               round(e.lat, 3) AS lat, round(e.lon, 3) AS lon, count(*) AS n,
               count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict
        {FROM_EVENTS}{where}{extra}e.lat IS NOT NULL AND e.lon IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5 ORDER BY n DESC, name LIMIT ?""", [*params, limit])
    unplaced = _one(con, f"SELECT count(*) {FROM_EVENTS}{where}{extra}(e.lat IS NULL OR e.lon IS NULL)",
                    params)
    return {"places": rows, "unplaced": int(unplaced[0])}
