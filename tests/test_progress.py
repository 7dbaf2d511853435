"""heron.progress and `heron --version`: progress on stderr only when asked or on a terminal."""

from __future__ import annotations

import io
import json
from pathlib import Path

from typer.testing import CliRunner

from heron.cli import app
from heron.progress import Progress, count_articles
from heron.provenance import coder_version


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_off_a_terminal_nothing_unless_forced() -> None:
    quiet = io.StringIO()
    counter = Progress("coding", total=3, stream=quiet)
    for _ in range(3):
        counter.advance(articles=1, events=2)
    counter.close()
    assert quiet.getvalue() == "" and counter.events == 6
    shown = io.StringIO()
    counter = Progress("coding", total=3, forced=True, stream=shown)
    counter.advance(articles=1, events=2)
    counter.advance(skipped=1)
    counter.advance(failed=1)
    counter.message("heron: bad.txt: cannot read")
    counter.close()
    lines = shown.getvalue().splitlines()
    assert lines[0].startswith("coding: 1/3 articles, 2 events")
    assert "heron: bad.txt: cannot read" in lines
    assert lines[-1].startswith("coding: 3/3 articles, 2 events, 1 skipped, 1 failed")
    assert "\r" not in shown.getvalue()


def test_a_terminal_gets_one_line_rewritten_only_for_long_runs(monkeypatch) -> None:
    clock = [100.0]
    monkeypatch.setattr("heron.progress.time.monotonic", lambda: clock[0])
    short = Terminal()
    counter = Progress("ingest", total=10, stream=short)
    counter.advance(articles=1)
    counter.close()
    assert short.getvalue() == ""  # a run under two seconds shows nothing
    long = Terminal()
    counter = Progress("ingest", total=10, stream=long)
    for _ in range(5):
        clock[0] += 1.0
        counter.advance(articles=1, events=1)
    assert "\r\x1b[2K" in long.getvalue() and "\n" not in long.getvalue()
    assert "ingest: 5/10 articles" in long.getvalue() and "5s left" in long.getvalue()
    counter.close()
    assert long.getvalue().endswith("\n")
    assert Progress("ingest", stream=Terminal(), disabled=True).enabled is False


def test_count_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One article.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>Two.</p>", encoding="utf-8")
    lines = "\n".join(json.dumps({"id": str(i), "text": "x"}) for i in range(4)) + "\n\n"
    (tmp_path / "c.jsonl").write_text(lines, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("skipped by the reader", encoding="utf-8")
    assert count_articles([str(tmp_path)]) == 6
    assert count_articles([str(tmp_path / "c.jsonl"), str(tmp_path / "a.txt")]) == 5
    (tmp_path / "d.warc").write_bytes(b"")
    assert count_articles([str(tmp_path)]) is None  # a WARC's records are not known up front
    assert count_articles(["-"]) is None


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("heron 0.") and coder_version() in result.stdout
