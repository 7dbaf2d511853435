"""When an event happened: its own date phrase, resolved against the publication date.

Two steps:

1. *Which phrase.*  News sentences often carry several dates ("Police said on
   Monday that gunmen attacked the village on Sunday").  A date belongs to the
   event when it hangs in the same clause as the trigger: both walk up the
   dependency tree to the same clause head (a verb with its own subject, a
   finite verb, a participle clause, or the root).  Infinitives and gerunds
   without a subject are not clause heads, so "discussed ways to settle the
   crisis on Tuesday" still dates the discussion.

2. *Which day.*  :func:`heron.temporal.read_phrase` reads the phrase with
   the vocabulary in ``heron/data/temporal.yaml`` (weekdays, "yesterday",
   "last week", "in July", "Oct. 27", ...).  A bare weekday is the most
   recent one on or before publication, or the next one on or after it when
   the clause speaks of the future ("will travel", "is to meet", "said he
   would visit", "plans to hold"): the tense is read here, from the clause,
   whatever the caller says.

Without a phrase: the day of the saying that reports it ("announced on
Sunday that the two had agreed"); else, for a deed told in the past, the day
the article's lead dates its news to (:func:`story_date`: "... talks on
Tuesday" then "Kim agreed ..."); else the publication date (precision
"publication").  Vague phrases ("recently") give no date at all.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from heron.model import EventDate
from heron.temporal import (
    Reading,
    Temporal,
    TemporalError,
    Tense,
    default_temporal,
    load_temporal,
    read_phrase,
)

log = logging.getLogger(__name__)

DATE_LABELS = frozenset({"DATE", "TIME"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "agent"})
MARKERS = frozenset({"mark"})
NOUN_MODIFIERS = frozenset({"poss", "compound", "nmod", "amod"})
ADJUNCTS = frozenset({"prep", "npadvmod", "advmod", "tmod", "obl"})


# --------------------------------------------------------------------------- entities, once per Doc


def doc_ents(doc: Doc) -> Sequence[Span]:
    """``doc.ents``, built once per Doc: spaCy rebuilds the tuple on every access,
    and the date and place steps ask for it once per event and candidate noun."""
    ents = doc.user_data.get("heron_ents")
    if ents is None:
        ents = doc.user_data["heron_ents"] = doc.ents
    return ents


def _ent_starts(doc: Doc) -> list[int]:
    starts = doc.user_data.get("heron_ent_starts")
    if starts is None:
        starts = doc.user_data["heron_ent_starts"] = [ent.start for ent in doc_ents(doc)]
    return starts


def ents_of(where: Doc | Span) -> Sequence[Span]:
    """``where.ents`` (entities wholly inside a span), from :func:`doc_ents`."""
    if isinstance(where, Doc):
        return doc_ents(where)
    ents = doc_ents(where.doc)
    # Entities are sorted and do not overlap: start at the first one at or after the
    # span (a scan from the top made every lookup cost the whole article).
    inside: list[Span] = []
    for n in range(bisect_left(_ent_starts(where.doc), where.start), len(ents)):
        ent = ents[n]
        if ent.end > where.end:
            break
        inside.append(ent)
    return inside


def ent_at(doc: Doc, i: int) -> Span | None:
    """The entity that holds token ``i``, if any (entities do not overlap)."""
    n = bisect_right(_ent_starts(doc), i) - 1
    if n >= 0:
        ent = doc_ents(doc)[n]
        if ent.start <= i < ent.end:
            return ent
    return None


# --------------------------------------------------------------------------- which phrase


def _is_clause_head(tok: Token) -> bool:
    """Does this token head its own clause (its own event time)?"""
    if tok.dep_ == "ROOT" or tok.head.i == tok.i:
        return True
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in SUBJECT_DEPS or c.dep_ in MARKERS for c in tok.children):
        return True
    # "seized the town and killed ten people on Monday": a verb sharing its
    # subject shares the clause (and the date) with the first.
    if tok.dep_ == "conj":
        return False
    if "Fin" in tok.morph.get("VerbForm", []):
        return True
    # A participle clause on a noun ("the deal reached in July") is its own event.
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl", "advcl")


def clause_head(tok: Token) -> Token:
    """The nearest ancestor-or-self that heads a clause."""
    cur = tok
    while not _is_clause_head(cur):
        cur = cur.head
    return cur


@dataclass(frozen=True)
class Candidate:
    tokens: tuple[Token, ...]

    @property
    def text(self) -> str:
        if not self.tokens:
            return ""
        doc = self.tokens[0].doc
        return doc[self.tokens[0].i:self.tokens[-1].i + 1].text

    @property
    def root(self) -> Token:
        ids = {t.i for t in self.tokens}
        for tok in self.tokens:
            if tok.head.i not in ids or tok.head.i == tok.i:
                return tok
        return self.tokens[0]


def _candidates(sent: Span, t: Temporal) -> list[Candidate]:
    """DATE/TIME entities plus temporal words NER missed; coordinated weekdays merged."""
    found: list[Candidate] = []
    covered: set[int] = set()
    for ent in ents_of(sent):
        if ent.label_ in DATE_LABELS:
            tokens = _trim_entity(ent)
            found.append(Candidate(tokens))
            covered.update(tok.i for tok in tokens)
    words = t.words
    for tok in sent:
        if tok.i in covered:
            continue
        low = tok.lower_
        if low in words or (low in t.weekdays and tok.text[:1].isupper() and len(low) > 3):
            span = [tok]
            prev = tok.nbor(-1) if tok.i > sent.start else None
            if prev is not None and prev.lower_ in ("last", "next", "this") and prev.i not in covered:
                span.insert(0, prev)
            found.append(Candidate(tuple(span)))
            covered.update(x.i for x in span)
    return _merge_coordinated(sorted(found, key=lambda c: c.tokens[0].i), t)


def _trim_entity(ent: Span) -> tuple[Token, ...]:
    """A DATE entity cut where NER ran it into the next clause.

    "on Tuesday, ending years of dispute" comes out as one entity "Tuesday,
    ending years", which reads as nothing; the date is what comes before the
    verb that heads a clause outside the entity.
    """
    ids = {tok.i for tok in ent}
    tokens = list(ent)
    for k, tok in enumerate(ent):
        clausal = tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound")
        if k and clausal and tok.head.i not in ids:
            tokens = tokens[:k]
            break
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    return tuple(tokens) or tuple(ent)


def _merge_coordinated(cands: list[Candidate], t: Temporal) -> list[Candidate]:
    """NER sometimes splits 'Thursday and Friday' in two; read them as one range."""
    out: list[Candidate] = []
    for cand in cands:
        if out:
            prev = out[-1]
            gap = cand.tokens[0].doc[prev.tokens[-1].i + 1:cand.tokens[0].i]
            both_days = all(x.lower_ in t.weekdays for x in (prev.tokens[-1], cand.tokens[0]))
            if both_days and len(gap) <= 2 and all(g.lower_ in ("and", "or", ",", "through", "to", "-")
                                                   for g in gap):
                out[-1] = Candidate(prev.tokens + tuple(gap) + cand.tokens)
                continue
        out.append(cand)
    return out


def _tree_distance(a: Token, b: Token) -> int:
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index_b = {tok.i: n for n, tok in enumerate(up_b)}
    for n, tok in enumerate(up_a):
        if tok.i in index_b:
            return n + index_b[tok.i]
    return len(up_a) + len(up_b)


def event_date_phrases(sent: Span, trigger: Token, vocab: Temporal | None = None) -> list[str]:
    """The date phrases that belong to the trigger's clause, best first."""
    return [c.text for c in _clause_candidates(sent, trigger, vocab or default_temporal())]


def _date_clause(root: Token) -> Token:
    """The head of the clause a date phrase (by its root token) belongs to."""
    anchor = root.head if root.head.i != root.i else root
    owner = clause_head(anchor)
    # "said on Tuesday he would travel on Thursday": the parser may hang
    # "on Tuesday" on the reported verb, but what stands between the saying
    # and the reported clause's subject (or "that") is the saying's.
    direct = anchor.i == owner.i or (anchor.dep_ == "prep" and anchor.head.i == owner.i)
    if direct and owner.dep_ == "ccomp" and owner.head.i < root.i:
        starts = [c.i for c in owner.children if c.dep_ in SUBJECT_DEPS or c.dep_ in MARKERS]
        if starts and root.i < min(starts):
            return clause_head(owner.head)
    return owner


def _clause_candidates(sent: Span, trigger: Token, t: Temporal) -> list[Candidate]:
    head = clause_head(trigger)
    subtree = {tok.i for tok in trigger.subtree}
    mine: list[tuple[tuple[int, int], Candidate]] = []
    for cand in _candidates(sent, t):
        root = cand.root
        # A date inside a clause of its own ("... that gunmen attacked on Sunday")
        # is that clause's; a date whose clause is the trigger's belongs to the event.
        if _date_clause(root).i == head.i:
            # "from next month's election": a date on another noun dates that noun.
            on_noun = (root.dep_ in NOUN_MODIFIERS and root.head.pos_ in ("NOUN", "PROPN")
                       and root.head.i != trigger.i)
            if on_noun:
                continue  # "his rival in February elections": the elections' date, not the event's
            rank = (0 if root.i in subtree else 1, _tree_distance(root, trigger))
            mine.append((rank, cand))
    return [c for _, c in sorted(mine, key=lambda x: x[0])]


# --------------------------------------------------------------------------- which way


def _is_past(verb: Token) -> bool:
    return verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)


def _chain(trigger: Token, head: Token) -> list[Token]:
    """The trigger and the tokens between it and its clause head."""
    chain = [trigger]
    while chain[-1].i != head.i and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def future_nodes(trigger: Token, t: Temporal | None = None) -> list[Token]:
    """Tokens of the trigger's clause whose subtree speaks of the future.

    "will travel", "said he would travel", "won't attend": the verb with the
    auxiliary.  "plans to travel", "is to meet", "is going to meet": the
    infinitive under the verb of intention, not the intention itself (in
    "agreed on Tuesday to meet on Friday" Tuesday is the agreement's, a past).
    """
    tense = (t or default_temporal()).tense
    nodes: list[Token] = []
    for tok in _chain(trigger, clause_head(trigger)):
        aux_tokens = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        auxes = {c.lemma_.lower() for c in aux_tokens} | {c.lower_ for c in aux_tokens}
        if auxes & tense.future_aux and not auxes & tense.perfect_aux:
            nodes.append(tok)
        elif _scheduled(tok, tense) or _present(tok, aux_tokens, tense):
            # "talks are scheduled for Thursday", "arrives in Oslo on Thursday":
            # the verb's own time words, not those in its subject or object
            # ("Tuesday's agreement ends years of dispute").
            nodes += [c for c in tok.children if c.dep_ in ADJUNCTS]
        gov = tok.head
        if tok.dep_ == "xcomp" and gov.i != tok.i:
            lemma = gov.lemma_.lower()
            if lemma in tense.future_verbs or (lemma in tense.future_copulas and not _is_past(gov)):
                nodes.append(tok)
    return nodes


def _scheduled(tok: Token, tense: Tense) -> bool:
    return tok.lemma_.lower() in tense.schedule_verbs and not _is_past(tok)


def _present(tok: Token, aux_tokens: list[Token], tense: Tense) -> bool:
    """A present that speaks of a scheduled future: "is holding talks on Thursday",
    "arrives in Oslo on Thursday", "the vote is on Sunday".

    The simple present counts only in a sentence with a full stop: headlines,
    which tell the past in the present ("Norway signs pact Tuesday"), have none.
    """
    if tok.lemma_.lower() in tense.speech_verbs:
        return False
    if tok.tag_ == "VBG":
        return any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in aux_tokens)
    if tok.tag_ not in ("VBZ", "VBP") or aux_tokens:
        return False
    last = tok.sent[-1]
    return last.text in (".", "!") or (last.is_punct and last.i > tok.sent.start
                                       and tok.doc[last.i - 1].text in (".", "!"))


def _under(tok: Token, nodes: list[Token]) -> bool:
    return any(node.i == tok.i or node.is_ancestor(tok) for node in nodes)


def _speech_verb(head: Token, t: Temporal) -> Token | None:
    """The verb that reports this clause: "said (that) he was halting", "..., the ministry said"."""
    speech = t.tense.speech_verbs
    if head.dep_ in ("ccomp", "parataxis") and head.head.lemma_.lower() in speech:
        return head.head
    for child in head.children:
        if child.dep_ in ("ccomp", "parataxis") and child.lemma_.lower() in speech:
            return child
    return None


def _speech_date(sent: Span, head: Token, published: date | None, t: Temporal) -> EventDate | None:
    """The day the clause was said on, when the report says so."""
    verb = _speech_verb(head, t)
    if verb is None:
        return None
    for cand in _clause_candidates(sent, verb, t):
        reading = read_phrase(cand.text, published, False, t)
        if reading.outcome == "date" and reading.date is not None and reading.date.precision == "day":
            return reading.date
    return None


def _simultaneous(head: Token, t: Temporal) -> bool:
    """Reported as going on when said: "he was halting funding", "it is suspending", "it halts"."""
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    lemmas = {c.lemma_.lower() for c in auxes} | {c.lower_ for c in auxes}
    if lemmas & (t.tense.future_aux | t.tense.perfect_aux):
        return False
    if head.tag_ == "VBG" and "be" in lemmas:
        return True
    return head.tag_ in ("VBZ", "VBP") and not auxes


def _read_candidate(cand: Candidate, published: date | None, future: bool, t: Temporal) -> Reading:
    """Read a phrase; if NER ran it on ("late Tuesday after weeks"), its longest dated start."""
    reading = read_phrase(cand.text, published, future, t)
    if reading.outcome != "unknown" or len(cand.tokens) < 2:
        return reading
    for end in range(len(cand.tokens) - 1, 0, -1):
        if cand.tokens[end - 1].pos_ in ("ADP", "CCONJ", "PUNCT", "DET"):
            continue  # "late Tuesday", not "late Tuesday after"
        shorter = read_phrase(Candidate(cand.tokens[:end]).text, published, future, t)
        if shorter.outcome == "date":
            return shorter
    return reading


def _coordinated_date(sent: Span, head: Token, published: date | None, t: Temporal) -> EventDate | None:
    """ "Hamas released hostages on Tuesday, and Israel freed prisoners": the
    second clause, undated and in the same tense, happened the same day."""
    first = head.head
    if head.dep_ != "conj" or first.i == head.i or first.tag_ != head.tag_ or head.tag_ != "VBD":
        return None
    for cand in _clause_candidates(sent, first, t):
        reading = read_phrase(cand.text, published, False, t)
        if reading.outcome == "date" and reading.date is not None and reading.date.precision == "day":
            return reading.date
        if reading.outcome != "unknown":
            return None
    return None


def resolve_event_date(sent: Span, trigger: Token, published: date | None,
                       future: bool = False) -> EventDate | None:
    """The date of the event triggered by ``trigger`` in ``sent``.

    Takes the best date phrase in the trigger's own clause and resolves it
    against ``published``; a date on another noun ("next month's election")
    comes last.  A bare weekday points back (the last one on or
    before publication) unless ``future`` is set or the phrase stands in a
    part of the clause that speaks of the future (:func:`future_nodes`); a
    reported future reads from the day it was said on ("said on Monday he
    would travel on Thursday").  No phrase: the day of the saying for a report
    of something going on as it was said ("said on Tuesday he was halting
    funding"), or of the clause it is coordinated with ("X did A on Tuesday,
    and Y did B"), else the publication date with precision "publication", or
    None when that is unknown too.  A vague phrase ("recently"): None.
    """
    t = default_temporal()
    head = clause_head(trigger)
    nodes = future_nodes(trigger, t)
    said = _speech_date(sent, head, published, t)
    # A reported future counts from the day it was said on, if that is known.
    said_on = said.value if said is not None and published is not None and said.value <= published else None
    readings: list[Reading] = []
    for cand in _clause_candidates(sent, trigger, t):
        ahead = future or _under(cand.root, nodes)
        base = said_on if ahead and said_on is not None else published
        readings.append(_read_candidate(cand, base, ahead, t))
    for reading in readings:
        if reading.outcome == "date":
            return reading.date
    if any(r.outcome == "vague" for r in readings):
        return None
    if said is not None and not future and (_simultaneous(head, t) or _is_past(head)):
        # "announced on Sunday that the two had agreed": done by the day it was told
        return said
    if (shared := _coordinated_date(sent, head, published, t)) is not None and not nodes and not future:
        return shared
    if published is None:
        return None
    story = story_date(sent.doc, published, t)
    if story is not None and not nodes and not future and sent.start > story.sentence and _told_past(head):
        return story.date
    return EventDate(published, "publication", None)


# --------------------------------------------------------------------------- the story's day


@dataclass(frozen=True)
class StoryDate:
    """The day the article's opening sentence dates its news to, and where that sentence starts."""

    date: EventDate
    sentence: int  # token index of the lead sentence's start


def _told_past(head: Token) -> bool:
    """A simple past or past perfect ("agreed", "had agreed"): a deed of the story being told.
    The present perfect ("have suspended") is news as of publication, and stays there."""
    if head.tag_ == "VBD":
        return True
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    return head.tag_ == "VBN" and any(a.tag_ == "VBD" for a in auxes)


def story_date(doc: Doc, published: date, t: Temporal | None = None) -> StoryDate | None:
    """The day of the news the article leads with.

    A news story opens on its event and its day ("... during their talks on
    Tuesday", "... yesterday declared a state of emergency") and then goes on
    about that day without repeating it: the later undated deeds told in the
    past are of that day, not of the publication date.  Only a day-precise
    phrase of one of the first two sentences, at most ``LEAD_MAX_DAYS`` before
    publication (a lead about last year is background, not the day's news).
    """
    key = _story_key(published)
    if key in doc.user_data:
        found: StoryDate | None = doc.user_data[key]
        return found
    vocab = t or default_temporal()
    found = None
    told = 0
    for sent in doc.sents:
        if told >= 2 or found is not None:
            break
        # A dateline ("ISLAMABAD, 4 November 2007 —") is a sentence of its own with
        # no verb: its date is the filing's, not the news'.
        if not any(tok.pos_ in ("VERB", "AUX") for tok in sent):
            continue
        told += 1
        for cand in _candidates(sent, vocab):
            reading = _read_candidate(cand, published, False, vocab)
            if reading.outcome != "date" or reading.date is None:
                continue
            day = reading.date
            if day.precision == "day" and 0 <= (published - day.value).days <= LEAD_MAX_DAYS:
                found = StoryDate(day, sent.start)
            break
    doc.user_data[key] = found
    return found


LEAD_MAX_DAYS = 7


def _story_key(published: date) -> str:
    return f"heron_story_date:{published.isoformat()}"


def continue_story(doc: Doc, published: date, lead: StoryDate | None) -> None:
    """Give ``doc``, a later window of a long article (heron.windows), the story's day
    that the article's opening gave, found by :func:`story_date` on the first window.

    A window's own first sentences are no lead: the article's are, and every
    sentence of a later window comes after them (token index -1).
    """
    doc.user_data[_story_key(published)] = None if lead is None else StoryDate(lead.date, -1)


__all__ = [
    "EventDate", "Reading", "StoryDate", "Temporal", "TemporalError", "clause_head", "continue_story",
    "default_temporal", "event_date_phrases", "future_nodes", "load_temporal", "read_phrase",
    "resolve_event_date", "story_date",
]
