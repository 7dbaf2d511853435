"""The shipped pattern lexicon: loads against the ontology, covers CAMEO, codes the right things."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from heron.events.lexicon import Lexicon, LexiconError, Pattern, default_lexicon, load_lexicon
from heron.ontology import load_ontology


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return default_lexicon()


def best(lex: Lexicon, lemma: str, *, obj: str | None = None, particle: str | None = None,
         slots: frozenset[str] = frozenset(), noun: bool = False,
         mods: frozenset[str] = frozenset(), subj: str | None = None,
         pred: str | None = None) -> Pattern | None:
    """The pattern the documented semantics select: most specific first, all constraints met."""
    for p in lex.noun_patterns(lemma) if noun else lex.verb_patterns(lemma):
        if p.particle != particle or (p.object and obj not in p.object):
            continue
        if (p.subject and subj not in p.subject) or (p.predicate and pred not in p.predicate):
            continue
        if not set(p.require) <= slots or not set(p.modifiers) <= mods:
            continue
        return p
    return None


def code(lex: Lexicon, lemma: str, **kw: object) -> str | None:
    p = best(lex, lemma, **kw)  # type: ignore[arg-type]
    return p.code if p else None


def test_loads_against_the_ontology(lexicon: Lexicon) -> None:
    codes = load_ontology().codes
    assert lexicon.version == "1"
    assert len(lexicon.patterns) >= 400
    assert all(p.code in codes for p in lexicon.patterns)
    # the same file also loads through the explicit path with validation
    again = load_lexicon(valid_codes=frozenset(codes))
    assert [p.id for p in again.patterns] == [p.id for p in lexicon.patterns]


def test_every_root_has_patterns(lexicon: Lexicon) -> None:
    roots = {p.code[:2] for p in lexicon.patterns}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    per_root: dict[str, int] = defaultdict(int)
    for p in lexicon.patterns:
        per_root[p.code[:2]] += 1
    assert min(per_root.values()) >= 10, per_root


def test_ids_unique_and_named_by_root(lexicon: Lexicon) -> None:
    ids = [p.id for p in lexicon.patterns]
    assert len(ids) == len(set(ids))
    prefix = {"01": "statement", "02": "appeal", "03": "intent", "04": "consult", "05": "diplomatic",
              "06": "cooperate", "07": "aid", "08": "yield", "09": "investigate", "10": "demand",
              "11": "disapprove", "12": "reject", "13": "threaten", "14": "protest", "15": "posture",
              "16": "reduce", "17": "coerce", "18": "assault", "19": "fight", "20": "mass"}
    wrong = [p.id for p in lexicon.patterns if p.id.split(".")[0] != prefix[p.code[:2]]]
    assert not wrong


def test_no_two_codes_for_the_same_trigger(lexicon: Lexicon) -> None:
    seen: dict[tuple[object, ...], str] = {}
    clashes = []
    for p in lexicon.patterns:
        for obj in p.object or ("",):
            key = (p.kind, p.lemma, p.particle, p.modifiers, obj, p.require)
            if key in seen and seen[key] != p.code:
                clashes.append((key, seen[key], p.code))
            seen.setdefault(key, p.code)
    assert not clashes


def test_no_reporting_verbs(lexicon: Lexicon) -> None:
    for lemma in ("say", "tell", "state", "report", "announce"):
        assert not [p for p in lexicon.verb_patterns(lemma) if not p.object], lemma


@pytest.mark.parametrize(("lemma", "kw", "expected"), [
    ("meet", {}, "040"),
    ("hold", {"obj": "talk"}, "046"),
    ("hold", {"obj": "meeting"}, "040"),
    ("hold", {"obj": "exercise", "slots": frozenset({"with"})}, "062"),
    ("hold", {"obj": "exercise"}, "150"),
    ("visit", {}, "042"),
    ("travel", {"slots": frozenset({"to"})}, "042"),
    ("travel", {}, None),
    ("host", {}, "043"),
    ("negotiate", {}, "046"),
    ("call", {"slots": frozenset({"on"})}, "020"),
    ("call", {"particle": "off", "obj": "strike"}, "082"),
    ("call", {}, None),
    ("urge", {}, "020"),
    ("pledge", {"obj": "aid"}, "033"),
    ("praise", {}, "051"),
    ("apologize", {}, "055"),
    ("sign", {"obj": "agreement"}, "057"),
    ("sign", {"obj": "law"}, None),
    ("strike", {"obj": "deal"}, "057"),
    ("strike", {}, "190"),
    ("provide", {"obj": "weapon"}, "072"),
    ("send", {"obj": "aid"}, "070"),
    ("send", {"obj": "troop"}, "154"),
    ("lift", {"obj": "sanction"}, "085"),
    ("release", {"obj": "prisoner"}, "0841"),
    ("release", {"obj": "statement"}, None),
    ("declare", {"obj": "ceasefire"}, "0871"),
    ("withdraw", {"obj": "troop", "slots": frozenset({"from"})}, "087"),
    ("withdraw", {"slots": frozenset({"from"})}, "160"),
    ("withdraw", {"subj": "troop", "slots": frozenset({"from"})}, "087"),
    ("receive", {"obj": "weapon"}, "072"),
    ("receive", {"obj": "assurance"}, "030"),
    ("receive", {"obj": "delegation"}, "043"),
    ("issue", {"obj": "warrant"}, "173"),
    ("advise", {"obj": "travel", "slots": frozenset({"against"})}, "160"),
    ("attend", {"obj": "summit", "slots": frozenset({"in"})}, "042"),
    ("attend", {"obj": "summit"}, "040"),
    ("call", {"pred": "unacceptable"}, "111"),
    ("investigate", {}, "090"),
    ("demand", {"obj": "release"}, "1053"),
    ("condemn", {}, "111"),
    ("accuse", {}, "112"),
    ("reject", {"obj": "accusation"}, "016"),
    ("reject", {"obj": "talk"}, "125"),
    ("threaten", {"obj": "sanction"}, "1312"),
    ("warn", {}, "130"),
    ("protest", {}, "140"),
    ("stag", {"obj": "protest"}, "141"),
    ("mobilize", {}, "154"),
    ("impose", {"obj": "sanction"}, "163"),
    ("expel", {"obj": "diplomat"}, "166"),
    ("expel", {}, "174"),
    ("arrest", {}, "173"),
    ("crack", {"particle": "down"}, "175"),
    ("kidnap", {}, "181"),
    ("assassinate", {}, "186"),
    ("attack", {}, "190"),
    ("launch", {"obj": "attack"}, "190"),
    ("launch", {"obj": "airstrike"}, "195"),
    ("carry", {"particle": "out", "obj": "attack"}, "190"),
    ("open", {"obj": "fire"}, "190"),
    ("take", {"obj": "control"}, "192"),
    ("shell", {}, "194"),
    ("violate", {"obj": "ceasefire"}, "196"),
    ("massacre", {}, "202"),
])
def test_verb_codes(lexicon: Lexicon, lemma: str, kw: dict[str, object], expected: str | None) -> None:
    assert code(lexicon, lemma, **kw) == expected


@pytest.mark.parametrize(("lemma", "mods", "expected"), [
    ("airstrike", (), "195"),
    ("strike", ("air",), "195"),
    ("strike", ("drone",), "195"),
    ("strike", ("hunger",), "142"),
    ("strike", ("general",), "143"),
    ("strike", (), "190"),
    ("attack", (), "190"),
    ("attack", ("terrorist",), "180"),
    ("bombing", ("suicide",), "1831"),
    ("talk", (), "046"),
    ("meeting", (), "040"),
    ("visit", (), "042"),
    ("ceasefire", (), "0871"),
    ("fire", ("cease",), "0871"),
    ("sanction", (), "163"),
    ("protest", (), "141"),
    ("arrest", (), "173"),
    ("invasion", (), "192"),
    ("shelling", (), "194"),
])
def test_noun_codes(lexicon: Lexicon, lemma: str, mods: tuple[str, ...], expected: str) -> None:
    assert code(lexicon, lemma, noun=True, mods=frozenset(mods)) == expected



# --- widened news vocabulary: each reading is the CAMEO one for the phrase in general ---

@pytest.mark.parametrize(("lemma", "kw", "expected"), [
    ("reach", {"obj": "consensus"}, "030"),
    ("reach", {"obj": "agreement"}, "057"),
    ("accept", {"obj": "proposal"}, "030"),
    ("accept", {"obj": "formula"}, "030"),
    ("accept", {"obj": "demand"}, "080"),
    ("accept", {"obj": "invitation"}, "036"),
    ("give", {"obj": "welcome"}, "043"),
    ("welcome", {}, "051"),
    ("speak", {"slots": frozenset({"to"})}, "040"),
    ("speak", {}, None),
    ("open", {"obj": "embassy"}, "054"),
    ("share", {"obj": "expertise"}, "060"),
    ("share", {"obj": "intelligence"}, "064"),
    ("launch", {"obj": "game", "slots": frozenset({"with"})}, "062"),
    ("launch", {"obj": "game"}, "150"),
    ("stag", {"obj": "drill"}, "150"),
    ("stag", {"obj": "drill", "slots": frozenset({"with"})}, "062"),
    ("send", {"obj": "funding"}, "071"),
    ("deposit", {"obj": "billion"}, "071"),
    ("hand", {"particle": "over", "obj": "medicine"}, "073"),
    ("hand", {"particle": "over", "slots": frozenset({"to"})}, "063"),
    ("allow", {}, "080"),
    ("allow", {"obj": "inspector"}, "0862"),
    ("shorten", {"obj": "curfew"}, "0813"),
    ("extend", {"obj": "curfew"}, "1723"),
    ("evacuate", {"obj": "settlement"}, "087"),
    ("evacuate", {}, "073"),
    ("order", {}, "100"),
    ("order", {"obj": "troop"}, "154"),
    ("order", {"obj": "investigation"}, "090"),
    ("hit", {"particle": "out", "slots": frozenset({"at"})}, "111"),
    ("hit", {}, None),
    ("present", {"obj": "evidence", "slots": frozenset({"against"})}, "112"),
    ("rule", {"particle": "out"}, "120"),
    ("rule", {"particle": "out", "obj": "talk"}, "125"),
    ("raise", {"obj": "threat"}, "130"),
    ("stop", {"obj": "work"}, "143"),
    ("strengthen", {"obj": "force"}, "154"),
    ("strengthen", {"obj": "tie"}, "050"),
    ("dispatch", {"obj": "warship"}, "154"),
    ("strengthen", {"obj": "presence"}, None),
    ("beef", {"particle": "up", "obj": "security"}, "153"),
    ("reduce", {"obj": "supply"}, "162"),
    ("halt", {"obj": "sale"}, "1622"),
    ("tighten", {"obj": "blockade"}, None),
    ("tighten", {"obj": "sanction"}, "163"),
    ("force", {"particle": "out"}, "174"),
    ("force", {}, "170"),
    ("break", {"particle": "up", "obj": "protest"}, "175"),
    ("bar", {}, "172"),
    ("bar", {"obj": "party"}, "1722"),
    ("shoot", {"particle": "down"}, "190"),
    ("shoot", {}, "193"),
    ("down", {}, "190"),
    ("take", {"particle": "over", "obj": "city"}, "192"),
    ("seize", {"obj": "power"}, "192"),
    ("seize", {}, "171"),
    ("take", {"obj": "hostage"}, "181"),
    ("battle", {}, "190"),
    ("drop", {"obj": "chlorine"}, "2041"),
    ("release", {"obj": "mayor"}, "0841"),
    ("buy", {"slots": frozenset({"from"})}, "061"),
    ("buy", {}, None),
    ("sell", {"slots": frozenset({"to"})}, "061"),
    ("sell", {"obj": "missile", "slots": frozenset({"to"})}, "072"),
    ("let", {}, "080"),
    ("halt", {"obj": "exercise"}, "087"),
    ("return", {"obj": "migrant"}, "174"),
    ("return", {"slots": frozenset({"to"})}, "042"),
    ("intercept", {"obj": "tanker"}, "191"),
    ("enter", {"obj": "city"}, "192"),
    ("enter", {"obj": "talk"}, "046"),
    ("bolster", {"obj": "tie"}, "050"),
    ("bolster", {"obj": "force"}, "154"),
    ("mend", {"obj": "tie"}, "050"),
    ("grant", {"obj": "aid"}, "070"),
    ("grant", {"obj": "loan"}, "071"),
    ("ship", {"obj": "weapon"}, "072"),
    ("give", {"particle": "up"}, "080"),
    ("repudiate", {}, "120"),
    ("block", {"obj": "website"}, "1721"),
    ("overrun", {}, "192"),
    ("agree", {"obj": "sanction"}, "163"),
    ("agree", {"obj": "deal"}, "057"),
    ("raise", {"obj": "tariff"}, "163"),
    ("cut", {"obj": "tariff"}, "085"),
    ("end", {"obj": "sanction"}, "085"),
    ("exchange", {"obj": "view"}, "040"),
    ("undertake", {"obj": "mission", "slots": frozenset({"between"})}, "045"),
    ("undertake", {"obj": "mission"}, "042"),
    ("end", {"obj": "effort", "slots": frozenset({"between"})}, "165"),
    ("end", {"obj": "effort"}, None),
    ("kick", {"particle": "off", "obj": "visit"}, "042"),
    ("kick", {"particle": "off", "obj": "talk"}, "046"),
])
def test_widened_verb_codes(lexicon: Lexicon, lemma: str, kw: dict[str, object],
                            expected: str | None) -> None:
    assert code(lexicon, lemma, **kw) == expected


@pytest.mark.parametrize(("lemma", "mods", "expected"), [
    ("strike", ("indefinite",), "143"),
    ("strike", ("hour",), "143"),
    ("strike", ("teachers",), "143"),
    ("killing", ("mass",), "202"),
    ("strike", (), "190"),
    ("test", ("nuclear",), "150"),
    ("launch", ("missile",), "150"),
    ("effort", ("mediation",), "045"),
    ("effort", (), None),
])
def test_widened_noun_codes(lexicon: Lexicon, lemma: str, mods: tuple[str, ...], expected: str) -> None:
    assert code(lexicon, lemma, noun=True, mods=frozenset(mods)) == expected

def test_joint_actions_are_symmetric(lexicon: Lexicon) -> None:
    for lemma, kw in [("meet", {}), ("negotiate", {}), ("hold", {"obj": "talk"}), ("sign", {"obj": "treaty"}),
                      ("agree", {}), ("cooperate", {})]:
        p = best(lexicon, lemma, **kw)  # type: ignore[arg-type]
        assert p is not None and p.symmetric, lemma
    assert not best(lexicon, "attack").symmetric  # type: ignore[union-attr]
    assert best(lexicon, "talk", noun=True).symmetric  # type: ignore[union-attr]


def test_targets_follow_the_brief(lexicon: Lexicon) -> None:
    assert best(lexicon, "urge").target[0] == "dobj"  # type: ignore[union-attr]
    assert best(lexicon, "accuse").target[0] == "dobj"  # type: ignore[union-attr]
    assert "to" in best(lexicon, "appeal").target  # type: ignore[union-attr]
    assert best(lexicon, "travel", slots=frozenset({"to"})).target == ("to",)  # type: ignore[union-attr]
    assert best(lexicon, "arrive", slots=frozenset({"in"})).target == ("in",)  # type: ignore[union-attr]
    assert best(lexicon, "talk", noun=True).target[0] == "with"  # type: ignore[union-attr]
    assert {"on", "against"} <= set(best(lexicon, "sanction", noun=True).target)  # type: ignore[union-attr]
    assert "for" in best(lexicon, "support", noun=True).target  # type: ignore[union-attr]



def test_widened_targets(lexicon: Lexicon) -> None:
    # "rejected an offer from Kabul": the rejected call names its author
    assert {"from", "by"} <= set(best(lexicon, "reject").target)  # type: ignore[union-attr]
    assert "from" in best(lexicon, "accept", obj="demand").target  # type: ignore[union-attr]
    # protests and eased restrictions target the place's government
    assert "in" in best(lexicon, "protest", noun=True).target  # type: ignore[union-attr]
    assert "in" in best(lexicon, "ease", obj="restriction").target  # type: ignore[union-attr]
    # the welcomed visitor follows "to" or is the dative
    assert {"to", "dative"} <= set(best(lexicon, "give", obj="welcome").target)  # type: ignore[union-attr]


def test_no_bare_nouns_that_borrow_a_reporting_subject(lexicon: Lexicon) -> None:
    # "Qatar welcomed the release of the hostages", "the US condemned the killing of protesters":
    # a bare event noun under a verb of another root would take that verb's subject as its source
    assert code(lexicon, "release", noun=True) is None
    assert code(lexicon, "killing", noun=True) is None
    assert code(lexicon, "seizure", noun=True) is None

# --- refusing bad files -----------------------------------------------------

def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "patterns.yaml"
    path.write_text("version: 1\npatterns:\n" + body, encoding="utf-8")
    return path


GOOD = '- {id: fight.attack.verb, code: "190", verb: attack}\n'


def load(path: Path) -> Lexicon:
    return load_lexicon(path, valid_codes=frozenset(load_ontology().codes))


@pytest.mark.parametrize(("entry", "reason"), [
    ('- {id: bad.one, code: "190", verb: attack, weight: 2}', r"unknown field\(s\) \['weight'\]"),
    ('- {id: bad.one, code: "199", verb: attack}', "199 is not a CAMEO code"),
    ('- {id: bad.one, code: 190, verb: attack}', "must be a quoted 3- or 4-digit"),
    ('- {id: bad.one, code: "190", verb: attack, noun: attack}', "exactly one of 'verb' or 'noun'"),
    ('- {id: bad.one, code: "190"}', "exactly one of 'verb' or 'noun'"),
    ('- {id: bad.one, code: "190", verb: attack, target: [beside]}', "unknown target slot 'beside'"),
    ('- {id: bad.one, code: "190", verb: attack, source: [by]}', "target must list 'subject'"),
    ('- {id: bad.one, code: "190", verb: attack, target: [subject]}', "target must list 'subject'"),
    ('- {id: bad.one, code: "072", verb: get, source: [poss], target: [subject]}',
     "unknown source slot 'poss'"),
    ('- {id: bad.one, code: "190", noun: attack, target: [subject]}', "'subject' targets are for verb"),
    ('- {id: bad.one, code: "190", noun: attack, subject: [troop]}', "'predicate' are for verb"),
    ('- {id: bad.one, code: "111", noun: attack, predicate: [illegal]}', "'predicate' are for verb"),
    ('- {id: fight.attack.verb, code: "190", verb: assault}', "duplicate id 'fight.attack.verb'"),
    ('- {id: bad.one, code: "190", noun: attack, object: [war]}', "'predicate' are for verb"),
    ('- {id: bad.one, code: "172", verb: sack, object: ["ent:people"]}', "entity kinds are"),
    ('- {id: bad.one, code: "020", verb: want, target: [complement]}', "unknown target slot 'complement'"),
])
def test_bad_entries_are_refused_with_the_entry_named(tmp_path: Path, entry: str, reason: str) -> None:
    path = write(tmp_path, GOOD + entry + "\n")
    with pytest.raises(LexiconError, match=reason) as err:
        load(path)
    assert str(path) in str(err.value)
    assert "pattern #2" in str(err.value)


def test_good_file_loads(tmp_path: Path) -> None:
    lex = load(write(tmp_path, GOOD))
    assert [p.code for p in lex.verb_patterns("attack")] == ["190"]


def test_not_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "patterns.yaml"
    path.write_text("version: 1\npatterns: [\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="not valid YAML"):
        load(path)


# --- the lemmas are spaCy's lemmas ------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expected"), [
    ("Israeli and Egyptian officials held talks in Cairo on Tuesday.", "046"),
    ("The European Union imposed new sanctions on Belarus.", "163"),
    ("Rebels carried out an attack on an army base near the border.", "190"),
    ("Riot police cracked down on the demonstrators.", "175"),
    ("Turkish jets launched airstrikes against militant positions.", "195"),
    ("The two governments signed a trade agreement in Hanoi.", "057"),
    ("The prime minister visited Japan last week.", "042"),
    ("The foreign minister travelled to Brussels on Monday.", "042"),
    ("Pakistan's army called on India to show restraint.", "020"),
    ("Hundreds of teachers staged a protest outside the ministry.", "141"),
    ("The junta released 40 political prisoners.", "0841"),
    ("Moscow expelled two British diplomats.", "166"),
    ("The coalition stepped up its attacks on the port city.", "190"),
    ("The rebels took control of the provincial capital.", "192"),
    ("The government lifted the curfew in the capital.", "0813"),
    ("Militants kidnapped three aid workers in the north.", "181"),
    ("The two sides declared a cease-fire on Sunday.", "0871"),
    ("The two delegations reached a consensus on water sharing.", "030"),
    ("The king gave a warm welcome to the visiting president.", "043"),
    ("The agency has been sharing its expertise with the ministry.", "060"),
    ("The navy strengthened its forces in the gulf.", "154"),
    ("Bahrain opened an embassy in Tel Aviv.", "054"),
    ("The central bank deposited two billion dollars with its neighbour.", "071"),
    ("Rome halted arms sales to the junta.", "1622"),
    ("The court allowed the exiled candidate to run in the election.", "080"),
    ("Police broke up a protest outside the parliament.", "175"),
    ("Air defences shot down two drones over the capital.", "190"),
    ("The opposition leader hit out at the government.", "111"),
    ("Hospital workers stopped work over unpaid wages.", "143"),
    ("Both navies staged joint drills with the visiting fleet.", "062"),
])
def test_patterns_fire_on_parsed_sentences(lexicon: Lexicon, sentence: str, expected: str) -> None:
    from heron.nlp import load

    doc = load()(sentence)
    root = next(t for t in doc if t.dep_ == "ROOT")
    particle = next((c.lower_ for c in root.children if c.dep_ == "prt"), None)
    objects = [c for c in root.children if c.dep_ in {"dobj", "obj"}]
    slots = frozenset(c.lower_ for c in root.children if c.dep_ == "prep")
    if objects:
        slots |= {"dobj"}
    obj = objects[0].lemma_.lower() if objects else None
    assert code(lexicon, root.lemma_.lower(), obj=obj, particle=particle, slots=slots) == expected


@pytest.mark.parametrize(("verb", "obj", "expected"), [
    # one verb class x one noun class: every pairing codes alike, unlisted ones included
    ("pause", "funding", "1621"), ("slash", "aid", "162"), ("channel", "weapon", "072"),
    ("airlift", "medicine", "073"), ("transfer", "loan", "071"), ("suspend", "loan", "1621"),
    ("halt", "sale", "1622"), ("sever", "tie", "161"), ("freeze", "negotiation", "164"),
    ("abandon", "mediation", "165"),
])
def test_compositions_code_every_verb_with_every_noun(lexicon: Lexicon, verb: str, obj: str,
                                                      expected: str) -> None:
    assert code(lexicon, verb, obj=obj) == expected
    pattern = best(lexicon, verb, obj=obj)
    assert pattern is not None and pattern.note.startswith("composition:")


def test_a_scaled_back_verb_keeps_its_particle(lexicon: Lexicon) -> None:
    assert code(lexicon, "scale", particle="back", obj="assistance") == "162"


COMPOSED = GOOD + """compositions:
  verbs:
    cease: [halt, pause]
  nouns:
    aid: {words: [aid], target: [to]}
  codes:
    - {name: reduce, verbs: cease, nouns: aid, code: "162"}
"""


def test_a_composition_file_expands_to_patterns(tmp_path: Path) -> None:
    lex = load(write(tmp_path, COMPOSED))
    assert [(p.id, p.code, p.object, p.target) for p in lex.verb_patterns("pause")] == [
        ("reduce.pause-aid.obj", "162", ("aid",), ("to",))]


@pytest.mark.parametrize(("bad", "reason"), [
    ("nouns: aid,", "unknown noun class 'aids'"),
    ("verbs: cease,", "unknown verb class 'stop'"),
    ('code: "162"}', "199 is not a CAMEO code"),
])
def test_bad_compositions_are_refused(tmp_path: Path, bad: str, reason: str) -> None:
    broken = {"nouns: aid,": COMPOSED.replace("nouns: aid,", "nouns: aids,"),
              "verbs: cease,": COMPOSED.replace("verbs: cease,", "verbs: stop,"),
              'code: "162"}': COMPOSED.replace('code: "162"}', 'code: "199"}')}[bad]
    with pytest.raises(LexiconError, match=reason):
        load(write(tmp_path, broken))
