"""Reading heron's knowledge files (YAML with YAML 1.2 booleans)."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


class _Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false.

    PyYAML follows YAML 1.1, where a bare ``on`` (a preposition in our
    pattern files) or ``no`` (a negator) silently becomes a boolean.
    """


_Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"),
)


def load_yaml(text: str) -> Any:
    """Parse YAML text with YAML 1.2 booleans (safe loader)."""
    return yaml.load(text, Loader=_Yaml12Loader)  # noqa: S506 - a SafeLoader subclass


def read_data(name: str) -> str:
    """The text of a file shipped in heron/data/."""
    return resources.files("heron.data").joinpath(name).read_text(encoding="utf-8")


def parse_yaml_source(name: str, path: Path | None, error: type[Exception]) -> tuple[Any, str, str]:
    """Parse the shipped ``heron/data/<name>`` or a user's ``path``.

    Returns the parsed YAML, the label that messages should name, and the
    text (to find line numbers); a syntax error becomes ``error`` with the
    label and line.
    """
    if path is None:
        text, where = read_data(name), f"heron/data/{name}"
    else:
        text, where = Path(path).read_text(encoding="utf-8"), str(path)
    try:
        return load_yaml(text), where, text
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise error(f"{where}{line}: not valid YAML: {getattr(exc, 'problem', None) or exc}") from exc
