"""``heron export``: a store's events to a file (or, for Parquet, a dataset) for other tools.

Formats (column by column in docs/export.md):

* ``parquet`` — to a directory: a Hive-partitioned dataset, one folder per
  event month (``month=2024-03/``; events with no date of their own go by
  their article's publication month, ``month=unknown`` if neither is
  known), so a large store exports in one pass without holding it in
  memory and readers can prune by month.  A path ending in ``.parquet``
  gets one file instead.  The rows are built inside DuckDB, never as
  Python objects.
* ``csv`` / ``jsonl`` — the event records, flattened for CSV; a CSV with no
  events still has its header.
* ``gdelt`` — the GDELT 2.0 event table (tab-separated); negated and
  hypothetical events are left out unless ``include_unreal``, which keeps
  them and adds a ``HeronStatus`` column.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds

from heron import export
from heron.filters import EVENT_DAY, EventFilter, event_query
from heron.store import Store
from heron.store_schema import NESTED_COLUMNS

EXPORT_FORMATS = ("parquet", "csv", "jsonl", "gdelt")
MONTH_COLUMN = "month"
_UNKNOWN_MONTH = "unknown"


class ExportError(ValueError):
    """The export cannot be written where asked; the message names the path."""


def export_events(store: Store, fmt: str, out: Path, where: EventFilter | None = None,
                  *, include_unreal: bool = False) -> int:
    """Write the store's (filtered) events to ``out``; returns how many were written."""
    where = where or EventFilter()
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet":
        if out.suffix.casefold() == ".parquet":
            return store.export_parquet(out, where=where)
        return export_parquet_by_month(store, out, where)
    if out.is_dir():
        raise ExportError(f"{out}: is a directory; {fmt} export writes one file")
    records = store.iter_events(where=where, with_article=fmt == "gdelt")
    return export.write_path(records, fmt, out, columns=export.EVENT_CSV_COLUMNS,
                             include_unreal=include_unreal)


def export_parquet_by_month(store: Store, out: Path, where: EventFilter, batch_size: int = 100_000) -> int:
    """A Hive-partitioned Parquet dataset under ``out``, one folder per event month."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(f"{out}: exists and is not an empty directory; choose a new path")
    month = f"coalesce(strftime({EVENT_DAY}, '%Y-%m'), '{_UNKNOWN_MONTH}') AS {MONTH_COLUMN}"
    sql, params = event_query(f"{NESTED_COLUMNS}, {month}", where)
    schema = export.EVENT_SCHEMA.append(pa.field(MONTH_COLUMN, pa.string()))
    written = 0

    def batches() -> Iterator[pa.RecordBatch]:
        nonlocal written
        for batch in store.arrow_batches(sql, params, batch_size):
            table = pa.Table.from_batches([batch]).cast(schema)
            written += table.num_rows
            yield from table.to_batches()

    out.mkdir(parents=True, exist_ok=True)
    ds.write_dataset(batches(), out, schema=schema, format="parquet",
                     partitioning=ds.partitioning(pa.schema([(MONTH_COLUMN, pa.string())]), flavor="hive"),
                     basename_template="part-{i}.parquet", existing_data_behavior="overwrite_or_ignore")
    return written
