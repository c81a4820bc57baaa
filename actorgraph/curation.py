"""Analyst curation: corrections made once and applied by every later build.

A curation file (TSV, ``DIR/curation.tsv`` by default) lists what an analyst changed:

``merge``   ``subject`` keeps its node and ``object``'s node is folded into it (every
            mention, alias and relation, in the documents built now and later);
``split``   the mentions of ``subject`` written as ``value`` become a node of their own;
``reject``  the relation ``subject predicate object`` is never asserted again;
``rename``  ``subject`` is labelled ``value`` (its old label stays an alias).

Nodes are named by IRI, so a row means the same node whatever the texts call it. Each
row is applied to the extraction results before the graph is made, and recorded in the
graph (``agr:graph/curation``: an ``ag:Curation`` with its action, curator, time and
reason, ``ag:curatedBy`` on the node it changed), so SPARQL tells machine output from an
analyst's correction.

Examples
--------
>>> row = Curation("reject", "https://w3id.org/actorgraph/id/Iran", "attacks",
...                "https://w3id.org/actorgraph/id/Israel", why="a quote, not a fact")
>>> row.describe()
'reject agr:Iran attacks agr:Israel (a quote, not a fact)'
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV, XSD

from extract.lexicon import read_tsv
from extract.model import Actor, Assertion, DocumentResult, Event, one_per_key
from extract.text import normalize_name
from graphs.files import write_text
from graphs.rdf import bind_prefixes, node_iri
from graphs.sparql import compact
from ontology import AG, AGR, DataFileError, relation_specs

ACTIONS = ("merge", "split", "reject", "rename")
COLUMNS = ("action", "subject", "predicate", "object", "value", "why", "curator", "when")
CURATION_GRAPH = AGR["graph/curation"]
#: The curation file a build folder keeps, applied unless ``--curation`` names another.
FILE = "curation.tsv"


@dataclass(frozen=True)
class Curation:
    """One row of a curation file."""

    action: str
    subject: str  # an IRI
    predicate: str = ""  # reject: a relation of the ontology ("attacks")
    object: str = ""  # merge: the node folded in; reject: the relation's object (IRIs)
    value: str = ""  # split: the alias; rename: the new label
    why: str = ""
    curator: str = ""
    when: str = ""  # ISO 8601 date and time

    def describe(self) -> str:
        parts = [self.action, compact(self.subject), self.predicate, compact(self.object),
                 f'"{self.value}"' if self.value else ""]
        return " ".join(p for p in parts if p) + (f" ({self.why})" if self.why else "")

    @property
    def iri(self) -> URIRef:
        digest = hashlib.sha256("\x1f".join(dataclasses.astuple(self)).encode()).hexdigest()
        return AGR["curation/" + digest[:20]]


def load(path: Path) -> list[Curation]:
    """The rows of a curation file, checked (one line naming file and line otherwise).

    Raises
    ------
    DataFileError
        The file cannot be read, or a row names an unknown action or relation.
    """
    rows = []
    for number, row in read_tsv(path, COLUMNS):
        item = Curation(**row)
        where = f"{path}:{number}"
        if item.action not in ACTIONS:
            raise DataFileError(f"{where}: action {item.action!r}, expected one of "
                                f"{', '.join(ACTIONS)}")
        if not item.subject.startswith(("http://", "https://")):
            raise DataFileError(f"{where}: subject {item.subject!r} is not an IRI")
        needs = {"merge": ("object",), "split": ("value",), "rename": ("value",),
                 "reject": ("predicate", "object")}[item.action]
        for name in needs:
            if not getattr(item, name):
                raise DataFileError(f"{where}: {item.action} needs a {name}")
        if item.action == "reject" and item.predicate not in relation_specs():
            raise DataFileError(f"{where}: no relation {item.predicate!r} in the ontology")
        rows.append(item)
    return rows


def append(path: Path, item: Curation) -> Path:
    """Add ``item`` to the curation file at ``path`` (made with its header if new), in one
    atomic write."""
    text = path.read_text(encoding="utf-8") if path.exists() else "\t".join(COLUMNS) + "\n"
    if not text.endswith("\n"):
        text += "\n"
    cells = [getattr(item, c).replace("\t", " ").replace("\n", " ") for c in COLUMNS]
    return write_text(path, text + "\t".join(cells) + "\n")


def apply(results: list[DocumentResult], curations: Iterable[Curation]) -> list[DocumentResult]:
    """``results`` with every curation applied, in the file's order."""
    for item in curations:
        if item.action == "merge":
            results = [_merge(r, item.subject, item.object) for r in results]
        elif item.action == "split":
            results = [_split(r, item.subject, item.value) for r in results]
        elif item.action == "reject":
            results = [_reject(r, item.subject, item.predicate, item.object) for r in results]
        else:
            results = [_rename(r, item.subject, item.value) for r in results]
    return results


def _keys(result: DocumentResult, iri: str) -> set[str]:
    """The keys of ``result`` whose node is ``iri``."""
    found = {a.key for a in result.actors} | {m.actor for m in result.mentions} | {
        k for a in result.assertions for k in (a.subject, a.object)}
    return {k for k in found if str(node_iri(k)) == iri}


def _renamed(result: DocumentResult, old: set[str], new: str) -> DocumentResult:
    """Every key of ``old`` as ``new``: mentions, relations (less self-relations), events."""
    if not old:
        return result
    swap = lambda key: new if key in old else key  # noqa: E731
    assertions = tuple(dataclasses.replace(a, subject=swap(a.subject), object=swap(a.object))
                       for a in result.assertions)
    kept = tuple(a for a in assertions if a.subject != a.object)
    events = tuple(dataclasses.replace(
        e, agents=tuple(dict.fromkeys(map(swap, e.agents))),
        targets=tuple(dict.fromkeys(map(swap, e.targets))),
        place=swap(e.place) if e.place else e.place,
        evidence=tuple(a for a in (dataclasses.replace(x, subject=swap(x.subject),
                                                       object=swap(x.object)) for x in e.evidence)
                       if a.subject != a.object)) for e in result.events)
    mentions = tuple(dataclasses.replace(m, actor=swap(m.actor)) for m in result.mentions)
    return dataclasses.replace(result, assertions=kept, events=events, mentions=mentions)


def _merge(result: DocumentResult, keep: str, fold: str) -> DocumentResult:
    folded = _keys(result, fold)
    if not folded:
        return result
    kept = _keys(result, keep)
    target = sorted(kept)[0] if kept else _key_of(keep)
    actors, label = [], None
    for actor in result.actors:
        if actor.key in kept:
            label = actor.label
    for actor in result.actors:
        if actor.key in folded:
            actor = dataclasses.replace(actor, key=target, label=label or actor.label,
                                        surface_forms=(*actor.surface_forms, actor.label),
                                        registered=bool(label) and actor.registered)
        actors.append(actor)
    merged = dataclasses.replace(result, actors=tuple(_one_per_key(actors)))
    return _renamed(merged, folded, target)


def _one_per_key(actors: list[Actor]) -> list[Actor]:
    """Actors of one key made one: mentions added, forms and resolutions joined."""
    return one_per_key(actors, lambda a: a.key, lambda known, actor: dataclasses.replace(
        known, mentions=known.mentions + actor.mentions,
        surface_forms=tuple(dict.fromkeys((*known.surface_forms, *actor.surface_forms))),
        rules=tuple(dict.fromkeys((*known.rules, *actor.rules))),
        resolutions=(*known.resolutions, *actor.resolutions),
        registered=known.registered or actor.registered, qid=known.qid or actor.qid))


def _key_of(iri: str) -> str:
    """A key whose node is ``iri`` (for a node this document does not name yet)."""
    local = iri[len(str(AGR)):] if iri.startswith(str(AGR)) else iri
    return f"~name:{local[len('entity/'):].replace('-', ' ')}" if local.startswith("entity/") \
        else local


def _split(result: DocumentResult, whole: str, alias: str) -> DocumentResult:
    keys = _keys(result, whole)
    wanted = normalize_name(alias)
    new = f"~name:{wanted}"
    moved = [m for m in result.mentions if m.actor in keys and normalize_name(m.text) == wanted]
    if not moved:
        return result
    mentions = tuple(dataclasses.replace(m, actor=new) if m in moved else m for m in result.mentions)
    actors = [dataclasses.replace(
        actor, mentions=max(0, actor.mentions - len(moved)),
        surface_forms=tuple(f for f in actor.surface_forms if normalize_name(f) != wanted),
        resolutions=tuple(r for r in actor.resolutions if normalize_name(r.form) != wanted))
        if actor.key in keys else actor for actor in result.actors]
    cls = next((a.cls for a in result.actors if a.key in keys), "Person")
    actors.append(Actor(new, alias, cls, surface_forms=(alias,), mentions=len(moved),
                        rules=("curation",)))

    def side(a: Assertion) -> Assertion:
        ev = a.evidence
        subject = new if a.subject in keys and normalize_name(ev.subject_text) == wanted \
            else a.subject
        obj = new if a.object in keys and normalize_name(ev.object_text) == wanted else a.object
        return dataclasses.replace(a, subject=subject, object=obj)

    assertions = tuple(side(a) for a in result.assertions)
    events = tuple(_event_split(e, side, keys, new) for e in result.events)
    return dataclasses.replace(result, mentions=mentions, actors=tuple(actors),
                               assertions=assertions, events=events)


def _event_split(event: Event, side, keys: set[str], new: str) -> Event:
    evidence = tuple(side(a) for a in event.evidence)
    if not evidence:
        return event
    agents = {a.subject for a in evidence}
    targets = {a.object for a in evidence}
    return dataclasses.replace(
        event, evidence=evidence,
        agents=tuple(new if k in keys and new in agents and k not in agents else k
                     for k in event.agents),
        targets=tuple(new if k in keys and new in targets and k not in targets else k
                      for k in event.targets))


def _reject(result: DocumentResult, subject: str, predicate: str, obj: str) -> DocumentResult:
    symmetric = relation_specs()[predicate].symmetric

    def rejected(a: Assertion) -> bool:
        ends = (str(node_iri(a.subject)), str(node_iri(a.object)))
        return a.predicate == predicate and (ends == (subject, obj) or (
            symmetric and ends == (obj, subject)))

    assertions = tuple(a for a in result.assertions if not rejected(a))
    if len(assertions) == len(result.assertions):
        return result
    events = []
    for event in result.events:
        evidence = tuple(a for a in event.evidence if not rejected(a))
        if event.evidence and not evidence:
            continue  # told only by the rejected relation
        events.append(dataclasses.replace(event, evidence=evidence))
    return dataclasses.replace(result, assertions=assertions, events=tuple(events))


def _rename(result: DocumentResult, subject: str, label: str) -> DocumentResult:
    keys = _keys(result, subject)
    if not keys:
        return result
    actors = tuple(dataclasses.replace(a, label=label, registered=True,
                                       surface_forms=tuple(dict.fromkeys((*a.surface_forms,
                                                                          a.label))))
                   if a.key in keys else a for a in result.actors)
    return dataclasses.replace(result, actors=actors)


def provenance(curations: Iterable[Curation]) -> Graph:
    """The curation graph: one ``ag:Curation`` per row, linked from the node it changed."""
    graph = bind_prefixes(Graph())
    for item in curations:
        iri = item.iri
        graph.add((iri, RDF.type, AG.Curation))
        graph.add((iri, AG.action, Literal(item.action)))
        graph.add((iri, AG.curates, URIRef(item.subject)))
        graph.add((URIRef(item.subject), AG.curatedBy, iri))
        for predicate, value in ((AG.why, item.why), (AG.curator, item.curator),
                                 (AG.value, item.value)):
            if value:
                graph.add((iri, predicate, Literal(value)))
        if item.when:
            graph.add((iri, PROV.endedAtTime, Literal(item.when, datatype=XSD.dateTime)))
        if item.action == "merge":
            graph.add((iri, AG.formerNode, URIRef(item.object)))
        if item.action == "reject":
            graph.add((iri, RDF.subject, URIRef(item.subject)))
            graph.add((iri, RDF.predicate, AG[item.predicate]))
            graph.add((iri, RDF.object, URIRef(item.object)))
    return graph
