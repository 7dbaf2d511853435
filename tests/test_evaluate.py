"""heron.evaluate must give the same figures as shared/eval/score.py.

The gold and predictions below are hand-made (our own sentences) so that each
scoring rule fires at least once; the expected figures were worked out by hand
(see the comments) and, where the outside scorer is available, are also
checked against it.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from heron import evaluate
from heron.evaluate import (
    GoldError,
    format_report,
    load_gold,
    load_predictions,
    report,
    report_to_json,
    score,
)

SCORE_PY = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


def gold(art: str, gid: str, anchor: str, src: list[str], tgt: list[str], codes: list[str], *,
         required: bool = True, symmetric: bool = False, negated: bool = False,
         **extra: str) -> dict[str, Any]:
    return {"article": art, "id": gid, "anchors": [anchor], "source": src, "target": tgt, "codes": codes,
            "required": required, "symmetric": symmetric, "negated": negated, **extra}


S1 = "Norway and Chile signed a fisheries accord on Monday,  ending a decade of disputes."
S2 = "Government soldiers did not attack the convoy, a local official said."
S3 = "Kenya\u2019s foreign minister praised the mediators for their patience."
S4 = "Police arrested two journalists outside the court in Ankara on Tuesday."
S5 = "The opposition bloc demanded the resignation of the prime minister after the vote."
S6 = "Armenia moved troops toward the border overnight, officials in Baku said."
S7 = "The United States criticised China over the new export rules."
S8 = "Kenya welcomed the plan."
T1 = "In Geneva, Iran held talks with the United States, Britain and France on Friday."
T2 = "An explosion killed four people at a market south of Baghdad."
T3 = "Iranian diplomats also met French officials."

GOLD = [
    gold("t1", "g1", "Norway and Chile signed a fisheries accord", ["NOR"], ["CHL"], ["057"], symmetric=True),
    gold("t1", "g2", "did not attack the convoy", ["SDNMIL"], ["SDNREB"], ["190", "193"], negated=True),
    gold("t1", "g3", "Kenya's foreign minister praised the mediators", ["KEN"], ["*"], ["051"],
         required=False),
    gold("t1", "g4", "Police arrested two journalists", ["TURCOP", "TUR"], ["TURMED"], ["173", "170"],
         date="2024-03-05", location="Ankara"),
    gold("t1", "g5", "demanded the resignation of the prime minister", ["ARMOPP"], ["ARMGOV"], ["104"]),
    gold("t1", "g6", "moved troops toward the border", ["ARMMIL", "ARM"], ["AZE"], ["150"]),
    gold("t2", "h1", "held talks with the United States, Britain and France", ["IRNGOV", "IRN"], ["USA"],
         ["043", "040", "046"], location="Geneva"),
    gold("t2", "h2", "held talks with the United States, Britain and France", ["IRNGOV", "IRN"], ["GBR"],
         ["043", "040", "046"], location="Geneva"),
    gold("t2", "h3", "held talks with the United States, Britain and France", ["IRNGOV", "IRN"], ["FRA"],
         ["043", "040", "046"]),
    gold("t2", "h4", "An explosion killed four people", ["*"], ["IRQCVL", "IRQ"], ["183", "180", "190"],
         date="2024-03-04"),
]


def pred(art: str, src: str, tgt: str, code: str, sentence: str, **extra: Any) -> dict[str, Any]:
    return {"article_id": art, "source": {"code": src, "text": src}, "target": {"code": tgt, "text": tgt},
            "code": code, "sentence": sentence, "negated": False, "rule": f"rule-{code}", **extra}


PREDS = [
    pred("t1", "NOR", "CHL", "057", S1),  # p1 tp
    pred("t1", "CHL", "NOR", "057", S1),  # p2 other direction of a symmetric event: ignored
    pred("t1", "NOR", "CHL", "057", S1),  # p3 same key as p1: ignored
    pred("t1", "SDNMIL", "SDNREB", "190", S2),  # p4 negated gold: negation error + fp
    pred("t1", "SDNMIL", "SDNREB", "190", S2, negated=True) | {"negated": True},  # p5 ignored
    pred("t1", "KENGOV", "IGOUNO", "051", S3),  # p6 optional gold: neither tp nor fp
    pred("t1", "turcop", "TURMED", "173", S4, date="2024-03-05", location={"name": "Ankara"}),  # p7 tp
    pred("t1", "TUR", "TURMED", "173", S4),  # p8 duplicate (fp)
    pred("t1", "ARMOPP", "ARMGOV", "1041", S5),  # p9 tp (exact: 3-digit gold prefix)
    pred("t1", "ARMMIL", "AZE", "152", S6),  # p10 tp at root level, fp when exact
    pred("t1", "USA", "CHN", "111", S7),  # p11 fp, no gold
    pred("t1", "NOR", "CHL", "036", S1),  # p12 fp, wrong root for g1
    pred("t1", "KEN", "UGA", "051", S8),  # p13 fp at sentence level, duplicate of g3 at article level
    pred("t2", "IRNGOV", "USAGOV", "043", T1, location={"name": "Geneva, Switzerland"}),  # q1 tp
    pred("t2", "IRN", "GBR", "046", T1, location="Lausanne"),  # q2 tp, wrong place
    pred("t2", "", "IRQCVL", "183", T2, date="2024-03-05"),  # q3 tp via '*', wrong date
    pred("t2", "IRN", "FRA", "040", T3),  # q4 fp at sentence level, tp at article level
    pred("zz", "USA", "RUS", "190", "A story nobody annotated."),  # no gold for zz: not scored
]

# (level, exact) -> (tp, fp, precision, recall, f1, negation_errors, duplicates, missed)
EXPECTED = {
    ("sentence", False): (7, 6, 0.538, 0.875, 0.667, 1, 1, ["t2:h3"]),
    ("sentence", True): (6, 7, 0.462, 0.75, 0.571, 1, 1, ["t1:g6", "t2:h3"]),
    ("article", False): (8, 5, 0.615, 1.0, 0.762, 1, 2, []),
    ("article", True): (7, 6, 0.538, 0.875, 0.667, 1, 2, ["t1:g6"]),
}


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    g = tmp_path / "gold.jsonl"
    p = tmp_path / "pred.jsonl"
    g.write_text("".join(json.dumps(r) + "\n" for r in GOLD), encoding="utf-8")
    p.write_text("".join(json.dumps(r) + "\n" for r in PREDS), encoding="utf-8")
    return g, p


@pytest.mark.parametrize(("level", "exact"), list(EXPECTED))
def test_hand_checked_figures(files: tuple[Path, Path], level: str, exact: bool) -> None:
    g, p = files
    sc = score(load_gold(g), load_predictions(p), level, exact)  # type: ignore[arg-type]
    tp, fp, precision, recall, f1, neg, dup, missed = EXPECTED[(level, exact)]
    assert (sc.tp, sc.fp, sc.required) == (tp, fp, 8)
    assert (sc.precision, sc.recall, sc.f1) == (precision, recall, f1)
    assert (sc.negation_errors, sc.duplicates) == (neg, dup)
    assert list(sc.missed) == missed
    assert sc.date_accuracy == 0.5  # g4 right, h4 wrong
    assert sc.location_accuracy == 0.667  # Ankara, "Geneva, Switzerland" right; Lausanne wrong


@pytest.mark.skipif(not SCORE_PY.exists(), reason="shared/eval/score.py not available")
def test_same_figures_as_score_py(files: tuple[Path, Path]) -> None:
    g, p = files
    out = subprocess.run([sys.executable, str(SCORE_PY), str(g), str(p), "--json"], check=True,
                         capture_output=True, text=True).stdout
    theirs = json.loads(out)
    gold_events, preds = load_gold(g), load_predictions(p)
    ours = [score(gold_events, preds, r["level"], r["exact"]).as_dict() for r in theirs]
    assert ours == theirs
    assert len(theirs) == 4


@pytest.mark.skipif(not SCORE_PY.exists(), reason="shared/eval/score.py not available")
def test_same_figures_as_score_py_on_reordered_and_filtered_input(tmp_path: Path) -> None:
    # Order matters for which prediction claims a gold event; check the reverse order too.
    g = tmp_path / "gold.jsonl"
    p = tmp_path / "pred.jsonl"
    g.write_text("".join(json.dumps(r) + "\n" for r in reversed(GOLD)), encoding="utf-8")
    p.write_text("".join(json.dumps(r) + "\n" for r in reversed(PREDS)), encoding="utf-8")
    theirs = json.loads(subprocess.run([sys.executable, str(SCORE_PY), str(g), str(p), "--json", "--article",
                                        "t2"], check=True, capture_output=True, text=True).stdout)
    gold_events = load_gold(g, articles=["t2"])
    preds = [r for r in load_predictions(p) if r.get("article_id") == "t2"]
    assert [score(gold_events, preds, r["level"], r["exact"]).as_dict() for r in theirs] == theirs


def test_report_explains_the_figures(files: tuple[Path, Path]) -> None:
    g, p = files
    rep = report(load_gold(g), load_predictions(p), "sentence", False)
    roots = {r.root: r for r in rep.per_root}
    # 04: q1, q2 right, q4 wrong; gold h1-h3, h3 not found.
    assert (roots["04"].tp, roots["04"].fp, roots["04"].gold) == (2, 1, 3)
    assert roots["04"].f1 == 0.667
    assert (roots["05"].tp, roots["05"].fp, roots["05"].recall) == (1, 1, 1.0)
    assert roots["11"].precision == 0.0 and roots["11"].gold == 0
    assert sum(r.tp for r in rep.per_root) == rep.score.tp
    assert sum(r.fp for r in rep.per_root) == rep.score.fp
    assert sum(r.gold for r in rep.per_root) == rep.score.required
    # p12 coded NOR->CHL in g1's sentence as 036 instead of 057.
    assert [(c.gold_root, c.pred_root, c.count) for c in rep.confusion] == [("05", "03", 1)]
    assert [(m.article, m.id, m.codes[0]) for m in rep.missed] == [("t2", "h3", "043")]
    kinds = [(e.kind, e.code, e.rule, e.near_gold) for e in rep.false_events]
    assert kinds == [
        ("negation-error", "190", "rule-190", "g2"), ("duplicate", "173", "rule-173", "g4"),
        ("false", "111", "rule-111", None), ("false", "036", "rule-036", "g1"),
        ("false", "051", "rule-051", None), ("false", "040", "rule-040", None),
    ]
    assert rep.date_errors == ("t2:h4 want=2024-03-04 got=2024-03-05",)
    assert rep.location_errors == ("t2:h2 want=Geneva got=lausanne",)
    assert dict(rep.outcomes) == {"tp": 7, "optional": 1, "symmetric-mirror": 1, "repeat": 1, "negated": 1,
                                  "negation-error": 1, "duplicate": 1, "false": 4, "unscored": 1}
    assert sum(n for _, n in rep.outcomes) == len(PREDS)
    text = format_report(rep)
    assert "F1=0.667" in text and "rule=rule-036" in text and "05 -> 03: 1" in text
    back = json.loads(json.dumps(report_to_json(rep)))
    assert back["score"] == rep.score.as_dict()
    assert back["missed"][0]["id"] == "h3"


def test_exact_confusion_keeps_the_root(files: tuple[Path, Path]) -> None:
    g, p = files
    rep = report(load_gold(g), load_predictions(p), "sentence", True)
    # 152 for a gold 150 is the right root but the wrong code: a same-root confusion.
    assert ("15", "15", 1) in [(c.gold_root, c.pred_root, c.count) for c in rep.confusion]


def test_curly_quotes_and_spaces_are_folded() -> None:
    g = load_gold_records([gold("a", "x", "Kenya's  foreign minister", ["KEN"], ["*"], ["051"])])
    sc = score(g, [pred("a", "KEN", "ETH", "051", "Kenya\u2019s foreign\nminister praised Ethiopia.")])
    assert (sc.tp, sc.fp, sc.f1) == (1, 0, 1.0)


def test_a_match_through_an_alternative_code_counts_under_the_gold_root() -> None:
    g = load_gold_records([gold("a", "x", "agreed to reopen", ["IND"], ["PAK"], ["081", "057", "030"])])
    rep = report(g, [pred("a", "IND", "PAK", "030", "India agreed to reopen the crossing.")])
    assert [(r.root, r.tp, r.fp, r.gold, r.f1) for r in rep.per_root] == [("08", 1, 0, 1, 1.0)]


def load_gold_records(records: list[dict[str, Any]]) -> tuple[evaluate.GoldEvent, ...]:
    return tuple(evaluate.GoldEvent.from_mapping(r) for r in records)


def test_bad_gold_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    good = gold("a", "x", "anchor", ["KEN"], ["*"], ["051"])
    bad = {k: v for k, v in good.items() if k != "codes"}
    path.write_text(json.dumps(good) + "\n\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"gold.jsonl:3: missing key\(s\) codes"):
        load_gold(path)
    with pytest.raises(ValueError, match="level"):
        score((), [], "paragraph")  # type: ignore[arg-type]


DUP_GOLD = [  # two gold events sharing an id (the PLOVER peer file has such lines)
    gold("t3", "d1", "met on Monday", ["ALB"], ["SRB"], ["040"]),
    gold("t3", "d1", "shelled the village", ["SRB"], ["ALB"], ["190"]),
]
DUP_PREDS = [
    pred("t3", "SRB", "ALB", "190", "Troops shelled the village."),  # claims id d1
    pred("t3", "ALB", "SRB", "040", "Envoys met on Monday."),  # d1 already matched: a duplicate
]


def test_gold_events_sharing_an_id_are_matched_together(tmp_path: Path) -> None:
    g = tmp_path / "gold.jsonl"
    p = tmp_path / "pred.jsonl"
    g.write_text("".join(json.dumps(r) + "\n" for r in DUP_GOLD), encoding="utf-8")
    p.write_text("".join(json.dumps(r) + "\n" for r in DUP_PREDS), encoding="utf-8")
    sc = score(load_gold(g), load_predictions(p), "sentence", False)
    assert (sc.tp, sc.fp, sc.duplicates, sc.required, sc.f1, sc.missed) == (1, 1, 1, 2, 0.5, ())
    if SCORE_PY.exists():
        theirs = json.loads(subprocess.run([sys.executable, str(SCORE_PY), str(g), str(p), "--json"],
                                           check=True, capture_output=True, text=True).stdout)
        assert [score(load_gold(g), load_predictions(p), r["level"], r["exact"]).as_dict()
                for r in theirs] == theirs


def test_run_eval_scores_what_the_pipeline_codes(files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    g, _ = files
    calls: list[tuple[Path, Any]] = []

    def fake_code_records(articles: Path, ids: Any = None, coder: Any = None) -> list[dict[str, Any]]:
        calls.append((articles, ids))
        return [r for r in PREDS if ids is None or r["article_id"] in ids]

    monkeypatch.setattr(evaluate, "code_records", fake_code_records)
    articles = tmp_path / "articles.jsonl"
    out = io.StringIO()
    assert evaluate.run_eval(articles, g, level="article", exact=True, as_json=True, out=out) == 0
    data = json.loads(out.getvalue())
    assert (data["score"]["tp"], data["score"]["fp"], data["score"]["f1"]) == (7, 6, 0.667)
    out = io.StringIO()
    assert evaluate.run_eval(articles, g, ids=["t2"], out=out) == 0
    assert out.getvalue().startswith("sentence root: P=0.750 R=0.750 F1=0.750 tp=3 fp=1 req=4")
    assert calls == [(articles, None), (articles, ["t2"])]
    assert evaluate.run_eval(articles, g, ids=["nope"], out=io.StringIO()) == 2
