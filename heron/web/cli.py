"""``heron serve``: start the explorer over a store (the CLI's shell for :mod:`heron.web`)."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve_command(
    db: Annotated[Path, typer.Option("--db", help="DuckDB file to explore.")] = Path("heron.duckdb"),
    host: Annotated[str, typer.Option(help="Address to listen on; only loopback unless --allow-remote.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    allow_remote: Annotated[bool, typer.Option(
        "--allow-remote", help="Allow a --host that other machines can reach (prints a warning).")] = False,
    writable: Annotated[bool, typer.Option(
        "--writable", help="Let the paste box store texts it codes (the store is read-only otherwise).")]
    = False,
) -> None:
    """Explore a store in the browser: articles, events, network, timeline, map, and a paste box."""
    try:
        import fastapi  # noqa: F401
        import uvicorn
    except ImportError as exc:
        typer.echo("heron: `heron serve` needs the web extra: pip install 'heron-events[web]'", err=True)
        raise typer.Exit(2) from exc

    from heron.web import create_app
    from heron.web.settings import ServerSettings
    from heron.web.store_access import StoreBusy, StoreUnavailable, check_store

    if not is_loopback(host):
        if not allow_remote:
            typer.echo(f"heron: --host {host} can be reached from other machines; the explorer has no login. "
                       "Add --allow-remote if that is what you want.", err=True)
            raise typer.Exit(2)
        typer.echo(f"heron: warning: listening on {host}: anyone who can reach this machine on port {port} "
                   "can read the store" + (" and store texts in it" if writable else ""), err=True)
    try:
        held = check_store(db)
        counts = f"{held['articles']} articles, {held['events']} events"
    except StoreBusy as exc:
        # An ingest is writing: start anyway, requests wait for it (or say "store is busy").
        typer.echo(f"heron: warning: {exc}; starting anyway", err=True)
        counts = "busy"
    except StoreUnavailable as exc:
        typer.echo(f"heron: {exc}", err=True)
        raise typer.Exit(2) from exc
    app = create_app(ServerSettings(db=db, writable=writable))
    shown = f"[{host}]" if ":" in host else host
    mode = "writable" if writable else "read-only"
    typer.echo(f"heron: explorer at http://{shown}:{port}/ over {db} ({counts}, {mode}); Ctrl-C stops it",
               err=True)
    # limit_concurrency: past 64 open requests uvicorn answers 503 at once instead of queueing without end;
    # h11_max_incomplete_event_size bounds request line + headers (the body is bounded by the app).
    uvicorn.run(app, host=host, port=port, log_level="warning", limit_concurrency=64, timeout_keep_alive=5,
                h11_max_incomplete_event_size=16 * 1024, server_header=False)
