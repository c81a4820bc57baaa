"""The data that leaves the extraction stage: frozen dataclasses, nothing else.

Offsets are character offsets (Unicode code points, from 0) into the text of
the source file as read, so a citation can always be checked against it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Document:
    """One source document and its metadata.

    Attributes
    ----------
    id : str
        Stable identifier: the file name without its extension.
    source_file : str
        The file name (without folders) the text came from.
    text : str
        The full text as read; every offset points into it.
    content_hash : str
        SHA-256 of the file's bytes, hex.
    title, author, publisher : str or None
        As the text gives them.
    date : str or None
        Publication date, ISO 8601 (``2020-10-23``, ``2020-10`` or ``2020``).
    language : str
        ISO 639-1 code of the text's language.
    url : str or None
        Where the document was published, as the input states it.
    encoding : str
        The encoding the file was decoded from (offsets count decoded characters).
    """

    id: str
    source_file: str
    text: str
    content_hash: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    language: str = "en"
    url: str | None = None
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Mention:
    """A span of text that names (or stands for) a node."""

    text: str
    start: int
    end: int
    actor: str
    rule: str
    confidence: float = 1.0


@dataclass(frozen=True)
class Resolution:
    """How one surface form was resolved to a node: the rule, how sure, how often."""

    form: str
    rule: str
    confidence: float
    mentions: int


@dataclass(frozen=True)
class Actor:
    """A resolved node as one document sees it.

    ``key`` is the same for the same real-world node across documents, so
    the graph stage merges per-document views by key.
    """

    key: str
    label: str
    cls: str
    qid: str | None = None
    surface_forms: tuple[str, ...] = ()
    mentions: int = 0
    rules: tuple[str, ...] = ()
    registered: bool = False
    resolutions: tuple[Resolution, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """Where an assertion was read: a sentence at offsets in a document."""

    doc_id: str
    source_file: str
    sentence: str
    start: int
    end: int
    subject_text: str
    object_text: str


@dataclass(frozen=True)
class Assertion:
    """One extracted relation ``subject -predicate-> object`` with its provenance."""

    subject: str
    predicate: str
    object: str
    confidence: float
    extractor: str
    evidence: Evidence
    #: the date the relation refers to, ISO at the text's precision: the one its clause
    #: states ("text"), else the document's publication date ("publication"), else None
    date: str | None = None
    dated: str = ""
    #: reported speech: who claims it (a node key; "" when unnamed), the reporting verb,
    #: and the stance: "" (the text's own statement), "claimed" or "denied"
    claimant: str = ""
    reporting: str = ""
    stance: str = ""


@dataclass(frozen=True)
class Event:
    """Something that happened, with who acted, on whom, where and when."""

    key: str
    cls: str
    label: str
    agents: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    place: str | None = None
    date: str | None = None
    evidence: tuple[Assertion, ...] = ()


@dataclass(frozen=True)
class DocumentResult:
    """Everything extracted from one document."""

    document: Document
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    assertions: tuple[Assertion, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default=())


def one_per_key(items: Iterable[T], key: Callable[[T], Hashable],
                combine: Callable[[T, T], T]) -> list[T]:
    """One item per key, in first-seen order, the later ones folded in with ``combine``.

    >>> one_per_key([("a", 1), ("b", 2), ("a", 3)], lambda x: x[0], lambda k, x: (k[0], k[1] + x[1]))
    [('a', 4), ('b', 2)]
    """
    by_key: dict[Hashable, T] = {}
    for item in items:
        known = by_key.get(key(item))
        by_key[key(item)] = item if known is None else combine(known, item)
    return list(by_key.values())
