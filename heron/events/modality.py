"""Negation, modality and reported speech around an event trigger.

The word lists live in ``heron/data/modality.yaml``; this module only reads
the dependency tree.  Negated events are kept (and stored) but flagged, so a
user can see what heron decided not to count.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Token

from heron.datafiles import load_yaml, read_data
from heron.model import Modality
from heron.speech import SpeechWords, speech_words

# Dependencies through which a governing verb controls its complement.
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "conj"})


class ModalityDataError(ValueError):
    pass


@dataclass(frozen=True)
class ModalityRules:
    negators: frozenset[str]
    negating_governors: frozenset[str]
    stop_short: tuple[str, str, str]
    negated_as: dict[str, str]
    future_as: dict[str, str]
    intent_governors: frozenset[str]
    intent_as: dict[str, str]
    commitment_verbs: frozenset[str]
    refusal_governors: frozenset[str]
    refusal_code: str
    obligation_aux: frozenset[str]
    obligation_code: str
    future_aux: frozenset[str]
    future_governors: frozenset[str]
    schedule_governors: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_markers: frozenset[str]
    hypothetical_governors: frozenset[str]
    speech: SpeechWords  # reporting verbs and speaker pronouns, shared with the actors stage
    accusing_verbs: frozenset[str]
    accused_roots: frozenset[str]
    complained_roots: frozenset[str]
    accusation_code: str
    verbal_verbs: frozenset[str]
    verbal_media: frozenset[str]
    verbal_code: str
    state_dissent_code: str
    background_aux: frozenset[str]
    habitual_adverbs: frozenset[str]
    progressive_aux: frozenset[str]
    generic_deeds: frozenset[str]
    named_deeds: frozenset[str]
    spoken_roots: frozenset[str]
    document_nouns: frozenset[str]
    authoring_verbs: frozenset[str]


def _words(doc: dict[str, Any], key: str) -> frozenset[str]:
    value = doc.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ModalityDataError(f"heron/data/modality.yaml: {key!r} must be a list of words")
    return frozenset(v.lower() for v in value)


def _code(doc: dict[str, Any], key: str) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or not value.isdigit():
        raise ModalityDataError(f"heron/data/modality.yaml: {key!r} must be a quoted CAMEO code")
    return value


@cache
def load_rules() -> ModalityRules:
    doc = load_yaml(read_data("modality.yaml"))
    if not isinstance(doc, dict) or doc.get("version") != 1:
        raise ModalityDataError("heron/data/modality.yaml: expected a mapping with version: 1")
    ss = doc.get("stop_short") or {}
    negated_as = doc.get("negated_as") or {}
    future_as = doc.get("future_as") or {}
    intent_as = doc.get("intent_as") or {}
    for key, mapping in (("negated_as", negated_as), ("future_as", future_as), ("intent_as", intent_as)):
        if not isinstance(mapping, dict) or not all(
                isinstance(k, str) and isinstance(v, str) and v.isdigit() for k, v in mapping.items()):
            raise ModalityDataError(f"heron/data/modality.yaml: {key!r} must map words to quoted codes")
    return ModalityRules(
        negators=_words(doc, "negators"),
        negating_governors=_words(doc, "negating_governors"),
        stop_short=(str(ss.get("verb", "stop")), str(ss.get("word", "short")), str(ss.get("prep", "of"))),
        negated_as=dict(negated_as),
        future_as=dict(future_as),
        intent_governors=_words(doc, "intent_governors"),
        intent_as=dict(intent_as),
        commitment_verbs=_words(doc, "commitment_verbs"),
        refusal_governors=_words(doc, "refusal_governors"),
        refusal_code=_code(doc, "refusal_code"),
        obligation_aux=_words(doc, "obligation_aux"),
        obligation_code=_code(doc, "obligation_code"),
        future_aux=_words(doc, "future_aux"),
        future_governors=_words(doc, "future_governors"),
        schedule_governors=_words(doc, "schedule_governors"),
        hypothetical_aux=_words(doc, "hypothetical_aux"),
        hypothetical_markers=_words(doc, "hypothetical_markers"),
        hypothetical_governors=_words(doc, "hypothetical_governors"),
        speech=speech_words(),
        accusing_verbs=_words(doc, "accusing_verbs"),
        accused_roots=_words(doc, "accused_roots"),
        complained_roots=_words(doc, "complained_roots"),
        accusation_code=_code(doc, "accusation_code"),
        verbal_verbs=_words(doc, "verbal_verbs"),
        verbal_media=_words(doc, "verbal_media"),
        verbal_code=_code(doc, "verbal_code"),
        state_dissent_code=_code(doc, "state_dissent_code"),
        background_aux=_words(doc, "background_aux"),
        habitual_adverbs=_words(doc, "habitual_adverbs"),
        progressive_aux=_words(doc, "progressive_aux"),
        generic_deeds=_words(doc, "generic_deeds"),
        named_deeds=_words(doc, "named_deeds"),
        spoken_roots=_words(doc, "spoken_roots"),
        document_nouns=_words(doc, "document_nouns"),
        authoring_verbs=_words(doc, "authoring_verbs"),
    )


def verbal_cue(verb: Token, rules: ModalityRules) -> str | None:
    """What makes a violent verb an attack in words: "attacked Kyiv in a statement",
    "slammed the ministry for failing to act" ("over the vote" is too often a place or a
    time: "attacked over the weekend")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in rules.verbal_verbs:
        return None
    for prep in (c for c in verb.subtree if c.dep_ == "prep" and c.head.i in (verb.i, *(
            o.i for o in verb.children if o.dep_ in ("dobj", "prt")))):
        objs = [o for o in prep.children if o.dep_ in ("pobj", "pcomp")]
        for obj in objs:
            if prep.lower_ in ("in", "during", "via", "through") and obj.lemma_.lower() in rules.verbal_media:
                return f"{prep.lower_} {obj.lemma_.lower()}"
            if prep.lower_ == "for" and (obj.tag_ == "VBG" or obj.dep_ == "pcomp"):
                return f"for {obj.lower_}"  # blamed for a deed of their own: "for supporting"
    return None


def has_negator(token: Token, rules: ModalityRules) -> bool:
    """'did not attack', 'never met', 'no talks'; also a "not" the parser hung on an
    adverbial of the verb ("do not in any way at all endorse")."""
    for child in token.children:
        if child.dep_ == "neg" and child.lower_ in rules.negators:
            return True
        if child.dep_ == "det" and child.lower_ == "no":
            return True
        if child.dep_ in {"prep", "advmod"} and child.i < token.i and any(
                g.dep_ == "neg" and g.lower_ in rules.negators for g in child.children):
            return True
    return False


def governors(token: Token, limit: int = 4, siblings: bool = True) -> list[Token]:
    """Verbs that control ``token`` through complement clauses, nearest first.

    A nominal trigger starts from the verb it is an argument of: in "NATO
    would tighten the blockade" the blockade is as future as "tighten".
    """
    chain: list[Token] = []
    current = token
    if token.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"dobj", "nsubjpass", "attr"} \
            and token.head.pos_ in {"VERB", "AUX"}:
        current = token.head
        chain.append(current)
    for _ in range(limit):
        purpose = current.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
        if current.dep_ not in COMPLEMENT_DEPS and current.dep_ not in {"pobj", "prep", "acomp"} \
                and not purpose:  # "will visit Paris to meet X": the meeting is future too
            break
        if current.head.i == current.i:
            break
        sibling = current.dep_ == "conj"
        current = current.head
        if current.pos_ in {"VERB", "AUX", "ADJ"} and (siblings or not sibling):
            chain.append(current)
    return chain


def _stopped_short(token: Token, rules: ModalityRules) -> bool:
    """'stopped short of describing': describing ← pcomp of ← prep short|stop."""
    verb, word, prep = rules.stop_short
    head = token.head
    if token.dep_ != "pcomp" or head.lower_ != prep:
        return False
    above = head.head
    if above.lower_ == word:
        return above.head.lemma_ == verb
    return above.lemma_ == verb and any(c.lower_ == word for c in above.children)


def is_negated(trigger: Token, rules: ModalityRules) -> bool:
    if has_negator(trigger, rules) or _stopped_short(trigger, rules):
        return True
    if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in {"dobj", "nsubjpass"} \
            and trigger.head.lemma_ in rules.negating_governors:
        return True  # "has forbidden negotiations with the US"
    # A coordinated sibling shares a "not" ("did not meet or call") but is not
    # governed by a verb of refusal ("refused to send troops but urged Peru to").
    controlling = {g.i for g in governors(trigger, siblings=False)}
    for gov in governors(trigger):
        if gov.i in controlling and (gov.lemma_ in rules.negating_governors or _stopped_short(gov, rules)):
            return True
        if has_negator(gov, rules) and gov.lemma_ not in rules.speech.reporting_verbs:
            return True
        if gov.lemma_ in rules.speech.reporting_verbs:
            break  # "X did not say Y attacked": the attack itself is not negated
    return False


def modality_of(trigger: Token, rules: ModalityRules, speaker_is_source: bool) -> Modality:
    """Classify an event as asserted, future, hypothetical or reported."""
    chain = [trigger, *governors(trigger)]
    for tok in chain:
        if tok is not trigger and tok.lemma_ in rules.speech.reporting_verbs:
            break
        for child in tok.children:
            if child.dep_ == "mark" and child.lower_ in rules.hypothetical_markers:
                return "hypothetical"
        if tok.dep_ == "advcl" and any(c.lower_ in rules.hypothetical_markers for c in tok.children):
            return "hypothetical"
    # a coordinated sibling shares auxiliaries ("will visit Paris and meet X") but is
    # not governed by its verb ("called the move unacceptable and summoned the envoy")
    controlling = {g.i for g in governors(trigger, siblings=False)}
    for tok in chain:
        if tok is not trigger and tok.lemma_ in rules.speech.reporting_verbs:
            break
        auxes = {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}
        if auxes & rules.future_aux:
            return "future"
        if "would" in auxes and reporting_governor(tok, rules) is not None:
            return "future"  # "said it would send troops": the future of reported speech
        if auxes & rules.hypothetical_aux:
            return "hypothetical"
        if tok.i in controlling and tok.lemma_ in rules.future_governors:
            return "future"
        if tok.i in controlling and tok.lemma_ in rules.hypothetical_governors:
            return "hypothetical"
        # "is to visit": be + to-infinitive
        if tok is trigger and trigger.dep_ == "xcomp" and trigger.head.lemma_ == "be":
            return "future"
    if reporting_governor(trigger, rules) is not None and not speaker_is_source:
        return "reported"
    return "asserted"


def reporting_governor(trigger: Token, rules: ModalityRules) -> Token | None:
    """The reporting verb whose complement holds the trigger, if any.

    Handles "X said Y did Z" (ccomp) and the quote-first "'...,' said X"
    where spaCy attaches the quoted clause as ccomp of "said".
    """
    for gov in governors(trigger, limit=5):
        if gov.lemma_ in rules.speech.reporting_verbs:
            return gov
    return None


def _nearest_governor(trigger: Token, rules: ModalityRules, words: frozenset[str]) -> Token | None:
    """The nearest verb among ``words`` that controls the trigger; a reporting verb ends
    the search, and a coordinated sibling is no governor."""
    for gov in governors(trigger, siblings=False):
        if gov.lemma_ in rules.speech.reporting_verbs:
            return None
        if gov.lemma_ in words:
            return gov
    return None


def intent_governor(trigger: Token, rules: ModalityRules) -> Token | None:
    """The verb or adjective of intention that governs the trigger, if any.

    "we have to have a dialogue", "Moscow is ready to send troops",
    "Seoul plans to expel the envoy"; a reporting verb ends the search.
    """
    return _nearest_governor(trigger, rules, rules.intent_governors)


def schedule_governor(trigger: Token, rules: ModalityRules) -> Token | None:
    """"is scheduled to meet", "is due to visit": an arranged event, not a mere intention."""
    return _nearest_governor(trigger, rules, rules.schedule_governors)


def refusal_governor(trigger: Token, rules: ModalityRules) -> Token | None:
    """"refused to deploy", "failed to reach": the verb of refusal, if any.

    A coordinated sibling is no governor: in "refused to deploy troops and
    urged its citizens to leave" the urging was not refused.
    """
    return _nearest_governor(trigger, rules, rules.refusal_governors)


def in_background_clause(trigger: Token, rules: ModalityRules) -> bool:
    """Is the trigger in a relative clause that describes an actor rather than reports
    the day's news?  "the militia that has seized towns in the north", "Saudi Arabia,
    which is financing rebels": a perfect or a progressive there is background.  A
    relative clause in the future or the simple past ("the trip that will include
    stops", "the envoy who met the rebels") is still an event."""
    if habitual(trigger, rules):
        return True
    for tok in [trigger, *trigger.ancestors]:
        if tok.dep_ == "relcl":
            auxes = {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}
            progressive = tok.tag_ == "VBG" and bool(auxes & rules.progressive_aux)
            return bool(auxes & rules.background_aux) or progressive
    return False


def habitual(trigger: Token, rules: ModalityRules) -> bool:
    """"Israeli troops frequently raid the camps": a simple present with an adverb of
    frequency states a habit, not an event (the trigger's clause verb decides)."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    return verb.tag_ in {"VBP", "VBZ"} and any(
        c.dep_ == "advmod" and c.lower_ in rules.habitual_adverbs for c in verb.children)


def obligation(token: Token, rules: ModalityRules) -> bool:
    """"... that Japan must lift its tariffs": the clause states an obligation."""
    return any(c.dep_ == "aux" and c.lower_ in rules.obligation_aux for c in token.children)
