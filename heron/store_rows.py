"""The rows one batch of coded articles becomes, and writing them (heron.store's insides).

Each article's rows carry a digest of everything but the time of writing,
so a batch can tell an unchanged article (a no-op) from a changed one
(its old rows replaced).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from heron import __version__
from heron.model import Actor, Article, Event
from heron.provenance import content_digest
from heron.store_schema import ARTICLE_SCHEMA, EVENT_SCHEMA, MENTION_SCHEMA, event_to_row
from heron.store_stats import Coded, WriteStats

log = logging.getLogger("heron.store")


@dataclass
class Rows:
    """Column-wise rows of one batch, ready to become Arrow tables."""

    articles: dict[str, list[Any]] = field(default_factory=lambda: columns_of(ARTICLE_SCHEMA))
    events: dict[str, list[Any]] = field(default_factory=lambda: columns_of(EVENT_SCHEMA))
    mentions: dict[str, list[Any]] = field(default_factory=lambda: columns_of(MENTION_SCHEMA))


def columns_of(schema: pa.Schema) -> dict[str, list[Any]]:
    return {name: [] for name in schema.names}


def unpack(result: Any) -> Coded:
    if isinstance(result, tuple):
        if len(result) == 2:
            return result[0], result[1], (), None
        if len(result) == 3:
            return result[0], result[1], result[2], None
        if len(result) == 4:
            return result[0], result[1], result[2], result[3]
        raise ValueError(f"expected (article, events[, mentions[, coder_version]]), got a "
                         f"{len(result)}-tuple")
    return (result.article, result.events, getattr(result, "mentions", ()),
            getattr(result, "coder_version", None))


def add_article(rows: Rows, article: Article, events: Sequence[Event],
                 mentions: Sequence[Actor], coded_at: datetime, coder_version: str | None) -> str:
    """Append one article's rows; return the digest of everything but ``coded_at``."""
    seen: set[str] = set()
    event_rows = []
    for event in events:
        if event.article_id != article.id:
            raise ValueError(f"event {event.id} belongs to article {event.article_id!r}, "
                             f"not {article.id!r}")
        if event.id in seen:
            # Same sentence, actors and code: the same fact, keep the first.
            log.debug("%s: duplicate event %s dropped", article.id, event.id)
            continue
        seen.add(event.id)
        event_rows.append(event_to_row(event) | {"coder_version": coder_version})
    mention_rows = [{"article_id": article.id, "text": m.text, "code": m.code, "name": m.name,
                     "rule": m.rule, "span_start": m.start, "span_end": m.end} for m in mentions]
    article_row = {
        "id": article.id, "url": article.url, "title": article.title, "published": article.published,
        "published_source": article.published_source, "source_path": article.source_path,
        "text": article.text,
        "blocks": json.dumps([[b.kind, b.start, b.end] for b in article.blocks]),
        "n_events": len(event_rows), "heron_version": __version__, "coder_version": coder_version,
        "content_digest": content_digest(article),
    }
    digest = hashlib.blake2b(
        json.dumps([article_row, event_rows, mention_rows], default=str, ensure_ascii=False,
                   sort_keys=True).encode("utf-8"), digest_size=16).hexdigest()
    article_row["digest"] = digest
    article_row["coded_at"] = coded_at
    for name in ARTICLE_SCHEMA.names:
        rows.articles[name].append(article_row[name])
    for event_row in event_rows:
        for name in EVENT_SCHEMA.names:
            rows.events[name].append(event_row[name])
    for mention_row in mention_rows:
        for name in MENTION_SCHEMA.names:
            rows.mentions[name].append(mention_row[name])
    return digest


def delete_articles(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
    ids = pa.table({"id": pa.array(article_ids, pa.string())})
    con.register("_heron_gone", ids)
    try:
        for table, key in (("events", "article_id"), ("mentions", "article_id"), ("articles", "id")):
            con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM _heron_gone)")
    finally:
        con.unregister("_heron_gone")


def insert_rows(con: duckdb.DuckDBPyConnection, rows: Rows, skip: set[str]) -> WriteStats:
    stats = WriteStats()
    for table, columns, schema, key in (("articles", rows.articles, ARTICLE_SCHEMA, "id"),
                                        ("events", rows.events, EVENT_SCHEMA, "article_id"),
                                        ("mentions", rows.mentions, MENTION_SCHEMA, "article_id")):
        data = pa.table(columns, schema=schema)
        if skip:
            data = data.filter(pc.invert(pc.is_in(data[key], pa.array(sorted(skip), pa.string()))))
        if data.num_rows == 0:
            continue
        con.register("_heron_rows", data)
        try:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _heron_rows")
        finally:
            con.unregister("_heron_rows")
        setattr(stats, table, data.num_rows)
    return stats
