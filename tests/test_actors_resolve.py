"""Resolving mentions in parsed sentences (sentences written for these tests)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from heron.actors import ActorKnowledge, ArticleActors, explain_actor
from heron.model import Actor
from heron.nlp import load

FIXTURE = Path(__file__).parent / "fixtures" / "leaders_test.csv"
DAY = date(2016, 3, 14)


@pytest.fixture(scope="module")
def knowledge() -> ActorKnowledge:
    return ActorKnowledge.load([FIXTURE])


def resolve(
    knowledge: ActorKnowledge, text: str, head: str, nth: int = 0, published: date | None = DAY
) -> Actor | None:
    doc = load()(text)
    actors = ArticleActors.build(doc, knowledge, published)
    tokens = [t for t in doc if t.text == head]
    assert len(tokens) > nth, f"{head!r} not in {text!r}"
    return actors.resolve(tokens[nth])


CASES = [
    # (text, head token, expected code, rule prefix)
    ("Iranian Foreign Minister Ali Vaziri arrived in Oslo on Monday.", "Vaziri", "IRNGOV", "demonym:Iranian"),
    ("Officials said Russian strikes hit a bridge near the border.", "strikes", "RUSMIL", "demonym:Russian"),
    ("Russia's Tass news agency reported the visit.", "agency", "RUSMED", "org:Tass"),
    ("Syrian rebels attacked a checkpoint overnight.", "rebels", "SYRREB", "demonym:Syrian"),
    ("The talks excluded the moderate Syrian opposition.", "opposition", "SYROPP", "demonym:Syrian"),
    ("Iran rejected the proposal on Sunday.", "Iran", "IRN", "country-name:Iran"),
    ("The US imposed new sanctions on them.", "US", "USA", "country-name:US"),
    ("Tehran rejected the proposal on Sunday.", "Tehran", "IRNGOV", "capital:Tehran"),
    ("The Kremlin denied the report.", "Kremlin", "RUSGOV", "metonym:The Kremlin"),
    ("The White House welcomed the vote.", "House", "USAGOV", "metonym:The White House"),
    ("The Pentagon sent more advisers.", "Pentagon", "USAMIL", "metonym:The Pentagon"),
    ("Kenya's Supreme Court annulled the vote.", "Court", "KENJUD",
     "role:Supreme Court+poss:country-name:Kenya"),
    ("The Brazilian Congress passed the bill.", "Congress", "BRALEG", "demonym:Brazilian+role:Congress"),
    # an institution name many states share is no one state's seat: its country comes from context
    ("The Supreme Court heard the case.", "Court", "---JUD", "role:Supreme Court"),
    ("Peru's president was arrested. The Congress removed him.", "Congress", "PERLEG", "role:Congress"),
    ("The Democratic People's Republic of Korea fired a missile.", "Republic", "PRK",
     "country-name:Democratic People's Republic of Korea"),
    ("The Republic of Korea protested.", "Republic", "KOR", "country-name:Republic of Korea"),
    ("Downing Street declined to comment.", "Street", "GBRGOV", "metonym:Downing Street"),
    ("The U.N. Security Council met on Friday.", "Council", "IGOUNO", "org:U.N. Security Council"),
    ("Fighters loyal to Islamic State seized the town.", "State", "IMGISI", "org:Islamic State"),
    ("The Houthis fired missiles at the port.", "Houthis", "YEMREB", "org:"),
    ("Boko Haram kidnapped dozens of pupils.", "Haram", "NGAREB", "org:Boko Haram"),
    ("Nigerian police arrested three suspects.", "police", "NGACOP", "demonym:Nigerian"),
    ("Police arrested three suspects.", "Police", "---COP", "role:Police"),
    ("Police in Nairobi arrested three suspects.", "Police", "KENCOP", "role:Police+in:Nairobi"),
    ("Kenya held a vote. Police arrested three men.", "Police", "KENCOP", "role:Police+article-country:KEN"),
    ("Kenya and Uganda held talks. Police arrested three men.", "Police", "---COP", "role:Police"),
    ("Troops in Syria came under fire.", "Troops", "---MIL", "role:Troops"),
    ("A Turkish convoy came under fire.", "convoy", "TUR", "demonym:Turkish+owns:convoy"),
    ("Jets struck rebel positions overnight.", "positions", "---REB", "role:rebel+owns:positions"),
    ("Jets struck Houthi targets overnight.", "targets", "YEMREB", "org:Houthi+owns:targets"),
    ("Fighting resumed in Mali. The country's army said it had lost a base.", "army", "MLIMIL", "role:army"),
    (
        "Fighting resumed in Mali. The country appealed for help.",
        "country",
        "MLI",
        "definite:The country→Mali",
    ),
    ("The French foreign ministry summoned the envoy.", "ministry", "FRAGOV", "demonym:French"),
    (
        "State Department spokeswoman Mary Olsen said talks would resume.",
        "Olsen",
        "USAGOV",
        "metonym:State Department",
    ),
    ("A foreign ministry spokeswoman urged calm.", "spokeswoman", "---GOV", "role:foreign ministry"),
    ("The army shelled the village.", "army", "---MIL", "role:army"),
    ("Kenyan lawmakers passed the budget.", "lawmakers", "KENLEG", "demonym:Kenyan"),
    ("A Pakistani court sentenced the men.", "court", "PAKJUD", "demonym:Pakistani"),
    ("Ukraine's parliament approved the law.", "parliament", "UKRLEG", "role:parliament"),
    ("Human Rights Watch criticised the verdict.", "Watch", "NGOHRW", "org:Human Rights Watch"),
    ("Hamas spokesman Omar Said rejected the offer.", "Said", "PSEREB", "org:Hamas"),
    ("The European Union imposed sanctions.", "Union", "IGOEUREEC", "org:European Union"),
    ("NATO jets patrolled the Baltic.", "jets", "IGOWSTNAT", "org:NATO"),
    ("Turkish troops crossed into Iraq.", "troops", "TURMIL", "demonym:Turkish"),
    ("Dozens of Syrian refugees reached Greece.", "refugees", "SYRREF", "demonym:Syrian"),
    ("Thousands of Venezuelan protesters marched.", "protesters", "VENCVL", "demonym:Venezuelan"),
    (
        "The government of Chad declared an emergency.",
        "government",
        "TCDGOV",
        "country-name:Chad+role:government",
    ),
    ("U.S.-led coalition air strikes hit the depot.", "strikes", "USAMIL", "country-name:U.S.-led"),
    ("Syrian Kurdish fighters held the town.", "fighters", "SYRREB", "demonym:Syrian"),
    ("Kurdish fighters held the town.", "fighters", "KURREB", "people:Kurdish+role:fighters"),
    ("The Kurds rejected the plan.", "Kurds", "KUR", "people:Kurds"),
    ("Sunni militants held the town.", "militants", "---REB", "role:militants"),
    # The gazetteer decides, whatever label the NER gives these.
    ("The delegation then flew on to Ashgabat.", "Ashgabat", "TKMGOV", "capital:Ashgabat"),
    ("Tajikistan signed the accord with its neighbours.", "Tajikistan", "TJK", "country-name:Tajikistan"),
    ("Lavrov declined to comment.", "Lavrov", "RUSGOV", "dictionary:leaders_test.csv:Sergei Lavrov"),
    ("A U.N. Security Council resolution failed.", "Council", "IGOUNO", "org:U.N. Security Council"),
]


@pytest.mark.parametrize(("text", "head", "code", "rule"), CASES)
def test_noun_phrases(knowledge: ActorKnowledge, text: str, head: str, code: str, rule: str) -> None:
    actor = resolve(knowledge, text, head)
    assert actor is not None, text
    assert actor.code == code
    assert actor.rule.startswith(rule), actor.rule


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("The bridge collapsed after heavy rain.", "bridge"),
        ("The proposal was rejected.", "proposal"),
        ("The Syrian crisis deepened.", "crisis"),
        ("Analysts expect growth to slow.", "growth"),
    ],
)
def test_non_actors(knowledge: ActorKnowledge, text: str, head: str) -> None:
    assert resolve(knowledge, text, head) is None


def test_offsets_and_text(knowledge: ActorKnowledge) -> None:
    text = "On Monday the Syrian government rejected the plan."
    actor = resolve(knowledge, text, "government")
    assert actor is not None
    assert text[actor.start : actor.end] == actor.text == "the Syrian government"


ARTICLE = (
    "Secretary of State Nora Pell flew to Cairo on Monday. "
    "Malik Haddad, Jordan's foreign minister, met her there. "
    "Pell later said the talks were useful. "
    "Haddad told reporters he expected progress. "
    "Egypt hosted the meeting, and it promised more talks. "
    "Ukrainian Prime Minister Olena Vasko also called. She thanked Egypt."
)


@pytest.fixture(scope="module")
def article(knowledge: ActorKnowledge) -> ArticleActors:
    return ArticleActors.build(load()(ARTICLE), knowledge, DAY)


def _at(actors: ArticleActors, word: str, nth: int = 0) -> Actor | None:
    tokens = [t for t in actors.doc if t.text == word]
    return actors.resolve(tokens[nth])


def test_titled_person_teaches_surname(article: ArticleActors) -> None:
    first = _at(article, "Pell")
    later = _at(article, "Pell", 1)
    assert first is not None and first.code == "USAGOV"
    assert later is not None and later.code == "USAGOV"
    assert later.rule.startswith("article-person:Pell←Secretary of State Nora Pell")
    assert later.name == "Nora Pell"


def test_appositive_title_teaches_surname(article: ArticleActors) -> None:
    later = _at(article, "Haddad", 1)
    assert later is not None and later.code == "JORGOV"
    assert later.rule.startswith("article-person:Haddad←")


def test_pronouns(article: ArticleActors) -> None:
    he = _at(article, "he")
    assert he is not None and he.code == "JORGOV" and he.rule == "pronoun:he→Malik Haddad"
    it = _at(article, "it")
    assert it is not None and it.code == "EGY" and it.rule.startswith("pronoun:it→")
    she = _at(article, "She")
    assert she is not None and she.code == "UKRGOV"


def test_mentions_are_in_text_order(article: ArticleActors) -> None:
    mentions = article.mentions()
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert {"USAGOV", "JORGOV", "EGY", "UKRGOV"} <= {m.code for m in mentions}
    assert all(ARTICLE[m.start : m.end] == m.text for m in mentions)


@pytest.mark.parametrize(
    ("published", "code", "period"),
    [
        (date(2008, 6, 1), "USALEG", "1973-01-03..2009-01-20"),
        (date(2009, 1, 20), "USAGOV", "2009-01-20..2017-01-20"),
        (date(2022, 2, 1), "USAGOV", "2021-01-20..2025-01-20"),
    ],
)
def test_dictionary_at_publication_date(
    knowledge: ActorKnowledge, published: date, code: str, period: str
) -> None:
    actor = resolve(knowledge, "Biden spoke to reporters.", "Biden", published=published)
    assert actor is not None and actor.code == code
    assert actor.rule == f"dictionary:leaders_test.csv:Joe Biden {period}"


def test_title_without_country_takes_it_from_the_dictionary(knowledge: ActorKnowledge) -> None:
    actor = resolve(knowledge, "Foreign Minister Sergei Lavrov spoke by phone.", "Lavrov")
    assert actor is not None and actor.code == "RUSGOV"
    assert "dictionary:leaders_test.csv:Sergei Lavrov" in actor.rule


def test_a_leaders_administration_is_the_leaders_government() -> None:
    shipped = ActorKnowledge.load()
    actor = resolve(shipped, "The Obama administration imposed sanctions.", "administration",
                    published=date(2014, 5, 1))
    assert actor is not None and actor.code == "USAGOV" and "leader:Barack Obama" in actor.rule


def test_a_hyphenated_given_name_is_not_a_surname() -> None:
    # Geoff Hoon was British defence secretary in 2003; "Ji-hoon" is a given name
    assert resolve(ActorKnowledge.load(), "Park Ji-hoon arrived in Seoul.", "hoon",
                   published=date(2003, 5, 1)) is None


def test_unknown_person_is_not_an_actor(knowledge: ActorKnowledge) -> None:
    assert resolve(knowledge, "Tomas Quill arrived late.", "Quill") is None


def test_explain_actor_uses_context(knowledge: ActorKnowledge) -> None:
    context = "Kenyan Interior Minister Ruth Wambui visited Mombasa. Wambui met traders."
    found = explain_actor("Wambui met traders", DAY, context, knowledge)
    assert [a.code for a in found][:1] == ["KENGOV"]
    alone = explain_actor("the Emirati foreign ministry", None, None, knowledge)
    assert [a.code for a in alone] == ["AREGOV"]


def test_speaker_of_quoted_we(knowledge: ActorKnowledge) -> None:
    text = "Chilean Defense Minister Pablo Soto spoke on Monday. “We will not retreat,” said Soto."
    actor = resolve(knowledge, text, "We")
    assert actor is not None and actor.code == "CHLMIL"
    assert actor.rule == "speaker:we→Pablo Soto"


def test_definite_role_points_back(knowledge: ActorKnowledge) -> None:
    text = "Egypt's MENA news agency reported the talks. The agency said they would go on."
    actor = resolve(knowledge, text, "agency", nth=1)
    assert actor is not None and actor.code == "EGYMED"
    assert "definite:The agency→" in actor.rule
    # Indefinite and plural phrases do not point back.
    other = resolve(
        knowledge, "Egypt's state news agency reported it. A news agency said more.", "agency", nth=1
    )
    assert other is not None and other.code == "---MED"


def test_we_without_a_speaker_is_unresolved(knowledge: ActorKnowledge) -> None:
    assert resolve(knowledge, "We will win this war.", "We") is None


def test_quoted_we_when_the_speaker_is_the_us(knowledge: ActorKnowledge) -> None:
    # the speaker "US" lower-cases to "us" but is a country, not a pronoun
    actor = resolve(knowledge, '"We will not lift the sanctions," the US said on Monday.', "We")
    assert actor is not None and actor.code == "USA" and actor.rule.startswith("speaker:")


@pytest.mark.parametrize(("text", "head", "codes"), [
    ("Iran and six world powers met in Geneva.", "powers", ["USA", "GBR", "FRA", "DEU", "CHN", "RUS"]),
    ("Iran and the P5+1 met in Geneva.", "P5", ["USA", "GBR", "FRA", "DEU", "CHN", "RUS"]),
    ("The E3 urged Iran to comply.", "E3", ["GBR", "FRA", "DEU"]),
])
def test_named_groups_stand_for_each_member(knowledge: ActorKnowledge, text: str, head: str,
                                            codes: list[str]) -> None:
    doc = load()(text)
    actors = ArticleActors.build(doc, knowledge, DAY)
    token = next(t for t in doc if t.text == head)
    found = actors.resolve_all(token)
    assert [a.code for a in found] == codes
    assert all(a.rule.startswith("group:") for a in found)
    # "world powers" without the count names no fixed group
    doc = load()("Iran and world powers met in Geneva.")
    token = next(t for t in doc if t.text == "powers")
    assert all(not a.rule.startswith("group:")
               for a in ArticleActors.build(doc, knowledge, DAY).resolve_all(token))


def test_a_counterpart_is_of_another_state_than_its_possessor():
    from heron.pipeline import code_text

    text = ("Kenyan Foreign Minister Tom Okello met Ugandan Foreign Minister Sam Mugo. "
            "Okello told reporters he had invited his counterpart to Nairobi.")
    invited = [e for e in code_text(text).events if e.code == "036"]
    assert [(e.source.code, e.target.code) for e in invited] == [("KENGOV", "UGAGOV")]
    assert invited[0].target.rule.startswith("counterpart:")


def test_a_definite_count_points_back_to_that_many_states_but_not_its_own_clauses():
    from heron.pipeline import code_text

    text = ("Britain, Germany and Italy suspended aid to Rwanda. "
            "Rwanda criticized the three countries on Monday.")
    criticized = {e.target.code for e in code_text(text).events if e.code[:2] == "11"}
    assert criticized == {"GBR", "DEU", "ITA"}


def test_an_indefinite_count_names_nobody():
    from heron.pipeline import code_text

    text = "Britain suspended aid to Rwanda. Three countries suspended aid to Rwanda on Monday."
    assert [e.source.code for e in code_text(text).events] == ["GBR"]


def test_a_backer_named_in_a_participle_modifier_is_not_the_actors_country():
    from heron.pipeline import code_text

    text = ("The Kenyan government met in Nairobi on Monday. "
            "Ugandan-backed rebels attacked a police station in Mombasa.")
    events = [e for e in code_text(text).events if e.code[:2] == "19"]
    assert [(e.source.code, e.target.code) for e in events] == [("KENREB", "KENCOP")]
    assert "Ugandan" not in events[0].source.rule


def test_a_demonym_before_a_plain_participle_still_names_the_country():
    from heron.pipeline import code_text

    events = code_text("Ugandan armed rebels attacked a police station in Mombasa.").events
    assert {e.source.code for e in events} == {"UGAREB"}
