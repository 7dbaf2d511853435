"""heron's READ stage: inputs → cleaned :class:`heron.model.Article` records.

``iter_articles(paths, stdin=None)`` reads .txt, .html/.htm, .jsonl,
.warc/.warc.gz files, directories of them and "-" (stdin), removes page
chrome, marks title/heading/caption/paragraph blocks and finds the
publication date.  A bad input yields a :class:`heron.model.ReadFailure`
and the rest go on.
"""

from heron.read.sources import KNOWN_EXTENSIONS, iter_articles

__all__ = ["KNOWN_EXTENSIONS", "iter_articles"]
