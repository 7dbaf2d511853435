"""Throughput of `heron code` against bare spaCy `nlp.pipe` on the same texts.

Prints articles/s, words/s and peak memory (RSS) for each, side by side,
and their ratio.  Each mode runs in its own subprocess so peak memory is
that mode's alone; the model is loaded (and warmed up) before timing.

    python bench/throughput.py [--repeat N] [--processes P] [FILES...]

Default texts: ../shared/corpus and ../shared/peers articles when present,
else the repo's examples and own gold set.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def default_inputs() -> list[Path]:
    shared = [SHARED / "corpus/articles.jsonl", SHARED / "peers/plover.articles.jsonl",
              SHARED / "peers/petrarch.articles.jsonl"]
    if all(p.exists() for p in shared):
        return shared
    return [ROOT / "tests/gold/articles.jsonl"]


def load_texts(paths: list[Path]) -> list[dict]:
    out = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if rec.get("text"):
                    out.append({"id": rec["id"], "text": rec["text"], "date": rec.get("date")})
    return out


def run_mode(mode: str, jsonl: Path, processes: int) -> dict:
    from heron import nlp

    nlp.load()  # model load is start-up, not throughput
    texts = [json.loads(line)["text"] for line in jsonl.read_text(encoding="utf-8").splitlines()]
    words = sum(len(t.split()) for t in texts)
    if mode == "spacy":
        model = nlp.load()
        list(model.pipe(texts[:8]))  # warm-up
        start = time.perf_counter()
        for _ in model.pipe(texts, batch_size=16, n_process=processes):
            pass
        elapsed = time.perf_counter() - start
        events = 0
    else:
        from heron.pipeline import Coder, PipelineOptions, code_paths, prepare_batch_process

        options = PipelineOptions(n_process=processes)
        coder = Coder(options)
        prepare_batch_process(coder)  # as `heron code` does: load before timing
        list(nlp.load().pipe(texts[:8]))  # the same warm-up as the spaCy run
        start = time.perf_counter()
        events = sum(len(r.events) for r in code_paths([str(jsonl)], options, coder) if hasattr(r, "events"))
        elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": mode, "articles": len(texts), "words": words, "seconds": elapsed,
            "events": events, "peak_rss_mb": peak_mb}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=1, help="repeat the texts N times")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--mode", help=argparse.SUPPRESS)
    ap.add_argument("--jsonl", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.mode:  # child process
        print(json.dumps(run_mode(args.mode, args.jsonl, args.processes)))
        return
    texts = load_texts(args.files or default_inputs()) * args.repeat
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "bench.jsonl"
        jsonl.write_text("".join(json.dumps(t) + "\n" for t in texts), encoding="utf-8")
        results = {}
        for mode in ("spacy", "heron"):
            out = subprocess.run([sys.executable, __file__, "--mode", mode, "--jsonl", str(jsonl),
                                  "--processes", str(args.processes)],
                                 check=True, capture_output=True, text=True).stdout
            results[mode] = json.loads(out.strip().splitlines()[-1])
    print(f"{'':18}{'articles/s':>12}{'words/s':>12}{'peak RSS MB':>14}{'events':>9}")
    for mode, label in (("spacy", "spaCy nlp.pipe"), ("heron", "heron code")):
        r = results[mode]
        print(f"{label:18}{r['articles'] / r['seconds']:12.1f}{r['words'] / r['seconds']:12.0f}"
              f"{r['peak_rss_mb']:14.0f}{r['events']:9d}")
    ratio = results["spacy"]["seconds"] / results["heron"]["seconds"]
    print(f"\n{results['spacy']['articles']} articles, {results['spacy']['words']} words, "
          f"{args.processes} process(es); heron/spaCy throughput ratio: {ratio:.2f}")


if __name__ == "__main__":
    main()
