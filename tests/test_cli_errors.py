"""Ordinary mistakes get one line on stderr naming what is wrong and a non-zero status, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from heron.cli import app

GOOD = "Finnish President Sauli Niinisto met Kenyan President William Ruto in Helsinki on Monday.\n"


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "afile").write_text("just a file\n", encoding="utf-8")
    (tmp_path / "latin.csv").write_bytes(b"# version: 1\nname,aliases,country,role,title,start,end,note\n"
                                         b"Jos\xe9 Example,,USA,GOV,President,2001-01-01,,\n")
    (tmp_path / "quote.csv").write_text(
        "# version: 1\nname,aliases,country,role,title,start,end,note\n"
        '"Ann Example,,USA,GOV,President,2001-01-01,,first\n'
        "Bob Sample,,USA,GOV,President,2001-01-01,,second\n", encoding="utf-8")
    with (tmp_path / "huge.csv").open("wb") as f:  # sparse: big on paper, nothing on disk
        f.truncate(60_000_000)
    (tmp_path / "gold-bad.jsonl").write_text("{not json\n", encoding="utf-8")
    (tmp_path / "gold-latin.jsonl").write_bytes(b'{"article": "caf\xe9"}\n')
    return tmp_path


# (arguments with {d} for the folder, words the one stderr line must hold)
CASES = [
    (["code", "{d}/good.txt", "--output", "{d}/no/such/dir/out.jsonl", "-f", "jsonl"],
     ["--output", "No such file or directory"]),
    (["code", "{d}/good.txt", "--output", "{d}/afile/out.jsonl", "-f", "jsonl"],
     ["--output", "cannot write"]),
    (["code", "{d}/good.txt", "--output", "{d}/no/dir/out.parquet", "-f", "parquet"],
     ["--output", "cannot write"]),
    (["ingest", "{d}/good.txt", "--db", "{d}/afile/heron.duckdb", "-q"], ["afile/heron.duckdb", "folder"]),
    (["ingest", "{d}/good.txt", "--db", "{d}", "-q"], ["cannot open store"]),
    (["events", "--db", "{d}/afile"], ["afile", "cannot open store"]),
    (["ingest", "{d}/good.txt", "--batch-size", "0"], ["--batch-size", "at least 1"]),
    (["code", "{d}/good.txt", "--processes", "0"], ["--processes", "at least 1"]),
    (["ingest", "{d}/good.txt", "--processes", "0"], ["--processes", "at least 1"]),
    (["code", "{d}/good.txt", "--max-chars", "-5"], ["--max-chars"]),
    (["code", "{d}/good.txt", "--date", "yesterday"], ["--date", "YYYY-MM-DD"]),
    (["code", "{d}/good.txt", "--actors", "{d}/latin.csv"], ["latin.csv:3", "not UTF-8"]),
    (["code", "{d}/good.txt", "--actors", "{d}/huge.csv"], ["huge.csv", "60,000,000 bytes"]),
    (["code", "{d}/good.txt", "--actors", "{d}/missing.csv"], ["missing.csv", "cannot read"]),
    (["code", "{d}/good.txt", "--actors", "{d}/quote.csv"], ["quote.csv:3", "unclosed quote"]),
    (["eval", "--articles", "{d}/good.txt", "--gold", "{d}/missing.jsonl"], ["--gold", "missing.jsonl"]),
    (["eval", "--articles", "{d}/good.txt", "--gold", "{d}/gold-bad.jsonl"],
     ["gold-bad.jsonl:1", "not JSON"]),
    (["eval", "--articles", "{d}/good.txt", "--gold", "{d}/gold-latin.jsonl"], ["gold-latin.jsonl", "UTF-8"]),
    (["eval", "--articles", "{d}/missing.txt", "--gold", "{d}/gold-bad.jsonl"],
     ["--articles", "missing.txt"]),
]
if Path("/dev/full").exists():
    CASES.append((["code", "{d}/good.txt", "--output", "/dev/full", "-f", "jsonl"],
                  ["/dev/full", "No space left on device"]))


@pytest.mark.slow
@pytest.mark.parametrize(("args", "words"), CASES, ids=[" ".join(a[:1] + a[2:4]) for a, _ in CASES])
def test_an_ordinary_error_is_one_line(files: Path, args: list[str], words: list[str]) -> None:
    result = CliRunner().invoke(app, [a.format(d=files) for a in args])
    assert result.exit_code not in (0, None), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("heron: ") and all(w in lines[0] for w in words), lines[0]


def _heron(*args: str, stdout: int | object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "heron.cli", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, timeout=600, env={**os.environ, "COLUMNS": "80"})


@pytest.mark.slow
def test_usage_errors_and_a_full_stdout_through_the_real_binary(files: Path) -> None:
    for args, words in ((["code", str(files / "good.txt"), "--bogus"], ["No such option: --bogus"]),
                        (["code", str(files / "good.txt"), "--output", str(files), "-f", "jsonl"],
                         ["--output", "is a directory"]),
                        (["code"], ["Missing argument"])):
        proc = _heron(*args)
        assert proc.returncode == 2
        [line] = proc.stderr.strip().splitlines()
        assert line.startswith("heron: ") and all(w in line for w in words), line
    if Path("/dev/full").exists():
        with open("/dev/full", "w") as full:
            proc = _heron("code", str(files / "good.txt"), "-f", "jsonl", stdout=full)
        assert proc.returncode == 2
        assert proc.stderr.strip() == "heron: stdout: cannot write: No space left on device"


@pytest.mark.slow
def test_messages_are_not_wrapped_at_80_columns(tmp_path: Path) -> None:
    deep = tmp_path / ("a-folder-with-a-rather-long-name-" * 3) / "and-a-file-with-a-long-name-too.txt"
    deep.parent.mkdir(parents=True)
    deep.write_text("", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = _heron("ingest", str(deep), str(tmp_path / "good.txt"), "--db", str(tmp_path / "s.duckdb"))
    assert proc.returncode == 1
    [line] = [x for x in proc.stderr.splitlines() if "empty file" in x]
    assert str(deep) in line and len(line) > 80
    assert any("stored 1 article(s)" in x and "1 input(s) failed" in x for x in proc.stderr.splitlines())
