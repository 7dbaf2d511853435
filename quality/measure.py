#!/usr/bin/env python3
"""Measure heron on every set named in quality/floors.json, and (with --write) pin the floors.

usage: .venv/bin/python quality/measure.py [--set NAME ...] [--report] [--write [--reason TEXT]]

Without --write it only prints the figures next to their floors.  With --write
it records the new figures as floors, but only ever RAISES a floor; lowering
one needs --reason, which goes into that set's ``history`` together with the
old and new values and the file hashes.  The quality gate
(tests/test_quality.py) imports this module, so the gate and this script
measure in exactly the same way.

Paths in floors.json are relative to the repository, or start with
``${shared}``: the shared test material (``$HERON_SHARED``, default
``../shared`` next to the repository).  Sets whose files are missing are
skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FLOORS = REPO / "quality" / "floors.json"
NOT_MEASURED = "not-yet-measured"


def shared_dir() -> Path:
    return Path(os.environ.get("HERON_SHARED") or REPO.parent / "shared")


def resolve(spec: str) -> Path:
    if spec.startswith("${shared}/"):
        return shared_dir() / spec.removeprefix("${shared}/")
    return REPO / spec


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_floors(path: Path = FLOORS) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if data.get("version") != 1 or not isinstance(data.get("sets"), dict):
        raise ValueError(f"{path}: expected version 1 and a 'sets' object")
    for name, spec in data["sets"].items():
        for key in ("articles", "gold", "level", "exact", "floors", "sha256", "status", "history"):
            if key not in spec:
                raise ValueError(f"{path}: set {name!r} lacks {key!r}")
        if spec["level"] not in ("sentence", "article"):
            raise ValueError(f"{path}: set {name!r}: level must be sentence or article")
    return data


def available(spec: dict[str, Any]) -> bool:
    return resolve(spec["articles"]).exists() and resolve(spec["gold"]).exists()


def hashes(spec: dict[str, Any]) -> dict[str, str]:
    return {"articles": sha256(resolve(spec["articles"])), "gold": sha256(resolve(spec["gold"]))}


@dataclass(frozen=True)
class Measurement:
    name: str
    figures: dict[str, float]  # the score's precision/recall/f1
    hashes: dict[str, str]
    report: Any  # heron.evaluate.Report

    def hash_note(self, spec: dict[str, Any]) -> str:
        """Empty when the files are the ones the floors were measured on."""
        if spec.get("sha256") == self.hashes:
            return ""
        return (f"NOTE: {self.name}'s files differ from those its floors were measured on "
                f"(recorded {spec.get('sha256')}, now {self.hashes}); the floor is still checked")


def measure(name: str, spec: dict[str, Any], coder: Any = None) -> Measurement:
    """Code a set's articles with heron and score them as floors.json says."""
    from heron.evaluate import code_records, load_gold, report

    ids = spec.get("article_ids")
    gold = load_gold(resolve(spec["gold"]), ids)
    preds = code_records(resolve(spec["articles"]), ids, coder=coder)
    rep = report(gold, preds, spec["level"], bool(spec["exact"]))
    figures = {"precision": rep.score.precision, "recall": rep.score.recall, "f1": rep.score.f1}
    return Measurement(name, figures, hashes(spec), rep)


def below_floor(m: Measurement, spec: dict[str, Any]) -> list[str]:
    """The pinned figures that fell below their floors, as readable lines."""
    return [f"{m.name}: {fig} {m.figures[fig]:.3f} < floor {floor:.3f}"
            for fig, floor in spec["floors"].items() if m.figures[fig] < floor]


def update(spec: dict[str, Any], m: Measurement, reason: str | None, today: str) -> list[str]:
    """Pin a measurement into a set's spec (in place); returns what changed, raises on an unexplained drop."""
    changes: list[str] = []
    lowered = {fig: (old, m.figures[fig]) for fig, old in spec["floors"].items() if m.figures[fig] < old}
    if lowered and not reason:
        detail = ", ".join(f"{fig} {old:.3f} -> {new:.3f}" for fig, (old, new) in lowered.items())
        raise ValueError(f"{m.name}: refusing to lower floors without --reason ({detail})")
    for fig, old in spec["floors"].items():
        new = m.figures[fig]
        if new != old or spec["status"] == NOT_MEASURED:
            spec["history"].append({"date": today, "figure": fig, "from": old, "to": new,
                                    "reason": reason or ("first measurement" if spec["status"] == NOT_MEASURED
                                                         else "raised"),
                                    "sha256": m.hashes})
            changes.append(f"{m.name}: {fig} floor {old:.3f} -> {new:.3f}")
            spec["floors"][fig] = new
    if spec["status"] == NOT_MEASURED:
        spec.pop("note", None)  # the placeholder note no longer applies
    spec["status"] = "pinned"
    spec["sha256"] = m.hashes
    spec["measured"] = today
    return changes


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", dest="sets", help="only this set (repeatable)")
    ap.add_argument("--report", action="store_true", help="print the full evaluation report of each set")
    ap.add_argument("--write", action="store_true", help="pin the figures in floors.json (only raising)")
    ap.add_argument("--reason", help="why floors may go down (recorded in the history)")
    ap.add_argument("--floors", type=Path, default=FLOORS)
    args = ap.parse_args(argv)

    from heron.evaluate import format_report
    from heron.pipeline import Coder

    data = load_floors(args.floors)
    coder = Coder()
    today = dt.datetime.now(dt.UTC).date().isoformat()
    status = 0
    changes: list[str] = []
    for name, spec in data["sets"].items():
        if args.sets and name not in args.sets:
            continue
        if not available(spec):
            print(f"{name}: skipped (files not found: {spec['articles']}, {spec['gold']})")
            continue
        m = measure(name, spec, coder)
        if args.report:
            print(f"== {name}\n{format_report(m.report)}")
        figs = " ".join(f"{k}={v:.3f}" for k, v in m.figures.items())
        floors = " ".join(f"{k}>={v:.3f}" for k, v in spec["floors"].items())
        sc = m.report.score
        print(f"{name:16} {spec['level']:8} {'exact' if spec['exact'] else 'root'}  {figs}  floors: {floors} "
              f"[{spec['status']}] tp={sc.tp} fp={sc.fp} req={sc.required}")
        note = m.hash_note(spec)
        if note and spec["status"] != NOT_MEASURED:
            print(f"  {note}")
        for line in below_floor(m, spec):
            print(f"  BELOW FLOOR: {line}")
            status = 1
        if args.write:
            try:
                changes += update(spec, m, args.reason, today)
            except ValueError as exc:
                print(f"  {exc}", file=sys.stderr)
                return 2
    if args.write:
        args.floors.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print("\n".join(changes) or "floors unchanged")
    return status


if __name__ == "__main__":
    sys.exit(main())
