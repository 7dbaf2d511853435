"""Doers the text leaves implicit: "the activist was arrested" (by the police).

Some deeds have only one kind of doer in news (heron/data/implicit_agents.yaml):
the police arrest, a government declares a curfew.  When the clause names no
doer (an agentless passive, a nominal with no possessor or "by"), the doer is
that role of the country of the one acted on, and the actor's rule says so.
Measures a state takes on its own people ("imposed a curfew") are, with no one
named, aimed at the doer's own civilians.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

from heron.datafiles import load_yaml, read_data
from heron.model import Actor

ROLE_CODES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


class AgentDataError(ValueError):
    """implicit_agents.yaml is invalid; the message says where."""


@dataclass(frozen=True)
class ImplicitAgents:
    by_code: Mapping[str, str]  # CAMEO code or prefix -> role
    own_people: frozenset[str] = frozenset()  # codes aimed at the doer's own civilians by default
    # a thing or place lemma -> the role of whom it stands for when violence hits it
    held_by: Mapping[str, str] = field(default_factory=dict)
    context_target_roots: frozenset[str] = frozenset()  # roots whose target may come from the context
    air_words: frozenset[str] = frozenset()  # words that put a deed of violence in the air
    judged_deed_roots: frozenset[str] = frozenset()  # roots aimed at the doer of the deed they judge

    def holder(self, lemma: str, country: str | None, thing: str) -> Actor | None:
        """"Shelled a crowded market": the civilians of the place's country; "an army outpost": its army."""
        role = self.held_by.get(lemma)
        if role is None or country is None:
            return None
        return Actor(code=country + role, text=thing, rule=f"held-by:{role} of {country} ({lemma})")

    def own_population(self, code: str, doer: Actor, trigger: str) -> Actor | None:
        """"Declared a state of emergency" with no one named: the doer's own civilians."""
        if doer.country is None or not any(code.startswith(c) for c in self.own_people):
            return None
        return Actor(code=doer.country + "CVL", text=trigger, rule=f"own-population of {doer.text}")

    def role_for(self, code: str) -> str | None:
        """The role of the one who does ``code`` when nobody is named, or None."""
        for n in range(len(code), 1, -1):
            role = self.by_code.get(code[:n])
            if role is not None:
                return role
        return None

    def agent(self, code: str, patient: Actor, trigger: str) -> Actor | None:
        """The implied doer of ``code`` done to ``patient``: that role of the patient's country."""
        role = self.role_for(code)
        country = patient.country
        if role is None or country is None or patient.code[:3] in {"IGO", "NGO", "IMG", "MNC"}:
            return None
        return Actor(code=country + role, text=trigger, rule=f"implicit-agent:{role} of {patient.text}")


def parse_agents(doc: object, where: str = "heron/data/implicit_agents.yaml") -> ImplicitAgents:
    if not isinstance(doc, dict) or doc.get("version") != 1 or not isinstance(doc.get("agents"), dict):
        raise AgentDataError(f"{where}: expected version: 1 and an 'agents' mapping")
    out: dict[str, str] = {}
    for key, role in doc["agents"].items():
        if not isinstance(key, str) or not key.isdigit() or not 2 <= len(key) <= 4:
            raise AgentDataError(f"{where}: key {key!r} must be a quoted CAMEO code or prefix")
        if role not in ROLE_CODES:
            raise AgentDataError(f"{where}: {key}: role {role!r} is not one of {sorted(ROLE_CODES)}")
        out[key] = role
    own = doc.get("own_people") or []
    if not isinstance(own, list) or not all(isinstance(c, str) and c.isdigit() for c in own):
        raise AgentDataError(f"{where}: 'own_people' must be a list of quoted CAMEO codes")
    held: dict[str, str] = {}
    for role, lemmas in (doc.get("held_by") or {}).items():
        if role not in ROLE_CODES | {"CVL"} or not isinstance(lemmas, list) or not all(
                isinstance(x, str) for x in lemmas):
            raise AgentDataError(f"{where}: held_by: {role!r} must be a role with a list of lemmas")
        held.update({x.lower(): role for x in lemmas})
    roots, judged = (_roots(doc, key, where) for key in ("context_target_roots", "judged_deed_roots"))
    air = doc.get("air_words") or []
    if not isinstance(air, list) or not all(isinstance(w, str) and w == w.lower() for w in air):
        raise AgentDataError(f"{where}: 'air_words' must be a list of lowercase words")
    return ImplicitAgents(out, frozenset(own), MappingProxyType(held), roots, frozenset(air), judged)


def _roots(doc: dict[str, object], key: str, where: str) -> frozenset[str]:
    roots = doc.get(key) or []
    if not isinstance(roots, list) or not all(
            isinstance(r, str) and r.isdigit() and len(r) == 2 for r in roots):
        raise AgentDataError(f"{where}: {key!r} must list quoted two-digit CAMEO roots")
    return frozenset(roots)


@cache
def load_agents() -> ImplicitAgents:
    return parse_agents(load_yaml(read_data("implicit_agents.yaml")))
