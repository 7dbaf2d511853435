"""One batch worker: spaCy and the knowledge loaded once, then shard after shard.

The same class serves both engines: the local pool keeps one instance per
process, Ray wraps it as an actor.  A worker writes its shard itself, so
rows never travel back through the driver; it returns only counts.
"""

from __future__ import annotations

import os
import resource
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from heron.batch.shards import Shard, shard_counts, shard_failures, write_shard
from heron.model import Article, ReadFailure

if TYPE_CHECKING:
    import pyarrow as pa

    from heron.pipeline import ArticleResult, PipelineOptions


@dataclass(frozen=True)
class ShardOutcome:
    """What became of one shard; ``failures`` are one line each, naming the input."""

    index: int
    name: str
    articles: int
    events: int
    failures: tuple[str, ...] = ()
    skipped: bool = False  # already written by an earlier run
    cpu_s: float = 0.0  # the worker's CPU time on this shard
    wall_s: float = 0.0
    worker: str = ""  # host:pid
    peak_rss_mb: float = 0.0  # the worker process's peak so far


def written_outcome(shard: Shard, folder: Path) -> ShardOutcome:
    articles, events = shard_counts(folder)
    return ShardOutcome(shard.index, shard.name, articles, events, tuple(shard_failures(folder)),
                        skipped=True)


class ShardWorker:
    """Codes shards with one :class:`heron.pipeline.Coder` for its whole life."""

    def __init__(self, options: PipelineOptions) -> None:
        from heron.pipeline import Coder, prepare_batch_process

        self.options = options
        self.coder = Coder(options)
        prepare_batch_process(self.coder)
        self.name = f"{socket.gethostname()}:{os.getpid()}"

    def ping(self) -> str:
        """Returns once the worker is loaded (Ray engine start-up)."""
        return self.name

    def code(self, shard: Shard, out_dir: str) -> ShardOutcome:
        folder = Path(out_dir) / shard.name
        if folder.is_dir():  # written meanwhile (a retried task, a second driver)
            return written_outcome(shard, folder)
        wall, cpu = time.perf_counter(), time.process_time()
        results, failures = self._code_all(shard.articles)
        tables = store_tables(results)
        write_shard(Path(out_dir), shard.name, tables, failures)
        return ShardOutcome(
            shard.index, shard.name, tables["articles"].num_rows, tables["events"].num_rows, tuple(failures),
            cpu_s=time.process_time() - cpu, wall_s=time.perf_counter() - wall, worker=self.name,
            peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

    def _code_all(self, articles: Sequence[Article]) -> tuple[list[ArticleResult], list[str]]:
        try:
            return self._code(articles)
        except Exception:  # find the article at fault, code the rest
            results: list[ArticleResult] = []
            failures: list[str] = []
            for article in articles:
                try:
                    coded, failed = self._code([article])
                    results.extend(coded)
                    failures.extend(failed)
                except Exception as exc:
                    failures.append(f"heron: {article.source_path or 'stdin'}: article {article.id!r}: "
                                    f"coding failed: {type(exc).__name__}: {exc}")
            return results, failures

    def _code(self, articles: Sequence[Article]) -> tuple[list[ArticleResult], list[str]]:
        """Coded articles, and the failures the pipeline named (an article that cannot be
        parsed or coded fails alone)."""
        from heron.pipeline import ArticleResult, iter_results

        results: list[ArticleResult] = []
        failures: list[str] = []
        for item in iter_results(articles, self.options, self.coder):
            if isinstance(item, ArticleResult):
                results.append(item)
            elif isinstance(item, ReadFailure):
                failures.append(item.message())
        return results, failures


def store_tables(results: Sequence[ArticleResult]) -> dict[str, pa.Table]:
    """The store's own rows for these results, as Arrow tables.

    Written through an in-memory store, so a shard holds exactly what
    ``heron ingest`` would have stored (digests, duplicate events dropped,
    every column the schema has now or gains later).
    """
    from heron.batch.shards import TABLES
    from heron.store import Store

    with Store(":memory:") as store:
        store.write_many(results, batch_size=max(1, len(results)))
        return {name: store.table(name) for name in TABLES}
