"""Statements that judge: "the ministry said the decision was unacceptable".

Reported speech whose content approves or disapproves of a party's deed is an
event from the speaker toward that party (CAMEO 051 or 111), whatever the
sentence's verbs are.  The cue classes are data (``heron/data/statements.yaml``);
this module finds, for a cue used as the predicate of a reported clause, who
speaks (the reporting verb's subject, or the quote's speaker) and whom the
judgement is about (the owner or doer of the judged thing, else the other
party named nearest in the sentence).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from heron.datafiles import load_yaml, read_data

PREDICATE_DEPS = frozenset({"acomp", "attr", "oprd"})


class StatementDataError(ValueError):
    """statements.yaml is invalid; the message says where."""


@dataclass(frozen=True)
class Judgement:
    """A judging word found as the predicate of a reported clause."""

    cue: Token
    code: str
    judged: Token | None  # the subject of the judged clause ("the decision"), if any
    clause: Token  # the copula or verb the cue is the predicate of


@dataclass(frozen=True)
class StatementCues:
    by_lemma: Mapping[str, str]  # cue lemma -> CAMEO code
    framing: frozenset[str] = frozenset()  # "an act of", "a declaration of": the cue is their "of"

    def judgement(self, tok: Token) -> Judgement | None:
        """``tok`` as a judging predicate ("was unacceptable", "is a farce", "was an act of
        aggression"), or None."""
        code = self.by_lemma.get(tok.lemma_.lower())
        if code is None:
            return None
        pred = tok
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in self.framing:
            pred = tok.head.head
        if pred.dep_ not in PREDICATE_DEPS or pred.head.i == pred.i:
            return None
        if any(c.dep_ == "neg" for c in (*pred.children, *pred.head.children)):
            return None  # "was not illegal" judges nothing
        clause = pred.head
        judged = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if judged is not None and judged.lower_ == "it":
            # "It is shocking to see the cuts": what is seen is judged
            judged = next((o for c in clause.children if c.dep_ in {"xcomp", "ccomp"}
                           for o in c.children if o.dep_ in {"dobj", "nsubj"}), None)
        return Judgement(cue=tok, code=code, judged=judged, clause=clause)


def parse_cues(doc: object, where: str = "heron/data/statements.yaml",
               valid_codes: frozenset[str] | None = None) -> StatementCues:
    if not isinstance(doc, dict) or doc.get("version") != 1 or not isinstance(doc.get("classes"), dict):
        raise StatementDataError(f"{where}: expected version: 1 and a 'classes' mapping")
    out: dict[str, str] = {}
    for name, spec in doc["classes"].items():
        if not isinstance(spec, dict) or not isinstance(spec.get("code"), str) or not isinstance(
                spec.get("cues"), list):
            raise StatementDataError(f"{where}: class {name!r} needs a quoted 'code' and a 'cues' list")
        code = spec["code"]
        if valid_codes is not None and code not in valid_codes:
            raise StatementDataError(f"{where}: class {name!r}: {code} is not a CAMEO code")
        for cue in spec["cues"]:
            if not isinstance(cue, str) or cue != cue.lower() or " " in cue:
                raise StatementDataError(f"{where}: class {name!r}: cue {cue!r} must be one lowercase word")
            if cue in out:
                raise StatementDataError(f"{where}: cue {cue!r} is in two classes")
            out[cue] = code
    framing = doc.get("framing_nouns") or []
    if not isinstance(framing, list) or not all(isinstance(w, str) and w == w.lower() for w in framing):
        raise StatementDataError(f"{where}: 'framing_nouns' must be a list of lowercase words")
    return StatementCues(out, frozenset(framing))


@cache
def load_cues() -> StatementCues:
    from heron.ontology import load_ontology

    return parse_cues(load_yaml(read_data("statements.yaml")), valid_codes=frozenset(load_ontology().codes))
