"""SHACL validation of a built graph against ``ontology/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph
from rdflib.namespace import SH

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


def validate(graph: Graph, inplace: bool = False) -> list[Violation]:
    """Every violation of the shapes by ``graph`` (empty when it conforms).

    The ontology is mixed into a copy of ``graph`` (so that ``sh:class`` sees
    sub-classes), or with ``inplace`` into ``graph`` itself, which saves the copy when
    the caller has no further use for the graph as it was.

    >>> validate(Graph())
    []
    """
    _conforms, report, _text = shacl_validate(graph, shacl_graph=load_shapes(),
                                              ont_graph=load_ontology(), inference="none",
                                              advanced=True, inplace=inplace)
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        found.append(Violation(
            focus=str(report.value(result, SH.focusNode)),
            path=str(report.value(result, SH.resultPath) or ""),
            message=str(report.value(result, SH.resultMessage) or "violates a shape"),
            severity=str(report.value(result, SH.resultSeverity) or "").rsplit("#", 1)[-1],
        ))
    return sorted(found, key=lambda v: (v.focus, v.path, v.message))
