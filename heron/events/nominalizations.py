"""Event nominalizations: noun lemma -> verb lemma (``heron/data/nominalizations.yaml``).

The table is derived from WordNet 3.0's derivationally-related-form links by
``tools/derive_nominalizations.py`` (Princeton WordNet licence; see the file's
header), restricted to event nouns ("suspension", "expulsion") of verbs heron
codes, so that a nominal event can borrow the coding of its verb.

YAML fields
-----------
version           the table's version
source            where it was derived from
nominalizations   list of {noun, verb, sense}: lowercase single-word lemmas and
                  the WordNet noun synset and lexicographer file it came from

Whether each verb is coded is deliberately not checked here: the lexicon and
verb classes change independently, and the derivation script is where the
table is filtered against them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from heron.datafiles import parse_yaml_source

FILE = "nominalizations.yaml"
LEMMA_RE = re.compile(r"^[a-z]+$")
FIELDS = frozenset({"noun", "verb", "sense"})


class NominalizationError(ValueError):
    """The nominalization file is invalid; the message names the file, entry and reason."""


def build_nominalizations(doc: Any, where: str) -> Mapping[str, str]:
    """Validate a parsed document; return a frozen mapping noun -> verb."""
    if not isinstance(doc, Mapping) or "version" not in doc or "nominalizations" not in doc:
        raise NominalizationError(f"{where}: expected a mapping with 'version' and 'nominalizations'")
    entries = doc["nominalizations"]
    if not isinstance(entries, list):
        raise NominalizationError(f"{where}: 'nominalizations' must be a list")
    table: dict[str, str] = {}
    for n, entry in enumerate(entries, 1):
        label = f"{where}: nominalizations #{n}"
        if not isinstance(entry, Mapping):
            raise NominalizationError(f"{label}: expected a mapping with noun, verb, sense")
        label += f" ({entry.get('noun', '?')})"
        if set(entry) != FIELDS:
            got = sorted(map(str, entry))
            raise NominalizationError(f"{label}: fields must be exactly {sorted(FIELDS)}, got {got}")
        for key in ("noun", "verb", "sense"):
            # An unquoted "yes"/"1" in YAML would not be a string; say so rather than coerce.
            if not isinstance(entry[key], str) or not entry[key]:
                raise NominalizationError(f"{label}: {key!r} must be a non-empty string, got {entry[key]!r}")
        noun, verb = entry["noun"], entry["verb"]
        for key, value in (("noun", noun), ("verb", verb)):
            if not LEMMA_RE.match(value):
                raise NominalizationError(f"{label}: {key} {value!r} must be one lowercase word")
        if noun in table:
            raise NominalizationError(f"{label}: duplicate noun {noun!r}")
        table[noun] = verb
    return MappingProxyType(table)


def read_nominalizations(path: Path | None = None) -> Mapping[str, str]:
    """Load and validate a nominalization file (default: the shipped one)."""
    doc, where, _ = parse_yaml_source(FILE, path, NominalizationError)
    return build_nominalizations(doc, where)


@cache
def load_nominalizations() -> Mapping[str, str]:
    """Frozen mapping: event noun lemma -> verb lemma, from the shipped table."""
    return read_nominalizations()
