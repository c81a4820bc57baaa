"""Events: typed occurrences with agents, targets, place and date.

A relation whose predicate has an event class in the ontology (``killed`` ->
``Killing``) yields an event node beside the direct triple; named events
("the 1979 Iranian Revolution", "the 1953 coup") are events too, typed by
their head word and dated by the text.
"""

from __future__ import annotations

import hashlib
import re

from spacy.tokens import Token

from extract.dates import find_date
from extract.model import Assertion, Event
from ontology import relation_specs

#: Head words of named events and the Event sub-class they signal.
_NAMED_TYPES = (
    (re.compile(r"(?i)\brevolution\b"), "Revolution"),
    (re.compile(r"(?i)\bcoup\b|\bcoup d'[ée]tat\b|\boperation ajax\b"), "Coup"),
    (re.compile(r"(?i)\belections?\b"), "Election"),
    (re.compile(r"(?i)\bprotests?\b|\buprising\b|\bdemonstrations?\b"), "Protest"),
    (re.compile(r"(?i)\bassassination\b|\bkilling\b"), "Killing"),
    (re.compile(r"(?i)\battack\b|\bstrike\b|\bbombing\b|\binvasion\b|\bwar\b|\bbattle\b|"
                r"\boffensive\b|\bintervention\b"), "Attack"),
    (re.compile(r"(?i)\bawards?\b|\border of\b|\bmedal\b"), "Award"),
    (re.compile(r"(?i)\btalks\b|\bnegotiations?\b|\bsummit\b"), "Negotiation"),
    (re.compile(r"(?i)\bsanctions?\b"), "Sanctioning"),
)


def named_event_class(label: str) -> str:
    """The Event sub-class a named event's label signals.

    >>> named_event_class("1979 Iranian Revolution"), named_event_class("Battle of Aleppo")
    ('Revolution', 'Attack')
    """
    for pattern, cls in _NAMED_TYPES:
        if pattern.search(label):
            return cls
    return "Event"


def clause_date(anchor: Token, reference: str | None) -> str | None:
    """The date the clause of ``anchor`` states ("on May 8, 2018"), at its precision."""
    for token in (anchor, anchor.head):
        subtree = list(token.subtree)
        text = anchor.doc[subtree[0].i : subtree[-1].i + 1].text
        found = find_date(text, reference)
        if found:
            return found[0]
    return None


def event_key(*parts: str) -> str:
    """A stable key for an event from what identifies it."""
    return "~event:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def relation_event(
    assertions: list[Assertion], anchor: Token, labels: dict[str, str],
    reference: str | None, place: str | None, event_class: str | None = None,
) -> Event | None:
    """The event that a group of assertions from one cue states: the cue's own event class,
    else the predicate's (``killed`` -> Killing); None when neither has one."""
    spec = relation_specs()[assertions[0].predicate]
    cls = event_class or spec.event_class
    if cls is None:
        return None
    agents = tuple(sorted({a.subject for a in assertions}))
    targets = tuple(sorted({a.object for a in assertions}))
    date = clause_date(anchor, reference)
    first = assertions[0].evidence
    label = (f"{cls.lower()}: {', '.join(labels[a] for a in agents)} "
             f"{spec.label} {', '.join(labels[t] for t in targets)}")
    if date:
        label += f" ({date})"
    key = event_key(first.doc_id, str(first.start), str(anchor.i), spec.name, *agents, *targets)
    return Event(key=key, cls=cls, label=label, agents=agents, targets=targets,
                 place=place, date=date, evidence=tuple(assertions))
