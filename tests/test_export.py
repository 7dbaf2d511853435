"""heron.export: every output format, on event records built by hand."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner

from heron.export import (
    EVENT_CSV_COLUMNS,
    EVENT_SCHEMA,
    GDELT_COLUMNS,
    FormatOption,
    OutputFormat,
    OutputOption,
    emit,
    flatten,
    gdelt_row,
    write_gdelt,
    write_parquet,
    write_records,
)
from heron.model import Actor, Event, EventDate, Location

TEXT = ("Brazil's foreign minister met Argentine officials in São Paulo on Monday. "
        "Brasília did not expel the Argentine ambassador.")


def _span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def make_events() -> list[Event]:
    minister = Actor("BRAGOV", "Brazil's foreign minister", None, "title:foreign minister",
                     *_span("Brazil's foreign minister"))
    officials = Actor("ARGGOV", "Argentine officials", None, "role:officials", *_span("Argentine officials"))
    brasilia = Actor("BRA", "Brasília", None, "capital-metonym", *_span("Brasília"))
    ambassador = Actor("ARGGOVDIP", "the Argentine ambassador", None, "title:ambassador",
                       *_span("the Argentine ambassador"))
    first, second = TEXT.split(". ")
    return [
        Event("ex1", 0, minister, officials, "040", first + ".", _span("met"), "consult.meet",
              quad_class=1, goldstein=1.0, plover="CONSULT", plover_mode="meet",
              date=EventDate(date(2025, 2, 3), "day", "on Monday"),
              location=Location("São Paulo", "BRA", -23.55, -46.63, "city", 3448439), trigger="met"),
        Event("ex1", 3, brasilia, ambassador, "1663", second, _span("expel"), "reduce.expel",
              negated=True, modality="reported", quad_class=4, goldstein=-7.0, plover="REDUCE",
              trigger="expel", evidence=("The embassy stayed open.",)),
    ]


def un_event() -> Event:
    text = "The UN envoy urged both governments to talk."
    return Event("ex2", 0, Actor("IGOUNO", "The UN envoy", "United Nations", "organization", 0, 12),
                 Actor("---GOV", "both governments", None, "unresolved", 19, 35), "0311", text, (13, 18),
                 "appeal.urge", trigger="urged")


ABOUT = {"url": "https://news.example/ex1", "title": "Ministers meet", "published": "2025-02-04"}


@pytest.fixture
def records() -> list[dict]:
    return [e.to_record() | ABOUT for e in make_events()]


def test_jsonl_lines_parse_to_the_records(records: list[dict]) -> None:
    out = io.StringIO()
    assert write_records(records, "jsonl", out) == 2
    text = out.getvalue()
    lines = text.splitlines()
    assert [json.loads(line) for line in lines] == records
    assert "São Paulo" in text  # not \u-escaped
    assert text.endswith("\n") and len(lines) == 2


def test_jsonl_streams_line_by_line() -> None:
    out = io.StringIO()

    def generate():
        yield make_events()[0].to_record()
        # By now the first line must already be out, and flushed.
        assert out.getvalue().count("\n") == 1
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_records(generate(), OutputFormat.jsonl, out, flush=True)
    assert json.loads(out.getvalue())["code"] == "040"


def test_json_is_one_array(records: list[dict]) -> None:
    out = io.StringIO()
    assert write_records(records, "json", out) == 2
    assert json.loads(out.getvalue()) == records
    empty = io.StringIO()
    assert write_records([], "json", empty) == 0
    assert json.loads(empty.getvalue()) == []


def test_json_writes_dates_as_iso() -> None:
    out = io.StringIO()
    write_records([{"id": "a1", "published": date(2025, 2, 3)}], "json", out)
    assert json.loads(out.getvalue()) == [{"id": "a1", "published": "2025-02-03"}]


def test_csv_flattens_nested_and_lists(records: list[dict]) -> None:
    out = io.StringIO()
    assert write_records(records, "csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    header = out.getvalue().splitlines()[0].split(",")
    for column in ("source_code", "source_text", "target_code", "code", "negated", "date",
                   "location_name", "location_lat", "sentence", "span", "evidence"):
        assert column in header
    assert "source" not in header and "location" not in header
    assert [r["source_code"] for r in rows] == ["BRAGOV", "BRA"]
    assert rows[0]["location_name"] == "São Paulo"
    assert rows[1]["location_name"] == ""  # no location: empty cell, same columns
    assert json.loads(rows[0]["span"]) == records[0]["span"]
    assert json.loads(rows[1]["evidence"]) == ["The embassy stayed open."]
    assert rows[1]["sentence"] == records[1]["sentence"]


def test_csv_columns_do_not_depend_on_the_first_record(records: list[dict]) -> None:
    assert list(flatten(records[1])) == list(flatten(records[0]))


def test_table_shows_codes_and_flags(records: list[dict]) -> None:
    out = io.StringIO()
    assert write_records(records + [un_event().to_record()], "table", out) == 3
    text = out.getvalue()
    for expected in ("040", "1663", "0311", "BRAGOV", "ARGGOVDIP", "IGOUNO", "2025-02-03",
                     "NOT reported", "São Paulo (BRA)"):
        assert expected in text
    assert "Brazil's foreign minister met" in text


def test_table_truncates_long_sentences() -> None:
    event = make_events()[0]
    long = Event(event.article_id, 0, event.source, event.target, "040", "word " * 60, (0, 4), "r")
    out = io.StringIO()
    write_records([long.to_record()], "table", out)
    assert "…" in out.getvalue() and "word " * 30 not in out.getvalue()


def test_table_of_other_records() -> None:
    out = io.StringIO()
    write_records([{"id": "ex1", "n_events": 2}, {"id": "ex2", "n_events": 0}], "table", out)
    assert "n_events" in out.getvalue() and "ex2" in out.getvalue()
    empty = io.StringIO()
    assert write_records([], "table", empty) == 0 and "no records" in empty.getvalue()


def test_parquet_reads_back(records: list[dict], tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_parquet(records, path) == 2
    table = pq.read_table(path)
    assert table.schema.equals(EVENT_SCHEMA)
    rows = table.to_pylist()
    for row, record in zip(rows, records, strict=True):
        expected = dict(record, date=date.fromisoformat(record["date"]) if record["date"] else None,
                        published=date(2025, 2, 4))
        assert row == expected


def test_parquet_of_other_records(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    emit([{"id": "ex1", "n_events": 2}], "parquet", path)
    assert pq.read_table(path).to_pylist() == [{"id": "ex1", "n_events": 2}]


def test_gdelt_columns_and_values(records: list[dict]) -> None:
    out = io.StringIO()
    added = dict(records[0], url="https://news.example/ex1", coded_at=datetime(2025, 2, 4, 8, 30, 5))
    # The second is negated: kept here, and marked, only because include_unreal asks for it.
    assert write_gdelt([added, records[1], un_event().to_record()], out, include_unreal=True) == 3
    lines = out.getvalue().split("\n")
    assert lines[-1] == ""
    header = lines[0].split("\t")
    assert tuple(header[:61]) == GDELT_COLUMNS and header[61:] == ["HeronStatus"]
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:-1]]
    first, second, third = rows
    assert [r["HeronStatus"] for r in rows] == ["real", "negated", "real"]
    assert first["GlobalEventID"] == str(int(records[0]["id"][:16], 16) >> 1)
    assert 0 < int(first["GlobalEventID"]) < 2 ** 63
    assert (first["Day"], first["MonthYear"], first["Year"]) == ("20250203", "202502", "2025")
    assert first["FractionDate"] == "2025.0904"
    actor1 = (first["Actor1Code"], first["Actor1CountryCode"], first["Actor1Type1Code"])
    assert actor1 == ("BRAGOV", "BRA", "GOV")
    assert first["Actor1Name"] == "Brazil's foreign minister"
    assert (first["EventCode"], first["EventBaseCode"], first["EventRootCode"]) == ("040", "040", "04")
    assert (first["QuadClass"], first["GoldsteinScale"], first["IsRootEvent"]) == ("1", "1.0", "1")
    assert (first["ActionGeo_FullName"], first["ActionGeo_CountryCode"]) == ("São Paulo", "BRA")
    geo = (first["ActionGeo_Lat"], first["ActionGeo_Long"], first["ActionGeo_Type"])
    assert geo == ("-23.55", "-46.63", "4")
    assert first["ActionGeo_FeatureID"] == "3448439"
    assert first["DATEADDED"] == "20250204083005"
    assert first["SOURCEURL"] == "https://news.example/ex1"
    assert first["AvgTone"] == "" and first["Actor1Geo_FullName"] == ""
    # Second: no date of its own (the article's publication date stands in), no place, a
    # three-part code, lower in the article.
    assert second["Day"] == "20250204" and second["ActionGeo_FullName"] == ""
    assert second["SOURCEURL"] == "https://news.example/ex1"
    assert (second["Actor2Type1Code"], second["Actor2Type2Code"]) == ("GOV", "DIP")
    assert (second["EventBaseCode"], second["EventRootCode"], second["IsRootEvent"]) == ("166", "16", "0")
    assert second["NumMentions"] == "2"
    # Third: a non-state actor and an unresolved one.
    assert (third["Actor1CountryCode"], third["Actor1Type1Code"], third["Actor1KnownGroupCode"]) == (
        "", "IGO", "UNO")
    assert third["Actor1Name"] == "United Nations"
    eu = gdelt_row(dict(records[0], target={"code": "IGOEUREEC", "text": "the EU"}))
    eu_actor = (eu["Actor2Type1Code"], eu["Actor2KnownGroupCode"], eu.get("Actor2Type2Code"))
    assert eu_actor == ("IGO", "EEC", None)
    actor2 = (third["Actor2Code"], third["Actor2CountryCode"], third["Actor2KnownGroupCode"],
              third["Actor2Type1Code"])
    assert actor2 == ("---GOV", "", "", "GOV")


def test_gdelt_leaves_out_what_did_not_happen(records: list[dict]) -> None:
    hypothetical = dict(records[0], id="ab" * 10, modality="hypothetical")
    both = dict(records[1], id="cd" * 10, modality="hypothetical")
    out = io.StringIO()
    # "did not expel" must not become an expulsion with Goldstein -7 in a GDELT file.
    assert write_gdelt([records[0], records[1], hypothetical, both], out) == 1
    header, row = out.getvalue().splitlines()
    assert len(header.split("\t")) == 61 and row.split("\t")[26] == "040"
    marked = io.StringIO()
    assert write_gdelt([records[0], records[1], hypothetical, both], marked, include_unreal=True) == 4
    status = [line.split("\t")[-1] for line in marked.getvalue().splitlines()[1:]]
    assert status == ["real", "negated", "hypothetical", "negated,hypothetical"]


def test_empty_csv_still_has_its_header() -> None:
    out = io.StringIO()
    assert write_records([], "csv", out, columns=EVENT_CSV_COLUMNS) == 0
    assert out.getvalue() == ",".join(EVENT_CSV_COLUMNS) + "\n"
    full = io.StringIO()
    event = make_events()[0].to_record() | ABOUT
    write_records([event], "csv", full)
    assert full.getvalue().splitlines()[0] == out.getvalue().strip()


def test_gdelt_values_cannot_break_the_tsv(records: list[dict]) -> None:
    record = dict(records[0], source=dict(records[0]["source"], name="Line\tone\nline two"))
    out = io.StringIO()
    write_records([record], "gdelt", out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and len(lines[1].split("\t")) == 61


def test_emit_errors() -> None:
    with pytest.raises(ValueError, match="needs a file"):
        emit([], "parquet", out=io.StringIO())
    with pytest.raises(ValueError, match="unknown format"):
        write_records([], "xml", io.StringIO())


def test_emit_to_a_file(records: list[dict], tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    assert emit(records, OutputFormat.csv, path) == 2
    assert path.read_text(encoding="utf-8").count("\n") == 3


def test_shared_typer_options(records: list[dict], tmp_path: Path) -> None:
    app = typer.Typer()

    @app.command()
    def show(fmt: FormatOption = OutputFormat.jsonl, output: OutputOption = None) -> None:
        emit(records, fmt, output)

    runner = CliRunner()
    result = runner.invoke(app, [])
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.output.splitlines()] == records
    result = runner.invoke(app, ["--format", "CSV"])
    assert result.exit_code == 0 and result.output.startswith("id,article_id,source_code")
    result = runner.invoke(app, ["-f", "parquet", "-o", str(tmp_path / "x.parquet")])
    assert result.exit_code == 0 and pq.read_table(tmp_path / "x.parquet").num_rows == 2
    assert runner.invoke(app, ["--format", "yaml"]).exit_code != 0


def test_the_csv_columns_name_every_parquet_field() -> None:
    from heron import export

    assert tuple(export.event_schema().names) == export.EVENT_FIELDS
