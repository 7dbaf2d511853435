"""CPU time and peak memory of `heron code` on one long article.

Builds one plain-text article of each size (default 100 KB, 400 KB, 900 KB)
by repeating real news paragraphs (../shared/corpus, else the repo's own gold
articles), runs `heron code FILE --format jsonl` on it in a subprocess (the
heron of this checkout: its root comes first on PYTHONPATH) and prints the
child's CPU seconds, wall seconds, peak RSS and event count.  Cost per
article should grow linearly with its length; memory should stay flat, since
an article over 100,000 characters is coded window by window (heron.windows).

    python bench/long_articles.py [--sizes 100,400,900] [--sentence 50000]

``--sentence N`` adds one more run: an article whose body is a single
sentence of N characters; ``--big-file MB`` one on a text file of that many
megabytes (heron reads its first 16 MB and codes its first 1,000,000
characters, in windows, with warnings: peak memory must stay bounded).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
HERON = [sys.executable, "-m", "heron.cli"]
# The heron of this checkout, not whichever one the interpreter has installed (a
# worktree measured with another checkout's virtualenv).
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}


def paragraphs() -> list[str]:
    source = SHARED / "corpus/articles.jsonl"
    if not source.exists():
        source = ROOT / "tests/gold/articles.jsonl"
    out: list[str] = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.strip():
            text = json.loads(line).get("text") or ""
            out.extend(p.strip() for p in text.split("\n") if len(p.split()) >= 8)
    return out


def long_text(size: int, paras: list[str]) -> str:
    chunks: list[str] = []
    total = 0
    i = 0
    while total < size:
        para = paras[i % len(paras)]
        chunks.append(para)
        total += len(para) + 2
        i += 1
    return "\n\n".join(chunks)[:size]


def one_sentence(size: int, paras: list[str]) -> str:
    words: list[str] = []
    total = 0
    for para in paras * 100:
        for word in para.rstrip(".").replace(".", ",").split():
            words.append(word)
            total += len(word) + 1
            if total >= size:
                return "A long sentence.\n\n" + " ".join(words) + "."
    return " ".join(words) + "."


def run(path: Path) -> dict[str, object]:
    """Run heron on one file; the caller (a fresh helper process) reads its RUSAGE_CHILDREN."""
    start = time.perf_counter()
    proc = subprocess.run([*HERON, "code", str(path), "--format", "jsonl"], capture_output=True, cwd=ROOT,
                          env=ENV)
    return {"rc": proc.returncode, "wall_s": time.perf_counter() - start,
            "events": len(proc.stdout.splitlines()),
            "stderr": proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]}


def measure(label: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(text, encoding="utf-8")
        # One subprocess per size, run through a fresh helper so RUSAGE_CHILDREN is that run's alone.
        helper = subprocess.run([sys.executable, __file__, "--one", str(path)], capture_output=True,
                                text=True, cwd=ROOT)
        if helper.returncode != 0:
            print(f"{label}: helper failed: {helper.stderr.strip()[-400:]}")
            return
        r = json.loads(helper.stdout)
        print(f"{label:>22}  {len(text) / 1000:8.0f} KB  cpu {r['cpu_s']:7.1f} s  wall {r['wall_s']:7.1f} s  "
              f"peak RSS {r['peak_rss_mb']:7.0f} MB  events {r['events']:5d}  rc {r['rc']}")
        for line in r["stderr"]:
            print(f"{'':>24}stderr: {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,400,900", help="article sizes in KB, comma-separated")
    parser.add_argument("--sentence", type=int, default=50_000, help="characters of the one-sentence run "
                        "(0: skip)")
    parser.add_argument("--big-file", type=int, default=0, help="megabytes of the big-file run (0: skip)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        import resource

        result = run(Path(args.one))
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        result["cpu_s"] = usage.ru_utime + usage.ru_stime
        result["peak_rss_mb"] = usage.ru_maxrss / 1024
        print(json.dumps(result))
        return
    paras = paragraphs()
    for kb in (int(x) for x in args.sizes.split(",") if x.strip()):
        measure(f"article {kb} KB", long_text(kb * 1000, paras))
    if args.sentence:
        measure(f"one {args.sentence}-char sentence", one_sentence(args.sentence, paras))
    if args.big_file:
        measure(f"{args.big_file} MB text file", long_text(args.big_file * 1_000_000, paras))


if __name__ == "__main__":
    main()
