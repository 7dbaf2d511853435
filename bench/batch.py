"""Scale-out figures for `heron batch`: throughput, memory, ingest, store size, projections.

    python bench/batch.py [--articles 1000] [--large 5000] [--engines local,ray] [--workers 1,2]

In one run: the generated corpus (bench/corpus.py, our own templates) coded
with 1 and 2 workers on each engine; peak RSS per worker on ``--articles``
against ``--large`` articles (local engine, the largest worker count); the
shards loaded into DuckDB (`heron ingest DIR`), with the store's size per
million events; and the projected time for a 100k-article day.

Every configuration runs in its own process.  Wall time is shared with
whatever else the machine runs, so each run also prints its CPU time and
how busy the whole machine was meanwhile (load average, and busy cores from
/proc/stat against what heron itself used).  ``--articles 100 --large 200``
makes a quick run while developing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import write_corpus  # noqa: E402 - the sibling script


def cpu_jiffies() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run_one(engine: str, workers: int, corpus: Path, out: Path, shard_size: int) -> dict:
    """One batch in this process; prints its figures as JSON."""
    from heron.batch.runner import BatchConfig, run_batch

    config = BatchConfig((str(corpus),), out, engine=engine, workers=workers, shard_size=shard_size)
    report = run_batch(config)
    words = sum(len(json.loads(row)["text"].split()) for path in sorted(corpus.glob("*.jsonl"))
                for row in path.read_text(encoding="utf-8").splitlines() if row.strip())
    return {"engine": engine, "workers": report.workers, "articles": report.coded_articles,
            "events": report.events, "failures": len(report.failures), "wall_s": report.wall_s,
            "words": words,
            "worker_cpu_s": report.worker_cpu_s, "driver_cpu_s": report.driver_cpu_s,
            "driver_peak_rss_mb": report.driver_peak_rss_mb,
            "worker_peak_rss_mb": sorted(report.worker_peak_rss_mb.values()),
            # the longest a worker spent coding: the run without its start-up (loading spaCy etc.)
            "coding_s": max(report.worker_busy_s.values(), default=0.0)}


def measured(engine: str, workers: int, corpus: Path, work: Path, shard_size: int) -> dict:
    out = work / f"out-{engine}-{workers}-{corpus.name}"
    before_busy, before_total = cpu_jiffies()
    load_before = loadavg()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--one", engine, str(workers), str(corpus), str(out),
                           str(shard_size)], capture_output=True, text=True, timeout=3600)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{engine} x{workers} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    busy, total = cpu_jiffies()
    cores = os.cpu_count() or 1
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Everything the run's processes used, start-up included (Ray's own daemons too, when they
    # are reaped before the run ends).
    tree_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    result.update(process_wall_s=wall, load_before=load_before, load_after=loadavg(), tree_cpu_s=tree_cpu,
                  machine_busy_cores=(busy - before_busy) / max(1, total - before_total) * cores,
                  out=str(out))
    return result


def line(r: dict) -> str:
    rate = r["articles"] / r["wall_s"]
    steady = r["articles"] / r["coding_s"] if r["coding_s"] else 0.0
    cpu_rate = r["articles"] / r["worker_cpu_s"] if r["worker_cpu_s"] else 0.0
    # Ray's worker processes are not our children: count at least what they reported coding.
    ours = max(r["tree_cpu_s"], r["worker_cpu_s"] + r["driver_cpu_s"]) / r["process_wall_s"]
    rss = ", ".join(f"{m:.0f}" for m in r["worker_peak_rss_mb"])
    return (f"{r['engine']:5} x{r['workers']}  {r['articles']:6d} art  {r['wall_s']:7.1f} s wall  "
            f"{rate:6.1f} art/s ({steady:.1f} without start-up)  {cpu_rate:5.1f} art/CPU-s/worker  "
            f"{r['words'] / r['coding_s'] if r['coding_s'] else 0:.0f} words/s  events {r['events']}  "
            f"CPU {max(r['tree_cpu_s'], r['worker_cpu_s'] + r['driver_cpu_s']):.0f} s  "
            f"worker RSS MB [{rss}]  machine busy {r['machine_busy_cores']:.2f} cores (heron {ours:.2f})  "
            f"load {r['load_before']} -> {r['load_after']}")


def free_core_time(r: dict) -> float:
    """How long a run takes when each worker has a core: the driver's CPU, then each worker's
    start-up CPU and its share of the coding CPU one after the other."""
    start_up = (r["tree_cpu_s"] - r["worker_cpu_s"] - r["driver_cpu_s"]) / r["workers"]
    return r["driver_cpu_s"] + start_up + r["worker_cpu_s"] / r["workers"]


def ingest_figures(shards: Path, work: Path) -> dict:
    from heron.batch.load import ingest_outputs
    from heron.store import Store

    db = work / "bench.duckdb"
    start, cpu = time.perf_counter(), time.process_time()
    with Store(db) as store:
        report = ingest_outputs([shards], store)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    parquet = sum(p.stat().st_size for p in shards.rglob("*.parquet"))
    return {"articles": report.articles, "events": report.events, "wall_s": wall, "cpu_s": cpu,
            "db_bytes": db.stat().st_size, "parquet_bytes": parquet}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        engine, workers, corpus, out, shard_size = sys.argv[2:7]
        print(json.dumps(run_one(engine, int(workers), Path(corpus), Path(out), int(shard_size))))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000, help="corpus for throughput (default 1000)")
    ap.add_argument("--large", type=int, default=5000, help="larger corpus for the memory check; 0 skips")
    ap.add_argument("--engines", default="local,ray")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--shard-size", type=int, default=100)
    ap.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    args = ap.parse_args()
    engines = [e for e in args.engines.split(",") if e]
    counts = [int(w) for w in args.workers.split(",") if w]

    with tempfile.TemporaryDirectory(prefix="heron-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(f"machine: {os.cpu_count()} CPUs; uptime load {loadavg()} at start")
        small = work / f"corpus-{args.articles}"
        write_corpus(small, args.articles)
        results = {}
        for engine in engines:
            for w in counts:
                r = results[(engine, w)] = measured(engine, w, small, work, args.shard_size)
                print(line(r), flush=True)
        print()
        for engine in engines:
            one, two = results.get((engine, counts[0])), results.get((engine, counts[-1]))
            if one and two and one is not two:
                wall = (two["articles"] / two["wall_s"]) / (one["articles"] / one["wall_s"])
                steady = (two["articles"] / two["coding_s"]) / (one["articles"] / one["coding_s"])
                cpu = (two["articles"] / two["worker_cpu_s"]) / (one["articles"] / one["worker_cpu_s"])
                print(f"{engine}: {counts[-1]} workers vs {counts[0]}: {wall:.2f}x articles/s end to end, "
                      f"{steady:.2f}x without start-up; CPU per article {1 / cpu:.2f}x the "
                      f"{counts[0]}-worker run's")
                if engine == "local":  # its processes are our children: their start-up CPU is known
                    print(f"  with a free core per worker (from CPU time, not a wall measurement): "
                          f"{free_core_time(one):.0f} s vs {free_core_time(two):.0f} s, "
                          f"{free_core_time(one) / free_core_time(two):.2f}x")

        if args.large:
            big = work / f"corpus-{args.large}"
            write_corpus(big, args.large)
            w = counts[-1]
            r_big = measured("local", w, big, work, args.shard_size)
            print(line(r_big), flush=True)
            r_small = results.get(("local", w)) or measured("local", w, small, work, args.shard_size)
            small_rss, big_rss = max(r_small["worker_peak_rss_mb"]), max(r_big["worker_peak_rss_mb"])
            print(f"peak RSS per worker: {small_rss:.0f} MB at {args.articles} articles, {big_rss:.0f} MB "
                  f"at {args.large} ({(big_rss / small_rss - 1) * 100:+.1f}%); driver "
                  f"{r_small['driver_peak_rss_mb']:.0f} -> {r_big['driver_peak_rss_mb']:.0f} MB")
            shards = Path(r_big["out"])
        else:
            shards = Path(results[(engines[0], counts[-1])]["out"])

        ing = ingest_figures(shards, work)
        print(f"\ningest into DuckDB: {ing['articles']} articles, {ing['events']} events in "
              f"{ing['wall_s']:.1f} s ({ing['events'] / ing['wall_s']:.0f} events/s, "
              f"{ing['articles'] / ing['wall_s']:.0f} articles/s, CPU {ing['cpu_s']:.1f} s)")
        per_m = 1e6 / max(1, ing["events"])
        print(f"store size per million events: DuckDB {ing['db_bytes'] * per_m / 2**30:.2f} GiB, "
              f"Parquet shards {ing['parquet_bytes'] * per_m / 2**30:.2f} GiB "
              "(articles' text and mentions included)")

        day = 100_000
        ingest_day = day * ing["wall_s"] / max(1, ing["articles"])
        top = max(counts)
        here = [r for (e, w), r in results.items() if w == top]
        best = max(here, key=lambda r: r["articles"] / r["coding_s"])
        steady = best["articles"] / best["coding_s"]
        start_up = best["wall_s"] - best["coding_s"]
        words = best["words"] / best["articles"]
        print(f"\nprojected 100k-article day (articles of this corpus, ~{words:.0f} words):"
              f"\n  this machine as measured ({best['engine']} x{top}, {steady:.1f} art/s without start-up, "
              f"shared with the load above): {(day / steady + start_up) / 3600:.2f} h + ingest "
              f"{ingest_day / 60:.1f} min")
        cpu_rate = min(r["articles"] / r["worker_cpu_s"] for r in results.values() if r["worker_cpu_s"])
        driver_rate = min(r["articles"] / r["driver_cpu_s"] for r in results.values() if r["driver_cpu_s"])
        for n in (2, 8, 32, 128):
            print(f"  on {n} workers with a free core each ({cpu_rate:.1f} art/CPU-s, the slowest run's): "
                  f"{(day / (n * cpu_rate) + start_up) / 60:.1f} min")
        print(f"  one driver reads {driver_rate:.0f} art/CPU-s (the slowest run's), enough to feed about "
              f"{driver_rate / cpu_rate:.0f} workers")
        print(f"uptime load {loadavg()} at end")


if __name__ == "__main__":
    main()
