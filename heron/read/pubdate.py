"""An article's publication date, from the best evidence available.

Order (first that gives a date wins; its name goes into
``Article.published_source``):

1. ``metadata``  — the input's own date (JSONL ``date``)
2. ``html-meta`` — HTML meta tags / JSON-LD (via htmldate, no text guessing)
3. ``warc``      — the WARC-Date of the capture
4. ``dateline``  — "WASHINGTON, Oct. 27 (Reuters) -", "MOSCOW, March 3, 2019 —"
5. ``caption``   — a dated photo caption
6. ``first-dated-sentence`` — the first day-month-year date in the text

Nothing found → None.  Never today's date: a wrong date silently shifts every
relative event date ("on Tuesday") in the article.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from datetime import date, datetime

from heron.model import Block
from heron.read.dates import DateMention, bare_years, first_month_day, full_dates

log = logging.getLogger(__name__)

_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
# The head of a dateline: up to ~120 characters ending in a dash or colon
# ("WASHINGTON, Oct. 27 (Reuters) - ", "January 23, 2014 (ADDIS ABABA) – ").
_DATELINE_HEAD = re.compile(r"^(?P<head>[^\n]{3,120}?)\s*(?:\s[-–—]{1,2}|:)\s")
# A capitalised place word or an agency in brackets marks a head as a dateline
# rather than the start of an ordinary sentence.
_PLACE_CAPS = re.compile(r"\b[A-Z][A-Z.'-]{2,}\b")
_AGENCY = re.compile(r"\([^)]{2,40}\)")
_VERBISH = re.compile(r"\b(said|says|will|would|has|have|had|was|were|is|are)\b")


def parse_metadata_date(value: object, where: str = "") -> date | None:
    """A date from input metadata: ISO "2015-10-27" (time part ignored), or a
    written day-month-year date.  Anything else is ignored with a warning
    naming ``where`` (the input and line, "wire.jsonl:3")."""
    prefix = f"{where}: " if where else ""
    if value is None:
        return None
    if isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    if not isinstance(value, str) or not value.strip():
        log.warning("%signoring metadata date %r: not a date string", prefix, value)
        return None
    match = _ISO_PREFIX.match(value)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    mentions = full_dates(value)
    if mentions:
        return mentions[0].to_date()
    log.warning("%signoring metadata date %r: not a recognisable date", prefix, value)
    return None


def _plausible(value: date | None) -> date | None:
    """Reject dates after today: nothing is published in the future."""
    if value is None or value > date.today():
        return None
    return value


def infer_year(mention: DateMention, text: str) -> int | None:
    """The year of a month-day date from other dates in the text, or None.

    The latest full date in the text is the reference (articles look back at
    recent events more than far ahead), and the year that puts the month-day
    closest to it wins, so "Jan. 2" next to "Dec. 28, 2015" becomes 2016.
    Without full dates, the most mentioned bare year is used.
    """
    dated = [d for d in (m.to_date() for m in full_dates(text)) if d is not None]
    if dated:
        reference = max(dated)
        best: tuple[int, int] | None = None
        for year in (reference.year - 1, reference.year, reference.year + 1):
            candidate = mention.to_date(year)
            if candidate is None:
                continue
            distance = abs((candidate - reference).days)
            if best is None or distance < best[0]:
                best = (distance, year)
        return best[1] if best else None
    years = bare_years(text)
    if not years:
        return None
    counts = Counter(years)
    most = max(counts.values())
    # Ties go to the latest year: news mostly looks back at earlier years.
    return max(y for y, n in counts.items() if n == most)


def dateline_date(text: str, blocks: tuple[Block, ...]) -> date | None:
    """The date in a dateline at the start of the first body paragraph."""
    for block in blocks:
        if block.kind != "paragraph":
            continue
        para = text[block.start:block.end]
        match = _DATELINE_HEAD.match(para)
        if not match:
            return None
        head = match.group("head")
        if _VERBISH.search(head) or not (_PLACE_CAPS.search(head) or _AGENCY.search(head)):
            return None
        mention = first_month_day(head)
        if mention is None:
            return None
        year = mention.year if mention.year is not None else infer_year(mention, text)
        return _plausible(mention.to_date(year))
    return None


def caption_date(text: str, blocks: tuple[Block, ...]) -> date | None:
    for block in blocks:
        if block.kind != "caption":
            continue
        for mention in full_dates(text[block.start:block.end]):
            found = _plausible(mention.to_date())
            if found:
                return found
    return None


def first_dated_sentence(text: str) -> date | None:
    for mention in full_dates(text):
        found = _plausible(mention.to_date())
        if found:
            return found
    return None


def publication_date(text: str, blocks: tuple[Block, ...], *, metadata: date | None = None,
                     html_meta: date | None = None,
                     warc: date | None = None) -> tuple[date | None, str | None]:
    """(date, source name) from the best evidence, or (None, None)."""
    for value, source in ((metadata, "metadata"), (html_meta, "html-meta"), (warc, "warc")):
        if value is not None:
            return value, source
    found = dateline_date(text, blocks)
    if found:
        return found, "dateline"
    found = caption_date(text, blocks)
    if found:
        return found, "caption"
    found = first_dated_sentence(text)
    if found:
        return found, "first-dated-sentence"
    return None, None
