"""Errors written for people: their message is French and says what to do; others are faults."""

from __future__ import annotations


class ReadableError(Exception):
    """An error whose message is French words for the person who can act on it (a name already
    taken, a setting out of range…): the CLI, the pages and a failed run show it as it is. Any
    other exception reaching a person is a fault of Relais, shown as a French generic message
    with a reference to its details (pipeline.faults.fault_message)."""


class ReadableValueError(ReadableError, ValueError):
    """A value refused, said in French (a setting out of range, a name already taken): a
    ReadableError that callers catching ValueError still catch."""


class ReadableLookupError(ReadableError, LookupError):
    """Something asked for by name that does not exist, said in French (no source of that
    name…): a ReadableError that callers catching LookupError still catch."""
