"""Every reader, stdin, directories and each bad-input case (heron.read.iter_articles)."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from datetime import date
from pathlib import Path

import pytest

from heron.model import Article, ReadFailure
from heron.read import iter_articles

FIXTURES = Path(__file__).parent / "fixtures" / "read"
EXAMPLES = Path(__file__).parent.parent / "examples"

PROSE = ("Kenyan Foreign Minister Joseph Kamau met Somali officials in Nairobi on Monday "
         "to discuss border security and trade.")
PAGE = ("<html><head><title>Kenya and Somalia Talk Trade</title>"
        "<meta property='article:published_time' content='2024-04-15'></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>Kenya and Somalia Talk Trade</h1><p>{PROSE}</p>"
        "</article><footer>Share this article</footer></body></html>")


def read(*paths: str | Path, stdin: io.IOBase | None = None) -> list[Article | ReadFailure]:
    return list(iter_articles([str(p) for p in paths], stdin=stdin))  # type: ignore[arg-type]


def articles(results: list[Article | ReadFailure]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def failures(results: list[Article | ReadFailure]) -> list[ReadFailure]:
    return [r for r in results if isinstance(r, ReadFailure)]


# --- a tiny WARC, built here so the bytes are plain to see ---------------------------------

def warc_record(kind: str, headers: dict[str, str], block: bytes) -> bytes:
    lines = ["WARC/1.1", f"WARC-Type: {kind}", *(f"{k}: {v}" for k, v in headers.items()),
             f"Content-Length: {len(block)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(body: bytes, ctype: str = "text/html; charset=utf-8", status: str = "200 OK") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def uid(n: int) -> str:
    return f"<urn:uuid:7d3c1a52-0000-4000-8000-{n:012d}>"


def warc_records(html_with_meta: str, html_plain: str) -> list[bytes]:
    response = {"WARC-Date": "2024-04-16T08:30:00Z", "Content-Type": "application/http; msgtype=response"}
    return [
        warc_record("warcinfo", {"WARC-Record-ID": "<urn:uuid:00000000-0000-4000-8000-000000000000>",
                                 "WARC-Date": "2024-04-16T08:00:00Z",
                                 "Content-Type": "application/warc-fields"}, b"software: heron-tests\r\n"),
        warc_record("request", {"WARC-Record-ID": "<urn:uuid:00000000-0000-4000-8000-000000000001>",
                                "WARC-Target-URI": "https://news.example.org/kenya",
                                "Content-Type": "application/http; msgtype=request"},
                    b"GET /kenya HTTP/1.1\r\nHost: news.example.org\r\n\r\n"),
        warc_record("response", {**response, "WARC-Record-ID": uid(2),
                                 "WARC-Target-URI": "https://news.example.org/kenya"},
                    http_response(html_with_meta.encode())),
        warc_record("response", {**response, "WARC-Record-ID": uid(3),
                                 "WARC-Target-URI": "https://news.example.org/logo.png"},
                    http_response(b"\x89PNG\r\n\x1a\n", ctype="image/png")),
        warc_record("response", {**response, "WARC-Record-ID": uid(4),
                                 "WARC-Target-URI": "https://news.example.org/somalia"},
                    http_response(html_plain.encode())),
        warc_record("response", {**response, "WARC-Record-ID": uid(5),
                                 "WARC-Target-URI": "https://news.example.org/moved"},
                    http_response(b"<html><body>Moved</body></html>", status="301 Moved Permanently")),
    ]


PLAIN_PAGE = ("<html><body><article><p>Somalia urged the African Union on Tuesday to keep its troops "
              "in the country until the end of the year, the foreign ministry said.</p>"
              "</article></body></html>")


@pytest.fixture()
def warc_path(tmp_path: Path) -> Path:
    path = tmp_path / "capture.warc"
    path.write_bytes(b"".join(warc_records(PAGE, PLAIN_PAGE)))
    return path


@pytest.fixture()
def warc_gz_path(tmp_path: Path) -> Path:
    path = tmp_path / "capture.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in warc_records(PAGE, PLAIN_PAGE)))
    return path


# --- readers -----------------------------------------------------------------------------

def test_txt_reader_cleans_and_dates() -> None:
    [article] = read(FIXTURES / "kenya-talks.txt")
    assert isinstance(article, Article)
    assert article.id == "kenya-talks"
    assert article.source_path == str(FIXTURES / "kenya-talks.txt")
    for chrome in ("Skip to main content", "Breaking News", "Share this article", "See comments",
                   "forum has been closed"):
        assert chrome not in article.text
    assert article.title == "Kenya and Somalia Agree to Reopen Border Crossings"
    assert (article.published, article.published_source) == (date(2024, 4, 14), "dateline")
    kinds = [b.kind for b in article.blocks]
    assert kinds == ["title", "paragraph", "paragraph", "heading", "paragraph"]
    # The hard-wrapped dateline paragraph is joined into one.
    assert "Foreign Minister Ahmed Warsame" in article.text


def test_html_reader_extracts_main_text_title_and_meta_date() -> None:
    [article] = read(FIXTURES / "ceasefire-page.html")
    assert isinstance(article, Article)
    assert article.id == "ceasefire-page"
    assert article.title == "Colombia and Rebels Extend Ceasefire"
    assert (article.published, article.published_source) == (date(2024, 8, 2), "html-meta")
    assert "agreed on Thursday to extend their ceasefire" in article.text
    for chrome in ("Sport", "Great news for the country", "newsletter", "Andes Observer"):
        assert chrome not in article.text
    heading = [article.text[b.start:b.end] for b in article.blocks if b.kind == "heading"]
    assert heading == ["Next Round in Havana"]


def test_htm_extension(tmp_path: Path) -> None:
    path = tmp_path / "nairobi.htm"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.id == "nairobi"
    assert PROSE in article.text
    assert "Home" not in article.text and "Share this article" not in article.text


def test_jsonl_reader_good_and_bad_lines() -> None:
    path = FIXTURES / "mixed.jsonl"
    results = read(path)
    good = articles(results)
    assert [a.id for a in good] == ["jsonl-ok-text", "jsonl-ok-html"]
    assert (good[0].published, good[0].published_source) == (date(2023, 5, 9), "metadata")
    assert good[0].title == "Ghana Hosts Regional Security Talks"
    assert (good[1].published, good[1].published_source) == (date(2023, 5, 11), "html-meta")
    assert good[1].url == "https://example.org/togo"
    bad = {f.input: f.reason for f in failures(results)}
    assert set(bad) == {f"{path}:2", f"{path}:3", f"{path}:4", f"{path}:5"}
    assert "not a JSON object" in bad[f"{path}:2"]
    assert "missing 'id'" in bad[f"{path}:3"]
    assert "no 'text' or 'html'" in bad[f"{path}:4"]
    assert "not valid JSON" in bad[f"{path}:5"]
    # Order is kept: failures appear where their lines are.
    assert isinstance(results[0], Article) and isinstance(results[-1], Article)


def test_jsonl_cp1252_line_is_decoded_with_a_warning(tmp_path: Path, caplog) -> None:
    path = tmp_path / "wire.jsonl"
    good = json.dumps({"id": "ok", "text": PROSE}).encode()
    line = b'{"id": "cafe", "text": "' + PROSE.encode() + b' caf\xe9 \x93quoted\x94."}\n'
    path.write_bytes(good + b"\n" + line)
    with caplog.at_level("WARNING"):
        results = read(path)
    assert [a.id for a in articles(results)] == ["ok", "cafe"]
    assert "café “quoted”" in articles(results)[1].text
    assert any(f"{path}:2" in r.getMessage() and "Windows-1252" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("fixture", ["warc_path", "warc_gz_path"])
def test_warc_reader(fixture: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue(fixture)
    results = read(path)
    assert failures(results) == []
    first, second = articles(results)
    assert first.id == "7d3c1a52-0000-4000-8000-000000000002"
    assert first.url == "https://news.example.org/kenya"
    assert (first.published, first.published_source) == (date(2024, 4, 15), "html-meta")
    assert PROSE in first.text
    assert second.id == "7d3c1a52-0000-4000-8000-000000000004"
    assert (second.published, second.published_source) == (date(2024, 4, 16), "warc")


def test_warc_without_html_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "images.warc.gz"
    path.write_bytes(gzip.compress(warc_record(
        "response", {"WARC-Record-ID": "<urn:uuid:1>", "WARC-Target-URI": "https://x.example/a.png",
                     "Content-Type": "application/http; msgtype=response"},
        http_response(b"\x89PNG", ctype="image/png"))))
    [failure] = read(path)
    assert isinstance(failure, ReadFailure) and "no HTML" in failure.reason


def test_corrupt_warc_gz_is_a_failure_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00 this is not really gzip at all")
    results = read(path, FIXTURES / "kenya-talks.txt")
    assert isinstance(results[0], ReadFailure) and results[0].input == str(path)
    assert isinstance(results[-1], Article)


# --- directories -------------------------------------------------------------------------

def test_directory_is_recursive_sorted_and_skips_unknown_files(tmp_path: Path, warc_gz_path: Path) -> None:
    root = tmp_path / "inbox"
    (root / "b-sub").mkdir(parents=True)
    (root / "c.txt").write_text(PROSE, encoding="utf-8")
    (root / "a.html").write_text(PAGE, encoding="utf-8")
    inner = "Somalia thanked Kenya for its support on Tuesday."
    (root / "b-sub" / "inner.txt").write_text(inner, encoding="utf-8")
    (root / "b-sub" / "capture.warc.gz").write_bytes(warc_gz_path.read_bytes())
    (root / "notes.md").write_text("# not an article", encoding="utf-8")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00")
    (root / ".hidden.txt").write_text(PROSE, encoding="utf-8")
    results = read(root)
    assert failures(results) == []
    assert [a.id for a in articles(results)] == [
        "a", "7d3c1a52-0000-4000-8000-000000000002", "7d3c1a52-0000-4000-8000-000000000004", "b-sub/inner",
        "c"]


# --- stdin -------------------------------------------------------------------------------

def test_stdin_text() -> None:
    text = "NAIROBI, April 14, 2024 - " + PROSE
    [article] = read("-", stdin=io.StringIO(text))
    assert isinstance(article, Article)
    assert article.id == "stdin-" + hashlib.sha256(text.encode()).hexdigest()[:8]
    assert (article.published, article.published_source) == (date(2024, 4, 14), "dateline")


def test_stdin_html_bytes() -> None:
    [article] = read("-", stdin=io.BytesIO(PAGE.encode()))
    assert isinstance(article, Article)
    assert article.id.startswith("stdin-") and article.published_source == "html-meta"
    assert "<p>" not in article.text


def test_stdin_jsonl() -> None:
    lines = [json.dumps({"id": "s1", "text": PROSE, "date": "2024-04-15"}), "",
             json.dumps({"id": "s2", "text": "Somalia thanked Kenya for its support on Tuesday."})]
    results = read("-", stdin=io.StringIO("\n".join(lines)))
    assert [a.id for a in articles(results)] == ["s1", "s2"]


def test_stdin_with_a_brace_line_that_is_not_jsonl_is_text() -> None:
    text = "{Editor's note: updated}\n" + PROSE
    [article] = read("-", stdin=io.StringIO(text))
    assert isinstance(article, Article) and article.id.startswith("stdin-")


def test_empty_stdin_is_a_failure() -> None:
    [failure] = read("-", stdin=io.BytesIO(b""))
    assert failure == ReadFailure("stdin", "empty file")


# --- bad inputs --------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n \t\n", "empty file"),
    ("binary.txt", b"Kenya\x00\x01\x02 and Somalia", "binary file"),
    ("empty.html", b"", "empty file"),
    ("nav.html", b"<html><body><nav><a href='/'>Home</a><a href='/w'>World</a></nav></body></html>",
     "HTML has no article text"),
    ("chrome-only.txt", b"Accessibility links\n\nBreaking News\n\nSee comments (5)\n",
     "no article text left after removing page chrome"),
    ("empty.jsonl", b"\n\n", "empty file"),
    ("binary.jsonl", b'{"id": "x"}\n\x00\x00', "binary file"),
    ("notes.docx", b"PK\x03\x04", "unknown file type '.docx'"),
    ("README", b"text", "unknown file type '(no extension)'"),
])
def test_bad_input_gives_failure_and_the_rest_goes_on(tmp_path: Path, name: str, content: bytes,
                                                       reason: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    results = read(bad, FIXTURES / "kenya-talks.txt")
    assert len(results) == 2
    failure, article = results
    assert isinstance(failure, ReadFailure)
    assert failure.input == str(bad)
    assert reason in failure.reason
    assert "\n" not in failure.reason
    assert isinstance(article, Article) and article.id == "kenya-talks"


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    [failure, article] = read(missing, FIXTURES / "ceasefire-page.html")
    assert failure == ReadFailure(str(missing), "no such file or directory")
    assert failure.message() == f"heron: {missing}: no such file or directory"
    assert isinstance(article, Article)


def test_unknown_extension_inside_directory_is_skipped_silently(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "talks.txt").write_text(PROSE, encoding="utf-8")
    assert [type(r).__name__ for r in read(tmp_path)] == ["Article"]


# --- the shipped examples ----------------------------------------------------------------

def test_examples_read_cleanly() -> None:
    results = read(EXAMPLES)
    assert failures(results) == []
    by_id = {a.id: a for a in articles(results)}
    assert set(by_id) == {"geneva-talks", "sahel-ceasefire", "wire-korea-missiles", "wire-baltic-expulsion"}
    assert by_id["geneva-talks"].published_source == "dateline"
    assert by_id["sahel-ceasefire"].published_source == "html-meta"
    assert by_id["wire-korea-missiles"].published_source == "metadata"
    sahel = by_id["sahel-ceasefire"].text
    for chrome in ("Skip to main content", "Breaking News", "Share on Facebook", "This forum has been closed",
                   "Let us hope", "cookies", "Sign up for our newsletter"):
        assert chrome not in sahel
    for article in by_id.values():
        words = len(article.text.split())
        assert 150 <= words <= 350, (article.id, words)


def test_warc_page_in_declared_legacy_charset(tmp_path: Path) -> None:
    body = ("<html><head><meta charset='windows-1252'></head><body><article><p>Le ministre français "
            "des Affaires étrangères a rencontré son homologue à Genève mardi pour parler de la Syrie."
            "</p></article></body></html>").encode("cp1252")
    path = tmp_path / "legacy.warc"
    path.write_bytes(warc_record(
        "response", {"WARC-Record-ID": uid(9), "WARC-Date": "2015-10-27T10:00:00Z",
                     "WARC-Target-URI": "https://fr.example.org/geneve",
                     "Content-Type": "application/http; msgtype=response"},
        http_response(body, ctype="text/html")))
    [article] = read(path)
    assert isinstance(article, Article)
    assert "Affaires étrangères" in article.text
    assert (article.published, article.published_source) == (date(2015, 10, 27), "warc")


def test_directory_without_articles_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# nothing to read", encoding="utf-8")
    [failure] = read(tmp_path)
    assert isinstance(failure, ReadFailure) and failure.input == str(tmp_path)
    assert "holds no" in failure.reason
