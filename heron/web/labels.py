"""Words for codes: country names, CAMEO code names and quad classes, for people reading the pages."""

from __future__ import annotations

from functools import cache
from typing import Any

from heron.web.queries import QUAD_NAMES

# Bodies that are not states, by the first three letters of their CAMEO code.
_GROUP_NAMES = {"IGO": "international body", "IMG": "militant group", "NGO": "NGO",
                "MNC": "company", "NGM": "movement", "UIS": "unidentified armed group", "KUR": "Kurds",
                "---": "unknown"}


@cache
def _ontology() -> Any:
    from heron.ontology import load_ontology

    return load_ontology()


@cache
def code_name(code: str) -> str | None:
    try:
        return str(_ontology().describe(code).name)
    except KeyError:
        return None


@cache
def country_name(iso3: str) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3)
    if found is None:
        return _GROUP_NAMES.get(iso3)
    return str(getattr(found, "common_name", None) or found.name)


def node_label(code: str) -> str:
    """A readable name for a network node: a country, or a non-state body's code and kind."""
    if len(code) == 3:
        return country_name(code) or code
    head = country_name(code[:3])
    return f"{code} ({head})" if head else code


def describe_event(record: dict[str, Any]) -> dict[str, Any]:
    """The record plus names for its codes (the pages show them; downloads keep the contract shape)."""
    record["code_name"] = code_name(record["code"]) if record.get("code") else None
    record["quad_name"] = QUAD_NAMES.get(record.get("quad_class") or 0)
    return record
