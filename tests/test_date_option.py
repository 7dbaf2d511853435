"""`--date`: the publication date of inputs whose metadata gives none."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from heron.model import Article, ReadFailure
from heron.pipeline import PipelineOptions, _dated

TEXT = "Chilean President Gabriel Boric met Argentine President Javier Milei in Santiago on Tuesday.\n"


def test_an_undated_text_takes_the_option():
    art = Article(id="a", text=TEXT)
    got = _dated(art, date(2024, 5, 9))
    assert isinstance(got, Article)
    assert got.published == date(2024, 5, 9) and got.published_source == "option"


def test_a_guess_from_the_text_yields_to_it_but_metadata_does_not():
    guessed = Article(id="a", text=TEXT, published=date(2020, 1, 1), published_source="first-dated-sentence")
    given = Article(id="b", text=TEXT, published=date(2020, 1, 1), published_source="metadata")
    assert _dated(guessed, date(2024, 5, 9)).published == date(2024, 5, 9)  # type: ignore[union-attr]
    assert _dated(given, date(2024, 5, 9)).published == date(2020, 1, 1)  # type: ignore[union-attr]
    failure = ReadFailure("x.txt", "empty")
    assert _dated(failure, date(2024, 5, 9)) is failure
    assert PipelineOptions().published is None


def test_code_resolves_weekdays_against_the_option(tmp_path: Path):
    (tmp_path / "talks.txt").write_text(TEXT, encoding="utf-8")
    run = [sys.executable, "-m", "heron.cli", "code", str(tmp_path / "talks.txt"), "--format", "jsonl"]
    proc = subprocess.run([*run, "--date", "2024-05-09"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert events and all(e["date"] == "2024-05-07" for e in events)  # the Tuesday before a Thursday
    bad = subprocess.run([*run, "--date", "9 May"], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "--date" in bad.stderr
