"""RDF output: the golden graph, determinism, and hostile text made safe."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from extract.model import Actor, Assertion, Document, DocumentResult, Event, Evidence
from graphs import node_iri, slug, to_rdf, turtle, write_turtle
from ontology import AG, AGR, load_ontology, load_shapes
from tests.graphs.fixtures import (
    HOSTILE,
    edited,
    hostile_result,
    minimal_result,
    pyshacl_violations,
)

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


_IRAN = "<https://w3id.org/actorgraph/id/Iran>"
_AG, _XSD = "https://w3id.org/actorgraph/ontology#", "http://www.w3.org/2001/XMLSchema#"
_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


@pytest.mark.parametrize("triple", [
    f'{_IRAN} {_LABEL} "Iran" .',
    f'{_IRAN} {_LABEL} "Īrān"@fa .',
    f'{_IRAN} <{_AG}degree> "3"^^<{_XSD}integer> .',
    f'{_IRAN} <{_AG}degree> "-12"^^<{_XSD}integer> .',
    f'{_IRAN} <{_AG}confidence> "0.900"^^<{_XSD}decimal> .',
    f'{_IRAN} <http://purl.org/dc/terms/issued> "2020-01-03"^^<{_XSD}date> .',
    f'{_IRAN} <urn:x:flag> "true"^^<{_XSD}boolean> .',
    f'{_IRAN} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{_AG}Country> .',
    f'{_IRAN} <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q794> .',
    f'{_IRAN} <{_AG}mentionedIn> <https://w3id.org/actorgraph/id/doc/d1> .',
    f'{_IRAN} <http://purl.org/dc/terms/source> <https://w3id.org/actorgraph/id//a?b=c> .',
    Graph().add((URIRef(_IRAN[1:-1]), URIRef("urn:x:text"), Literal(HOSTILE)))
    .serialize(format="nt").strip(),
])
def test_jsonld_reads_back_as_the_same_triples(triple: str) -> None:
    from graphs import jsonld

    text = f"{triple}\n{_IRAN} {_LABEL} \"Iran\" .\n"
    written = jsonld(text)
    assert isomorphic(Graph().parse(data=written, format="json-ld"),
                      Graph().parse(data=text, format="nt"))
    assert jsonld(text) == written


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


@pytest.mark.parametrize(("edit", "violations_change"), [
    ("a document removed", False), ("a document added", False), ("a second label", True),
    ("a label gone", True), ("a class gone (sh:class of what points at it)", True),
    ("an agent's class gone (sh:class of the events and assertions it is in)", True),
    ("a bad confidence", True), ("a violation fixed", True),
    ("a relation to a non-actor (sh:targetObjectsOf)", True), ("nothing", False),
])
def test_revalidating_what_changed_finds_what_validating_everything_finds(
        edit: str, violations_change: bool) -> None:
    from graphs import revalidate, validate

    before, after = edited(edit)
    changed = set(before) ^ set(after)
    old, new = validate(before), validate(after)
    assert (old != new) == violations_change
    assert new == pyshacl_violations(after)  # pyshacl-turbo's nodes, then pyshacl's words: pyshacl's list
    assert revalidate(after, changed, old) == new
    store = _in_store(after)  # a build's store: what it holds read in batches
    assert revalidate(store, changed, old) == new
    assert validate(store) == new


def _in_store(graph: Graph):
    """``graph`` in an Oxigraph store, in a named graph of its own, beside an inferred graph
    that would break the shapes if it were read (a label more for every labelled node)."""
    import pyoxigraph as ox

    from graphs import ntriples

    store = ox.Store()
    store.load(ntriples(graph).encode(), format=ox.RdfFormat.N_TRIPLES,
               to_graph=ox.NamedNode(str(AGR["graph/doc/a"])))
    inferred = ox.NamedNode(str(AGR["graph/inferred"]))
    for node in graph.subjects(RDFS.label, None):
        store.add(ox.Quad(ox.NamedNode(str(node)), ox.NamedNode(str(RDFS.label)),
                          ox.Literal("inferred"), inferred))
    return store


@pytest.mark.parametrize(("stances", "links"), [
    (("", "denied"), 1),  # one source states it, another denies it
    (("claimed", "denied"), 1),  # reported speech against a denial
    (("denied", "denied"), 0),  # denied twice, stated nowhere
    (("", "claimed"), 0),  # nobody denies it
])
def test_the_corpus_graph_links_each_denial_to_the_assertions_it_contradicts(
        stances: tuple[str, str], links: int) -> None:
    import dataclasses

    from graphs import assertion_iri, corpus_graph

    one = minimal_result()
    told = one.assertions[0]
    other = dataclasses.replace(told, evidence=dataclasses.replace(told.evidence, start=1))
    pair = [dataclasses.replace(a, stance=s, reporting="say" if s else "")
            for a, s in zip((told, other), stances, strict=True)]
    graph = corpus_graph([dataclasses.replace(one, assertions=tuple(pair))])
    found = set(graph.subject_objects(AG.contradicts))
    assert len(found) == links
    for no, yes in found:
        denial = next(a for a in pair if assertion_iri(a) == no)
        assert denial.stance == "denied" and assertion_iri(denial) != yes


@pytest.mark.parametrize("chunk", [1, 3, 4, 5, 1000])
def test_jsonld_written_in_chunks_keeps_each_node_whole(
        chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    import graphs.exports
    from graphs import jsonld

    monkeypatch.setattr(graphs.exports, "_CHUNK", chunk)
    text = "".join(f'<urn:x:s{s}> <urn:x:p{p}> "{s}-{p}" .\n' for s in range(3) for p in range(4))
    written = jsonld(text)
    ids = [node["@id"] for node in json.loads(written)["@graph"]]
    assert ids == ["urn:x:s0", "urn:x:s1", "urn:x:s2"]
    assert isomorphic(Graph().parse(data=written, format="json-ld"),
                      Graph().parse(data=text, format="nt"))


def _sharma(doc_id: str, cls: str, mentions: int, role: str) -> DocumentResult:
    """One document that reads "Sharma" as ``cls``; ``role`` is what it does there: a
    relation predicate it is the subject of, ``object:<predicate>``, ``agent`` or ""."""
    text = f"Sharma and Delhi, in {doc_id}."
    doc = Document(doc_id, f"{doc_id}.txt", text, doc_id[-1] * 64)
    evidence = Evidence(doc_id, f"{doc_id}.txt", text, 0, len(text), "Sharma", "Delhi")
    actors = (Actor("~name:sharma", "Sharma", cls, None, ("Sharma",), mentions, ("local",)),
              Actor("~name:delhi", "Delhi", "Organization", None, ("Delhi",), 1, ("local",)))
    assertions, events = (), ()
    predicate = role.removeprefix("object:")
    if role and role != "agent":
        ends = ("~name:delhi", "~name:sharma") if role.startswith("object:") else \
            ("~name:sharma", "~name:delhi")
        assertions = (Assertion(*ends[:1], predicate, ends[1], 0.8, "test", evidence),)
    if role == "agent":
        events = (Event("~event:" + doc_id, "Protest", "a protest", ("~name:sharma",)),)
    return DocumentResult(doc, actors, (), assertions, events)


@pytest.mark.parametrize(("first", "role", "expected"), [
    ("Person", "", "Place"),                  # nothing rules the majority out: it wins
    ("Person", "attacks", "Person"),          # only actors attack
    ("Organization", "partOf", "Organization"),  # only organizations are parts
    ("Person", "object:appointed", "Person"),  # only people are appointed
    ("Policy", "object:signed", "Policy"),    # what is signed is a policy
    ("Person", "object:supports", "Place"),   # supports allows any object
    ("Person", "agent", "Person"),            # an event's agent is an actor
])
def test_a_node_keeps_the_class_its_relations_require_against_more_mentions(
        first: str, role: str, expected: str) -> None:
    from pyshacl import validate

    graph = to_rdf([_sharma("doc1", first, 1, role), _sharma("doc2", "Place", 3, ""),
                    _sharma("doc3", "Place", 3, "")])
    sharma = node_iri("~name:sharma")
    assert set(graph.objects(sharma, RDF.type)) - {AG.Actor} == {AG[expected]}
    conforms, _report, text = validate(graph, shacl_graph=load_shapes(), ont_graph=load_ontology())
    assert conforms, text


@pytest.mark.parametrize("results", [
    [minimal_result()], [hostile_result()], [minimal_result(), hostile_result()],
    [_sharma("doc1", "Person", 1, "agent"), _sharma("doc2", "Place", 3, "object:signed")],
], ids=["minimal", "hostile", "both", "events and merges"])
def test_the_parts_written_without_a_graph_are_the_graphs_n_triples(results) -> None:
    from graphs import corpus_graph, corpus_ntriples, document_graph, document_ntriples, ntriples

    assert corpus_ntriples(results) == ntriples(corpus_graph(results))
    for result in results:
        assert document_ntriples(result) == ntriples(document_graph(result))
