"""Several countries in one noun phrase: "US and British forces", "Russian and Syrian jets".

The resolver gives such a phrase the code of its nearest country ("British
forces"); ``split_conjoined`` turns it into one actor per conjoined country
with the same role, so a coder can emit an event for each.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from heron.actors.knowledge import ActorKnowledge
from heron.model import Actor

MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
COUNTRY_KINDS = frozenset({"country", "demonym"})


def _country_of(token: Token, knowledge: ActorKnowledge) -> tuple[str, str] | None:
    """(ISO3, text) when the modifier (with its own compounds: "South Korean") names a state."""
    doc = token.doc
    start = min([token.i, *(c.i for c in token.lefts if c.dep_ == "compound")])
    for text in (doc[start : token.i + 1].text, token.text):
        entry = knowledge.name_entry(text)
        if entry is not None and entry.kind in COUNTRY_KINDS and entry.country:
            return entry.country, text
    return None


def conjoined_countries(head: Token, knowledge: ActorKnowledge) -> list[tuple[str, str]]:
    """States named by conjoined modifiers of a noun, in text order; [] unless two or more.

    "French, German and Italian diplomats" (two amods, one conj) counts;
    "US and local forces" does not (not every member names a state), nor
    "Syrian Kurdish fighters" (no conjunction).
    """
    members: list[Token] = []
    for child in head.lefts:
        if child.dep_ in MODIFIER_DEPS:
            members.extend(t for t in (child, *child.conjuncts) if t not in members)
    if len(members) < 2 or not any(m.dep_ == "conj" for m in members):
        return []
    found: list[tuple[str, str]] = []
    linked = [m for m in sorted(members, key=lambda t: t.i) if m.dep_ == "conj" or m.conjuncts]
    for member in linked:
        named = _country_of(member, knowledge)
        if named is None:
            return []  # "US and local forces": not a list of states
        if named[0] not in (c for c, _ in found):
            found.append(named)
    # Modifiers outside the conjunction ("French, German and Italian": French) join the list.
    for member in sorted(members, key=lambda t: t.i):
        if member in linked:
            continue
        named = _country_of(member, knowledge)
        if named is not None and named[0] not in (c for c, _ in found) and member.i < linked[0].i:
            found.insert(0, named)
    return found if len(found) >= 2 else []


def split_conjoined(base: Actor, countries: list[tuple[str, str]]) -> list[Actor]:
    """One actor per country, each with the role of ``base`` (which has one of them)."""
    if base.country not in {c for c, _ in countries}:
        return [base]
    role = base.code[3:]
    out: list[Actor] = []
    for country, text in countries:
        code = country + role
        if code == base.code:
            out.append(base)
        else:
            out.append(replace(base, code=code, name=None, rule=f"{base.rule}+and:{text}"))
    return out
