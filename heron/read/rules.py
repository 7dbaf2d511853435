"""Loading and validating heron/data/chrome.yaml (page-chrome line rules).

The rules are knowledge, so they live in a versioned data file; this module
turns them into compiled, frozen :class:`ChromeRules`.  A broken file fails
loudly on load with the file, the entry and the reason.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from heron.datafiles import load_yaml, read_data

SUPPORTED_VERSION = 1

# Characters that decorate chrome lines ("Read more »", "Comments:") and
# should not stop an exact match.
_DECORATION = " \t:.»›>|•·-–—"


class ChromeError(ValueError):
    """chrome.yaml is malformed; the message names the file, entry and reason."""


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    regex: str = Field(min_length=1)

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"invalid regex: {exc}") from exc
        return value


class _ChromeFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    max_line_chars: int = Field(gt=0)
    lines: list[str] = Field(default_factory=list)
    patterns: list[_Rule] = Field(default_factory=list)
    captions: list[_Rule] = Field(default_factory=list)
    heading_small_words: list[str] = Field(default_factory=list)

    @field_validator("version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != SUPPORTED_VERSION:
            raise ValueError(f"unsupported version {value} (expected {SUPPORTED_VERSION})")
        return value

    @field_validator("lines", "heading_small_words")
    @classmethod
    def _non_empty_strings(cls, values: list[str]) -> list[str]:
        for i, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"entry {i} is empty")
        return values


def chrome_key(line: str) -> str:
    """The comparison form of a line for exact chrome matches."""
    return " ".join(line.strip(_DECORATION).split()).casefold()


@dataclass(frozen=True)
class ChromeRules:
    version: int
    max_line_chars: int
    lines: frozenset[str]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    captions: tuple[tuple[str, re.Pattern[str]], ...]
    small_words: frozenset[str]

    def chrome_rule(self, line: str) -> str | None:
        """The id of the rule that marks ``line`` as page chrome, or None."""
        if not line or len(line) > self.max_line_chars:
            return None
        if chrome_key(line) in self.lines:
            return "line"
        for rule_id, pattern in self.patterns:
            if pattern.fullmatch(line.strip()):
                return rule_id
        return None

    def caption_rule(self, line: str) -> str | None:
        for rule_id, pattern in self.captions:
            if pattern.fullmatch(line.strip()):
                return rule_id
        return None


def _format_error(path: str, exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"]) or "(top)"
        parts.append(f"{path}: entry {loc}: {err['msg']}")
    return "; ".join(parts)


def parse_chrome(data: Any, path: str) -> ChromeRules:
    """Validate already-loaded YAML data; raise :class:`ChromeError` if bad."""
    if not isinstance(data, dict):
        raise ChromeError(f"{path}: expected a mapping at the top level")
    try:
        model = _ChromeFile.model_validate(data)
    except ValidationError as exc:
        raise ChromeError(_format_error(path, exc)) from exc
    return ChromeRules(
        version=model.version,
        max_line_chars=model.max_line_chars,
        lines=frozenset(chrome_key(line) for line in model.lines),
        patterns=tuple((r.id, re.compile(r.regex, re.IGNORECASE)) for r in model.patterns),
        captions=tuple((r.id, re.compile(r.regex, re.IGNORECASE)) for r in model.captions),
        small_words=frozenset(w.casefold() for w in model.heading_small_words),
    )


@functools.cache
def load_chrome(path: str | None = None) -> ChromeRules:
    """Load chrome rules (heron's own file by default); cached per path.

    heron's own file is compiled once into the knowledge cache (:mod:`heron.knowledge_cache`).
    """
    if path is None:
        from heron.knowledge_cache import load_or_build

        return load_or_build("chrome", lambda: _read_chrome("heron/data/chrome.yaml",
                                                            read_data("chrome.yaml")))
    return _read_chrome(path, Path(path).read_text(encoding="utf-8"))


def _read_chrome(name: str, text: str) -> ChromeRules:
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise ChromeError(f"{name}: not valid YAML: {exc}") from exc
    return parse_chrome(data, name)
