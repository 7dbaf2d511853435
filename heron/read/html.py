"""Main text, title and date of an HTML news page (trafilatura + htmldate).

Both are imported on the first HTML page, not with this module: a run over
text or JSONL never needs them, and they take a tenth of a second to import.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from heron.read.errors import ReadError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HtmlPage:
    text: str
    title: str | None
    date: date | None  # from meta tags / JSON-LD / <time>, never guessed from prose
    url: str | None


def meta_date(html: str, url: str | None = None) -> date | None:
    """The page's own publication date from its markup, or None.

    ``extensive_search=False`` keeps htmldate to meta tags, JSON-LD, <time>
    elements and the URL: its extensive search guesses from free text, and a
    guessed date must go through pubdate's text rules instead.
    """
    import htmldate

    try:
        found = htmldate.find_date(html, extensive_search=False, original_date=True,
                                   outputformat="%Y-%m-%d", url=url)
    except Exception:  # htmldate raises assorted errors on odd markup
        log.debug("htmldate failed", exc_info=True)
        return None
    if not found:
        return None
    try:
        return date.fromisoformat(found)
    except ValueError:
        return None


def extract_html(html: str, url: str | None = None) -> HtmlPage:
    """Extract the article from an HTML page; raise ReadError if it has none."""
    if not html.strip():
        raise ReadError("empty HTML")
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False, include_formatting=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise ReadError(f"cannot parse HTML: {type(exc).__name__}") from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise ReadError("HTML has no article text")
    title = getattr(doc, "title", None) or None
    page_url = url or getattr(doc, "url", None) or None
    return HtmlPage(text=text, title=title, date=meta_date(html, page_url), url=page_url)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].casefold()
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<?xml")):
        return True
    return head.startswith("<") and any(tag in text.casefold() for tag in ("</p>", "</div>", "</body>"))
