"""Is an article in English?  A cheap offline test, from heron/data/languages.yaml.

heron's spaCy pipeline reads English; a French or Arabic article codes no
events, silently.  :func:`foreign_language` names the language of a text that
is surely not English (stopword shares for Latin-script languages, the
script for others), so the reader can skip it with a note instead.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from heron.datafiles import load_yaml, read_data

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
SAMPLE_CHARS = 20_000  # judged on the opening of the text: enough, and cheap for a long one


class LanguageDataError(ValueError):
    """heron/data/languages.yaml is malformed."""


@dataclass(frozen=True)
class LanguageRules:
    min_words: int
    max_english_share: float
    min_other_share: float
    max_script_share: float
    stopwords: dict[str, frozenset[str]]
    scripts: dict[str, re.Pattern[str]]


def _number(data: dict[str, Any], key: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LanguageDataError(f"languages.yaml: {key}: expected a number")
    return float(value)


def parse_rules(data: Any) -> LanguageRules:
    if not isinstance(data, dict) or data.get("version") != 1:
        raise LanguageDataError("languages.yaml: expected a mapping with version: 1")
    stopwords = data.get("stopwords")
    scripts = data.get("scripts")
    if not isinstance(stopwords, dict) or "English" not in stopwords or not isinstance(scripts, dict):
        raise LanguageDataError("languages.yaml: needs 'stopwords' (with English) and 'scripts' mappings")
    words: dict[str, frozenset[str]] = {}
    for language, listed in stopwords.items():
        if not isinstance(listed, list) or not listed or not all(isinstance(w, str) for w in listed):
            raise LanguageDataError(f"languages.yaml: stopwords.{language}: expected a list of words")
        words[str(language)] = frozenset(w.casefold() for w in listed)
    patterns: dict[str, re.Pattern[str]] = {}
    for language, ranges in scripts.items():
        if not isinstance(ranges, list) or not ranges or not all(
                isinstance(r, str) and re.fullmatch(r".-.", r, re.S) for r in ranges):
            raise LanguageDataError(f"languages.yaml: scripts.{language}: expected ranges like 'A-Z'")
        patterns[str(language)] = re.compile("[" + "".join(ranges) + "]")
    return LanguageRules(int(_number(data, "min_words")), _number(data, "max_english_share"),
                         _number(data, "min_other_share"), _number(data, "max_script_share"), words, patterns)


@functools.cache
def load_rules() -> LanguageRules:
    return parse_rules(load_yaml(read_data("languages.yaml")))


def foreign_language(text: str, rules: LanguageRules | None = None) -> str | None:
    """The language ``text`` is surely written in when that is not English, else None.

    Too short a text, or one with enough English function words, is never
    called foreign: a false "foreign" would lose an English article.
    """
    rules = rules or load_rules()
    sample = text[:SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < rules.min_words * 3:
        return None
    for language, pattern in rules.scripts.items():
        if len(pattern.findall(sample)) > rules.max_script_share * len(letters):
            return language
    words = [w.casefold() for w in _WORD.findall(sample)]
    if len(words) < rules.min_words:
        return None

    def share(language: str) -> float:
        listed = rules.stopwords[language]
        return sum(1 for w in words if w in listed) / len(words)

    if share("English") > rules.max_english_share:
        return None
    best, best_share = max(((lang, share(lang)) for lang in rules.stopwords if lang != "English"),
                           key=lambda pair: pair[1])
    return best if best_share >= rules.min_other_share else None
