"""One event per fact: fold restatements in nearby sentences into one event.

News often states a fact and then restates it ("X and Y discussed the
crisis on Tuesday. The ministers spoke by phone ..."). Counting both doubles
the event; keeping the more specific code (041 over 040) and both sentences
as evidence keeps one event with all its support.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from heron.model import Event

# How many sentences apart a restatement may be.
WINDOW = 2


def more_specific(a: str, b: str) -> str:
    """The more specific of two codes of the same root: 041 over 040, 0871 over 087."""
    def rank(code: str) -> tuple[int, int]:
        return (len(code), 0 if code.endswith("0") else 1)

    return a if rank(a) >= rank(b) else b


def _same_fact(a: Event, b: Event) -> bool:
    if a.root != b.root or a.negated != b.negated or a.modality != b.modality:
        return False
    if 0 < b.sentence_index - a.sentence_index <= WINDOW:
        dyad_a = (a.source.code, a.target.code)
        return dyad_a == (b.source.code, b.target.code) or dyad_a == (b.target.code, b.source.code)
    return False


def merge_restatements(events: Sequence[Event]) -> list[Event]:
    ordered = sorted(events, key=lambda e: (e.sentence_index, e.span))
    kept: list[Event] = []
    for ev in ordered:
        for i, prev in enumerate(kept):
            if _same_fact(prev, ev) and ev.sentence not in prev.evidence:
                code = more_specific(prev.code, ev.code)
                kept[i] = replace(
                    prev, code=code, evidence=(*prev.evidence, ev.sentence),
                    rule=prev.rule if code == prev.code else f"{ev.rule} (merged into {prev.rule})",
                    id="",  # recomputed from the (possibly more specific) code
                    date=prev.date or ev.date, location=prev.location or ev.location,
                )
                break
        else:
            kept.append(ev)
    return kept


def dedupe(events: Iterable[Event]) -> list[Event]:
    """One event per dyad and deed in a sentence (the coder applies it per sentence, before
    :func:`merge_restatements` looks across sentences): "flew to Lima for talks with Peru's
    president" (042 and 040) is one contact with Peru, "launched an attack and shelled
    the town" (190 and 194) one attack; "called the seizure unacceptable and summoned
    the envoy" (111 and 114) stays two.  Dyads are compared by country (or group), as
    the scorer does, except within one country.  Asserted beats negated, then the
    more specific code."""
    kept: list[Event] = []
    for ev in events:
        for i, other in enumerate(kept):
            if (_dyad(ev), ev.root) != (_dyad(other), other.root):
                continue
            if ev.code != other.code and not (_generic(ev.code) or _generic(other.code)):
                continue  # two specific deeds of one kind
            if (other.negated and not ev.negated) or (
                    other.negated == ev.negated and more_specific(other.code, ev.code) != other.code):
                kept[i] = ev
            break
        else:
            kept.append(ev)
    return kept


def _dyad(ev: Event) -> tuple[str, str]:
    """The dyad by country, or by full code within one country (its government and rebels);
    a body that is no state is its own party (the EU is not the Commonwealth, both "IGO")."""
    src, tgt = ev.source.code, ev.target.code
    if src[:3] == tgt[:3]:
        return src, tgt
    return (src[:3] if ev.source.country else src), (tgt[:3] if ev.target.country else tgt)


def _generic(code: str) -> bool:
    """A root's unspecified code: 040, 190, 0870."""
    return code.endswith("0")
