"""One error hierarchy for every stage.

Each message says what was wrong, with the value and, where there is one, the fix::

    corpus/x.bin: not text (binary data); skipped
"""

from __future__ import annotations

__all__ = [
    "ActorGraphError",
    "DataFileError",
    "GraphError",
    "InputError",
    "ModelError",
    "QueryError",
]


class ActorGraphError(Exception):
    """Base class of every error actorgraph raises on purpose."""


class DataFileError(ActorGraphError):
    """A lexicon or registry file is malformed (the message names file and line)."""


class InputError(ActorGraphError):
    """An input document cannot be read (the message names the file)."""


class ModelError(ActorGraphError):
    """The spaCy model named in the settings is not installed."""


class GraphError(ActorGraphError):
    """A graph folder or file is missing or not a graph actorgraph wrote."""


class QueryError(ActorGraphError):
    """A SPARQL query is malformed or failed."""
