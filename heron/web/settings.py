"""What one explorer server is allowed to do, and its limits.

Every limit lives here, named, so the docs, the API errors and the tests
quote the same figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# A request body larger than this is refused (413) before it is read whole.
MAX_BODY_BYTES = 256 * 1024
# The paste box: characters of text coded per request, and seconds allowed.
# 20,000 characters is a long news article; coding one takes about 2-4 s here.
MAX_PASTE_CHARS = 20_000
PASTE_TIMEOUT_S = 30.0
# Rows per page of the events and articles tables, and per download.
MAX_PAGE = 500
MAX_DOWNLOAD_ROWS = 200_000
# Edges drawn by the network page (the strongest first).
MAX_EDGES = 400
# How long a request waits for the store while another process writes it.
STORE_WAIT_S = 3.0


@dataclass(frozen=True)
class ServerSettings:
    db: Path
    # Storing pasted texts needs a writable store; off unless `heron serve --writable`.
    writable: bool = False
    store_wait_s: float = STORE_WAIT_S
    paste_timeout_s: float = PASTE_TIMEOUT_S
    max_paste_chars: int = MAX_PASTE_CHARS
