"""JSONL input: one article per line (id, text or html, optional date, url, title).

A bad line becomes a ReadFailure naming ``file:line``; the other lines go on.
The id is the line's ``id`` as given, else its ``url``; a second line with an
id already read and different text is a failure of that line (see
:mod:`heron.read.identity`).
"""

from __future__ import annotations

import codecs
import json
import logging
from collections.abc import Iterator
from typing import Any, BinaryIO

from heron.model import Article, ReadFailure
from heron.read.build import article_from_html, build_article
from heron.read.errors import ReadError, decode_text
from heron.read.identity import IdRegistry
from heron.read.pubdate import parse_metadata_date

log = logging.getLogger(__name__)


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ReadError(f"'{key}' must be a string")
    return value.strip() or None


def article_from_record(record: Any, source_path: str | None, where: str = "") -> Article:
    """One decoded JSON value → Article, or ReadError saying what is wrong."""
    if not isinstance(record, dict):
        raise ReadError(f"line is not a JSON object (got {type(record).__name__})")
    raw_id = record.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        # A URL names an article as well as an id does, and better than a
        # number heron would make up.
        raw_id = _optional_str(record, "url")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or not str(raw_id).strip():
        raise ReadError("missing 'id' (and no 'url' to use instead)")
    article_id = str(raw_id).strip()
    text = record.get("text")
    html = record.get("html")
    if text is not None and not isinstance(text, str):
        raise ReadError("'text' must be a string")
    if html is not None and not isinstance(html, str):
        raise ReadError("'html' must be a string")
    if not (text and text.strip()) and not (html and html.strip()):
        raise ReadError(f"article {article_id!r} has no 'text' or 'html'")
    title = _optional_str(record, "title")
    url = _optional_str(record, "url")
    published = parse_metadata_date(record.get("date"), where)
    if text and text.strip():
        return build_article(article_id, text, title=title, url=url, source_path=source_path,
                             metadata_date=published)
    assert html is not None
    return article_from_html(article_id, html, title=title, url=url, source_path=source_path,
                             metadata_date=published)


def _lines(data: bytes | BinaryIO) -> Iterator[bytes]:
    """The lines of JSONL bytes or of a binary stream (read line by line, never whole)."""
    if isinstance(data, bytes):
        head, rest = data[:SNIFF_BYTES], data
        stream: Iterator[bytes] = iter(data.split(b"\n"))
    else:
        head = data.read(SNIFF_BYTES)
        rest = b""
        stream = _rejoined(head, data)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        whole = rest if isinstance(data, bytes) else head + data.read()
        yield from decode_text(whole).encode("utf-8").split(b"\n")
        return
    if b"\x00" in head:
        raise ReadError("binary file (contains NUL bytes)")
    if head.startswith(codecs.BOM_UTF8):
        first = next(stream)
        yield first[len(codecs.BOM_UTF8):]
    yield from stream


def _rejoined(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """Lines of ``head`` + the rest of ``stream``, split on b"\\n" only (as bytes.split does)."""
    pending = head
    while True:
        *complete, pending = pending.split(b"\n")
        yield from complete
        chunk = stream.read(CHUNK_BYTES)
        if not chunk:
            yield pending
            return
        pending += chunk


SNIFF_BYTES = 65_536
CHUNK_BYTES = 1 << 20


def iter_jsonl(data: bytes | BinaryIO, name: str, source_path: str | None,
               ids: IdRegistry | None = None) -> Iterator[Article | ReadFailure]:
    """Articles from JSONL bytes or a binary stream; ``name`` prefixes line failures ("file.jsonl:3").

    ``ids`` is the run's registry (a fresh one if None): a repeated line is
    read once, a repeated id with other text fails on its later line.  A
    line that is not UTF-8 is read as Windows-1252 with a warning.
    """
    ids = ids if ids is not None else IdRegistry()
    any_line = False
    for number, raw in enumerate(_lines(data), start=1):
        if not raw.strip():
            continue
        any_line = True
        where = f"{name}:{number}"
        try:
            line = decode_text(raw, where)
        except ReadError as exc:
            yield ReadFailure(where, exc.reason)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, f"not valid JSON ({exc.msg}, column {exc.colno})")
            continue
        except RecursionError:
            yield ReadFailure(where, "not valid JSON (nested too deeply)")
            continue
        try:
            article = article_from_record(record, source_path, where)
        except ReadError as exc:
            yield ReadFailure(where, exc.reason)
            continue
        except Exception as exc:  # a bug or a library failure must not stop the other lines
            log.exception("unexpected error reading %s", where)
            yield ReadFailure(where, f"unexpected error: {type(exc).__name__}: {exc}")
            continue
        claimed = ids.claim(article, where, derived=False)
        if claimed is not None:
            yield claimed
    if not any_line:
        raise ReadError("empty file")
