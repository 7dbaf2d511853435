"""The command line, end to end, as a user calls it (contract: shared CONTRACT.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REQUIRED_KEYS = {"article_id", "source", "target", "code", "sentence", "negated"}

ARTICLE = (
    "OSLO, March 3, 2021 (Wire) - Norwegian Foreign Minister Ine Eriksen Soreide met Colombian "
    "President Ivan Duque in Oslo on Tuesday.\n\n"
    "Soreide said Norway would keep backing the peace process. Colombian troops attacked a rebel camp "
    "near the Venezuelan border on Monday, the army said.\n"
)


def heron(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "heron.cli", *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("inputs")
    (d / "oslo.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (d / "notes.xyz").write_text("what is this", encoding="utf-8")
    return d


def test_code_jsonl_follows_the_contract(inputs):
    proc = heron("code", str(inputs / "oslo.txt"), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert lines, "expected events"
    for rec in lines:
        assert rec.keys() >= REQUIRED_KEYS
        assert rec["article_id"] == "oslo"
        assert rec["source"]["code"] and rec["source"]["text"]
        assert rec["sentence"] in ARTICLE
    assert any(r["source"]["code"].startswith("NOR") and r["code"].startswith("04") for r in lines)


def test_bad_inputs_are_named_and_the_rest_is_coded(inputs):
    proc = heron("code", str(inputs / "empty.txt"), str(inputs / "blob.txt"), str(inputs / "notes.xyz"),
                 str(inputs / "oslo.txt"), "--format", "jsonl")
    assert proc.returncode == 1
    errors = proc.stderr.strip().splitlines()
    for name in ("empty.txt", "blob.txt", "notes.xyz"):
        assert sum(name in line for line in errors) == 1, proc.stderr
    assert any(json.loads(line)["article_id"] == "oslo" for line in proc.stdout.splitlines())


def test_stdin(inputs):
    proc = heron("code", "-", "--format", "jsonl", stdin=ARTICLE)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()


def test_ingest_is_idempotent_and_queryable(inputs, tmp_path):
    db = tmp_path / "h.duckdb"
    first = heron("ingest", str(inputs / "oslo.txt"), "--db", str(db), "-q")
    assert first.returncode == 0, first.stderr
    rows1 = json.loads(heron("events", "--db", str(db), "--format", "json").stdout)
    again = heron("ingest", str(inputs / "oslo.txt"), "--db", str(db), "-q")
    assert again.returncode == 0, again.stderr
    rows2 = json.loads(heron("events", "--db", str(db), "--format", "json").stdout)
    assert rows1 and sorted(r["id"] for r in rows1) == sorted(r["id"] for r in rows2)
    nor = json.loads(heron("events", "--db", str(db), "--actor", "NOR", "--format", "json").stdout)
    assert nor and all("NOR" in (r["source"]["code"][:3], r["target"]["code"][:3]) for r in nor)
    fights = json.loads(heron("events", "--db", str(db), "--code", "19", "--format", "json").stdout)
    assert all(r["code"].startswith("19") for r in fights)


def test_formats(inputs):
    csv_out = heron("code", str(inputs / "oslo.txt"), "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("id,") or "source_code" in csv_out.splitlines()[0]
    table = heron("code", str(inputs / "oslo.txt"), "--format", "table").stdout
    assert "NOR" in table
    arr = json.loads(heron("code", str(inputs / "oslo.txt"), "--format", "json").stdout)
    assert isinstance(arr, list) and arr


def test_help_lists_every_command():
    out = heron("--help").stdout
    for command in ("code", "ingest", "events", "eval", "actor", "actors"):
        assert command in out
