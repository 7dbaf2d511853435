"""heron.store: idempotent writes, rollback, queries and the record round trip."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from heron import export
from heron.model import Actor, Article, Block, Event, EventDate, Location
from heron.store import SCHEMA_VERSION, Store, StoreError
from heron.store_schema import ARTICLE_SCHEMA, EVENT_SCHEMA, MENTION_SCHEMA, MIGRATIONS, event_to_row

TEXT_A1 = ("Russian Foreign Minister Sergei Lavrov met his Turkish counterpart in Ankara on Tuesday. "
           "Moscow did not threaten sanctions against Ankara.")
TEXT_A2 = "The UN Security Council condemned the attack on a convoy near Aleppo, diplomats said."
TEXT_A3 = ("Ukraine's president said he would visit Warsaw next month. "
           "Kyiv could downgrade ties with Warsaw if the border stays closed.")


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def article_a1() -> Article:
    first = TEXT_A1.index("Moscow")
    return Article(id="a1", text=TEXT_A1, title="Lavrov in Ankara", url="https://news.example/a1",
                   published=date(2024, 3, 6), published_source="html-meta", source_path="in/a1.html",
                   blocks=(Block("paragraph", 0, first - 1), Block("paragraph", first, len(TEXT_A1))))


def events_a1() -> list[Event]:
    lavrov = Actor("RUSGOV", "Russian Foreign Minister Sergei Lavrov", "Sergei Lavrov",
                   "dictionary:leaders.csv", *_span(TEXT_A1, "Russian Foreign Minister Sergei Lavrov"))
    turkey = Actor("TURGOV", "his Turkish counterpart", None, "title:counterpart",
                   *_span(TEXT_A1, "his Turkish counterpart"))
    moscow = Actor("RUS", "Moscow", None, "capital-metonym", *_span(TEXT_A1, "Moscow"))
    last = TEXT_A1.rindex("Ankara")
    ankara = Actor("TUR", "Ankara", None, "capital-metonym", last, last + len("Ankara"))
    first, second = TEXT_A1.split(". ")
    return [
        Event("a1", 0, lavrov, turkey, "040", first + ".", _span(TEXT_A1, "met"), "consult.meet",
              quad_class=1, goldstein=1.0, plover="CONSULT", plover_mode="meet",
              date=EventDate(date(2024, 3, 5), "day", "on Tuesday"),
              location=Location("Ankara", "TUR", 39.92, 32.85, "capital", 323786, "clause", 0.9),
              trigger="met"),
        Event("a1", 1, moscow, ankara, "1312", second, _span(TEXT_A1, "threaten sanctions"),
              "threaten.sanctions", negated=True, quad_class=3, goldstein=-5.8, plover="THREATEN",
              trigger="threaten"),
    ]


def article_a2() -> Article:
    return Article(id="a2", text=TEXT_A2, published=date(2024, 5, 2), published_source="metadata")


def events_a2() -> list[Event]:
    unsc = Actor("IGOUNO", "The UN Security Council", "United Nations", "organization",
                 *_span(TEXT_A2, "The UN Security Council"))
    convoy = Actor("SYRREB", "a convoy", None, "context", *_span(TEXT_A2, "a convoy"))
    return [Event("a2", 0, unsc, convoy, "111", TEXT_A2, _span(TEXT_A2, "condemned"), "criticize.condemn",
                  modality="reported", quad_class=3, goldstein=-2.0, plover="ACCUSE",
                  date=EventDate(date(2024, 5, 2), "publication"),
                  location=Location("Aleppo", "SYR", 36.2, 37.16, "city", 170063), trigger="condemned",
                  evidence=("Diplomats at the council described the statement as unanimous.",))]


def article_a3() -> Article:
    return Article(id="a3", text=TEXT_A3, published=date(2024, 3, 20))


def events_a3() -> list[Event]:
    president = Actor("UKRGOV", "Ukraine's president", None, "title:president",
                      *_span(TEXT_A3, "Ukraine's president"))
    poland = Actor("POL", "Warsaw", None, "capital-metonym", *_span(TEXT_A3, "Warsaw"))
    kyiv = Actor("UKR", "Kyiv", None, "capital-metonym", *_span(TEXT_A3, "Kyiv"))
    first, second = TEXT_A3.split(". ")
    return [Event("a3", 0, president, poland, "042", first + ".", _span(TEXT_A3, "visit"), "visit.go",
                  modality="future", quad_class=1, goldstein=1.9, plover="CONSULT",
                  date=EventDate(date(2024, 4, 1), "month", "next month", end=date(2024, 4, 30)),
                  trigger="visit"),
            Event("a3", 1, kyiv, poland, "161", second, _span(TEXT_A3, "downgrade ties"), "reduce.relations",
                  modality="hypothetical", quad_class=3, goldstein=-4.0, plover="REDUCE",
                  trigger="downgrade")]


def about(article: Article) -> dict:
    """The article's fields every stored event record carries."""
    return {"url": article.url, "title": article.title,
            "published": article.published.isoformat() if article.published else None}


def stored_records() -> list[dict]:
    """What filled() stores, as records read back."""
    return ([e.to_record() | about(article_a1()) for e in events_a1()]
            + [e.to_record() | about(article_a2()) for e in events_a2()]
            + [e.to_record() | about(article_a3()) for e in events_a3()])


def filled(store: Store) -> Store:
    store.write(article_a1(), events_a1(), [events_a1()[0].source, events_a1()[0].target])
    store.write(article_a2(), events_a2())
    store.write(article_a3(), events_a3())
    return store


def table_rows(store: Store, name: str) -> list[dict]:
    rows = store.table(name).to_pylist()
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


@pytest.fixture
def db(tmp_path: Path):
    with Store(tmp_path / "heron.duckdb") as store:
        yield store


def test_write_twice_leaves_identical_rows(db: Store) -> None:
    filled(db)
    before = {name: table_rows(db, name) for name in ("articles", "events", "mentions")}
    stats = db.write(article_a1(), events_a1(), [events_a1()[0].source, events_a1()[0].target])
    assert stats.unchanged == 1 and stats.events == 0
    after = {name: table_rows(db, name) for name in ("articles", "events", "mentions")}
    assert after == before
    assert db.counts() == {"articles": 3, "events": 5, "real_events": 3, "mentions": 2}


def test_recode_replaces_the_articles_old_events(db: Store) -> None:
    filled(db)
    changed = events_a1()[0]
    # The coder now reads the meeting as a visit: the old events must go.
    visit = Event("a1", 0, changed.source, changed.target, "043", changed.sentence, changed.span,
                  "visit.host", quad_class=1, goldstein=2.8, trigger="met")
    stats = db.write(article_a1(), [visit])
    assert stats.replaced == 1 and stats.events == 1 and stats.mentions == 0
    assert [e["code"] for e in db.events(article_id="a1")] == ["043"]
    assert db.mentions(article_id="a1") == []
    assert db.articles()[0]["n_events"] == 1
    # Other articles are untouched.
    assert [e["code"] for e in db.events(article_id="a2")] == ["111"]
    assert db.counts()["events"] == 4


def test_write_many_takes_pipeline_results(db: Store) -> None:
    @dataclass(frozen=True)
    class Result:  # the shape of heron.pipeline.ArticleResult
        article: Article
        events: tuple[Event, ...]
        mentions: tuple[Actor, ...] = ()

    results = [Result(article_a1(), tuple(events_a1()), (events_a1()[0].source,)),
               Result(article_a2(), tuple(events_a2())), Result(article_a3(), tuple(events_a3()))]
    stats = db.write_many(iter(results), batch_size=2)
    assert (stats.articles, stats.events, stats.mentions) == (3, 5, 1)
    assert db.write_many(results, batch_size=2).unchanged == 3


def test_same_article_twice_in_one_batch_last_wins(db: Store) -> None:
    stats = db.write_many([(article_a1(), events_a1()), (article_a1(), events_a1()[:1])])
    assert stats.articles == 1
    assert [e["code"] for e in db.events()] == ["040"]


def test_failed_write_rolls_back_and_keeps_earlier_data(db: Store, monkeypatch) -> None:
    filled(db)
    before = {name: table_rows(db, name) for name in ("articles", "events", "mentions")}
    from heron import store_rows

    real_insert = store_rows.insert_rows

    def insert_then_fail(*args, **kwargs):
        real_insert(*args, **kwargs)  # rows are in, the old ones deleted: now die
        raise RuntimeError("disk full")

    monkeypatch.setattr(store_rows, "insert_rows", insert_then_fail)
    recoded = [events_a1()[0]]
    with pytest.raises(RuntimeError, match="disk full"):
        db.write_many([(article_a1(), recoded), (Article(id="a4", text="Nothing happened."), [])])
    monkeypatch.undo()
    assert {name: table_rows(db, name) for name in ("articles", "events", "mentions")} == before
    # The connection is usable again afterwards.
    assert db.write(article_a1(), recoded).replaced == 1


def test_failing_batch_keeps_earlier_batches(db: Store) -> None:
    bad = events_a3()[0]
    wrong_article = Event("a1", bad.sentence_index, bad.source, bad.target, bad.code, bad.sentence,
                          bad.span, bad.rule)
    results = [(article_a1(), events_a1()), (article_a2(), events_a2()), (article_a3(), [wrong_article])]
    with pytest.raises(ValueError, match="belongs to article"):
        db.write_many(results, batch_size=2)
    assert [a["id"] for a in db.articles()] == ["a1", "a2"]


def test_query_filters(db: Store) -> None:
    filled(db)

    def codes(**filters) -> list[str]:
        return [e["code"] for e in db.events(**filters)]

    assert codes() == ["040", "1312", "111", "042", "161"]
    assert codes(actor="RUS") == ["040", "1312"]
    assert codes(actor="rusgov") == ["040"]
    assert codes(actor="TUR") == ["040", "1312"]  # matches the target too
    assert codes(actor="IGO") == ["111"]
    assert codes(code="04") == ["040", "042"]
    assert codes(code="13") == ["1312"]
    assert codes(include_negated=False) == ["040", "111", "042", "161"]
    assert codes(real_only=True) == ["040", "111", "042"]
    assert codes(actor="UKR") == ["042", "161"]
    assert codes(actor="POL") == ["042", "161"]
    assert codes(article_id="a2") == ["111"]
    # The negated threat has no date of its own: it falls back to publication (2024-03-06).
    assert codes(since=date(2024, 3, 6), until=date(2024, 4, 30)) == ["1312", "042", "161"]
    assert codes(until=date(2024, 3, 5)) == ["040"]
    assert codes(since=date(2024, 5, 1)) == ["111"]
    assert codes(actor="RUS", code="04", include_negated=False) == ["040"]
    assert codes(limit=2) == ["040", "1312"]
    assert codes(actor="CHN") == []


def test_records_round_trip_exactly(db: Store) -> None:
    filled(db)
    expected = stored_records()
    got = db.events()
    assert got == expected
    # to_record's key order, then the article's url, title and published
    assert [list(r) for r in got] == [list(r) for r in expected]


def test_articles_mentions_and_article(db: Store) -> None:
    filled(db)
    assert db.counts()["articles"] == 3  # a finished result: later queries on the connection work
    listed = db.articles()
    assert [a["id"] for a in listed] == ["a1", "a2", "a3"]
    assert listed[0]["published"] == "2024-03-06" and listed[0]["n_events"] == 2
    assert listed[0]["url"] == "https://news.example/a1"
    assert db.article("a1") == article_a1()
    assert db.article("missing") is None
    mentions = db.mentions("a1")
    assert [m["code"] for m in mentions] == ["RUSGOV", "TURGOV"]
    assert mentions[0]["span_start"] == 0


def test_reopen_read_only_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "store.duckdb"
    with Store(path) as store:
        filled(store)
        assert store.schema_version == SCHEMA_VERSION
    with Store(path, read_only=True) as store:
        assert store.counts()["events"] == 5
        assert store.events(code="111")[0]["location"]["name"] == "Aleppo"
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.duckdb", read_only=True)


# The schema as version 1 created it, frozen here: before Location.rule/confidence.
V1_DDL = (
    "CREATE TABLE heron_schema (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL, "
    "heron_version VARCHAR)",
    'CREATE TABLE articles ("id" VARCHAR PRIMARY KEY, "url" VARCHAR, "title" VARCHAR, "published" DATE, '
    '"published_source" VARCHAR, "source_path" VARCHAR, "text" VARCHAR, "blocks" JSON, '
    '"n_events" INTEGER NOT NULL, "digest" VARCHAR NOT NULL, "coded_at" TIMESTAMP NOT NULL, '
    '"heron_version" VARCHAR)',
    'CREATE TABLE events ("id" VARCHAR PRIMARY KEY, "article_id" VARCHAR NOT NULL, "sentence_index" INTEGER, '
    '"source_code" VARCHAR, "source_text" VARCHAR, "source_name" VARCHAR, "source_rule" VARCHAR, '
    '"target_code" VARCHAR, "target_text" VARCHAR, "target_name" VARCHAR, "target_rule" VARCHAR, '
    '"code" VARCHAR NOT NULL, "root" VARCHAR, "quad_class" INTEGER, "goldstein" DOUBLE, '
    '"plover" VARCHAR, "plover_mode" VARCHAR, "negated" BOOLEAN NOT NULL, "modality" VARCHAR, '
    '"date" DATE, "date_end" DATE, "date_precision" VARCHAR, "date_phrase" VARCHAR, '
    '"location_name" VARCHAR, "location_country" VARCHAR, "lat" DOUBLE, "lon" DOUBLE, '
    '"location_feature" VARCHAR, "location_geonameid" BIGINT, "sentence" VARCHAR, "span_start" INTEGER, '
    '"span_end" INTEGER, "trigger" VARCHAR, "rule" VARCHAR, "evidence" JSON)',
    'CREATE TABLE mentions ("article_id" VARCHAR NOT NULL, "text" VARCHAR, "code" VARCHAR NOT NULL, '
    '"name" VARCHAR, "rule" VARCHAR, "span_start" INTEGER, "span_end" INTEGER)',
)


def test_version_1_store_is_migrated_and_read(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    for ddl in V1_DDL:
        con.execute(ddl)
    con.execute("INSERT INTO heron_schema VALUES (1, now()::TIMESTAMP, '0.old')")
    con.execute("INSERT INTO articles (id, url, published, text, n_events, digest, coded_at) "
                "VALUES ('a1', 'https://news.example/a1', DATE '2024-03-06', ?, 1, 'd', now()::TIMESTAMP)",
                [TEXT_A1])
    con.execute("INSERT INTO events (id, article_id, sentence_index, source_code, target_code, code, "
                "negated, location_name, location_country, lat, lon, location_feature, location_geonameid, "
                "span_start, span_end, evidence) VALUES ('e1', 'a1', 0, 'RUSGOV', 'TURGOV', '040', false, "
                "'Ankara', 'TUR', 39.92, 32.85, 'capital', 323786, 33, 36, '[]')")
    con.close()
    # Not migrated behind a read-only opener's back.
    with pytest.raises(StoreError, match="needs migrating"):
        Store(path, read_only=True)
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        (old,) = store.events()
        assert old["location"] == {"name": "Ankara", "country": "TUR", "lat": 39.92, "lon": 32.85,
                                   "feature": "capital", "geonameid": 323786, "rule": "",
                                   "confidence": None}
        assert store.table("events").schema.names == EVENT_SCHEMA.names
        # The migrated store takes new events with every field, and gives them back exactly.
        store.write(article_a1(), events_a1())
        assert store.events() == [e.to_record() | about(article_a1()) for e in events_a1()]
    with Store(path, read_only=True) as store:
        assert store.events(code="040")[0]["location"]["rule"] == "clause"
        assert store.events(code="040")[0]["location"]["confidence"] == 0.9
        out = tmp_path / "events.parquet"
        assert store.export_parquet(out) == 2
        assert pq.read_table(out).to_pylist()[0]["location"]["rule"] == "clause"


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    with Store(path) as store:
        store._con.execute("INSERT INTO heron_schema VALUES (?, now()::TIMESTAMP, 'x')", [SCHEMA_VERSION + 1])
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_delete_articles(db: Store) -> None:
    filled(db)
    assert db.delete(["a1", "zz"]) == 1
    assert db.counts() == {"articles": 2, "events": 3, "real_events": 2, "mentions": 0}


def test_export_parquet_reads_back(db: Store, tmp_path: Path) -> None:
    filled(db)
    out = tmp_path / "events.parquet"
    assert db.export_parquet(out, actor="RUS") == 2
    table = pq.read_table(out)
    rows = table.to_pylist()
    assert [r["code"] for r in rows] == ["040", "1312"]
    assert rows[0]["date"] == date(2024, 3, 5) and rows[1]["date"] is None
    assert rows[0]["location"]["geonameid"] == 323786 and rows[1]["location"] is None
    # Built in DuckDB, yet the same file as the record path through heron.export.
    via_records = tmp_path / "via_records.parquet"
    assert export.write_parquet(db.iter_events(), via_records) == 5
    assert db.export_events("parquet", out) == 5
    assert pq.read_table(out).equals(pq.read_table(via_records))
    assert table.schema.equals(export.EVENT_SCHEMA)


def test_export_gdelt_carries_url_and_date_added(db: Store, tmp_path: Path) -> None:
    filled(db)
    out = tmp_path / "events.tsv"
    # a1's second event is negated: a GDELT file leaves it out
    assert db.export_events("gdelt", out, article_id="a1") == 1
    header, first = out.read_text(encoding="utf-8").splitlines()
    row = dict(zip(header.split("\t"), first.split("\t"), strict=True))
    assert row["SOURCEURL"] == "https://news.example/a1"
    assert len(row["DATEADDED"]) == 14 and row["DATEADDED"].isdigit()


def test_schema_module_matches_the_tables(db: Store) -> None:
    # The DDL, the Arrow schemas and the row builder come from one declaration.
    for table, schema in (("articles", ARTICLE_SCHEMA), ("events", EVENT_SCHEMA),
                          ("mentions", MENTION_SCHEMA)):
        assert db.table(table).schema.names == schema.names
    row = event_to_row(events_a1()[0])
    assert list(row) == EVENT_SCHEMA.names
    assert all(step < SCHEMA_VERSION for step in MIGRATIONS)
