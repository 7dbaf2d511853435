"""WARC / WARC.gz input: HTML response records, read with fastwarc.

Each HTML response (HTTP 2xx) is one article; other records (requests,
metadata, images, redirects) are skipped silently.  The id is the record id
(the UUID of ``<urn:uuid:...>``), falling back to the target URI; WARC-Date is
the fallback publication date, below the page's own meta date.
"""

from __future__ import annotations

import codecs
import logging
import re
import zlib
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from heron.model import Article, ReadFailure
from heron.read.build import article_from_html
from heron.read.errors import ReadError
from heron.read.identity import IdRegistry

log = logging.getLogger(__name__)


def record_article_id(record_id: str | None, target_uri: str | None) -> str | None:
    if record_id:
        rid = record_id.strip().strip("<>")
        if rid.startswith("urn:uuid:"):
            rid = rid[len("urn:uuid:"):]
        if rid:
            return rid
    return target_uri.strip() if target_uri and target_uri.strip() else None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _decode(body: bytes, charset: str | None) -> str:
    """HTML bytes → str: the HTTP charset, else the page's <meta charset>, else UTF-8.

    Unlike a local .html file (which must be UTF-8), a captured page is what
    the server sent, and older news sites often declare another charset.
    """
    declared = [charset] if charset else []
    meta = _META_CHARSET.search(body[:4096])
    if meta:
        declared.append(meta.group(1).decode("ascii", "replace"))
    for name in declared:
        try:
            codecs.lookup(name)
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"invalid UTF-8 in HTML (byte {exc.start})") from exc


def _is_html(record: WarcRecord) -> bool:
    ctype = (record.http_content_type or "").casefold()
    return "html" in ctype


def _status(record: WarcRecord) -> int | None:
    headers = record.http_headers
    return getattr(headers, "status_code", None) if headers is not None else None


def _warc_date(record: WarcRecord) -> date | None:
    stamp = record.record_date
    return stamp.date() if stamp is not None else None


def iter_warc(stream: BinaryIO, path: str, ids: IdRegistry | None = None) -> Iterator[Article | ReadFailure]:
    """Articles from a (possibly gzipped) WARC stream; failures name the record.

    ``ids`` is the run's registry: a record id (or URI) read before with
    other text (a page captured twice) fails for the later record.
    """
    ids = ids if ids is not None else IdRegistry()
    seen_html = 0
    try:
        records = ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True,
                                  fsspec_args=False)
        for record in records:
            status = _status(record)
            if not _is_html(record) or (status is not None and not 200 <= status < 300):
                continue
            seen_html += 1
            uri = record.headers.get("WARC-Target-URI")
            article_id = record_article_id(record.headers.get("WARC-Record-ID"), uri)
            where = f"{path}#{article_id or seen_html}"
            if article_id is None:
                yield ReadFailure(where, "WARC record has neither a record id nor a target URI")
                continue
            try:
                html = _decode(record.reader.read(), record.http_charset)
                article = article_from_html(article_id, html, url=uri, source_path=path,
                                            warc_date=_warc_date(record))
            except ReadError as exc:
                yield ReadFailure(where, exc.reason)
                continue
            claimed = ids.claim(article, where, derived=False)
            if claimed is not None:
                yield claimed
    except OSError as exc:
        raise ReadError(f"cannot read WARC: {exc}") from exc
    # fastwarc stops quietly at a cut-off gzip member: say so, keeping what was read.
    truncated = path.endswith(".gz") and not _gzip_complete(path)
    if truncated:
        yield ReadFailure(path, f"truncated gzip data: the file ends inside a record "
                                f"({seen_html} HTML record(s) read before it)")
    if seen_html == 0 and not truncated:
        raise ReadError("no HTML response records in WARC")


def _gzip_complete(path: str) -> bool:
    """Whether every gzip member of the file ends properly (streamed, bounded memory)."""
    try:
        with open(path, "rb") as stream:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            fed = False
            while chunk := stream.read(1 << 20):
                while chunk:
                    fed = True
                    inflater.decompress(chunk, 1 << 16)
                    chunk = inflater.unconsumed_tail
                    if inflater.eof:  # a member ended: the rest starts the next one
                        chunk = inflater.unused_data + chunk
                        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                        fed = False
                        if not chunk.strip(b"\x00"):
                            break
            return not fed
    except (OSError, zlib.error):
        return False
