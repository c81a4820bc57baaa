"""Events: typed occurrences with agents, targets, place and date.

A relation whose predicate has an event class in the ontology (``killed`` ->
``Killing``) yields an event node beside the direct triple; named events
("the 1979 Iranian Revolution", "the 1953 coup") are events too, typed by
their head word and dated by the text.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import TYPE_CHECKING

from extract.dates import find_date, follow_date, stated_dates
from extract.model import Assertion, DocumentResult, Event, one_per_key
from ontology import event_templates, relation_specs, subclasses

if TYPE_CHECKING:
    from spacy.tokens import Token

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
    """The date the clause of ``anchor`` states ("on May 8, 2018"), at its precision; else
    the sentence's, when it states exactly one (a second would leave it in doubt); else
    the one an earlier sentence of the paragraph states, when this one points back to it
    ("the next day", "later that year")."""
    for token in (anchor, anchor.head):
        subtree = list(token.subtree)
        text = anchor.doc[subtree[0].i : subtree[-1].i + 1].text
        found = find_date(text, reference)
        if found:
            return found[0]
    sentence = anchor.sent
    dates = set(stated_dates(sentence.text, reference))
    if dates:
        return dates.pop() if len(dates) == 1 else None
    earlier = [s for s in anchor.doc.sents if s.end <= sentence.start]
    for before in reversed(earlier):
        stated = set(stated_dates(before.text, reference))
        if stated:
            return follow_date(sentence.text, stated.pop()) if len(stated) == 1 else None
    return None


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def event_label(cls: str, agents: list[str], targets: list[str], relation: str,
                date: str | None = None) -> str:
    """An event's label in words, from its class's ``ag:labelTemplate``.

    >>> event_label("Protest", ["Iranians"], ["Ali Khamenei"], "opposes")
    'Iranians protested against Ali Khamenei'
    >>> event_label("Withdrawal", ["United States"], ["JCPOA"], "withdrew from", "2018-05-08")
    'United States withdrew from JCPOA (2018-05-08)'
    >>> event_label("Event", ["Iran", "Iraq"], ["Kuwait"], "opposes")
    'Iran and Iraq opposes Kuwait'
    """
    template = event_templates().get(cls, "{agents} " + relation + " {targets}")
    label = template.format(agents=_names(agents), targets=_names(targets))
    return f"{label} ({date})" if date else label


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
    label = event_label(cls, [labels[a] for a in agents], [labels[t] for t in targets],
                        spec.label, date)
    # what the event is, not where it is told: the same kind, agents, targets and date in
    # two sentences (or two documents) is one event
    key = event_key(cls, *agents, "->", *targets, date or "")
    return Event(key=key, cls=cls, label=label, agents=agents, targets=targets,
                 place=place, date=date, evidence=tuple(assertions))


def merge_corpus_events(results: list[DocumentResult]) -> list[DocumentResult]:
    """The corpus's relation events (or one document's) with the same event told twice
    made one.

    Two events are one when they have the same targets, dates that agree (the same, or
    one undated), kinds that agree (the same, or one a kind of the other: a Killing is
    an Attack) and agents that agree: the same actor, or one leads the other as some
    document states ("Trump struck Soleimani", "the US killed Soleimani"). The merged
    event has the more specific kind, the date, every agent and all the evidence; each
    document's copy is renamed to it, so the documents' graphs meet on one node.

    Examples
    --------
    >>> merge_corpus_events([])
    []
    """
    events = [e for r in results for e in r.events if e.key.startswith("~event:")]
    if not events:
        return results
    leads = {(a.subject, a.object) for r in results for a in r.assertions
             if a.predicate == "leads"}
    labels = {actor.key: actor.label for r in results for actor in r.actors}
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    by_targets: dict[tuple[str, ...], dict[str, Event]] = {}
    for event in events:
        by_targets.setdefault(event.targets, {}).setdefault(event.key, event)
    for group in by_targets.values():
        distinct = sorted(group.values(), key=lambda e: e.key)
        for n, first in enumerate(distinct):
            for second in distinct[n + 1:]:
                if _same_event(first, second, leads):
                    parent[find(second.key)] = find(first.key)
    members: dict[str, list[Event]] = {}
    for event in events:
        members.setdefault(find(event.key), []).append(event)
    renamed = {}
    for group in members.values():
        keys = {e.key for e in group}
        if len(keys) > 1:
            merged = _merge(group, labels)
            renamed.update(dict.fromkeys(keys, merged))
    if not renamed:
        return results
    out = []
    for result in results:
        mine = [dataclasses.replace(renamed[e.key], evidence=e.evidence, place=e.place)
                if e.key in renamed else e for e in result.events]
        out.append(dataclasses.replace(
            result, events=tuple(sorted(merge_same(mine), key=lambda e: e.key))))
    return out


def merge_same(events: list[Event]) -> list[Event]:
    """One event per key, in first-told order: the sentences that tell the same event give
    it all their evidence (and the first place any of them names)."""
    def combine(known: Event, event: Event) -> Event:
        evidence = known.evidence + tuple(a for a in event.evidence if a not in known.evidence)
        return dataclasses.replace(known, evidence=evidence, place=known.place or event.place)

    return one_per_key(events, lambda e: e.key, combine)


def _same_event(a: Event, b: Event, leads: set[tuple[str, str]]) -> bool:
    if a.targets != b.targets or (a.date and b.date and a.date != b.date):
        return False
    if not (a.cls == b.cls or a.cls in subclasses(b.cls) or b.cls in subclasses(a.cls)):
        return False
    return any(x == y or (x, y) in leads or (y, x) in leads
               for x in a.agents for y in b.agents)


def _merge(group: list[Event], labels: dict[str, str]) -> Event:
    """One event standing for ``group``: its most specific kind, its date, every agent."""
    kinds = {e.cls for e in group}
    cls = min(kinds, key=lambda k: (len(subclasses(k)), k))  # the fewest sub-kinds
    dates = sorted({e.date for e in group if e.date}, key=lambda d: (-len(d), d))
    date = dates[0] if dates else None
    agents = tuple(sorted({a for e in group for a in e.agents}))
    targets = group[0].targets
    relation = relation_specs()[group[0].evidence[0].predicate].label if group[0].evidence \
        else "acted on"
    label = event_label(cls, [labels.get(a, a) for a in agents],
                        [labels.get(t, t) for t in targets], relation, date)
    return Event(key=event_key(cls, *agents, "->", *targets, date or ""), cls=cls, label=label,
                 agents=agents, targets=targets, date=date)
