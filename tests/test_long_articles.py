"""Long articles: parsed in pieces with every offset right, capped with a warning, never abort a batch.

The texts are our own sentences; a "long" article repeats them, and the one over
spaCy's 1,000,000-character limit is mostly very long tokens so that parsing it
stays cheap for the test suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from heron import nlp

PARAGRAPH = ("Finnish President Sauli Niinisto met Kenyan President William Ruto in Helsinki on Monday. "
             "Kenyan police arrested dozens of protesters in Nairobi, officials said.")


def heron(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "heron.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=600)


def long_text(n_paragraphs: int) -> str:
    return "\n\n".join(f"{PARAGRAPH} Item {i}." for i in range(n_paragraphs))


def test_split_long_keeps_every_character_and_cuts_at_paragraphs():
    text = long_text(400)
    pieces = nlp.split_long(text, limit=5_000)
    assert "".join(pieces) == text
    assert len(pieces) > 5
    assert all(len(p) <= 5_000 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])


def test_split_long_cuts_a_huge_sentence_at_whitespace_or_hard():
    sentence = " ".join(["word"] * 20_000) + "."
    pieces = nlp.split_long(sentence, limit=5_000)
    assert "".join(pieces) == sentence and all(len(p) <= 5_000 for p in pieces)
    assert all(p.endswith(" ") for p in pieces[:-1])
    blob = "x" * 12_000
    assert nlp.split_long(blob, limit=5_000) == ["x" * 5_000, "x" * 5_000, "x" * 2_000]
    assert nlp.split_long("short", limit=5_000) == ["short"]


@pytest.mark.slow
def test_a_long_text_parses_in_pieces_exactly_as_the_whole():
    text = long_text(300)  # about 50,000 characters: three pieces
    assert len(nlp.split_long(text)) > 1
    pieced = nlp.parse_one(text)
    whole = nlp.load()(text)
    assert pieced.text == text
    assert [t.idx for t in pieced] == [t.idx for t in whole]
    assert [s.start_char for s in pieced.sents] == [s.start_char for s in whole.sents]
    assert [(e.start_char, e.label_) for e in pieced.ents] == [(e.start_char, e.label_) for e in whole.ents]


@pytest.mark.slow
def test_max_chars_caps_an_article_with_a_warning_and_codes_the_rest(tmp_path):
    (tmp_path / "huge.txt").write_text(long_text(400), encoding="utf-8")
    (tmp_path / "good.txt").write_text(PARAGRAPH + "\n", encoding="utf-8")
    proc = heron("code", str(tmp_path / "huge.txt"), str(tmp_path / "good.txt"), "--max-chars", "20000",
                 "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if "huge.txt" in line]
    assert len(warnings) == 1 and "coding only the first" in warnings[0], proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert {e["article_id"] for e in events} == {"huge", "good"}
    assert max(e["span"][1] for e in events if e["article_id"] == "huge") <= 20_000


@pytest.mark.slow
def test_an_article_over_spacys_limit_neither_aborts_nor_hides_the_others(tmp_path):
    # 1,100 lines of one 1,000-character token: over spaCy's 1,000,000 characters, few tokens.
    filler = "\n\n".join("z" * 1_000 for _ in range(1_100))
    (tmp_path / "giant.txt").write_text(PARAGRAPH + "\n\n" + filler + "\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(PARAGRAPH + "\n", encoding="utf-8")
    lines = [json.dumps({"id": "big-line", "text": PARAGRAPH + "\n\n" + filler}),
             json.dumps({"id": "small-line", "text": PARAGRAPH})]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Without a cap: the whole text is parsed, in pieces.
    proc = heron("code", str(tmp_path / "giant.txt"), str(tmp_path / "good.txt"), "--max-chars", "0",
                 "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "max_length" not in proc.stderr
    assert {json.loads(x)["article_id"] for x in proc.stdout.splitlines()} == {"giant", "good"}
    # With the default cap: one warning naming the input, and everything stored.
    db = tmp_path / "store.duckdb"
    proc = heron("ingest", str(tmp_path / "mixed.jsonl"), str(tmp_path / "good.txt"), "--db", str(db), "-q")
    assert proc.returncode == 0, proc.stderr
    warned = [line for line in proc.stderr.splitlines() if "coding only the first" in line]
    assert len(warned) == 1 and "mixed.jsonl" in warned[0] and "big-line" in warned[0], proc.stderr
    assert "stored 3 article(s)" in proc.stderr, proc.stderr
    from heron.store import Store

    with Store(db, read_only=True) as store:
        ids = {a["id"] for a in store.articles()}
        assert ids == {"big-line", "small-line", "good"}
        assert len(store.article("big-line").text) <= 1_000_000
