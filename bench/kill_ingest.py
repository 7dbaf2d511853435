"""SIGKILL `heron ingest` at random moments; after a rerun the store must equal a clean run.

For each trial: start `heron ingest INPUTS --db trial.duckdb --batch-size B`,
kill it with SIGKILL after a random delay (anywhere from model loading to the
last commit), check the file opens (read-only, as `heron events` would), rerun
the same ingest to completion and compare every table row for row with one
uninterrupted run (``coded_at`` aside: it is the time of writing).  Prints
one line per trial and a summary.

    python bench/kill_ingest.py [--trials 20] [--batch-size 2] [--seed 1] [--window S] [INPUTS...]

Default inputs: the repo's own gold articles (tests/gold/articles.jsonl).
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERON = [sys.executable, "-m", "heron.cli"]
TABLES = {"articles": "id", "events": "id", "mentions": "article_id, span_start, code, text"}


def ingest(inputs: list[str], db: Path, batch_size: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen([*HERON, "ingest", *inputs, "--db", str(db), "-q", "--batch-size",
                             str(batch_size)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows (coded_at left out), in a fixed order."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table, order in TABLES.items():
            columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] != "coded_at"]
            cols = ", ".join(f'"{c}"' for c in columns)
            out[table] = con.execute(f"SELECT {cols} FROM {table} ORDER BY {order}").fetchall()
        return out
    finally:
        con.close()


def after_kill(db: Path) -> str:
    """What the killed run left, read as a reader would (DuckDB raises if the file is corrupt)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "heron_schema" not in tables:
            return "opens, empty (killed before the schema's first commit; a rerun creates it)"
        rows = con.execute("SELECT count(*) FROM articles").fetchall()
        return f"opens, {rows[0][0]} articles after the kill"
    finally:
        con.close()


def _wait_for(db: Path, proc: subprocess.Popen[bytes]) -> None:
    while not db.exists() and proc.poll() is None:
        time.sleep(0.02)


def _opened_at(inputs: list[str], db: Path, batch_size: int) -> float:
    """Seconds from start until a run creates its store file (model loading comes first)."""
    start = time.perf_counter()
    proc = ingest(inputs, db, batch_size)
    _wait_for(db, proc)
    opened = time.perf_counter() - start
    proc.communicate()
    return opened


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "tests/gold/articles.jsonl")])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--window", type=float, default=0.0,
                        help="kill within this many seconds of the store file appearing (default: the "
                             "clean run's writing time, which a loaded machine overstates)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        clean = Path(tmp) / "clean.duckdb"
        start = time.perf_counter()
        proc = ingest(args.inputs, clean, args.batch_size)
        _, err = proc.communicate()
        duration = time.perf_counter() - start
        opened_at = _opened_at(args.inputs, Path(tmp) / "probe.duckdb", args.batch_size)
        writing = args.window or max(0.5, duration - opened_at)
        if proc.returncode not in (0, 1):
            sys.exit(f"clean run failed (rc {proc.returncode}): {err.decode()[-500:]}")
        reference = snapshot(clean)
        counts = {t: len(rows) for t, rows in reference.items()}
        print(f"clean run: {duration:.1f} s (store opened after {opened_at:.1f} s), {counts}")
        killed = opened = equal = 0
        for trial in range(1, args.trials + 1):
            db = Path(tmp) / f"trial{trial}.duckdb"
            # Kill while it writes: from the moment the store file appears to the end of a run.
            delay = rng.uniform(0.0, writing)
            proc = ingest(args.inputs, db, args.batch_size)
            _wait_for(db, proc)
            time.sleep(delay)
            was_running = proc.poll() is None
            if was_running:
                proc.send_signal(signal.SIGKILL)
                killed += 1
            proc.wait()
            partial = "no file yet"
            if db.exists():
                try:
                    partial = after_kill(db)
                    opened += 1
                except Exception as exc:  # the guarantee under test: this must never happen
                    partial = f"DOES NOT OPEN: {type(exc).__name__}: {' '.join(str(exc).split())}"
            else:
                opened += 1
            rerun = ingest(args.inputs, db, args.batch_size)
            _, err = rerun.communicate()
            same = rerun.returncode in (0, 1) and snapshot(db) == reference
            equal += same
            state = "killed" if was_running else f"had finished, rc {proc.returncode}"
            print(f"trial {trial:2d}: kill {delay:5.1f} s into writing ({state}); "
                  f"{partial}; rerun rc {rerun.returncode}, {'equal to' if same else 'DIFFERS FROM'} "
                  "the clean run")
        print(f"summary: {args.trials} trials, {killed} killed mid-run, store opened after {opened}, "
              f"equal to a clean run after the rerun in {equal}")
        if opened != args.trials or equal != args.trials:
            sys.exit(1)


if __name__ == "__main__":
    main()
