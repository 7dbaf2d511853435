"""Opening the store for one request: read-only, briefly, with a wait when it is busy.

DuckDB lets one process write a file at a time, and a reader holding it open
would keep ``heron ingest`` from starting.  So the explorer holds no
connection between requests: each request opens the file read-only, runs its
parameterised queries and closes it.  When a writer holds the file the open
fails with a lock error; the request then retries with a growing pause for
up to ``store_wait_s`` and answers 503 "store is busy" when that runs out.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from heron.store import Store, StoreError


class StoreBusy(RuntimeError):
    """Another process holds the store's write lock for longer than we wait."""


class StoreUnavailable(RuntimeError):
    """The store file is missing or cannot be read as a heron store."""


def check_store(path: Path) -> dict[str, int]:
    """Open the store once read-only, to fail at start-up with one clear line; returns its counts."""
    try:
        with Store(path, read_only=True) as store:
            return store.counts()
    except StoreError as exc:
        raise StoreUnavailable(str(exc)) from exc
    except duckdb.Error as exc:
        raise StoreUnavailable(f"{path}: cannot open store: {exc}") from exc


def _is_lock_error(exc: duckdb.Error) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text


@contextmanager
def connect(path: Path, *, wait_s: float, writable: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to ``path`` for one request, closed afterwards."""
    if not path.exists():
        raise StoreUnavailable(f"{path}: no such store")
    deadline = time.monotonic() + wait_s
    pause = 0.02
    while True:
        try:
            con = duckdb.connect(str(path), read_only=not writable)
            break
        except duckdb.Error as exc:
            if not _is_lock_error(exc):
                raise StoreUnavailable(f"{path}: cannot open store: {exc}") from exc
            if time.monotonic() + pause > deadline:
                raise StoreBusy(f"store is busy (another process is writing {path.name}); "
                                "try again shortly") from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.25)
    try:
        yield con
    finally:
        con.close()
