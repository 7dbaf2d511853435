"""The dateline: the city a report was filed from ("GENEVA, March 3 (Reuters) -"),
found in the article's first lines, past leftover page chrome."""

from __future__ import annotations

import re

from heron.gazetteer import Gazetteer, normalize

_DATELINE_LEAD = re.compile(r"^\s*([A-Z][A-Z'’.\- ]*[A-Z.])\s*(?:,|\(|[-–—]+\s|/|:\s)")
_DATELINE_PAREN = re.compile(r"^[^()\n]{0,40}\(([A-Z][A-Z'’.\- ]*[A-Z])\)\s*[-–—]")
# "Bamako: Two soldiers ...", "New Delhi/Srinagar: ...": a known city in title case
# before a colon (or a slash and a second city) is a dateline too.
_DATELINE_TITLE = re.compile(
    r"^\s*([A-Z][a-z'’.\-]+(?: [A-Z][a-z'’.\-]+){0,2})\s*(?::\s|/[A-Z][^:\n]{0,40}:\s)")
# "PSARADES, Greece (AP) --": a city too small for the gazetteer, placed by its country.
_DATELINE_QUALIFIED = re.compile(r"^\s*([A-Z][A-Z'’.\- ]*[A-Z]),\s+([A-Z][A-Za-z .]+?)\s*[({]")
# Lines of leftover page chrome ("Share", "Updated 10:42 GMT", a menu) may
# stand before the dateline: look past them, but no further than the first
# line of prose, where the story has begun: a long line, or a sentence of a
# few words ending in a full stop ("Delegates resumed talks on the dam.").
DATELINE_MAX_LINES = 12
PROSE_LINE = 100
PROSE_WORDS = 4
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")


def find_dateline(text: str, gazetteer: Gazetteer, lines: int = DATELINE_MAX_LINES) -> str | None:
    """The dateline city at the start of an article, as it would be looked up
    ("Geneva", or "Psarades, Greece" for a place known only by its country)."""
    seen = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        seen += 1
        if seen > lines:
            break
        found = _dateline_of(line, gazetteer)
        if found is not None:
            return found
        if _is_prose(line):
            break
    return None


def _is_prose(line: str) -> bool:
    """Whether a line is the story's own text, not page chrome before its dateline."""
    line = line.strip()
    if len(line) >= PROSE_LINE:
        return True
    return len(line.split()) >= PROSE_WORDS and _SENTENCE_END.search(line) is not None


def _dateline_of(line: str, gazetteer: Gazetteer) -> str | None:
    for pattern in (_DATELINE_LEAD, _DATELINE_PAREN):
        m = pattern.match(line)
        if not m:
            continue
        raw = m.group(1).strip(" .-")
        letters = [ch for ch in raw if ch.isalpha()]
        if len(letters) < 3 or not all(ch.isupper() for ch in letters):
            continue
        name = raw.title()
        if normalize(name) in gazetteer.agencies:
            continue
        if gazetteer.knows(name):
            return name
    m = _DATELINE_QUALIFIED.match(line)
    if m and gazetteer.country_code(m.group(2).strip()) and normalize(m.group(1)) not in gazetteer.agencies:
        return f"{m.group(1).strip().title()}, {m.group(2).strip()}"
    m = _DATELINE_TITLE.match(line)
    if m:
        entry = gazetteer.lookup_entry(m.group(1))
        if entry is not None and entry.location.feature in ("city", "capital"):
            return m.group(1)
    return None
