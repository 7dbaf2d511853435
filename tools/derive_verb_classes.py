"""Derive heron/data/verb_classes.yaml from PETRARCH-2's CAMEO verb dictionary.

Run offline from the repository root::

    .venv/bin/python tools/derive_verb_classes.py [--source CAMEO.2.0.txt] [--out FILE]

The dictionary (MIT, openeventdata/petrarch2 at 676801cd9cb2) groups verbs in
blocks headed ``---  NAME   [code]  ---``; each synonym line is a verb, with
its own ``[code]`` or else the block's.  We keep single-word verbs whose code
heron's ontology knows, minus verbs too generic to code alone and verbs that
heron's own lexicon already covers (heron's patterns win; this is a fallback).
Blocks coded ``[---]`` are light verbs: only their ``- * NOUN [code]`` object
patterns carry an event, and those are emitted separately under ``light``.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a plain script without installing heron

from heron.events.verb_classes import EXCLUDED_REASONS  # noqa: E402

SOURCE = Path("/work/shared/lexicons/petrarch2/CAMEO.2.0.txt")
LICENSE = SOURCE.with_name("LICENSE")
OUT = ROOT / "heron" / "data" / "verb_classes.yaml"
COMMIT = "676801cd9cb2"
VERSION = 1

# Verbs that PETRARCH files under an event code but that, alone, say nothing
# codable in news: reporting verbs (CAMEO codes what is said, not the saying;
# heron's patterns.yaml leaves them out for the same reason), light verbs
# (their event is in the object: "hold talks", "take part"), and aspect or
# attempt verbs (the event is the verb they govern: "began shelling").
# Reviewed by hand; edit here and rerun, never in the YAML.
EXCLUDED: dict[str, tuple[str, ...]] = {
    "reporting": (
        "say", "tell", "add", "state", "note", "announce", "report", "comment", "declare", "mention",
        "remark", "speak", "talk", "write", "quote", "repeat", "explain", "describe", "claim", "assert",
        "stress", "emphasize", "emphasise", "reiterate", "insist", "argue", "predict", "estimate",
        "observe", "circulate", "broadcast", "publish", "inform", "brief", "reply", "respond", "answer",
        "express", "voice", "indicate", "suggest", "hint", "imply", "believe", "think", "expect",
        "hope", "confirm", "acknowledge", "admit", "reveal", "disclose", "recall", "read", "cite",
        "ask", "address", "outline",
    ),
    "light": (
        "make", "take", "have", "give", "get", "do", "be", "go", "come", "put", "set", "hold", "keep",
        "run", "bring", "call", "show", "see", "find", "look", "use", "work", "leave", "help", "turn",
        "move", "start", "begin", "continue", "end", "want", "need", "try", "seem", "become",
        "include", "allow", "let", "place", "send", "receive", "meet", "pass", "open", "close", "carry",
        "raise", "lead", "follow", "stand", "reach", "face", "offer", "provide", "deal", "act",
        "play", "join", "apply", "consider", "seek", "prepare", "order", "return", "visit",
    ),
    "aspect": (
        "attempt", "intend", "decide", "determine", "resume", "stop", "fail", "manage", "plan",
        "threaten", "promise", "vow", "pledge", "agree", "refuse", "decline",
    ),
    # Read one by one: the WordNet synset PETRARCH filed the verb under is not its news sense
    # ("die" is not an attack, "best"/"master"/"overtake" are mostly sports and business, "reside"
    # is not an invasion, "table"/"delay" are not blame), or the verb is too vague to code alone.
    "review": (
        "die", "best", "match", "master", "overshadow", "overtake", "surmount", "dominate", "overcome",
        "table", "remit", "render", "tender", "fill", "verify", "clear", "reside", "inhabit", "infest",
        "cane", "dishonor", "dishonour", "ring", "circle", "pit", "conflict", "struggle", "quarrel",
        "concern", "involve", "brave", "approach", "depart", "egress", "embark", "journey", "learn",
        "hear", "insert", "innovate", "mean", "ready", "groom", "aim", "subscribe", "affect", "impact",
        "advertise", "advertize", "tempt", "confess", "confide", "expose", "profess", "divulge",
        "integrate", "attach", "bind", "chain", "compound", "connect", "relate", "found", "serve",
        "command", "control", "direct", "handle", "steer", "dictate", "administer", "constitute",
        "enlarge", "escalate", "exaggerate", "better", "magnify", "amplify", "task", "assign", "attire",
        "gear", "outfit", "stock", "tend", "ward", "abide", "bide", "detach", "disconnect", "tease",
        "undo", "retire", "legislate", "mine", "dig", "rake", "comb", "skim", "study", "research",
        "check", "push", "bid", "cry", "differ", "compete", "contrast", "counterbalance", "humble",
        "slight", "swear", "defer", "delay", "forestall", "procrastinate", "override", "compensate",
        "risk", "harry", "rag", "plague", "upset", "garner", "bill", "contain", "moderate", "enclose",
        "cage", "catch", "grab", "pluck", "extract", "overturn", "pirate", "revolutionise",
        "revolutionize", "tax", "rip", "tear", "spoil", "mar", "corrupt", "tarnish", "contaminate",
        "impair", "vitiate", "overthrow", "explode", "sum", "total", "score", "figure", "count",
        "spread", "scatter", "copy", "watch", "view", "notice", "witness", "intrude", "pry", "obtrude",
        "trespass", "desire", "value", "prize", "prefer", "favor", "favour", "toast", "clap", "cheer",
        "triumph", "rejoice", "exult", "exuberate", "benefit", "loan", "shelve", "hang", "stone",
        "ram", "thump", "hammer", "reason", "muse", "cluster", "conjoin", "constellate",
        "conglomerate", "unite", "flock", "huddle", "interact", "encounter", "confront", "contemplate",
        "excogitate", "speculate", "meditate", "ruminate", "ponder", "elicit", "cable", "debate",
        "vote", "celebrate", "promote", "associate", "concert", "correlate", "conform", "blend", "fuse",
        "conflate", "coalesce", "combine", "govern", "regulate", "prescribe", "enjoin", "institute",
        "link", "unify", "merge", "simplify", "redouble", "augment", "counter", "contend", "contest",
        "suspect", "sweep", "scan", "mourn", "grieve", "weep", "wail", "agonise", "agonize", "annoy",
        "bother", "irk", "vex", "irritate", "disquiet", "discomfit", "disconcert", "disturb", "torment",
        "arouse", "enkindle", "provoke", "frustrate", "submit", "enable", "empower", "intermediate",
        "recede", "bust", "defeat", "overwhelm", "ravish", "exclude", "curb", "enforce", "appropriate",
        "communicate", "introduce", "gather", "assemble", "converge", "congregate", "promulgate",
        "ensure", "certify", "disorder", "disarray",
    ),
}
assert set(EXCLUDED) <= set(EXCLUDED_REASONS)

# 010 "make statement, not specified" is CAMEO's residual: PETRARCH's verbs there are
# reporting verbs or WordNet noise ("score", "total", "spread", "watch"), so none is kept.
SKIP_CODES = frozenset({"010"})

HEADER_RE = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*---")  # "[110]---" occurs too
SYNONYM_RE = re.compile(r"^(\+?[A-Z][A-Z0-9_'\-]*)\s*(\{[^}]*\})?\s*(\[([^\]]*)\])?")
PATTERN_RE = re.compile(r"^-\s+\*\s+([A-Z]+)_?\s+\[([^\]]*)\]\s*(#\s*(\S+))?\s*$")
PLAIN_RE = re.compile(r"^[A-Z]+$")
PARTICLES = frozenset({"into", "for", "across", "inside", "out", "down", "up", "off", "shut"})


@dataclass
class Block:
    name: str
    code: str  # raw text between the brackets
    synonyms: list[tuple[str, str | None]] = field(default_factory=list)  # word, own raw code
    objects: list[tuple[str, str, str | None]] = field(default_factory=list)  # noun, raw code, verb


def parse_dictionary(lines: Iterable[str]) -> list[Block]:
    """The verb blocks of the dictionary (synonym sets and transformations ignored)."""
    blocks: list[Block] = []
    in_verbs = False
    for raw in lines:
        line = raw.rstrip()
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
        elif line.startswith("######## TRANSFORMATIONS"):
            break
        if not in_verbs or not line or line.startswith("#"):
            continue
        if m := HEADER_RE.match(line):
            blocks.append(Block(m.group(1), m.group(2).strip()))
        elif not blocks:
            continue
        elif line.startswith("-"):
            if p := PATTERN_RE.match(re.sub(r"\s+", " ", line)):
                blocks[-1].objects.append((p.group(1), p.group(2).strip(), p.group(4)))
        elif s := SYNONYM_RE.match(line):
            code = s.group(4)
            blocks[-1].synonyms.append((s.group(1), code.strip() if code is not None else None))
    return blocks


def event_code(raw: str) -> str | None:
    """The source's event code: "190" -> 190; "042:043" (paired) -> 042.

    A paired code's first half is what the subject does; "[:110]" codes only
    the reverse direction (the object is the doer), which a verb table keyed by
    the subject's verb cannot express, so it yields None like "[---]".
    """
    head = raw.split(":", 1)[0].strip()
    return head if head.isdigit() else None


def noun_lemmatizer() -> tuple[Any, Any]:
    import spacy
    from spacy.tokens import Doc

    from heron.nlp import MODEL_PACKAGE

    nlp = spacy.load(MODEL_PACKAGE, exclude=["parser", "ner"])
    return nlp, Doc


def lemma_of(nlp: Any, doc_cls: Any, word: str, pos: str) -> str:
    """spaCy's lemma of ``word`` read as ``pos``: heron's coder looks verbs up by this lemma."""
    doc = doc_cls(nlp.vocab, words=[word], pos=[pos])
    return str(nlp.get_pipe("lemmatizer")(doc)[0].lemma_).lower()


def word_index(nlp: Any, pos: str) -> Any:
    """The lemmatizer's WordNet-derived list of known lemmas for a part of speech."""
    return nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")[pos]


def noun_lemma(nlp: Any, doc_cls: Any, word: str) -> str | None:
    """The noun lemma of an object word, or None when it is not a plain noun.

    The rule lemmatizer strips any final "s" ("crisis" -> "crisi"), so its answer
    is trusted only when WordNet knows it as a noun; adjectives, adverbs and
    particles ("free", "dead", "down", "positively") are objects of PETRARCH's
    phrase patterns, not nouns, and are dropped.
    """
    nouns = word_index(nlp, "noun")
    if any(word in word_index(nlp, pos) for pos in ("adj", "adv")) or word in PARTICLES:
        return None
    for candidate in (lemma_of(nlp, doc_cls, word, "NOUN"), word):
        if candidate in nouns:
            return candidate
    return None


def derive(blocks: list[Block], codes: frozenset[str], heron_verbs: frozenset[str],
           heron_objects: frozenset[tuple[str, str]]) -> tuple[list[tuple[str, str, str]],
                                                                list[tuple[str, str, str, str]],
                                                                Counter[str]]:
    stats: Counter[str] = Counter()
    nlp, doc_cls = noun_lemmatizer()
    excluded = {lemma: reason for reason, words in EXCLUDED.items() for lemma in words}
    candidates: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # lemma->code->blocks
    explicit: dict[str, set[str]] = defaultdict(set)
    stats["blocks read"] = len(blocks)
    for block in blocks:
        block_code = event_code(block.code)
        stats["blocks with a code" if block_code else "blocks coded [---] or reverse-only"] += 1
        for word, own in block.synonyms:
            stats["synonyms read"] += 1
            if word.startswith("+") or "_" in word:
                stats["skip: multiword/particle"] += 1
                continue
            if not PLAIN_RE.match(word):
                stats["skip: not a plain word (hyphen, digit)"] += 1
                continue
            code = event_code(own) if own is not None else block_code
            if code is None:
                stats["skip: no usable code ([---] or reverse-only)"] += 1
                continue
            if code not in codes:
                stats["skip: code not in heron's ontology"] += 1
                continue
            if code in SKIP_CODES:
                stats["skip: residual code 010 (statement, unspecified)"] += 1
                continue
            lemma = word.lower()
            if lemma_of(nlp, doc_cls, lemma, "VERB") != lemma or lemma not in word_index(nlp, "verb"):
                # inflected forms ("worried", "touring") and nouns ("crackdown", "concession")
                stats["skip: not a verb lemma (spaCy/WordNet index)"] += 1
                continue
            candidates[lemma][code].add(block.name)
            if own is not None:
                explicit[lemma].add(code)
    verbs: list[tuple[str, str, str]] = []
    for lemma, by_code in sorted(candidates.items()):
        if lemma in excluded:
            stats[f"exclude: listed ({excluded[lemma]})"] += 1
            continue
        if lemma in heron_verbs:
            stats["exclude: heron's patterns.yaml has this verb"] += 1
            continue
        # A synonym's own code is a deliberate choice; it beats a block default elsewhere.
        choice = explicit[lemma] & set(by_code) if len(by_code) > 1 else set(by_code)
        if len(choice) != 1:
            stats["exclude: conflicting codes across blocks"] += 1
            continue
        code = choice.pop()
        verbs.append((lemma, code, sorted(by_code[code])[0]))
        stats["verbs kept"] += 1
    light = derive_light(blocks, codes, heron_objects, stats)
    return verbs, light, stats


def derive_light(blocks: list[Block], codes: frozenset[str], heron_objects: frozenset[tuple[str, str]],
                 stats: Counter[str]) -> list[tuple[str, str, str, str]]:
    nlp, doc_cls = noun_lemmatizer()
    found: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)  # (verb, noun) -> code -> block
    for block in blocks:
        if event_code(block.code) is not None:
            continue  # only [---] blocks: elsewhere the verb alone already codes
        members = {w for w, _ in block.synonyms if PLAIN_RE.match(w)}
        for noun, raw, verb in block.objects:
            stats["light: plain object patterns read"] += 1
            # The comment names the verb the pattern was written for; applying it to the whole
            # block would give "put vigil" for "stage vigil", so other verbs are not credited.
            code = event_code(raw)
            if verb is None or verb not in members or code is None or code not in codes:
                stats["light skip: no source verb, or code unusable"] += 1
                continue
            lemma = noun_lemma(nlp, doc_cls, noun.lower())
            if lemma is None:
                stats["light skip: object is not a plain noun"] += 1
                continue
            found[(verb.lower(), lemma)][code] = block.name
    light: list[tuple[str, str, str, str]] = []
    for (verb, noun), by_code in sorted(found.items()):
        if len(by_code) > 1:
            stats["light exclude: conflicting codes"] += 1
        elif (verb, noun) in heron_objects:
            stats["light exclude: heron's patterns.yaml has this verb+object"] += 1
        else:
            (code, block_name), = by_code.items()
            light.append((verb, noun, code, block_name))
            stats["light kept"] += 1
    return light


def render(verbs: list[tuple[str, str, str]], light: list[tuple[str, str, str, str]],
           names: dict[str, str], licence: str) -> str:
    out = [
        "# Verb classes: single-word verb lemma -> CAMEO code, a fallback for verbs that",
        "# heron/data/patterns.yaml does not list (heron's own patterns always win).",
        "# GENERATED by tools/derive_verb_classes.py -- edit the script and rerun, do not hand-edit.",
        "# Loaded and validated by heron/events/verb_classes.py.",
        "#",
        "# Derived from PETRARCH-2's CAMEO verb dictionary (dictionaries/CAMEO.2.0.txt),",
        f"# repository openeventdata/petrarch2 at commit {COMMIT}, under this licence:",
        "#",
        *[f"# {line}".rstrip() for line in licence.strip().splitlines()],
        "#",
        "# Each entry's source names its PETRARCH block (petrarch2:BLOCK).  A paired code",
        "# [042:043] gave its first half (what the subject does); reverse-only [:110] codes,",
        "# [---] blocks, multiword verbs and codes unknown to heron were skipped.",
        f"version: {VERSION}",
        "source: {repository: openeventdata/petrarch2, file: dictionaries/CAMEO.2.0.txt, "
        f"commit: {COMMIT}, licence: MIT}}",
        "",
        "# Reviewed exclusions: verbs too generic to code alone in news.  reporting: CAMEO codes",
        "# what is said, not the saying; light: the event is in the object (\"hold talks\");",
        "# aspect: the event is in the governed verb (\"began shelling\", \"threatened to strike\").",
        "excluded:",
    ]
    for reason, words in EXCLUDED.items():
        body = textwrap.fill(", ".join(sorted(set(words))), 96, initial_indent="    ",
                             subsequent_indent="    ", break_on_hyphens=False)
        out.append(f"  {reason}: [\n{body}]")
    out += ["", "verbs:"]
    root = ""
    for lemma, code, block in sorted(verbs, key=lambda v: (v[1][:2], v[1], v[0])):
        if code[:2] != root:
            root = code[:2]
            out.append(f"# ---- {root} {names.get(root, '')}".rstrip())
        out.append(f'- {{lemma: {lemma}, code: "{code}", source: "petrarch2:{block}"}}')
    out += ["", "# Light-verb objects: a [---] block's \"- * NOUN [code]\" patterns, for the verb the",
            "# pattern was written for (its comment), with the noun lemmatized by spaCy.", "light:"]
    for verb, noun, code, block in light:
        out.append(f'- {{verb: {verb}, noun: {noun}, code: "{code}", source: "petrarch2:{block}"}}')
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    from heron.events.lexicon import default_lexicon
    from heron.ontology import load_ontology

    ontology = load_ontology()
    lexicon = default_lexicon()
    heron_objects = frozenset((p.lemma, o) for p in lexicon.patterns if p.kind == "verb" for o in p.object)
    blocks = parse_dictionary(args.source.read_text(encoding="utf-8", errors="replace").splitlines())
    verbs, light, stats = derive(blocks, frozenset(ontology.codes), frozenset(lexicon.by_verb), heron_objects)
    names = {c: v.name for c, v in ontology.codes.items() if len(c) == 2}
    args.out.write_text(render(verbs, light, names, LICENSE.read_text(encoding="utf-8")), encoding="utf-8")

    for key, n in stats.items():
        print(f"{key:58s} {n:6d}")
    per_root = Counter(code[:2] for _, code, _ in verbs)
    print("verbs kept per CAMEO root:", ", ".join(f"{r}:{per_root[r]}" for r in sorted(per_root)))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
