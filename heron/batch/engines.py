"""The engines that run batch workers: a local process pool, and Ray.

Both give the driver the same three calls: ``submit`` a shard, ``wait`` for
at least one to finish, ``close``.  Each worker process loads spaCy and the
knowledge once (:class:`heron.batch.worker.ShardWorker`) and codes shard
after shard.  Ray is imported only here, and only for ``--engine ray``.
"""

from __future__ import annotations

import logging
import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

from heron.batch.shards import Shard
from heron.batch.worker import ShardOutcome, ShardWorker
from heron.pipeline import PipelineOptions

log = logging.getLogger(__name__)


class EngineError(RuntimeError):
    """The engine cannot start (Ray missing, a cluster unreachable)."""


@dataclass(frozen=True)
class Finished:
    """A shard the engine is done with: its outcome, or the error that ended it."""

    shard: Shard
    outcome: ShardOutcome | None
    error: str | None = None


class Engine(Protocol):
    workers: int

    def submit(self, shard: Shard, out_dir: str) -> None: ...

    def wait(self) -> list[Finished]:
        """Block until at least one submitted shard is finished; return all that are."""
        ...

    def close(self) -> None: ...


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


# -- local: a process pool -------------------------------------------------------------

_LOCAL_WORKER: ShardWorker | None = None


def _start_local_worker(options: PipelineOptions) -> None:
    global _LOCAL_WORKER
    _LOCAL_WORKER = ShardWorker(options)


def _code_local(shard: Shard, out_dir: str) -> ShardOutcome:
    assert _LOCAL_WORKER is not None, "pool initializer did not run"
    return _LOCAL_WORKER.code(shard, out_dir)


class LocalEngine:
    """``--engine local``: one process per worker, started fresh (spawn), so
    nothing the driver holds is shared and each worker's memory is its own."""

    def __init__(self, options: PipelineOptions, workers: int | None) -> None:
        import multiprocessing

        self.workers = workers or default_workers()
        self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_start_local_worker, initargs=(options,))
        self._pending: dict[Future[ShardOutcome], Shard] = {}

    def submit(self, shard: Shard, out_dir: str) -> None:
        try:
            future = self._pool.submit(_code_local, shard, out_dir)
        except BrokenProcessPool as exc:  # a worker died (or could not load): this shard fails too
            future = Future()
            future.set_exception(exc)
        self._pending[future] = shard

    def wait(self) -> list[Finished]:
        done, _ = wait_futures(list(self._pending), return_when=FIRST_COMPLETED)
        finished = []
        for future in done:
            shard = self._pending.pop(future)
            exc = future.exception()
            if exc is None:
                finished.append(Finished(shard, future.result()))
            else:
                finished.append(Finished(shard, None, f"{type(exc).__name__}: {exc}"))
        return finished

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


# -- Ray: one actor per worker ------------------------------------------------------------

# How long Ray workers may take to load spaCy and the knowledge (minutes on a loaded machine).
_START_TIMEOUT_S = 600
_GRACE_S = 30
# A small object store: shards are a few MB at most, and the machine is shared.
_LOCAL_OBJECT_STORE_BYTES = 256 * 1024 * 1024


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise EngineError("--engine ray needs Ray: pip install 'heron-events[ray]'") from exc
    return ray


class RayEngine:
    """``--engine ray``: actors that keep a loaded worker each.

    With no address a private local Ray instance is started (``address="local"``,
    never whatever ``ray start`` left running on the machine) and stopped at
    the end; with one, the driver joins that cluster and leaves it running.
    Every node must have heron installed and see ``--out`` at the same path.
    """

    def __init__(self, options: PipelineOptions, workers: int | None, address: str | None) -> None:
        ray = self._ray = _import_ray()
        # No usage report: the machine may have no network, and it is not ours to send.
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        try:
            if address:
                ray.init(address=address, log_to_driver=False, configure_logging=False)
            else:
                ray.init(address="local", num_cpus=workers or default_workers(), include_dashboard=False,
                         log_to_driver=False, configure_logging=False,
                         object_store_memory=_LOCAL_OBJECT_STORE_BYTES)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise EngineError(f"Ray: cannot {'join ' + address if address else 'start'}: {exc}") from exc
        wanted = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        # A worker that dies is restarted once and its shard retried once.
        actor_class = ray.remote(num_cpus=1, max_restarts=1, max_task_retries=1)(ShardWorker)
        self._actors = self._started([actor_class.remote(options) for _ in range(wanted)])
        self.workers = len(self._actors)
        self._busy: dict[int, int] = dict.fromkeys(range(self.workers), 0)
        self._pending: dict[Any, tuple[Shard, int]] = {}

    def _started(self, actors: list[Any]) -> list[Any]:
        """The actors that loaded within the time allowed.  A cluster may have fewer free CPUs
        than ``--workers`` asks for: shards given to an actor that never starts would wait forever."""
        ray = self._ray
        pings = {actor.ping.remote(): actor for actor in actors}
        began = time.perf_counter()
        first, _ = ray.wait(list(pings), num_returns=1, timeout=_START_TIMEOUT_S)
        # Workers load side by side: one still loading long after the first is ready has no CPU.
        grace = max(_GRACE_S, time.perf_counter() - began) if first else 0
        ready, waiting = ray.wait(list(pings), num_returns=len(pings), timeout=grace)
        started, error = [], ""
        for ref in ready:
            try:
                ray.get(ref)
                started.append(pings[ref])
            except Exception as exc:  # the worker could not load (heron missing on a node, bad data)
                error = _one_line(exc)
                ray.kill(pings[ref])
        for ref in waiting:
            ray.kill(pings[ref])
        if waiting and started:
            log.warning("Ray: %d of %d workers started (the others found no free CPU); going on with %d",
                        len(started), len(actors), len(started))
        if not started:
            ray.shutdown()
            reason = f": {error}" if error else ""
            raise EngineError(f"Ray: no worker started within {_START_TIMEOUT_S} s{reason}")
        return started

    def submit(self, shard: Shard, out_dir: str) -> None:
        slot = min(self._busy, key=lambda i: self._busy[i])
        ref = self._actors[slot].code.remote(shard, out_dir)
        self._busy[slot] += 1
        self._pending[ref] = (shard, slot)

    def wait(self) -> list[Finished]:
        ray = self._ray
        ready, _ = ray.wait(list(self._pending), num_returns=1)
        finished = []
        for ref in ready:
            shard, slot = self._pending.pop(ref)
            self._busy[slot] -= 1
            try:
                finished.append(Finished(shard, ray.get(ref)))
            except Exception as exc:  # a task error or a dead actor: this shard fails, the rest go on
                finished.append(Finished(shard, None, _one_line(exc)))
        return finished

    def close(self) -> None:
        for actor in self._actors:
            self._ray.kill(actor)
        self._ray.shutdown()


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[-1] if text else ''}"


def make_engine(name: str, options: PipelineOptions, workers: int | None,
                address: str | None = None) -> Engine:
    if name == "local":
        if address:
            raise EngineError("--address is for --engine ray")
        return LocalEngine(options, workers)
    if name == "ray":
        return RayEngine(options, workers, address)
    raise EngineError(f"unknown engine {name!r}; expected ray or local")

