"""A benchmark corpus of made-up news articles, from our own sentence templates.

    python bench/corpus.py OUT_DIR [--articles 1000] [--per-file 250] [--seed 7]

Writes ``OUT_DIR/part-0000.jsonl``... (``id``, ``date``, ``title``, ``text``
per line).  Every sentence comes from the templates below, filled with
countries, capitals, officials and places, so the corpus can be shipped,
regenerated anywhere, and scaled to any size with the same mix of event and
filler sentences (about 15 sentences, 190 words, 7 coded events an article;
real wire stories are longer, so the benchmark also prints words/s).
Nothing is read from ``../shared``.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

# (country, capital, adjective)
COUNTRIES = [
    ("Norway", "Oslo", "Norwegian"), ("Kenya", "Nairobi", "Kenyan"), ("Brazil", "Brasilia", "Brazilian"),
    ("Argentina", "Buenos Aires", "Argentine"), ("Japan", "Tokyo", "Japanese"),
    ("South Korea", "Seoul", "South Korean"), ("Egypt", "Cairo", "Egyptian"), ("Turkey", "Ankara", "Turkish"),
    ("Canada", "Ottawa", "Canadian"), ("Mali", "Bamako", "Malian"), ("India", "New Delhi", "Indian"),
    ("Pakistan", "Islamabad", "Pakistani"), ("France", "Paris", "French"), ("Germany", "Berlin", "German"),
    ("Nigeria", "Abuja", "Nigerian"), ("Mexico", "Mexico City", "Mexican"), ("Poland", "Warsaw", "Polish"),
    ("Vietnam", "Hanoi", "Vietnamese"), ("Chile", "Santiago", "Chilean"), ("Ethiopia", "Addis Ababa",
                                                                            "Ethiopian"),
]
OFFICIALS = ["president", "prime minister", "foreign minister", "defence minister", "interior minister"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TOPICS = ["trade", "border security", "energy supplies", "migration", "fishing rights", "a water dispute"]

# Sentences that carry an event; {a}/{b} are actors, {cap_b} b's capital, {day} a weekday.
EVENT_TEMPLATES = [
    "The {adj_a} {off_a} met the {adj_b} {off_b} in {cap_b} on {day} to discuss {topic}.",
    "{a} accused {b} of violating the ceasefire along their shared border.",
    "{a} condemned {b} for the arrest of two journalists on {day}.",
    "The {adj_a} government signed an agreement on {topic} with {b} on {day}.",
    "{a} threatened to impose sanctions on {b} if the talks fail.",
    "{cap_a} promised humanitarian aid to {b} after the floods.",
    "{a} expelled two {adj_b} diplomats on {day}, the foreign ministry said.",
    "Police in {cap_a} arrested dozens of protesters outside the {adj_b} embassy on {day}.",
    "{a} praised {b} for its role in the peace talks.",
    "The {adj_a} {off_a} called on {b} to release the detained sailors.",
    "Rebels attacked an army base in northern {a} on {day}, officials said.",
    "{a} rejected the demands made by {b} during the negotiations.",
]
# Sentences that carry none.
FILLER_TEMPLATES = [
    "Markets in {cap_a} were calm on {day}.",
    "The talks are expected to continue next week.",
    "Officials gave no further details.",
    "The weather in {cap_b} was unusually warm for the season.",
    "Analysts said the outcome remained uncertain.",
    "The ministry did not respond to a request for comment.",
]


def _fill(template: str, rng: random.Random) -> str:
    (a, cap_a, adj_a), (b, cap_b, adj_b) = rng.sample(COUNTRIES, 2)
    return template.format(a=a, b=b, cap_a=cap_a, cap_b=cap_b, adj_a=adj_a, adj_b=adj_b,
                           off_a=rng.choice(OFFICIALS), off_b=rng.choice(OFFICIALS), day=rng.choice(DAYS),
                           topic=rng.choice(TOPICS))


def article(index: int, rng: random.Random, start: date = date(2024, 1, 1)) -> dict[str, str]:
    sentences = [_fill(rng.choice(EVENT_TEMPLATES), rng) for _ in range(rng.randint(6, 10))]
    sentences += [_fill(rng.choice(FILLER_TEMPLATES), rng) for _ in range(rng.randint(5, 9))]
    rng.shuffle(sentences)
    paragraphs, i = [], 0
    while i < len(sentences):
        size = rng.randint(2, 4)
        paragraphs.append(" ".join(sentences[i:i + size]))
        i += size
    return {"id": f"bench-{index:07d}", "date": (start + timedelta(days=index % 365)).isoformat(),
            "title": sentences[0].split(",")[0].rstrip("."), "text": "\n\n".join(paragraphs)}


def write_corpus(out_dir: Path, articles: int, per_file: int = 250, seed: int = 7) -> list[Path]:
    """Write ``articles`` articles in JSONL files of ``per_file``; the same seed, the same corpus."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for first in range(0, articles, per_file):
        path = out_dir / f"part-{first // per_file:04d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for index in range(first, min(first + per_file, articles)):
                handle.write(json.dumps(article(index, rng)) + "\n")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--per-file", type=int, default=250)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    paths = write_corpus(args.out, args.articles, args.per_file, args.seed)
    print(f"{args.articles} articles in {len(paths)} file(s) under {args.out}")


if __name__ == "__main__":
    main()
