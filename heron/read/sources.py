"""Dispatching inputs (files, directories, stdin) to the readers.

Every failure of one input becomes a :class:`ReadFailure` and the batch goes
on: iter_articles never raises because of a bad input.  Every article read
passes one :class:`~heron.read.identity.IdRegistry` per run, so no two
articles of a run share an id (the scheme is in :mod:`heron.read.identity`).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from heron.model import Article, ReadFailure
from heron.read.build import article_from_html, build_article
from heron.read.errors import ReadError, decode_text
from heron.read.html import looks_like_html
from heron.read.identity import STDIN_NAME, IdRegistry, path_id, stdin_id
from heron.read.jsonl import iter_jsonl
from heron.read.limits import read_bounded
from heron.read.warc import iter_warc

log = logging.getLogger(__name__)

Result = Article | ReadFailure
KNOWN_EXTENSIONS = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")


def extension(path: Path) -> str | None:
    name = path.name.casefold()
    # Longest first, so ".warc.gz" wins over a plain ".gz".
    for ext in sorted(KNOWN_EXTENSIONS, key=len, reverse=True):
        if name.endswith(ext) and len(name) > len(ext):
            return ext
    return None


@dataclass(frozen=True)
class _Input:
    """One file to read: ``root`` is the directory argument it was found
    under (its id is the path relative to that), None for a file argument."""

    path: Path
    root: Path | None
    ids: IdRegistry


def _claimed(article: Article, where: str, ids: IdRegistry) -> Iterator[Result]:
    """A txt/html article through the registry (its id is derived, so a clash gets a digest)."""
    claimed = ids.claim(article, where, derived=True)
    if claimed is not None:
        yield claimed


def _read_txt(item: _Input) -> Iterator[Result]:
    text = decode_text(read_bounded(item.path), str(item.path))
    article = build_article(path_id(item.path, item.root, KNOWN_EXTENSIONS), text, source_path=str(item.path))
    yield from _claimed(article, str(item.path), item.ids)


def _read_html(item: _Input) -> Iterator[Result]:
    html = decode_text(read_bounded(item.path), str(item.path))
    article = article_from_html(path_id(item.path, item.root, KNOWN_EXTENSIONS), html,
                                source_path=str(item.path))
    yield from _claimed(article, str(item.path), item.ids)


def _read_jsonl(item: _Input) -> Iterator[Result]:
    with item.path.open("rb") as stream:  # line by line: a JSONL file may be any size
        yield from iter_jsonl(stream, str(item.path), str(item.path), item.ids)


def _read_warc(item: _Input) -> Iterator[Result]:
    with item.path.open("rb") as stream:
        yield from iter_warc(stream, str(item.path), item.ids)


READERS: dict[str, Callable[[_Input], Iterator[Result]]] = {
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


def _not_regular(path: Path) -> str | None:
    """Why ``path`` is no file to read (a FIFO would block for ever), or None."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop"
        if path.is_symlink():
            return "dangling symlink"
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    kinds = {stat.S_ISFIFO: "a FIFO", stat.S_ISSOCK: "a socket", stat.S_ISCHR: "a character device",
             stat.S_ISBLK: "a block device"}
    kind = next((label for test, label in kinds.items() if test(mode)), "not a regular file")
    return f"not a regular file ({kind})" if kind != "not a regular file" else kind


def _read_file(item: _Input) -> Iterator[Result]:
    path = item.path
    why = _not_regular(path)
    if why is not None:
        yield ReadFailure(str(path), why)
        return
    ext = extension(path)
    if ext is None:
        kind = path.suffix or "(no extension)"
        yield ReadFailure(str(path), f"unknown file type {kind!r}; expected one of "
                                     + ", ".join(KNOWN_EXTENSIONS))
        return
    yield from _guarded(str(path), READERS[ext](item))


# Names of skipped entries listed in a folder's warning; more are counted.
SKIPPED_NAMED = 10


def _walk(directory: Path) -> list[Path]:
    """Known-extension files under ``directory``, recursively, in sorted order.

    What is left out (hidden entries, unknown types, dangling symlinks, FIFOs,
    symlink loops) is named in one warning per folder argument, never
    dropped silently.  A symlinked folder is followed once (a loop back to a
    folder already walked is skipped and named).
    """
    found: list[Path] = []
    skipped: list[str] = []
    seen_dirs: set[str] = set()

    def visit(folder: Path) -> None:
        try:
            real = os.path.realpath(folder)
        except OSError:
            real = str(folder)
        if real in seen_dirs:
            skipped.append(f"{folder.relative_to(directory).as_posix()} (symlink loop)")
            return
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            skipped.append(f"{folder.relative_to(directory).as_posix() or '.'} "
                           f"(cannot list: {exc.strerror or exc})")
            return
        for entry in entries:
            path = Path(entry.path)
            rel = path.relative_to(directory).as_posix()
            if entry.name.startswith("."):
                skipped.append(f"{rel} (hidden)")  # .git, editor swap files: on purpose, but said
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                visit(path)
                continue
            why = _not_regular(path)
            if why is not None:
                skipped.append(f"{rel} ({why})")
            elif extension(path) is None:
                skipped.append(f"{rel} (unknown type {path.suffix or '(no extension)'!r})")
            else:
                found.append(path)

    visit(directory)
    if skipped:
        named = ", ".join(skipped[:SKIPPED_NAMED])
        more = f" and {len(skipped) - SKIPPED_NAMED} more" if len(skipped) > SKIPPED_NAMED else ""
        log.warning("%s: skipped %d entr%s: %s%s", directory, len(skipped),
                    "y" if len(skipped) == 1 else "ies", named, more)
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


def _read_stdin_content(data: str | bytes, ids: IdRegistry) -> Iterator[Result]:
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    text = decode_text(raw, STDIN_NAME)
    kind = sniff(text)
    if kind == "jsonl":
        yield from iter_jsonl(text.encode("utf-8"), STDIN_NAME, None, ids)
    elif kind == "html":
        yield from _claimed(article_from_html(stdin_id(text), text), STDIN_NAME, ids)
    else:
        yield from _claimed(build_article(stdin_id(text), text), STDIN_NAME, ids)


def _read_stdin(stdin: TextIO | BinaryIO | None, ids: IdRegistry) -> Iterator[Result]:
    stream: TextIO | BinaryIO = stdin if stdin is not None else sys.stdin.buffer
    data = stream.read()
    yield from _read_stdin_content(data, ids)


def iter_articles(paths: Sequence[str], stdin: TextIO | BinaryIO | None = None) -> Iterator[Result]:
    """Articles (or failures) from files, directories and "-" (stdin), in order.

    No two articles yielded share an id; a repeat of an article already
    read (same id, same text) is yielded once.
    """
    ids = IdRegistry()
    for item in paths:
        if item == "-":
            yield from _guarded(STDIN_NAME, _read_stdin(stdin, ids))
            continue
        path = Path(item)
        try:
            if path.is_dir():
                children = _walk(path)
                if not children:
                    yield ReadFailure(item, "directory holds no " + "/".join(KNOWN_EXTENSIONS) + " files")
                for child in children:
                    yield from _read_file(_Input(child, path, ids))
            elif path.exists() or path.is_symlink():
                yield from _read_file(_Input(path, None, ids))
            else:
                yield ReadFailure(item, "no such file or directory")
        except OSError as exc:
            yield ReadFailure(item, f"cannot read: {exc.strerror or exc}")
