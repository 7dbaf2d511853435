"""The CAMEO/PLOVER ontology data files and their validating loader."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from heron.ontology import (
    CameoCode,
    OntologyError,
    PloverType,
    build_ontology,
    load_ontology,
    quad_class_of_root,
)


def shipped(name: str) -> str:
    return resources.files("heron.data").joinpath(name).read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_every_root_and_is_cached() -> None:
    onto = load_ontology()
    assert onto is load_ontology()
    assert onto.version == "1"
    roots = sorted(c for c in onto.codes if len(c) == 2)
    assert roots == [f"{r:02d}" for r in range(1, 21)]
    assert len(onto.codes) > 300


def test_code_tree_is_consistent() -> None:
    onto = load_ontology()
    for code, entry in onto.codes.items():
        assert entry.code == code
        assert entry.root == code[:2]
        assert code[: len(code) - 1] in onto.codes or len(code) == 2, f"{code} has no parent"
        assert -10.0 <= entry.goldstein <= 10.0
        assert entry.quad_class == quad_class_of_root(entry.root)
        assert entry.name and "\ufffd" not in entry.name


def test_describe_gives_names_goldstein_and_quad_class() -> None:
    onto = load_ontology()
    assert onto.describe("195") == CameoCode("195", "Employ aerial weapons", -10.0, 4, "19")
    visit = onto.describe("042")
    assert (visit.name, visit.goldstein, visit.quad_class) == ("Make a visit", 1.9, 1)
    assert onto.describe("057").goldstein == 8.0
    assert onto.describe("0871").quad_class == 2
    assert onto.describe("112").quad_class == 3
    assert onto.describe("1214").root == "12"  # added from the CAMEO manual / PLOVER table
    with pytest.raises(KeyError, match="not a CAMEO event code"):
        onto.describe("999")


def test_quad_class_boundaries() -> None:
    roots = ("01", "05", "06", "08", "09", "13", "14", "20")
    assert [quad_class_of_root(r) for r in roots] == [1, 1, 2, 2, 3, 3, 4, 4]


def test_plover_mapping_and_fallback() -> None:
    onto = load_ontology()
    assert onto.plover_for("042") == PloverType("CONSULT", "visit", None)
    assert onto.plover_for("0871") == PloverType("RETREAT", "ceasefire", "military")
    assert onto.plover_for("163") == PloverType("COERCE", "restrict", "diplomatic")
    assert onto.plover_for("1121") == PloverType("ACCUSE", "allege", "crime;corruption")
    assert onto.plover_for("193").type == "ASSAULT"  # type: ignore[union-attr]
    assert onto.plover_for("020") is None  # PLOVER 0.8 does not map CAMEO 02
    # every PLOVER row names a known CAMEO code
    assert set(onto.plover) <= set(onto.codes)


def test_plover_falls_back_to_parent_then_root(tmp_path: Path) -> None:
    plover = write(tmp_path, "plover.csv", "# version: 9\ncode,type,mode,context\n19,ASSAULT,,military\n"
                                           "190,ASSAULT,,military\n0871,RETREAT,ceasefire,military\n")
    onto = build_ontology(plover_path=plover)
    assert onto.plover_version == "9"
    assert onto.plover_for("195") == PloverType("ASSAULT", None, "military")  # root
    assert onto.plover_for("0872") is None  # neither 087 nor 08 present
    assert onto.plover_for("0871") == PloverType("RETREAT", "ceasefire", "military")


def test_root_name_and_specificity() -> None:
    onto = load_ontology()
    assert onto.root_name("14") == "Protest"
    assert onto.root_name("143") == "Protest"
    assert onto.is_more_specific("1951", "195")
    assert onto.is_more_specific("190", "19")
    assert onto.is_more_specific("0871", "08")
    assert not onto.is_more_specific("19", "190")
    assert not onto.is_more_specific("195", "195")
    assert not onto.is_more_specific("191", "190")
    assert not onto.is_more_specific("2041", "19")


def corrupt(tmp_path: Path, old: str, new: str) -> Path:
    text = shipped("cameo.csv")
    assert old in text
    return write(tmp_path, "cameo.csv", text.replace(old, new, 1))


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [i for i, line in enumerate(lines, 1) if line.startswith(needle)][-1]


def test_rejects_duplicate_code(tmp_path: Path) -> None:
    path = corrupt(tmp_path, "042,Make a visit,", "041,Make a visit,")
    with pytest.raises(OntologyError) as err:
        build_ontology(cameo_path=path)
    line = line_of(path, "041,Make a visit")
    assert str(path) in str(err.value)
    assert f"line {line}" in str(err.value)
    assert "duplicate code 041" in str(err.value)


def test_rejects_goldstein_out_of_range(tmp_path: Path) -> None:
    path = corrupt(tmp_path, "195,Employ aerial weapons,-10.0,", "195,Employ aerial weapons,-12.5,")
    with pytest.raises(OntologyError, match=rf"line {line_of(path, '195,')}: goldstein -12.5 is outside"):
        build_ontology(cameo_path=path)


def test_rejects_non_numeric_goldstein_and_bad_quad(tmp_path: Path) -> None:
    path = corrupt(tmp_path, "042,Make a visit,1.9,1", "042,Make a visit,high,1")
    with pytest.raises(OntologyError, match="goldstein 'high' is not a number"):
        build_ontology(cameo_path=path)
    path = corrupt(tmp_path, "042,Make a visit,1.9,1", "042,Make a visit,1.9,3")
    with pytest.raises(OntologyError, match="quad_class 3 disagrees with root 04"):
        build_ontology(cameo_path=path)


def test_rejects_root_mismatch_and_missing_version(tmp_path: Path) -> None:
    path = corrupt(tmp_path, "042,Make a visit,1.9,1,04", "042,Make a visit,1.9,1,05")
    with pytest.raises(OntologyError, match="root '05' does not match code 042"):
        build_ontology(cameo_path=path)
    path = corrupt(tmp_path, "# version: 1\n", "")
    with pytest.raises(OntologyError, match=r"cameo.csv: line 1: missing '# version: N'"):
        build_ontology(cameo_path=path)


def test_rejects_unknown_plover_code(tmp_path: Path) -> None:
    text = shipped("plover.csv").replace("0871,RETREAT,", "0879,RETREAT,", 1)
    path = write(tmp_path, "plover.csv", text)
    with pytest.raises(OntologyError) as err:
        build_ontology(plover_path=path)
    msg = str(err.value)
    assert str(path) in msg and f"line {line_of(path, '0879,')}" in msg
    assert "'0879' is not a CAMEO code" in msg


def test_rejects_wrong_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "plover.csv", "# version: 1\ncode,type,mode\n190,ASSAULT,\n")
    with pytest.raises(OntologyError, match="line 2: expected columns code,type,mode,context"):
        build_ontology(plover_path=path)


def test_shipped_files_carry_version_and_source() -> None:
    for name in ("cameo.csv", "plover.csv"):
        head = shipped(name).splitlines()[:3]
        assert head[0] == "# version: 1"
        assert head[1].startswith("# source: ")
    assert "CC BY-SA 4.0" in shipped("plover.csv").splitlines()[1]
