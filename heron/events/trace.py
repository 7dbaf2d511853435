"""Why a candidate event did not become an event: the coder's trace.

Every predicate the coder finds is a candidate.  Most become events; the
rest are dropped by one stage, and the stage says why.  Recording the drop
(instead of silently returning nothing) is what lets ``heron explain`` show a
person where an event was lost, and ``heron eval --funnel`` count, over a
whole set, how many gold events are lost at each stage.

Stages, in the order the coder applies them:

``background``   the trigger sits in a clause that describes an actor
                 ("the group, which has seized towns, ...")
``controlled``   an event already coded for the governing verb stands for it
                 ("urged X to stop supporting Y": the urging)
``no-source``    no actor was found for the doer
``no-target``    no actor was found for the one acted on
``no-country``   a role-only actor ("rebels") got no country from any evidence
``self-event``   source and target resolved to the same actor
``merged``       another reading of the same dyad and deed in the sentence won
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Stage = Literal["background", "controlled", "no-source", "no-target", "no-country", "self-event", "merged"]


@dataclass(frozen=True)
class Drop:
    """One candidate a stage dropped, with what is needed to find it again."""

    sentence_index: int
    sentence: str
    trigger: str  # the trigger word as written
    rule: str  # the pattern id
    code: str  # the CAMEO code the candidate would have had
    stage: Stage
    detail: str = ""  # what the stage saw: the actors it had, the event that won

    @property
    def root(self) -> str:
        return self.code[:2]
