"""Which stored events a query wants: one filter for ``heron events``, ``export`` and ``stats``.

Options combine as an analyst expects: values of one option are
alternatives (``--code 18 --code 19`` and ``--code 18,19`` both mean "18 or
19"), different options must all hold (``--code 19 --source RUS`` is
Russia's fights).  ``--actor`` matches either side; ``--source`` and
``--target`` fix the direction of the dyad.  Codes and actor codes match by
prefix ("RUS" matches "RUSGOV", "19" matches "190"-"196").

Dates name a period: ``2019``, ``2019-05`` or ``2019-05-03``.  ``since``
starts at the period's first day, ``until`` ends at its last day, both
inclusive, so ``--since 2019 --until 2019`` is the whole year.  An event
without a date of its own is compared by its article's publication date.

Every value reaches SQL as a parameter; only the fixed clauses below are
ever put into the query text.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_CODE = re.compile(r"\d{1,4}")
_ACTOR = re.compile(r"[A-Z0-9-]{1,30}")


class FilterError(ValueError):
    """A filter value that cannot mean anything; the message names the option and value."""


def period(text: str, option: str = "date") -> tuple[date, date]:
    """The first and last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    value = text.strip()
    try:
        if _YEAR.fullmatch(value):
            year = int(value)
            return date(year, 1, 1), date(year, 12, 31)
        month = _MONTH.fullmatch(value)
        if month:
            year, number = int(month.group(1)), int(month.group(2))
            return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])
        day = date.fromisoformat(value)
        return day, day
    except ValueError as exc:
        raise FilterError(f"{option} {text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD") from exc


def split_values(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """Repeated options and comma lists as one tuple, blanks dropped, order kept, no repeats."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return tuple(out)


@dataclass(frozen=True)
class EventFilter:
    codes: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()  # either side
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    since: date | None = None  # inclusive
    until: date | None = None  # inclusive
    article_id: str | None = None
    include_negated: bool = True
    real_only: bool = False  # neither negated nor hypothetical (Event.is_real)
    limit: int | None = None

    @classmethod
    def build(cls, *, codes: Iterable[str] | str | None = None, actors: Iterable[str] | str | None = None,
              sources: Iterable[str] | str | None = None, targets: Iterable[str] | str | None = None,
              since: str | date | None = None, until: str | date | None = None,
              article_id: str | None = None, include_negated: bool = True, real_only: bool = False,
              limit: int | None = None) -> EventFilter:
        """From what a user typed: repeated values, comma lists, periods.  Raises FilterError."""
        code_values = split_values(codes)
        for code in code_values:
            if not _CODE.fullmatch(code):
                raise FilterError(f"--code {code!r} is not a CAMEO event code (1-4 digits, e.g. 04, 190)")
        sides = {}
        for option, given in (("--actor", actors), ("--source", sources), ("--target", targets)):
            values = tuple(v.upper() for v in split_values(given))
            for value in values:
                if not _ACTOR.fullmatch(value):
                    raise FilterError(f"{option} {value!r} is not a CAMEO actor code (e.g. RUS, IRNGOV)")
            sides[option] = values
        first = since if isinstance(since, date) or since is None else period(since, "--since")[0]
        last = until if isinstance(until, date) or until is None else period(until, "--until")[1]
        if first and last and first > last:
            raise FilterError(f"--since {first.isoformat()} is after --until {last.isoformat()}")
        if limit is not None and limit < 0:
            raise FilterError(f"--limit {limit} must not be negative")
        return cls(codes=code_values, actors=sides["--actor"], sources=sides["--source"],
                   targets=sides["--target"], since=first, until=last, article_id=article_id,
                   include_negated=include_negated, real_only=real_only, limit=limit)

    @classmethod
    def simple(cls, actor: str | None = None, code: str | None = None, since: date | None = None,
               until: date | None = None, article_id: str | None = None, include_negated: bool = True,
               limit: int | None = None, real_only: bool = False) -> EventFilter:
        """The one-value form ``Store.events(actor=..., code=...)`` takes (library callers)."""
        return cls(codes=(code,) if code else (), actors=(actor.upper(),) if actor else (), since=since,
                   until=until, article_id=article_id, include_negated=include_negated, real_only=real_only,
                   limit=None if limit is None else max(0, int(limit)))

    def where(self) -> tuple[list[str], list[Any]]:
        """SQL conditions on ``events e`` joined to ``articles a``, and their parameters."""
        clauses: list[str] = []
        params: list[Any] = []

        def any_prefix(column: str, values: Sequence[str]) -> None:
            clauses.append("(" + " OR ".join(f"starts_with({column}, ?)" for _ in values) + ")")
            params.extend(values)

        if self.codes:
            any_prefix("e.code", self.codes)
        if self.actors:
            clauses.append("(" + " OR ".join("starts_with(e.source_code, ?) OR starts_with(e.target_code, ?)"
                                             for _ in self.actors) + ")")
            for actor in self.actors:
                params += [actor, actor]
        if self.sources:
            any_prefix("e.source_code", self.sources)
        if self.targets:
            any_prefix("e.target_code", self.targets)
        if self.since:
            clauses.append(f"{EVENT_DAY} >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"{EVENT_DAY} <= ?")
            params.append(self.until)
        if self.article_id is not None:
            clauses.append("e.article_id = ?")
            params.append(self.article_id)
        if not self.include_negated or self.real_only:
            clauses.append("NOT e.negated")
        if self.real_only:
            clauses.append("e.modality IS DISTINCT FROM 'hypothetical'")
        return clauses, params


# An event without its own date happened, as far as we know, when it was reported.
EVENT_DAY = "coalesce(e.date, a.published)"
EVENT_ORDER = "e.article_id, e.sentence_index, e.span_start, e.id"


def event_query(columns: str, where: EventFilter) -> tuple[str, list[Any]]:
    """The events SELECT of ``columns`` for a filter, ordered by article and position."""
    clauses, params = where.where()
    sql = f"SELECT {columns} FROM events e LEFT JOIN articles a ON a.id = e.article_id"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += f" ORDER BY {EVENT_ORDER}"
    if where.limit is not None:
        sql += " LIMIT ?"
        params.append(int(where.limit))
    return sql, params
