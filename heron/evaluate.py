"""Scoring coded events against gold annotations, exactly as ``shared/eval/score.py``.

The figures (precision, recall, F1, tp, fp, required, negation errors,
duplicates, date and location accuracy, missed) are computed with the same
rules as the outside scorer, so ``heron eval`` and ``score.py`` never disagree:

* anchors and predicted sentences are whitespace-normalised and curly quotes
  folded; at ``sentence`` level a prediction must contain one of the gold
  anchors, at ``article`` level anchors are ignored;
* actors match on the first three letters of their codes, gold ``*`` matches
  anything; a ``symmetric`` gold event also matches the reversed dyad;
* codes match on the CAMEO root, or with ``exact`` on the code itself (a
  3-digit gold code also accepts its 4-digit children);
* predictions marked ``negated`` are ignored; predictions are de-duplicated on
  (source, target, code, sentence-if-sentence-level);
* a prediction that only matches negated gold is a negation error (and a false
  positive); one matching an optional (``required: false``) gold event is
  neither a true nor a false positive; a second prediction for an already
  matched gold event is a duplicate (false positive) unless the gold event is
  symmetric (the other direction);
* predictions for articles that have no gold at all are not scored.

On top of the figures, :func:`report` explains them: per-root precision and
recall, a root confusion table, every missed gold event and every false event
with the lexicon rule that produced it.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

from heron.model import ReadFailure

log = logging.getLogger(__name__)

Level = Literal["sentence", "article"]
LEVELS: tuple[Level, ...] = ("sentence", "article")

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


class GoldError(ValueError):
    """A gold file line that cannot be used (file, line and reason in the message)."""


def norm(text: str | None) -> str:
    """Fold curly quotes and collapse whitespace, as score.py does."""
    return re.sub(r"\s+", " ", (text or "").translate(_QUOTES)).strip()


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class GoldEvent:
    article: str
    id: str
    anchors: tuple[str, ...]  # normalised
    source: tuple[str, ...]
    target: tuple[str, ...]
    codes: tuple[str, ...]
    required: bool
    symmetric: bool = False
    negated: bool = False
    date: str | None = None
    location: str | None = None
    note: str | None = None

    @property
    def root(self) -> str:
        """The root of the first (most specific) code: what the event is 'about'."""
        return self.codes[0][:2] if self.codes else ""

    @classmethod
    def from_mapping(cls, rec: Mapping[str, Any], where: str = "gold") -> GoldEvent:
        missing = [k for k in ("article", "id", "anchors", "source", "target", "codes", "required", "negated")
                   if k not in rec]
        if missing:
            raise GoldError(f"{where}: missing key(s) {', '.join(missing)}")
        for key in ("anchors", "source", "target", "codes"):
            if not isinstance(rec[key], list) or not all(isinstance(x, str) for x in rec[key]):
                raise GoldError(f"{where}: {key!r} must be a list of strings")
        if not rec["codes"]:
            raise GoldError(f"{where}: 'codes' is empty")
        return cls(
            article=str(rec["article"]), id=str(rec["id"]),
            anchors=tuple(norm(a) for a in rec["anchors"]),
            source=tuple(rec["source"]), target=tuple(rec["target"]), codes=tuple(rec["codes"]),
            required=bool(rec["required"]), symmetric=bool(rec.get("symmetric")),
            negated=bool(rec["negated"]), date=rec.get("date") or None,
            location=rec.get("location") or None, note=rec.get("note"),
        )


@dataclass(frozen=True)
class _Pred:
    """A prediction record reduced to what scoring looks at."""

    index: int
    article_id: str | None
    src: str
    tgt: str
    code: str  # for matching: str(code or "")
    code_key: str  # for de-duplication: str(code), as score.py
    sent: str
    negated: bool
    date: str
    location: str
    rule: str
    sentence: str


def _actor_code(actor: Any) -> str:
    if actor is None:
        return ""
    if isinstance(actor, Mapping):
        actor = actor.get("code") or ""
    return str(actor).upper()


def _pred(index: int, p: Mapping[str, Any]) -> _Pred:
    loc = p.get("location") or {}
    loc_name = norm(loc.get("name") if isinstance(loc, Mapping) else str(loc)).lower()
    return _Pred(
        index=index, article_id=p.get("article_id"),
        src=_actor_code(p.get("source")), tgt=_actor_code(p.get("target")),
        code=str(p.get("code") or ""), code_key=str(p.get("code")),
        sent=norm(p.get("sentence")), negated=bool(p.get("negated")),
        date=str(p.get("date") or "")[:10], location=loc_name,
        rule=str(p.get("rule") or ""), sentence=str(p.get("sentence") or ""),
    )


# --------------------------------------------------------------------------- loading


def _read_jsonl(path: Path) -> Iterable[tuple[int, Any]]:
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield lineno, json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldError(f"{path}:{lineno}: not JSON: {exc.msg}") from exc


def load_gold(path: str | Path, articles: Sequence[str] | None = None) -> tuple[GoldEvent, ...]:
    """Read a gold JSONL file (format of shared/corpus/gold.jsonl), optionally for some articles."""
    path = Path(path)
    out: list[GoldEvent] = []
    seen: set[tuple[str, str]] = set()
    for lineno, rec in _read_jsonl(path):
        where = f"{path}:{lineno}"
        if not isinstance(rec, dict):
            raise GoldError(f"{where}: expected a JSON object")
        g = GoldEvent.from_mapping(rec, where)
        if (g.article, g.id) in seen:
            # Kept, as score.py keeps them: events sharing an id are matched (and missed) together.
            log.warning("%s: duplicate id %r in article %r", where, g.id, g.article)
        seen.add((g.article, g.id))
        if articles is None or g.article in articles:
            out.append(g)
    return tuple(out)


def load_predictions(source: str | Path | Iterable[Mapping[str, Any]]) -> tuple[Mapping[str, Any], ...]:
    """Prediction records from a JSONL path (one event per line) or from records already in memory."""
    if isinstance(source, str | Path):
        path = Path(source)
        recs = []
        for lineno, rec in _read_jsonl(path):
            if not isinstance(rec, dict):
                raise GoldError(f"{path}:{lineno}: expected a JSON object")
            recs.append(rec)
        return tuple(recs)
    return tuple(source)


# --------------------------------------------------------------------------- matching


def _actor_ok(pred: str, golds: Sequence[str]) -> bool:
    return any(g == "*" or (bool(pred) and pred[:3] == g[:3]) for g in golds)


def _code_ok(pred: str, golds: Sequence[str], exact: bool) -> bool:
    if exact:
        return any(pred == g or (len(g) == 3 and pred.startswith(g)) for g in golds)
    return pred[:2] in {g[:2] for g in golds}


def _anchor_ok(p: _Pred, g: GoldEvent, level: Level) -> bool:
    return level != "sentence" or any(a in p.sent for a in g.anchors)


def _dyad_ok(p: _Pred, g: GoldEvent) -> bool:
    if _actor_ok(p.src, g.source) and _actor_ok(p.tgt, g.target):
        return True
    return g.symmetric and _actor_ok(p.tgt, g.source) and _actor_ok(p.src, g.target)


def _matches(p: _Pred, g: GoldEvent, level: Level, exact: bool) -> bool:
    return _anchor_ok(p, g, level) and _code_ok(p.code, g.codes, exact) and _dyad_ok(p, g)


Outcome = Literal["tp", "optional", "symmetric-mirror", "negation-error", "duplicate", "false",
                  "negated", "repeat", "unscored"]


@dataclass(frozen=True)
class _Judged:
    pred: _Pred
    outcome: Outcome
    gold: GoldEvent | None = None  # the gold event it matched (tp/optional) or was judged against


@dataclass(frozen=True)
class _Run:
    judged: tuple[_Judged, ...]
    matched: Mapping[tuple[str, str], _Pred]  # (article, gold id) -> prediction
    gold: tuple[GoldEvent, ...]


def _run(gold: Sequence[GoldEvent], records: Sequence[Mapping[str, Any]], level: Level, exact: bool) -> _Run:
    """Walk the predictions in order, exactly as score.py's loop, remembering each verdict."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    by_art: dict[str, list[GoldEvent]] = defaultdict(list)
    for g in gold:
        by_art[g.article].append(g)
    preds = [_pred(i, p) for i, p in enumerate(records)]
    pred_by_art: dict[str | None, list[_Pred]] = defaultdict(list)
    for p in preds:
        pred_by_art[p.article_id].append(p)
    judged: list[_Judged] = []
    matched_all: dict[tuple[str, str], _Pred] = {}
    for p in preds:
        if p.article_id not in by_art:
            judged.append(_Judged(p, "unscored"))
    for art, golds in by_art.items():
        matched: dict[str, _Pred] = {}
        seen: set[tuple[str, str, str, str]] = set()
        for p in pred_by_art.get(art, []):
            if p.negated:
                judged.append(_Judged(p, "negated"))
                continue
            key = (p.src, p.tgt, p.code_key, p.sent if level == "sentence" else "")
            if key in seen:
                judged.append(_Judged(p, "repeat"))
                continue
            seen.add(key)
            cands = [g for g in golds if _matches(p, g, level, exact)]
            if any(g.negated for g in cands) and not any(not g.negated for g in cands):
                judged.append(_Judged(p, "negation-error", cands[0]))
                continue
            cands = [g for g in cands if not g.negated]
            free = sorted((g for g in cands if g.id not in matched), key=lambda g: not g.required)
            if free:
                matched[free[0].id] = p
                judged.append(_Judged(p, "tp" if free[0].required else "optional", free[0]))
            elif cands:
                if any(g.symmetric for g in cands):
                    judged.append(_Judged(p, "symmetric-mirror", cands[0]))
                else:
                    judged.append(_Judged(p, "duplicate", cands[0]))
            else:
                judged.append(_Judged(p, "false", _near_miss(p, golds, level)))
        matched_all.update({(art, gid): p for gid, p in matched.items()})
    judged.sort(key=lambda j: j.pred.index)
    return _Run(tuple(judged), matched_all, tuple(gold))


def _near_miss(p: _Pred, golds: Sequence[GoldEvent], level: Level) -> GoldEvent | None:
    """The gold event a false prediction most likely meant: same sentence and dyad, other code."""
    near = [g for g in golds if not g.negated and _anchor_ok(p, g, level) and _dyad_ok(p, g)]
    near.sort(key=lambda g: not g.required)
    return near[0] if near else None


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class Score:
    level: Level
    exact: bool
    tp: int
    fp: int
    required: int
    precision: float
    recall: float
    f1: float
    negation_errors: int
    duplicates: int
    date_accuracy: float | None
    location_accuracy: float | None
    missed: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """The same dict (keys and order) as score.py's ``--json`` entries."""
        d = asdict(self)
        d["missed"] = list(self.missed)
        return d


def _prf(tp: int, fp: int, required: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / required if required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _score(run: _Run, level: Level, exact: bool) -> Score:
    counts = Counter(j.outcome for j in run.judged)
    tp = counts["tp"]
    fp = counts["false"] + counts["duplicate"] + counts["negation-error"]
    required = sum(1 for g in run.gold if g.required and not g.negated)
    dates = [0, 0]
    places = [0, 0]
    for j in run.judged:
        if j.outcome not in ("tp", "optional") or j.gold is None:
            continue
        g = j.gold
        if g.date:
            dates[1] += 1
            dates[0] += j.pred.date == g.date
        if g.location:
            places[1] += 1
            name, want = j.pred.location, g.location.lower()
            places[0] += bool(name) and (want in name or name in want)
    missed = tuple(f"{g.article}:{g.id}" for g in _missed_gold(run))
    precision, recall, f1 = _prf(tp, fp, required)
    return Score(
        level=level, exact=exact, tp=tp, fp=fp, required=required,
        precision=round(precision, 3), recall=round(recall, 3), f1=round(f1, 3),
        negation_errors=counts["negation-error"], duplicates=counts["duplicate"],
        date_accuracy=round(dates[0] / dates[1], 3) if dates[1] else None,
        location_accuracy=round(places[0] / places[1], 3) if places[1] else None,
        missed=missed,
    )


def _missed_gold(run: _Run) -> list[GoldEvent]:
    # score.py lists misses article by article (first-seen order), gold order within each.
    order = {art: i for i, art in enumerate(dict.fromkeys(g.article for g in run.gold))}
    golds = sorted(run.gold, key=lambda g: order[g.article])
    return [g for g in golds if g.required and not g.negated and (g.article, g.id) not in run.matched]


def score(gold: Sequence[GoldEvent], preds: Sequence[Mapping[str, Any]], level: Level = "sentence",
          exact: bool = False) -> Score:
    """Score prediction records (contract event lines) against gold, as score.py."""
    return _score(_run(gold, preds, level, exact), level, exact)


# --------------------------------------------------------------------------- report


@dataclass(frozen=True)
class RootScore:
    """Figures for one CAMEO root.

    A true positive counts under the root of the gold event it matched (the
    root of its first, most specific code), since a prediction may match
    through an alternative code of another root; a false positive counts
    under the root of its predicted code.  So the tp column sums to the
    overall tp and the gold column to the overall ``required``.
    """

    root: str
    tp: int  # required gold events of this root matched by a prediction
    fp: int  # false positives whose predicted code has this root
    gold: int  # required, non-negated gold events of this root
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Confusion:
    gold_root: str
    pred_root: str
    count: int


@dataclass(frozen=True)
class MissedEvent:
    article: str
    id: str
    anchors: tuple[str, ...]
    codes: tuple[str, ...]
    source: tuple[str, ...]
    target: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class FalseEvent:
    article: str
    kind: str  # "false", "duplicate" or "negation-error"
    sentence: str
    code: str
    source: str
    target: str
    rule: str
    near_gold: str | None  # id of the gold event with the same sentence/dyad (wrong code) or duplicated


@dataclass(frozen=True)
class Report:
    score: Score
    per_root: tuple[RootScore, ...]
    confusion: tuple[Confusion, ...]
    missed: tuple[MissedEvent, ...]
    false_events: tuple[FalseEvent, ...]
    date_errors: tuple[str, ...]  # "article:gold-id want=... got=..."
    location_errors: tuple[str, ...]
    # How every prediction was judged: tp, optional (matched a required=false event), symmetric-mirror,
    # false, duplicate, negation-error, and the ignored ones: negated, repeat (same key), unscored (no gold).
    outcomes: tuple[tuple[str, int], ...] = ()


def report(gold: Sequence[GoldEvent], preds: Sequence[Mapping[str, Any]], level: Level = "sentence",
           exact: bool = False) -> Report:
    """The score plus everything needed to see why it is what it is."""
    run = _run(gold, preds, level, exact)
    sc = _score(run, level, exact)
    ptp: Counter[str] = Counter()
    pfp: Counter[str] = Counter()
    conf: Counter[tuple[str, str]] = Counter()
    false_events: list[FalseEvent] = []
    date_errors: list[str] = []
    loc_errors: list[str] = []
    for j in run.judged:
        root = j.pred.code[:2]
        if j.outcome == "tp" and j.gold is not None:
            ptp[j.gold.root] += 1
        if j.outcome in ("tp", "optional") and j.gold is not None:
            g = j.gold
            if g.date and j.pred.date != g.date:
                date_errors.append(f"{g.article}:{g.id} want={g.date} got={j.pred.date or '-'}")
            if g.location:
                name, place = j.pred.location, g.location.lower()
                if not (name and (place in name or name in place)):
                    loc_errors.append(f"{g.article}:{g.id} want={g.location} got={name or '-'}")
        if j.outcome not in ("false", "duplicate", "negation-error"):
            continue
        pfp[root] += 1
        if j.outcome == "false" and j.gold is not None:
            conf[(j.gold.root, root)] += 1
        false_events.append(FalseEvent(
            article=str(j.pred.article_id), kind=j.outcome, sentence=j.pred.sentence, code=j.pred.code,
            source=j.pred.src, target=j.pred.tgt, rule=j.pred.rule,
            near_gold=j.gold.id if j.gold is not None else None))
    want = Counter(g.root for g in run.gold if g.required and not g.negated)
    per_root = []
    for r in sorted(set(ptp) | set(pfp) | set(want)):
        precision, recall, f1 = _prf(ptp[r], pfp[r], want[r])
        per_root.append(RootScore(r, ptp[r], pfp[r], want[r], round(precision, 3), round(recall, 3),
                                  round(f1, 3)))
    missed = tuple(MissedEvent(g.article, g.id, g.anchors, g.codes, g.source, g.target, g.note)
                   for g in _missed_gold(run))
    confusion = tuple(Confusion(gr, pr, n) for (gr, pr), n in sorted(conf.items()))
    outcomes = tuple(sorted(Counter(j.outcome for j in run.judged).items()))
    return Report(sc, tuple(per_root), confusion, missed, tuple(false_events), tuple(date_errors),
                  tuple(loc_errors), outcomes)


def report_to_json(rep: Report) -> dict[str, Any]:
    """A JSON-ready dict; ``score`` is exactly score.py's entry."""
    d = asdict(rep)
    d["score"] = rep.score.as_dict()
    return d


def format_report(rep: Report) -> str:
    """Plain-text report for terminals and logs."""
    s = rep.score
    lines = [
        f"{s.level} {'exact' if s.exact else 'root'}: P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
        f"tp={s.tp} fp={s.fp} req={s.required} neg_err={s.negation_errors} dup={s.duplicates} "
        f"date_acc={s.date_accuracy} loc_acc={s.location_accuracy}",
        "predictions: " + (" ".join(f"{k}={n}" for k, n in rep.outcomes) or "none"),
        "",
        "root  P      R      F1     tp  fp  gold",
    ]
    for r in rep.per_root:
        lines.append(f"{r.root:4}  {r.precision:.3f}  {r.recall:.3f}  {r.f1:.3f}  {r.tp:3} {r.fp:3} "
                     f"{r.gold:4}")
    if rep.confusion:
        lines += ["", "root confusion (gold root -> predicted root, same sentence and dyad):"]
        lines += [f"  {c.gold_root} -> {c.pred_root}: {c.count}" for c in rep.confusion]
    lines += ["", f"missed ({len(rep.missed)}):"]
    for m in rep.missed:
        lines.append(f"  {m.article}:{m.id} {'/'.join(m.codes)} {'|'.join(m.source)} -> {'|'.join(m.target)} "
                     f"« {m.anchors[0] if m.anchors else ''} »")
    lines += ["", f"false events ({len(rep.false_events)}):"]
    for e in rep.false_events:
        near = f" (near {e.near_gold})" if e.near_gold else ""
        lines.append(f"  {e.article} [{e.kind}{near}] {e.code} {e.source or '-'} -> {e.target or '-'} "
                     f"rule={e.rule or '-'} « {norm(e.sentence)[:120]} »")
    if rep.date_errors:
        lines += ["", "date errors:"] + [f"  {x}" for x in rep.date_errors]
    if rep.location_errors:
        lines += ["", "location errors:"] + [f"  {x}" for x in rep.location_errors]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- running heron


def code_records(articles: Path, ids: Sequence[str] | None = None, coder: Any = None) -> list[dict[str, Any]]:
    """Code an articles file with heron's pipeline and return the contract event lines.

    The events `heron code` prints are returned (``ArticleResult.output_events``:
    negated ones included, the scorer skips those), so the figures equal
    ``heron code | score.py``.
    ``coder`` (a ``heron.pipeline.Coder``) lets callers share loaded knowledge
    between several sets.
    """
    from heron.pipeline import code_paths  # imported late: the pipeline loads spaCy

    records: list[dict[str, Any]] = []
    for result in code_paths([str(articles)], coder=coder):
        if isinstance(result, ReadFailure):
            log.warning("%s", result.message())
            continue
        if ids is not None and result.article.id not in ids:
            continue
        records.extend(event.to_record() for event in result.output_events())
    return records


def run_eval(articles: Path, gold: Path, level: str = "sentence", exact: bool = False, as_json: bool = False,
             out: TextIO = sys.stdout, ids: Sequence[str] | None = None, coder: Any = None) -> int:
    """Code ``articles``, score against ``gold`` and write the report; returns an exit status.

    ``ids`` restricts both gold and predictions to some articles (score.py's ``--article``);
    ``coder`` (a ``heron.pipeline.Coder``) codes with its options (user actor files).
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    lvl: Level = "sentence" if level == "sentence" else "article"
    gold_events = load_gold(gold, ids)
    if not gold_events:
        log.error("%s: no gold events%s", gold, f" for {', '.join(ids)}" if ids else "")
        return 2
    preds = code_records(articles, ids, coder)
    rep = report(gold_events, preds, lvl, exact)
    if as_json:
        json.dump(report_to_json(rep), out, indent=1, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(format_report(rep))
    return 0
