"""The verb-and-noun pattern lexicon (``heron/data/patterns.yaml``).

Rules are data: this module only loads and validates them.  Each pattern
says which word triggers an event, which CAMEO code it gives, and where the
target is found.  The coder (``heron.events.coder``) applies them.

YAML entry fields
-----------------
id         unique pattern id, shown in every event it produces ("rule")
code       CAMEO event code (validated against the ontology)
verb       a verb lemma, optionally with a particle: "meet", "step up"
noun       or a noun lemma, optionally multiword with the head last:
           "strike", "air strike" (nominal events: "Russian strikes on ...")
object     light verbs: the direct object's head lemma must be one of these
           ("hold" + [talk, meeting]); prepositions hanging off that object
           may then give the target ("held talks with Iran")
target     where the target is found, in order of preference: "dobj",
           "dative", or a preposition ("with", "to", "on", "against", "for",
           "from", "at", "of", "into", "between").  Default for verbs:
           [dobj]; for nouns: [on, against, with, between, to, for, of].
           Verbs whose subject is the one acted on ("received weapons from
           X") say "subject" here and give the doer under ``source``.
source     nouns: where the source is found: "by", "poss", "amod",
           "compound", "between".  Default [by, poss, amod, compound].
           Verbs: a preposition ("from") when the doer is not the subject;
           the pattern must then give "subject" as its target
subject    verbs: the subject's head lemma must be one of these ("troops
           withdrew from" is a military retreat, "Britain withdrew from" is not)
predicate  verbs of judging: what the object is called must be one of these
           lemmas ("called the move unacceptable", "described the vote as a
           farce", "called the decision a blatant attack")
require    slots that must be present for the pattern to fire
           ("call" + require [on] = "call on X to ...")
symmetric  true for joint actions (meet, discuss, agree, sign): compound
           subjects produce both directions, "talks between X and Y" too

Compositions (``compositions:``) state a verb class x object-noun class ->
code once ("cease" verbs x "aid" nouns -> 162); :func:`expand_compositions`
turns each pairing into the light-verb patterns above.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from heron.datafiles import parse_yaml_source

PatternKind = Literal["verb", "noun"]

TARGET_SLOTS = frozenset({
    "dobj", "dative", "with", "to", "on", "against", "for", "from", "at", "of",
    "into", "between", "in", "over", "about", "toward", "towards", "upon", "among", "by", "as",
    "subject",
})
# Slots a pattern may require but never takes a party from: "complement", a clause the
# verb governs ("wanted Syria to prepare for elections", not "people want leadership").
REQUIRE_ONLY_SLOTS = frozenset({"complement"})
SOURCE_SLOTS = frozenset({"by", "poss", "amod", "compound", "between", "of", "for"})
VERB_SOURCE_SLOTS = frozenset({"from", "by"})
DEFAULT_VERB_TARGET = ("dobj",)
# An object word "ent:person" stands for any object the parser tags as that kind of named
# entity ("dismissed Pedro Castillo"): people are not a closed list of lemmas.
ENTITY_PREFIX = "ent:"
OBJECT_ENTITIES = frozenset({"person", "org", "norp", "gpe"})
DEFAULT_NOUN_TARGET = ("on", "against", "with", "between", "to", "for", "of")
DEFAULT_NOUN_SOURCE = ("by", "poss", "amod", "compound")


class LexiconError(ValueError):
    """A pattern file is invalid; the message names the file, entry and reason."""


@dataclass(frozen=True)
class Pattern:
    id: str
    code: str
    kind: PatternKind
    lemma: str  # verb lemma, or the head lemma of a noun
    particle: str | None = None  # "up" in "step up"
    modifiers: tuple[str, ...] = ()  # noun words before the head: ("air",) in "air strike"
    object: tuple[str, ...] = ()
    subject: tuple[str, ...] = ()  # verbs: allowed subject head lemmas
    predicate: tuple[str, ...] = ()  # verbs of judging: what the object is called
    target: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    require: tuple[str, ...] = ()
    symmetric: bool = False
    note: str = ""

    @property
    def specificity(self) -> int:
        """More constrained patterns win over general ones for the same word."""
        return (4 * bool(self.object) + 3 * bool(self.subject) + 3 * bool(self.predicate)
                + 2 * len(self.require) + bool(self.particle) + len(self.modifiers))


@dataclass(frozen=True)
class Lexicon:
    version: str
    patterns: tuple[Pattern, ...]
    by_verb: Mapping[str, tuple[Pattern, ...]] = field(default_factory=dict)
    by_noun: Mapping[str, tuple[Pattern, ...]] = field(default_factory=dict)

    def verb_patterns(self, lemma: str) -> tuple[Pattern, ...]:
        return self.by_verb.get(lemma, ())

    def noun_patterns(self, lemma: str) -> tuple[Pattern, ...]:
        return self.by_noun.get(lemma, ())

    @property
    def light_objects(self) -> frozenset[str]:
        """Object nouns that light-verb patterns look for ("talks" in "held talks")."""
        return frozenset(o for p in self.patterns for o in p.object)


def _as_tuple(value: Any, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise LexiconError(f"{where}: field {name!r} must be a string or a list of strings")


def parse_pattern(entry: Mapping[str, Any], where: str, valid_codes: frozenset[str] | None) -> Pattern:
    known = {"id", "code", "verb", "noun", "object", "subject", "predicate", "target", "source", "require",
             "symmetric", "note"}
    unknown = set(entry) - known
    if unknown:
        raise LexiconError(f"{where}: unknown field(s) {sorted(unknown)}")
    pid = entry.get("id")
    if not isinstance(pid, str) or not pid:
        raise LexiconError(f"{where}: missing 'id'")
    code = entry.get("code")
    if not isinstance(code, str) or not code.isdigit() or len(code) not in (3, 4):
        raise LexiconError(f"{where} ({pid}): 'code' must be a quoted 3- or 4-digit CAMEO code, got {code!r}")
    if valid_codes is not None and code not in valid_codes:
        raise LexiconError(f"{where} ({pid}): {code} is not a CAMEO code in the ontology")
    verb, noun = entry.get("verb"), entry.get("noun")
    if bool(verb) == bool(noun):
        raise LexiconError(f"{where} ({pid}): give exactly one of 'verb' or 'noun'")
    words = str(verb or noun).lower().split()
    kind: PatternKind = "verb" if verb else "noun"
    particle = None
    modifiers: tuple[str, ...] = ()
    if kind == "verb":
        if len(words) > 2:
            raise LexiconError(f"{where} ({pid}): a verb is a lemma plus at most one particle")
        lemma = words[0]
        particle = words[1] if len(words) == 2 else None
    else:
        lemma, modifiers = words[-1], tuple(words[:-1])
    target = _as_tuple(entry.get("target"), where, "target")
    source = _as_tuple(entry.get("source"), where, "source")
    require = _as_tuple(entry.get("require"), where, "require")
    for slot in target + tuple(r for r in require if r not in REQUIRE_ONLY_SLOTS):
        if slot not in TARGET_SLOTS:
            raise LexiconError(f"{where} ({pid}): unknown target slot {slot!r}")
    for slot in source:
        if slot not in (VERB_SOURCE_SLOTS if kind == "verb" else SOURCE_SLOTS):
            raise LexiconError(f"{where} ({pid}): unknown source slot {slot!r} for a {kind} pattern")
    if kind == "verb" and bool(source) != ("subject" in target):
        raise LexiconError(f"{where} ({pid}): a verb with a 'source' slot acts on its subject, so its"
                           " target must list 'subject' (and only such a verb may)")
    if kind == "noun" and "subject" in target:
        raise LexiconError(f"{where} ({pid}): 'subject' targets are for verb patterns")
    if kind == "noun" and (entry.get("object") or entry.get("subject") or entry.get("predicate")):
        raise LexiconError(f"{where} ({pid}): 'object', 'subject' and 'predicate' are for verb patterns,"
                           " not nouns")
    for word in _as_tuple(entry.get("object"), where, "object"):
        kind_of = word.lower().removeprefix(ENTITY_PREFIX)
        if word.lower().startswith(ENTITY_PREFIX) and kind_of not in OBJECT_ENTITIES:
            raise LexiconError(f"{where} ({pid}): object {word!r}: entity kinds are "
                               f"{sorted(OBJECT_ENTITIES)}")
    symmetric = entry.get("symmetric", False)
    if not isinstance(symmetric, bool):
        raise LexiconError(f"{where} ({pid}): 'symmetric' must be true or false")
    return Pattern(
        id=pid, code=code, kind=kind, lemma=lemma, particle=particle, modifiers=modifiers,
        object=tuple(o.lower() for o in _as_tuple(entry.get("object"), where, "object")),
        subject=tuple(o.lower() for o in _as_tuple(entry.get("subject"), where, "subject")),
        predicate=tuple(o.lower() for o in _as_tuple(entry.get("predicate"), where, "predicate")),
        target=target or (DEFAULT_VERB_TARGET if kind == "verb" else DEFAULT_NOUN_TARGET),
        source=source or (DEFAULT_NOUN_SOURCE if kind == "noun" else ()),
        require=require, symmetric=symmetric, note=str(entry.get("note") or ""),
    )


def _word_class(value: Any, where: str) -> tuple[str, ...]:
    words = _as_tuple(value, where, "words")
    if not words:
        raise LexiconError(f"{where}: a class needs at least one word")
    return words


def expand_compositions(doc: Any, where: str) -> list[dict[str, Any]]:
    """Pattern entries for every verb x noun of each pairing in ``compositions``."""
    if doc is None:
        return []
    if not isinstance(doc, Mapping) or set(doc) != {"verbs", "nouns", "codes"}:
        raise LexiconError(f"{where}: compositions: expected exactly 'verbs', 'nouns' and 'codes'")
    verbs, nouns = doc["verbs"], doc["nouns"]
    if not isinstance(verbs, Mapping) or not isinstance(nouns, Mapping) or not isinstance(doc["codes"], list):
        raise LexiconError(f"{where}: compositions: 'verbs' and 'nouns' map class names, 'codes' is a list")
    entries: list[dict[str, Any]] = []
    for n, pair in enumerate(doc["codes"], 1):
        at = f"{where}: compositions: code #{n}"
        if not isinstance(pair, Mapping) or set(pair) != {"name", "verbs", "nouns", "code"}:
            raise LexiconError(f"{at}: expected name, verbs, nouns and code")
        vclass, nclass = pair["verbs"], pair["nouns"]
        if vclass not in verbs:
            raise LexiconError(f"{at}: unknown verb class {vclass!r}")
        if nclass not in nouns or not isinstance(nouns[nclass], Mapping):
            raise LexiconError(f"{at}: unknown noun class {nclass!r}")
        noun = nouns[nclass]
        words = _word_class(noun.get("words"), f"{at} ({nclass})")
        target = _as_tuple(noun.get("target"), f"{at} ({nclass})", "target")
        for verb in _word_class(verbs[vclass], f"{at} ({vclass})"):
            entries.append({
                "id": f"{pair['name']}.{verb.replace(' ', '-')}-{nclass}.obj", "code": pair["code"],
                "verb": verb, "object": list(words), "target": list(target) or None,
                "note": f"composition: {vclass} x {nclass}",
            })
    return entries


def build_lexicon(doc: Mapping[str, Any], where: str, valid_codes: frozenset[str] | None) -> Lexicon:
    if not isinstance(doc, Mapping) or "patterns" not in doc:
        raise LexiconError(f"{where}: expected a mapping with 'version' and 'patterns'")
    entries = doc["patterns"]
    if not isinstance(entries, Sequence):
        raise LexiconError(f"{where}: 'patterns' must be a list")
    entries = [*entries, *expand_compositions(doc.get("compositions"), where)]
    patterns: list[Pattern] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, Mapping):
            raise LexiconError(f"{where}: pattern #{n} is not a mapping")
        p = parse_pattern(entry, f"{where}: pattern #{n}", valid_codes)
        if p.id in seen:
            raise LexiconError(f"{where}: pattern #{n}: duplicate id {p.id!r}")
        seen.add(p.id)
        patterns.append(p)
    by_verb: dict[str, list[Pattern]] = defaultdict(list)
    by_noun: dict[str, list[Pattern]] = defaultdict(list)
    for p in patterns:
        (by_verb if p.kind == "verb" else by_noun)[p.lemma].append(p)

    def ranked(d: dict[str, list[Pattern]]) -> dict[str, tuple[Pattern, ...]]:
        return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in d.items()}

    return Lexicon(version=str(doc.get("version", "")), patterns=tuple(patterns),
                   by_verb=ranked(by_verb), by_noun=ranked(by_noun))


def load_lexicon(path: Path | None = None, valid_codes: frozenset[str] | None = None) -> Lexicon:
    """Load and validate a pattern file (default: the shipped one)."""
    doc, where, _ = parse_yaml_source("patterns.yaml", path, LexiconError)
    return build_lexicon(doc, where, valid_codes)


@cache
def default_lexicon() -> Lexicon:
    from heron.ontology import load_ontology

    return load_lexicon(valid_codes=frozenset(load_ontology().codes))
