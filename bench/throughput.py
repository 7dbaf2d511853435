"""Throughput of `heron code` against bare spaCy on the same texts.

In-process (the default): `heron code`'s pipeline against spaCy `nlp.pipe`,
each in its own subprocess with the model loaded (and warmed up) before
timing; prints articles/s, words/s, peak memory (RSS) and their ratio.

    python bench/throughput.py [--repeat N] [--processes P] [FILES...]

Whole-process (``--whole-process``): what a user who runs one command per
article pays, start-up included.  Each of N articles is coded by its own
`heron code` process and parsed by its own bare spaCy script (spacy.load +
nlp(text)), alternately; the CPU time (user+sys) of those processes is
summed.  The in-process ratio on the same texts is printed beside it.

    python bench/throughput.py --whole-process [--articles 72] [FILES...]

Start-up (``--startup``): CPU seconds of `heron code` on a one-sentence file,
with the knowledge cache as found and with an empty one, against spacy.load
alone; the least of ``--runs`` runs of each (other jobs only ever add time).

    python bench/throughput.py --startup [--runs 5]

CPU time, not wall time, is what the ratios use: the machine is shared.
Default texts: ../shared/corpus and ../shared/peers articles when present
(whole-process: ../shared/corpus and ../shared/news), else the repo's own
gold set.  The articles are read here at run time, never copied.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def default_inputs() -> list[Path]:
    shared = [SHARED / "corpus/articles.jsonl", SHARED / "peers/plover.articles.jsonl",
              SHARED / "peers/petrarch.articles.jsonl"]
    if all(p.exists() for p in shared):
        return shared
    return [ROOT / "tests/gold/articles.jsonl"]


def whole_process_inputs() -> list[Path]:
    shared = [SHARED / "corpus/articles.jsonl", SHARED / "news/tune.articles.jsonl",
              SHARED / "news/check.articles.jsonl"]
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
        start, cpu = time.perf_counter(), time.process_time()
        for _ in model.pipe(texts, batch_size=16, n_process=processes):
            pass
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        events = 0
    else:
        from heron.pipeline import Coder, PipelineOptions, code_paths, prepare_batch_process

        options = PipelineOptions(n_process=processes)
        coder = Coder(options)
        prepare_batch_process(coder)  # as `heron code` does: load before timing
        list(nlp.load().pipe(texts[:8]))  # the same warm-up as the spaCy run
        start, cpu = time.perf_counter(), time.process_time()
        events = sum(len(r.events) for r in code_paths([str(jsonl)], options, coder) if hasattr(r, "events"))
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": mode, "articles": len(texts), "words": words, "seconds": elapsed, "cpu": cpu,
            "events": events, "peak_rss_mb": peak_mb}


def numbered(texts: list[dict]) -> list[dict]:
    """Repeated texts with ids of their own: heron reads an article it has seen under the same id once."""
    return [{**t, "id": f"{t['id']}-{n}"} for n, t in enumerate(texts)]


def in_process(texts: list[dict], processes: int) -> dict[str, dict]:
    """Both in-process modes on ``texts``, each in its own subprocess."""
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "bench.jsonl"
        jsonl.write_text("".join(json.dumps(t) + "\n" for t in texts), encoding="utf-8")
        results = {}
        for mode in ("spacy", "heron"):
            out = subprocess.run([sys.executable, __file__, "--mode", mode, "--jsonl", str(jsonl),
                                  "--processes", str(processes)],
                                 check=True, capture_output=True, text=True).stdout
            results[mode] = json.loads(out.strip().splitlines()[-1])
    return results


def print_in_process(results: dict[str, dict], processes: int) -> None:
    print(f"{'':18}{'articles/s':>12}{'words/s':>12}{'peak RSS MB':>14}{'events':>9}")
    for mode, label in (("spacy", "spaCy nlp.pipe"), ("heron", "heron code")):
        r = results[mode]
        print(f"{label:18}{r['articles'] / r['seconds']:12.1f}{r['words'] / r['seconds']:12.0f}"
              f"{r['peak_rss_mb']:14.0f}{r['events']:9d}")
    ratio = results["spacy"]["seconds"] / results["heron"]["seconds"]
    print(f"\n{results['spacy']['articles']} articles, {results['spacy']['words']} words, "
          f"{processes} process(es); heron/spaCy throughput ratio: {ratio:.2f}")


# A bare spaCy user's script: load the model, parse the article, exit.
SPACY_SCRIPT = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        if line.strip():
            nlp(json.loads(line)["text"])
"""


def heron_command() -> list[str]:
    """`heron code` as a user runs it: the installed script next to this Python."""
    script = Path(sys.executable).with_name("heron")
    return [str(script), "code"] if script.exists() else [sys.executable, "-m", "heron.cli", "code"]


def cpu_of(cmd: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """CPU seconds (user+sys) and wall seconds of one child process, and its stdout."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    out = subprocess.run(list(cmd), check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         text=True, env=env).stdout
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, out


def whole_process(texts: list[dict]) -> dict[str, dict]:
    """Each article coded by its own `heron code` and parsed by its own spaCy script, alternately."""
    from heron.nlp import MODEL_PACKAGE

    heron = heron_command()
    totals = {mode: {"cpu": 0.0, "wall": 0.0, "events": 0, "articles": len(texts)}
              for mode in ("spacy", "heron")}
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for n, text in enumerate(texts):
            path = Path(tmp) / f"article-{n:03d}.jsonl"
            path.write_text(json.dumps(text) + "\n", encoding="utf-8")
            files.append(path)
        # Not timed: fills the knowledge cache if it is empty, and the OS file cache for both.
        cpu_of([*heron, str(files[0]), "--format", "jsonl"])
        cpu_of([sys.executable, "-c", SPACY_SCRIPT, MODEL_PACKAGE, str(files[0])])
        for n, path in enumerate(files):
            runs = {"heron": [*heron, str(path), "--format", "jsonl"],
                    "spacy": [sys.executable, "-c", SPACY_SCRIPT, MODEL_PACKAGE, str(path)]}
            for mode in (("heron", "spacy") if n % 2 else ("spacy", "heron")):  # alternate who goes first
                cpu, wall, out = cpu_of(runs[mode])
                totals[mode]["cpu"] += cpu
                totals[mode]["wall"] += wall
                totals[mode]["events"] += sum(1 for line in out.splitlines() if line.strip())
            print(f"  {n + 1}/{len(files)} articles", end="\r", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return totals


def startup(runs: int) -> None:
    """One-sentence `heron code` (cache as found; empty cache) against spacy.load alone."""
    from heron.nlp import MODEL_PACKAGE

    heron = heron_command()
    figures: dict[str, list[float]] = {"spacy.load": [], "heron code (cached)": [],
                                       "heron code (no cache)": []}
    with tempfile.TemporaryDirectory() as tmp:
        sentence = Path(tmp) / "one.txt"
        sentence.write_text("The foreign minister of France met his German counterpart in Berlin.\n",
                            encoding="utf-8")
        load_only = "import sys, spacy; spacy.load(sys.argv[1])"
        cpu_of([*heron, str(sentence), "--format", "jsonl"])  # not timed: fills the cache if empty
        for n in range(runs):
            figures["spacy.load"].append(cpu_of([sys.executable, "-c", load_only, MODEL_PACKAGE])[0])
            figures["heron code (cached)"].append(cpu_of([*heron, str(sentence), "--format", "jsonl"])[0])
            cold = {**os.environ, "HERON_CACHE_DIR": str(Path(tmp) / f"cold-{n}")}
            figures["heron code (no cache)"].append(
                cpu_of([*heron, str(sentence), "--format", "jsonl"], env=cold)[0])
    base = min(figures["spacy.load"])
    print(f"{'one-sentence start-up, CPU s':30}{'least':>8}{'median':>8}{'over spacy.load':>17}")
    for label, values in figures.items():
        values.sort()
        print(f"{label:30}{values[0]:8.2f}{values[len(values) // 2]:8.2f}{values[0] - base:17.2f}")
    print(f"\n{runs} run(s) each; CPU = user+sys of the process")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=1, help="repeat the texts N times")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--whole-process", action="store_true",
                    help="one process per article, start-up included, beside the in-process ratio")
    ap.add_argument("--articles", type=int, default=72,
                    help="whole-process: this many articles (the inputs' articles, cycled)")
    ap.add_argument("--startup", action="store_true", help="one-sentence start-up CPU against spacy.load")
    ap.add_argument("--runs", type=int, default=5, help="startup: runs of each command")
    ap.add_argument("--mode", help=argparse.SUPPRESS)
    ap.add_argument("--jsonl", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.mode:  # child process
        print(json.dumps(run_mode(args.mode, args.jsonl, args.processes)))
        return
    if args.startup:
        startup(args.runs)
        return
    if not args.whole_process:
        texts = numbered(load_texts(args.files or default_inputs()) * args.repeat)
        print_in_process(in_process(texts, args.processes), args.processes)
        return
    distinct = load_texts(args.files or whole_process_inputs())
    texts = numbered(list(itertools.islice(itertools.cycle(distinct), args.articles)))
    words = sum(len(t["text"].split()) for t in texts)
    inside = in_process(texts, 1)
    whole = whole_process(texts)
    print(f"{len(texts)} articles ({len(distinct)} distinct), {words} words; CPU seconds (user+sys)")
    print(f"{'':34}{'spaCy CPU s':>12}{'heron CPU s':>12}{'heron/spaCy':>13}{'events':>8}")
    for label, r in (("in-process (nlp.pipe vs coding)", inside), ("whole-process (one per article)", whole)):
        print(f"{label:34}{r['spacy']['cpu']:12.1f}{r['heron']['cpu']:12.1f}"
              f"{r['spacy']['cpu'] / r['heron']['cpu']:13.2f}{r['heron']['events']:8d}")
    print(f"whole-process wall seconds (noisy on a shared machine): spaCy {whole['spacy']['wall']:.1f}, "
          f"heron {whole['heron']['wall']:.1f}")
    print("events: in-process counts every coded event, whole-process the records `heron code` prints "
          "(hypothetical ones left out)")


if __name__ == "__main__":
    main()
