"""International bodies, armed groups, NGOs and named agencies (organizations.yaml)."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from heron.actors.datafiles import read_yaml, shipped_path, str_list
from heron.actors.errors import ActorDataError
from heron.actors.gazetteer import NameEntry, make_entry, norm

GROUP_PREFIXES = frozenset({"IGO", "IMG", "NGO", "MNC", "NGM", "UIS"})
_CODE = re.compile(r"^[A-Z0-9]{3,12}$")


def load_organizations(
    countries: Collection[str], roles: Collection[str], path: Path | None = None
) -> tuple[NameEntry, ...]:
    """Validate and index organisations: codes are a group prefix or ISO3 + role."""
    path = path or shipped_path("organizations.yaml")
    label = path.name
    data = read_yaml(path)
    items = data.get("organizations")
    if not isinstance(items, list):
        raise ActorDataError(f"{label}: organizations: expected a list of {{code, names}}")
    entries: list[NameEntry] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(items, 1):
        where = f"organizations[{index}]"
        if not isinstance(item, dict):
            raise ActorDataError(f"{label}: {where}: expected a mapping with code and names")
        code = str(item.get("code") or "")
        names = str_list(label, f"{where}.names", item.get("names"))
        where = f"{where} ({names[0] if names else code})"
        if not _CODE.match(code):
            raise ActorDataError(f"{label}: {where}: code: {code!r} is not a CAMEO actor code")
        prefix = code[:3]
        country: str | None = None
        role: str | None = None
        if prefix not in GROUP_PREFIXES:
            if prefix not in countries:
                raise ActorDataError(f"{label}: {where}: code: unknown country or group prefix {prefix!r}")
            if code[3:] not in roles:
                raise ActorDataError(f"{label}: {where}: code: unknown role {code[3:]!r}")
            country, role = prefix, code[3:]
        if not names:
            raise ActorDataError(f"{label}: {where}: names: at least one name is required")
        for name in names:
            if seen.get(name, code) != code:
                raise ActorDataError(f"{label}: {where}: names: {name!r} is already {seen[name]}")
            seen[name] = code
            entries.append(make_entry("org", name, code, names[0], country, role, f"{label}:{names[0]}"))
    return tuple(entries)


def load_groups(countries: Collection[str], path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Named groups of states ("six world powers"): normalised name → member codes.

    Members must be country codes or organisation codes of the same file.
    """
    path = path or shipped_path("organizations.yaml")
    label = path.name
    data = read_yaml(path)
    org_codes = {str(item.get("code")) for item in data.get("organizations") or [] if isinstance(item, dict)}
    items = data.get("groups") or []
    if not isinstance(items, list):
        raise ActorDataError(f"{label}: groups: expected a list of {{names, members}}")
    groups: dict[str, tuple[str, ...]] = {}
    for index, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ActorDataError(f"{label}: groups[{index}]: expected a mapping with names and members")
        names = str_list(label, f"groups[{index}].names", item.get("names"))
        members = str_list(label, f"groups[{index}].members", item.get("members"))
        where = f"groups[{index}] ({names[0] if names else '?'})"
        if not names or len(members) < 2:
            raise ActorDataError(f"{label}: {where}: a group needs names and at least two members")
        unknown = [m for m in members if m not in countries and m not in org_codes]
        if unknown:
            raise ActorDataError(f"{label}: {where}: members: unknown code(s) {unknown}")
        for name in names:
            if norm(name) in groups:
                raise ActorDataError(f"{label}: {where}: names: {name!r} is already a group")
            groups[norm(name)] = tuple(members)
    return groups
