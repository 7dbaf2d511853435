"""The one exception the readers raise internally; sources turns it into ReadFailure."""

from __future__ import annotations


class ReadError(Exception):
    """An input cannot be read; ``reason`` is one short line for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode_utf8(data: bytes) -> str:
    """Bytes of a text input → str, or ReadError for empty/binary/non-UTF-8 input."""
    if not data.strip():
        raise ReadError("empty file")
    if b"\x00" in data:
        raise ReadError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"invalid UTF-8 (byte {exc.start})") from exc
