"""Every kind of broken input, through the real CLI: alone, and mixed with good files in one call.

Each bad input gets one line on stderr naming it and what is wrong; the good
inputs of the same call are coded; the exit status is 1 when anything failed.
All texts are our own sentences.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

GOOD = "Finnish President Sauli Niinisto met Kenyan President William Ruto in Helsinki on Monday."
FRENCH = ("Le président de la République a rencontré mardi à Paris le Premier ministre italien pour "
          "discuter de la situation en Libye. Les deux dirigeants ont appelé à un cessez-le-feu immédiat "
          "et à la reprise des négociations sous l'égide des Nations unies. Selon un communiqué publié "
          "par la présidence, ils se sont engagés à renforcer la coopération entre leurs pays sur les "
          "questions de migration et de sécurité.")
PAGE = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><body><article><p>" + GOOD.encode() + b" " + GOOD.encode() + b"</p></article></body></html>")


def heron(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "heron.cli", *args], capture_output=True, text=True,
                          input=stdin, timeout=600)


def warc_record(n: int) -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-00000000000{n}>\r\n"
            f"WARC-Target-URI: https://example.org/{n}\r\nWARC-Date: 2024-04-15T10:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(PAGE)}\r\n\r\n")
    return head.encode() + PAGE + b"\r\n\r\n"


def _write(path: Path, content: bytes | str) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# name -> (how to make it, words its one stderr line must contain)
Maker = Callable[[Path], Path]
BAD: dict[str, tuple[Maker, tuple[str, ...]]] = {
    "empty.txt": (lambda d: _write(d / "empty.txt", b""), ("empty file",)),
    "blank.txt": (lambda d: _write(d / "blank.txt", b" \n\t\n  "), ("empty file",)),
    "binary.txt": (lambda d: _write(d / "binary.txt", bytes(range(256)) * 8), ("binary file",)),
    "broken.jsonl": (lambda d: _write(d / "broken.jsonl", "\n".join([
        json.dumps({"id": "fine", "text": GOOD}), "{not json", json.dumps({"id": "no-text"}),
        json.dumps({"id": "number", "text": 7})]) + "\n"), ("broken.jsonl:2", "not valid JSON")),
    "truncated.warc.gz": (lambda d: _write(d / "truncated.warc.gz", (
        gzip.compress(warc_record(1)) + gzip.compress(warc_record(2)))[:-60]), ("truncated",)),
    "french.txt": (lambda d: _write(d / "french.txt", FRENCH), ("French",)),
    "missing.txt": (lambda d: d / "missing.txt", ("no such file",)),
    "loop.txt": (lambda d: _symlink(d / "loop.txt", d / "loop.txt"), ("symlink loop",)),
    "dangling.txt": (lambda d: _symlink(d / "dangling.txt", d / "nowhere"), ("dangling symlink",)),
    "notes.docx": (lambda d: _write(d / "notes.docx", b"PK\x03\x04"), ("unknown file type",)),
}
if hasattr(os, "mkfifo"):
    BAD["pipe.txt"] = (lambda d: _fifo(d / "pipe.txt"), ("FIFO",))


def _symlink(path: Path, target: Path) -> Path:
    path.symlink_to(target)
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _error_lines(stderr: str, name: str) -> list[str]:
    return [line for line in stderr.splitlines() if name in line]


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    return _write(tmp_path / "good.txt", GOOD + "\n")


@pytest.mark.slow
def test_all_bad_inputs_mixed_with_good_ones_in_one_call(tmp_path: Path, good: Path) -> None:
    bad = {name: make(tmp_path) for name, (make, _) in BAD.items()}
    dated = _write(tmp_path / "dated.jsonl",
                   json.dumps({"id": "dated", "text": GOOD, "date": "someday"}) + "\n")
    # heron() has a timeout: a FIFO among the inputs (pipe.txt) must not make it hang.
    proc = heron("code", *map(str, bad.values()), str(good), str(dated), "--format", "jsonl")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for name, (_, words) in BAD.items():
        lines = _error_lines(proc.stderr, name)
        assert lines, f"{name} not named:\n{proc.stderr}"
        assert any(all(w in line for w in words) for line in lines), (name, lines)
    ids = {json.loads(line)["article_id"] for line in proc.stdout.splitlines()}
    assert {"good", "fine", "dated"} <= ids
    # A bad date is a warning naming the file and line; the article is coded all the same.
    assert any(f"{dated}:1" in line and "someday" in line for line in proc.stderr.splitlines())
    # The broken JSONL names each of its bad lines with its number.
    assert any("broken.jsonl:3" in x and "no 'text'" in x for x in proc.stderr.splitlines())
    assert any("broken.jsonl:4" in x and "must be a string" in x for x in proc.stderr.splitlines())


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_input_alone_fails_in_one_line(tmp_path: Path, name: str) -> None:
    # In-process (the model loads once for all of them); the mixed test above runs the real binary.
    from typer.testing import CliRunner

    from heron.cli import app

    make, words = BAD[name]
    result = CliRunner().invoke(app, ["code", str(make(tmp_path)), "--format", "jsonl"])
    assert result.exit_code == 1, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    named = _error_lines(result.stderr, name)
    assert named and all(line.startswith("heron: ") for line in named), result.stderr
    assert any(all(w in line for w in words) for line in named), result.stderr
    if name not in ("broken.jsonl", "truncated.warc.gz"):  # one line per bad line or record
        assert len(named) == 1, result.stderr


@pytest.mark.slow
def test_decodable_and_dirty_inputs_are_coded(tmp_path: Path) -> None:
    """cp1252, UTF-16 with a BOM, control/bidi/zero-width characters, HTML nested 10,000 deep."""
    _write(tmp_path / "cp1252.txt", (GOOD + " The caf\u00e9 said \u201cno\u201d.").encode("cp1252"))
    _write(tmp_path / "utf16.txt", GOOD.encode("utf-16"))
    _write(tmp_path / "dirty.txt", "Finnish Pre\u200bsident Sauli Niin\u202eisto met Ken\x07yan President "
                                   "William Ruto in Hel\u200dsinki on Mon\u2066day.")
    _write(tmp_path / "deep.html", "<html><body>" + "<div>" * 10_000 + f"<p>{GOOD} {GOOD}</p>"
           + "</div>" * 10_000 + "</body></html>")
    proc = heron("code", *(str(tmp_path / n) for n in ("cp1252.txt", "utf16.txt", "dirty.txt", "deep.html")),
                 "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert {e["article_id"] for e in events} == {"cp1252", "utf16", "dirty", "deep"}, proc.stderr
    dirty = [e for e in events if e["article_id"] == "dirty"]
    assert dirty and dirty[0]["source"]["code"].startswith("FIN")
    assert dirty[0]["target"]["code"].startswith("KEN")
    [warning] = _error_lines(proc.stderr, "cp1252.txt")
    assert "Windows-1252" in warning


@pytest.mark.slow
def test_a_folder_names_what_it_skips(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    _write(folder / "story.txt", GOOD + "\n")
    _write(folder / "notes.xyz", "a note")
    _write(folder / ".draft.txt", GOOD + "\n")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "again").symlink_to(folder)  # a loop back to the folder itself
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")
    proc = heron("code", str(folder), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    [warning] = proc.stderr.strip().splitlines()
    for part in ("notes.xyz (unknown type", ".draft.txt (hidden)", "dangling.txt (dangling symlink)",
                 "again (symlink loop)"):
        assert part in warning, warning
    assert "pipe.txt (not a regular file (a FIFO))" in warning or not hasattr(os, "mkfifo")
    assert {json.loads(line)["article_id"] for line in proc.stdout.splitlines()} == {"story"}


@pytest.mark.slow
def test_a_folder_of_2000_small_files(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(2_000):
        _write(folder / f"note{i:04d}.txt", f"Note number {i} is short.\n")
    _write(folder / "story.txt", GOOD + "\n")
    db = tmp_path / "many.duckdb"
    proc = heron("ingest", str(folder), "--db", str(db), "-q")
    assert proc.returncode == 0, proc.stderr
    assert "stored 2001 article(s)" in proc.stderr, proc.stderr
