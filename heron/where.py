"""Where an event happened: the event's own clause, read against the gazetteer.

The gazetteer (:mod:`heron.gazetteer`, re-exported here) knows the names;
this module decides which name in a sentence is the event's place, and
whether a noun is used as a place at all (:func:`is_place_mention`).

An event's place comes from its own clause only: a fronted "In Berlin, ...",
"talks in Vienna", "strikes on Idlib", "a trip ... with stops in Bishkek,
Kyrgyzstan", "visited Kabul", "the Vienna talks", "France hosted talks".
Failing that, the article's dateline city ("GENEVA, March 3 (Reuters) -"),
else the city its opening sentences place it in ("A deal was reached in
Geneva ...").  Failing that, None: the rest of the article is not a reason
to guess.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from heron.datafiles import load_yaml, read_data
from heron.dateline import find_dateline
from heron.gazetteer import Clues, Entry, Gazetteer, PlacesError, normalize
from heron.model import Actor, Location
from heron.when import clause_head, doc_ents, ent_at, ents_of

log = logging.getLogger(__name__)

SKIP_SCAN_LABELS = frozenset({"PERSON", "WORK_OF_ART", "EVENT", "LAW"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NON_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# Names the gazetteer lacks are taken as places only when NER says so; a
# building (FAC) is no place a reader would look up.
UNLISTED_PLACE_LABELS = frozenset({"GPE", "LOC"})


# --------------------------------------------------------------------------- article context



@dataclass(frozen=True)
class PlaceContext:
    """What the article says about places before any one event: countries named, dateline."""

    countries: tuple[str, ...] = ()  # ISO-3, in order of first mention
    dateline_city: str | None = None
    # "A deal has been reached in Geneva ...": the city the article opens in, for
    # events of later sentences whose clause names no place, when there is no dateline
    lead_place: Location | None = None
    lead_sentence: int = -1  # start character of the sentence that names it
    # The city the article most often places things in ("in Lima"): the story's
    # scene, for an article with no dateline.
    scene: Location | None = None

    @classmethod
    def build(cls, doc: Doc, published_dateline_city: str | None = None,
              gazetteer: Gazetteer | None = None) -> PlaceContext:
        gaz = gazetteer or Gazetteer.load()
        dateline = published_dateline_city or find_dateline(doc.text, gaz)
        countries = named_countries(doc, gaz)
        lead, lead_sentence = lead_place(doc, gaz, countries)
        return cls(countries, dateline, lead, lead_sentence, pick_scene(scene_tally(doc, gaz, countries)))


def named_countries(doc: Doc, gaz: Gazetteer) -> tuple[str, ...]:
    """The countries (ISO-3) the text names, in order of first mention."""
    found: list[tuple[int, str]] = []
    for ent in doc_ents(doc):
        if ent.label_ == "GPE" and (iso := gaz.country_code(ent.text)):
            found.append((ent.start, iso))
    for start, end in _known_spans(doc, gaz):
        entry = _best_entry(gaz, doc[start:end].text)
        # Countries, regions and states name a country; a bare city
        # ("Paris") does not, and would bring in false friends.
        if entry and entry.location.country and entry.location.feature in ("country", "region"):
            found.append((start, entry.location.country))
    countries: list[str] = []
    for _, iso in sorted(found):
        if iso not in countries:
            countries.append(iso)
    return tuple(countries)


_TOWNS = frozenset({"city", "capital", "locality"})

# Each town named after "in"/"at"/"near": how often, and its place as first found.
SceneTally = dict[str, tuple[int, Location]]


def scene_tally(doc: Doc, gaz: Gazetteer, prefer: Sequence[str]) -> SceneTally:
    """The towns a text places things in, counted, in the order first named; kept apart
    from :func:`pick_scene` so a long article coded in windows (heron.windows) can add
    its windows' counts."""
    tally: SceneTally = {}
    for tok in doc:
        if tok.dep_ == "pobj" and tok.head.lower_ in gaz.clues.location_preps and tok.text[:1].isupper():
            place = scene_place(tok, gaz, prefer)
            if place is not None and place.feature in _TOWNS:
                count, first = tally.get(place.name, (0, place))
                tally[place.name] = (count + 1, first)
    return tally


def pick_scene(tally: SceneTally, least: int = 2) -> Location | None:
    """The town named most often (a tie goes to the first named), if it is named at
    least ``least`` times."""
    ranked = sorted(tally.values(), key=lambda entry: -entry[0])  # stable: a tie goes to the first named
    if not ranked or ranked[0][0] < least:
        return None
    return ranked[0][1]


def lead_place(doc: Doc, gaz: Gazetteer, prefer: Sequence[str],
               sentences: int = 2) -> tuple[Location | None, int]:
    """The first city an "in" phrase names in the article's opening sentences, and where
    its sentence starts."""
    for n, sent in enumerate(doc.sents):
        if n >= sentences:
            break
        for tok in sent:
            if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.pos_ == "PROPN":
                place = scene_place(tok, gaz, prefer)
                if place is not None and place.feature in ("city", "capital"):
                    return place, sent.start_char
    return None, -1


def _best_entry(gaz: Gazetteer, text: str) -> Entry | None:
    cands = gaz.candidates(text)
    for e in cands:
        if e.location.feature == "country":
            return e
    return cands[0] if cands else None


def _starts_name(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ", "X")


def _known_spans(doc: Doc | Span, gaz: Gazetteer, longest: int = 5) -> Iterable[tuple[int, int]]:
    """Capitalized token runs the gazetteer knows, longest match first, left to right."""
    skip: set[int] = set()
    for ent in ents_of(doc):
        # "Jordan" inside "Michael Jordan" is no country; but a whole entity
        # the gazetteer knows is a place whatever NER called it ("Nay Pyi Taw").
        if ent.label_ in SKIP_SCAN_LABELS and len(ent) > 1 and not gaz.knows(ent.text):
            skip.update(range(ent.start, ent.end))
    start_at = doc.start if isinstance(doc, Span) else 0
    end_at = doc.end if isinstance(doc, Span) else len(doc)
    # Token texts read once: building spaCy Tokens and Spans per candidate is the slow part.
    texts: list[str] = []
    with_ws: list[str] = []
    starts: list[bool] = []
    for tok in doc:
        texts.append(tok.text)
        with_ws.append(tok.text_with_ws)
        starts.append(_starts_name(tok))
    i = start_at
    while i < end_at:
        k = i - start_at
        if i in skip or not starts[k]:
            i += 1
            continue
        for j in range(min(end_at, i + longest), i, -1):
            if not texts[j - 1 - start_at][:1].isupper() or (j - 1) in skip:
                continue
            # doc[i:j].text: each token with its space, less the last one's.
            if gaz.knows("".join(with_ws[k : j - 1 - start_at]) + texts[j - 1 - start_at]):
                yield i, j
                i = j
                break
        else:
            i += 1


# --------------------------------------------------------------------------- event place


@dataclass(frozen=True, order=True)
class _Found:
    rank: int
    distance: int
    location: Location = field(compare=False)


def _is_proper(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or (tok.text[:1].isupper() and tok.i > tok.sent.start)


def _name_spans(tok: Token) -> list[Span]:
    """Spans that may name the place headed by ``tok``, longest first."""
    doc = tok.doc
    spans: list[Span] = []
    ent = ent_at(doc, tok.i)
    if ent is not None:
        spans.append(ent)
    sub = [t for t in tok.subtree if t.dep_ not in ("det", "punct", "poss", "case")]
    # The noun phrase up to the head and its "of" complement ("Gulf of Aden"), no clauses.
    left = tok.i
    while left - 1 >= tok.sent.start and doc[left - 1].head.i == tok.i and doc[left - 1].dep_ in (
            "compound", "amod", "nmod"):
        left -= 1
    right = tok.i + 1
    of_child = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == tok.i + 1]
    if of_child:
        objs = [c for c in of_child[0].children if c.dep_ == "pobj"]
        if objs:
            right = max(t.i for t in objs[0].subtree) + 1
        spans.append(doc[left:right])
    spans.append(doc[left:tok.i + 1])
    if sub:
        spans.append(doc[min(t.i for t in sub):tok.i + 1])
    spans.append(doc[tok.i:tok.i + 1])
    unique: dict[tuple[int, int], Span] = {}
    for sp in spans:
        unique.setdefault((sp.start, sp.end), sp)
    return sorted(unique.values(), key=lambda s: -(s.end - s.start))


def _qualifier_after(span: Span, gaz: Gazetteer) -> str | None:
    """The ", Kyrgyzstan" / ", Texas" right after a place name, if any."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    for length in (3, 2, 1):
        cand = doc[span.end + 1:span.end + 1 + length]
        if len(cand) != length or not cand[0].text[:1].isupper() or not cand[-1].text[:1].isupper():
            continue
        # "..., Iran-aligned group": a word that goes on is no qualifier.
        if cand.end < len(doc) and (doc[cand.end].text in ("-", "–") or doc[cand.end].text[:1].isupper()):
            continue
        if gaz.country_code(cand.text) or normalize(cand.text) in gaz.us_states:
            return cand.text
    return None


def _match(tok: Token, gaz: Gazetteer, prefer: Sequence[str]) -> tuple[Location, int] | None:
    """The place a noun names and the token index just past its words (qualifier included)."""
    doc = tok.doc
    heads = [tok] + [c for c in tok.children if c.dep_ == "appos"]
    # "in the capital, Nay Pyi Taw": an apposition the parser did not attach.
    if not _is_proper(tok) and tok.i + 2 < len(doc) and doc[tok.i + 1].text == ",":
        window = doc[tok.i + 2:min(len(doc), tok.i + 7)]
        for start, end in _known_spans(window, gaz):
            if start == tok.i + 2:
                heads.append(doc[end - 1])
            break
    for head in heads:
        if not _is_proper(head) or _inside_unknown_name(head, gaz):
            continue
        # geonames' alternate spellings only for what NER calls a place.
        alternates = head.ent_type_ in PLACE_LABELS
        for span in _name_spans(head):
            if not span.text[:1].isupper() or not gaz.knows(span.text):
                continue
            qualifier = _qualifier_after(span, gaz)
            entry, end = None, span.end
            if qualifier and not gaz.country_code(span.text):
                entry = gaz.lookup_entry(f"{span.text}, {qualifier}", prefer, alternates)
                if entry is not None and entry.location.feature in ("country", "region"):
                    entry = None  # no such place in that country: read the name alone
                else:
                    end = span.end + 1 + len(qualifier.split())
            if entry is None:
                entry = gaz.lookup_entry(span.text, prefer, alternates)
            if entry is not None and (head.ent_type_ not in NON_PLACE_LABELS or _well_known(entry, gaz)):
                if entry.location.feature not in ("country", "region") and not entry.curated and \
                        normalize(entry.location.name) != normalize(span.text):
                    # another spelling: name it as the article does ("Hodeidah", not
                    # geonames' "Al Ḩudaydah"); the coordinates are the same.  Curated
                    # aliases keep their place's name ("Capitol Hill" is Washington).
                    return replace(entry.location, name=span.text), end
                return entry.location, end
    return None


def _inside_unknown_name(tok: Token, gaz: Gazetteer) -> bool:
    """'Jordan' in 'Michael Jordan': part of a longer person/organization name that is no place."""
    ent = ent_at(tok.doc, tok.i)
    if ent is not None and len(ent) > 1 and ent.label_ in NON_PLACE_LABELS:
        return not gaz.knows(ent.text)
    return False


def _well_known(entry: Entry, gaz: Gazetteer) -> bool:
    """Sure enough to overrule NER's 'person' or 'organization' ("Ashgabat" tagged PERSON)."""
    return (entry.curated or entry.location.feature in ("country", "capital")
            or entry.population >= gaz.prefer_min_population)


@lru_cache(maxsize=1)
def _state_names() -> frozenset[str]:
    """Short names of states the gazetteer may lack ("Congo"): the actors' country
    table knows them, and a state named is no unlisted village."""
    data = load_yaml(read_data("countries.yaml")) or {}
    names = set(data.get("ambiguous_names") or {})
    for entry in (data.get("countries") or {}).values():
        names.update((entry or {}).get("names") or ())
    return frozenset(normalize(n) for n in names)


def _unlisted_place(tok: Token, gaz: Gazetteer) -> tuple[Location, int] | None:
    """A place the gazetteer lacks, named where a place is expected ("at Kougoussa",
    "in Davos, Switzerland"): NER calls it a place, so it is kept by its name, in the
    country its qualifier gives, without coordinates.  Better a named village than the
    country around it or nothing."""
    if tok.ent_type_ not in UNLISTED_PLACE_LABELS or not _is_proper(tok):
        return None
    ent = ent_at(tok.doc, tok.i)
    if ent is None or any(gaz.knows(t.text) or normalize(t.text) in _state_names() for t in ent) \
            or gaz.knows(ent.text) or normalize(ent.text) in _state_names():
        return None
    name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
    if not name[:1].isupper() or name.isupper():
        return None
    qualifier = _qualifier_after(ent, gaz)
    country = gaz.country_code(qualifier) if qualifier else None
    end = ent.end + 1 + len(qualifier.split()) if qualifier else ent.end
    return Location(name=name, country=country, feature="locality"), end


def place_of(tok: Token, gaz: Gazetteer, prefer: Sequence[str] = ()) -> Location | None:
    """The place a noun names: itself, a known phrase around it, or its apposition."""
    hit = _match(tok, gaz, prefer)
    return hit[0] if hit else None


def scene_place(tok: Token, gaz: Gazetteer, prefer: Sequence[str] = ()) -> Location | None:
    """The place a noun names where the words say a place ("in ...", "at ..."):
    also one the gazetteer lacks, if NER calls it a place."""
    hit = _unlisted_place(tok, gaz) or _match(tok, gaz, prefer)
    return hit[0] if hit else None


def _pobjs(prep: Token) -> list[Token]:
    out: list[Token] = []
    for child in prep.children:
        if child.dep_ == "pobj":
            out.extend(_listed(child))
    return sorted(out, key=lambda t: t.i)


def _listed(tok: Token) -> list[Token]:
    """A noun and the nouns coordinated or apposed to it ("Bishkek, Kyrgyzstan; Samarkand, ...")."""
    out, todo = [tok], [tok]
    while todo:
        cur = todo.pop()
        for child in cur.children:
            if child.dep_ in ("conj", "appos"):
                out.append(child)
                todo.append(child)
    return out


def _objects_places(objs: Sequence[Token], gaz: Gazetteer, prefer: Sequence[str], rank: int,
                    trigger: Token) -> list[_Found]:
    """Places among a preposition's objects, skipping words a previous place used as qualifier."""
    found: list[_Found] = []
    used_until = -1
    for obj in objs:
        if obj.i < used_until:
            continue
        hit = _unlisted_place(obj, gaz) or _match(obj, gaz, prefer)
        if hit is not None:
            found.append(_Found(rank, abs(obj.i - trigger.i), hit[0]))
            used_until = hit[1]
        elif not _is_proper(obj):
            # "at a hotel in Geneva", "outside the embassy in London": the
            # building stands in the place; "off the coast of Goa": a part of it.
            part = obj.lemma_.lower() in gaz.clues.part_nouns
            for prep in obj.children:
                if prep.dep_ == "prep" and (prep.lower_ in gaz.clues.location_preps
                                            or (part and prep.lower_ == "of")):
                    for inner in _pobjs(prep):
                        if (loc := scene_place(inner, gaz, prefer)) is not None:
                            found.append(_Found(rank, abs(inner.i - trigger.i), loc))
    return found


def _prep_places(holder: Token, allowed: frozenset[str], gaz: Gazetteer, prefer: Sequence[str],
                 rank: int, trigger: Token) -> list[_Found]:
    found: list[_Found] = []
    for child in holder.children:
        if child.dep_ == "prep" and child.lower_ in allowed:
            found += _objects_places(_pobjs(child), gaz, prefer, rank, trigger)
    return found


def _event_places(sent: Span, trigger: Token, context: PlaceContext, gaz: Gazetteer) -> list[_Found]:
    clues = gaz.clues
    prefer = context.countries
    head = clause_head(trigger)
    lemmas = {trigger.lemma_.lower(), head.lemma_.lower()}
    # The trigger and the tokens between it and its clause head share its place.
    chain = [trigger]
    cur = trigger
    while cur.i != head.i:
        cur = cur.head
        chain.append(cur)
    # "raided the town, arresting three": a participle with no subject of its own
    # happens where the clause it hangs on happens.
    while head.dep_ in ("advcl", "xcomp") and head.tag_ == "VBG" and head.head.i != head.i \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        head = clause_head(head.head)
        lemmas.add(head.lemma_.lower())
        chain.append(head)
    preps = set(clues.location_preps)
    if lemmas & clues.on_place_triggers:
        preps.add("on")
    moving = bool(lemmas & clues.movement_triggers)
    if moving:
        preps |= clues.movement_preps
    found: list[_Found] = []
    found += _prep_places(trigger, frozenset(preps), gaz, prefer, 0, trigger)
    for holder in chain[1:]:
        found += _prep_places(holder, frozenset(preps), gaz, prefer, 1, trigger)
    objects = [c for h in chain for c in h.children if c.dep_ in ("dobj", "attr", "nsubjpass", "pobj")]
    # "visited Bishkek": the object is the place.
    if lemmas & clues.visit_triggers:
        for obj in objects:
            if obj.dep_ != "pobj":
                found += _objects_places(sorted(_listed(obj), key=lambda t: t.i), gaz, prefer, 0, trigger)
    # "the Vienna talks", "attend the Geneva conference".
    venues = [t for t in [trigger, *objects] if {t.lemma_.lower(), t.lower_} & clues.venue_nouns]
    for venue in venues:
        for mod in venue.children:
            if mod.dep_ in ("compound", "nmod", "amod") and (loc := place_of(mod, gaz, prefer)) is not None:
                found.append(_Found(1, abs(mod.i - trigger.i), loc))
    # "France hosted talks": the host is the venue.
    if lemmas & clues.host_verbs:
        for h in chain:
            if h.lemma_.lower() in clues.host_verbs:
                for subj in h.children:
                    if subj.dep_ == "nsubj" and (loc := place_of(subj, gaz, prefer)) is not None:
                        found.append(_Found(1, abs(subj.i - trigger.i), loc))
    # "Geneva, where negotiations had taken place": the relative clause's head noun.
    where_clause = head.dep_ == "relcl" and any(c.lower_ == "where" for c in head.children)
    if where_clause and (loc := scene_place(head.head, gaz, prefer)) is not None:
        found.append(_Found(1, abs(head.head.i - trigger.i), loc))
    # "targets in Yemen", "operations in Syria": the place of what the event acts on;
    # "traders in Karachi shut their shops": where the actors are.
    actors = [c for h in chain for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "opened fire on mourners in the city of Saqqez": one preposition deeper
    deeper = [g for o in [*chain, *objects] for p in o.children if p.dep_ == "prep" for g in _pobjs(p)]
    for obj in [*objects, *actors, *deeper]:
        found += _prep_places(obj, frozenset(clues.location_preps), gaz, prefer, 2, trigger)
    # "raided the Hebron area", "shelled districts of Kharkiv", "stormed Homs": a
    # deed done to a place happens there (a country it strikes is an actor first)
    if lemmas & clues.object_place_triggers:
        for obj in objects:
            if obj.dep_ not in ("dobj", "nsubjpass"):
                continue
            if obj.lemma_.lower() in clues.part_nouns:
                # "the West Bank enclave of Jericho": the "of" names the part itself
                named = [o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for o in _pobjs(p)]
                named = named or [c for c in obj.children if c.dep_ in ("compound", "nmod")]
            else:
                named = [obj] if _is_proper(obj) else []
            for tok in named:
                loc = scene_place(tok, gaz, prefer)
                if loc is not None and loc.feature != "country":
                    found.append(_Found(1, abs(tok.i - trigger.i), loc))
    # "X targeted Y in the Gulf of Aden, a spokesman said": the parser often
    # hangs the place on the speech verb; it is the event's when it stands
    # between the event and the speaker.
    speakers = [c for c in head.children if c.dep_ in ("advcl", "parataxis")]
    if head.dep_ in ("ccomp", "parataxis"):
        speakers.append(head.head)
    for verb in speakers:
        if verb.lemma_.lower() not in clues.speech_verbs:
            continue
        subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        limit = min([verb.i, *subjects])
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in clues.location_preps and trigger.i < prep.i < limit:
                found += _objects_places(_pobjs(prep), gaz, prefer, 2, trigger)
    # A trip's stops may sit deeper ("a trip that will include stops in Bishkek");
    # only for nouns: a verb's subtree holds other clauses' journeys.
    if moving and trigger.pos_ in ("NOUN", "PROPN"):
        legs = [trigger]
        # "began a tour ... with stops in Bishkek": the parser hangs the stops on the verb.
        if trigger.dep_ in ("dobj", "nsubj", "nsubjpass"):
            for prep in trigger.head.children:
                if prep.dep_ == "prep" and prep.lower_ == "with":
                    legs += [o for o in _pobjs(prep) if o.lemma_.lower() in clues.movement_triggers]
        for leg in legs:
            for tok in leg.subtree:
                if tok.dep_ == "prep" and tok.lower_ in preps and tok.head.i != trigger.i:
                    found += _objects_places(_pobjs(tok), gaz, prefer, 3, trigger)
    return sorted(found)


def find_event_places(sent: Span, trigger: Token, context: PlaceContext,
                      gazetteer: Gazetteer) -> list[Location]:
    """Every place the event's clause names, best first (a trip's stops, in order of preference)."""
    out: list[Location] = []
    for f in _event_places(sent, trigger, context, gazetteer):
        if f.location not in out:
            out.append(f.location)
    return out


def find_event_place(sent: Span, trigger: Token, context: PlaceContext, gazetteer: Gazetteer, *,
                     target_country: str | None = None, actors: Sequence[Actor] = ()) -> Location | None:
    """The event's place from ranked evidence (:func:`heron.placing.resolve_event_place`):
    its own clause, its actors, its paragraph, the article's lead, the dateline."""
    from heron.placing import resolve_event_place  # it builds on this module

    return resolve_event_place(sent, trigger, context, gazetteer, target_country=target_country,
                               actors=actors)


# --------------------------------------------------------------------------- place or actor


def _noun_phrase_head(tok: Token) -> Token:
    """The first of a list ("Bishkek, Kyrgyzstan; Samarkand"), and the part
    noun that holds a name ("the town of Rubaya" -> town)."""
    cur = tok
    while cur.dep_ in ("conj", "appos") and cur.head.i != cur.i:
        cur = cur.head
    prep = cur.head
    if cur.dep_ == "pobj" and prep.lower_ == "of" and prep.head.i != prep.i:
        holder = prep.head
        if holder.pos_ == "NOUN" and not holder.text[:1].isupper():
            return holder
    return cur


def is_place_mention(token: Token, gazetteer: Gazetteer) -> bool:
    """Is this noun used as a location rather than as an actor?

    True for a city, region, landmark or water the gazetteer knows, used as
    the object of a location preposition ("talks in Vienna", "stops in
    Bishkek, Kyrgyzstan; Samarkand", "arrived in Tehran", "near the town of
    Rubaya"), as the destination or origin of travel ("flew to Tehran",
    "returned from Kabul"), as what a strike falls on ("air strikes on
    Idlib"), or naming a gathering ("the Geneva talks").
    False for countries, which are actors whatever their preposition, and for
    a capital standing for its government ("Moscow said", "talks with Kyiv").
    """
    loc = place_of(token, gazetteer)
    if loc is None or loc.feature == "country":
        return False
    clues = gazetteer.clues
    head = _noun_phrase_head(token)
    if head.dep_ == "compound" or head.dep_ == "nmod":
        noun = head.head
        return bool({noun.lemma_.lower(), noun.lower_} & clues.venue_nouns)
    if head.dep_ != "pobj":
        return False
    prep = head.head
    word = prep.lower_
    if word in clues.location_preps:
        return True
    if word == "on":  # "strikes on Idlib", "advanced on Goma"; not "talks on Syria"
        holder = prep.head
        # "carried out air strikes on Idlib": the parser may hang "on" on the light verb.
        nouns = [holder, *(c for c in holder.children if c.dep_ == "dobj")] if holder.i != prep.i else []
        return any(n.lemma_.lower() in clues.on_place_triggers for n in nouns)
    if word in clues.movement_preps or word in clues.departure_preps:
        mover = prep.head
        return mover.i != prep.i and mover.lemma_.lower() in clues.travel_verbs
    return False


__all__ = [
    "Clues", "Entry", "Gazetteer", "Location", "PlaceContext", "PlacesError", "find_dateline",
    "find_event_place", "find_event_places", "is_place_mention", "normalize", "place_of",
]
