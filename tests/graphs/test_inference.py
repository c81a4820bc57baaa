"""The rule reasoner entails exactly what OWL-RL (owlrl) entails from the ontology."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal

from graphs import ntriples
from graphs.inference import entailed_ntriples, entailments, owlrl_entailments
from ontology import AG, AGR

CASES = [
    # (what, triples)
    ("a sub-property chain", [(AGR.a, AG.killed, AGR.b)]),
    ("symmetry, then its super-properties", [(AGR.a, AG.negotiatesWith, AGR.b)]),
    ("domain and range types", [(AGR.e, AG.agent, AGR.a), (AGR.e, AG.target, AGR.b)]),
    ("a class and its super-classes", [(AGR.k, RDF.type, AG.Killing)]),
    ("literals and sameAs entail nothing", [(AGR.a, AG.confidence, Literal(0.5)),
                                             (AGR.a, RDF.type, AG.Person)]),
    ("what is asserted is not repeated", [(AGR.a, AG.leads, AGR.b), (AGR.a, AG.influences, AGR.b)]),
]


@pytest.mark.parametrize(("what", "triples"), CASES, ids=[c[0] for c in CASES])
def test_the_rules_entail_what_owl_rl_entails(what: str, triples: list[tuple]) -> None:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    ours = set(entailments(graph))
    assert ours == set(owlrl_entailments(graph))
    assert ours  # each case entails something
    assert entailed_ntriples(ntriples(graph)) == ntriples(entailments(graph))  # by Oxigraph


def test_on_the_demo_build(demo_out: Path) -> None:
    graph = Graph().parse(demo_out / "graph.ttl")
    ours = set(entailments(graph))
    assert ours == set(owlrl_entailments(graph)) and len(ours) > 300
    assert entailed_ntriples(ntriples(graph)) == ntriples(entailments(graph))
