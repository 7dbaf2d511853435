"""Targets a clause does not name, found from what surrounds it.

"agreed to lift sanctions on Iran" (the promised action's target), "sent
advisers to bolster Assad's forces" (a purpose clause), "condemned the
arrests" (whoever made them), "denied supporting the group" (the accuser),
"thousands took to the streets" (their own government).  The coder asks
:meth:`ImplicitTargets._implicit_targets` only when the pattern's own slots
found nobody.

Also the participants a clause leaves out altogether (heron.events.agents):
implied doers ("the activist was arrested": the police), the nearest other
party of the sentence for a deed always aimed at someone, and whom a thing
hit by violence stands for ("a market in X": X's civilians).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from heron.events import syntax
from heron.events.agents import ImplicitAgents
from heron.events.participants import (
    REGION_CODES,
    UNKNOWN_COUNTRY,
    ActorSource,
    ParticipantFinder,
    SentenceContext,
    Trigger,
)
from heron.model import Actor, Event


class ImplicitTargets(ParticipantFinder):
    """Mixin for :class:`heron.events.coder.EventCoder`."""

    agents: ImplicitAgents

    def _noun_trigger(self, tok: Token) -> Trigger | None:
        raise NotImplementedError  # EventCoder: is this noun an event?

    def _targets(self, trig: Trigger, actors: ActorSource, ctx: SentenceContext) -> list[Actor]:
        raise NotImplementedError  # EventCoder: the targets the pattern's own slots name

    def _context_targets(self, trig: Trigger, actors: ActorSource, ctx: SentenceContext,
                         sources: Sequence[Actor], any_root: bool = False) -> list[Actor]:
        """A deed always aimed at someone, with no one named: the nearest other party
        named in the sentence."""
        if not any_root and (trig.pattern.code[:2] not in self.agents.context_target_roots
                             or trig.pattern.symmetric):
            return []
        if any(c.dep_ in {"xcomp", "ccomp"} for c in trig.token.children):
            # "wants to attack X", "seeks to resolve the conflict in X": the parties of the
            # governed clause are that clause's, and its addressee was looked for already
            return []
        own = {s.country or s.code[:3] for s in sources}

        def other(actor: Actor) -> bool:
            country = actor.country or actor.code[:3]
            return (bool(country) and country not in own and not actor.code.startswith(UNKNOWN_COUNTRY)
                    and actor.code[3:6] != "MED" and actor.code[:3] not in REGION_CODES)

        doc = trig.token.doc

        def doer_elsewhere(i: int) -> bool:
            # "raised the threat of tariffs, with the EU also criticising the vote": the EU
            # does its own deed ("Britain and the Netherlands suspended aid and the US cut ...":
            # each conjunct too); a subject of the trigger's complement ("allegations that its
            # staff joined") may still be the one aimed at
            tok = doc[i]
            while tok.dep_ == "conj" and tok.head.i != tok.i:
                tok = tok.head
            return (tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.i != trig.token.i
                    and tok.head.dep_ not in {"ccomp", "acl", "xcomp"})

        here = [(abs(i - trig.token.i), a) for i, a in actors.mentions_in(ctx.index)
                if other(a) and not doer_elsewhere(i)]
        if not here:
            return []
        best = min(here, key=lambda pair: pair[0])[1]
        return [replace(best, rule=f"{best.rule}; context target of {trig.token.text}")]

    def _things_hit(self, verb: Token, actors: ActorSource) -> list[Actor]:
        """What violence hits, when it is a thing or place: whoever it stands for
        (heron.events.agents ``held_by``): "stormed the army outposts" → the army (an
        owner named in the phrase wins: "Turkish outposts"), "shelled a market" → the
        civilians of where the clause happens."""
        out: list[Actor] = []
        for obj in syntax.objects(verb):
            lemma = self.lemma(obj)
            if lemma not in self.agents.held_by:
                continue
            owner = actors.resolve(obj)
            if owner is not None and owner.country is not None:
                continue  # the resolver already said whose it is; the slot found it
            # only where the clause says where it happened: measured on news, the state the
            # story is about was too often the wrong one for an unplaced "the town"
            named = [obj, *(o for prep in ("of", "in", "near", "around")
                            for o in syntax.prep_objects(obj, prep))]
            place = self._clause_place(verb) or next(
                (p for n in named if (p := self._place_actor(n)) is not None), None)
            country = place.code[:3] if place is not None else None
            found = self.agents.holder(lemma, country, " ".join(t.text for t in obj.subtree))
            if found is not None:
                out.append(found)
        return out

    def _air_power(self, trig: Trigger, actors: ActorSource, ctx: SentenceContext) -> list[Actor]:
        """Who struck from the air when the text names nobody: the doer of the article's
        latest reported strike from the air, else the military of the state whose rebels
        were hit."""
        if not self._from_the_air(trig.token):
            return []
        side = self._air_side(ctx)
        if side is not None:
            return [side]
        for patient in self._targets(trig, actors, ctx):
            filled = self._fill_country(patient, trig.token, actors, ctx, [])
            if filled is not None and filled.country and filled.code[3:6] == "REB":
                return [_implied(trig.token, filled.country + "MIL",
                                 f"air-power:military of {filled.country} (rebels hit)")]
        return []

    def _air_side(self, ctx: SentenceContext) -> Actor | None:
        """The doer of the article's latest reported strike from the air, if any."""
        for ev in reversed(ctx.earlier):
            if ev.is_real and ev.root in VIOLENCE_ROOTS and not ev.source.code.startswith(UNKNOWN_COUNTRY) \
                    and self._air_words_in(ev.sentence):
                return replace(ev.source, rule=f"air-power:{ev.source.text}←{ev.rule}")
        return None

    def _air_words_in(self, text: str) -> bool:
        return bool(self.agents.air_words & set(text.lower().replace("-", " ").split()))

    def _with_air_side(self, actor: Actor, ctx: SentenceContext) -> Actor:
        """"an air strike killed six": a countryless air force is the side that strikes from the air."""
        if actor.code != UNKNOWN_COUNTRY + "MIL" or not self._air_words_in(actor.text):
            return actor
        side = self._air_side(ctx)
        return actor if side is None else replace(side, text=actor.text, start=actor.start, end=actor.end)

    def _dissent_doers(self, trig: Trigger) -> list[Actor]:
        """"Protests flared across Bolivia", "riots in Belgrade": dissent with no one named
        is by the people of the country where it happens."""
        tok = trig.token
        if tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr", "ROOT"):
            return []  # "talks about the unrest in Chad", "during a protest": a setting, not news
        heads = [tok, tok.head] if tok.dep_ in ("nsubj", "nsubjpass") else [tok]
        for head in heads:
            for prep in DISSENT_PLACE_PREPS:
                for obj in syntax.prep_objects(head, prep):
                    place = self._place_actor(obj)
                    if place is not None and place.code[:3] not in REGION_CODES:
                        return [_implied(tok, place.code[:3] + "CVL", f"people of {place.text}")]
        return []

    def _from_the_air(self, tok: Token) -> bool:
        words = self.agents.air_words
        near = [*tok.subtree, *(c for c in tok.head.children if c.dep_ in ("prep", "agent"))]
        return any(t.lemma_.lower() in words or t.lower_ in words for t in near)

    def _names_no_doer(self, trig: Trigger) -> bool:
        """A deed with an implied doer (heron.events.agents), told as a passive with no "by"
        or as a noun with no "by": "the activist was arrested", "after his arrest"."""
        tok = trig.token
        if self.agents.role_for(trig.pattern.code) is None:
            return False
        if tok.dep_ == "pobj" and tok.head.lower_ == "for":
            return False  # "chanted for his arrest": a deed asked for has not been done
        if trig.pattern.kind == "verb":
            return syntax.is_passive(tok) and syntax.agent(tok) is None
        return not any(c.dep_ == "prep" and c.lower_ == "by" for c in tok.children)

    def _implicit_agents(self, trig: Trigger, actors: ActorSource, ctx: SentenceContext
                         ) -> tuple[list[Actor], list[Actor]] | None:
        """The implied doers and the ones acted on, or None when there is no one acted on.

        The possessor of such a deed noun is the one it is done to ("his arrest",
        "the activist's detention"), as in PropBank's nominal frames.
        """
        tok = trig.token
        if trig.pattern.kind == "noun":
            owners = [a for c in tok.children if c.dep_ == "poss" for a in self._resolve(c, actors, ctx)]
            patients = owners or self._targets(trig, actors, ctx)
        else:
            patients = self._targets(trig, actors, ctx)
        agents: list[Actor] = []
        kept: list[Actor] = []
        for patient in patients:
            filled = self._fill_country(patient, tok, actors, ctx, [])
            agent = self.agents.agent(trig.pattern.code, filled, tok.text) if filled else None
            if filled is not None and agent is not None:
                kept.append(filled)
                if all(a.code != agent.code for a in agents):
                    agents.append(agent)
        return (agents, kept) if agents else None


    def _implicit_targets(self, trig: Trigger, actors: ActorSource, ctx: SentenceContext,
                          sources: Sequence[Actor], joint: bool) -> list[Actor]:
        """The first of the context rules below that finds somebody, in order."""
        pattern = trig.pattern
        root = pattern.code[:2]
        verb = pattern.kind == "verb"
        targets: list[Actor] = []
        if not joint and verb and root in CLAUSE_GOVERNING_ROOTS | {"02"}:
            targets = self._complement_targets(trig, actors, ctx, sources)
        if not targets and verb and root in REACTION_ROOTS:
            targets = self._deed_doers(trig, ctx, sources)
        if not targets and verb and root in PURPOSE_ROOTS:
            targets = self._purpose_targets(trig, actors, ctx, sources)
        if not targets and root in PROTEST_ROOTS:
            # a nominal protest of a whole country ("Libya's unrest") is aimed at nobody in particular
            filled = [self._fill_country(s, trig.token, actors, ctx, ()) or s for s in sources]
            targets = own_governments([s for s in filled if verb or s.role])
        if not targets and pattern.code in DENIAL_CODES:
            targets = self._denied_parties(trig, actors, ctx, sources)
        return targets

    def _complement_targets(self, trig: Trigger, actors: ActorSource, ctx: SentenceContext,
                            sources: Sequence[Actor]) -> list[Actor]:
        """"agreed to lift sanctions on Iran": the promised action's target.

        For a trigger that governs a clause (agree, promise, threaten, urge)
        and has no target of its own, the first actor that the clause's
        verbs act on: objects, datives and prepositional objects.
        """
        def own(actor: Actor) -> bool:
            # "the opposition demanded that the president resign" is domestic, but
            # "Israel" and "Israel's government" are one party
            return any(actor.code == s.code
                       or (actor.code[:3] == s.code[:3] and min(len(actor.code), len(s.code)) == 3)
                       for s in sources)

        for child in trig.token.children:
            if child.dep_ not in {"xcomp", "ccomp"}:
                continue
            # "wanted Serbia to prepare": the parser makes the addressee the infinitive's subject;
            # "demanded that Libya hand over the suspects": the demand is addressed to Libya
            subj = syntax.direct_subject(child)
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            if subj is not None and (infinitive or trig.pattern.code[:2] in ADDRESSED_ROOTS):
                found = [a for a in self._resolve(subj, actors, ctx) if not own(a)]
                if found:
                    return found
            if trig.pattern.code[:2] not in CLAUSE_GOVERNING_ROOTS:
                continue
            for tok in child.subtree:
                if tok.dep_ in {"dobj", "dative", "pobj"} and tok.pos_ in {"NOUN", "PROPN", "PRON"}:
                    if tok.dep_ == "pobj" and tok.head.lower_ in TIME_OR_PLACE_PREPS and tok.pos_ != "PROPN":
                        continue
                    found = [a for a in self._resolve(tok, actors, ctx) if not own(a)]
                    if found:
                        return found
        return []

    def _purpose_targets(self, trig: Trigger, actors: ActorSource, ctx: SentenceContext,
                         sources: Sequence[Actor]) -> list[Actor]:
        """"sent advisers to bolster Assad's forces", "blocked a road to protest against
        Sweden's decision": the party the purpose clause acts on."""
        own = {s.code[:3] for s in sources}
        for child in trig.token.children:
            if child.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                continue
            for tok in child.subtree:
                if tok.dep_ in {"dobj", "pobj"} and tok.pos_ in {"NOUN", "PROPN"}:
                    found = [a for a in self._resolve(tok, actors, ctx) if a.code[:3] not in own]
                    if found:
                        return found
        return []

    def _denied_parties(self, trig: Trigger, actors: ActorSource, ctx: SentenceContext,
                        sources: Sequence[Actor]) -> list[Actor]:
        """Whom a denial answers: "denied that Eritrean troops had crossed" → Eritrea;
        else whoever accused the denier shortly before ("Congo accused Rwanda ...
        Rwanda denied supporting the rebels" → Congo)."""
        own = {s.code[:3] for s in sources}
        for child in trig.token.children:
            if child.dep_ == "ccomp" and (subj := syntax.direct_subject(child)) is not None:
                found = [a for a in self._resolve(subj, actors, ctx) if a.code[:3] not in own]
                if found:
                    return found
        accuser = next((ev for ev in ctx.recent(REACTION_WINDOW, this_sentence=True)
                        if ev.code[:2] == "11" and ev.is_real
                        and ev.target.code[:3] in own and ev.source.code[:3] not in own), None)
        if accuser is None:
            return []
        return [replace(accuser.source, rule=f"accuser:{accuser.source.text}←{accuser.rule}")]

    def _deed_doers(self, trig: Trigger, ctx: SentenceContext, sources: Sequence[Actor]) -> list[Actor]:
        """"Washington condemned the arrests": whoever did the arrests.

        A reaction (condemn, welcome, reject, deny) to a definite deed that
        names nobody ("the arrests", "the move", "these measures") is aimed at
        the doer of an event coded shortly before, other than the reacting
        actor: the same deed named again, or for a generic one ("the move")
        the latest (heron/data/modality.yaml, generic_deeds/named_deeds).
        """
        tok, light = trig.token, trig.light_object
        reacted = [o for o in syntax.objects(tok) if light is None or o.i != light.i]
        if light is not None:
            # "expressed regret at the decisions": a light verb's deed is in its prepositions
            reacted += [o for h in (light, tok) for slot in trig.pattern.target
                        if slot not in {"dobj", "dative", "subject"} for o in syntax.prep_objects(h, slot)]
        obj = next(iter(reacted), None)
        # ("the offensive" may be tagged an adjective)
        if obj is None or obj.pos_ not in {"NOUN", "ADJ"} or not any(
                c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE_WORDS for c in obj.children):
            return []
        deed = self.lemma(obj)
        generic = deed in self.rules.generic_deeds
        as_event = self._noun_trigger(obj)
        if not generic and deed not in self.rules.named_deeds and as_event is None:
            return []  # "shared the view": no deed, no doer
        own = {a.code[:3] for a in sources}
        recent = [ev for ev in ctx.recent(REACTION_WINDOW) if ev.is_real and ev.source.code[:3] not in own]
        # the same deed named again ("seized" ... "the seizure"); a generic one is the latest deed
        # or by its kind ("launched an operation" ... "the offensive": both attacks)
        same = [ev for ev in recent if any(w.lower()[:4] == deed[:4] for w in ev.trigger.split())
                or (as_event is not None and ev.root == as_event.pattern.code[:2])]
        acts = [ev for ev in recent if ev.root not in self.rules.spoken_roots]
        chosen = same[0] if same else (acts[0] if acts and generic else None)
        if chosen is None:
            return []
        # "the decisions", "these measures": every recent doer of that kind of deed
        kind = [ev for ev in recent if ev.root == chosen.root] if obj.tag_ in PLURAL_TAGS else [chosen]
        doers: dict[str, Event] = {}
        for ev in kind:
            doers.setdefault(ev.source.code, ev)
        return [replace(ev.source, rule=f"deed-doer:{obj.text}←{ev.rule}") for ev in doers.values()]


def _implied(trigger: Token, code: str, rule: str) -> Actor:
    """An actor the text leaves out, anchored on the trigger that implies it."""
    start = trigger.idx
    return Actor(code=code, text=trigger.text, rule=rule, start=start, end=start + len(trigger.text))


# Violence, whose object may be a thing or place standing for people.
VIOLENCE_ROOTS = frozenset({"18", "19", "20"})

# Prepositions that place a protest ("across Bolivia", "in Belgrade", "outside the embassy in Kyiv").
DISSENT_PLACE_PREPS = ("in", "across", "throughout", "outside", "around")

# Roots whose verbs govern the action they are about ("agreed to lift sanctions on
# Iran", "demanded that Baghdad release", "threatened to strike"): their target
# may sit in that clause.
CLAUSE_GOVERNING_ROOTS = frozenset({"03", "10", "12", "13"})

# Reactions to a deed ("condemned the arrests") are aimed at its doer, looked
# up among the events of the last few sentences.
REACTION_ROOTS = frozenset({"01", "05", "11", "12"})
REACTION_WINDOW = 3
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
DEFINITE_WORDS = frozenset({"the", "this", "these", "that", "those", "its", "their", "such"})

# Prepositions whose common-noun objects are times or settings, not parties.
TIME_OR_PLACE_PREPS = frozenset({"in", "at", "on", "during", "since", "until"})

# Appeals and demands are addressed to the subject of the clause they govern.
ADDRESSED_ROOTS = frozenset({"02", "10"})

# Help, cooperation and protest may name their target only in a purpose
# clause ("sent advisers to bolster Assad's forces").
PURPOSE_ROOTS = frozenset({"06", "07", "14"})

# Protests with no named target are aimed at the protesters' own government,
# unless the protesters are the state itself.
PROTEST_ROOTS = frozenset({"14"})
PROTEST_FREE_ROLES = frozenset({"GOV", "MIL", "COP", "JUD", "SPY"})

# Denials answer the party the denied deed is pinned on, or the accuser.
DENIAL_CODES = frozenset({"016"})


def own_governments(sources: Sequence[Actor]) -> list[Actor]:
    """"Thousands of Cubans took to the streets": a protest with no named target is aimed
    at the protesters' own government.  A state that protests ("Japan protested over
    the incursion") protests to another."""
    out: list[Actor] = []
    for src in sources:
        state = src.role is None and not src.rule.startswith("demonym")
        if src.country and src.role not in PROTEST_FREE_ROLES and not state:
            out.append(Actor(code=f"{src.country}GOV", text=src.text, name=src.name,
                             rule=f"own-government:{src.text}", start=src.start, end=src.end))
    return out
