"""Who held the four top offices of every UN member state on one date (offices_2024.yaml).

The table names, per member state, its head of state (``hos``), head of
government (``hog``), foreign minister (``fm``) and defence minister
(``dm``).  It adds no knowledge of its own to actor resolution: every person
it names must have a dated entry in the shipped leaders files, and loading
checks that the name resolves there, at the table's date, to that state with
role GOV.  So the table is the test of the dated leaders data, and its gaps
(offices the compiler was not sure of) are counted, not guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from heron.actors.datafiles import read_yaml, shipped_path, str_list
from heron.actors.errors import ActorDataError
from heron.actors.gazetteer import norm
from heron.actors.knowledge import ActorKnowledge

OFFICES = {
    "hos": "head of state",
    "hog": "head of government",
    "fm": "foreign minister",
    "dm": "defence minister",
}
ROLE = "GOV"
_REMARKS = ("none:", "vacant:")


@dataclass(frozen=True)
class OfficeHolder:
    country: str  # ISO3 of the member state
    office: str  # a key of OFFICES
    name: str  # as written in the table (and the leaders files)
    code: str  # what the name resolves to at the table's date (GBRGOV for Charles III in Canada)


@dataclass(frozen=True)
class OfficeTable:
    date: date
    holders: tuple[OfficeHolder, ...]
    remarks: dict[tuple[str, str], str]  # (country, office) -> "none: ..." or "vacant: ..."
    missing: tuple[tuple[str, str], ...]  # (country, office) the table leaves out
    members: tuple[str, ...] = field(default=())

    def counts(self) -> dict[str, dict[str, int]]:
        """Per office: how many members have it named, remarked (none/vacant), or left out."""
        out = {office: {"named": 0, "none": 0, "vacant": 0, "left out": 0} for office in OFFICES}
        named = {(h.country, h.office) for h in self.holders}
        for _country, office in named:
            out[office]["named"] += 1
        for (_country, office), remark in self.remarks.items():
            out[office][remark.split(":", 1)[0]] += 1
        for _country, office in self.missing:
            out[office]["left out"] += 1
        return out


def _names(label: str, where: str, value: object) -> list[str]:
    if isinstance(value, list):
        return str_list(label, where, value)
    if isinstance(value, str) and value.strip():
        return [value.strip()]
    raise ActorDataError(f"{label}: {where}: expected a name, a list of names or a 'none:'/'vacant:' remark")


def load_offices(knowledge: ActorKnowledge | None = None, path: Path | None = None) -> OfficeTable:
    """Read and check the table; every problem is listed in one ActorDataError."""
    knowledge = knowledge or ActorKnowledge.load()
    path = path or shipped_path("offices_2024.yaml")
    label = path.name
    data = read_yaml(path)
    unknown = set(data) - {"version", "date", "shared_heads", "members"}
    if unknown:
        raise ActorDataError(f"{label}: unknown field(s) {sorted(unknown)}")
    when = data.get("date")
    if not isinstance(when, date):
        raise ActorDataError(f"{label}: date: expected a date as YYYY-MM-DD")
    members = data.get("members")
    if not isinstance(members, dict) or not members:
        raise ActorDataError(f"{label}: members: expected a mapping ISO3 -> offices")
    shared_raw = data.get("shared_heads") or {}
    if not isinstance(shared_raw, dict):
        raise ActorDataError(f"{label}: shared_heads: expected a mapping name -> member codes")
    shared = {norm(str(name)): set(str_list(label, f"shared_heads.{name}", codes))
              for name, codes in shared_raw.items()}
    problems: list[str] = []
    holders: list[OfficeHolder] = []
    remarks: dict[tuple[str, str], str] = {}
    missing: list[tuple[str, str]] = []
    for country, offices in members.items():
        where = f"members.{country}"
        if str(country) not in knowledge.countries.countries:
            problems.append(f"{label}: {where}: unknown country code {country!r} (expected ISO-3)")
            continue
        if not isinstance(offices, dict):
            problems.append(f"{label}: {where}: expected a mapping of {', '.join(OFFICES)}")
            continue
        for office in offices:
            if office not in OFFICES:
                problems.append(f"{label}: {where}: unknown office {office!r} (known: {', '.join(OFFICES)})")
        for office in OFFICES:
            if office not in offices:
                missing.append((country, office))
                continue
            value = offices[office]
            if isinstance(value, str) and value.startswith(_REMARKS):
                remarks[(country, office)] = value
                continue
            try:
                names = _names(label, f"{where}.{office}", value)
            except ActorDataError as exc:
                problems.append(str(exc))
                continue
            for name in names:
                problem = _check(knowledge, when, country, name, shared)
                if problem:
                    problems.append(f"{label}: {where}.{office}: {name!r}: {problem}")
                else:
                    entry = knowledge.leader(name, when)
                    holders.append(OfficeHolder(country, office, name, entry.code))  # type: ignore[union-attr]
    if problems:
        raise ActorDataError(f"{len(problems)} problem(s):\n" + "\n".join(problems))
    return OfficeTable(date=when, holders=tuple(holders), remarks=remarks, missing=tuple(missing),
                       members=tuple(str(c) for c in members))


def _check(knowledge: ActorKnowledge, when: date, country: str, name: str,
           shared: dict[str, set[str]]) -> str | None:
    """Why a named holder does not resolve as the table says, or None."""
    entry = knowledge.leader(name, when)
    if entry is None:
        return f"no leaders entry in office on {when.isoformat()}"
    if norm(name) not in {norm(n) for n in (entry.name, *entry.aliases)}:
        return f"resolves to another person, {entry.name}"
    if entry.role != ROLE:
        return f"resolves to role {entry.role!r}, not {ROLE}"
    if entry.country != country and country not in shared.get(norm(name), set()):
        return f"resolves to {entry.country}, not {country} (a shared head belongs in shared_heads)"
    return None


def describe(table: OfficeTable, missing: bool = False) -> Iterable[str]:
    """Lines for ``heron actors offices``: the counts, and the left-out offices if asked."""
    yield f"offices of {len(table.members)} UN member states on {table.date.isoformat()}"
    for office, counts in table.counts().items():
        parts = ", ".join(f"{n} {what}" for what, n in counts.items())
        yield f"  {OFFICES[office]:<20} {parts}"
    yield f"  {'all four':<20} {len(table.missing)} left out of {4 * len(table.members)}"
    if missing:
        by_country: dict[str, list[str]] = {}
        for country, office in table.missing:
            by_country.setdefault(country, []).append(office)
        for country, offices in sorted(by_country.items()):
            yield f"  left out: {country} {', '.join(offices)}"
