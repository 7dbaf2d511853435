"""heron's command line: a thin Typer shell over :mod:`heron.pipeline`.

Records go to stdout; logs, errors and progress bars go to stderr.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from heron.export import EVENT_CSV_COLUMNS, FormatOption, OutputFormat, OutputOption, emit
from heron.model import ReadFailure
from heron.store_cli import (
    ActorOption as ActorFilterOption,
)
from heron.store_cli import (
    ArticleOption,
    CodeOption,
    LimitOption,
    RealOption,
    SinceOption,
    SourceOption,
    TargetOption,
    UntilOption,
    event_filter,
)

if TYPE_CHECKING:
    from heron.pipeline import ArticleResult, Coder, PipelineOptions
    from heron.progress import Progress

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="heron: turn news into political event data (CAMEO/PLOVER).")

ActorsOption = Annotated[list[Path] | None, typer.Option(
    "--actors", help="Extra actor dictionary (CSV or YAML); overrides shipped entries. Repeatable.")]
DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file.")]
DEFAULT_DB = Path("heron.duckdb")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _emit(records: Iterable[Mapping[str, Any]], fmt: OutputFormat, output: Path | None,
          columns: tuple[str, ...] | None = None) -> None:
    try:
        emit(records, fmt, output, columns=columns)
    except ValueError as exc:  # e.g. parquet without --output
        _err(f"heron: {exc}")
        raise typer.Exit(2) from exc
    except BrokenPipeError as exc:  # `heron code ... | head`: the reader has what it wanted
        _silence_stdout()
        raise typer.Exit(141) from exc
    except OSError as exc:  # unwritable --output, a full disk, /dev/full
        where = f"--output {output}" if output is not None else "stdout"
        _err(f"heron: {where}: cannot write: {exc.strerror or exc}")
        if output is None:
            _silence_stdout()
        raise typer.Exit(2) from exc


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush of what could
    not be written does not end in a second error."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


ProgressOption = Annotated[bool, typer.Option(
    "--progress", help="Show progress on stderr even when it is not a terminal.")]


PublishedOption = Annotated[str | None, typer.Option(
    "--date", help="Publication date (YYYY-MM-DD) for inputs whose metadata gives none (e.g. .txt).")]


MaxCharsOption = Annotated[int, typer.Option(
    "--max-chars", help="Code at most this many characters of an article (cut at a paragraph, with a "
    "warning); 0: no limit.")]
DEFAULT_MAX_CHARS = 1_000_000  # heron.read.limits.MAX_ARTICLE_CHARS, kept literal so --help loads nothing


def _options(actors: list[Path] | None, n_process: int = 1, published: str | None = None,
             max_chars: int = DEFAULT_MAX_CHARS) -> PipelineOptions:
    from heron.pipeline import PipelineOptions

    try:
        day = date.fromisoformat(published) if published else None
    except ValueError as exc:
        _err(f"heron: --date {published!r} is not a YYYY-MM-DD date")
        raise typer.Exit(2) from exc
    if n_process < 1:
        _err(f"heron: --processes must be at least 1 (got {n_process})")
        raise typer.Exit(2)
    if max_chars < 0:
        _err(f"heron: --max-chars must be 0 (no limit) or more (got {max_chars})")
        raise typer.Exit(2)
    return PipelineOptions(actors_files=tuple(actors or ()), n_process=n_process, published=day,
                           max_chars=max_chars)


def _coder_or_exit(options: PipelineOptions, load_all: bool = True) -> Coder:
    """Load knowledge up front so a bad --actors file fails once, clearly.

    ``load_all=False`` loads only the actor knowledge (what can be wrong);
    the caller then calls ``prepare_batch_process`` before it parses.
    """
    from heron.actors import ActorDataError
    from heron.pipeline import Coder, prepare_batch_process

    coder = Coder(options)
    try:
        if load_all:
            prepare_batch_process(coder)  # also loads knowledge now, to report errors before coding
        else:
            coder.knowledge  # noqa: B018 - load now
    except ActorDataError as exc:
        _err(f"heron: {exc}")
        raise typer.Exit(2) from exc
    return coder


@app.command()
def code(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    format: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    actors: ActorsOption = None,
    include_negated: Annotated[bool, typer.Option(help="Also print negated events.")] = True,
    hypothetical: Annotated[bool, typer.Option(
        "--hypothetical", help="Also print hypothetical events (never counted as real).")] = False,
    n_process: Annotated[int, typer.Option("--processes", help="spaCy worker processes.")] = 1,
    published: PublishedOption = None,
    progress: ProgressOption = False,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
) -> None:
    """Code articles and print one record per event (nothing is stored)."""
    from heron.pipeline import ArticleResult, code_paths

    options = _options(actors, n_process, published, max_chars)
    coder = _coder_or_exit(options)
    counter = _progress("coding", paths, progress, quiet=False)

    def records() -> Iterator[dict[str, Any]]:
        for item in code_paths(paths, options, coder):
            if isinstance(item, ReadFailure):
                counter.advance(failed=1)
                counter.message(item.message())
                continue
            assert isinstance(item, ArticleResult)
            counter.advance(articles=1, events=len(item.events))
            for record in item.records(include_hypothetical=hypothetical):
                if include_negated or not record["negated"]:
                    yield record

    try:
        _emit(records(), format, output, EVENT_CSV_COLUMNS)
    finally:
        counter.close()
    raise typer.Exit(1 if counter.failed else 0)


def _progress(label: str, paths: list[str], forced: bool, quiet: bool, total: int | None = None) -> Progress:
    from heron.progress import Progress, count_articles

    enabled = not quiet and (forced or sys.stderr.isatty())
    if enabled and total is None:
        total = count_articles(paths)
    return Progress(label, total=total, forced=forced, disabled=quiet)


@app.command()
def ingest(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, directories, or - for stdin.")] = None,
    db: DbOption = DEFAULT_DB,
    actors: ActorsOption = None,
    n_process: Annotated[int, typer.Option("--processes", help="spaCy worker processes.")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, even on a terminal.")] = False,
    progress: ProgressOption = False,
    batch_size: Annotated[int, typer.Option(help="Articles per store transaction.")] = 200,
    published: PublishedOption = None,
    recode_older: Annotated[bool, typer.Option(
        "--recode-older", help="Re-code, from their stored text, the articles an older coder wrote "
                               "(takes no inputs).")] = False,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
) -> None:
    """Code articles and store them, idempotently, in the DuckDB file (or load a `heron batch` output).

    An article already stored as read, by this coder, is skipped before
    parsing, so an interrupted ingest resumes where it stopped.
    """
    from heron.model import Article
    from heron.pipeline import ArticleResult, Skipped, code_paths, iter_results, prepare_batch_process
    from heron.store import Store, StoreError

    if batch_size < 1:
        _err(f"heron: --batch-size must be at least 1 (got {batch_size})")
        raise typer.Exit(2)
    if recode_older == bool(paths):
        _err("heron: ingest takes inputs, or --recode-older alone (it re-codes what the store holds)")
        raise typer.Exit(2)
    if paths:
        from heron.batch.cli import ingest_batch_outputs

        loaded = ingest_batch_outputs(paths, db, batch_size, bool(actors or published or n_process != 1))
        if loaded is not None:
            raise typer.Exit(loaded)
    options = _options(actors, n_process, published, max_chars)
    # Only the actor knowledge now (a bad --actors file fails before anything is read);
    # the model and gazetteer load when the first article needs parsing, so a resumed
    # ingest that has little left to do does not pay for them.
    coder = _coder_or_exit(options, load_all=False)
    prepared = False

    def prepare() -> None:
        nonlocal prepared
        if not prepared:
            prepare_batch_process(coder)
            prepared = True

    def skip(batch: Sequence[Article]) -> set[str]:
        known = store.coded_by(batch, coder.version)
        if len(known) < len(batch):
            prepare()  # about to parse: load everything once, as `heron code` does up front
        return known

    skipped: list[str] = []
    try:
        with Store(db) as store:
            if recode_older:
                older = store.coded_by_other(coder.version)
                if older:
                    prepare()
                else:
                    _err(f"heron: nothing to re-code: every article in {db} is coded by {coder.version}")
                counter = _progress("re-coding", [], progress, quiet, total=len(older))
                items: Iterator[Any] = iter_results(_stored(store, older), options, coder)
            else:
                counter = _progress("ingest", list(paths or ()), progress, quiet)
                items = code_paths(list(paths or ()), options, coder, skip=skip)

            def coded() -> Iterator[ArticleResult]:
                for item in items:
                    if isinstance(item, ReadFailure):
                        counter.advance(failed=1)
                        counter.message(item.message())
                    elif isinstance(item, Skipped):
                        skipped.append(item.article.id)
                        counter.advance(skipped=1)
                    else:
                        assert isinstance(item, ArticleResult)
                        counter.advance(articles=1, events=len(item.events))
                        yield item

            try:
                report = store.ingest(coded(), batch_size=batch_size, skipped=skipped)
            finally:
                counter.close()
    except StoreError as exc:
        _err(f"heron: {exc}")
        raise typer.Exit(2) from exc
    # The summary counts the store, not the input (the counter above only shows progress).
    for conflict in report.conflicts:
        _err(conflict.message())
    failed = counter.failed + len(report.conflicts)
    _err(f"heron: {report.summary(db)}" + (f"; {failed} input(s) failed" if failed else ""))
    raise typer.Exit(1 if failed else 0)


def _stored(store: Any, article_ids: list[str], chunk: int = 500) -> Iterator[Any]:
    """The stored articles of these ids, read a chunk at a time."""
    for start in range(0, len(article_ids), chunk):
        yield from store.stored_articles(article_ids[start:start + chunk])


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: ActorFilterOption = None,
    code: CodeOption = None,
    source: SourceOption = None,
    target: TargetOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    article: ArticleOption = None,
    real: RealOption = False,
    limit: LimitOption = None,
    format: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Query stored events; each record carries its article's url, title and published date."""
    from heron.store import Store, StoreError

    where = event_filter(code=code, actor=actor, source=source, target=target, since=since, until=until,
                         article=article, real=real, limit=limit)
    if not db.exists():
        _err(f"heron: {db}: no such database (run `heron ingest` first)")
        raise typer.Exit(2)
    try:
        with Store(db, read_only=True) as store:
            rows = store.iter_events(where=where, with_article=format == OutputFormat.gdelt)
            _emit(rows, format, output, EVENT_CSV_COLUMNS)
    except StoreError as exc:
        _err(f"heron: {exc}")
        raise typer.Exit(2) from exc


@app.command("eval")
def eval_command(
    articles: Annotated[Path, typer.Option("--articles", help="Articles (JSONL or any readable input).")],
    gold: Annotated[Path, typer.Option(
        "--gold", help="Gold events JSONL (shared/corpus/gold.jsonl format).")],
    level: Annotated[str, typer.Option(help="sentence or article.")] = "sentence",
    exact: Annotated[bool, typer.Option("--exact", help="Score exact codes, not roots.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable report.")] = False,
    article: Annotated[list[str] | None, typer.Option(
        "--article", help="Score only this article id (repeatable), as score.py --article.")] = None,
    funnel: Annotated[bool, typer.Option(
        "--funnel", help="Say at which coding stage each missed gold event was lost.")] = False,
    details: Annotated[bool, typer.Option(
        "--details", help="With --funnel: one line per missed event.")] = False,
    actors: ActorsOption = None,
) -> None:
    """Code articles and score them against gold events, with a per-root error report."""
    from heron.evaluate import run_eval

    if level not in {"sentence", "article"}:
        _err("heron: --level must be 'sentence' or 'article'")
        raise typer.Exit(2)
    from heron.evaluate import GoldError

    coder = _coder_or_exit(_options(actors)) if actors else None
    for name, path in (("--gold", gold), ("--articles", articles)):
        if not path.exists():
            _err(f"heron: {name} {path}: no such file or directory")
            raise typer.Exit(2)
    try:
        if funnel:
            from heron.funnel import run_funnel

            status = run_funnel(str(articles), str(gold), sys.stdout, ids=article or None, details=details,
                                coder=coder)
        else:
            status = run_eval(articles, gold, level=level, exact=exact, as_json=as_json, out=sys.stdout,
                              ids=article or None, coder=coder)
    except GoldError as exc:
        _err(f"heron: {exc}")
        raise typer.Exit(2) from exc
    except UnicodeDecodeError as exc:
        _err(f"heron: --gold {gold}: not UTF-8 (byte {exc.start})")
        raise typer.Exit(2) from exc
    except OSError as exc:
        _err(f"heron: {exc.filename or gold}: cannot read: {exc.strerror or exc}")
        raise typer.Exit(2) from exc
    raise typer.Exit(status)


@app.command("explain")
def explain_command(
    text: Annotated[str, typer.Argument(help="The text to code, or - to read it from stdin.")],
    published: Annotated[str | None, typer.Option(
        "--date", help="Publication date (YYYY-MM-DD) to resolve relative dates against.")] = None,
) -> None:
    """Code one text and show every candidate event: those coded, and those dropped with the stage and why."""
    from heron.pipeline import code_text

    body = sys.stdin.read() if text == "-" else text
    try:
        day = date.fromisoformat(published) if published else None
    except ValueError as exc:
        _err(f"heron: --date {published!r} is not a YYYY-MM-DD date")
        raise typer.Exit(2) from exc
    result = code_text(body, article_id="explain", published=day)
    for ev in result.events:
        flags = " negated" if ev.negated else ""
        typer.echo(f"EVENT  {ev.source.code} {ev.code} {ev.target.code}  [{ev.rule}] {ev.modality}{flags}"
                   f"  trigger={ev.trigger!r}")
        typer.echo(f"       source: {ev.source.text!r} ({ev.source.rule})  target: {ev.target.text!r}"
                   f" ({ev.target.rule})")
    for d in result.drops:
        typer.echo(f"DROP   {d.code} [{d.rule}] at {d.stage}  trigger={d.trigger!r}  {d.detail}")
    if not result.events and not result.drops:
        typer.echo("no candidate events: no trigger word of the lexicon in this text")


def _mount_actor_commands() -> None:
    from heron.actors.cli import actor_command, actors_app

    app.command("actor", help="Resolve a mention to a CAMEO actor code and say why.")(actor_command)
    app.add_typer(actors_app, name="actors", help="Actor dictionaries: validate user files.")


_mount_actor_commands()


def _mount_serve_command() -> None:
    # heron.web.cli imports nothing of the web extra until the command runs.
    from heron.web.cli import serve_command

    app.command("serve", help="Explore a store in the browser (needs the web extra).")(serve_command)


_mount_serve_command()


def _mount_batch_command() -> None:
    from heron.batch.cli import batch_command

    app.command("batch")(batch_command)


_mount_batch_command()


def _mount_store_commands() -> None:
    from heron import store_cli

    store_cli.mount(app)


_mount_store_commands()


def _print_version(value: bool) -> None:
    if value:
        from heron import __version__
        from heron.provenance import coder_version, components

        parts = ", ".join(f"{name} {value}" for name, value in components().items() if name != "heron")
        typer.echo(f"heron {__version__} (coder {coder_version()}: {parts})")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True, help="Print heron's version and exit.")] = False,
) -> None:
    """heron: turn news into political event data (CAMEO/PLOVER)."""


# Libraries that log what is no news to a heron user ("discarding data: None").
_QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


def _usage_errors() -> tuple[type[Exception], ...]:
    """Click's usage-error class: the installed click's, and the copy Typer >= 0.20 vendors."""
    import click

    found: list[type[Exception]] = [click.ClickException]
    try:
        from typer._click.exceptions import ClickException
    except ImportError:  # an older Typer uses click itself
        pass
    else:
        found.append(ClickException)
    return tuple(found)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="heron: %(message)s")
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        status = app(standalone_mode=False)
    except _usage_errors() as exc:  # a usage error: one line, not a boxed panel
        message = exc.format_message()  # type: ignore[attr-defined]
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError":  # `heron` alone: the help it asked for
            typer.echo(message, err=True)
        else:
            command = ctx.command_path if ctx is not None else "heron"
            _err(f"heron: {' '.join(message.split())} (see `{command} --help`)")
        status = getattr(exc, "exit_code", 2)
    except typer.Abort:  # Ctrl-C at a prompt
        _err("heron: interrupted")
        status = 130
    sys.exit(status if isinstance(status, int) else 0)


if __name__ == "__main__":
    main()
