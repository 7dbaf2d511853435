"""Chrome removal, whitespace normalisation and block detection (heron.read.clean)."""

from __future__ import annotations

import pytest

from heron.read.clean import clean_text, looks_like_heading
from heron.read.rules import ChromeError, load_chrome, parse_chrome

BODY = (
    "Turkish Foreign Minister Selin Aydin met her Greek counterpart in Athens on Friday "
    "to discuss maritime borders in the Aegean."
)
BODY2 = "Both ministers agreed to hold another round of talks in Ankara next month, officials said."

CHROME_LINES = [
    "Accessibility links",
    "Skip to main content",
    "Breaking News",
    "See comments (5)",
    "See comments",
    "This forum has been closed.",
    "Share this article",
    "Share on Facebook",
    "Share on Twitter",
    "Print",
    "Comments",
    "Comments (14)",
    "Related",
    "Advertisement",
    "- Advertisement -",
    "Read more",
    "Read more »",
    "We use cookies to give you the best experience on our website.",
    "By continuing to browse you agree to our use of cookies.",
    "Sign up for our newsletter",
    "Sign up for our daily briefing newsletter",
    "© 2024 Aegean Post. All rights reserved.",
]


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


@pytest.mark.parametrize("line", CHROME_LINES)
def test_chrome_line_is_removed(line: str) -> None:
    raw = f"{BODY}\n\n{line}\n\n{BODY2}\n"
    cleaned = clean_text(raw)
    assert paragraphs(cleaned.text) == [BODY, BODY2]
    assert cleaned.removed == (line,)


def test_chrome_lines_removed_from_scraped_page() -> None:
    raw = "\n".join(["Accessibility links", "", "Breaking News", "", BODY, "", "Share on Twitter",
                     "Print", "", BODY2, "", "See comments (5)", "", "This forum has been closed."])
    cleaned = clean_text(raw)
    assert cleaned.text == f"{BODY}\n\n{BODY2}"


@pytest.mark.parametrize("line", [
    "Breaking news of the agreement reached Ankara late on Friday, officials said.",
    "Comments by the Greek minister angered officials in Ankara.",
    "Related talks on migration will take place in Brussels next week.",
    "Print media in both countries welcomed the meeting.",
    "By Maria Papadopoulou and Emre Yilmaz",
])
def test_real_lines_that_resemble_chrome_are_kept(line: str) -> None:
    cleaned = clean_text(f"{BODY}\n\n{line}\n\n{BODY2}")
    assert line in paragraphs(cleaned.text)
    assert cleaned.removed == ()


def test_long_line_is_never_chrome() -> None:
    long_line = "Read more: " + "the ministers discussed the maritime dispute at length " * 8
    cleaned = clean_text(f"{BODY}\n\n{long_line.strip()}")
    assert len(paragraphs(cleaned.text)) == 2


def test_whitespace_is_normalised_and_paragraph_breaks_kept() -> None:
    spaced = BODY.replace(" ", "\u00a0 ", 3)
    raw = "  " + spaced + "\r\n\r\n\r\n\n\t" + BODY2 + "\u200b  \n\n\n"
    cleaned = clean_text(raw)
    assert cleaned.text == f"{BODY}\n\n{BODY2}"
    assert "  " not in cleaned.text and "\t" not in cleaned.text


def test_hard_wrapped_lines_are_joined() -> None:
    raw = (
        "Turkish Foreign Minister Selin Aydin met her Greek counterpart in Athens on\n"
        "Friday to discuss maritime borders in the Aegean.\n\n"
        "Both ministers agreed to hold another round of talks in Ankara next month,\n"
        "officials said.\n"
    )
    assert paragraphs(clean_text(raw).text) == [BODY, BODY2]


def test_single_newline_paragraphs_stay_separate() -> None:
    # Some pages separate paragraphs by one newline and no blank line at all.
    raw = f"{BODY}\n{BODY2}\nGreece said it would brief the European Union on the talks."
    assert len(paragraphs(clean_text(raw).text)) == 3


def test_blocks_title_headings_captions_paragraphs() -> None:
    raw = "\n\n".join([
        "Accessibility links",
        "Greece and Turkey Hold Aegean Talks",
        "Greek Foreign Minister Nikos Andreou greets his Turkish counterpart in Athens, "
        "March 8, 2024, before their meeting at the foreign ministry.",
        BODY,
        "Disputed Waters and Airspace",
        BODY2,
        "FILE - Greek and Turkish navy vessels sail near the island of Lesbos.",
        "The two countries last held such talks in 2022.",
        "Migration on the Agenda",
        "The ministers also discussed migrants crossing from the Turkish coast.",
        "(Photo: Aegean Post / Nikos Stavrou)",
        "NATO welcomed the meeting, a spokesperson said.",
        "See comments (2)",
    ])
    cleaned = clean_text(raw)
    kinds = [(b.kind, cleaned.text[b.start:b.end]) for b in cleaned.blocks]
    assert [k for k, _ in kinds] == ["title", "caption", "paragraph", "heading", "paragraph", "caption",
                                     "paragraph", "heading", "paragraph", "caption", "paragraph"]
    assert kinds[0][1] == "Greece and Turkey Hold Aegean Talks"
    assert cleaned.title == "Greece and Turkey Hold Aegean Talks"
    assert kinds[3][1] == "Disputed Waters and Airspace"


def test_block_offsets_tile_the_text() -> None:
    raw = f"Talks in Athens\n\n{BODY}\n\nNext Steps for Both Sides\n\n{BODY2}"
    cleaned = clean_text(raw)
    assert cleaned.blocks[0].start == 0
    assert cleaned.blocks[-1].end == len(cleaned.text)
    for before, after in zip(cleaned.blocks, cleaned.blocks[1:], strict=False):
        assert cleaned.text[before.end:after.start] == "\n\n"
    assert [cleaned.text[b.start:b.end] for b in cleaned.blocks] == paragraphs(cleaned.text)


def test_given_title_is_marked_when_present_and_text_untouched_otherwise() -> None:
    cleaned = clean_text(f"Athens Talks\n\n{BODY}", title="Athens talks")
    assert cleaned.blocks[0].kind == "title"
    assert cleaned.title == "Athens talks"
    cleaned = clean_text(f"{BODY}\n\n{BODY2}", title="Ministers Meet in Athens")
    assert cleaned.title == "Ministers Meet in Athens"
    assert [b.kind for b in cleaned.blocks] == ["paragraph", "paragraph"]
    assert "Ministers Meet" not in cleaned.text


def test_first_line_with_final_punctuation_is_not_a_title() -> None:
    cleaned = clean_text(f"{BODY}\n\n{BODY2}")
    assert cleaned.title is None
    assert {b.kind for b in cleaned.blocks} == {"paragraph"}


@pytest.mark.parametrize(("line", "expected"), [
    ("Stepped up Diplomacy on the Aegean", True),
    ("Talks Part of a Broader Tour", True),
    ("What the ministers said.", False),
    ("the talks resumed in the afternoon", False),
    ("Greece said the talks were useful and that both sides wanted to continue them soon", False),
])
def test_heading_shape(line: str, expected: bool) -> None:
    assert looks_like_heading(line, load_chrome()) is expected


def test_last_short_line_is_not_a_heading() -> None:
    cleaned = clean_text(f"{BODY}\n\nMore From Athens")
    assert cleaned.blocks[-1].kind == "paragraph"


def test_chrome_file_is_validated_with_entry_and_reason() -> None:
    with pytest.raises(ChromeError, match=r"x\.yaml: entry patterns\.0\.regex: .*invalid regex"):
        parse_chrome({"version": 1, "max_line_chars": 100, "patterns": [{"id": "bad", "regex": "(oops"}]},
                     "x.yaml")
    with pytest.raises(ChromeError, match="unsupported version 7"):
        parse_chrome({"version": 7, "max_line_chars": 100}, "x.yaml")
    with pytest.raises(ChromeError, match=r"entry lines\.1"):
        parse_chrome({"version": 1, "max_line_chars": 100, "lines": ["Print", True]}, "x.yaml")


def test_shipped_chrome_file_loads() -> None:
    rules = load_chrome()
    assert rules.version == 1
    assert rules.chrome_rule("Accessibility links") == "line"
    assert rules.chrome_rule("See comments (5)") == "comment-count"
