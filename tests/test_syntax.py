"""Dependency helpers and modality rules on Docs annotated by hand (no model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from heron.events import syntax
from heron.events.modality import is_negated, load_rules, modality_of, reporting_governor

VOCAB = spacy.blank("en").vocab  # lexical attributes (lower_) without any model


def make_doc(rows: list[tuple[str, str, str, str, int]]) -> Doc:
    """rows: (word, lemma, pos, dep, head index)."""
    words = [r[0] for r in rows]
    return Doc(VOCAB, words=words, lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
               deps=[r[3] for r in rows], heads=[r[4] for r in rows])


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def test_passive_agent_is_the_logical_subject():
    # "The convoy was attacked by militants"
    doc = make_doc([
        ("The", "the", "DET", "det", 1), ("convoy", "convoy", "NOUN", "nsubjpass", 3),
        ("was", "be", "AUX", "auxpass", 3), ("attacked", "attack", "VERB", "ROOT", 3),
        ("by", "by", "ADP", "agent", 3), ("militants", "militant", "NOUN", "pobj", 4),
    ])
    verb = doc[3]
    assert syntax.is_passive(verb)
    assert syntax.logical_subject(verb).text == "militants"
    assert syntax.passive_subject(verb).text == "convoy"


def test_a_passive_raising_verb_passes_its_subject_down():
    # "The envoy is scheduled to meet rebels"
    doc = make_doc([
        ("The", "the", "DET", "det", 1), ("envoy", "envoy", "NOUN", "nsubjpass", 3),
        ("is", "be", "AUX", "auxpass", 3), ("scheduled", "schedule", "VERB", "ROOT", 3),
        ("to", "to", "PART", "aux", 5), ("meet", "meet", "VERB", "xcomp", 3),
        ("rebels", "rebel", "NOUN", "dobj", 5),
    ])
    assert syntax.logical_subject(doc[5]).text == "envoy"
    assert syntax.logical_subject(doc[3]) is None  # no agent: nobody did the scheduling


def test_object_control_passes_the_object_down():
    # "Ankara urged Baghdad to expel the fighters"
    doc = make_doc([
        ("Ankara", "Ankara", "PROPN", "nsubj", 1), ("urged", "urge", "VERB", "ROOT", 1),
        ("Baghdad", "Baghdad", "PROPN", "dobj", 1), ("to", "to", "PART", "aux", 4),
        ("expel", "expel", "VERB", "xcomp", 1), ("the", "the", "DET", "det", 6),
        ("fighters", "fighter", "NOUN", "dobj", 4),
    ])
    assert syntax.logical_subject(doc[4]).text == "Baghdad"
    assert syntax.logical_subject(doc[1]).text == "Ankara"


def test_subject_control_and_conjoined_verbs():
    # "Oslo agreed to host and fund the talks"
    doc = make_doc([
        ("Oslo", "Oslo", "PROPN", "nsubj", 1), ("agreed", "agree", "VERB", "ROOT", 1),
        ("to", "to", "PART", "aux", 3), ("host", "host", "VERB", "xcomp", 1),
        ("and", "and", "CCONJ", "cc", 3), ("fund", "fund", "VERB", "conj", 3),
        ("the", "the", "DET", "det", 7), ("talks", "talk", "NOUN", "dobj", 5),
    ])
    assert syntax.logical_subject(doc[5]).text == "Oslo"


def test_conjuncts_and_inclusions():
    # "ministers, including Novak and Ruiz"
    doc = make_doc([
        ("ministers", "minister", "NOUN", "ROOT", 0), (",", ",", "PUNCT", "punct", 0),
        ("including", "include", "VERB", "prep", 0), ("Novak", "Novak", "PROPN", "pobj", 2),
        ("and", "and", "CCONJ", "cc", 3), ("Ruiz", "Ruiz", "PROPN", "conj", 3),
    ])
    inc = syntax.inclusions(doc[0])
    assert [t.text for t in inc] == ["Novak"]
    assert [t.text for t in syntax.conjuncts(inc[0])] == ["Novak", "Ruiz"]


def test_negation_by_adverb_and_by_governor(rules):
    # "Quito did not recall its ambassador"
    doc = make_doc([
        ("Quito", "Quito", "PROPN", "nsubj", 3), ("did", "do", "AUX", "aux", 3),
        ("not", "not", "PART", "neg", 3), ("recall", "recall", "VERB", "ROOT", 3),
    ])
    assert is_negated(doc[3], rules)
    # "Lima declined to sign the accord"
    doc2 = make_doc([
        ("Lima", "Lima", "PROPN", "nsubj", 1), ("declined", "decline", "VERB", "ROOT", 1),
        ("to", "to", "PART", "aux", 3), ("sign", "sign", "VERB", "xcomp", 1),
        ("the", "the", "DET", "det", 5), ("accord", "accord", "NOUN", "dobj", 3),
    ])
    assert is_negated(doc2[3], rules)
    assert not is_negated(doc2[1], rules)


def test_stopped_short_of_negates(rules):
    # "The envoy stopped short of praising Quito"
    doc = make_doc([
        ("The", "the", "DET", "det", 1), ("envoy", "envoy", "NOUN", "nsubj", 2),
        ("stopped", "stop", "VERB", "ROOT", 2), ("short", "short", "ADV", "advmod", 2),
        ("of", "of", "ADP", "prep", 3), ("praising", "praise", "VERB", "pcomp", 4),
        ("Quito", "Quito", "PROPN", "dobj", 5),
    ])
    assert is_negated(doc[5], rules)


def test_reported_speech_does_not_pass_negation_down(rules):
    # "Minsk did not say who attacked the post": the attack is not negated
    doc = make_doc([
        ("Minsk", "Minsk", "PROPN", "nsubj", 3), ("did", "do", "AUX", "aux", 3),
        ("not", "not", "PART", "neg", 3), ("say", "say", "VERB", "ROOT", 3),
        ("who", "who", "PRON", "nsubj", 5), ("attacked", "attack", "VERB", "ccomp", 3),
        ("the", "the", "DET", "det", 7), ("post", "post", "NOUN", "dobj", 5),
    ])
    assert not is_negated(doc[5], rules)
    assert reporting_governor(doc[5], rules).i == 3


def test_future_and_hypothetical(rules):
    # "Seoul will send aid" / "Seoul could send aid"
    for aux, want in (("will", "future"), ("could", "hypothetical")):
        doc = make_doc([
            ("Seoul", "Seoul", "PROPN", "nsubj", 2), (aux, aux, "AUX", "aux", 2),
            ("send", "send", "VERB", "ROOT", 2), ("aid", "aid", "NOUN", "dobj", 2),
        ])
        assert modality_of(doc[2], rules, speaker_is_source=False) == want
    # "if Hanoi expels the diplomats"
    doc = make_doc([
        ("if", "if", "SCONJ", "mark", 2), ("Hanoi", "Hanoi", "PROPN", "nsubj", 2),
        ("expels", "expel", "VERB", "ROOT", 2), ("diplomats", "diplomat", "NOUN", "dobj", 2),
    ])
    assert modality_of(doc[2], rules, speaker_is_source=False) == "hypothetical"


def test_reported_modality(rules):
    # "The agency said Quito recalled its envoy"
    doc = make_doc([
        ("The", "the", "DET", "det", 1), ("agency", "agency", "NOUN", "nsubj", 2),
        ("said", "say", "VERB", "ROOT", 2), ("Quito", "Quito", "PROPN", "nsubj", 4),
        ("recalled", "recall", "VERB", "ccomp", 2), ("envoy", "envoy", "NOUN", "dobj", 4),
    ])
    assert modality_of(doc[4], rules, speaker_is_source=False) == "reported"
    assert modality_of(doc[4], rules, speaker_is_source=True) == "asserted"


def test_a_dateline_is_a_sentence_of_its_own():
    from heron.nlp import DATELINE
    found = DATELINE.match("KHARTOUM, April 20 (Reuters) - Sudan's army agreed.")
    assert found is not None and found.group(0) == "KHARTOUM, April 20 (Reuters) - "
    assert DATELINE.match("GAZA CITY, Palestinian Territories: Four children were killed.")
    assert DATELINE.match("January 23, 2014 (ADDIS ABABA) – The factions agreed.")
    assert DATELINE.match("UN chief: talks to resume.") is None
    assert DATELINE.match("US President Joe Biden met NATO leaders.") is None
