"""Words that point back: pronouns, "we" in quotes, "the country", "the agency", "the government".

:class:`Anaphora` is mixed into :class:`heron.actors.resolver.ArticleActors`;
it reads the mentions the resolver has collected so far, in text order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from heron.actors.knowledge import ActorKnowledge
from heron.actors.phrases import Phrase
from heron.model import NON_STATE_PREFIXES, Actor
from heron.speech import named_speakers, reports_speech, speaker_of

NO_COUNTRY = "---"
PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves", "it", "its", "itself"})
SPEAKER_PRONOUNS = frozenset({"we", "us", "our", "ours", "ourselves", "i", "me", "my", "mine", "myself"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
ALL_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | SPEAKER_PRONOUNS
DEFINITE_WINDOW = 5  # sentences back that "the agency" may point to
# "both sides", "the two leaders": nouns that name a pair of states, with the role they give.
PAIR_NOUNS = {"side": "", "country": "", "nation": "", "neighbour": "", "neighbor": "", "state": "",
              "party": "", "faction": "", "leader": "GOV", "government": "GOV", "president": "GOV",
              "minister": "GOV", "army": "MIL", "military": "MIL", "navy": "MIL",
              # people by what they are, not by office: "the two men", "both women" (the last
              # two people named, who here are the states' leaders, keep their own codes)
              "man": "", "woman": "", "head": "GOV", "premier": "GOV", "chancellor": "GOV",
              "rival": "", "ally": "", "foe": "", "delegation": "GOV", "envoy": "GOV"}
# "the nine countries": a definite count of parties named before, up to a dozen.
COUNT_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
               "eleven": 11, "twelve": 12}
MAX_COUNTED = 12
COUNTED_DEFINITES = frozenset({"the", "these", "those", "all"})
# Of those, the ones that may be two sides of one state ("the two factions": its
# government and its rebels); the others are two states.
PAIR_WITHIN_STATE = frozenset({"side", "party", "faction"})


@dataclass(frozen=True)
class _Mention:
    token: int
    sentence: int
    actor: Actor
    person: bool  # a single person (for he/she)
    subject: bool


def _plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") or "Plur" in token.morph.get("Number", [])


def _is_pronoun(token: Token) -> bool:
    # "US" in capitals is the country even when the tagger says PRON.
    if len(token.text) > 1 and token.text.isupper():
        return False
    return token.lower_ in ALL_PRONOUNS


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


QUOTE_REACH = 3  # sentences a quotation is followed through to find who says it


def _quoted(token: Token) -> bool:
    """Is the token inside quotation marks (an odd number of quotes before it in its sentence)?"""
    sent = token.sent
    quotes = sum(1 for t in sent[: token.i - sent.start] if t.is_quote and t.text != "'s")
    return quotes % 2 == 1


class Anaphora:
    """Resolution of words that point back to earlier mentions.

    The three methods below are implemented by ArticleActors; they are
    declared here so the mixin type-checks on its own.
    """

    doc: Doc
    knowledge: ActorKnowledge
    _mentions: list[_Mention]
    _sent_of: dict[int, int]

    def resolve(self, token: Token) -> Actor | None:
        raise NotImplementedError

    def _phrase(self, token: Token) -> Phrase:
        raise NotImplementedError

    def _actor(self, phrase: Phrase, code: str, rule: str, name: str | None = None) -> Actor:
        raise NotImplementedError

    # _mentions is in text order (build() appends heads as it meets them), so the
    # mentions near a token are found by bisection: a scan of all of them per
    # pronoun made a long article quadratic.
    def _first_in(self, sentence: int) -> int:
        """Index in _mentions of the first mention in ``sentence`` or after it."""
        return bisect_left(self._mentions, sentence, key=lambda m: m.sentence)

    def _first_from(self, token: int) -> int:
        """Index in _mentions of the first mention at token index ``token`` or after it."""
        return bisect_left(self._mentions, token, key=lambda m: m.token)

    def _recent(self, token: Token) -> Iterator[_Mention]:
        """Named mentions before ``token``, nearest first, within a few sentences."""
        sentence = self._sent_of.get(token.i, 0)
        for n in range(self._first_from(token.i) - 1, -1, -1):
            mention = self._mentions[n]
            if mention.token >= token.i or mention.actor.rule.startswith(("speaker:", "pronoun:")):
                continue
            if sentence - mention.sentence > DEFINITE_WINDOW:
                break
            yield mention

    def _the_country(self, token: Token, phrase: Phrase) -> Actor | None:
        """ "the country": the last state named before it, within a few sentences."""
        if not _singular_with_the(token):
            return None
        sentence = self._sent_of.get(token.i, 0)
        for mention in self._recent(token):
            country = mention.actor.country
            if mention.sentence == sentence:
                continue  # "Japan vowed to rebuild the country": a state named in the clause is "it"
            if country:
                name = self.knowledge.country_name(country) or country
                return self._actor(phrase, country, f"definite:{phrase.text()}→{name}", name=name)
        return None

    def _the_body(self, token: Token, phrase: Phrase) -> Actor | None:
        """ "the group", "the bloc": the last non-state body named before it, within a few
        sentences (an organisation, or an armed or political group)."""
        if not _singular_with_the(token) or any(p.entry is not None or p.role is not None
                                                 for p in phrase.pieces if p.end <= token.i):
            return None
        if any(c.dep_ in ("appos", "compound", "nmod") and c.pos_ == "PROPN" for c in token.children) or (
                token.dep_ in ("compound", "appos") and token.head.pos_ == "PROPN"):
            return None  # "the regional bloc ECOWAS", "the bloc, ECOWAS," names its body
        sentence = self._sent_of.get(token.i, 0)
        for mention in self._recent(token):
            actor = mention.actor
            if mention.sentence == sentence:
                continue  # "X's envoy to the EU accused the alliance": another body than the clause's
            named = self.doc[mention.token]
            if named.dep_ == "pobj" and named.head.lower_ in ("in", "at", "near", "from", "to"):
                continue  # "leaders meeting in Brussels": a place, though it may stand for a body
            if mention.person or actor.code.startswith(NO_COUNTRY):
                continue  # a body points back to a body
            if actor.code[:3] in NON_STATE_PREFIXES or actor.rule.startswith("org:"):
                name = actor.name or actor.text
                return self._actor(phrase, actor.code, f"definite:{phrase.text()}→{name}", name=name)
        return None

    def _definite(self, token: Token, actor: Actor) -> Actor | None:
        """ "the news agency", "the Administration": the same role named shortly before.

        Only singular phrases with "the" and no country of their own; the
        antecedent must have the same role and lie within a few sentences.
        """
        if not _singular_with_the(token):
            return None
        head = self._phrase(token).head_piece
        if head is None or head.role is None or head.role.kind != "body":
            return None  # "the vice president" may be a new person; only bodies point back
        role = actor.code[len(NO_COUNTRY) :]
        for mention in self._recent(token):
            code = mention.actor.code
            antecedent = mention.actor.rule
            if not (antecedent.startswith("metonym:") or "role:" in antecedent):
                continue  # a body points back to a body, not to a person or a city
            if code[3:6] == role and not code.startswith(NO_COUNTRY) and code[:3] not in NON_STATE_PREFIXES:
                label = mention.actor.name or mention.actor.text
                return replace(actor, code=code, rule=f"{actor.rule}+definite:{actor.text}→{label}")
        return None

    def _nearby_country(self, head: Token) -> str | None:
        """ "the government" after one state was named in this or the previous sentence.

        Only a singular definite phrase ("the army", "the president"), and
        only when exactly one state was named there: in "Iran and Iraq
        talked; the government said ..." the government stays unknown.
        States named inside quotations do not count: what a ministry says
        is usually about another state ("'Washington's actions ...,' the
        ministry said").
        """
        if _plural(head) or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.lefts):
            return None
        sentence = self._sent_of.get(head.i, 0)
        found = {
            m.actor.country
            for m in self._mentions[self._first_in(sentence - 1):self._first_from(head.i)]
            if m.token < head.i
            and sentence - 1 <= m.sentence <= sentence
            and m.actor.country
            and not m.actor.rule.startswith(("speaker:", "pronoun:"))
            and not _quoted(self.doc[m.token])
        }
        return found.pop() if len(found) == 1 else None

    def _speaker(self, token: Token) -> Actor | None:
        """ "we"/"I" in reported speech: the subject of the reporting verb above it."""
        node = token
        while node.head.i != node.i:
            node = node.head
            if reports_speech(node) and token.i not in (c.i for c in node.children if c.dep_ in SUBJECT_DEPS):
                # a pronoun subject ("we said") names nobody new (heron.speech.speaker_of)
                speaker = speaker_of(node)
                if speaker is None:
                    return None
                target = self.resolve(speaker)
                if target is None:
                    return None
                return self._stand_in(token, target, target.name or target.text, kind="speaker")
        return self._continued_quote(token)

    def _continued_quote(self, token: Token) -> Actor | None:
        """ "we"/"I" in a quotation whose own sentence names no speaker: the quotation goes
        on from (or leads into) a sentence of the same paragraph that does ("'We welcome
        the talks,' Ruiz said. 'We have stopped the strikes.'"; "'We won. We will rule.
        We will build,' she said.": the middle sentence has no quote marks of its own)."""
        sent = token.sent
        if not (any(t.is_quote for t in sent) or self._open_quote_before(sent)) or self._reports(sent):
            return None
        for step in (-1, 1):  # the sentences before, then those after
            cur = sent
            for _ in range(QUOTE_REACH):
                other = self._neighbour(cur, step)
                if other is None or self._paragraph_between(*((other, cur) if step < 0 else (cur, other))):
                    break  # another paragraph tells another scene
                if not any(t.is_quote for t in other) and not self._open_quote_before(other):
                    break  # the narrator's own sentence: the quotation ended
                speaker = self._reports(other)
                if speaker is not None:
                    target = self.resolve(speaker)
                    if target is None:
                        break
                    return self._stand_in(token, target, target.name or target.text, kind="speaker")
                cur = other
        return None

    def _open_quote_before(self, sent: Span) -> bool:
        """Is a quotation opened earlier in the paragraph still open where ``sent`` starts?"""
        text = self.doc.text
        start = text.rfind("\n", 0, sent.start_char) + 1
        marks = sum(text.count(q, start, sent.start_char) for q in ('"', "\u201c", "\u201d"))
        return marks % 2 == 1

    def _reports(self, sent: Span) -> Token | None:
        """The named (not pronoun-"we") subject of the sentence's reporting verb, found as the
        events stage finds a sentence's speaker (heron.speech)."""
        return next(named_speakers(sent), None)

    def _paragraph_between(self, first: Span, second: Span) -> bool:
        words = [t for t in first if not t.is_space]
        end = words[-1].idx + len(words[-1].text) if words else first.start_char
        return "\n" in self.doc.text[end:second.start_char]

    def _neighbour(self, sent: Span, step: int) -> Span | None:
        doc = self.doc
        if step < 0:
            return doc[sent.start - 1].sent if sent.start > 0 else None
        return doc[sent.end].sent if sent.end < len(doc) else None

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
                    return self._stand_in(token, target, inner.text)
        want_person = lower in PERSON_PRONOUNS
        sentence = self._sent_of.get(token.i, 0)
        earlier = [
            m
            for m in self._mentions[self._first_in(sentence - 2):self._first_from(token.i)]
            if m.token < token.i and m.person == want_person and not m.actor.rule.startswith("speaker:")
        ]
        for sent in range(sentence, max(sentence - 3, -1), -1):
            here = [m for m in earlier if m.sentence == sent]
            if not here:
                continue
            subjects = [m for m in here if m.subject]
            chosen = (subjects or here)[-1]
            return self._stand_in(token, chosen.actor, chosen.actor.name or chosen.actor.text)
        return None

    def _counterpart(self, token: Token, own: Actor) -> Actor | None:
        """"Okello urged his counterpart": a counterpart is never of the possessor's own state,
        but the nearest person or government of another state named before, or None."""
        for mention in self._recent(token):
            other = mention.actor
            if other.country and other.country != own.country and (mention.person or other.role == "GOV"):
                return self._stand_in(token, other, other.name or other.text, kind="counterpart")
        return None

    def _pair(self, token: Token) -> list[Actor]:
        """"both sides", "the two leaders": the last two states named before, within a few sentences.

        The parties of the phrase's own clause are not the pair: in "Russia
        called on both sides to talk" the sides are two others; in "Park spoke
        with his Japanese counterpart, and the two ministers agreed" they are
        the two of the clause before.
        """
        role = PAIR_NOUNS.get(token.lemma_.lower())
        counts = {c.lower_ for c in token.lefts if c.dep_ in ("det", "predet", "nummod", "amod")}
        size = 2 if counts & {"both", "two"} else _counted(token)
        if role is None or size is None:
            return []
        sentence = self._sent_of.get(token.i, 0)
        within = token.lemma_.lower() in PAIR_WITHIN_STATE
        own = _own_clause_verbs(token)
        pair: list[Actor] = self._last_coordinated_pair(token, own, within) if size == 2 else []
        # a larger count never takes in its own clause's parties, even where named before:
        # in "Rwanda criticised the three countries" Rwanda is not one of them
        taken = {m.actor.country for m in self._mentions if size > 2 and m.sentence == sentence
                 and m.token != token.i and _clause_verb(self.doc[m.token]) in own}
        for mention in [] if pair else self._recent(token):
            country = mention.actor.country
            if not country or country in taken or (
                    mention.sentence == sentence and _clause_verb(self.doc[mention.token]) in own):
                continue
            if all((a.code != mention.actor.code) if within else (a.country != country) for a in pair):
                pair.append(mention.actor)
            if len(pair) == size:
                break
        if len(pair) < size:
            return []
        out = []
        for actor in sorted(pair, key=lambda a: a.start):  # text order
            code = f"{actor.country}{role}" if role else actor.code
            name = self.knowledge.country_name(actor.country or "") or actor.text
            out.append(self._stand_in(token, replace(actor, code=code), name, kind="pair"))
        return out

    def _last_coordinated_pair(self, token: Token, own: set[int], within: bool) -> list[Actor]:
        """The latest "X and Y" of two parties before ``token`` ("Sudan's army and the RSF
        agreed ..."), which "the two sides" most often means."""
        for mention in self._recent(token):
            if not mention.actor.country or _clause_verb(self.doc[mention.token]) in own:
                continue
            head = self.doc[mention.token]
            partner = next((m for m in self._mentions if m.token in {c.i for c in head.conjuncts}
                            and m.token < head.i and m.actor.country), None)
            if partner is None:
                continue
            a, b = partner.actor, mention.actor
            if (a.code != b.code) if within else (a.country != b.country):
                return [a, b]
        return []

    @staticmethod
    def _stand_in(token: Token, target: Actor, label: str, kind: str = "pronoun") -> Actor:
        """The actor a pronoun stands for, as written at the pronoun."""
        return Actor(
            code=target.code,
            text=token.text,
            name=target.name,
            rule=f"{kind}:{token.lower_}→{label or target.code}",
            start=token.idx,
            end=token.idx + len(token.text),
        )


def _counted(token: Token) -> int | None:
    """"the nine countries", "these three governments": a definite count of more than two,
    which points back to that many parties named before (an indefinite "nine countries
    paused funding" names nobody yet)."""
    number = next((c for c in token.lefts if c.dep_ == "nummod"), None)
    definite = any(c.dep_ in ("det", "predet") and c.lower_ in COUNTED_DEFINITES for c in token.lefts)
    if number is None or not definite:
        return None
    value = COUNT_WORDS.get(number.lower_) or (int(number.text) if number.text.isdigit() else 0)
    return value if 2 < value <= MAX_COUNTED else None


def _clause_verb(token: Token) -> int:
    """The index of the verb whose clause holds the token (-1 if none)."""
    for tok in [token, *token.ancestors]:
        if tok.pos_ in ("VERB", "AUX"):
            return tok.i
    return -1


def _own_clause_verbs(token: Token) -> set[int]:
    """The verbs that govern the token, up to the first coordinated clause: in "X spoke
    with Y, and the two ministers agreed" that is "agreed" only."""
    out: set[int] = set()
    cur = token
    while True:
        if cur.pos_ in ("VERB", "AUX"):
            out.add(cur.i)
        if cur.head.i == cur.i or (cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX")):
            return out
        cur = cur.head


def _singular_with_the(token: Token) -> bool:
    """"the country", "the agency": a singular phrase with the definite article."""
    return not _plural(token) and any(c.dep_ == "det" and c.lower_ == "the" for c in token.lefts)
