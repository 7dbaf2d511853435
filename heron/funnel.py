"""Where gold events are lost: the coder's funnel over a gold set.

For every required gold event the scorer (sentence level, CAMEO root) does
not find, the funnel looks at what heron did in the sentences holding the
event's anchors, and files the miss under the first stage that explains it:

``wrong-dyad``   an event of the right root was coded there, between other actors
``modality``     it was coded, but negated or hypothetical, so it does not count
``dropped:S``    a candidate of the right root was dropped by stage S
                 (``heron.events.trace``: no-source, no-target, no-country, ...)
``wrong-code``   something was coded or found there, of another root
``no-frame``     no candidate at all in those sentences

``heron eval --funnel`` prints the counts; ``heron explain TEXT`` shows one
text's candidates and drops.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

from heron.evaluate import GoldEvent, norm, score
from heron.model import Event
from heron.pipeline import ArticleResult, Coder

FUNNEL_ORDER = ("wrong-dyad", "modality", "dropped:no-source", "dropped:no-target", "dropped:no-country",
                "dropped:self-event", "dropped:background", "dropped:controlled", "dropped:merged",
                "wrong-code", "no-frame")


@dataclass(frozen=True)
class Loss:
    gold: GoldEvent
    stage: str
    detail: str


def _in_anchor(sentence: str, gold: GoldEvent) -> bool:
    text = norm(sentence)
    return any(a in text for a in gold.anchors)


def _roots(gold: GoldEvent) -> set[str]:
    return {c[:2] for c in gold.codes}


def classify(gold: GoldEvent, result: ArticleResult | None) -> Loss:
    """The first stage that explains why ``gold`` was not coded from its sentences."""
    if result is None:
        return Loss(gold, "no-frame", "article not coded")
    roots = _roots(gold)
    events: list[Event] = [e for e in result.events if _in_anchor(e.sentence, gold)]
    right = [e for e in events if e.root in roots]
    real = [e for e in right if e.is_real]
    if real:
        e = real[0]
        return Loss(gold, "wrong-dyad", f"{e.source.code}->{e.target.code} {e.code} ({e.rule})")
    if right:
        e = right[0]
        return Loss(gold, "modality", f"{e.code} negated={e.negated} modality={e.modality} ({e.rule})")
    drops = [d for d in result.drops if d.root in roots and _in_anchor(d.sentence, gold)]
    if drops:
        order = {s: n for n, s in enumerate(FUNNEL_ORDER)}
        d = min(drops, key=lambda d: order.get(f"dropped:{d.stage}", 99))
        return Loss(gold, f"dropped:{d.stage}", f"{d.trigger} ({d.rule}) {d.detail}".strip())
    others = [f"{e.code}:{e.trigger}" for e in events] + [
        f"{d.code}:{d.trigger}" for d in result.drops if _in_anchor(d.sentence, gold)]
    if others:
        return Loss(gold, "wrong-code", ", ".join(others[:4]))
    return Loss(gold, "no-frame", "")


def funnel(gold: Sequence[GoldEvent], results: Iterable[ArticleResult], records: Sequence[dict[str, object]]
           ) -> list[Loss]:
    """Every required gold event the scorer misses, filed under the stage that lost it."""
    by_id = {r.article.id: r for r in results}
    run = score(gold, records, "sentence", False)
    missed = {(m.split(":", 1)[0], m.split(":", 1)[1]) for m in run.missed}
    return [classify(g, by_id.get(g.article)) for g in gold if (g.article, g.id) in missed]


def format_funnel(losses: Sequence[Loss], required: int, out: TextIO, details: bool = False) -> None:
    counts = Counter(loss.stage for loss in losses)
    out.write(f"funnel: {len(losses)} of {required} required gold events missed (sentence level, root)\n")
    for stage in FUNNEL_ORDER:
        if counts[stage]:
            out.write(f"  {stage:20} {counts[stage]:4}  {counts[stage] / max(len(losses), 1):5.0%}\n")
    if details:
        for loss in sorted(losses, key=lambda x: FUNNEL_ORDER.index(x.stage)):
            g = loss.gold
            out.write(f"{loss.stage:20} {g.article}:{g.id} {'/'.join(g.source)}->{'/'.join(g.target)}"
                      f" {','.join(g.codes)}  {loss.detail}\n")


def run_funnel(articles: str, gold_path: str, out: TextIO, ids: Sequence[str] | None = None,
               details: bool = False, coder: Coder | None = None) -> int:
    """Code ``articles``, score against ``gold_path`` and write the funnel; returns an exit status."""
    from heron.evaluate import load_gold
    from heron.model import ReadFailure
    from heron.pipeline import code_paths

    gold = load_gold(gold_path, ids)
    if not gold:
        out.write(f"heron: {gold_path}: no gold events\n")
        return 2
    results: list[ArticleResult] = []
    records: list[dict[str, object]] = []
    for result in code_paths([articles], coder=coder):
        if isinstance(result, ReadFailure) or (ids is not None and result.article.id not in ids):
            continue
        results.append(result)
        records.extend(e.to_record() for e in result.output_events())
    losses = funnel(gold, results, records)
    required = sum(1 for g in gold if g.required and not g.negated)
    format_funnel(losses, required, out, details)
    return 0
