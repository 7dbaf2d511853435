"""Reading the store for a request: attached read-only only while requests run, waiting when it is busy.

DuckDB lets one process write a file at a time, and a reader holding the
file open keeps ``heron ingest`` from writing it.  So the explorer never
keeps the store open while idle.  It keeps one in-memory DuckDB instance for
the life of the server and ATTACHes the store file to it READ_ONLY when a
request starts, sharing the attachment among the requests in flight, and
DETACHes it when the last one ends, which releases the file lock.
Attaching costs about a millisecond; opening a new DuckDB instance per
request cost 50-130 ms on the 2-core machine (measured, bench/web_latency.py).

When a writer holds the file, ATTACH fails with a lock error; the request
retries with a growing pause for up to ``wait_s`` and then answers 503
"store is busy".  An ingest, in turn, can write whenever no request is in
flight; while requests keep overlapping (a load test) it waits.
"""

from __future__ import annotations

import threading
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
        if isinstance(exc.__cause__, duckdb.Error) and _is_lock_error(exc.__cause__):
            raise StoreBusy(f"store is busy (another process is writing {path.name})") from exc
        raise StoreUnavailable(str(exc)) from exc
    except duckdb.Error as exc:
        raise StoreUnavailable(f"{path}: cannot open store: {exc}") from exc


def _is_lock_error(exc: duckdb.Error) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text


class StoreGate:
    """One server's access to one store file (see the module docstring)."""

    ALIAS = "heron_store"

    def __init__(self, path: Path, *, wait_s: float, writable: bool = False) -> None:
        self.path = path
        self.wait_s = wait_s
        self.writable = writable
        self._con = duckdb.connect(":memory:")
        self._users = 0
        self._cond = threading.Condition()

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the attached store for one request, its tables reachable by their bare names."""
        deadline = time.monotonic() + self.wait_s
        if not self._cond.acquire(timeout=self.wait_s):
            raise StoreBusy("store is busy (too many requests waiting for it); try again shortly")
        try:
            if self._users == 0:
                self._attach(deadline)
            self._users += 1
        finally:
            self._cond.release()
        try:
            cursor = self._con.cursor()
            try:
                cursor.execute(f"USE {self.ALIAS}")
                yield cursor
            finally:
                cursor.close()
        finally:
            with self._cond:
                self._users -= 1
                if self._users == 0:
                    self._detach()
                    self._cond.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """No request attached while the body runs: for writing the store from this process."""
        with self._cond:
            if not self._cond.wait_for(lambda: self._users == 0, timeout=self.wait_s):
                raise StoreBusy("store is busy (requests are reading it); try again shortly")
            yield

    def _attach(self, deadline: float) -> None:
        if not self.path.exists():
            raise StoreUnavailable(f"{self.path}: no such store")
        mode = "" if self.writable else " (READ_ONLY)"
        # The path is a parameter of the server, not of a request; quoted as an SQL string literal.
        literal = "'" + str(self.path).replace("'", "''") + "'"
        pause = 0.02
        while True:
            try:
                self._con.execute(f"ATTACH {literal} AS {self.ALIAS}{mode}")
                break
            except duckdb.Error as exc:
                if not _is_lock_error(exc):
                    raise StoreUnavailable(f"{self.path}: cannot open store: {exc}") from exc
                if time.monotonic() + pause > deadline:
                    raise StoreBusy(f"store is busy (another process is writing {self.path.name}); "
                                    "try again shortly") from exc
                time.sleep(pause)
                pause = min(pause * 2, 0.25)
        try:
            self._con.execute(f"SELECT version FROM {self.ALIAS}.heron_schema LIMIT 1").fetchall()
        except duckdb.Error as exc:
            self._detach()
            raise StoreUnavailable(f"{self.path}: not a heron store (no heron_schema table)") from exc

    def _detach(self) -> None:
        self._con.execute("USE memory")
        self._con.execute(f"DETACH DATABASE IF EXISTS {self.ALIAS}")
