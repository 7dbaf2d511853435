"""Resolving mentions in one parsed article to CAMEO actor codes.

``ArticleActors.build(doc, knowledge, published)`` first learns who the
titled people of the article are ("Iranian Foreign Minister Mohamed Javad
Zarif", "Lavrov, Russia's foreign minister"), then resolves every noun
phrase and pronoun in order, so that a later "Zarif" or "he" gets the code
of the person it refers to.

The people are learned and found by the part the resolver holds,
:class:`heron.actors.people.ArticlePeople`.  Order of evidence for a
person: the phrase itself (title + country), what the article said about
them, the dated leaders dictionary at the publication date.  A role with no
known country gets the country "---" ("---GOV"); the event coder fills it
from context.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Token

from heron.actors.anaphora import (
    NO_COUNTRY,
    SPEAKER_PRONOUNS,
    SUBJECT_DEPS,
    Anaphora,
    _dummy_it,
    _is_pronoun,
    _Mention,
    _plural,
)
from heron.actors.conjoined import conjoined_countries, split_conjoined
from heron.actors.context import ArticleContext
from heron.actors.dictionary import LeaderEntry
from heron.actors.gazetteer import ENTRY_RULES, norm
from heron.actors.knowledge import ActorKnowledge
from heron.actors.people import ArticlePeople
from heron.actors.phrases import Phrase, PhraseScanner, Piece, hyphen_head
from heron.actors.reporters import reporting_use
from heron.model import NON_STATE_PREFIXES, Actor
from heron.nlp import hidden_conjuncts

PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})

# Words before a group's head that belong to its name: "six world powers".
GROUP_NAME_DEPS = frozenset({"nummod", "compound", "amod", "nmod"})


def _code(country: str | None, role: str | None) -> str:
    return (country or NO_COUNTRY) + (role or "")


class ArticleActors(Anaphora):
    """Actor mentions of one article; build once, then ``resolve`` tokens."""

    def __init__(self, doc: Doc, knowledge: ActorKnowledge, published: date | None) -> None:
        self.doc = doc
        self.knowledge = knowledge
        self.published = published
        self._mentions: list[_Mention] = []
        self._cache: dict[int, Actor | None] = {}
        self._reporters: dict[int, Actor] = {}  # token -> a reporter named as the source of the news
        self._phrases: dict[int, Phrase] = {}
        self._dominant: str | None = None
        self._context: ArticleContext | None = None
        self._sent_of = {i: n for n, sent in enumerate(doc.sents) for i in range(sent.start, sent.end)}
        # Raw phrase analyses, kept across both passes of build(); only the remap differs.
        self._scanner = PhraseScanner(doc, knowledge)
        self._people = ArticlePeople(self)

    def _phrase(self, token: Token) -> Phrase:
        phrase = self._phrases.get(token.i)
        if phrase is None:
            phrase = self._scanner.analyse(token)
            if self._context is not None:
                phrase = self._context.remap(phrase, self.knowledge)
            self._phrases[token.i] = phrase
        return phrase

    # ------------------------------------------------------------------ build
    @classmethod
    def build(cls, doc: Doc, knowledge: ActorKnowledge, published: date | None) -> ArticleActors:
        self = cls(doc, knowledge, published)
        heads = [t for t in doc if self._is_candidate(t)]
        self._context = ArticleContext.of((self._phrase(t) for t in heads), knowledge, published)
        self._phrases.clear()  # analysed again, now with the article's meaning of "Congo"
        self._dominant = self._context.dominant
        for token in heads:
            self._people.learn(token)
        for token in heads:
            actor = self._resolve_uncached(token)
            self._cache[token.i] = actor
            if actor is not None:
                self._mentions.append(
                    _Mention(
                        token=token.i,
                        sentence=self._sent_of[token.i],
                        actor=actor,
                        person=self._people.is_person(token, actor),
                        subject=token.dep_ in SUBJECT_DEPS,
                    )
                )
        return self

    @staticmethod
    def _is_candidate(token: Token) -> bool:
        if token.dep_ in ("compound", "flat") or token.pos_ not in ("NOUN", "PROPN", "PRON"):
            return False
        if token.dep_ == "nmod" and token.head.pos_ in ("NOUN", "PROPN"):
            return False  # part of a bigger phrase: "Secretary (of State) John Kerry"
        if token.pos_ == "PRON":
            return (_is_pronoun(token) and not _dummy_it(token)) or token.text.isupper()
        return True

    # ---------------------------------------------------------------- public
    def resolve(self, token: Token) -> Actor | None:
        """The actor of the noun phrase headed by ``token`` (or of a pronoun), or None."""
        if token.doc is not self.doc:
            raise ValueError("token belongs to another Doc")
        if token.i not in self._cache:
            self._cache[token.i] = self._resolve_uncached(token)
        return self._cache[token.i]

    def resolve_all(self, token: Token) -> list[Actor]:
        """Every actor of the phrase: one per state in "US and British forces".

        Otherwise ``[resolve(token)]``, or [] when that is None.
        """
        members = self._group_members(token) or self._pair(token)
        if members:
            return members
        base = self.resolve(token)
        if base is None:
            return []
        if _is_pronoun(token):
            return self._plural_antecedents(token, base) or [base]
        countries = conjoined_countries(token, self.knowledge)
        return split_conjoined(base, countries) if countries else [base]

    def _plural_antecedents(self, token: Token, base: Actor) -> list[Actor]:
        """"China and Russia said they shared the view": "they" is both."""
        if token.lower_ not in PLURAL_PRONOUNS:
            return []
        before = self._mentions[:self._first_from(token.i)]
        sentence = self._sent_of.get(token.i, 0)
        # the antecedent of the one resolved, else the nearest subject pair of this or the
        # previous sentence ("Ruiz and Arce met. Their talks ...": people, whom "their"
        # alone does not resolve to)
        antes = [m for m in reversed(before) if m.token < token.i and m.actor.code == base.code
                 and not m.actor.rule.startswith(("pronoun:", "speaker:"))][:1]
        antes += [m for m in reversed(before) if m.token < token.i and m.subject
                  and sentence - 1 <= m.sentence <= sentence][:1]  # the nearest subject only
        for ante in antes:
            head = self.doc[ante.token]
            # (the parser may fold the first of a pair into the second's modifiers)
            together = [*hidden_conjuncts(head), *head.conjuncts]
            found = [a for t in (head, *together) if (a := self.resolve(t)) is not None]
            if len(found) > 1 and len({a.code for a in found}) > 1:
                return [self._stand_in(token, a, a.name or a.text) for a in found]
        return []

    def _group_members(self, token: Token) -> list[Actor]:
        """"six world powers", "the P5+1": one actor per member state (organizations.yaml groups)."""
        groups = self.knowledge.groups
        if not groups or token.pos_ not in ("NOUN", "PROPN", "NUM"):
            return []
        doc = token.doc
        start = min([token.i] + [c.i for c in token.lefts if c.dep_ in GROUP_NAME_DEPS])
        # "P5+1" comes apart into "P5", "+", "1"
        for end in range(min(token.i + 4, len(doc)), token.i, -1):  # longest name first
            span = doc[start:end]
            members = groups.get(norm(span.text))
            if members:
                return [Actor(code=m, text=span.text, name=self.knowledge.country_name(m) or span.text,
                              rule=f"group:{span.text}", start=span.start_char, end=span.end_char)
                        for m in members]
        return []

    @property
    def dominant_country(self) -> str | None:
        """The state the article is about, when one has most of its state mentions."""
        return self._dominant

    def mentions(self) -> list[Actor]:
        """Every actor mention found in the article, in text order."""
        return [m.actor for m in self._mentions]

    def reporters(self) -> list[Actor]:
        """News agencies and outlets named as the source of the news, not as parties, in text order."""
        return [self._reporters[i] for i in sorted(self._reporters)]

    def mentions_in(self, sentence: int) -> list[tuple[int, Actor]]:
        """The actor mentions of one sentence (by index in the Doc), as (token index, actor)."""
        here = self._mentions[self._first_in(sentence):self._first_in(sentence + 1)]
        return [(m.token, m.actor) for m in here if m.sentence == sentence]

    # -------------------------------------------------------------- resolving
    def _resolve_uncached(self, token: Token) -> Actor | None:
        if _is_pronoun(token):
            if token.lower_ in SPEAKER_PRONOUNS:
                return self._speaker(token)
            return self._pronoun(token)
        if token.pos_ not in ("NOUN", "PROPN", "ADJ", "X", "NUM", "PRON"):
            return None
        glued = hyphen_head(token, self._scanner.tokens)
        if glued is not None:
            return self.resolve(glued)  # "in" of "Moon Jae-in" is the name, not a word
        phrase = self._phrase(token)
        if phrase.name:
            return self._people.person(phrase)
        if token.lower_ in self.knowledge.roles.body_anaphors:
            body = self._the_body(token, phrase)
            if body is not None:
                return body
        actor = self._describe(phrase)
        if actor is not None and "poss:" in actor.rule and (
                token.lower_ in self.knowledge.roles.relational_titles):
            return self._counterpart(token, actor)  # "his counterpart" is not of his own state
        if actor is not None and actor.rule.startswith("reporter:"):
            use = reporting_use(token, self.knowledge.reporting)
            if use is not None:
                rule = f"{actor.rule}+source-of-news:{use}"
                head = phrase.head_piece
                if not self.knowledge.is_world_reporter(head.entry if head is not None else None):
                    # "IRNA said a spokeswoman urged ...": a national outlet reports its own
                    # country, so it stays for the event coder to take that country from
                    return replace(actor, rule=f"{rule}+home-outlet")
                # "according to Reuters": where the news comes from, no party to it, and its
                # home country says nothing about the story
                self._reporters[token.i] = replace(actor, rule=rule)
                return None
        if actor is None and token.lower_ in self.knowledge.roles.country_anaphors:
            return self._the_country(token, phrase)
        if actor is not None and actor.code.startswith(NO_COUNTRY):
            return self._definite(token, actor) or actor
        return actor

    def _actor(self, phrase: Phrase, code: str, rule: str, name: str | None = None) -> Actor:
        tokens = self._scanner.tokens
        last = phrase.end - 1
        return Actor(
            code=code,
            text=phrase.text(),
            name=name,
            rule=rule,
            start=tokens.idx[phrase.start],
            end=tokens.idx[last] + len(tokens.text[last]),
        )

    def _poss_actor(self, phrase: Phrase) -> Actor | None:
        return self.resolve(phrase.poss) if phrase.poss is not None else None

    def _describe(self, phrase: Phrase) -> Actor | None:
        """A phrase that is not a person's name: a named entity, or a role with its country."""
        head = phrase.head_piece
        if head is None:
            return self._collective(phrase) or self._owner(phrase)
        if head.kind == "entry" and head.entry is not None:
            entry = head.entry
            code = entry.code
            # "Russian Tass" adds nothing; "the Syrian Kurdish YPG" neither: named bodies keep their code.
            if entry.kind in ("country", "demonym", "region", "people") and not head.covers(phrase.head.i):
                return None
            if entry.kind == "people":
                # "Iraqi Kurds", "Syrian Kurds": the state named beside the people.
                for state in phrase.before(head.start):
                    named = state.entry
                    if named is not None and named.kind in ("country", "demonym") and named.country:
                        rule = f"{ENTRY_RULES[named.kind]}:{state.text}+people:{head.text}"
                        return self._actor(phrase, named.country, rule, name=named.canonical)
            if entry.kind == "seat" and entry.role:
                # "Kenya's Supreme Court", "the Brazilian Congress": another state's body of that name
                owner = self._poss_actor(phrase)
                named = next((p.entry for p in phrase.before(head.start)
                              if p.entry is not None and p.entry.country), None)
                country = (owner.country if owner is not None else None) or (named.country if named else None)
                if country and country != entry.country:
                    rule = f"{ENTRY_RULES[entry.kind]}:{head.text}+of:{country}"
                    return self._actor(phrase, _code(country, entry.role), rule,
                                       name=self.knowledge.country_name(country))
            tokens = self._scanner.tokens
            mention = (
                tokens.span_text(phrase.start, head.end)
                if entry.kind == "seat"
                and phrase.start < head.start
                and all(tokens.dep[i] == "det" for i in range(phrase.start, head.start))
                else head.text
            )
            kind = "reporter" if self.knowledge.is_reporter(entry) else ENTRY_RULES[entry.kind]
            return self._actor(phrase, code, f"{kind}:{mention}", name=entry.canonical)
        if head.kind != "role":
            return None
        code, rule = self._compose(phrase, head, phrase.before(head.start) + phrase.after(head.start))
        return self._actor(phrase, code, rule)

    def _collective(self, phrase: Phrase) -> Actor | None:
        """ "thousands of Iraqi Kurds", "a group of Moroccan diplomats": whoever follows "of"."""
        token = phrase.head
        if token.lower_ not in self.knowledge.roles.collectives:
            return None
        for prep in token.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        inner = self.resolve(obj)
                        if inner is None:
                            return None
                        rule = f"{inner.rule}+collective:{token.text}"
                        return self._actor(phrase, inner.code, rule, name=inner.name)
        return None

    def _owner(self, phrase: Phrase) -> Actor | None:
        """ "a Turkish convoy", "rebel positions", "Houthi targets": things that stand for their owner.

        Only for the nouns listed as owned_things in roles.yaml; "the Syrian
        crisis" stays None.
        """
        token = phrase.head
        if token.lemma_.lower() not in self.knowledge.roles.owned_things and (
            token.lower_ not in self.knowledge.roles.owned_things
        ):
            return None
        mods = phrase.before(token.i)
        body = next((p for p in mods if p.kind == "role" and p.role and p.role.kind == "body"), None)
        if body is not None:
            code, rule = self._compose(phrase, body, [p for p in mods if p is not body])
            return self._actor(phrase, code, f"{rule}+owns:{token.text}")
        named = next((p for p in mods if p.kind == "entry" and p.entry), None)
        if named is not None and named.entry is not None:
            entry = named.entry
            code = entry.country or entry.code if entry.kind == "capital" else entry.code
            rule = f"{ENTRY_RULES[entry.kind]}:{named.text}+owns:{token.text}"
            return self._actor(phrase, code, rule, name=entry.canonical)
        poss = self._poss_actor(phrase)
        if poss is not None:
            return self._actor(phrase, poss.code, f"{poss.rule}+owns:{token.text}", name=poss.name)
        return None

    def _describe_title(self, phrase: Phrase) -> Actor | None:
        """Like _describe, but only for a person's title ("Russia's foreign minister")."""
        head = phrase.head_piece
        if head is None or head.role is None or head.role.kind == "body" or _plural(phrase.head):
            return None
        return self._describe(phrase)

    def _compose(
        self, phrase: Phrase, title: Piece, mods: list[Piece], context: bool = True
    ) -> tuple[str, str]:
        """Code and rule from a role word and the pieces around it (nearest first).

        ``context``: may the country come from the surrounding text (place,
        nearby state, the article's state)?  Not for a named person, whom the
        dictionary knows better ("President Bush" in a story about Russia).
        """
        assert title.role is not None
        role = title.role.role
        label = "role" if title.role.kind == "body" else "title"
        rule = [f"{label}:{title.text}"]
        poss = self._poss_actor(phrase)
        if title.role.kind == "affiliate":
            # A spokesman speaks for the body beside him.
            for piece in mods:
                if piece.kind == "entry" and piece.entry and piece.entry.kind in ("org", "seat"):
                    return piece.entry.code, "+".join(
                        [f"{ENTRY_RULES[piece.entry.kind]}:{piece.text}", *rule]
                    )
                if piece.kind == "role" and piece.role and piece.role.kind != "affiliate":
                    role = piece.role.role
                    rule.insert(0, f"role:{piece.text}")
                    break
            else:
                # "Hamas's spokesman": the possessor is the body.
                if (
                    poss is not None
                    and not poss.code.startswith(NO_COUNTRY)
                    and (poss.code[:3] in NON_STATE_PREFIXES or len(poss.code) > 3)
                ):
                    return poss.code, f"{rule[0]}+of:{poss.rule}"
        state = next((p for p in mods if p.country and p.entry is not None and p.entry.kind != "org"), None)
        if norm(title.text) in self.knowledge.roles.posted_titles and (state is not None or (
                poss is not None and poss.country is not None and poss.code[:3] not in NON_STATE_PREFIXES)):
            # "Russia's UN ambassador", "the Japanese envoy to NATO": a diplomat speaks for the
            # state that sends them; the body named beside them is where they are posted
            if state is not None and state.entry is not None:
                sender, origin = state.country, f"{ENTRY_RULES[state.entry.kind]}:{state.text}"
            else:
                sender, origin = (poss.country, f"poss:{poss.rule}") if poss is not None else (None, "")
            return _code(sender, role), f"{'+'.join(rule)}+{origin}+posted"
        for piece in mods:
            if (
                piece.kind == "entry"
                and piece.entry
                and piece.entry.kind == "org"
                and piece.entry.country is None
            ):
                return piece.entry.code, f"org:{piece.text}+{rule[-1]}"
        country = next((p for p in mods if p.country), None)
        if country is not None and country.entry is not None:
            rule.insert(0, f"{ENTRY_RULES[country.entry.kind]}:{country.text}")
            return _code(country.country, role), "+".join(rule)
        if poss is not None and poss.code[:3] != NO_COUNTRY:
            prefix = poss.code[:3]
            if prefix in NON_STATE_PREFIXES:
                return poss.code, f"{rule[-1]}+of:{poss.rule}"
            return _code(prefix, role), f"{'+'.join(rule)}+poss:{poss.rule}"
        people = next((p for p in mods if p.entry is not None and p.entry.kind == "people"), None)
        if people is not None and people.entry is not None:
            # A stateless people ("Kurdish militants"): its ethnic code stands in for a country.
            return _code(people.entry.code, role), "+".join([f"people:{people.text}", *rule])
        leader = self._leader_beside(phrase, title) if title.role.kind == "body" else None
        if leader is not None:
            # "the Bush administration", "the Erdogan government"
            return _code(leader.country, role), "+".join(rule) + f"+leader:{leader.name}"
        implied = self.knowledge.roles.implied_country.get(norm(title.text))
        if implied is None:
            implied = next(
                (
                    self.knowledge.roles.implied_country.get(norm(p.text))
                    for p in mods
                    if p.kind == "role" and norm(p.text) in self.knowledge.roles.implied_country
                ),
                None,
            )
        if implied is not None:
            return _code(implied, role), "+".join(rule) + f"(implies {implied})"
        if not context:
            return _code(None, role), "+".join(rule)
        return self._context_code(phrase, role, rule)

    def _leader_beside(self, phrase: Phrase, title: Piece) -> LeaderEntry | None:
        """A leader the dictionary knows, named before a body: "the Bush administration"."""
        tokens = self._scanner.tokens
        for i in range(phrase.start, title.start):
            if tokens.pos[i] == "PROPN" and not any(p.covers(i) for p in phrase.pieces):
                entry = self.knowledge.leader(tokens.text[i], self.published)
                if entry is not None:
                    return entry
        return None

    def _context_code(self, phrase: Phrase, role: str, rule: list[str]) -> tuple[str, str]:
        """A country for a role the phrase leaves open, from where it is or what the article is about."""
        roles = self.knowledge.roles
        place = self._place_country(phrase.head)
        if place is not None:
            if role in roles.place_roles:
                return _code(place[0], role), "+".join(rule) + f"+in:{place[1]}"
            # "Troops in Syria": where they are, said on purpose, is not whose they are.
            return _code(None, role), "+".join(rule)
        if role in roles.recurring_roles:
            # "Houthi rebels ... rebel radar sites": the side named shortly before
            for mention in self._recent(phrase.head):
                code = mention.actor.code
                if code[3:6] == role and not code.startswith(NO_COUNTRY):
                    return code, "+".join(rule) + f"+recurring:{mention.actor.text}"
        if role in roles.nearby_roles:
            nearby = self._nearby_country(phrase.head)
            if nearby is not None:
                return _code(nearby, role), "+".join(rule) + f"+nearby:{nearby}"
        head = phrase.head_piece
        foreign = head is not None and norm(head.text) in roles.never_domestic
        # "the government", "the junta" are the state the story is about; "a foreign ministry
        # spokeswoman" is someone new, who may speak for any state (often the reporting one)
        indefinite = role == "GOV" and any(c.dep_ == "det" and c.lower_ in {"a", "an"}
                                           for c in phrase.head.children)
        if role in roles.article_roles and self._dominant is not None and not foreign and not indefinite:
            return _code(self._dominant, role), "+".join(rule) + f"+article-country:{self._dominant}"
        return _code(None, role), "+".join(rule)

    def _place_country(self, head: Token) -> tuple[str, str] | None:
        """ "police in Nairobi": the country of a place the body is said to be in."""
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                piece = self._phrase(obj).head_piece
                if piece and piece.entry and piece.entry.kind in ("country", "capital") and piece.country:
                    return piece.country, piece.text
        return None
