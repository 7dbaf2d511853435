"""Reporters are not parties: news agencies and outlets named as the source of the news.

Sentences are written for these tests.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from heron.actors.errors import ActorDataError
from heron.actors.knowledge import ActorKnowledge
from heron.actors.reporters import load_reporters
from heron.actors.resolver import ArticleActors
from heron.cli import app
from heron.nlp import load

WHEN = date(2023, 12, 5)


@pytest.fixture(scope="module")
def knowledge() -> ActorKnowledge:
    return ActorKnowledge.load()


def _actors(text: str, knowledge: ActorKnowledge) -> tuple[ArticleActors, list]:  # type: ignore[type-arg]
    doc = load()(text)
    return ArticleActors.build(doc, knowledge, WHEN), list(doc)


def _token(tokens: list, word: str, nth: int = 0):  # type: ignore[no-untyped-def,type-arg]
    return [t for t in tokens if t.text == word][nth]


@pytest.mark.parametrize(("text", "word", "how"), [
    ("The militia seized two villages, according to Reuters.", "Reuters", "according to"),
    ("The militia seized two villages, Reuters reported.", "Reuters", "reported"),
    ("Local officials told Reuters that the militia had seized two villages.", "Reuters", "told"),
    ("The army shelled the port, a commander said in an interview with the BBC.", "BBC", "interview with"),
    ("MOPTI, May 2 (AFP) - Gunmen attacked a market in the town.", "AFP", "credit"),
])
def test_a_reporter_named_as_the_source_is_no_party(text: str, word: str, how: str,
                                                     knowledge: ActorKnowledge) -> None:
    actors, tokens = _actors(text, knowledge)
    assert actors.resolve(_token(tokens, word)) is None
    assert all(word not in a.text for a in actors.mentions())
    (reporter,) = [r for r in actors.reporters() if word in r.text]
    assert reporter.code[3:] == "MED" and reporter.rule.endswith(f"+source-of-news:{how}")


@pytest.mark.parametrize(("text", "word", "code"), [
    ("Police raided the offices of Al Jazeera in the capital on Monday.", "Jazeera", "QATMED"),
    ("The government banned the BBC after the broadcast.", "BBC", "GBRMED"),
    ("Troops detained two Reuters journalists and searched Reuters for hours.", "Reuters", "GBRMED"),
])
def test_a_reporter_the_event_is_about_stays_a_party(text: str, word: str, code: str,
                                                     knowledge: ActorKnowledge) -> None:
    actors, tokens = _actors(text, knowledge)
    actor = actors.resolve(_token(tokens, word, -1))
    assert actor is not None and actor.code == code and actor.rule.startswith("reporter:")


def test_the_reporters_country_does_not_reach_the_story(knowledge: ActorKnowledge) -> None:
    text = ("Fighters raided an army post near the river on Monday, local officials told Reuters. "
            "The president condemned the rebels, Reuters reported.")
    actors, tokens = _actors(text, knowledge)
    president = actors.resolve(_token(tokens, "president"))
    rebels = actors.resolve(_token(tokens, "rebels"))
    assert president is not None and not president.code.startswith("GBR"), president
    assert rebels is None or not rebels.code.startswith("GBR"), rebels
    assert actors.dominant_country != "GBR"


def test_the_story_keeps_its_own_country(knowledge: ActorKnowledge) -> None:
    text = ("Fighters raided an army post in the Central African Republic on Monday, local officials "
            "told Reuters. The president condemned the rebels, Reuters reported.")
    actors, tokens = _actors(text, knowledge)
    president = actors.resolve(_token(tokens, "president"))
    assert president is not None and president.code == "CAFGOV"


def test_a_national_agency_stays_the_voice_of_its_state(knowledge: ActorKnowledge) -> None:
    # "IRNA said a spokeswoman urged ...": the events stage may take Iran from IRNA.
    actors, tokens = _actors("IRNA reported that a foreign ministry spokeswoman urged restraint.", knowledge)
    irna = actors.resolve(_token(tokens, "IRNA"))
    assert irna is not None and irna.code == "IRNMED"
    assert irna.rule == "reporter:IRNA+source-of-news:reported+home-outlet"


def test_events_of_a_wire_story_do_not_borrow_the_wire_country(tmp_path: Path) -> None:
    story = tmp_path / "wire.txt"
    story.write_text(
        "Fighters clash near a northern town\n\n"
        "BAMBARI, Dec 4 (Reuters) - Fighters raided an army post near the river on Monday, "
        "local officials told Reuters.\n\n"
        "The president condemned the rebels, Reuters reported.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["code", str(story), "--date", "2023-12-05", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    for event in events:
        for side in ("source", "target"):
            assert not (event[side] or {}).get("code", "").startswith("GBR"), event


def test_heron_actor_names_a_reporter() -> None:
    result = CliRunner().invoke(app, ["actor", "Reuters", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {"code": "GBRMED", "text": "Reuters", "name": "Reuters", "why": "reporter:Reuters"}]
    context = "The militia seized two villages, according to Reuters."
    result = CliRunner().invoke(app, ["actor", "Reuters", "--context", context, "--format", "json"])
    (row,) = json.loads(result.output)
    assert row["why"] == "reporter:Reuters+source-of-news:according to"


def test_reporters_data_is_validated(tmp_path: Path, knowledge: ActorKnowledge) -> None:
    countries, roles = knowledge.countries.countries, knowledge.roles.order
    bad = tmp_path / "reporters.yaml"
    bad.write_text("version: 1\nreporters:\n  - {country: XXX, names: [Daily Example]}\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match=r"reporters\[1\] \(Daily Example\): country: unknown"):
        load_reporters(countries, roles, bad)
    bad.write_text("version: 1\nreporters:\n  - {country: FRA, names: [Le Example]}\n"
                   "  - {country: BEL, names: [Le Example]}\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match=r"'Le Example' is already FRAMED"):
        load_reporters(countries, roles, bad)
    bad.write_text("version: 1\nreporters:\n  - {country: FRA, world: maybe, names: [Le Example]}\n",
                   encoding="utf-8")
    with pytest.raises(ActorDataError, match=r"world: expected true or false"):
        load_reporters(countries, roles, bad)


def test_shipped_reporters(knowledge: ActorKnowledge) -> None:
    for name, code in [("Reuters", "GBRMED"), ("AFP", "FRAMED"), ("Xinhua", "CHNMED"), ("IRNA", "IRNMED"),
                       ("TASS", "RUSMED"), ("Al Jazeera", "QATMED"), ("ISPR", "PAKMIL"), ("KCNA", "PRKMED")]:
        entry = knowledge.name_entry(name)
        assert entry is not None and entry.code == code and knowledge.is_reporter(entry), name
    assert knowledge.is_world_reporter(knowledge.name_entry("Reuters"))
    assert not knowledge.is_world_reporter(knowledge.name_entry("Xinhua"))
    assert not knowledge.is_reporter(knowledge.name_entry("NATO"))
