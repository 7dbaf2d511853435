"""heron's output formats: the one ``--format`` mechanism every command shares.

Records are plain mappings; event records have the shape of
``heron.model.Event.to_record()`` (``Store.events()`` returns the same shape),
so one formatter serves ``heron code`` and ``heron events`` alike.

Stream formats (stdout or a file): ``table`` (a rich table for people),
``jsonl`` (one JSON object per line, exactly the record), ``json`` (one
array), ``csv`` (flattened: ``source.code`` → ``source_code``, lists as
JSON).  File formats: ``parquet`` (explicit Arrow schema, nested structs) and
``gdelt`` (text, so stdout works too).

GDELT 2.0 event-file mapping (``gdelt``): tab-separated, the 61 columns of the
GDELT 2.0 event codebook in codebook order, with a header line of the codebook
names; a column heron has nothing for is empty.  Negated and hypothetical
events are left out (GDELT has no way to say "did not attack"), unless asked
for, and then a 62nd column ``HeronStatus`` says which they are.  The
mapping, column by column, is in docs/export.md.

Tabs and newlines inside values become spaces (GDELT files have no quoting).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from heron.model import NON_STATE_PREFIXES

if TYPE_CHECKING:  # pyarrow and rich are imported when a table or Parquet file is written, not at start-up
    import pyarrow as pa

STREAM_FORMATS = ("table", "jsonl", "json", "csv")
FILE_FORMATS = ("parquet", "gdelt")
FORMATS = STREAM_FORMATS
ALL_FORMATS = STREAM_FORMATS + FILE_FORMATS


class OutputFormat(StrEnum):
    """Every ``--format`` value; parquet needs ``--output``."""

    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"


# Declare options the same way in every command, with a per-command default:
#     def events(fmt: FormatOption = OutputFormat.table, output: OutputOption = None): ...
FormatOption = Annotated[OutputFormat, typer.Option(
    "--format", "-f", case_sensitive=False,
    help="Output format: table, jsonl, json, csv, gdelt (TSV), parquet (needs --output).")]
OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", dir_okay=False, writable=True,
    help="Write to this file instead of stdout.")]


def format_option(default: OutputFormat = OutputFormat.table) -> Any:
    """A typer ``--format`` option with a default, for signatures without Annotated."""
    return typer.Option(default, "--format", "-f", case_sensitive=False,
                        help="Output format: table, jsonl, json, csv, gdelt (TSV), parquet (needs --output).")


# The sub-keys a nested record field always flattens to, so CSV columns do
# not depend on whether the first record happened to have a location.
NESTED_KEYS: dict[str, tuple[str, ...]] = {
    "source": ("code", "text", "name", "rule"),
    "target": ("code", "text", "name", "rule"),
    "location": ("name", "country", "lat", "lon", "feature", "geonameid", "rule", "confidence"),
}


def emit(records: Iterable[Mapping[str, Any]], fmt: str | OutputFormat, output: Path | None = None,
         out: TextIO | None = None, *, columns: Sequence[str] | None = None) -> int:
    """Write records in ``fmt`` to ``output`` (a file) or ``out`` (default stdout).

    ``columns``: the CSV header to write when there are no records
    (:data:`EVENT_CSV_COLUMNS` for events), so an empty result is still a CSV.
    """
    fmt = _format_name(fmt)
    if output is not None:
        return write_path(records, fmt, output, columns=columns)
    if fmt == "parquet":
        raise ValueError("parquet output needs a file: pass --output PATH")
    return write_records(records, fmt, out if out is not None else sys.stdout, columns=columns)


def write_path(records: Iterable[Mapping[str, Any]], fmt: str | OutputFormat, path: Path,
               *, columns: Sequence[str] | None = None, include_unreal: bool = False) -> int:
    fmt = _format_name(fmt)
    if fmt == "parquet":
        return write_parquet(records, path)
    # csv wants newline="" so it controls line ends itself.
    with path.open("w", encoding="utf-8", newline="" if fmt == "csv" else None) as handle:
        return write_records(records, fmt, handle, columns=columns, include_unreal=include_unreal)


def write_records(records: Iterable[Mapping[str, Any]], fmt: str | OutputFormat, out: TextIO,
                  *, flush: bool = False, width: int | None = None, columns: Sequence[str] | None = None,
                  include_unreal: bool = False) -> int:
    """Write records to a text stream; returns how many were written.

    ``flush=True`` flushes after every jsonl line, for live pipes.
    ``width`` sets the table width (default: the terminal's, or 200 off a terminal).
    ``columns`` is the CSV header for no records; ``include_unreal`` keeps
    negated and hypothetical events in GDELT output (see :func:`write_gdelt`).
    """
    fmt = _format_name(fmt)
    if fmt == "jsonl":
        return _write_jsonl(records, out, flush)
    if fmt == "json":
        return _write_json(records, out)
    if fmt == "csv":
        return _write_csv(records, out, columns)
    if fmt == "table":
        return _write_table(records, out, width)
    if fmt == "gdelt":
        return write_gdelt(records, out, include_unreal=include_unreal)
    raise ValueError(f"format {fmt!r} cannot be written to a text stream; use write_path")


def _format_name(fmt: str | OutputFormat) -> str:
    name = fmt.value if isinstance(fmt, OutputFormat) else str(fmt).lower()
    if name not in ALL_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(ALL_FORMATS)}")
    return name


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _dumps(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, default=_json_default)


def _write_jsonl(records: Iterable[Mapping[str, Any]], out: TextIO, flush: bool) -> int:
    n = 0
    for record in records:
        out.write(_dumps(record))
        out.write("\n")
        if flush:
            out.flush()
        n += 1
    return n


def _write_json(records: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    # Streamed item by item: a big export never sits in memory as one string.
    n = 0
    out.write("[")
    for record in records:
        out.write(",\n" if n else "\n")
        out.write(_dumps(record))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def flatten(record: Mapping[str, Any]) -> dict[str, Any]:
    """One level of columns: nested dicts → ``key_sub``, lists → JSON text."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        subkeys = NESTED_KEYS.get(key)
        if isinstance(value, Mapping) or (value is None and subkeys):
            sub = value or {}
            for subkey in subkeys or ():
                flat[f"{key}_{subkey}"] = _cell(sub.get(subkey))
            for subkey, subvalue in sub.items():
                if f"{key}_{subkey}" not in flat:
                    flat[f"{key}_{subkey}"] = _cell(subvalue)
        else:
            flat[key] = _cell(value)
    return flat


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _write_csv(records: Iterable[Mapping[str, Any]], out: TextIO, columns: Sequence[str] | None) -> int:
    iterator = iter(records)
    first = next(iterator, None)
    if first is None:
        if columns:
            csv.writer(out, lineterminator="\n").writerow(columns)
        return 0
    row = flatten(first)
    # Columns come from the first record; nested fields always expand to the
    # same sub-keys, so event records keep one column set throughout.
    writer = csv.DictWriter(out, fieldnames=list(row), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    n = 1
    for record in iterator:
        writer.writerow(flatten(record))
        n += 1
    return n


# -- table ---------------------------------------------------------------------

_SENTENCE_WIDTH = 90
_ARTICLE_WIDTH = 44


def _is_event(record: Mapping[str, Any]) -> bool:
    return "code" in record and isinstance(record.get("source"), Mapping)


def _truncate(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _actor_cell(actor: Mapping[str, Any] | None) -> str:
    if not actor:
        return ""
    code, text = actor.get("code") or "", actor.get("text") or ""
    return f"{code} ({_truncate(text, 20)})" if text else code


def _flags(record: Mapping[str, Any]) -> str:
    flags = []
    if record.get("negated"):
        flags.append("NOT")
    modality = record.get("modality")
    if modality and modality != "asserted":
        flags.append(str(modality))
    return " ".join(flags)


def _article_cell(record: Mapping[str, Any]) -> str:
    """The article's title (or id when it has none) and publication date."""
    name = _truncate(record.get("title") or str(record.get("article_id") or ""), _ARTICLE_WIDTH - 11)
    published = record.get("published")
    return f"{name} {published}" if published else name


def _location_cell(location: Mapping[str, Any] | None) -> str:
    if not location:
        return ""
    name, country = location.get("name") or "", location.get("country")
    return f"{name} ({country})" if country and country != name else name


def _write_table(records: Iterable[Mapping[str, Any]], out: TextIO, width: int | None) -> int:
    if width is None and not (hasattr(out, "isatty") and out.isatty()):
        width = 200
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=width, highlight=False, soft_wrap=False)
    iterator = iter(records)
    first = next(iterator, None)
    if first is None:
        console.print("(no records)")
        return 0
    table = Table(show_lines=False, header_style="bold")
    n = 0
    if _is_event(first):
        for name in ("date", "source", "code", "target", "flags", "location"):
            table.add_column(name, no_wrap=True)
        table.add_column("article", overflow="ellipsis", max_width=_ARTICLE_WIDTH)
        table.add_column("sentence", overflow="fold", min_width=40, ratio=1)
        for record in _chain(first, iterator):
            table.add_row(record.get("date") or "", _actor_cell(record.get("source")),
                          str(record.get("code") or ""), _actor_cell(record.get("target")),
                          _flags(record), _location_cell(record.get("location")), _article_cell(record),
                          _truncate(record.get("sentence"), _SENTENCE_WIDTH))
            n += 1
    else:
        columns = list(flatten(first))
        for name in columns:
            table.add_column(name, overflow="ellipsis")
        for record in _chain(first, iterator):
            flat = flatten(record)
            table.add_row(*(_truncate("" if flat.get(c) is None else str(flat.get(c)), _SENTENCE_WIDTH)
                            for c in columns))
            n += 1
    console.print(table)
    return n


def _chain(first: Mapping[str, Any], rest: Iterator[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    yield first
    yield from rest


# -- parquet -------------------------------------------------------------------

@cache
def event_schema() -> pa.Schema:
    """The Parquet schema of event records (``EVENT_SCHEMA``, built on first use)."""
    import pyarrow as pa

    actor_type = pa.struct([("code", pa.string()), ("text", pa.string()), ("name", pa.string()),
                            ("rule", pa.string())])
    location_type = pa.struct([("name", pa.string()), ("country", pa.string()), ("lat", pa.float64()),
                               ("lon", pa.float64()), ("feature", pa.string()), ("geonameid", pa.int64()),
                               ("rule", pa.string()), ("confidence", pa.float64())])
    return pa.schema([
        ("id", pa.string()),
        ("article_id", pa.string()),
        ("source", actor_type),
        ("target", actor_type),
        ("code", pa.string()),
        ("root", pa.string()),
        ("quad_class", pa.int32()),
        ("goldstein", pa.float64()),
        ("plover", pa.string()),
        ("plover_mode", pa.string()),
        ("negated", pa.bool_()),
        ("modality", pa.string()),
        ("date", pa.date32()),
        ("date_precision", pa.string()),
        ("date_phrase", pa.string()),
        ("location", location_type),
        ("sentence", pa.string()),
        ("sentence_index", pa.int32()),
        ("span", pa.list_(pa.int32())),
        ("trigger", pa.string()),
        ("rule", pa.string()),
        ("evidence", pa.list_(pa.string())),
        ("url", pa.string()),
        ("title", pa.string()),
        ("published", pa.date32()),
    ])


def __getattr__(name: str) -> Any:
    if name == "EVENT_SCHEMA":  # kept as a module attribute for callers, without importing pyarrow early
        return event_schema()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The CSV columns of an event record (flatten() of EVENT_SCHEMA's fields): the
# header an event CSV has even when no event matched.
EVENT_FIELDS: tuple[str, ...] = (
    "id", "article_id", "source", "target", "code", "root", "quad_class", "goldstein", "plover",
    "plover_mode", "negated", "modality", "date", "date_precision", "date_phrase", "location", "sentence",
    "sentence_index", "span", "trigger", "rule", "evidence", "url", "title", "published")
EVENT_CSV_COLUMNS: tuple[str, ...] = tuple(
    column for name in EVENT_FIELDS
    for column in ([f"{name}_{key}" for key in NESTED_KEYS[name]] if name in NESTED_KEYS else [name]))

_PARQUET_BATCH = 50_000


def write_parquet(records: Iterable[Mapping[str, Any]], path: str | Path,
                  schema: pa.Schema | None = None) -> int:
    """Write records to a Parquet file in batches.

    Event records get the explicit :data:`EVENT_SCHEMA` (keys outside it are
    dropped, ISO date strings become dates); other records get the schema
    Arrow infers from the first batch.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 0
    iterator = iter(records)
    batch = list(islice(iterator, _PARQUET_BATCH))
    if schema is None:
        if batch and not _is_event(batch[0]):
            schema = pa.Table.from_pylist([dict(r) for r in batch]).schema
        else:
            schema = event_schema()
    with pq.ParquetWriter(str(path), schema) as writer:
        while batch:
            columns = {name: [_arrow_value(r.get(name), schema.field(name).type) for r in batch]
                       for name in schema.names}
            writer.write_table(pa.table(columns, schema=schema))
            n += len(batch)
            batch = list(islice(iterator, _PARQUET_BATCH))
    return n


def _arrow_value(value: Any, kind: pa.DataType) -> Any:
    import pyarrow as pa

    if value is not None and pa.types.is_date32(kind) and isinstance(value, str):
        return date.fromisoformat(value)
    return value


# -- GDELT -----------------------------------------------------------------------

_ACTOR_COLUMNS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                  "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_COLUMNS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR_COLUMNS),
    *(f"Actor2{c}" for c in _ACTOR_COLUMNS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO_COLUMNS),
    *(f"Actor2Geo_{c}" for c in _GEO_COLUMNS),
    *(f"ActionGeo_{c}" for c in _GEO_COLUMNS),
    "DATEADDED", "SOURCEURL",
)

_ROOT_SENTENCES = 3  # sentences 0-2 stand in for GDELT's "lead paragraph"


STATUS_COLUMN = "HeronStatus"  # the extra column of include_unreal: real, negated, hypothetical


def write_gdelt(records: Iterable[Mapping[str, Any]], out: TextIO, *, header: bool = True,
                include_unreal: bool = False) -> int:
    """Write event records as a GDELT 2.0-style event TSV (mapping: docs/export.md).

    GDELT has no column for "this did not happen", so negated and
    hypothetical events are left out; ``include_unreal`` keeps them and adds
    :data:`STATUS_COLUMN` after the 61 GDELT columns.  Returns rows written.
    """
    columns = (*GDELT_COLUMNS, STATUS_COLUMN) if include_unreal else GDELT_COLUMNS
    if header:
        out.write("\t".join(columns) + "\n")
    n = 0
    for record in records:
        status = event_status(record)
        if status != "real" and not include_unreal:
            continue
        row = gdelt_row(record)
        row[STATUS_COLUMN] = status
        out.write("\t".join(_tsv(row.get(c)) for c in columns) + "\n")
        n += 1
    return n


def event_status(record: Mapping[str, Any]) -> str:
    """'real', or what keeps it from being real: 'negated', 'hypothetical', 'negated,hypothetical'."""
    flags = [name for name, on in (("negated", bool(record.get("negated"))),
                                   ("hypothetical", record.get("modality") == "hypothetical")) if on]
    return ",".join(flags) or "real"


def gdelt_event_id(event_id: str) -> int | None:
    """GDELT's integer GlobalEventID from heron's hex id: its first 63 bits (fits a signed int64)."""
    try:
        return int(event_id[:16], 16) >> 1 if event_id else None
    except ValueError:
        return None


def gdelt_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """One event record as a dict of GDELT column → value (missing = unknown)."""
    row: dict[str, Any] = {"GlobalEventID": gdelt_event_id(str(record.get("id") or ""))}
    # GDELT dates an event by its report when nothing better is known: so does heron.
    day = _as_date(record.get("date")) or _as_date(record.get("published"))
    if day:
        row["Day"] = day.strftime("%Y%m%d")
        row["MonthYear"] = day.strftime("%Y%m")
        row["Year"] = day.year
        row["FractionDate"] = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"
    for prefix, key in (("Actor1", "source"), ("Actor2", "target")):
        row.update(_gdelt_actor(prefix, record.get(key)))
    code = record.get("code") or ""
    index = record.get("sentence_index")
    if isinstance(index, int):
        row["IsRootEvent"] = 1 if index < _ROOT_SENTENCES else 0
    row["EventCode"] = code
    row["EventBaseCode"] = code[:3]
    row["EventRootCode"] = record.get("root") or code[:2]
    row["QuadClass"] = record.get("quad_class")
    row["GoldsteinScale"] = record.get("goldstein")
    row["NumMentions"] = 1 + len(record.get("evidence") or ())
    row["NumSources"] = 1
    row["NumArticles"] = 1
    location = record.get("location")
    if location:
        country = location.get("country")
        row["ActionGeo_Type"] = _geo_type(location.get("feature"), country)
        row["ActionGeo_FullName"] = location.get("name")
        row["ActionGeo_CountryCode"] = country
        row["ActionGeo_Lat"] = location.get("lat")
        row["ActionGeo_Long"] = location.get("lon")
        row["ActionGeo_FeatureID"] = location.get("geonameid")
    added = record.get("coded_at")
    if isinstance(added, str):
        added = datetime.fromisoformat(added)
    if isinstance(added, datetime):
        row["DATEADDED"] = added.strftime("%Y%m%d%H%M%S")
    row["SOURCEURL"] = record.get("url")
    return row


def _gdelt_actor(prefix: str, actor: Mapping[str, Any] | None) -> dict[str, Any]:
    if not actor or not actor.get("code"):
        return {}
    code = str(actor["code"])
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    row: dict[str, Any] = {f"{prefix}Code": code, f"{prefix}Name": actor.get("name") or actor.get("text")}
    if chunks[0] == "---":  # country unknown; what follows are roles ("---GOV")
        roles, first_type = chunks[1:], 1
    elif chunks[0] in NON_STATE_PREFIXES:
        # "IGOUNO", "IGOEUREEC": type IGO, the group is the last part (UNO, EEC);
        # middle parts are regions or religions GDELT has no actor column for.
        row[f"{prefix}Type1Code"] = chunks[0]
        if len(chunks) > 1:
            row[f"{prefix}KnownGroupCode"] = chunks[-1]
        roles, first_type = [], 2
    else:
        row[f"{prefix}CountryCode"] = chunks[0]
        roles, first_type = chunks[1:], 1
    for number, role in enumerate(roles, start=first_type):
        if number > 3:
            break
        row[f"{prefix}Type{number}Code"] = role
    return row


def _geo_type(feature: str | None, country: str | None) -> int | None:
    if feature == "country":
        return 1
    if feature == "region":
        return 2 if country == "USA" else 5
    if feature in {"city", "capital"}:
        return 3 if country == "USA" else 4
    return None


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _tsv(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)
