"""Who speaks in a sentence: the verbs that report speech, and the named subject of one.

Both the actors stage ("we" in a quotation stands for whoever said it) and the
events stage (the speaker of a sentence; reported speech) ask this, so both read
one list and one rule here: a verb that reports speech for one stage reports it
for the other.  The words are data (``heron/data/modality.yaml``,
``reporting_verbs`` and ``speaker_pronouns``), validated on load; this module
only reads the dependency tree.  It sits below both stages and imports neither.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Token

from heron.datafiles import load_yaml, read_data

DATA_FILE = "modality.yaml"
# A speaker is the active subject of the reporting verb: "Iran was told" names whom
# it was said to, not who said it.
SPEAKER_DEPS = frozenset({"nsubj", "csubj"})


class SpeechDataError(ValueError):
    pass


@dataclass(frozen=True)
class SpeechWords:
    reporting_verbs: frozenset[str]  # lemmas
    speaker_pronouns: frozenset[str]  # lower-case forms


def _words(doc: dict[str, Any], key: str) -> frozenset[str]:
    value = doc.get(key)
    where = f"heron/data/{DATA_FILE}: {key!r}"
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise SpeechDataError(f"{where} must be a non-empty list of words")
    twice = sorted(w for w, n in Counter(v.lower() for v in value).items() if n > 1)
    if twice:
        raise SpeechDataError(f"{where} lists {', '.join(twice)} more than once")
    return frozenset(v.lower() for v in value)


def parse_speech_words(doc: object) -> SpeechWords:
    """The speech words of a parsed ``modality.yaml``, or SpeechDataError saying what is wrong."""
    if not isinstance(doc, dict) or doc.get("version") != 1:
        raise SpeechDataError(f"heron/data/{DATA_FILE}: expected a mapping with version: 1")
    return SpeechWords(reporting_verbs=_words(doc, "reporting_verbs"),
                       speaker_pronouns=_words(doc, "speaker_pronouns"))


@cache
def speech_words() -> SpeechWords:
    """The shipped list (read once per process)."""
    return parse_speech_words(load_yaml(read_data(DATA_FILE)))


def reports_speech(token: Token, words: SpeechWords | None = None) -> bool:
    """Is ``token`` a verb that reports speech ("said", "told", "added")?"""
    words = words or speech_words()
    return token.lemma_ in words.reporting_verbs and token.pos_ in ("VERB", "AUX")


def speaker_of(verb: Token, words: SpeechWords | None = None) -> Token | None:
    """The named subject of a reporting verb: "..., said Kirby" -> Kirby.

    A first-person subject ("we said", "I told") names nobody new, so it gives
    None; "the US said" does, though "US" lower-cases to "us".
    """
    words = words or speech_words()
    subj = next((c for c in verb.children if c.dep_ in SPEAKER_DEPS), None)
    if subj is None or (subj.pos_ == "PRON" and subj.lower_ in words.speaker_pronouns):
        return None
    return subj


def named_speakers(tokens: Iterable[Token], words: SpeechWords | None = None) -> Iterator[Token]:
    """The named subjects of the reporting verbs among ``tokens`` (a sentence), in text order."""
    words = words or speech_words()
    for tok in tokens:
        if reports_speech(tok, words):
            subj = speaker_of(tok, words)
            if subj is not None:
                yield subj
