"""heron's explorer: a web app over the store (``heron serve``).

An optional shell like the CLI: it needs the ``web`` extra (FastAPI and
uvicorn), which is imported only when the explorer is used.  Pages are
static HTML + plain JavaScript + SVG served from ``static/``; every page
reads a JSON API (``/api/...``, described at ``/openapi.json``) that takes
the same filters.  The store is opened read-only for each request, so an
ingest that runs at the same time is never blocked for longer than a query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from heron.web.settings import ServerSettings


def create_app(settings: ServerSettings) -> FastAPI:
    """The FastAPI app for ``settings`` (imported lazily: FastAPI is an extra)."""
    from heron.web.app import create_app as _create

    return _create(settings)
