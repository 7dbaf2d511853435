"""SIGKILL `heron batch` at random moments; after a rerun its shards must load to a clean ingest.

For each trial: start `heron batch INPUTS --out DIR --engine local --workers W`
in its own process group, kill the whole group (driver and workers) with
SIGKILL after a random delay within a clean batch's running time, check that
every shard left in DIR reads whole (a shard is renamed into place only when
complete), rerun the same batch to completion, load DIR with `heron ingest
DIR` into a new store and compare every table row for row with a direct
`heron ingest` of the same inputs (``coded_at`` aside).  Prints one line per
trial and a summary.

    python bench/kill_batch.py [--trials 20] [--workers 2] [--shard-size 4] [--seed 1] [INPUTS...]

Default inputs: the repo's own gold articles (tests/gold/articles.jsonl).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kill_ingest import HERON, ROOT, ingest, snapshot  # noqa: E402  (a sibling script)


def batch(inputs: list[str], out: Path, workers: int, shard_size: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen([*HERON, "batch", *inputs, "--out", str(out), "--engine", "local", "--workers",
                             str(workers), "--shard-size", str(shard_size), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                            start_new_session=True)


def shards_whole(out: Path) -> tuple[int, str]:
    """How many complete shards a killed run left, and whether each reads whole."""
    import pyarrow.parquet as pq

    folders = sorted(p for p in out.glob("shard-*") if p.is_dir()) if out.exists() else []
    for folder in folders:
        for table in ("articles", "events", "mentions"):
            try:
                pq.read_table(folder / f"{table}.parquet")
            except Exception as exc:  # the guarantee under test: this must never happen
                return len(folders), f"HALF SHARD {folder.name}/{table}: {type(exc).__name__}"
    return len(folders), "every shard whole"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "tests/gold/articles.jsonl")])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shard-size", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        direct = Path(tmp) / "direct.duckdb"
        proc = ingest(args.inputs, direct, 200)
        _, err = proc.communicate()
        if proc.returncode not in (0, 1):
            sys.exit(f"direct ingest failed (rc {proc.returncode}): {err.decode()[-500:]}")
        reference = snapshot(direct)
        start = time.perf_counter()
        clean = batch(args.inputs, Path(tmp) / "clean-out", args.workers, args.shard_size)
        _, err = clean.communicate()
        duration = time.perf_counter() - start
        if clean.returncode not in (0, 1):
            sys.exit(f"clean batch failed (rc {clean.returncode}): {err.decode()[-500:]}")
        counts = {t: len(rows) for t, rows in reference.items()}
        print(f"direct ingest {counts}; clean batch {duration:.1f} s")
        killed = whole = equal = 0
        for trial in range(1, args.trials + 1):
            out = Path(tmp) / f"out{trial}"
            delay = rng.uniform(0.0, duration)
            proc = batch(args.inputs, out, args.workers, args.shard_size)
            time.sleep(delay)
            was_running = proc.poll() is None
            if was_running:
                os.killpg(proc.pid, signal.SIGKILL)  # the driver and its workers at once
                killed += 1
            proc.wait()
            left, state = shards_whole(out)
            whole += not state.startswith("HALF")
            rerun = batch(args.inputs, out, args.workers, args.shard_size)
            rerun.communicate()
            db = Path(tmp) / f"trial{trial}.duckdb"
            loaded = ingest([str(out)], db, 200)
            loaded.communicate()
            same = rerun.returncode in (0, 1) and loaded.returncode == 0 and snapshot(db) == reference
            equal += same
            how = "killed" if was_running else f"had finished, rc {proc.returncode}"
            print(f"trial {trial:2d}: kill at {delay:5.1f} s ({how}); {left} shards left, {state}; "
                  f"rerun rc {rerun.returncode}, loaded store {'equal to' if same else 'DIFFERS FROM'} "
                  "a direct ingest")
        print(f"summary: {args.trials} trials, {killed} killed mid-run, shards whole after {whole}, "
              f"equal to a direct ingest after the rerun in {equal}")
        if whole != args.trials or equal != args.trials:
            sys.exit(1)


if __name__ == "__main__":
    main()
