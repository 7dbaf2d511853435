"""JSONL input: one article per line (id, text or html, optional date, url, title).

A bad line becomes a ReadFailure naming ``file:line``; the other lines go on.
The id is the line's ``id`` as given, else its ``url``; a second line with an
id already read and different text is a failure of that line (see
:mod:`heron.read.identity`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

from heron.model import Article, ReadFailure
from heron.read.build import article_from_html, build_article
from heron.read.errors import ReadError
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


def article_from_record(record: Any, source_path: str | None) -> Article:
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
    published = parse_metadata_date(record.get("date"))
    if text and text.strip():
        return build_article(article_id, text, title=title, url=url, source_path=source_path,
                             metadata_date=published)
    assert html is not None
    return article_from_html(article_id, html, title=title, url=url, source_path=source_path,
                             metadata_date=published)


def iter_jsonl(data: bytes, name: str, source_path: str | None,
               ids: IdRegistry | None = None) -> Iterator[Article | ReadFailure]:
    """Articles from JSONL bytes; ``name`` prefixes line failures ("file.jsonl:3").

    ``ids`` is the run's registry (a fresh one if None): a repeated line is
    read once, a repeated id with other text fails on its later line.
    """
    ids = ids if ids is not None else IdRegistry()
    if not data.strip():
        raise ReadError("empty file")
    if b"\x00" in data:
        raise ReadError("binary file (contains NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        where = f"{name}:{number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield ReadFailure(where, f"invalid UTF-8 (byte {exc.start})")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, f"not valid JSON ({exc.msg}, column {exc.colno})")
            continue
        try:
            article = article_from_record(record, source_path)
        except ReadError as exc:
            yield ReadFailure(where, exc.reason)
        except Exception as exc:  # a bug or a library failure must not stop the other lines
            log.exception("unexpected error reading %s", where)
            yield ReadFailure(where, f"unexpected error: {type(exc).__name__}: {exc}")
            continue
        claimed = ids.claim(article, where, derived=False)
        if claimed is not None:
            yield claimed
