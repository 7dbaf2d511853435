"""Raw text plus whatever metadata an input gave → one clean :class:`Article`."""

from __future__ import annotations

from datetime import date

from heron.model import Article
from heron.read.clean import clean_text
from heron.read.errors import ReadError
from heron.read.html import extract_html
from heron.read.language import foreign_language
from heron.read.pubdate import publication_date

# The fewest words a paragraph of an HTML page needs to count as article text.
PROSE_MIN_WORDS = 5


def build_article(article_id: str, raw_text: str, *, title: str | None = None, url: str | None = None,
                  source_path: str | None = None, metadata_date: date | None = None,
                  html_date: date | None = None, warc_date: date | None = None,
                  require_prose: bool = False) -> Article:
    """Clean ``raw_text`` and date it.  ``require_prose`` (for HTML) rejects
    pages whose extracted text is only link labels ("World", "Opinion")."""
    cleaned = clean_text(raw_text, title=title)
    if not cleaned.text.strip():
        raise ReadError("HTML has no article text" if require_prose
                        else "no article text left after removing page chrome")
    if require_prose and not any(
            b.kind == "paragraph" and len(cleaned.text[b.start:b.end].split()) >= PROSE_MIN_WORDS
            for b in cleaned.blocks):
        raise ReadError("HTML has no article text")
    language = foreign_language(cleaned.text)
    if language is not None:
        raise ReadError(f"the text is in {language}, not English; skipped (heron codes English news)")
    published, source = publication_date(cleaned.text, cleaned.blocks, metadata=metadata_date,
                                         html_meta=html_date, warc=warc_date)
    return Article(id=article_id, text=cleaned.text, title=cleaned.title, url=url,
                   published=published, published_source=source, source_path=source_path,
                   blocks=cleaned.blocks)


def article_from_html(article_id: str, html: str, *, title: str | None = None, url: str | None = None,
                      source_path: str | None = None, metadata_date: date | None = None,
                      warc_date: date | None = None) -> Article:
    page = extract_html(html, url=url)
    return build_article(article_id, page.text, title=title or page.title, url=url or page.url,
                         source_path=source_path, metadata_date=metadata_date,
                         html_date=page.date, warc_date=warc_date, require_prose=True)
