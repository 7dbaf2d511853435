"""The explorer's routes: HTML pages (a shell + plain JS) and the JSON API behind them.

Every route is a plain ``def``: FastAPI runs it in its thread pool, where a
DuckDB query may block without stalling the server.  Each request opens the
store read-only (:mod:`heron.web.store_access`) and closes it again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from contextlib import ExitStack
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from heron import __version__
from heron.web import queries
from heron.web.coding import CodingBusy, CodingTimeout, PasteCoder, result_payload
from heron.web.guard import Guard
from heron.web.labels import code_name, describe_event, node_label
from heron.web.params import Interval, Level, Order, SortKey, event_filter
from heron.web.queries import EventFilter
from heron.web.settings import MAX_BODY_BYTES, MAX_DOWNLOAD_ROWS, MAX_EDGES, MAX_PAGE, ServerSettings
from heron.web.store_access import StoreBusy, StoreGate, StoreUnavailable

STATIC = Path(str(files("heron.web") / "static"))
PAGES = {"overview": "Overview", "articles": "Articles", "article": "Article", "events": "Events",
         "network": "Network", "timeline": "Timeline", "map": "Map", "code": "Code a text", "api": "API"}

Filters = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Rows per page (at most {MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
DownloadLimit = Annotated[int, Query(ge=1, le=MAX_DOWNLOAD_ROWS, description="At most this many events.")]


class FastJSON(JSONResponse):
    """JSON written by the standard library straight from plain dicts.

    A route that returns a dict goes through FastAPI's jsonable_encoder, which
    walks every value in Python: for a page of 50 events or 5,000 map places
    that was most of the answer time.  The API's rows are already plain JSON
    values (dates turned to text by the queries), so they are written as they are.
    """

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


class PasteRequest(BaseModel):
    text: str = Field(min_length=1, description="The text to code.")
    date: dt.date | None = Field(default=None, description="Publication date, to resolve 'on Tuesday'.")
    title: str | None = Field(default=None, max_length=300)
    store: bool = Field(default=False, description="Store the text and its events (needs --writable).")


def create_app(settings: ServerSettings, *, preload_coder: bool = True) -> Any:
    """The app, wrapped in the body-size and header guard (an ASGI app)."""
    # No /docs or /redoc: FastAPI's pages for them load scripts from a CDN, and this
    # app must work with no network; /api lists the routes from /openapi.json instead.
    app = FastAPI(title="heron explorer", version=__version__, docs_url=None, redoc_url=None,
                  description="Browse coded political events: articles, events, network, timeline, map, "
                              "and code a pasted text. Every page reads this API; all filters are the same.")
    paste = PasteCoder(settings.paste_timeout_s)
    if preload_coder:
        app.router.on_startup.append(paste.preload)
    app.state.settings = settings
    app.state.paste = paste
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _errors(app)
    _pages(app, settings)
    _api(app, settings, paste)
    guarded = Guard(app, MAX_BODY_BYTES)
    guarded.fastapi = app  # type: ignore[attr-defined]  # tests and the bench reach the inner app
    return guarded


def _errors(app: FastAPI) -> None:
    @app.exception_handler(StoreBusy)
    def busy(_: Request, exc: StoreBusy) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=503, headers={"Retry-After": "2"})

    @app.exception_handler(StoreUnavailable)
    def unavailable(_: Request, exc: StoreUnavailable) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=503)

    @app.exception_handler(StarletteHTTPException)  # FastAPI's HTTPException and the router's 404/405
    def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part not in ("query", "body", "path"))
        message = f"{where or 'request'}: {first.get('msg', 'invalid')}"
        return JSONResponse({"error": message, "detail": json.loads(json.dumps(errors, default=str))},
                            status_code=422)


def _shell(page: str, settings: ServerSettings) -> HTMLResponse:
    html = (STATIC / "shell.html").read_text(encoding="utf-8")
    html = html.replace("{{title}}", PAGES[page]).replace("{{page}}", page)
    html = html.replace("{{store}}", _escape(settings.db.name)).replace("{{version}}", __version__)
    return HTMLResponse(html)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _pages(app: FastAPI, settings: ServerSettings) -> None:
    def page_route(path: str, page: str) -> None:
        def render() -> HTMLResponse:
            return _shell(page, settings)

        app.add_api_route(path, render, methods=["GET"], include_in_schema=False, name=f"page_{page}")

    page_route("/", "overview")
    for name in ("articles", "events", "network", "timeline", "map", "code", "api"):
        page_route(f"/{name}", name)

    @app.get("/articles/{article_id:path}", include_in_schema=False)
    def article_page(article_id: str) -> HTMLResponse:
        return _shell("article", settings)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> RedirectResponse:
        return RedirectResponse("/static/favicon.svg")


def _api(app: FastAPI, settings: ServerSettings, paste: PasteCoder) -> None:
    def db() -> ExitStack:
        return ExitStack()

    gate = StoreGate(settings.db, wait_s=settings.store_wait_s, writable=settings.writable)
    app.state.gate = gate

    def open_store(stack: ExitStack) -> duckdb.DuckDBPyConnection:
        return stack.enter_context(gate.connection())

    @app.get("/api/stats", tags=["store"], summary="What the store holds")
    def api_stats() -> Response:
        with db() as stack:
            found = queries.stats(open_store(stack))
        for actor in found["actors"]:
            actor["label"] = node_label(actor["code"])
        for root in found["roots"]:
            root["name"] = code_name(root["root"]) if root["root"] else None
        return FastJSON({**found, "store": settings.db.name, "writable": settings.writable,
                         "limits": {"paste_chars": settings.max_paste_chars,
                                    "paste_seconds": settings.paste_timeout_s,
                                    "page": MAX_PAGE, "download_rows": MAX_DOWNLOAD_ROWS}})

    @app.get("/api/articles", tags=["articles"], summary="Articles, newest first, searchable")
    def api_articles(q: Annotated[str | None, Query(max_length=200, description="Words of the title or "
                                                    "text, or an article id.")] = None,
                     limit: Limit = 50, offset: Offset = 0) -> Response:
        with db() as stack:
            return FastJSON(queries.articles_page(open_store(stack), q or None, limit=limit, offset=offset))

    @app.get("/api/articles/{article_id:path}", tags=["articles"],
             summary="One article: clean text, blocks, actor mentions and events")
    def api_article(article_id: Annotated[str, PathParam(max_length=500)]) -> Response:
        with db() as stack:
            found = queries.article(open_store(stack), article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r} in the store")
        found["events"] = [describe_event(e) for e in found["events"]]
        return FastJSON(found)

    @app.get("/api/events", tags=["events"], summary="Events matching the filters, sorted and paged")
    def api_events(flt: Filters, sort: SortKey = "date", order: Order = "desc", limit: Limit = 50,
                   offset: Offset = 0) -> Response:
        with db() as stack:
            page = queries.events_page(open_store(stack), flt, sort=sort, descending=order == "desc",
                                       limit=limit, offset=offset)
        page["events"] = [describe_event(e) for e in page["events"]]
        return FastJSON(page)

    def download(flt: EventFilter, sort: str, order: str, limit: int, kind: str) -> StreamingResponse:
        stack = ExitStack()
        try:
            con = open_store(stack)
            descending = order == "desc"
            if kind == "csv":
                rows = queries.iter_csv_rows(con, flt, sort=sort, descending=descending, limit=limit)
                lines = _csv_lines(rows)
            else:
                lines = _jsonl_lines(queries.iter_event_records(con, flt, sort=sort, descending=descending,
                                                                limit=limit))
        except BaseException:
            stack.close()
            raise

        def body() -> Iterator[str]:
            with stack:
                yield from lines

        media = "text/csv" if kind == "csv" else "application/x-ndjson"
        name = f"heron-events.{kind}"
        return StreamingResponse(body(), media_type=f"{media}; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/api/events.csv", tags=["events"], summary="Download the filtered events as CSV",
             response_class=StreamingResponse)
    def api_events_csv(flt: Filters, sort: SortKey = "date", order: Order = "desc",
                       limit: DownloadLimit = MAX_DOWNLOAD_ROWS) -> StreamingResponse:
        return download(flt, sort, order, limit, "csv")

    @app.get("/api/events.jsonl", tags=["events"], summary="Download the filtered events as JSONL "
             "(the contract's event lines)", response_class=StreamingResponse)
    def api_events_jsonl(flt: Filters, sort: SortKey = "date", order: Order = "desc",
                         limit: DownloadLimit = MAX_DOWNLOAD_ROWS) -> StreamingResponse:
        return download(flt, sort, order, limit, "jsonl")

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event with all its evidence")
    def api_event(event_id: Annotated[str, PathParam(pattern=r"^[0-9a-f]{1,64}$")]) -> Response:
        with db() as stack:
            found = queries.event(open_store(stack), event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r} in the store")
        return FastJSON(describe_event(found))

    @app.get("/api/network", tags=["analysis"], summary="Who meets whom: nodes and undirected edges")
    def api_network(flt: Filters, level: Level = "country",
                    limit: Annotated[int, Query(ge=1, le=MAX_EDGES)] = 150) -> Response:
        with db() as stack:
            found = queries.network(open_store(stack), flt, level=level, limit=limit)
        for node in found["nodes"]:
            node["label"] = node_label(node["id"])
        return FastJSON(found)

    @app.get("/api/timeline", tags=["analysis"], summary="Events per day, week or month by quad class")
    def api_timeline(flt: Filters, interval: Interval = "month") -> Response:
        with db() as stack:
            return FastJSON(queries.timeline(open_store(stack), flt, interval=interval))

    @app.get("/api/places", tags=["analysis"], summary="Event places with counts, for the map")
    def api_places(flt: Filters, limit: Annotated[int, Query(ge=1, le=20_000)] = 5_000) -> Response:
        with db() as stack:
            return FastJSON(queries.places(open_store(stack), flt, limit=limit))

    @app.post("/api/code", tags=["code"], summary="Code a pasted text; nothing is stored unless asked")
    def api_code(body: PasteRequest) -> Response:
        if len(body.text) > settings.max_paste_chars:
            raise HTTPException(413, f"text is {len(body.text)} characters; the paste box takes at most "
                                     f"{settings.max_paste_chars}")
        if not body.text.strip():
            raise HTTPException(422, "text: is empty")
        if body.store and not settings.writable:
            raise HTTPException(403, "this explorer is read-only; start it with `heron serve --writable` "
                                     "to store pasted texts")
        try:
            result, seconds = paste.code(body.text, body.date)
        except CodingBusy as exc:
            raise HTTPException(503, str(exc), headers={"Retry-After": "5"}) from exc
        except CodingTimeout as exc:
            raise HTTPException(504, str(exc)) from exc
        except RuntimeError as exc:
            raise HTTPException(503, str(exc)) from exc
        payload = result_payload(result)
        payload["seconds"] = round(seconds, 3)
        payload["stored"] = _store_pasted(settings, gate, result, body) if body.store else None
        return FastJSON(payload)


def _store_pasted(settings: ServerSettings, gate: StoreGate, result: Any, body: PasteRequest) -> str:
    """Write a pasted text as an article of its own (only on a --writable server)."""
    from dataclasses import replace

    from heron.read.identity import text_digest
    from heron.store import Store, StoreError

    article_id = f"pasted-{text_digest(body.text)[:12]}"
    article = replace(result.article, id=article_id, title=body.title, published=body.date,
                      source_path="explorer")
    events = [replace(ev, article_id=article_id, id="") for ev in result.events]
    mentions = list(result.mentions)
    try:
        with gate.exclusive(), Store(settings.db) as store:
            store.write(article, events, mentions)
    except StoreError as exc:
        raise HTTPException(503, f"cannot store the text: {exc}") from exc
    return article_id


def _jsonl_lines(records: Iterator[dict[str, Any]]) -> Iterator[str]:
    buffer: list[str] = []
    for record in records:
        buffer.append(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        if len(buffer) >= 500:
            yield "".join(buffer)
            buffer.clear()
    if buffer:
        yield "".join(buffer)


def _csv_lines(rows: Iterator[tuple[Any, ...]]) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for n, row in enumerate(rows, 1):
        writer.writerow(row)
        if n % 1000 == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    if out.tell():
        yield out.getvalue()
