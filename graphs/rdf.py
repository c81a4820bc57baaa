"""Extraction results to RDF, with stable IRIs and no blank nodes.

The same results give the same triples in any order, so the Turtle written
from them is byte-identical from build to build.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD
from rdflib.plugins.serializers.nt import _nt_row

from extract.dates import xsd_type
from extract.model import Actor, Assertion, DocumentResult, Event
from ontology import (
    ACTOR_CLASSES,
    AG,
    AGR,
    NODE_CLASSES,
    WD,
    bind_prefixes,
    relation_specs,
    subclasses,
)

_SAFE = re.compile(r"[^A-Za-z0-9]+")


def slug(text: str) -> str:
    """An IRI-safe name for any text: ASCII letters, digits and hyphens, plus a hash
    suffix whenever anything had to be dropped, so distinct texts never collide.

    >>> slug("hanne nabintu herland")
    'hanne-nabintu-herland'
    >>> slug('<script>alert("x")</script>')
    'script-alert-x-script-2fdf4894'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = _SAFE.sub("-", ascii_text).strip("-").lower()[:60].strip("-")
    if base and base == text.replace(" ", "-"):
        return base
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{base}-{digest}" if base else digest


def node_iri(key: str) -> URIRef:
    """The IRI of a node key from the extraction stage."""
    if key.startswith("~event:"):
        return AGR["event/" + slug(key[len("~event:"):])]
    if key.startswith("~"):
        _kind, _, name = key[1:].partition(":")
        return AGR["entity/" + slug(name)]
    return AGR[key] if re.fullmatch(r"[A-Za-z0-9_\-]+", key) else AGR[slug(key)]


def document_iri(doc_id: str) -> URIRef:
    return AGR["doc/" + slug(doc_id)]


def assertion_iri(assertion: Assertion) -> URIRef:
    ev = assertion.evidence
    parts = (ev.doc_id, str(ev.start), str(ev.end), assertion.subject, assertion.predicate,
             assertion.object)
    return AGR["assertion/" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]]


def _date_literal(iso: str) -> Literal:
    return Literal(iso, datatype=XSD[xsd_type(iso)])


@dataclass
class _Node:
    """One node merged over the documents that mention it."""

    key: str
    labels: Counter[str] = field(default_factory=Counter)
    classes: Counter[str] = field(default_factory=Counter)
    forms: set[str] = field(default_factory=set)
    qid: str | None = None
    registered_label: str | None = None
    mentions: int = 0
    docs: set[str] = field(default_factory=set)
    #: (surface form, rule) -> [mentions, best confidence, documents]
    resolutions: dict[tuple[str, str], list] = field(default_factory=dict)
    #: classes the node's relations require of it (from the predicates' domain and range)
    needs: set[str] = field(default_factory=set)

    def add(self, actor: Actor, doc_id: str) -> None:
        self.labels[actor.label] += max(actor.mentions, 1)
        self.classes[actor.cls] += max(actor.mentions, 1)
        self.forms.update(actor.surface_forms)
        self.qid = self.qid or actor.qid
        if actor.registered:
            self.registered_label = actor.label
        self.mentions += actor.mentions
        if actor.mentions:
            self.docs.add(doc_id)
        for item in actor.resolutions:
            entry = self.resolutions.setdefault((item.form, item.rule), [0, 0.0, set()])
            entry[0] += item.mentions
            entry[1] = max(entry[1], item.confidence)
            entry[2].add(doc_id)

    @property
    def label(self) -> str:
        if self.registered_label:
            return self.registered_label
        return sorted(self.labels.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]

    @property
    def cls(self) -> str:
        """The class most mentions give among those that meet what the node's relations
        require (ties: Person, Organization, Country, ...).

        A name that one document reads as a person who acts and others as a place
        ("Sharma") stays the person: the class that fits every relation beats one
        that more mentions give but that its relations rule out.
        """
        def rank(item: tuple[str, int]) -> tuple[int, int, int]:
            cls, votes = item
            fits = sum(cls in subclasses(need) for need in self.needs)
            return (-fits, -votes, NODE_CLASSES.index(cls))
        return min(self.classes.items(), key=rank)[0]


def to_rdf(results: Iterable[DocumentResult]) -> Graph:
    """One RDF graph of every document, node, relation, assertion and event.

    It is the union of :func:`corpus_graph` and each :func:`document_graph`,
    and every triple of it is in exactly one of them.

    Examples
    --------
    >>> from extract.model import Document
    >>> doc = Document("d1", "d1.txt", "Text.", "0" * 64, title="A title")
    >>> g = to_rdf([DocumentResult(doc)])
    >>> str(g.value(document_iri("d1"), AG.sourceFile))
    'd1.txt'
    """
    results = list(results)
    return union([corpus_graph(results), *map(document_graph, results)])


def union(parts: Iterable[Graph]) -> Graph:
    """One graph of the triples of ``parts`` (the corpus graph and the document graphs
    a build already holds, say), with the project's prefixes."""
    graph = bind_prefixes(Graph())
    for part in parts:
        graph += part
    return graph


def _part() -> Graph:
    """An empty graph for one part of the corpus (a document's, the corpus graph): on
    rdflib's plain store, which keeps no record of contexts (a part is one graph), so
    adding a triple costs half what it costs in the default store."""
    return bind_prefixes(Graph(store="SimpleMemory"))


class _Lines:
    """A sink of triples that keeps each as the N-Triples line rdflib writes for it, once:
    a part of the corpus serialized without an rdflib graph of it, which costs some ten
    times the memory of its lines."""

    def __init__(self) -> None:
        self.lines: set[str] = set()

    def add(self, triple: tuple) -> None:
        self.lines.add(_nt_row(triple))

    def text(self) -> str:
        return "".join(sorted(self.lines))


def document_graph(result: DocumentResult) -> Graph:
    """What one document states: its node and its assertions (with provenance). Nothing
    here depends on another document (the events, which may merge what several
    documents tell, are the corpus graph's)."""
    graph = _part()
    _document(graph, result)
    return graph


def document_ntriples(result: DocumentResult) -> str:
    """The sorted N-Triples of :func:`document_graph`, made without the graph."""
    sink = _Lines()
    _document(sink, result)
    return sink.text()


def _document(graph: Graph | _Lines, result: DocumentResult) -> None:
    _add_document(graph, result)
    for assertion in result.assertions:
        _add_assertion(graph, assertion)


def corpus_graph(results: Iterable[DocumentResult]) -> Graph:
    """What the corpus says as a whole: one node per actor (merged labels, class,
    Wikidata, mention counts, resolutions), the direct relation triples, the events
    (named ones, and those relations state, one node per key), and which denial
    contradicts which assertion (``ag:contradicts``)."""
    graph = _part()
    _corpus(graph, results)
    return graph


def corpus_ntriples(results: Iterable[DocumentResult]) -> str:
    """The sorted N-Triples of :func:`corpus_graph`, made without the graph."""
    sink = _Lines()
    _corpus(sink, results)
    return sink.text()


def _corpus(graph: Graph | _Lines, results: Iterable[DocumentResult]) -> None:
    nodes: dict[str, _Node] = {}
    events: dict[str, list[Event]] = {}
    edges: dict[str, set[tuple[str, str]]] = {}
    told: dict[tuple[str, str, str], tuple[list[Assertion], list[Assertion]]] = {}
    needs: dict[str, set[str]] = {}  # node key -> classes its relations require
    specs = relation_specs()
    for result in results:
        for actor in result.actors:
            nodes.setdefault(actor.key, _Node(actor.key)).add(actor, result.document.id)
        for assertion in result.assertions:
            spec = specs.get(assertion.predicate)
            needs.setdefault(assertion.subject, set()).add("Actor")  # agsh:AssertionShape
            for key, need in ((assertion.subject, spec and spec.domain),
                              (assertion.object, spec and spec.range),
                              (assertion.claimant, "Actor")):
                if key and need:
                    needs.setdefault(key, set()).add(need)
            relation = (assertion.subject, assertion.predicate, assertion.object)
            told.setdefault(relation, ([], []))[assertion.stance == "denied"].append(assertion)
            if assertion.stance == "denied":
                continue  # told only to be denied: no relation, but its assertion node
            graph.add((node_iri(assertion.subject), AG[assertion.predicate],
                       node_iri(assertion.object)))
            edges.setdefault(assertion.subject, set()).add((assertion.predicate, assertion.object))
            edges.setdefault(assertion.object, set()).add(("~" + assertion.predicate,
                                                           assertion.subject))
        for event in result.events:
            events.setdefault(event.key, []).append(event)
            for agent in event.agents:
                needs.setdefault(agent, set()).add("Actor")  # the range of ag:agent
    for node in nodes.values():
        node.needs = needs.get(node.key, set())
        _add_node(graph, node)
        if node.cls in ACTOR_CLASSES:
            graph.add((node_iri(node.key), AG.degree, Literal(len(edges.get(node.key, ())))))
    for key, group in events.items():
        _add_event(graph, key, group, labelled=key in nodes)
    for stated, denied in told.values():  # the corpus disagrees with itself
        for no in denied:
            for yes in stated:
                graph.add((assertion_iri(no), AG.contradicts, assertion_iri(yes)))


def _add_document(graph: Graph | _Lines, result: DocumentResult) -> None:
    doc = result.document
    iri = document_iri(doc.id)
    graph.add((iri, RDF.type, AG.Document))
    graph.add((iri, AG.sourceFile, Literal(doc.source_file)))
    graph.add((iri, AG.contentHash, Literal(doc.content_hash)))
    graph.add((iri, DCTERMS.identifier, Literal(doc.id)))
    graph.add((iri, DCTERMS.language, Literal(doc.language)))
    for predicate, value in ((DCTERMS.title, doc.title), (DCTERMS.creator, doc.author),
                             (DCTERMS.publisher, doc.publisher)):
        if value:
            graph.add((iri, predicate, Literal(value)))
    if doc.date:
        graph.add((iri, DCTERMS.issued, _date_literal(doc.date)))
    if doc.url:
        safe = re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", doc.url)
        graph.add((iri, DCTERMS.source, URIRef(doc.url) if safe else Literal(doc.url)))


def _add_node(graph: Graph | _Lines, node: _Node) -> None:
    iri = node_iri(node.key)
    cls = node.cls
    graph.add((iri, RDF.type, AG[cls]))
    if cls in ("Person", "Organization", "Country", "Group"):
        graph.add((iri, RDF.type, AG.Actor))
    if cls == "Event":
        graph.add((iri, RDF.type, AG.Event))
    label = node.label
    graph.add((iri, RDFS.label, Literal(label)))
    for form in node.forms - {label}:
        graph.add((iri, SKOS.altLabel, Literal(form)))
    if node.qid:
        graph.add((iri, OWL.sameAs, WD[node.qid]))
    graph.add((iri, AG.mentionCount, Literal(node.mentions)))
    for doc_id in node.docs:
        graph.add((iri, AG.mentionedIn, document_iri(doc_id)))
    for (form, rule), (count, confidence, docs) in node.resolutions.items():
        digest = hashlib.sha256(f"{node.key}\x1f{form}\x1f{rule}".encode()).hexdigest()[:20]
        resolution = AGR["resolution/" + digest]
        graph.add((iri, AG.resolution, resolution))
        for triple in ((RDF.type, AG.Resolution), (AG.surfaceForm, Literal(form)),
                       (AG.rule, Literal(rule)), (AG.mentionCount, Literal(count)),
                       (AG.confidence, Literal(Decimal(f"{confidence:.3f}"), datatype=XSD.decimal))):
            graph.add((resolution, *triple))
        for doc_id in docs:
            graph.add((resolution, PROV.wasDerivedFrom, document_iri(doc_id)))


def _add_assertion(graph: Graph | _Lines, assertion: Assertion) -> None:
    iri = assertion_iri(assertion)
    subject, obj = node_iri(assertion.subject), node_iri(assertion.object)
    predicate = AG[assertion.predicate]
    ev = assertion.evidence
    for triple in (
        (RDF.type, AG.Assertion), (RDF.type, RDF.Statement),
        (RDF.subject, subject), (RDF.predicate, predicate), (RDF.object, obj),
        (PROV.wasDerivedFrom, document_iri(ev.doc_id)),
        (AG.sentence, Literal(ev.sentence)),
        (AG.startOffset, Literal(ev.start)), (AG.endOffset, Literal(ev.end)),
        (AG.extractor, Literal(assertion.extractor)),
        (AG.confidence, Literal(Decimal(f"{assertion.confidence:.3f}"), datatype=XSD.decimal)),
        (AG.objectText, Literal(ev.object_text)),
    ):
        graph.add((iri, *triple))
    if ev.subject_text:  # none when the agent is read from the rest of the document
        graph.add((iri, AG.subjectText, Literal(ev.subject_text)))
    if assertion.stance:  # reported speech: whose claim (or denial) it is
        graph.add((iri, AG.stance, Literal(assertion.stance)))
        graph.add((iri, AG.reportingVerb, Literal(assertion.reporting)))
        if assertion.claimant:
            graph.add((iri, AG.claimedBy, node_iri(assertion.claimant)))
    if assertion.date:
        graph.add((iri, AG.refersTo, _date_literal(assertion.date)))
        graph.add((iri, AG.dateSource, Literal(assertion.dated)))


def _add_event(graph: Graph | _Lines, key: str, group: list[Event], labelled: bool) -> None:
    """The event of ``key`` (``labelled``: a node of that key has its label already)."""
    iri = node_iri(key)
    event = group[0]
    graph.add((iri, RDF.type, AG.Event))
    graph.add((iri, RDF.type, AG[event.cls]))
    if not labelled:
        graph.add((iri, RDFS.label, Literal(event.label)))
    dates = sorted({e.date for e in group if e.date}, key=lambda d: (-len(d), d))
    if dates:
        graph.add((iri, AG.date, _date_literal(dates[0])))
    for item in group:
        for agent in item.agents:
            graph.add((iri, AG.agent, node_iri(agent)))
        for target in item.targets:
            graph.add((iri, AG.target, node_iri(target)))
        if item.place:
            graph.add((iri, AG.place, node_iri(item.place)))
        for assertion in item.evidence:
            graph.add((iri, AG.evidence, assertion_iri(assertion)))
