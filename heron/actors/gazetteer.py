"""Name matching shared by the actor data files.

Names are compared on a normalised key: accents folded ("Juppé" and
"Juppe", "Erdoğan" and "Erdogan" meet), lower case, every run of characters
that are not letters or digits replaced by one space, a leading "the"
dropped.  The key is computed the same way from data entries and from the
text of a token span, so "U.S.", "al-Assad" and "People's Daily" match
however spaCy split them.

Case: an entry written all in capitals ("US", "WHO") matches only text whose
letters are exactly those capitals (so the pronoun "us" or the word "who"
never match); an entry starting with a capital matches only capitalised
text; an entry in lower case matches any case.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

# Any run of non-letters, non-digits (in any script; "_" counts as a separator).
_NON_ALNUM = re.compile(r"[\W_]+")
_LETTERS = re.compile(r"[^A-Za-z]+")
# Letters that NFKD does not decompose into a base letter plus a mark.
_FOLD = str.maketrans(
    {"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
     "þ": "th", "Þ": "Th", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ħ": "h",
     "ʼ": "'", "’": "'", "‘": "'"}
)

EntryKind = Literal["org", "seat", "country", "region", "demonym", "capital", "people"]
CaseMode = Literal["exact", "cap", "any"]

# How an actor's rule names the kind of entry it came from: "country-name:Kenya", "metonym:the Kremlin".
ENTRY_RULES = {
    "people": "people",
    "org": "org",
    "seat": "metonym",
    "country": "country-name",
    "region": "region",
    "demonym": "demonym",
    "capital": "capital",
}

# When one key has entries of several kinds, the earlier kind wins
# ("Brussels" is the EU before it is Belgium's capital).
KIND_PRIORITY: dict[str, int] = {
    "org": 0,
    "seat": 1,
    "country": 2,
    "region": 3,
    "demonym": 4,
    "capital": 5,
    "people": 6,
}


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Text without accents or special letters, case kept: "Erdoğan" -> "Erdogan"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """The matching key of a name or of a span's text."""
    key = _NON_ALNUM.sub(" ", fold(text).lower()).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


def letters(text: str) -> str:
    return _LETTERS.sub("", fold(text))


def case_mode(name: str) -> CaseMode:
    only = letters(name)
    if len(only) >= 2 and only.isupper():
        return "exact"
    stripped = name[4:] if name.lower().startswith("the ") else name
    if stripped[:1].isupper():
        return "cap"
    return "any"


def case_ok(mode: CaseMode, data_name: str, text: str) -> bool:
    if mode == "any":
        return True
    stripped = text[4:] if text.lower().startswith("the ") else text
    if mode == "exact":
        return letters(stripped) == letters(data_name)
    return stripped[:1].isupper()


@dataclass(frozen=True)
class NameEntry:
    """One name of a country, region, seat of power or organisation.

    ``code`` is the actor code the name gives on its own: ISO3 for a country
    name or demonym, ISO3+role for a capital or seat, the full code for an
    organisation.  ``country`` is the state it belongs to, if any.
    """

    kind: EntryKind
    name: str
    code: str
    canonical: str
    country: str | None
    role: str | None
    mode: CaseMode
    source: str  # "countries.yaml:USA", "pycountry", ... for error messages and rules

    def matches(self, text: str) -> bool:
        return case_ok(self.mode, self.name, text)


def make_entry(
    kind: EntryKind, name: str, code: str, canonical: str, country: str | None, role: str | None, source: str
) -> NameEntry:
    return NameEntry(
        kind=kind,
        name=name,
        code=code,
        canonical=canonical,
        country=country,
        role=role,
        mode=case_mode(name),
        source=source,
    )
