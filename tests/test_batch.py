"""heron batch: shards equal a direct ingest id for id, on both engines; reruns skip; no half shard."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest

from heron.batch import shards as shards_module
from heron.batch.load import article_from_row, event_from_row, mention_from_row
from heron.batch.runner import BatchConfig, run_batch
from heron.batch.shards import (
    MARKER,
    BatchOutputError,
    coding_fingerprint,
    cut_shards,
    is_batch_output,
    shard_folders,
    start_output,
    write_shard,
)
from heron.model import Actor, Article, Block, Event, EventDate, Location, ReadFailure
from heron.pipeline import PipelineOptions
from heron.store import Store
from heron.store_schema import EVENT_SCHEMA, event_to_row

# Our own sentences: a few small articles of every input kind, two files that
# claim the same id (the run's id registry must settle it the same way), and
# one bad input.
WIRE = [
    {"id": "w1", "date": "2024-05-02", "title": "Talks in Nairobi",
     "text": "The foreign minister of Norway met the Kenyan president in Nairobi on Monday to discuss "
             "trade.\n\nOslo also promised aid to Kenya after the floods."},
    {"id": "w2", "date": "2024-05-03",
     "text": "Rebels attacked a police station in northern Mali on Friday, officials said. "
             "The government of Mali condemned the attack."},
    {"id": "w3", "date": "2024-05-04",
     "text": "Brazil accused Argentina of violating the trade agreement. "
             "Buenos Aires rejected the accusation on Tuesday."},
]
EXPEL = "Canada expelled two Russian diplomats on Wednesday.\nMoscow vowed to retaliate against Ottawa.\n"
VISIT_TXT = "The Japanese prime minister visited Seoul and signed a security pact with South Korea.\n"
VISIT_HTML = ("<html><head><title>Visit</title></head><body><article><p>Egypt hosted talks between Israeli "
              "and Palestinian negotiators in Cairo on Sunday.</p><p>Turkey praised the talks.</p>"
              "</article></body></html>")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("batch-in")
    (d / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in WIRE), encoding="utf-8")
    (d / "sub").mkdir()
    (d / "sub" / "expel.txt").write_text(EXPEL, encoding="utf-8")
    (d / "visit.txt").write_text(VISIT_TXT, encoding="utf-8")
    (d / "visit.html").write_text(VISIT_HTML, encoding="utf-8")  # same id "visit": gets a digest
    (d / "empty.txt").write_text("", encoding="utf-8")
    return d


def heron(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "heron.cli", *args], capture_output=True, text=True,
                          timeout=600)


def rows(db: Path) -> dict[str, list[dict]]:
    """Every table of a store, in a fixed order; coded_at is when, not what."""
    with Store(db, read_only=True) as store:
        out = {}
        for name in ("articles", "events", "mentions"):
            table = store.table(name)
            if "coded_at" in table.column_names:
                table = table.drop_columns(["coded_at"])
            out[name] = sorted(table.to_pylist(), key=lambda r: json.dumps(r, default=str, sort_keys=True))
        return out


@pytest.fixture(scope="module")
def direct(inputs, tmp_path_factory) -> dict[str, list[dict]]:
    db = tmp_path_factory.mktemp("direct") / "direct.duckdb"
    proc = heron("ingest", str(inputs), "--db", str(db), "--quiet")
    assert proc.returncode == 1, proc.stderr  # the empty file
    return rows(db)


@pytest.fixture(scope="module")
def local_out(inputs, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("local") / "shards"
    proc = heron("batch", str(inputs), "--out", str(out), "--engine", "local", "--workers", "2",
                 "--shard-size", "2")
    return out, proc


@pytest.mark.slow
def test_local_batch_then_ingest_equals_a_direct_ingest(local_out, direct, tmp_path):
    out, proc = local_out
    assert proc.returncode == 1, proc.stderr
    failures = [line for line in proc.stderr.splitlines() if "empty.txt" in line]
    assert len(failures) == 1 and "empty file" in failures[0], proc.stderr
    assert "articles/s" in proc.stderr and "events" in proc.stderr
    assert len(shard_folders(out)) == 3  # 6 articles, 2 per shard
    db = tmp_path / "from-shards.duckdb"
    loaded = heron("ingest", str(out), "--db", str(db))
    assert loaded.returncode == 0, loaded.stderr
    got = rows(db)
    assert sorted(e["id"] for e in got["events"]) == sorted(e["id"] for e in direct["events"])
    assert got == direct  # every column, digests included
    assert len(got["events"]) >= 5 and len(got["articles"]) == 6
    assert {a["id"] for a in got["articles"]} >= {"w1", "sub/expel", "visit"}
    # Loading the same shards again changes nothing.
    again = heron("ingest", str(out), "--db", str(db))
    assert again.returncode == 0 and "6 unchanged" in again.stderr, again.stderr


@pytest.mark.slow
def test_rerun_skips_written_shards_and_recodes_a_missing_one(local_out, inputs):
    out, _ = local_out
    before = {p.name: (p / "events.parquet").read_bytes() for p in shard_folders(out)}
    report = run_batch(BatchConfig((str(inputs),), out, workers=1, shard_size=2))
    assert (report.skipped, report.coded_articles, report.workers) == (3, 0, 0)  # no worker started
    assert len(report.failures) == 1  # the bad input is still reported
    # A killed run: one shard gone, a half-written temporary folder left behind.
    victim = sorted(before)[1]
    for path in (out / victim).iterdir():
        path.unlink()
    (out / victim).rmdir()
    (out / f".tmp-shard-{victim}-dead").mkdir()
    (out / f".tmp-shard-{victim}-dead" / "events.parquet").write_bytes(b"half")
    report = run_batch(BatchConfig((str(inputs),), out, workers=1, shard_size=2))
    assert (report.skipped, report.coded_articles) == (2, 2)
    assert {p.name for p in shard_folders(out)} == set(before)
    assert not list(out.glob(".tmp-*"))
    assert (out / victim / "events.parquet").read_bytes() == before[victim]


@pytest.mark.slow
def test_ray_batch_writes_the_same_shards(local_out, inputs, tmp_path):
    pytest.importorskip("ray", reason="the ray extra (make dev installs it)")
    out = tmp_path / "ray-shards"
    lines: list[str] = []
    report = run_batch(BatchConfig((str(inputs),), out, engine="ray", workers=2, shard_size=2),
                       progress=lines.append)
    assert report.workers == 2 and report.coded_articles == 6 and len(report.failures) == 1
    assert lines and "articles/s" in lines[-1]
    local_dir, _ = local_out
    local = {p.name: p for p in shard_folders(local_dir)}
    ray_made = {p.name: p for p in shard_folders(out)}
    assert set(ray_made) == set(local)
    import pyarrow.parquet as pq

    for name, folder in ray_made.items():
        for table in ("articles", "events", "mentions"):
            a = pq.read_table(folder / f"{table}.parquet")
            b = pq.read_table(local[name] / f"{table}.parquet")
            if "coded_at" in a.column_names:
                a, b = a.drop_columns(["coded_at"]), b.drop_columns(["coded_at"])
            assert a.equals(b), (name, table)


# -- without spaCy ---------------------------------------------------------------


def _article(i: int, text: str = "Text.") -> Article:
    return Article(id=f"a{i}", text=f"{text} {i}", source_path="in.jsonl")


def test_shards_are_cut_in_order_and_named_by_content():
    items: list[Article | ReadFailure] = [_article(1), _article(2), ReadFailure("bad.txt", "empty file"),
                                          _article(3)]
    cut = list(cut_shards(items, 2, "fp"))
    assert [type(x).__name__ for x in cut] == ["Shard", "ReadFailure", "Shard"]
    first, second = cut[0], cut[2]
    assert [a.id for a in first.articles] == ["a1", "a2"] and [a.id for a in second.articles] == ["a3"]
    assert first.name.startswith("shard-000000-") and second.name.startswith("shard-000001-")
    again = list(cut_shards(items, 2, "fp"))
    assert again[0].name == first.name
    edited = list(cut_shards([_article(1), _article(2, "Other text.")], 2, "fp"))
    assert edited[0].name != first.name
    assert list(cut_shards(items, 2, "other knowledge"))[0].name != first.name


def test_the_fingerprint_follows_the_options(tmp_path):
    plain = coding_fingerprint(PipelineOptions())
    assert coding_fingerprint(PipelineOptions()) == plain
    assert coding_fingerprint(PipelineOptions(published=date(2024, 1, 1))) != plain
    extra = tmp_path / "actors.csv"
    extra.write_text("name,code\nFoo Bar,USAGOV\n", encoding="utf-8")
    with_file = coding_fingerprint(PipelineOptions(actors_files=(extra,)))
    extra.write_text("name,code\nFoo Bar,FRAGOV\n", encoding="utf-8")
    assert coding_fingerprint(PipelineOptions(actors_files=(extra,))) != with_file


def test_output_folder_is_marked_and_a_foreign_folder_refused(tmp_path):
    out = tmp_path / "out"
    start_output(out)
    assert is_batch_output(out) and (out / MARKER).exists()
    start_output(out)  # a rerun is fine
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(BatchOutputError, match="not a heron batch output"):
        start_output(foreign)
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_a_failed_shard_write_leaves_nothing(tmp_path, monkeypatch):
    out = tmp_path / "out"
    start_output(out)
    tables = {name: pa.table({"x": [1]}) for name in ("articles", "events", "mentions")}
    import pyarrow.parquet as pq

    real = pq.write_table
    calls = []

    def dies_on_the_second(table, where, **kw):
        calls.append(where)
        if len(calls) == 2:
            raise OSError("disk full")
        real(table, where, **kw)

    monkeypatch.setattr(pq, "write_table", dies_on_the_second)
    with pytest.raises(OSError):
        write_shard(out, "shard-000000-abc", tables, [])
    assert list(out.iterdir()) == [out / MARKER]
    monkeypatch.setattr(pq, "write_table", real)
    assert write_shard(out, "shard-000000-abc", tables, ["heron: x.txt: article 'x': coding failed: boom"])
    assert shards_module.shard_failures(out / "shard-000000-abc") == [
        "heron: x.txt: article 'x': coding failed: boom"]
    assert not write_shard(out, "shard-000000-abc", tables, [])  # already there: left alone


def test_rows_read_back_give_the_same_store_rows(tmp_path):
    text = "Sweden met Finland in Helsinki. Finland did not attack Sweden."
    sweden = Actor("SWE", "Sweden", None, "country-name", 0, 6)
    finland = Actor("FIN", "Finland", "Finland", "country-name", 11, 18)
    article = Article("x1", text, title="T", url="https://example.org/x1", published=date(2024, 2, 2),
                      published_source="metadata", source_path="in.jsonl",
                      blocks=(Block("paragraph", 0, len(text)),))
    events = [
        Event("x1", 0, sweden, finland, "040", "Sweden met Finland in Helsinki.", (7, 10), "consult.meet",
              quad_class=1, goldstein=1.0, plover="CONSULT", plover_mode="meet",
              date=EventDate(date(2024, 2, 1), "day", "yesterday", None),
              location=Location("Helsinki", "FIN", 60.17, 24.94, "capital", 658225, "clause", 0.9),
              trigger="met", evidence=("another sentence",)),
        Event("x1", 1, finland, sweden, "190", "Finland did not attack Sweden.", (44, 50), "fight",
              negated=True, modality="reported", trigger="attack"),
    ]
    first = tmp_path / "first.duckdb"
    with Store(first) as store:
        store.write(article, events, [sweden, finland])
        table = {name: store.table(name).to_pylist() for name in ("articles", "events", "mentions")}
    assert {f.name for f in EVENT_SCHEMA} == set(table["events"][0])
    back = [event_from_row(row) for row in table["events"]]
    assert [event_to_row(e) for e in back] == [event_to_row(e) for e in events]
    second = tmp_path / "second.duckdb"
    with Store(second) as store:
        store.write(article_from_row(table["articles"][0]), back,
                    [mention_from_row(row) for row in table["mentions"]])
        digest = store.table("articles").column("digest").to_pylist()
    assert digest == [table["articles"][0]["digest"]]


def test_ingest_of_a_batch_output_with_other_inputs_is_refused(tmp_path):
    out = tmp_path / "out"
    start_output(out)
    other = tmp_path / "a.txt"
    other.write_text("Chile praised Peru.", encoding="utf-8")
    proc = heron("ingest", str(out), str(other), "--db", str(tmp_path / "x.duckdb"))
    assert proc.returncode == 2 and "batch output" in proc.stderr


@pytest.mark.slow
def test_an_article_that_fails_to_code_is_named_and_the_shard_keeps_the_rest(tmp_path, monkeypatch):
    from heron.batch.worker import ShardWorker

    worker = ShardWorker(PipelineOptions())
    real = worker.coder.code_doc

    def fails_on_b(article, doc):
        if article.id == "b":
            raise ValueError("cannot code this")
        return real(article, doc)

    monkeypatch.setattr(worker.coder, "code_doc", fails_on_b)
    articles = [Article(id=i, text=f"Chile praised Peru on Monday. Peru thanked Chile. ({i})",
                        source_path=f"{i}.txt") for i in ("a", "b", "c")]
    shard = next(s for s in cut_shards(articles, 3, "fp") if not isinstance(s, ReadFailure))
    out = tmp_path / "out"
    start_output(out)
    outcome = worker.code(shard, str(out))
    assert outcome.articles == 2 and outcome.events >= 2
    assert outcome.failures == ("heron: b.txt: cannot code: ValueError: cannot code this",)
    assert shards_module.shard_failures(out / shard.name) == list(outcome.failures)


@pytest.mark.slow
def test_workers_that_cannot_start_fail_their_shards_by_name(inputs, tmp_path):
    bad = tmp_path / "bad-actors.csv"
    bad.write_text("this is, not\nan actor file\n", encoding="utf-8")
    report = run_batch(BatchConfig((str(inputs / "wire.jsonl"),), tmp_path / "out", workers=1, shard_size=2,
                                   options=PipelineOptions(actors_files=(bad,))))
    assert report.shards == 2 and report.coded_articles == 0
    assert len(report.failures) == 2
    assert all("wire.jsonl: shard shard-00000" in line and "failed" in line for line in report.failures)
    assert shard_folders(tmp_path / "out") == []
