"""The typed records that flow between heron's stages.

read → :class:`Article` → nlp → ``spacy.tokens.Doc`` → code → :class:`Event` → store.

Everything here is a frozen dataclass: stages never mutate what an earlier
stage produced, which keeps the pipeline safe to run in parallel workers.
Pydantic is used only at the edges (data files, web API), never here.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

BlockKind = Literal["title", "heading", "caption", "paragraph"]
Modality = Literal["asserted", "future", "hypothetical", "reported"]
DatePrecision = Literal["day", "week", "month", "year", "publication"]


@dataclass(frozen=True)
class Block:
    """A stretch of an article's clean text: its kind and character offsets."""

    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One news article after reading and cleaning.

    ``text`` is the cleaned text; every offset elsewhere in heron (blocks,
    event spans) points into it.  ``published_source`` says which evidence
    gave ``published`` ("metadata", "html-meta", "json-ld", "warc", "dateline",
    "caption", "first-dated-sentence", "option" for ``--date``), or is None when no date was found.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    published_source: str | None = None
    source_path: str | None = None
    blocks: tuple[Block, ...] = ()

    def block_at(self, offset: int) -> Block | None:
        for block in self.blocks:
            if block.start <= offset < block.end:
                return block
        return None


@dataclass(frozen=True)
class ReadFailure:
    """An input that could not be read; the batch goes on without it."""

    input: str
    reason: str

    def message(self) -> str:
        return f"heron: {self.input}: {self.reason}"


@dataclass(frozen=True)
class Actor:
    """A resolved actor mention.

    ``code`` is a CAMEO actor code: country ISO-3 plus role ("RUSGOV"), a
    bare country ("USA"), or a group ("IGOUNO", "IMGISI").  ``rule`` names
    what produced the code (e.g. "country-name", "title:Foreign Minister",
    "dictionary:leaders.csv:Sergei Lavrov 2004-03-09..").
    """

    code: str
    text: str
    name: str | None = None
    rule: str = ""
    start: int = -1  # character offsets in Article.text, -1 if unknown
    end: int = -1

    @property
    def country(self) -> str | None:
        head = self.code[:3]
        return None if head in NON_STATE_PREFIXES else head

    @property
    def role(self) -> str | None:
        return self.code[3:6] or None if self.country else None


# Prefixes of CAMEO codes that do not denote a country.
NON_STATE_PREFIXES = frozenset({"IGO", "IMG", "NGO", "MNC", "NGM", "UIS", "KUR", "---"})


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None  # ISO-3
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # "country", "city", "capital", "region"
    geonameid: int | None = None
    # Which evidence placed the event there (heron.placing: "clause", "argument",
    # "paragraph", "lead", "dateline") and how sure that kind of evidence is.
    rule: str = ""
    confidence: float | None = None


@dataclass(frozen=True)
class EventDate:
    value: date
    precision: DatePrecision
    phrase: str | None = None  # the words it came from, None for publication date
    end: date | None = None  # last day of a week/month/range


@dataclass(frozen=True)
class Event:
    """One coded event with all the evidence needed to explain it."""

    article_id: str
    sentence_index: int
    source: Actor
    target: Actor
    code: str  # CAMEO event code, e.g. "041"
    sentence: str
    span: tuple[int, int]  # evidence span in Article.text
    rule: str  # id of the lexicon pattern that fired
    negated: bool = False
    modality: Modality = "asserted"
    root: str = ""
    quad_class: int | None = None
    goldstein: float | None = None
    plover: str | None = None
    plover_mode: str | None = None
    date: EventDate | None = None
    location: Location | None = None
    trigger: str = ""  # the words that triggered the pattern
    evidence: tuple[str, ...] = ()  # further sentences merged into this event
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.root:
            object.__setattr__(self, "root", self.code[:2])
        if not self.id:
            object.__setattr__(self, "id", event_id(self.article_id, self.sentence_index,
                                                    self.source.code, self.target.code, self.code))

    @property
    def is_real(self) -> bool:
        """Counted as something that happened: not negated, not hypothetical."""
        return not self.negated and self.modality != "hypothetical"

    def to_record(self) -> dict[str, Any]:
        """The contract's event line (see shared CONTRACT.md)."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "source": actor_record(self.source),
            "target": actor_record(self.target),
            "code": self.code,
            "root": self.root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "negated": self.negated,
            "modality": self.modality,
            "date": self.date.value.isoformat() if self.date else None,
            "date_precision": self.date.precision if self.date else None,
            "date_phrase": self.date.phrase if self.date else None,
            "location": asdict(self.location) if self.location else None,
            "sentence": self.sentence,
            "sentence_index": self.sentence_index,
            "span": list(self.span),
            "trigger": self.trigger,
            "rule": self.rule,
            "evidence": list(self.evidence),
        }


def actor_record(actor: Actor) -> dict[str, Any]:
    return {"code": actor.code, "text": actor.text, "name": actor.name, "rule": actor.rule}


def event_id(article_id: str, sentence_index: int, source: str, target: str, code: str) -> str:
    """Deterministic id: the same fact coded twice gets the same id, so writes upsert."""
    key = f"{article_id}\x1f{sentence_index}\x1f{source}\x1f{target}\x1f{code}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=10).hexdigest()
