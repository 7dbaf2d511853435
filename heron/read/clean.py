"""Cleaning raw article text: drop page chrome, normalise whitespace, find blocks.

The output text is a sequence of paragraphs joined by a blank line ("\\n\\n").
The title and section headings stay in the text as their own paragraphs so
every offset is consistent; :class:`heron.model.Block` records say what each
paragraph is, and the event coder skips headings and captions by kind.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

from heron.model import Block, BlockKind
from heron.read.dates import DMY, MDY
from heron.read.rules import ChromeRules, load_chrome

log = logging.getLogger(__name__)

# Whitespace-like characters that scraped pages carry; all become one space.
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Invisible characters that only get in the way of matching: zero-width
# spaces and joiners, soft hyphens, bidi marks, embeddings and isolates, and
# control characters (C0 but tab, C1, DEL).  One inside a name ("Rus\u200bsia")
# or a verb hides it from the parser, so they go before anything reads the text.
_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
    "\u2061-\u2064\u180e\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Unicode's own line and paragraph separators (and NEL) break lines as \n does.
_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n\n", "\x85": "\n"})
# A line that ends a sentence (or a quotation that ends one).
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$|[\"”’»]$")
# Any final punctuation: titles and headings end with none of it.
_FINAL_PUNCT = re.compile(r"[.!?…:;,][\"'”’»)\]]*$|[\"”’»]$")
# A line ending mid-clause: the next line surely continues it.
_MID_CLAUSE = re.compile(r"[,;(\[]$|\w-$")
_WORD = re.compile(r"[^\s]+")

TITLE_MAX_WORDS = 20
TITLE_MAX_CHARS = 200
HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 100
CAPTION_MAX_WORDS = 80
# A line this long that ends without punctuation is a hard-wrapped line of
# a paragraph rather than a heading.
WRAPPED_LINE_MIN_CHARS = 50

# ", Oct. 27, 2015," — a full date set off by commas right after a place, the
# way photo captions give it ("X arrives in Y, Oct. 27, 2015, to ...").
_CAPTION_DATES = tuple(re.compile(rf",\s*{p.pattern}\s*[,.]") for p in (MDY, DMY))


@dataclass(frozen=True)
class Cleaned:
    text: str
    title: str | None
    blocks: tuple[Block, ...]
    removed: tuple[str, ...]  # the chrome lines dropped, for explanation and tests


def normalise_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line)
    line = _INVISIBLE.sub("", line)
    return _SPACES.sub(" ", line).strip()


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def _has_final_punct(line: str) -> bool:
    return bool(_FINAL_PUNCT.search(line))


def _paragraphs(raw: str, rules: ChromeRules) -> tuple[list[str], list[str]]:
    """Split into paragraphs, dropping chrome lines and joining hard-wrapped lines."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    lines = [normalise_line(x) for x in raw.split("\n")]
    has_blank_separators = any(not x for x in lines[1:-1])
    paragraphs: list[str] = []
    removed: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if rules.chrome_rule(line) is not None:
            removed.append(line)
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current and _continues(current[-1], line, has_blank_separators):
            current.append(line)
        else:
            if current:
                paragraphs.append(" ".join(current))
            current = [line]
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs, removed


def _continues(previous: str, line: str, has_blank_separators: bool) -> bool:
    """Whether ``line`` continues ``previous`` (a hard wrap), not a new paragraph."""
    if _ends_sentence(previous):
        return False
    if line[0].islower() or _MID_CLAUSE.search(previous):
        return True
    # With blank lines marking paragraphs, a single newline after a long
    # unfinished line is a wrap; a short one is more likely a heading.
    return has_blank_separators and len(previous) >= WRAPPED_LINE_MIN_CHARS


def _same_text(a: str, b: str) -> bool:
    def key(s: str) -> str:
        s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        return " ".join(s.split()).casefold().rstrip(".")
    return key(a) == key(b)


def looks_like_title(line: str) -> bool:
    words = _WORD.findall(line)
    return (0 < len(words) <= TITLE_MAX_WORDS and len(line) <= TITLE_MAX_CHARS
            and not _has_final_punct(line) and (line[0].isupper() or line[0].isdigit()
                                              or line[0] in "'\"‘“"))


def looks_like_heading(line: str, rules: ChromeRules) -> bool:
    """A short Title-Case-ish line without sentence-final punctuation."""
    words = _WORD.findall(line)
    if not words or len(words) > HEADING_MAX_WORDS or len(line) > HEADING_MAX_CHARS:
        return False
    if _has_final_punct(line) or not (line[0].isupper() or line[0].isdigit()):
        return False
    content = [w for w in words if w.strip("\"'‘’“”()").casefold() not in rules.small_words]
    content = [w.strip("\"'‘’“”()") for w in content]
    content = [w for w in content if w and w[0].isalpha()]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.6


def looks_like_caption(line: str, rules: ChromeRules) -> bool:
    if rules.caption_rule(line) is not None:
        return True
    words = _WORD.findall(line)
    return len(words) <= CAPTION_MAX_WORDS and any(p.search(line) for p in _CAPTION_DATES)


def _classify(paragraphs: list[str], title: str | None,
              rules: ChromeRules) -> tuple[list[BlockKind], str | None]:
    kinds: list[BlockKind] = ["paragraph"] * len(paragraphs)
    found_title = title
    if title:
        for i, para in enumerate(paragraphs[:3]):
            if _same_text(para, title):
                kinds[i] = "title"
                break
    elif len(paragraphs) > 1 and looks_like_title(paragraphs[0]) and not looks_like_caption(
            paragraphs[0], rules):
        kinds[0] = "title"
        found_title = paragraphs[0]
    last = len(paragraphs) - 1
    for i, para in enumerate(paragraphs):
        if kinds[i] != "paragraph":
            continue
        if looks_like_caption(para, rules):
            kinds[i] = "caption"
        elif i < last and looks_like_heading(para, rules):
            kinds[i] = "heading"
    return kinds, found_title


def clean_text(raw: str, title: str | None = None, rules: ChromeRules | None = None) -> Cleaned:
    """Clean ``raw`` article text; ``title`` is the title from metadata, if any."""
    rules = rules or load_chrome()
    given = normalise_line(title) if title else None
    paragraphs, removed = _paragraphs(raw, rules)
    if removed:
        log.debug("removed %d chrome lines", len(removed))
    kinds, found_title = _classify(paragraphs, given or None, rules)
    blocks: list[Block] = []
    offset = 0
    for para, kind in zip(paragraphs, kinds, strict=True):
        blocks.append(Block(kind, offset, offset + len(para)))
        offset += len(para) + 2
    return Cleaned("\n\n".join(paragraphs), found_title, tuple(blocks), tuple(removed))
