"""SPARQL answers and NetworkX views of small graphs."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from graphs import collapse_signed, query, to_networkx, to_rdf, write_graphml, write_turtle
from ontology import GraphError, QueryError
from tests.graphs.fixtures import HOSTILE, hostile_result, minimal_result


@pytest.fixture(scope="module")
def graph():
    return to_rdf([minimal_result(), hostile_result()])


def test_prefixes_are_declared_for_the_user(graph) -> None:
    table = query(graph, "SELECT ?s ?o WHERE { ?s ag:appointed ?o }")
    assert table.rows == [("https://w3id.org/actorgraph/id/Ali_Khamenei",
                           "https://w3id.org/actorgraph/id/Qasem_Soleimani")]


def test_bindings_are_substituted_not_pasted(graph) -> None:
    sparql = "SELECT ?x ?name WHERE { ?x rdfs:label ?name }"
    assert len(query(graph, sparql, {"name": HOSTILE}).rows) == 1
    assert query(graph, sparql, {"name": '" } ?x ?p ?o . { "'}).rows == []


@pytest.mark.parametrize(("sparql", "message"), [
    ("SELEKT ?x WHERE { ?x ?p ?o }", "syntax"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "only SELECT and ASK"),
])
def test_bad_queries_raise_query_error(graph, sparql: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        query(graph, sparql)


def test_renderings(graph) -> None:
    table = query(graph, "SELECT ?label WHERE { ?x a ag:Person ; rdfs:label ?label } ORDER BY ?label")
    assert json.loads(table.render("json"))[0] == {"label": "Ali Khamenei"}
    assert table.render("csv").splitlines()[0] == "label"
    assert "Ali Khamenei" in table.render("table")
    assert list(table.to_dataframe().columns) == ["label"]


@pytest.mark.parametrize(("view", "edges"), [
    ("all", {("Ali_Khamenei", "Qasem_Soleimani", "appointed"), ("entity", "Iran", "attacks")}),
    ("influence", {("Ali_Khamenei", "Qasem_Soleimani", "appointed")}),
    ("conflict", {("entity", "Iran", "attacks")}),
    ("cooperation", set()),
])
def test_views_keep_every_actor_and_their_families_edges(graph, view: str, edges: set) -> None:
    network = to_networkx(graph, view=view)
    assert network.number_of_nodes() == 4  # isolates stay
    found = {(u.rsplit("/", 2)[-1] if "entity" not in u else "entity", v.rsplit("/", 1)[-1], k)
             for u, v, k in network.edges(keys=True)}
    assert found == edges


def test_edges_carry_ontology_attributes_and_evidence(graph) -> None:
    network = to_networkx(graph, view="conflict")
    [(_u, _v, data)] = list(network.edges(data=True))
    assert (data["family"], data["cameo"], data["goldstein"]) == ("material conflict", "18-20", -9.0)
    assert data["evidence"][0]["source"] == 'x"<script>.txt'
    assert data["confidence"] == pytest.approx(0.8)


def test_collapse_signed_sums_goldstein(graph) -> None:
    signed = collapse_signed(to_networkx(graph))
    assert isinstance(signed, nx.DiGraph)
    weights = sorted(d["weight"] for _u, _v, d in signed.edges(data=True))
    assert weights == [-9.0, 0.0]


def test_unknown_view_raises(graph) -> None:
    with pytest.raises(GraphError, match="view 'peace'"):
        to_networkx(graph, view="peace")


def test_graphml_opens_in_networkx(graph, tmp_path: Path) -> None:
    path = write_graphml(to_networkx(graph), tmp_path / "g.graphml")
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == 4 and back.number_of_edges() == 2


def test_writes_leave_no_temporary_files(graph, tmp_path: Path) -> None:
    write_turtle(graph, tmp_path / "graph.ttl")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_a_table_names_iris_by_prefix_and_wraps_long_cells_without_cutting() -> None:
    from graphs import Table

    sentence = "Soleimani was chosen by Khamenei to lead the Quds Force " * 4
    table = Table(["node", "relation", "sentence"],
                  [("https://w3id.org/actorgraph/id/Qasem_Soleimani",
                    "https://w3id.org/actorgraph/ontology#leads", sentence.strip())])
    wide = table.render("table")
    assert "agr:Qasem_Soleimani" in wide and "ag:leads" in wide
    assert sentence.strip() in wide and len(wide.splitlines()) == 3  # one line a row
    narrow = table.render("table", width=60)
    assert max(len(line) for line in narrow.splitlines()) <= 60
    assert "".join(narrow.split()).count("".join(sentence.split())) == 1  # wrapped, whole
    assert not any(line != line.rstrip() for line in narrow.splitlines())
    assert json.loads(table.render("json"))[0]["relation"].startswith("https://")  # whole


@pytest.mark.parametrize("view", ["all", "conflict"])
def test_a_build_store_gives_the_network_its_asserted_graph_gives(demo_out: Path, view: str) -> None:
    import pyoxigraph as ox
    from rdflib import Graph

    store = ox.Store.read_only(str(demo_out / "store"))  # with the inferred graph
    assert any(g.value.endswith("graph/inferred") for g in store.named_graphs())
    ours = to_networkx(store, view=view)
    theirs = to_networkx(Graph().parse(demo_out / "graph.nt", format="nt"), view=view)
    assert ours.number_of_edges() > 10
    assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))
    assert list(ours.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
    assert ours.graph == theirs.graph
