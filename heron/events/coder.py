"""The event coder: patterns from the lexicon applied to a dependency parse.

For each sentence, find triggers (verbs, light-verb + noun, nominal events),
find who acts and who is acted on, resolve both to CAMEO actor codes, and
build :class:`heron.model.Event` records carrying the rule that fired, the
evidence span, negation and modality.  Who the participants are is the
business of :mod:`heron.events.participants`; who speaks, and the events that
reported speech makes, of :mod:`heron.events.reported_speech`; dates, places,
merging and ontology values are attached afterwards by :mod:`heron.pipeline`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from heron.events import syntax
from heron.events.agents import load_agents
from heron.events.frames import FrameFinder, load_lemma_fixes
from heron.events.implicit import VIOLENCE_ROOTS, ImplicitTargets
from heron.events.lexicon import Lexicon
from heron.events.merge import dedupe
from heron.events.modality import (
    ModalityRules,
    has_negator,
    in_background_clause,
    intent_governor,
    is_negated,
    modality_of,
    refusal_governor,
    schedule_governor,
    verbal_cue,
)
from heron.events.participants import (
    STATE_ORGANS,
    ActorSource,
    SentenceContext,
    Trigger,
)
from heron.events.reported_speech import ReportedSpeech
from heron.events.statements import load_cues
from heron.events.trace import Drop, Stage
from heron.model import Actor, Article, Event

SKIPPED_BLOCKS = frozenset({"title", "heading"})


class EventCoder(ImplicitTargets):
    """Applies a pattern lexicon to parsed articles."""

    def __init__(self, lexicon: Lexicon, rules: ModalityRules,
                 lemma_fixes: dict[str, str] | None = None,
                 place_country: Callable[[str], str | None] | None = None, use_classes: bool = True) -> None:
        self.lexicon = lexicon
        self.rules = rules
        self.place_country = place_country  # place name → ISO-3, for visits to cities
        self.lemma_fixes = lemma_fixes if lemma_fixes is not None else load_lemma_fixes()
        self.agents = load_agents()
        self.frames = FrameFinder(lexicon, self.lemma_fixes, use_classes)
        self.speech = ReportedSpeech(self, rules, load_cues())  # who speaks; appeals, judgements, accusations

    # -- public -----------------------------------------------------------
    def code(self, article: Article, doc: Doc, actors: ActorSource,
             drops: list[Drop] | None = None) -> list[Event]:
        """The article's events; candidates that a stage dropped go to ``drops`` when given."""
        events: list[Event] = []
        for index, sent in enumerate(doc.sents):
            block = article.block_at(sent.start_char) if article.blocks else None
            if block is not None and block.kind in SKIPPED_BLOCKS:
                continue
            ctx = SentenceContext(sent=sent, index=index, earlier=tuple(events), drops=drops)
            ctx.speaker = self.speech.speaker(sent, actors)
            events.extend(self._code_sentence(article, ctx, actors))
        return events

    # -- triggers ---------------------------------------------------------
    def triggers(self, sent: Span) -> list[Trigger]:
        return self.frames.triggers(sent)

    def _verb_trigger(self, tok: Token) -> Trigger | None:
        return self.frames.verb_trigger(tok)

    def _noun_trigger(self, tok: Token) -> Trigger | None:
        return self.frames.noun_trigger(tok)

    # -- participants -----------------------------------------------------
    def _sources(self, trig: Trigger, actors: ActorSource, ctx: SentenceContext) -> list[Actor]:
        tok, pattern = trig.token, trig.pattern
        if pattern.kind == "noun":
            return self._noun_sources(trig, actors, ctx)
        if pattern.source:
            # "received weapons from the government": the doer sits in a phrase
            light = [trig.light_object] if trig.light_object is not None else []
            heads = dict.fromkeys([tok, *syntax.objects(tok), *light])
            return [a for slot in pattern.source for h in heads for o in syntax.prep_objects(h, slot)
                    for a in self._resolve(o, actors, ctx)]
        subj = syntax.logical_subject(tok)
        if subj is None and pattern.code[:2] in DISSENT_ROOTS and tok.dep_ == "acl" and tok.tag_ == "VBN" \
                and syntax.agent(tok) is None:
            # "Thousands of students protested in Dhaka": the parser reads an intransitive past
            # tense as a participle of the noun before it; dissent is never done to anyone
            subj = tok.head
        found = self._resolve(subj, actors, ctx) if subj is not None else []
        if not found and subj is not None and subj.pos_ == "NOUN":
            # "Recent US drone attacks have killed ...": the attacks' own source
            deed = self._noun_trigger(subj)
            if deed is not None:
                found = self._noun_sources(deed, actors, ctx)
        if not found and tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.dep_ in syntax.OBJECT_DEPS:
            # "issued a statement condemning the move": whoever issued it ("plans to sell
            # arms" is not a sale, so only the participle)
            issuer = syntax.logical_subject(tok.head.head)
            found = self._resolve(issuer, actors, ctx) if issuer is not None else []
        if not found and syntax.is_passive(tok):
            # "were killed in Israeli shelling": the deed's doer did it
            for prep in ("in", "by", "during"):
                for obj in syntax.prep_objects(tok, prep):
                    cause = self._noun_trigger(obj)
                    if cause is not None:
                        found = self._noun_sources(cause, actors, ctx)
                        if found:
                            return found
        for extra in syntax.like_sources(tok, subj):
            found.extend(self._resolve(extra, actors, ctx))
        return found

    @staticmethod
    def _undergone(tok: Token) -> Token | None:
        """The verb of "came under attack", "was under fire": its subject undergoes the deed."""
        prep = tok.head
        if tok.dep_ == "pobj" and prep.lower_ == "under" and prep.head.lemma_ in {"come", "be", "fall"}:
            return prep.head
        return None

    def _noun_sources(self, trig: Trigger, actors: ActorSource, ctx: SentenceContext) -> list[Actor]:
        tok = trig.token
        lead = syntax.first_conjunct(tok)
        verb = self._undergone(tok)
        if verb is not None:
            # "came under attack from government troops": the doer is the "from" (or "by") phrase
            return [a for h in (tok, verb) for prep in ("from", "by") for o in syntax.prep_objects(h, prep)
                    for a in self._resolve(o, actors, ctx)]
        # "the group claimed responsibility for the bombing": the claimer did it
        if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.lemma_ == "responsibility" \
                and tok.head.head.head.pos_ == "VERB":
            claimer = syntax.logical_subject(tok.head.head.head)
            claimed = self._resolve(claimer, actors, ctx) if claimer is not None else []
            if claimed:
                return claimed
        for slot in trig.pattern.source:
            if slot in {"by", "between", "of", "for"}:
                objs = list(syntax.prep_objects(tok, slot))
                found = [a for o in objs for a in self._resolve(o, actors, ctx)]
            elif slot == "poss":
                # "Japan's remorse and apology": conjoined nouns share the first one's possessor
                owner = lead if lead is tok or not syntax.has_own_determiner(tok) else None
                found = [a for c in owner.children if c.dep_ == "poss"
                         for a in self._resolve(c, actors, ctx)] if owner is not None else []
                found = found or [a for c in tok.children if c.dep_ == "poss"
                                  for a in self._resolve(c, actors, ctx)]
            else:  # amod/compound: the phrase itself names its actor ("Turkish strikes")
                own = actors.resolve(tok)
                against = any(_against(c) for c in tok.children if c.dep_ in {"amod", "compound"})
                found = [own] if own is not None and own.start < tok.idx and not against else []
                if not found:  # "Serbian artillery shelling": a modifier names it
                    found = [a for c in tok.children if c.dep_ == slot and c.i < tok.i and not _against(c)
                             and (a := actors.resolve(c)) is not None and a.country is not None]
            if found:
                return found
        # "Russia continued its strikes": the governing verb's subject -- unless
        # that verb is itself an event about the deed ("France condemned the attack")
        # (a conjoined object shares it: "expressed regret and an apology")
        head_trigger = self._verb_trigger(lead.head) if lead.dep_ in syntax.OBJECT_DEPS else None
        head_is_reaction = head_trigger is not None and head_trigger.pattern.code[:2] != trig.pattern.code[:2]
        if lead.dep_ in syntax.OBJECT_DEPS and not head_is_reaction:
            subj = syntax.logical_subject(lead.head)
            if subj is not None:
                found = self._resolve(subj, actors, ctx)
                if found:
                    return found
        # "will fly to the Gulf for discussions with ...": the traveller talks
        if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.pos_ == "VERB":
            trip = self._verb_trigger(tok.head.head)
            if trip is not None and trip.pattern.code[:3] in VISIT_CODES:
                found = self._sources(trip, actors, ctx)
                if found:
                    return found
        # "a trip for Kerry that will include stops in ...": the enclosing event noun's source
        for anc in list(tok.ancestors)[:4]:
            if anc.pos_ == "NOUN" and anc is not tok:
                outer = self._noun_trigger(anc)
                if outer is not None and outer.pattern.code[:2] == trig.pattern.code[:2]:
                    return self._noun_sources(outer, actors, ctx)
        return []

    def _targets(self, trig: Trigger, actors: ActorSource, ctx: SentenceContext) -> list[Actor]:
        tok, pattern, light = trig.token, trig.pattern, trig.light_object
        undergone = self._undergone(tok) if pattern.kind == "noun" else None
        if undergone is not None and (subj := syntax.direct_subject(undergone)) is not None:
            return self._resolve(subj, actors, ctx)  # "the rebels came under attack": the rebels
        passive = pattern.kind == "verb" and syntax.is_passive(tok)
        cands: Sequence[Token | None]
        for slot in pattern.target:
            if slot == "dobj":
                if pattern.kind == "noun":
                    continue
                if pattern.predicate and not syntax.objects(tok):
                    # "called the junta illegitimate" parses the junta as part of the predicate
                    cands = [c for w in syntax.judged_as(tok) for c in w.children if c.dep_ == "compound"]
                elif light is not None:
                    # "expelled two British diplomats": the object itself names the target
                    cands = [light]
                else:
                    cands = [syntax.passive_patient(tok)] if passive else syntax.objects(tok)
            elif slot == "dative":
                cands = syntax.datives(tok)
            elif slot == "subject":  # "militias received rifles from ...": the receivers
                cands = [syntax.logical_subject(tok)]
            else:
                # "signed an agreement with X": the object's prepositions count too
                heads = [tok, *syntax.objects(tok)] if light is None else [light, tok]
                if pattern.kind == "noun" and (verb := self._support_verb(trig)) is not None:
                    heads.append(verb)  # "offered its apology to X": the parser hangs "to X" on the verb
                cands = [o for h in heads for o in syntax.prep_objects(h, slot)]
            if pattern.code[:2] in self.agents.judged_deed_roots:
                cands = [c if c is None or (light is not None and c.i == light.i) else self._judged_doer(c)
                         for c in cands]
            if pattern.code[:3] in VISIT_CODES:
                found = self._visited(cands, actors, ctx)
            else:
                found = [a for c in cands if c is not None for a in self._resolve(c, actors, ctx)]
            if not found and pattern.code[:3] in DEED_TARGET_CODES:
                # "claimed responsibility for an attack on an army post": the attack's target
                found = self._deed_targets([c for c in cands if c is not None], actors, ctx)
            if found:
                return found
        if light is not None:
            # "raised the threat of sanctions on Myanmar": the threatened deed's target
            found = self._deed_targets(list(syntax.prep_objects(light, "of")), actors, ctx)
            if found:
                return found
        for head in ([tok] if light is None else [light, tok]):
            # "anti-Iranian sanctions": the one they are against
            against = [a for c in head.children if c.dep_ in {"amod", "compound"} and _against(c)
                       and (a := actors.resolve(c)) is not None]
            if against:
                return against
        if pattern.code[:2] in VIOLENCE_ROOTS and pattern.kind == "verb" and not passive:
            found = self._things_hit(tok, actors)
            if found:
                return found
        if pattern.code[:2] in PLACE_TARGET_ROOTS:
            # "staged a protest in Beijing", "drills in the Baltic": the host country;
            # "rebels entered Goma", "took over the city of Kandahar": the country taken
            heads = [tok] if light is None else [light, tok]
            places = [o for h in heads for o in syntax.prep_objects(h, "in")]
            if pattern.kind == "verb" and not passive:
                for obj in syntax.objects(tok):
                    # "hit an apartment block in Zaporizhzhia": where the thing hit stands
                    places += [obj, *syntax.prep_objects(obj, "of"), *syntax.prep_objects(obj, "in")]
            for obj in places:
                place = self._place_actor(obj)
                if place is not None:
                    if pattern.code[:2] == "14":  # a protest in Kirkuk is aimed at the government
                        place = replace(place, code=place.code + "GOV", rule=f"{place.rule}+protest")
                    return [place]
        return []

    def _support_verb(self, trig: Trigger) -> Token | None:
        """The verb an event noun is the object of (through conjunction), unless that verb
        is an event of another root about it ("condemned the attack on X")."""
        lead = syntax.first_conjunct(trig.token)
        if lead.dep_ not in syntax.OBJECT_DEPS or lead.head.pos_ not in ("VERB", "AUX"):
            return None
        verb_trigger = self._verb_trigger(lead.head)
        if verb_trigger is not None and verb_trigger.pattern.code[:2] != trig.pattern.code[:2]:
            return None
        return lead.head

    def _judged_doer(self, judged: Token | None) -> Token | None:
        """"condemned the killing of students by the police": a judged deed's doer, named in
        the deed's own phrase ("by the police", "the Ugandan raid", "Russia's decision"), is
        whom the judgement is aimed at; else the phrase itself."""
        if judged is None or not self.frames.names_a_deed(judged):
            return judged
        doers = [o for o in syntax.prep_objects(judged, "by")]
        doers += [c for c in judged.children if c.dep_ == "poss"]
        return doers[0] if doers else judged

    def _deed_targets(self, nouns: Sequence[Token], actors: ActorSource, ctx: SentenceContext) -> list[Actor]:
        """The targets of the deeds these nouns name ("an attack on an army post" → the post's owner)."""
        deeds = [d for n in nouns if (d := self._noun_trigger(n)) is not None]
        return [a for d in deeds for a in self._targets(d, actors, ctx)]

    # -- events -----------------------------------------------------------
    def _code_sentence(self, article: Article, ctx: SentenceContext, actors: ActorSource) -> list[Event]:
        events: list[Event] = self.speech.obligations(article, ctx, actors)
        events += self.speech.judgements(article, ctx, actors)
        emitted: dict[int, set[str]] = {}  # trigger token → codes of the events it gave
        triggers = self.triggers(ctx.sent)
        by_token = {t.token.i: t for t in reversed(triggers)}
        for trig in triggers:
            trig = self._as_committed(trig, by_token)
            if self._controlled_by_event(trig, emitted):
                self._drop(ctx, trig, "controlled")
                continue
            if in_background_clause(trig.token, self.rules):
                self._drop(ctx, trig, "background")
                continue
            produced = self._events_for(article, trig, ctx, actors)
            emitted[trig.token.i] = {ev.code for ev in produced}
            events.extend(produced)
            events.extend(self.speech.accusations(article, trig, produced, ctx, actors))
            ctx.current[:] = events
        kept = dedupe(events)
        if ctx.drops is not None and len(kept) < len(events):
            ids = {id(ev) for ev in kept}
            for ev in events:
                if id(ev) not in ids:
                    ctx.drops.append(Drop(ctx.index, ctx.sent.text.strip(), ev.trigger, ev.rule, ev.code,
                                          "merged", f"{ev.source.code}->{ev.target.code}"))
        return kept

    def _as_committed(self, trig: Trigger, by_token: Mapping[int, Trigger]) -> Trigger:
        """"vowed to arrest him" is a threat (137), "pledged to send aid" an offer of aid
        (033): a verb of commitment is coded by what it commits to, as an intention is
        (modality.yaml commitment_verbs, intent_as).  The complement itself is then
        controlled by this event and not coded again as a future deed."""
        if trig.token.lemma_ not in self.rules.commitment_verbs or trig.light_object is not None:
            return trig
        for comp in trig.token.children:
            committed = by_token.get(comp.i) if comp.dep_ == "xcomp" else None
            if committed is not None and (code := self.rules.intent_as.get(committed.pattern.code[:2])):
                pattern = replace(trig.pattern, id=f"{trig.pattern.id}>{committed.pattern.id}", code=code)
                return Trigger(trig.token, pattern)
        return trig

    @staticmethod
    def _drop(ctx: SentenceContext, trig: Trigger, stage: Stage, detail: str = "") -> None:
        if ctx.drops is not None:
            ctx.drops.append(Drop(ctx.index, ctx.sent.text.strip(), trig.token.text, trig.pattern.id,
                                  trig.pattern.code, stage, detail))

    @staticmethod
    def _controlled_by_event(trig: Trigger, emitted: dict[int, set[str]]) -> bool:
        """"urged the U.S. to stop supporting": the urging stands for both; "shut their
        shops to protest against taxes": the strike is the protest.  A journey is no
        such stand-in: "flew to Lima for talks with X" is a visit and talks."""
        tok = trig.token
        if tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return trig.pattern.code[:2] in {c[:2] for c in emitted.get(tok.head.i, set())}
        current = tok
        while current.dep_ == "conj" and current.head.i != current.i:
            current = current.head  # "accused X of helping arm and support Y": as the first conjunct
        for _ in range(4):
            if current.dep_ not in {"xcomp", "ccomp", "pcomp", "pobj", "prep"} or current.head.i == current.i:
                return False
            current = current.head
            codes = emitted.get(current.i)
            if codes and not all(c[:3] in VISIT_CODES for c in codes):
                return True
        return False

    def _events_for(self, article: Article, trig: Trigger, ctx: SentenceContext,
                    actors: ActorSource) -> list[Event]:
        pattern = trig.pattern
        sources = self._sources(trig, actors, ctx)
        between: list[Actor] = []
        if not sources and pattern.kind == "noun" and pattern.symmetric and "between" in pattern.target:
            # "a meeting between the Greek and Turkish ministers took place": each with the other
            between = [a for o in syntax.prep_objects(trig.token, "between")
                       for a in self._resolve(o, actors, ctx)]
            sources = between if len(between) > 1 else []
        patients: list[Actor] = []
        if self._names_no_doer(trig):
            sources, patients = self._implicit_agents(trig, actors, ctx) or (sources, [])
        if not sources and pattern.code[:2] in VIOLENCE_ROOTS:
            sources = self._air_power(trig, actors, ctx)
        if not sources and pattern.code[:2] in DISSENT_ROOTS and pattern.kind == "noun":
            sources = self._dissent_doers(trig)
        if not sources:
            self._drop(ctx, trig, "no-source")
            return []
        joint = pattern.symmetric and len(sources) > 1  # "Jordan and Britain agreed to ...": each other
        targets = patients
        if not targets and not between:
            # the clause's own slots, then what surrounds it, then the doer's own people, then
            # the nearest other party of the sentence
            own = [a for s in sources[:1]
                   if (a := self.agents.own_population(pattern.code, s, trig.token.text)) is not None]
            targets = (self._targets(trig, actors, ctx)
                       or self._implicit_targets(trig, actors, ctx, sources, joint) or own
                       or ([] if joint else self._context_targets(trig, actors, ctx, sources)))
        pairs: list[tuple[Actor, Actor]] = []
        if targets:
            pairs = [(s, t) for s in sources for t in targets]
        elif joint or (pattern.kind == "noun" and "between" in pattern.source and len(sources) > 1):
            # "Lavrov and Zarif discussed", "Chilean and Peruvian officials agreed": each with
            # the other -- but members of a named group ("Serbia and three neighbours") act together
            pairs = [(s, t) for s in sources for t in sources
                     if s is not t and not (s.rule == t.rule and s.rule.startswith("group:"))]
        if not pairs:
            self._drop(ctx, trig, "no-target", "sources: " + ", ".join(a.code for a in sources))
            return []
        negated = is_negated(trig.token, self.rules)
        intent = intent_governor(trig.token, self.rules)
        refusal = refusal_governor(trig.token, self.rules)
        scheduled = schedule_governor(trig.token, self.rules)
        own_negation = has_negator(trig.token, self.rules) or (
            trig.token.dep_ == "xcomp" and has_negator(trig.token.head, self.rules))
        code = pattern.code
        rule = pattern.id
        if negated and trig.token.lemma_ in self.rules.negated_as:
            code, negated, rule = self.rules.negated_as[trig.token.lemma_], False, f"{pattern.id}+negated"
        elif code[:2] in self.rules.accused_roots and (said := verbal_cue(trig.token, self.rules)):
            code, rule = self.rules.verbal_code, f"{pattern.id}+verbal:{said}"
        elif refusal is not None:
            # "refused to deploy troops in Iraq" is a rejection, which did happen
            code, negated, intent = self.rules.refusal_code, False, None
            rule = f"{pattern.id}+refused:{refusal.lemma_}"
        out: list[Event] = []
        for src, tgt in pairs:
            src = self._with_air_side(src, ctx)
            src2 = self._fill_country(src, trig.token, actors, ctx, [tgt],
                                      facing=STATE_ORGANS if code[:2] in ADDRESSING_ROOTS else frozenset())
            tgt2 = self._fill_country(tgt, trig.token, actors, ctx, [src],
                                      facing=RULERS if code[:2] in REPRESSION_ROOTS else frozenset())
            if src2 is None or tgt2 is None:
                self._drop(ctx, trig, "no-country", f"{src.code} ({src.text}) -> {tgt.code} ({tgt.text})")
                continue
            if src2.code == tgt2.code:
                self._drop(ctx, trig, "self-event", f"{src2.code} ({src2.text}) -> {tgt2.text}")
                continue
            speaker_is_source = ctx.speaker is not None and ctx.speaker.code == src2.code
            modality = modality_of(trig.token, self.rules, speaker_is_source)
            ev_code, ev_rule = code, rule
            if code[:2] in DISSENT_ROOTS and _speaks_for_a_state(src2):
                # "Japan strongly protested the abductions": a state complains, it does not march
                ev_code, ev_rule = self.rules.state_dissent_code, f"{rule}+by-state"
            if negated and modality == "future" and own_negation:
                # "said it would not meet the demands": a stated refusal (but in "would not
                # give permission to X to attack Y" the attack is merely not allowed)
                ev_code, ev_rule, modality = self.rules.refusal_code, f"{rule}+will-not", "asserted"
                out.append(self._event(article, ctx, trig, src2, tgt2, ev_code, ev_rule, False, modality))
                continue
            if intent is not None:
                modality = "future"
                if code[:2] in self.rules.intent_as:
                    ev_code, ev_rule = self.rules.intent_as[code[:2]], f"{rule}+intent:{intent.lemma_}"
            elif modality == "future" and scheduled is not None:
                ev_rule = f"{rule}+{scheduled.lemma_}"
            elif modality == "future" and code[:2] in self.rules.future_as:
                ev_code, ev_rule = self.rules.future_as[code[:2]], f"{rule}+future"
            out.append(self._event(article, ctx, trig, src2, tgt2, ev_code, ev_rule, negated, modality))
        return out

    def _event(self, article: Article, ctx: SentenceContext, trig: Trigger, src: Actor, tgt: Actor,
               code: str, rule: str, negated: bool, modality: str) -> Event:
        tok = trig.token
        words = [tok] + ([trig.light_object] if trig.light_object is not None else [])
        starts = [w.idx for w in words] + [a.start for a in (src, tgt) if a.start >= 0]
        ends = [w.idx + len(w.text) for w in words] + [a.end for a in (src, tgt) if a.end >= 0]
        lo = max(min(starts), ctx.sent.start_char)
        hi = min(max(ends), ctx.sent.end_char)
        trigger_text = " ".join(w.text for w in sorted(words, key=lambda w: w.i))
        return Event(
            article_id=article.id, sentence_index=ctx.index, source=src, target=tgt, code=code,
            sentence=ctx.sent.text.strip(), span=(lo, hi), rule=rule, negated=negated,
            modality=modality,  # type: ignore[arg-type]
            trigger=trigger_text,
        )



# Claims of responsibility for a deed, and sympathy over one, are aimed at the
# deed's target ("condolences for the shooting in Texas": the United States).
DEED_TARGET_CODES = frozenset({"015", "018"})

# CAMEO codes for travel; their targets are the countries visited.
VISIT_CODES = frozenset({"042", "043"})

# Deeds by which people address their rulers: appeals, demands, disapproval, dissent.
ADDRESSING_ROOTS = frozenset({"02", "10", "11", "14"})

# Deeds a state does to its own people: coercion and repression (arrests, bans, curfews),
# by its rulers; an army's coercion may be of another people (an occupation).
REPRESSION_ROOTS = frozenset({"17"})
RULERS = frozenset({"GOV", "COP", "JUD", "LEG"})

# Dissent (protest, march, rally, strike): intransitive deeds, never suffered.
DISSENT_ROOTS = frozenset({"14"})

# Protests, shows of force and fighting "in <place>" without a named target
# are aimed at the place's country.
PLACE_TARGET_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})


def _against(modifier: Token) -> bool:
    """"anti-Iranian sanctions", "anti-government protests": the modifier names the one
    the deed is against, not its doer."""
    doc = modifier.doc
    first = min(t.i for t in modifier.subtree)
    return modifier.lower_.startswith("anti") or (
        first >= 2 and doc[first - 1].text == "-" and doc[first - 2].lower_ == "anti") or (
        first >= 1 and doc[first - 1].lower_ in {"anti", "anti-"})


def _speaks_for_a_state(actor: Actor) -> bool:
    """A government or a state named as such ("Japan", "Tokyo"), not its people ("Kenyans")."""
    if actor.code[3:6] == "GOV":
        return True
    return len(actor.code) == 3 and actor.rule.startswith(("country-name:", "capital:", "metonym:"))
