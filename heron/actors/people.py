"""The people of one article: who its titled people are, and whom a name stands for.

:class:`ArticlePeople` is held by :class:`heron.actors.resolver.ArticleActors`.
Before anything is resolved it learns the titled people of the article
("Iranian Foreign Minister Mohamed Javad Zarif", "Lavrov, Russia's foreign
minister"); then a name is coded from, in order: its own phrase (title +
country), what the article said about the person, the dated leaders
dictionary at the publication date.

Titles themselves are the resolver's to read: this module asks it for the
phrase of a token, the actor a title describes and the code a role word
composes to (the :class:`Resolver` protocol).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from spacy.tokens import Doc, Token

from heron.actors.anaphora import NO_COUNTRY, PERSON_PRONOUNS, _is_pronoun, _plural
from heron.actors.gazetteer import ENTRY_RULES, norm
from heron.actors.knowledge import ActorKnowledge
from heron.actors.phrases import Phrase, Piece
from heron.model import Actor

# A name ending in a hyphenated part: "Ji-hoon", "Jae-in".
HYPHENATED_END = re.compile(r"\w-\w+$")


def _same_initial(written: str, known: str) -> bool:
    """Could the given name written be the known person's ("Sergey V. Lavrov", "Sergei Lavrov")?"""
    a, b = norm(written).split(), norm(known).split()
    return not a or not b or a[0][:1] == b[0][:1]


@dataclass(frozen=True)
class _Learned:
    code: str
    name: str
    mention: str
    start: int  # token index of the teaching phrase (a phrase does not teach itself)


class Resolver(Protocol):
    """What ArticlePeople asks of the resolver that holds it (ArticleActors)."""

    doc: Doc
    knowledge: ActorKnowledge
    published: date | None

    def _phrase(self, token: Token) -> Phrase: ...

    def _actor(self, phrase: Phrase, code: str, rule: str, name: str | None = None) -> Actor: ...

    def _describe_title(self, phrase: Phrase) -> Actor | None: ...

    def _compose(
        self, phrase: Phrase, title: Piece, mods: list[Piece], context: bool = True
    ) -> tuple[str, str]: ...

    def _context_code(self, phrase: Phrase, role: str, rule: list[str]) -> tuple[str, str]: ...


class ArticlePeople:
    """The people one article names: ``learn`` every head first, then ask for a ``person``."""

    def __init__(self, resolver: Resolver) -> None:
        self._resolver = resolver
        self.doc = resolver.doc
        self.knowledge = resolver.knowledge
        self.published = resolver.published
        self._learned: dict[str, _Learned] = {}
        # every word of a learned person's name, and whom it may stand for (see _remember)
        self._name_parts: dict[str, set[_Learned]] = {}

    def is_person(self, token: Token, actor: Actor) -> bool:
        """Is the mention a single person (whom a later "he" or "she" may mean)?"""
        if _is_pronoun(token):
            return token.lower_ in PERSON_PRONOUNS
        if _plural(token):
            return False
        phrase = self._resolver._phrase(token)
        piece = phrase.head_piece
        return bool(phrase.name) or bool(piece and piece.role and piece.role.kind != "body")

    def learn(self, token: Token) -> None:
        """Remember titled people: "Iranian Foreign Minister Zarif", "Lavrov, Russia's foreign minister"."""
        if _is_pronoun(token):
            return
        resolver = self._resolver
        phrase = resolver._phrase(token)
        if phrase.name:
            actor = self._titled_person(phrase)
            if actor is None:
                for child in token.rights:
                    if child.dep_ == "appos":
                        described = resolver._describe_title(resolver._phrase(child))
                        if described is not None:
                            actor = replace(described, rule=f"appositive:{described.rule}")
                            break
            if actor is None:
                actor = self._title_with_portfolio(token)
                if actor is not None:  # the name is the person's words, not "Foreign Affairs"
                    phrase = replace(phrase, name=tuple(i for i in phrase.name
                                                        if token.doc[i].ent_type_ == "PERSON"))
            # A titled person keeps the title's role even without a country ("opposition
            # leader Kizza Okello"): later mentions of the name are that actor, and the
            # event's clause or the article may still give the country.
            if actor is not None:
                self._remember(phrase, actor)
            return
        described = resolver._describe_title(phrase)
        if described is None or described.code.startswith(NO_COUNTRY):
            return
        for child in token.rights:
            if child.dep_ == "appos":
                named = resolver._phrase(child)
                if named.name and not named.pieces:
                    self._remember(named, replace(described, text=phrase.text()))

    def _title_with_portfolio(self, token: Token) -> Actor | None:
        """ "Emirati Minister of State for Trade Yusuf Karim": the parser hangs the
        name on the portfolio's preposition; the title it completes is the person's."""
        prep = token.head
        if token.dep_ != "pobj" or prep.lower_ not in ("for", "of") or token.ent_type_ != "PERSON":
            return None
        holder = prep.head
        if holder.pos_ not in ("NOUN", "PROPN") or holder.i > token.i:
            return None
        described = self._resolver._describe_title(self._resolver._phrase(holder))
        if described is None or described.code.startswith(NO_COUNTRY):
            return None
        return replace(described, rule=f"portfolio:{described.rule}")

    def _remember(self, phrase: Phrase, actor: Actor) -> None:
        full = phrase.name_text()
        learned = _Learned(
            code=actor.code, name=full, mention=actor.text or phrase.text(), start=phrase.start
        )
        for key in (norm(full), *self.knowledge.leaders.surname_keys(full)):
            self._learned.setdefault(key, learned)
        # News names people by whichever part of their name their culture uses alone:
        # a given name ("Abiy", "Isaias"), a patronymic, the second of two surnames.  Any
        # word of a learned name may stand for the person, when it names no one else.
        # Only words the tagger reads as a person's name: a title glued to the name by the
        # parse ("Foreign Affairs Anwar Karim") must not make "Affairs" stand for him.
        first, last = phrase.name[0], phrase.name[-1]
        for tok in self.doc[first:last + 1]:
            word = norm(tok.text)
            if len(word) >= 3 and word.isalpha() and tok.ent_type_ == "PERSON":
                self._name_parts.setdefault(word, set()).add(learned)

    def person(self, phrase: Phrase) -> Actor | None:
        """The person a phrase with a name in it names, or None."""
        titled = self._titled_person(phrase)
        if titled is not None:
            return titled
        known = self._known_person(phrase)
        if known is not None:
            return known
        resolver = self._resolver
        for child in phrase.head.rights:
            if child.dep_ == "appos":
                described = resolver._describe_title(resolver._phrase(child))
                if described is not None:
                    return resolver._actor(
                        phrase, described.code, f"appositive:{described.rule}", name=phrase.name_text()
                    )
        return None

    def _titled_person(self, phrase: Phrase) -> Actor | None:
        """A name with a title or a country in its own phrase, or None."""
        resolver = self._resolver
        first = phrase.name[0]
        mods = phrase.before(first)
        title = next((p for p in mods if p.kind == "role"), None)
        name = phrase.name_text()
        if title is not None:
            code, rule = resolver._compose(phrase, title, [p for p in mods if p is not title], context=False)
            if code.startswith(NO_COUNTRY):
                known = self._known_person(phrase)
                if known is not None and title.role is not None and title.role.kind == "affiliate":
                    # "commander Min Aung Hlaing": a generic title; the dictionary knows the office.
                    return resolver._actor(phrase, known.code, f"{rule}+{known.rule}", name=known.name)
                if known is not None:
                    return resolver._actor(
                        phrase, known.code[:3] + code[3:], f"{rule}+{known.rule}", name=known.name
                    )
                code, rule = resolver._context_code(phrase, code[len(NO_COUNTRY) :], rule.split("+"))
            return resolver._actor(phrase, code, rule, name=name)
        orgs = [p for p in mods if p.entry is not None and p.entry.kind == "org"]
        if orgs:
            # "Arab League Secretary General Chadli Klibi": the outermost body names the office.
            body = min(orgs, key=lambda p: p.start)
            if body.entry is not None:
                return resolver._actor(phrase, body.entry.code, f"org:{body.text}", name=name)
        country = next((p for p in mods if p.country and p.entry and p.entry.kind != "org"), None)
        if country is not None and country.entry is not None and phrase.head.ent_type_ == "PERSON":
            return resolver._actor(
                phrase, country.country or "", f"{ENTRY_RULES[country.entry.kind]}:{country.text}", name=name
            )
        # "Greece's Nikos Parras": a state as the possessor of a person's name is the person's state
        for child in phrase.head.children:
            if child.dep_ == "poss" and child.i < phrase.head.i:
                piece = resolver._phrase(child).head_piece
                entry = piece.entry if piece is not None else None
                if piece is not None and entry is not None and entry.kind == "country" and piece.country:
                    return resolver._actor(phrase, piece.country, f"possessor:{piece.text}", name=name)
        return None

    def _name_part(self, full: str, start: int) -> _Learned | None:
        """The one learned person whose name has this single word in it, if exactly one does."""
        key = norm(full)
        if " " in key:
            return None
        people = {p for p in self._name_parts.get(key, ()) if p.start != start}
        codes = {p.name for p in people}
        return next(iter(people)) if len(codes) == 1 else None

    def _known_person(self, phrase: Phrase) -> Actor | None:
        """What the article or the dictionary says about a bare name."""
        resolver = self._resolver
        full = phrase.name_text()
        for key in (norm(full), *self.knowledge.leaders.surname_keys(full)):
            learned = self._learned.get(key)
            if learned is not None and learned.start != phrase.start:
                return resolver._actor(
                    phrase, learned.code, f"article-person:{full}←{learned.mention}", name=learned.name
                )
        part = self._name_part(full, phrase.start)
        if part is not None:
            rule = f"article-person-part:{full}←{part.mention}"
            return resolver._actor(phrase, part.code, rule, name=part.name)
        entry = self.knowledge.leader(full, self.published)
        if entry is None and " " in norm(full) and not HYPHENATED_END.search(full):
            # An unknown full name may still be known by its surname ("Sergey V. Lavrov"),
            # but not by the end of a hyphenated given name ("Park Ji-hoon" is no Hoon).
            for key in self.knowledge.leaders.surname_keys(full):
                entry = self.knowledge.leader(key, self.published)
                if entry is not None and not _same_initial(full, entry.name):
                    entry = None  # "Ramon Cabanas Rodriguez" is not Delcy Rodriguez
                if entry is not None:
                    break
        if entry is not None:
            return resolver._actor(phrase, entry.code, entry.rule(), name=entry.name)
        return None
