"""The one exception the readers raise internally, and decoding an input's bytes.

Scraped news is often Windows-1252 or Latin-1, and some tools save UTF-16:
those are decoded (the guess said in a warning), not refused; only what is
surely not text (NUL bytes outside UTF-16, mostly control bytes) is.
"""

from __future__ import annotations

import codecs
import logging

log = logging.getLogger(__name__)

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Of the decoded characters, at most this share may be control characters
# (tab, line breaks and form feeds aside) for the bytes to count as text.
MAX_CONTROL_SHARE = 0.02


class ReadError(Exception):
    """An input cannot be read; ``reason`` is one short line for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for ch in text if (ch < " " and ch not in "\t\n\r\f\v") or "\x7f" <= ch <= "\x9f")
    return controls <= MAX_CONTROL_SHARE * len(text)


def decode_text(data: bytes, name: str = "") -> str:
    """Bytes of a text input → str, or ReadError for empty or binary input.

    UTF-8 (with or without a BOM) and UTF-16/32 with a BOM are read as such;
    other bytes that are not UTF-8 are read as Windows-1252 (Latin-1 where
    cp1252 leaves a byte undefined), with a warning naming ``name``.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(f"invalid {encoding.upper()} after its byte-order mark "
                                f"(byte {exc.start})") from exc
            if not text.strip():
                raise ReadError("empty file")
            return text
    if not data.strip():
        raise ReadError("empty file")
    if b"\x00" in data:
        raise ReadError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = exc.start
        try:
            text, encoding = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "Latin-1"
        if not _looks_like_text(text):
            raise ReadError(f"binary file (not UTF-8 from byte {bad}, and not text in any 8-bit "
                            "encoding)") from exc
        log.warning("%snot UTF-8 (byte %d); read as %s", f"{name}: " if name else "", bad, encoding)
        return text
    if not _looks_like_text(text):
        raise ReadError("binary file (mostly control characters)")
    return text
