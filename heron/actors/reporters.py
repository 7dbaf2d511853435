"""News agencies and outlets (reporters.yaml), and when a mention of one is the source of the news.

A reporter named as where the news comes from ("according to Reuters",
"AFP reported", "officials told AFP", "BANGUI (Reuters) -") is no party
to the events of its sentence; an international one (``world: true``)
says nothing about the state the story is about, while a national outlet
or state agency mostly reports its own country ("IRNA said a spokeswoman
urged ..." is an Iranian spokeswoman).  ``reporting_use`` says whether a mention stands there;
anywhere else ("police raided Al Jazeera's office") the outlet is a party
like any other body.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from heron.actors.datafiles import read_yaml, shipped_path, str_list
from heron.actors.errors import ActorDataError
from heron.actors.gazetteer import NameEntry, make_entry

DEFAULT_ROLE = "MED"
# Dependency labels of a verb's subject, and of its direct or indirect object.
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_OBJECTS = frozenset({"dobj", "dative", "iobj"})


@dataclass(frozen=True)
class ReportingRules:
    """Where a reporter's phrase stands when it is the source of the news (lemmas)."""

    subject_of: frozenset[str] = frozenset()
    object_of: frozenset[str] = frozenset()
    through: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Reporters:
    entries: tuple[NameEntry, ...]  # kind "org", code country + role
    world: frozenset[NameEntry]  # those of international wire services and broadcasters
    rules: ReportingRules


def load_reporters(countries: Collection[str], roles: Collection[str], path: Path | None = None) -> Reporters:
    """The reporters' name entries, which of them report from everywhere, and the reporting rules."""
    path = path or shipped_path("reporters.yaml")
    label = path.name
    data = read_yaml(path)
    unknown = set(data) - {"version", "reporting", "reporters"}
    if unknown:
        raise ActorDataError(f"{label}: unknown field(s) {sorted(unknown)}")
    raw_rules = data.get("reporting") or {}
    if not isinstance(raw_rules, dict):
        raise ActorDataError(f"{label}: reporting: expected a mapping of word lists")
    fields = {"subject_of", "object_of", "through", "prepositions"}
    if set(raw_rules) - fields:
        raise ActorDataError(f"{label}: reporting: unknown field(s) {sorted(set(raw_rules) - fields)}")
    rules = ReportingRules(**{
        key: frozenset(w.lower() for w in str_list(label, f"reporting.{key}", raw_rules.get(key)))
        for key in fields
    })
    items = data.get("reporters")
    if not isinstance(items, list):
        raise ActorDataError(f"{label}: reporters: expected a list of {{country, names}}")
    entries: list[NameEntry] = []
    world: list[NameEntry] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(items, 1):
        where = f"reporters[{index}]"
        if not isinstance(item, dict):
            raise ActorDataError(f"{label}: {where}: expected a mapping with country and names")
        names = str_list(label, f"{where}.names", item.get("names"))
        where = f"{where} ({names[0] if names else '?'})"
        extra = set(item) - {"country", "names", "role", "world", "note"}
        if extra:
            raise ActorDataError(f"{label}: {where}: unknown field(s) {sorted(extra)}")
        country = str(item.get("country") or "")
        role = str(item.get("role") or DEFAULT_ROLE)
        if country not in countries:
            raise ActorDataError(
                f"{label}: {where}: country: unknown country code {country!r} (expected ISO-3)")
        if role not in roles:
            raise ActorDataError(f"{label}: {where}: role: unknown role {role!r}")
        if not names:
            raise ActorDataError(f"{label}: {where}: names: at least one name is required")
        if not isinstance(item.get("world", False), bool):
            raise ActorDataError(f"{label}: {where}: world: expected true or false")
        code = country + role
        for name in names:
            if seen.get(name, code) != code:
                raise ActorDataError(f"{label}: {where}: names: {name!r} is already {seen[name]}")
            seen[name] = code
            entry = make_entry("org", name, code, names[0], country, role, f"{label}:{names[0]}")
            entries.append(entry)
            if item.get("world"):
                world.append(entry)
    return Reporters(entries=tuple(entries), world=frozenset(world), rules=rules)


def reporting_use(token: Token, rules: ReportingRules) -> str | None:
    """How the phrase headed by ``token`` is the source of the news, or None if it is not.

    "according to Reuters" -> "according to"; "Xinhua reported" -> "reported";
    "officials told AFP" -> "told"; "(Reuters)" -> "credit".
    """
    doc = token.doc
    start = token.i  # the first word of the name: "(Al Jazeera)" is headed by "Jazeera"
    while start > 0 and doc[start - 1].dep_ in ("compound", "flat") and doc[start - 1].head.i == token.i:
        start -= 1
    for left, right in ((start - 1, token.i + 1), (token.left_edge.i - 1, token.right_edge.i + 1)):
        if left >= 0 and right < len(doc) and doc[left].text == "(" and doc[right].text == ")":
            return "credit"  # "BANGUI, Dec 4 (Reuters) -"
    head = token.head
    if token.dep_ in _SUBJECTS and head.lemma_.lower() in rules.subject_of:
        return head.text
    if token.dep_ in _OBJECTS and head.lemma_.lower() in rules.object_of:
        return head.text
    if token.dep_ == "pobj" and head.lower_ in rules.prepositions and head.head.i != head.i:
        word = head.head
        if word.lemma_.lower() in rules.through or word.lower_ in rules.through:
            return f"{word.text} {head.text}"
    return None
