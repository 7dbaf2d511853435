"""Resolving mentions in one parsed article to CAMEO actor codes.

``ArticleActors.build(doc, knowledge, published)`` first learns who the
titled people of the article are ("Iranian Foreign Minister Mohamed Javad
Zarif", "Lavrov, Russia's foreign minister"), then resolves every noun
phrase and pronoun in order, so that a later "Zarif" or "he" gets the code
of the person it refers to.

Order of evidence for a person: the phrase itself (title + country), what
the article said about them, the dated leaders dictionary at the
publication date.  A role with no known country gets the country "---"
("---GOV"); the event coder fills it from context.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Token

from heron.actors.conjoined import conjoined_countries, split_conjoined
from heron.actors.context import ArticleContext
from heron.actors.gazetteer import norm
from heron.actors.knowledge import ActorKnowledge
from heron.actors.phrases import Phrase, Piece, analyse, hyphen_head
from heron.model import NON_STATE_PREFIXES, Actor

PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves", "it", "its", "itself"})
SPEAKER_PRONOUNS = frozenset({"we", "us", "our", "ours", "ourselves", "i", "me", "my", "mine", "myself"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
DEFINITE_WINDOW = 5  # sentences back that "the agency" may point to
NO_COUNTRY = "---"
ENTRY_RULES = {
    "people": "people",
    "org": "org",
    "seat": "metonym",
    "country": "country-name",
    "region": "region",
    "demonym": "demonym",
    "capital": "capital",
}


@dataclass(frozen=True)
class _Mention:
    token: int
    sentence: int
    actor: Actor
    person: bool  # a single person (for he/she)
    subject: bool


@dataclass(frozen=True)
class _Learned:
    code: str
    name: str
    mention: str
    start: int  # token index of the teaching phrase (a phrase does not teach itself)


def _plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") or "Plur" in token.morph.get("Number", [])


def _is_pronoun(token: Token) -> bool:
    # "US" in capitals is the country even when the tagger says PRON.
    if len(token.text) > 1 and token.text.isupper():
        return False
    return token.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS | SPEAKER_PRONOUNS


def _dummy_it(token: Token) -> bool:
    """ "it" that points at nothing: "it is expected that", "it will be his first visit"."""
    if token.dep_ == "expl":
        return True
    head = token.head
    return (
        token.lower_ == "it"
        and head.lemma_ == "be"
        and any(c.dep_ in ("attr", "acomp") for c in head.children)
    )


def _code(country: str | None, role: str | None) -> str:
    return (country or NO_COUNTRY) + (role or "")


class ArticleActors:
    """Actor mentions of one article; build once, then ``resolve`` tokens."""

    def __init__(self, doc: Doc, knowledge: ActorKnowledge, published: date | None) -> None:
        self.doc = doc
        self.knowledge = knowledge
        self.published = published
        self._learned: dict[str, _Learned] = {}
        self._mentions: list[_Mention] = []
        self._cache: dict[int, Actor | None] = {}
        self._phrases: dict[int, Phrase] = {}
        self._dominant: str | None = None
        self._context: ArticleContext | None = None
        self._sent_of = {t.i: n for n, sent in enumerate(doc.sents) for t in sent}

    def _phrase(self, token: Token) -> Phrase:
        phrase = self._phrases.get(token.i)
        if phrase is None:
            phrase = analyse(token, self.knowledge)
            if self._context is not None:
                phrase = self._context.remap(phrase, self.knowledge)
            self._phrases[token.i] = phrase
        return phrase

    # ------------------------------------------------------------------ build
    @classmethod
    def build(cls, doc: Doc, knowledge: ActorKnowledge, published: date | None) -> ArticleActors:
        self = cls(doc, knowledge, published)
        heads = [t for t in doc if self._is_candidate(t)]
        self._context = ArticleContext.of((self._phrase(t) for t in heads), knowledge)
        self._phrases.clear()  # analysed again, now with the article's meaning of "Congo"
        self._dominant = self._context.dominant
        for token in heads:
            self._learn(token)
        for token in heads:
            actor = self._resolve_uncached(token)
            self._cache[token.i] = actor
            if actor is not None:
                self._mentions.append(
                    _Mention(
                        token=token.i,
                        sentence=self._sent_of[token.i],
                        actor=actor,
                        person=self._is_person(token, actor),
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

    def _is_person(self, token: Token, actor: Actor) -> bool:
        if _is_pronoun(token):
            return token.lower_ in PERSON_PRONOUNS
        if _plural(token):
            return False
        phrase = self._phrase(token)
        piece = phrase.head_piece
        return bool(phrase.name) or bool(piece and piece.role and piece.role.kind != "body")

    def _learn(self, token: Token) -> None:
        """Remember titled people: "Iranian Foreign Minister Zarif", "Lavrov, Russia's foreign minister"."""
        if _is_pronoun(token):
            return
        phrase = self._phrase(token)
        if phrase.name:
            actor = self._titled_person(phrase)
            if actor is None:
                for child in token.rights:
                    if child.dep_ == "appos":
                        described = self._describe_title(self._phrase(child))
                        if described is not None:
                            actor = replace(described, rule=f"appositive:{described.rule}")
                            break
            if actor is not None and not actor.code.startswith(NO_COUNTRY):
                self._remember(phrase, actor)
            return
        described = self._describe_title(phrase)
        if described is None or described.code.startswith(NO_COUNTRY):
            return
        for child in token.rights:
            if child.dep_ == "appos":
                named = self._phrase(child)
                if named.name and not named.pieces:
                    self._remember(named, replace(described, text=phrase.text()))

    def _remember(self, phrase: Phrase, actor: Actor) -> None:
        full = phrase.name_text()
        learned = _Learned(
            code=actor.code, name=full, mention=actor.text or phrase.text(), start=phrase.start
        )
        for key in (norm(full), *self.knowledge.leaders.surname_keys(full)):
            self._learned.setdefault(key, learned)

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
        base = self.resolve(token)
        if base is None:
            return []
        if _is_pronoun(token):
            return [base]
        countries = conjoined_countries(token, self.knowledge)
        return split_conjoined(base, countries) if countries else [base]

    def mentions(self) -> list[Actor]:
        """Every actor mention found in the article, in text order."""
        return [m.actor for m in self._mentions]

    # -------------------------------------------------------------- resolving
    def _resolve_uncached(self, token: Token) -> Actor | None:
        if _is_pronoun(token):
            if token.lower_ in SPEAKER_PRONOUNS:
                return self._speaker(token)
            return self._pronoun(token)
        if token.pos_ not in ("NOUN", "PROPN", "ADJ", "X", "NUM", "PRON"):
            return None
        glued = hyphen_head(token)
        if glued is not None:
            return self.resolve(glued)  # "in" of "Moon Jae-in" is the name, not a word
        phrase = self._phrase(token)
        if phrase.name:
            return self._person(phrase)
        actor = self._describe(phrase)
        if actor is None and token.lower_ in self.knowledge.roles.country_anaphors:
            return self._the_country(token, phrase)
        if actor is not None and actor.code.startswith(NO_COUNTRY):
            return self._definite(token, actor) or actor
        return actor

    def _the_country(self, token: Token, phrase: Phrase) -> Actor | None:
        """ "the country": the last state named before it, within a few sentences."""
        if _plural(token) or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.lefts):
            return None
        sentence = self._sent_of.get(token.i, 0)
        for mention in reversed(self._mentions):
            if mention.token >= token.i or mention.actor.rule.startswith(("speaker:", "pronoun:")):
                continue
            if sentence - mention.sentence > DEFINITE_WINDOW:
                break
            country = mention.actor.country
            if country:
                name = self.knowledge.country_name(country) or country
                return self._actor(phrase, country, f"definite:{phrase.text()}→{name}", name=name)
        return None

    def _definite(self, token: Token, actor: Actor) -> Actor | None:
        """ "the news agency", "the Administration": the same role named shortly before.

        Only singular phrases with "the" and no country of their own; the
        antecedent must have the same role and lie within a few sentences.
        """
        if _plural(token) or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.lefts):
            return None
        head = self._phrase(token).head_piece
        if head is None or head.role is None or head.role.kind != "body":
            return None  # "the vice president" may be a new person; only bodies point back
        role = actor.code[len(NO_COUNTRY) :]
        sentence = self._sent_of.get(token.i, 0)
        for mention in reversed(self._mentions):
            if mention.token >= token.i or mention.actor.rule.startswith(("speaker:", "pronoun:")):
                continue
            if sentence - mention.sentence > DEFINITE_WINDOW:
                break
            code = mention.actor.code
            antecedent = mention.actor.rule
            if not (antecedent.startswith("metonym:") or "role:" in antecedent):
                continue  # a body points back to a body, not to a person or a city
            if code[3:6] == role and not code.startswith(NO_COUNTRY) and code[:3] not in NON_STATE_PREFIXES:
                label = mention.actor.name or mention.actor.text
                return replace(actor, code=code, rule=f"{actor.rule}+definite:{actor.text}→{label}")
        return None

    def _actor(self, phrase: Phrase, code: str, rule: str, name: str | None = None) -> Actor:
        doc = self.doc
        start = doc[phrase.start].idx
        last = doc[phrase.end - 1]
        return Actor(
            code=code, text=phrase.text(), name=name, rule=rule, start=start, end=last.idx + len(last.text)
        )

    def _poss_actor(self, phrase: Phrase) -> Actor | None:
        return self.resolve(phrase.poss) if phrase.poss is not None else None

    def _describe(self, phrase: Phrase) -> Actor | None:
        """A phrase that is not a person's name: a named entity, or a role with its country."""
        head = phrase.head_piece
        if head is None:
            return self._owner(phrase)
        if head.kind == "entry" and head.entry is not None:
            entry = head.entry
            code = entry.code
            # "Russian Tass" adds nothing; "the Syrian Kurdish YPG" neither: named bodies keep their code.
            if entry.kind in ("country", "demonym", "region", "people") and not head.covers(phrase.head.i):
                return None
            mention = (
                self.doc[phrase.start : head.end].text
                if entry.kind == "seat"
                and phrase.start < head.start
                and all(self.doc[i].dep_ == "det" for i in range(phrase.start, head.start))
                else head.text
            )
            rule = f"{ENTRY_RULES[entry.kind]}:{mention}"
            return self._actor(phrase, code, rule, name=entry.canonical)
        if head.kind != "role":
            return None
        code, rule = self._compose(phrase, head, phrase.before(head.start) + phrase.after(head.start))
        return self._actor(phrase, code, rule)

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

    def _compose(self, phrase: Phrase, title: Piece, mods: list[Piece]) -> tuple[str, str]:
        """Code and rule from a role word and the pieces around it (nearest first)."""
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
        roles = self.knowledge.roles
        if role in roles.place_roles:
            place = self._place_country(phrase.head)
            if place is not None:
                return _code(place[0], role), "+".join(rule) + f"+in:{place[1]}"
        if role in roles.article_roles and self._dominant is not None:
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

    def _titled_person(self, phrase: Phrase) -> Actor | None:
        """A name with a title or a country in its own phrase, or None."""
        first = phrase.name[0]
        mods = phrase.before(first)
        title = next((p for p in mods if p.kind == "role"), None)
        name = phrase.name_text()
        if title is not None:
            code, rule = self._compose(phrase, title, [p for p in mods if p is not title])
            if code.startswith(NO_COUNTRY):
                known = self._known_person(phrase)
                if known is not None and title.role is not None and title.role.kind == "affiliate":
                    # "commander Min Aung Hlaing": a generic title; the dictionary knows the office.
                    return self._actor(phrase, known.code, f"{rule}+{known.rule}", name=known.name)
                if known is not None:
                    return self._actor(
                        phrase, known.code[:3] + code[3:], f"{rule}+{known.rule}", name=known.name
                    )
            return self._actor(phrase, code, rule, name=name)
        country = next((p for p in mods if p.country and p.entry and p.entry.kind != "org"), None)
        if country is not None and country.entry is not None and phrase.head.ent_type_ == "PERSON":
            return self._actor(
                phrase, country.country or "", f"{ENTRY_RULES[country.entry.kind]}:{country.text}", name=name
            )
        return None

    def _known_person(self, phrase: Phrase) -> Actor | None:
        """What the article or the dictionary says about a bare name."""
        full = phrase.name_text()
        for key in (norm(full), *self.knowledge.leaders.surname_keys(full)):
            learned = self._learned.get(key)
            if learned is not None and learned.start != phrase.start:
                return self._actor(
                    phrase, learned.code, f"article-person:{full}←{learned.mention}", name=learned.name
                )
        entry = self.knowledge.leader(full, self.published)
        if entry is None and " " in norm(full):
            # An unknown full name may still be known by its surname ("Sergey V. Lavrov").
            for key in self.knowledge.leaders.surname_keys(full):
                entry = self.knowledge.leader(key, self.published)
                if entry is not None:
                    break
        if entry is not None:
            return self._actor(phrase, entry.code, entry.rule(), name=entry.name)
        return None

    def _person(self, phrase: Phrase) -> Actor | None:
        titled = self._titled_person(phrase)
        if titled is not None:
            return titled
        known = self._known_person(phrase)
        if known is not None:
            return known
        for child in phrase.head.rights:
            if child.dep_ == "appos":
                described = self._describe_title(self._phrase(child))
                if described is not None:
                    return self._actor(
                        phrase, described.code, f"appositive:{described.rule}", name=phrase.name_text()
                    )
        return None

    # -------------------------------------------------------------- pronouns
    def _speaker(self, token: Token) -> Actor | None:
        """ "we"/"I" in reported speech: the subject of the reporting verb above it."""
        verbs = self.knowledge.roles.reporting_verbs
        node = token
        while node.head.i != node.i:
            node = node.head
            if (
                node.lemma_ in verbs
                and node.pos_ in ("VERB", "AUX")
                and token.i not in (c.i for c in node.children if c.dep_ in SUBJECT_DEPS)
            ):
                speaker = next((c for c in node.children if c.dep_ in SUBJECT_DEPS), None)
                if speaker is None or speaker.lower_ in SPEAKER_PRONOUNS:
                    return None
                target = self.resolve(speaker)
                if target is None:
                    return None
                label = target.name or target.text
                return Actor(
                    code=target.code,
                    text=token.text,
                    name=target.name,
                    rule=f"speaker:{token.lower_}→{label}",
                    start=token.idx,
                    end=token.idx + len(token.text),
                )
        return None

    def _pronoun(self, token: Token) -> Actor | None:
        lower = token.lower_
        if lower not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return None
        doc = self.doc
        # "they [Iran]": the writer already resolved it.
        if token.i + 2 < len(doc) and doc[token.i + 1].text == "[":
            inner = doc[token.i + 2]
            close = next((t.i for t in doc[token.i + 2 :] if t.text == "]"), None)
            if close is not None:
                root = doc[token.i + 2 : close].root
                target = self.resolve(root)
                if target is not None:
                    return self._pronoun_actor(token, target, inner.text)
        want_person = lower in PERSON_PRONOUNS
        sentence = self._sent_of.get(token.i, 0)
        earlier = [
            m
            for m in self._mentions
            if m.token < token.i and m.person == want_person and not m.actor.rule.startswith("speaker:")
        ]
        for sent in range(sentence, max(sentence - 3, -1), -1):
            here = [m for m in earlier if m.sentence == sent]
            if not here:
                continue
            subjects = [m for m in here if m.subject]
            chosen = (subjects or here)[-1]
            return self._pronoun_actor(token, chosen.actor, chosen.actor.name or chosen.actor.text)
        return None

    @staticmethod
    def _pronoun_actor(token: Token, target: Actor, label: str) -> Actor:
        short = label or target.code
        return Actor(
            code=target.code,
            text=token.text,
            name=target.name,
            rule=f"pronoun:{token.lower_}→{short}",
            start=token.idx,
            end=token.idx + len(token.text),
        )
