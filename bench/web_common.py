"""Shared by the explorer benchmarks: a generated store, a real `heron serve`, percentiles.

The store is generated straight into the store schema (Arrow tables, one
INSERT per table), not coded, so 100k events take seconds to make.  The rows
are random but shaped like coded news: a few dozen countries with role
codes, real CAMEO codes with their quad class and Goldstein value, ten years
of dates, places at capitals, sentences with the trigger inside.
"""

from __future__ import annotations

import json
import random
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa

from heron.ontology import load_ontology
from heron.store import Store
from heron.store_schema import ARTICLE_SCHEMA, EVENT_SCHEMA, MENTION_SCHEMA

ROOT = Path(__file__).resolve().parent.parent

# (ISO-3, capital, lat, lon): enough countries for a dense network and a spread-out map.
CAPITALS = [
    ("USA", "Washington", 38.9, -77.04), ("RUS", "Moscow", 55.75, 37.62), ("CHN", "Beijing", 39.9, 116.4),
    ("GBR", "London", 51.5, -0.13), ("FRA", "Paris", 48.86, 2.35), ("DEU", "Berlin", 52.52, 13.4),
    ("UKR", "Kyiv", 50.45, 30.52), ("IRN", "Tehran", 35.69, 51.39), ("ISR", "Jerusalem", 31.77, 35.21),
    ("TUR", "Ankara", 39.93, 32.86), ("IND", "New Delhi", 28.61, 77.21), ("PAK", "Islamabad", 33.69, 73.06),
    ("JPN", "Tokyo", 35.69, 139.69), ("KOR", "Seoul", 37.57, 126.98), ("PRK", "Pyongyang", 39.03, 125.75),
    ("BRA", "Brasilia", -15.79, -47.88), ("MEX", "Mexico City", 19.43, -99.13), ("NGA", "Abuja", 9.08, 7.4),
    ("EGY", "Cairo", 30.04, 31.24), ("ZAF", "Pretoria", -25.75, 28.19), ("ETH", "Addis Ababa", 9.03, 38.74),
    ("SAU", "Riyadh", 24.71, 46.68), ("SYR", "Damascus", 33.51, 36.29), ("AFG", "Kabul", 34.56, 69.21),
    ("MLI", "Bamako", 12.64, -8.0), ("COL", "Bogota", 4.71, -74.07), ("VEN", "Caracas", 10.48, -66.9),
    ("AUS", "Canberra", -35.28, 149.13), ("IDN", "Jakarta", -6.21, 106.85), ("ARM", "Yerevan", 40.18, 44.51),
    ("AZE", "Baku", 40.41, 49.87), ("EST", "Tallinn", 59.44, 24.75),
]
ROLES = ["GOV", "GOV", "GOV", "MIL", "OPP", "CVL", "COP", "REB", "BUS", ""]
GROUPS = ["IGOUNO", "IGOEUREEC", "IGONAT", "NGOHRW"]
TRIGGERS = {"01": "said", "02": "urged", "03": "pledged", "04": "met", "05": "praised",
            "06": "cooperated", "07": "gave aid to", "08": "agreed to", "09": "investigated",
            "10": "demanded", "11": "criticised", "12": "rejected", "13": "threatened",
            "14": "protested", "15": "mobilised", "16": "cut ties with", "17": "arrested",
            "18": "attacked", "19": "fought", "20": "bombed"}


def generate_store(path: Path, n_events: int, seed: int = 7) -> Path:
    """A store at ``path`` of ``n_events`` generated events (20 per article); reused if it matches."""
    if path.exists():
        try:
            with duckdb.connect(str(path), read_only=True) as con:
                if con.execute("SELECT count(*) FROM events").fetchall() == [(n_events,)]:
                    return path
        except duckdb.Error:
            pass
        path.unlink()
    rng = random.Random(seed)
    ontology = load_ontology()
    codes = [c for c in ontology.codes.values() if c.quad_class]
    n_articles = max(1, n_events // 20)
    start = date(2015, 1, 1)
    Store(path).close()  # the schema, exactly as heron creates it
    articles = {name: [] for name in ARTICLE_SCHEMA.names}
    events = {name: [] for name in EVENT_SCHEMA.names}
    mentions = {name: [] for name in MENTION_SCHEMA.names}
    now = datetime.now(UTC).replace(tzinfo=None)

    def actor() -> str:
        if rng.random() < 0.08:
            return rng.choice(GROUPS)
        return rng.choice(CAPITALS[: 8 + int(rng.random() * len(CAPITALS[8:]))])[0] + rng.choice(ROLES)

    made = 0
    for a in range(n_articles):
        published = start + timedelta(days=rng.randrange(3650))
        count = n_events - made if a == n_articles - 1 else 20
        sentences, spans = [], []
        offset = 0
        for i in range(count):
            source, target = actor(), actor()
            code = rng.choice(codes)
            trigger = TRIGGERS.get(code.code[:2], "acted")
            sentence = f"Officials of {source} {trigger} {target} over the dispute, sources said (item {i})."
            sentences.append(sentence)
            at = offset + sentence.index(trigger)
            spans.append((source, target, code, trigger, sentence, at, i))
            offset += len(sentence) + 1
        text = " ".join(sentences)
        article_id = f"gen/{a:06d}"
        row = {"id": article_id, "url": f"https://news.example/{a}", "title": f"Generated article {a}",
               "published": published, "published_source": "metadata", "source_path": "bench",
               "text": text, "blocks": json.dumps([["paragraph", 0, len(text)]]), "n_events": count,
               "digest": f"{a:064x}", "coded_at": now, "heron_version": "bench"}
        for key, value in row.items():
            articles[key].append(value)
        for source, target, code, trigger, sentence, at, i in spans:
            place = rng.choice(CAPITALS) if rng.random() < 0.8 else None
            day = published - timedelta(days=rng.randrange(4)) if rng.random() < 0.7 else None
            ev = {"id": f"{made:020x}", "article_id": article_id, "sentence_index": i,
                  "source_code": source, "source_text": f"officials of {source}", "source_name": None,
                  "source_rule": "bench", "target_code": target, "target_text": target, "target_name": None,
                  "target_rule": "bench", "code": code.code, "root": code.root, "quad_class": code.quad_class,
                  "goldstein": code.goldstein, "plover": None, "plover_mode": None,
                  "negated": rng.random() < 0.05,
                  "modality": rng.choice(["asserted"] * 8 + ["reported", "future"]),
                  "date": day, "date_end": None, "date_precision": "day" if day else None,
                  "date_phrase": "on Monday" if day else None,
                  "location_name": place[1] if place else None,
                  "location_country": place[0] if place else None,
                  "lat": place[2] + rng.uniform(-0.5, 0.5) if place else None,
                  "lon": place[3] + rng.uniform(-0.5, 0.5) if place else None,
                  "location_feature": "capital" if place else None, "location_geonameid": None,
                  "location_rule": "clause" if place else None, "location_confidence": 0.7 if place else None,
                  "sentence": sentence, "span_start": at, "span_end": at + len(trigger), "trigger": trigger,
                  "rule": "bench.rule", "evidence": "[]"}
            for key, value in ev.items():
                events[key].append(value)
            for code_text in (source, target):
                for key, value in {"article_id": article_id, "text": code_text, "code": code_text,
                                   "name": None, "rule": "bench", "span_start": at,
                                   "span_end": at + 3}.items():
                    mentions[key].append(value)
            made += 1
    with duckdb.connect(str(path)) as con:
        for table, columns, schema in (("articles", articles, ARTICLE_SCHEMA),
                                       ("events", events, EVENT_SCHEMA),
                                       ("mentions", mentions, MENTION_SCHEMA)):
            con.register("_rows", pa.table(columns, schema=schema))
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
            con.unregister("_rows")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path) -> tuple[subprocess.Popen[str], str]:
    """A real `heron serve` on 127.0.0.1 at a free port, ready to answer."""
    port = free_port()
    command = [sys.executable, "-m", "heron.cli", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/api/stats", timeout=5):
                return proc, base
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"heron serve did not start: {proc.communicate()[1]}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[rank]
