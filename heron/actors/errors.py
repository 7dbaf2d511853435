"""The one error type of heron.actors."""

from __future__ import annotations


class ActorDataError(ValueError):
    """An actor data file is invalid.

    The message names the file, the line or entry, the field and the reason,
    e.g. ``leaders.csv:7: country: unknown country code 'XXX'``.  Callers
    (the CLI) report it and carry on with the shipped knowledge.
    """
