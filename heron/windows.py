"""Coding a long article window by window, so its memory is that of one window.

A parsed article is a spaCy Doc of some hundred bytes per character, and
coding it builds more per token (actor phrases, caches), so coding a long
text whole makes memory grow with its length.  An article longer than
``PipelineOptions.window_chars`` (:data:`heron.read.limits.WINDOW_CHARS`)
is cut at paragraph breaks (:func:`heron.nlp.split_long`) into windows; each
window is parsed, coded and its Doc dropped before the next is parsed.

The result is one :class:`~heron.pipeline.ArticleResult` for the article,
as if it had been coded whole: event spans and actor offsets point into the
whole article's text, sentence indices count the whole article's sentences
(so event ids stay those of the whole article), and restatements are merged
over all windows' events at once, across a window's edge too.

What a later window knows of the article before it: the publication date
(the same :class:`~heron.model.Article`), the dateline city and lead place
of the article's opening, the day its lead dates the story to, the
countries named so far and the towns things were placed in so far.  What
it does not: the actors of earlier windows.  A person introduced by title
in one window ("Foreign Minister Ana Ruiz") and named only by surname in
the next, or a pronoun at the top of a window, resolves as in an article
that began there.  Windows are long (100,000 characters, some 30 ordinary
articles), so this touches a few sentences at each edge of a rare input.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from heron.model import Actor, Article, Block, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from heron.events.trace import Drop
    from heron.pipeline import ArticleResult, CodedPart, Coder
    from heron.when import StoryDate
    from heron.where import Gazetteer, PlaceContext, SceneTally


class WindowParseError(Exception):
    """spaCy failed on a window of a long article; the cause is chained (``__cause__``)."""


@dataclass(frozen=True)
class SoFar:
    """What the article has said up to the end of the windows coded so far."""

    opening: PlaceContext  # the first window's: its dateline city and lead place are the article's
    countries: tuple[str, ...]  # ISO-3, in order of first mention in the article
    tally: SceneTally  # towns things were placed in, over every window so far
    story: StoryDate | None  # the day the article's lead dates its news to


def code_in_windows(coder: Coder, article: Article, window_chars: int) -> ArticleResult:
    """``article`` coded window by window, as one result for the whole article."""
    from heron.nlp import split_long
    from heron.pipeline import ArticleResult

    events: list[Event] = []
    mentions: list[Actor] = []
    drops: list[Drop] = []
    offset = sentences = 0  # where the window starts in the article: character, sentence
    so_far: SoFar | None = None
    for piece in split_long(article.text, window_chars):
        # Coded in a function of its own so the window's Doc is gone when it returns.
        part, count, so_far = _code_window(coder, article, piece, offset, so_far)
        events.extend(shift_event(ev, offset, sentences) for ev in part.events)
        mentions.extend(shift_actor(actor, offset) for actor in part.mentions)
        drops.extend(replace(d, sentence_index=d.sentence_index + sentences) for d in part.drops)
        offset += len(piece)
        sentences += count
    return ArticleResult(article, coder.finish(events), tuple(mentions), tuple(drops), coder.version)


def _code_window(coder: Coder, article: Article, piece: str, offset: int,
                 so_far: SoFar | None) -> tuple[CodedPart, int, SoFar]:
    from heron import nlp
    from heron.pipeline import PLACE_CONTEXT_KEY, doc_sentences
    from heron.when import continue_story, story_date

    try:
        doc = nlp.parse_one(piece)
    except Exception as exc:
        raise WindowParseError(f"the window at character {offset:,}") from exc
    try:
        context, so_far = place_context(doc, coder.gazetteer, offset, so_far)
        # Both read where the coder looks for them first (Coder._place_context, when.story_date),
        # so a later window is placed and dated against the article's opening, not its own.
        doc.user_data[PLACE_CONTEXT_KEY] = context
        published = article.published
        if published is not None and offset > 0:
            continue_story(doc, published, so_far.story)
        part = coder.code_part(window_article(article, offset, piece), doc)
        if published is not None and offset == 0:
            so_far = replace(so_far, story=story_date(doc, published))
        count = len(doc_sentences(doc))
    finally:
        # The caches hold Spans, which hold the Doc: a cycle only a full collection
        # would free.  Emptied, the Doc goes as soon as this function returns.
        doc.user_data.clear()
    return part, count, so_far


def place_context(doc: Doc, gaz: Gazetteer, offset: int, so_far: SoFar | None) -> tuple[PlaceContext, SoFar]:
    """The place context to code a window with, and what the article has said up to its end.

    For the first window this is ``PlaceContext.build(doc)``.  A later window
    keeps the opening's dateline city and lead place (the lead's sentence
    start moved into the window's offsets, before its start, so that no
    sentence of the window is taken for the lead) and sees the countries and
    towns of every window so far.
    """
    from heron.dateline import find_dateline
    from heron.nlp import doc_text
    from heron.where import PlaceContext, lead_place, named_countries, pick_scene, scene_tally

    own = named_countries(doc, gaz)
    countries = own if so_far is None else tuple(dict.fromkeys((*so_far.countries, *own)))
    tally = dict(so_far.tally) if so_far is not None else {}
    for name, (count, place) in scene_tally(doc, gaz, countries).items():
        before, first = tally.get(name, (0, place))
        tally[name] = (before + count, first)
    scene = pick_scene(tally)
    if so_far is None:
        lead, lead_start = lead_place(doc, gaz, countries)
        context = PlaceContext(countries, find_dateline(doc_text(doc), gaz), lead, lead_start, scene)
        return context, SoFar(context, countries, tally, None)
    opening = so_far.opening
    context = PlaceContext(countries, opening.dateline_city, opening.lead_place,
                           opening.lead_sentence - offset, scene)
    return context, replace(so_far, countries=countries, tally=tally)


def window_article(article: Article, offset: int, piece: str) -> Article:
    """The article as the coder sees one window: the window's text, its blocks in window offsets."""
    end = offset + len(piece)
    blocks = tuple(Block(b.kind, max(b.start, offset) - offset, min(b.end, end) - offset)
                   for b in article.blocks if b.start < end and b.end > offset)
    return replace(article, text=piece, blocks=blocks)


def shift_actor(actor: Actor, offset: int) -> Actor:
    """An actor found in a window, its offsets (-1 where unknown) in the whole article's text."""
    if offset == 0 or (actor.start < 0 and actor.end < 0):
        return actor
    return replace(actor, start=actor.start + offset if actor.start >= 0 else actor.start,
                   end=actor.end + offset if actor.end >= 0 else actor.end)


def shift_event(ev: Event, offset: int, sentences: int) -> Event:
    """An event found in a window, in the whole article's characters and sentences; its id
    is made again from the article's sentence index."""
    if offset == 0 and sentences == 0:
        return ev
    return replace(ev, sentence_index=ev.sentence_index + sentences,
                   span=(ev.span[0] + offset, ev.span[1] + offset),
                   source=shift_actor(ev.source, offset), target=shift_actor(ev.target, offset), id="")
