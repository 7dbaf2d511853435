"""Finding the participants of a trigger in spaCy's dependency parse.

Pure functions over tokens: who is the subject (through conjunctions,
control verbs, relative clauses and passives), what is the object, which
noun phrases hang off a preposition, and how compound phrases expand.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Token

from heron.nlp import hidden_conjuncts

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
# Control verbs pass their subject (or object) down to an xcomp/advcl.
INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "ccomp", "acomp"})


def conjuncts(token: Token) -> list[Token]:
    """A noun phrase and its coordinated siblings: "the U.S., Jordan and Turkey".

    The parser sometimes reads a list's second item as an apposition ("The
    US, Russia, and Switzerland": Russia ← appos, Switzerland ← conj of
    Russia); an apposition that itself heads a coordination is a list item.
    """
    out = [*hidden_conjuncts(token), token]
    out.extend(c for c in token.conjuncts if c.i > token.i)
    for child in token.children:
        if child.dep_ == "appos" and any(c.dep_ == "conj" for c in child.children):
            out.append(child)
            out.extend(c for c in child.conjuncts if c.i > child.i)
    return out


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children) \
        or is_reduced_passive(verb)


def is_reduced_passive(verb: Token) -> bool:
    """A bare past participle adjunct: "Backed by Moscow, the army advanced", "the activist
    was named, detained on Monday". Its governing clause's subject undergoes it ("having
    detained" with its auxiliary is active)."""
    if verb.dep_ != "advcl" or verb.head.pos_ not in {"VERB", "AUX"}:
        return False
    # the tagger often calls such a participle a past tense; with no subject and no
    # object of its own it is not one
    if verb.tag_ != "VBN" and not (verb.tag_ == "VBD" and not objects(verb)):
        return False
    return not any(c.dep_ in SUBJECT_DEPS or c.dep_ in {"aux", "mark"} for c in verb.children)


def direct_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    return None


def passive_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in PASSIVE_SUBJECT_DEPS:
            return child
    return None


def passive_patient(verb: Token) -> Token | None:
    """Who a passive verb acts on: its own subject, or, for a verb conjoined to
    another with no subject of its own, the subject they share ("the envoys arrived
    by boat and were greeted by the host": the envoys are greeted)."""
    subj = passive_subject(verb)
    if subj is None and verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.pos_ in {"VERB", "AUX"}:
        subj = passive_subject(verb.head) or direct_subject(verb.head)
    if subj is None and verb.dep_ in {"pcomp", "advcl"}:
        # "was held after being arrested", "detained while being questioned": the one the
        # governing clause is about
        gov = verb.head.head if verb.dep_ == "pcomp" else verb.head
        if gov.i != verb.i and gov.pos_ in {"VERB", "AUX"}:
            subj = passive_subject(gov) if is_passive(gov) else direct_subject(gov)
            if subj is not None and subj.lower_ in {"who", "that", "which"} and gov.dep_ == "relcl":
                subj = gov.head  # "Villa, who is held after being arrested": Villa
    return subj


def agent(verb: Token) -> Token | None:
    """The "by X" of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def logical_subject(verb: Token, depth: int = 0) -> Token | None:
    """Who does ``verb``: its own subject, else the one it inherits.

    "Iran agreed to send aid": send ← xcomp agreed ← nsubj Iran.
    "Russia struck Idlib and shelled Hama": shelled ← conj struck.
    "the group that attacked ships": attacked ← relcl group.
    """
    if depth > 4:
        return None
    if is_passive(verb):
        return agent(verb)
    if verb.dep_ == "xcomp" and is_passive(verb.head) and agent(verb.head) is None:
        # "the minister is scheduled to meet", "Iran was asked to leave": the passive's subject
        subj = passive_subject(verb.head)
        if subj is not None:
            return subj
    subj = direct_subject(verb)
    if subj is not None:
        if subj.lower_ in {"that", "who", "which"} and verb.dep_ == "relcl":
            return predicated(verb.head)
        return subj
    # "Egypt is mediating": the parser sometimes hangs the subject on the auxiliary,
    # or reads the verb as the attribute of "is"
    for aux in verb.children:
        if aux.dep_ in {"aux", "auxpass"} and aux.i < verb.i and (subj := direct_subject(aux)) is not None:
            return subj
    if verb.dep_ == "attr" and verb.tag_ == "VBG" and verb.head.lemma_ == "be":
        return direct_subject(verb.head)
    if verb.dep_ == "relcl":
        return predicated(verb.head)
    if verb.dep_ == "acl" and verb.tag_ in {"VBG", "VBN"}:
        # "forces loyal to X attacking the town": the modified noun acts
        return verb.head if verb.tag_ == "VBG" else None
    if verb.dep_ in INHERIT_DEPS and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "xcomp":
            # object control: "urged Japan to stop" → Japan stops
            obj = next((c for c in head.children if c.dep_ in OBJECT_DEPS), None)
            if obj is not None and head.lemma_ in OBJECT_CONTROL:
                return obj
        if verb.dep_ == "pcomp":
            if head.lower_ in {"of", "for"} and head.head.lemma_ in CHARGE_CONTROL:
                # "accused Rwanda of arming the rebels", "blamed Kyiv for shelling": the accused did it
                obj = next((c for c in head.head.children if c.dep_ in OBJECT_DEPS), None)
                if obj is not None:
                    return obj
            head = head.head  # "stopped short of calling": of ← short/stopped
            if head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
                head = head.head
        return logical_subject(head, depth + 1)
    return None


def predicated(noun: Token) -> Token:
    """Whom a noun phrase is said of, when it is the predicate of a copula.

    "Chad was the first country to condemn the coup", "Peru and Chile became the
    latest to suspend aid": a relative clause on the predicate nominal is done by
    the copula's subject, not by the generic "country" or "latest".
    """
    if noun.dep_ == "attr" and noun.head.lemma_ in COPULAS:
        subj = direct_subject(noun.head)
        if subj is not None:
            return subj
    return noun


COPULAS = frozenset({"be", "become", "remain"})

# Verbs whose object did the deed their "of"/"for" gerund names ("accused X of arming").
CHARGE_CONTROL = frozenset({"accuse", "blame", "charge", "suspect", "condemn", "criticize", "criticise",
                            "praise", "thank", "congratulate", "punish", "sanction", "fault", "commend"})

OBJECT_CONTROL = frozenset({
    "urge", "ask", "call", "order", "force", "tell", "invite", "encourage", "press", "push", "allow",
    "persuade", "pressure", "warn", "request", "instruct", "help", "want", "expect", "compel",
})


def objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in OBJECT_DEPS]


def datives(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "dative"]


def prep_objects(head: Token, prep: str) -> Iterator[Token]:
    """Objects of a preposition attached to ``head``: head → prep(lemma) → pobj."""
    for child in head.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ == prep:
            for grand in child.children:
                if grand.dep_ == "pobj" or grand.dep_ == "pcomp" and grand.pos_ in {"NOUN", "PROPN"}:
                    yield grand


def particle(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "prt":
            return child.lower_
    return None


def modifier_words(noun: Token) -> set[str]:
    """Lower-cased compound/amod words before a noun: "air" in "air strikes"."""
    return {c.lower_ for c in noun.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < noun.i}


def inclusions(token: Token) -> list[Token]:
    """'foreign ministers, including Lavrov' → [Lavrov]; 'powers such as France'."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"including", "like", "as"}:
            if child.lower_ == "as" and not any(c.lower_ == "such" for c in child.children):
                continue
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def like_sources(verb: Token, subject: Token | None) -> list[Token]:
    """'Iran, like Russia, has backed Assad' → [Russia] (also a source)."""
    out: list[Token] = []
    for head in (verb, subject):
        if head is None:
            continue
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in {"like", "alongside"}:
                out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def judged_as(verb: Token) -> list[Token]:
    """What a verb of judging calls its object, with the words that qualify it.

    "called the move unacceptable" (amod of the object, or oprd), "called
    the decision a blatant attack" (oprd and its amod), "described the vote
    as a farce" (the object of "as"), "an act of aggression" (what it is an
    act of).
    """
    words: list[Token] = []
    for child in verb.children:
        if child.dep_ in {"oprd", "acomp", "attr", "xcomp", "ccomp"}:
            words.append(child)
        elif child.dep_ in OBJECT_DEPS:
            words.extend(c for c in child.children if c.dep_ == "amod")
        elif child.dep_ == "prep" and child.lower_ == "as":
            words.extend(g for g in child.children if g.dep_ == "pobj")
    qualifiers = [c for w in words for c in w.children if c.dep_ in {"amod", "compound"}]
    # "an act of aggression", "a violation of international law"
    kinds = [g for w in words for p in w.children if p.dep_ == "prep" and p.lower_ == "of"
             for g in p.children if g.dep_ == "pobj"]
    return words + qualifiers + kinds


def corrected_lemma(tok: Token, fixes: Mapping[str, str]) -> str:
    """The token's lemma, corrected where the tagger slips (heron/data/lemmas.yaml)."""
    return fixes.get(tok.lower_) or tok.lemma_.lower()


def first_conjunct(tok: Token) -> Token:
    """The first noun of a coordination ("remorse" in "remorse and apology"), or ``tok``."""
    cur = tok
    while cur.dep_ == "conj" and cur.head.pos_ in ("NOUN", "PROPN") and cur.head.i != cur.i:
        cur = cur.head
    return cur


def has_own_determiner(tok: Token) -> bool:
    """Has its own determiner or possessor ("and its apology"): no share in the first one's."""
    return any(c.dep_ in ("poss", "det") for c in tok.children)
