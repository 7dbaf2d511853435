"""The dated leaders dictionary (leaders.csv) and user actor files.

File format (CSV)::

    # version: 1
    name,aliases,country,role,title,start,end,note
    Sergei Lavrov,Lavrov;Sergey Lavrov,RUS,GOV,Foreign Minister,2004-03-09,,

An optional ninth column ``family_name`` gives the surname a text may use on
its own when it is not the name's last word (names.yaml has the rules that
apply otherwise: family-name-first countries, explicit family names, words
never taken as a surname).
``aliases`` are ';'-separated; ``country`` is ISO-3 (or a region code), or a
group code such as IGOUNO when ``role`` is empty; ``start``/``end`` are ISO
dates, ``end`` empty while in office.  ``end`` is the first day *out of*
office (the hand-over day belongs to the successor), so one entry's end may
equal the next one's start.  User files may also be YAML: a list of mappings
with the same fields (or ``{version: 1, leaders: [...]}``); ``aliases`` may
then be a list.

User entries override shipped ones for the same person on the same date.
Every problem raises :class:`ActorDataError` naming file, line, field and
reason, so a bad user file never half-loads.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from heron.actors.datafiles import check_version, read_data_text
from heron.actors.errors import ActorDataError
from heron.actors.gazetteer import norm
from heron.actors.names import NameRules
from heron.actors.organizations import GROUP_PREFIXES

FIELDS = ("name", "aliases", "country", "role", "title", "start", "end", "note", "family_name")
# The family_name column is optional: files with the first eight columns are valid.
BASE_FIELDS = FIELDS[:-1]
_VERSION_LINE = re.compile(r"^#\s*version\s*:\s*(\S+)\s*$")
_GROUP_CODE = re.compile(r"^[A-Z0-9]{3,12}$")
_GROUP_ROLE = re.compile(r"^[A-Z0-9]{3}$")


@dataclass(frozen=True)
class LeaderEntry:
    """One person in one office for one period."""

    name: str
    aliases: tuple[str, ...]
    country: str
    role: str
    title: str
    start: date | None
    end: date | None
    note: str
    source: str  # file name
    line: int
    family_name: str = ""

    @property
    def code(self) -> str:
        return self.country + self.role

    @property
    def key(self) -> str:
        return norm(self.name)

    @property
    def period(self) -> str:
        return f"{self.start.isoformat() if self.start else ''}..{self.end.isoformat() if self.end else ''}"

    def valid_at(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)

    def rule(self) -> str:
        return f"dictionary:{self.source}:{self.name} {self.period}"


@dataclass(frozen=True)
class Codes:
    """What leaders files are checked against."""

    countries: Collection[str]
    roles: Collection[str]


def _parse_date(value: str, label: str, line: int, field: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ActorDataError(
            f"{label}:{line}: {field}: impossible date {value!r} (expected a real date as YYYY-MM-DD)"
        ) from None


def make_entry(raw: dict[str, Any], label: str, line: int, codes: Codes) -> LeaderEntry:
    """Validate one row (already split into fields) and build its entry."""
    unknown = set(raw) - set(FIELDS)
    if unknown:
        raise ActorDataError(
            f"{label}:{line}: unknown field(s) {sorted(unknown)}; fields are {', '.join(FIELDS)}"
        )
    name = str(raw.get("name") or "").strip()
    if not name:
        raise ActorDataError(f"{label}:{line}: name: missing")
    aliases_raw = raw.get("aliases") or ""
    if isinstance(aliases_raw, list):
        aliases = tuple(str(a).strip() for a in aliases_raw if str(a).strip())
    else:
        aliases = tuple(a.strip() for a in str(aliases_raw).split(";") if a.strip())
    country = str(raw.get("country") or "").strip()
    role = str(raw.get("role") or "").strip()
    if not country:
        raise ActorDataError(f"{label}:{line}: country: missing")
    if country[:3] in GROUP_PREFIXES:
        # A group is either the whole code in country ("IGOUNO", role empty) or
        # its prefix plus a three-letter body in role ("IGO" + "UNO").
        if role and (len(country) != 3 or not _GROUP_ROLE.match(role)):
            raise ActorDataError(
                f"{label}:{line}: role: {role!r} with group code {country!r}: give the whole "
                "code in country and leave role empty, or the prefix and a 3-letter body"
            )
        if not _GROUP_CODE.match(country + role) or len(country + role) < 6:
            raise ActorDataError(f"{label}:{line}: country: {country + role!r} is not a CAMEO group code")
    else:
        if country not in codes.countries:
            raise ActorDataError(
                f"{label}:{line}: country: unknown country code {country!r} (expected ISO-3)"
            )
        if not role:
            raise ActorDataError(f"{label}:{line}: role: missing (e.g. GOV, MIL, LEG)")
        if role not in codes.roles:
            raise ActorDataError(
                f"{label}:{line}: role: unknown role {role!r} (known: {', '.join(sorted(codes.roles))})"
            )
    start = _parse_date(str(raw.get("start") or ""), label, line, "start")
    end = _parse_date(str(raw.get("end") or ""), label, line, "end")
    if start and end and end < start:
        raise ActorDataError(f"{label}:{line}: end: {end.isoformat()} is before start {start.isoformat()}")
    return LeaderEntry(
        name=name,
        aliases=aliases,
        country=country,
        role=role,
        title=str(raw.get("title") or "").strip(),
        start=start,
        end=end,
        note=str(raw.get("note") or "").strip(),
        source=label,
        line=line,
        family_name=_family_name(raw, name, aliases, label, line),
    )


def _family_name(raw: dict[str, Any], name: str, aliases: tuple[str, ...], label: str, line: int) -> str:
    family = str(raw.get("family_name") or "").strip()
    if family and not any(f" {norm(family)} " in f" {norm(n)} " for n in (name, *aliases)):
        raise ActorDataError(f"{label}:{line}: family_name: {family!r} is not a word of the name or an alias")
    return family


def check_overlaps(entries: Sequence[LeaderEntry], problems: list[str] | None = None) -> None:
    """The same person may not hold the same role twice at once (with ``problems``: every
    overlap is listed there instead of raising at the first)."""
    groups: dict[tuple[str, str], list[LeaderEntry]] = {}
    for entry in entries:
        groups.setdefault((entry.key, entry.role), []).append(entry)
    for group in groups.values():
        group.sort(key=lambda e: e.start or date.min)
        for before, after in zip(group, group[1:], strict=False):
            before_end = before.end or date.max
            if (after.start or date.min) < before_end:
                who = f"{after.name} ({after.role or after.country})"
                message = (f"{after.source}:{after.line}: start: {who} "
                           f"{after.period} overlaps line {before.line} ({before.period})")
                if problems is None:
                    raise ActorDataError(message)
                problems.append(message)


def _row_entry(raw: dict[str, Any], label: str, line: int, codes: Codes,
               problems: list[str] | None) -> LeaderEntry | None:
    """One row's entry; with ``problems``, a bad row is listed there and skipped."""
    try:
        return make_entry(raw, label, line, codes)
    except ActorDataError as exc:
        if problems is None:
            raise
        problems.append(str(exc))
        return None


def parse_csv(text: str, label: str, codes: Codes,
              problems: list[str] | None = None) -> tuple[LeaderEntry, ...]:
    lines = text.splitlines()
    if not lines:
        raise ActorDataError(f"{label}:1: empty file (expected '# version: 1' and a header)")
    match = _VERSION_LINE.match(lines[0].strip())
    if not match:
        raise ActorDataError(f"{label}:1: version: the first line must be '# version: 1'")
    check_version(f"{label}:1", match.group(1))
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = next(reader)  # the version line
    while header is not None and (not header or header[0].lstrip().startswith("#")):
        header = next(reader, None)  # comment lines may follow the version line
    columns = tuple(h.strip() for h in header) if header is not None else ()
    if columns not in (FIELDS, BASE_FIELDS):
        raise ActorDataError(
            f"{label}:{reader.line_num}: header: expected {','.join(BASE_FIELDS)}[,family_name]"
        )
    entries: list[LeaderEntry] = []
    end = reader.line_num
    for row in reader:
        first, line, end = end + 1, reader.line_num, reader.line_num
        if any("\n" in cell or "\r" in cell for cell in row):
            # An unclosed quote makes csv read on into the next lines as one field,
            # swallowing the rows there: say where it opened instead.
            message = f"{label}:{first}: unclosed quote (the field runs on to line {line})"
            if problems is None:
                raise ActorDataError(message)
            problems.append(message)
            continue
        if not row or all(not cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) != len(columns):
            message = (f"{label}:{line}: malformed row: {len(row)} fields, expected {len(columns)} "
                       f"({','.join(columns)})")
            if problems is None:
                raise ActorDataError(message)
            problems.append(message)
            continue
        entry = _row_entry(dict(zip(columns, row, strict=True)), label, line, codes, problems)
        if entry is not None:
            entries.append(entry)
    check_overlaps(entries, problems)
    return tuple(entries)


def parse_yaml(text: str, label: str, codes: Codes,
               problems: list[str] | None = None) -> tuple[LeaderEntry, ...]:
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ActorDataError(
            f"{label}:{mark.line + 1 if mark else 1}: not valid YAML: {getattr(exc, 'problem', exc)}"
        ) from exc
    if isinstance(root, yaml.MappingNode):
        top = {k.value: v for k, v in root.value}
        check_version(label, top["version"].value if "version" in top else None)
        root = top.get("leaders")
    if not isinstance(root, yaml.SequenceNode):
        raise ActorDataError(f"{label}:1: expected a list of leader entries (name, country, role, ...)")
    entries: list[LeaderEntry] = []
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            raise ActorDataError(
                f"{label}:{line}: malformed entry: expected a mapping of {', '.join(FIELDS)}"
            )
        raw: dict[str, Any] = {}
        for key, value in node.value:
            if isinstance(value, yaml.SequenceNode):
                raw[str(key.value)] = [v.value for v in value.value if isinstance(v, yaml.ScalarNode)]
            elif isinstance(value, yaml.ScalarNode):
                raw[str(key.value)] = "" if value.tag.endswith(":null") else value.value
            else:
                raise ActorDataError(f"{label}:{value.start_mark.line + 1}: {key.value}: malformed value")
        entry = _row_entry(raw, label, line, codes, problems)
        if entry is not None:
            entries.append(entry)
    check_overlaps(entries, problems)
    return tuple(entries)


def load_leaders_file(path: Path, codes: Codes, problems: list[str] | None = None) -> tuple[LeaderEntry, ...]:
    """Read and validate one leaders file (CSV, or YAML by extension).

    Without ``problems`` the first problem raises :class:`ActorDataError`; with it,
    every bad row and overlap is listed there and the good entries are returned (a
    problem with the file as a whole, such as its version line, still raises).
    """
    text = read_data_text(path, encoding="utf-8-sig")
    if path.suffix.lower() in {".yaml", ".yml"}:
        return parse_yaml(text, path.name, codes, problems)
    return parse_csv(text, path.name, codes, problems)


class BaseLayer:
    """The lowest leaders layer in a compact form (tens of thousands of rows).

    Rows are kept as plain tuples, sorted by person, and a row's
    :class:`LeaderEntry` is built when a lookup reaches it: the knowledge
    cache then stores strings and numbers, not one object per row, and loads
    in a few hundredths of a second.  A row's ``note`` stays in the file.
    """

    def __init__(self, entries: Iterable[LeaderEntry], rules: NameRules) -> None:
        ordered = sorted(entries, key=lambda e: (e.key, e.start or date.min, e.line))
        self.source = ordered[0].source if ordered else ""
        self._rows: tuple[tuple[str, str, str, str, int, int, int, str], ...] = tuple(
            (e.name, ";".join(e.aliases), e.country, e.role, e.start.toordinal() if e.start else 0,
             e.end.toordinal() if e.end else 0, e.line, e.family_name) for e in ordered)
        spans: dict[str, tuple[int, int]] = {}
        for index, entry in enumerate(ordered):
            first, _ = spans.get(entry.key, (index, index))
            spans[entry.key] = (first, index + 1)
        self._spans = spans
        names: dict[str, set[str]] = {}
        surnames: dict[str, set[str]] = {}
        for entry in ordered:
            for alias in (entry.name, *entry.aliases):
                names.setdefault(norm(alias), set()).add(entry.key)
                for key in rules.surname_keys(alias, entry.country, entry.family_name):
                    surnames.setdefault(key, set()).add(entry.key)
        # One person (the usual case) as a string, several as a tuple: fewer objects to load.
        self._names: dict[str, str | tuple[str, ...]] = {k: _pack(v) for k, v in names.items()}
        self._surnames: dict[str, str | tuple[str, ...]] = {k: _pack(v) for k, v in surnames.items()}

    def __len__(self) -> int:
        return len(self._rows)

    def people(self, key: str, surname: bool = False) -> tuple[str, ...]:
        found = (self._surnames if surname else self._names).get(key, ())
        return (found,) if isinstance(found, str) else found

    def has_surname(self, key: str) -> bool:
        return key in self._surnames

    def drop_surnames(self, keys: Collection[str]) -> None:
        """Forget these surname keys (another layer gives them)."""
        self._surnames = {k: v for k, v in self._surnames.items() if k not in keys}

    def entries_of(self, person: str) -> list[LeaderEntry]:
        first, stop = self._spans.get(person, (0, 0))
        return [self._entry(i) for i in range(first, stop)]

    def surname_keys_of(self, person: str, rules: NameRules) -> tuple[str, ...]:
        keys: list[str] = []
        for entry in self.entries_of(person)[:1]:
            for alias in (entry.name, *entry.aliases):
                keys.extend(k for k in rules.surname_keys(alias, entry.country, entry.family_name)
                            if k not in keys)
        return tuple(keys)

    @property
    def entries(self) -> tuple[LeaderEntry, ...]:
        return tuple(self._entry(i) for i in range(len(self._rows)))

    def _entry(self, index: int) -> LeaderEntry:
        name, aliases, country, role, start, end, line, family = self._rows[index]
        return LeaderEntry(
            name=name, aliases=tuple(aliases.split(";")) if aliases else (), country=country, role=role,
            title="", start=date.fromordinal(start) if start else None,
            end=date.fromordinal(end) if end else None, note="", source=self.source, line=line,
            family_name=family,
        )


def _pack(people: set[str]) -> str | tuple[str, ...]:
    return next(iter(people)) if len(people) == 1 else tuple(sorted(people))


class LeaderDictionary:
    """Dated name lookup over layers of entries; earlier layers win (user files first).

    ``base`` is a lowest-priority layer (leaders_petrarch.csv) kept apart from
    the others: a person any other layer names (by name or alias) is dropped
    from it, its full names count only where no other layer's name matches, and
    its surnames (with ``base_surnames``) only for a surname no other layer
    gives anyone, at any date.  So a larger base never makes a curated
    person's surname ambiguous.  It answers dated lookups only: without a
    date a lookup takes a person's latest office, and a base row (often an
    office of 2003-2014 with no end) is no evidence for an undated text.
    """

    def __init__(
        self,
        layers: Iterable[Sequence[LeaderEntry]],
        role_order: Sequence[str] = (),
        names: NameRules | None = None,
        base: Sequence[LeaderEntry] = (),
        base_surnames: bool = False,
    ) -> None:
        self._layers: tuple[tuple[LeaderEntry, ...], ...] = tuple(tuple(layer) for layer in layers)
        self._role_order = tuple(role_order)
        self.rules = names or NameRules()
        self.base_surnames = base_surnames
        ranked = [(rank, entry) for rank, layer in enumerate(self._layers) for entry in layer]
        self._names, self._surnames, self._by_person = self._index(ranked)
        # The base layer, less every person another layer names by any written form.
        named = set(self._names) | {self.rules.strip_article(k) for k in self._names}
        dropped = {e.key for e in base
                   if any(norm(n) in named or self.rules.strip_article(norm(n)) in named
                          for n in (e.name, *e.aliases))}
        self._base = BaseLayer((e for e in base if e.key not in dropped), self.rules)
        self._base.drop_surnames(self._surnames)
        self.base_dropped = len(dropped)
        # Each person's surname keys, in the order of ``surnames``: surname_keys is asked
        # for every named phrase and must not scan the whole index.
        self._surname_keys_of = self._keys_of(self._surnames)

    def _index(self, ranked: Iterable[tuple[int, LeaderEntry]]) -> tuple[
            dict[str, set[str]], dict[str, set[str]], dict[str, list[tuple[int, LeaderEntry]]]]:
        full: dict[str, set[str]] = {}
        surnames: dict[str, set[str]] = {}
        by_person: dict[str, list[tuple[int, LeaderEntry]]] = {}
        for rank, entry in ranked:
            by_person.setdefault(entry.key, []).append((rank, entry))
            for alias in (entry.name, *entry.aliases):
                full.setdefault(norm(alias), set()).add(entry.key)
                # Every written form gives its surname: "Zelenskyy" from the alias.
                for key in self.rules.surname_keys(alias, entry.country, entry.family_name):
                    surnames.setdefault(key, set()).add(entry.key)
        return full, surnames, by_person

    @staticmethod
    def _keys_of(surnames: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
        keys_of: dict[str, list[str]] = {}
        for key, who in surnames.items():
            for person in who:
                keys_of.setdefault(person, []).append(key)
        return {person: tuple(keys) for person, keys in keys_of.items()}

    def __len__(self) -> int:
        return sum(len(layer) for layer in self._layers) + len(self._base)

    @property
    def entries(self) -> tuple[LeaderEntry, ...]:
        return (*(e for layer in self._layers for e in layer), *self._base.entries)

    @property
    def base_entries(self) -> tuple[LeaderEntry, ...]:
        """The base layer's entries that loading kept."""
        return self._base.entries

    def _entry_for(self, person: str, when: date | None, base: bool = False) -> LeaderEntry | None:
        """The winning entry of one person at a date: the first layer with one, then role order."""
        found = [(0, e) for e in self._base.entries_of(person)] if base else self._by_person.get(person, [])
        if when is None:
            # Undated: the most recent office of the top layer that knows the person.
            if not found:
                return None
            top = min(rank for rank, _ in found)
            return max((e for rank, e in found if rank == top), key=lambda e: e.start or date.min)
        valid = [(rank, e) for rank, e in found if e.valid_at(when)]
        if not valid:
            return None
        top = min(rank for rank, _ in valid)
        candidates = [e for rank, e in valid if rank == top]
        return min(candidates, key=lambda e: self._role_rank(e.role))

    def _role_rank(self, role: str) -> int:
        return self._role_order.index(role) if role in self._role_order else len(self._role_order)

    def knows(self, text: str) -> bool:
        """Is this a name or surname of someone in the dictionary (at any date)?"""
        key = norm(text)
        bare = self.rules.strip_article(key)
        return (key in self._names or bare in self._names or bare in self._surnames
                or bool(self._base.people(key)) or bool(self._base.people(bare))
                or (self.base_surnames and self._base.has_surname(bare)))

    def surname_keys(self, name: str) -> tuple[str, ...]:
        """Keys a later bare mention of this written name may use ("Xi" for "Xi Jinping").

        A known person's keys come from the data; an unknown name's from its
        last word, when that may stand alone.  A base person's keys serve the
        article's own later mentions whether or not the dictionary looks them up.
        """
        people = self._names.get(norm(name), set())
        if len(people) == 1:
            person = next(iter(people))
            return self._surname_keys_of.get(person, ())
        if not people:
            base = self._base.people(norm(name))
            if len(base) == 1:
                return self._base.surname_keys_of(base[0], self.rules)
        return self.rules.surname_keys(name, "")

    def lookup(self, text: str, when: date | None) -> LeaderEntry | None:
        """The entry for a name as written, at a date; None when unknown or ambiguous.

        A full name or alias must belong to one person holding office at the
        date; a surname only counts when one such person has it, or when all
        who have it hold the same office code (two Bushes are both USAGOV).
        The base layer is asked after the others, for full names and (with
        ``base_surnames``) for surnames no other layer knows.
        """
        key = norm(text)
        if not key:
            return None
        bare = self.rules.strip_article(key)  # "al-Assad" -> "assad"
        steps: list[tuple[Iterable[str], bool]] = [
            (self._names.get(key, ()), False), (self._names.get(bare, ()), False),
            (self._base.people(key), True), (self._base.people(bare), True),
            (self._surnames.get(bare, ()), False),
        ]
        if self.base_surnames:
            steps.append((self._base.people(bare, surname=True), True))
        for people, base in steps:
            if base and when is None:
                continue  # the base layer's rows hold only at their dates: an undated text gets none
            hits = [e for e in (self._entry_for(p, when, base) for p in sorted(people)) if e is not None]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                if len({e.code for e in hits}) == 1:
                    return max(hits, key=lambda e: e.start or date.min)
                return None
        return None
