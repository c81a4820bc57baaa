"""SHACL validation of a built graph against ``ontology/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, Literal
from rdflib.namespace import SH
from rdflib.term import Node

from ontology import load_ontology, load_shapes


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


def validate(graph: Graph, inplace: bool = False,
             focus: Iterable[Node] | None = None) -> list[Violation]:
    """Every violation of the shapes by ``graph`` (empty when it conforms), or by the
    nodes of ``focus`` only.

    The ontology is mixed into a copy of ``graph`` (so that ``sh:class`` sees
    sub-classes), or with ``inplace`` into ``graph`` itself, which saves the copy when
    the caller has no further use for the graph as it was.

    >>> validate(Graph())
    []
    """
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
    for node in retyped:
        touched.update(graph.subjects(None, node))  # its class is what their sh:class sees
    names = {str(node) for node in touched}
    found = validate(graph, inplace, focus=touched)
    kept = [v for v in previous if v.focus not in names]
    return _ordered([*kept, *found])
