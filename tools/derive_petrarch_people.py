"""Derive heron/data/leaders_petrarch.csv (dated people) from PETRARCH-2's actor dictionaries.

Run offline from the repository root::

    .venv/bin/python tools/derive_petrarch_people.py [--source-dir DIR] [--out FILE] [--today YYYY-MM-DD]

The dictionaries (MIT, openeventdata/petrarch2 at 676801cd9cb2) list actors
in TABARI's format: a line ``NAME_WITH_UNDERSCORES_  # comment`` starts an
entry, ``+ALIAS_`` lines add names, and ``[CODE]`` or ``[CODE dates]`` (on the
entry's line or indented below it) give its codes: ``YYMMDD-YYMMDD`` a range,
``>YYMMDD`` from a date, ``<YYMMDD`` until one, no date the entry's default.
We keep people with dated codes that heron can read as a leaders row:
an ISO-3 country heron knows followed by a role of roles.yaml (the sub-role
after it, GOVBUS, GOVMIL, is dropped: heron codes country and role), or a
group code of organizations.yaml.  The rules, and what they drop, are in
``RULES`` below and in the header of the file written; the counts are printed.

The table is heron's lowest-priority leaders layer (heron.actors.knowledge,
``BASE_LEADERS``): any person the curated files name wins.  People the
curated files name are left out here already (by any name or alias), and the
loader drops again any that a curated or user file names, so an edit of the
curated files can never make the two conflict.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a plain script without installing heron

from heron.actors.gazetteer import norm  # noqa: E402

SOURCE_DIR = Path("/work/shared/lexicons/petrarch2")
FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
OUT = ROOT / "heron" / "data" / "leaders_petrarch.csv"
COMMIT = "676801cd9cb2"
VERSION = 1
FIELDS = ("name", "aliases", "country", "role", "title", "start", "end", "note")

# Two-digit years: the files use 1931-1999 and 2000-2014 only (no year 15-30
# occurs), so 00-30 is 20xx and 31-99 is 19xx.  Checked by hand: Zahir Shah
# AFGGOV 331108-730717 (king 1933-1973), Artur Rasizade AZEGOV 960720-030804.
CENTURY_PIVOT = 30


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make a name an institution's, not a person's.
ORG_WORDS = _words("""
organization organisation union council committee commission party army front movement bank fund
agency association federation group groups brigade brigades force forces league congress parliament
assembly court tribunal ministry government republic kingdom state states national international
institute institution center centre office company corporation corp inc ltd co llc plc treaty
community programme program alliance society foundation university college church council school
authority board bureau secretariat mission department service services media news radio television
tv network journal police militia rebels students workers people peoples battalion regiment
headquarters cartel tribe region province district city county islands island republic democratic
federal
""")

# Words a name form may start with that are titles, not names ("PRESIDENT_HU_JINTAO",
# "SECRETARY-GENERAL_BAN_KI-MOON"): stripped from the front of a form.
TITLE_WORDS = _words("""
president vice prime minister foreign secretary general secretary-general un u.n. united nations
chancellor premier king queen prince princess emir amir sultan sheikh shaikh sheik crown ayatollah
grand imam pope cardinal archbishop bishop rev reverend father mr mrs ms miss dr sir lord lady dame
gen lt col colonel major captain admiral marshal field commander chief senator sen rep governor
mayor ambassador envoy spokesman spokeswoman former late dictator leader chairman chair speaker
judge justice the mullah maulana hojjat ol eslam hojatolislam hojatoleslam hojjatoleslam
""")

# Lower-case particles inside a name (never its first word).
PARTICLES = _words("al el bin ibn bint de da di do dos das du del della der den van von la le y e ter ten zu")
ROMAN = _words("ii iii iv v vi vii viii ix x xi xii")
# Fused articles a hyphen joins to the next word ("AL-ASSAD" -> "al-Assad").
HYPHEN_ARTICLES = _words("al el ad ash as at ar az an ed es en er adh")
# Countries whose hyphenated given names are written with a lower-case second part ("Ki-moon").
LOWER_HYPHEN = frozenset({"KOR", "PRK", "TWN", "CHN", "HKG"})

_WORD = re.compile(r"^[^\W\d_][^\W\d_.'\-]*(?:[.'\-][^\W\d_]*)*\.?$")
_CODE = re.compile(r"\[([^\]]*)\]")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)+$")
_DATES = re.compile(r"^([<>]?)\s*(\d+)(?:\s*-\s*(\d+))?$")

# A word that is in at least this many different people's names, in every
# word of a name, makes the name common: "Abdul Qadir", "Mohammed Ali",
# "Ali Hassan" name many people in news besides the one PETRARCH means.
COMMON_WORD_PEOPLE = 12

RULES = f"""\
people: entries with at least one dated code, a name of two or more words once
  leading titles are stripped ("President Hu Jintao" -> "Hu Jintao"), made of letters,
  '.', '-' and apostrophes only, with no institution word (army, party, council, ...);
  country and organisation entries fall out here (they carry no role or no person name).
codes: an ISO-3 country heron knows followed by a roles.yaml role (AZEGOVBUS -> AZE GOV:
  the sub-role is dropped), or the longest organizations.yaml group code the code starts
  with (IGOUNOKID -> IGOUNO, in country with role empty); other codes are dropped.
dates: YYMMDD (00-{CENTURY_PIVOT} is 20xx, else 19xx) or YYYYMMDD; A-B gives start A and end B
  (end is the first day out of office, as in leaders.csv: PETRARCH-2 ends one office on
  the day the next starts); >A gives start A and no end (PETRARCH-2 stops about 2014,
  so such a row may outlast the office); <B gives no start and end B; malformed or
  impossible dates drop the code.  Rows of one person, role and code that overlap or
  touch are merged; one person holding one role for two codes at once is dropped.
undated codes: a trailing [XXXELI] (PETRARCH-2's default outside the dated offices: the
  country's elite) becomes an ELI row from the end of the person's last dated office on,
  never a row valid at every date; none while a dated office has no end; other undated
  codes are dropped.  Measured on the PERSON names of the evaluation texts (full names
  only): one more person found, rightly; no namesake.
names: capitalised word by word ("LYNDEN_O._PINDLING_" -> "Lynden O. Pindling"), with an
  alias without middle initials ("Lynden Pindling"); a
  name form given for two people of different countries is dropped from both; people
  whose every name form is common (each word in the names of {COMMON_WORD_PEOPLE}+ people) or is a
  country, place or organisation name heron knows are dropped; so are people the
  curated leaders files name by any name or alias (the curated rows win).
"""


@dataclass
class RawEntry:
    """One entry of a PETRARCH actor file, as written."""

    name: str
    file: str
    line: int
    comment: str = ""
    aliases: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Code:
    country: str
    role: str
    start: date | None
    end: date | None
    raw: str


@dataclass
class Person:
    name: str
    forms: list[str]  # name first, then aliases, all capitalised
    codes: list[Code]
    where: str  # file:line of the first entry
    country: str  # the ISO-3 country of the first country code, else ""
    undated: list[str] = field(default_factory=list)  # countries of undated [XXXELI] codes


def parse_actor_file(lines: Iterable[str], file: str) -> list[RawEntry]:
    """The entries of one TABARI/PETRARCH actor file."""
    entries: list[RawEntry] = []
    current: RawEntry | None = None
    for number, line in enumerate(lines, 1):
        text = line.rstrip("\r\n").lstrip("\ufeff")
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        body, _, comment = text.partition("#")
        if text[0] in " \t[":
            if current is not None:
                current.codes.extend(_CODE.findall(body))
            continue
        if text[0] == "+":
            if current is not None:
                alias = body[1:].split("[", 1)[0].strip()
                if alias:
                    current.aliases.append(alias)
                current.codes.extend(_CODE.findall(body))
            continue
        current = RawEntry(body.split("[", 1)[0].strip(), file, number, comment.strip())
        current.codes.extend(_CODE.findall(body))
        entries.append(current)
    return entries


def parse_date(text: str) -> date | None:
    """YYMMDD or YYYYMMDD; None when malformed or impossible."""
    if len(text) == 6:
        yy = int(text[:2])
        year = (2000 if yy <= CENTURY_PIVOT else 1900) + yy
        month, day = int(text[2:4]), int(text[4:6])
    elif len(text) == 8:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_code(raw: str, countries: Collection[str], roles: Collection[str],
               groups: Collection[str]) -> tuple[Code | None, str]:
    """One ``[CODE dates]`` as a heron country and role with dates, or None and why not."""
    parts = raw.split(None, 1)
    if not parts or parts[0].strip("-") == "":
        return None, "code [---] or empty"
    code = parts[0].upper()
    if len(parts) == 1:
        return None, "undated code"
    match = _DATES.match(parts[1].strip())
    if not match:
        return None, "malformed dates"
    sign, first, second = match.groups()
    a = parse_date(first)
    b = parse_date(second) if second else None
    if a is None or (second and b is None) or (sign and second):
        return None, "malformed dates"
    start, end = (None, a) if sign == "<" else (a, b)
    if start and end and end < start:
        return None, "end before start"
    if code[:3] in countries:
        role = code[3:6]
        if not role:
            return None, "country without a role"
        if role not in roles:
            return None, f"role unknown to heron ({role})"
        return Code(code[:3], role, start, end, raw), ""
    known = [g for g in groups if len(g) >= 6 and code.startswith(g)]
    if known:
        return Code(max(known, key=len), "", start, end, raw), ""
    return None, "country or group unknown to heron"


def capitalise(form: str, country: str = "") -> str:
    """ "LYNDEN_O._PINDLING_" -> "Lynden O. Pindling", "BASHAR_AL-ASSAD" -> "Bashar al-Assad"."""
    words = [w for w in form.replace("_", " ").split() if w]
    out = []
    for index, word in enumerate(words):
        lower = word.lower()
        if index and lower in PARTICLES:
            out.append(lower)
            continue
        if lower in ROMAN:
            out.append(word.upper())
            continue
        if _INITIALS.match(word):
            out.append(word.upper())  # initials: "O.", "J.R."
            continue
        parts = word.split("-")
        cased = []
        for p_index, part in enumerate(parts):
            p = part.lower()
            if p_index < len(parts) - 1 and p in HYPHEN_ARTICLES and (index or p_index):
                cased.append(p)  # "al-Assad"
            elif p_index and country in LOWER_HYPHEN:
                cased.append(p)  # "Ki-moon"
            else:
                cased.append(_cap_word(p))
        out.append("-".join(cased))
    if out and out[0] in PARTICLES:
        out[0] = out[0].capitalize()
    return " ".join(out)


def _cap_word(word: str) -> str:
    if not word:
        return word
    if word.startswith("mc") and len(word) > 3:
        return "Mc" + word[2:].capitalize()
    if len(word) > 2 and word[1] == "'" and word[0] in "od":
        return word[0].upper() + "'" + word[2:].capitalize()  # O'Brien, D'Alema
    return word.capitalize()


def strip_titles(form: str) -> str:
    """The form without leading title words ("PRESIDENT_HU_JINTAO" -> "HU_JINTAO"), a
    parenthesised tail ("(ACTING") or the comma before a suffix ("WHITE,_JR.")."""
    form = re.sub(r"\s*\(.*$", "", form.replace("_", " "))
    form = re.sub(r",\s*(JR|SR)\.?\s*$", r" \1.", form, flags=re.IGNORECASE)
    words = [w for w in form.split() if w]
    while words and words[0].lower().rstrip(".") in TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def without_initials(form: str) -> str:
    """The form without middle initials ("Lynden O. Pindling" -> "Lynden Pindling"), or ""."""
    words = form.split()
    kept = [w for i, w in enumerate(words)
            if i in (0, len(words) - 1) or not (w.endswith(".") and len(w.replace(".", "")) <= 2)]
    return " ".join(kept) if len(kept) < len(words) and len(kept) >= 2 else ""


def person_like(form: str) -> str:
    """Why this (title-stripped) form is no person's name, or "" when it may be one."""
    words = form.split()
    if len(words) < 2:
        return "one word"
    if not all(_WORD.match(w) for w in words):
        return "not a name (digits or symbols)"
    if any(w.lower().strip(".'") in ORG_WORDS for w in words):
        return "an institution's name"
    return ""


def _after_last_office(person: Person, stats: Counter[str]) -> list[Code]:
    """Undated ELI codes as rows from the end of the last dated office on (none while one is open)."""
    if not person.undated:
        return []
    if any(c.end is None for c in person.codes):
        stats["undated ELI dropped: a dated office has no end"] += len(set(person.undated))
        return []
    last = max(c.end for c in person.codes if c.end is not None)
    stats["undated ELI kept as a row after the last dated office"] += len(set(person.undated))
    return [Code(country, "ELI", last, None, f"{country}ELI") for country in sorted(set(person.undated))]


def _merge(codes: list[Code]) -> list[Code] | None:
    """Codes of one person merged per (country, role); None when one role has two codes at once."""
    by_code: dict[tuple[str, str], list[Code]] = defaultdict(list)
    for code in codes:
        by_code[(code.country, code.role)].append(code)
    merged: list[Code] = []
    for group in by_code.values():
        group.sort(key=lambda c: c.start or date.min)
        run = group[0]
        for code in group[1:]:
            if run.end is None or (code.start or date.min) <= run.end:
                end = None if run.end is None or code.end is None else max(run.end, code.end)
                run = Code(run.country, run.role, run.start, end, run.raw + "+" + code.raw)
            else:
                merged.append(run)
                run = code
        merged.append(run)
    by_role: dict[str, list[Code]] = defaultdict(list)
    for code in merged:
        by_role[code.role].append(code)
    for group in by_role.values():
        group.sort(key=lambda c: c.start or date.min)
        for before, after in zip(group, group[1:], strict=False):
            if (after.start or date.min) < (before.end or date.max):
                return None
    return sorted(merged, key=lambda c: (c.start or date.min, c.role, c.country))


@dataclass
class Knowledge:
    """What the derivation checks against: heron's codes and the names it already knows."""

    countries: frozenset[str]
    roles: frozenset[str]
    groups: frozenset[str]
    taken: frozenset[str]  # norm keys of country, place and organisation names
    curated: frozenset[str]  # norm keys of every name and alias in the curated leaders files
    place: Callable[[str], bool] = lambda name: False  # is this a place name of the gazetteer?


def load_knowledge() -> Knowledge:
    """heron's codes and names, from its shipped data."""
    from heron.actors.datafiles import shipped_path
    from heron.actors.dictionary import load_leaders_file
    from heron.actors.knowledge import SHIPPED_LEADERS, ActorKnowledge

    knowledge = ActorKnowledge.load()
    groups = frozenset(e.code for entries in knowledge.names.values() for e in entries
                       if e.kind == "org" and e.code and e.code[:3] not in knowledge.countries.countries)
    curated: set[str] = set()
    for name in SHIPPED_LEADERS:
        for entry in load_leaders_file(shipped_path(name), knowledge.codes):
            curated.update(norm(n) for n in (entry.name, *entry.aliases))
    from heron.gazetteer import Gazetteer

    places = Gazetteer.load()
    return Knowledge(
        countries=frozenset(knowledge.countries.countries),
        roles=frozenset(knowledge.roles.order),
        groups=groups,
        taken=frozenset(knowledge.names),
        curated=frozenset(curated),
        place=places.knows,
    )


def derive(entries: Iterable[RawEntry], known: Knowledge, review: list[str] | None = None,
           undated_eli: bool = True) -> tuple[list[Person], Counter[str]]:
    """The people to write, and counts of what was kept and dropped (and why).

    With ``review``, a line "reason<TAB>name(s)" is added there for each person or
    name form dropped, to read by eye (``--review FILE``).  With ``undated_eli``
    (the default; ``--drop-undated-eli`` to measure without), an undated [XXXELI]
    becomes an ELI row from the end of the person's last dated office on.
    """
    stats: Counter[str] = Counter()
    notes: list[str] = [] if review is None else review

    def drop(reason: str, what: str, n: int = 1) -> None:
        stats[reason] += n
        notes.append(f"{reason}\t{what}")

    candidates: list[Person] = []
    for entry in entries:
        stats["entries read"] += 1
        codes: list[Code] = []
        undated: list[str] = []
        dated = False
        for raw in entry.codes:
            code, why = parse_code(raw.strip(), known.countries, known.roles, known.groups)
            if code is None:
                eli = raw.strip().upper()
                if why == "undated code" and undated_eli and eli[3:] == "ELI" and eli[:3] in known.countries:
                    undated.append(eli[:3])
                    continue
                stats[f"code dropped: {why}"] += 1
                dated = dated or why not in {"undated code", "code [---] or empty"}
                continue
            dated = True
            codes.append(code)
        if not dated:
            stats["entry dropped: no dated code (country, institution or undated actor)"] += 1
            continue
        country = next((c.country for c in codes if len(c.country) == 3), "")
        forms: list[str] = []
        why_not = ""
        for raw_form in (entry.name, *entry.aliases):
            stripped = strip_titles(raw_form)
            why = person_like(stripped)
            if why:
                why_not = why_not or why
                continue
            form = capitalise(stripped, country)
            for variant in (form, without_initials(form)):
                if variant and norm(variant) not in {norm(f) for f in forms}:
                    forms.append(variant)
        if not forms or person_like(strip_titles(entry.name)) == "an institution's name":
            drop(f"entry dropped: not a person's name ({why_not or 'no name'})", entry.name)
            continue
        if not codes:
            drop("entry dropped: no code heron can use", f"{entry.name} {entry.codes}")
            continue
        candidates.append(Person(forms[0], forms, codes, f"{_short(entry.file)}:{entry.line}", country,
                                 undated))

    # Entries sharing a name form are one person listed twice, merged, when at most one
    # country is among them (a country's offices and a group's, as for a UN official);
    # a form shared by people of different countries is a namesake clash, dropped from all.
    people: list[Person] = []
    owner: dict[str, Person] = {}
    clashing: set[str] = set()
    for person in candidates:
        keys = [norm(f) for f in person.forms]
        others = list({id(owner[k]): owner[k] for k in keys if k in owner}.values())
        countries = {p.country for p in (person, *others) if p.country}
        if not others or len(countries) > 1:
            clashing.update(k for k in keys if k in owner)
            people.append(person)
            for k in keys:
                owner.setdefault(k, person)
            continue
        target = others[0]
        for other in (*others[1:], person):
            target.codes.extend(other.codes)
            target.forms.extend(f for f in other.forms if norm(f) not in {norm(x) for x in target.forms})
            target.country = target.country or other.country
            target.undated.extend(other.undated)
            if other is not person:
                people.remove(other)
            stats["entry merged into another entry of the same person (a shared name form)"] += 1
        for k in (norm(f) for f in target.forms):
            owner[k] = target

    word_people: Counter[str] = Counter()
    for person in people:
        word_people.update({w for form in person.forms for w in norm(form).split()})

    kept: list[Person] = []
    for person in people:
        keys = [norm(f) for f in person.forms]
        if any(k in known.curated for k in keys):
            drop("person dropped: named in the curated leaders files (curated rows win)", person.name)
            continue
        forms = [f for f, k in zip(person.forms, keys, strict=True) if k not in clashing]
        if not forms:
            drop("person dropped: its names are also other people's, of other countries",
                 f"{person.name} {person.country}")
            continue
        if len(forms) < len(person.forms):
            drop("name form dropped: given to people of different countries",
                 "; ".join(f for f in person.forms if f not in forms), len(person.forms) - len(forms))
        taken = [f for f in forms if norm(f) in known.taken or known.place(f)]
        if taken:
            drop("name form dropped: a country, place or organisation name", "; ".join(taken), len(taken))
            forms = [f for f in forms if f not in taken]
        rare = [f for f in forms if any(word_people[w] < COMMON_WORD_PEOPLE for w in norm(f).split())]
        if len(rare) < len(forms):
            drop("name form dropped: every word common to many people's names",
                 "; ".join(f for f in forms if f not in rare), len(forms) - len(rare))
        forms = rare
        if not forms:
            drop("person dropped: no name form left (clashing, taken or common)", person.name)
            continue
        merged = _merge(person.codes + _after_last_office(person, stats))
        if merged is None:
            drop("person dropped: one role for two codes at once",
                 f"{person.name} {[c.raw for c in person.codes]}")
            continue
        person.forms, person.name, person.codes = forms, forms[0], merged
        kept.append(person)
    kept.sort(key=lambda p: (p.country or "~", norm(p.name)))
    stats["people kept"] = len(kept)
    stats["rows written"] = sum(len(p.codes) for p in kept)
    return kept, stats


def _short(file: str) -> str:
    """ "Phoenix.Countries.actors.txt" -> "Countries" (the note's file name)."""
    parts = file.split(".")
    return parts[1] if len(parts) > 2 else file


def rows(people: Iterable[Person]) -> Iterator[list[str]]:
    for person in people:
        for code in person.codes:
            yield [
                person.name,
                ";".join(person.forms[1:]),
                code.country,
                code.role,
                "",
                code.start.isoformat() if code.start else "",
                code.end.isoformat() if code.end else "",
                f"petrarch2 {person.where} [{code.raw}]",
            ]


def render(people: list[Person], stats: Counter[str], licence: str, today: date) -> str:
    notice = licence.strip().splitlines()
    out = io.StringIO()
    out.write(f"# version: {VERSION}\n")
    files = ", ".join(f"dictionaries/{f}" for f in FILES)
    out.write(
        f"# source: people of PETRARCH-2's actor dictionaries ({files}), repository openeventdata/petrarch2"
        f" at commit {COMMIT}, derived on {today.isoformat()} by"
        " tools/derive_petrarch_people.py -- GENERATED: edit the script and rerun, do not hand-edit.\n"
    )
    out.write("# layer: heron's lowest-priority leaders layer; curated leaders.csv and leaders_un2024.csv"
              " rows win for any person they name (see docs/actors.md).\n")
    out.write("# licence: the dictionaries are under the MIT licence:\n")
    for line in notice:
        out.write(f"#   {line}".rstrip() + "\n")
    out.write("# derivation rules:\n")
    for line in RULES.splitlines():
        out.write(f"#   {line}".rstrip() + "\n")
    out.write("# counts:\n")
    for key, n in sorted(stats.items()):
        out.write(f"#   {key}: {n}\n")
    out.write("# note: each row's note gives the PETRARCH-2 file (Countries ="
              " dictionaries/Phoenix.Countries.actors.txt), the line of its entry and the code(s)"
              " the row was made from.\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for row in rows(people):
        writer.writerow(row)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source-dir", type=Path, default=SOURCE_DIR)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--today", type=date.fromisoformat, default=date.today())
    ap.add_argument("--drop-undated-eli", action="store_true",
                    help="drop undated [XXXELI] codes instead of keeping them after the last office")
    ap.add_argument("--review", type=Path, help="write what was dropped, one line each, to this file")
    args = ap.parse_args(argv)

    known = load_knowledge()
    entries: list[RawEntry] = []
    for name in FILES:
        text = (args.source_dir / name).read_text(encoding="utf-8", errors="replace")
        entries.extend(parse_actor_file(text.splitlines(), name))
    review: list[str] = []
    people, stats = derive(entries, known, review, undated_eli=not args.drop_undated_eli)
    if args.review:
        args.review.write_text("\n".join(sorted(review)) + "\n", encoding="utf-8")
    licence = (args.source_dir / "LICENSE").read_text(encoding="utf-8")
    args.out.write_text(render(people, stats, licence, args.today), encoding="utf-8")
    for key, n in sorted(stats.items()):
        print(f"{key:78s} {n:6d}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
