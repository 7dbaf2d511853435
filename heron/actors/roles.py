"""Role words -> CAMEO roles (roles.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from heron.actors.datafiles import read_yaml, shipped_path, str_list
from heron.actors.errors import ActorDataError
from heron.actors.gazetteer import norm

RoleKind = Literal["body", "person", "affiliate"]
_ROLE = re.compile(r"^[A-Z]{3}$")
_KINDS: dict[str, RoleKind] = {"bodies": "body", "people": "person", "affiliates": "affiliate"}


@dataclass(frozen=True)
class RoleWord:
    phrase: str
    role: str
    kind: RoleKind


@dataclass(frozen=True)
class RoleData:
    words: dict[str, RoleWord]  # normalised phrase -> word
    order: tuple[str, ...]  # role codes, in preference order
    names: dict[str, str]  # role code -> its name
    title_modifiers: frozenset[str]
    ethnic_no_state: frozenset[str]
    implied_country: dict[str, str]  # normalised title -> ISO3
    place_roles: frozenset[str] = frozenset()
    article_roles: frozenset[str] = frozenset()
    nearby_roles: frozenset[str] = frozenset()
    recurring_roles: frozenset[str] = frozenset()
    never_domestic: frozenset[str] = frozenset()
    posted_titles: frozenset[str] = frozenset()
    country_anaphors: frozenset[str] = frozenset()
    body_anaphors: frozenset[str] = frozenset()
    relational_titles: frozenset[str] = frozenset()
    backing_participles: frozenset[str] = frozenset()
    owned_things: frozenset[str] = frozenset()
    collectives: frozenset[str] = frozenset()

    def priority(self, role: str) -> int:
        return self.order.index(role) if role in self.order else len(self.order)


def load_roles(path: Path | None = None) -> RoleData:
    path = path or shipped_path("roles.yaml")
    label = path.name
    data = read_yaml(path)
    roles = data.get("roles")
    if not isinstance(roles, dict) or not roles:
        raise ActorDataError(f"{label}: roles: expected a mapping ROLE -> {{bodies, people, affiliates}}")
    words: dict[str, RoleWord] = {}
    names: dict[str, str] = {}
    for role, entry in roles.items():
        where = f"roles.{role}"
        if not isinstance(role, str) or not _ROLE.match(role):
            raise ActorDataError(f"{label}: {where}: a role code is three capital letters")
        if not isinstance(entry, dict):
            raise ActorDataError(f"{label}: {where}: expected a mapping")
        unknown = set(entry) - {"name", *_KINDS}
        if unknown:
            raise ActorDataError(f"{label}: {where}: unknown field(s) {sorted(unknown)}")
        names[role] = str(entry.get("name") or role)
        for field_name, kind in _KINDS.items():
            for phrase in str_list(label, f"{where}.{field_name}", entry.get(field_name)):
                key = norm(phrase)
                if key in words and words[key].role != role:
                    raise ActorDataError(
                        f"{label}: {where}.{field_name}: {phrase!r} is already listed under {words[key].role}"
                    )
                words[key] = RoleWord(phrase=phrase, role=role, kind=kind)
    modifiers = frozenset(norm(w) for w in str_list(label, "title_modifiers", data.get("title_modifiers")))
    ethnic = frozenset(norm(w) for w in str_list(label, "ethnic_no_state", data.get("ethnic_no_state")))
    implied = data.get("implied_country") or {}
    if not isinstance(implied, dict):
        raise ActorDataError(f"{label}: implied_country: expected a mapping title -> ISO3")
    for title in implied:
        if norm(str(title)) not in words:
            raise ActorDataError(f"{label}: implied_country.{title}: not a listed role word")
    return RoleData(
        words=words,
        order=tuple(roles),
        names=names,
        title_modifiers=modifiers,
        ethnic_no_state=ethnic,
        implied_country={norm(str(k)): str(v) for k, v in implied.items()},
        place_roles=_role_set(label, "place_roles", data.get("place_roles"), roles),
        article_roles=_role_set(label, "article_roles", data.get("article_roles"), roles),
        nearby_roles=_role_set(label, "nearby_roles", data.get("nearby_roles"), roles),
        recurring_roles=_role_set(label, "recurring_roles", data.get("recurring_roles"), roles),
        never_domestic=frozenset(
            norm(w) for w in str_list(label, "never_domestic", data.get("never_domestic"))
        ),
        posted_titles=frozenset(
            norm(w) for w in str_list(label, "posted_titles", data.get("posted_titles"))
        ),
        owned_things=frozenset(norm(w) for w in str_list(label, "owned_things", data.get("owned_things"))),
        collectives=frozenset(norm(w) for w in str_list(label, "collectives", data.get("collectives"))),
        country_anaphors=frozenset(
            norm(w) for w in str_list(label, "country_anaphors", data.get("country_anaphors"))
        ),
        body_anaphors=frozenset(
            norm(w) for w in str_list(label, "body_anaphors", data.get("body_anaphors"))
        ),
        relational_titles=frozenset(
            norm(w) for w in str_list(label, "relational_titles", data.get("relational_titles"))
        ),
        backing_participles=frozenset(
            norm(w) for w in str_list(label, "backing_participles", data.get("backing_participles"))
        ),
    )


def _role_set(label: str, where: str, value: object, roles: dict[str, object]) -> frozenset[str]:
    found = str_list(label, where, value)
    for role in found:
        if role not in roles:
            raise ActorDataError(f"{label}: {where}: unknown role {role!r}")
    return frozenset(found)
