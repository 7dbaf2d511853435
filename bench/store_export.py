"""How fast the store answers and exports: resume checks, stats, and every export format.

Builds a synthetic store (no spaCy: events are made from templates, so the
figures are the store's, not the coder's) of ``--articles`` articles with
``--events`` events each, then times:

* ``coded_by``: the check a resumed ingest makes before parsing, per article;
* ``heron stats`` (all four groupings) and a filtered ``events`` query;
* ``export`` to Parquet by month, CSV, JSONL and GDELT.

Prints one line per figure.  Usage: ``.venv/bin/python bench/store_export.py [--articles 20000]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from heron.exporting import export_events
from heron.filters import EventFilter
from heron.model import Actor, Article, Event, EventDate
from heron.store import Store
from heron.summary import summarize

PAIRS = [("RUSGOV", "UKRGOV"), ("USAGOV", "CHNGOV"), ("IGOUNO", "SYR"), ("TURMIL", "SYRREB"),
         ("FRAGOV", "MLIGOV"), ("INDGOV", "PAKMIL")]
CODES = ["040", "111", "190", "0311", "1663", "020", "130", "183"]


def synthetic(n_articles: int, per_article: int) -> list[tuple[Article, list[Event]]]:
    out = []
    start = date(2019, 1, 1)
    for i in range(n_articles):
        text = " ".join(f"Sentence {j} of article {i} says who did what to whom." for j in range(per_article))
        published = start + timedelta(days=i % 1500)
        article = Article(id=f"bench-{i}", text=text, title=f"Article {i}", url=f"https://bench.example/{i}",
                          published=published, published_source="metadata", source_path="bench.jsonl")
        events = []
        for j in range(per_article):
            source, target = PAIRS[(i + j) % len(PAIRS)]
            code = CODES[(i * 3 + j) % len(CODES)]
            events.append(Event(article.id, j, Actor(source, source.lower()), Actor(target, target.lower()),
                                code, f"Sentence {j} of article {i} says who did what to whom.", (0, 8),
                                "bench",
                                negated=(i + j) % 11 == 0, quad_class=int(code[:2] in {"19", "18"}) * 3 + 1,
                                goldstein=-1.0, date=EventDate(published, "day", None)))
        out.append((article, events))
    return out


def timed(label: str, unit: str, count: int, func) -> object:
    began = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - began
    print(f"{label:<34} {elapsed:8.2f} s  {count / elapsed:12,.0f} {unit}/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--events", type=int, default=5, help="events per article")
    args = parser.parse_args()
    rows = synthetic(args.articles, args.events)
    n_events = args.articles * args.events
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        with Store(path) as store:
            timed("write (Store.write_many)", "events", n_events,
                  lambda: store.write_many(((a, e, (), "bench-coder") for a, e in rows), batch_size=1000))
            articles = [a for a, _ in rows]
            known = timed("resume check (coded_by)", "articles", len(articles),
                          lambda: sum(len(store.coded_by(articles[i:i + 64], "bench-coder"))
                                      for i in range(0, len(articles), 64)))
            assert known == len(articles)
        size = path.stat().st_size
        per_million = size / n_events * 1e6 / 2**30
        print(f"{'store size':<34} {size / 2**20:8.1f} MiB  {per_million:9.2f} GiB per million events")
        with Store(path, read_only=True) as store:
            timed("stats (4 groupings)", "events", n_events, lambda: list(summarize(store)))
            where = EventFilter.build(codes=["18,19"], sources=["TUR"], since="2020")
            timed("events query (codes, dyad, since)", "events", n_events,
                  lambda: sum(1 for _ in store.iter_events(where=where)))
            for fmt, name in (("parquet", "parquet"), ("csv", "e.csv"), ("jsonl", "e.jsonl"),
                              ("gdelt", "e.tsv")):
                out = Path(tmp) / name
                timed(f"export {fmt}", "events", n_events,
                      lambda out=out, fmt=fmt: export_events(store, fmt, out))
    print(f"({args.articles} articles, {n_events} events)")


if __name__ == "__main__":
    main()
