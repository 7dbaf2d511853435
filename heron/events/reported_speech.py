"""Reported speech in the events stage: who speaks, and the events their words make.

A sentence's speaker is the subject of its reporting verb (:mod:`heron.speech`,
the one rule the actors stage reads too).  A reporting clause is an event of its
own when what it reports is an obligation ("Russia said Sudan must return the
helicopter": an appeal), a judgement ("the ministry said the decision was
unacceptable": approval or disapproval of whoever decided; the cue words are
:mod:`heron.events.statements`) or another's deed ("Poland claimed Belarusian
troops attacked its guards": an accusation).  The words are data
(``heron/data/modality.yaml``, ``heron/data/statements.yaml``).

:class:`heron.events.coder.EventCoder` holds one :class:`ReportedSpeech` and calls
it for each sentence and after each trigger's events; it calls back only through
:class:`Coder`, the few coder methods that resolve a phrase to actors and build an
event, so it knows nothing else of the coder.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Span, Token

from heron.events import syntax
from heron.events.lexicon import Pattern
from heron.events.modality import ModalityRules, is_negated, obligation, reporting_governor
from heron.events.participants import UNKNOWN_COUNTRY, ActorSource, SentenceContext, Trigger
from heron.events.statements import StatementCues
from heron.model import Actor, Article, Event
from heron.speech import named_speakers

# Groups that speak for themselves in a judgement: bodies, agencies, armed groups.
NON_STATE_PREFIXES = frozenset({"IGO", "NGO", "IMG"})


class Coder(Protocol):
    """What reported speech needs from :class:`heron.events.coder.EventCoder`."""

    def _resolve(self, token: Token, actors: ActorSource, ctx: SentenceContext) -> list[Actor]: ...

    def _resolve_one(self, tok: Token, actors: ActorSource, ctx: SentenceContext) -> Actor | None: ...

    def _fill_country(self, actor: Actor, trigger: Token, actors: ActorSource, ctx: SentenceContext,
                      others: Sequence[Actor]) -> Actor | None: ...

    def _context_targets(self, trig: Trigger, actors: ActorSource, ctx: SentenceContext,
                         sources: Sequence[Actor], any_root: bool = False) -> list[Actor]: ...

    def _noun_trigger(self, tok: Token) -> Trigger | None: ...

    def _noun_sources(self, trig: Trigger, actors: ActorSource, ctx: SentenceContext) -> list[Actor]: ...

    def _event(self, article: Article, ctx: SentenceContext, trig: Trigger, src: Actor, tgt: Actor,
               code: str, rule: str, negated: bool, modality: str) -> Event: ...


class ReportedSpeech:
    """Who speaks in a sentence, and the appeals, judgements and accusations their words make."""

    def __init__(self, coder: Coder, rules: ModalityRules, cues: StatementCues) -> None:
        self.coder = coder
        self.rules = rules
        self.cues = cues

    def speaker(self, sent: Span, actors: ActorSource) -> Actor | None:
        """The subject of the sentence's reporting verb: "..., said Kirby" (heron.speech, as the
        actors stage reads it); the first one that names an actor."""
        for subj in named_speakers(sent, self.rules.speech):
            actor = actors.resolve(subj)
            if actor is not None:
                return actor
        return None

    def obligations(self, article: Article, ctx: SentenceContext, actors: ActorSource) -> list[Event]:
        """"Russia said Sudan must return the helicopter": Russia appeals to Sudan."""
        out: list[Event] = []
        for tok in ctx.sent:
            if tok.pos_ not in {"VERB", "AUX"} or not obligation(tok, self.rules):
                continue
            gov = reporting_governor(tok, self.rules)
            speaker = syntax.direct_subject(gov) if gov is not None else None
            addressee = syntax.direct_subject(tok)
            if speaker is None or addressee is None:
                continue
            pattern = Pattern(id="appeal.obligation-in-report", code=self.rules.obligation_code, kind="verb",
                              lemma=tok.lemma_, note="X said Y must/should ...")
            trig = Trigger(tok, pattern)
            for src in self.coder._resolve(speaker, actors, ctx):
                for tgt in self.coder._resolve(addressee, actors, ctx):
                    if src.code != tgt.code and not src.code.startswith(UNKNOWN_COUNTRY) \
                            and not tgt.code.startswith(UNKNOWN_COUNTRY):
                        out.append(self.coder._event(article, ctx, trig, src, tgt, pattern.code, pattern.id,
                                                     is_negated(tok, self.rules), "asserted"))
        return out

    def judgements(self, article: Article, ctx: SentenceContext, actors: ActorSource) -> list[Event]:
        """"The ministry said the decision was unacceptable": the speaker judges whoever decided
        (heron.events.statements; cue classes in heron/data/statements.yaml)."""
        out: list[Event] = []
        for tok in ctx.sent:
            judgement = self.cues.judgement(tok)
            if judgement is None:
                continue
            gov = reporting_governor(judgement.clause, self.rules)
            subj = syntax.direct_subject(gov) if gov is not None else None
            speakers = self.coder._resolve(subj, actors, ctx) if subj is not None else (
                [ctx.speaker] if ctx.speaker is not None else [])
            speakers = [a for a in speakers if a.country or a.code[:3] in NON_STATE_PREFIXES]
            if not speakers:
                continue
            pattern = Pattern(id=f"statement.judge.{judgement.code}", code=judgement.code, kind="verb",
                              lemma=tok.lemma_.lower(), note="a reported judgement of a party's deed")
            trig = Trigger(tok, pattern)
            judged = judgement.judged
            targets = self._judged_parties(judged, actors, ctx) if judged is not None else []
            if not targets:
                targets = self.coder._context_targets(trig, actors, ctx, speakers, any_root=True)
            for src in speakers:
                for tgt in targets:
                    # "Congo's government said the rebel advance was a declaration of war": one
                    # country's government may judge its own rebels, not itself
                    if src.code[:3] != tgt.code[:3] or (
                            len(src.code) > 3 and len(tgt.code) > 3 and src.code[3:6] != tgt.code[3:6]):
                        out.append(self.coder._event(article, ctx, trig, src, tgt, pattern.code, pattern.id,
                                                     False, "asserted"))
        return out

    def _judged_parties(self, judged: Token, actors: ActorSource, ctx: SentenceContext) -> list[Actor]:
        """Whose deed is judged: "Russia's decision", "the cuts by the nine countries"."""
        own = self.coder._resolve_one(judged, actors, ctx)
        if own is not None and own.code.startswith(UNKNOWN_COUNTRY):
            own = self.coder._fill_country(own, judged, actors, ctx, [])  # "the rebel advance"
        if own is not None and own.country is not None:
            return [own]
        deed = self.coder._noun_trigger(judged)
        return self.coder._noun_sources(deed, actors, ctx) if deed is not None else []

    def accusations(self, article: Article, trig: Trigger, produced: Sequence[Event], ctx: SentenceContext,
                    actors: ActorSource) -> list[Event]:
        """"Poland claimed Belarusian troops attacked its guards": Poland accuses Belarus (112);
        "the court is harassing me, the opposition leader said": the one who suffered it does.

        Only a party's allegation of someone else's violence accuses, or a complaint by the
        very one a deed was done to: news media relay, and a group reporting its own attack
        claims it ("Tehran and Moscow claim they are fighting ..." accuses neither).
        """
        rules = self.rules
        real = [ev for ev in produced if not ev.negated and ev.modality in {"asserted", "reported"}
                and ev.code[:2] in rules.accused_roots | rules.complained_roots]
        gov = reporting_governor(trig.token, rules) if real else None
        if gov is None or is_negated(gov, rules):
            return []
        alleging = gov.lemma_ in rules.accusing_verbs
        subj = syntax.direct_subject(gov)
        found = self.coder._resolve(subj, actors, ctx) if subj is not None else []
        doers = {ev.source.code[:3] for ev in real}
        speakers = [a for a in found if (a.country or a.code[:3] in {"IGO", "NGO"}) and a.code[3:6] != "MED"]
        out: list[Event] = []
        for ev in real:
            for speaker in speakers:
                if alleging and ev.code[:2] in rules.accused_roots and speaker.code[:3] not in doers:
                    pid, note = ("disapprove.reported-violence",
                                 "a party reporting another's violence accuses it")
                elif (ev.code[:2] in rules.complained_roots and ev.target.code == speaker.code
                      and len(speaker.code) > 3 and speaker.code != ev.source.code):
                    # a party with a role ("the opposition leader"), not a country a place stands for
                    pid, note = ("disapprove.suffered-deed",
                                 "a party telling what was done to it accuses the doer")
                else:
                    continue
                pattern = Pattern(id=pid, code=rules.accusation_code, kind="verb", lemma=gov.lemma_,
                                  note=note)
                out.append(self.coder._event(article, ctx, Trigger(gov, pattern), speaker, ev.source,
                                             pattern.code, f"{pid}<{ev.rule}", False, "asserted"))
        return out
