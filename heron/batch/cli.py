"""The ``heron batch`` command and the ``heron ingest DIR`` hook for its output.

A thin shell: :func:`heron.batch.runner.run_batch` does the work.  Kept out
of :mod:`heron.cli` so that module only registers it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from heron.pipeline import PipelineOptions


def _err(message: str) -> None:
    typer.echo(message, err=True)


def batch_command(
    paths: Annotated[list[str], typer.Argument(help="JSONL/WARC/text/HTML files or folders of them.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the Parquet shards (created if needed).")],
    engine: Annotated[str, typer.Option(help="ray or local (a process pool).")] = "local",
    address: Annotated[str | None, typer.Option(
        help="Ray cluster to join (host:port or ray://...); none starts Ray locally.")] = None,
    workers: Annotated[int | None, typer.Option(
        min=1, help="Worker processes (default: the CPUs here, or the cluster's).")] = None,
    shard_size: Annotated[int, typer.Option(min=1, help="Articles per shard.")] = 200,
    actors: Annotated[list[Path] | None, typer.Option(
        "--actors", help="Extra actor dictionary (CSV or YAML). Repeatable.")] = None,
    published: Annotated[str | None, typer.Option(
        "--date", help="Publication date (YYYY-MM-DD) for inputs whose metadata gives none.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")] = False,
) -> None:
    """Code many inputs on local or Ray workers into Parquet shards; load them with `heron ingest DIR`."""
    from heron.batch.engines import EngineError
    from heron.batch.runner import BatchConfig, run_batch
    from heron.batch.shards import BatchOutputError
    from heron.cli import _options

    if stdin_given := [p for p in paths if p == "-"]:
        _err(f"heron batch: cannot read stdin ({stdin_given[0]!r}); write it to a file first")
        raise typer.Exit(2)
    if engine not in {"ray", "local"}:
        _err(f"heron batch: --engine {engine!r}: expected ray or local")
        raise typer.Exit(2)
    options = _options(actors, 1, published)
    if options.actors_files:
        _check_actor_files(options)
    config = BatchConfig(tuple(paths), out, engine=engine, address=address, workers=workers,
                         shard_size=shard_size, options=options)
    try:
        report = run_batch(config, progress=None if quiet else _err)
    except (BatchOutputError, EngineError) as exc:
        _err(f"heron batch: {exc}")
        raise typer.Exit(2) from exc
    _err(report.summary())
    for line in report.failures:
        _err(line)
    raise typer.Exit(1 if report.failures else 0)


def _check_actor_files(options: PipelineOptions) -> None:
    """A bad --actors file fails once, here, not once per worker."""
    from heron.actors import ActorDataError, ActorKnowledge

    try:
        ActorKnowledge.load(options.actors_files)
    except ActorDataError as exc:
        _err(f"heron: {exc}")
        raise typer.Exit(2) from exc


def ingest_batch_outputs(paths: list[str], db: Path, batch_size: int, coding_options: bool) -> int | None:
    """``heron ingest`` of batch output folders: an exit code, or None when ``paths`` are ordinary inputs."""
    from heron.batch.shards import BatchOutputError, is_batch_output

    outputs = [Path(p) for p in paths if p != "-" and is_batch_output(Path(p))]
    if not outputs:
        return None
    if len(outputs) != len(paths):
        _err(f"heron: {outputs[0]}: a heron batch output (already coded); ingest it without other inputs")
        return 2
    if coding_options:
        _err(f"heron: {outputs[0]}: a heron batch output is already coded; --actors/--date/--processes "
             "apply to `heron batch`")
        return 2
    from heron.batch.load import ingest_outputs
    from heron.store import Store, StoreError

    try:
        with Store(db) as store:
            report = ingest_outputs(outputs, store, batch_size=batch_size)
    except (StoreError, BatchOutputError) as exc:
        _err(f"heron: {exc}")
        return 2
    for conflict in report.conflicts:
        _err(conflict.message())
    _err(f"heron: {report.summary(db)}" + (f"; {len(report.conflicts)} input(s) failed"
                                          if report.conflicts else ""))
    sys.stderr.flush()
    return 1 if report.conflicts else 0
