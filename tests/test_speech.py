"""One list of reporting verbs and one speaker rule for the actors and the events stage
(heron.speech; sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from heron.actors import ActorKnowledge, ArticleActors
from heron.events.coder import EventCoder
from heron.events.lexicon import default_lexicon
from heron.events.modality import load_rules
from heron.nlp import load
from heron.speech import SpeechDataError, named_speakers, parse_speech_words, speech_words

DAY = date(2021, 3, 10)


@pytest.fixture(scope="module")
def knowledge() -> ActorKnowledge:
    return ActorKnowledge.load()


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(default_lexicon(), load_rules())


def test_the_events_stage_reads_the_shared_list() -> None:
    assert load_rules().speech is speech_words()
    assert {"say", "tell", "add"} <= speech_words().reporting_verbs


def test_the_actors_stage_keeps_no_list_of_its_own(knowledge: ActorKnowledge) -> None:
    assert not hasattr(knowledge.roles, "reporting_verbs")


def _both_stages(text: str, knowledge: ActorKnowledge, coder: EventCoder) -> tuple[str | None, str | None]:
    """The code the events stage gives the quote's speaker, and the code the actors stage gives its "We"."""
    doc = load()(text)
    actors = ArticleActors.build(doc, knowledge, DAY)
    we = next(t for t in doc if t.text == "We")
    speaker = coder.speech.speaker(we.sent, actors)
    stands_for = actors.resolve(we)
    return (speaker.code if speaker else None), (stands_for.code if stands_for else None)


# Each verb was read by only one of the two stages when each had its own list
# (or by neither), so any second list would make the two stages disagree here.
@pytest.mark.parametrize("verb", ["said", "reiterated", "affirmed", "underlined", "warned", "complained"])
def test_both_stages_agree_on_who_speaks(verb: str, knowledge: ActorKnowledge, coder: EventCoder) -> None:
    text = f'"We will not sign the accord," the Kenyan foreign minister {verb} on Monday.'
    speaker, stands_for = _both_stages(text, knowledge, coder)
    assert speaker == stands_for
    doc = load()(text)
    lemma = next(t.lemma_ for t in doc if t.text == verb)
    if lemma in speech_words().reporting_verbs:
        assert speaker == "KENGOV"
    else:
        assert speaker is None


def test_a_first_person_or_passive_subject_names_no_speaker() -> None:
    doc = load()('"We will not sign," we said. Kenya was told the talks had ended. The minister said so.')
    assert [t.text for t in named_speakers(doc)] == ["minister"]


@pytest.mark.parametrize(("text", "message"), [
    ("version: 1\nspeaker_pronouns: [we]\n", "'reporting_verbs' must be a non-empty list"),
    ("version: 1\nreporting_verbs: []\nspeaker_pronouns: [we]\n", "must be a non-empty list"),
    ("version: 1\nreporting_verbs: [say, 3]\nspeaker_pronouns: [we]\n", "must be a non-empty list"),
    ("version: 1\nreporting_verbs: [say, Say]\nspeaker_pronouns: [we]\n", "lists say more than once"),
    ("reporting_verbs: [say]\nspeaker_pronouns: [we]\n", "version: 1"),
])
def test_the_list_is_validated_on_load(text: str, message: str) -> None:
    from heron.datafiles import load_yaml

    with pytest.raises(SpeechDataError, match=message):
        parse_speech_words(load_yaml(text))
