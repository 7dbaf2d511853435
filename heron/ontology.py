"""CAMEO event codes, Goldstein weights, QuadClass and the PLOVER mapping.

The knowledge lives in two versioned data files, read and validated here:

``heron/data/cameo.csv``   code,name,goldstein,quad_class,root — every CAMEO
                           event code (roots "01".."20", 3- and 4-digit codes)
``heron/data/plover.csv``  code,type,mode,context — CAMEO code → PLOVER type

Both start with ``# version: N`` and ``# source: ...`` comment lines.  Any
problem is reported as :class:`OntologyError` naming the file, the line and
the reason, so a bad edit to the data fails loudly at start-up.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

CAMEO_COLUMNS = ("code", "name", "goldstein", "quad_class", "root")
PLOVER_COLUMNS = ("code", "type", "mode", "context")


class OntologyError(ValueError):
    """An ontology data file is invalid; the message names the file, line and reason."""


@dataclass(frozen=True)
class CameoCode:
    code: str  # "19", "190", "1951"...
    name: str
    goldstein: float
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    root: str  # two digits

    @property
    def level(self) -> int:
        """0 for a root ("19"), 1 for three digits, 2 for four."""
        return len(self.code) - 2


@dataclass(frozen=True)
class PloverType:
    type: str  # "CONSULT", "ASSAULT"...
    mode: str | None = None  # "visit", "firearms"...
    context: str | None = None  # "military", several joined with ";"


@dataclass(frozen=True)
class Ontology:
    version: str
    codes: Mapping[str, CameoCode]
    plover: Mapping[str, PloverType]
    plover_version: str = ""

    def describe(self, code: str) -> CameoCode:
        try:
            return self.codes[code]
        except KeyError:
            raise KeyError(f"{code!r} is not a CAMEO event code") from None

    def plover_for(self, code: str) -> PloverType | None:
        """The PLOVER type of a code, else of its 3-digit parent, else of its root."""
        for key in (code, code[:3], code[:2]):
            if key in self.plover:
                return self.plover[key]
        return None

    def root_name(self, root: str) -> str:
        return self.describe(root[:2]).name

    def is_more_specific(self, a: str, b: str) -> bool:
        """True when code ``a`` refines code ``b`` ("1951" under "195", "190" under "19")."""
        return len(a) > len(b) and a.startswith(b) and (len(b) > 2 or a[:2] == b)


def _split_header(text: str, where: str) -> tuple[str, str, int]:
    """Return (version, csv body, number of comment lines before it)."""
    version = ""
    lines = text.splitlines(keepends=True)
    n = 0
    for line in lines:
        if not line.startswith("#"):
            break
        n += 1
        body = line[1:].strip()
        if body.lower().startswith("version:"):
            version = body.split(":", 1)[1].strip()
    if not version:
        raise OntologyError(f"{where}: line 1: missing '# version: N' header")
    return version, "".join(lines[n:]), n


def _rows(text: str, where: str, columns: tuple[str, ...]) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    version, body, skipped = _split_header(text, where)
    reader = csv.DictReader(io.StringIO(body))
    if tuple(reader.fieldnames or ()) != columns:
        raise OntologyError(f"{where}: line {skipped + 1}: expected columns {','.join(columns)}, "
                            f"got {','.join(reader.fieldnames or ())}")
    rows = []
    for row in reader:
        line = skipped + reader.line_num
        if None in row or any(v is None for v in row.values()):
            raise OntologyError(f"{where}: line {line}: expected {len(columns)} fields")
        rows.append((line, {k: v.strip() for k, v in row.items()}))
    return version, rows


def parse_cameo(text: str, where: str) -> tuple[str, dict[str, CameoCode]]:
    version, rows = _rows(text, where, CAMEO_COLUMNS)
    codes: dict[str, CameoCode] = {}
    for line, row in rows:
        code, root = row["code"], row["root"]
        at = f"{where}: line {line}"
        if not code.isdigit() or len(code) not in (2, 3, 4):
            raise OntologyError(f"{at}: code {code!r} is not a 2-, 3- or 4-digit CAMEO code")
        if code in codes:
            raise OntologyError(f"{at}: duplicate code {code}")
        if root != code[:2] or not 1 <= int(code[:2]) <= 20:
            raise OntologyError(f"{at}: root {root!r} does not match code {code} (roots are 01-20)")
        if len(code) > 2 and code[:2] not in codes:
            raise OntologyError(f"{at}: code {code} comes before its root {code[:2]}")
        if not row["name"]:
            raise OntologyError(f"{at}: code {code} has no name")
        try:
            goldstein = float(row["goldstein"])
        except ValueError:
            raise OntologyError(f"{at}: goldstein {row['goldstein']!r} is not a number") from None
        if not -10.0 <= goldstein <= 10.0:
            raise OntologyError(f"{at}: goldstein {goldstein} is outside [-10, 10]")
        if row["quad_class"] not in {"1", "2", "3", "4"}:
            raise OntologyError(f"{at}: quad_class {row['quad_class']!r} is not 1-4")
        quad = int(row["quad_class"])
        if quad != quad_class_of_root(root):
            raise OntologyError(f"{at}: quad_class {quad} disagrees with root {root} "
                                f"(expected {quad_class_of_root(root)})")
        codes[code] = CameoCode(code=code, name=row["name"], goldstein=goldstein, quad_class=quad, root=root)
    missing = [f"{r:02d}" for r in range(1, 21) if f"{r:02d}" not in codes]
    if missing:
        raise OntologyError(f"{where}: root code(s) {', '.join(missing)} missing")
    return version, codes


def parse_plover(text: str, where: str, codes: Mapping[str, CameoCode]) -> tuple[str, dict[str, PloverType]]:
    version, rows = _rows(text, where, PLOVER_COLUMNS)
    plover: dict[str, PloverType] = {}
    for line, row in rows:
        code, at = row["code"], f"{where}: line {line}"
        if code not in codes:
            raise OntologyError(f"{at}: {code!r} is not a CAMEO code in cameo.csv")
        if code in plover:
            raise OntologyError(f"{at}: duplicate code {code}")
        if not row["type"] or not row["type"].isupper():
            raise OntologyError(f"{at}: PLOVER type {row['type']!r} must be an upper-case name")
        plover[code] = PloverType(type=row["type"], mode=row["mode"] or None, context=row["context"] or None)
    return version, plover


def quad_class_of_root(root: str) -> int:
    """The standard GDELT QuadClass of a CAMEO root."""
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def _read(path: Path | None, name: str) -> tuple[str, str]:
    if path is None:
        return resources.files("heron.data").joinpath(name).read_text(encoding="utf-8"), f"heron/data/{name}"
    return Path(path).read_text(encoding="utf-8"), str(path)


def build_ontology(cameo_path: Path | None = None, plover_path: Path | None = None) -> Ontology:
    """Read and validate the two files (default: the shipped ones), uncached."""
    cameo_version, codes = parse_cameo(*_read(cameo_path, "cameo.csv"))
    plover_version, plover = parse_plover(*_read(plover_path, "plover.csv"), codes)
    return Ontology(version=cameo_version, codes=MappingProxyType(codes),
                    plover=MappingProxyType(plover), plover_version=plover_version)


@cache
def load_ontology() -> Ontology:
    """The shipped ontology, validated once per process."""
    return build_ontology()
