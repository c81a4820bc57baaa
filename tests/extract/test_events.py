"""Events merged by what they are: the same kind, targets and date, agents that are the same
or one leading the other, told in any sentence of any document, are one event."""

from __future__ import annotations

import pytest

from extract import merge_corpus_events
from extract.events import event_key, event_label
from extract.model import Actor, Assertion, Document, DocumentResult, Event, Evidence

NAMES = {"A_Leader": "A Leader", "State_A": "State A", "State_B": "State B",
         "Victim": "The Victim", "Other": "Other Victim", "Pact": "The Pact"}


def _assertion(doc: str, subject: str, predicate: str, obj: str) -> Assertion:
    evidence = Evidence(doc, f"{doc}.txt", f"{subject} {predicate} {obj}.", 0, 10, subject, obj)
    return Assertion(subject, predicate, obj, 0.9, "test", evidence)


def _event(doc: str, cls: str, predicate: str, agent: str, target: str,
           date: str | None = None) -> Event:
    return Event(key=event_key(cls, agent, "->", target, date or ""), cls=cls,
                 label=event_label(cls, [NAMES[agent]], [NAMES[target]], predicate, date),
                 agents=(agent,), targets=(target,), date=date,
                 evidence=(_assertion(doc, agent, predicate, target),))


def _result(doc: str, events: list[Event], assertions: list[Assertion] = ()) -> DocumentResult:
    actors = tuple(Actor(key, label, "Person") for key, label in NAMES.items())
    return DocumentResult(Document(doc, f"{doc}.txt", "", doc), actors=actors,
                          assertions=tuple(assertions), events=tuple(events))


LEADS = [_assertion("d3", "A_Leader", "leads", "State_A")]

CASES = [
    # (what, events as (doc, cls, predicate, agent, target, date), leadership?, events after)
    ("a leader's strike and his state's killing", [
        ("d1", "Attack", "attacks", "A_Leader", "Victim", None),
        ("d2", "Killing", "killed", "State_A", "Victim", None)], True, 1),
    ("the same, nobody said who leads whom", [
        ("d1", "Attack", "attacks", "A_Leader", "Victim", None),
        ("d2", "Killing", "killed", "State_A", "Victim", None)], False, 2),
    ("a dated and an undated withdrawal of one state", [
        ("d1", "Withdrawal", "withdrewFrom", "State_A", "Pact", "2018-05-08"),
        ("d2", "Withdrawal", "withdrewFrom", "State_A", "Pact", None)], False, 1),
    ("two withdrawals on two dates", [
        ("d1", "Withdrawal", "withdrewFrom", "State_A", "Pact", "2018-05-08"),
        ("d2", "Withdrawal", "withdrewFrom", "State_A", "Pact", "2019-05-08")], False, 2),
    ("one agent, two targets", [
        ("d1", "Killing", "killed", "State_A", "Victim", None),
        ("d1", "Killing", "killed", "State_A", "Other", None)], True, 2),
    ("two states with no tie", [
        ("d1", "Attack", "attacks", "State_A", "Victim", None),
        ("d2", "Attack", "attacks", "State_B", "Victim", None)], True, 2),
    ("a negotiation is no attack", [
        ("d1", "Attack", "attacks", "State_A", "State_B", None),
        ("d2", "Negotiation", "negotiatesWith", "State_A", "State_B", None)], True, 2),
]


@pytest.mark.parametrize(("what", "told", "leadership", "expected"), CASES,
                         ids=[c[0] for c in CASES])
def test_events_are_merged_by_what_they_are(what: str, told: list[tuple], leadership: bool,
                                            expected: int) -> None:
    by_doc: dict[str, list[Event]] = {}
    for doc, *rest in told:
        by_doc.setdefault(doc, []).append(_event(doc, *rest))
    results = [_result(doc, events) for doc, events in sorted(by_doc.items())]
    results.append(_result("d3", [], LEADS if leadership else []))
    merged = merge_corpus_events(results)
    keys = {e.key for r in merged for e in r.events}
    assert len(keys) == expected
    evidence = sum(len(e.evidence) for r in merged for e in r.events)
    assert evidence == len(told)  # nothing lost, each document keeps its own evidence


def test_the_merged_event_has_the_specific_kind_every_agent_and_the_date() -> None:
    results = [_result("d1", [_event("d1", "Attack", "attacks", "A_Leader", "Victim")]),
               _result("d2", [_event("d2", "Killing", "killed", "State_A", "Victim",
                                     "2020-01-03")]),
               _result("d3", [], LEADS)]
    events = {e.key: e for r in merge_corpus_events(results) for e in r.events}
    (event,) = events.values()
    assert event.cls == "Killing" and event.date == "2020-01-03"
    assert event.agents == ("A_Leader", "State_A")
    assert event.label == "A Leader and State A killed The Victim (2020-01-03)"


@pytest.mark.parametrize(("cls", "agents", "targets", "expected"), [
    ("Protest", ["Iranians"], ["the Supreme Leader"], "Iranians protested against the Supreme Leader"),
    ("Sanctioning", ["A", "B", "C"], ["D"], "A, B and C imposed sanctions on D"),
    ("Negotiation", ["A"], ["B", "C"], "A negotiated with B and C"),
])
def test_event_labels_read_as_words(cls: str, agents: list[str], targets: list[str],
                                    expected: str) -> None:
    assert event_label(cls, agents, targets, "relation") == expected
