"""A bounded load test of the explorer on loopback: N requests at C concurrent, zero errors expected.

    .venv/bin/python bench/web_load.py [--requests 2000] [--concurrency 20] [--max-seconds 300]

Starts a real `heron serve` on 127.0.0.1 over the generated 100k-event store
(bench/web_common.py) and sends a fixed mix of page and API requests from
--concurrency threads, each on its own keep-alive connection, until
--requests have been answered or --max-seconds have passed.  Only 127.0.0.1
is ever contacted.  Prints requests served, errors, throughput and p50/p99
per route, and exits 1 if any request failed.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from web_common import generate_store, percentile, start_server

# (route name, path): each is asked in turn, so every route gets its share.
MIX = [
    ("page /", "/"), ("page /events", "/events"), ("page /map", "/map"),
    ("static app.css", "/static/app.css"),
    ("static common.js", "/static/js/common.js"),
    ("api stats", "/api/stats"),
    ("api articles", "/api/articles?limit=25"),
    ("api article", "/api/articles/gen/000042"),
    ("api events", "/api/events?limit=50"),
    ("api events filtered", "/api/events?actor=USA&quad=4&since=2016-01-01&limit=50"),
    ("api events dyad", "/api/events?dyad=RUS,UKR&limit=50"),
    ("api event 404", "/api/events/ffffffff"),
    ("api network", "/api/network"),
    ("api timeline", "/api/timeline?actor=CHN&interval=month"),
    ("api places", "/api/places?quad=3&quad=4"),
]
EXPECTED = {"api event 404": 404}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--max-seconds", type=float, default=300.0)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "heron-bench-web.duckdb")
    args = parser.parse_args()
    if not (1 <= args.requests <= 20_000 and 1 <= args.concurrency <= 64 and args.max_seconds <= 600):
        raise SystemExit("bounded on purpose: --requests 1..20000, --concurrency 1..64, --max-seconds <= 600")
    db = generate_store(args.db, args.events)
    proc, base = start_server(db)
    port = int(base.rsplit(":", 1)[1])
    jobs = itertools.cycle(MIX)
    lock = threading.Lock()
    issued = 0
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    deadline = time.monotonic() + args.max_seconds

    def take() -> tuple[str, str] | None:
        nonlocal issued
        with lock:
            if issued >= args.requests or time.monotonic() > deadline:
                return None
            issued += 1
            return next(jobs)

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while (job := take()) is not None:
            name, path = job
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                with lock:
                    errors.append(f"{name}: {type(exc).__name__}: {exc}")
                continue
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                times[name].append(elapsed)
                if status != EXPECTED.get(name, 200):
                    errors.append(f"{name}: HTTP {status}")
        conn.close()

    try:
        # Wait until the model the server loads at start is in, so it does not compete with the load.
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=180)
        warm.request("POST", "/api/code", body=b'{"text": "Chile met Peru."}',
                     headers={"Content-Type": "application/json"})
        warm.getresponse().read()
        warm.close()
        started = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    served = sum(len(v) for v in times.values())
    every = [t for v in times.values() for t in v]
    print(f"{served} requests served in {wall:.1f} s at {args.concurrency} concurrent "
          f"({served / wall:.0f}/s), {len(errors)} errors, over {args.events} events")
    print(f"{'route':24} {'n':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for name, _ in MIX:
        values = times.get(name, [])
        print(f"{name:24} {len(values):5d} {percentile(values, 50):8.1f} {percentile(values, 99):8.1f} "
              f"{max(values, default=float('nan')):8.1f}")
    print(f"{'all':24} {len(every):5d} {percentile(every, 50):8.1f} {percentile(every, 99):8.1f} "
          f"{max(every, default=float('nan')):8.1f}")
    for line in errors[:10]:
        print("error:", line)
    raise SystemExit(1 if errors or served < args.requests else 0)


if __name__ == "__main__":
    main()
