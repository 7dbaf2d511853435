"""Verb classes: a fallback table of verb lemma -> CAMEO code (``heron/data/verb_classes.yaml``).

The table is derived from PETRARCH-2's CAMEO verb dictionary by
``tools/derive_verb_classes.py`` (MIT; see the file's header).  It widens
coverage to verbs heron's own lexicon does not list ("bombard", "denounce");
``heron/data/patterns.yaml`` always wins where it has the verb, because its
patterns also say where the target is found.

YAML fields
-----------
version    the table's version
source     where it was derived from (repository, file, commit, licence)
excluded   reason -> lemmas deliberately left out (too generic to code alone)
verbs      list of {lemma, code, source}: a lowercase single-word verb lemma,
           its CAMEO code (in the ontology) and its provenance "petrarch2:BLOCK"
light      list of {verb, noun, code, source}: a light verb whose event is in
           its direct object ("stage" + "vigil" -> 017)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from heron.datafiles import parse_yaml_source

FILE = "verb_classes.yaml"
EXCLUDED_REASONS = ("reporting", "light", "aspect", "review")
LEMMA_RE = re.compile(r"^[a-z]+$")
SOURCE_RE = re.compile(r"^petrarch2:[A-Z][A-Z0-9_]*$")


class VerbClassError(ValueError):
    """The verb-class file is invalid; the message names the file, entry and reason."""


@dataclass(frozen=True)
class VerbClass:
    code: str  # CAMEO event code, e.g. "190"
    source: str  # provenance, e.g. "petrarch2:ATTACK"


@dataclass(frozen=True)
class VerbClassTable:
    version: str
    verbs: Mapping[str, VerbClass]  # lemma -> class
    light: Mapping[str, Mapping[str, VerbClass]]  # verb -> object noun lemma -> class
    excluded: Mapping[str, frozenset[str]]  # reason -> lemmas


def _entry(entry: Any, where: str, keys: tuple[str, ...], codes: frozenset[str] | None) -> dict[str, str]:
    if not isinstance(entry, Mapping):
        raise VerbClassError(f"{where}: expected a mapping with {', '.join(keys)}")
    if set(entry) != set(keys):
        raise VerbClassError(f"{where}: fields must be exactly {list(keys)}, got {sorted(entry)}")
    values = {k: entry[k] for k in keys}
    for k, v in values.items():
        if not isinstance(v, str):  # an unquoted code like 190 would be an int
            raise VerbClassError(f"{where}: {k!r} must be a (quoted) string, got {v!r}")
    for k in keys[:-2]:
        if not LEMMA_RE.match(values[k]):
            raise VerbClassError(f"{where}: {k} {values[k]!r} must be one lowercase word")
    code = values["code"]
    if not code.isdigit() or len(code) not in (2, 3, 4):
        raise VerbClassError(f"{where}: code {code!r} is not a CAMEO code")
    if codes is not None and code not in codes:
        raise VerbClassError(f"{where}: code {code} is not in the ontology")
    if not SOURCE_RE.match(values["source"]):
        raise VerbClassError(f"{where}: source {values['source']!r} must read petrarch2:BLOCK")
    return values


def build_verb_classes(doc: Any, where: str, codes: frozenset[str] | None) -> VerbClassTable:
    """Validate a parsed verb-class document; every problem names ``where`` and the entry."""
    if not isinstance(doc, Mapping) or "version" not in doc or "verbs" not in doc:
        raise VerbClassError(f"{where}: expected a mapping with 'version' and 'verbs'")
    raw_excluded = doc.get("excluded") or {}
    if not isinstance(raw_excluded, Mapping):
        raise VerbClassError(f"{where}: 'excluded' must map a reason to a list of lemmas")
    excluded: dict[str, frozenset[str]] = {}
    for reason, lemmas in raw_excluded.items():
        if reason not in EXCLUDED_REASONS:
            raise VerbClassError(f"{where}: excluded: unknown reason {reason!r} (know {EXCLUDED_REASONS})")
        if not isinstance(lemmas, list) or not all(isinstance(x, str) and LEMMA_RE.match(x) for x in lemmas):
            raise VerbClassError(f"{where}: excluded.{reason}: must be a list of lowercase words")
        excluded[reason] = frozenset(lemmas)
    banned = {lemma: reason for reason, lemmas in excluded.items() for lemma in lemmas}

    entries, light_entries = doc["verbs"], doc.get("light") or []
    if not isinstance(entries, list) or not isinstance(light_entries, list):
        raise VerbClassError(f"{where}: 'verbs' and 'light' must be lists")
    verbs: dict[str, VerbClass] = {}
    for n, entry in enumerate(entries, 1):
        e = _entry(entry, f"{where}: verbs #{n} ({_name(entry)})", ("lemma", "code", "source"), codes)
        lemma = e["lemma"]
        if lemma in verbs:
            raise VerbClassError(f"{where}: verbs #{n}: duplicate lemma {lemma!r}")
        if lemma in banned:
            raise VerbClassError(f"{where}: verbs #{n}: {lemma!r} is excluded ({banned[lemma]})")
        verbs[lemma] = VerbClass(e["code"], e["source"])
    light: dict[str, dict[str, VerbClass]] = {}
    for n, entry in enumerate(light_entries, 1):
        e = _entry(entry, f"{where}: light #{n} ({_name(entry)})", ("verb", "noun", "code", "source"), codes)
        nouns = light.setdefault(e["verb"], {})
        if e["noun"] in nouns:
            raise VerbClassError(f"{where}: light #{n}: duplicate {e['verb']} + {e['noun']}")
        nouns[e["noun"]] = VerbClass(e["code"], e["source"])
    return VerbClassTable(
        version=str(doc["version"]),
        verbs=MappingProxyType(verbs),
        light=MappingProxyType({v: MappingProxyType(ns) for v, ns in light.items()}),
        excluded=MappingProxyType(excluded),
    )


def _name(entry: Any) -> str:
    if isinstance(entry, Mapping):
        return " + ".join(str(entry[k]) for k in ("lemma", "verb", "noun") if k in entry) or "?"
    return "?"


def read_verb_classes(path: Path | None = None, codes: frozenset[str] | None = None) -> VerbClassTable:
    """Load and validate a verb-class file (default: the shipped one) against ``codes``."""
    doc, where, _ = parse_yaml_source(FILE, path, VerbClassError)
    return build_verb_classes(doc, where, codes)


@cache
def default_verb_classes() -> VerbClassTable:
    """The shipped table, validated against heron's ontology."""
    from heron.ontology import load_ontology

    return read_verb_classes(codes=frozenset(load_ontology().codes))


@cache
def load_verb_classes() -> Mapping[str, VerbClass]:
    """Frozen mapping: verb lemma -> VerbClass(code, source), from the shipped table."""
    return default_verb_classes().verbs


@cache
def load_light_verbs() -> Mapping[str, Mapping[str, VerbClass]]:
    """Frozen mapping: light verb -> object noun lemma -> VerbClass ("stage" -> "vigil" -> 017)."""
    return default_verb_classes().light
