"""Shards: cutting the read stream into work units, and their folders on disk.

A batch output folder (``--out DIR``) holds a marker file, ``heron-batch.json``,
and one folder per shard::

    DIR/heron-batch.json
    DIR/shard-000000-1f2e.../articles.parquet   the store's `articles` rows
                             events.parquet     its `events` rows
                             mentions.parquet   its `mentions` rows
                             failures.txt       only if an article failed to code

A shard is written into a hidden temporary folder and renamed into place in
one step, so a shard folder that exists is complete: a killed batch leaves
no half shard, only a ``.tmp-*`` folder that the next run removes.

A shard's name carries a digest of everything that decides its rows: its
articles (ids, text and metadata) and what codes them (heron's version, the
store schema, the shipped knowledge files, ``--actors`` files, ``--date``).
A rerun over the same input finds its shards already written and skips
them; a changed input or knowledge gets new names and is coded again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from heron.model import Article, ReadFailure

if TYPE_CHECKING:
    import pyarrow as pa

    from heron.pipeline import PipelineOptions

MARKER = "heron-batch.json"
FORMAT = "heron-batch"
FORMAT_VERSION = 1
SHARD_PREFIX = "shard-"
TMP_PREFIX = ".tmp-shard-"
TABLES = ("articles", "events", "mentions")
FAILURES_FILE = "failures.txt"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Shard:
    """A run of consecutive articles of the read stream, coded as one unit."""

    index: int
    name: str
    articles: tuple[Article, ...]

    def inputs(self, most: int = 3) -> str:
        """The inputs its articles came from, for a failure line."""
        seen = list(dict.fromkeys(a.source_path or a.id for a in self.articles))
        more = f" and {len(seen) - most} more" if len(seen) > most else ""
        return ", ".join(seen[:most]) + more


def coding_fingerprint(options: PipelineOptions) -> str:
    """A digest of what decides the coded rows besides the articles themselves."""
    from heron import __version__
    from heron.store_schema import SCHEMA_VERSION

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{__version__}\x1f{SCHEMA_VERSION}\x1f{options.published}\x1f{options.merge}".encode())
    # The knowledge is data (heron/data): an edit there changes what is coded.
    files = sorted(p for p in DATA_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in [*files, *options.actors_files]:
        h.update(str(path.name).encode() + b"\x1f")
        h.update(Path(path).read_bytes())
    return h.hexdigest()


def _article_key(article: Article) -> bytes:
    return json.dumps(asdict(article), default=str, sort_keys=True, ensure_ascii=False).encode("utf-8")


def cut_shards(items: Iterable[Article | ReadFailure], size: int,
               fingerprint: str) -> Iterator[Shard | ReadFailure]:
    """Shards of ``size`` articles in read order; read failures pass through."""
    if size < 1:
        raise ValueError("shard size must be at least 1")
    pending: list[Article] = []
    index = 0

    def flush() -> Shard:
        nonlocal index
        h = hashlib.blake2b(fingerprint.encode(), digest_size=8)
        for article in pending:
            h.update(_article_key(article))
            h.update(b"\x1e")
        shard = Shard(index, f"{SHARD_PREFIX}{index:06d}-{h.hexdigest()}", tuple(pending))
        index += 1
        pending.clear()
        return shard

    for item in items:
        if isinstance(item, ReadFailure):
            yield item
            continue
        pending.append(item)
        if len(pending) >= size:
            yield flush()
    if pending:
        yield flush()


# -- the output folder -------------------------------------------------------------


class BatchOutputError(RuntimeError):
    """A folder is not a batch output this heron can read, or cannot be written."""


def is_batch_output(path: Path) -> bool:
    return path.is_dir() and (path / MARKER).is_file()


def read_marker(out_dir: Path) -> dict[str, Any]:
    try:
        marker = json.loads((out_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise BatchOutputError(f"{out_dir}: unreadable {MARKER}: {exc}") from exc
    if not isinstance(marker, dict) or marker.get("format") != FORMAT:
        raise BatchOutputError(f"{out_dir}: {MARKER} is not a heron batch marker")
    return marker


def start_output(out_dir: Path) -> None:
    """Make ``out_dir`` a batch output (or check it is one) and clear a killed run's leftovers."""
    from heron.store_schema import SCHEMA_VERSION

    if out_dir.exists() and not out_dir.is_dir():
        raise BatchOutputError(f"{out_dir}: exists and is not a folder")
    if out_dir.is_dir() and not is_batch_output(out_dir) and any(out_dir.iterdir()):
        raise BatchOutputError(f"{out_dir}: not empty and not a heron batch output; refusing to write there")
    out_dir.mkdir(parents=True, exist_ok=True)
    if is_batch_output(out_dir):
        marker = read_marker(out_dir)
        if marker.get("schema_version") != SCHEMA_VERSION:
            raise BatchOutputError(f"{out_dir}: holds shards of store schema {marker.get('schema_version')}, "
                                   f"this heron writes {SCHEMA_VERSION}; use another --out")
    for leftover in out_dir.glob(TMP_PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)
    write_marker(out_dir, {})


def write_marker(out_dir: Path, summary: dict[str, Any]) -> None:
    from heron import __version__
    from heron.store_schema import SCHEMA_VERSION

    marker = {"format": FORMAT, "format_version": FORMAT_VERSION, "schema_version": SCHEMA_VERSION,
              "heron_version": __version__, **summary}
    tmp = out_dir / f".{MARKER}.{uuid.uuid4().hex}"
    tmp.write_text(json.dumps(marker, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, out_dir / MARKER)


def shard_folders(out_dir: Path) -> list[Path]:
    """The complete shards in ``out_dir``, in shard order."""
    return sorted(p for p in out_dir.glob(SHARD_PREFIX + "*") if p.is_dir())


def remove_stale(out_dir: Path, keep: set[str]) -> int:
    """Remove shards that this run did not plan (an earlier batch over other input)."""
    removed = 0
    for folder in shard_folders(out_dir):
        if folder.name not in keep:
            shutil.rmtree(folder)
            removed += 1
    return removed


def write_shard(out_dir: Path, name: str, tables: dict[str, pa.Table], failures: Iterable[str]) -> bool:
    """Write one shard atomically; False if an identical shard was already there."""
    import pyarrow.parquet as pq

    final = out_dir / name
    if final.is_dir():
        return False
    tmp = out_dir / f"{TMP_PREFIX}{name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        for table in TABLES:
            pq.write_table(tables[table], tmp / f"{table}.parquet", compression="zstd")
        lines = list(failures)
        if lines:
            (tmp / FAILURES_FILE).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        for path in tmp.iterdir():  # on disk before the rename makes the shard visible
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
        try:
            os.rename(tmp, final)
        except OSError:
            if final.is_dir():  # another worker wrote the same shard first: same rows
                return False
            raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return True


def shard_counts(folder: Path) -> tuple[int, int]:
    """Articles and events a written shard holds (from the Parquet footers only)."""
    import pyarrow.parquet as pq

    return (pq.read_metadata(folder / "articles.parquet").num_rows,
            pq.read_metadata(folder / "events.parquet").num_rows)


def shard_failures(folder: Path) -> list[str]:
    path = folder / FAILURES_FILE
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line]
