"""The shipped nominalization table loads, holds the expected pairs and rejects bad data."""

from __future__ import annotations

from pathlib import Path

import pytest

from heron.events.nominalizations import (
    NominalizationError,
    build_nominalizations,
    load_nominalizations,
    read_nominalizations,
)


def test_shipped_table_loads_frozen() -> None:
    table = load_nominalizations()
    assert len(table) > 500
    with pytest.raises(TypeError):
        table["x"] = "y"  # type: ignore[index]


@pytest.mark.parametrize(
    ("noun", "verb"),
    [
        ("suspension", "suspend"), ("withdrawal", "withdraw"), ("expulsion", "expel"),
        ("detention", "detain"), ("recognition", "recognize"), ("invasion", "invade"),
        ("imposition", "impose"), ("release", "release"), ("approval", "approve"),
        ("closure", "close"), ("attack", "attack"), ("visit", "visit"), ("ouster", "oust"),
    ],
)
def test_samples(noun: str, verb: str) -> None:
    assert load_nominalizations()[noun] == verb


@pytest.mark.parametrize("noun", ["attacker", "signatory", "treaty", "killer", "press"])
def test_agents_and_results_are_left_out(noun: str) -> None:
    assert noun not in load_nominalizations()


def _doc(*entries: object) -> dict[str, object]:
    return {"version": 1, "nominalizations": list(entries)}


GOOD = {"noun": "suspension", "verb": "suspend", "sense": "14010636-n noun.state"}


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ([], "expected a mapping"),
        ({"version": 1}, "expected a mapping"),
        ({"version": 1, "nominalizations": {}}, "must be a list"),
        (_doc("suspension"), "#1: expected a mapping"),
        (_doc({"noun": "ban", "verb": "ban"}), "#1 (ban): fields must be exactly"),
        (_doc({**GOOD, "verb": 3}), "'verb' must be a non-empty string"),
        (_doc({**GOOD, "noun": "Suspension"}), "noun 'Suspension' must be one lowercase word"),
        (_doc({**GOOD, "verb": "call off"}), "verb 'call off' must be one lowercase word"),
        (_doc(GOOD, GOOD), "#2 (suspension): duplicate noun 'suspension'"),
    ],
)
def test_invalid_data_raises(doc: object, message: str) -> None:
    with pytest.raises(NominalizationError, match="where.yaml") as err:
        build_nominalizations(doc, "where.yaml")
    assert message in str(err.value)
    assert isinstance(err.value, ValueError)


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "nom.yaml"
    bad.write_text("version: 1\nnominalizations: [\n", encoding="utf-8")
    with pytest.raises(NominalizationError, match=str(bad)):
        read_nominalizations(bad)
    bad.write_text("version: 1\nnominalizations:\n  - {noun: ban, verb: ban, sense: x}\n"
                   "  - {noun: ban, verb: bar, sense: y}\n", encoding="utf-8")
    with pytest.raises(NominalizationError, match=rf"{bad}: nominalizations #2 \(ban\): duplicate"):
        read_nominalizations(bad)
