"""The store's schema: table columns, DDL, migrations, and rows to and from events.

Each table is declared once, as (column, SQL type and constraints); the Arrow
schema used for bulk inserts and the record shape read back are derived from
it so they cannot drift.  Bump ``SCHEMA_VERSION`` and add a ``MIGRATIONS``
step whenever a column changes.
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from heron.model import Event

SCHEMA_VERSION = 3

# Each table is declared once, as (column, SQL type and constraints); the
# Arrow schema used for bulk inserts is derived from it so the two cannot drift.
ARTICLE_COLUMNS = (
    ("id", "VARCHAR PRIMARY KEY"), ("url", "VARCHAR"), ("title", "VARCHAR"), ("published", "DATE"),
    ("published_source", "VARCHAR"), ("source_path", "VARCHAR"), ("text", "VARCHAR"), ("blocks", "JSON"),
    ("n_events", "INTEGER NOT NULL"), ("digest", "VARCHAR NOT NULL"), ("coded_at", "TIMESTAMP NOT NULL"),
    ("heron_version", "VARCHAR"), ("coder_version", "VARCHAR"), ("content_digest", "VARCHAR"),
)
EVENT_COLUMNS = (
    ("id", "VARCHAR PRIMARY KEY"), ("article_id", "VARCHAR NOT NULL"), ("sentence_index", "INTEGER"),
    ("source_code", "VARCHAR"), ("source_text", "VARCHAR"), ("source_name", "VARCHAR"),
    ("source_rule", "VARCHAR"),
    ("target_code", "VARCHAR"), ("target_text", "VARCHAR"), ("target_name", "VARCHAR"),
    ("target_rule", "VARCHAR"),
    ("code", "VARCHAR NOT NULL"), ("root", "VARCHAR"), ("quad_class", "INTEGER"), ("goldstein", "DOUBLE"),
    ("plover", "VARCHAR"), ("plover_mode", "VARCHAR"), ("negated", "BOOLEAN NOT NULL"),
    ("modality", "VARCHAR"), ("date", "DATE"), ("date_end", "DATE"), ("date_precision", "VARCHAR"),
    ("date_phrase", "VARCHAR"),
    ("location_name", "VARCHAR"), ("location_country", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
    ("location_feature", "VARCHAR"), ("location_geonameid", "BIGINT"),
    ("location_rule", "VARCHAR"), ("location_confidence", "DOUBLE"),
    ("sentence", "VARCHAR"), ("span_start", "INTEGER"), ("span_end", "INTEGER"), ("trigger", "VARCHAR"),
    ("rule", "VARCHAR"), ("evidence", "JSON"), ("coder_version", "VARCHAR"),
)
MENTION_COLUMNS = (
    ("article_id", "VARCHAR NOT NULL"), ("text", "VARCHAR"), ("code", "VARCHAR NOT NULL"),
    ("name", "VARCHAR"), ("rule", "VARCHAR"), ("span_start", "INTEGER"), ("span_end", "INTEGER"),
)
_ARROW_TYPES = {"VARCHAR": pa.string(), "JSON": pa.string(), "DATE": pa.date32(), "INTEGER": pa.int32(),
                "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
                "TIMESTAMP": pa.timestamp("us")}


def _create_table(name: str, columns: tuple[tuple[str, str], ...]) -> str:
    body = ", ".join(f'"{column}" {spec}' for column, spec in columns)
    return f"CREATE TABLE IF NOT EXISTS {name} ({body})"


def _arrow_schema(columns: tuple[tuple[str, str], ...]) -> pa.Schema:
    return pa.schema([(column, _ARROW_TYPES[spec.split()[0]]) for column, spec in columns])


DDL = (
    "CREATE TABLE IF NOT EXISTS heron_schema (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL, "
    "heron_version VARCHAR)",
    _create_table("articles", ARTICLE_COLUMNS),
    _create_table("events", EVENT_COLUMNS),
    _create_table("mentions", MENTION_COLUMNS),
)

# Migrations from version N to N+1, applied in order inside one transaction.
# Added columns land at the table's end; inserts go BY NAME and reads name
# their columns, so a migrated table's column order does not matter.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    # 1 -> 2: which evidence placed the event and how sure it is (Location.rule/confidence).
    # Rows stored before carry NULL, read back as rule "" and confidence None.
    1: ('ALTER TABLE events ADD COLUMN IF NOT EXISTS "location_rule" VARCHAR',
        'ALTER TABLE events ADD COLUMN IF NOT EXISTS "location_confidence" DOUBLE'),
    # 2 -> 3: what coded each row (heron.provenance.coder_version) and the digest of the
    # article as read, so an ingest skips what the running coder already stored.  Rows
    # stored before carry NULL: an unknown, hence older, coder.
    2: ('ALTER TABLE articles ADD COLUMN IF NOT EXISTS "coder_version" VARCHAR',
        'ALTER TABLE articles ADD COLUMN IF NOT EXISTS "content_digest" VARCHAR',
        'ALTER TABLE events ADD COLUMN IF NOT EXISTS "coder_version" VARCHAR'),
}

ARTICLE_SCHEMA = _arrow_schema(ARTICLE_COLUMNS)
EVENT_SCHEMA = _arrow_schema(EVENT_COLUMNS)
MENTION_SCHEMA = _arrow_schema(MENTION_COLUMNS)

# Columns read back to build a record in Event.to_record()'s shape.
RECORD_COLUMNS = ", ".join(f"e.{name}" for name in EVENT_SCHEMA.names)

# The same record shape built inside DuckDB, for Arrow/Parquet export.
NESTED_COLUMNS = """e.id, e.article_id,
    struct_pack(code := e.source_code, text := e.source_text, name := e.source_name,
                rule := e.source_rule) AS source,
    struct_pack(code := e.target_code, text := e.target_text, name := e.target_name,
                rule := e.target_rule) AS target,
    e.code, e.root, e.quad_class, e.goldstein, e.plover, e.plover_mode, e.negated, e.modality,
    e.date, e.date_precision, e.date_phrase,
    CASE WHEN e.location_name IS NULL THEN NULL
         ELSE struct_pack(name := e.location_name, country := e.location_country, lat := e.lat,
                          lon := e.lon, feature := e.location_feature,
                          geonameid := e.location_geonameid,
                          rule := coalesce(e.location_rule, ''),
                          confidence := e.location_confidence) END AS location,
    e.sentence, e.sentence_index, [e.span_start, e.span_end] AS span, e.trigger, e.rule,
    from_json(e.evidence, '["VARCHAR"]') AS evidence, a.url, a.title, a.published"""



def event_to_row(event: Event) -> dict[str, Any]:
    loc = event.location
    when = event.date
    return {
        "id": event.id, "article_id": event.article_id, "sentence_index": event.sentence_index,
        "source_code": event.source.code, "source_text": event.source.text,
        "source_name": event.source.name, "source_rule": event.source.rule,
        "target_code": event.target.code, "target_text": event.target.text,
        "target_name": event.target.name, "target_rule": event.target.rule,
        "code": event.code, "root": event.root, "quad_class": event.quad_class,
        "goldstein": event.goldstein, "plover": event.plover, "plover_mode": event.plover_mode,
        "negated": event.negated, "modality": event.modality,
        "date": when.value if when else None, "date_end": when.end if when else None,
        "date_precision": when.precision if when else None, "date_phrase": when.phrase if when else None,
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "location_feature": loc.feature if loc else None,
        "location_geonameid": loc.geonameid if loc else None,
        "location_rule": loc.rule if loc else None,
        "location_confidence": loc.confidence if loc else None,
        "sentence": event.sentence, "span_start": event.span[0], "span_end": event.span[1],
        "trigger": event.trigger, "rule": event.rule,
        "evidence": json.dumps(list(event.evidence), ensure_ascii=False),
        "coder_version": None,  # the writer's, set by the store
    }


def row_to_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event row in the exact shape of ``Event.to_record()``."""
    location = None
    if row["location_name"] is not None:
        location = {"name": row["location_name"], "country": row["location_country"],
                    "lat": row["lat"], "lon": row["lon"], "feature": row["location_feature"],
                    "geonameid": row["location_geonameid"],
                    "rule": row["location_rule"] if row["location_rule"] is not None else "",
                    "confidence": row["location_confidence"]}
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "source": {"code": row["source_code"], "text": row["source_text"], "name": row["source_name"],
                   "rule": row["source_rule"]},
        "target": {"code": row["target_code"], "text": row["target_text"], "name": row["target_name"],
                   "rule": row["target_rule"]},
        "code": row["code"],
        "root": row["root"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "plover": row["plover"],
        "plover_mode": row["plover_mode"],
        "negated": row["negated"],
        "modality": row["modality"],
        "date": row["date"].isoformat() if row["date"] else None,
        "date_precision": row["date_precision"],
        "date_phrase": row["date_phrase"],
        "location": location,
        "sentence": row["sentence"],
        "sentence_index": row["sentence_index"],
        "span": [row["span_start"], row["span_end"]],
        "trigger": row["trigger"],
        "rule": row["rule"],
        "evidence": json.loads(row["evidence"]) if row["evidence"] else [],
    }
