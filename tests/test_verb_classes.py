"""The derived verb-class table (heron/data/verb_classes.yaml) and its loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from heron.events.lexicon import default_lexicon
from heron.events.verb_classes import (
    VerbClass,
    VerbClassError,
    default_verb_classes,
    load_light_verbs,
    load_verb_classes,
    read_verb_classes,
)
from heron.ontology import load_ontology

CODES = frozenset(load_ontology().codes)
GOOD = """
version: 1
excluded: {reporting: [say]}
verbs:
- {lemma: surround, code: "190", source: "petrarch2:ENCIRCLE"}
light:
- {verb: stage, noun: vigil, code: "017", source: "petrarch2:ARRANGE"}
"""


def test_shipped_table_loads_and_is_frozen() -> None:
    table = default_verb_classes()
    verbs = load_verb_classes()
    assert table.version == "1"
    assert len(verbs) > 200
    assert all(v.code in CODES for v in verbs.values())
    with pytest.raises(TypeError):
        verbs["x"] = VerbClass("190", "petrarch2:X")  # type: ignore[index]


@pytest.mark.parametrize(("lemma", "code", "block"), [
    # checked by hand in CAMEO.2.0.txt: the synonym sits in that block and takes its code
    ("surround", "190", "ENCIRCLE"),   # ---  ENCIRCLE   [190]  ---
    ("pillage", "190", "RANSACK"),     # ---  RANSACK   [190]  ---
    ("snipe", "190", "GUNFIRE"),       # ---  GUNFIRE   [190]  ---
    ("dynamite", "193", "EXPLOSIVE_DESTRUCTION"),  # own code: DYNAMITE [193]
    ("butcher", "202", "MASSACRE"),    # ---  MASSACRE   [202]  ---
    ("acquit", "081", "ACQUIT"),       # ---  ACQUIT   [081]  ---
])
def test_sample_lemmas(lemma: str, code: str, block: str) -> None:
    assert load_verb_classes()[lemma] == VerbClass(code, f"petrarch2:{block}")


def test_generic_and_excluded_verbs_are_absent() -> None:
    table = default_verb_classes()
    verbs = load_verb_classes()
    for lemma in ("say", "tell", "make", "take", "hold", "die", "defeat"):
        assert lemma not in verbs
    assert "say" in table.excluded["reporting"] and "make" in table.excluded["light"]
    assert not any(verbs.get(lemma) for lemmas in table.excluded.values() for lemma in lemmas)


def test_heron_lexicon_wins() -> None:
    # derived without heron's own verbs; a verb heron adds later still wins in the coder
    assert {"attack", "shell", "bombard"} <= set(default_lexicon().by_verb)
    assert not {"attack", "shell", "bombard"} & set(load_verb_classes())


def test_light_objects() -> None:
    light = load_light_verbs()
    assert light["stage"]["vigil"] == VerbClass("017", "petrarch2:ARRANGE")
    assert all(n.isalpha() and n.islower() for nouns in light.values() for n in nouns)


def test_good_file_parses(tmp_path: Path) -> None:
    path = tmp_path / "vc.yaml"
    path.write_text(GOOD)
    table = read_verb_classes(path, CODES)
    assert table.verbs["surround"].code == "190"
    assert table.light["stage"]["vigil"].code == "017"


@pytest.mark.parametrize(("old", "new", "message"), [
    ('code: "190"', 'code: "999"', "surround.*999 is not in the ontology"),
    ('code: "190"', "code: 190", "must be a \\(quoted\\) string"),
    ("lemma: surround", "lemma: Surround", "must be one lowercase word"),
    ("lemma: surround", "lemma: hem in", "must be one lowercase word"),
    ("lemma: surround", "lemma: say", "'say' is excluded"),
    ('source: "petrarch2:ENCIRCLE"', "source: wordnet", "must read petrarch2:BLOCK"),
    ("verbs:\n", 'verbs:\n- {lemma: surround, code: "191", source: "petrarch2:X"}\n',
     "duplicate lemma 'surround'"),
    ("reporting:", "chatty:", "unknown reason 'chatty'"),
    ("version: 1\n", "", "expected a mapping with 'version'"),
    ("noun: vigil, ", "", "fields must be exactly"),
])
def test_invalid_data_raises(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in GOOD
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace(old, new, 1))
    with pytest.raises(VerbClassError, match=message) as info:
        read_verb_classes(path, CODES)
    assert str(path) in str(info.value)
