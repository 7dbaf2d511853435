"""``heron stats``: the counts an analyst asks a store for first.

One record per group: ``by`` (root, quad, dyad, month), ``key`` (the CAMEO
root, the quad class, ``SOURCE>TARGET`` countries, ``YYYY-MM``), ``name``
(what the key means, where it has a name), ``events`` (all stored) and
``real`` (neither negated nor hypothetical: what should be counted as having
happened).  Roots, quad classes and months come in their own order, dyads
by count, the most frequent first, at most ``top`` of them.

A dyad's side is the actor's country (the first three letters of its code);
a non-state actor (IGO, NGO, ...) stands as its whole code, since "IGO"
alone would lump the UN with every other body.  Months are the event's own
date, or its article's publication date where it has none.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from heron.filters import EVENT_DAY, EventFilter
from heron.model import NON_STATE_PREFIXES
from heron.store import Store

DIMENSIONS = ("root", "quad", "dyad", "month")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}

_NON_STATE = ", ".join(f"'{prefix}'" for prefix in sorted(NON_STATE_PREFIXES))  # fixed, not user input


def _side(column: str) -> str:
    return (f"CASE WHEN {column} IS NULL OR {column} = '' THEN '?' "
            f"WHEN substr({column}, 1, 3) = '---' THEN '---' "
            f"WHEN substr({column}, 1, 3) IN ({_NON_STATE}) THEN {column} "
            f"ELSE substr({column}, 1, 3) END")


_KEYS = {
    "root": ("e.root", "key"),
    "quad": ("CAST(e.quad_class AS VARCHAR)", "key"),
    "dyad": (f"{_side('e.source_code')} || '>' || {_side('e.target_code')}", "events DESC, key"),
    "month": (f"coalesce(strftime({EVENT_DAY}, '%Y-%m'), 'unknown')", "key"),
}
_REAL = "NOT e.negated AND e.modality IS DISTINCT FROM 'hypothetical'"


def summarize(store: Store, where: EventFilter | None = None,
              dimensions: tuple[str, ...] = DIMENSIONS, top: int | None = 20) -> Iterator[dict[str, Any]]:
    """Count records, dimension after dimension (``top`` caps the dyads)."""
    where = where or EventFilter()
    clauses, params = where.where()
    condition = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    names = _root_names()
    for dimension in dimensions:
        if dimension not in _KEYS:
            raise ValueError(f"unknown stats dimension {dimension!r}; choose from {', '.join(DIMENSIONS)}")
        key, order = _KEYS[dimension]
        sql = (f"SELECT {key} AS key, count(*) AS events, count(*) FILTER (WHERE {_REAL}) AS real "
               f"FROM events e LEFT JOIN articles a ON a.id = e.article_id{condition} "
               f"GROUP BY ALL ORDER BY {order} NULLS LAST")
        query_params = list(params)
        if dimension == "dyad" and top is not None:
            sql += " LIMIT ?"
            query_params.append(max(0, int(top)))
        for value, events, real in store.fetch(sql, query_params):
            yield {"by": dimension, "key": value, "name": _name(dimension, value, names),
                   "events": int(events), "real": int(real)}


def _name(dimension: str, key: Any, roots: dict[str, str]) -> str | None:
    if dimension == "root":
        return roots.get(str(key))
    if dimension == "quad" and key is not None:
        return QUAD_NAMES.get(int(key))
    return None


def _root_names() -> dict[str, str]:
    from heron.ontology import load_ontology

    return {code: info.name for code, info in load_ontology().codes.items() if len(code) == 2}
