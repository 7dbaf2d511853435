"""The speed-ups of actor resolution and of the place/date steps change no answer.

Token tables, span memos and per-Doc entity lists must give exactly what the
spaCy objects give.  Sentences written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from heron.actors import ActorKnowledge, ArticleActors
from heron.actors.gazetteer import norm
from heron.actors.phrases import DocTokens, PhraseScanner, analyse
from heron.nlp import load
from heron.when import doc_ents, ents_of

DAY = date(2019, 5, 6)
TEXTS = [
    "U.S.-led coalition forces and Iraqi Kurds shelled positions near Mosul on Tuesday, "
    "the Pentagon's spokesman said.",
    "Iranian Foreign Minister Ali Vaziri met Moon Jae-in in Seoul; he called the talks \"useful\".\n"
    "GENEVA (Reuters) - The Kurdistan Workers' Party denied the claim.",
    "Police in Nairobi arrested two men after a protest outside the French embassy, "
    "Kenya's interior ministry said late on Friday.",
]


@pytest.fixture(scope="module")
def knowledge() -> ActorKnowledge:
    return ActorKnowledge.load()


@pytest.mark.parametrize("text", TEXTS)
def test_span_text_is_spacy_span_text(text: str) -> None:
    doc = load()(text)
    tokens = DocTokens.of(doc)
    for i in range(len(doc)):
        for j in range(i + 1, min(len(doc), i + 9) + 1):
            assert tokens.span_text(i, j) == doc[i:j].text
    assert tokens.idx == tuple(t.idx for t in doc)


@pytest.mark.parametrize("text", TEXTS)
def test_scanner_phrase_is_fresh_analysis(knowledge: ActorKnowledge, text: str) -> None:
    doc = load()(text)
    scanner = PhraseScanner(doc, knowledge)
    for token in doc:
        cached = scanner.analyse(token)
        assert cached == analyse(token, knowledge)
        assert cached.text() == doc[cached.start : cached.end].text
        if cached.name:
            assert cached.name_text() == doc[cached.name[0] : cached.name[-1] + 1].text


def _mentions(knowledge: ActorKnowledge, text: str) -> list[tuple[int, int, str, str | None]]:
    doc = load()(text)
    return [(a.start, a.end, a.code, a.rule) for a in ArticleActors.build(doc, knowledge, DAY).mentions()]


def test_span_memo_shared_across_articles_changes_nothing(knowledge: ActorKnowledge) -> None:
    knowledge.span_memo.clear()
    alone = [_mentions(knowledge, text) for text in TEXTS]
    for text in TEXTS:  # fill the memo with every article, then read each again
        _mentions(knowledge, text)
    assert knowledge.span_memo
    assert [_mentions(knowledge, text) for text in reversed(TEXTS)] == list(reversed(alone))
    assert any(codes for codes in alone)


@pytest.mark.parametrize("text", TEXTS)
def test_entity_lists_are_spacy_ones(text: str) -> None:
    doc = load()(text)
    assert list(doc_ents(doc)) == list(doc.ents)
    assert doc_ents(doc) is doc_ents(doc)
    for sent in doc.sents:
        assert list(ents_of(sent)) == list(sent.ents)
    for start in range(0, len(doc), 3):
        window = doc[start : start + 5]
        assert list(ents_of(window)) == list(window.ents)


def test_surname_keys_index_matches_scan(knowledge: ActorKnowledge) -> None:
    leaders = knowledge.leaders
    checked = 0
    for entry in leaders.entries[:400]:
        people = leaders._names.get(norm(entry.name), set())
        if len(people) != 1:
            continue
        person = next(iter(people))
        scanned = tuple(k for k, who in leaders._surnames.items() if person in who)
        assert leaders.surname_keys(entry.name) == scanned
        checked += 1
    assert checked > 0
