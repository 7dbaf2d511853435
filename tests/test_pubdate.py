"""Publication date sources and their order (heron.read.pubdate)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from heron.read.build import article_from_html, build_article
from heron.read.clean import clean_text
from heron.read.html import meta_date
from heron.read.pubdate import parse_metadata_date, publication_date

BODY = ("Ethiopian Prime Minister's envoy met Sudanese army leaders in Port Sudan on Monday "
        "to discuss a humanitarian truce, officials said.")


def dated(text: str, **kwargs: date | None) -> tuple[date | None, str | None]:
    cleaned = clean_text(text)
    return publication_date(cleaned.text, cleaned.blocks, **kwargs)


@pytest.mark.parametrize(("opening", "expected"), [
    ("ADDIS ABABA, Oct. 27, 2015 (Heron Wire) - ", date(2015, 10, 27)),
    ("MOSCOW, March 3, 2019 — ", date(2019, 3, 3)),
    ("January 23, 2014 (ADDIS ABABA) – ", date(2014, 1, 23)),
    ("KHARTOUM, 5 June 2023 (AFP) - ", date(2023, 6, 5)),
    ("NAIROBI, Sept. 12, 2022: ", date(2022, 9, 12)),
])
def test_dateline_styles(opening: str, expected: date) -> None:
    assert dated(opening + BODY) == (expected, "dateline")


def test_dateline_after_title_is_found() -> None:
    assert dated("Envoy Meets Sudanese Army Leaders\n\nPORT SUDAN, Feb. 6, 2024 - " + BODY) == (
        date(2024, 2, 6), "dateline")


def test_dateline_without_year_takes_year_from_the_text() -> None:
    text = ("WASHINGTON, Oct. 27 (Heron Wire) - " + BODY + "\n\n"
            "The two sides last met on Oct. 2, 2015, in Jeddah.")
    assert dated(text) == (date(2015, 10, 27), "dateline")


def test_dateline_without_year_uses_bare_year_mentions() -> None:
    text = ("CAIRO, May 4 (Heron Wire) - " + BODY
            + "\n\nThe war began in April 2023 and the truce of 2023 failed.")
    assert dated(text) == (date(2023, 5, 4), "dateline")


def test_dateline_without_any_year_gives_no_date() -> None:
    text = "WASHINGTON, Oct. 27 (Heron Wire) - " + BODY
    assert dated(text) == (None, None)


def test_agency_dateline_without_date_falls_through() -> None:
    text = "KHARTOUM (AP) — " + BODY + "\n\nThe envoy had visited on 12 March 2024 as well."
    assert dated(text) == (date(2024, 3, 12), "first-dated-sentence")


def test_ordinary_sentence_with_dash_is_not_a_dateline() -> None:
    text = "The envoy said on March 3, 2019 - a day after the attack - that talks would go on."
    assert dated(text) == (date(2019, 3, 3), "first-dated-sentence")


def test_caption_date() -> None:
    text = ("Talks on Sudan\n\n"
            "Sudanese army chief greets an Ethiopian envoy in Port Sudan, Oct. 27, 2015, before talks.\n\n"
            + BODY + "\n\nA first round was held on 1 September 2015 in Jeddah.")
    assert dated(text) == (date(2015, 10, 27), "caption")


def test_first_dated_sentence() -> None:
    text = (BODY + "\n\nThe truce agreed on 12 March 2024 collapsed within days, "
            "and a new one was signed on 2024-04-02.")
    assert dated(text) == (date(2024, 3, 12), "first-dated-sentence")


def test_european_dotted_date() -> None:
    assert dated(BODY + " The statement came early on Sunday (24.11.2013).") == (
        date(2013, 11, 24), "first-dated-sentence")


def test_nothing_gives_none_never_today() -> None:
    text = BODY + "\n\nThe envoy will return on Thursday, and talks may resume next week."
    assert dated(text) == (None, None)


def test_future_and_impossible_dates_are_not_publication_dates() -> None:
    future = date.today() + timedelta(days=400)
    when = f"{future.day} {future.strftime('%B')} {future.year}"
    text = f"{BODY}\n\nA summit is planned for {when}, or Feb. 30, 2016."
    assert dated(text) == (None, None)


def test_order_metadata_beats_html_meta_beats_warc_beats_text() -> None:
    text = "PORT SUDAN, Feb. 6, 2024 - " + BODY
    m, h, w = date(2024, 2, 7), date(2024, 2, 8), date(2024, 2, 9)
    assert dated(text, metadata=m, html_meta=h, warc=w) == (m, "metadata")
    assert dated(text, html_meta=h, warc=w) == (h, "html-meta")
    assert dated(text, warc=w) == (w, "warc")
    assert dated(text) == (date(2024, 2, 6), "dateline")


def test_dateline_beats_caption_beats_first_dated_sentence() -> None:
    caption = "An envoy arrives in Port Sudan, Feb. 5, 2024, for talks."
    later = "A first round was held on 1 January 2024."
    assert dated(f"PORT SUDAN, Feb. 6, 2024 - {BODY}\n\n{caption}\n\n{later}")[1] == "dateline"
    assert dated(f"{BODY}\n\n{later}\n\n{caption}") == (date(2024, 2, 5), "caption")


@pytest.mark.parametrize(("value", "expected"), [
    ("2015-10-27", date(2015, 10, 27)),
    ("2015-10-27T14:05:00Z", date(2015, 10, 27)),
    ("27 October 2015", date(2015, 10, 27)),
    ("Oct. 27, 2015", date(2015, 10, 27)),
    (None, None),
    ("", None),
    ("yesterday", None),
    ("2015-13-45", None),
    (20151027, None),
])
def test_parse_metadata_date(value: object, expected: date | None) -> None:
    assert parse_metadata_date(value) == expected


def test_jsonld_only_date_is_html_meta() -> None:
    html = ("<html><head><script type='application/ld+json'>"
            '{"@context": "https://schema.org", "@type": "NewsArticle", '
            '"datePublished": "2022-07-19T08:00:00Z"}'
            "</script></head><body><article><p>" + BODY + "</p></article></body></html>")
    assert meta_date(html) == date(2022, 7, 19)
    article = article_from_html("x", html)
    assert (article.published, article.published_source) == (date(2022, 7, 19), "html-meta")


def test_html_without_meta_date_falls_back_to_text_not_prose_guessing() -> None:
    html = ("<html><body><article><p>KHARTOUM, 5 June 2023 (AFP) - " + BODY + "</p></article></body></html>")
    assert meta_date(html) is None
    article = article_from_html("x", html)
    assert (article.published, article.published_source) == (date(2023, 6, 5), "dateline")


def test_html_meta_beats_warc_date() -> None:
    html = ("<html><head><meta property='article:published_time' content='2021-03-04'></head>"
            "<body><article><p>" + BODY + "</p></article></body></html>")
    article = article_from_html("x", html, warc_date=date(2021, 3, 9))
    assert article.published_source == "html-meta"
    plain = "<html><body><article><p>" + BODY + "</p></article></body></html>"
    article = article_from_html("x", plain, warc_date=date(2021, 3, 9))
    assert (article.published, article.published_source) == (date(2021, 3, 9), "warc")


def test_build_article_records_metadata_source() -> None:
    article = build_article("a", BODY, metadata_date=date(2020, 1, 2))
    assert (article.published, article.published_source) == (date(2020, 1, 2), "metadata")


def test_dateline_year_near_year_end_is_inferred_across_new_year() -> None:
    text = ("BAGHDAD, Jan. 2 (Heron Wire) - " + BODY + "\n\n"
            "The last round of talks ended on Dec. 28, 2015, without agreement.")
    assert dated(text) == (date(2016, 1, 2), "dateline")
