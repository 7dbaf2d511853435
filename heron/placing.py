"""An event's place from ranked evidence: the one place resolver heron has.

:mod:`heron.where` reads what one clause says; this module weighs every kind
of evidence and keeps the best, recording which (``Location.rule``) and how
sure that kind is (``Location.confidence``, from ``places.yaml``'s
``evidence``):

1. ``clause`` / ``clause-near`` / ``clause-far`` — the event's own clause
   ("talks in Vienna", "visited Kabul", "strikes on the outskirts of Idlib").
2. ``argument`` — a place named inside one of the event's actors ("the
   governor of Kherson condemned ...", "Goma residents fled").
3. ``paragraph`` — the place an earlier sentence of the same paragraph sets
   its events in: a paragraph tells one scene.
4. ``lead`` — the city the article's opening sentences set the story in.
5. ``dateline`` — the city the report was filed from, only for events the
   article places there: never for a phone call or letter, nor for sides
   named by a foreign capital ("Washington and Beijing held talks" is not
   held where the reporter sits).
6. ``scene`` — for an article with no dateline, the town it most often places
   things in (named after "in"/"at"; a tie goes to the first named).
7. ``capital`` — with none of these, a domestic event (both sides of one
   state: "police detained the opposition leader") in that state's capital.

Tiers 3-7 are a scene, not the event's own words: none of them places an
event whose sides were apart (:func:`is_remote`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from heron.gazetteer import Gazetteer
from heron.model import Actor, Location
from heron.nlp import doc_text
from heron.when import clause_head
from heron.where import PlaceContext, _event_places, place_of, scene_place

_CLAUSE_RULES = ("clause", "clause-near", "clause-far")
# Features that say where something happened; a country is an actor first.
_SCENE_FEATURES = frozenset({"city", "capital", "region", "landmark", "water", "locality"})


def _placed(loc: Location, rule: str, gaz: Gazetteer) -> Location:
    return replace(loc, rule=rule, confidence=gaz.evidence.get(rule))


def is_remote(trigger: Token, gaz: Gazetteer) -> bool:
    """Were the two sides apart ("spoke by phone", "a video call", "wrote in a letter")?"""
    words = gaz.clues.remote_words
    head = clause_head(trigger)
    tokens = (*head.subtree, *trigger.subtree)
    return any(tok.lower_ in words or tok.lemma_.lower() in words for tok in tokens)


def _clause(sent: Span, trigger: Token, context: PlaceContext, gaz: Gazetteer,
            target_country: str | None) -> Location | None:
    if target_country is not None:
        prefer = (target_country, *(c for c in context.countries if c != target_country))
        leg = replace(context, countries=prefer)
        for f in _event_places(sent, trigger, leg, gaz):
            if f.location.country == target_country:
                return _placed(f.location, _CLAUSE_RULES[min(f.rank, 2)], gaz)
    found = _event_places(sent, trigger, context, gaz)
    if found:
        return _placed(found[0].location, _CLAUSE_RULES[min(found[0].rank, 2)], gaz)
    # "signed a treaty on the junction of their borders in Khujand": a place deeper
    # in the event's own clause than the clause reader looks, but not another clause's
    head = clause_head(trigger)
    for tok in head.subtree:
        if tok.dep_ == "pobj" and tok.head.lower_ in gaz.clues.location_preps and tok.text[:1].isupper() \
                and clause_head(tok).i == head.i:
            loc = scene_place(tok, gaz, context.countries)
            if loc is not None and loc.feature in _SCENE_FEATURES:
                return _placed(loc, "clause-far", gaz)
    return None


def _in_actor(sent: Span, actors: Sequence[Actor], context: PlaceContext, gaz: Gazetteer) -> Location | None:
    """A place inside an actor's words ("the mayor of Kharkiv"); not the actor itself
    ("Kyiv accused Moscow": a capital standing for its government)."""
    doc = sent.doc
    for actor in actors:
        if actor.start < sent.start_char or actor.end > sent.end_char or actor.end <= actor.start:
            continue
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None or len(span) < 2:
            continue
        for tok in span:
            if not tok.text[:1].isupper() or tok.i == span.start:
                continue
            loc = place_of(tok, gaz, context.countries)
            if loc is not None and loc.feature in _SCENE_FEATURES and loc.name != span.text:
                return _placed(loc, "argument", gaz)
    return None


def _paragraph_start(sent: Span) -> int:
    """Character offset where the sentence's paragraph starts (a blank line or a line break)."""
    text = doc_text(sent.doc)
    return text.rfind("\n", 0, sent.start_char) + 1


def _paragraph(sent: Span, context: PlaceContext, gaz: Gazetteer, back: int = 3) -> Location | None:
    """The place an earlier sentence of the paragraph sets its scene in ("... in Khujand")."""
    start = _paragraph_start(sent)
    doc = sent.doc
    earlier: list[Span] = []
    cur = sent
    while len(earlier) < back and cur.start > 0:
        prev = doc[cur.start - 1].sent
        if prev.start_char < start:
            break
        earlier.append(prev)
        cur = prev
    preps = gaz.clues.location_preps
    for prev in earlier:  # nearest first
        for tok in prev:
            if tok.dep_ == "pobj" and tok.head.lower_ in preps and tok.text[:1].isupper():
                loc = scene_place(tok, gaz, context.countries)
                if loc is not None and loc.feature in _SCENE_FEATURES:
                    return _placed(loc, "paragraph", gaz)
    return None


def _dateline(context: PlaceContext, gaz: Gazetteer, actors: Sequence[Actor]) -> Location | None:
    if not context.dateline_city:
        return None
    loc = gaz.lookup(context.dateline_city, context.countries)
    if loc is None:
        return None
    if loc.feature == "country" and "," in context.dateline_city:
        # "PSARADES, Greece": a town the gazetteer lacks, named as the dateline spells it
        town = context.dateline_city.split(",")[0].strip()
        loc = Location(name=town, country=loc.country, feature="city")
    # "MOSCOW - Washington and Beijing traded accusations": sides named by
    # their foreign capitals act from there, not from where the reporter files.
    for actor in actors:
        seat = gaz.lookup(actor.text.strip(), context.countries) if actor.text else None
        # ("Kim" is also a town somewhere: only a seat that stands for the actor's own state)
        if seat is not None and seat.feature in ("capital", "city") and seat.country != loc.country \
                and actor.country == seat.country:
            return None
    return _placed(loc, "dateline", gaz)


def resolve_event_place(sent: Span, trigger: Token, context: PlaceContext, gazetteer: Gazetteer, *,
                        target_country: str | None = None, actors: Sequence[Actor] = ()) -> Location | None:
    """The event's place from the best evidence there is, or None.

    ``target_country`` (ISO-3), for one leg of a trip ("stops in Bishkek,
    Kyrgyzstan; Samarkand, Uzbekistan" coded once per country visited): the
    clause's place in that country wins.  ``actors``: the event's source and
    target, for places named inside them and the dateline's test.
    """
    gaz = gazetteer
    found = _clause(sent, trigger, context, gaz, target_country) or _in_actor(sent, actors, context, gaz)
    if found is not None:
        return found
    if is_remote(trigger, gaz):
        return None
    found = _paragraph(sent, context, gaz)
    if found is not None:
        return found
    # not for the opening sentence itself: there the place is another clause's
    if context.lead_place is not None and context.lead_sentence != sent.start_char:
        return _placed(context.lead_place, "lead", gaz)
    if context.dateline_city is None and context.scene is not None:
        return _placed(context.scene, "scene", gaz)
    return _dateline(context, gaz, actors) or _home_capital(actors, gaz)


def _home_capital(actors: Sequence[Actor], gaz: Gazetteer) -> Location | None:
    """The capital of the one state both sides belong to."""
    states = {a.country for a in actors}
    if len(actors) < 2 or len(states) != 1:
        return None
    capital = gaz.capitals.get(next(iter(states)) or "")
    return _placed(capital, "capital", gaz) if capital is not None else None


__all__ = ["is_remote", "resolve_event_place"]
