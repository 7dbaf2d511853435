"""Reading heron's versioned actor data files (YAML), with clear errors."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from heron.actors.errors import ActorDataError
from heron.datafiles import load_yaml

SUPPORTED_VERSION = 1


def shipped_path(name: str) -> Path:
    """Path of a file shipped in heron/data (it may not exist)."""
    return Path(str(resources.files("heron.data").joinpath(name)))


# An actor file is a hand-kept list; one bigger than this is surely the wrong file.
MAX_DATA_FILE_BYTES = 50_000_000


def read_data_text(path: Path, encoding: str = "utf-8") -> str:
    """A data file's text, or ActorDataError naming it: unreadable, too big or not UTF-8."""
    label = path.name
    try:
        size = path.stat().st_size
        if size > MAX_DATA_FILE_BYTES:
            raise ActorDataError(f"{label}: file is {size:,} bytes; an actor file may have at most "
                                 f"{MAX_DATA_FILE_BYTES:,}")
        data = path.read_bytes()
    except OSError as exc:
        raise ActorDataError(f"{label}: cannot read: {exc.strerror or exc}") from exc
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ActorDataError(f"{label}:{line}: not UTF-8 (byte {exc.start}); save the file as UTF-8") from exc


def read_yaml(path: Path) -> dict[str, Any]:
    """Load a data file: a mapping with a supported ``version``."""
    label = path.name
    text = read_data_text(path)
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise ActorDataError(f"{label}{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, dict):
        raise ActorDataError(f"{label}: expected a mapping with 'version' at the top")
    check_version(label, data.get("version"))
    return data


def check_version(label: str, version: object) -> None:
    if version is None:
        raise ActorDataError(f"{label}: version: missing (expected `version: {SUPPORTED_VERSION}`)")
    if str(version).strip() != str(SUPPORTED_VERSION):
        raise ActorDataError(
            f"{label}: version: unsupported version {version!r} "
            f"(this heron reads version {SUPPORTED_VERSION})"
        )


def str_list(label: str, where: str, value: object) -> list[str]:
    """A list of non-empty strings (a single string is accepted as a list of one)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ActorDataError(f"{label}: {where}: expected a list of names, got {type(value).__name__}")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str | int | float) or not str(item).strip():
            raise ActorDataError(f"{label}: {where}: empty or non-text name {item!r}")
        out.append(str(item).strip())
    return out
