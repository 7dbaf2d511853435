"""How fast the explorer answers over a big store: every page and API call, timed one at a time.

    .venv/bin/python bench/web_latency.py [--events 100000] [--repeat 15]

Generates (or reuses) a store of --events events (bench/web_common.py), starts
a real `heron serve` on 127.0.0.1 and asks each page and API route --repeat
times in turn, with the filters a researcher would use.  Prints p50/p99 per
call in milliseconds and whether every call stayed under the 1 s target.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import urllib.request
from pathlib import Path

from web_common import generate_store, percentile, start_server

TARGET_MS = 1000.0
PASTE = ("The foreign minister of Chile met the president of Peru in Lima on Monday. "
         "Protesters in Santiago denounced the Chilean government.")

CALLS = [
    ("page /", "/"), ("page /events", "/events"), ("page /articles/{id}", "/articles/gen/000123"),
    ("page /network", "/network"), ("page /map", "/map"), ("static app.css", "/static/app.css"),
    ("static world map", "/static/vendor/world-atlas/countries-110m.json"),
    ("api stats", "/api/stats"),
    ("api articles", "/api/articles?limit=25"), ("api articles q", "/api/articles?q=article%201234&limit=25"),
    ("api article", "/api/articles/gen/000123"),
    ("api events", "/api/events?limit=50"),
    ("api events actor+quad", "/api/events?actor=RUS&quad=3&quad=4&limit=50"),
    ("api events sort goldstein p100", "/api/events?sort=goldstein&order=asc&limit=50&offset=5000"),
    ("api events text search", "/api/events?q=dispute&code=19&limit=50"),
    ("api events dyad+dates", "/api/events?dyad=USA,CHN&since=2018-01-01&until=2020-12-31&limit=50"),
    ("api events place", "/api/events?place=moscow&limit=50"),
    ("api events.csv actor", "/api/events.csv?actor=IRN&limit=5000"),
    ("api events.jsonl quad", "/api/events.jsonl?quad=4&limit=5000"),
    ("api network country", "/api/network"),
    ("api network actor", "/api/network?level=actor&limit=400"),
    ("api network window", "/api/network?since=2019-01-01&until=2019-12-31&quad=4"),
    ("api timeline month", "/api/timeline?actor=USA&interval=month"),
    ("api timeline day dyad", "/api/timeline?dyad=RUS,UKR&interval=day"),
    ("api places", "/api/places"),
    ("api places filtered", "/api/places?actor=CHN&quad=1"),
]


def fetch(base: str, path: str, body: bytes | None = None) -> tuple[float, int, int]:
    request = urllib.request.Request(base + path, data=body,
                                     headers={"Content-Type": "application/json"} if body else {})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        size = len(response.read())
        status = response.status
    return (time.perf_counter() - started) * 1000, status, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "heron-bench-web.duckdb")
    args = parser.parse_args()
    started = time.perf_counter()
    db = generate_store(args.db, args.events)
    print(f"store {db}: {args.events} events, ready in {time.perf_counter() - started:.1f} s "
          f"({db.stat().st_size / 1e6:.0f} MB)")
    proc, base = start_server(db)
    worst = 0.0
    try:
        paste = json.dumps({"text": PASTE}).encode()
        # The server loads the coding model in the background at start; wait for it (the first
        # paste waits) so its loading does not compete with the calls timed below.
        fetch(base, "/api/code", paste)
        for _ in range(2):  # warm the OS file cache and Python's imports once
            fetch(base, "/api/stats")
        print(f"{'call':34} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'bytes':>9}")
        for name, path in CALLS:
            times = []
            size = 0
            for _ in range(args.repeat):
                ms, status, size = fetch(base, path)
                assert status == 200, (path, status)
                times.append(ms)
            worst = max(worst, percentile(times, 99))
            print(f"{name:34} {percentile(times, 50):8.1f} {percentile(times, 99):8.1f} {max(times):8.1f} "
                  f"{size:9d}")
        times = [fetch(base, "/api/code", paste)[0] for _ in range(5)]
        print(f"{'api code (2 sentences, spaCy)':34} {percentile(times, 50):8.1f} "
              f"{percentile(times, 99):8.1f} {max(times):8.1f}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    verdict = "every call under" if worst < TARGET_MS else "NOT every call under"
    print(f"worst p99 over store calls: {worst:.1f} ms ({verdict} the {TARGET_MS:.0f} ms target)")


if __name__ == "__main__":
    main()
