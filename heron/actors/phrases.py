"""Cutting the noun phrase headed by a token into known pieces.

A noun phrase ("Iranian Foreign Minister Mohamed Javad Zarif") is scanned
left to right for the longest known names and role words: here a demonym
("Iranian"), a title ("Foreign Minister") and, left over, a person's name.
The resolver then combines the pieces into one CAMEO code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Token

from heron.actors.gazetteer import NameEntry, norm
from heron.actors.knowledge import ActorKnowledge
from heron.actors.roles import RoleWord

PieceKind = Literal["entry", "role", "ethnic", "modifier"]

# Children of a noun that belong to its phrase (poss is handled as its own phrase).
LEFT_DEPS = frozenset({"compound", "amod", "nmod", "det", "nummod", "flat", "npadvmod", "quantmod"})
RIGHT_PREPS = frozenset({"of", "for"})
# Lower-case words inside a person's name: Arabic, Romance, Dutch and German
# particles, and the "and" of Portuguese, Spanish and Catalan double surnames
# ("Ulisses Correia e Silva", "Joan-Enric Vives i Sicília").
NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "abu", "de", "da", "di", "van", "von", "der", "la", "le", "-",
     "do", "dos", "das", "du", "del", "e", "y", "i"}
)
MAX_WORDS = 8
SPAN_MEMO_SIZE = 1 << 16  # span lookups remembered across articles (ActorKnowledge.span_memo)
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
    # The article's token table, so texts are sliced from plain strings, not rebuilt from spaCy spans.
    tokens: DocTokens | None = field(default=None, compare=False, repr=False)

    @property
    def head_piece(self) -> Piece | None:
        for piece in self.pieces:
            if piece.covers(self.head.i):
                return piece
        return None

    def text(self) -> str:
        if self.tokens is not None:
            return self.tokens.span_text(self.start, self.end)
        return self.head.doc[self.start : self.end].text

    def name_text(self) -> str:
        if not self.name:
            return ""
        if self.tokens is not None:
            return self.tokens.span_text(self.name[0], self.name[-1] + 1)
        doc = self.head.doc
        return doc[self.name[0] : self.name[-1] + 1].text

    def before(self, index: int) -> list[Piece]:
        """Pieces left of a token index, nearest first."""
        return sorted((p for p in self.pieces if p.end <= index), key=lambda p: -p.start)

    def after(self, index: int) -> list[Piece]:
        return [p for p in self.pieces if p.start > index]


@dataclass(frozen=True)
class DocTokens:
    """Token attributes of one Doc in plain tuples, read once.

    Every ``doc[i]`` builds a new spaCy Token object; the phrase scanner
    looks at the same few tokens hundreds of times per article, so it reads
    them from here instead.
    """

    text: tuple[str, ...]
    text_ws: tuple[str, ...]
    lower: tuple[str, ...]
    lemma: tuple[str, ...]
    dep: tuple[str, ...]
    pos: tuple[str, ...]
    ent_type: tuple[str, ...]
    idx: tuple[int, ...]
    is_punct: tuple[bool, ...]
    is_space: tuple[bool, ...]
    is_alpha: tuple[bool, ...]
    is_lower: tuple[bool, ...]
    has_ws: tuple[bool, ...]

    @classmethod
    def of(cls, doc: Doc) -> DocTokens:
        rows = [
            (
                t.text,
                t.text_with_ws,
                t.lower_,
                t.lemma_,
                t.dep_,
                t.pos_,
                t.ent_type_,
                t.idx,
                t.is_punct,
                t.is_space,
                t.is_alpha,
                t.is_lower,
                bool(t.whitespace_),
            )
            for t in doc
        ]
        if not rows:
            return cls((), (), (), (), (), (), (), (), (), (), (), (), ())
        cols = tuple(zip(*rows, strict=True))
        return cls(*cols)

    def __len__(self) -> int:
        return len(self.text)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``: the tokens with their spaces, less the last token's."""
        if end <= start:
            return ""
        return "".join(self.text_ws[start : end - 1]) + self.text[end - 1]


class PhraseScanner:
    """Phrase analysis of one Doc, with every span lookup and phrase remembered.

    Phrases overlap and are analysed more than once per article (for the
    article's context, then for resolution), so each (start, end) span is
    looked up in the name lists at most once.
    """

    def __init__(self, doc: Doc, knowledge: ActorKnowledge) -> None:
        self.doc = doc
        self.knowledge = knowledge
        self.tokens = DocTokens.of(doc)
        self._matches: dict[tuple[int, int], Piece | None] = {}
        self._phrases: dict[int, Phrase] = {}

    def match(self, i: int, j: int) -> Piece | None:
        key = (i, j)
        try:
            return self._matches[key]
        except KeyError:
            found = self._matches[key] = _match_tokens(self.tokens, i, j, self.knowledge)
            return found

    def analyse(self, head: Token) -> Phrase:
        phrase = self._phrases.get(head.i)
        if phrase is None:
            phrase = self._phrases[head.i] = _analyse(head, self)
        return phrase


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


def _backers(head: Token, participles: frozenset[str]) -> set[int]:
    """The tokens of a backer hung on a participle modifier ("Rwanda" in "Rwanda-backed
    rebels"): they name who backs the actor, not whose it is."""
    out: set[int] = set()
    for child in head.lefts:
        if child.dep_ == "amod" and child.tag_ == "VBN" and child.lemma_.lower() in participles:
            for backer in child.lefts:
                if backer.dep_ in {"npadvmod", "compound", "nmod", "amod"}:
                    out.update(range(backer.left_edge.i, backer.right_edge.i + 1))
    return out


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _match(doc: Doc, i: int, j: int, knowledge: ActorKnowledge) -> Piece | None:
    return _match_tokens(DocTokens.of(doc), i, j, knowledge)


def _match_tokens(tokens: DocTokens, i: int, j: int, knowledge: ActorKnowledge) -> Piece | None:
    last = j - 1
    if tokens.is_punct[i] or tokens.is_punct[last] or tokens.is_space[last]:
        return None
    text = tokens.span_text(i, j)
    lemma_text = " ".join([*tokens.text[i:last], tokens.lemma[last]])
    key = (text, lemma_text, j == i + 1)
    memo = knowledge.span_memo
    try:
        found = memo[key]
    except KeyError:
        if len(memo) >= SPAN_MEMO_SIZE:
            memo.clear()
        found = memo[key] = _lookup(knowledge, text, lemma_text, j == i + 1)
    if found is None:
        return None
    kind, entry, role = found
    return Piece(kind, i, j, text, entry=entry, role=role)  # type: ignore[arg-type]


def _lookup(
    knowledge: ActorKnowledge, text: str, lemma_text: str, single: bool
) -> tuple[PieceKind, NameEntry | None, RoleWord | None] | None:
    """What a span's text names: a name entry, a role word, an ethnic or title modifier, or None."""
    entry = knowledge.name_entry(text)
    if entry is not None:
        return "entry", entry, None
    if single and text.lower().endswith(LED_SUFFIX):
        # "U.S.-led coalition": the leader acts.  ("Russian-backed" does not:
        # backers are not the actors.)
        entry = knowledge.name_entry(text[: -len(LED_SUFFIX)])
        if entry is not None and entry.country is not None:
            return "entry", entry, None
    role = knowledge.role_word(text, lemma_text)
    if role is not None:
        return "role", None, role
    if single:
        key = norm(text)
        if key in knowledge.roles.ethnic_no_state and text[:1].isupper():
            return "ethnic", None, None
        if key in knowledge.roles.title_modifiers:
            return "modifier", None, None
    return None


def scan(doc: Doc, indices: list[int], knowledge: ActorKnowledge) -> list[Piece]:
    """Greedy longest matches over contiguous runs of token indices."""
    return _scan(PhraseScanner(doc, knowledge), indices)


def _scan(scanner: PhraseScanner, indices: list[int]) -> list[Piece]:
    tokens = scanner.tokens
    pieces: list[Piece] = []
    for run in _runs(indices):
        k = 0
        while k < len(run):
            i = run[k]
            if tokens.dep[i] in ("det", "case", "punct") and tokens.lower[i] != "-":
                k += 1
                continue
            found = None
            for length in range(min(MAX_WORDS, len(run) - k), 0, -1):
                found = scanner.match(i, i + length)
                if found is not None:
                    break
            if found is None:
                k += 1
            else:
                pieces.append(found)
                k += found.end - found.start
    return pieces


def _looks_like_name(token: Token) -> bool:
    return _name_like(token.text, token.ent_type_, token.pos_)


def _name_like(text: str, ent_type: str, pos: str) -> bool:
    return (
        text[:1].isupper()
        and ent_type not in NOT_NAMES
        and not text.endswith(".")
        and (pos in ("PROPN", "X") or ent_type == "PERSON")
    )


def _glued(doc: Doc, i: int) -> bool:
    """Is token i the lower-case tail of a hyphenated name ("Moon Jae-in", split as Jae / - / in)?"""
    return _glued_tokens(DocTokens.of(doc), i)


def _glued_tokens(tokens: DocTokens, i: int) -> bool:
    return (
        i >= 2
        and len(tokens.text[i]) <= 4
        and tokens.is_alpha[i]
        and tokens.is_lower[i]
        and tokens.text[i - 1] == "-"
        and not tokens.has_ws[i - 1]
        and not tokens.has_ws[i - 2]
        and tokens.text[i - 2][:1].isupper()
        and tokens.is_alpha[i - 2]
    )


def hyphen_head(token: Token, tokens: DocTokens | None = None) -> Token | None:
    """For the tail of a hyphenated name, the name word it is glued to; else None."""
    if tokens is None:
        return token.doc[token.i - 2] if _glued(token.doc, token.i) else None
    return token.doc[token.i - 2] if _glued_tokens(tokens, token.i) else None


def analyse(head: Token, knowledge: ActorKnowledge) -> Phrase:
    return _analyse(head, PhraseScanner(head.doc, knowledge))


def _analyse(head: Token, scanner: PhraseScanner) -> Phrase:
    tokens = scanner.tokens
    knowledge = scanner.knowledge
    hi_i = head.i
    lo, hi, poss, skipped = phrase_range(head)
    if poss is not None and any(
        scanner.match(start, end) is not None
        for start in range(poss.left_edge.i, poss.i + 1)
        for end in {hi_i + 1, hi}
    ):
        # "Kurdistan Workers' Party", "the Democratic People's Republic of Korea": the
        # parser's possessor is part of a known name.
        poss, skipped = None, set()
    skipped |= _backers(head, knowledge.roles.backing_participles)
    own = [i for i in range(lo, hi) if i not in skipped]
    pieces = _scan(scanner, own)
    covered = {i for p in pieces for i in range(p.start, p.end)}
    name: list[int] = []
    texts, lower = tokens.text, tokens.lower
    head_text, head_pos = texts[hi_i], tokens.pos[hi_i]
    # A capitalised word the tagger took for a common noun ("Zelenskyy asked ...")
    # is still a name when the dictionary knows it.
    known = head_text[:1].isupper() and head_pos == "NOUN" and knowledge.leaders.knows(head_text)
    if hi_i not in covered and (_name_like(head_text, tokens.ent_type[hi_i], head_pos) or known):
        i = hi_i
        while i >= lo and i not in covered and i not in skipped:
            if (
                _name_like(texts[i], tokens.ent_type[i], tokens.pos[i])
                or lower[i] in NAME_PARTICLES
                or i == hi_i
            ):
                name.insert(0, i)
                i -= 1
            else:
                break
        while name and lower[name[0]] in NAME_PARTICLES and lower[name[0]] == "-":
            name.pop(0)
        if name and hi_i + 2 < len(tokens) and _glued_tokens(tokens, hi_i + 2):
            name.extend((hi_i + 1, hi_i + 2))
            hi = max(hi, hi_i + 3)
    return Phrase(
        head=head, start=lo, end=hi, pieces=tuple(pieces), name=tuple(name), poss=poss, tokens=tokens
    )
