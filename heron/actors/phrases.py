"""Cutting the noun phrase headed by a token into known pieces.

A noun phrase ("Iranian Foreign Minister Mohamed Javad Zarif") is scanned
left to right for the longest known names and role words: here a demonym
("Iranian"), a title ("Foreign Minister") and, left over, a person's name.
The resolver then combines the pieces into one CAMEO code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from heron.actors.gazetteer import NameEntry, norm
from heron.actors.knowledge import ActorKnowledge
from heron.actors.roles import RoleWord

PieceKind = Literal["entry", "role", "ethnic", "modifier"]

# Children of a noun that belong to its phrase (poss is handled as its own phrase).
LEFT_DEPS = frozenset({"compound", "amod", "nmod", "det", "nummod", "flat", "npadvmod", "quantmod"})
RIGHT_PREPS = frozenset({"of", "for"})
NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "abu", "de", "da", "di", "van", "von", "der", "la", "le", "-"}
)
MAX_WORDS = 8
LED_SUFFIX = "-led"
# Entity types that are never a person's name, whatever the parser thinks.
NOT_NAMES = frozenset(
    {
        "DATE",
        "TIME",
        "CARDINAL",
        "ORDINAL",
        "MONEY",
        "PERCENT",
        "QUANTITY",
        "LAW",
        "WORK_OF_ART",
        "EVENT",
        "LANGUAGE",
    }
)


@dataclass(frozen=True)
class Piece:
    kind: PieceKind
    start: int  # token indices, end exclusive
    end: int
    text: str
    entry: NameEntry | None = None
    role: RoleWord | None = None

    def covers(self, i: int) -> bool:
        return self.start <= i < self.end

    @property
    def country(self) -> str | None:
        return self.entry.country if self.entry else None


@dataclass(frozen=True)
class Phrase:
    """The analysed noun phrase of one head token."""

    head: Token
    start: int  # token range of the phrase (poss included), end exclusive
    end: int
    pieces: tuple[Piece, ...]
    name: tuple[int, ...]  # token indices of a person's name ending at the head, if any
    poss: Token | None

    @property
    def head_piece(self) -> Piece | None:
        for piece in self.pieces:
            if piece.covers(self.head.i):
                return piece
        return None

    def text(self) -> str:
        return self.head.doc[self.start : self.end].text

    def name_text(self) -> str:
        doc = self.head.doc
        return doc[self.name[0] : self.name[-1] + 1].text if self.name else ""

    def before(self, index: int) -> list[Piece]:
        """Pieces left of a token index, nearest first."""
        return sorted((p for p in self.pieces if p.end <= index), key=lambda p: -p.start)

    def after(self, index: int) -> list[Piece]:
        return [p for p in self.pieces if p.start > index]


def phrase_range(head: Token) -> tuple[int, int, Token | None, set[int]]:
    """Token range of the phrase, its possessor, and the possessor's tokens."""
    lo, hi = head.i, head.i + 1
    poss: Token | None = None
    skipped: set[int] = set()
    for child in head.lefts:
        if child.dep_ in LEFT_DEPS:
            lo = min(lo, child.left_edge.i)
        elif child.dep_ == "poss":
            poss = child
            lo = min(lo, child.left_edge.i)
            skipped.update(range(child.left_edge.i, child.right_edge.i + 1))
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in RIGHT_PREPS and child.i == hi:
            hi = child.right_edge.i + 1
    return lo, hi, poss, skipped


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _match(doc: Doc, i: int, j: int, knowledge: ActorKnowledge) -> Piece | None:
    span = doc[i:j]
    if span[0].is_punct or span[-1].is_punct or span[-1].is_space:
        return None
    text = span.text
    entry = knowledge.name_entry(text)
    if entry is not None:
        return Piece("entry", i, j, text, entry=entry)
    if j == i + 1 and text.lower().endswith(LED_SUFFIX):
        # "U.S.-led coalition": the leader acts.  ("Russian-backed" does not:
        # backers are not the actors.)
        entry = knowledge.name_entry(text[: -len(LED_SUFFIX)])
        if entry is not None and entry.country is not None:
            return Piece("entry", i, j, text, entry=entry)
    lemma_text = " ".join([t.text for t in span[:-1]] + [span[-1].lemma_])
    role = knowledge.role_word(text, lemma_text)
    if role is not None:
        return Piece("role", i, j, text, role=role)
    if j == i + 1:
        key = norm(text)
        if key in knowledge.roles.ethnic_no_state and text[:1].isupper():
            return Piece("ethnic", i, j, text)
        if key in knowledge.roles.title_modifiers:
            return Piece("modifier", i, j, text)
    return None


def scan(doc: Doc, indices: list[int], knowledge: ActorKnowledge) -> list[Piece]:
    """Greedy longest matches over contiguous runs of token indices."""
    pieces: list[Piece] = []
    for run in _runs(indices):
        k = 0
        while k < len(run):
            i = run[k]
            if doc[i].dep_ in ("det", "case", "punct") and doc[i].lower_ not in ("-",):
                k += 1
                continue
            found = None
            for length in range(min(MAX_WORDS, len(run) - k), 0, -1):
                found = _match(doc, i, i + length, knowledge)
                if found is not None:
                    break
            if found is None:
                k += 1
            else:
                pieces.append(found)
                k += found.end - found.start
    return pieces


def _looks_like_name(token: Token) -> bool:
    return (
        token.text[:1].isupper()
        and token.ent_type_ not in NOT_NAMES
        and not token.text.endswith(".")
        and (token.pos_ in ("PROPN", "X") or token.ent_type_ == "PERSON")
    )


def _glued(doc: Doc, i: int) -> bool:
    """Is token i the lower-case tail of a hyphenated name ("Moon Jae-in", split as Jae / - / in)?"""
    return (
        i >= 2
        and len(doc[i].text) <= 4
        and doc[i].is_alpha
        and doc[i].is_lower
        and doc[i - 1].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and doc[i - 2].text[:1].isupper()
        and doc[i - 2].is_alpha
    )


def hyphen_head(token: Token) -> Token | None:
    """For the tail of a hyphenated name, the name word it is glued to; else None."""
    return token.doc[token.i - 2] if _glued(token.doc, token.i) else None


def analyse(head: Token, knowledge: ActorKnowledge) -> Phrase:
    doc = head.doc
    lo, hi, poss, skipped = phrase_range(head)
    if poss is not None and any(
        _match(doc, start, head.i + 1, knowledge) is not None for start in range(poss.left_edge.i, poss.i + 1)
    ):
        # "Kurdistan Workers' Party": the parser's possessor is part of a known name.
        poss, skipped = None, set()
    own = [i for i in range(lo, hi) if i not in skipped]
    pieces = scan(doc, own, knowledge)
    covered = {i for p in pieces for i in range(p.start, p.end)}
    name: list[int] = []
    # A capitalised word the tagger took for a common noun ("Zelenskyy asked ...")
    # is still a name when the dictionary knows it.
    known = head.text[:1].isupper() and head.pos_ == "NOUN" and knowledge.leaders.knows(head.text)
    if head.i not in covered and (_looks_like_name(head) or known):
        i = head.i
        while i >= lo and i not in covered and i not in skipped:
            token = doc[i]
            if _looks_like_name(token) or token.lower_ in NAME_PARTICLES or token.i == head.i:
                name.insert(0, i)
                i -= 1
            else:
                break
        while name and doc[name[0]].lower_ in NAME_PARTICLES and doc[name[0]].lower_ == "-":
            name.pop(0)
        if name and head.i + 2 < len(doc) and _glued(doc, head.i + 2):
            name.extend((head.i + 1, head.i + 2))
            hi = max(hi, head.i + 3)
    return Phrase(head=head, start=lo, end=hi, pieces=tuple(pieces), name=tuple(name), poss=poss)
