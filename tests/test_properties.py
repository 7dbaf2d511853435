"""Property-based tests (hypothesis): any bytes into the readers and the cleaner give
articles or a clean one-line failure, never an exception.  Example counts are kept
modest so the suite stays fast."""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heron.model import Article, ReadFailure
from heron.read import iter_articles
from heron.read.clean import clean_text
from heron.read.errors import ReadError, decode_text
from heron.read.jsonl import iter_jsonl
from heron.read.limits import cap_article

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
WORDS = st.sampled_from(["Kenya", "police", "arrested", "the", "minister", "\u200b", "\u202e", "\x07",
                         "\u2028", "\n", "\n\n", " ", "café", "“", ".", "Helsinki", "\r", "\t", "\ufeff"])
# Text that looks a little like news, with every kind of invisible and control character mixed in.
NEWSISH = st.lists(WORDS, max_size=80).map(" ".join)
ANY_TEXT = st.one_of(NEWSISH, st.text(max_size=400))


def _well_formed(results: list[Article | ReadFailure]) -> None:
    for item in results:
        assert isinstance(item, Article | ReadFailure)
        if isinstance(item, ReadFailure):
            assert item.reason and "\n" not in item.message()
        else:
            assert item.text.strip() and item.id
            for block in item.blocks:
                assert 0 <= block.start <= block.end <= len(item.text)


@SETTINGS
@given(raw=ANY_TEXT, title=st.one_of(st.none(), st.text(max_size=40)))
def test_the_cleaner_never_crashes_and_its_blocks_fit(raw: str, title: str | None) -> None:
    cleaned = clean_text(raw, title=title)
    for block in cleaned.blocks:
        assert 0 <= block.start <= block.end <= len(cleaned.text)
        assert cleaned.text[block.start:block.end].strip() == cleaned.text[block.start:block.end]
    for ch in "\u200b\u202e\x07\ufeff\u2028\r":
        assert ch not in cleaned.text


@SETTINGS
@given(data=st.binary(max_size=600))
def test_decoding_any_bytes_gives_text_or_a_read_error(data: bytes) -> None:
    try:
        text = decode_text(data)
    except ReadError as exc:
        assert exc.reason and "\n" not in exc.reason
    else:
        assert isinstance(text, str) and text.strip()


@SETTINGS
@given(data=st.one_of(st.binary(max_size=600), NEWSISH.map(lambda t: t.encode("utf-8"))),
       ext=st.sampled_from([".txt", ".html", ".jsonl", ".warc", ".warc.gz", ".htm"]))
def test_any_file_gives_articles_or_failures(tmp_path: Path, data: bytes, ext: str) -> None:
    path = tmp_path / f"input{ext}"
    path.write_bytes(data)
    _well_formed(list(iter_articles([str(path)])))


@SETTINGS
@given(data=st.binary(max_size=600))
def test_any_stdin_gives_articles_or_failures(data: bytes) -> None:
    _well_formed(list(iter_articles(["-"], stdin=io.BytesIO(data))))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8)
RECORDS = st.fixed_dictionaries({}, optional={"id": JSON_VALUES, "text": st.one_of(JSON_VALUES, NEWSISH),
                                              "html": JSON_VALUES, "date": JSON_VALUES, "url": JSON_VALUES,
                                              "title": JSON_VALUES})


@SETTINGS
@given(lines=st.lists(st.one_of(RECORDS.map(json.dumps), st.text(max_size=40)), max_size=6))
def test_any_jsonl_gives_articles_or_failures_by_line(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    try:
        results = list(iter_jsonl(data, "feed.jsonl", "feed.jsonl"))
    except ReadError as exc:  # only for the file as a whole: empty, binary
        assert exc.reason in ("empty file", "binary file (contains NUL bytes)")
        return
    _well_formed(results)
    for item in results:
        if isinstance(item, ReadFailure):
            assert item.input.startswith("feed.jsonl:")


@SETTINGS
@given(text=NEWSISH.filter(lambda t: t.strip()), limit=st.integers(min_value=0, max_value=200))
def test_capping_keeps_a_prefix_and_blocks_inside_it(text: str, limit: int) -> None:
    cleaned = clean_text(text)
    if not cleaned.text:
        return
    article = Article(id="a", text=cleaned.text, blocks=cleaned.blocks)
    capped = cap_article(article, limit, "a")
    assert cleaned.text.startswith(capped.text)
    assert limit == 0 or len(capped.text) <= max(limit, 0) or capped is article
    for block in capped.blocks:
        assert 0 <= block.start <= block.end <= len(capped.text)
