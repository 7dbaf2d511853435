"""Reading one date phrase against the publication date.

The vocabulary lives in ``heron/data/temporal.yaml``: weekdays (the most
recent one on or before publication, or the next on or after it for future
events), "yesterday", "last week", "in July", "Oct. 27", "2014", "two days
ago" and so on.  dateparser is only a last resort for explicit numeric dates
our patterns miss: it gets future weekdays and "Thursday and Friday" wrong.
Which phrase belongs to an event is :mod:`heron.when`'s business.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from heron.datafiles import parse_yaml_source
from heron.model import DatePrecision, EventDate

log = logging.getLogger(__name__)

class TemporalError(ValueError):
    """The temporal vocabulary file is invalid; the message names file, entry and reason."""


# --------------------------------------------------------------------------- vocabulary


class _TenseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    future_aux: list[str] = Field(min_length=1)
    future_verbs: list[str]
    future_copulas: list[str]
    schedule_verbs: list[str]
    perfect_aux: list[str]
    speech_verbs: list[str]


class _TemporalFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    weekdays: list[list[str]] = Field(min_length=7, max_length=7)
    months: list[list[str]] = Field(min_length=12, max_length=12)
    relative_days: dict[str, int]
    parts_of_day: list[str]
    fillers: list[str]
    vague: list[str]
    numbers: dict[str, int]
    tense: _TenseFile

    @field_validator("weekdays", "months")
    @classmethod
    def _non_empty_names(cls, value: list[list[str]]) -> list[list[str]]:
        for n, names in enumerate(value, 1):
            if not names or not all(isinstance(x, str) and x for x in names):
                raise ValueError(f"entry #{n} must be a non-empty list of names")
        return value


@dataclass(frozen=True)
class Tense:
    """Words that tell which way a clause's bare weekday points (see heron.when)."""

    future_aux: frozenset[str] = frozenset()  # "will travel", "said he would travel"
    future_verbs: frozenset[str] = frozenset()  # lemmas taking a to-infinitive: "plans to travel"
    future_copulas: frozenset[str] = frozenset()  # the same, but not in the past: "is to meet", "going to"
    schedule_verbs: frozenset[str] = frozenset()  # dates right under them: "talks are scheduled for Monday"
    perfect_aux: frozenset[str] = frozenset()  # "would have met" is no future
    speech_verbs: frozenset[str] = frozenset()  # "said on Tuesday he was halting ..."


@dataclass(frozen=True)
class Temporal:
    """The temporal vocabulary, lower-cased and indexed."""

    weekdays: Mapping[str, int]
    months: Mapping[str, int]
    relative_days: Mapping[str, int]
    parts_of_day: frozenset[str]
    fillers: frozenset[str]
    vague: frozenset[str]
    numbers: Mapping[str, int]
    tense: Tense = Tense()

    @cached_property  # asked once per event sentence; the vocabulary never changes
    def words(self) -> frozenset[str]:
        """Single words that mark a date phrase even when NER missed it."""
        singles = {k for k in self.relative_days if " " not in k} | {v for v in self.vague if " " not in v}
        long_names = {w for w in self.weekdays if len(w) > 3}
        return frozenset(singles | long_names)


def _line_of(text: str, key: str) -> str:
    for n, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(f"{key}:"):
            return f" (line {n})"
    return ""


def load_temporal(path: Path | None = None) -> Temporal:
    """Load and validate a temporal vocabulary file (default: the shipped one)."""
    raw, where, text = parse_yaml_source("temporal.yaml", path, TemporalError)
    try:
        doc = _TemporalFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(f"#{p + 1}" if isinstance(p, int) else str(p) for p in err["loc"])
        line = _line_of(text, str(err["loc"][0]))
        raise TemporalError(f"{where}: entry {loc}{line}: {err['msg']}") from exc

    def index(groups: list[list[str]]) -> dict[str, int]:
        out: dict[str, int] = {}
        for i, names in enumerate(groups):
            for name in names:
                if name.lower() in out:
                    raise TemporalError(f"{where}: name {name!r} is listed twice")
                out[name.lower()] = i
        return out

    return Temporal(
        weekdays=index(doc.weekdays),
        months=index(doc.months),
        relative_days={k.lower(): v for k, v in doc.relative_days.items()},
        parts_of_day=frozenset(w.lower() for w in doc.parts_of_day),
        fillers=frozenset(w.lower() for w in doc.fillers),
        vague=frozenset(w.lower() for w in doc.vague),
        numbers={k.lower(): v for k, v in doc.numbers.items()},
        tense=Tense(**{name: frozenset(w.lower() for w in getattr(doc.tense, name))
                       for name in Tense.__dataclass_fields__}),
    )


@cache
def default_temporal() -> Temporal:
    """The shipped vocabulary, from the knowledge cache (:mod:`heron.knowledge_cache`) once compiled."""
    from heron.knowledge_cache import load_or_build

    return load_or_build("temporal", load_temporal)


# --------------------------------------------------------------------------- resolving a phrase

Outcome = Literal["date", "vague", "unknown"]


@dataclass(frozen=True)
class Reading:
    """What a phrase says: a date, 'some time around now' (vague), or nothing we can read."""

    outcome: Outcome
    date: EventDate | None = None


UNKNOWN = Reading("unknown")
VAGUE = Reading("vague")

_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.]\d{1,2}[/.]\d{1,4}\b")
_TOKEN_RE = re.compile(r"\d{4}-\d{2}-\d{2}|\d+(?:st|nd|rd|th)?|[a-z]+|'s|’s|-")


def _words(phrase: str) -> list[str]:
    text = phrase.lower().replace("mid-", "mid ")
    return _TOKEN_RE.findall(text)


def _strip(words: list[str], fillers: frozenset[str]) -> list[str]:
    start, end = 0, len(words)
    while start < end and words[start] in fillers:
        start += 1
    while end > start and words[end - 1] in fillers:
        end -= 1
    return words[start:end]


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _weekday_on(published: date, weekday: int, future: bool, strict: bool = False) -> date:
    """The weekday nearest publication: on/before it (past) or on/after it (future)."""
    if future:
        delta = (weekday - published.weekday()) % 7
        if strict and delta == 0:
            delta = 7
        return published + timedelta(days=delta)
    delta = (published.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return published - timedelta(days=delta)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_yearless(published: date, month: int, day: int, future: bool) -> date | None:
    """A day-and-month without a year: the nearest one not after publication (or not before, if future)."""
    years = (published.year, published.year + 1) if future else (published.year, published.year - 1)
    for year in years:
        candidate = _safe_date(year, month, day)
        if candidate is None:
            continue
        if (future and candidate >= published) or (not future and candidate <= published):
            return candidate
    return None


def read_phrase(phrase: str, published: date | None, future: bool = False,
                vocab: Temporal | None = None) -> Reading:
    """Read one date phrase ("last week", "on Thursday and Friday", "Oct. 27, 2015")."""
    t = vocab or default_temporal()
    words = _words(phrase)
    if not words:
        return UNKNOWN
    joined = " ".join(words)
    if joined in t.vague or " ".join(_strip(words, t.fillers)) in t.vague:
        return VAGUE
    core = _strip(words, t.fillers)
    if not core:
        return UNKNOWN
    text = " ".join(core)
    for reader in (_read_iso, _read_explicit, _read_relative_day, _read_weekdays,
                   _read_relative_period, _read_ago, _read_month, _read_year, _read_range):
        reading = reader(core, text, phrase, published, future, t)
        if reading is not None:
            return reading
    if any(w in t.vague for w in core) and not any(ch.isdigit() for ch in text):
        return VAGUE
    return _read_with_dateparser(phrase, published, future, t)


Reader = Reading | None


def _read_iso(core: list[str], text: str, phrase: str, published: date | None,
              future: bool, t: Temporal) -> Reader:
    if len(core) == 1 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", core[0]):
        try:
            return Reading("date", EventDate(date.fromisoformat(core[0]), "day", phrase))
        except ValueError:
            return None
    return None


def _number(word: str) -> int | None:
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", word)
    return int(m.group(1)) if m else None


def _read_explicit(core: list[str], text: str, phrase: str, published: date | None,
                   future: bool, t: Temporal) -> Reader:
    """'Oct. 27, 2015', '27 October 2015', 'March 3', 'Tuesday, Oct. 27'."""
    words = [w for w in core if w not in t.weekdays and w not in t.parts_of_day and w != "of"]
    month = day = year = None
    for i, w in enumerate(words):
        if w in t.months and i + 1 < len(words) and (n := _number(words[i + 1])) is not None and n <= 31:
            month, day = t.months[w] + 1, n
            rest = words[i + 2:]
            break
        if (n := _number(w)) is not None and n <= 31 and i + 1 < len(words) and words[i + 1] in t.months:
            month, day = t.months[words[i + 1]] + 1, n
            rest = words[i + 2:]
            break
    else:
        return None
    if len(words) > 4:  # "March 3 and the following weeks": not a single date
        return None
    if rest and (y := _number(rest[0])) is not None and 1800 <= y <= 2200:
        year = y
    elif rest:
        return None
    if year is not None:
        value = _safe_date(year, month, day)
    elif published is not None:
        value = _nearest_yearless(published, month, day, future)
    else:
        return None
    return Reading("date", EventDate(value, "day", phrase)) if value else None


def _read_relative_day(core: list[str], text: str, phrase: str, published: date | None,
                       future: bool, t: Temporal) -> Reader:
    if text not in t.relative_days:
        return None
    if published is None:
        return None
    return Reading("date", EventDate(published + timedelta(days=t.relative_days[text]), "day", phrase))


def _read_weekdays(core: list[str], text: str, phrase: str, published: date | None,
                   future: bool, t: Temporal) -> Reader:
    """'Tuesday', 'last Tuesday', 'Thursday night', 'Thursday and Friday', 'Monday through Wednesday'."""
    modifier = None
    words = list(core)
    if words and words[0] in ("last", "next", "this", "past", "coming"):
        modifier = words.pop(0)
    days: list[int] = []
    for w in words:
        if w in t.weekdays:
            days.append(t.weekdays[w])
        elif w in t.parts_of_day or w in t.fillers or w in ("and", "or", "through", "to", "until", "thru"):
            continue
        else:
            return None
    if not days or published is None:
        return None
    is_future = future or modifier in ("next", "coming")
    strict = modifier in ("last", "next", "past", "coming")
    first = _weekday_on(published, days[0], is_future, strict=strict)
    last = first
    for d in days[1:]:
        last = last + timedelta(days=(d - last.weekday()) % 7 or 7)
    if last - first > timedelta(days=6):
        return None
    return Reading("date", EventDate(first, "day", phrase, end=last if last != first else None))


def _read_relative_period(core: list[str], text: str, phrase: str, published: date | None,
                          future: bool, t: Temporal) -> Reader:
    """'last week', 'this month', 'next year', 'the weekend', 'last weekend'."""
    if published is None:
        return None
    words = list(core)
    if len(words) == 1 and words[0] == "weekend":
        words = ["next" if future else "last", "weekend"]
    if len(words) == 3 and words[0] == "this" and words[1] == "past":
        words = ["last", words[2]]
    if len(words) != 2 or words[0] not in ("last", "this", "next", "previous", "coming"):
        return None
    rel = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[words[0]]
    unit = words[1]
    if unit == "week":
        start = _week_start(published) + timedelta(weeks=rel)
        return Reading("date", EventDate(start, "week", phrase, end=start + timedelta(days=6)))
    if unit == "weekend":
        # The weekend nearest publication in the phrase's direction; "this
        # weekend" leans on the tense.
        direction_future = rel > 0 or (rel == 0 and future)
        saturday = _weekday_on(published, 5, direction_future)
        if not direction_future and published.weekday() == 6:
            saturday = published - timedelta(days=1)
        return Reading("date", EventDate(saturday, "day", phrase, end=saturday + timedelta(days=1)))
    if unit == "month":
        year, month = _add_months(published.year, published.month, rel)
        first, last = _month_range(year, month)
        return Reading("date", EventDate(first, "month", phrase, end=last))
    if unit == "year":
        year = published.year + rel
        return Reading("date", EventDate(date(year, 1, 1), "year", phrase, end=date(year, 12, 31)))
    return None


def _read_ago(core: list[str], text: str, phrase: str, published: date | None,
              future: bool, t: Temporal) -> Reader:
    """'two days ago', 'a week ago', '3 years ago'."""
    if published is None or len(core) != 3 or core[2] != "ago":
        return None
    count = t.numbers.get(core[0]) if _number(core[0]) is None else _number(core[0])
    unit = core[1].rstrip("s")
    if count is None:
        return None
    if unit == "day":
        return Reading("date", EventDate(published - timedelta(days=count), "day", phrase))
    if unit == "week":
        start = _week_start(published - timedelta(weeks=count))
        return Reading("date", EventDate(start, "week", phrase, end=start + timedelta(days=6)))
    if unit == "month":
        year, month = _add_months(published.year, published.month, -count)
        first, last = _month_range(year, month)
        return Reading("date", EventDate(first, "month", phrase, end=last))
    if unit == "year":
        year = published.year - count
        return Reading("date", EventDate(date(year, 1, 1), "year", phrase, end=date(year, 12, 31)))
    return None


def _read_month(core: list[str], text: str, phrase: str, published: date | None,
                future: bool, t: Temporal) -> Reader:
    """'July', 'in July', 'last July', 'July 2015', 'next March'."""
    words = list(core)
    modifier = words.pop(0) if words and words[0] in ("last", "next", "this", "past") else None
    if not words or words[0] not in t.months or len(words) > 2:
        return None
    month = t.months[words[0]] + 1
    if len(words) == 2:
        year = _number(words[1])
        if year is None or not 1800 <= year <= 2200:
            return None
    else:
        if published is None:
            return None
        is_future = future or modifier == "next"
        year = published.year
        if is_future and month < published.month:
            year += 1
        elif not is_future and month > published.month:
            year -= 1
        if modifier in ("last", "past") and month == published.month:
            year -= 1
        if modifier == "next" and month == published.month:
            year += 1
    first, last = _month_range(year, month)
    return Reading("date", EventDate(first, "month", phrase, end=last))


def _read_year(core: list[str], text: str, phrase: str, published: date | None,
               future: bool, t: Temporal) -> Reader:
    if len(core) != 1:
        return None
    year = _number(core[0])
    if year is None or not 1800 <= year <= 2200 or not re.fullmatch(r"\d{4}", core[0]):
        return None
    return Reading("date", EventDate(date(year, 1, 1), "year", phrase, end=date(year, 12, 31)))


_RANGE_WORDS = frozenset({"and", "to", "through", "until", "till", "-"})


def _read_range(core: list[str], text: str, phrase: str, published: date | None,
                future: bool, t: Temporal) -> Reader:
    """'between 1989 and 2010', 'from March to May': from the first's start to the second's end."""
    cut = next((i for i, w in enumerate(core) if w in _RANGE_WORDS), None)
    if cut is None or cut == 0 or cut == len(core) - 1:
        return None
    first = read_phrase(" ".join(core[:cut]), published, future, t)
    second = read_phrase(" ".join(core[cut + 1:]), published, future, t)
    if first.date is None or second.date is None:
        return None
    last = second.date.end or second.date.value
    if last < first.date.value:
        return None
    return Reading("date", EventDate(first.date.value, first.date.precision, phrase, end=last))


def _read_with_dateparser(phrase: str, published: date | None, future: bool, t: Temporal) -> Reading:
    """Last resort for numeric dates our readers do not know ("27/10/2015", "2015/10/27").

    Only for day-month-year shapes: dateparser also reads durations
    ("24 hours", "10 years") as dates relative to today.
    """
    if not _NUMERIC_DATE.search(phrase):
        return UNKNOWN
    import dateparser  # slow to import; rarely needed

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "STRICT_PARSING": True,
        "DATE_ORDER": "DMY",
    }
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    try:
        data = dateparser.date.DateDataParser(languages=["en"], settings=settings).get_date_data(phrase)
    except Exception as exc:  # dateparser raises assorted errors on odd input
        log.debug("dateparser failed on %r: %s", phrase, exc)
        return UNKNOWN
    if data is None or data.date_obj is None:
        return UNKNOWN
    value = data.date_obj.date()
    precision: DatePrecision = data.period if data.period in ("day", "week", "month", "year") else "day"
    return Reading("date", EventDate(value, precision, phrase))


__all__ = [
    "Reading", "Temporal", "Tense", "TemporalError", "default_temporal", "load_temporal", "read_phrase",
]
