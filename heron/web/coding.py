"""The paste box: code one text in memory, with a size cap and a time cap.

Coding is CPU work inside this process, so the caps are what keep one
request from holding the server: the text is refused above
``max_paste_chars`` (checked before any work), at most one text is coded at a
time (a second request waits for its turn, within the time cap, then gets
503), and a request whose coding runs past the time cap gets 504.  Python
cannot stop a thread, so a timed-out coding finishes in the background; it
still holds the one coding slot, which keeps the total bounded.
"""

from __future__ import annotations

import gc
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from heron.pipeline import ArticleResult, Coder

# Loading the model and the actor knowledge takes seconds; a paste that has
# to wait for it is given this long before the time cap starts.
LOAD_WAIT_S = 180.0


class CodingBusy(RuntimeError):
    """Another text is being coded and did not finish within the wait."""


class CodingTimeout(RuntimeError):
    """Coding the text took longer than the time cap."""


class PasteCoder:
    """One coder for the process, loaded once, used by one request at a time."""

    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="heron-paste")
        self._slot = threading.Semaphore(1)
        self._ready = threading.Event()
        self._coder: Coder | None = None
        self._load_lock = threading.Lock()
        self.load_error: str | None = None

    def preload(self) -> None:
        """Start loading the model in the background, so the first paste does not pay for it."""
        threading.Thread(target=self._load, name="heron-paste-load", daemon=True).start()

    def _load(self) -> None:
        with self._load_lock:
            if self._coder is not None:
                return
            try:
                from heron import nlp
                from heron.pipeline import Coder

                coder = Coder()
                nlp.load()
                coder.knowledge  # noqa: B018 - load now, not in the first request
                coder.event_coder  # noqa: B018
                coder.gazetteer  # noqa: B018
                # The model and knowledge are some hundred thousand objects that live as long as
                # the server; without this every full collection walks them, and any request that
                # happens to run it stalls for up to a second (seen as p99 spikes in the benchmark).
                gc.freeze()
                self._coder = coder
            except Exception as exc:  # reported on every paste instead of a crash at start-up
                self.load_error = f"cannot load the coding model: {exc}"
            finally:
                self._ready.set()

    def code(self, text: str, published: date | None) -> tuple[ArticleResult, float]:
        """The coded text and the seconds coding took (model loading excluded)."""
        if not self._ready.is_set():
            self.preload()
            self._ready.wait(LOAD_WAIT_S)
        if self._coder is None:
            raise RuntimeError(self.load_error or "the coding model is still loading; try again shortly")
        if not self._slot.acquire(timeout=self.timeout_s):
            raise CodingBusy("another text is being coded; try again shortly")
        started = time.monotonic()
        try:
            future = self._executor.submit(self._run, text, published)
        except BaseException:
            self._slot.release()
            raise
        try:
            result = future.result(timeout=self.timeout_s)
        except FutureTimeout as exc:
            raise CodingTimeout(f"coding took longer than {self.timeout_s:g} s; paste a shorter text"
                                ) from exc
        return result, time.monotonic() - started

    def _run(self, text: str, published: date | None) -> ArticleResult:
        from heron.pipeline import code_text

        try:
            return code_text(text, article_id="pasted", published=published, coder=self._coder)
        finally:
            self._slot.release()


def result_payload(result: ArticleResult) -> dict[str, Any]:
    from heron.web.labels import describe_event

    return {
        "text": result.article.text,
        "events": [describe_event(ev.to_record()) for ev in result.events],
        "mentions": [{"text": m.text, "code": m.code, "name": m.name, "rule": m.rule,
                      "start": m.start, "end": m.end} for m in result.mentions],
    }
