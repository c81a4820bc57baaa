"""RDF output: the golden graph, determinism, and hostile text made safe."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.compare import isomorphic

from graphs import node_iri, slug, to_rdf, turtle, write_turtle
from ontology import AG, AGR, load_ontology, load_shapes
from tests.graphs.fixtures import HOSTILE, hostile_result, minimal_result

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"


def test_minimal_result_matches_the_golden_graph() -> None:
    expected = Graph().parse(GOLDEN / "minimal.ttl", format="turtle")
    assert isomorphic(to_rdf([minimal_result()]), expected)


def test_turtle_does_not_depend_on_input_order() -> None:
    one, two = minimal_result(), hostile_result()
    assert turtle(to_rdf([one, two])) == turtle(to_rdf([two, one]))


def test_turtle_is_byte_identical_across_processes(tmp_path: Path) -> None:
    script = ("import sys; from tests.graphs.fixtures import minimal_result, hostile_result; "
              "from graphs import to_rdf, turtle; "
              "sys.stdout.write(turtle(to_rdf([minimal_result(), hostile_result()])))")
    root = Path(__file__).resolve().parents[2]
    outputs = {subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True,
                              check=True, env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin",
                                               "PYTHONPATH": str(root)}).stdout
               for seed in ("1", "2", "3")}
    assert len(outputs) == 1


@pytest.mark.parametrize("key", [f"~name:{HOSTILE}", "~event:<>\"{}|\\^`", "~name:ایران",
                                 "~name:", 'x"<script>'])
def test_node_iris_are_safe(key: str) -> None:
    iri = str(node_iri(key))
    assert iri.startswith(str(AGR))
    assert all(c.isalnum() or c in "-_/:.#" for c in iri)


def test_distinct_hostile_names_get_distinct_iris() -> None:
    assert slug("a<b") != slug("a>b") != slug("a b")


def test_hostile_text_round_trips_through_turtle(tmp_path: Path, rapper: str) -> None:
    path = write_turtle(to_rdf([hostile_result()]), tmp_path / "hostile.ttl")
    done = subprocess.run([rapper, "-i", "turtle", "-c", str(path)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    back = Graph().parse(path, format="turtle")
    labels = {str(o) for o in back.objects(None, RDFS.label)}
    assert HOSTILE in labels  # the exact text survives: escaped, not altered


def test_graph_satisfies_the_shapes() -> None:
    from pyshacl import validate

    graph = to_rdf([minimal_result(), hostile_result()])
    conforms, _report, text = validate(graph, shacl_graph=load_shapes(), ont_graph=load_ontology())
    assert conforms, text


def test_shapes_catch_a_bad_assertion() -> None:
    from pyshacl import validate
    from rdflib import Literal

    graph = to_rdf([minimal_result()])
    assertion = next(graph.subjects(RDF.type, AG.Assertion))
    graph.set((assertion, AG.confidence, Literal(1.7)))
    conforms, _report, _text = validate(graph, shacl_graph=load_shapes(), ont_graph=load_ontology())
    assert not conforms


def test_actor_classes_and_wikidata() -> None:
    graph = to_rdf([minimal_result()])
    khamenei = URIRef(AGR.Ali_Khamenei)
    assert (khamenei, RDF.type, AG.Person) in graph and (khamenei, RDF.type, AG.Actor) in graph
    assert str(graph.value(khamenei, URIRef("http://www.w3.org/2002/07/owl#sameAs"))) == \
        "http://www.wikidata.org/entity/Q57336"
