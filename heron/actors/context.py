"""What a whole article says about states: which one it is about, what its short names mean.

``ArticleContext.of(phrases, knowledge)`` counts the states named in an
article's noun phrases.  It decides

- the meaning of short names several states share (countries.yaml
  ``ambiguous_names``): "Congo" follows the long form the article used
  ("Democratic Republic of Congo", "DRC", "Kinshasa" -> COD);
- the dominant state, when one has at least ``DOMINANT_SHARE`` of the
  mentions ("Police arrested ..." in a story about Kenya).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from heron.actors.gazetteer import NameEntry, norm
from heron.actors.knowledge import ActorKnowledge
from heron.actors.phrases import Phrase, Piece

DOMINANT_SHARE = 0.6  # an article is "about" a country with this share of its country mentions


def _counted(entry: NameEntry | None) -> bool:
    return entry is not None and entry.kind not in ("org", "region") and bool(entry.country)


@dataclass(frozen=True)
class ArticleContext:
    counts: dict[str, int]
    choices: dict[str, str]  # norm(short name) -> ISO3 chosen for this article

    @classmethod
    def of(
        cls, phrases: Iterable[Phrase], knowledge: ActorKnowledge, published: date | None = None
    ) -> ArticleContext:
        """Count states in the phrases; people the dictionary knows count for their state."""
        ambiguous = knowledge.countries.ambiguous
        plain: Counter[str] = Counter()
        shared: list[Piece] = []
        for phrase in phrases:
            if phrase.name and not phrase.pieces:
                # "Obama ... Congress ... Iran": Obama counts for the US.
                person = knowledge.leader(phrase.name_text(), published)
                if person is not None and person.country in knowledge.countries.countries:
                    plain[person.country] += 1
            for piece in phrase.pieces:
                if not _counted(piece.entry):
                    continue
                if norm(piece.text) in ambiguous:
                    shared.append(piece)
                else:
                    plain[piece.entry.country or ""] += 1  # type: ignore[union-attr]
        choices: dict[str, str] = {}
        for key, candidates in ambiguous.items():
            best = max(candidates, key=lambda c: (plain[c], c == candidates[0]))
            if best != candidates[0] and plain[best] > 0:
                choices[key] = best
        counts = Counter(plain)
        for piece in shared:
            key = norm(piece.text)
            counts[choices.get(key, ambiguous[key][0])] += 1
        return cls(counts=dict(counts), choices=choices)

    @property
    def dominant(self) -> str | None:
        if not self.counts:
            return None
        top, n = max(self.counts.items(), key=lambda item: (item[1], item[0]))
        return top if n >= DOMINANT_SHARE * sum(self.counts.values()) else None

    def remap(self, phrase: Phrase, knowledge: ActorKnowledge) -> Phrase:
        """The phrase with its shared short names meaning this article's state."""
        ambiguous = knowledge.countries.ambiguous
        if not ambiguous:
            return phrase
        pieces = []
        changed = False
        for piece in phrase.pieces:
            entry = piece.entry
            key = norm(piece.text)
            # the article's choice, else the shared name's default ("Congo" alone is COD)
            chosen = self.choices.get(key) or ambiguous.get(key, (None,))[0] if entry is not None else None
            if entry is not None and chosen is not None and chosen != entry.country:
                role = entry.role or ""
                entry = replace(
                    entry,
                    code=chosen + role,
                    country=chosen,
                    canonical=knowledge.country_name(chosen) or chosen,
                    source=f"{entry.source}+article:{chosen}",
                )
                piece = replace(piece, entry=entry)
                changed = True
            pieces.append(piece)
        return replace(phrase, pieces=tuple(pieces)) if changed else phrase
