"""Progress of a long coding run, on stderr only (stdout carries the records).

On a terminal one status line is rewritten in place, and only once the run
has lasted a couple of seconds (a one-article ``heron code`` shows nothing);
off a terminal nothing is shown unless asked for (``--progress``), and then
one plain line a second, so a log stays readable.  With the number of
articles known up front (:func:`count_articles`) the line shows the total
and the time left.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

_QUIET_START_S = 2.0  # a terminal shows nothing for runs shorter than this
_TTY_EVERY_S = 0.2
_LOG_EVERY_S = 1.0


class Progress:
    """Counts articles, events, skipped and failed inputs; draws them on ``stream``."""

    def __init__(self, label: str, *, total: int | None = None, forced: bool = False,
                 disabled: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = not disabled and (forced or self.tty)
        self.label = label
        self.total = total
        self.articles = self.events = self.skipped = self.failed = 0
        self._start = time.monotonic()
        self._drawn = 0.0
        self._line_open = False

    def advance(self, *, articles: int = 0, events: int = 0, skipped: int = 0, failed: int = 0) -> None:
        self.articles += articles
        self.events += events
        self.skipped += skipped
        self.failed += failed
        if not self.enabled:
            return
        now = time.monotonic()
        if self.tty:
            if now - self._start >= _QUIET_START_S and now - self._drawn >= _TTY_EVERY_S:
                self._draw(now)
        elif now - self._drawn >= _LOG_EVERY_S or self.done == 1:
            self._draw(now)

    def message(self, text: str) -> None:
        """A line of its own (an error), without breaking the status line."""
        self._clear()
        print(text, file=self.stream, flush=True)

    def close(self) -> None:
        """The final figures (if anything was shown), then leave the line."""
        if self.enabled and (self._drawn or not self.tty):
            self._draw(time.monotonic())
        if self._line_open:
            self.stream.write("\n")
            self.stream.flush()
            self._line_open = False

    @property
    def done(self) -> int:
        return self.articles + self.skipped + self.failed

    def status(self, now: float | None = None) -> str:
        elapsed = (now if now is not None else time.monotonic()) - self._start
        done = self.done
        count = f"{done}/{self.total}" if self.total is not None else f"{done}"
        parts = [f"{self.label}: {count} articles", f"{self.events} events"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        if self.failed:
            parts.append(f"{self.failed} failed")
        rate = self.articles / elapsed if elapsed > 0 else 0.0
        parts.append(f"{rate:.1f} articles/s")
        if self.total is not None and done and done < self.total:
            left = elapsed / done * (self.total - done)
            parts.append(f"{_duration(left)} left")
        else:
            parts.append(f"{_duration(elapsed)} elapsed")
        return ", ".join(parts)

    def _draw(self, now: float) -> None:
        self._drawn = now
        if self.tty:
            self.stream.write("\r\x1b[2K" + self.status(now))
            self._line_open = True
        else:
            self.stream.write(self.status(now) + "\n")
        self.stream.flush()

    def _clear(self) -> None:
        if self._line_open:
            self.stream.write("\r\x1b[2K")
            self._line_open = False
            self._drawn = 0.0


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


def count_articles(paths: Sequence[str]) -> int | None:
    """How many articles the inputs hold, when that is cheap to know; None otherwise.

    A text or HTML file is one article and a JSONL file one per non-blank
    line; WARC files and stdin are not counted (a WARC's records are only
    known by reading it through), so with any of them the total is unknown.
    Files are found as the readers find them (:mod:`heron.read.sources`).
    """
    from heron.read.sources import _walk, extension

    total = 0
    for name in paths:
        if name == "-":
            return None
        path = Path(name)
        for file in _walk(path) if path.is_dir() else [path]:
            kind = extension(file)
            if kind == ".jsonl":
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    total += 1  # the reader reports it: one failure
            elif kind in {".warc", ".warc.gz"}:
                return None
            else:
                total += 1  # one article, or one input the reader refuses
    return total
