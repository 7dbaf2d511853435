"""Rules for matching people by surname alone (names.yaml).

A name's surname keys are the normalised words a news text may use for the
person on their own: "Lavrov" for Sergei Lavrov, "Xi" for Xi Jinping,
"Assad" for Bashar al-Assad, "Zelenskyy" for the alias Volodymyr Zelenskyy.
Which word that is comes from data (family-name-first countries, explicit
family names, a leaders file's ``family_name`` column), not from guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from heron.actors.datafiles import read_yaml, shipped_path, str_list
from heron.actors.errors import ActorDataError
from heron.actors.gazetteer import norm

_DEFAULT_MIN = 3


@dataclass(frozen=True)
class NameRules:
    family_name_first: frozenset[str] = frozenset()
    family_names: dict[str, str] = field(default_factory=dict)  # norm(full name) -> norm(surname)
    min_letters: int = _DEFAULT_MIN
    not_surnames: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()

    def strip_article(self, key: str) -> str:
        """ "al sharaa" -> "sharaa" (a key, already normalised); a lone article stays."""
        words = key.split()
        while len(words) > 1 and words[0] in self.articles:
            words = words[1:]
        return " ".join(words)

    def acceptable(self, key: str) -> bool:
        """May a derived one-word key stand for a person on its own?"""
        return len(key) >= self.min_letters and key not in self.not_surnames and not key.isdigit()

    def explicit(self, name: str) -> str | None:
        return self.family_names.get(norm(name))

    def surname_keys(self, name: str, country: str, family_name: str = "") -> tuple[str, ...]:
        """The keys one written form of a person's name may be shortened to.

        ``family_name`` (a leaders file column) and names.yaml's explicit
        family names are trusted as given; a surname taken from the first
        (family-name-first countries) or last word must pass ``acceptable``.
        """
        given = norm(family_name) if family_name else self.explicit(name)
        if given:
            return (given,)
        words = norm(name).split()
        if not words:
            return ()
        if country in self.family_name_first and len(words) > 1:
            # Family name first: "Xi Jinping" -> "xi" even though it is short.
            return (words[0],)
        last = self.strip_article(" ".join(words[-2:])) if len(words) > 1 else words[-1]
        last = last.split()[-1]
        return (last,) if self.acceptable(last) else ()


def load_name_rules(path: Path | None = None) -> NameRules:
    path = path or shipped_path("names.yaml")
    label = path.name
    data = read_yaml(path)
    unknown = set(data) - {"version", "family_name_first", "family_names", "min_surname_letters",
                           "not_surnames", "surname_articles"}
    if unknown:
        raise ActorDataError(f"{label}: unknown field(s) {sorted(unknown)}")
    first = str_list(label, "family_name_first", data.get("family_name_first"))
    for code in first:
        if len(code) != 3 or not code.isupper():
            raise ActorDataError(f"{label}: family_name_first: {code!r} is not an ISO-3 country code")
    families = data.get("family_names") or {}
    if not isinstance(families, dict):
        raise ActorDataError(f"{label}: family_names: expected a mapping full name -> surname")
    explicit: dict[str, str] = {}
    for full, surname in families.items():
        if not isinstance(surname, str) or norm(surname) not in norm(str(full)):
            raise ActorDataError(
                f"{label}: family_names.{full}: surname {surname!r} must be part of the name"
            )
        explicit[norm(str(full))] = norm(surname)
    minimum = data.get("min_surname_letters", _DEFAULT_MIN)
    if not isinstance(minimum, int) or isinstance(minimum, bool) or not 1 <= minimum <= 10:
        raise ActorDataError(f"{label}: min_surname_letters: expected a whole number from 1 to 10")
    return NameRules(
        family_name_first=frozenset(first),
        family_names=explicit,
        min_letters=minimum,
        not_surnames=frozenset(norm(w) for w in str_list(label, "not_surnames", data.get("not_surnames"))),
        articles=frozenset(
            norm(w) for w in str_list(label, "surname_articles", data.get("surname_articles"))
        ),
    )
