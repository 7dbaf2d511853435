"""``heron ingest DIR`` for a batch output: shards into DuckDB, coding nothing again.

Each shard's rows are read back into the pipeline's records (Article,
Event, Actor) and written through :meth:`heron.store.Store.ingest`, so the
store's whole write policy applies unchanged: an article is replaced as a
unit, an identical one is left alone, an id another input holds is refused
and reported.  The converters below are the inverse of the store's own
row builders (:func:`heron.store_schema.event_to_row` and the store's
article and mention rows); a round trip gives back the same rows, which the
tests check digest for digest.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from heron.batch.shards import BatchOutputError, read_marker, shard_folders
from heron.model import Actor, Article, Block, Event, EventDate, Location

if TYPE_CHECKING:
    from heron.store import Store
    from heron.store_stats import IngestReport


@dataclass(frozen=True)
class StoredResult:
    """One article of a shard with its events and mentions (a ``CodedArticle``)."""

    article: Article
    events: tuple[Event, ...]
    mentions: tuple[Actor, ...]
    coder_version: str | None = None  # the coder that wrote the shard, stored as it is


def article_from_row(row: dict[str, Any]) -> Article:
    blocks = tuple(Block(kind, start, end) for kind, start, end in json.loads(row["blocks"] or "[]"))
    return Article(id=row["id"], text=row["text"], title=row["title"], url=row["url"],
                   published=row["published"], published_source=row["published_source"],
                   source_path=row["source_path"], blocks=blocks)


def event_from_row(row: dict[str, Any]) -> Event:
    when = None
    if row["date"] is not None:
        when = EventDate(row["date"], row["date_precision"], row["date_phrase"], row["date_end"])
    where = None
    if row["location_name"] is not None:
        where = Location(row["location_name"], row["location_country"], row["lat"], row["lon"],
                         row["location_feature"], row["location_geonameid"], row["location_rule"],
                         row["location_confidence"])
    return Event(
        article_id=row["article_id"], sentence_index=row["sentence_index"],
        source=Actor(row["source_code"], row["source_text"], row["source_name"], row["source_rule"]),
        target=Actor(row["target_code"], row["target_text"], row["target_name"], row["target_rule"]),
        code=row["code"], sentence=row["sentence"], span=(row["span_start"], row["span_end"]),
        rule=row["rule"], negated=row["negated"], modality=row["modality"], root=row["root"],
        quad_class=row["quad_class"], goldstein=row["goldstein"], plover=row["plover"],
        plover_mode=row["plover_mode"], date=when, location=where, trigger=row["trigger"],
        evidence=tuple(json.loads(row["evidence"] or "[]")), id=row["id"])


def mention_from_row(row: dict[str, Any]) -> Actor:
    return Actor(row["code"], row["text"], row["name"], row["rule"], row["span_start"], row["span_end"])


def shard_results(folder: Path) -> Iterator[StoredResult]:
    """The articles of one shard folder, in the order they were coded."""
    import pyarrow.parquet as pq

    events: dict[str, list[Event]] = defaultdict(list)
    for row in pq.read_table(folder / "events.parquet").to_pylist():
        events[row["article_id"]].append(event_from_row(row))
    mentions: dict[str, list[Actor]] = defaultdict(list)
    for row in pq.read_table(folder / "mentions.parquet").to_pylist():
        mentions[row["article_id"]].append(mention_from_row(row))
    for row in pq.read_table(folder / "articles.parquet").to_pylist():
        article = article_from_row(row)
        yield StoredResult(article, tuple(events.pop(article.id, ())), tuple(mentions.pop(article.id, ())),
                           row.get("coder_version"))


def check_output(out_dir: Path) -> list[Path]:
    """The shard folders of a batch output this heron can load."""
    from heron.store_schema import SCHEMA_VERSION

    marker = read_marker(out_dir)
    if marker.get("schema_version") != SCHEMA_VERSION:
        raise BatchOutputError(f"{out_dir}: shards of store schema {marker.get('schema_version')}, this "
                               f"heron stores schema {SCHEMA_VERSION}; run heron batch again")
    return shard_folders(out_dir)


def ingest_outputs(out_dirs: Sequence[Path], store: Store, batch_size: int = 1000) -> IngestReport:
    """Load every shard of ``out_dirs`` into ``store``; every folder is checked before any write."""
    folders = [folder for out_dir in out_dirs for folder in check_output(out_dir)]
    return store.ingest((result for folder in folders for result in shard_results(folder)),
                        batch_size=batch_size)
