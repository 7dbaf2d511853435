"""A small hand-made store for the query, filter, stats and export tests (no spaCy needed).

Sentences are our own.  Four articles, eight events:

=====  ==========  ======  =======  ====  =========================  ==========
event  article     source  target   code  date                       flags
=====  ==========  ======  =======  ====  =========================  ==========
r1     kiev-1      RUSMIL  UKR      190   2019-05-03
r2     kiev-1      UKRGOV  RUSGOV   111   2019-05-04
r3     kiev-1      RUSGOV  UKRGOV   130   (none: published 2019-05-06) negated
r4     talks-2     RUSGOV  UKRGOV   040   2019-11-20
r5     talks-2     UKRGOV  RUSGOV   040   2019-11-20                 hypothetical
r6     talks-2     IGOUNO  UKR      020   2019-11-21
r7     border-3    TURMIL  SYRREB   183   2020-01-15
r8     border-3    SYRGOV  TURGOV   200   2018-12-30
=====  ==========  ======  =======  ====  =========================  ==========

``empty-4`` has no events.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from heron.model import Actor, Article, Event, EventDate, Location
from heron.store import Store

TEXTS = {
    "kiev-1": ("Russian troops shelled a Ukrainian town on Friday. Kyiv condemned the shelling on Saturday. "
               "Moscow did not threaten further strikes."),
    "talks-2": ("The Russian envoy met Ukrainian negotiators on Wednesday. Ukraine might meet Russia again "
                "if the ceasefire holds. The UN appealed to Ukraine on Thursday."),
    "border-3": ("Turkish soldiers fired on Syrian rebels near the border. "
                 "Syria's army clashed with Turkish forces late last year."),
    "empty-4": "Nothing political happened in this short note.",
}
PUBLISHED = {"kiev-1": date(2019, 5, 6), "talks-2": date(2019, 11, 22), "border-3": date(2020, 1, 16),
             "empty-4": date(2020, 2, 1)}
TITLES = {"kiev-1": "Shelling near the border", "talks-2": "Envoys meet", "border-3": "Border fire",
          "empty-4": "A quiet note"}


def article(article_id: str) -> Article:
    return Article(id=article_id, text=TEXTS[article_id], title=TITLES[article_id],
                   url=f"https://news.example/{article_id}", published=PUBLISHED[article_id],
                   published_source="metadata", source_path="made/by/hand.jsonl")


def _event(article_id: str, index: int, source: str, target: str, code: str, day: date | None,
           *, negated: bool = False, modality: str = "asserted", quad: int = 1) -> Event:
    text = TEXTS[article_id]
    sentence = text.split(". ")[index].rstrip(".") + "."
    start = text.index(sentence.rstrip("."))
    when = EventDate(day, "day", "on a day") if day else None
    where = Location("Kramatorsk", "UKR", 48.72, 37.56, "city", 704147) if code == "190" else None
    return Event(article_id, index, Actor(source, source.lower()), Actor(target, target.lower()), code,
                 sentence, (start, start + 5), "made.by.hand", negated=negated,
                 modality=modality,  # type: ignore[arg-type]
                 quad_class=quad, goldstein=-1.0, date=when, location=where, trigger=sentence.split()[1])


def events(article_id: str) -> list[Event]:
    table = {
        "kiev-1": [_event("kiev-1", 0, "RUSMIL", "UKR", "190", date(2019, 5, 3), quad=4),
                   _event("kiev-1", 1, "UKRGOV", "RUSGOV", "111", date(2019, 5, 4), quad=3),
                   _event("kiev-1", 2, "RUSGOV", "UKRGOV", "130", None, negated=True, quad=3)],
        "talks-2": [_event("talks-2", 0, "RUSGOV", "UKRGOV", "040", date(2019, 11, 20)),
                    _event("talks-2", 1, "UKRGOV", "RUSGOV", "040", date(2019, 11, 20),
                           modality="hypothetical"),
                    _event("talks-2", 2, "IGOUNO", "UKR", "020", date(2019, 11, 21))],
        "border-3": [_event("border-3", 0, "TURMIL", "SYRREB", "183", date(2020, 1, 15), quad=4),
                     _event("border-3", 1, "SYRGOV", "TURGOV", "200", date(2018, 12, 30), quad=4)],
        "empty-4": [],
    }
    return table[article_id]


def codes_of(records: list[dict]) -> list[str]:
    return [r["code"] for r in records]


def make_store(path: Path, coder_version: str | None = "test-coder") -> Path:
    with Store(path) as store:
        for article_id in TEXTS:
            store.write(article(article_id), events(article_id), coder_version=coder_version)
    return path
