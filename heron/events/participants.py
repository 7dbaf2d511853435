"""Who takes part in an event: noun phrases to actors, with the coder's context.

The actor resolver (:mod:`heron.actors`) names what one phrase stands for;
this mixin adds what only the event's clause can tell: coordinated lists
("the US, Jordan and Turkey"), proxies ("representatives of X"), inclusions
("ministers, including Vasquez"), the speaker behind "we", a place standing
for its country, and a country for role-only phrases ("a ministry
spokeswoman", "rebels").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from spacy.tokens import Span, Token

from heron.events import syntax
from heron.events.lexicon import Pattern
from heron.events.modality import ModalityRules, reporting_governor
from heron.events.trace import Drop
from heron.model import Actor, Event
from heron.nlp import doc_text

UNKNOWN_COUNTRY = "---"
# Dependencies of the words of a multi-word place name before its head.
NAME_PARTS = frozenset({"compound", "amod", "nmod"})
GENERIC_PLACE_WORDS = frozenset({"state", "province", "region", "district", "city", "county", "governorate"})


class ActorSource(Protocol):
    """What the coder needs from heron.actors.ArticleActors."""

    def resolve(self, token: Token) -> Actor | None: ...

    def resolve_all(self, token: Token) -> list[Actor]: ...

    @property
    def dominant_country(self) -> str | None: ...

    def mentions_in(self, sentence: int) -> list[tuple[int, Actor]]: ...


@dataclass(frozen=True)
class Trigger:
    """A matched pattern on a token, with the light-verb object if any."""

    token: Token
    pattern: Pattern
    light_object: Token | None = None


@dataclass
class SentenceContext:
    sent: Span
    index: int
    speaker: Actor | None = None  # who is quoted/reporting in this sentence
    earlier: Sequence[Event] = ()  # events already coded in this article
    current: list[Event] = field(default_factory=list)  # events coded so far in this sentence
    drops: list[Drop] | None = None  # where dropped candidates are recorded (heron.events.trace)

    def recent(self, window: int, this_sentence: bool = False) -> list[Event]:
        """Events of the last ``window`` sentences, nearest first; with ``this_sentence``,
        those coded so far in this one come before them."""
        earlier = [ev for ev in reversed(self.earlier) if self.index - ev.sentence_index <= window]
        return [*reversed(self.current), *earlier] if this_sentence else earlier


class ParticipantFinder:
    """Mixin for :class:`heron.events.coder.EventCoder`: actors of a clause."""

    rules: ModalityRules
    place_country: Callable[[str], str | None] | None
    lemma_fixes: dict[str, str]

    def lemma(self, tok: Token) -> str:
        return syntax.corrected_lemma(tok, self.lemma_fixes)

    def _resolve(self, token: Token, actors: ActorSource, ctx: SentenceContext,
                 depth: int = 0) -> list[Actor]:
        """All actors a noun phrase stands for (conjuncts, inclusions, possessors).

        "talks with representatives of the US, Europe and Jordan" → USA, EUR, JOR;
        "foreign ministers, including Vasquez" → Vasquez; "the majority of Russian
        strikes" → RUSMIL.
        """
        out: list[Actor] = []
        for tok in syntax.conjuncts(token):
            several = actors.resolve_all(tok)
            if len(several) > 1:  # "US and French forces"
                out.extend(several)
                continue
            actor = self._resolve_one(tok, actors, ctx)
            inner: list[Actor] = []
            if depth < 2 and self.lemma(tok) in GROUP_NOUNS | PROXY_NOUNS:
                # "officials from both countries", "representatives of Jordan"
                froms = syntax.prep_objects(tok, "from") if self.lemma(tok) in PROXY_NOUNS else iter(())
                for obj in [*syntax.prep_objects(tok, "of"), *froms]:
                    found = self._resolve(obj, actors, ctx, depth + 1)
                    # "residents of the Golan Heights": people of a place
                    place = self._place_actor(obj) if not found else None
                    inner.extend(found or ([place] if place is not None else []))
            if not inner:
                inner = [a for inc in syntax.inclusions(tok) for a in self._resolve_list(inc, actors, ctx)]
            known = actor is not None and not actor.code.startswith(UNKNOWN_COUNTRY)
            if inner and (not known or len(inner) > 1):
                out.extend(_with_role(a, actor) for a in inner)
            elif actor is not None:
                shares_country = tok is not token and _bare_noun(tok, owned_ok=True)
                if not known and out and shares_country and out[0].country:
                    # "Turkish drones and tanks": the tanks are Turkish too
                    actor = replace(actor, code=out[0].country + actor.code[3:],
                                    rule=f"{actor.rule}; country from {out[0].text}")
                out.append(actor)
        return _one_per_country(out)

    def _resolve_list(self, token: Token, actors: ActorSource, ctx: SentenceContext) -> list[Actor]:
        return [a for t in syntax.conjuncts(token) if (a := self._resolve_one(t, actors, ctx)) is not None]

    def _resolve_one(self, tok: Token, actors: ActorSource, ctx: SentenceContext) -> Actor | None:
        actor = actors.resolve(tok)
        if actor is not None:
            return actor
        # A non-actor phrase may still name its owner or doer: "Iran's activities",
        # "the activities that Iran pursues".
        for child in tok.children:
            if child.dep_ == "poss" and child.lower_ not in {"its", "their", "his", "her"}:
                return self._resolve_one(child, actors, ctx)
        if self.lemma(tok) in self.rules.document_nouns or self.lemma(tok) in self.rules.generic_deeds:
            # "a report by UN experts accused ...", "a statement from the ministry": its author;
            # "welcomed the efforts by the envoy", "the decision by Oslo": whoever made them
            for prep in ("by", "from"):
                for obj in syntax.prep_objects(tok, prep):
                    found = self._resolve_one(obj, actors, ctx)
                    if found is not None:
                        return replace(found, rule=f"{found.rule}; author of the {tok.lower_}")
            if self.lemma(tok) in self.rules.document_nouns:
                author = self._earlier_author(tok, actors)
                if author is not None:
                    return author
        for child in tok.children:
            if child.dep_ == "relcl":
                subj = syntax.direct_subject(child)
                if subj is not None and subj.lower_ not in {"that", "which", "who"}:
                    return actors.resolve(subj)
        # "positions of the Palestinian forces", "the homes of villagers"
        for obj in syntax.prep_objects(tok, "of"):
            found = actors.resolve(obj)
            if found is not None:
                return found
        own = self._from_modifiers(tok, actors)
        if own is None and tok.pos_ == "PROPN":
            # "the Torm Thor, a US-flagged tanker": a name the apposition explains
            for child in tok.children:
                if child.dep_ == "appos" and (found := actors.resolve(child) or self._from_modifiers(
                        child, actors)) is not None:
                    return found
        return own

    def _earlier_author(self, doc_noun: Token, actors: ActorSource) -> Actor | None:
        """"The resolution demands ...": the one the article last said adopted, issued or
        voted for such a document, within a few sentences before."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in doc_noun.children):
            return None
        lemma = self.lemma(doc_noun)
        first = doc_noun.sent.start
        for _ in range(AUTHOR_WINDOW):
            if first == 0:
                break
            first = doc_noun.doc[first - 1].sent.start
        for verb in reversed(doc_noun.doc[first:doc_noun.sent.start]):
            if verb.pos_ != "VERB" or self.lemma(verb) not in self.rules.authoring_verbs:
                continue
            objs = [self.lemma(o) for o in syntax.objects(verb)]
            if objs and lemma not in objs:
                continue  # "issued a warning" made no resolution
            subj = syntax.logical_subject(verb)
            found = actors.resolve(subj) if subj is not None else None
            if found is not None:
                return replace(found, rule=f"{found.rule}; author of the {doc_noun.lower_} ({verb.lower_})")
        return None

    @staticmethod
    def _from_modifiers(tok: Token, actors: ActorSource) -> Actor | None:
        """"Kenyan opposition candidates", "Houthi targets": the modifiers name the actor.

        Plural heads take any modifier; singular ones only proper-noun
        compounds ("a U.N. Security Council resolution") or a country with a
        role ("an Israeli army post"), since "a nuclear deal" and "a Russian
        proposal" name nobody.
        """
        plural = tok.tag_ in {"NNS", "NNPS"}
        mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod"} and c.i < tok.i]
        with_role = any((a := actors.resolve(c)) is not None and len(a.code) > 3 and c.pos_ == "NOUN"
                        for c in mods)
        country: Actor | None = None
        role: Actor | None = None
        for child in mods:
            if not plural and child.pos_ != "PROPN" and not with_role:
                continue  # "a U.N. Security Council resolution", not "a nuclear deal"
            found = actors.resolve(child)
            if found is None or found.code[:3] in REGION_CODES:  # "West Darfur" is not the West
                continue
            if found.country is not None or found.code[:3] in NON_STATE_GROUPS:
                country = country or found
            elif found.code.startswith(UNKNOWN_COUNTRY):
                role = role or found
        if country is None:
            return None
        code = country.code
        if role is not None and country.country is not None and len(code) == 3:
            code += role.code[3:6]
        start = min(c.idx for c in tok.children if c.dep_ in {"amod", "compound", "nmod"} and c.i < tok.i)
        return Actor(code=code, text=doc_text(tok.doc)[start: tok.idx + len(tok.text)], name=country.name,
                     rule=f"modifiers:{country.rule}" + (f"+{role.rule}" if role else ""),
                     start=start, end=tok.idx + len(tok.text))

    def _visited(self, cands: Sequence[Token | None], actors: ActorSource,
                 ctx: SentenceContext) -> list[Actor]:
        """Visits go to countries: a city names its country ("visit Brussels" is
        Belgium, not the EU seated there), a region names none."""
        found: list[Actor] = []
        for cand in cands:
            if cand is None:
                continue
            for tok in syntax.conjuncts(cand):
                place = self._place_actor(tok)
                found.extend([place] if place is not None else self._resolve(tok, actors, ctx))
        return _one_per_country([a for a in found if a.code[:3] not in REGION_CODES])

    def _place_in_phrase(self, actor: Actor, trigger: Token) -> Actor | None:
        """"refugees fleeing the war in Liberia", "civilians in Gaza": the phrase's own place."""
        if actor.start < 0:
            return None
        span = trigger.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None:
            return None
        for tok in span.root.subtree:
            if tok.dep_ == "pobj" and tok.head.lower_ in {"in", "from", "of"} and tok.i != span.root.i:
                place = self._place_actor(tok)
                if place is not None:
                    return place
        return None

    def _clause_place(self, trigger: Token) -> Actor | None:
        """"killed 20 people in Kabul", "in a gunbattle in southern Serbia": where the clause happens;
        for "..., killing 11 people" where the clause it follows happens."""
        heads = [trigger]
        if trigger.dep_ == "advcl" and trigger.tag_ == "VBG":
            heads.append(trigger.head)
            heads.extend(syntax.objects(trigger.head))
        for obj in (o for h in heads for o in syntax.prep_objects(h, "in")):
            for tok in (obj, *syntax.prep_objects(obj, "in")):
                # "in the north of the Sinai": a part of a place
                parts = syntax.prep_objects(tok, "of") if tok.lemma_.lower() in PLACE_PARTS else ()
                for near in (tok, *parts):
                    place = self._place_actor(near)
                    if place is not None:
                        return place
        return None

    def _place_actor(self, tok: Token) -> Actor | None:
        """A visited city stands for its country: "stops in Samarkand" → UZB."""
        if self.place_country is None or tok.pos_ != "PROPN":
            return None
        by = tok.dep_ == "pobj" and tok.head.lower_ == "by"
        if tok.ent_type_ == "PERSON" and (tok.dep_ in PERSON_SLOTS or by):
            # "Zaev and Dimitrov arrived", "greeted by Dimitrov": a person, though a town has the
            # name (as an object it may still be one the tagger misread: "shelled Kismayo")
            return None
        # the whole name: "the West Bank" is not "Bank" (a town in India)
        doc, start = tok.doc, tok.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in NAME_PARTS \
                and tok.i >= doc[start - 1].head.i >= start:
            start -= 1
        span = doc[start: tok.i + 1]
        country = self.place_country(span.text)
        if country is None and len(span) > 1 and span[-1].lower_ in GENERIC_PLACE_WORDS:
            span = span[:-1]  # "West Darfur State" → "West Darfur"
            country = self.place_country(span.text)
        if country is None:
            return None
        return Actor(code=country, text=span.text, name=span.text, rule=f"place:{span.text}→{country}",
                     start=span.start_char, end=span.end_char)

    def _fill_country(self, actor: Actor, trigger: Token, actors: ActorSource, ctx: SentenceContext,
                      others: Sequence[Actor], facing: frozenset[str] = frozenset()) -> Actor | None:
        """Give a role-only actor ("a foreign ministry spokeswoman") a country.

        For roles that are domestic by nature (rebels, opposition, police,
        civilians ...), the country where the clause happens ("killed 20
        people in Kabul"), then the state organ they face ("the Sudanese
        government accused rebels").  Then, and for other roles, the country
        of whoever reports the event ("IRNA said a spokeswoman urged ...").
        """
        if len(actor.code) == 3 and actor.country and "ethnic" in actor.text.lower().split():
            # "ethnic Albanians in southern Serbia" are Serbia's civilians
            place = self._place_in_phrase(actor, trigger) or self._clause_place(trigger)
            if place is not None and place.code[:3] != actor.code:
                return replace(actor, code=place.code[:3] + "CVL",
                               rule=f"{actor.rule}; living in {place.text}")
            return actor
        if not actor.code.startswith(UNKNOWN_COUNTRY):
            return actor
        role = actor.code[3:]
        domestic = role[:3] in DOMESTIC_ROLES
        if domestic:
            found = self._domestic_country(actor, trigger, others, facing)
            if found is not None:
                return found
        gov = reporting_governor(trigger, self.rules)
        subj = syntax.direct_subject(gov) if gov is not None else None
        donor = actors.resolve(subj) if subj is not None else None
        if donor is not None and donor.country is not None \
                and not any(o.country == donor.country for o in others):  # no self-event out of a guess
            return replace(actor, code=donor.country + role, rule=f"{actor.rule}; country from {donor.text}")
        return None

    def _domestic_country(self, actor: Actor, trigger: Token, others: Sequence[Actor],
                          facing: frozenset[str] = frozenset()) -> Actor | None:
        """Rebels, police, civilians: the country where the clause happens, else the
        state organ they face ("Burmese troops captured a rebel stronghold")."""
        role = actor.code[3:]
        place = self._place_in_phrase(actor, trigger) or self._clause_place(trigger)
        if place is not None:
            return replace(actor, code=place.code[:3] + role, rule=f"{actor.rule}; country of {place.text}")
        # only a state's own organs make a domestic dyad ("the government accused rebels");
        # "Saudi Arabia is financing rebels" says nothing of where the rebels are
        # ``facing``: organs that make the dyad domestic for this deed (people who protest
        # against a government are its people; those a government represses are its people)
        organs = (STATE_ORGANS if role[:3] in OPPONENT_ROLES else HOME_ORGANS) | facing
        other = next((o for o in others if o.country is not None and o.code[3:6] in organs), None)
        if other is None or other.country is None:
            return None
        return replace(actor, code=other.country + role, rule=f"{actor.rule}; country of {other.text}")


# How many sentences back a document's author may be named ("The Council voted ... The resolution").
AUTHOR_WINDOW = 4

# Where a name the tagger calls a person is a person, even if a town has that name.
PERSON_SLOTS = frozenset({"nsubj", "nsubjpass", "conj", "appos", "poss"})

# Parts of a place: "in the north of the Sinai", "on the outskirts of Kabul".
PLACE_PARTS = frozenset({"east", "west", "north", "south", "centre", "center", "outskirts", "edge", "heart",
                         "northeast", "northwest", "southeast", "southwest", "suburbs", "part", "province"})

# "representatives of X", "the delegation of X": the phrase stands for X.
PROXY_NOUNS = frozenset({
    "representative", "delegation", "delegate", "envoy", "member", "official", "leader", "head",
    "government", "forces", "troops", "army", "ministry", "minister", "embassy", "spokesman",
    "spokeswoman", "spokesperson", "president", "people", "citizen", "national",
    "inhabitant", "resident", "villager", "population", "community", "family", "worker", "counterpart",
})

# "a group of countries", "some of the rebels".
GROUP_NOUNS = frozenset({"group", "coalition", "alliance", "bloc", "number", "some", "all", "most", "many",
                         "majority", "part", "bulk", "rest", "half", "one", "each", "several"})

# Region codes (CAMEO "regional" actors) that a visit cannot target.
REGION_CODES = frozenset({"EUR", "MEA", "AFR", "ASA", "SAS", "SEA", "WST", "LAM", "NAF", "CAS", "EAF", "WAF",
                          "SAF", "CAF", "EEU", "SCN", "CRB", "BLK", "BAL", "PGS", "MDT", "WSB", "NMR", "CFR"})

# Roles that belong to the country where they act: "rebels" fighting the
# Sudanese army are Sudanese rebels.
DOMESTIC_ROLES = frozenset({"REB", "OPP", "CVL", "COP", "JUD", "LEG", "PTY", "REF", "LAB", "EDU", "BUS",
                            "CRM", "ELI", "HLH", "REL", "MED", "MOD", "RAD", "SPY", "UAF", "NGO"})

# Of those, the ones that face their own state: "the government accused rebels".
OPPONENT_ROLES = frozenset({"REB", "OPP", "COP", "JUD", "LEG", "PTY"})

STATE_ORGANS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})

# Organs that act on civilians, unions, businesses and the press only at home: "police
# fired tear gas at demonstrators", "police detained a union leader" (an army's civilians
# may be another country's: "shelling killed civilians").
HOME_ORGANS = frozenset({"COP", "JUD", "LEG"})

# Group prefixes that stand on their own as actors.
NON_STATE_GROUPS = frozenset({"IGO", "IMG", "NGO", "MNC"})


def _with_role(inner: Actor, outer: Actor | None) -> Actor:
    """"representatives of Jordan": the country from inside, the role from outside."""
    if outer is None or outer.role is None or inner.role is not None or inner.country is None:
        return inner
    return replace(inner, code=inner.code + outer.code[3:6], rule=f"{inner.rule}; role from {outer.text}")


def _one_per_country(actors: Sequence[Actor]) -> list[Actor]:
    """"Bishkek, Kyrgyzstan" is one target (KGZGOV, not also KGZ).

    Identical codes collapse, and a bare country code gives way to an actor
    of the same country with a role; different roles of one country
    ("Sudan's government and rebels") stay apart.
    """
    with_role = {a.code[:3] for a in actors if a.country and len(a.code) > 3}
    seen: set[str] = set()
    out: list[Actor] = []
    for actor in actors:
        if actor.code in seen or (len(actor.code) == 3 and actor.code in with_role):
            continue
        seen.add(actor.code)
        out.append(actor)
    return out


def _bare_noun(tok: Token, owned_ok: bool = False) -> bool:
    """A common noun with no modifiers or determiner of its own ("tanks").

    With ``owned_ok``, "its rebels"/"their troops" count as bare: the owner
    is the coordinated phrase before ("the government and its rebels").
    """
    def own(c: Token) -> bool:
        if owned_ok and c.dep_ == "poss" and c.lower_ in {"its", "their"}:
            return False
        return c.dep_ in {"amod", "compound", "poss", "det", "nmod"}

    return tok.pos_ == "NOUN" and not any(own(c) for c in tok.children)
