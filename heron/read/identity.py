"""Article ids that cannot collide by accident.

The id is an article's identity in the store and on every event line, so two
different inputs must never share one, and the same input must always get
the same one (re-ingesting stays idempotent).  The scheme:

* an id the input gives (a JSONL ``id``, else its ``url``; a WARC record id,
  else its target URI) is kept exactly as given;
* a file gets its path relative to the argument, without the extension
  (``story`` for the argument ``news/story.txt``, ``a/story`` for
  ``news/a/story.txt`` under the argument ``news``);
* stdin text or HTML gets ``stdin-`` and 8 hex digits of the SHA-256 of the
  input, so two different pipes never meet and the same one always does.

Within one run, :class:`IdRegistry` settles what is left: a second copy of
the same article (same id, same text) is dropped, a derived id (file or
stdin) that another input already holds with different text gets the
digest of its own text appended (``story-1a2b3c4d``), and a given id held
with different text is a real collision, reported and skipped, because a
given id is the user's and heron must not invent another one for it.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from heron.model import Article, ReadFailure

log = logging.getLogger(__name__)

STDIN_NAME = "stdin"
# Hex digits of SHA-256 in a derived id: 32 bits make an accidental clash in
# one store unlikely, and a clash that does happen is still caught by the
# registry and the store, which compare the whole text.
ID_DIGEST_HEX = 8


def text_digest(text: str) -> str:
    """The full SHA-256 of a text; ids use its first :data:`ID_DIGEST_HEX` digits."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def stdin_id(raw_text: str) -> str:
    return f"{STDIN_NAME}-{text_digest(raw_text)[:ID_DIGEST_HEX]}"


def strip_extension(name: str, extensions: tuple[str, ...]) -> str:
    """``name`` without the longest known extension it ends with (".warc.gz" before ".gz")."""
    folded = name.casefold()
    for ext in sorted(extensions, key=len, reverse=True):
        if folded.endswith(ext) and len(name) > len(ext):
            return name[: -len(ext)]
    return name


def path_id(path: Path, root: Path | None, extensions: tuple[str, ...]) -> str:
    """A file's id: its path relative to the directory argument ``root`` (POSIX
    separators, so the id is the same on every system), or its bare name when
    the file itself was the argument; without the extension either way."""
    rel = path.relative_to(root).as_posix() if root is not None else path.name
    folder, _, name = rel.rpartition("/")
    stem = strip_extension(name, extensions)
    return f"{folder}/{stem}" if folder else stem


@dataclass(frozen=True)
class _Claim:
    digest: str
    where: str


@dataclass
class IdRegistry:
    """The ids handed out in one run, with the text each stands for.

    Mutable on purpose: it is the one piece of state a read shares across
    all of a run's inputs.  Memory is one short entry per article.
    """

    _claims: dict[str, _Claim] = field(default_factory=dict)

    def claim(self, article: Article, where: str, *, derived: bool) -> Article | ReadFailure | None:
        """The article to pass on (perhaps with a disambiguated id), a failure
        for a real collision, or None for a repeat of an article already read."""
        digest = text_digest(article.text)
        held = self._claims.get(article.id)
        if held is None:
            self._claims[article.id] = _Claim(digest, where)
            return article
        if held.digest == digest:
            log.info("%s: same article as %s (id %r); read once", where, held.where, article.id)
            return None
        if not derived:
            return ReadFailure(where, f"duplicate id {article.id!r}: {held.where} has it with different "
                                      "text; skipped")
        new_id = f"{article.id}-{digest[:ID_DIGEST_HEX]}"
        again = self._claims.get(new_id)
        if again is not None:
            if again.digest == digest:
                return None
            return ReadFailure(where, f"id {new_id!r} clashes with {again.where}; skipped")
        self._claims[new_id] = _Claim(digest, where)
        log.info("%s: id %r is taken by %s; using %r", where, article.id, held.where, new_id)
        return replace(article, id=new_id)
