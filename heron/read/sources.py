"""Dispatching inputs (files, directories, stdin) to the readers.

Every failure of one input becomes a :class:`ReadFailure` and the batch goes
on: iter_articles never raises because of a bad input.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from heron.model import Article, ReadFailure
from heron.read.build import article_from_html, build_article
from heron.read.errors import ReadError, decode_utf8
from heron.read.html import looks_like_html
from heron.read.jsonl import iter_jsonl
from heron.read.warc import iter_warc

log = logging.getLogger(__name__)

Result = Article | ReadFailure
STDIN_NAME = "stdin"
KNOWN_EXTENSIONS = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")


def extension(path: Path) -> str | None:
    name = path.name.casefold()
    # Longest first, so ".warc.gz" wins over a plain ".gz".
    for ext in sorted(KNOWN_EXTENSIONS, key=len, reverse=True):
        if name.endswith(ext) and len(name) > len(ext):
            return ext
    return None


def article_id_for(path: Path) -> str:
    ext = extension(path)
    return path.name[: -len(ext)] if ext else path.stem


def _read_txt(path: Path) -> Iterator[Result]:
    text = decode_utf8(path.read_bytes())
    yield build_article(article_id_for(path), text, source_path=str(path))


def _read_html(path: Path) -> Iterator[Result]:
    html = decode_utf8(path.read_bytes())
    yield article_from_html(article_id_for(path), html, source_path=str(path))


def _read_jsonl(path: Path) -> Iterator[Result]:
    yield from iter_jsonl(path.read_bytes(), str(path), str(path))


def _read_warc(path: Path) -> Iterator[Result]:
    with path.open("rb") as stream:
        yield from iter_warc(stream, str(path))


READERS: dict[str, Callable[[Path], Iterator[Result]]] = {
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".jsonl": _read_jsonl,
    ".warc": _read_warc,
    ".warc.gz": _read_warc,
}


def _guarded(name: str, results: Iterator[Result]) -> Iterator[Result]:
    """Turn any error while reading one input into a ReadFailure for it."""
    try:
        yield from results
    except ReadError as exc:
        yield ReadFailure(name, exc.reason)
    except OSError as exc:
        yield ReadFailure(name, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # never let one input stop the batch
        log.exception("unexpected error reading %s", name)
        yield ReadFailure(name, f"unexpected error: {type(exc).__name__}: {exc}")


def _read_file(path: Path) -> Iterator[Result]:
    ext = extension(path)
    if ext is None:
        kind = path.suffix or "(no extension)"
        yield ReadFailure(str(path), f"unknown file type {kind!r}; expected one of "
                                     + ", ".join(KNOWN_EXTENSIONS))
        return
    yield from _guarded(str(path), READERS[ext](path))


def _walk(directory: Path) -> list[Path]:
    """Known-extension files under ``directory``, recursively, in sorted order."""
    found = []
    for path in directory.rglob("*"):
        rel = path.relative_to(directory)
        if any(part.startswith(".") for part in rel.parts):
            continue  # hidden files and folders (.git, editor swap files)
        if path.is_file() and extension(path) is not None:
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(directory).as_posix())


def sniff(text: str) -> str:
    """'jsonl', 'html' or 'text' for stdin content."""
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and all(line.lstrip().startswith("{") for line in lines):
        try:
            if all(isinstance(json.loads(line), dict) for line in lines):
                return "jsonl"
        except json.JSONDecodeError:
            pass
    if looks_like_html(text):
        return "html"
    return "text"


def _read_stdin_content(data: str | bytes) -> Iterator[Result]:
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    text = decode_utf8(raw)
    kind = sniff(text)
    if kind == "jsonl":
        yield from iter_jsonl(text.encode("utf-8"), STDIN_NAME, None)
    elif kind == "html":
        yield article_from_html(STDIN_NAME, text)
    else:
        yield build_article(STDIN_NAME, text)


def _read_stdin(stdin: TextIO | BinaryIO | None) -> Iterator[Result]:
    stream: TextIO | BinaryIO = stdin if stdin is not None else sys.stdin.buffer
    data = stream.read()
    yield from _read_stdin_content(data)


def iter_articles(paths: Sequence[str], stdin: TextIO | BinaryIO | None = None) -> Iterator[Result]:
    """Articles (or failures) from files, directories and "-" (stdin), in order."""
    for item in paths:
        if item == "-":
            yield from _guarded(STDIN_NAME, _read_stdin(stdin))
            continue
        path = Path(item)
        try:
            if path.is_dir():
                children = _walk(path)
                if not children:
                    yield ReadFailure(item, "directory holds no " + "/".join(KNOWN_EXTENSIONS) + " files")
                for child in children:
                    yield from _read_file(child)
            elif path.exists():
                yield from _read_file(path)
            else:
                yield ReadFailure(item, "no such file or directory")
        except OSError as exc:
            yield ReadFailure(item, f"cannot read: {exc.strerror or exc}")
