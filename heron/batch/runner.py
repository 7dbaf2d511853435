"""The batch driver: read once, cut shards, keep the workers fed, report.

Reading happens here, in one stream over all inputs, because article ids are
settled across the whole run (:class:`heron.read.identity.IdRegistry`): a
shard coded anywhere carries the ids a direct ``heron ingest`` would give.
Reading is a small part of the cost (coding is the rest), and at most two
shards per worker are in flight, so the driver's memory does not grow with
the input.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from heron.batch.engines import Engine, Finished, make_engine
from heron.batch.shards import (
    Shard,
    coding_fingerprint,
    cut_shards,
    remove_stale,
    start_output,
    write_marker,
)
from heron.batch.worker import ShardOutcome, written_outcome
from heron.model import ReadFailure
from heron.pipeline import PipelineOptions

DEFAULT_SHARD_SIZE = 200
IN_FLIGHT_PER_WORKER = 2  # one coding, one queued, so a worker never waits for the driver


@dataclass(frozen=True)
class BatchConfig:
    paths: tuple[str, ...]
    out_dir: Path
    engine: str = "local"
    address: str | None = None
    workers: int | None = None
    shard_size: int = DEFAULT_SHARD_SIZE
    options: PipelineOptions = field(default_factory=PipelineOptions)


@dataclass
class BatchReport:
    """What a batch did.  ``failures`` holds one line per bad input, naming it."""

    out_dir: Path
    engine: str
    workers: int = 0
    shards: int = 0
    skipped: int = 0  # shards already written by an earlier run
    articles: int = 0
    events: int = 0
    coded_articles: int = 0  # articles coded by this run (not in skipped shards)
    failures: list[str] = field(default_factory=list)
    removed: int = 0  # shards of an earlier batch over other input, removed
    wall_s: float = 0.0
    worker_cpu_s: float = 0.0  # CPU the workers spent coding, all together
    driver_cpu_s: float = 0.0
    driver_peak_rss_mb: float = 0.0
    worker_peak_rss_mb: dict[str, float] = field(default_factory=dict)
    worker_busy_s: dict[str, float] = field(default_factory=dict)  # wall time each worker spent coding

    def record(self, outcome: ShardOutcome) -> None:
        self.shards += 1
        self.articles += outcome.articles
        self.events += outcome.events
        self.failures.extend(outcome.failures)
        if outcome.skipped:
            self.skipped += 1
            return
        self.coded_articles += outcome.articles
        self.worker_cpu_s += outcome.cpu_s
        if outcome.worker:
            self.worker_busy_s[outcome.worker] = self.worker_busy_s.get(outcome.worker, 0.0) + outcome.wall_s
            self.worker_peak_rss_mb[outcome.worker] = max(outcome.peak_rss_mb,
                                                          self.worker_peak_rss_mb.get(outcome.worker, 0.0))

    def rate(self) -> float:
        return self.coded_articles / self.wall_s if self.wall_s > 0 else 0.0

    def progress_line(self) -> str:
        return (f"heron batch: {self.shards} shard(s) done, {self.articles} articles, "
                f"{self.rate():.1f} articles/s, {self.events} events, {len(self.failures)} failure(s), "
                f"{self.wall_s:.0f} s")

    def summary(self) -> str:
        skipped = f", {self.skipped} already written" if self.skipped else ""
        removed = (f"; removed {self.removed} shard(s) of an earlier batch over other input"
                   if self.removed else "")
        coded = (f"coded {self.coded_articles} articles in {self.wall_s:.1f} s ({self.rate():.1f} "
                 f"articles/s) on {self.workers} {self.engine} worker(s)" if self.workers
                 else "nothing left to code")
        return (f"heron batch: {self.shards} shard(s) in {self.out_dir}{skipped}: {self.articles} articles, "
                f"{self.events} events; {coded}{removed}; {len(self.failures)} input(s) failed")


class _Progress:
    """A progress line on stderr at most every ``every`` seconds."""

    def __init__(self, emit: Callable[[str], None] | None, every: float = 2.0) -> None:
        self.emit = emit
        self.every = every
        self.last = time.perf_counter()

    def tick(self, report: BatchReport, *, force: bool = False) -> None:
        now = time.perf_counter()
        if self.emit is not None and (force or now - self.last >= self.every):
            self.emit(report.progress_line())
            self.last = now


def run_batch(config: BatchConfig, progress: Callable[[str], None] | None = None,
              progress_every: float = 2.0) -> BatchReport:
    """Code ``config.paths`` into shards under ``config.out_dir``; never raises for a bad input.

    Raises :class:`heron.batch.shards.BatchOutputError` or
    :class:`heron.batch.engines.EngineError` when the run cannot start at all.
    """
    from heron.pipeline import read_paths

    out_dir = config.out_dir.resolve()
    start_output(out_dir)
    report = BatchReport(out_dir, config.engine)
    ticker = _Progress(progress, progress_every)
    started, driver_cpu = time.perf_counter(), time.process_time()
    planned: set[str] = set()
    engine: Engine | None = None
    in_flight = 0

    def collect(finished: Sequence[Finished]) -> None:
        nonlocal in_flight
        for item in finished:
            in_flight -= 1
            if item.outcome is not None:
                report.record(item.outcome)
            else:
                report.shards += 1
                report.failures.append(f"heron: {item.shard.inputs()}: shard {item.shard.name} "
                                       f"({len(item.shard.articles)} articles) failed: {item.error}")
        report.wall_s = time.perf_counter() - started
        ticker.tick(report)

    try:
        items = cut_shards(read_paths(config.paths, config.options), config.shard_size,
                           coding_fingerprint(config.options))
        for item in items:
            if isinstance(item, ReadFailure):
                report.failures.append(item.message())
                continue
            shard: Shard = item
            planned.add(shard.name)
            if (out_dir / shard.name).is_dir():
                report.record(written_outcome(shard, out_dir / shard.name))
                continue
            if engine is None:  # started only when there is something to code
                engine = make_engine(config.engine, config.options, config.workers, config.address)
                report.workers = engine.workers
            while in_flight >= engine.workers * IN_FLIGHT_PER_WORKER:
                collect(engine.wait())
            engine.submit(shard, str(out_dir))
            in_flight += 1
        while engine is not None and in_flight:
            collect(engine.wait())
    finally:
        if engine is not None:
            engine.close()
    report.removed = remove_stale(out_dir, planned)
    report.wall_s = time.perf_counter() - started
    report.driver_cpu_s = time.process_time() - driver_cpu
    report.driver_peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    write_marker(out_dir, {"shards": report.shards, "articles": report.articles, "events": report.events,
                           "failures": len(report.failures)})
    ticker.tick(report, force=True)
    return report
