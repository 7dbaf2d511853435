"""What a store write did: its counts, the collisions it refused, an ingest's report.

Kept apart from :mod:`heron.store` so the write path there stays readable;
the policy itself (same text or same input replaces, another input's text
is a :class:`Conflict`) is described in that module's docstring.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from heron.model import Actor, Article, Event


@dataclass(frozen=True)
class Conflict:
    """An article not written because another input holds its id with other text."""

    article_id: str
    source: str  # the refused article's input (its source_path, or "stdin")
    holder: str  # the input of the article that keeps the id
    in_store: bool  # held by a stored article (else by one earlier in the same batch)

    def message(self) -> str:
        where = "the store holds it" if self.in_store else "this batch has it"
        return (f"heron: {self.source}: article id {self.article_id!r} not stored: {where} from "
                f"{self.holder} with different text")


@dataclass(frozen=True)
class IngestReport:
    """What one ingest left in the store, every figure counted there after the write.

    ``articles``/``events``: this run's articles as the store now holds them
    (written or already identical) and their events; ``new`` is how much the
    store's article count grew; ``total_*`` is all the store holds.
    """

    articles: int
    events: int
    new: int
    replaced: int
    unchanged: int
    total_articles: int
    total_events: int
    conflicts: tuple[Conflict, ...]
    skipped: int = 0  # of the unchanged: already coded by this coder, not parsed again

    def summary(self, db: str | Path) -> str:
        # The skipped count comes last, so the line keeps the shape scripts already parse.
        skipped = f"; {self.skipped} unchanged skipped unparsed" if self.skipped else ""
        return (f"stored {self.articles} article(s), {self.events} event(s) in {db} ({self.new} new, "
                f"{self.replaced} replaced, {self.unchanged} unchanged); it holds "
                f"{self.total_articles} article(s), {self.total_events} event(s){skipped}")


@dataclass
class WriteStats:
    """What a write did.  ``unchanged`` articles were identical and not rewritten;
    ``stored_ids`` are the articles now stored as given (written or unchanged);
    ``conflicts`` the ones refused.  Mutable: a write accumulates it batch by batch."""

    articles: int = 0
    events: int = 0
    mentions: int = 0
    replaced: int = 0
    unchanged: int = 0
    stored_ids: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def add(self, other: WriteStats) -> None:
        self.articles += other.articles
        self.events += other.events
        self.mentions += other.mentions
        self.replaced += other.replaced
        self.unchanged += other.unchanged
        self.stored_ids.extend(other.stored_ids)
        self.conflicts.extend(other.conflicts)


# (article, events, mentions, coder_version)
Coded = tuple[Article, Sequence[Event], Sequence[Actor], str | None]


def settle_batch(batch: Sequence[Coded]) -> tuple[dict[str, Coded], list[Conflict]]:
    """One entry per id.  A later copy replaces an earlier one when it has the
    same text or comes from the same input (as it would across batches); a
    later one from another input with other text is a conflict."""
    latest: dict[str, Coded] = {}
    conflicts: list[Conflict] = []
    for item in batch:
        article = item[0]
        earlier = latest.get(article.id)
        if (earlier is None or earlier[0].text == article.text
                or earlier[0].source_path == article.source_path):
            latest[article.id] = item
            continue
        conflicts.append(Conflict(article.id, source_name(article.source_path),
                                  source_name(earlier[0].source_path), in_store=False))
    return latest, conflicts


def source_name(source_path: str | None) -> str:
    return source_path if source_path is not None else "stdin"
