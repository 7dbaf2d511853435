"""Resumable ingest: SIGKILL a real `heron ingest` at several moments; the rerun ends with the
rows of one uninterrupted run.  Also --recode-older, and progress that never touches stdout.

Runs the real CLI in subprocesses (each loads spaCy), so it is one of the slower files.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from heron.store import Store

pytestmark = pytest.mark.slow

COUNTRIES = [("Norway", "Norwegian", "Oslo"), ("Kenya", "Kenyan", "Nairobi"),
             ("Chile", "Chilean", "Santiago"), ("Japan", "Japanese", "Tokyo"), ("Ghana", "Ghanaian", "Accra"),
             ("Peru", "Peruvian", "Lima")]
TEMPLATES = [
    "The {a_adj} foreign minister met {b_adj} officials in {b_city} on Monday to discuss fishing rights.",
    "{a} condemned {b} on Tuesday for closing its embassy.",
    "{a_adj} troops attacked rebel camps near the border with {b} on Wednesday, the army said.",
    "{a} did not threaten sanctions against {b}, a spokesman said on Thursday.",
    "The president of {a} urged {b} to release the detained sailors.",
]
N_ARTICLES = 30
BATCH = "3"


def corpus(path: Path) -> Path:
    pairs = itertools.cycle(itertools.permutations(COUNTRIES, 2))
    with path.open("w", encoding="utf-8") as out:
        for i in range(N_ARTICLES):
            (a, a_adj, _), (b, b_adj, b_city) = next(pairs)
            first, second = TEMPLATES[i % len(TEMPLATES)], TEMPLATES[(i + 2) % len(TEMPLATES)]
            words = {"a": a, "a_adj": a_adj, "b": b, "b_adj": b_adj, "b_city": b_city}
            text = first.format(**words) + " " + second.format(**words)
            out.write(json.dumps({"id": f"wire-{i:02d}", "text": text, "date": f"2024-03-{1 + i % 28:02d}",
                                  "title": f"{a} and {b}", "url": f"https://news.example/{i}"}) + "\n")
    return path


def heron_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "heron.cli", *args]


def rows(db: Path) -> dict[str, list[dict]]:
    """Every stored row, in a fixed order, without the time of writing."""
    with Store(db, read_only=True) as store:
        out = {}
        for name in ("articles", "events", "mentions"):
            table = [{k: v for k, v in r.items() if k != "coded_at"} for r in store.table(name).to_pylist()]
            out[name] = sorted(table, key=lambda r: json.dumps(r, sort_keys=True, default=str))
        return out


def run_until(args: list[str], done_at: int | None, delay_s: float = 0.0) -> int | None:
    """Start ``heron ingest`` and SIGKILL it once its progress shows ``done_at`` articles
    (None: at ``delay_s`` after start, whatever it is doing).  Returns the exit status."""
    proc = subprocess.Popen(heron_cmd(*args, "--progress"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stderr is not None
    try:
        if done_at is None:
            time.sleep(delay_s)
        else:
            for line in proc.stderr:
                # "ingest: 7/30 articles, ..."
                if line.startswith("ingest: ") and int(line.split()[1].split("/")[0]) >= done_at:
                    break
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=120)
        stdout = proc.stdout.read() if proc.stdout else ""
    assert stdout == ""  # progress and summaries go to stderr only
    return proc.returncode


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus(tmp_path_factory.mktemp("resume") / "wire.jsonl")


@pytest.fixture(scope="module")
def reference(inputs: Path) -> Path:
    db = inputs.parent / "reference.duckdb"
    done = subprocess.run(heron_cmd("ingest", str(inputs), "--db", str(db), "--batch-size", BATCH, "-q"),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == N_ARTICLES and store.counts()["events"] > N_ARTICLES
    return db


def test_killed_ingest_resumes_to_the_same_rows(inputs: Path, reference: Path) -> None:
    db = inputs.parent / "killed.duckdb"
    args = ["ingest", str(inputs), "--db", str(db), "--batch-size", BATCH]
    # Killed while starting (nothing stored yet), after its first article (mid-batch), and
    # twice further on, after batches were committed; each time the next run resumes.
    assert run_until(args, None, delay_s=1.0) == -signal.SIGKILL
    statuses = [run_until(args, done_at) for done_at in (1, 10, 22)]
    assert set(statuses) <= {-signal.SIGKILL, 0}
    assert statuses.count(-signal.SIGKILL) >= 2, statuses  # killed mid-run, not after it finished
    final = subprocess.run(heron_cmd(*args), capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    assert rows(db) == rows(reference)
    # Run again: everything is skipped before parsing, and nothing changes.
    again = subprocess.run(heron_cmd(*args, "-q"), capture_output=True, text=True, timeout=600)
    assert f"{N_ARTICLES} unchanged);" in again.stderr, again.stderr
    assert again.stderr.strip().endswith(f"; {N_ARTICLES} unchanged skipped unparsed")
    assert rows(db) == rows(reference)


def test_recode_older_recodes_only_what_an_older_coder_wrote(inputs: Path, reference: Path,
                                                           tmp_path: Path) -> None:
    db = tmp_path / "older.duckdb"
    db.write_bytes(reference.read_bytes())
    con = duckdb.connect(str(db))
    older = ["wire-03", "wire-04", "wire-17"]
    for table, key in (("articles", "id"), ("events", "article_id")):
        con.execute(f"UPDATE {table} SET coder_version = 'heron 0.0.1+old' WHERE {key} IN (?, ?, ?)", older)
    # An older coder's rows also had another digest (the digest covers the coder version).
    con.execute("UPDATE articles SET coded_at = TIMESTAMP '2000-01-01', digest = 'older' "
                "WHERE id IN (?, ?, ?)", older)
    con.close()
    done = subprocess.run(heron_cmd("ingest", "--recode-older", "--db", str(db), "--progress"),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "3 replaced" in done.stderr and "re-coding: 3/3 articles" in done.stderr
    assert rows(db) == rows(reference)
    with Store(db, read_only=True) as store:
        recoded = store.fetch("SELECT id FROM articles WHERE coded_at > TIMESTAMP '2000-01-02' "
                              "AND id IN (?, ?, ?)", older)
        assert len(recoded) == 3
        # ...and only those: the others keep the time they were first coded at.
        others = "SELECT id, coded_at FROM articles WHERE id NOT IN (?, ?, ?) ORDER BY id"
        kept = store.fetch(others, older)
    with Store(reference, read_only=True) as store:
        assert kept == store.fetch(others, older)
    nothing = subprocess.run(heron_cmd("ingest", "--recode-older", "--db", str(db)), capture_output=True,
                             text=True, timeout=600)
    assert nothing.returncode == 0 and "0 article(s)" in nothing.stderr
    both = subprocess.run(heron_cmd("ingest", str(inputs), "--recode-older", "--db", str(db)),
                          capture_output=True, text=True, timeout=600)
    assert both.returncode == 2 and both.stderr.count("\n") == 1


def test_code_progress_goes_to_stderr(inputs: Path) -> None:
    env = dict(os.environ)
    done = subprocess.run(heron_cmd("code", str(inputs), "--format", "jsonl", "--progress"),
                          capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert records and all(r["url"].startswith("https://news.example/") for r in records)
    assert all(r["title"] and r["published"].startswith("2024-03-") for r in records)
    assert f"coding: {N_ARTICLES}/{N_ARTICLES} articles" in done.stderr
    one = inputs.parent / "one.jsonl"
    one.write_text(inputs.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    quiet = subprocess.run(heron_cmd("code", str(one), "--format", "jsonl"), capture_output=True,
                           text=True, timeout=600)
    # Off a terminal: no progress unless asked, and the same records.
    assert quiet.stderr == ""
    assert quiet.stdout.splitlines() == [line for line in done.stdout.splitlines()
                                         if json.loads(line)["article_id"] == "wire-00"]
