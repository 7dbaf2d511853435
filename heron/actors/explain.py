"""``heron actor "TEXT"``: how a mention resolves, and why."""

from __future__ import annotations

from datetime import date

from heron.actors.knowledge import ActorKnowledge
from heron.actors.resolver import ArticleActors
from heron.model import Actor


def explain_actor(
    text: str, when: date | None, context: str | None, knowledge: ActorKnowledge
) -> list[Actor]:
    """Resolve the mentions inside ``text``, read within ``context`` when given.

    The context (a sentence or an article) lets earlier titled mentions
    teach surnames and pronouns, as in a real article, and shows whether a
    news agency is the source of the news there (rule "reporter:...+source-of-news:...")
    or a party.  The result lists
    the actors whose head lies inside ``text``; if none of the usual heads
    is found, the root of the text is resolved on its own.
    """
    from heron.nlp import load  # the spaCy pipeline loads only when needed

    source = context if context and text in context else text
    offset = source.rfind(text) if source is context else 0
    doc = load()(source)
    actors = ArticleActors.build(doc, knowledge, when)
    lo, hi = offset, offset + len(text)
    # Reporters named as the source of the news are shown too, though they are no party
    # (a credit line's phrase may reach back over the dateline: "Dec 4 (Reuters").
    found = [a for a in actors.mentions() if lo <= a.start and a.end <= hi]
    found += [a for a in actors.reporters() if a.start < hi and lo < a.end]
    found.sort(key=lambda a: a.start)
    if not found:
        span = doc.char_span(lo, hi, alignment_mode="expand")
        if span is not None and len(span):
            actor = actors.resolve(span.root)
            if actor is not None:
                found = [actor]
    return found
