"""Calendar dates written out in news text ("Oct. 27, 2015", "3 March 2019").

Shared by the cleaner (a dated caption) and pubdate (datelines, captions,
first dated sentence).  Our own regexes rather than dateparser's search:
dateparser's search finds weekday names and bare numbers too and resolves
them against today, which a publication date must never do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

# "Oct. 27, 2015" / "October 27 2015"; the year is optional in PARTIAL.
MDY = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))\b")
DMY = re.compile(rf"\b(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})\b")
ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
# "24.11.2013": day.month.year with dots is the European written form; the US
# never writes dates with dots, so it is not ambiguous.
DOTTED = re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b")
MD_PARTIAL = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?\b(?!\s*\d)")
DM_PARTIAL = re.compile(rf"\b(?P<day>{_DAY})\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?\b")
BARE_YEAR = re.compile(rf"\b(?P<year>{_YEAR})\b")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    month: int
    day: int
    year: int | None

    def to_date(self, year: int | None = None) -> date | None:
        y = self.year if self.year is not None else year
        if y is None:
            return None
        try:
            return date(y, self.month, self.day)
        except ValueError:
            return None


def _month_number(token: str) -> int:
    return MONTHS[token.rstrip(".")[:3].casefold()]


def _day_number(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _mention(match: re.Match[str], numeric_month: bool = False) -> DateMention:
    month_token = match.group("month")
    month = int(month_token) if numeric_month else _month_number(month_token)
    year = match.group("year")
    return DateMention(match.start(), match.end(), month, _day_number(match.group("day")),
                       int(year) if year else None)


def full_dates(text: str) -> list[DateMention]:
    """Every day-month-year date in ``text``, in order, only valid calendar days."""
    found: list[DateMention] = []
    for pattern, numeric in ((MDY, False), (DMY, False), (ISO, True), (DOTTED, True)):
        for match in pattern.finditer(text):
            mention = _mention(match, numeric)
            if mention.to_date() is not None:
                found.append(mention)
    found.sort(key=lambda m: (m.start, -m.end))
    # Drop overlaps ("27 October 2015" can match DMY and nothing else, but be safe).
    result: list[DateMention] = []
    for mention in found:
        if not result or mention.start >= result[-1].end:
            result.append(mention)
    return result


def first_month_day(text: str) -> DateMention | None:
    """The first month-day date in ``text``, with or without a year."""
    best: DateMention | None = None
    for pattern in (MD_PARTIAL, DM_PARTIAL):
        match = pattern.search(text)
        if match and (best is None or match.start() < best.start):
            best = _mention(match)
    return best


def bare_years(text: str) -> list[int]:
    return [int(m.group("year")) for m in BARE_YEAR.finditer(text)]
