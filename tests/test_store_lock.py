"""Readers and a running ingest: the writer holds the file only per batch; a reader waits, then reads,
or says "store is busy, try again" in one line when the wait runs out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from heron.store import Store, StoreError

SENTENCES = [
    "Finnish President Sauli Niinisto met Kenyan President William Ruto in Helsinki on {day}.",
    "Kenyan police arrested dozens of protesters in Nairobi on {day}, officials said.",
    "Chile's foreign minister criticized Peru over the fishing dispute on {day}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def heron(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "heron.cli", *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ, **(env or {})})


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for i, day in enumerate(DAYS * 2):
        text = " ".join(s.format(day=day) for s in SENTENCES)
        (folder / f"story{i:02d}.txt").write_text(f"{text} Report {i}.\n", encoding="utf-8")
    return folder


@pytest.mark.slow
def test_readers_get_in_while_an_ingest_runs(tmp_path: Path, inbox: Path) -> None:
    db = tmp_path / "live.duckdb"
    writer = subprocess.Popen([sys.executable, "-m", "heron.cli", "ingest", str(inbox), "--db", str(db), "-q",
                               "--batch-size", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
    reads_during = 0
    seen: list[int] = []
    try:
        while writer.poll() is None:
            if not db.exists():
                time.sleep(0.05)
                continue
            try:
                with Store(db, read_only=True, wait=30) as store:
                    n = store.counts()["articles"]
            except StoreError as exc:  # only ever "busy", and only if a batch took over 30 s
                assert "store is busy" in str(exc)
                continue
            if writer.poll() is None:
                reads_during += 1
                seen.append(n)
            time.sleep(0.2)
        _, err = writer.communicate()
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == 0, err
    assert reads_during >= 2, "no reader got in while the ingest ran"
    assert seen == sorted(seen)  # each read sees whole committed batches, growing
    proc = heron("events", "--db", str(db), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert {json.loads(x)["article_id"] for x in proc.stdout.splitlines()} >= {"story00", "story11"}


@pytest.mark.slow
def test_a_reader_says_busy_in_one_line_when_the_wait_runs_out(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    Store(db).close()
    hold = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time\n"
                             "con = duckdb.connect(sys.argv[1])\nprint('held', flush=True)\ntime.sleep(60)",
                             str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert hold.stdout is not None and hold.stdout.readline().strip() == "held"
        started = time.monotonic()
        proc = heron("events", "--db", str(db), env={"HERON_STORE_WAIT": "1.5"})
        waited = time.monotonic() - started
    finally:
        hold.kill()
        hold.wait()
    assert proc.returncode == 2
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith(f"heron: {db}: store is busy") and "try again" in line, line
    assert "Traceback" not in proc.stderr and "PID" not in line
    assert waited >= 1.5
    # Once the holder is gone the same reader reads.
    proc = heron("events", "--db", str(db), "--format", "jsonl", env={"HERON_STORE_WAIT": "5"})
    assert proc.returncode == 0, proc.stderr


def test_a_writer_releases_the_file_between_batches(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    store = Store(db)
    try:
        assert store._conn is None  # opened to check the schema, then let go
        store.counts()
        store.release()
        # Another connection (as another process would get) opens the file now.
        import duckdb

        duckdb.connect(str(db), read_only=False).close()
    finally:
        store.close()


def test_the_resume_check_before_coding_lets_the_file_go(tmp_path: Path) -> None:
    from heron.model import Article

    db = tmp_path / "s.duckdb"
    store = Store(db)
    try:
        # An ingest asks which articles it may skip, then parses the rest for a while:
        # the file must be free meanwhile, or readers wait out a whole batch's parsing.
        assert store.coded_by([Article(id="a", text="Chile praised Peru.")], "some-coder") == set()
        assert store._conn is None
        store.coded_by_other("some-coder")
        assert store._conn is None
    finally:
        store.close()


class _FullDisk:
    """A DuckDB connection whose commit fails as a full disk makes it fail."""

    def __init__(self, con) -> None:  # type: ignore[no-untyped-def]
        self._con = con

    def commit(self) -> None:
        import duckdb

        self._con.rollback()  # DuckDB has no transaction left after a failed commit
        raise duckdb.IOException('Could not write file "s.duckdb.wal": No space left on device')

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._con, name)


def test_a_full_disk_is_named_not_hidden_by_the_rollback(tmp_path: Path, monkeypatch) -> None:
    import heron.store as store_module
    from heron.model import Article

    real_connect = store_module._connect
    db = tmp_path / "s.duckdb"
    Store(db).close()
    monkeypatch.setattr(store_module, "_connect", lambda *a: _FullDisk(real_connect(*a)))
    store = Store(db)
    try:
        with pytest.raises(StoreError) as caught:
            store.write(Article(id="a", text="Some text."), [])
    finally:
        store.close()
    message = str(caught.value)
    assert "No space left on device" in message and "cannot rollback" not in message
    assert "\n" not in message
    monkeypatch.setattr(store_module, "_connect", real_connect)
    with Store(db, read_only=True) as reopened:  # nothing half-written
        assert reopened.counts()["articles"] == 0
