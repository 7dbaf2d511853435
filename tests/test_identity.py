"""Article identity: ids never collide by accident, collisions are reported, counts come from the store.

The reader and store tests run without spaCy; the command-line tests run
``heron ingest`` as a user does and compare what it prints with the store.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from heron.model import Article, ReadFailure
from heron.read import iter_articles
from heron.read.identity import IdRegistry, path_id
from heron.store import Store

# Sentences written for these tests.
HARBOUR = ("Portuguese Prime Minister Rui Tavares met Moroccan officials in Lisbon on Monday "
           "to discuss fishing rights off the Atlantic coast.")
BRIDGE = ("Bolivian President Ana Quispe visited Peru on Thursday and praised the new border "
          "bridge over the Desaguadero river.")
DAM = "Ethiopian engineers met Sudanese ministers in Khartoum on Friday to discuss the dam on the Blue Nile."


def read(*paths: str | Path, stdin: io.IOBase | None = None) -> list[Article | ReadFailure]:
    return list(iter_articles([str(p) for p in paths], stdin=stdin))  # type: ignore[arg-type]


def ids(results: list[Article | ReadFailure]) -> list[str]:
    return [r.id for r in results if isinstance(r, Article)]


def failures(results: list[Article | ReadFailure]) -> list[ReadFailure]:
    return [r for r in results if isinstance(r, ReadFailure)]


def digest8(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]


# --- ids from the reader -------------------------------------------------------------------

def test_same_named_files_in_two_folders_get_their_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "b" / "story.txt").write_text(BRIDGE, encoding="utf-8")
    results = read(tmp_path)
    assert failures(results) == []
    assert ids(results) == ["a/story", "b/story"]


def test_a_file_argument_keeps_its_bare_name(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(HARBOUR, encoding="utf-8")
    assert ids(read(tmp_path / "story.txt")) == ["story"]
    # A top-level file of a directory argument is named the same way.
    assert ids(read(tmp_path)) == ["story"]


def test_path_id_drops_only_a_known_extension() -> None:
    exts = (".txt", ".warc", ".warc.gz")
    assert path_id(Path("/x/news/2024/may.warc.gz"), Path("/x/news"), exts) == "2024/may"
    assert path_id(Path("/x/news/v1.2.txt"), None, exts) == "v1.2"


def test_two_file_arguments_with_one_name_get_a_digest_and_keep_it(tmp_path: Path) -> None:
    for folder, text in (("x", HARBOUR), ("y", BRIDGE)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text, encoding="utf-8")
    first = read(tmp_path / "x" / "story.txt", tmp_path / "y" / "story.txt")
    assert ids(first) == ["story", f"story-{digest8(BRIDGE)}"]
    # Same inputs, same ids: re-ingesting stays idempotent.
    assert ids(read(tmp_path / "x" / "story.txt", tmp_path / "y" / "story.txt")) == ids(first)


def test_the_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(HARBOUR, encoding="utf-8")
    assert ids(read(tmp_path, tmp_path / "story.txt")) == ["story"]


def test_stdin_ids_are_a_digest_of_the_input() -> None:
    [one] = ids(read("-", stdin=io.StringIO(HARBOUR)))
    [two] = ids(read("-", stdin=io.StringIO(BRIDGE)))
    [again] = ids(read("-", stdin=io.BytesIO(HARBOUR.encode())))
    assert one == f"stdin-{digest8(HARBOUR)}"
    assert two != one
    assert again == one


def test_duplicate_jsonl_id_with_other_text_fails_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    lines = [{"id": "w1", "text": HARBOUR}, {"id": "w2", "text": BRIDGE}, {"id": "w1", "text": DAM},
             {"id": "w2", "text": BRIDGE}]
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    results = read(path)
    assert ids(results) == ["w1", "w2"]  # the identical repeat of w2 is read once, silently
    [failure] = failures(results)
    assert failure.input == f"{path}:3"
    assert failure.message() == (f"heron: {path}:3: duplicate id 'w1': {path}:1 has it with different "
                                 "text; skipped")


def test_jsonl_ids_are_kept_as_given_and_a_url_stands_in_for_a_missing_one(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    lines = [{"id": "Story 7/B", "text": HARBOUR}, {"id": 42, "text": BRIDGE},
             {"url": "https://news.example.org/dam", "text": DAM}]
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    assert ids(read(path)) == ["Story 7/B", "42", "https://news.example.org/dam"]


def test_a_given_id_is_never_renamed_even_against_a_file() -> None:
    registry = IdRegistry()
    assert registry.claim(Article("story", HARBOUR), "story.txt", derived=True) is not None
    clash = registry.claim(Article("story", BRIDGE), "wire.jsonl:1", derived=False)
    assert isinstance(clash, ReadFailure) and "duplicate id 'story'" in clash.reason
    renamed = registry.claim(Article("story", DAM), "other/story.txt", derived=True)
    assert isinstance(renamed, Article) and renamed.id == f"story-{digest8(DAM)}"


# --- the store -----------------------------------------------------------------------------

def test_store_refuses_an_id_another_input_holds_with_other_text(tmp_path: Path) -> None:
    with Store(tmp_path / "h.duckdb") as db:
        db.write(Article("story", HARBOUR, source_path="x/story.txt"), [])
        stats = db.write(Article("story", BRIDGE, source_path="y/story.txt"), [])
        [conflict] = stats.conflicts
        assert conflict.message() == ("heron: y/story.txt: article id 'story' not stored: the store holds "
                                      "it from x/story.txt with different text")
        assert stats.stored_ids == [] and stats.articles == 0
        stored = db.article("story")
        assert stored is not None and stored.text == HARBOUR


def test_store_replaces_an_edited_article_from_the_same_input(tmp_path: Path) -> None:
    with Store(tmp_path / "h.duckdb") as db:
        db.write(Article("story", HARBOUR, source_path="x/story.txt"), [])
        stats = db.write(Article("story", BRIDGE, source_path="x/story.txt"), [])
        assert stats.conflicts == [] and stats.replaced == 1
        stored = db.article("story")
        assert stored is not None and stored.text == BRIDGE


def test_store_keeps_the_first_of_a_batch_when_another_input_clashes(tmp_path: Path) -> None:
    with Store(tmp_path / "h.duckdb") as db:
        stats = db.write_many([(Article("w1", HARBOUR, source_path="a.jsonl"), []),
                               (Article("w1", BRIDGE, source_path="b.jsonl"), [])])
        assert [c.source for c in stats.conflicts] == ["b.jsonl"]
        assert stats.articles == 1
        stored = db.article("w1")
        assert stored is not None and stored.text == HARBOUR


def test_ingest_report_counts_the_store(tmp_path: Path) -> None:
    with Store(tmp_path / "h.duckdb") as db:
        db.write(Article("old", DAM, source_path="old.txt"), [])

        class Result:
            def __init__(self, article: Article) -> None:
                self.article, self.events = article, ()

        report = db.ingest([Result(Article("old", DAM, source_path="old.txt")),
                            Result(Article("new", HARBOUR, source_path="new.txt")),
                            Result(Article("new", BRIDGE, source_path="clash.txt"))])
        assert (report.articles, report.new, report.unchanged, report.replaced) == (2, 1, 1, 0)
        assert (report.total_articles, report.total_events) == (2, 0)
        assert len(report.conflicts) == 1


# --- heron ingest, end to end --------------------------------------------------------------

def heron(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "heron.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=300)


SUMMARY = re.compile(r"heron: stored (\d+) article\(s\), (\d+) event\(s\) in .* \((\d+) new, (\d+) replaced, "
                     r"(\d+) unchanged(?:, \d+ of them skipped unparsed)?\); "
                     r"it holds (\d+) article\(s\), (\d+) event\(s\)")


def summary(proc: subprocess.CompletedProcess[str]) -> tuple[int, ...]:
    match = SUMMARY.search(proc.stderr)
    assert match, proc.stderr
    return tuple(int(x) for x in match.groups())


def store_counts(db: Path) -> tuple[int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()
        events = con.execute("SELECT count(*) FROM events").fetchone()
        assert articles is not None and events is not None
        return int(articles[0]), int(events[0])
    finally:
        con.close()


def stored_ids(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [row[0] for row in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    finally:
        con.close()


@pytest.mark.slow
def test_ingest_stores_both_same_named_files_and_prints_the_store_counts(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    for folder, text in (("a", HARBOUR), ("b", BRIDGE)):
        (inbox / folder).mkdir(parents=True)
        (inbox / folder / "story.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "h.duckdb"
    proc = heron("ingest", str(inbox), "--db", str(db), "-q")
    assert proc.returncode == 0, proc.stderr
    assert stored_ids(db) == ["a/story", "b/story"]
    articles, events, new, replaced, unchanged, total_a, total_e = summary(proc)
    assert (articles, events) == store_counts(db) == (total_a, total_e)
    assert events > 0 and (new, replaced, unchanged) == (2, 0, 0)
    again = heron("ingest", str(inbox), "--db", str(db), "-q")
    assert summary(again) == (articles, events, 0, 0, 2, total_a, total_e)


@pytest.mark.slow
def test_piped_runs_with_other_text_are_both_stored_and_the_same_text_once(tmp_path: Path) -> None:
    db = tmp_path / "h.duckdb"
    first = heron("ingest", "-", "--db", str(db), "-q", stdin=HARBOUR)
    second = heron("ingest", "-", "--db", str(db), "-q", stdin=BRIDGE)
    third = heron("ingest", "-", "--db", str(db), "-q", stdin=HARBOUR)
    for proc in (first, second, third):
        assert proc.returncode == 0, proc.stderr
    assert stored_ids(db) == sorted([f"stdin-{digest8(HARBOUR)}", f"stdin-{digest8(BRIDGE)}"])
    assert summary(second)[2] == 1 and summary(third)[2] == 0  # new articles
    assert summary(third)[5:] == store_counts(db)


@pytest.mark.slow
def test_duplicate_jsonl_ids_report_one_line_and_store_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    lines = [{"id": "w1", "text": HARBOUR}, {"id": "w1", "text": BRIDGE}, {"id": "w2", "text": DAM}]
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    db = tmp_path / "h.duckdb"
    proc = heron("ingest", str(path), "--db", str(db), "-q")
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if "duplicate id" in line]
    assert errors == [f"heron: {path}:2: duplicate id 'w1': {path}:1 has it with different text; skipped"]
    assert stored_ids(db) == ["w1", "w2"]
    articles, events, *_ = summary(proc)
    assert (articles, events) == store_counts(db)
    assert "1 input(s) failed" in proc.stderr


@pytest.mark.slow
def test_a_later_run_cannot_take_a_stored_id_from_another_file(tmp_path: Path) -> None:
    for folder, text in (("x", HARBOUR), ("y", BRIDGE)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "h.duckdb"
    assert heron("ingest", str(tmp_path / "x" / "story.txt"), "--db", str(db), "-q").returncode == 0
    before = store_counts(db)
    proc = heron("ingest", str(tmp_path / "y" / "story.txt"), "--db", str(db), "-q")
    assert proc.returncode == 1
    assert (f"heron: {tmp_path / 'y' / 'story.txt'}: article id 'story' not stored: the store holds it "
            f"from {tmp_path / 'x' / 'story.txt'} with different text") in proc.stderr.splitlines()
    assert summary(proc)[:2] == (0, 0)
    assert store_counts(db) == before
