"""Frames: every predicate candidate in a sentence, found uniformly.

A frame is a trigger word with the pattern it matches (``Trigger``): a verb
("shelled"), a light verb with its object ("held talks"), an event noun ("the
shelling of"), or a nominalization read as its verb ("the suspension of aid").
Patterns come from the lexicon first (``heron/data/patterns.yaml``), then the
derived verb classes (``heron.events.verb_classes``), then the
nominalizations of either (``heron.events.nominalizations``).  Who takes part
is the coder's business; this module only finds the frames.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Span, Token

from heron.datafiles import load_yaml, read_data
from heron.events import syntax
from heron.events.lexicon import ENTITY_PREFIX, Lexicon, Pattern
from heron.events.nominalizations import load_nominalizations
from heron.events.participants import Trigger
from heron.events.verb_classes import VerbClass, load_light_verbs, load_verb_classes

# Roots of verbs that govern a deed named as their object: appeal, intend, demand, reject, threaten.
GOVERNING_ROOTS = frozenset({"02", "03", "10", "12", "13"})


class FrameFinder:
    """Finds the frames of a sentence; built once per coder, caches derived patterns."""

    def __init__(self, lexicon: Lexicon, lemma_fixes: Mapping[str, str], use_classes: bool = True) -> None:
        self.lexicon = lexicon
        self.lemma_fixes = lemma_fixes
        self.verb_classes: Mapping[str, VerbClass] = load_verb_classes() if use_classes else {}
        self.light_classes: Mapping[str, Mapping[str, VerbClass]] = load_light_verbs() if use_classes else {}
        self.nominalizations: Mapping[str, str] = load_nominalizations() if use_classes else {}
        self._class_cache: dict[str, tuple[Pattern, ...]] = {}
        self._nominal_cache: dict[tuple[str, str], Pattern] = {}
        # The CAMEO roots each noun takes as the object of the lexicon's light verbs: a noun whose
        # light-verb readings are of other roots than its verb's names the thing made, not the
        # act ("signed an agreement" is 05, so "agreement" is not "agree", 03; "filed charges")
        # (verbs that govern a deed, "threatened a suspension", "demanded a withdrawal", say
        # nothing of what the noun is, so their roots do not count)
        self._object_roots: dict[str, set[str]] = {}
        for pattern in lexicon.patterns:
            if pattern.code[:2] in GOVERNING_ROOTS:
                continue
            for noun in pattern.object:
                self._object_roots.setdefault(noun, set()).add(pattern.code[:2])

    def lemma(self, tok: Token) -> str:
        return syntax.corrected_lemma(tok, self.lemma_fixes)

    def triggers(self, sent: Span) -> list[Trigger]:
        found: list[Trigger] = []
        light_objects: set[int] = set()
        for tok in sent:
            if tok.pos_ in {"VERB", "AUX"} or (tok.pos_ == "ADJ" and tok.dep_ == "amod"):
                trig = self.verb_trigger(tok)
                if trig is not None:
                    found.append(trig)
                    if trig.light_object is not None:
                        light_objects.add(trig.light_object.i)
        for tok in sent:
            if tok.pos_ in {"NOUN", "PROPN"} and tok.i not in light_objects:
                trig = self.noun_trigger(tok, nominal=True)
                if trig is not None:
                    found.append(trig)
        return found

    def class_patterns(self, lemma: str) -> tuple[Pattern, ...]:
        """Patterns from the derived verb classes (heron.events.verb_classes), after the
        lexicon's own: a verb the lexicon lacks ("besiege"), light verb + object ("stage" + vigil)."""
        found = self._class_cache.get(lemma)
        if found is None:
            out: list[Pattern] = []
            for noun, cls in sorted(self.light_classes.get(lemma, {}).items()):
                out.append(Pattern(id=f"class.{cls.source.split(':', 1)[1].lower()}.{lemma}-{noun}",
                                   code=cls.code, kind="verb", lemma=lemma, object=(noun,),
                                   target=("dobj", "with", "to", "on", "against", "for"), note=cls.source))
            plain = self.verb_classes.get(lemma)
            if plain is not None:
                block = plain.source.split(":", 1)[1].lower()
                out.append(Pattern(id=f"class.{block}.{lemma}", code=plain.code, kind="verb", lemma=lemma,
                                   target=("dobj",), note=plain.source))
            found = self._class_cache[lemma] = tuple(out)
        return found

    def verb_trigger(self, tok: Token) -> Trigger | None:
        prt = syntax.particle(tok)
        lemma = self.lemma(tok)
        for pattern in (*self.lexicon.verb_patterns(lemma), *self.class_patterns(lemma)):
            if not self._particle_matches(tok, prt, pattern):
                continue
            if pattern.id.startswith("class.") and not pattern.object and any(
                    self.noun_trigger(o) is not None for o in syntax.objects(tok)):
                continue  # "re-imposed a blockade": a derived verb supports the event its object names
            if pattern.subject and not self._subject_matches(tok, pattern):
                continue
            if pattern.predicate and not any(self.lemma(w) in pattern.predicate
                                             for w in syntax.judged_as(tok)):
                continue
            light = None
            if pattern.object:
                light = self._light_object(tok, pattern)
                if light is None:
                    continue
            if pattern.require and not all(self._slot_present(tok, light, slot) for slot in pattern.require):
                continue
            return Trigger(tok, pattern, light)
        return None

    @staticmethod
    def _particle_matches(tok: Token, prt: str | None, pattern: Pattern) -> bool:
        if pattern.particle == prt or (pattern.particle is None and prt in NEUTRAL_PARTICLES):
            return True
        if pattern.particle is None or prt is not None:
            return False
        # the parser often files particles as advmod or prep: "stepped down", "walked out of"
        return any(c.dep_ in {"advmod", "prep"} and c.lower_ == pattern.particle and c.i == tok.i + 1
                   for c in tok.children)

    def _subject_matches(self, tok: Token, pattern: Pattern) -> bool:
        """"Hundreds of troops withdrew": the subject (through its count) is one the pattern names."""
        subj = syntax.logical_subject(tok)
        if subj is None:
            return False
        return any(self.lemma(h) in pattern.subject for h in through_counts([subj]))

    def _light_object(self, tok: Token, pattern: Pattern) -> Token | None:
        """The object noun a light-verb pattern asks for ("held talks", "freed dozens of prisoners")."""
        candidates = syntax.objects(tok)
        if not candidates and (subj := syntax.passive_patient(tok)) is not None:
            candidates = [subj]
        # "agreed on a ceasefire", "spoke by phone": the object of a required preposition
        candidates += [o for prep in pattern.require for o in syntax.prep_objects(tok, prep)]
        wanted = pattern.object
        return next((o for o in through_counts(candidates) if self.lemma(o) in wanted or o.lower_ in wanted
                     or ENTITY_PREFIX + o.ent_type_.lower() in wanted), None)

    def noun_trigger(self, tok: Token, nominal: bool = False) -> Trigger | None:
        """The noun's frame; with ``nominal``, a nominalization read as its verb counts too
        (only for the sentence's own frames: the coder's other lookups ask whether a noun
        names a deed of the lexicon, "the attacks' own source", and keep to the lexicon)."""
        mods = syntax.modifier_words(tok)
        lemma = self.lemma(tok)
        patterns = self.lexicon.noun_patterns(lemma)
        for pattern in patterns:
            if pattern.modifiers and not set(pattern.modifiers) <= mods:
                continue
            if pattern.require and not all(self._slot_present(tok, None, s) for s in pattern.require):
                continue
            return Trigger(tok, pattern)
        if patterns or tok.pos_ != "NOUN" or not nominal:
            return None
        return self._nominal_trigger(tok, lemma)

    def names_a_deed(self, tok: Token) -> bool:
        """Is the noun a deed: an event noun of the lexicon or a nominalization of a verb
        ("the killing", "the release"), whatever its slots?"""
        return tok.pos_ == "NOUN" and (self.noun_trigger(tok) is not None
                                       or self.lemma(tok) in self.nominalizations)

    def _nominal_trigger(self, tok: Token, lemma: str) -> Trigger | None:
        """A nominalization read as its verb ("the suspension of aid to X" as "suspend aid"):
        the verb's object is the noun's "of" phrase or modifier, its prepositions are the noun's."""
        verb = self.nominalizations.get(lemma)
        if verb is None:
            return None
        object_roots = self._object_roots.get(lemma)
        objects = [o for o in through_counts(list(syntax.prep_objects(tok, "of")))] + [
            c for c in tok.children if c.dep_ in {"compound", "amod"} and c.i < tok.i]
        for pattern in (*self.lexicon.verb_patterns(verb), *self.class_patterns(verb)):
            if pattern.subject or pattern.predicate or pattern.particle or pattern.require or pattern.source:
                continue
            if pattern.object and not any(self.lemma(o) in pattern.object for o in objects):
                continue
            if object_roots is not None and pattern.code[:2] not in object_roots:
                continue  # "the agreement" is the accord signed, not the act of agreeing
            return Trigger(tok, self._nominal_pattern(pattern, lemma))
        return None

    def _nominal_pattern(self, pattern: Pattern, noun: str) -> Pattern:
        key = (pattern.id, noun)
        found = self._nominal_cache.get(key)
        if found is None:
            # the verb's direct object is the noun's "of" phrase, unless "of" names the thing
            # a light verb acts on ("suspension of aid to X": the target is "to")
            slots = [s for s in pattern.target if s not in {"dobj", "dative", "subject"}]
            if "dobj" in pattern.target and not pattern.object:
                slots.insert(0, "of")
            found = self._nominal_cache[key] = Pattern(
                id=f"{pattern.id}~nominal:{noun}", code=pattern.code, kind="noun", lemma=noun,
                target=tuple(dict.fromkeys(slots)) or ("of",), source=("by", "poss", "amod", "compound"),
                symmetric=pattern.symmetric, note=f"nominalization of {pattern.lemma}")
        return found

    @staticmethod
    def _slot_present(tok: Token, light: Token | None, slot: str) -> bool:
        heads = [tok] if light is None else [tok, light]
        if slot == "dobj":
            return bool(syntax.objects(tok))
        if slot == "dative":
            return bool(syntax.datives(tok))
        if slot == "complement":
            return any(c.dep_ in {"xcomp", "ccomp"} for c in tok.children)
        return any(c.dep_ in {"prep", "agent", "dative"} and c.lower_ == slot
                   for h in heads for c in h.children)


# "dozens of prisoners", "hundreds of troops": the phrase's head is its count.
QUANTITY_WORDS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million",
                            "millions", "billion", "number", "group", "couple", "several", "some", "batch",
                            "score", "ton", "tonne", "worth", "amount", "package", "shipment", "$",
                            "kg", "kilogram", "day", "team", "plane", "planeload", "truckload", "convoy"})

# Particles that do not change a verb's meaning for coding ("met up with").
NEUTRAL_PARTICLES = frozenset({None, "up"})


def through_counts(tokens: Sequence[Token]) -> list[Token]:
    """The phrases and what their counts count: "dozens of prisoners" → [dozens, prisoners].

    The loop also reads what it appends ("hundreds of thousands of refugees").
    """
    out = list(tokens)
    for tok in out:
        if tok.lemma_.lower() in QUANTITY_WORDS or tok.like_num:
            out.extend(syntax.prep_objects(tok, "of"))
    return out


def load_lemma_fixes() -> dict[str, str]:
    """heron/data/lemmas.yaml: corrections for the tagger's lemma slips."""
    doc = load_yaml(read_data("lemmas.yaml"))
    fixes = doc.get("fixes") if isinstance(doc, dict) else None
    if doc.get("version") != 1 or not isinstance(fixes, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in fixes.items()):
        raise ValueError("heron/data/lemmas.yaml: expected version: 1 and a 'fixes' mapping of words"
                         " to lemmas")
    return {k.lower(): v.lower() for k, v in fixes.items()}
