"""Actor resolution: mentions in news text -> CAMEO actor codes.

Public API::

    knowledge = ActorKnowledge.load(extra_files)
    actors = ArticleActors.build(doc, knowledge, published)
    actors.resolve(token) -> Actor | None
    actors.mentions() -> list[Actor]
    explain_actor(text, date, context, knowledge) -> list[Actor]
"""

from heron.actors.errors import ActorDataError
from heron.actors.explain import explain_actor
from heron.actors.knowledge import ActorKnowledge
from heron.actors.resolver import ArticleActors

__all__ = ["ActorDataError", "ActorKnowledge", "ArticleActors", "explain_actor"]
