"""Bounds on what one input may cost: bytes read per file, characters coded per article.

A year of scraped news holds the odd 200 MB log file saved as ``.txt`` or a
page that is one endless table.  Such an input is read only up to
:data:`MAX_READ_BYTES` and coded only up to ``max_chars`` characters (cut at
a paragraph break), each with a one-line warning naming it, so one freak
input costs a bounded time and memory and the rest of the batch goes on.
What is coded of a long article is coded in windows of :data:`WINDOW_CHARS`
(heron.windows), so its memory does not grow with its length.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path

from heron.model import Article, Block

log = logging.getLogger(__name__)

# spaCy's own default limit per text; no news article comes near it.
MAX_ARTICLE_CHARS = 1_000_000
# An article longer than this is parsed and coded in windows of about this many
# characters, cut at paragraph breaks (heron.windows), so its memory is that of
# one window whatever its length.  News articles are a few thousand characters:
# only freak inputs (a transcript, a whole report) are windowed.
WINDOW_CHARS = 100_000
# What a .txt/.html file may take in memory before cleaning: a few times the
# article cap, since page chrome and markup are dropped first.
MAX_READ_BYTES = 16_000_000

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def read_bounded(path: Path, limit: int = MAX_READ_BYTES) -> bytes:
    """The file's bytes, or its first ``limit`` bytes (cut after a line break,
    so no character is split) with a warning; never reads the rest."""
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) <= limit:
        return data
    data = data[:limit]
    newline = data.rfind(b"\n")
    if newline > limit // 2:
        data = data[:newline + 1]
    size = _size(path)
    log.warning("%s: file is %s bytes; reading only the first %s", path,
                f"{size:,}" if size is not None else f"over {limit:,}", f"{len(data):,}")
    return data


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def cap_article(article: Article, max_chars: int, name: str) -> Article:
    """``article`` with its text cut to at most ``max_chars`` characters at the
    last paragraph break (else whitespace) before the limit, with a warning
    naming the input; unchanged when it is short enough."""
    text = article.text
    if max_chars <= 0 or len(text) <= max_chars:
        return article
    cut = -1
    for m in _PARAGRAPH_BREAK.finditer(text, 0, max_chars):
        cut = m.start()
    if cut <= 0:
        space = text.rfind(" ", 0, max_chars)
        cut = space if space > 0 else max_chars
    kept = text[:cut].rstrip()
    end = len(kept)
    blocks = tuple(Block(b.kind, b.start, min(b.end, end)) for b in article.blocks if b.start < end)
    log.warning("%s: article is %s characters; coding only the first %s (--max-chars %d)", name,
                f"{len(text):,}", f"{len(kept):,}", max_chars)
    return replace(article, text=kept, blocks=blocks)
