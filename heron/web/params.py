"""Query parameters of the API, validated at the edge (types, sizes, ranges, patterns).

One dependency, :func:`event_filter`, reads the filters every events-based
route takes, so the table, the downloads, the network, the timeline and the
map all accept the same ones, documented once in the OpenAPI description.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import HTTPException, Query

from heron.web.queries import EventFilter

# CAMEO actor codes are letters and digits ("RUSGOV", "IGOUNO"); "---" stands for an unknown country.
ACTOR_PATTERN = r"^[A-Za-z0-9-]{1,24}$"
EVENT_CODE_PATTERN = r"^[0-9]{2,4}$"
TEXT_MAX = 200

Actor = Annotated[str | None, Query(pattern=ACTOR_PATTERN, description="Actor code prefix, as source or "
                                    "target (RUS, RUSGOV, IGOUNO).")]
SortKey = Literal["date", "code", "source", "target", "goldstein", "quad", "place", "article"]
Order = Literal["asc", "desc"]
Level = Literal["country", "actor"]
Interval = Literal["day", "week", "month"]


def bad_request(name: str, message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=f"query parameter {name!r}: {message}")


def event_filter(
    actor: Actor = None,
    source: Annotated[str | None, Query(pattern=ACTOR_PATTERN, description="Source code prefix.")] = None,
    target: Annotated[str | None, Query(pattern=ACTOR_PATTERN, description="Target code prefix.")] = None,
    dyad: Annotated[str | None, Query(
        pattern=r"^[A-Za-z0-9-]{1,24},[A-Za-z0-9-]{1,24}$",
        description="Two actor code prefixes, A,B: events from A to B or from B to A.")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z-]{3}$",
                                         description="ISO-3 country of the source or the target.")] = None,
    role: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$",
                                      description="Role of a state actor, source or target (GOV, MIL, OPP).")]
    = None,
    code: Annotated[str | None, Query(pattern=EVENT_CODE_PATTERN,
                                      description="CAMEO event code prefix: a root (19) or a code (190).")]
    = None,
    quad: Annotated[list[int] | None, Query(
        description="Quad class, repeatable: 1 verbal and 2 material cooperation, 3 verbal and 4 material "
                    "conflict.")] = None,
    since: Annotated[date | None, Query(description="Events on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Events on or before this day.")] = None,
    place: Annotated[str | None, Query(max_length=100, description="Words of the place name, or an ISO-3 "
                                       "country code.")] = None,
    q: Annotated[str | None, Query(max_length=TEXT_MAX, description="Words of the sentence or of the "
                                   "actors' text.")] = None,
    article: Annotated[str | None, Query(max_length=500, description="Only this article id.")] = None,
    real: Annotated[bool, Query(description="Only events counted as real (not negated, not "
                                "hypothetical).")] = False,
    lat_min: Annotated[float | None, Query(ge=-90, le=90)] = None,
    lat_max: Annotated[float | None, Query(ge=-90, le=90)] = None,
    lon_min: Annotated[float | None, Query(ge=-180, le=180)] = None,
    lon_max: Annotated[float | None, Query(ge=-180, le=180)] = None,
) -> EventFilter:
    quads = tuple(sorted(set(quad or ())))
    if any(not 1 <= value <= 4 for value in quads):
        raise bad_request("quad", "must be 1, 2, 3 or 4")
    if since and until and since > until:
        raise bad_request("since", f"{since} is after until={until}")
    box = (lat_min, lat_max, lon_min, lon_max)
    bbox: tuple[float, float, float, float] | None = None
    if any(v is not None for v in box):
        if any(v is None for v in box):
            raise bad_request("lat_min", "a box needs all of lat_min, lat_max, lon_min and lon_max")
        lo_lat, hi_lat, lo_lon, hi_lon = (float(v) for v in box)  # type: ignore[arg-type]
        if lo_lat > hi_lat or lo_lon > hi_lon:
            raise bad_request("lat_min", "the box's minimum is above its maximum")
        bbox = (lo_lat, hi_lat, lo_lon, hi_lon)
    pair = None
    if dyad:
        first, second = dyad.upper().split(",")
        pair = (first, second)
    return EventFilter(
        actor=_up(actor), source=_up(source), target=_up(target), dyad=pair, country=_up(country),
        role=_up(role), code=code, quad=quads, since=since, until=until, place=place or None, q=q or None,
        article=article, real=real, bbox=bbox)


def _up(value: str | None) -> str | None:
    return value.upper() if value else None
