"""Command-line views of actor resolution.

The lead mounts these in ``heron.cli``: ``actor_command`` as ``heron actor``
and ``actors_app`` as ``heron actors`` (with ``validate FILE`` and ``offices``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from heron.actors.dictionary import load_leaders_file
from heron.actors.errors import ActorDataError
from heron.actors.explain import explain_actor
from heron.actors.knowledge import ActorKnowledge
from heron.actors.offices import describe, load_offices
from heron.model import Actor

actors_app = typer.Typer(help="Actor dictionaries: check user files.", no_args_is_help=True)


@actors_app.callback()
def _group() -> None:
    """Actor dictionaries (a group even with one command, so `validate` stays a subcommand)."""


@actors_app.command("validate")
def validate(
    file: Path = typer.Argument(  # noqa: B008
        ..., help="A leaders file (CSV or YAML) to check."
    ),
) -> None:
    """Check a user actors file: every problem, all in one run, with its line, field and reason."""
    knowledge = ActorKnowledge.load()
    problems: list[str] = []
    try:
        entries = load_leaders_file(file, knowledge.codes, problems)
    except ActorDataError as exc:
        typer.echo(f"heron: {exc}", err=True)
        raise typer.Exit(1) from None
    for problem in problems:
        typer.echo(f"heron: {problem}", err=True)
    if problems:
        typer.echo(f"{file}: {len(problems)} problem(s); {len(entries)} good entries", err=True)
        raise typer.Exit(1)
    people = len({e.key for e in entries})
    typer.echo(f"{file}: OK: {len(entries)} entries for {people} people")


@actors_app.command("offices")
def offices(
    missing: bool = typer.Option(False, "--missing", help="Also list the offices the table leaves out."),  # noqa: B008
) -> None:
    """Check the table of UN member states' top offices on 2024-01-01 against the dated
    leaders data, and count what it names, what does not exist and what it leaves out."""
    try:
        table = load_offices()
    except ActorDataError as exc:
        typer.echo(f"heron: {exc}", err=True)
        raise typer.Exit(1) from None
    for line in describe(table, missing):
        typer.echo(line)


def _rows(actors: Sequence[Actor]) -> list[dict[str, str]]:
    return [{"code": a.code, "text": a.text, "name": a.name or "", "why": a.rule} for a in actors]


def run_actor(
    text: str,
    date: dt.date | None = None,
    context: str | None = None,
    actors_files: Sequence[Path] = (),
    format: str = "table",
) -> int:
    """Print code, name and why for each actor in TEXT; return the exit status.

    A bad user file is reported and the shipped dictionary is used instead
    (exit status 1, output still printed).
    """
    status = 0
    try:
        knowledge = ActorKnowledge.load(actors_files)
    except ActorDataError as exc:
        typer.echo(f"heron: {exc} (using the shipped dictionary)", err=True)
        knowledge = ActorKnowledge.load()
        status = 1
    rows = _rows(explain_actor(text, date, context, knowledge))
    if format == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not rows:
        typer.echo(f"no actor found in {text!r}")
    else:
        width = max(len(r["code"]) for r in rows)
        for row in rows:
            name = f"  ({row['name']})" if row["name"] else ""
            typer.echo(f"{row['code']:<{width}}  {row['text']}{name}\n{'':<{width}}  why: {row['why']}")
    return status


def actor_command(
    text: Annotated[str, typer.Argument(help="The mention, e.g. 'Iranian Foreign Minister Zarif'.")],
    date: Annotated[
        str | None, typer.Option("--date", help="Date of the text (YYYY-MM-DD), for dated offices.")
    ] = None,
    context: Annotated[
        str | None, typer.Option("--context", help="A sentence or article that contains TEXT.")
    ] = None,
    actors_files: Annotated[
        list[Path] | None, typer.Option("--actors", help="User leaders file (CSV or YAML); repeatable.")
    ] = None,
    format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Resolve a mention to a CAMEO actor code and say why (code, name, rule with dictionary dates)."""
    try:
        when = dt.date.fromisoformat(date) if date else None
    except ValueError:
        typer.echo(f"heron: --date: {date!r} is not a date (YYYY-MM-DD)", err=True)
        raise typer.Exit(2) from None
    if format not in ("table", "json"):
        typer.echo(f"heron: --format: {format!r}: expected table or json", err=True)
        raise typer.Exit(2)
    raise typer.Exit(run_actor(text, when, context, actors_files or (), format))
