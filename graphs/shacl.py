"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

pyshacl says what is wrong; pyshacl-turbo's native engine finds where, fast. A corpus's
graph is judged whole by pyshacl-turbo (:func:`violating`: seconds where pyshacl takes
minutes, in native code that frees the interpreter for other work), and pyshacl then
validates the nodes it names, which gives pyshacl's own results and messages: the same
list pyshacl gives for the whole graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from graphs.store import asserted_quads
from ontology import load_ontology, load_shapes

#: More violating nodes than this, and pyshacl validates an rdflib graph whole rather
#: than as focus nodes (its ``focus_nodes`` is quadratic: see :func:`_validate_store`).
FOCUS_AT_MOST = 2000

#: How many focus nodes of a store are validated at once (each batch with the triples it
#: needs, in a small rdflib graph: memory stays flat however large the store).
BATCH = 5000


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node, which property, what is wrong."""

    focus: str
    path: str
    message: str
    severity: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}"


def validate(graph: Graph | ox.Store, inplace: bool = False,
             focus: Iterable[Node] | None = None) -> list[Violation]:
    """Every violation of the shapes by ``graph`` (empty when it conforms), or by the
    nodes of ``focus`` only. Without ``focus``, the nodes that :func:`violating` finds in
    all of ``graph`` are the focus: pyshacl's report on them is its report on the graph.

    The ontology is mixed into a copy of ``graph`` (so that ``sh:class`` sees
    sub-classes), or with ``inplace`` into ``graph`` itself, which saves the copy when
    the caller has no further use for the graph as it was.

    ``graph`` may be an Oxigraph store (a build's): what its graphs assert (every graph but
    the inferred one and the ontology's) is validated :data:`BATCH` focus nodes at a time,
    each batch in a small rdflib graph of the triples that decide it (the shapes are local:
    see :func:`revalidate`), so memory does not grow with the store; ``inplace`` is moot.
    That costs about four times what validating an rdflib graph of it all costs, so it
    suits a few nodes (:func:`revalidate` after a small change) better than a corpus.

    >>> validate(Graph())
    []
    """
    if focus is None:
        lines = (graph.serialize(format="nt") if isinstance(graph, Graph) else
                 ox.serialize((q.triple for q in asserted_quads(graph)),
                              format=ox.RdfFormat.N_TRIPLES).decode())
        focus = violating(lines)
        if isinstance(graph, Graph) and len(focus) > FOCUS_AT_MOST:
            focus = None  # many: pyshacl on all of it
    if isinstance(graph, ox.Store):
        return _validate_store(graph, focus)
    nodes = None if focus is None else sorted(focus)
    if nodes == []:
        return []  # (pyshacl reads an empty list as no restriction)
    _conforms, report, _text = shacl_validate(graph, shacl_graph=load_shapes(),
                                              ont_graph=load_ontology(), inference="none",
                                              advanced=True, inplace=inplace, focus_nodes=nodes)
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        found.append(Violation(
            focus=str(report.value(result, SH.focusNode)),
            path=str(report.value(result, SH.resultPath) or ""),
            message=str(report.value(result, SH.resultMessage) or "violates a shape"),
            severity=str(report.value(result, SH.resultSeverity) or "").rsplit("#", 1)[-1],
        ))
    return _ordered(found)


def violating(ntriples: str) -> set[URIRef | BNode]:
    """The nodes that violate a shape in the graph of ``ntriples`` (N-Triples), the
    ontology mixed in as :func:`validate` mixes it, found by pyshacl-turbo's native engine
    (which holds no interpreter lock while it works). Which shape a node violates, and
    why, :func:`validate` says, in pyshacl's words.

    >>> person = "<urn:x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <%s> ."
    >>> violating(person % "https://w3id.org/actorgraph/ontology#Person")  # (no label)
    {rdflib.term.URIRef('urn:x')}
    """
    from pyshacl_turbo.rdf import Input

    compiled, ontology = _turbo()
    _conforms, report, _text = compiled.validate(Input(ntriples + "\n" + ontology, "nt",
                                                       None, {}, {}))
    return set(report.objects(None, SH.focusNode))


@lru_cache(maxsize=1)
def _turbo():
    """The shapes compiled for pyshacl-turbo, and the ontology as N-Triples."""
    import pyshacl_turbo

    return (pyshacl_turbo.compile_shapes(load_shapes(), advanced=True),
            load_ontology().serialize(format="nt"))


def _ordered(violations: Iterable[Violation]) -> list[Violation]:
    return sorted(violations, key=lambda v: (v.focus, v.path, v.message))


def revalidate(graph: Graph, changed: Iterable[tuple], previous: Iterable[Violation],
               inplace: bool = False) -> list[Violation]:
    """The violations of ``graph``, given those of an earlier version of it (``previous``)
    and the triples in which the two differ (``changed``: added or removed), without
    validating the whole graph again: the same list :func:`validate` gives.

    The shapes are local: whether a node violates one depends on its own triples, the
    triples that point at it (``sh:targetObjectsOf``) and the classes of the nodes its
    triples point at (``sh:class``). So only the nodes a changed triple touches, and those
    pointing at a node whose classes changed, can change; they alone are validated
    (pyshacl's focus nodes), and every other node keeps its earlier violations.
    ``inplace`` as for :func:`validate`.
    """
    touched: set = set()
    retyped: set = set()
    for s, p, o in changed:
        touched.add(s)
        if not isinstance(o, Literal):
            touched.add(o)
        if p == RDF.type:
            retyped.add(s)
    for node in retyped:  # its class is what their sh:class sees
        touched.update(graph.subjects(None, node) if isinstance(graph, Graph) else
                       (_rdflib(q.subject) for q in asserted_quads(graph, None, None, _ox(node))))
    names = {str(node) for node in touched}
    found = validate(graph, inplace, focus=touched)
    kept = [v for v in previous if v.focus not in names]
    return _ordered([*kept, *found])


def _rdflib(term) -> Node:
    """An Oxigraph term as rdflib's N-Triples parser makes it."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))


def _ox(node: Node):
    return ox.BlankNode(str(node)) if isinstance(node, BNode) else ox.NamedNode(str(node))


def _targeting() -> list:
    """The predicates whose objects the shapes target (``sh:targetObjectsOf``)."""
    return sorted({ox.NamedNode(str(p)) for p in load_shapes().objects(None, SH.targetObjectsOf)},
                  key=str)


def _validate_store(store: ox.Store, focus: Iterable[Node]) -> list[Violation]:
    """:func:`validate` of the nodes ``focus`` in what ``store`` asserts (the ontology is
    mixed into each batch as pyshacl's ``ont_graph``), in batches of :data:`BATCH` focus
    nodes: each with its own triples, the triples that point at it
    (``sh:targetObjectsOf``) and the types of the nodes its triples point at
    (``sh:class``)."""
    batches = sorted({_ox(n) for n in focus}, key=str)
    found: list[Violation] = []
    a = ox.NamedNode(str(RDF.type))
    targeting = _targeting()
    for start in range(0, len(batches), BATCH):
        batch = batches[start:start + BATCH]
        graph = Graph()
        pointed: set = set()
        for node in batch:
            for q in asserted_quads(store, node):
                graph.add((_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object)))
                if not isinstance(q.object, ox.Literal):
                    pointed.add(q.object)
            for predicate in targeting:
                for q in asserted_quads(store, None, predicate, node):
                    graph.add((_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object)))
        for node in pointed:
            for q in asserted_quads(store, node, a):
                graph.add((_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object)))
        # all of the small graph, and only its batch's nodes kept: pyshacl's focus_nodes
        # scans a list for each node it meets (quadratic), and the other nodes here lack
        # the triples that decide them
        names = {n.value for n in batch}
        found += [v for v in validate(graph, inplace=True) if v.focus in names]
    return _ordered(found)
