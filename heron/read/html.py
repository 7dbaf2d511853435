"""Main text, title and date of an HTML news page (trafilatura + htmldate).

Both are imported on the first HTML page, not with this module: a run over
text or JSONL never needs them, and they take a tenth of a second to import.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

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
        text = _deep_page_text(html)
    if not text or not text.strip():
        raise ReadError("HTML has no article text")
    title = getattr(doc, "title", None) or None
    page_url = url or getattr(doc, "url", None) or None
    return HtmlPage(text=text, title=title, date=meta_date(html, page_url), url=page_url)


# lxml (under trafilatura) gives up on markup nested deeper than this and
# returns nothing; such a page is read by the plain parser below instead.
LXML_MAX_DEPTH = 255
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
_SKIP = frozenset({"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template"})
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "article",
                     "section", "br", "tr", "td", "title"})


class _PlainText(HTMLParser):
    """Text of an HTML page, paragraph per block element; no depth limit (it keeps no tree)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = self.max_depth = self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag in _VOID:
            return
        self.depth += 1
        self.max_depth = max(self.max_depth, self.depth)
        if tag in _SKIP or self.skipping:
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.depth = max(0, self.depth - 1)
        if self.skipping:
            self.skipping -= 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _deep_page_text(html: str) -> str | None:
    """The text of a page nested too deeply for lxml, or None for any other page."""
    parser = _PlainText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient, but never let a page stop the batch
        log.debug("plain HTML parse failed", exc_info=True)
        return None
    if parser.max_depth <= LXML_MAX_DEPTH:
        return None
    log.info("page nested %d levels deep: read without trafilatura", parser.max_depth)
    return "\n".join(line.strip() for line in "".join(parser.parts).split("\n") if line.strip())


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].casefold()
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<?xml")):
        return True
    return head.startswith("<") and any(tag in text.casefold() for tag in ("</p>", "</div>", "</body>"))
